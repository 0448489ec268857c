"""Card payments through Oscar's real checkout views against localstripe."""
from decimal import Decimal

import pytest
from django.test import Client
from oscar.core.loading import get_model

from shop.payments.models import CheckoutPayment, StripeWebhookEvent

from .helpers import checkout_to_payment, pay, return_from_stripe, signed_webhook

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_successful_payment_places_one_order_with_amount_in_sen(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product, quantity=2)

    intents = localstripe.list("payment_intents")
    assert [i["id"] for i in intents] == [intent_id]
    # Rp 300.000 + Rp 7.000 shipping -> 30.700.000 "sen": IDR is a two-decimal currency at Stripe.
    assert intents[0]["amount"] == 30_700_000
    assert intents[0]["currency"] == "idr"
    basket_id = int(intents[0]["metadata"]["basket_id"])
    assert intents[0]["metadata"]["order_number"] == str(100000 + basket_id)

    status, body = pay(client)
    assert (status, body["status"]) == (200, "succeeded")
    response = return_from_stripe(client, intent_id)
    assert response.status_code == 302 and response.url.endswith("/checkout/thank-you/")

    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("300000.00") + order.shipping_incl_tax
    assert order.shipping_incl_tax == Decimal("7000.00")  # POS Kilat, 1 kg within Jawa Timur
    assert order.guest_email == "pembeli@example.com"
    source = order.sources.get()
    assert (source.reference, source.amount_debited) == (intent_id, Decimal("307000.00"))
    assert [e.event_type.name for e in order.payment_events.all()] == ["Paid"]
    assert CheckoutPayment.objects.get().order == order
    assert Basket.objects.get(pk=basket_id).status == Basket.SUBMITTED
    assert StockRecord.objects.get(product=buyable_product).num_allocated == 2

    thank_you = client.get(response.url)
    assert thank_you.status_code == 200 and order.number in thank_you.content.decode()
    # Coming back to the return URL (reload) places nothing more.
    return_from_stripe(client, intent_id)
    assert Order.objects.count() == 1


def test_declined_card_places_no_order_and_keeps_the_basket(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)

    status, body = pay(client, payment_method="pm_card_chargeCustomerFail")
    assert status == 402
    response = return_from_stripe(client, intent_id, follow=True)

    assert Order.objects.count() == 0
    page = response.content.decode()
    assert "Kartu Anda ditolak" in page or "Your card was declined" in page
    assert response.redirect_chain[-1][0].endswith("/checkout/payment-details/")
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN and basket.num_items == 1
    assert not StockRecord.objects.get(product=buyable_product).num_allocated
    # Another card gets a fresh intent for the same basket; paying it works.
    retry_id = checkout_intent_again(client)
    assert retry_id != intent_id
    assert pay(client)[1]["status"] == "succeeded"
    assert return_from_stripe(client, retry_id).status_code == 302
    assert Order.objects.get().total_incl_tax == Decimal("150000.00") + Order.objects.get().shipping_incl_tax
    assert len([i for i in localstripe.list("payment_intents") if i["status"] == "succeeded"]) == 1


def checkout_intent_again(client):
    from .helpers import CLIENT_SECRET_RE

    page = client.get("/checkout/payment-details/").content.decode()
    return CLIENT_SECRET_RE.search(page).group(1).split("_secret_")[0]


def test_webhook_with_bad_signature_is_rejected_and_changes_nothing(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)
    pay(client)
    event = _succeeded_event(localstripe, intent_id)

    response = signed_webhook(Client(), event, secret="whsec_someone_else")
    assert response.status_code == 400
    unsigned = Client().post("/payments/stripe/webhook/", data=event, content_type="application/json")
    assert unsigned.status_code == 400
    assert Order.objects.count() == 0
    assert StripeWebhookEvent.objects.count() == 0
    assert CheckoutPayment.objects.get().state == CheckoutPayment.State.AWAITING_PAYMENT


def test_same_event_delivered_three_times_places_one_order(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)
    pay(client)
    event = _succeeded_event(localstripe, intent_id)  # the buyer closed the tab: no return

    answers = [signed_webhook(Client(), event) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.content for a in answers] == [b"processed", b"duplicate", b"duplicate"]
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("150000.00") + order.shipping_incl_tax
    assert StripeWebhookEvent.objects.get().date_processed is not None
    # The buyer coming back later sees the same order.
    response = return_from_stripe(client, intent_id)
    assert response.url.endswith("/checkout/thank-you/")
    assert Order.objects.count() == 1


def _succeeded_event(localstripe, intent_id):
    """The real event localstripe recorded for this intent."""
    events = [e for e in localstripe.events("payment_intent.succeeded") if e["data"]["object"]["id"] == intent_id]
    assert len(events) == 1
    return events[0]
