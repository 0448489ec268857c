"""One contract suite for every marketplace, run against each one's simulator over real HTTP.

Adding a marketplace = writing a harness class and adding one line to HARNESSES.

Harness interface (a plain class, constructed without arguments; see
``tests.fixtures.shopee.ShopeeHarness`` and ``tests.fixtures.tiktok.TikTokHarness``):

    kind                              the channel kind ("shopee", "tiktok", ...)
    start() / stop()                  run / stop a fresh simulator
    make_channel(code=...) -> Channel a channel connected to it (token pair issued), created
                                      through ``channel_create`` with the documented flags only
    buy(listing, quantity=1) -> id    a buyer orders ``quantity`` units of a pushed listing;
                                      returns the remote order id
    remote_listing(listing) -> dict   {"price": Decimal, "stock": int, "title": str, "listed": bool}
    remote_order(remote_id) -> dict   {"state": an OrderState value ("to_ship", "processing",
                                      "shipped", "completed", "cancelled", ...), "tracking": str}
    cancel_by_buyer(remote_id)        the buyer (or the marketplace) cancels the order
    signed_webhook(url=, remote_id=)  -> (body bytes, extra Django test-client kwargs such as
                                      {"HTTP_AUTHORIZATION": ...}): the order-status webhook the
                                      marketplace would send to ``url`` for this order now
    expire_token()                    every access token of the shop expires now
    fault(step, kind="throttle"|"server_error", count=1)
                                      the next ``count`` calls of ``step`` fail that way
    calls(step=None, write_only=False, ok=None) -> int
                                      calls the simulator received (of ``step``; only writes;
                                      only succeeded/failed ones)
    reset_calls()

Steps: "order_list", "order_detail", "token_refresh", "price", "stock", "create", "cancel", "ship".

Variants (a parent product sold in sizes, ``test_variants_*``) need two more members:

    buy(listing) with a variant's listing orders that model/SKU of its item
    remote_listing(listing) of a variant's listing: that model/SKU's price and stock
    remote_variants(item_listing) -> [{"id", "option", "sku", "price": Decimal, "stock": int}]
"""
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.module_loading import import_string
from oscar.core.loading import get_model

from marketplace_sync.adapters.base import CancelReason
from marketplace_sync.models import ImportedOrder, Listing
from marketplace_sync.services.channels import channel_update
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import order_cancel_remote, order_ship_remote, orders_pull
from tests.fixtures.shopee import listed_parent, listed_product

Order = get_model("order", "Order")

HARNESSES = [
    "tests.fixtures.shopee.ShopeeHarness",
    "tests.fixtures.tiktok.TikTokHarness",
    "tests.fixtures.lazada.LazadaHarness",
]

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("marketplace_contract")]


@pytest.fixture(params=HARNESSES, ids=lambda dotted: dotted.rsplit(".", 1)[1].removesuffix("Harness").lower())
def market(request, db):
    harness = import_string(request.param)()
    harness.start()
    yield harness
    harness.stop()


@pytest.fixture
def channel(market):
    return market.make_channel()


def pushed(channel, **kwargs):
    product = listed_product(**kwargs)
    result = listings_push(channel=channel, product_ids=[product.pk])
    assert result.created == 1, result.errors
    return product, Listing.objects.get(channel=channel, product=product)


def imported(channel, remote_id):
    return Order.objects.get(channel=channel, remote_order_number=remote_id)


def test_push_creates_listings_with_the_rule_price_and_available_stock(market, channel):
    channel_update(channel=channel, markup_percent=Decimal("10"), price_rounding=1000, stock_buffer=1)
    products = [listed_product(price=Decimal("1234500"), num_in_stock=5) for _ in range(2)]

    result = listings_push(channel=channel)

    assert (result.created, result.failed, result.channel_failed) == (2, 0, False), result.errors
    for product in products:
        listing = Listing.objects.get(channel=channel, product=product)
        assert listing.status == Listing.LISTED
        remote = market.remote_listing(listing)
        # 1.234.500 + 10 % = 1.357.950, rounded UP to Rp 1.000
        assert remote["price"] == Decimal("1358000")
        assert remote["stock"] == 4 and remote["listed"]


def test_a_push_with_nothing_changed_writes_nothing(market, channel):
    for _ in range(3):
        listed_product()
    assert listings_push(channel=channel).created == 3
    market.reset_calls()

    again = listings_push(channel=channel)
    full = listings_push(channel=channel, full=True)

    assert market.calls(write_only=True) == 0
    assert (again.created, again.updated, again.failed) == (0, 0, 0)
    assert full.unchanged == 3


def test_a_price_only_change_sends_only_prices(market, channel):
    product, listing = pushed(channel, price=Decimal("200000"))
    market.reset_calls()
    channel_update(channel=channel, markup_percent=Decimal("5"))

    result = listings_push(channel=channel)

    assert result.updated == 1, result.errors
    assert market.calls(write_only=True) == market.calls("price") == 1
    listing.refresh_from_db()
    assert market.remote_listing(listing)["price"] == Decimal("210000")


def test_order_import_is_idempotent_across_pull_and_webhook(market, channel, client, celery_eager,
                                                           django_capture_on_commit_callbacks):
    product, listing = pushed(channel, num_in_stock=5)
    remote_id = market.buy(listing, quantity=2)

    assert orders_pull(channel=channel).created == 1
    url = "http://testserver" + reverse("marketplace_sync:webhook", args=[channel.code])
    body, extra = market.signed_webhook(url=url, remote_id=remote_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data=body, content_type="application/json", **extra)
    again = orders_pull(channel=channel)

    assert response.status_code == 200 and response.content == b""
    assert again.created == 0
    assert Order.objects.filter(remote_order_number=remote_id).count() == 1
    assert ImportedOrder.objects.filter(remote_order_id=remote_id).count() == 1
    line = imported(channel, remote_id).lines.get()  # units grouped back into one line
    assert (line.product, line.quantity, line.num_allocated) == (product, 2, 2)


def test_a_webhook_with_a_bad_signature_is_refused(market, channel, client):
    _, listing = pushed(channel)
    remote_id = market.buy(listing)
    url = "http://testserver" + reverse("marketplace_sync:webhook", args=[channel.code])
    body, _ = market.signed_webhook(url=url, remote_id=remote_id)
    response = client.post(url, data=body, content_type="application/json", HTTP_AUTHORIZATION="0" * 64)
    assert response.status_code == 401 and not Order.objects.exists()


def test_an_expired_token_is_refreshed_once(market, channel):
    _, listing = pushed(channel)
    market.buy(listing)
    old = channel.credentials
    market.expire_token()

    result = orders_pull(channel=channel)

    assert result.created == 1 and not result.channel_failed, result.errors
    assert market.calls("token_refresh") == 1
    channel.refresh_from_db()
    assert channel.credentials["access_token"] != old["access_token"]
    assert channel.access_token_expires_at is not None


def test_throttling_is_retried(market, channel):
    _, listing = pushed(channel)
    market.buy(listing)
    market.fault("order_list", kind="throttle", count=1)
    market.fault("order_detail", kind="server_error", count=1)

    result = orders_pull(channel=channel)

    assert result.created == 1 and not result.channel_failed, result.errors
    assert market.calls("order_list", ok=False) == 1 and market.calls("order_list", ok=True) == 1
    assert market.calls("order_detail", ok=False) == 1


def test_a_failure_on_one_item_does_not_stop_the_others(market, channel):
    good = [listed_product() for _ in range(2)]
    bad = listed_product(price=Decimal("0"))  # no marketplace sells at Rp 0

    result = listings_push(channel=channel)

    assert (result.created, result.failed) == (2, 1), result.errors
    assert not result.channel_failed
    assert Listing.objects.filter(product__in=good, status=Listing.LISTED).count() == 2
    failed = Listing.objects.get(channel=channel, product=bad)
    assert failed.status == Listing.ERROR and failed.last_error


def test_a_remote_cancellation_cancels_here_and_releases_stock(market, channel):
    product, listing = pushed(channel, num_in_stock=4)
    remote_id = market.buy(listing, quantity=3)
    orders_pull(channel=channel)
    market.cancel_by_buyer(remote_id)

    result = orders_pull(channel=channel)

    assert result.updated == 1, result.errors
    assert imported(channel, remote_id).status == "Dibatalkan"
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (4, 0)
    assert market.calls("cancel") == 0  # not sent back to where it came from


def test_cancelling_here_cancels_on_the_marketplace_and_releases_stock(market, channel):
    product, listing = pushed(channel, num_in_stock=4)
    remote_id = market.buy(listing, quantity=1)
    orders_pull(channel=channel)
    order = imported(channel, remote_id)

    order_cancel_remote(order=order, reason=CancelReason.OUT_OF_STOCK)

    assert market.remote_order(remote_id)["state"] == "cancelled"
    assert imported(channel, remote_id).status == "Dibatalkan"
    assert product.stockrecords.get().num_allocated == 0
    assert orders_pull(channel=channel).failed == 0  # the remote cancellation comes back as no change
    assert market.calls("cancel") == 1


def test_ship_with_a_tracking_number(market, channel):
    product, listing = pushed(channel, num_in_stock=3)
    remote_id = market.buy(listing)
    orders_pull(channel=channel)

    order_ship_remote(order=imported(channel, remote_id), tracking_number="JNE0012345678")

    remote = market.remote_order(remote_id)
    assert remote["state"] in ("processing", "shipped")
    order = imported(channel, remote_id)
    expected = "JNE0012345678"
    if getattr(market, "assigns_tracking", False):
        # The marketplace assigns its own number when the parcel is packed (Lazada): that one is kept here.
        assert remote["tracking"] and remote["tracking"] != expected
        expected = remote["tracking"]
    assert remote["tracking"] == expected
    assert order.shipping_events.get().shipment.tracking_number == expected
    assert order.status == "Dikirim"
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (2, 0)


def test_a_listing_that_failed_an_update_still_gets_its_stock(market, channel):
    product, listing = pushed(channel, num_in_stock=5)
    # The next edit breaks a rule or is refused: the listing is marked error ...
    type(listing).objects.filter(pk=listing.pk).update(status=Listing.ERROR, last_error="refused")
    # ... but it is still on sale there, so a storefront sale must reach it.
    record = product.stockrecords.get()
    record.allocate(2)

    from marketplace_sync.services.stock import stock_push

    result = stock_push(channel=channel)

    assert result.updated == 1, result.errors
    listing.refresh_from_db()
    assert market.remote_listing(listing)["stock"] == 3


def test_a_product_that_stops_being_listable_is_delisted_and_relisted_later(market, channel):
    from oscar.core.loading import get_model as model

    product, listing = pushed(channel, num_in_stock=4)
    Product = model("catalogue", "Product")
    Product.objects.filter(pk=product.pk).update(curation_state=Product.REJECTED)
    product.refresh_from_db()
    product.save()  # date_updated moves: the push sees it

    delisted = listings_push(channel=channel)

    listing.refresh_from_db()
    assert delisted.updated == 1 and listing.status == Listing.DELISTED, delisted.errors
    remote = market.remote_listing(listing)
    assert remote["stock"] == 0 and not remote["listed"]

    Product.objects.filter(pk=product.pk).update(curation_state=Product.APPROVED)
    product.refresh_from_db()
    product.title = "Tas Pandan Anyaman Sumenep Baru"
    product.save()
    relisted = listings_push(channel=channel)

    listing.refresh_from_db()
    assert relisted.updated == 1 and listing.status == Listing.LISTED, relisted.errors
    remote = market.remote_listing(listing)
    assert remote["listed"] and remote["stock"] == 4 and "Tas Pandan Anyaman Sumenep Baru" in remote["title"]


# --------------------------------------------------------------------------- variants


def test_variants_a_parent_is_one_item_with_a_model_per_child(market, channel):
    parent, children = listed_parent(options=("S", "M", "L"), prices=[Decimal(300000), Decimal(325000),
                                                                      Decimal(350000)], stock=[3, 4, 5])

    result = listings_push(channel=channel)

    assert (result.created, result.failed) == (1, 0), result.errors
    item = Listing.objects.get(channel=channel, product=parent)
    rows = {row.product_id: row for row in Listing.objects.filter(channel=channel, parent=item)}
    assert set(rows) == {child.pk for child in children}
    assert all(row.remote_item_id == item.remote_item_id and row.remote_model_id for row in rows.values())
    remote = sorted((v["option"], v["sku"], v["price"], v["stock"]) for v in market.remote_variants(item))
    assert remote == sorted((c.title, c.stockrecords.get().partner_sku, c.stockrecords.get().price, c.stockrecords
                             .get().num_in_stock) for c in children)
    assert {v["id"] for v in market.remote_variants(item)} == {row.remote_model_id for row in rows.values()}
    assert listings_push(channel=channel, full=True).unchanged == 1


def test_variants_one_childs_new_price_updates_only_its_model(market, channel):
    parent, children = listed_parent(prices=[Decimal(300000), Decimal(325000), Decimal(350000)])
    assert listings_push(channel=channel).created == 1, "pushed"
    rows = {row.product_id: row for row in Listing.objects.filter(channel=channel, parent__product=parent)}
    market.reset_calls()
    record = children[1].stockrecords.get()
    record.price = Decimal(330000)
    record.save()

    result = listings_push(channel=channel)

    assert result.updated == 1, result.errors
    assert market.calls(write_only=True) == market.calls("price") == 1
    assert [market.remote_listing(rows[c.pk])["price"] for c in children] == [Decimal(300000), Decimal(330000),
                                                                             Decimal(350000)]
    assert listings_push(channel=channel).updated == 0


def test_variants_a_buyer_orders_one_child_and_its_pool_follows_everywhere(market, channel, celery_eager,
                                                                           django_capture_on_commit_callbacks):
    other = import_string(HARNESSES[1] if market.kind == "shopee" else HARNESSES[0])()
    other.start()
    try:
        elsewhere = other.make_channel(code="variants-elsewhere")
        parent, children = listed_parent(stock=[3, 4, 5])
        with django_capture_on_commit_callbacks(execute=True):
            assert listings_push(channel=channel).created == 1
            assert listings_push(channel=elsewhere).created == 1
        medium = Listing.objects.get(channel=channel, product=children[1])
        remote_id = market.buy(medium, quantity=2)

        with django_capture_on_commit_callbacks(execute=True):
            assert orders_pull(channel=channel).created == 1

        line = imported(channel, remote_id).lines.get()
        assert (line.product, line.quantity, line.num_allocated) == (children[1], 2, 2)
        record = children[1].stockrecords.get()
        assert (record.num_in_stock, record.num_allocated) == (4, 2)
        # The other children's pools are untouched; this one's is lowered on the other marketplace.
        there = {row.product_id: other.remote_listing(row) for row in Listing.objects.filter(channel=elsewhere,
                                                                                            parent__isnull=False)}
        assert [there[c.pk]["stock"] for c in children] == [3, 2, 5]
        assert market.remote_listing(medium)["stock"] == 2
    finally:
        other.stop()


def test_variants_reconcile_reads_each_variants_stock(market, channel):
    from marketplace_sync.services.stock import stock_reconcile

    listed_parent(stock=[3, 4, 5])
    assert listings_push(channel=channel).created == 1
    market.reset_calls()

    result = stock_reconcile(channel=channel)

    assert (result.unchanged, result.updated, result.failed) == (3, 0, 0), result.errors
    assert market.calls(write_only=True) == 0
