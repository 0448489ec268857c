"""Checkout prices one parcel per artisan, charges the chosen rates and freezes them on the order."""
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override as translation_override
from oscar.core.loading import get_model

from shop.payments.models import CheckoutPayment
from tests.factories import ArtisanFactory, ProductFactory, RegionFactory
from tests.fixtures.localstripe import localstripe, localstripe_server  # noqa: F401
from tests.integration.payments.helpers import pay, return_from_stripe

Country = get_model("address", "Country")
Order = get_model("order", "Order")
OrderParcel = get_model("order", "OrderParcel")

PAPUA = {
    "first_name": "Yohana Wenda", "phone_number": "0812 4455 6677", "state": "ID-PA",
    "line4": "Kota Jayapura", "line3": "Abepura", "line1": "Jl. Raya Abepura 7", "postcode": "99351",
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_artisans(db, rate_tables):
    Country.objects.update_or_create(
        iso_3166_1_a2="ID", defaults={"name": "Indonesia", "printable_name": "Indonesia", "is_shipping_country": True}
    )
    sambal_maker = ArtisanFactory(name="Sambal Suroboyo", region=RegionFactory(name="Surabaya"))
    bamboo_maker = ArtisanFactory(name="Bambu Trenggalek", region=RegionFactory(name="Trenggalek"))
    sambal = ProductFactory(title="Sambal Bawang 200 g", price=Decimal("35000"), num_in_stock=10,
                            artisan=sambal_maker, weight_grams=300, length_cm=9, width_cm=9, height_cm=11)
    # 30 x 30 x 45 cm is 6.75 kg volumetric: billed as 7 kg, far above its 900 g.
    lamp = ProductFactory(title="Lampu Meja Bambu", price=Decimal("185000"), num_in_stock=4,
                          artisan=bamboo_maker, weight_grams=900, length_cm=30, width_cm=30, height_cm=45)
    return sambal, lamp


def _to_shipping_method(client, products, address=PAPUA):
    for product in products:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "yohana@example.com", "options": "anonymous"})
    response = client.post(reverse("checkout:shipping-address"), address)
    assert response.status_code == 302, response.content[:2000]
    return client.get(reverse("checkout:shipping-method"))


def test_two_artisans_are_priced_as_two_parcels(two_artisans):
    sambal, lamp = two_artisans
    client = Client()
    page = _to_shipping_method(client, two_artisans)
    assert page.status_code == 200
    parcels = page.context["parcels"]
    assert [parcel["partner_name"] for parcel in parcels] == ["Sambal Suroboyo", "Bambu Trenggalek"]
    assert [parcel["weight_grams"] for parcel in parcels] == [300, 6750]
    # The table from Jawa Timur to Papua: JNE REG Rp 115.000/kg, no JNE YES.
    sambal_jne = next(o for o in parcels[0]["options"] if o["code"] == "jne-reg")
    lamp_jne = next(o for o in parcels[1]["options"] if o["code"] == "jne-reg")
    assert sambal_jne["price"] == Decimal("115000")
    assert lamp_jne["price"] == Decimal("115000") * 7
    assert "jne-yes" not in {o["code"] for o in parcels[0]["options"]}
    html = page.content.decode()
    assert "Sambal Bawang 200 g" in html and "Lampu Meja Bambu" in html
    assert "Parcel 2" in html or "Paket 2" in html


def test_chosen_rates_are_charged_and_frozen_per_parcel(two_artisans, localstripe):  # noqa: F811
    sambal, lamp = two_artisans
    client = Client()
    page = _to_shipping_method(client, two_artisans)
    quote = page.context["quote"]
    response = client.post(reverse("checkout:shipping-method"), {
        "quote": quote.pk,
        f"parcel-{sambal.artisan.pk}": "jne-reg",
        f"parcel-{lamp.artisan.pk}": "pos-kilat",
    })
    assert response.status_code == 302
    payment_page = client.get(reverse("checkout:payment-details"))
    assert payment_page.status_code == 200, payment_page.content[:1000]
    payment = CheckoutPayment.objects.get()
    expected_shipping = Decimal("115000") + Decimal("92000") * 7
    assert payment.amount == Decimal("35000") + Decimal("185000") + expected_shipping

    status, body = pay(client)
    assert body["status"] == "succeeded", body
    assert return_from_stripe(client, payment.payment_intent_id).status_code == 302
    order = Order.objects.get()
    assert order.shipping_incl_tax == expected_shipping
    assert order.total_incl_tax == payment.amount
    parcels = list(order.parcels.order_by("pk"))
    assert [(p.artisan_name, p.courier_name, p.service_name, p.fee) for p in parcels] == [
        ("Sambal Suroboyo", "JNE", "REG", Decimal("115000")),
        ("Bambu Trenggalek", "POS Indonesia", "Kilat Khusus", Decimal("644000")),
    ]
    assert parcels[1].partner == lamp.artisan and parcels[1].weight_grams == 6750


def test_choice_outside_the_quote_is_refused_with_a_message(two_artisans):
    sambal, lamp = two_artisans
    client = Client()
    quote = _to_shipping_method(client, two_artisans).context["quote"]
    response = client.post(reverse("checkout:shipping-method"), {
        "quote": quote.pk, f"parcel-{sambal.artisan.pk}": "jne-yes", f"parcel-{lamp.artisan.pk}": "jne-reg",
    })
    assert response.status_code == 200
    assert "Sambal Suroboyo" in response.context["error"]
    # Nothing chosen, nothing payable: the payment page sends the buyer back.
    assert client.get(reverse("checkout:payment-details")).status_code == 302


def test_basket_change_after_choosing_needs_a_new_choice(two_artisans):
    sambal, lamp = two_artisans
    client = Client()
    quote = _to_shipping_method(client, [sambal]).context["quote"]
    client.post(reverse("checkout:shipping-method"), {"quote": quote.pk, f"parcel-{sambal.artisan.pk}": "jne-reg"})
    client.post(reverse("basket:add", kwargs={"pk": lamp.pk}), {"quantity": 1})
    response = client.get(reverse("checkout:payment-details"))
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("checkout:shipping-method"))


@pytest.fixture
def placed_order(two_artisans, localstripe):  # noqa: F811
    sambal, lamp = two_artisans
    client = Client()
    quote = _to_shipping_method(client, two_artisans).context["quote"]
    client.post(reverse("checkout:shipping-method"), {
        "quote": quote.pk, f"parcel-{sambal.artisan.pk}": "jne-reg", f"parcel-{lamp.artisan.pk}": "pos-kilat",
    })
    client.get(reverse("checkout:payment-details"))
    payment = CheckoutPayment.objects.get()
    pay(client)
    return_from_stripe(client, payment.payment_intent_id)
    return client, Order.objects.get()


def test_parcels_show_on_confirmation_and_in_the_email(placed_order, mailoutbox):
    client, order = placed_order
    page = client.get(reverse("checkout:thank-you")).content.decode()
    for text in ("Sambal Suroboyo", "Bambu Trenggalek", "JNE REG", "POS Indonesia Kilat Khusus", "644.000",
                 "6–12"):
        assert text in page, text
    from shop.payments.services import order_confirmation_send

    order_confirmation_send(order_id=order.pk)  # queued on commit, which this test's transaction never reaches
    email = mailoutbox[-1]
    assert "POS Indonesia Kilat Khusus" in email.body and "644.000" in email.body
    assert "JNE REG" in email.alternatives[0][0]


def test_artisan_sees_only_their_own_parcel_in_the_dashboard(placed_order):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from shop.accounts.roles import ARTISAN, role_groups_sync

    role_groups_sync()
    _client, order = placed_order
    lamp_artisan = order.parcels.get(artisan_name="Bambu Trenggalek").partner
    user = get_user_model().objects.create_user("bambu", "bambu@example.com", "pw-kriya-123")
    user.groups.add(Group.objects.get(name=ARTISAN))
    lamp_artisan.users.add(user)
    client = Client()
    client.force_login(user)
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "POS Indonesia Kilat Khusus" in html and "644.000" in html
    assert "JNE REG" not in html and "Sambal Suroboyo" not in html

    admin = get_user_model().objects.create_superuser("admin-rates", "admin-rates@example.com", "x")
    client.force_login(admin)
    html = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "JNE REG" in html and "POS Indonesia Kilat Khusus" in html


def test_fragile_craft_travels_in_a_wooden_crate_that_adds_weight_and_fee(rate_tables):
    from shop.shipping.services import basket_parcels
    from tests.factories import CraftCategoryFactory

    WoodenCrateRule = get_model("shipping", "WoodenCrateRule")
    Basket = get_model("basket", "Basket")
    from oscar.apps.partner.strategy import Default

    gerabah = CraftCategoryFactory(name="Gerabah & Keramik")
    vases = CraftCategoryFactory(name="Vas", parent=gerabah)
    WoodenCrateRule.objects.create(category=gerabah, extra_weight_grams=2000, fee=Decimal("35000"))
    vase = ProductFactory(title="Vas Keramik Dinoyo", price=Decimal("275000"), num_in_stock=3, categories=[vases],
                          weight_grams=1800, length_cm=30, width_cm=30, height_cm=40)
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(vase, quantity=2)

    [parcel] = basket_parcels(basket=basket)
    # Volumetric 6 kg beats 1.8 kg; each vase gets its own 2 kg crate at Rp 35.000.
    assert parcel.weight_grams == 2 * (6000 + 2000)
    assert parcel.packing_fee == Decimal("70000") and parcel.crates == 2


def test_signed_in_buyer_sees_the_parcels_on_their_order_page(two_artisans, localstripe):  # noqa: F811
    from django.contrib.auth import get_user_model

    sambal, lamp = two_artisans
    buyer = get_user_model().objects.create_user("yohana", "yohana@example.com", "pw-kriya-123")
    client = Client()
    client.force_login(buyer)
    for product in two_artisans:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert client.post(reverse("checkout:shipping-address"), PAPUA).status_code == 302
    quote = client.get(reverse("checkout:shipping-method")).context["quote"]
    client.post(reverse("checkout:shipping-method"), {
        "quote": quote.pk, f"parcel-{sambal.artisan.pk}": "sicepat-reg", f"parcel-{lamp.artisan.pk}": "jnt-ez",
    })
    client.get(reverse("checkout:payment-details"))
    payment = CheckoutPayment.objects.get()
    pay(client)
    return_from_stripe(client, payment.payment_intent_id)
    order = Order.objects.get(user=buyer)

    with translation_override("en"):
        page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "SiCepat REG" in html and "J&amp;T EZ" in html and "Estimated delivery" in html
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert "Perkiraan tiba" in page.content.decode()


@pytest.mark.parametrize("prefix, pending, before_shipping", [
    ("", "saat checkout", "Total sebelum ongkos kirim"), ("/en", "at checkout", "Total before shipping"),
])
def test_basket_says_shipping_is_priced_at_checkout_not_rp_0(two_artisans, prefix, pending, before_shipping):
    client = Client()
    for product in two_artisans:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    page = client.get(prefix + reverse("basket:summary")).content.decode()
    assert pending in page and before_shipping in page
    assert "Rp\xa00</" not in page and "Rp 0<" not in page
