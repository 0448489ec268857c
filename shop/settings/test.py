"""The test suite: same stack as local, fast password hashing, no debug."""
from .base import *  # noqa: F401,F403
from .base import BASE_DIR, CACHES, INSTALLED_APPS, env

# The demo app is installed where the demo runs (local) and here, never in production.
INSTALLED_APPS = INSTALLED_APPS + ["shop.demo.apps.DemoConfig"]

DEBUG = False
SECRET_KEY = "galeri-kriya-test-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A test's transaction is rolled back, never committed, so the catalogue
# version (bumped on commit) would not move between its requests: tests not
# about that cache run without it. tests/integration/test_storefront_cache_invalidation.py
# turns it on and commits for real.
CACHES = {**CACHES, "storefront": env.cache("STOREFRONT_CACHE_URL", default="dummycache://")}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))

# A fixed, public Fernet key for the test suite only.
MARKETPLACE_CREDENTIALS_KEY = "POSy0AzxjD33SyeD2-nWaW_x_8vdl4OWVgb5WCc1iTU="
# Retries in tests back off briefly; the retry logic is the same.
MARKETPLACE_HTTP_BACKOFF = 0.01

# Card payments: the payments test fixture points STRIPE_API_BASE at a
# localstripe it starts on a free port; these are the keys it accepts.
STRIPE_SECRET_KEY = "sk_test_galerikriya_tests"
STRIPE_PUBLISHABLE_KEY = "pk_test_galerikriya_tests"
STRIPE_WEBHOOK_SECRET = "whsec_galerikriya_tests"
STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: a test that forgets the fixture fails loudly
STRIPE_JS_URL = "http://127.0.0.1:9/js.stripe.com/v3/"
STRIPE_MAX_NETWORK_RETRIES = 0

# Serve static files through the finders: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
CERTIFICATION_SCAN_ROOT = env.path("CERTIFICATION_SCAN_ROOT", default=str(BASE_DIR / "var" / "test-private"))
CATALOGUE_IMPORT_ROOT = env.path(  # noqa: F405 (BASE_DIR from base)
    "CATALOGUE_IMPORT_ROOT", default=str(BASE_DIR / "var" / "test-private" / "imports"))

# Login throttling is off for the suite (Django's test client logs in without a request,
# and many tests log in repeatedly); tests/integration/accounts/test_login_throttle.py
# turns it on to test it.
AXES_ENABLED = False
