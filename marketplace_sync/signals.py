"""After-commit wiring: stock and product changes enqueue marketplace pushes.

Oscar's StockRecord.allocate/consume/cancel send post_save too, so storefront
orders, imported orders, cancellations and dashboard edits all land here.
"""
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")


def _enqueue(task_name, product_id):
    def send():
        from marketplace_sync import tasks

        getattr(tasks, task_name).delay(product_id)

    # robust: a broker outage must not fail the sale or import that committed;
    # the hourly reconcile corrects whatever push was lost.
    transaction.on_commit(send, robust=True)


def _listed_anywhere(product_id):
    from marketplace_sync.models import Listing

    return Listing.objects.filter(product_id=product_id, channel__enabled=True).exists()


def _has_channels():
    from marketplace_sync.models import Channel

    return Channel.objects.filter(enabled=True).exists()


@receiver(post_save, sender=StockRecord, dispatch_uid="marketplace_stock_changed")
def stock_record_changed(sender, instance, raw=False, **kwargs):
    if raw or not instance.product_id:
        return
    if _listed_anywhere(instance.product_id):
        _enqueue("push_product_stock", instance.product_id)
    if kwargs.get("created") and _has_channels():
        # A new stock record can make a product listable (price, scope).
        _enqueue("push_product", instance.product_id)


@receiver(post_save, sender=Product, dispatch_uid="marketplace_product_changed")
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw and _has_channels():
        _enqueue("push_product", instance.pk)


@receiver(post_save, sender=Certification, dispatch_uid="marketplace_certification_changed")
@receiver(post_delete, sender=Certification, dispatch_uid="marketplace_certification_removed")
def certification_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id and _has_channels():
        _enqueue("push_product", instance.product_id)
