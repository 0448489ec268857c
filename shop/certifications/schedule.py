"""Certifications' beat entry, seeded from code into django-celery-beat."""
from django.db import DEFAULT_DB_ALIAS

#: name -> (task, every N, period)
SCHEDULE = {
    # Expiries take effect on the day after the expiry date; reminders go 30 and 7 days ahead.
    "certifications: expiries and reminders": ("certifications.daily", 1, "days"),
}


def schedule_seed(*, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate handler: create the entries that do not exist yet."""
    from shop.celery import beat_schedule_seed

    beat_schedule_seed(SCHEDULE, using=using)
