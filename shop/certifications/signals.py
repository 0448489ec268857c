"""Keep the certification hold right when other parts of the shop change what it depends on.

The services here refresh the hold themselves; these receivers cover changes made
elsewhere (the product form's categories, the demo loader, Django's admin), so a
product moved into Kuliner without a halal certificate is held at once, not at
the next daily run.
"""
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
Certification = get_model("catalogue", "Certification")


def _refresh(product_ids):
    from shop.certifications.services import products_certification_hold_refresh

    product_ids = [pk for pk in product_ids if pk]
    if product_ids:
        products_certification_hold_refresh(product_ids=product_ids)


@receiver(post_save, sender=ProductCategory, dispatch_uid="certifications_product_category_saved")
@receiver(post_delete, sender=ProductCategory, dispatch_uid="certifications_product_category_deleted")
def product_category_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh([instance.product_id])


@receiver(m2m_changed, sender=Product.categories.through, dispatch_uid="certifications_categories_changed")
def product_categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _refresh([instance.pk])
    elif pk_set:
        _refresh(list(pk_set))
    elif action == "post_clear":
        # A category lost all its products: those products' holds may lift.
        _refresh(list(Product.objects.filter(certification_held=True).values_list("pk", flat=True)))


@receiver(post_save, sender=Certification, dispatch_uid="certifications_certificate_saved")
@receiver(post_delete, sender=Certification, dispatch_uid="certifications_certificate_deleted")
def certification_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh([instance.product_id])
