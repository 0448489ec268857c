"""In Debian's Chromium at 375 px: an artisan renews a food certificate from a phone, a curator approves it,
and the held product comes back on the storefront."""
import datetime
import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from oscar.core.loading import get_model

from shop.accounts.roles import ARTISAN, CURATOR, role_groups_sync
from shop.certifications.models import CraftCertificationRequirement
from tests.factories import ArtisanFactory, CertificationFactory, CraftCategoryFactory, ProductFactory

Certification = get_model("catalogue", "Certification")
Product = get_model("catalogue", "Product")
User = get_user_model()

SCREENSHOT_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "var", "screenshots")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PASSWORD = "pw-kriya-123"

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
    page.goto(base + "/dashboard/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state()


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 375


def test_an_artisan_renews_from_a_phone_and_a_curator_approves(live_server, phone, tmp_path):
    role_groups_sync()  # a transactional test starts from an emptied database
    kuliner = CraftCategoryFactory(name="Kuliner")
    for kind in ("halal", "pirt"):
        CraftCertificationRequirement.objects.create(category=kuliner, kind=kind)
    artisan = ArtisanFactory(name="Keripik Tempe Sanan")
    product = ProductFactory(title="Keripik Tempe Sanan Original", categories=[kuliner], artisan=artisan)
    CertificationFactory(product=product, kind="pirt", number="2063573010231-27")
    CertificationFactory(product=product, kind="halal", number="ID351100001234",
                         expiry_date=timezone.localdate() - datetime.timedelta(days=2))
    product.refresh_from_db()
    assert product.certification_held
    maker = User.objects.create_user("sanan", "sanan@example.com", PASSWORD)
    maker.groups.add(Group.objects.get(name=ARTISAN))
    artisan.users.add(maker)
    curator = User.objects.create_user("kurator", "kurator@example.com", PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR))
    scan = tmp_path / "halal-baru.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    base = live_server.url

    page = phone()
    login(page, base, "sanan@example.com")
    page.goto(base + "/dashboard/certifications/")
    assert "Tidak dijual" in page.content() and fits(page)
    page.locator("a", has_text="Kelola sertifikat").first.click()
    page.locator("a", has_text="Perpanjang").first.click()
    page.fill("input[name=number]", "ID351100001299")
    page.fill("input[name=issuer]", "BPJPH")
    page.fill("input[name=expiry_date]", (timezone.localdate() + datetime.timedelta(days=700)).isoformat())
    page.set_input_files("input[name=scan]", str(scan))
    page.locator("#add-certificate [type=submit]").click()
    page.wait_for_load_state()
    assert "Menunggu pemeriksaan" in page.content() and fits(page)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "certs-browser-artisan-renewed.png"), full_page=True)
    renewal = Certification.objects.get(number="ID351100001299")
    assert renewal.review_status == Certification.PENDING

    visitor = phone()
    assert visitor.goto(base + product.get_absolute_url()).status == 404  # still held: pending counts for nothing

    page = phone()
    login(page, base, "kurator@example.com")
    page.goto(base + "/dashboard/certifications/review/")
    assert fits(page)
    row = page.locator("#pending tr", has_text="ID351100001299")
    row.locator("button", has_text="Setujui").click()
    page.wait_for_load_state()
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "certs-browser-curator-approved.png"), full_page=True)

    product.refresh_from_db()
    assert not product.certification_held
    assert visitor.goto(base + product.get_absolute_url()).status == 200
