"""End to end in Debian's Chromium: browse, basket, guest checkout, card 4242, confirmation."""
import os
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from tests.factories import ProductFactory
from tests.fixtures.localstripe import localstripe, localstripe_server  # noqa: F401

Country = get_model("address", "Country")
Order = get_model("order", "Order")

SCREENSHOT_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "var", "screenshots")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_address(page, *, name, phone, province, city, district, street, postcode):
    """The checkout's Indonesian address step, in the form's own order, then submit."""
    page.fill("#id_first_name", name)
    page.fill("#id_phone_number", phone)
    page.select_option("select#id_state", province)
    page.fill("#id_line4", city)
    page.fill("#id_line3", district)
    page.fill("#id_line1", street)
    page.fill("#id_postcode", postcode)
    page.locator("form:has(#id_line1) [type=submit]").first.click()


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API keeps an event loop on this thread; the ORM calls
    # the test makes between browser steps are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian's chromium is not installed (make browser)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        yield page
        browser.close()


def test_guest_buys_with_test_card_and_sees_confirmation(live_server, localstripe, settings, browser_page,  # noqa: F811
                                                         rate_tables):
    localstripe.register_webhook(f"{live_server.url}/payments/stripe/webhook/", settings.STRIPE_WEBHOOK_SECRET)
    Country.objects.update_or_create(
        iso_3166_1_a2="ID", defaults={"name": "Indonesia", "printable_name": "Indonesia", "is_shipping_country": True}
    )
    product = ProductFactory(title="Tenun Ikat Lamongan", price=Decimal("485000.00"), num_in_stock=2)
    page = browser_page

    page.goto(live_server.url + "/")
    page.goto(live_server.url + product.get_absolute_url())
    page.locator("#add_to_basket_form [type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(live_server.url + "/basket/")
    page.locator("a[href$='/checkout/']").first.click()
    page.fill("#id_username", "pembeli@example.com")
    page.check("input[name=options][value=anonymous]")
    page.locator("form:has(#id_username) [type=submit]").first.click()

    page.wait_for_url("**/checkout/shipping-address/")
    fill_address(page, name="Siti Rahayu", phone="0812 3456 7890", province="ID-JI", city="Kota Surabaya",
                 district="Wonokromo", street="Jl. Raya Darmo 12", postcode="60241")

    # One artisan, one parcel: the cheapest courier is chosen already.
    page.wait_for_url("**/checkout/shipping-method/")
    page.click("#rates-continue")
    page.wait_for_url("**/checkout/payment-details/")
    form = page.locator("form#payment-form")
    assert form.get_attribute("data-client-secret").startswith("pi_")
    card = page.locator("#card-element")
    card.locator("input[placeholder=number]").fill("4242424242424242")
    card.locator("input[placeholder=exp_month]").fill("12")
    card.locator("input[placeholder=exp_year]").fill("34")
    card.locator("input[placeholder=cvc]").fill("123")
    card.locator("input[placeholder=postal_code]").fill("60241")
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "checkout-payment.png"), full_page=True)
    page.click("#pay-button")

    page.wait_for_url("**/checkout/thank-you/", timeout=20000)
    order = Order.objects.get()
    assert order.number in page.content()
    assert order.total_incl_tax == Decimal("485000.00") + order.shipping_incl_tax
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "checkout-confirmation.png"), full_page=True)

    # localstripe's webhook reaches the live server about a second later and
    # finds the order already placed.
    page.wait_for_timeout(1800)
    assert Order.objects.count() == 1
