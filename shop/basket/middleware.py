import functools

from django.utils.functional import empty
from oscar.apps.basket import middleware

from .applicator import CachedSiteOffersApplicator


class BasketMiddleware(middleware.BasketMiddleware):
    """Oscar's basket middleware, applying offers from the cached site offers,
    and the header's basket count without building a basket for a visitor
    who has none."""

    def __call__(self, request):
        request.basket_num_items = functools.partial(self.basket_num_items, request)
        return super().__call__(request)

    def apply_offers_to_basket(self, request, basket):
        if basket.id is not None and basket._lines is None and getattr(request, "basket_images_cached", False):
            # The basket page shows each line's image from cached HTML (BasketView):
            # Oscar's all_lines() without its product images, read now, so that
            # is_empty below counts them without a COUNT query.
            basket._lines = (basket.lines.select_related("product", "stockrecord")
                             .prefetch_related("attributes").order_by("pk"))
            len(basket._lines)
        if not basket.is_empty:
            CachedSiteOffersApplicator(request).apply(basket, request.user, request)

    def basket_num_items(self, request) -> int:
        # A guest with no basket cookie has no basket (Oscar would make an empty,
        # unsaved one); a signed-in buyer's basket is loaded as Oscar does (it may
        # merge a guest basket into it).
        loaded = request.basket._wrapped is not empty
        if not loaded and not request.user.is_authenticated and self.get_cookie_key(request) not in request.COOKIES:
            return 0
        return request.basket.num_items
