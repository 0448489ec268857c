"""The one stock pool: every channel allocates through here, under a row lock.

Oscar checks availability before payment only and its allocation is an
unconditional ``F()`` update, so two buyers can both take the last unit. Every
allocation in this project, storefront or marketplace, re-reads the stock
record under ``SELECT ... FOR UPDATE`` and allocates only what is really there.
"""
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class InsufficientStock(Exception):
    def __init__(self, stockrecord, requested):
        self.stockrecord = stockrecord
        self.requested = requested
        self.available = max(stockrecord.net_stock_level, 0)
        super().__init__(
            _("Only %(available)s left of %(product)s, %(requested)s requested.")
            % {"available": self.available, "product": stockrecord.product, "requested": requested}
        )


def stock_allocate(*, stockrecord_id, quantity):
    """Allocate ``quantity`` units or raise ``InsufficientStock``; needs a transaction.

    Callers allocating several records must call this in ascending
    ``stockrecord_id`` order so concurrent placements cannot deadlock.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("stock_allocate must run inside transaction.atomic()")
    # of=("self",): lock the stock row only. Locking the joined product row too
    # deadlocks on PostgreSQL against any commit whose deferred FK check takes
    # KEY SHARE on product then stock record (e.g. a basket line being added).
    record = StockRecord.objects.select_for_update(of=("self",)).select_related("product").get(pk=stockrecord_id)
    if (record.net_stock_level or 0) < quantity:
        raise InsufficientStock(record, quantity)
    record.allocate(quantity)
    return record
