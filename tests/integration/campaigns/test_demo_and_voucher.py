"""The demo's campaigns and the voucher KRIYA10, end to end in the basket."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.campaigns.models import Campaign
from shop.campaigns.services import campaign_price, running_campaigns
from shop.demo.campaigns import demo_campaign_specs, demo_campaigns_ensure
from shop.demo.services import LoadReport, demo_catalogue_load
from tests.factories import ProductFactory

Voucher = get_model("voucher", "Voucher")
Product = get_model("catalogue", "Product")
Channel = get_model("marketplace_sync", "Channel")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_demo_specs_jatim_fair_always_running_and_batik_day_next_2_october():
    for today in (dt.date(2026, 11, 30), dt.date(2026, 10, 1), dt.date(2027, 2, 28)):
        jatim, batik = demo_campaign_specs(today=today)
        now = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
        assert jatim["starts_at"] <= now and jatim["ends_at"] - now > dt.timedelta(days=9)
        assert batik["starts_at"].date() >= today and (batik["starts_at"].month, batik["starts_at"].day) == (10, 2)
        assert batik["starts_at"] - now < dt.timedelta(days=366)


def test_demo_load_creates_running_jatim_fair_upcoming_batik_day_and_kriya10(client):
    demo_catalogue_load(image_size=96)
    assert [c.slug for c in running_campaigns()] == ["jatim-fair"]
    jatim = Campaign.objects.get(slug="jatim-fair")
    batik_day = Campaign.objects.get(slug="hari-batik-nasional")
    assert batik_day.is_upcoming() and jatim.banner and jatim.voucher.code == "KRIYA10"
    in_fair = Product.objects.browsable().filter(categories__name="Tenun").first()
    price = in_fair.stockrecords.first().price
    assert campaign_price(in_fair) == price - (price * Decimal("0.15")).quantize(Decimal("0.01"))
    outside = Product.objects.browsable().filter(categories__name="Kriya Bambu").first()
    assert campaign_price(outside) is None
    home = client.get(reverse("gallery:home")).content.decode()
    assert "Jatim Fair" in home and "gk-countdown" in home and "Hari Batik Nasional" not in home
    # Idempotent: a second run writes nothing.
    report = LoadReport()
    demo_campaigns_ensure(report=report)
    assert not report.changed, report.summary()


def test_demo_campaign_picks_up_demo_channels_on_a_later_load():
    demo_catalogue_load(image_size=96)
    channel = Channel.objects.create(kind=Channel.SHOPEE, code="shopee-demo", name="Shopee demo",
                                     api_base_url="http://127.0.0.1:9401/")
    from marketplace_sync.demo import DEMOS

    Channel.objects.filter(pk=channel.pk).update(code=DEMOS[Channel.SHOPEE].code)
    report = LoadReport()
    demo_campaigns_ensure(report=report)
    assert report.updated["campaigns"] == 2
    assert list(Campaign.objects.get(slug="jatim-fair").channels.all()) == [channel]


def test_voucher_kriya10_in_the_basket(client):
    demo_catalogue_load(image_size=96)
    piece = ProductFactory(title="Kap Lampu Bambu", price=Decimal("200000.00"))
    client.post(reverse("basket:add", kwargs={"pk": piece.pk}), {"quantity": 1})
    basket_page = client.get(reverse("basket:summary"))
    assert 'name="code"' in basket_page.content.decode()  # the voucher form is on the basket page
    response = client.post(reverse("basket:vouchers-add"), {"code": "kriya10"}, follow=True)
    basket = response.context["basket"]
    assert [v.code for v in basket.vouchers.all()] == ["KRIYA10"]
    assert basket.total_incl_tax == Decimal("180000.00")
    assert "KRIYA10" in client.get(reverse("basket:summary")).content.decode()
