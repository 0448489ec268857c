from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from shop.accounts.landing import LandingView

# Machine-to-machine endpoints (payment and marketplace webhooks) live outside
# the language prefix: their URLs are registered with the providers.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("payments/", include("shop.payments.urls")),
    path("marketplace/", include("marketplace_sync.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("shop.gallery.urls")),
    path("", include("shop.campaigns.urls")),
    # Marketplace operator pages in Oscar's dashboard layout; before Oscar's
    # include so /dashboard/marketplace/ is not taken by its dashboard URLs.
    path("dashboard/marketplace/", include("marketplace_sync.dashboard.urls")),
    # The demo's outbox (shop.demo is installed only where the demo runs).
    *([path("dashboard/outbox/", include("shop.demo.urls"))] if apps.is_installed("shop.demo") else []),
    # After login without ``next`` (LOGIN_REDIRECT_URL): each role to its own start page.
    path("accounts/landing/", LandingView.as_view(), name="accounts-landing"),
    path("", include(apps.get_app_config("oscar").urls[0])),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
