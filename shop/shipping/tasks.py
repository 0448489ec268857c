"""Thin Celery tasks for shipping: one service call each."""
from celery import shared_task


@shared_task(name="shipping.rate_quotes_prune")
def rate_quotes_prune():
    from shop.shipping.services import rate_quotes_prune as prune

    return prune()
