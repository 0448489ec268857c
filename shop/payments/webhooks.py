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
    """Bad signature, not JSON or no usable id: answer 400 and change nothing."""


#: Outcome of a signed event whose shape is not Stripe's (``data`` or ``data.object`` not an
#: object, ``type`` not a string): kept and answered 200, since Stripe would retry any other
#: answer for three days with the same body (docs/payments.md, "Webhooks").
MALFORMED = "malformed"


def webhook_event_verify(*, payload: bytes, signature_header: str, secret: str) -> dict:
    try:
        if not isinstance(json.loads(payload), dict):
            # Stripe's library would fail on it with an AttributeError; signed or not, it is no event.
            raise WebhookRejected("body is not a JSON object")
    except (ValueError, RecursionError) as exc:
        raise WebhookRejected(f"body is not JSON: {exc}") from exc
    try:
        event = webhook_event_construct(payload=payload, signature_header=signature_header, secret=secret)
    except (ValueError, SignatureVerificationError) as exc:  # bad JSON or signature
        raise WebhookRejected(str(exc)) from exc
    event = event.to_dict() if hasattr(event, "to_dict") else dict(event)
    event_id = event.get("id")
    if not isinstance(event_id, str) or not event_id or len(event_id) > 255:
        # Without an id it cannot be deduplicated nor named: refused like a forged one.
        raise WebhookRejected("event without a usable id")
    return event


def webhook_event_problem(event: dict) -> str:
    """What makes a signed event unreadable for us, or "" when its shape is Stripe's."""
    event_type = event.get("type")
    if not isinstance(event_type, str) or len(event_type) > 128:
        return f"type is {type(event_type).__name__}, not a short string"
    data = event.get("data")
    if not isinstance(data, dict):
        return f"data is {type(data).__name__}, not an object"
    obj = data.get("object")
    if not isinstance(obj, dict):
        return f"data.object is {type(obj).__name__}, not an object"
    if not isinstance(obj.get("id", ""), str):
        return f"data.object.id is {type(obj.get('id')).__name__}, not a string"
    return ""


def webhook_event_receive(*, payload: bytes, signature_header: str, secret: str, gateway: StripeGateway) -> str:
    """Verify and process one delivery; returns "processed", "duplicate", "ignored" or "malformed"."""
    event = webhook_event_verify(payload=payload, signature_header=signature_header, secret=secret)
    problem = webhook_event_problem(event)
    if problem:
        return _malformed_keep(event=event, payload=payload, problem=problem)
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


def _malformed_keep(*, event: dict, payload: bytes, problem: str) -> str:
    """Keep a signed but unreadable event for inspection, marked handled so no retry acts on it."""
    row, created = StripeWebhookEvent.objects.get_or_create(
        event_id=event["id"],
        defaults={"event_type": str(event.get("type", ""))[:128], "payload": json.loads(payload),
                  "date_processed": timezone.now(), "processing_error": f"{MALFORMED}: {problem}"[:2000]},
    )
    if created:
        logger.warning("stripe webhook malformed event=%s: %s", event["id"], problem)
    return MALFORMED


def _dispatch(event: dict, gateway: StripeGateway) -> str:
    event_type = event.get("type", "")
    obj = (event.get("data") or {}).get("object") or {}
    intent_id = obj.get("id", "")
    if not intent_id.startswith("pi_") or not CheckoutPayment.objects.filter(payment_intent_id=intent_id).exists():
        return "ignored"
    if event_type in ("payment_intent.succeeded", "payment_intent.amount_capturable_updated"):
        placement = order_place_for_intent(payment_intent_id=intent_id, gateway=gateway)
        logger.info("stripe webhook event=%s type=%s intent=%s outcome=%s", event["id"], event_type, intent_id,
                    placement.outcome)
        return "processed"
    if event_type == "payment_intent.payment_failed":
        payment_failure_note(payment_intent_id=intent_id, intent=gateway.payment_intent_retrieve(intent_id))
        return "processed"
    return "ignored"
