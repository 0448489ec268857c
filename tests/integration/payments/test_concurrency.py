"""Exactly once under real concurrency (PostgreSQL row locks; skipped on SQLite)."""
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from shop.payments.models import CheckoutPayment
from tests.factories import ProductFactory

from .helpers import checkout_to_payment, pay, return_from_stripe, signed_webhook

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(*calls):
    """Start every call at the same moment, each on its own thread and DB connection."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as exc:  # surfaced in the test thread below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_redirect_and_webhook_racing_place_one_order(localstripe, shipping_country, transactional_db):
    product = ProductFactory(price=Decimal("275000.00"), num_in_stock=3)
    buyer = Client()
    intent_id = checkout_to_payment(buyer, product)
    pay(buyer)
    event = [e for e in localstripe.events("payment_intent.succeeded") if e["data"]["object"]["id"] == intent_id][0]

    redirect, webhook = run_together(
        lambda: return_from_stripe(buyer, intent_id), lambda: signed_webhook(Client(), event)
    )

    assert redirect.status_code == 302 and redirect.url.endswith("/checkout/thank-you/")
    assert webhook.status_code == 200
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("275000.00") + order.shipping_incl_tax
    assert order.sources.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 1
    assert localstripe.list("refunds") == []


def test_two_buyers_paying_for_the_last_unit_get_one_order_and_one_refund(
    localstripe, shipping_country, transactional_db
):
    product = ProductFactory(title="Batik Tulis Sekar Jagad", price=Decimal("1250000.00"), num_in_stock=1)
    first, second = Client(), Client()
    first_intent = checkout_to_payment(first, product, email="ayu@example.com")
    second_intent = checkout_to_payment(second, product, email="budi@example.com")
    assert pay(first)[1]["status"] == pay(second)[1]["status"] == "succeeded"  # both charged

    answers = run_together(
        lambda: return_from_stripe(first, first_intent, follow=True),
        lambda: return_from_stripe(second, second_intent, follow=True),
    )

    order = Order.objects.get()
    assert StockRecord.objects.get(product=product).num_allocated == 1
    refunds = localstripe.list("refunds")
    assert len(refunds) == 1 and refunds[0]["amount"] == 125_700_000  # with Rp 7.000 shipping
    states = dict(CheckoutPayment.objects.values_list("payment_intent_id", "state"))
    winner = order.sources.get().reference
    loser = second_intent if winner == first_intent else first_intent
    assert states == {winner: "placed", loser: "refunded"}
    loser_page = answers[[first_intent, second_intent].index(loser)].content.decode()
    assert "Batik Tulis Sekar Jagad" in loser_page
