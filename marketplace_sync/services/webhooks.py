"""Inbound webhooks: store first, verify, then fetch just the named order (the pull stays the truth)."""
from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from marketplace_sync.adapters.base import PayloadError, WebhookEvent
from marketplace_sync.models import Channel, InboundEvent
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.orders import orders_fetch
from marketplace_sync.services.runs import SyncResult

logger = logging.getLogger(__name__)

KEPT_HEADERS = ("Authorization", "Content-Type", "User-Agent", "X-Request-Id")


def webhook_receive(*, channel: Channel, url: str, body: bytes, headers: dict) -> InboundEvent:
    """Store and verify one push; if it names an order, enqueue its fetch after commit."""
    adapter = channel_adapter(channel=channel)
    # The URL the marketplace signed may differ behind a proxy: the channel can pin it.
    signed_url = channel.options.get("webhook_url") or url
    valid = adapter.verify_webhook(url=signed_url, body=body, headers=headers)
    event = InboundEvent(channel=channel, url=signed_url, body=body.decode("utf-8", "replace"),
                         headers={k: headers.get(k, "") for k in KEPT_HEADERS if headers.get(k)},
                         signature_valid=valid)
    events: list[WebhookEvent] = []
    if valid:
        try:
            events = adapter.parse_webhook(body=body)
        except PayloadError as exc:
            event.error = str(exc)
    order_ids = [e.remote_order_id for e in events if e.kind == WebhookEvent.ORDER and e.remote_order_id]
    event.event_type = events[0].event_type if events else ("unverified" if not valid else "unreadable")
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
