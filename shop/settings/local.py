"""Development and the `make run` demo: embedded defaults, debug on."""
from datetime import timedelta

from .base import *  # noqa: F401,F403
from .base import INSTALLED_APPS, VAR_DIR, env

# The demo (its loader, fixed kriya-demo logins, banner and outbox) exists only where the
# demo runs: here and in the tests, never in production settings.
INSTALLED_APPS = INSTALLED_APPS + ["shop.demo.apps.DemoConfig"]

# Demo: a mistyped demo password locks for minutes, not a quarter of an hour, and
# `make run` (load_demo_catalogue) clears the demo logins' lockouts at every start.
AXES_COOLOFF_TIME = timedelta(minutes=env.float("AXES_COOLOFF_MINUTES", default=2))
# Everyone trying the demo on this machine comes from 127.0.0.1: locking the address would
# lock every demo login after one person's typos, so the demo locks per account only.
AXES_LOCKOUT_PARAMETERS = ["username"]

# Emails go to files under var/mail (one per connection), read at /dashboard/outbox/
# (linked from the `make run` banner), not printed whole into the console.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))

# runserver already writes one access line per request ("GET /x HTTP/1.1" 404): Django's
# own "Not Found"/"Forbidden" line would be a second one; server errors are still logged.
LOGGING["loggers"]["django.request"] = {"level": "ERROR"}  # noqa: F405 (from .base)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="galeri-kriya-local-development-key-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

# A fixed, public development Fernet key so the demo runs without setup; production
# settings refuse to start without a real one from the environment.
MARKETPLACE_CREDENTIALS_KEY = env("MARKETPLACE_CREDENTIALS_KEY", default="eeMsFs01eonjKUvjg7oY32YpqgSE190b10mmRPBYU_4=")

# --- Card payments: the local Stripe server when no keys are set -----------
# `make run` starts localstripe on 127.0.0.1:8420 (Procfile "stripe"), which
# accepts any sk_test_/pk_test_ key and serves a drop-in Stripe.js, so a new
# user can pay with the test card 4242 4242 4242 4242 and nothing leaves the
# machine. Set STRIPE_SECRET_KEY (and friends) to use real Stripe test mode.
if not env("STRIPE_SECRET_KEY", default=""):
    STRIPE_API_BASE = env("STRIPE_API_BASE", default="http://127.0.0.1:8420")
    STRIPE_JS_URL = env("STRIPE_JS_URL", default=f"{STRIPE_API_BASE}/js.stripe.com/v3/")
    STRIPE_SECRET_KEY = "sk_test_galerikriya_local"
    STRIPE_PUBLISHABLE_KEY = "pk_test_galerikriya_local"
    # The same default as shop.payments.localstripe_server.DEMO_WEBHOOK_SECRET.
    STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="whsec_galerikriya_local_demo")
    STRIPE_MAX_NETWORK_RETRIES = 0
# Everyone in the demo comes from 127.0.0.1, so the demo locks per account only (above);
# axes warns about exactly that choice on every command.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
