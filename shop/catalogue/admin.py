from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403
from oscar.apps.catalogue.admin import ProductAdmin as OscarProductAdmin
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")


class ProductAdmin(OscarProductAdmin):
    # Curation decides these (shop.curation.services, with its history and
    # emails); the admin shows them but cannot set them.
    readonly_fields = ("curation_state", "export_ready", "is_public")
    list_filter = ["curation_state", "export_ready", "structure"]


admin.site.unregister(Product)
admin.site.register(Product, ProductAdmin)


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    # Saving here refreshes the product's certification hold (shop.certifications.signals),
    # so an admin moving an expiry date into the past takes the product off sale at once.
    list_display = ("product", "kind", "number", "issuer", "expiry_date", "review_status", "date_reviewed")
    list_filter = ("kind", "review_status")
    search_fields = ("number", "product__title", "issuer")
    raw_id_fields = ("product", "reviewed_by")
    readonly_fields = ("date_created",)
