from django.utils.translation import gettext_lazy as _
from django_tables2 import TemplateColumn
from oscar.apps.dashboard.catalogue import tables as oscar_tables
from oscar.apps.dashboard.catalogue.tables import *  # noqa: F401,F403


class ProductTable(oscar_tables.ProductTable):
    """Oscar's product table with the curation state and level instead of "Is public"."""

    curation = TemplateColumn(
        verbose_name=_("Curation"), template_name="oscar/dashboard/catalogue/product_row_curation.html",
        order_by="curation_state",
    )

    class Meta(oscar_tables.ProductTable.Meta):
        fields = ("upc", "date_updated")
        sequence = ("checkbox", "title", "upc", "image", "product_class", "variants", "stock_records", "...",
                    "curation", "date_updated", "actions")
        exclude = ("is_public",)
