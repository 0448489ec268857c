"""The artisan's dashboard on a 375 px phone in Debian's Chromium: nothing wider than the screen."""
import os

import pytest

from tests.integration.artisan.conftest import gallery  # noqa: F401  (the two-artisan fixture)

SCREENSHOT_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "var", "screenshots")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 375, "height": 812}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian's chromium is not installed (make browser)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE, device_scale_factor=1)
        yield page
        browser.close()


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def visit(page, url, shot):
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, f"artisan-{shot}.png"), full_page=True)
    width = page_width(page)
    assert width <= PHONE["width"], f"{url} is {width} px wide at {PHONE['width']} px"


def test_the_artisans_pages_fit_a_phone(live_server, phone, gallery):  # noqa: F811
    page, base = phone, live_server.url
    page.goto(base + "/dashboard/login/")
    page.fill("#id_username", "gresik@example.com")
    page.fill("#id_password", "pw-kriya-123")
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state()
    # The dashboard login without "next" lands on the overview.
    assert page.url == base + "/dashboard/"

    visit(page, base + "/dashboard/", "overview")
    assert page.evaluate("typeof Chart !== 'undefined' && !!Chart.getChart('gk-sales-chart')")
    assert "Galeri Kriya" in page.inner_text(".gk-dash-brand")
    shared = gallery["shared"]
    line = shared.lines.get(partner=gallery["gresik"])
    visit(page, base + "/dashboard/orders/", "orders")
    visit(page, base + f"/dashboard/orders/{shared.number}/", "order")
    visit(page, base + f"/dashboard/orders/{shared.number}/lines/{line.pk}/", "line")
    visit(page, base + "/dashboard/catalogue/", "products")
    visit(page, base + f"/dashboard/artisan/profile/{gallery['gresik'].pk}/", "profile")
    visit(page, base + "/en/dashboard/", "overview-en")
    assert "Orders to prepare" in page.inner_text("body")
