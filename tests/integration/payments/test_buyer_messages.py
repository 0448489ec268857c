"""What the buyer sees when 3-D Secure is required or Stripe cannot be reached: a clear
message in their language, the basket kept, nothing half-recorded."""
import pytest
import requests
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model

from shop.checkout.views import NETWORK_MESSAGE, NOT_CONFIGURED_MESSAGE
from shop.payments.models import CheckoutPayment

from .helpers import checkout_to_payment, pay, return_from_stripe

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

THREE_D_SECURE_CARD = {"number": "4000002500003155", "exp_month": "12", "exp_year": "34", "cvc": "123"}


def card_payment_method(localstripe, card):
    response = requests.post(f"{localstripe.url}/v1/payment_methods", auth=(localstripe.secret_key, ""),
                             data={"type": "card", **{f"card[{k}]": v for k, v in card.items()}}, timeout=5)
    response.raise_for_status()
    return response.json()["id"]


def test_three_d_secure_required_asks_the_buyer_then_completes(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)

    status, body = pay(client, payment_method=card_payment_method(localstripe, THREE_D_SECURE_CARD))
    assert body["status"] == "requires_action"
    response = return_from_stripe(client, intent_id, follow=True)

    assert Order.objects.count() == 0
    assert "3-D Secure" in response.content.decode()
    assert Basket.objects.get().status == Basket.OPEN
    # The bank's check succeeds (what Stripe.js does in the browser), then the return places the order.
    intent = localstripe.list("payment_intents")[0]
    requests.post(f"{localstripe.url}/v1/payment_intents/{intent_id}/_authenticate",
                  auth=(localstripe.secret_key, ""), data={"client_secret": intent["client_secret"], "success": "true"},
                  timeout=5).raise_for_status()
    assert return_from_stripe(client, intent_id).url.endswith("/checkout/thank-you/")
    assert Order.objects.count() == 1


@pytest.mark.parametrize("prefix, language", [("", "id"), ("/en", "en")])
def test_stripe_unreachable_shows_a_clear_message_and_keeps_the_basket(
        localstripe, buyable_product, settings, prefix, language):
    client = Client()
    checkout_to_payment(client, buyable_product)
    payments_before = CheckoutPayment.objects.count()
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there

    page = client.get(f"{prefix}/checkout/payment-details/")

    assert page.status_code == 200
    with translation.override(language):
        expected = str(NETWORK_MESSAGE)
    assert expected in page.content.decode()
    assert 'data-client-secret' not in page.content.decode()
    assert CheckoutPayment.objects.count() == payments_before
    assert Basket.objects.get().status == Basket.OPEN and Basket.objects.get().num_items == 1
    assert Order.objects.count() == 0


def test_no_stripe_keys_configured_explains_instead_of_failing(localstripe, buyable_product, settings):
    client = Client()
    checkout_to_payment(client, buyable_product)
    settings.STRIPE_SECRET_KEY = ""

    page = client.get("/checkout/payment-details/")

    assert page.status_code == 200
    with translation.override("id"):
        assert str(NOT_CONFIGURED_MESSAGE) in page.content.decode()
    assert Basket.objects.get().num_items == 1
