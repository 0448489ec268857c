"""Lazada end to end against its simulator over real HTTP: the documented examples, what the
simulator refuses (so passing against it means something), and the sync engine's contract
(push, delta, price-only, idempotent import, token refresh, throttling, per-item failure,
cancellation both ways, shipping with tracking, listing rules).

The engine tests go through ``LazadaHarness`` (tests/fixtures/lazada.py), the shape the
parametrised marketplace contract suite plugs in.
"""
import datetime as dt
import hashlib
import hmac
import io
import json
import time

import pytest
import requests
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_class, get_model
from PIL import Image

from marketplace_sync.adapters.base import AuthError, CancelReason, HttpSession, ListingPayload
from marketplace_sync.adapters.lazada import mapping, signing, webhooks
from marketplace_sync.models import Channel, ImportedOrder, InboundEvent, Listing
from marketplace_sync.services.channels import channel_adapter, channel_update
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import order_cancel_remote, order_ship_remote, orders_pull
from marketplace_sync.services.stock import available_quantity, stock_push, stock_reconcile
from marketplace_sync.services.tokens import channel_authorization_url, channel_connect, channel_tokens_refresh
from marketplace_sync.simulators.lazada import LazadaSimulator, image_size, sign
from tests.fixtures.lazada import *  # noqa: F401,F403  (lazada_sim, lazada_channel, lazada_harness)
from tests.fixtures.lazada import APP_KEY, APP_SECRET, SELLER_ID, make_lazada_channel
from tests.fixtures.shopee import celery_eager, listed_product  # noqa: F401

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")
PaymentError = get_class("payment.exceptions", "PaymentError")

pytestmark = pytest.mark.xdist_group("lazada_simulator")


# =========================================================================== documented examples


def test_request_signature_reproduces_the_documented_example():
    params = {"access_token": "test", "app_key": "123456", "order_id": "1234", "sign_method": "sha256",
              "timestamp": "1517820392000"}
    assert signing.base_string(api_path="/order/get", params=params) == (
        "/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000")
    expected = "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A"
    assert signing.request_sign(app_secret="helloworld", api_path="/order/get", params=params) == expected
    # The simulator, written separately, agrees.
    assert sign("helloworld", "/order/get", params) == expected


def test_push_signature_reproduces_the_documented_example():
    body = json.dumps({"seller_id": "1234567", "message_type": 0, "data": {
        "order_status": "unpaid", "trade_order_id": "260422900198363", "trade_order_line_id": "260422900298363",
        "status_update_time": 1603698638}, "timestamp": 1603766859530, "site": "lazada_id"},
        separators=(",", ":")).encode()
    expected = "79e67baa670eb9cf0488aac4b07a713f4c814b0c47de9a1c8f5980751b81936f"
    assert signing.push_signature(app_key="123456", app_secret="helloworld", body=body) == expected
    assert webhooks.verify(app_key="123456", app_secret="helloworld", body=body,
                           headers={"Authorization": expected})
    assert not webhooks.verify(app_key="123456", app_secret="helloworld", body=body + b" ",
                               headers={"Authorization": expected})
    (event,) = webhooks.parse(body)
    assert (event.kind, event.remote_order_id) == ("order", "260422900198363")


def test_order_state_comes_from_the_items_statuses():
    assert mapping.order_state(["pending", "pending"]) == "to_ship"
    assert mapping.order_state(["packed", "pending"]) == "to_ship"  # the least advanced item decides
    assert mapping.order_state(["shipped", "delivered"]) == "shipped"
    assert mapping.order_state(["canceled", "ready_to_ship"]) == "processing"  # cancelled units left out
    assert mapping.order_state(["canceled", "canceled"]) == "cancelled"
    assert mapping.order_state(["unpaid"]) == "unpaid"
    assert mapping.order_state(["returned", "delivered"]) == "other"


def test_images_are_resized_into_lazadas_330_to_5000_px():
    small = io.BytesIO()
    Image.new("RGBA", (40, 20), (10, 20, 30, 128)).save(small, format="PNG")
    assert image_size(mapping.prepare_image(small.getvalue()))[1:] == (660, 330)
    large = io.BytesIO()
    Image.new("RGB", (6000, 3000), (200, 200, 200)).save(large, format="JPEG")
    kind, width, height = image_size(mapping.prepare_image(large.getvalue()))
    assert (kind, width, height) == ("jpg", 2000, 1000)


# =========================================================================== the simulator refuses


class Clock:
    def __init__(self, start=1_760_000_000.0):
        self.t = start

    def __call__(self):
        return self.t


@pytest.fixture
def bare_sim():
    clock = Clock()
    simulator = LazadaSimulator(app_key=APP_KEY, app_secret=APP_SECRET, now=clock, ban_seconds=0.2)
    simulator.start(host="127.0.0.1", port=0)
    simulator.clock = clock
    simulator.seller = simulator.add_seller(SELLER_ID)
    yield simulator
    simulator.stop()


def call(sim, method, path, params=None, *, token=True, ts=None, secret=APP_SECRET, upper=True, files=None):
    signed = {"app_key": APP_KEY, "sign_method": "sha256",
              "timestamp": str(int((sim.now() if ts is None else ts) * 1000))}
    if token:
        signed["access_token"] = sim.seller["access_token"] if token is True else token
    signed.update({k: (json.dumps(v) if isinstance(v, (dict, list)) else str(v)) for k, v in (params or {}).items()})
    base = path + "".join(f"{k}{signed[k]}" for k in sorted(signed))
    digest = hmac.new(secret.encode(), base.encode(), hashlib.sha256).hexdigest()
    signed["sign"] = digest.upper() if upper else digest
    url = sim.api_url + path
    if method == "GET":
        return requests.get(url, params=signed, timeout=5).json()
    return requests.post(url, data=signed, files=files, timeout=5).json()


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 60, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def product_payload(sim, seller_sku="GK-1", **sku):
    url = call(sim, "POST", "/image/upload", files={"image": ("a.png", png(400, 400), "image/png")})
    assert url["code"] == "0", url
    return {"Request": {"Product": {
        "PrimaryCategory": "10002019", "Images": {"Image": [url["data"]["image"]["url"]]},
        "Attributes": {"name": "Batik Tulis Madura", "brand_id": "30768", "description": "Batik"},
        "Skus": {"Sku": [{"SellerSku": seller_sku, "price": "150000", "quantity": "3", "package_height": "10",
                          "package_length": "10", "package_width": "10", "package_weight": "0.8", **sku}]}}}}


def test_simulator_checks_signature_case_timestamp_and_token(bare_sim):
    assert call(bare_sim, "GET", "/products/get", {"limit": 10})["code"] == "0"
    assert call(bare_sim, "GET", "/products/get", {"limit": 10}, secret="wrong")["code"] == "IncompleteSignature"
    # The documentation asks for UPPERCASE hex: lower case is a different string.
    assert call(bare_sim, "GET", "/products/get", {"limit": 10}, upper=False)["code"] == "IncompleteSignature"
    stale = call(bare_sim, "GET", "/products/get", {"limit": 10}, ts=bare_sim.now() - 7201)
    assert stale["code"] == "InvalidTimestamp"
    assert call(bare_sim, "GET", "/products/get", {"limit": 10}, ts=bare_sim.now() - 7000)["code"] == "0"
    assert call(bare_sim, "GET", "/products/get", {"limit": 10}, token=False)["code"] == "MissingParameter"
    bare_sim.clock.t += 31 * 86400  # past the 30-day access token
    assert call(bare_sim, "GET", "/products/get", {"limit": 10})["code"] == "IllegalAccessToken"
    refreshed = call(bare_sim, "POST", "/auth/token/refresh", {"refresh_token": bare_sim.seller["refresh_token"]},
                     token=False)
    assert refreshed["code"] == "0" and refreshed["access_token"] and "data" not in refreshed
    again = call(bare_sim, "POST", "/auth/token/refresh", {"refresh_token": bare_sim.seller["refresh_token"]},
                 token=False)
    assert again["code"] == "IllegalRefreshToken"


def test_simulator_enforces_limits_types_and_listing_rules(bare_sim):
    too_many = {"Request": {"Product": {"Skus": {"Sku": [{"SellerSku": f"S{i}", "Price": "1"} for i in range(51)]}}}}
    assert call(bare_sim, "POST", "/product/price_quantity/update", {"payload": too_many})["code"] == "204"
    assert call(bare_sim, "GET", "/orders/get", {"update_after": "2025-01-01T00:00:00+07:00",
                                                  "limit": 101})["code"] == "19"
    assert call(bare_sim, "GET", "/orders/get", {"limit": 10})["code"] == "1"  # update_after or created_after
    assert call(bare_sim, "GET", "/orders/get", {"update_after": "yesterday"})["code"] == "17"
    ids = "[" + ",".join(str(i) for i in range(1, 52)) + "]"
    assert call(bare_sim, "GET", "/orders/items/get", {"order_ids": ids})["code"] == "38"
    assert call(bare_sim, "GET", "/orders/items/get", {"order_ids": "1,2"})["code"] == "56"
    # Images: at least 330 px, Lazada-hosted only.
    tiny = call(bare_sim, "POST", "/image/upload", files={"image": ("t.png", png(100, 100), "image/png")})
    assert tiny["code"] == "300"
    outer = product_payload(bare_sim)
    outer["Request"]["Product"]["Images"]["Image"] = ["https://example.com/a.jpg"]
    assert call(bare_sim, "POST", "/product/create", {"payload": outer})["code"] == "4138"
    # Field types and values.
    assert call(bare_sim, "POST", "/product/create",
                {"payload": product_payload(bare_sim, quantity={"n": 3})})["code"] == "5"
    assert call(bare_sim, "POST", "/product/create",
                {"payload": product_payload(bare_sim, price="150000.50")})["code"] == "4104"
    assert call(bare_sim, "POST", "/product/create",
                {"payload": product_payload(bare_sim, package_weight="0.805")})["code"] == "4149"
    batik = product_payload(bare_sim)
    batik["Request"]["Product"]["PrimaryCategory"] = "10001958"  # requires "material"
    assert call(bare_sim, "POST", "/product/create", {"payload": batik})["code"] == "4110"
    created = call(bare_sim, "POST", "/product/create", {"payload": product_payload(bare_sim)})
    assert created["code"] == "0" and created["data"]["sku_list"][0]["seller_sku"] == "GK-1"
    assert call(bare_sim, "POST", "/product/create", {"payload": product_payload(bare_sim)})["code"] == "4105"
    # Sellable cannot go negative; pack takes at most 20 orders.
    sku = {"ItemId": created["data"]["item_id"], "SkuId": created["data"]["sku_list"][0]["sku_id"]}
    negative = {"Request": {"Product": {"Skus": {"Sku": [{**sku, "SellableQuantity": "-1"}]}}}}
    assert call(bare_sim, "POST", "/product/stock/sellable/update", {"payload": negative})["code"] == "212"
    pack = {"pack_order_list": [{"order_id": i, "order_item_list": [i]} for i in range(21)],
            "delivery_type": "dropship", "shipping_allocate_type": "TFS"}
    assert call(bare_sim, "POST", "/order/fulfill/pack", {"packReq": pack})["code"] == "700004"


def test_simulator_accepts_the_xml_payload_and_keeps_sellable_apart_from_total(bare_sim):
    created = call(bare_sim, "POST", "/product/create", {"payload": product_payload(bare_sim)})["data"]
    item_id, sku_id = created["item_id"], created["sku_list"][0]["sku_id"]
    order_id = bare_sim.create_order([{"seller_sku": "GK-1", "quantity": 2}])
    state = bare_sim.sku_state("GK-1")
    assert (state["sellable"], state["occupy"], state["total"]) == (1, 2, 3)
    xml = (f"<Request><Product><Skus><Sku><ItemId>{item_id}</ItemId><SkuId>{sku_id}</SkuId>"
           f"<SellableQuantity>4</SellableQuantity></Sku></Skus></Product></Request>")
    assert call(bare_sim, "POST", "/product/stock/sellable/update", {"payload": xml})["code"] == "0"
    state = bare_sim.sku_state("GK-1")
    assert (state["sellable"], state["total"]) == (4, 6)
    # Setting the total below what orders hold is refused.
    low = {"Request": {"Product": {"Skus": {"Sku": [{"ItemId": item_id, "SkuId": sku_id, "Quantity": "1"}]}}}}
    assert call(bare_sim, "POST", "/product/price_quantity/update", {"payload": low})["code"] == "501"
    assert bare_sim.orders[order_id]["items"][0]["status"] == "pending"


def test_simulator_throttles_with_http_200_and_keeps_the_ban(bare_sim):
    bare_sim.inject_faults("throttle", 1, "/products/get")
    signed = {"app_key": APP_KEY, "sign_method": "sha256", "timestamp": str(int(bare_sim.now() * 1000)),
              "access_token": bare_sim.seller["access_token"]}
    signed["sign"] = sign(APP_SECRET, "/products/get", signed)
    response = requests.get(bare_sim.api_url + "/products/get", params=signed, timeout=5)
    assert response.status_code == 200 and response.json()["code"] == "ApiCallLimit"
    assert "ban will last 0.2 seconds" in response.json()["message"]
    assert call(bare_sim, "GET", "/products/get")["code"] == "ApiCallLimit"  # still banned
    time.sleep(0.25)
    assert call(bare_sim, "GET", "/products/get")["code"] == "0"


# =========================================================================== the engine against it


def listed(harness, **kwargs):
    product = listed_product(**kwargs)
    result = listings_push(channel=harness.channel, product_ids=[product.pk])
    assert (result.created, result.failed) == (1, 0), result.errors
    return product, product.stockrecords.get().partner_sku


def test_push_creates_listings_with_uploaded_images_and_sellable_stock(lazada_harness):
    products = [listed_product(num_in_stock=4), listed_product(num_in_stock=2)]

    result = listings_push(channel=lazada_harness.channel)

    assert (result.created, result.failed, result.channel_failed) == (2, 0, False), result.errors
    assert lazada_harness.calls("image") == 2
    for product in products:
        listing = Listing.objects.get(channel=lazada_harness.channel, product=product)
        record = product.stockrecords.get()
        assert listing.status == Listing.LISTED and ":" in RemoteRef(listing)
        assert lazada_harness.remote_stock(record.partner_sku) == record.num_in_stock
        assert lazada_harness.remote_price(record.partner_sku) == listing.pushed_price
        state = lazada_harness.sim.sku_state(record.partner_sku)
        assert state["images"][0].startswith(lazada_harness.simulator_url)
        assert state["name"] == product.get_title()


def RemoteRef(listing):
    return f"{listing.remote_item_id}:{listing.remote_model_id}"


def test_no_change_push_writes_nothing(lazada_harness):
    listed(lazada_harness)
    lazada_harness.reset_calls()

    result = listings_push(channel=lazada_harness.channel)
    stock = stock_push(channel=lazada_harness.channel)

    assert result.created == result.updated == result.failed == 0
    assert stock.updated == 0
    assert lazada_harness.calls(write_only=True) == 0


def test_price_only_change_sends_only_prices(lazada_harness):
    product, sku = listed(lazada_harness)
    before = lazada_harness.remote_price(sku)
    channel_update(channel=lazada_harness.channel, markup_percent=25, price_rounding=1000)
    lazada_harness.reset_calls()

    result = listings_push(channel=lazada_harness.channel)

    assert (result.updated, result.failed) == (1, 0), result.errors
    assert lazada_harness.calls(write_only=True) == lazada_harness.calls("price") == 1
    after = lazada_harness.remote_price(sku)
    assert after > before and after % 1000 == 0


def test_order_import_is_idempotent_across_pull_and_webhook(lazada_harness, client, celery_eager,
                                                           django_capture_on_commit_callbacks):
    product, sku = listed(lazada_harness, num_in_stock=5)
    remote_id = lazada_harness.create_buyer_order(sku, 2)
    assert lazada_harness.remote_stock(sku) == 3  # Lazada took the units off sellable itself

    assert orders_pull(channel=lazada_harness.channel).created == 1
    again = orders_pull(channel=lazada_harness.channel)
    assert again.created == 0 and again.failed == 0

    body, headers = lazada_harness.signed_webhook(remote_id=remote_id)
    url = "http://testserver" + reverse("marketplace_sync:webhook", args=[lazada_harness.channel.code])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data=body, content_type="application/json", **headers)
        bad = client.post(url, data=body, content_type="application/json", HTTP_AUTHORIZATION="0" * 64)
    assert response.status_code == 200 and bad.status_code == 401
    event = InboundEvent.objects.get(signature_valid=True)
    assert event.remote_order_id == remote_id and event.processed

    order = Order.objects.get(remote_order_number=remote_id)
    assert ImportedOrder.objects.filter(remote_order_id=remote_id).count() == 1
    line = order.lines.get()
    assert (line.product, line.quantity, line.num_allocated) == (product, 2, 2)  # one item per unit, grouped
    address = order.shipping_address
    assert (address.line1, address.line4, address.postcode) == ("Jl. Raya Darmo No. 12", "Kota Surabaya", "60241")
    # What buyers can buy on Lazada equals what the storefront can sell.
    stock_push(channel=lazada_harness.channel)
    record = product.stockrecords.get()
    assert lazada_harness.remote_stock(sku) == available_quantity(channel=lazada_harness.channel,
                                                                  stockrecord=record) == 3
    assert lazada_harness.sim.sku_state(sku)["total"] == 5


def test_storefront_stock_change_reaches_sellable_quantity(lazada_harness):
    product, sku = listed(lazada_harness, num_in_stock=5)
    record = product.stockrecords.get()
    record.num_in_stock = 2
    record.save()
    stock_push(channel=lazada_harness.channel)
    assert lazada_harness.remote_stock(sku) == 2
    # Drift on the Lazada side is found and fixed by the reconcile.
    lazada_harness.sim._sku(sku)[1]["sellable"] = 9
    result = stock_reconcile(channel=lazada_harness.channel)
    assert result.updated == 1 and lazada_harness.remote_stock(sku) == 2


def test_expired_token_is_refreshed_once_and_stored(lazada_harness):
    product, sku = listed(lazada_harness)
    old = lazada_harness.channel.credentials["access_token"]
    lazada_harness.expire_token()
    lazada_harness.create_buyer_order(sku)

    result = orders_pull(channel=lazada_harness.channel)

    assert (result.created, result.channel_failed) == (1, False), result.errors
    assert lazada_harness.calls("token_refresh") == 1
    channel = Channel.objects.get(pk=lazada_harness.channel.pk)
    assert channel.credentials["access_token"] != old and channel.credentials["seller_id"] == SELLER_ID
    assert channel.access_token_expires_at > channel.date_created + dt.timedelta(days=29)


def test_a_refused_refresh_fails_the_channel(lazada_harness):
    channel_update(channel=lazada_harness.channel, credentials={"refresh_token": "spent"})
    with pytest.raises(AuthError, match="IllegalRefreshToken"):
        channel_adapter(channel=lazada_harness.channel).refresh_tokens()
    assert channel_tokens_refresh(channel=lazada_harness.channel).channel_failed


def test_throttling_is_waited_out_and_retried(lazada_harness):
    product = listed_product()
    lazada_harness.fault("create")

    started = time.monotonic()
    result = listings_push(channel=lazada_harness.channel, product_ids=[product.pk])

    assert (result.created, result.failed, result.channel_failed) == (1, 0, False), result.errors
    assert lazada_harness.calls("create", ok=False) == 1
    assert time.monotonic() - started >= 0.2  # the stated ban, not the tiny test backoff


def test_a_failing_item_does_not_stop_the_others(lazada_harness):
    products = [listed(lazada_harness, num_in_stock=5)[0] for _ in range(3)]
    bad_sku = products[1].stockrecords.get().partner_sku
    lazada_harness.fail_item(bad_sku)
    for product in products:
        record = product.stockrecords.get()
        record.num_in_stock = 7
        record.save()

    result = stock_push(channel=lazada_harness.channel)

    assert (result.updated, result.failed) == (2, 1), result.errors
    for product in products:
        sku = product.stockrecords.get().partner_sku
        assert lazada_harness.remote_stock(sku) == (5 if sku == bad_sku else 7)
    # New products: the refused one is reported on its listing, the others are created.
    fresh = [listed_product(), listed_product()]
    lazada_harness.fail_item(fresh[0].stockrecords.get().partner_sku)
    pushed = listings_push(channel=lazada_harness.channel)
    assert (pushed.created, pushed.failed) == (1, 1), pushed.errors
    assert Listing.objects.get(channel=lazada_harness.channel, product=fresh[0]).status == Listing.ERROR


def test_remote_cancellation_cancels_and_releases_stock(lazada_harness):
    product, sku = listed(lazada_harness, num_in_stock=5)
    remote_id = lazada_harness.create_buyer_order(sku, 2)
    orders_pull(channel=lazada_harness.channel)
    stock_push(channel=lazada_harness.channel)  # what the worker does after the import
    lazada_harness.cancel_by_buyer(remote_id)

    result = orders_pull(channel=lazada_harness.channel)

    assert result.updated == 1, result.errors
    order = Order.objects.get(remote_order_number=remote_id)
    assert order.status == "Dibatalkan"
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (5, 0)
    assert lazada_harness.calls("cancel") == 0  # nothing sent back
    stock_push(channel=lazada_harness.channel)
    assert lazada_harness.remote_stock(sku) == 5


def test_storefront_cancellation_is_sent_to_lazada_first(lazada_harness, admin_user):
    product, sku = listed(lazada_harness, num_in_stock=5)
    remote_id = lazada_harness.create_buyer_order(sku, 1)
    orders_pull(channel=lazada_harness.channel)
    stock_push(channel=lazada_harness.channel)  # what the worker does after the import
    order = Order.objects.get(remote_order_number=remote_id)

    # Oscar's dashboard status change, as a storefront admin does it.
    EventHandler(admin_user).handle_order_status_change(order, "Dibatalkan")

    assert lazada_harness.remote_status(remote_id) == "canceled"
    assert lazada_harness.sim.count_calls("/order/reverse/cancel/validate") == 1
    # "Out of stock" (the default reason) makes Lazada zero the SKU: the push after the
    # released allocation sets the sellable quantity back to what we really have.
    assert lazada_harness.sim.orders[remote_id]["items"][0]["reason"] == "Out of Stock"
    assert lazada_harness.remote_stock(sku) == 0
    record = product.stockrecords.get()
    assert (Order.objects.get(pk=order.pk).status, record.num_allocated) == ("Dibatalkan", 0)
    stock_push(channel=lazada_harness.channel)
    assert lazada_harness.remote_stock(sku) == 5
    # Pulling afterwards changes nothing and sends nothing back.
    assert orders_pull(channel=lazada_harness.channel).failed == 0
    assert lazada_harness.calls("cancel") == 1


def test_cancelling_for_the_buyer_keeps_lazadas_stock(lazada_harness):
    product, sku = listed(lazada_harness, num_in_stock=5)
    remote_id = lazada_harness.create_buyer_order(sku, 2)
    orders_pull(channel=lazada_harness.channel)

    order_cancel_remote(order=Order.objects.get(remote_order_number=remote_id), reason=CancelReason.BUYER_REQUEST)

    assert lazada_harness.sim.orders[remote_id]["items"][0]["reason"] == "Sourcing Delay"
    assert lazada_harness.remote_stock(sku) == 5  # the two units went back to sellable
    assert product.stockrecords.get().num_allocated == 0


def test_storefront_cancellation_refused_by_lazada_keeps_the_order(lazada_harness, admin_user):
    product, sku = listed(lazada_harness, num_in_stock=5)
    remote_id = lazada_harness.create_buyer_order(sku, 1)
    orders_pull(channel=lazada_harness.channel)
    lazada_harness.sim.set_order_status(remote_id, "shipped")
    order = Order.objects.get(remote_order_number=remote_id)

    with pytest.raises(PaymentError, match="no item can be cancelled"):
        EventHandler(admin_user).handle_order_status_change(order, "Dibatalkan")

    order.refresh_from_db()
    assert order.status == "Baru" and product.stockrecords.get().num_allocated == 1


def test_ship_packs_readies_and_keeps_lazadas_tracking_number(lazada_harness):
    product, sku = listed(lazada_harness, num_in_stock=5)
    remote_id = lazada_harness.create_buyer_order(sku, 2)
    orders_pull(channel=lazada_harness.channel)
    order = Order.objects.get(remote_order_number=remote_id)

    order_ship_remote(order=order)

    assert lazada_harness.remote_status(remote_id) == "ready_to_ship"
    tracking = lazada_harness.sim.orders[remote_id]["items"][0]["tracking_code"]
    order.refresh_from_db()
    assert order.status == "Dikirim" and tracking.startswith("LXAD-")
    assert order.shipping_events.get().shipment.tracking_number == tracking
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (3, 0)
    # Repeating it is harmless (already ready to ship).
    channel_adapter(channel=lazada_harness.channel).ship_order(remote_id=remote_id)


def test_a_product_that_cannot_pass_the_listing_rules_is_reported_not_sent(lazada_sim, db):
    channel = make_lazada_channel(lazada_sim, code="lazada-batik", options={"primary_category": "10001958"})
    with_material = listed_product(materials="Katun primisima")
    without = listed_product(materials="")
    lazada_sim.reset_calls()

    result = listings_push(channel=channel)

    assert (result.created, result.failed) == (1, 1), result.errors
    listing = Listing.objects.get(channel=channel, product=without)
    assert listing.status == Listing.ERROR and "requires material" in listing.status_reason
    assert listing.remote_item_id == "" and lazada_sim.count_calls("/product/create") == 1
    assert lazada_sim.count_calls("/image/upload") == 1  # nothing uploaded for the refused one
    assert Listing.objects.get(channel=channel, product=with_material).status == Listing.LISTED


def test_listing_rules_catch_empty_titles_and_bad_weights():
    payload = ListingPayload(sku="S", title=" ", description="", price=0, images=[], attributes={},
                             weight_kg="0")
    problems = mapping.listing_problems(payload, options={}, mandatory_attributes=[])
    assert len(problems) == 4
    long = ListingPayload(sku="S", title="kain " * 80, description="", price=1, images=[], attributes={})
    assert len(mapping.listing_title(long)) <= 255 and not mapping.listing_title(long).endswith(" ")


def test_connect_shop_runs_lazadas_oauth(lazada_sim, db):
    channel = make_lazada_channel(lazada_sim, code="lazada-oauth")
    url = channel_authorization_url(channel=channel, redirect_url="http://testserver/cb/?state=abc")
    assert url.startswith(lazada_sim.base_url + "/oauth/authorize?") and f"client_id={APP_KEY}" in url
    consent = requests.get(url, allow_redirects=False, timeout=5)
    callback = consent.headers["Location"]
    assert callback.startswith("http://testserver/cb/?state=abc&code=")
    code = requests.utils.urlparse(callback).query.split("code=")[1]

    channel_connect(channel=channel, code=code)

    channel.refresh_from_db()
    assert channel.credentials["seller_id"] == SELLER_ID and channel.access_token_expires_at is not None
    with pytest.raises(AuthError):  # single use
        channel_connect(channel=channel, code=code)


def test_channel_added_with_only_the_flags_pushes_the_catalogue(lazada_sim, db):
    products = [listed_product(), listed_product()]
    tokens = lazada_sim.add_seller(SELLER_ID)
    credentials = {"app_key": APP_KEY, "app_secret": APP_SECRET, "access_token": tokens["access_token"],
                   "refresh_token": tokens["refresh_token"], "auth_base": lazada_sim.api_url}
    out, err = io.StringIO(), io.StringIO()
    call_command("marketplace_channel", "add", "lazada-cli", "--kind", "lazada", "--api-base", lazada_sim.api_url,
                 "--credentials", json.dumps(credentials), "--markup", "10", "--round", "1000", "--buffer", "1",
                 stdout=out, stderr=err)
    assert "Added channel lazada-cli (Lazada)" in out.getvalue() and "10002019" in err.getvalue()

    for step in ("push", "stock", "pull", "reconcile", "tokens"):
        call_command("marketplace_sync", step, "--channel", "lazada-cli", stdout=io.StringIO())

    channel = Channel.objects.get(code="lazada-cli")
    assert Listing.objects.filter(channel=channel, status=Listing.LISTED).count() == len(products)
    assert lazada_sim.count_calls("/product/create", ok=False) == 0
    assert lazada_sim.count_calls(ok=False) == 0
    for product in products:
        record = product.stockrecords.get()
        assert lazada_sim.sku_state(record.partner_sku)["sellable"] == record.num_in_stock - 1


def test_command_refuses_lazada_credentials_without_a_secret(lazada_sim, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="app_secret"):
        call_command("marketplace_channel", "add", "lazada-bad", "--kind", "lazada", "--api-base",
                     lazada_sim.api_url, "--credentials", json.dumps({"app_key": APP_KEY}),
                     stdout=io.StringIO(), stderr=io.StringIO())


def test_throttled_answers_retry_with_the_session(lazada_harness):
    adapter = channel_adapter(channel=lazada_harness.channel)
    assert isinstance(adapter.session, HttpSession) and adapter.session.retry_delay is not None


def test_simulator_pushes_are_signed_as_the_adapter_verifies(lazada_harness):
    """A real push from the simulator to a local receiver passes the adapter's verification."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((body, dict(self.headers)))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _, sku = listed(lazada_harness)
        lazada_harness.sim.set_webhook(f"http://127.0.0.1:{server.server_address[1]}/hook")
        remote_id = lazada_harness.create_buyer_order(sku)
        lazada_harness.sim.flush_pushes()
    finally:
        server.shutdown()
        server.server_close()
    adapter = channel_adapter(channel=lazada_harness.channel)
    (body, headers), = received
    assert adapter.verify_webhook(url="", body=body, headers=headers)
    assert not adapter.verify_webhook(url="", body=body.replace(b"pending", b"shipped"), headers=headers)
    (event,) = adapter.parse_webhook(body=body)
    assert (event.kind, event.remote_order_id, event.event_type) == ("order", remote_id, "trade_order:pending")


def test_demo_simulator_and_demo_channel_push_the_catalogue(db):
    """What `make run` starts (the simulator with the demo's fixed credentials) and the
    `lazada-demo` channel `marketplace_demo_setup` creates: idempotent, and they work together."""
    import random

    from marketplace_sync.demo import demo_channel_setup
    from marketplace_sync.management.commands._lazada_simulator import start_lazada

    running = start_lazada(host="127.0.0.1", port=0, webhook=None, opts={})
    try:
        api_base = running.base_url + "/rest"
        products = [listed_product(num_in_stock=3), listed_product(num_in_stock=2)]
        report = demo_channel_setup(api_base_url=api_base, kind=Channel.LAZADA)
        assert report.created and report.simulator == "empty"
        result = listings_push(channel=report.channel)
        assert (result.created, result.failed, result.channel_failed) == (2, 0, False), result.errors
        again = demo_channel_setup(api_base_url=api_base, kind=Channel.LAZADA)
        assert not again.created and again.simulator == "running with 2 items" and again.listings_reset == 0
        order_id = running.buy(random.Random(1))
        assert order_id and orders_pull(channel=again.channel).created == 1
        assert Order.objects.get(remote_order_number=order_id).lines.get().product in products
    finally:
        running.stop()


def test_units_cancelled_on_lazada_release_their_stock_and_flag_the_order(lazada_harness):
    product, sku = listed(lazada_harness, num_in_stock=5)
    remote_id = lazada_harness.create_buyer_order(sku, 2)
    orders_pull(channel=lazada_harness.channel)
    # The buyer cancels one of the two units (Lazada cancels item by item).
    lazada_harness.sim._item_to(lazada_harness.sim._orders[remote_id]["items"][0], "canceled")
    lazada_harness.sim._touch(lazada_harness.sim._orders[remote_id])

    first = orders_pull(channel=lazada_harness.channel)
    again = orders_pull(channel=lazada_harness.channel)

    assert first.updated == 1 and again.updated == 0, (first.errors, again.errors)
    order = Order.objects.get(remote_order_number=remote_id)
    assert order.status == "Baru" and order.needs_review and "1 of 2 cancelled" in order.review_note
    assert product.stockrecords.get().num_allocated == 1
    assert order.lines.get().num_allocated == 1


def test_orders_are_paged_by_offset_and_detailed_in_batches(lazada_harness):
    _, sku = listed(lazada_harness, num_in_stock=20)
    ids = [lazada_harness.create_buyer_order(sku) for _ in range(5)]
    adapter = channel_adapter(channel=lazada_harness.channel)
    adapter.order_page_size, adapter.order_detail_batch_size = 2, 2
    lazada_harness.reset_calls()
    now = dt.datetime.now(dt.timezone.utc)

    listed_ids = list(adapter.list_order_ids(updated_from=now - dt.timedelta(hours=1), updated_to=now))
    orders = adapter.get_orders(remote_ids=listed_ids)

    assert sorted(listed_ids) == sorted(ids) and len(orders) == 5
    assert lazada_harness.calls("order_list") == 3  # 2 + 2 + 1, no empty page
    assert lazada_harness.calls("order_detail") == 3
    assert lazada_harness.sim.count_calls("/order/get") == 0  # headers come from the list
