import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.local")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _django_logging(**kwargs):
    """Worker and beat log through the project's LOGGING (shop/log.py: one format, Jakarta time).

    With a receiver on this signal Celery leaves logging alone instead of installing its own format.
    """
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@app.task(name="shop.ping")
def ping(value):
    """Round-trip probe: proves a worker consumes from the configured broker."""
    return {"pong": value}


def beat_schedule_seed(schedule: dict, *, using: str = "default") -> None:
    """Create the django-celery-beat entries of ``schedule`` that do not exist yet.

    ``schedule`` maps an entry name to (task name, every N, period). Existing
    entries are left alone, so an interval changed in the admin stays changed.
    Apps call this from a post_migrate handler.
    """
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    for name, (task, every, period) in schedule.items():
        if PeriodicTask.objects.using(using).filter(name=name).exists():
            continue
        interval, _ = IntervalSchedule.objects.using(using).get_or_create(every=every, period=period)
        PeriodicTask.objects.using(using).create(name=name, task=task, interval=interval, enabled=True)
