"""Order pull, webhooks, retries and tokens against the Shopee simulator over real HTTP."""
import datetime
import json
import time

import pytest
import requests
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from marketplace_sync.adapters.base import AuthError, RequestRejected
from marketplace_sync.models import Channel, ImportedOrder, InboundEvent, Listing
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import orders_pull
from marketplace_sync.services.tokens import channel_authorization_url, channel_connect
from marketplace_sync.simulators.shopee import push_authorization

from .conftest import PARTNER_ID, PARTNER_KEY, SHOP_ID, listed_product

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db

LIST = "/api/v2/order/get_order_list"
DETAIL = "/api/v2/order/get_order_detail"
REFRESH = "/api/v2/auth/access_token/get"


def listed(sim, channel, *, num_in_stock=5, **kwargs):
    product = listed_product(num_in_stock=num_in_stock, **kwargs)
    listings_push(channel=channel, product_ids=[product.pk])
    listing = Listing.objects.get(channel=channel, product=product)
    return product, int(listing.remote_item_id)


def buy(sim, item_id, quantity=1, **kwargs):
    return sim.create_order(SHOP_ID, items=[{"item_id": item_id, "model_id": 0, "quantity": quantity}], **kwargs)


def test_pulled_order_becomes_an_oscar_order_with_stock_allocated(sim, channel):
    product, item_id = listed(sim, channel, num_in_stock=5)
    order_sn = buy(sim, item_id, quantity=2)

    result = orders_pull(channel=channel)

    assert (result.created, result.failed, result.channel_failed) == (1, 0, False), result.errors
    order = Order.objects.get(channel=channel, remote_order_number=order_sn)
    assert order.status == "Baru" and not order.needs_review
    line = order.lines.get()
    assert (line.product, line.quantity, line.num_allocated) == (product, 2, 2)
    assert order.shipping_address.line4 == "Kota Malang"
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (5, 2)
    assert ImportedOrder.objects.get(channel=channel, remote_order_id=order_sn).raw_payload["order_sn"] == order_sn
    channel.refresh_from_db()
    assert channel.order_cursor is not None


def test_pulling_twice_and_by_webhook_never_duplicates(sim, channel, client, celery_eager,
                                                       django_capture_on_commit_callbacks):
    _, item_id = listed(sim, channel)
    order_sn = buy(sim, item_id)
    assert orders_pull(channel=channel).created == 1
    again = orders_pull(channel=channel)
    assert again.created == 0 and again.unchanged == 1

    body = json.dumps({"data": {"items": [], "ordersn": order_sn, "status": "READY_TO_SHIP",
                                "completed_scenario": "", "update_time": 1}, "shop_id": SHOP_ID, "code": 3,
                       "timestamp": 1}, separators=(",", ":")).encode()
    url = "http://testserver" + reverse("marketplace_sync:webhook", args=[channel.code])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data=body, content_type="application/json",
                               HTTP_AUTHORIZATION=push_authorization(PARTNER_KEY, url, body))
    assert response.status_code == 200 and response.content == b""
    event = InboundEvent.objects.get()
    assert event.signature_valid and event.remote_order_id == order_sn and event.processed
    assert Order.objects.filter(remote_order_number=order_sn).count() == 1
    assert ImportedOrder.objects.filter(remote_order_id=order_sn).count() == 1


def test_webhook_imports_a_new_order_and_rejects_a_bad_signature(sim, channel, client, celery_eager,
                                                                 django_capture_on_commit_callbacks):
    _, item_id = listed(sim, channel)
    order_sn = buy(sim, item_id)
    url = "http://testserver" + reverse("marketplace_sync:webhook", args=[channel.code])
    body = json.dumps({"data": {"ordersn": order_sn, "status": "READY_TO_SHIP", "update_time": 1},
                       "shop_id": SHOP_ID, "code": 3, "timestamp": 1}).encode()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bad = client.post(url, data=body, content_type="application/json", HTTP_AUTHORIZATION="0" * 64)
    assert bad.status_code == 401 and not callbacks
    assert not Order.objects.exists()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        good = client.post(url, data=body, content_type="application/json",
                           HTTP_AUTHORIZATION=push_authorization(PARTNER_KEY, url, body))
    # The fetch runs after commit; its allocation then enqueues a stock push after its own commit.
    assert good.status_code == 200 and len(callbacks) >= 1
    assert Order.objects.get().remote_order_number == order_sn
    assert sim.count_calls(DETAIL) == 1 and sim.count_calls(LIST) == 0  # just that order
    assert Listing.objects.get().pushed_stock == 4  # 5 - 1 allocated, pushed back to Shopee


def test_windows_are_split_at_15_days(sim, channel, settings):
    settings.MARKETPLACE_ORDER_PULL_INITIAL_DAYS = 40
    _, item_id = listed(sim, channel, num_in_stock=10)
    order_sns = []
    for days_ago in (38, 20, 1):
        sim.advance(-days_ago * 86400)
        order_sns.append(buy(sim, item_id))
        sim.advance(days_ago * 86400)

    result = orders_pull(channel=channel)

    # The simulator rejects any window over 15 days, so success proves the split.
    assert result.created == 3, result.errors
    assert sim.count_calls(LIST, ok=True) == 3 and sim.count_calls(LIST, ok=False) == 0


def test_pagination_reads_to_the_end_and_details_in_batches_of_50(sim, channel):
    _, item_id = listed(sim, channel, num_in_stock=130)
    order_sns = {buy(sim, item_id) for _ in range(120)}

    result = orders_pull(channel=channel)

    assert result.created == 120, result.errors[:3]
    assert set(Order.objects.values_list("remote_order_number", flat=True)) == order_sns
    assert sim.count_calls(LIST) == 2  # 100 + 20
    assert sim.count_calls(DETAIL) == 3  # 50 + 50 + 20


def test_throttling_and_server_errors_are_retried(sim, channel):
    _, item_id = listed(sim, channel)
    buy(sim, item_id)
    sim.inject_faults(kind="throttle", count=1, path=LIST)
    sim.inject_faults(kind="server_error", count=2, path=DETAIL)

    result = orders_pull(channel=channel)

    assert result.created == 1 and not result.channel_failed
    assert sim.count_calls(LIST, ok=False) == 1 and sim.count_calls(LIST, ok=True) == 1
    assert sim.count_calls(DETAIL, ok=False) == 2 and sim.count_calls(DETAIL, ok=True) == 1


def test_persistent_server_errors_fail_the_channel_not_the_process(sim, channel, settings):
    settings.MARKETPLACE_HTTP_MAX_RETRIES = 2
    sim.inject_faults(kind="server_error", count=10, path=LIST, status=503)
    result = orders_pull(channel=channel)
    assert result.channel_failed
    assert sim.count_calls(LIST) == 3  # first try + 2 retries
    channel.refresh_from_db()
    assert channel.order_cursor is None  # nothing advanced on failure


def test_other_4xx_is_not_retried(sim, channel):
    sim.error_http_status = 400
    adapter = channel_adapter(channel=channel)
    with pytest.raises(RequestRejected):
        adapter.set_listed(ref=type("Ref", (), {"item_id": "999", "model_id": ""})(), listed=False)
    assert sim.count_calls("/api/v2/product/unlist_item") == 1


def test_a_timeout_is_retried(sim, channel):
    sim.inject_faults(kind="timeout", count=1, path=LIST, sleep=1.0)
    adapter = channel_adapter(channel=channel)
    adapter.session.timeout = (2.0, 0.3)
    now = datetime.datetime.now(datetime.timezone.utc)
    assert list(adapter.list_order_ids(updated_from=now - datetime.timedelta(days=1), updated_to=now)) == []
    sim.flush_pushes()
    for _ in range(30):  # the simulator records the slow call only once it has answered
        if sim.count_calls(LIST) == 2:
            break
        time.sleep(0.1)
    assert sim.count_calls(LIST) == 2


def test_expired_token_is_refreshed_once_and_the_new_pair_stored(sim, channel):
    _, item_id = listed(sim, channel)
    buy(sim, item_id)
    old = channel.credentials
    sim.expire_access_token(SHOP_ID)

    result = orders_pull(channel=channel)

    assert result.created == 1, result.errors
    assert sim.count_calls(REFRESH) == 1
    stored = Channel.objects.get(pk=channel.pk)
    assert stored.credentials["refresh_token"] != old["refresh_token"]
    assert stored.credentials["access_token"] != old["access_token"]
    assert stored.access_token_expires_at is not None
    # The spent refresh token is never sent again: a second expiry refreshes with the new one.
    sim.expire_access_token(SHOP_ID)
    assert not orders_pull(channel=Channel.objects.get(pk=channel.pk)).channel_failed
    assert sim.count_calls(REFRESH, ok=True) == 2


def test_two_workers_never_spend_the_same_single_use_refresh_token(sim, channel):
    # Both built before either refreshed: both hold the same refresh token.
    first, second = channel_adapter(channel=channel), channel_adapter(channel=channel)

    assert first.refresh_tokens() is not None
    assert second.refresh_tokens() is None  # it finds the stored pair and adopts it

    assert sim.count_calls(REFRESH) == 1
    stored = Channel.objects.get(pk=channel.pk).credentials
    assert second.credentials["access_token"] == stored["access_token"] == first.credentials["access_token"]
    assert second.credentials["refresh_token"] == stored["refresh_token"]
    assert not orders_pull(channel=Channel.objects.get(pk=channel.pk)).channel_failed


def test_a_failed_refresh_fails_the_channel_after_one_try(sim, channel):
    credentials = channel.credentials
    credentials["refresh_token"] = "spent"
    channel.set_credentials(credentials)
    channel.save()
    sim.expire_access_token(SHOP_ID)
    result = orders_pull(channel=channel)
    assert result.channel_failed
    assert sim.count_calls(REFRESH) == 1
    assert sim.count_calls(LIST) == 1


def test_poisoned_order_is_quarantined_while_the_rest_import(sim, channel):
    _, item_id = listed(sim, channel)
    good_sn, bad_sn, other_sn = buy(sim, item_id), buy(sim, item_id), buy(sim, item_id)
    with sim._lock:  # the simulator has no control for corrupt payloads: break one by hand
        sim._orders[bad_sn]["item_list"][0]["model_quantity_purchased"] = "two"

    result = orders_pull(channel=channel)

    assert result.created == 2 and result.failed == 1
    assert set(Order.objects.values_list("remote_order_number", flat=True)) == {good_sn, other_sn}
    link = ImportedOrder.objects.get(remote_order_id=bad_sn)
    assert link.state == ImportedOrder.QUARANTINED and link.order is None
    assert "model_quantity_purchased" in link.error and link.raw_payload["order_sn"] == bad_sn
    channel.refresh_from_db()
    assert channel.order_cursor is not None  # kept and flagged: the batch moved on


def test_unknown_sku_is_imported_and_flagged(sim, channel):
    item_id = sim.add_item(SHOP_ID, item_name="Tas anyaman lama", price=150000, stock=3, item_sku="OLD-SKU-1")
    order_sn = buy(sim, item_id)
    assert orders_pull(channel=channel).created == 1
    order = Order.objects.get(remote_order_number=order_sn)
    assert order.needs_review and order.review_reason == Order.UNMATCHED_SKU
    assert order.lines.get().product is None


def test_order_for_units_already_sold_is_imported_and_flagged_oversold(sim, channel):
    product, item_id = listed(sim, channel, num_in_stock=1)
    order_sn = buy(sim, item_id)
    record = product.stockrecords.get()
    record.allocate(1)  # the storefront sold the last unit meanwhile

    assert orders_pull(channel=channel).created == 1
    order = Order.objects.get(remote_order_number=order_sn)
    assert order.needs_review and order.review_reason == Order.OVERSOLD
    assert order.lines.get().num_allocated == 0
    record.refresh_from_db()
    assert record.num_allocated == 1  # never more than in stock


def test_remote_cancellation_cancels_and_releases_stock(sim, channel):
    product, item_id = listed(sim, channel, num_in_stock=4)
    order_sn = buy(sim, item_id, quantity=3)
    orders_pull(channel=channel)
    sim.set_order_status(order_sn, "CANCELLED")

    result = orders_pull(channel=channel)

    assert result.updated == 1
    order = Order.objects.get(remote_order_number=order_sn)
    assert order.status == "Dibatalkan"
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (4, 0)
    assert orders_pull(channel=channel).updated == 0


def test_remote_shipping_consumes_the_allocation(sim, channel):
    product, item_id = listed(sim, channel, num_in_stock=4)
    order_sn = buy(sim, item_id, quantity=1)
    orders_pull(channel=channel)
    sim.set_order_status(order_sn, "SHIPPED")
    orders_pull(channel=channel)
    assert Order.objects.get(remote_order_number=order_sn).status == "Dikirim"
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (3, 0)


def test_connect_shop_by_oauth_against_the_configured_api_base(sim, db):
    channel = Channel.objects.create(kind="shopee", code="shopee-new", name="New", api_base_url=sim.base_url)
    channel.set_credentials({"partner_id": PARTNER_ID, "partner_key": PARTNER_KEY})
    channel.save()
    sim.auth_shop_id = 555001
    url = channel_authorization_url(channel=channel, redirect_url="https://galeri.example/dashboard/cb/")
    redirect = requests.get(url, allow_redirects=False, timeout=5)
    assert redirect.status_code == 302
    query = dict(part.split("=") for part in redirect.headers["Location"].split("?", 1)[1].split("&"))

    channel_connect(channel=channel, code=query["code"], shop_id=query["shop_id"])

    channel.refresh_from_db()
    credentials = channel.credentials
    assert credentials["shop_id"] == 555001 and credentials["access_token"] and credentials["refresh_token"]
    assert channel.access_token_expires_at is not None
    assert orders_pull(channel=channel).channel_failed is False
    with pytest.raises(AuthError):
        # A code is single use.
        channel_connect(channel=channel, code=query["code"], shop_id=query["shop_id"])


def test_marketplace_cancellation_needs_no_stripe_settings(sim, channel, settings):
    # Card payments may not be configured at all where only marketplaces sell.
    settings.STRIPE_SECRET_KEY = ""
    product, item_id = listed(sim, channel, num_in_stock=3)
    order_sn = buy(sim, item_id, quantity=1)
    orders_pull(channel=channel)
    sim.set_order_status(order_sn, "CANCELLED")
    orders_pull(channel=channel)
    assert Order.objects.get(remote_order_number=order_sn).status == "Dibatalkan"
    assert product.stockrecords.get().num_allocated == 0
