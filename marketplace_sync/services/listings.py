"""Listing push: a delta by fingerprint; only curator-approved, certified products are listed."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import replace
from decimal import Decimal
from itertools import islice

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace_sync.adapters.base import (
    ListingImage,
    ListingPayload,
    MarketplaceAdapter,
    PayloadError,
    PriceUpdate,
    RemoteListingRef,
    RequestRejected,
    StockUpdate,
    VariantPayload,
)
from marketplace_sync.models import Channel, Listing, SyncRun
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.rules import (
    NO_SHIPPING_SIZE,
    available_quantity,
    channel_price,
    channel_stockrecord,
    channel_variants,
    product_listability,
)
from marketplace_sync.services.runs import SyncResult, sync_lease, sync_run

logger = logging.getLogger(__name__)

PUSH_CHUNK = 200
#: The tier a buyer chooses a variant in, on every marketplace (options: the children's titles).
VARIATION_NAME = "Variasi"


def batched(iterable, size):
    """itertools.batched, which arrives only with Python 3.12."""
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Certification = get_model("catalogue", "Certification")


def _certifications_shown(product) -> list:
    """Certificates a listing may mention: approved by a curator and not expired."""
    return [c for c in product.certifications.all() if c.is_valid]


def _description(product) -> str:
    parts = [product.story or product.story_en or product.description or product.title]
    facts = []
    if product.region_id:
        facts.append(f"Asal: {product.region}")
    if product.technique:
        facts.append(f"Teknik: {product.technique}")
    if product.materials:
        facts.append(f"Bahan: {product.materials}")
    artisan = product.stockrecords.all()[0].partner if product.stockrecords.all() else None
    if artisan is not None:
        facts.append(f"Perajin: {artisan.display_name}")
    certifications = [f"{c.get_kind_display()} {c.number}" for c in _certifications_shown(product)]
    if certifications:
        facts.append("Sertifikasi: " + ", ".join(certifications))
    if facts:
        parts.append("\n".join(facts))
    parts.append("Dikurasi oleh Galeri Kriya Jawa Timur.")
    return "\n\n".join(p for p in parts if p)


def _images(product) -> list[ListingImage]:
    images = []
    for image in product.images.all():
        field = image.original
        if not field:
            continue

        def read(field=field):
            field.open("rb")
            try:
                return field.read()
            finally:
                field.close()

        # Storage names are unique per upload: a new image file means a new key.
        images.append(ListingImage(key=f"{image.pk}:{field.name}", filename=field.name.rsplit("/", 1)[-1],
                                   read=read))
    return images


def listing_payload(*, channel: Channel, product, stockrecord) -> ListingPayload:
    """What the channel should show: one SKU, or for a parent product one item with a variant per child."""
    variants = _variant_payloads(channel=channel, product=product) if product.is_parent else []
    if variants:
        stockrecord = channel_variants(channel=channel, product=product)[0][1]  # the artisan, for the text
        price, stock = min(v.price for v in variants), sum(v.stock for v in variants)
        sku = product.upc or f"GK-{product.pk}"
    else:
        price = channel_price(channel=channel, base_price=stockrecord.price)
        stock, sku = available_quantity(channel=channel, stockrecord=stockrecord), stockrecord.partner_sku
    attributes = {
        "region": str(product.region) if product.region_id else "",
        "technique": product.technique, "materials": product.materials,
        "artisan": stockrecord.partner.display_name if stockrecord.partner_id else "",
        "one_of_a_kind": product.is_one_of_a_kind, "lead_time_days": product.lead_time_days,
        "certifications": sorted(f"{c.kind}:{c.number}:{c.expiry_date}" for c in _certifications_shown(product)),
    }
    return ListingPayload(
        sku=sku, title=product.get_title()[:120], description=_description(product),
        price=price, images=_images(product), attributes=attributes,
        # The product's own packed weight and package, never a channel-wide default.
        weight_kg=(Decimal(product.weight_grams) / 1000).quantize(Decimal("0.001")),
        dimensions_cm=(product.length_cm, product.width_cm, product.height_cm),
        stock=stock, variants=variants, variation_name=VARIATION_NAME if variants else "",
    )


def _variant_payloads(*, channel: Channel, product) -> list[VariantPayload]:
    """One variant per child the channel sells; the option is the child's own title (e.g. "M", "Merah")."""
    return [
        VariantPayload(key=str(child.pk), sku=record.partner_sku, option=(child.title or record.partner_sku)[:20],
                       price=channel_price(channel=channel, base_price=record.price),
                       stock=available_quantity(channel=channel, stockrecord=record))
        for child, record in channel_variants(channel=channel, product=product)
    ]


def listing_fingerprint(payload: ListingPayload) -> str:
    canonical = json.dumps(payload.fingerprint_data(), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _in_scope(channel: Channel) -> Q:
    """Products the channel may sell: with a stock record in its scope, or parents of children with one."""
    records = StockRecord.objects.all()
    if channel.partner_id:
        records = records.filter(partner_id=channel.partner_id)
    return (Q(pk__in=records.values("product_id"))
            | Q(pk__in=records.filter(product__parent__isnull=False).values("product__parent_id")))


def _candidate_products(*, channel: Channel, product_ids, full: bool):
    """Products that may need a push. Without ``full``, only what changed since its last push.

    This is what keeps a no-change push cheap for a large catalogue: the
    fingerprint is computed for changed products only. A variant (child product)
    is pushed as part of its parent, never on its own.
    """
    listings = Listing.objects.filter(channel=channel, product=OuterRef("pk"))
    in_scope = _in_scope(channel)
    if product_ids is not None:
        products = Product.objects.filter(
            Q(pk__in=product_ids) | Q(pk__in=Product.objects.filter(pk__in=product_ids, parent__isnull=False)
                                     .values("parent_id")))
    elif full:
        products = Product.objects.filter(in_scope | Q(marketplace_listings__channel=channel))
    else:
        stale = listings.filter(
            Q(date_pushed__isnull=True) | Q(status__in=[Listing.ERROR, Listing.PENDING])
            | Q(date_pushed__lt=OuterRef("date_updated"))
            | Q(date_pushed__lt=channel.date_updated)
            | Q(product__stockrecords__date_updated__gt=F("date_pushed"))
            | Q(status=Listing.LISTED, product__certification_held=True)
        )
        # A variant's price or option changed: its parent's item is pushed again.
        stale_variants = listings.filter(
            Q(product__children__date_updated__gt=F("date_pushed"))
            | Q(product__children__stockrecords__date_updated__gt=F("date_pushed")),
            product__structure=Product.PARENT,
        )
        products = Product.objects.filter(
            (in_scope & Q(curation_state=Product.APPROVED) & ~Exists(listings))
            | Exists(stale) | Exists(stale_variants)
        )
    return products.exclude(structure=Product.CHILD).distinct().select_related("region").prefetch_related(
        "stockrecords__partner", "certifications", "images", "children__stockrecords__partner").order_by("pk")


def listings_push(*, channel: Channel, product_ids: list[int] | None = None, full: bool = False) -> SyncResult:
    """Create, update or delist what changed on one channel. Safe to run twice."""
    with sync_lease(channel=channel, kind=SyncRun.PUSH) as got:
        if not got:
            return SyncResult(channel_code=channel.code, kind=SyncRun.PUSH, skipped=True)
        with sync_run(channel=channel, kind=SyncRun.PUSH) as result:
            adapter = channel_adapter(channel=channel)
            candidates = _candidate_products(channel=channel, product_ids=product_ids, full=full)
            # Listings are read per chunk of candidates, never for the whole
            # channel: a push costs what changed, not the catalogue size.
            for chunk in batched(candidates.iterator(chunk_size=PUSH_CHUNK), PUSH_CHUNK):
                listings = {listing.product_id: listing for listing in Listing.objects.filter(
                    channel=channel, product_id__in=[product.pk for product in chunk])}
                for product in chunk:
                    _push_one(channel=channel, adapter=adapter, product=product, listing=listings.get(product.pk),
                              result=result)
        return result


def _push_one(*, channel, adapter: MarketplaceAdapter, product, listing, result: SyncResult):
    """One product onto one channel, as named steps: decide, then report, delist, skip, reprice or send."""
    stockrecord = channel_stockrecord(channel=channel, product=product)
    listable, reason = product_listability(channel=channel, product=product, stockrecord=stockrecord)
    if not listable:
        _push_unlistable(channel=channel, adapter=adapter, product=product, listing=listing, reason=reason,
                         result=result)
        return
    payload = listing_payload(channel=channel, product=product, stockrecord=stockrecord)
    problems = adapter.listing_problems(payload=payload)
    if problems:
        _report_listing_rules(channel=channel, product=product, listing=listing, problems=problems, result=result)
        return
    fingerprint = listing_fingerprint(payload)
    if _unchanged_since_last_push(listing, fingerprint):
        # Touch date_pushed so this product is not a candidate again until it changes.
        Listing.objects.filter(pk=listing.pk).update(date_pushed=timezone.now())
        result.unchanged += 1
    elif _only_price_changed(listing, payload):
        _push_price(adapter=adapter, listing=listing, payload=payload, fingerprint=fingerprint, result=result,
                    product=product)
    else:
        _push_whole(channel=channel, adapter=adapter, product=product, listing=listing, payload=payload,
                    fingerprint=fingerprint, result=result)


def _on_sale(listing) -> bool:
    """The marketplace holds an item for this listing that buyers can still see."""
    return listing is not None and bool(listing.remote_item_id) and listing.status != Listing.DELISTED


def _push_unlistable(*, channel, adapter, product, listing, reason, result):
    """A product the channel must not sell (now): delist it if it is on sale, else say why it is not."""
    if reason == NO_SHIPPING_SIZE and (listing is None or not listing.remote_item_id):
        _report_unsendable(channel=channel, product=product, listing=listing, reason=reason, result=result)
    elif _on_sale(listing):
        _delist(adapter=adapter, product=product, listing=listing, reason=reason, result=result)
    else:
        if listing is not None and listing.status_reason != reason:
            Listing.objects.filter(pk=listing.pk).update(status_reason=reason)
        result.unchanged += 1


def _report_unsendable(*, channel, product, listing, reason, result):
    # An approved piece the channel should sell but cannot: say so on its
    # listing (operators see it in Marketplace > Listings) instead of
    # pushing a made-up weight.
    if listing is None:
        Listing.objects.create(channel=channel, product=product, status=Listing.PENDING, status_reason=reason)
    elif listing.status_reason != reason:
        Listing.objects.filter(pk=listing.pk).update(status_reason=reason)
    result.error(f"product {product.pk} ({product.get_title()}): {reason}")


def _stock_refs(listing) -> list[tuple[RemoteListingRef, object]]:
    """(ref, listing row) for every stock-holding unit of a listing: its variants, or itself."""
    variants = list(listing.variant_listings.all())
    if variants:
        return [(RemoteListingRef(item_id=v.remote_item_id, model_id=v.remote_model_id), v) for v in variants]
    return [(RemoteListingRef(item_id=listing.remote_item_id, model_id=listing.remote_model_id), listing)]


def _delist(*, adapter, product, listing, reason, result):
    try:
        units = _stock_refs(listing)
        # Stock 0 first: even if unlisting fails, nothing more can be sold.
        stock = adapter.set_stock(updates=[StockUpdate(ref=ref, quantity=0) for ref, _ in units])
        if stock.failed:
            raise RequestRejected(next(iter(stock.failed.values())))
        adapter.set_listed(ref=RemoteListingRef(item_id=listing.remote_item_id, model_id=listing.remote_model_id),
                           listed=False)
    except (RequestRejected, PayloadError) as exc:
        _listing_failed(listing, exc, result, product)
        return
    now = timezone.now()
    Listing.objects.filter(pk=listing.pk).update(
        status=Listing.DELISTED, status_reason=reason, pushed_stock=0, last_error="", fingerprint="",
        date_pushed=now, date_stock_pushed=now)
    listing.variant_listings.update(status=Listing.DELISTED, status_reason=reason, pushed_stock=0,
                                    date_pushed=now, date_stock_pushed=now)
    result.updated += 1


def _report_listing_rules(*, channel, product, listing, problems, result):
    """The marketplace would refuse it: say why on the listing, send nothing."""
    reason = "; ".join(problems)
    if listing is None:
        listing, _ = Listing.objects.get_or_create(channel=channel, product=product)
    Listing.objects.filter(pk=listing.pk).update(status=Listing.ERROR, status_reason=reason[:255],
                                                 last_error=f"listing rules: {reason}"[:2000],
                                                 date_pushed=timezone.now())
    result.error(f"product {product.pk} ({product.get_title()}): listing rules: {reason}")


def _unchanged_since_last_push(listing, fingerprint) -> bool:
    return listing is not None and bool(listing.remote_item_id) and listing.status == Listing.LISTED \
        and listing.fingerprint == fingerprint


def _upload_images(*, adapter, listing, payload) -> tuple[list[str], dict]:
    """Remote ids of the payload's images, uploading only those not uploaded before.

    ``listing.remote_image_ids`` is kept up to date as each one goes up, so a
    failure later in the push does not upload them again next time.
    """
    known = dict(listing.remote_image_ids)
    image_ids = []
    try:
        for image in payload.images:
            if image.key not in known:
                known[image.key] = adapter.upload_image(image=image)
            image_ids.append(known[image.key])
    finally:
        listing.remote_image_ids = known
    return image_ids, {image.key: known[image.key] for image in payload.images}


def _push_whole(*, channel, adapter, product, listing, payload, fingerprint, result):
    """Create the remote item, or update all of it (relisting it if it was delisted)."""
    if listing is None:
        listing, _ = Listing.objects.get_or_create(channel=channel, product=product)
    try:
        image_ids, images_in_use = _upload_images(adapter=adapter, listing=listing, payload=payload)
        listing.remote_image_ids = images_in_use
        if not listing.remote_item_id:
            ref = _create_remote(adapter=adapter, listing=listing, payload=payload, image_ids=image_ids)
            result.created += 1
        else:
            ref = _update_remote(adapter=adapter, listing=listing, payload=payload, image_ids=image_ids)
            result.updated += 1
    except (RequestRejected, PayloadError) as exc:
        # Images already uploaded are not uploaded again.
        listing.save(update_fields=["remote_image_ids", "remote_item_id", "remote_model_id"])
        _listing_failed(listing, exc, result, product)
        return
    listing.remote_sku = payload.sku
    listing.fingerprint = fingerprint
    listing.pushed_price = payload.price
    listing.status, listing.status_reason, listing.last_error = Listing.LISTED, "", ""
    listing.date_pushed = timezone.now()
    listing.save()
    if payload.variants:
        _store_variant_listings(channel=channel, listing=listing, payload=payload, ref=ref)


def _create_remote(*, adapter, listing, payload, image_ids) -> RemoteListingRef:
    ref = adapter.create_listing(payload=payload, image_ids=image_ids)
    listing.remote_item_id, listing.remote_model_id = ref.item_id, ref.model_id
    listing.pushed_stock = payload.stock
    listing.date_stock_pushed = timezone.now()
    return ref


def _update_remote(*, adapter, listing, payload, image_ids) -> RemoteListingRef:
    # The variants already there, so the adapter can tell them from new ones.
    known = {str(v.product_id): v.remote_model_id for v in listing.variant_listings.all()} if payload.variants else {}
    ref = RemoteListingRef(item_id=listing.remote_item_id, model_id=listing.remote_model_id, variants=known)
    ref = adapter.update_listing(ref=ref, payload=payload, image_ids=image_ids) or ref
    if listing.status == Listing.DELISTED:
        adapter.set_listed(ref=ref, listed=True)
        if payload.variants:
            updates = [StockUpdate(ref=RemoteListingRef(item_id=ref.item_id, model_id=ref.variants[v.key]),
                                   quantity=v.stock) for v in payload.variants if v.key in ref.variants]
        else:
            updates = [StockUpdate(ref=ref, quantity=payload.stock)]
        adapter.set_stock(updates=updates)
        listing.pushed_stock = payload.stock
        listing.date_stock_pushed = timezone.now()
    return ref


def _store_variant_listings(*, channel, listing, payload, ref: RemoteListingRef):
    """One listing row per variant, pointing to the item's row: stock and orders work per child from here."""
    now = timezone.now()
    for variant in payload.variants:
        model_id = ref.variants.get(variant.key)
        if model_id is None:
            continue
        Listing.objects.update_or_create(channel=channel, product_id=int(variant.key), defaults={
            "parent": listing, "remote_item_id": listing.remote_item_id, "remote_model_id": str(model_id),
            "remote_sku": variant.sku, "pushed_price": variant.price, "pushed_stock": variant.stock,
            "status": Listing.LISTED, "status_reason": "", "last_error": "", "date_pushed": now,
            "date_stock_pushed": now,
        })


def _previous_prices(listing, payload: ListingPayload) -> ListingPayload | None:
    """The payload as last pushed if only prices changed since, else None."""
    if listing is None or not listing.remote_item_id or listing.status != Listing.LISTED \
            or listing.pushed_price is None:
        return None
    # Stored prices come back with the column's two decimals: give them the
    # payload's exponent so the fingerprints compare like with like.
    previous = replace(payload, price=listing.pushed_price.quantize(payload.price))
    if payload.variants:
        pushed = {str(v.product_id): v.pushed_price for v in listing.variant_listings.all()}
        if any(pushed.get(v.key) is None for v in payload.variants):
            return None  # a new variant: the whole item goes again
        previous.variants = [replace(v, price=pushed[v.key].quantize(v.price)) for v in payload.variants]
    return previous


def _only_price_changed(listing, payload: ListingPayload) -> bool:
    """True when the last push differs from this one in its prices alone (e.g. a new markup)."""
    previous = _previous_prices(listing, payload)
    return previous is not None and listing_fingerprint(previous) == listing.fingerprint


def _push_price(*, adapter: MarketplaceAdapter, listing, payload, fingerprint, result, product):
    """Send only the prices that changed: the item's, or each changed variant's (model/SKU)."""
    if payload.variants:
        rows = {str(v.product_id): v for v in listing.variant_listings.all()}
        changed = [(rows[v.key], v.price) for v in payload.variants if rows[v.key].pushed_price != v.price]
        updates = [PriceUpdate(ref=RemoteListingRef(item_id=row.remote_item_id, model_id=row.remote_model_id),
                               price=price) for row, price in changed]
    else:
        changed = []
        updates = [PriceUpdate(ref=RemoteListingRef(item_id=listing.remote_item_id,
                                                    model_id=listing.remote_model_id), price=payload.price)]
    try:
        answer = adapter.set_prices(updates=updates)
        if answer.failed:
            raise RequestRejected(next(iter(answer.failed.values())))
    except (RequestRejected, PayloadError) as exc:
        _listing_failed(listing, exc, result, product)
        return
    for row, price in changed:
        Listing.objects.filter(pk=row.pk).update(pushed_price=price, date_pushed=timezone.now())
    Listing.objects.filter(pk=listing.pk).update(fingerprint=fingerprint, pushed_price=payload.price,
                                                 last_error="", date_pushed=timezone.now())
    result.updated += 1


def _listing_failed(listing, exc, result, product):
    Listing.objects.filter(pk=listing.pk).update(status=Listing.ERROR, last_error=str(exc)[:2000],
                                                 date_pushed=timezone.now())
    result.error(f"product {product.pk} ({product.get_title()}): {exc}")
