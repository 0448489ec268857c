"""The artisan's overview: their dashboard home, every number from their own lines."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.dashboard.selectors import (
    artisan_certifications_expiring,
    artisan_orders_to_prepare,
    artisan_orders_to_ship,
    artisan_products_sent_back,
    artisan_products_waiting_for_curation,
    artisan_sales_by_channel,
    artisan_stock_warnings,
)
from tests.factories import CertificationFactory, ProductFactory
from tests.integration.artisan.conftest import marketplace_order

Line = get_model("order", "Line")
pytestmark = pytest.mark.django_db


def sales(gallery, name):
    return {row.channel: (row.orders, row.pieces, row.revenue)
            for row in artisan_sales_by_channel(partners=[gallery[name]])}


def test_sales_per_channel_count_only_the_artisans_own_lines(gallery):
    assert sales(gallery, "gresik") == {
        "Toko online (Galeri Kriya)": (1, 1, Decimal("450000.00")),
        "Shopee Galeri Kriya": (1, 1, Decimal("300000.00")),
    }
    assert sales(gallery, "madura") == {
        "Toko online (Galeri Kriya)": (1, 1, Decimal("385000.00")),
        "Shopee Galeri Kriya": (1, 2, Decimal("400000.00")),
    }


def test_cancelled_and_old_orders_do_not_count(gallery):
    marketplace_order(gallery["shopee"], "OLD1", [(gallery["songket"], Decimal("100000"), 1)],
                      placed=timezone.now() - dt.timedelta(days=31))
    marketplace_order(gallery["shopee"], "CXL1", [(gallery["songket"], Decimal("100000"), 1)], status="Dibatalkan")
    assert sales(gallery, "gresik")["Shopee Galeri Kriya"] == (1, 1, Decimal("300000.00"))


def test_another_artisans_own_shop_never_shows(gallery):
    from marketplace_sync.models import Channel

    Channel.objects.create(kind=Channel.SHOPEE, code="toko-madura", name="Toko Madura di Shopee",
                           api_base_url="http://127.0.0.1:9", partner=gallery["madura"])
    assert "Toko Madura di Shopee" not in sales(gallery, "gresik")
    assert "Toko Madura di Shopee" in sales(gallery, "madura")


def test_orders_to_prepare_and_to_ship_from_every_channel(gallery):
    gresik = [gallery["gresik"]]
    todo = artisan_orders_to_prepare(partners=gresik)
    assert [(t.order.number, t.channel, t.subtotal) for t in todo] == [
        (str(gallery["shared"].number), "Toko online (Galeri Kriya)", Decimal("450000.00")),
        (str(gallery["gresik_on_shopee"].number), "Shopee Galeri Kriya", Decimal("300000.00")),
    ]
    assert todo[0].titles == ["Songket Gresik Benang Emas"]  # not Madura's batik in the same order
    assert artisan_orders_to_ship(partners=gresik) == []

    Line.objects.filter(order=gallery["shared"], partner=gallery["gresik"]).update(status="Diproses")
    assert [t.order.pk for t in artisan_orders_to_ship(partners=gresik)] == [gallery["shared"].pk]
    assert [t.order.pk for t in artisan_orders_to_prepare(partners=gresik)] == [gallery["gresik_on_shopee"].pk]
    # Madura's line in the shared order is still new: it is still Madura's to prepare.
    assert gallery["shared"].pk in [t.order.pk for t in artisan_orders_to_prepare(partners=[gallery["madura"]])]


def test_stock_curation_and_certifications(gallery):
    gresik = gallery["gresik"]
    last_one = ProductFactory(title="Selendang Tinggal Satu", artisan=gresik, num_in_stock=1)
    sold_out = ProductFactory(title="Sarung Habis", artisan=gresik, num_in_stock=0)
    ProductFactory(title="Batik Madura Habis", artisan=gallery["madura"], num_in_stock=0)
    submitted = ProductFactory(title="Tas Anyaman Baru", artisan=gresik, curation_state="submitted")
    rejected = ProductFactory(title="Kain Ditolak", artisan=gresik, curation_state="rejected")
    # The curation workflow adds this state; the overview reads it by value.
    sent_back = {rejected}
    if type(rejected)._meta.get_field("curation_state").max_length >= len("changes_requested"):
        changes = ProductFactory(title="Kain Perlu Perbaikan", artisan=gresik)
        type(changes).objects.filter(pk=changes.pk).update(curation_state="changes_requested")
        sent_back.add(changes)
    soon = CertificationFactory(product=gallery["songket"], number="BM-SOON",
                                expiry_date=timezone.localdate() + dt.timedelta(days=30))
    CertificationFactory(product=gallery["songket"], number="BM-LATER",
                         expiry_date=timezone.localdate() + dt.timedelta(days=200))
    CertificationFactory(product=gallery["batik"], number="BM-MADURA",
                         expiry_date=timezone.localdate() + dt.timedelta(days=10))

    low, out = artisan_stock_warnings(partners=[gresik])
    assert [r.product for r in low] == [last_one]
    assert [r.product for r in out] == [sold_out]
    assert list(artisan_products_waiting_for_curation(partners=[gresik])) == [submitted]
    assert set(artisan_products_sent_back(partners=[gresik])) == sent_back
    assert list(artisan_certifications_expiring(partners=[gresik])) == [soon]


def test_the_overview_page_is_the_artisans_dashboard_home(client, gallery):
    ProductFactory(title="Sarung Habis", artisan=gallery["gresik"], num_in_stock=0)
    client.force_login(gallery["gresik_user"])

    page = client.get(reverse("dashboard:index"))

    assert page.status_code == 200
    assert [t.name for t in page.templates][0] == "shop/dashboard/artisan_overview.html"
    html = page.content.decode()
    assert "Rp\xa0450.000" in html and "Rp\xa0300.000" in html and "Rp\xa0750.000" in html
    assert "835.000" not in html and "385.000" not in html and "Batik Tanjungbumi" not in html
    assert "Sarung Habis" in html and "Shopee Galeri Kriya" in html
    assert "shop/dashboard/vendor/chartjs/chart.umd.js" in html
    assert page.context["sales_chart"] == {"labels": ["Toko online (Galeri Kriya)", "Shopee Galeri Kriya"],
                                           "revenue": [450000, 300000]}
    assert "Pesanan untuk disiapkan" in html  # Indonesian by default


def test_the_overview_in_english(client, gallery):
    client.force_login(gallery["gresik_user"])
    html = client.get("/en/dashboard/").content.decode()
    assert "Orders to prepare" in html and "Sales in the last 30 days" in html


def test_the_overview_costs_a_fixed_number_of_queries(client, gallery, django_assert_max_num_queries):
    client.force_login(gallery["gresik_user"])
    client.get(reverse("dashboard:index"))
    with django_assert_max_num_queries(30):
        client.get(reverse("dashboard:index"))


def test_staff_keep_oscars_dashboard_home(admin_client, gallery):
    page = admin_client.get(reverse("dashboard:index"))
    assert page.status_code == 200
    assert "oscar/dashboard/index.html" in [t.name for t in page.templates]


def test_order_statistics_send_an_artisan_to_the_overview(client, admin_client, gallery):
    client.force_login(gallery["gresik_user"])
    response = client.get(reverse("dashboard:order-stats"))
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:index")
    assert admin_client.get(reverse("dashboard:order-stats")).status_code == 200


def test_the_menu_hides_statistics_from_artisans_and_offers_their_profile(client, gallery):
    client.force_login(gallery["gresik_user"])
    html = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("dashboard:order-stats") not in html
    assert reverse("dashboard:artisan-profile") in html
    assert "logo_oscar" not in html
