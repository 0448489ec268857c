"""Login throttling helpers for django-axes (settings: AXES_*; README "Login throttling")."""
from __future__ import annotations


def login_username(request, credentials: dict | None) -> str:
    """The account an attempt is counted against: what was typed, trimmed and lower-cased.

    Oscar's forms take the email in the ``username`` field, Django's admin the username;
    "Siti@GaleriKriya.test " and "siti@galerikriya.test" are one account to the throttle.
    """
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return str(value or "").strip().lower()


def lockout_response(request, original_response=None, credentials: dict | None = None):
    """The lockout page, in the gallery's design and the page's language, answered 429."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(request, "gallery/lockout.html", {
        "failure_limit": get_failure_limit(request, credentials), "cooloff_minutes": minutes,
    }, status=429)
