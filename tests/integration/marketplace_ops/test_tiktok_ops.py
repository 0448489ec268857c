"""TikTok Shop operations: dashboard OAuth end to end, the add command with only its flags, the demo channel."""
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from marketplace_sync.demo import TIKTOK_DEMO_CREDENTIALS
from marketplace_sync.models import Channel, Listing
from marketplace_sync.services.channels import channel_create
from marketplace_sync.services.listings import listings_push
from marketplace_sync.simulators.tiktok import TikTokShopSimulator
from tests.fixtures.tiktok import *  # noqa: F401,F403  (tiktok_sim)
from tests.fixtures.tiktok import APP_KEY, APP_SECRET, SERVICE_ID

from .conftest import listed_product

pytestmark = pytest.mark.django_db


def test_connect_tiktok_shop_end_to_end(client, django_user_model, tiktok_sim):
    client.force_login(django_user_model.objects.create_superuser(username="a", email="a@kriya.example",
                                                                   password="x"))
    tiktok_sim.add_shop(name="Galeri Kriya Tokopedia")
    # The one redirect URL registered in Partner Center: no language prefix.
    registered = reverse("marketplace_dashboard:connect-callback")
    assert registered == "/dashboard/marketplace/connect/callback/"
    tiktok_sim.redirect_url = "http://testserver" + registered
    channel = channel_create(
        kind="tiktok",
        code="toko-connect",
        name="Tokopedia Galeri",
        api_base_url=tiktok_sim.base_url,
        credentials={
            "app_key": APP_KEY,
            "app_secret": APP_SECRET,
            "service_id": SERVICE_ID,
            "auth_base": tiktok_sim.base_url,
            "authorize_base": tiktok_sim.base_url,
        },
    )

    with translation.override("en"):
        start = client.post(reverse("marketplace_dashboard:channel-connect", args=[channel.pk]))
        assert start.status_code == 302 and start["Location"].startswith(f"{tiktok_sim.base_url}/open/authorize?")
        assert parse_qs(urlsplit(start["Location"]).query)["service_id"] == [SERVICE_ID]
        approved = requests.get(start["Location"], allow_redirects=False, timeout=5)
        callback = urlsplit(approved.headers["Location"])
        assert callback.path == registered
        done = client.get(f"{callback.path}?{callback.query}", follow=True)

    assert "Galeri Kriya Tokopedia" in done.content.decode()  # the shop named in the success message
    channel.refresh_from_db()
    credentials = channel.credentials
    assert credentials["access_token"] and credentials["refresh_token"] and credentials["shop_cipher"]
    assert channel.access_token_expires_at is not None and channel.refresh_token_expires_at is not None
    listed_product()
    assert listings_push(channel=channel).created == 1


def test_add_command_with_only_its_flags_pushes_the_catalogue(tiktok_sim):
    shop = tiktok_sim.add_shop()
    products = [listed_product() for _ in range(3)]
    out = io.StringIO()
    call_command("marketplace_channel", "add", "toko-cmd", "--name", "TikTok Shop Galeri", "--api-base",
                 tiktok_sim.base_url, "--markup", "10", "--round", "1000", "--buffer", "1", "--credentials",
                 json.dumps({"app_key": APP_KEY, "app_secret": APP_SECRET, "access_token": shop["access_token"],
                             "refresh_token": shop["refresh_token"], "shop_cipher": shop["cipher"],
                             "auth_base": tiktok_sim.base_url}), stdout=out)
    channel = Channel.objects.get(code="toko-cmd")
    assert channel.kind == "tiktok"  # from the name

    call_command("marketplace_sync", "push", "--channel", "toko-cmd", "--no-progress", stdout=io.StringIO())

    assert Listing.objects.filter(channel=channel, product__in=products, status=Listing.LISTED).count() == 3
    assert tiktok_sim.count_calls(ok=False) == 0  # no rejected call


def test_a_tokopedia_name_with_another_kind_is_refused():
    with pytest.raises(CommandError, match="kind tiktok"):
        call_command("marketplace_channel", "add", "toko-x", "--kind", "shopee", "--name", "Tokopedia Galeri",
                     "--api-base", "http://127.0.0.1:9", "--credentials", "{}")


def test_demo_setup_connects_the_tiktok_demo_channel():
    creds = TIKTOK_DEMO_CREDENTIALS
    sim = TikTokShopSimulator(app_key=creds["app_key"], app_secret=creds["app_secret"])
    sim.start(host="127.0.0.1", port=0)
    try:
        sim.add_shop(shop_id=creds["shop_id"], cipher=creds["shop_cipher"], access_token=creds["access_token"],
                     refresh_token=creds["refresh_token"])
        listed_product()
        out = io.StringIO()
        call_command("marketplace_demo_setup", "--kind", "tiktok", "--api-base", sim.base_url, "--no-enqueue",
                     stdout=out)
        channel = Channel.objects.get(code="tiktok-demo")
        assert "created" in out.getvalue()
        result = listings_push(channel=channel)
        assert (result.created, result.failed, result.channel_failed) == (1, 0, False), result.errors
    finally:
        sim.stop()


def _imported_order(tiktok_sim, channel, product, quantity=1):
    from oscar.core.loading import get_model

    from marketplace_sync.services.orders import orders_pull

    listing = Listing.objects.get(channel=channel, product=product)
    remote_id = tiktok_sim.create_order(channel.credentials["shop_cipher"],
                                        [{"sku_id": listing.remote_model_id, "quantity": quantity}])
    orders_pull(channel=channel)
    return remote_id, get_model("order", "Order").objects.get(remote_order_number=remote_id)


def test_staff_cancelling_a_marketplace_order_in_oscars_dashboard_cancels_it_there(client, django_user_model,
                                                                                   tiktok_sim, tiktok_channel):
    client.force_login(django_user_model.objects.create_superuser(username="s", email="s@kriya.example",
                                                                   password="x"))
    product = listed_product(num_in_stock=3)
    listings_push(channel=tiktok_channel)
    remote_id, order = _imported_order(tiktok_sim, tiktok_channel, product)
    # A second order the marketplace will refuse to cancel: it already left the warehouse.
    shipped_id, shipped = _imported_order(tiktok_sim, tiktok_channel, product)
    tiktok_sim.set_order_status(shipped_id, "IN_TRANSIT")

    url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    client.post(url, {"order_action": "change_order_status", "new_status": "Dibatalkan"})
    client.post(reverse("dashboard:order-detail", kwargs={"number": shipped.number}),
                {"order_action": "change_order_status", "new_status": "Dibatalkan"})

    order.refresh_from_db()
    shipped.refresh_from_db()
    assert order.status == "Dibatalkan" and tiktok_sim.orders[remote_id]["status"] == "CANCELLED"
    assert tiktok_sim.orders[remote_id]["cancellation_initiator"] == "SELLER"
    assert shipped.status == "Baru"  # refused there: unchanged here too
    record = product.stockrecords.get()
    assert record.num_allocated == 1  # only the shipped one still holds its unit


def test_add_a_tiktok_channel_through_the_dashboard_form(client, django_user_model, tiktok_sim):
    client.force_login(django_user_model.objects.create_superuser(username="f", email="f@kriya.example",
                                                                   password="x"))
    url = reverse("marketplace_dashboard:channel-add")
    refused = client.post(url, {
        "kind": "tiktok", "code": "toko-form", "api_base_url": tiktok_sim.base_url, "partner_id": APP_KEY,
        "partner_key": APP_SECRET, "access_token": "x", "refresh_token": "y", "shop_id": "1",
        "markup_percent": "0", "price_rounding": "100", "stock_buffer": "0", "enabled": "on", "options": ""})
    assert refused.status_code == 200 and not Channel.objects.filter(code="toko-form").exists()

    response = client.post(url, {
        "kind": "tiktok", "code": "toko-form", "name": "Tokopedia Form", "api_base_url": tiktok_sim.base_url,
        "partner_id": APP_KEY, "partner_key": APP_SECRET, "service_id": SERVICE_ID, "markup_percent": "0",
        "price_rounding": "100", "stock_buffer": "0", "enabled": "on", "options": ""})
    channel = Channel.objects.get(code="toko-form")
    assert response.status_code == 302
    assert channel.credentials == {"app_key": APP_KEY, "app_secret": APP_SECRET, "service_id": SERVICE_ID}
    with translation.override("en"):
        page = client.get(reverse("marketplace_dashboard:channel-detail", args=[channel.pk])).content.decode()
    assert "Connect TikTok Shop / Tokopedia shop" in page
