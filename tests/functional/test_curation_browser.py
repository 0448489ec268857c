"""End to end at 375 px in Debian's Chromium: an artisan submits a product, a curator
approves it as export ready from the queue, the artisan sees it live with its badge."""
import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from shop.accounts.roles import ARTISAN, CURATOR, role_groups_sync
from tests.factories import ArtisanFactory, CraftCategoryFactory, ProductFactory
from tests.fixtures.shopee import png_bytes

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
User = get_user_model()

SCREENSHOT_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "var", "screenshots")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 375, "height": 812}
PASSWORD = "pw-kriya-123"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian's chromium is not installed (make browser)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def shot(page, name):
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, f"curation-{name}.png"), full_page=True)


def dashboard_login(browser, live_server, email):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + "/dashboard/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state()
    return page


def test_artisan_submits_curator_approves_export_ready_artisan_sees_badge(live_server, browser):
    # A transactional test starts from a flushed database: the role groups of
    # the accounts migration are gone, so create them as the migration does.
    role_groups_sync()
    shop = ArtisanFactory(name="Batik Gentongan Siti", slug="batik-gentongan-siti")
    siti = User.objects.create_user("siti", "siti@example.com", PASSWORD, first_name="Siti")
    siti.groups.add(Group.objects.get(name=ARTISAN))
    shop.users.add(siti)
    curator = User.objects.create_user("ratna", "ratna@example.com", PASSWORD, first_name="Ratna", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR))
    product = ProductFactory(title="Kain Gentongan Draf", artisan=shop, curation_state=Product.DRAFT,
                             categories=[CraftCategoryFactory(name="Batik Tulis")])
    ProductImage.objects.create(product=product, original=SimpleUploadedFile("kain.png", png_bytes()),
                                display_order=0)

    # The artisan polishes the title and submits, from a phone.
    artisan = dashboard_login(browser, live_server, siti.email)
    artisan.goto(f"{live_server.url}/dashboard/catalogue/products/{product.pk}/")
    artisan.fill("#id_title", "Kain Gentongan Merah Soga")
    shot(artisan, "1-artisan-draft")
    artisan.locator("button[name=action][value=submit]").click()
    artisan.wait_for_load_state()
    product.refresh_from_db()
    assert (product.title, product.curation_state) == ("Kain Gentongan Merah Soga", Product.SUBMITTED)

    # The curator lands on the queue, opens the submission and approves it as export ready.
    kurator = dashboard_login(browser, live_server, curator.email)
    assert kurator.url.endswith("/dashboard/curation/")
    assert "Kain Gentongan Merah Soga" in kurator.content()
    shot(kurator, "2-curator-queue")
    kurator.get_by_role("link", name="Kain Gentongan Merah Soga").click()
    kurator.wait_for_load_state()
    for box in kurator.locator("input[name=criteria]").all():
        box.check()
    kurator.check("input[name=decision][value=approve_export]")
    kurator.fill("textarea[name=note]", "Rapi dan ceritanya kuat.")
    shot(kurator, "3-curator-review")
    kurator.locator(".gk-decision-form [type=submit]").click()
    kurator.wait_for_load_state()
    product.refresh_from_db()
    assert (product.curation_state, product.export_ready, product.is_public) == (Product.APPROVED, True, True)

    # The artisan sees the piece live in the gallery with its badges, in both languages.
    artisan.goto(live_server.url + product.get_absolute_url())
    badges = artisan.locator(".gk-badges").first.inner_text()
    assert "Terkurasi" in badges and "Siap ekspor" in badges
    shot(artisan, "4-artisan-live-id")
    artisan.goto(live_server.url + "/en" + product.get_absolute_url())
    badges = artisan.locator(".gk-badges").first.inner_text()
    assert "Curated" in badges and "Export ready" in badges
    shot(artisan, "5-artisan-live-en")
    artisan.goto(live_server.url + "/en" + shop.get_absolute_url())
    assert "Export ready" in artisan.content()
    shot(artisan, "6-artisan-page-en")
