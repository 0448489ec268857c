"""Thin Celery tasks for indexing work too large for the committing request."""
from celery import shared_task


@shared_task(name="shop.search.index_pending")
def index_pending():
    from .indexing import pending_index

    report = pending_index()
    return {"indexed": report.indexed, "removed": report.removed}
