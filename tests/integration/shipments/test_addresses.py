"""Indonesian addresses: asked in the courier's order, validated in the reader's language, stored as agreed."""
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from marketplace_sync.adapters.shopee.mapping import parse_order
from shop.address.provinces import province_code, province_name, provinces
from tests.integration.payments.helpers import ADDRESS, checkout_to_payment, pay, return_from_stripe

ShippingAddressForm = get_class("checkout.forms", "ShippingAddressForm")
UserAddressForm = get_class("address.forms", "UserAddressForm")
UserAddress = get_model("address", "UserAddress")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
User = get_user_model()

pytestmark = pytest.mark.django_db

GOOD = {"first_name": "Yohana Wenda", "phone_number": "0812-3456-7890", "state": "ID-PA", "line4": "Kota Jayapura",
        "line3": "Abepura", "line1": "Jl. Raya Abepura No. 7", "line2": "", "postcode": "99351"}


def test_the_form_asks_in_the_couriers_order_and_never_for_the_country(shipping_country):
    form = ShippingAddressForm()
    assert list(form.fields)[:8] == ["first_name", "phone_number", "state", "line4", "line3", "line1", "line2",
                                     "postcode"]
    assert "country" not in form.fields and "last_name" not in form.fields
    assert ("ID-JI", "Jawa Timur") in form.fields["state"].choices
    # Provinces from ISO 3166-2:ID, not its island groups.
    assert len(provinces()) == 38 and "ID-JW" not in provinces()


def test_a_good_address_is_stored_in_the_agreed_fields(shipping_country):
    form = ShippingAddressForm(data=GOOD)
    assert form.is_valid(), form.errors
    address = form.save()
    assert (address.first_name, address.state, address.line4, address.line3, address.line1, address.postcode) == (
        "Yohana Wenda", "ID-PA", "Kota Jayapura", "Abepura", "Jl. Raya Abepura No. 7", "99351")
    assert address.phone_number.as_e164 == "+6281234567890"
    assert address.country_id == "ID"


@pytest.mark.parametrize("language, messages", [
    ("id", {"phone_number": "Masukkan nomor telepon Indonesia",
            "postcode": "Masukkan kode pos 5 angka",
            "line3": "Isi kecamatan"}),
    ("en", {"phone_number": "Enter an Indonesian phone number",
            "postcode": "Enter the 5-digit postcode",
            "line3": "Enter the district (kecamatan)"}),
])
def test_bad_phone_short_postcode_and_missing_district_are_explained_in_the_readers_language(
        shipping_country, language, messages):
    data = dict(GOOD, phone_number="+1 202 555 0143", postcode="9935", line3="")
    with translation.override(language):
        form = ShippingAddressForm(data=data)
        assert not form.is_valid()
        errors = {field: " ".join(form.errors[field]) for field in messages}
    for field, start in messages.items():
        assert errors[field].startswith(start), (field, errors[field])
    # Nothing else is complained about (the rest stays as typed).
    assert set(form.errors) == set(messages)


@pytest.mark.parametrize("phone", ["081234567890", "+62 812-3456-7890", "62812 3456 7890", "(031) 5678 123"])
def test_indonesian_numbers_written_every_usual_way_are_accepted(shipping_country, phone):
    form = ShippingAddressForm(data=dict(GOOD, phone_number=phone))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone_number"].as_e164.startswith("+62")


def test_the_english_checkout_page_shows_the_same_fields_in_english(shipping_country, buyable_product):
    client = Client()
    client.post(reverse("basket:add", kwargs={"pk": buyable_product.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "buyer@example.com", "options": "anonymous"})
    with translation.override("en"):
        url = reverse("checkout:shipping-address")
    assert url.startswith("/en/")
    page = client.get(url).content.decode()
    for label in ("Recipient's name", "Recipient's phone", "Province", "City or regency",
                  "District (kecamatan)", "Street and number", "Postcode (5 digits)"):
        assert label in page, label
    assert 'name="country"' not in page
    response = client.post(url, dict(GOOD, postcode="9935"))
    assert response.status_code == 200
    assert "Enter the 5-digit postcode" in response.content.decode()
    assert 'value="Abepura"' in response.content.decode()  # nothing typed is lost


def test_a_checkout_through_the_address_step_stores_the_fields_on_the_order(localstripe, buyable_product):
    client = Client()
    intent_id = checkout_to_payment(client, buyable_product)
    pay(client)
    return_from_stripe(client, intent_id)

    order = Order.objects.get()
    address = order.shipping_address
    assert (address.first_name, address.state, address.line4, address.line3, address.line1, address.postcode,
            address.country_id) == ("Siti Rahayu", "ID-JI", "Kota Surabaya", "Wonokromo", "Jl. Raya Darmo 12",
                                    "60241", "ID")
    assert str(address.phone_number) == "+6281234567890"
    assert order.language == "id"
    # Shown in Indonesian order, the province by name.
    assert address.active_address_fields() == [
        "Siti Rahayu", "Jl. Raya Darmo 12", "Kec. Wonokromo", "Kota Surabaya", "Jawa Timur 60241", "Indonesia"]
    assert ADDRESS["state"] == "ID-JI"


def test_the_address_book_uses_the_same_fields(shipping_country):
    user = User.objects.create_user("pembeli", "pembeli@example.com", "pw-kriya-123")
    client = Client()
    client.force_login(user)
    response = client.post(reverse("customer:address-create"), GOOD)
    assert response.status_code == 302, response.content.decode()[:2000]
    address = UserAddress.objects.get(user=user)
    assert (address.state, address.line3, address.postcode, str(address.phone_number)) == (
        "ID-PA", "Abepura", "99351", "+6281234567890")
    page = client.get(reverse("customer:address-list")).content.decode()
    assert "Kec. Abepura" in page and "Papua 99351" in page

    response = client.post(reverse("customer:address-create"), dict(GOOD, line1="Jl. Lain 1", line3=""))
    assert response.status_code == 200 and "Isi kecamatan" in response.content.decode()


@pytest.mark.parametrize("name, code", [
    ("Jawa Timur", "ID-JI"), ("DKI Jakarta", "ID-JK"), ("Nanggroe Aceh Darussalam (NAD)", "ID-AC"),
    ("D.I. Yogyakarta", "ID-YO"), ("Papua Pegunungan", "ID-PE"), ("Kepulauan Bangka Belitung", "ID-BB"),
    ("Prov. Papua", "ID-PA"), ("Atlantis", ""),
])
def test_province_names_as_people_and_marketplaces_write_them(name, code):
    assert province_code(name) == code


def test_a_shopee_address_lands_in_the_same_fields():
    remote = parse_order(
        {
            "order_sn": "2611300AAA",
            "order_status": "READY_TO_SHIP",
            "create_time": 1764460800,
            "update_time": 1764460800,
            "total_amount": 250000,
            "item_list": [
                {
                    "item_id": 1,
                    "model_id": 0,
                    "item_sku": "GK-1",
                    "item_name": "Batik",
                    "model_quantity_purchased": 1,
                    "model_discounted_price": 250000,
                }
            ],
            "recipient_address": {
                "name": "Sari Wulandari",
                "phone": "6281234567890",
                "town": "Oro-oro Dowo",
                "district": "Klojen",
                "city": "Kota Malang",
                "state": "Jawa Timur",
                "region": "ID",
                "zipcode": "65111",
                "full_address": "Jl. Ijen No. 25, Oro-oro Dowo, Klojen, Kota Malang, Jawa Timur, ID, 65111",
            },
        }
    )
    address = remote.shipping_address
    assert (address.line1, address.line2, address.district, address.city, address.state, address.postcode) == (
        "Jl. Ijen No. 25", "Oro-oro Dowo", "Klojen", "Kota Malang", "ID-JI", "65111")
    assert province_name(address.state) == "Jawa Timur"


def test_staff_correct_an_orders_address_with_the_same_fields(shipping_country):
    form_class = get_class("dashboard.orders.forms", "ShippingAddressForm")
    address = ShippingAddress.objects.create(first_name="Sari", line1="Jl. Ijen 25", line4="Kota Malang",
                                             state="Jawa Timur", postcode="65111", country=shipping_country)
    form = form_class(instance=address)
    assert form.initial["state"] == "ID-JI"
    form = form_class(instance=address, data=dict(GOOD, state="ID-JI", line3="Klojen", postcode="65111"))
    assert form.is_valid(), form.errors
    assert form.save().state == "ID-JI"


def test_an_english_checkout_records_english_as_the_buyers_language(localstripe, buyable_product):
    client = Client()
    with translation.override("en"):
        intent_id = checkout_to_payment(client, buyable_product)
        pay(client)
        # The payment row carries it, so a webhook placing the order without a request keeps it too.
        from shop.payments.models import CheckoutPayment
        assert CheckoutPayment.objects.get(payment_intent_id=intent_id).checkout_data["language"] == "en"
        return_from_stripe(client, intent_id)
    assert Order.objects.get().language == "en"
