"""Thin Celery tasks: one service call each; a second run of the same import does nothing."""
from celery import shared_task


@shared_task(name="catalogue_io.import_check")
def import_check(import_id):
    """The dry run of an uploaded catalogue file."""
    from shop.catalogue_io.services import import_check as check

    return check(import_id=import_id).status


@shared_task(name="catalogue_io.import_run")
def import_run(import_id):
    """Apply a confirmed catalogue file, row by row, recording progress."""
    from shop.catalogue_io.services import import_run as run

    return run(import_id=import_id).status
