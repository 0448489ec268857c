"""Read-only queries for the operator side (commands and dashboard pages).

Kept apart from ``services/`` (which change state) so the pages and commands
never grow their own ORM logic.
"""
from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from oscar.core.loading import get_model

from marketplace_sync.models import Channel, Listing, SyncRun

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

#: The steps shown as "last run" columns, in this order.
RUN_KINDS = [SyncRun.PUSH, SyncRun.PULL, SyncRun.STOCK, SyncRun.RECONCILE, SyncRun.TOKENS]


def partner_by_code(*, code: str):
    """An artisan by Oscar partner code or by our slug (both are shown in the dashboard)."""
    return Partner.objects.filter(Q(code=code) | Q(slug=code)).first()


def channel_last_runs(*, channels) -> dict[int, dict[str, SyncRun]]:
    """{channel id: {kind: latest SyncRun}} in two queries, whatever the number of channels or runs.

    Each latest id is a correlated subquery served by the (channel, kind, -date_started) index.
    """
    ids = [channel.pk for channel in channels]
    latest: dict[int, dict[str, SyncRun]] = {pk: {} for pk in ids}
    if not ids:
        return latest
    annotations = {
        f"last_{kind}": Subquery(SyncRun.objects.filter(channel=OuterRef("pk"), kind=kind)
                                 .order_by("-date_started", "-pk").values("pk")[:1])
        for kind in RUN_KINDS
    }
    run_ids = [pk for row in Channel.objects.filter(pk__in=ids).annotate(**annotations).values(*annotations)
               for pk in row.values() if pk]
    for run in SyncRun.objects.filter(pk__in=run_ids):
        latest[run.channel_id][run.kind] = run
    return latest


def channels_overview():
    """Channels with listing counts by status, for the channel list page."""
    return (Channel.objects.select_related("partner").order_by("name").annotate(
        listings_total=Count("listings"),
        listings_listed=Count("listings", filter=Q(listings__status=Listing.LISTED)),
        listings_error=Count("listings", filter=Q(listings__status=Listing.ERROR)),
    ))


def sync_runs(*, channel_id=None, kind=None, status=None):
    runs = SyncRun.objects.select_related("channel").order_by("-date_started")
    if channel_id:
        runs = runs.filter(channel_id=channel_id)
    if kind:
        runs = runs.filter(kind=kind)
    if status:
        runs = runs.filter(status=status)
    return runs


def listings_search(*, query: str = "", channel_id=None, status=None):
    listings = Listing.objects.select_related("channel", "product").order_by("product__title", "channel__name")
    if channel_id:
        listings = listings.filter(channel_id=channel_id)
    if status:
        listings = listings.filter(status=status)
    if query:
        listings = listings.filter(Q(product__title__icontains=query) | Q(remote_sku__icontains=query)
                                   | Q(product__upc__iexact=query) | Q(remote_item_id=query))
    return listings


def product_listings(*, product) -> list[tuple[Channel, Listing | None]]:
    """Every channel with this product's listing on it (None where it has never been pushed)."""
    listings = {listing.channel_id: listing for listing in
                Listing.objects.filter(product=product).select_related("channel", "product")}
    channels = Channel.objects.select_related("partner").order_by("name")
    rows = []
    for channel in channels:
        listing = listings.get(channel.pk)
        if listing is not None:
            listing.channel = channel
        rows.append((channel, listing))
    return rows


# --------------------------------------------------------------------------- progress of a running step


def step_total(*, step: str, channel: Channel, full: bool = False) -> int | None:
    """How many items a step will go through, when that is knowable up front (else None)."""
    if step == "push":
        # The same candidate query listings_push uses, so the bar ends where the push does.
        from marketplace_sync.services.listings import _candidate_products

        return _candidate_products(channel=channel, product_ids=None, full=full).count()
    if step in ("stock", "reconcile"):
        return Listing.objects.filter(channel=channel).exclude(remote_item_id="").count()
    return None


def step_progress(*, step: str, channel: Channel, since) -> int:
    """How many items a step running since ``since`` has written so far."""
    if step == "push":
        return Listing.objects.filter(channel=channel, date_pushed__gte=since).count()
    if step in ("stock", "reconcile"):
        return Listing.objects.filter(channel=channel, date_stock_pushed__gte=since).count()
    if step == "pull":
        return channel.imported_orders.filter(date_updated__gte=since).count()
    return 0
