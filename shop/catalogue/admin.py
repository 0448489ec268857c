from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403
from oscar.apps.catalogue.admin import ProductAdmin as OscarProductAdmin
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class ProductAdmin(OscarProductAdmin):
    # Curation decides these (shop.curation.services, with its history and
    # emails); the admin shows them but cannot set them.
    readonly_fields = ("curation_state", "export_ready", "is_public")
    list_filter = ["curation_state", "export_ready", "structure"]


admin.site.unregister(Product)
admin.site.register(Product, ProductAdmin)
