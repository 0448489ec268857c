"""The campaign promotion task, the beat step and the dashboard partial, against the Shopee simulator.

The campaigns app is stood in for by ``campaign_source`` below, through the
``MARKETPLACE_PROMOTION_SOURCE`` setting the task resolves lazily.
"""
import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from marketplace_sync.models import ChannelPromotion, ChannelPromotionItem, Listing
from marketplace_sync.schedule import SCHEDULE
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.promotions import PromotionItem, promotions_due, sync_campaign_promotion
from marketplace_sync.tasks import sync_campaign_promotions
from tests.fixtures.shopee import listed_product

pytestmark = pytest.mark.django_db

#: What the stand-in campaigns app answers: campaign pk -> rows.
CAMPAIGNS: dict[int, list] = {}


def campaign_source(campaign_pk):
    return CAMPAIGNS[campaign_pk]


@pytest.fixture
def source(settings):
    settings.MARKETPLACE_PROMOTION_SOURCE = f"{__name__}.campaign_source"
    yield CAMPAIGNS
    CAMPAIGNS.clear()


def listed(channel, price):
    product = listed_product(price=Decimal(price))
    assert listings_push(channel=channel, product_ids=[product.pk]).created == 1
    return product, Listing.objects.get(channel=channel, product=product)


def test_the_task_reads_the_campaign_through_the_setting_and_ends_it_once(sim, channel, source):
    product, listing = listed(channel, "300000")
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(hours=3)
    row = [channel, "campaign-7", "Hari Batik Nasional", starts, starts + dt.timedelta(days=2),
           [PromotionItem(product=product, price=Decimal("240000"))]]
    source[7] = [(*row, False)]

    first = sync_campaign_promotions(7)
    sync_campaign_promotions(7)

    assert first == [{"channel": channel.code, "key": "campaign-7", "status": "scheduled",
                      "remote_id": first[0]["remote_id"]}]
    assert sim.count_calls("/api/v2/discount/add_discount") == 1
    assert sim.count_calls("/api/v2/discount/add_discount_item") == 1
    discount = sim.discounts()[0]
    assert discount["discount_name"] == "Hari Batik Nasional"
    assert discount["item_list"][0]["item_promotion_price"] == 240000

    source[7] = [(*row, True)]
    sync_campaign_promotions(7)
    sync_campaign_promotions(7)

    assert sim.count_calls("/api/v2/discount/delete_discount") == 1  # not started yet: deleted, once
    assert ChannelPromotion.objects.get(key="campaign-7").status == ChannelPromotion.ENDED


def test_marketplace_sync_does_not_import_the_campaigns_app():
    import marketplace_sync.services.promotions as module
    import marketplace_sync.tasks as tasks

    for source in (module.__file__, tasks.__file__):
        with open(source) as handle:
            assert "shop.campaigns" not in handle.read()


def test_the_beat_step_runs_every_minute_and_retries_unfinished_pushes(sim, channel):
    assert SCHEDULE["marketplace: campaign promotions"] == ("marketplace_sync.promotions_due", 1, "minutes")
    product, listing = listed(channel, "150000")
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(hours=2)
    sim.inject_faults(kind="server_error", count=20, path="/api/v2/discount/add_discount_item")
    promotion = sync_campaign_promotion(channel=channel, key="campaign-9", name="Harbolnas", starts_at=starts,
                                        ends_at=starts + dt.timedelta(days=1),
                                        items=[PromotionItem(product=product, price=Decimal("120000"))])
    assert promotion.items.get().status == ChannelPromotionItem.PENDING
    sim.clear_faults()

    counts = promotions_due()
    again = promotions_due()

    assert counts["pushed"] == 1 and again["pushed"] == 0
    assert promotion.items.get().status == ChannelPromotionItem.ADDED
    assert sim.count_calls("/api/v2/discount/add_discount") == 1


@pytest.mark.parametrize("language, words", [
    ("id", ["Periode", "Ditolak", "Ikut promosi", "Jawaban marketplace", "Produk ini tidak tayang di kanal ini."]),
    ("en", ["Period", "Refused", "In the promotion", "Marketplace answer",
            "The product is not listed on this channel."]),
])
def test_the_dashboard_partial_shows_each_channel_and_each_product_answer(sim, channel, language, words):
    (cheap, _), (dear, _), (gone, gone_listing) = listed(channel, "20000"), listed(channel, "500000"), \
        listed(channel, "90000")
    Listing.objects.filter(pk=gone_listing.pk).update(status=Listing.DELISTED)
    sim.discount_price_floor = 50000
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(hours=2)
    sync_campaign_promotion(channel=channel, key="campaign-3", name="Jatim Fair", starts_at=starts,
                            ends_at=starts + dt.timedelta(days=5),
                            items=[PromotionItem(product=cheap, price=Decimal("18000")),
                                   PromotionItem(product=dear, price=Decimal("450000")),
                                   PromotionItem(product=gone, price=Decimal("80000"))])
    promotions = ChannelPromotion.objects.select_related("channel").prefetch_related("items__listing__product")

    with translation.override(language):
        html = render_to_string("marketplace_sync/dashboard/_channel_promotions.html", {"promotions": promotions})

    promotion = promotions[0]
    assert channel.name in html and promotion.remote_id in html
    assert "discount.promotion_price_too_low" in html  # what Shopee said about the cheap one
    assert "Rp 450.000" in html or "Rp 450,000" in html
    for word in words:
        assert word in html
