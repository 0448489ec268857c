"""Oscar's product view analytics, written by a Celery worker instead of the page.

Oscar's analytics app counts every product page view with an UPDATE (and, for a
signed-in buyer, two more writes) inside the request. A page view should not
wait on a database write, so the gallery replaces that receiver with one that
queues the same writes after the response's transaction commits. The counts
(``ProductRecord.num_views``, ``UserRecord.num_product_views``,
``UserProductView``) are the ones Oscar's dashboard reports read.
"""
from django.db import IntegrityError, transaction
from django.db.models import F
from oscar.core.loading import get_model

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")


def queue_view(sender, product, user, **kwargs):
    """``product_viewed`` receiver: count the view in a worker."""
    if kwargs.get("raw", False):
        return
    from . import tasks

    user_id = user.pk if user is not None and user.is_authenticated else None
    transaction.on_commit(lambda: tasks.record_product_view.delay(product.pk, user_id), robust=True)


def _increment(model, field: str, **lookup) -> None:
    if model.objects.filter(**lookup).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **{field: 1})
    except IntegrityError:  # created by a concurrent view in between
        model.objects.filter(**lookup).update(**{field: F(field) + 1})


def record_view(product_id: int, user_id: int | None = None) -> None:
    """Oscar's analytics writes for one view (the same as its receiver's)."""
    _increment(ProductRecord, "num_views", product_id=product_id)
    if user_id is not None:
        _increment(UserRecord, "num_product_views", user_id=user_id)
        UserProductView.objects.create(product_id=product_id, user_id=user_id)


def connect() -> None:
    from oscar.apps.analytics.receivers import receive_product_view
    from oscar.apps.catalogue.signals import product_viewed

    product_viewed.disconnect(receive_product_view)
    product_viewed.connect(queue_view, dispatch_uid="gallery-queue-product-view")
