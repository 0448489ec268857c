"""In Debian's Chromium at 375 px: an artisan marks their parcel shipped, the buyer follows it (id and en)."""
import os
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from oscar.core.loading import get_class, get_model
from oscar.test import factories as oscar_factories

from tests.factories import ArtisanFactory, ProductFactory

from .test_checkout_browser import CHROMIUM_ARGS, SCREENSHOT_DIR

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Shipment = get_model("order", "Shipment")
Selector = get_class("partner.strategy", "Selector")
User = get_user_model()

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian's chromium is not installed (make browser)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield lambda: browser.new_context(viewport={"width": 375, "height": 800}).new_page()
        browser.close()


def login(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", "pw-kriya-123")
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()


def shot(page, name):
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, f"shipments-{name}.png"), full_page=True)


def test_an_artisan_ships_from_a_phone_and_the_buyer_follows_the_parcel(live_server, phone):
    country, _ = Country.objects.update_or_create(
        iso_3166_1_a2="ID", defaults={"name": "Indonesia", "printable_name": "Indonesia", "is_shipping_country": True})
    surabaya, trenggalek = ArtisanFactory(name="Sambal Bu Rudy"), ArtisanFactory(name="Bambu Trenggalek")
    maker = User.objects.create_user("bambu", "bambu@example.com", "pw-kriya-123")
    maker.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    trenggalek.users.add(maker)
    buyer = User.objects.create_user("yohana", "yohana@example.com", "pw-kriya-123")
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    basket.add_product(ProductFactory(title="Sambal Bawang", artisan=surabaya, price=Decimal("45000")))
    basket.add_product(ProductFactory(title="Lampu Bambu Anyam", artisan=trenggalek, price=Decimal("385000")))
    address = oscar_factories.ShippingAddressFactory(
        first_name="Yohana Wenda", last_name="", phone_number="+6281234567890", line1="Jl. Raya Abepura No. 7",
        line3="Abepura", line4="Kota Jayapura", state="ID-PA", postcode="99351", country=country)
    order = oscar_factories.create_order(basket=basket, user=buyer, shipping_address=address)

    page = phone()
    login(page, live_server.url, "bambu@example.com")
    page.goto(f"{live_server.url}/dashboard/orders/{order.number}/")
    parcels = page.locator("#parcels")
    assert "Bambu Trenggalek" in parcels.inner_text() and "Sambal" not in parcels.inner_text()
    form = parcels.locator("form.gk-ship-form")
    form.locator("select[name=courier]").select_option("jne")
    form.locator("input[name=tracking_number]").fill("TGK0012345678")
    shot(page, "e2e-artisan-375-id")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "TGK0012345678" in page.locator("#parcels").inner_text()
    shot(page, "e2e-artisan-shipped-375-id")
    assert Shipment.objects.get().tracking_number == "TGK0012345678"
    assert [message.to for message in mail.outbox] == [["yohana@example.com"]]

    page = phone()
    login(page, live_server.url, "yohana@example.com")
    for prefix, language, words in (("", "id", "Lacak di situs JNE"), ("/en", "en", "Track on JNE's site")):
        page.goto(f"{live_server.url}{prefix}/accounts/orders/{order.number}/")
        card = page.locator("#shipments")
        link = card.get_by_role("link", name=words)
        assert link.get_attribute("href").endswith("TGK0012345678")
        # The parcels fit the phone: no card is wider than the window.
        assert card.evaluate("el => el.getBoundingClientRect().right") <= 375
        shot(page, f"e2e-buyer-375-{language}")
