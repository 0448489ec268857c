"""Production: no defaults for secrets, hosts or the database.

Refuses to start unless SECRET_KEY, ALLOWED_HOSTS and a real (non-SQLite)
DATABASE_URL are given; with them, `manage.py check --deploy` is clean.
"""
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env

_missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL") if not env(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    raise ImproperlyConfigured("Production needs a real database server, not SQLite.")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters of real randomness.")

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    "storefront": env.cache(
        "STOREFRONT_CACHE_URL", default=env("CACHE_URL", default="locmemcache://storefront?MAX_ENTRIES=5000")
    ),
}
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind that proxy every request comes from the proxy's address: login throttling
# (django-axes) reads the client's from X-Forwarded-For, trusting this many proxies.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=1)
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

# Marketplace tokens are encrypted at rest; without the key nothing can be read.
MARKETPLACE_CREDENTIALS_KEY = env("MARKETPLACE_CREDENTIALS_KEY", default="")
if not MARKETPLACE_CREDENTIALS_KEY:
    raise ImproperlyConfigured("Production settings need MARKETPLACE_CREDENTIALS_KEY (a Fernet key).")
try:
    from cryptography.fernet import Fernet

    Fernet(MARKETPLACE_CREDENTIALS_KEY)
except ValueError as _exc:
    raise ImproperlyConfigured(f"MARKETPLACE_CREDENTIALS_KEY is not a valid Fernet key: {_exc}") from _exc
