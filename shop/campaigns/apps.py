from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class CampaignsConfig(OscarDashboardConfig):
    """Campaigns: the storefront pages (shop/campaigns/urls.py) and, mounted by
    shop.dashboard at /dashboard/campaigns/, their dashboard pages."""

    name = "shop.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.AutoField"

    # Admins and curators: whoever may manage Oscar's offers (the Kurator role holds
    # offer.change_conditionaloffer; shop/accounts/roles.py).
    default_permissions = ["is_staff", "offer.change_conditionaloffer"]

    def configure_permissions(self):
        manage = ["is_staff", "offer.change_conditionaloffer"]
        self.permissions_map = {
            name: manage
            for name in ("campaign-list", "campaign-create", "campaign-update", "campaign-detail",
                         "campaign-report-csv")
        }

    def ready(self):
        from shop.campaigns import dashboard_views

        self.views = dashboard_views
        self.configure_permissions()

    def get_urls(self):
        views = self.views
        urls = [
            path("", views.CampaignListView.as_view(), name="campaign-list"),
            path("new/", views.CampaignCreateView.as_view(), name="campaign-create"),
            path("<int:pk>/", views.CampaignDetailView.as_view(), name="campaign-detail"),
            path("<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="campaign-update"),
            path("<int:pk>/report.csv", views.CampaignReportCsvView.as_view(), name="campaign-report-csv"),
        ]
        return self.post_process_urls(urls)
