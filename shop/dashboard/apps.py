from django.apps import apps as django_apps
from django.urls import include, path

import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    # Forked so that the orders dashboard fork below is picked up: Oscar's
    # dashboard resolves its sub-apps by label, and forking only
    # dashboard.orders is silently ignored (see docs/payments.md).
    name = "shop.dashboard"

    def ready(self):
        super().ready()
        self.certifications_app = django_apps.get_app_config("certifications")

    def get_urls(self):
        # Our own dashboard apps, mounted beside Oscar's; each guards its views
        # with its own permissions_map.
        return super().get_urls() + [
            path("certifications/", include(self.certifications_app.urls[0])),
        ]
