"""The home page's campaign banners, read at request time (never cached: the
banner must be gone the first request after a campaign's end)."""
from django import template

from shop.campaigns import services

register = template.Library()

SHELF_SIZE = 4


@register.simple_tag
def running_campaign_banners():
    """Running campaigns, each with a few of its products for a shelf under the banner."""
    banners = []
    for campaign in services.running_campaigns():
        banners.append({"campaign": campaign, "products": services.campaign_products(campaign)[:SHELF_SIZE]})
    return banners
