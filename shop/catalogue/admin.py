from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403
from oscar.core.loading import get_model

Certification = get_model("catalogue", "Certification")


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    # Saving here refreshes the product's certification hold (shop.certifications.signals),
    # so an admin moving an expiry date into the past takes the product off sale at once.
    list_display = ("product", "kind", "number", "issuer", "expiry_date", "review_status", "date_reviewed")
    list_filter = ("kind", "review_status")
    search_fields = ("number", "product__title", "issuer")
    raw_id_fields = ("product", "reviewed_by")
    readonly_fields = ("date_created",)
