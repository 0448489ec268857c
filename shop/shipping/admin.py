from django.contrib import admin
from oscar.apps.shipping.admin import *  # noqa: F401,F403

from .models import CourierService, ProvinceZone, ShippingZone, TableRate, WoodenCrateRule


class ProvinceZoneInline(admin.TabularInline):
    model = ProvinceZone
    extra = 0


@admin.register(ShippingZone)
class ShippingZoneAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    inlines = [ProvinceZoneInline]


@admin.register(CourierService)
class CourierServiceAdmin(admin.ModelAdmin):
    list_display = ("courier_name", "service_name", "courier_code", "service_code", "rounding_tolerance_grams",
                    "is_active", "position")
    list_editable = ("is_active", "position")


@admin.register(TableRate)
class TableRateAdmin(admin.ModelAdmin):
    list_display = ("service", "origin_zone", "destination_zone", "price_per_kg", "etd_min_days", "etd_max_days")
    list_filter = ("origin_zone", "destination_zone", "service")
    list_editable = ("price_per_kg", "etd_min_days", "etd_max_days")


@admin.register(WoodenCrateRule)
class WoodenCrateRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "extra_weight_grams", "fee", "is_active")
