"""Campaign discounts on the marketplaces, each with its own promotion mechanism.

Generic: a source (``settings.MARKETPLACE_PROMOTION_SOURCE``, e.g. the campaigns app) says
which products get which discounted storefront price on which channel for which period;
this module keeps one ``ChannelPromotion`` per (channel, key) in step with it.

Idempotency: the wanted state is written to the database first, then a push sends only
what the stored state says is still missing (promotion not created, item pending, price
target changed, item no longer wanted). So a retry, a second worker (held off by the
channel's ``promotion`` lease) or a restarted worker repeats no write call, and a refused
item is not sent again unless its price target changes.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_noop

from marketplace_sync.adapters.base import (
    MarketplaceError,
    PromotionItemUpdate,
    RemoteListingRef,
    RemotePromotion,
    RequestRejected,
)
from marketplace_sync.models import Channel, ChannelPromotion, ChannelPromotionItem, Listing
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.rules import channel_price
from marketplace_sync.services.runs import sync_lease

logger = logging.getLogger(__name__)

LEASE_KIND = "promotion"
# Our own refusals, stored in English like the marketplaces' answers; the dashboard translates these two.
NOT_LISTED = gettext_noop("The product is not listed on this channel.")
IN_OTHER_PROMOTION = gettext_noop("The product is already in another of our promotions on this channel for an "
                                  "overlapping period.")
OPEN = (ChannelPromotion.SCHEDULED, ChannelPromotion.ACTIVE)


@dataclass
class PromotionItem:
    """One product of a campaign: ``price`` is its discounted storefront price (before the channel's rule)."""

    product: object  # a Product or its pk
    price: Decimal


def _product_pk(product) -> int:
    return int(getattr(product, "pk", product))


def _ref(listing: Listing) -> RemoteListingRef:
    return RemoteListingRef(item_id=listing.remote_item_id, model_id=listing.remote_model_id)


def _remote(promotion: ChannelPromotion) -> RemotePromotion:
    return RemotePromotion(remote_id=promotion.remote_id,
                           starts_at=promotion.remote_starts_at or promotion.starts_at,
                           ends_at=promotion.remote_ends_at or promotion.ends_at,
                           answer=dict(promotion.answer.get("create") or {}))


def _error_text(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:1000]


# --------------------------------------------------------------------------- public API


def sync_campaign_promotion(*, channel: Channel, key: str, name: str, starts_at: dt.datetime,
                            ends_at: dt.datetime, items: list[PromotionItem]) -> ChannelPromotion:
    """Make the channel run this discount for the period, creating it once and adding/removing the difference.

    A period already over ends the promotion instead (``end_campaign_promotion``).
    """
    promotion = _store_wanted(channel=channel, key=key, name=name, starts_at=starts_at, ends_at=ends_at,
                              items=items)
    if ends_at <= timezone.now():
        return end_campaign_promotion(channel=channel, key=key)
    with sync_lease(channel=channel, kind=LEASE_KIND) as got:
        if not got:
            return promotion  # another worker is pushing this channel's promotions; it reads the same rows
        promotion.refresh_from_db()
        promotion_push(promotion=promotion)
    promotion.refresh_from_db()
    return promotion


def end_campaign_promotion(*, channel: Channel, key: str) -> ChannelPromotion | None:
    """End the channel's promotion once: a second call (or one for a promotion never created) makes no call."""
    promotion = ChannelPromotion.objects.filter(channel=channel, key=key).first()
    if promotion is None or promotion.status == ChannelPromotion.ENDED:
        return promotion
    with sync_lease(channel=channel, kind=LEASE_KIND) as got:
        if not got:
            return promotion
        promotion.refresh_from_db()
        _end(promotion)
    promotion.refresh_from_db()
    return promotion


def campaign_promotions_sync(*, campaign_pk) -> list[dict]:
    """Run one campaign's discount on each of its channels, as ``MARKETPLACE_PROMOTION_SOURCE`` describes it.

    The source (the campaigns app) is resolved here, lazily, so this app never imports it.
    """
    source = import_string(settings.MARKETPLACE_PROMOTION_SOURCE)
    done = []
    for channel, key, name, starts_at, ends_at, items, should_end in source(campaign_pk):
        if not channel.enabled:
            continue
        if should_end:
            promotion = end_campaign_promotion(channel=channel, key=key)
        else:
            promotion = sync_campaign_promotion(channel=channel, key=key, name=name, starts_at=starts_at,
                                                ends_at=ends_at, items=items)
        if promotion is not None:
            done.append({"channel": channel.code, "key": key, "status": promotion.status,
                         "remote_id": promotion.remote_id})
    return done


def promotions_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The every-minute beat step: boundaries passed since the last run, and unfinished pushes.

    Ends open promotions whose end passed (no call when the marketplace let it expire), marks
    started ones running, and retries promotions still waiting for their remote creation or items.
    """
    now = now or timezone.now()
    counts = {"ended": 0, "started": 0, "pushed": 0}
    # Earliest first: an ended promotion frees its products' slot before a later one is pushed.
    open_promotions = (ChannelPromotion.objects.filter(status__in=OPEN, channel__enabled=True)
                       .select_related("channel").order_by("starts_at", "pk"))
    by_channel: dict[int, list[ChannelPromotion]] = {}
    for promotion in open_promotions:
        by_channel.setdefault(promotion.channel_id, []).append(promotion)
    for promotions in by_channel.values():
        channel = promotions[0].channel
        with sync_lease(channel=channel, kind=LEASE_KIND) as got:
            if not got:
                continue
            for promotion in promotions:
                promotion.refresh_from_db()
                if promotion.status not in OPEN:
                    continue
                if promotion.ends_at <= now:
                    _end(promotion)
                    counts["ended"] += promotion.status == ChannelPromotion.ENDED
                    continue
                if _needs_push(promotion):
                    promotion_push(promotion=promotion)
                    counts["pushed"] += 1
                    promotion.refresh_from_db()
                if (promotion.status == ChannelPromotion.SCHEDULED and promotion.remote_starts_at
                        and promotion.remote_starts_at <= now):
                    ChannelPromotion.objects.filter(pk=promotion.pk).update(status=ChannelPromotion.ACTIVE,
                                                                            date_updated=now)
                    counts["started"] += 1
    return counts


# --------------------------------------------------------------------------- wanted state


def _store_wanted(*, channel, key, name, starts_at, ends_at, items) -> ChannelPromotion:
    wanted = {_product_pk(item.product): Decimal(item.price) for item in items}
    with transaction.atomic():
        promotion, created = ChannelPromotion.objects.select_for_update().get_or_create(
            channel=channel, key=key, defaults={"name": name[:128], "starts_at": starts_at, "ends_at": ends_at})
        if not created and promotion.status in OPEN + (ChannelPromotion.FAILED,):
            changed = (promotion.name, promotion.starts_at, promotion.ends_at) != (name[:128], starts_at, ends_at)
            if changed and promotion.remote_id:
                # The remote period stays as created; say so rather than change it silently.
                promotion.last_error = "The period or name changed after the marketplace promotion was created; " \
                                       "it keeps its first period."
            elif changed:
                promotion.name, promotion.starts_at, promotion.ends_at = name[:128], starts_at, ends_at
                if promotion.status == ChannelPromotion.FAILED:
                    promotion.status, promotion.last_error = ChannelPromotion.SCHEDULED, ""
            promotion.save()
        if promotion.status == ChannelPromotion.ENDED:
            return promotion
        listings = {listing.product_id: listing for listing in
                    Listing.objects.filter(channel=channel, product_id__in=list(wanted))}
        existing = {item.listing.product_id: item for item in promotion.items.select_related("listing")}
        missing = sorted(set(wanted) - set(listings))
        if missing or promotion.answer.get("not_listed"):
            # Products of the campaign this channel does not list at all (another artisan's shop...).
            promotion.answer = {**promotion.answer, "not_listed": missing}
            promotion.save(update_fields=["answer", "date_updated"])
        for product_id, price in wanted.items():
            listing = listings.get(product_id)
            if listing is None:
                continue
            item = existing.get(product_id)
            if item is None:
                ChannelPromotionItem.objects.create(promotion=promotion, listing=listing, promo_price=price)
            elif item.promo_price != price or not item.wanted:
                item.promo_price, item.wanted = price, True
                if item.status == ChannelPromotionItem.REMOVED:
                    item.status = ChannelPromotionItem.PENDING
                item.save(update_fields=["promo_price", "wanted", "status", "date_updated"])
        for product_id, item in existing.items():
            if product_id not in wanted and item.wanted:
                item.wanted = False
                item.save(update_fields=["wanted", "date_updated"])
    return promotion


def _target(item: ChannelPromotionItem, channel: Channel) -> Decimal:
    return channel_price(channel=channel, base_price=item.promo_price)


def _needs_push(promotion: ChannelPromotion) -> bool:
    if not promotion.remote_id and not promotion.answer.get("create"):
        return True
    channel = promotion.channel
    for item in promotion.items.select_related("listing"):
        if item.wanted and item.status == ChannelPromotionItem.PENDING:
            return True
        if not item.wanted and item.status == ChannelPromotionItem.ADDED:
            return True
        if item.wanted and item.status in (ChannelPromotionItem.ADDED, ChannelPromotionItem.REFUSED) \
                and item.remote_price != _target(item, channel):
            return True
    return False


# --------------------------------------------------------------------------- push


def promotion_push(*, promotion: ChannelPromotion) -> ChannelPromotion:
    """Send what the stored state says is missing. Call under the channel's promotion lease."""
    if promotion.status not in OPEN:
        return promotion
    channel = promotion.channel
    adapter = channel_adapter(channel=channel)
    try:
        if not promotion.answer.get("create"):
            if not _create(promotion, adapter):
                return promotion
        _push_items(promotion, adapter)
    except MarketplaceError as exc:
        # Channel-level (unreachable, credentials): nothing is marked done, the beat retries.
        logger.warning("promotion %s on %s: %s", promotion.key, channel.code, exc)
        ChannelPromotion.objects.filter(pk=promotion.pk).update(last_error=_error_text(exc),
                                                                date_updated=timezone.now())
    finally:
        adapter.close()
    return promotion


def _create(promotion: ChannelPromotion, adapter) -> bool:
    period = {"name": promotion.name, "starts_at": promotion.starts_at, "ends_at": promotion.ends_at}
    try:
        # An earlier attempt may have created it and died before storing the answer: adopt that one.
        remote = adapter.find_promotion(**period) if promotion.answer.get("attempted") else None
        if remote is None:
            promotion.answer = {**promotion.answer, "attempted": timezone.now().isoformat()}
            promotion.save(update_fields=["answer", "date_updated"])
            remote = adapter.create_promotion(**period)
    except RequestRejected as exc:
        # The marketplace refused the promotion itself (period, limits): final for this period.
        promotion.status = ChannelPromotion.FAILED
        promotion.last_error = _error_text(exc)
        promotion.answer = {**promotion.answer, "error": exc.payload if isinstance(exc.payload, dict)
                            else str(exc)}
        promotion.save(update_fields=["status", "last_error", "answer", "date_updated"])
        return False
    now = timezone.now()
    promotion.remote_id = remote.remote_id
    promotion.remote_starts_at, promotion.remote_ends_at = remote.starts_at, remote.ends_at
    promotion.answer = {**promotion.answer, "create": remote.answer or {"created": True}}
    promotion.status = ChannelPromotion.ACTIVE if remote.starts_at <= now else ChannelPromotion.SCHEDULED
    promotion.last_error = ""
    promotion.save()
    return True


def _push_items(promotion: ChannelPromotion, adapter) -> None:
    channel = promotion.channel
    remote = _remote(promotion)
    items = list(promotion.items.select_related("listing"))
    to_remove = [i for i in items if i.status == ChannelPromotionItem.ADDED
                 and (not i.wanted or i.remote_price != _target(i, channel))]
    if to_remove:
        result = adapter.remove_promotion_items(promotion=remote, refs=[_ref(i.listing) for i in to_remove])
        for item in to_remove:
            reason = result.failed.get(_ref(item.listing).key)
            if reason:
                item.reason = reason[:1000]
                item.save(update_fields=["reason", "date_updated"])
                continue
            item.status = ChannelPromotionItem.REMOVED if not item.wanted else ChannelPromotionItem.PENDING
            item.reason = ""
            item.save(update_fields=["status", "reason", "date_updated"])
    to_add = []
    for item in items:
        if not item.wanted:
            continue
        target = _target(item, channel)
        if item.status == ChannelPromotionItem.REFUSED and item.remote_price == target:
            continue  # refused at this price already: sending it again would be refused again
        if item.status not in (ChannelPromotionItem.PENDING, ChannelPromotionItem.REFUSED):
            continue
        local = _local_refusal(item, promotion)
        if local:
            _mark(item, ChannelPromotionItem.REFUSED, target, local)
            continue
        if not adapter.promotion_items_ahead and _held_by_earlier(item, promotion):
            continue  # stays pending: sent by the every-minute step once the earlier one has ended
        to_add.append((item, target))
    if not to_add:
        return
    updates = [PromotionItemUpdate(ref=_ref(i.listing), price=target, original_price=i.listing.pushed_price)
               for i, target in to_add]
    result = adapter.add_promotion_items(promotion=remote, items=updates)
    for item, target in to_add:
        key = _ref(item.listing).key
        if key in result.failed:
            _mark(item, ChannelPromotionItem.REFUSED, target, result.failed[key])
        elif key in result.succeeded:
            _mark(item, ChannelPromotionItem.ADDED, target, "")


def _held_by_earlier(item: ChannelPromotionItem, promotion: ChannelPromotion) -> bool:
    """The product's one discount slot (Lazada) is taken by another of our promotions that comes
    first and has not ended: sending this one now would replace it."""
    return ChannelPromotionItem.objects.filter(
        listing=item.listing, wanted=True, promotion__channel=promotion.channel, promotion__status__in=OPEN,
        promotion__starts_at__lt=promotion.starts_at,
    ).exclude(promotion=promotion).exists()


def _mark(item: ChannelPromotionItem, status: str, target: Decimal, reason: str) -> None:
    item.status, item.remote_price, item.reason = status, target, reason[:1000]
    item.save(update_fields=["status", "remote_price", "reason", "date_updated"])


def _local_refusal(item: ChannelPromotionItem, promotion: ChannelPromotion) -> str:
    """What we know the marketplace would not want sent: not listed, or in another of our promotions.

    The second matters most on Lazada, where a special price is one slot per SKU that a
    second campaign would silently overwrite.
    """
    listing = item.listing
    if listing.status != Listing.LISTED or not listing.remote_item_id:
        return NOT_LISTED
    other = (ChannelPromotionItem.objects
             .filter(listing=listing, status=ChannelPromotionItem.ADDED, wanted=True, promotion__status__in=OPEN,
                     promotion__starts_at__lt=promotion.ends_at, promotion__ends_at__gt=promotion.starts_at)
             .exclude(promotion=promotion).select_related("promotion").first())
    return IN_OTHER_PROMOTION if other else ""


# --------------------------------------------------------------------------- end


def _end(promotion: ChannelPromotion) -> None:
    now = timezone.now()
    if promotion.status == ChannelPromotion.ENDED:
        return
    if not promotion.answer.get("create"):
        # Never created remotely (failed or not yet): nothing to end on the marketplace.
        ChannelPromotion.objects.filter(pk=promotion.pk).update(status=ChannelPromotion.ENDED, date_updated=now)
        return
    refs = [_ref(i.listing) for i in promotion.items.select_related("listing")
            if i.status == ChannelPromotionItem.ADDED]
    adapter = channel_adapter(channel=promotion.channel)
    try:
        answer = adapter.end_promotion(promotion=_remote(promotion), refs=refs)
    except MarketplaceError as exc:
        # Refused for now (Shopee: not within the first hour) or unreachable: the beat tries again.
        logger.warning("ending promotion %s on %s: %s", promotion.key, promotion.channel.code, exc)
        ChannelPromotion.objects.filter(pk=promotion.pk).update(last_error=_error_text(exc), date_updated=now)
        return
    finally:
        adapter.close()
    promotion.status = ChannelPromotion.ENDED
    promotion.answer = {**promotion.answer, "end": answer or {"expired": True}}
    promotion.last_error = ""
    promotion.save(update_fields=["status", "answer", "last_error", "date_updated"])
