from django.conf import settings
from django.db import transaction
from django.utils import translation
from oscar.apps.order.utils import *  # noqa: F401,F403
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator

from shop.partner.stock import stock_allocate


def supported_language(code) -> str:
    """``code`` reduced to one of the shop's languages ("en-us" -> "en"), else the default."""
    code = (code or "").lower()
    known = {language for language, _name in settings.LANGUAGES}
    for candidate in (code, code.split("-")[0]):
        if candidate in known:
            return candidate
    return settings.LANGUAGE_CODE


class OrderCreator(CoreOrderCreator):
    def place_order(self, basket, total, shipping_method, shipping_charge, *args, **kwargs):
        # The parcels and the rates the buyer chose are frozen in the same
        # transaction as the order: no order without its parcels.
        from shop.shipping.services import order_parcels_freeze

        with transaction.atomic():
            order = super().place_order(basket, total, shipping_method, shipping_charge, *args, **kwargs)
            quote = getattr(getattr(shipping_method, "method", shipping_method), "quote", None)
            if quote is not None:
                order_parcels_freeze(order=order, quote=quote)
        return order

    def update_stock_records(self, line):
        # Oscar allocates blindly; we re-check under a row lock. A shortfall
        # raises InsufficientStock inside place_order's transaction, so no
        # order, line or allocation is left behind.
        if line.product.get_product_class().track_stock:
            stock_allocate(stockrecord_id=line.stockrecord_id, quantity=line.quantity)

    def create_order_model(self, *args, **extra_order_fields):
        # The buyer's language goes with the order so later emails speak it. Callers
        # without a request (the payment webhook) pass the one recorded at checkout.
        extra_order_fields["language"] = supported_language(
            extra_order_fields.get("language") or translation.get_language())
        return super().create_order_model(*args, **extra_order_fields)
