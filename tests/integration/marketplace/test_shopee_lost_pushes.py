"""Shopee pushes lost while our web was down: fetched, handled like the webhook, then confirmed.

Against the Shopee simulator over real HTTP; our endpoint is "down" (a closed port), so
the simulator keeps every push as a lost message (get_lost_push_message).
"""
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from oscar.core.loading import get_model

from marketplace_sync import tasks
from marketplace_sync.adapters import adapter_class_for
from marketplace_sync.adapters.base import MarketplaceAdapter
from marketplace_sync.adapters.shopee.adapter import ShopeeAdapter
from marketplace_sync.models import Channel, ImportedOrder, InboundEvent, Listing, SyncRun
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import orders_pull
from marketplace_sync.services.webhooks import LOST_PUSH_URL, lost_pushes_recover

from .conftest import SHOP_ID, listed_product, make_channel

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

LOST = "/api/v2/push/get_lost_push_message"
CONFIRM = "/api/v2/push/confirm_consumed_lost_push_message"
DETAIL = "/api/v2/order/get_order_detail"


@pytest.fixture
def web_down(sim):
    """Point the simulator's pushes at a port nobody listens on."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    sim.push_retry_delay = 0.01
    sim.set_webhook(f"http://127.0.0.1:{port}/webhooks/shopee-test/")
    return sim


def listed(channel, *, num_in_stock=5):
    product = listed_product(num_in_stock=num_in_stock)
    listings_push(channel=channel, product_ids=[product.pk])
    return product, int(Listing.objects.get(channel=channel, product=product).remote_item_id)


def buy(sim, item_id, shop_id=SHOP_ID):
    return sim.create_order(shop_id, items=[{"item_id": item_id, "model_id": 0, "quantity": 1}])


def test_pushes_lost_while_down_are_recovered_once_and_confirmed(sim, channel, web_down, celery_eager):
    product, item_id = listed(channel)
    order_sn = buy(sim, item_id)
    sim.set_order_status(order_sn, "PROCESSED")  # status push + tracking-number push
    sim.flush_pushes()
    assert len(sim.lost_pushes) == 3 and not any(m["consumed"] for m in sim.lost_pushes)

    summaries = tasks.recover_lost_pushes.delay().get()

    assert len(summaries) == 1 and "created 1" in summaries[0] and "failed 0" in summaries[0], summaries
    order = Order.objects.get(channel=channel, remote_order_number=order_sn)
    assert order.status == "Diproses"
    assert order.lines.get().num_allocated == 1
    assert ImportedOrder.objects.filter(channel=channel, remote_order_id=order_sn).count() == 1
    events = InboundEvent.objects.filter(channel=channel, url=LOST_PUSH_URL)
    assert events.count() == 3 and all(e.processed and e.signature_valid for e in events)
    assert {e.remote_order_id for e in events} == {order_sn}
    assert sim.count_calls(DETAIL) == 1  # the three pushes name one order: fetched once
    assert sim.count_calls(CONFIRM, ok=True) == 1 and all(m["consumed"] for m in sim.lost_pushes)

    # A second run finds nothing: no fetch, no confirmation, nothing imported.
    sim.reset_calls()
    again = lost_pushes_recover(channel=channel)
    assert (again.created, again.updated, again.failed) == (0, 0, 0)
    assert sim.count_calls(LOST) == 1 and sim.count_calls(CONFIRM) == 0 and sim.count_calls(DETAIL) == 0
    assert Order.objects.filter(remote_order_number=order_sn).count() == 1
    assert InboundEvent.objects.filter(url=LOST_PUSH_URL).count() == 3


def test_a_page_handled_but_not_confirmed_is_handled_again_without_duplicates(sim, channel, web_down, monkeypatch):
    _, item_id = listed(channel)
    order_sn = buy(sim, item_id)
    sim.flush_pushes()
    assert orders_pull(channel=channel).created == 1  # the scheduled pull got there first

    # The worker dies after handling, before confirming: Shopee hands the page out again.
    monkeypatch.setattr(ShopeeAdapter, "acknowledge_lost_events", lambda self, *, ack: None)
    first = lost_pushes_recover(channel=channel)
    assert first.created == 0 and first.unchanged == 1 and not sim.lost_pushes[0]["consumed"]
    monkeypatch.undo()

    second = lost_pushes_recover(channel=channel)

    assert second.created == 0 and not second.failed
    assert Order.objects.filter(remote_order_number=order_sn).count() == 1
    assert ImportedOrder.objects.filter(remote_order_id=order_sn).count() == 1
    assert InboundEvent.objects.filter(url=LOST_PUSH_URL).count() == 1  # the same push, the same row
    assert sim.lost_pushes[0]["consumed"]


def test_nothing_is_confirmed_when_the_order_fetch_fails_for_the_channel(sim, channel, web_down, settings):
    settings.MARKETPLACE_HTTP_MAX_RETRIES = 1
    _, item_id = listed(channel)
    order_sn = buy(sim, item_id)
    sim.flush_pushes()
    sim.inject_faults(kind="server_error", count=2, path=DETAIL, status=503)

    failed = lost_pushes_recover(channel=channel)

    assert failed.channel_failed and sim.count_calls(CONFIRM) == 0
    assert not sim.lost_pushes[0]["consumed"]
    assert SyncRun.objects.filter(channel=channel, kind=SyncRun.FETCH, status=SyncRun.FAILED).exists()
    assert not Order.objects.exists()

    recovered = lost_pushes_recover(channel=channel)  # Shopee is back
    assert recovered.created == 1 and sim.lost_pushes[0]["consumed"]
    assert Order.objects.get().remote_order_number == order_sn


def test_another_shops_lost_push_goes_to_that_shops_channel(sim, channel, web_down):
    other_shop = SHOP_ID + 1
    other = make_channel(sim, code="shopee-two", shop_id=other_shop, name="Shopee Dua")
    item_id = sim.add_item(other_shop, item_name="Anyaman Pandan", price=90000, stock=3, item_sku="SKU-NONE")
    order_sn = buy(sim, item_id, shop_id=other_shop)
    sim.flush_pushes()

    # The list is partner-wide: the first channel's run meets the other shop's push.
    result = lost_pushes_recover(channel=channel)

    assert result.created == 1 and sim.lost_pushes[0]["consumed"]
    order = Order.objects.get(remote_order_number=order_sn)
    assert order.channel == other
    assert InboundEvent.objects.get(url=LOST_PUSH_URL).channel == other


def test_marketplaces_without_a_lost_push_api_are_skipped_quietly():
    for kind in ("tiktok", "lazada"):
        assert adapter_class_for(kind).lost_events is MarketplaceAdapter.lost_events
        channel = Channel(kind=kind, code=f"{kind}-x", name=kind, api_base_url="http://127.0.0.1:9")
        channel.set_credentials({})
        channel.save()
        assert lost_pushes_recover(channel=channel).skipped
    assert not SyncRun.objects.exists()


def test_the_adapter_sends_the_documented_requests(sim, channel):
    """Reference pages: GET with only partner_id, timestamp, sign (partner_id + path + timestamp);
    POST with the JSON body {"last_message_id": int}."""
    import hashlib
    import hmac
    from urllib.parse import parse_qs, urlsplit

    from marketplace_sync.services.channels import channel_adapter

    from .conftest import PARTNER_ID, PARTNER_KEY

    sim.record_lost_push(SHOP_ID, 3, {"ordersn": "220810QSK8S7BX", "status": "PROCESSED", "update_time": 1})
    adapter = channel_adapter(channel=channel)
    sent = []
    adapter.session.session.hooks["response"].append(lambda response, *a, **k: sent.append(response.request))

    page = adapter.lost_events()
    adapter.acknowledge_lost_events(ack=page.ack)

    (event,) = page.events
    assert (event.kind, event.remote_order_id, event.account) == ("order", "220810QSK8S7BX", str(SHOP_ID))
    assert page.ack == sim.lost_pushes[0]["message_id"] and page.more is False
    get, post = sent
    for request, path in ((get, LOST), (post, CONFIRM)):
        url = urlsplit(request.url)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert url.path == path and set(query) == {"partner_id", "timestamp", "sign"}
        base = f"{PARTNER_ID}{path}{query['timestamp']}"
        assert query["sign"] == hmac.new(PARTNER_KEY.encode(), base.encode(), hashlib.sha256).hexdigest()
    assert get.method == "GET" and not get.body
    assert post.method == "POST" and post.headers["Content-Type"] == "application/json"
    assert post.body == b'{"last_message_id":%d}' % page.ack
    assert sim.lost_pushes[0]["consumed"]


def test_an_unreadable_lost_push_is_kept_reported_and_does_not_block_the_page(sim, channel):
    _, item_id = listed(channel)
    sim.record_lost_push(SHOP_ID, 3, {}, body="{not json")
    sim.set_webhook("http://127.0.0.1:9/down/")
    sim.push_retry_delay = 0.01
    order_sn = buy(sim, item_id)
    sim.flush_pushes()

    result = lost_pushes_recover(channel=channel)

    assert result.created == 1 and result.failed == 1 and "unreadable" in result.errors[0]
    assert Order.objects.get().remote_order_number == order_sn
    kept = InboundEvent.objects.get(url=LOST_PUSH_URL, event_type="unreadable")
    assert kept.processed and "not JSON" in kept.error
    assert all(m["consumed"] for m in sim.lost_pushes)
