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
        self.curation_app = django_apps.get_app_config("curation")

    def get_urls(self):
        # The curators' queue and review pages (shop.curation), with their own permissions_map.
        urls = [path("curation/", include(self.curation_app.urls[0]))]
        return super().get_urls() + self.post_process_urls(urls)
