from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from shop.order.artisan_notices import order_artisans_notify_later


@receiver(order_placed, dispatch_uid="shop.order.artisans_new_order")
def artisans_new_order(sender, order, **kwargs):
    """A storefront order (Oscar's OrderCreator): tell its artisans after commit."""
    order_artisans_notify_later(order=order)
