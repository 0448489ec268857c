from oscar.apps.shipping import repository

from .methods import ParcelCouriers, RatesPending


class Repository(repository.Repository):
    """The basket's chosen courier quotes (newest first), or a placeholder until one is chosen.

    The checkout's shipping-method step (``shop.checkout.views.ShippingMethodView``)
    creates and chooses quotes; the payment step and the webhook find the chosen
    one here by its code, so the order charges exactly what the buyer saw.
    """

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        from .services import chosen_parcels, rate_quotes_usable

        methods = [
            ParcelCouriers(quote, chosen_parcels(quote))
            for quote in rate_quotes_usable(basket=basket, shipping_address=shipping_addr)
        ]
        return methods or [RatesPending()]
