from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig

#: Admins (superusers hold every permission) and curators: the Kurator role holds
#: curation.decide_product and the catalogue's permissions.
IMPORT_EXPORT = ["is_staff", "curation.decide_product", "catalogue.add_product", "catalogue.change_product"]


class CatalogueIOConfig(OscarDashboardConfig):
    """Catalogue import and export in Oscar's dashboard, mounted at /dashboard/catalogue/io/
    by ``shop.dashboard.apps.DashboardConfig``."""

    name = "shop.catalogue_io"
    label = "catalogue_io"
    verbose_name = _("Catalogue import and export")
    default_auto_field = "django.db.models.BigAutoField"

    permissions_map = {
        "catalogue-import": IMPORT_EXPORT,
        "catalogue-import-detail": IMPORT_EXPORT,
        "catalogue-import-status": IMPORT_EXPORT,
        "catalogue-export": IMPORT_EXPORT,
    }
    default_permissions = ["is_superuser"]

    def get_urls(self):
        from shop.catalogue_io import views

        urls = [
            path("import/", views.ImportView.as_view(), name="catalogue-import"),
            path("import/<int:pk>/", views.ImportDetailView.as_view(), name="catalogue-import-detail"),
            path("import/<int:pk>/status/", views.ImportStatusView.as_view(), name="catalogue-import-status"),
            path("export/", views.ExportView.as_view(), name="catalogue-export"),
        ]
        return self.post_process_urls(urls)
