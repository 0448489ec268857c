"""Stock: one pool (Oscar's StockRecord), pushed as deltas, reconciled hourly."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace_sync.adapters.base import RemoteListingRef, StockUpdate
from marketplace_sync.models import Channel, Listing, SyncRun
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.rules import available_quantity, channel_stockrecord, product_listability
from marketplace_sync.services.runs import SyncResult, sync_run

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")

STOCK_BATCH = 200  # listings per adapter.set_stock call; the adapter splits further


@dataclass
class StockExplanation:
    """Why the channel shows N: every number that produced it."""

    num_in_stock: int
    num_allocated: int
    buffer: int
    available: int  # what the channel should show now
    listable: bool
    reason: str  # why it is 0 although units are in stock, if it is
    pushed_stock: int | None  # what we last told the channel
    date_stock_pushed: object
    in_sync: bool


def listing_stock_explanation(*, listing: Listing) -> StockExplanation:
    channel, product = listing.channel, listing.product
    stockrecord = channel_stockrecord(channel=channel, product=product)
    listable, reason = product_listability(channel=channel, product=product, stockrecord=stockrecord)
    if listable and listing.status == Listing.DELISTED:
        listable, reason = False, "delisted; relisted at the next push"
    in_stock = (stockrecord.num_in_stock or 0) if stockrecord else 0
    allocated = (stockrecord.num_allocated or 0) if stockrecord else 0
    available = available_quantity(channel=channel, stockrecord=stockrecord) if listable else 0
    return StockExplanation(
        num_in_stock=in_stock, num_allocated=allocated, buffer=channel.stock_buffer, available=available,
        listable=listable, reason=reason, pushed_stock=listing.pushed_stock,
        date_stock_pushed=listing.date_stock_pushed, in_sync=listing.pushed_stock == available,
    )


def _expected(listing: Listing) -> int:
    # An errored listing with a remote item is still on sale there with its last good
    # content (a failed update or a broken listing rule): its stock must keep following ours.
    if listing.status != Listing.LISTED and not (listing.status == Listing.ERROR and listing.remote_item_id):
        return 0
    stockrecord = channel_stockrecord(channel=listing.channel, product=listing.product)
    listable, _ = product_listability(channel=listing.channel, product=listing.product, stockrecord=stockrecord)
    return available_quantity(channel=listing.channel, stockrecord=stockrecord) if listable else 0


def _listings(channel: Channel, product_ids):
    # An item with variations holds no stock itself: its variants' rows (one per child) do.
    listings = (Listing.objects.filter(channel=channel).exclude(remote_item_id="")
                .exclude(product__structure=Product.PARENT)
                .filter(Q(status__in=[Listing.LISTED, Listing.ERROR]) | Q(status=Listing.DELISTED, pushed_stock__gt=0))
                .select_related("channel", "product", "product__parent")
                .prefetch_related("product__stockrecords", "product__certifications")
                .order_by("pk"))
    if product_ids is not None:
        listings = listings.filter(product_id__in=product_ids)
    return listings


def _ref(listing: Listing) -> RemoteListingRef:
    return RemoteListingRef(item_id=listing.remote_item_id, model_id=listing.remote_model_id)


def _push(adapter, listings_and_quantities, result):
    updates = [StockUpdate(ref=_ref(listing), quantity=quantity) for listing, quantity in listings_and_quantities]
    outcome = adapter.set_stock(updates=updates)
    now = timezone.now()
    for (listing, quantity), update in zip(listings_and_quantities, updates, strict=True):
        reason = outcome.failed.get(update.ref.key)
        if reason:
            Listing.objects.filter(pk=listing.pk).update(last_error=f"stock: {reason}"[:2000])
            result.error(f"listing {listing.pk} stock: {reason}")
        else:
            Listing.objects.filter(pk=listing.pk).update(pushed_stock=quantity, date_stock_pushed=now)
            result.updated += 1


def stock_push(*, channel: Channel, product_ids: list[int] | None = None, force: bool = False) -> SyncResult:
    """Push available quantities that differ from what was last pushed (all of them with ``force``)."""
    with sync_run(channel=channel, kind=SyncRun.STOCK) as result:
        adapter = None
        pending = []
        for listing in _listings(channel, product_ids).iterator(chunk_size=500):
            listing.channel = channel
            expected = _expected(listing)
            if not force and listing.pushed_stock == expected:
                result.unchanged += 1
                continue
            pending.append((listing, expected))
            if len(pending) >= STOCK_BATCH:
                adapter = adapter or channel_adapter(channel=channel)
                _push(adapter, pending, result)
                pending = []
        if pending:
            adapter = adapter or channel_adapter(channel=channel)
            _push(adapter, pending, result)
    return result


def product_stock_push(*, product_id: int) -> list[SyncResult]:
    """After a stock change: push this product's quantity to every enabled channel listing it."""
    channels = Channel.objects.filter(enabled=True, listings__product_id=product_id).distinct()
    return [stock_push(channel=channel, product_ids=[product_id]) for channel in channels]


def stock_reconcile(*, channel: Channel) -> SyncResult:
    """Read every listing's remote stock and correct any that drifted from the expected value."""
    with sync_run(channel=channel, kind=SyncRun.RECONCILE) as result:
        adapter = channel_adapter(channel=channel)
        listings = list(_listings(channel, None))
        for listing in listings:
            listing.channel = channel
        remote = adapter.get_stock(refs=[_ref(listing) for listing in listings])
        drifted = []
        for listing in listings:
            expected = _expected(listing)
            key = _ref(listing).key
            if key in remote and remote[key] == expected:
                result.unchanged += 1
                if listing.pushed_stock != expected:
                    Listing.objects.filter(pk=listing.pk).update(pushed_stock=expected)
                continue
            drifted.append((listing, expected))
        for start in range(0, len(drifted), STOCK_BATCH):
            _push(adapter, drifted[start:start + STOCK_BATCH], result)
    return result
