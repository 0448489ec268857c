"""Shipping's beat entries, seeded from code into django-celery-beat."""
from django.db import DEFAULT_DB_ALIAS

#: name -> (task, every N, period)
SCHEDULE = {
    "shipping: prune old rate quotes": ("shipping.rate_quotes_prune", 1, "days"),
}


def schedule_seed(*, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate handler: create the entries that do not exist yet."""
    from shop.celery import beat_schedule_seed

    beat_schedule_seed(SCHEDULE, using=using)
