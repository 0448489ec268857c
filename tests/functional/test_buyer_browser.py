"""The buyer's path on a 375 px phone in Debian's Chromium, in both languages:
basket -> checkout (sign in at the gateway) -> address -> card payment on the
local Stripe server -> thank-you -> the order in the account. Nothing may be
wider than the screen, the card fields stay above the pay button, and each
page speaks one language. Screenshots: var/screenshots/buyer-<lang>-<step>.png.
"""
import os
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from tests.factories import ProductFactory
from tests.fixtures.localstripe import localstripe, localstripe_server  # noqa: F401

from .test_checkout_browser import CHROMIUM_ARGS, SCREENSHOT_DIR, fill_address

Country = get_model("address", "Country")
Order = get_model("order", "Order")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
EMAIL, PASSWORD = "dian@example.com", "kriya-demo-buyer"

# Words that give away the other language on a page of the buyer's path.
FOREIGN = {
    "id": ["Proceed to checkout", "Your basket", "Payment", "Order number", "Paid by card", "Continue shopping",
           "available)", "Re-order", "Shipping address"],
    "en": ["Keranjang", "Pembayaran", "Lanjut", "Dibayar", "Pesanan", "Alamat", "Kirim", "Langkah", "buah"],
}


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian's chromium is not installed (make browser)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser.new_page(viewport=PHONE)
        browser.close()


class Walk:
    def __init__(self, page, language):
        self.page, self.language = page, language

    def check(self, step):
        """Screenshot, nothing wider than the phone, no word of the other language."""
        page = self.page
        page.wait_for_load_state()
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOT_DIR, f"buyer-{self.language}-{step}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{step}: the page is {width}px wide"
        text = page.locator("main").inner_text()
        leaked = [word for word in FOREIGN[self.language] if word in text]
        assert not leaked, f"{step}: {leaked}"
        return text


@pytest.mark.parametrize("language", ["id", "en"])
def test_buyer_path_on_a_phone(live_server, localstripe, settings, phone, language, rate_tables):  # noqa: F811
    localstripe.register_webhook(f"{live_server.url}/payments/stripe/webhook/", settings.STRIPE_WEBHOOK_SECRET)
    Country.objects.update_or_create(
        iso_3166_1_a2="ID", defaults={"name": "Indonesia", "printable_name": "Indonesia", "is_shipping_country": True}
    )
    get_user_model().objects.create_user(username="dian", email=EMAIL, password=PASSWORD, first_name="Dian")
    product = ProductFactory(title="Lampu Bambu Petung Trenggalek", price=Decimal("275000.00"), num_in_stock=4)
    prefix = live_server.url + ("" if language == "id" else "/en")
    page = phone
    walk = Walk(page, language)

    page.goto(prefix + product.get_absolute_url())
    page.locator("#add_to_basket_form [type=submit]").first.click()
    walk.check("added")

    page.goto(prefix + "/basket/")
    walk.check("basket")
    page.locator("a[href$='/checkout/']").first.click()

    walk.check("gateway")
    page.fill("#id_username", EMAIL)
    page.check("input[name=options][value=existing]")
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(#id_username) [type=submit]").first.click()

    page.wait_for_url("**/checkout/shipping-address/")
    walk.check("address")
    fill_address(page, name="Dian Pratiwi", phone="0812 3456 7890", province="ID-JI", city="Kota Surabaya",
                 district="Genteng", street="Jl. Tunjungan 12", postcode="60261")

    page.wait_for_url("**/checkout/shipping-method/")
    walk.check("shipping")
    page.click("#rates-continue")

    page.wait_for_url("**/checkout/payment-details/")
    page.wait_for_selector("#card-element input")
    card = page.locator("#card-element")
    card.locator("input[placeholder=number]").fill("4242424242424242")
    card.locator("input[placeholder=exp_month]").fill("12")
    card.locator("input[placeholder=exp_year]").fill("34")
    card.locator("input[placeholder=cvc]").fill("123")
    if card.locator("input[placeholder=postal_code]").count():
        card.locator("input[placeholder=postal_code]").fill("60261")
    walk.check("payment")
    # The card fields stay inside the card box, above the pay button.
    box, button = card.bounding_box(), page.locator("#pay-button").bounding_box()
    for field in card.locator("input").all():
        inner = field.bounding_box()
        assert inner["y"] + inner["height"] <= box["y"] + box["height"] + 1
        assert inner["x"] + inner["width"] <= box["x"] + box["width"] + 1
    assert box["y"] + box["height"] <= button["y"]
    page.click("#pay-button")

    page.wait_for_url("**/checkout/thank-you/", timeout=20000)
    order = Order.objects.get()
    thank_you = walk.check("thankyou")
    assert order.number in thank_you and "4242" in thank_you

    page.goto(prefix + f"/accounts/orders/{order.number}/")
    detail = walk.check("account-order")
    assert order.number in detail and "4242" in detail
    page.goto(prefix + "/accounts/orders/")
    assert order.number in walk.check("account-orders")
