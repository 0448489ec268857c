"""Card payments' beat entries, seeded from code into django-celery-beat."""
from django.db import DEFAULT_DB_ALIAS

#: name -> (task, every N, period)
SCHEDULE = {
    # Stripe retries a webhook for 3 days; this catches what both the return
    # and every delivery missed (closed tab and an endpoint down).
    "payments: catch up paid checkouts": ("payments.catch_up", 15, "minutes"),
}


def schedule_seed(*, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate handler: create the entries that do not exist yet."""
    from shop.celery import beat_schedule_seed

    beat_schedule_seed(SCHEDULE, using=using)
