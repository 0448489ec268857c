from oscar.apps.basket import views

from shop.partner.strategy import give_product_class

from .applicator import CachedSiteOffersApplicator


class BasketView(views.BasketView):
    """Oscar's basket page, asking the shipping repository and the offers once.

    Oscar's view asks the repository for the shipping methods twice (the list,
    then the default) and loads the site offers again for its upsell messages;
    here the methods are computed once per request and the offers come from
    the cache the middleware used (shop/basket/applicator.py). Its lines are
    loaded without their product images, which the page has as cached HTML.
    """

    def dispatch(self, request, *args, **kwargs):
        # Line images are cached HTML here (basket_content.html): the basket
        # middleware need not load them (shop/basket/middleware.py).
        request.basket_images_cached = True
        return super().dispatch(request, *args, **kwargs)

    def get_shipping_methods(self, basket):
        if not hasattr(self, "_shipping_methods"):
            # Whether the basket needs shipping reads each line's product class:
            # from the cached classes rather than a query per line.
            for line in basket.all_lines():
                give_product_class(self.request, line.product)
            self._shipping_methods = super().get_shipping_methods(basket)
        return self._shipping_methods

    def get_default_shipping_method(self, basket):
        # Without an address it is the first of the methods listed (what Oscar's
        # Repository.get_default_shipping_method answers); with a signed-in
        # buyer's default address, Oscar's own lookup for that address.
        if self.request.user.is_authenticated:
            return super().get_default_shipping_method(basket)
        return self.get_shipping_methods(basket)[0]

    def get_upsell_messages(self, basket):
        offers = CachedSiteOffersApplicator(self.request).get_offers(basket, self.request.user, self.request)
        applied_offers = list(basket.offer_applications.offers.values())
        return [
            {"message": offer.get_upsell_message(basket), "offer": offer}
            for offer in offers
            if offer.is_condition_partially_satisfied(basket) and offer not in applied_offers
        ]
