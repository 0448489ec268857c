"""Offer prices on the storefront: ``{% offer_promo product session as promo %}``.

``session`` is what ``purchase_info_for_product`` gave the template (the price Oscar's
basket starts from); ``promo`` is a ``shop.campaigns.pricing.Promo`` or None.
"""
from django import template

from shop.campaigns.pricing import offer_index_for

register = template.Library()


@register.simple_tag(takes_context=True)
def offer_promo(context, product, session):
    price = getattr(session, "price", None)
    if price is None or not price.exists or not price.is_tax_known:
        return None
    return offer_index_for(context.get("request")).promo_for(product, price.incl_tax)
