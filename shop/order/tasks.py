"""Thin Celery tasks of the order app: ids in, one service call, safe to run twice."""
from celery import shared_task


@shared_task(name="shop.order.notify_artisans_of_order")
def notify_artisans_of_order(order_id):
    from shop.order.artisan_notices import order_artisans_notify

    return order_artisans_notify(order_id=order_id)
