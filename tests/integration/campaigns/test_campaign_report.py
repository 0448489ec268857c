"""The campaign report: storefront lines discounted by its offer, marketplace lines of its
products on its channels during it, per channel and per artisan, and the CSV."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.campaigns import selectors, services
from shop.campaigns.models import Campaign
from tests.factories import ArtisanFactory, ProductFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
Channel = get_model("marketplace_sync", "Channel")
Listing = get_model("marketplace_sync", "Listing")
Voucher = get_model("voucher", "Voucher")
Selector = get_class("partner.strategy", "Selector")
Applicator = get_class("offer.applicator", "Applicator")

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    siti = ArtisanFactory(name="Batik Siti", maker_name="Siti")
    rahmat = ArtisanFactory(name="Tenun Rahmat", maker_name="Rahmat")
    batik = ProductFactory(title="Batik", price=Decimal("350000.00"), artisan=siti)
    tenun = ProductFactory(title="Tenun", price=Decimal("400000.00"), artisan=rahmat)
    shopee = Channel.objects.create(kind=Channel.SHOPEE, code="shopee-test", name="Shopee",
                                    api_base_url="http://127.0.0.1:9402/")
    now = timezone.now()
    campaign = services.campaign_save(
        campaign=Campaign(name="Jatim Fair", slug="jatim-fair", starts_at=now - dt.timedelta(days=1),
                          ends_at=now + dt.timedelta(days=1), discount_kind=Campaign.PERCENTAGE,
                          discount_value=Decimal("15")),
        products=[batik, tenun], channels=[shopee])
    return campaign, batik, tenun, shopee


def storefront_order(lines, voucher=None):
    buyer = get_user_model().objects.create_user(username=f"buyer{Order.objects.count()}", email="b@example.com",
                                                 password="x")
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy()
    for product, quantity in lines:
        basket.add_product(product, quantity)
    if voucher is not None:
        basket.vouchers.add(voucher)
    Applicator().apply(basket, user=buyer)
    return create_order(basket=basket, user=buyer)


def marketplace_line(channel, product, *, unit_price, quantity=1, placed=None, number="SP-1"):
    order = Order.objects.create(number=number, channel=channel, remote_order_number=number, currency="IDR",
                                 total_incl_tax=unit_price * quantity, total_excl_tax=unit_price * quantity,
                                 date_placed=placed or timezone.now())
    record = product.stockrecords.get()
    return Line.objects.create(
        order=order, partner=record.partner, partner_name=record.partner.display_name, partner_sku=record.partner_sku,
        stockrecord=record, product=product, title=product.title, quantity=quantity,
        line_price_incl_tax=unit_price * quantity, line_price_excl_tax=unit_price * quantity,
        line_price_before_discounts_incl_tax=unit_price * quantity,
        line_price_before_discounts_excl_tax=unit_price * quantity,
        unit_price_incl_tax=unit_price, unit_price_excl_tax=unit_price, num_allocated=0, status="Baru",
    )


def test_report_per_channel_and_artisan(fair, client):
    campaign, batik, tenun, shopee = fair
    storefront_order([(batik, 2)])
    Listing.objects.create(channel=shopee, product=batik, pushed_price=Decimal("385000.00"))
    marketplace_line(shopee, batik, unit_price=Decimal("327250.00"), number="SP-1")
    marketplace_line(shopee, tenun, unit_price=Decimal("340000.00"), number="SP-2")  # no regular price known
    marketplace_line(shopee, tenun, unit_price=Decimal("340000.00"), number="SP-OLD",
                     placed=campaign.starts_at - dt.timedelta(seconds=1))  # before the campaign: not counted

    report = selectors.campaign_report(campaign)

    storefront, shopee_row = report.channels
    assert (storefront.label, storefront.units, storefront.revenue, storefront.discount) == (
        "Toko galeri", 2, Decimal("595000.00"), Decimal("105000.00"))
    assert (shopee_row.label, shopee_row.units, shopee_row.revenue, shopee_row.discount, shopee_row.discount_known) \
        == ("Shopee", 2, Decimal("667250.00"), Decimal("57750.00"), False)
    by_artisan = {row.label: (row.units, row.revenue, row.discount) for row in report.artisans}
    assert by_artisan == {
        "Batik Siti": (3, Decimal("922250.00"), Decimal("162750.00")),
        "Tenun Rahmat": (1, Decimal("340000.00"), Decimal("0.00")),
    }
    assert (report.total.units, report.total.revenue, report.total.discount) == (
        4, Decimal("1262250.00"), Decimal("162750.00"))


def test_voucher_tied_to_the_campaign_is_reported(fair):
    campaign, batik, tenun, shopee = fair
    from shop.demo.campaigns import _voucher_ensure
    from shop.demo.services import LoadReport

    voucher = _voucher_ensure(today=timezone.localdate(), report=LoadReport())
    campaign.voucher = voucher
    campaign.save()
    plain = ProductFactory(title="Gerabah", price=Decimal("100000.00"))
    storefront_order([(plain, 1), (batik, 1)], voucher=voucher)
    report = selectors.campaign_report(campaign)
    assert report.voucher == {"code": "KRIYA10", "orders": 1, "discount": Decimal("10000.00")}
    assert report.channels[0].discount == Decimal("52500.00")  # the campaign price, never both on one unit


def test_dashboard_page_and_csv(fair, admin_client):
    campaign, batik, tenun, shopee = fair
    storefront_order([(batik, 1)])
    page = admin_client.get(reverse("dashboard:campaign-detail", kwargs={"pk": campaign.pk}))
    html = page.content.decode()
    assert page.status_code == 200 and "gk-campaign-chart" in html and "Shopee" in html
    assert "/kampanye/jatim-fair/" in html
    response = admin_client.get(reverse("dashboard:campaign-report-csv", kwargs={"pk": campaign.pk}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["group", "name", "units", "revenue", "discount", "discount_known"]
    assert ["channel", "Toko galeri", "1", "297500", "52500", "yes"] in rows
    assert ["total", "Total", "1", "297500", "52500", "yes"] in rows
