"""Stripe webhook handling: verify, store once by event id, then act.

Stripe delivers events late, out of order and more than once; we trust the
signature, dedupe on ``event.id`` and always re-read the intent from Stripe
before acting, so an old event cannot undo newer state.
"""
from __future__ import annotations

import json
import logging

from django.db import transaction
from django.utils import timezone

from .gateway import SignatureVerificationError, StripeGateway, webhook_event_construct
from .models import CheckoutPayment, StripeWebhookEvent
from .services import order_place_for_intent, payment_failure_note

logger = logging.getLogger("shop.payments")


class WebhookRejected(Exception):
    """Bad signature or malformed body: answer 400 and change nothing."""


def webhook_event_verify(*, payload: bytes, signature_header: str, secret: str) -> dict:
    try:
        event = webhook_event_construct(payload=payload, signature_header=signature_header, secret=secret)
    except (ValueError, SignatureVerificationError) as exc:  # bad JSON or signature
        raise WebhookRejected(str(exc)) from exc
    event = event.to_dict() if hasattr(event, "to_dict") else dict(event)
    if not event.get("id"):
        raise WebhookRejected("event without id")
    return event


def webhook_event_receive(*, payload: bytes, signature_header: str, secret: str, gateway: StripeGateway) -> str:
    """Verify and process one delivery; returns "processed", "duplicate" or "ignored"."""
    event = webhook_event_verify(payload=payload, signature_header=signature_header, secret=secret)
    # Stored in its own transaction first, so a failed processing can be
    # retried by Stripe's next delivery and the raw event is kept either way.
    row, _created = StripeWebhookEvent.objects.get_or_create(
        event_id=event["id"],
        defaults={"event_type": event.get("type", ""), "payload": json.loads(payload)},
    )
    with transaction.atomic():
        row = StripeWebhookEvent.objects.select_for_update().get(pk=row.pk)
        if row.date_processed:
            return "duplicate"
        outcome = _dispatch(event, gateway)
        row.date_processed = timezone.now()
        row.processing_error = ""
        row.save(update_fields=["date_processed", "processing_error"])
    return outcome


def _dispatch(event: dict, gateway: StripeGateway) -> str:
    event_type = event.get("type", "")
    obj = (event.get("data") or {}).get("object") or {}
    intent_id = obj.get("id", "")
    if not intent_id.startswith("pi_") or not CheckoutPayment.objects.filter(payment_intent_id=intent_id).exists():
        return "ignored"
    if event_type in ("payment_intent.succeeded", "payment_intent.amount_capturable_updated"):
        placement = order_place_for_intent(payment_intent_id=intent_id, gateway=gateway)
        logger.info("Webhook %s for %s: %s", event["id"], intent_id, placement.outcome)
        return "processed"
    if event_type == "payment_intent.payment_failed":
        payment_failure_note(payment_intent_id=intent_id, intent=gateway.payment_intent_retrieve(intent_id))
        return "processed"
    return "ignored"
