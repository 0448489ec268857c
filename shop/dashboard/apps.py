import oscar.apps.dashboard.apps as apps
from django.apps import apps as django_apps
from django.urls import include, path
from oscar.core.loading import get_class


class DashboardConfig(apps.DashboardConfig):
    # Forked so that the orders dashboard fork below is picked up: Oscar's
    # dashboard resolves its sub-apps by label, and forking only
    # dashboard.orders is silently ignored (see docs/payments.md).
    # Also: the artisan's overview as the index for partner users, the login
    # landing (shop/accounts/landing.py) and the artisan's own profile page.
    name = "shop.dashboard"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.permissions_map.update({
            # Artisans only: staff edit artisans under Dashboard -> Partners.
            "artisan-profile": (DashboardPermission.partner_dashboard_access,),
            "artisan-profile-edit": (DashboardPermission.partner_dashboard_access,),
        })

    def ready(self):
        super().ready()
        self.artisan_profile_view = get_class("dashboard.views", "ArtisanProfileView")
        self.artisan_profile_start_view = get_class("dashboard.views", "ArtisanProfileStartView")
        self.curation_app = django_apps.get_app_config("curation")
        self.certifications_app = django_apps.get_app_config("certifications")
        self.catalogue_io_app = django_apps.get_app_config("catalogue_io")
        self.campaigns_app = django_apps.get_app_config("campaigns")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls([
            path("artisan/profile/", self.artisan_profile_start_view.as_view(), name="artisan-profile"),
            path("artisan/profile/<int:pk>/", self.artisan_profile_view.as_view(), name="artisan-profile-edit"),
        ])
        # Our own dashboard apps, mounted beside Oscar's; each guards its views
        # with its own permissions_map.
        urls += [
            path("curation/", include(self.curation_app.urls[0])),
            path("certifications/", include(self.certifications_app.urls[0])),
            path("catalogue/io/", include(self.catalogue_io_app.urls[0])),
            path("campaigns/", include(self.campaigns_app.urls[0])),
        ]
        return urls
