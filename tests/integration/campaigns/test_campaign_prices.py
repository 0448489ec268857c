"""Campaign prices on the storefront and in Oscar's basket, at the boundaries of the period."""
import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from shop.campaigns import services
from shop.campaigns.models import Campaign
from tests.factories import ArtisanFactory, CraftCategoryFactory, ProductFactory, RegionFactory

ConditionalOffer = get_model("offer", "ConditionalOffer")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
Range = get_model("offer", "Range")

pytestmark = pytest.mark.django_db

JAKARTA = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2026, 11, 20, 9, 0, 0, tzinfo=JAKARTA)
END = dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=JAKARTA)
SECOND = dt.timedelta(seconds=1)


def make_campaign(products, *, kind=Campaign.PERCENTAGE, value=Decimal("15"), name="Jatim Fair", slug="jatim-fair",
                  starts_at=START, ends_at=END, categories=()):
    campaign = Campaign(name=name, name_en=name, slug=slug, starts_at=starts_at, ends_at=ends_at,
                        discount_kind=kind, discount_value=value, text="Pameran kriya Jawa Timur.")
    return services.campaign_save(campaign=campaign, products=products, categories=categories)


def add_to_basket(client, product, quantity=1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302


def basket(client):
    return client.get(reverse("basket:summary")).context["basket"]


@pytest.fixture
def batik():
    return ProductFactory(title="Batik Tulis Sekar Jagad", price=Decimal("350000.00"))


@pytest.mark.parametrize("moment, discounted", [
    (START - SECOND, False), (START, True), (START + SECOND, True),
    (END - SECOND, True), (END, True), (END + SECOND, False),
])
def test_prices_follow_the_period_on_cards_product_page_and_basket(client, batik, moment, discounted):
    make_campaign([batik])
    with time_machine.travel(moment, tick=False):
        expected = Decimal("297500.00") if discounted else Decimal("350000.00")
        page = client.get(batik.get_absolute_url()).content.decode()
        home = client.get(reverse("gallery:home")).content.decode()
        for html in (page, home):
            assert ("gk-price__now" in html) is discounted
            assert currency(expected) in html
        assert ("Jatim Fair" in home) is discounted  # the banner and the badge
        assert services.campaign_price(batik) == (expected if discounted else None)
        add_to_basket(client, batik)
        assert basket(client).total_incl_tax == expected


def test_upcoming_campaign_page_is_a_teaser_at_normal_prices(client, batik):
    campaign = make_campaign([batik], starts_at=timezone.now() + dt.timedelta(days=3),
                             ends_at=timezone.now() + dt.timedelta(days=5))
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "gk-price__now" not in html and currency(Decimal("350000")) in html
    assert "Jatim Fair" not in client.get(reverse("gallery:home")).content.decode()


def test_landing_page_address_in_both_languages_and_gone_after_the_end(client, batik):
    campaign = make_campaign([batik], starts_at=timezone.now() - dt.timedelta(days=1),
                             ends_at=timezone.now() + dt.timedelta(days=1))
    assert campaign.get_absolute_url() == "/kampanye/jatim-fair/"
    assert client.get("/en/campaign/jatim-fair/").status_code == 200
    html = client.get("/kampanye/jatim-fair/").content.decode()
    assert "Batik Tulis Sekar Jagad" in html and currency(Decimal("297500")) in html
    with time_machine.travel(campaign.ends_at + SECOND, tick=False):
        assert client.get("/kampanye/jatim-fair/").status_code == 404


def test_offer_applies_once_per_line(client, batik):
    tenun = ProductFactory(title="Tenun Ikat", price=Decimal("480000.00"))
    outside = ProductFactory(title="Gerabah", price=Decimal("100000.00"))
    make_campaign([batik, tenun], starts_at=timezone.now() - SECOND, ends_at=timezone.now() + dt.timedelta(days=1))
    add_to_basket(client, batik, 2)
    add_to_basket(client, tenun, 1)
    add_to_basket(client, outside, 1)
    current = basket(client)
    # 15 % of each campaign unit, once: no stacking, nothing off the piece outside the campaign.
    assert current.total_incl_tax == Decimal("700000") * Decimal("0.85") + Decimal("480000") * Decimal("0.85") \
        + Decimal("100000")
    assert len(current.offer_applications) == 1
    assert current.offer_applications.offer_discounts[0]["discount"] == Decimal("177000.00")


def test_fixed_rupiah_per_product(client, batik):
    make_campaign([batik], kind=Campaign.FIXED, value=Decimal("50000"),
                  starts_at=timezone.now() - SECOND, ends_at=timezone.now() + dt.timedelta(days=1))
    assert services.campaign_price(batik) == Decimal("300000.00")
    add_to_basket(client, batik, 2)
    assert basket(client).total_incl_tax == Decimal("600000.00")


def test_odd_price_is_rounded_as_oscar_rounds(client):
    odd = ProductFactory(price=Decimal("123457.00"))
    make_campaign([odd], value=Decimal("15"), starts_at=timezone.now() - SECOND,
                  ends_at=timezone.now() + dt.timedelta(days=1))
    add_to_basket(client, odd)
    assert services.campaign_price(odd) == basket(client).total_incl_tax


def test_categories_fill_the_range(client):
    craft = CraftCategoryFactory(name="Tenun")
    tenun = ProductFactory(price=Decimal("200000"), categories=[craft])
    other = ProductFactory(price=Decimal("200000"))
    make_campaign([], categories=[craft], starts_at=timezone.now() - SECOND,
                  ends_at=timezone.now() + dt.timedelta(days=1))
    assert services.campaign_price(tenun) == Decimal("170000.00")
    assert services.campaign_price(other) is None


def test_a_plain_site_offer_shows_with_its_name(client, batik):
    range_ = Range.objects.create(name="Semua batik", includes_all_products=True)
    ConditionalOffer.objects.create(
        name="Diskon Akhir Tahun", offer_type=ConditionalOffer.SITE,
        condition=Condition.objects.create(range=range_, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=range_, type=Benefit.PERCENTAGE, value=10),
    )
    html = client.get(batik.get_absolute_url()).content.decode()
    assert "Diskon Akhir Tahun" in html and currency(Decimal("315000")) in html


def test_campaign_edit_moves_the_offer(batik):
    campaign = make_campaign([batik])
    offer_pk = campaign.offer.pk
    campaign.discount_value = Decimal("20")
    campaign.ends_at = END + dt.timedelta(days=2)
    services.campaign_save(campaign=campaign)
    campaign.offer.refresh_from_db()
    assert campaign.offer.pk == offer_pk and ConditionalOffer.objects.count() == 1
    assert campaign.offer.end_datetime == END + dt.timedelta(days=2)
    assert campaign.offer.benefit.value == Decimal("20")
    assert services.campaign_promotion_items(campaign) == [(batik, Decimal("280000.00"))]


def _queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["catalogue:index", "craft", "region", "artisan", "search", "gallery:home",
                                      "campaign"])
def test_listing_query_count_bounded_with_an_offer_running(client, url_name):
    region = RegionFactory(name="Sidoarjo", slug="sidoarjo")
    craft = CraftCategoryFactory(name="Bordir")
    artisan = ArtisanFactory(slug="bordir-tanggulangin", region=region)
    make_campaign([], categories=[craft], starts_at=timezone.now() - SECOND,
                  ends_at=timezone.now() + dt.timedelta(days=1))
    urls = {
        "catalogue:index": reverse("catalogue:index"),
        "craft": craft.get_absolute_url(),
        "region": reverse("gallery:region", kwargs={"slug": "sidoarjo"}),
        "artisan": reverse("gallery:artisan", kwargs={"slug": "bordir-tanggulangin"}),
        "search": reverse("search:search") + "?q=bordir",
        "gallery:home": reverse("gallery:home"),
        "campaign": "/kampanye/jatim-fair/",
    }

    def add(n):
        for i in range(n):
            ProductFactory(title="Bordir Kebaya", categories=[craft], region=region,
                           artisan=artisan if i % 2 else None)

    add(2)
    few = _queries_for(client, urls[url_name])
    add(8)
    response = client.get(urls[url_name])
    assert response.content.decode().count("gk-price__now") >= 2
    many = _queries_for(client, urls[url_name])
    assert many == few, f"{url_name}: {few} queries with 2 products, {many} with 10"
    assert many <= 32
