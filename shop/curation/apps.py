from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class CurationConfig(OscarDashboardConfig):
    """Curation in Oscar's dashboard: mounted by shop.dashboard at /dashboard/curation/."""

    name = "shop.curation"
    label = "curation"
    verbose_name = _("Curation")
    default_auto_field = "django.db.models.AutoField"

    default_permissions = ["is_staff", "curation.decide_product"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        decide = ["is_staff", "curation.decide_product"]
        # Artisans reach these for their own products only (the views 404 on
        # anybody else's); curators for every product.
        own_or_decide = (decide, DashboardPermission.partner_dashboard_access)
        self.permissions_map = {
            "curation-queue": decide,
            "curation-review": decide,
            "curation-product-submit": own_or_decide,
            "curation-product-archive": own_or_decide,
            "curation-revision-withdraw": own_or_decide,
        }

    def ready(self):
        from shop.curation import views  # noqa: F401

        self.views = views
        self.configure_permissions()

    def get_urls(self):
        views = self.views
        urls = [
            path("", views.QueueView.as_view(), name="curation-queue"),
            path("products/<int:pk>/", views.ReviewView.as_view(), name="curation-review"),
            path("products/<int:pk>/submit/", views.SubmitView.as_view(), name="curation-product-submit"),
            path("products/<int:pk>/archive/", views.ArchiveView.as_view(), name="curation-product-archive"),
            path("revisions/<int:pk>/withdraw/", views.RevisionWithdrawView.as_view(),
                 name="curation-revision-withdraw"),
        ]
        return self.post_process_urls(urls)
