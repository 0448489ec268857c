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
        self.connect_offer_changes()

    def connect_offer_changes(self):
        """The storefront caches the site offers and their ranges' products
        (shop/campaigns/pricing.py) per offers version: every committed change
        to what they are computed from gives a new one. An order that uses an
        offer saves it (Oscar's record_usage), so usage limits count at once."""
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from oscar.core.loading import get_model

        from shop.gallery.summaries import offers_changed

        Range = get_model("offer", "Range")
        for model in (get_model("offer", "ConditionalOffer"), get_model("offer", "Condition"),
                      get_model("offer", "Benefit"), Range, get_model("offer", "RangeProduct"),
                      self.get_model("Campaign")):
            post_save.connect(offers_changed, sender=model, dispatch_uid=f"campaigns-offers-save-{model.__name__}")
            post_delete.connect(offers_changed, sender=model, dispatch_uid=f"campaigns-offers-delete-{model.__name__}")
        for field in ("included_products", "excluded_products", "classes", "included_categories",
                      "excluded_categories"):
            through = getattr(Range, field).through
            m2m_changed.connect(offers_changed, sender=through, dispatch_uid=f"campaigns-offers-{field}")

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
