"""Oscar's offer Applicator reading the site offers from the storefront cache.

Oscar queries the running site offers each time it applies offers to a basket,
twice per basket page (the middleware, then the upsell messages). The same
offers are cached per offers version for the storefront's prices
(``shop.campaigns.pricing.site_offers``); this Applicator picks from them the
ones Oscar's ``ConditionalOffer.active`` would (open, within their dates now).
"""
from django.utils import timezone
from oscar.apps.offer.applicator import Applicator


class CachedSiteOffersApplicator(Applicator):
    def __init__(self, request=None):
        self.request = request

    def get_site_offers(self):
        from shop.campaigns.pricing import cached_site_offers

        now = timezone.now()
        offers, _range_products = cached_site_offers(self.request)
        return [
            offer for offer in offers
            if (offer.start_datetime is None or offer.start_datetime <= now)
            and (offer.end_datetime is None or offer.end_datetime >= now)
        ]

    def get_basket_offers(self, basket, user):
        # The basket page asks twice in one request (the middleware, then its
        # upsell messages); vouchers are added and removed by other requests.
        memo = getattr(basket, "_gk_voucher_offers", None)
        if memo is None:  # set through attributes: the view's request.basket is a lazy proxy
            memo = basket._gk_voucher_offers = {}
        key = getattr(user, "pk", None)
        if key not in memo:
            memo[key] = super().get_basket_offers(basket, user)
        return memo[key]
