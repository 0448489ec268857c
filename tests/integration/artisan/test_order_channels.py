"""Marketplace orders name their buyer and channel; the order list filters by channel."""
import pytest
from django.urls import reverse

from marketplace_sync.models import Channel

pytestmark = pytest.mark.django_db


def order_list(client, **params):
    response = client.get(reverse("dashboard:order-list"), params)
    assert response.status_code == 200
    return response


def test_staff_see_the_marketplace_buyer_and_the_channel(admin_client, gallery):
    html = order_list(admin_client).content.decode()
    assert "Rini Kusuma" in html and "Bagus Prakoso" in html
    assert "&lt;Dihapus&gt;" not in html and "&lt;Deleted&gt;" not in html
    assert "Shopee Galeri Kriya" in html and "Toko online (Galeri Kriya)" in html

    detail = admin_client.get(reverse("dashboard:order-detail",
                                      kwargs={"number": gallery["gresik_on_shopee"].number})).content.decode()
    assert "Rini Kusuma" in detail and "Shopee Galeri Kriya" in detail and "2611A" in detail
    assert "menghapus akunnya" not in detail  # Oscar's "Customer has deleted their account."


def test_the_channel_filter(admin_client, gallery):
    numbers = lambda r: {o.number for o in r.context["orders"]}  # noqa: E731
    assert numbers(order_list(admin_client, order_channel="shopee-galeri")) == {
        gallery["gresik_on_shopee"].number, gallery["madura_on_shopee"].number}
    assert numbers(order_list(admin_client, order_channel="storefront")) == {gallery["shared"].number}
    assert numbers(order_list(admin_client)) == {gallery["shared"].number, gallery["gresik_on_shopee"].number,
                                                 gallery["madura_on_shopee"].number}
    response = order_list(admin_client, order_channel="storefront")
    assert "Dijual di Toko online (Galeri Kriya)" in response.content.decode()


def test_an_artisan_filters_their_own_orders_by_channel(client, gallery):
    Channel.objects.create(kind=Channel.SHOPEE, code="toko-madura", name="Toko Madura di Shopee",
                           api_base_url="http://127.0.0.1:9", partner=gallery["madura"])
    client.force_login(gallery["gresik_user"])

    response = order_list(client, order_channel="shopee-galeri")
    assert {o.number for o in response.context["orders"]} == {gallery["gresik_on_shopee"].number}
    html = response.content.decode()
    assert "Rini Kusuma" in html and "Bagus Prakoso" not in html
    # Another artisan's own shop is not even a choice.
    assert "Toko Madura di Shopee" not in html
    assert "Toko Madura di Shopee" not in order_list(client).content.decode()


def test_the_csv_names_the_channel_and_the_marketplace_buyer(admin_client, gallery):
    csv = admin_client.get(reverse("dashboard:order-list"), {"response_format": "csv",
                                                              "order_channel": "shopee-galeri"}).content.decode()
    assert "Rini Kusuma" in csv and "Shopee Galeri Kriya" in csv
