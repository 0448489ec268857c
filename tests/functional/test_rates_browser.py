"""In Chromium: a sambal from Surabaya and a bamboo lamp from Trenggalek to Jayapura, two parcels, two couriers."""
import os
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from tests.factories import ArtisanFactory, ProductFactory, RegionFactory
from tests.fixtures.localstripe import localstripe, localstripe_server  # noqa: F401

from .test_checkout_browser import SCREENSHOT_DIR, browser_page, fill_address  # noqa: F401

Country = get_model("address", "Country")
Order = get_model("order", "Order")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_artisans_to_jayapura_ship_as_two_parcels_with_their_own_couriers(
    live_server, localstripe, settings, browser_page, rate_tables  # noqa: F811
):
    localstripe.register_webhook(f"{live_server.url}/payments/stripe/webhook/", settings.STRIPE_WEBHOOK_SECRET)
    Country.objects.update_or_create(
        iso_3166_1_a2="ID", defaults={"name": "Indonesia", "printable_name": "Indonesia", "is_shipping_country": True}
    )
    sambal_maker = ArtisanFactory(name="Sambal Suroboyo", region=RegionFactory(name="Surabaya"))
    bamboo_maker = ArtisanFactory(name="Bambu Trenggalek", region=RegionFactory(name="Trenggalek"))
    sambal = ProductFactory(title="Sambal Bawang Suroboyo 200 g", price=Decimal("35000"), num_in_stock=10,
                            artisan=sambal_maker, weight_grams=300, length_cm=9, width_cm=9, height_cm=11)
    lamp = ProductFactory(title="Lampu Meja Bambu Apus", price=Decimal("185000"), num_in_stock=4,
                          artisan=bamboo_maker, weight_grams=900, length_cm=30, width_cm=30, height_cm=45)
    page = browser_page
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)

    for product in (sambal, lamp):
        page.goto(live_server.url + product.get_absolute_url())
        page.locator("#add_to_basket_form [type=submit]").first.click()
        page.wait_for_load_state()
    page.goto(live_server.url + "/basket/")
    page.locator("a[href$='/checkout/']").first.click()
    page.fill("#id_username", "yohana@example.com")
    page.check("input[name=options][value=anonymous]")
    page.locator("form:has(#id_username) [type=submit]").first.click()

    page.wait_for_url("**/checkout/shipping-address/")
    fill_address(page, name="Yohana Wenda", phone="0812 4455 6677", province="ID-PA", city="Kota Jayapura",
                 district="Abepura", street="Jl. Raya Abepura 7", postcode="99351")

    page.wait_for_url("**/checkout/shipping-method/")
    parcels = page.locator("fieldset.rates-parcel")
    assert parcels.count() == 2
    assert "Sambal Suroboyo" in parcels.nth(0).inner_text()
    assert "Bambu Trenggalek" in parcels.nth(1).inner_text()
    # Different couriers for the two parcels: JNE REG for the sambal, POS Kilat for the lamp.
    parcels.nth(0).locator("input[value='jne-reg']").check()
    parcels.nth(1).locator("input[value='pos-kilat']").check()
    # JNE REG 1 kg x Rp 115.000 + POS Kilat 7 kg x Rp 92.000 = Rp 759.000; with the pieces Rp 979.000.
    assert "759.000" in page.locator("#rates-shipping-total").inner_text()
    assert "979.000" in page.locator("#rates-order-total").inner_text()
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "rates-parcels.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 900})
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "rates-parcels-375.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.click("#rates-continue")

    page.wait_for_url("**/checkout/payment-details/")
    card = page.locator("#card-element")
    card.locator("input[placeholder=number]").fill("4242424242424242")
    card.locator("input[placeholder=exp_month]").fill("12")
    card.locator("input[placeholder=exp_year]").fill("34")
    card.locator("input[placeholder=cvc]").fill("123")
    card.locator("input[placeholder=postal_code]").fill("99351")
    page.click("#pay-button")

    page.wait_for_url("**/checkout/thank-you/", timeout=20000)
    order = Order.objects.get()
    assert order.shipping_incl_tax == Decimal("759000.00")
    assert order.total_incl_tax == Decimal("979000.00")
    rows = page.locator(".order-parcel")
    assert rows.count() == 2
    assert "JNE REG" in rows.nth(0).inner_text() and "POS Indonesia Kilat Khusus" in rows.nth(1).inner_text()
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "rates-confirmation.png"), full_page=True)
    page.wait_for_timeout(1500)  # localstripe's webhook finds the order placed
    assert Order.objects.count() == 1
