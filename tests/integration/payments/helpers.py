"""Drive Oscar's real checkout views with Django's test client, up to payment."""
import json
import re
from decimal import Decimal

import pytest
import stripe
from django.conf import settings
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory

Country = get_model("address", "Country")

CLIENT_SECRET_RE = re.compile(r'data-client-secret="([^"]+)"')
ADDRESS = {
    "first_name": "Siti Rahayu",
    "phone_number": "0812 3456 7890",
    "state": "ID-JI",
    "line4": "Kota Surabaya",
    "line3": "Wonokromo",
    "line1": "Jl. Raya Darmo 12",
    "postcode": "60241",
}


@pytest.fixture
def shipping_country(db, rate_tables):
    country, _ = Country.objects.update_or_create(
        iso_3166_1_a2="ID",
        defaults={"name": "Indonesia", "printable_name": "Indonesia", "is_shipping_country": True},
    )
    return country


@pytest.fixture
def buyable_product(db, shipping_country):
    return ProductFactory(price=Decimal("150000.00"), num_in_stock=5)


def checkout_to_payment(client: Client, product, *, email="pembeli@example.com", quantity=1) -> str:
    """Basket -> guest checkout -> address -> shipping; returns the payment page's intent id."""
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302, response.content[:500]
    response = client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    assert response.status_code == 302, response.content[:2000]
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.content[:3000]
    choose_cheapest_couriers(client)
    page = client.get(reverse("checkout:payment-details"))
    assert page.status_code == 200, page.content[:2000]
    match = CLIENT_SECRET_RE.search(page.content.decode())
    assert match, page.content.decode()[:3000]
    return match.group(1).split("_secret_")[0]


def choose_cheapest_couriers(client: Client):
    """The shipping-method step: the first (cheapest) courier for every artisan's parcel."""
    page = client.get(reverse("checkout:shipping-method"))
    assert page.status_code == 200, page.content[:2000]
    quote = page.context["quote"]
    data = {"quote": quote.pk}
    for parcel in quote.parcels:
        data[f"parcel-{parcel['partner_id']}"] = parcel["options"][0]["code"]
    response = client.post(reverse("checkout:shipping-method"), data)
    assert response.status_code == 302, response.content[:2000]
    return quote


def pay(client: Client, payment_method="pm_card_visa"):
    """What the payment page's script does on the local Stripe server: attach and confirm."""
    response = client.post(reverse("checkout:stripe-local-confirm"), {"payment_method": payment_method})
    return response.status_code, json.loads(response.content)


def return_from_stripe(client: Client, intent_id: str, **kwargs):
    return client.get(reverse("checkout:stripe-return"), {"payment_intent": intent_id}, **kwargs)


def signed_webhook(client: Client, event: dict, secret=None):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret or settings.STRIPE_WEBHOOK_SECRET)
    return client.post(
        "/payments/stripe/webhook/", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
