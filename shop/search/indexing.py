"""Keeping the index current: which products changed, and when they are indexed.

A change (product, stock record, certificate, category, region, artisan; see
signals.py) marks its products in ``SearchPending`` inside the changing
transaction. After the commit (``transaction.on_commit``) a few pending
products are indexed at once in the same process; a large batch (a renamed
region or craft touching hundreds of products) goes to the Celery task
``shop.search.index_pending``. A search also indexes what is still pending
(bounded), so results never lag a committed change even with no worker.
Price and stock are never copied into the index: results and facets read
them from the products' stock records at query time.
"""
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .backends import get_backend
from .documents import Document, documents_build
from .models import SearchDocument, SearchPending, SearchTerm

logger = logging.getLogger(__name__)

#: Products indexed per batch (a fixed number of queries each).
BATCH_SIZE = 500
#: At most this many pending products are indexed in the committing process
#: or by a search; more go to the Celery worker.
INLINE_LIMIT = 100


@dataclass
class IndexReport:
    indexed: int = 0
    removed: int = 0


def products_index(product_ids, *, report: IndexReport | None = None) -> IndexReport:
    """(Re)build the documents of these products now; those no longer on the
    storefront leave the index."""
    report = report or IndexReport()
    backend = get_backend()
    ids = sorted(set(product_ids))
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start:start + BATCH_SIZE]
        documents, gone = documents_build(chunk)
        with transaction.atomic():
            if gone:
                backend.documents_removed(sorted(gone))
                report.removed += SearchDocument.objects.filter(product_id__in=gone).delete()[0]
            if documents:
                SearchDocument.objects.bulk_create(
                    [SearchDocument(product_id=d.product_id, weight_a=d.weight_a, weight_b=d.weight_b,
                                    weight_c=d.weight_c, weight_d=d.weight_d) for d in documents],
                    update_conflicts=True,
                    unique_fields=["product"],
                    update_fields=["weight_a", "weight_b", "weight_c", "weight_d", "date_indexed"],
                )
                terms = set().union(*(d.terms for d in documents))
                SearchTerm.objects.bulk_create([SearchTerm(term=t) for t in sorted(terms)], ignore_conflicts=True)
                backend.documents_written([d.product_id for d in documents])
                report.indexed += len(documents)
    return report


def products_index_later(product_ids) -> None:
    """Mark these products for indexing, in the caller's transaction, and
    index them once it commits."""
    ids = {int(pk) for pk in product_ids if pk}
    if not ids:
        return
    now = timezone.now()
    SearchPending.objects.bulk_create(
        [SearchPending(product_id=pk, queued_at=now) for pk in sorted(ids)],
        update_conflicts=True, unique_fields=["product_id"], update_fields=["queued_at"],
    )
    # robust: an indexing failure must not fail the sale or edit that committed;
    # the rows stay pending and the next search or flush picks them up.
    transaction.on_commit(pending_flush, robust=True)


def pending_flush() -> None:
    """After a commit: index a few pending products here, hand many to Celery."""
    if not SearchPending.objects.exists():
        return
    if SearchPending.objects.count() <= INLINE_LIMIT:
        pending_index()
        return
    from . import tasks

    tasks.index_pending.delay()


def pending_index(*, limit: int | None = None) -> IndexReport:
    """Index pending products, oldest first (at most ``limit``)."""
    started = timezone.now()
    ids = list(SearchPending.objects.order_by("queued_at").values_list("product_id", flat=True)[:limit])
    if not ids:
        return IndexReport()
    report = products_index(ids)
    # A product changed again while we indexed keeps its (newer) mark.
    SearchPending.objects.filter(product_id__in=ids, queued_at__lte=started).delete()
    return report


def pending_catch_up() -> None:
    """Before a search: index what is still pending, within the inline limit."""
    if SearchPending.objects.exists():
        try:
            pending_index(limit=INLINE_LIMIT)
        except Exception:  # the search still answers from the index as it is
            logger.exception("search: indexing pending products failed")


def index_rebuild(*, progress=None) -> IndexReport:
    """Rebuild the whole index from the catalogue (``manage.py search_reindex``).

    Documents are rewritten in place, batch by batch, so searches keep
    answering meanwhile; then documents of products gone from the storefront,
    engine rows without a document and words no document holds are dropped.
    ``progress(done, total)`` is called after each batch.
    """
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    backend = get_backend()
    started = timezone.now()
    ids = list(Product.objects.browsable().order_by("pk").values_list("pk", flat=True))
    report = IndexReport()
    if progress:
        progress(0, len(ids))
    for start in range(0, len(ids), BATCH_SIZE):
        products_index(ids[start:start + BATCH_SIZE], report=report)
        if progress:
            progress(min(start + BATCH_SIZE, len(ids)), len(ids))
    with transaction.atomic():
        stale = list(SearchDocument.objects.exclude(product_id__in=Product.objects.browsable().values("pk"))
                     .values_list("product_id", flat=True))
        if stale:
            backend.documents_removed(stale)
            report.removed += SearchDocument.objects.filter(product_id__in=stale).delete()[0]
        backend.resync()
        _vocabulary_rebuild()
    SearchPending.objects.filter(queued_at__lte=started).delete()
    return report


def _vocabulary_rebuild() -> None:
    """Replace the vocabulary with the words current documents hold (called
    inside the rebuild's transaction, so no search sees it empty)."""
    terms = set()
    rows = SearchDocument.objects.values_list("weight_a", "weight_b", "weight_c", "weight_d")
    for parts in rows.iterator(chunk_size=BATCH_SIZE):
        terms.update(Document(0, *parts).terms)
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create([SearchTerm(term=t) for t in sorted(terms)], batch_size=BATCH_SIZE)
