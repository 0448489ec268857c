"""What makes a product's document change, marked for indexing in the same transaction.

Price and stock are read live at query time, so a sale or a price change needs
no reindex; a stock record matters only when it is created or removed (it
names the artisan). Curation, certificate holds and edits all save the product.
"""
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from .indexing import products_index_later

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Certification = get_model("catalogue", "Certification")
Region = get_model("catalogue", "Region")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


@receiver(post_save, sender=Product, dispatch_uid="search_product_saved")
@receiver(post_delete, sender=Product, dispatch_uid="search_product_deleted")
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        products_index_later([instance.pk])


@receiver(m2m_changed, sender=Product.categories.through, dispatch_uid="search_product_categories")
def product_categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        products_index_later([instance.pk])
    elif pk_set:  # category.product_set changed
        products_index_later(pk_set)
    else:
        products_index_later(_products_in_category(instance))


@receiver(post_save, sender=StockRecord, dispatch_uid="search_stockrecord_saved")
@receiver(post_delete, sender=StockRecord, dispatch_uid="search_stockrecord_deleted")
def stockrecord_changed(sender, instance, raw=False, created=True, **kwargs):
    # post_delete sends no ``created``: a removal counts like a creation.
    if not raw and created and instance.product_id:
        products_index_later([instance.product_id])


@receiver(post_save, sender=Certification, dispatch_uid="search_certification_saved")
@receiver(post_delete, sender=Certification, dispatch_uid="search_certification_deleted")
def certification_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id:
        products_index_later([instance.product_id])


@receiver(post_save, sender=Category, dispatch_uid="search_category_saved")
def category_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        products_index_later(_products_in_category(instance))


@receiver(post_save, sender=Region, dispatch_uid="search_region_saved")
def region_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        products_index_later(Product.objects.filter(region=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Partner, dispatch_uid="search_partner_saved")
def partner_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        products_index_later(StockRecord.objects.filter(partner=instance).values_list("product_id", flat=True))


def _products_in_category(category):
    return Product.categories.through.objects.filter(category__path__startswith=category.path).values_list(
        "product_id", flat=True
    )
