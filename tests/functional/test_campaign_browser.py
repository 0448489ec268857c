"""End to end in Debian's Chromium: an admin creates a campaign in the dashboard, a buyer
sees its banner and the struck-through price on the home page and pays the campaign price
in the basket. Screenshots: var/screenshots/campaign-*.png."""
import datetime as dt
import os
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from shop.campaigns.models import Campaign
from tests.factories import ProductFactory

from .test_curation_browser import CHROMIUM_ARGS, SCREENSHOT_DIR, browser  # noqa: F401  (the fixture)

User = get_user_model()
PASSWORD = "pw-kriya-123"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, f"campaign-{name}.png"), full_page=True)


def text(page, selector="main"):
    return page.locator(selector).first.inner_text().replace("\xa0", " ")


def test_admin_creates_campaign_buyer_sees_it_on_home_and_in_basket(live_server, browser):  # noqa: F811
    User.objects.create_user("admin", "admin@example.com", PASSWORD, is_staff=True, is_superuser=True)
    batik = ProductFactory(title="Batik Tulis Sekar Jagad", price=Decimal("350000.00"))
    ProductFactory(title="Kap Lampu Bambu", price=Decimal("200000.00"))
    now = timezone.localtime()

    admin = browser.new_context(viewport=DESKTOP).new_page()
    admin.goto(live_server.url + "/dashboard/login/")
    admin.fill("#id_username", "admin@example.com")
    admin.fill("#id_password", PASSWORD)
    admin.locator("form [type=submit]").first.click()
    admin.wait_for_load_state()
    admin.goto(live_server.url + "/dashboard/campaigns/")
    admin.locator("a[href$='/dashboard/campaigns/new/']").first.click()
    admin.fill("#id_name", "Jatim Fair")
    admin.fill("#id_name_en", "Jatim Fair")
    admin.fill("#id_slug", "jatim-fair")
    admin.fill("#id_starts_at", (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    admin.fill("#id_ends_at", (now + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    admin.fill("#id_text", "Pameran kriya Jawa Timur.")
    admin.fill("#id_text_en", "East Java's craft fair.")
    admin.select_option("#id_products", [str(batik.pk)])
    admin.select_option("#id_discount_kind", Campaign.PERCENTAGE)
    admin.fill("#id_discount_value", "15")
    shot(admin, "1-admin-form")
    admin.locator("#campaign_form [type=submit]").click()
    admin.wait_for_load_state()
    shot(admin, "2-admin-detail")
    assert "/kampanye/jatim-fair/" in admin.content()
    campaign = Campaign.objects.get(slug="jatim-fair")
    assert campaign.is_running() and campaign.offer.is_available()

    buyer = browser.new_context(viewport=PHONE).new_page()
    buyer.goto(live_server.url + "/")
    home = text(buyer)
    shot(buyer, "3-buyer-home")
    assert "Jatim Fair" in home and "Rp 297.500" in home and "Rp 350.000" in home
    # The countdown ticks (d hh:mm:ss) once the script runs.
    buyer.wait_for_function("document.querySelector('.gk-countdown').textContent.includes(':')")
    assert buyer.locator(".gk-card del.gk-price__was").first.is_visible()

    buyer.goto(live_server.url + batik.get_absolute_url())
    assert "Rp 297.500" in text(buyer)
    buyer.locator("#add_to_basket_form [type=submit]").first.click()
    buyer.goto(live_server.url + "/basket/")
    shot(buyer, "4-buyer-basket")
    basket = text(buyer)
    assert "Rp 297.500" in basket and "Jatim Fair" in basket
