"""A campaign saved in the dashboard runs as a Shopee discount: the real campaigns app is the
promotion source (``MARKETPLACE_PROMOTION_SOURCE``), the simulator the marketplace."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace_sync.models import ChannelPromotion, Listing
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.rules import channel_price
from marketplace_sync.tasks import sync_campaign_promotions
from shop.campaigns import services
from shop.campaigns.models import Campaign
from tests.fixtures.shopee import listed_product

pytestmark = pytest.mark.django_db


def campaign_on(channel, products, *, starts_in=dt.timedelta(hours=3), slug="jatim-fair"):
    starts = timezone.now().replace(microsecond=0) + starts_in
    campaign = Campaign(name="Jatim Fair", name_en="Jatim Fair", slug=slug, starts_at=starts,
                        ends_at=starts + dt.timedelta(days=5), discount_kind=Campaign.PERCENTAGE,
                        discount_value=Decimal("20"), text="Pameran kriya Jawa Timur.")
    return services.campaign_save(campaign=campaign, products=products, channels=[channel])


def test_a_campaign_becomes_one_shopee_discount_with_the_channel_price(sim, channel, settings):
    assert settings.MARKETPLACE_PROMOTION_SOURCE == "shop.campaigns.services.marketplace_promotions"
    product = listed_product(price=Decimal("300000"))
    listings_push(channel=channel, product_ids=[product.pk])
    campaign = campaign_on(channel, [product])

    sync_campaign_promotions(campaign.pk)
    sync_campaign_promotions(campaign.pk)  # a retry: nothing sent twice

    assert sim.count_calls("/api/v2/discount/add_discount") == 1
    assert sim.count_calls("/api/v2/discount/add_discount_item") == 1
    discount = sim.discounts()[0]
    assert discount["discount_name"] == "Jatim Fair"
    # 20 % off the storefront price, then the channel's own markup and rounding.
    expected = channel_price(channel=channel, base_price=Decimal("240000"))
    assert discount["item_list"][0]["item_promotion_price"] == int(expected)
    listing = Listing.objects.get(channel=channel, product=product)
    assert str(discount["item_list"][0]["item_id"]) == str(listing.remote_item_id)


def test_taking_a_channel_off_or_deleting_the_campaign_ends_its_promotion(sim, channel):
    product = listed_product(price=Decimal("300000"))
    listings_push(channel=channel, product_ids=[product.pk])
    campaign = campaign_on(channel, [product])
    sync_campaign_promotions(campaign.pk)
    key = services.campaign_promotion_key(campaign.pk)
    assert ChannelPromotion.objects.get(key=key).status == ChannelPromotion.SCHEDULED

    campaign.channels.clear()
    sync_campaign_promotions(campaign.pk)
    assert ChannelPromotion.objects.get(key=key).status == ChannelPromotion.ENDED
    assert sim.count_calls("/api/v2/discount/delete_discount") == 1  # not started yet: deleted

    other = campaign_on(channel, [product], starts_in=dt.timedelta(days=20), slug="hari-batik")
    other_pk = other.pk
    sync_campaign_promotions(other_pk)
    Campaign.objects.filter(pk=other_pk).delete()
    sync_campaign_promotions(other_pk)
    assert ChannelPromotion.objects.get(key=services.campaign_promotion_key(other_pk)).status == ChannelPromotion.ENDED
    assert sim.count_calls("/api/v2/discount/delete_discount") == 2
