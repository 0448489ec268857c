"""Dashboard refunds against the refundable remainder; amounts Stripe must never see."""
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments.gateway import InvalidAmount, StripeGateway, amount_to_minor
from tests.factories import ProductFactory

from .helpers import checkout_to_payment, pay, return_from_stripe

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)
    pay(client)
    return_from_stripe(client, intent_id)
    return Order.objects.get()


@pytest.fixture
def staff_client(db):
    admin = get_user_model().objects.create_superuser("kurator", "kurator@galerikriya.example", "x")
    client = Client()
    client.force_login(admin)
    return client


def _refund(client, order, amount):
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "refund_card_payment", "refund_amount": amount},
        follow=True,
    )


def test_partial_then_too_large_refund_is_refused(localstripe, paid_order, staff_client):
    page = staff_client.get(reverse("dashboard:order-detail", kwargs={"number": paid_order.number}))
    assert 'name="refund_amount"' in page.content.decode()

    _refund(staff_client, paid_order, "100.000")  # Indonesian grouping
    assert [r["amount"] for r in localstripe.list("refunds")] == [10_000_000]

    # Rp 57.000 remains (Rp 7.000 of it shipping); Rp 60.000 must be refused by us
    # (localstripe would accept it).
    response = _refund(staff_client, paid_order, "60000")
    assert "57" in response.content.decode()
    assert len(localstripe.list("refunds")) == 1
    source = paid_order.sources.get()
    assert source.amount_refunded == Decimal("100000.00")
    events = [(e.event_type.name, e.amount) for e in paid_order.payment_events.order_by("pk")]
    assert events == [("Paid", Decimal("157000.00")), ("Refunded", Decimal("100000.00"))]

    # The exact remainder is a full refund of what is left.
    _refund(staff_client, paid_order, "57000")
    assert sum(r["amount"] for r in localstripe.list("refunds")) == 15_700_000
    source.refresh_from_db()
    assert source.amount_available_for_refund == 0


def test_artisan_users_cannot_refund(localstripe, paid_order):
    artisan = get_user_model().objects.create_user("perajin", "perajin@example.com", "x")
    artisan_partner = paid_order.lines.get().partner
    artisan_partner.users.add(artisan)
    client = Client()
    client.force_login(artisan)
    _refund(client, paid_order, "1000")
    assert localstripe.list("refunds") == []


def test_non_whole_rupiah_total_is_refused_before_stripe_is_called(localstripe, shipping_country):
    product = ProductFactory(price=Decimal("150000.50"), num_in_stock=2)
    client = Client()
    with pytest.raises(AssertionError):
        # No client secret on the page: no intent was created.
        checkout_to_payment(client, product)
    page = client.get(reverse("checkout:payment-details")).content.decode()
    # Rp 150.000,50 plus Rp 7.000 shipping.
    assert "157000.50" in page or "157.000,50" in page
    assert "data-client-secret" not in page
    assert localstripe.count("payment_intents") == 0
    assert Order.objects.count() == 0


def test_gateway_refuses_fractions_without_any_request():
    # A dead address: any request would raise GatewayUnavailable, not InvalidAmount.
    gateway = StripeGateway(secret_key="sk_test_x", api_base="http://127.0.0.1:9")
    with pytest.raises(InvalidAmount):
        gateway.payment_intent_create(amount=Decimal("1500.50"), currency="IDR", basket_id=1, order_number="100001")
    with pytest.raises(InvalidAmount):
        gateway.refund_create(intent_id="pi_x", amount=Decimal("0.99"), sequence=1)
    assert amount_to_minor(Decimal("150000.00")) == 15_000_000
