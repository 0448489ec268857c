"""The README's demo cards do what it says on our local Stripe server: 4242 pays,
4000 0000 0000 0002 is declined at payment (localstripe alone would charge it),
and the buyer's order shows the card as "Visa •••• 4242", not Stripe's jargon."""
import pytest
import requests
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model

from shop.payments.gateway import StripeGateway
from shop.payments.services import order_place_for_intent

from .helpers import checkout_to_payment, pay, return_from_stripe

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def card_payment_method(localstripe, number):
    response = requests.post(
        f"{localstripe.url}/v1/payment_methods", auth=(localstripe.secret_key, ""),
        data={"type": "card", "card[number]": number, "card[exp_month]": "12", "card[exp_year]": "34",
              "card[cvc]": "123"},
        timeout=5,
    )
    response.raise_for_status()
    return response.json()["id"]


@pytest.mark.parametrize("number", ["4000000000000002", "4000000000009995"])
def test_declining_test_card_is_declined_at_payment(localstripe, buyable_product, number):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)

    status, body = pay(client, payment_method=card_payment_method(localstripe, number))

    assert status == 402 and body["code"] == "card_declined"
    response = return_from_stripe(client, intent_id, follow=True)
    assert "Kartu Anda ditolak" in response.content.decode()
    assert Order.objects.count() == 0
    assert Basket.objects.get().num_items == 1
    assert not [i for i in localstripe.list("payment_intents") if i["status"] == "succeeded"]


def test_paid_order_shows_the_card_not_the_payment_source(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)
    status, body = pay(client, payment_method=card_payment_method(localstripe, "4242424242424242"))
    assert body["status"] == "succeeded"

    thank_you = return_from_stripe(client, intent_id, follow=True).content.decode()

    order = Order.objects.get()
    assert order.sources.get().label == "Visa \u2022\u2022\u2022\u2022 4242"
    assert "\u2022\u2022\u2022\u2022 4242" in thank_you
    assert "Dibayar dengan kartu" in thank_you
    assert intent_id not in thank_you and "Alokasi" not in thank_you and "Stripe" not in thank_you


@pytest.mark.parametrize("language, subject, link", [
    ("id", "Pesanan Galeri Kriya", "/accounts/order-status/"),
    ("en", "Your Galeri Kriya order", "/en/accounts/order-status/"),
])
def test_confirmation_email_in_the_language_the_buyer_checked_out_in(
        localstripe, buyable_product, mailoutbox, django_capture_on_commit_callbacks, language, subject, link):
    client = Client()
    with translation.override(language):
        intent_id = checkout_to_payment(client, buyable_product)
        pay(client, payment_method=card_payment_method(localstripe, "4242424242424242"))
    # Placed by the webhook path (no request, default language active).
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        order_place_for_intent(payment_intent_id=intent_id, gateway=StripeGateway.from_settings())

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject.startswith(subject)
    assert link in mail.body and "\u2022\u2022\u2022\u2022 4242" in mail.body
