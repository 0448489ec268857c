"""Inbound webhooks: verify first, store only what is signed, then fetch just the named order.

The pull stays the truth. A refused push (too large, bad or missing signature)
leaves nothing behind but a counter on its channel and one log line; a signed
body we cannot read is kept as a "malformed" event for a person to inspect.
"""
from __future__ import annotations

import json
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from marketplace_sync.adapters.base import PayloadError, WebhookEvent
from marketplace_sync.models import Channel, InboundEvent, SyncRun
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.orders import orders_fetch
from marketplace_sync.services.runs import SyncResult, sync_lease, sync_run

logger = logging.getLogger(__name__)

KEPT_HEADERS = ("Authorization", "Content-Type", "User-Agent", "X-Request-Id")
#: Fields of a push that carry the marketplace's own id for it, for the log line of a malformed one.
SENDER_ID_FIELDS = ("tts_notification_id", "msg_id", "message_id", "timestamp")


class WebhookRefused(Exception):
    """A push we do not accept; nothing was stored. ``status`` is the HTTP answer."""

    def __init__(self, reason: str, status: int):
        super().__init__(reason)
        self.reason, self.status = reason, status


def webhook_body_limit(*, channel: Channel) -> int:
    """Largest push body this channel's marketplace may send us, in bytes (checked before reading it)."""
    from marketplace_sync.adapters import adapter_class_for

    return adapter_class_for(channel.kind).webhook_max_bytes


def webhook_refuse(*, channel: Channel, reason: str, status: int, size: int | None = None) -> WebhookRefused:
    """Count a refused push on its channel and log one line; returns the exception to raise."""
    Channel.objects.filter(pk=channel.pk).update(webhooks_refused=F("webhooks_refused") + 1,
                                                 date_webhook_refused=timezone.now())
    logger.warning("webhook refused channel=%s reason=%s bytes=%s", channel.code, reason,
                   "?" if size is None else size)
    return WebhookRefused(reason, status)


def webhook_receive(*, channel: Channel, url: str, body: bytes, headers: dict) -> InboundEvent:
    """Verify one push, then store it; if it names an order, enqueue its fetch after commit.

    Raises WebhookRefused (stores nothing) for a body over the marketplace's limit or a
    bad signature. A signed body that cannot be read is stored as malformed and returned.
    """
    if len(body) > webhook_body_limit(channel=channel):
        raise webhook_refuse(channel=channel, reason="too_large", status=413, size=len(body))
    adapter = channel_adapter(channel=channel)
    # The URL the marketplace signed may differ behind a proxy: the channel can pin it.
    signed_url = channel.options.get("webhook_url") or url
    try:
        valid = adapter.verify_webhook(url=signed_url, body=body, headers=headers)
    except KeyError:  # the channel lacks the key to verify with (not connected yet)
        valid = False
    if not valid:
        raise webhook_refuse(channel=channel, reason="signature", status=401, size=len(body))

    event = InboundEvent(channel=channel, url=signed_url[:500], body=_storable(body.decode("utf-8", "replace")),
                         headers={k: _storable(headers[k])[:500] for k in KEPT_HEADERS if headers.get(k)},
                         signature_valid=True)
    try:
        events: list[WebhookEvent] = adapter.parse_webhook(body=body)
    except PayloadError as exc:
        return _malformed_store(event=event, reason=str(exc), body=body)
    order_ids = [e.remote_order_id for e in events if e.kind == WebhookEvent.ORDER and e.remote_order_id]
    event.event_type = (events[0].event_type if events else "empty")[:40]
    event.remote_order_id = order_ids[0] if order_ids else ""
    if not order_ids:
        event.processed, event.date_processed = True, timezone.now()
    event.save()
    if order_ids:
        from marketplace_sync import tasks

        # robust: the event row is stored either way; an unqueued one is
        # caught up by the next scheduled pull.
        transaction.on_commit(lambda: tasks.process_inbound_event.delay(event.pk), robust=True)
    return event


def _malformed_store(*, event: InboundEvent, reason: str, body: bytes) -> InboundEvent:
    """Keep a signed but unreadable push for inspection: handled (nothing to fetch), never retried."""
    event.event_type = InboundEvent.MALFORMED
    event.error = reason[:2000]
    event.processed, event.date_processed = True, timezone.now()
    event.save()
    logger.warning("webhook malformed channel=%s event=%s sender_id=%s: %s", event.channel.code, event.pk,
                   _sender_id(body), reason)
    return event


def _sender_id(body: bytes) -> str:
    """The marketplace's own id of a push, when its body is an object that names one."""
    try:
        message = json.loads(body)
    except (ValueError, RecursionError):
        return "-"
    if isinstance(message, dict):
        for key in SENDER_ID_FIELDS:
            if isinstance(message.get(key), (str, int)):
                return str(message[key])[:64]
    return "-"


def _storable(text: str) -> str:
    # PostgreSQL text cannot hold NUL characters.
    return text.replace("\x00", "\ufffd")


def inbound_event_process(*, event_id: int) -> SyncResult | None:
    """Fetch the order a verified event names. Safe to run twice (the import is idempotent)."""
    event = InboundEvent.objects.select_related("channel").filter(pk=event_id).first()
    if event is None or not event.signature_valid or not event.remote_order_id:
        return None
    result = orders_fetch(channel=event.channel, remote_order_ids=[event.remote_order_id])
    InboundEvent.objects.filter(pk=event.pk).update(
        processed=not result.channel_failed, date_processed=timezone.now(),
        error="; ".join(result.errors)[:2000])
    return result


# --------------------------------------------------------------------------- lost pushes

#: ``InboundEvent.url`` of a push fetched from the marketplace's lost-push API instead of received.
LOST_PUSH_URL = "lost-push"
LOST_PUSH_LEASE = "lostpush"
#: Pages per run; the rest waits for the next run (the marketplace keeps them for days).
LOST_PUSH_MAX_PAGES = 20


def lost_pushes_recover(*, channel: Channel) -> SyncResult:
    """Fetch the pushes the marketplace could not deliver and handle them as the webhook would.

    Each page: store every event (as if received), fetch the orders they name (the
    idempotent import), and only then acknowledge the page, so a crash in between
    hands the same page back next run and re-handling it imports nothing twice. A
    page whose order fetch failed for the whole channel is not acknowledged.
    """
    from marketplace_sync.adapters import adapter_class_for
    from marketplace_sync.adapters.base import MarketplaceAdapter

    if adapter_class_for(channel.kind).lost_events is MarketplaceAdapter.lost_events:
        # This marketplace has no lost-push API: no run to record.
        return SyncResult(channel_code=channel.code, kind=SyncRun.FETCH, skipped=True)
    with sync_lease(channel=channel, kind=LOST_PUSH_LEASE) as got:
        if not got:
            return SyncResult(channel_code=channel.code, kind=SyncRun.FETCH, skipped=True)
        with sync_run(channel=channel, kind=SyncRun.FETCH) as result:
            adapter = channel_adapter(channel=channel)
            for _ in range(LOST_PUSH_MAX_PAGES):
                page = adapter.lost_events()
                if not page.events and page.ack is None:
                    break
                if not _lost_events_handle(channel=channel, adapter=adapter, events=page.events, result=result):
                    break
                adapter.acknowledge_lost_events(ack=page.ack)
                if not page.more:
                    break
        return result


def _lost_events_handle(*, channel, adapter, events, result) -> bool:
    """Store and handle one page; False when a channel-level failure means it must come again."""
    own_account = adapter.account_id()
    by_channel: dict[int, tuple[Channel, list[InboundEvent]]] = {}
    for event in events:
        target = channel
        if event.account and own_account and event.account != own_account:
            # A partner-wide list: another shop's push belongs to that shop's channel, if we have it.
            target = _channel_for_account(kind=channel.kind, account=event.account, exclude=channel)
            if target is None:
                result.unchanged += 1
                continue
        stored = _lost_event_store(channel=target, event=event)
        if stored.processed:
            if event.event_type == "unreadable":
                # Kept with its error for a person; fetching it again would not make it readable.
                result.error(f"lost push unreadable: {stored.error}")
            else:
                result.unchanged += 1
            continue
        by_channel.setdefault(target.pk, (target, []))[1].append(stored)
    for target, stored_events in by_channel.values():
        order_ids = list(dict.fromkeys(e.remote_order_id for e in stored_events))
        fetched = orders_fetch(channel=target, remote_order_ids=order_ids)
        result.created += fetched.created
        result.updated += fetched.updated
        result.unchanged += fetched.unchanged
        result.failed += fetched.failed
        result.errors.extend(fetched.errors)
        if fetched.channel_failed:
            result.error(f"{target.code}: order fetch failed, lost pushes left unconfirmed", count=False)
            result.channel_failed = True
            return False
        # Per-order failures are kept on the events, as for a webhook; the scheduled pull catches them up.
        InboundEvent.objects.filter(pk__in=[e.pk for e in stored_events]).update(
            processed=True, date_processed=timezone.now(), error="; ".join(fetched.errors)[:2000])
    return True


def _lost_event_store(*, channel: Channel, event: WebhookEvent) -> InboundEvent:
    """The InboundEvent of a lost push; the same push fetched again finds its row again."""
    body = json.dumps(event.raw, sort_keys=True, separators=(",", ":"))
    existing = InboundEvent.objects.filter(channel=channel, url=LOST_PUSH_URL, body=body).first()
    if existing is not None:
        if existing.processed and existing.remote_order_id:
            # Handled, but the page was never acknowledged: handle again (the import is idempotent).
            existing.processed = False
        return existing
    is_order = event.kind == WebhookEvent.ORDER and bool(event.remote_order_id)
    return InboundEvent.objects.create(
        channel=channel, url=LOST_PUSH_URL, body=body, headers={}, signature_valid=True,
        event_type=event.event_type[:40], remote_order_id=event.remote_order_id if is_order else "",
        processed=not is_order, date_processed=None if is_order else timezone.now(),
        error=str(event.raw.get("error", ""))[:2000] if event.event_type == "unreadable" else "",
    )


def _channel_for_account(*, kind: str, account: str, exclude: Channel) -> Channel | None:
    for other in Channel.objects.filter(kind=kind, enabled=True).exclude(pk=exclude.pk):
        if channel_adapter(channel=other).account_id() == account:
            return other
    return None
