from django.contrib import admin
from oscar.apps.order.admin import *  # noqa: F401,F403
from oscar.core.loading import get_model

Shipment = get_model("order", "Shipment")


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ("event", "partner", "courier", "tracking_number", "shipped_by")
    list_filter = ("courier",)
    search_fields = ("tracking_number", "event__order__number")
    raw_id_fields = ("event", "partner", "shipped_by")
