"""Thin Celery tasks: one service call each, safe to run twice."""
from celery import shared_task


@shared_task(name="certifications.daily")
def certifications_daily():
    """Apply expiries (hold, delist, tell once) and send the 30- and 7-day reminders."""
    from shop.certifications.services import certifications_daily_run

    return certifications_daily_run().as_dict()


@shared_task(name="certifications.hold_refresh")
def certifications_hold_refresh(product_ids=None):
    """Recompute the certification hold of some products (all that may be held with None)."""
    from shop.certifications.services import products_certification_hold_refresh

    return len(products_certification_hold_refresh(product_ids=product_ids))
