"""The Biteship adapter against its simulator over real HTTP: prices, fallback, refused destinations."""
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.shipping.rates import DestinationNotServed, Parcel, ParcelItem, Place, ProviderUnavailable
from shop.shipping.rates.biteship.provider import BiteshipRateProvider
from shop.shipping.simulators.biteship import BiteshipSimulator
from tests.factories import ArtisanFactory, ProductFactory, RegionFactory

from .test_checkout_parcels import PAPUA, _to_shipping_method

Country = get_model("address", "Country")
PartnerAddress = get_model("partner", "PartnerAddress")

API_KEY = "biteship_test.pytest"
pytestmark = pytest.mark.django_db


@pytest.fixture
def biteship(settings):
    sim = BiteshipSimulator(api_key=API_KEY)
    settings.BITESHIP_API_BASE = sim.start()
    settings.BITESHIP_API_KEY = API_KEY
    settings.SHIPPING_RATE_PROVIDER = "biteship"
    settings.SHIPPING_RATE_TIMEOUT = 0.5
    yield sim
    sim.stop()


def _parcel(destination_postcode="99351", grams=900):
    item = ParcelItem(name="Lampu Meja Bambu", quantity=1, value=Decimal("185000"), weight_grams=grams,
                      length_cm=30, width_cm=30, height_cm=45)
    return Parcel(origin=Place("ID-JI", "Trenggalek", "66312"),
                  destination=Place("ID-PA", "Jayapura", destination_postcode), weight_grams=6750, items=(item,))


def test_rates_come_back_as_courier_services_with_days(biteship):
    options = BiteshipRateProvider().rates(_parcel())

    by_code = {option.code: option for option in options}
    # 6.75 kg volumetric -> 7 kg at the simulator's Papua rate (Rp 112.000/kg).
    assert by_code["jne-reg"].price == Decimal("784000")
    assert (by_code["jne-reg"].etd_min_days, by_code["jne-reg"].etd_max_days) == (5, 9)
    assert "jne-yes" not in by_code  # no next-day service to Papua
    assert {"jnt-ez", "sicepat-reg", "pos-kilat_khusus"} <= set(by_code)
    sent = biteship.requests[-1]
    assert (sent["origin_postal_code"], sent["destination_postal_code"]) == (66312, 99351)
    assert sent["couriers"] == "jne,jnt,sicepat,pos"
    assert sent["items"][0]["weight"] == 900 and sent["items"][0]["height"] == 45


def test_unknown_postcode_is_a_clear_message_in_both_languages(biteship):
    with translation.override("id"), pytest.raises(DestinationNotServed) as in_indonesian:
        BiteshipRateProvider().rates(_parcel(destination_postcode="00999"))
    with translation.override("en"), pytest.raises(DestinationNotServed) as in_english:
        BiteshipRateProvider().rates(_parcel(destination_postcode="00999"))
    assert str(in_english.value) == (
        "Couriers do not recognise postcode 00999. Please check the postcode of the address."
    )
    assert str(in_indonesian.value) == "Kurir tidak mengenali kode pos 00999. Periksa lagi kode pos alamat Anda."


@pytest.mark.parametrize("fault", ["slow", "down", "bad key"])
def test_a_provider_that_cannot_answer_is_unavailable(biteship, settings, fault):
    if fault == "slow":
        biteship.delay = 1.5  # beyond SHIPPING_RATE_TIMEOUT
    elif fault == "down":
        biteship.fail_status = 503
    else:
        settings.BITESHIP_API_KEY = "biteship_test.wrong"
    with pytest.raises(ProviderUnavailable):
        BiteshipRateProvider().rates(_parcel())


@pytest.fixture
def lamp_in_trenggalek(db, rate_tables):
    Country.objects.update_or_create(
        iso_3166_1_a2="ID", defaults={"name": "Indonesia", "printable_name": "Indonesia", "is_shipping_country": True}
    )
    artisan = ArtisanFactory(name="Bambu Trenggalek", region=RegionFactory(name="Trenggalek"))
    PartnerAddress.objects.create(partner=artisan, line1="Jl. Bambu 1", line4="Trenggalek", state="ID-JI",
                                  postcode="66312", country_id="ID")
    return ProductFactory(title="Lampu Meja Bambu", price=Decimal("185000"), num_in_stock=3, artisan=artisan,
                          weight_grams=900, length_cm=30, width_cm=30, height_cm=45)


def test_checkout_shows_biteship_prices(biteship, lamp_in_trenggalek):
    page = _to_shipping_method(Client(), [lamp_in_trenggalek])
    quote = page.context["quote"]
    assert quote.provider == "biteship" and quote.note == ""
    option = next(o for o in quote.parcels[0]["options"] if o["code"] == "jne-reg")
    assert (option["price"], option["provider"]) == ("784000", "biteship")


@pytest.mark.parametrize("language,note", [
    ("id", "Harga kurir langsung tidak menjawab tepat waktu"),
    ("en", "The live courier prices did not answer in time"),
])
def test_timeout_falls_back_to_the_table_with_a_note(biteship, lamp_in_trenggalek, language, note):
    biteship.delay = 1.5
    client = Client()
    prefix = "/en" if language == "en" else ""
    for url in (reverse("basket:add", kwargs={"pk": lamp_in_trenggalek.pk}),):
        client.post(url, {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "yohana@example.com", "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), PAPUA)
    page = client.get(prefix + "/checkout/shipping-method/")

    quote = page.context["quote"]
    assert quote.provider == "biteship" and quote.note == "table_fallback"
    option = next(o for o in quote.parcels[0]["options"] if o["code"] == "jne-reg")
    assert (option["price"], option["provider"]) == ("805000", "table")  # 7 kg x Rp 115.000, our table
    assert note in page.content.decode()


def test_bad_destination_at_checkout_offers_no_way_to_pay(biteship, lamp_in_trenggalek):
    address = {**PAPUA, "postcode": "00999"}
    page = _to_shipping_method(Client(), [lamp_in_trenggalek], address=address)
    html = page.content.decode()
    assert "Kurir tidak mengenali kode pos 00999" in html
    assert 'id="rates-continue"' not in html
