from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.apps.order.utils import *  # noqa: F401,F403

from shop.partner.stock import stock_allocate


class OrderCreator(CoreOrderCreator):
    def update_stock_records(self, line):
        # Oscar allocates blindly; we re-check under a row lock. A shortfall
        # raises InsufficientStock inside place_order's transaction, so no
        # order, line or allocation is left behind.
        if line.product.get_product_class().track_stock:
            stock_allocate(stockrecord_id=line.stockrecord_id, quantity=line.quantity)
