"""The test suite: same stack as local, fast password hashing, no debug."""
from .base import *  # noqa: F401,F403
from .base import BASE_DIR, INSTALLED_APPS, env

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
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))

from marketplace_sync.crypto import dev_key as _dev_key  # noqa: E402

MARKETPLACE_CREDENTIALS_KEY = _dev_key("galeri-kriya-test")
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

# Login throttling is off for the suite (Django's test client logs in without a request,
# and many tests log in repeatedly); tests/integration/accounts/test_login_throttle.py
# turns it on to test it.
AXES_ENABLED = False
