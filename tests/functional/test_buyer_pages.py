"""The buyer's pages after the gallery: one-of-a-kind pieces once sold, the
404 and 500 pages, and the order pages (no payment jargon, the parcels and
shipments partials in place, each language on its own)."""
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.views import defaults
from oscar.core.loading import get_class, get_model

from tests.factories import ArtisanFactory, ProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
OrderCreator = get_class("order.utils", "OrderCreator")
Basket = get_model("basket", "Basket")
FreeShipping = get_class("shipping.methods", "Free")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode().replace("\u00a0", " "))


def _sold(product):
    StockRecord.objects.filter(product=product).update(num_in_stock=1, num_allocated=1)


def test_sold_one_of_a_kind_leaves_the_shelf_and_offers_no_alert(client):
    artisan = ArtisanFactory(slug="rumah-batik-siti", name="Rumah Batik Siti")
    sold = ProductFactory(title="Gentongan Lok Can", is_one_of_a_kind=True, num_in_stock=1, artisan=artisan)
    unsold = ProductFactory(title="Gentongan Sisik Ikan", is_one_of_a_kind=True, num_in_stock=1)
    _sold(sold)

    shelf = client.get(reverse("gallery:home")).context["one_of_a_kind_products"]
    assert unsold in shelf and sold not in shelf

    page = _text(client.get(sold.get_absolute_url()))
    assert 'id="alert_form"' not in page and 'id="add_to_basket_form"' not in page
    assert "Terjual: karya ini hanya ada satu." in page
    assert artisan.get_absolute_url() in page
    english = _text(client.get("/en" + sold.get_absolute_url()))
    assert "Sold: this piece was one of a kind." in english and 'id="alert_form"' not in english


def test_sold_out_regular_product_still_offers_the_alert(client):
    product = ProductFactory(title="Sarung Tenun Ikat", num_in_stock=3)
    StockRecord.objects.filter(product=product).update(num_in_stock=0)
    page = _text(client.get(product.get_absolute_url()))
    assert 'id="alert_form"' in page


@pytest.mark.parametrize("prefix, heading, other", [
    ("", "Halaman ini tidak kami temukan", "We could not find this page"),
    ("/en", "We could not find this page", "Halaman ini tidak kami temukan"),
])
def test_404_page_in_the_gallery_design_and_language(client, prefix, heading, other):
    response = client.get(prefix + "/tidak-ada-halaman-ini/")
    page = _text(response)
    assert response.status_code == 404
    assert heading in page and other not in page
    assert "gk-error" in page and "gk-header" in page and "gk-footer" in page


@pytest.mark.parametrize("language, heading", [
    ("id", "Ada gangguan di sistem kami"), ("en", "Something went wrong on our side"),
])
def test_500_page_renders_without_context_or_database(language, heading):
    request = RequestFactory().get("/")
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = defaults.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert heading in page and f'<html lang="{language}">' in page
    assert len(queries) == 0


@pytest.fixture
def placed_order(client):
    """A real order placed by Oscar's OrderCreator, paid by card as our facade records it."""
    country, _ = Country.objects.update_or_create(
        iso_3166_1_a2="ID", defaults={"name": "Indonesia", "printable_name": "Indonesia", "is_shipping_country": True}
    )
    product = ProductFactory(title="Lampu Bambu Petung", price=Decimal("275000.00"), num_in_stock=4)
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, 1)
    shipping = FreeShipping()
    charge = shipping.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    address = ShippingAddress.objects.create(
        first_name="Siti", last_name="Rahayu", line1="Jl. Raya Darmo 12", line4="Surabaya", postcode="60241",
        country=country,
    )
    order = OrderCreator().place_order(
        basket=basket, total=total, shipping_method=shipping, shipping_charge=charge, shipping_address=address,
        guest_email="tamu@example.com", order_number="200001",
    )
    source_type, _ = SourceType.objects.get_or_create(code="stripe", defaults={"name": "Stripe"})
    source = Source.objects.create(order=order, source_type=source_type, currency="IDR", reference="pi_123abc",
                                   label="Visa \u2022\u2022\u2022\u2022 4242")
    source.allocate(total.incl_tax, reference="pi_123abc", status="succeeded")
    return order


@pytest.mark.parametrize("prefix, paid, status, absent", [
    ("", "Dibayar dengan kartu Visa \u2022\u2022\u2022\u2022 4242", "Diterima", ["Paid by", "Received", "Ordered on"]),
    ("/en", "Paid by card Visa \u2022\u2022\u2022\u2022 4242", "Received", ["Dibayar", "Diterima", "Tanggal pesan"]),
])
def test_guest_order_status_page_speaks_one_language_and_no_payment_jargon(
        client, placed_order, prefix, paid, status, absent):
    with translation.override("id"):
        url = reverse("customer:anon-order", kwargs={
            "order_number": placed_order.number, "hash": placed_order.verification_hash()})
    form = client.get(prefix + url, follow=True)
    assert "gk-form" in _text(form)
    response = client.post(form.redirect_chain[-1][0], {"email": "tamu@example.com"}, follow=True)
    page = _text(response)

    assert placed_order.number in page and paid in page and status in page
    for word in absent + ["pi_123abc", "Alokasi", "Allocation", "Stripe"]:
        assert word not in page, word
    used = {t.name for t in response.templates}
    assert {"oscar/order/partials/parcels.html", "oscar/order/partials/shipments.html"} <= used


def test_basket_messages_read_naturally(client):
    product = ProductFactory(title="Sambal Bawang Suroboyo", price=Decimal("35000.00"), num_in_stock=10)
    page = _text(client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2}, follow=True))
    assert "Subtotal keranjang sekarang" in page and "Your basket total" not in page
    basket = _text(client.get(reverse("basket:summary")))
    assert "Lanjut ke pembayaran" in basket and "proses untuk proses akhir" not in basket
    assert "available)" not in basket


@pytest.mark.parametrize("language, subject, signed, paid, foreign", [
    ("id", "Pesanan Galeri Kriya 200001", "Tim Galeri Kriya", "Dibayar dengan kartu Visa \u2022\u2022\u2022\u2022 4242",
     ["Kelompok", "Thank you", "The Galeri Kriya team"]),
    ("en", "Your Galeri Kriya order 200001", "The Galeri Kriya team", "Paid by card Visa \u2022\u2022\u2022\u2022 4242",
     ["Tim Galeri", "Terima kasih", "Dibayar"]),
])
def test_order_confirmation_email_in_the_gallery_design_and_language(placed_order, language, subject, signed, paid,
                                                                     foreign):
    Dispatcher = get_class("communication.utils", "Dispatcher")
    with translation.override(language):
        messages = Dispatcher().get_messages("ORDER_PLACED", {
            "order": placed_order, "status_path": f"/accounts/orders/{placed_order.number}/"})
    assert messages["subject"] == subject
    for body in (messages["body"], messages["html"]):
        assert signed in body and paid in body and placed_order.number in body
        for word in foreign + ["pi_123abc", "Stripe", "Alokasi", "Allocation"]:
            assert word not in body, (word, body[:400])
    assert "#1e2a4d" in messages["html"]  # the gallery's indigo, not Oscar's blue
    assert f"/accounts/orders/{placed_order.number}/" in messages["html"]


@pytest.mark.parametrize("code", [
    "REGISTRATION", "PASSWORD_RESET", "PASSWORD_CHANGED", "EMAIL_CHANGED", "PRODUCT_ALERT",
    "PRODUCT_ALERT_CONFIRMATION",
])
@pytest.mark.parametrize("language, signed", [("id", "Tim Galeri Kriya"), ("en", "The Galeri Kriya team")])
def test_every_buyer_email_is_ours_in_both_languages(code, language, signed):
    ProductAlert = get_model("customer", "ProductAlert")
    product = ProductFactory(title="Tas Anyaman Pandan")
    alert = ProductAlert(product=product, email="tamu@example.com", key="k3y")
    Dispatcher = get_class("communication.utils", "Dispatcher")
    with translation.override(language):
        messages = Dispatcher().get_messages(code, {
            "reset_url": "/password-reset/confirm/x/y/", "new_email": "baru@example.com", "alert": alert,
            "hurry": True, "user": None,
        })
    assert messages["subject"] and "\n" not in messages["subject"].strip()
    for body in (messages["body"], messages["html"]):
        assert signed in body
        assert "Kelompok" not in body and "The team" not in body and "Thanks for using our site" not in body
    assert "#1e2a4d" in messages["html"]
