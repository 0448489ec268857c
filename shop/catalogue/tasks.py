"""Thin Celery tasks of the catalogue."""
from celery import shared_task


@shared_task(name="shop.catalogue.record_product_view")
def record_product_view(product_id: int, user_id: int | None = None):
    from .view_counts import record_view

    record_view(product_id, user_id)
