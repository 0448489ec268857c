"""Where each person lands after logging in without a ``next`` to go back to.

One function for every login (the shop's ``accounts/login/``, the dashboard's
``dashboard/login/``, registration): extend ``landing_url_for`` for a new role
and every login follows (curators land on their queue). The demo banner
(``shop/demo/logins.py``) names the same places.
"""
from django.conf import settings
from django.shortcuts import redirect, resolve_url
from django.views import View


def is_artisan(user) -> bool:
    """A partner user of the dashboard: not staff, acting for at least one artisan business."""
    return (
        user.is_authenticated and not user.is_staff
        and user.has_perm("partner.dashboard_access") and user.partners.exists()
    )


def landing_url_for(user) -> str:
    """A URL (or URL name) to send ``user`` to after login."""
    if is_artisan(user):
        return "dashboard:index"
    from shop.curation.selectors import login_landing_url

    curator_queue = login_landing_url(user)
    if curator_queue:
        return curator_queue  # their overview (shop/dashboard/views.py IndexView)
    if user.is_authenticated and user.is_staff:
        return "dashboard:index"
    return settings.OSCAR_HOMEPAGE


class LandingView(View):
    """``LOGIN_REDIRECT_URL``: Oscar's login and registration send non-staff users here."""

    def get(self, request, *args, **kwargs):
        return redirect(resolve_url(landing_url_for(request.user)))
