"""Campaign promotions on every marketplace, against each one's simulator over real HTTP.

Each marketplace's own mechanism: Shopee's discount API, TikTok Shop's promotion activities,
Lazada's SKU special price. Calls are counted on the simulators (their state/control API).
The per-marketplace view of promotions (``*Promo`` below) sits beside the contract-suite
harnesses of tests/contract/test_marketplace_contract.py.
"""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.module_loading import import_string

from marketplace_sync.models import Channel, ChannelPromotion, ChannelPromotionItem
from marketplace_sync.services.channels import channel_adapter, channel_update
from marketplace_sync.services.listings import channel_price
from marketplace_sync.services.promotions import (
    PromotionItem,
    end_campaign_promotion,
    promotions_due,
    sync_campaign_promotion,
)
from tests.contract.test_marketplace_contract import HARNESSES, pushed
from tests.fixtures.shopee import SHOP_ID

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("marketplace_contract")]


def _ts(moment: dt.datetime) -> int:
    return int(moment.timestamp())


class ShopeePromo:
    create = "/api/v2/discount/add_discount"
    add = "/api/v2/discount/add_discount_item"
    remove = "/api/v2/discount/delete_discount_item"
    end = ("/api/v2/discount/end_discount", "/api/v2/discount/delete_discount")
    creates = 1
    period_limits = True
    schedules_with_lead = True  # the start must be 1 hour ahead
    conflict = "discount.item_in_other_promotion"
    has_remote_id = True

    def __init__(self, market):
        self.sim = market.sim

    def calls(self, paths):
        paths = (paths,) if isinstance(paths, str) else paths
        return sum(self.sim.count_calls(path) for path in paths)

    def ok_calls(self, path):
        return self.sim.count_calls(path, ok=True)

    def fail_next(self, path, count):
        self.sim.inject_faults(kind="server_error", count=count, path=path)

    def remote(self, promotion):
        discount = next(d for d in self.sim.discounts() if str(d["discount_id"]) == promotion.remote_id)
        status = {"deleted": "ended", "expired": "ended"}.get(discount["status"], discount["status"])
        return {"start": discount["start_time"], "end": discount["end_time"], "status": status,
                "items": {str(i["item_id"]): Decimal(str(i["item_promotion_price"])) for i in discount["item_list"]}}

    def set_floor(self, amount):
        self.sim.discount_price_floor = int(amount)

    def seed_other_promotion(self, listing, starts_at, ends_at):
        self.sim.create_discount(SHOP_ID, name="Flash sale (Seller Centre)", start_time=_ts(starts_at),
                                 end_time=_ts(ends_at), items=[{"item_id": int(listing.remote_item_id),
                                                                "price": 1000}])

    def elapse(self, promotion, seconds):
        """Time passes for this promotion only: its remote period moves back by ``seconds``."""
        self.sim.handle_control("POST", f"/_sim/discounts/{promotion.remote_id}/shift", {},
                                f'{{"seconds": {-int(seconds)}}}'.encode())


class TikTokPromo:
    ACTIVITY = "/promotion/202309/activities/{activity_id}"
    create = ("POST", "/promotion/202309/activities")
    add = ("PUT", ACTIVITY + "/products")
    remove = ("DELETE", ACTIVITY + "/products")
    end = ("POST", ACTIVITY + "/deactivate")
    creates = 1
    period_limits = True
    schedules_with_lead = False  # the begin time only has to be later than now
    conflict = "17029022"

    def __init__(self, market):
        self.sim = market.sim
        self.market = market

    def _count(self, step, ok=None):
        if step is None:
            return 0
        method, path = step
        with self.sim._lock:
            return sum(1 for c in self.sim.calls if c.method == method and c.path == path
                       and (ok is None or c.ok == ok))

    def calls(self, step):
        return self._count(step)

    def ok_calls(self, step):
        return self._count(step, ok=True)

    def fail_next(self, step, count):
        self.sim.inject_faults(kind="server_error", count=count, path=step[1])

    def remote(self, promotion):
        activity = next(a for a in self.sim.activities() if a["id"] == promotion.remote_id)
        status = {"DEACTIVATED": "ended", "EXPIRED": "ended"}.get(activity["status"], activity["status"])
        return {"start": activity["begin_time"], "end": activity["end_time"], "status": status,
                "items": {p["id"]: Decimal(p["activity_price"]["amount"]) for p in activity["products"]}}

    def set_floor(self, amount):
        self.sim.activity_max_discount_percent = 30  # TikTok's floor is a largest discount

    def seed_other_promotion(self, listing, starts_at, ends_at):
        self.sim.create_activity(self.market.cipher, title="Flash deal (Seller Center)", begin_time=_ts(starts_at),
                                 end_time=_ts(ends_at), products=[{"id": listing.remote_item_id, "price": 1000}])

    def elapse(self, promotion, seconds):
        self.sim.handle_control("POST", f"/_sim/activities/{promotion.remote_id}/shift",
                                f'{{"seconds": {-int(seconds)}}}'.encode())


class LazadaPromo:
    """Lazada has no promotion object: each SKU's special price carries the period."""

    create = None
    add = remove = end = "/product/price_quantity/update"
    creates = 0
    schedules_with_lead = False
    period_limits = False  # none documented for a special price
    conflict = "another of our promotions"  # one special price per SKU: our side refuses a second campaign

    def __init__(self, market):
        self.sim = market.sim

    def calls(self, path):
        return self.sim.count_calls(path) if path else 0

    def ok_calls(self, path):
        return self.sim.count_calls(path, ok=True)

    def fail_next(self, path, count):
        self.sim.inject_faults(kind="server_error", count=count, path=path)

    def remote(self, promotion):
        skus = self.sim.special_prices()
        now = self.sim.now()
        live = [s for s in skus if s["special_to"] is None or s["special_to"] > now]
        first = (live or skus or [{"special_from": None, "special_to": None}])[0]
        return {"start": first["special_from"], "end": first["special_to"], "status": "running" if live else "ended",
                "items": {str(s["item_id"]): Decimal(str(s["special_price"])) for s in live}}

    def set_floor(self, amount):
        self.sim.special_price_max_discount_percent = 30  # Lazada's range check on the special price

    def seed_other_promotion(self, listing, starts_at, ends_at):
        sync_campaign_promotion(channel=listing.channel, key="campaign-other", name="Harbolnas", starts_at=starts_at,
                                ends_at=ends_at, items=[PromotionItem(product=listing.product_id,
                                                                      price=listing.product.stockrecords.first().price
                                                                      * Decimal("0.8"))])

    def elapse(self, promotion, seconds):
        with self.sim._lock:
            for product in self.sim._products.values():
                for sku in product["skus"]:
                    if sku.get("special_from") is not None:
                        sku["special_from"] -= seconds
                        sku["special_to"] -= seconds


PROMOS = {"shopee": ShopeePromo, "tiktok": TikTokPromo, "lazada": LazadaPromo}


@pytest.fixture(params=HARNESSES, ids=lambda dotted: dotted.rsplit(".", 1)[1].removesuffix("Harness").lower())
def market(request, db):
    harness = import_string(request.param)()
    harness.start()
    yield harness
    harness.stop()


@pytest.fixture
def channel(market):
    return market.make_channel()


@pytest.fixture
def promo(market):
    if market.kind not in PROMOS:
        pytest.skip(f"no promotions for {market.kind} yet")
    return PROMOS[market.kind](market)


def elapse(promo, promotion, seconds):
    """Time passes for this promotion: its periods, ours and the marketplace's, move back by ``seconds``."""
    promo.elapse(promotion, seconds)
    back = dt.timedelta(seconds=seconds)
    promotion.refresh_from_db()
    ChannelPromotion.objects.filter(pk=promotion.pk).update(
        starts_at=promotion.starts_at - back, ends_at=promotion.ends_at - back,
        remote_starts_at=promotion.remote_starts_at - back, remote_ends_at=promotion.remote_ends_at - back)


def campaign(channel, products, *, off=Decimal("0.9"), starts_in=dt.timedelta(hours=2),
             lasts=dt.timedelta(days=3), key="campaign-1", name="Jatim Fair"):
    starts_at = timezone.now().replace(microsecond=0) + starts_in
    items = [PromotionItem(product=p, price=(p.stockrecords.first().price * off).quantize(Decimal(1)))
             for p in products]
    return dict(channel=channel, key=key, name=name, starts_at=starts_at, ends_at=starts_at + lasts, items=items)


def test_created_once_with_its_items_across_a_retry(market, promo, channel):
    channel_update(channel=channel, markup_percent=Decimal("10"), price_rounding=1000)
    (a, la), (b, lb) = pushed(channel, price=Decimal("200000")), pushed(channel, price=Decimal("350000"))
    data = campaign(channel, [a, b])
    market.reset_calls()

    first = sync_campaign_promotion(**data)
    again = sync_campaign_promotion(**data)

    assert promo.calls(promo.create) == promo.creates and promo.calls(promo.add) == 1
    assert first.pk == again.pk and again.status == ChannelPromotion.SCHEDULED
    remote = promo.remote(again)
    # The promotion price follows the channel's rule: 180.000 + 10 % = 198.000; 315.000 + 10 % = 346.500 -> 347.000.
    assert remote["items"] == {la.remote_item_id: Decimal("198000"), lb.remote_item_id: Decimal("347000")}
    assert remote["items"][lb.remote_item_id] == channel_price(channel=channel, base_price=Decimal("315000"))
    assert _ts(again.remote_starts_at) == remote["start"] == _ts(data["starts_at"])
    assert _ts(again.remote_ends_at) == remote["end"] == _ts(data["ends_at"])
    assert set(again.items.values_list("status", flat=True)) == {ChannelPromotionItem.ADDED}


def test_a_restarted_worker_finishes_without_creating_it_again(market, promo, channel):
    (a, la), (b, lb) = pushed(channel), pushed(channel)
    data = campaign(channel, [a, b])
    market.reset_calls()
    promo.fail_next(promo.add, 20)  # the worker dies after creating it

    half = sync_campaign_promotion(**data)
    market.sim.clear_faults()  # it restarts
    assert half.answer["create"] and set(half.items.values_list("status", flat=True)) == {ChannelPromotionItem.PENDING}
    assert half.last_error

    # A fresh process: nothing in memory but the database.
    fresh = Channel.objects.get(pk=channel.pk)
    done = sync_campaign_promotion(**{**data, "channel": fresh})
    sync_campaign_promotion(**{**data, "channel": fresh})

    assert promo.calls(promo.create) == promo.creates
    assert promo.ok_calls(promo.add) == 1
    assert done.remote_id == half.remote_id
    assert set(promo.remote(done)["items"]) == {la.remote_item_id, lb.remote_item_id}


def test_a_lost_create_answer_is_adopted_not_created_again(market, promo, channel):
    product, listing = pushed(channel)
    data = campaign(channel, [product])
    if promo.creates == 0:
        pytest.skip("nothing to create on this marketplace")
    # A worker created it on the marketplace and died before storing the answer.
    made = channel_adapter(channel=channel).create_promotion(name=data["name"], starts_at=data["starts_at"],
                                                             ends_at=data["ends_at"])
    ChannelPromotion.objects.create(channel=channel, key=data["key"], name=data["name"], starts_at=data["starts_at"],
                                    ends_at=data["ends_at"], answer={"attempted": "2026-11-30T07:00:00+00:00"})

    promotion = sync_campaign_promotion(**data)

    assert promotion.remote_id == made.remote_id and promotion.answer["create"]["adopted"]
    assert promo.calls(promo.create) == 1  # the lost one only
    assert set(promo.remote(promotion)["items"]) == {listing.remote_item_id}


def test_ended_once(market, promo, channel):
    product, _ = pushed(channel)
    data = campaign(channel, [product])
    promotion = sync_campaign_promotion(**data)
    market.reset_calls()

    end_campaign_promotion(channel=channel, key=data["key"])
    ended = end_campaign_promotion(channel=channel, key=data["key"])

    assert promo.calls(promo.end) == 1
    assert ended.status == ChannelPromotion.ENDED and ended.answer["end"]
    assert promo.remote(promotion)["status"] == "ended"
    # Ended is final: the campaign sync running again creates nothing.
    writes = market.calls(write_only=True)
    sync_campaign_promotion(**data)
    assert market.calls(write_only=True) == writes


def test_a_running_promotion_is_ended_at_the_campaign_end(market, promo, channel):
    product, _ = pushed(channel)
    data = campaign(channel, [product])
    promotion = sync_campaign_promotion(**data)
    elapse(promo, promotion, 3 * 3600)  # it has been running for an hour or two
    market.reset_calls()
    ChannelPromotion.objects.filter(pk=promotion.pk).update(ends_at=timezone.now() - dt.timedelta(seconds=1))

    counts = promotions_due()
    promotions_due()

    promotion.refresh_from_db()
    assert counts["ended"] == 1 and promotion.status == ChannelPromotion.ENDED
    assert promo.calls(promo.end) == 1
    assert promo.remote(promotion)["status"] == "ended"


def test_one_refused_item_is_reported_and_the_others_go_on(market, promo, channel):
    (cheap, lc), (dear, ld) = pushed(channel, price=Decimal("20000")), pushed(channel, price=Decimal("400000"))
    promo.set_floor(Decimal("50000"))  # below this, or more than 30 % off: refused
    data = campaign(channel, [dear])
    data["items"].append(PromotionItem(product=cheap, price=Decimal("10000")))  # half price

    promotion = sync_campaign_promotion(**data)
    sent = promo.calls(promo.add)
    sync_campaign_promotion(**data)

    refused = promotion.items.get(listing=lc)
    assert refused.status == ChannelPromotionItem.REFUSED and refused.reason
    assert promotion.items.get(listing=ld).status == ChannelPromotionItem.ADDED
    assert set(promo.remote(promotion)["items"]) == {ld.remote_item_id}
    assert promo.calls(promo.add) == sent  # the refusal is not sent again at the same price


def test_an_item_in_another_marketplace_promotion_is_refused(market, promo, channel):
    (a, la), (b, lb) = pushed(channel), pushed(channel)
    data = campaign(channel, [a, b])
    promo.seed_other_promotion(la, data["starts_at"], data["ends_at"])

    promotion = sync_campaign_promotion(**data)

    item = promotion.items.get(listing=la)
    assert item.status == ChannelPromotionItem.REFUSED and promo.conflict in item.reason
    assert promotion.items.get(listing=lb).status == ChannelPromotionItem.ADDED


def test_a_changed_product_list_adds_and_removes_the_difference(market, promo, channel):
    (a, la), (b, lb), (c, lc) = pushed(channel), pushed(channel), pushed(channel)
    data = campaign(channel, [a, b])
    sync_campaign_promotion(**data)
    market.reset_calls()

    promotion = sync_campaign_promotion(**campaign(channel, [b, c]))

    assert promo.calls(promo.create) == 0
    # One call removes a, one adds c (Lazada: both on its one price call path).
    assert promo.calls(promo.add) + (promo.calls(promo.remove) if promo.remove != promo.add else 0) == 2
    assert set(promo.remote(promotion)["items"]) == {lb.remote_item_id, lc.remote_item_id}
    assert promotion.items.get(listing=la).status == ChannelPromotionItem.REMOVED


def test_a_period_the_marketplace_refuses_fails_once(market, promo, channel):
    if not promo.period_limits:
        pytest.skip("no period limits are documented for this marketplace")
    product, _ = pushed(channel)
    data = campaign(channel, [product], lasts=dt.timedelta(minutes=30))

    promotion = sync_campaign_promotion(**data)
    again = sync_campaign_promotion(**data)

    assert promotion.status == ChannelPromotion.FAILED and "short" in promotion.last_error
    assert again.status == ChannelPromotion.FAILED
    assert promo.calls(promo.create) == 1 and promo.calls(promo.add) == 0


def test_a_campaign_already_running_starts_as_soon_as_the_marketplace_allows(market, promo, channel):
    product, _ = pushed(channel)
    data = campaign(channel, [product], starts_in=-dt.timedelta(hours=1))

    promotion = sync_campaign_promotion(**data)

    remote = promo.remote(promotion)
    assert remote["end"] == _ts(data["ends_at"])
    if promo.schedules_with_lead:
        assert remote["start"] >= _ts(timezone.now()) + 3600
    assert _ts(promotion.remote_starts_at) == remote["start"]


def test_a_later_campaign_waits_for_the_products_one_discount_slot(market, promo, channel):
    """Where a product holds one discount at a time (Lazada's special price), a campaign that comes
    later (Hari Batik Nasional, planned while the Jatim Fair runs) is not sent over the running one:
    its items wait, and go out once the earlier one has ended."""
    if channel_adapter(channel=channel).promotion_items_ahead:
        pytest.skip("this marketplace holds each promotion on its own")
    product, listing = pushed(channel, price=Decimal("200000"))
    fair = sync_campaign_promotion(
        **campaign(channel, [product], key="campaign-fair", starts_in=-dt.timedelta(hours=1))
    )
    later = campaign(channel, [product], off=Decimal("0.8"), key="campaign-batik", name="Hari Batik Nasional",
                     starts_in=dt.timedelta(days=30))
    batik = sync_campaign_promotion(**later)

    assert promo.remote(fair)["items"] == {listing.remote_item_id: channel_price(channel=channel,
                                                                                 base_price=Decimal("180000"))}
    assert batik.items.get().status == ChannelPromotionItem.PENDING

    ChannelPromotion.objects.filter(pk=fair.pk).update(ends_at=timezone.now() - dt.timedelta(seconds=1))
    promotions_due()
    assert ChannelPromotion.objects.get(pk=fair.pk).status == ChannelPromotion.ENDED
    assert batik.items.get().status == ChannelPromotionItem.ADDED
