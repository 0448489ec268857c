from django.contrib import admin

from shop.certifications.models import CertificationNotice, CraftCertificationRequirement
from shop.certifications.services import products_certification_hold_refresh


@admin.register(CraftCertificationRequirement)
class CraftCertificationRequirementAdmin(admin.ModelAdmin):
    list_display = ("category", "kind", "date_created")

    # Products of the craft are held or released at once, as from the dashboard page.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        products_certification_hold_refresh()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        products_certification_hold_refresh()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        products_certification_hold_refresh()


@admin.register(CertificationNotice)
class CertificationNoticeAdmin(admin.ModelAdmin):
    list_display = ("certification", "kind", "date_sent")
    list_filter = ("kind",)
    readonly_fields = ("certification", "kind", "date_sent")
