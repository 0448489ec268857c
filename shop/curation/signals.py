"""Mark a fresh login, so the dashboard home can send a curator to the queue once."""
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from shop.curation.selectors import AFTER_LOGIN_SESSION_KEY


@receiver(user_logged_in, dispatch_uid="curation_after_login")
def remember_fresh_login(sender, request, user, **kwargs):
    # Only a login form posting (not e.g. a test client's force_login).
    if request is None or request.method != "POST" or not hasattr(request, "session"):
        return
    # A login that names where to go next (dashboard ``next``, the shop's
    # ``redirect_url``) goes there; only a bare login lands by role.
    asked = request.POST.get("next") or request.GET.get("next") or request.POST.get("login-redirect_url")
    if not asked:
        request.session[AFTER_LOGIN_SESSION_KEY] = True
