from django.apps import apps as django_apps
from django.urls import include, path

import oscar.apps.dashboard.apps as apps


def landing_first(index_view):
    """The dashboard home, except right after logging in without ``next``: both the
    dashboard login and the shop login send staff there, and a curator starts on the
    curation queue instead (``shop.curation.selectors.login_landing_url``)."""

    class LandingIndexView(index_view):
        def dispatch(self, request, *args, **kwargs):
            from django.shortcuts import redirect

            from shop.curation.selectors import AFTER_LOGIN_SESSION_KEY, login_landing_url

            if request.session.pop(AFTER_LOGIN_SESSION_KEY, False):
                url = login_landing_url(request.user)
                if url:
                    return redirect(url)
            return super().dispatch(request, *args, **kwargs)

    LandingIndexView.__name__ = LandingIndexView.__qualname__ = index_view.__name__
    return LandingIndexView


class DashboardConfig(apps.DashboardConfig):
    # Forked so that the orders dashboard fork below is picked up: Oscar's
    # dashboard resolves its sub-apps by label, and forking only
    # dashboard.orders is silently ignored (see docs/payments.md).
    name = "shop.dashboard"

    def ready(self):
        super().ready()
        self.curation_app = django_apps.get_app_config("curation")
        self.certifications_app = django_apps.get_app_config("certifications")
        self.index_view = landing_first(self.index_view)

    def get_urls(self):
        # Our own dashboard apps, mounted beside Oscar's; each guards its views
        # with its own permissions_map.
        urls = [
            path("curation/", include(self.curation_app.urls[0])),
            path("certifications/", include(self.certifications_app.urls[0])),
        ]
        return super().get_urls() + urls
