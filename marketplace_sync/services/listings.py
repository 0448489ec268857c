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
)
from marketplace_sync.models import Channel, Listing, SyncRun
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.rules import (
    NO_SHIPPING_SIZE,
    available_quantity,
    channel_price,
    channel_stockrecord,
    product_listability,
)
from marketplace_sync.services.runs import SyncResult, sync_lease, sync_run

logger = logging.getLogger(__name__)

PUSH_CHUNK = 200


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
    attributes = {
        "region": str(product.region) if product.region_id else "",
        "technique": product.technique, "materials": product.materials,
        "artisan": stockrecord.partner.display_name if stockrecord.partner_id else "",
        "one_of_a_kind": product.is_one_of_a_kind, "lead_time_days": product.lead_time_days,
        "certifications": sorted(f"{c.kind}:{c.number}:{c.expiry_date}" for c in _certifications_shown(product)),
    }
    return ListingPayload(
        sku=stockrecord.partner_sku, title=product.get_title()[:120], description=_description(product),
        price=channel_price(channel=channel, base_price=stockrecord.price), images=_images(product),
        attributes=attributes,
        # The product's own packed weight and package, never a channel-wide default.
        weight_kg=(Decimal(product.weight_grams) / 1000).quantize(Decimal("0.001")),
        dimensions_cm=(product.length_cm, product.width_cm, product.height_cm),
        stock=available_quantity(channel=channel, stockrecord=stockrecord),
    )


def listing_fingerprint(payload: ListingPayload) -> str:
    canonical = json.dumps(payload.fingerprint_data(), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _scope_products(channel: Channel):
    products = Product.objects.filter(stockrecords__isnull=False)
    if channel.partner_id:
        products = products.filter(stockrecords__partner_id=channel.partner_id)
    return products.distinct()


def _candidate_products(*, channel: Channel, product_ids, full: bool):
    """Products that may need a push. Without ``full``, only what changed since its last push.

    This is what keeps a no-change push cheap for a large catalogue: the
    fingerprint is computed for changed products only.
    """
    listings = Listing.objects.filter(channel=channel, product=OuterRef("pk"))
    in_scope = _scope_products(channel)
    if product_ids is not None:
        products = Product.objects.filter(pk__in=product_ids)
    elif full:
        products = Product.objects.filter(Q(pk__in=in_scope.values("pk")) | Q(marketplace_listings__channel=channel))
    else:
        stale = listings.filter(
            Q(date_pushed__isnull=True) | Q(status__in=[Listing.ERROR, Listing.PENDING])
            | Q(date_pushed__lt=OuterRef("date_updated"))
            | Q(date_pushed__lt=channel.date_updated)
            | Q(product__stockrecords__date_updated__gt=F("date_pushed"))
            | Q(status=Listing.LISTED, product__certification_held=True)
        )
        products = Product.objects.filter(
            (Q(pk__in=in_scope.values("pk")) & Q(curation_state=Product.APPROVED) & ~Exists(listings))
            | Exists(stale)
        )
    return products.distinct().select_related("region").prefetch_related(
        "stockrecords__partner", "certifications", "images").order_by("pk")


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


def _delist(*, adapter, product, listing, reason, result):
    try:
        ref = RemoteListingRef(item_id=listing.remote_item_id, model_id=listing.remote_model_id)
        # Stock 0 first: even if unlisting fails, nothing more can be sold.
        stock = adapter.set_stock(updates=[StockUpdate(ref=ref, quantity=0)])
        if stock.failed:
            raise RequestRejected(next(iter(stock.failed.values())))
        adapter.set_listed(ref=ref, listed=False)
    except (RequestRejected, PayloadError) as exc:
        _listing_failed(listing, exc, result, product)
        return
    Listing.objects.filter(pk=listing.pk).update(
        status=Listing.DELISTED, status_reason=reason, pushed_stock=0, last_error="", fingerprint="",
        date_pushed=timezone.now(), date_stock_pushed=timezone.now())
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
            _create_remote(adapter=adapter, listing=listing, payload=payload, image_ids=image_ids)
            result.created += 1
        else:
            _update_remote(adapter=adapter, listing=listing, payload=payload, image_ids=image_ids)
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


def _create_remote(*, adapter, listing, payload, image_ids):
    ref = adapter.create_listing(payload=payload, image_ids=image_ids)
    listing.remote_item_id, listing.remote_model_id = ref.item_id, ref.model_id
    listing.pushed_stock = payload.stock
    listing.date_stock_pushed = timezone.now()


def _update_remote(*, adapter, listing, payload, image_ids):
    ref = RemoteListingRef(item_id=listing.remote_item_id, model_id=listing.remote_model_id)
    adapter.update_listing(ref=ref, payload=payload, image_ids=image_ids)
    if listing.status == Listing.DELISTED:
        adapter.set_listed(ref=ref, listed=True)
        adapter.set_stock(updates=[StockUpdate(ref=ref, quantity=payload.stock)])
        listing.pushed_stock = payload.stock
        listing.date_stock_pushed = timezone.now()


def _only_price_changed(listing, payload: ListingPayload) -> bool:
    """True when the last push differs from this one in its price alone (e.g. a new markup)."""
    if listing is None or not listing.remote_item_id or listing.status != Listing.LISTED \
            or listing.pushed_price is None:
        return False
    # The stored price comes back with the column's two decimals: give it the
    # payload's exponent so the fingerprints compare like with like.
    previous = listing.pushed_price.quantize(payload.price)
    return listing_fingerprint(replace(payload, price=previous)) == listing.fingerprint


def _push_price(*, adapter: MarketplaceAdapter, listing, payload, fingerprint, result, product):
    ref = RemoteListingRef(item_id=listing.remote_item_id, model_id=listing.remote_model_id)
    try:
        answer = adapter.set_prices(updates=[PriceUpdate(ref=ref, price=payload.price)])
        if answer.failed:
            raise RequestRejected(next(iter(answer.failed.values())))
    except (RequestRejected, PayloadError) as exc:
        _listing_failed(listing, exc, result, product)
        return
    Listing.objects.filter(pk=listing.pk).update(fingerprint=fingerprint, pushed_price=payload.price,
                                                 last_error="", date_pushed=timezone.now())
    result.updated += 1


def _listing_failed(listing, exc, result, product):
    Listing.objects.filter(pk=listing.pk).update(status=Listing.ERROR, last_error=str(exc)[:2000],
                                                 date_pushed=timezone.now())
    result.error(f"product {product.pk} ({product.get_title()}): {exc}")
