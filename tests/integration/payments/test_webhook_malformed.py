"""Signed Stripe events of the wrong shape are answered (no 500), logged with their id and kept."""
import json
import logging

import pytest
import stripe
from django.conf import settings
from django.test import Client

from shop.payments.models import StripeWebhookEvent

from .helpers import signed_webhook

pytestmark = pytest.mark.django_db

MALFORMED = [
    {"id": "evt_data_string", "type": "payment_intent.succeeded", "data": "pi_123"},
    {"id": "evt_data_list", "type": "payment_intent.succeeded", "data": ["pi_123"]},
    {"id": "evt_data_null", "type": "payment_intent.payment_failed", "data": None},
    {"id": "evt_object_list", "type": "payment_intent.succeeded", "data": {"object": [{"id": "pi_123"}]}},
    {"id": "evt_object_string", "type": "payment_intent.succeeded", "data": {"object": "pi_123"}},
    {"id": "evt_object_id_number", "type": "payment_intent.succeeded", "data": {"object": {"id": 123}}},
    {"id": "evt_type_list", "type": ["payment_intent.succeeded"], "data": {"object": {"id": "pi_1"}}},
    {"id": "evt_no_data", "type": "payment_intent.succeeded"},
]


@pytest.mark.parametrize("event", MALFORMED, ids=[e["id"] for e in MALFORMED])
def test_a_signed_malformed_event_is_answered_logged_and_kept(event, caplog):
    with caplog.at_level(logging.INFO):
        response = signed_webhook(Client(), event)

    # 200: Stripe would retry any other answer for three days with the same body.
    assert response.status_code == 200 and response.content == b"malformed"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    lines = [r.getMessage() for r in caplog.records if "malformed" in r.getMessage()]
    assert len(lines) == 1 and event["id"] in lines[0] and "\n" not in lines[0]
    row = StripeWebhookEvent.objects.get(event_id=event["id"])
    assert row.payload == event and row.processing_error.startswith("malformed") and row.date_processed

    # Stripe's retry of the same event is answered the same and stores nothing more.
    assert signed_webhook(Client(), event).status_code == 200
    assert StripeWebhookEvent.objects.count() == 1


@pytest.mark.parametrize("event_id", [None, "", 123, {"id": "evt"}])
def test_a_signed_event_without_a_usable_id_is_refused_and_stores_nothing(event_id):
    event = {"type": "payment_intent.succeeded", "data": {"object": {"id": "pi_1"}}}
    if event_id is not None:
        event["id"] = event_id
    assert signed_webhook(Client(), event).status_code == 400
    assert StripeWebhookEvent.objects.count() == 0


def test_a_signed_body_that_is_not_an_object_is_refused():
    payload = json.dumps(["evt_1"])
    header = stripe.WebhookSignature.generate_signature_header(payload, settings.STRIPE_WEBHOOK_SECRET)
    response = Client().post("/payments/stripe/webhook/", data=payload, content_type="application/json",
                             HTTP_STRIPE_SIGNATURE=header)
    assert response.status_code == 400
    assert StripeWebhookEvent.objects.count() == 0
