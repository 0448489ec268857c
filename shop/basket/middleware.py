from oscar.apps.basket import middleware

from .applicator import CachedSiteOffersApplicator


class BasketMiddleware(middleware.BasketMiddleware):
    """Oscar's basket middleware, applying offers from the cached site offers."""

    def apply_offers_to_basket(self, request, basket):
        if not basket.is_empty:
            CachedSiteOffersApplicator(request).apply(basket, request.user, request)
