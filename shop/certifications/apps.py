from django.db.models.signals import post_migrate
from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig

#: Artisans reach their own products' certificates through Oscar's partner permission;
#: staff through the catalogue's certification permissions (the Kurator role has them).
ARTISAN_OR_STAFF_VIEW = (["partner.dashboard_access"], ["is_staff", "catalogue.view_certification"])
ARTISAN_OR_STAFF_ADD = (
    ["partner.dashboard_access"],
    ["is_staff", "catalogue.view_certification", "catalogue.add_certification"],
)
ARTISAN_OR_STAFF_CHANGE = (
    ["partner.dashboard_access"],
    ["is_staff", "catalogue.view_certification", "catalogue.change_certification"],
)
REVIEW = ["is_staff", "catalogue.view_certification", "catalogue.change_certification"]
# What a craft requires is part of the craft category: whoever may change categories may change it.
REQUIREMENTS = ["is_staff", "catalogue.view_category", "catalogue.change_category"]


class CertificationsConfig(OscarDashboardConfig):
    """Certifications that act: requirements per craft, review, expiry. Mounted at
    /dashboard/certifications/ by ``shop.dashboard.apps.DashboardConfig``."""

    name = "shop.certifications"
    label = "certifications"
    verbose_name = _("Certifications")
    default_auto_field = "django.db.models.BigAutoField"

    permissions_map = {
        "certifications-list": ARTISAN_OR_STAFF_VIEW,
        "certifications-product": ARTISAN_OR_STAFF_ADD,
        "certifications-update": ARTISAN_OR_STAFF_CHANGE,
        "certifications-scan": ARTISAN_OR_STAFF_VIEW,
        "certifications-review": REVIEW,
        "certifications-approve": REVIEW,
        "certifications-reject": REVIEW,
        "certifications-requirements": REQUIREMENTS,
        "certifications-requirement-delete": REQUIREMENTS,
    }
    # Anything not named above is refused rather than opened to every login.
    default_permissions = ["is_superuser"]

    def ready(self):
        from shop.certifications import signals  # noqa: F401  (connects the receivers)
        from shop.certifications.schedule import schedule_seed

        post_migrate.connect(schedule_seed, sender=self, dispatch_uid="certifications_schedule_seed")

    def get_urls(self):
        from shop.certifications import views

        urls = [
            path("", views.CertificationListView.as_view(), name="certifications-list"),
            path("products/<int:product_pk>/", views.ProductCertificationsView.as_view(),
                 name="certifications-product"),
            path("<int:pk>/edit/", views.CertificationUpdateView.as_view(),
                 name="certifications-update"),
            path("<int:pk>/scan/", views.CertificationScanView.as_view(), name="certifications-scan"),
            path("review/", views.CertificationReviewView.as_view(), name="certifications-review"),
            path("<int:pk>/approve/", views.CertificationApproveView.as_view(),
                 name="certifications-approve"),
            path("<int:pk>/reject/", views.CertificationRejectView.as_view(),
                 name="certifications-reject"),
            path("requirements/", views.RequirementListView.as_view(),
                 name="certifications-requirements"),
            path("requirements/<int:pk>/delete/", views.RequirementDeleteView.as_view(),
                 name="certifications-requirement-delete"),
        ]
        return self.post_process_urls(urls)
