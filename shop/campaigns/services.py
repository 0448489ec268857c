"""Campaigns: saving one keeps its Oscar offer in step; reading prices; the marketplace hand-off.

A campaign owns one ``Range`` (its products) and one site ``ConditionalOffer``:
a COUNT condition of 1 on the range (one piece is enough) and a PERCENTAGE or
FIXED_UNIT benefit on the same range, valid from ``starts_at`` to ``ends_at``.
Oscar applies it once per basket line (each unit once; an exclusive offer is not
stacked with another on the same unit) and records it on the order like any offer.
"""
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from shop.campaigns.models import Campaign
from shop.campaigns.pricing import OfferIndex, unit_discount

ConditionalOffer = get_model("offer", "ConditionalOffer")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
Range = get_model("offer", "Range")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

logger = logging.getLogger(__name__)

#: Campaign offers come before other site offers and before voucher offers (Oscar applies
#: the highest priority first): a campaign piece gets the campaign price, a voucher
#: discounts the rest of the basket (both offers are exclusive: never both on one unit).
CAMPAIGN_OFFER_PRIORITY = 10

BENEFIT_TYPES = {Campaign.PERCENTAGE: Benefit.PERCENTAGE, Campaign.FIXED: Benefit.FIXED_UNIT}


def _unique_name(model, base: str, *, exclude_pk=None, max_length=128) -> str:
    """Oscar's offer and range names are unique: a campaign named like an existing offer gets a suffix."""
    name, n = base[:max_length], 2
    while model.objects.filter(name=name).exclude(pk=exclude_pk).exists():
        suffix = f" ({n})"
        name, n = base[: max_length - len(suffix)] + suffix, n + 1
    return name


@transaction.atomic
def campaign_save(*, campaign: Campaign, products=None, categories=None, channels=None) -> Campaign:
    """Save ``campaign`` and bring its range and offer in line with it.

    ``products``/``categories`` (iterables, None = leave as they are) fill the range;
    ``channels`` (None = leave) are the marketplace channels it runs on. The
    marketplace promotions are (re)scheduled once the transaction commits.
    """
    campaign.save()
    range_ = campaign.range
    if range_ is None:
        range_ = Range.objects.create(name=_unique_name(Range, f"Kampanye: {campaign.name}"), is_public=False)
        campaign.range = range_
    elif range_.name != f"Kampanye: {campaign.name}"[:128]:
        range_.name = _unique_name(Range, f"Kampanye: {campaign.name}", exclude_pk=range_.pk)
        range_.save()
    if products is not None:
        range_.included_products.set(list(products))
    if categories is not None:
        range_.included_categories.set(list(categories))
    range_.invalidate_cached_queryset()

    offer = campaign.offer
    benefit = offer.benefit if offer else Benefit()
    benefit.range, benefit.type, benefit.value = range_, BENEFIT_TYPES[campaign.discount_kind], campaign.discount_value
    benefit.max_affected_items = None
    benefit.save()
    condition = offer.condition if offer else Condition()
    condition.range, condition.type, condition.value = range_, Condition.COUNT, Decimal(1)
    condition.save()
    if offer is None:
        offer = ConditionalOffer(condition=condition, benefit=benefit)
    offer.name = _unique_name(ConditionalOffer, campaign.name, exclude_pk=offer.pk)
    offer.description = campaign.text
    offer.offer_type = ConditionalOffer.SITE
    offer.start_datetime, offer.end_datetime = campaign.starts_at, campaign.ends_at
    offer.priority, offer.exclusive = CAMPAIGN_OFFER_PRIORITY, True
    offer.status = ConditionalOffer.OPEN
    offer.save()
    campaign.offer = offer
    campaign.save(update_fields=["range", "offer", "date_updated"])
    if channels is not None:
        campaign.channels.set(list(channels))
    schedule_marketplace_promotions(campaign)
    return campaign


def running_campaigns(*, at=None):
    """Campaigns running at ``at`` (default now), inclusive at both ends like Oscar's offers."""
    at = at or timezone.now()
    return (Campaign.objects.filter(starts_at__lte=at, ends_at__gte=at, offer__status=ConditionalOffer.OPEN)
            .select_related("offer").order_by("ends_at", "pk"))


def upcoming_campaigns(*, at=None):
    at = at or timezone.now()
    return Campaign.objects.filter(starts_at__gt=at).order_by("starts_at", "pk")


def storefront_price(product) -> Decimal | None:
    """The storefront price before offers: the first stock record's, as the card shows."""
    records = sorted(product.stockrecords.all(), key=lambda record: record.pk)
    return records[0].price if records and records[0].price is not None else None


def campaign_price(product, *, at=None, index: OfferIndex | None = None) -> Decimal | None:
    """What the basket charges for one unit of ``product`` at ``at`` under the running
    offers (campaigns or other site offers); None when no offer discounts it."""
    price = storefront_price(product)
    promo = (index or OfferIndex(at=at)).promo_for(product, price)
    return None if promo is None else promo.discounted


def campaign_products(campaign: Campaign):
    """The campaign's browsable products (its range), ready for cards."""
    from shop.gallery.selectors import product_cards

    if campaign.range_id is None:
        return Product.objects.none()
    return product_cards(queryset=campaign.range.all_products()).order_by("title", "pk")


def campaign_promotion_items(campaign: Campaign) -> list[tuple]:
    """(product, discounted storefront price) for each of the campaign's products with a price.

    The hand-off to the marketplace promotions: each channel applies its own markup
    and rounding to these. Computed from the campaign's own discount, not from what
    runs now, so promotions can be scheduled before the start.
    """
    benefit = campaign.offer.benefit if campaign.offer_id else None
    items = []
    for product in campaign_products(campaign):
        price = storefront_price(product)
        if price is None or benefit is None:
            continue
        discount = unit_discount(benefit, price)
        items.append((product, price - (discount or Decimal(0))))
    return items


def campaign_promotion_key(campaign_pk: int) -> str:
    """The key of the campaign's promotion on every channel (``ChannelPromotion.key``):
    stable for the campaign's life (and after it is deleted), so retries and edits update one promotion."""
    return f"campaign-{campaign_pk}"


def schedule_marketplace_promotions(campaign: Campaign) -> None:
    """Ask the marketplace side to create, update or end the campaign's promotions, on commit.

    The promotions (Shopee discounts, TikTok activities, Lazada special prices) belong to
    marketplace_sync, which reads them back through ``marketplace_promotions`` below.
    """
    from marketplace_sync.tasks import sync_campaign_promotions

    pk = campaign.pk
    transaction.on_commit(lambda: sync_campaign_promotions.delay(pk))


def marketplace_promotions(campaign_pk) -> list[tuple]:
    """``settings.MARKETPLACE_PROMOTION_SOURCE``: what each channel should run for one campaign.

    One ``(channel, key, name, starts_at, ends_at, items, should_end)`` per channel the campaign
    runs on, plus every channel that still holds a promotion for it (taken off the campaign, or
    the campaign deleted): those are ended. Prices are the campaign's own discount on the
    storefront price; each channel adds its markup and rounding.
    """
    from marketplace_sync.models import ChannelPromotion
    from marketplace_sync.services.promotions import PromotionItem

    key = campaign_promotion_key(campaign_pk)
    campaign = Campaign.objects.filter(pk=campaign_pk).select_related("offer__benefit", "range").first()
    wanted = []
    running_on = set()
    if campaign is not None:
        ended = campaign.ends_at <= timezone.now()
        items = [PromotionItem(product=product, price=price) for product, price in campaign_promotion_items(campaign)]
        for channel in campaign.channels.all():
            running_on.add(channel.pk)
            wanted.append((channel, key, campaign.name, campaign.starts_at, campaign.ends_at, items, ended))
    for promotion in ChannelPromotion.objects.filter(key=key).exclude(channel__in=running_on).select_related("channel"):
        wanted.append((promotion.channel, key, promotion.name, promotion.starts_at, promotion.ends_at, [], True))
    return wanted
