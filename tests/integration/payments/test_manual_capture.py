"""Manual capture: the card is authorised at checkout, captured at shipping, released on cancel."""
import pytest
from django.test import Client, override_settings
from oscar.core.loading import get_class, get_model

from shop.payments.facade import stripe_source_for_order
from tests.integration.payments.helpers import checkout_to_payment, pay, return_from_stripe

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db


def authorised_order(localstripe, product):
    client = Client()
    intent_id = checkout_to_payment(client, product)
    status, body = pay(client)
    assert body["status"] == "requires_capture", body
    return_from_stripe(client, intent_id)
    order = Order.objects.get()
    source = stripe_source_for_order(order)
    assert (source.amount_allocated, source.amount_debited) == (order.total_incl_tax, 0)
    return order, intent_id


@override_settings(STRIPE_CAPTURE_METHOD="manual")
def test_shipping_captures_the_authorisation(localstripe, buyable_product):
    order, intent_id = authorised_order(localstripe, buyable_product)

    handler = EventHandler()
    handler.handle_order_status_change(order, "Diproses")
    assert localstripe.list("payment_intents")[0]["status"] == "requires_capture"
    handler.handle_order_status_change(order, "Dikirim")

    intent = [i for i in localstripe.list("payment_intents") if i["id"] == intent_id][0]
    assert intent["status"] == "succeeded"
    source = stripe_source_for_order(order)
    assert source.amount_debited == order.total_incl_tax
    assert order.payment_events.filter(event_type__name="Paid", amount=order.total_incl_tax).count() == 1
    # Shipping again (a second shipping event) captures nothing more.
    handler.handle_order_status_change(order, "Selesai")
    assert stripe_source_for_order(order).amount_debited == order.total_incl_tax


@override_settings(STRIPE_CAPTURE_METHOD="manual")
def test_cancelling_releases_the_authorisation_and_the_stock(localstripe, buyable_product):
    order, intent_id = authorised_order(localstripe, buyable_product)
    record = buyable_product.stockrecords.get()
    assert record.num_allocated == 1

    EventHandler().handle_order_status_change(order, "Dibatalkan")

    intent = [i for i in localstripe.list("payment_intents") if i["id"] == intent_id][0]
    assert intent["status"] == "canceled"
    source = stripe_source_for_order(order)
    assert (source.amount_allocated, source.amount_debited) == (0, 0)
    assert order.payment_events.filter(event_type__name="Authorisation cancelled").count() == 1
    record.refresh_from_db()
    assert record.num_allocated == 0


def test_automatic_capture_needs_nothing_at_shipping(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)
    pay(client)
    return_from_stripe(client, intent_id)
    order = Order.objects.get()
    handler = EventHandler()
    handler.handle_order_status_change(order, "Diproses")
    handler.handle_order_status_change(order, "Dikirim")
    assert order.payment_events.filter(event_type__name="Paid").count() == 1
