"""The beat schedule, seeded from code into django-celery-beat (then editable in the admin).

Seeding only creates missing entries: an interval changed in the admin stays changed.
"""
from django.db import DEFAULT_DB_ALIAS

#: name -> (task, every N, period)
SCHEDULE = {
    "marketplace: pull orders": ("marketplace_sync.pull_orders", 2, "minutes"),
    "marketplace: push changed listings": ("marketplace_sync.push_listings", 5, "minutes"),
    "marketplace: reconcile stock": ("marketplace_sync.reconcile_stock", 1, "hours"),
    # Shopee access tokens live 4 h; refreshing every 30 min those within the margin keeps them valid.
    "marketplace: refresh tokens": ("marketplace_sync.refresh_tokens", 30, "minutes"),
    # Shopee keeps undelivered pushes 3 days; the 2-minute pull covers orders meanwhile.
    "marketplace: recover lost pushes": ("marketplace_sync.recover_lost_pushes", 10, "minutes"),
    "marketplace: prune old sync records": ("marketplace_sync.prune_records", 1, "days"),
    # Campaign promotions: boundaries passed (end early, mark started) and retries of unfinished pushes.
    "marketplace: campaign promotions": ("marketplace_sync.promotions_due", 1, "minutes"),
}


def schedule_seed(*, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate handler: create the entries that do not exist yet."""
    from shop.celery import beat_schedule_seed

    beat_schedule_seed(SCHEDULE, using=using)
