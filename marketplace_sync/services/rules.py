"""The channel rules: what a channel sells, at what price, and how many.

The lowest layer of the sync services: listings (what to push), stock (how
many to push) and the demo all ask these and nothing here asks them back.
Pure functions of a channel and a product; no marketplace calls, no writes.
"""
from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from marketplace_sync.models import Channel
from shop.shipping.weights import product_shipping_problems

NO_SHIPPING_SIZE = "no shipping weight or package size (every marketplace requires them)"


def channel_price(*, channel: Channel, base_price: Decimal) -> Decimal:
    """Storefront price plus the channel's markup, rounded UP to a multiple of its rounding step.

    Rounding up (never to nearest) so a channel never sells below the markup
    the council set: Rp 1.234.501 with rounding 1.000 becomes Rp 1.235.000.
    """
    raw = Decimal(base_price) * (Decimal(100) + Decimal(channel.markup_percent)) / Decimal(100)
    step = Decimal(channel.price_rounding or 1)
    return ((raw / step).to_integral_value(rounding=ROUND_CEILING) * step).quantize(Decimal(1))


def channel_stockrecord(*, channel: Channel, product):
    """The stock record a channel sells from: the scoped artisan's, else the product's first."""
    records = product.stockrecords.all()
    if channel.partner_id:
        records = [r for r in records if r.partner_id == channel.partner_id]
    return min(records, key=lambda r: r.pk) if records else None


def available_quantity(*, channel: Channel, stockrecord) -> int:
    """num_in_stock - num_allocated - channel buffer, never below 0."""
    if stockrecord is None:
        return 0
    in_stock = stockrecord.num_in_stock or 0
    allocated = stockrecord.num_allocated or 0
    return max(in_stock - allocated - channel.stock_buffer, 0)


def curated_subject(product):
    """The product whose curation, photos, certificates and package count: a variant's parent.

    A child product (a size or colour of a piece) is curated with its parent and
    inherits its approval; it has only its own stock record, SKU and price.
    """
    return product.parent if product.is_child else product


def channel_variants(*, channel: Channel, product) -> list[tuple[object, object]]:
    """[(child, stock record)] a channel sells of a parent product: children with a priced record in its scope."""
    variants = []
    for child in sorted(product.children.all(), key=lambda c: c.pk):
        stockrecord = channel_stockrecord(channel=channel, product=child)
        if stockrecord is not None and stockrecord.price is not None:
            variants.append((child, stockrecord))
    return variants


def product_listability(*, channel: Channel, product, stockrecord=None) -> tuple[bool, str]:
    """(listable, reason): approved (export ready where the channel asks), in the channel's scope,
    with a price, an image and a shipping size, not held. A variant answers for its parent's
    curation; a parent is listable when at least one of its variants is."""
    subject = curated_subject(product)
    if not subject.is_approved:
        return False, "not approved by curators"
    if channel.export_ready_only and not subject.export_ready:
        return False, "not export ready (this channel lists export-ready products only)"
    if product.is_parent:
        if not channel_variants(channel=channel, product=product):
            return False, "no variant with a priced stock record in this channel's scope"
    else:
        stockrecord = stockrecord if stockrecord is not None else channel_stockrecord(channel=channel, product=product)
        if stockrecord is None:
            return False, "no stock record in this channel's scope"
        if stockrecord.price is None:
            return False, "no price"
    if not subject.images.all():
        return False, "no product image (every marketplace requires one)"
    if subject.certification_held:
        # Kept by shop.certifications: the craft requires a certificate this
        # product holds no approved, unexpired one of (expired, rejected, missing).
        return False, "held: a certification its craft requires has expired or is missing"
    if product_shipping_problems(subject):
        return False, NO_SHIPPING_SIZE
    return True, ""
