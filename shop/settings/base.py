"""Settings shared by every environment.

Everything that differs between a laptop, CI and production comes from the
environment (django-environ). With no environment at all the embedded defaults
run the whole shop on one machine: SQLite under ``var/``, media under
``var/media`` and a Celery broker on the filesystem that needs no server.
"""
from datetime import timedelta
from pathlib import Path

import environ
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F401,F403  (Oscar's settings defaults)

from shop.order import statuses as order_statuses  # plain values, no Django imports

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; absent on CI and in the demo

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
SITE_ID = 1

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file in the demo: wait
    # for a lock instead of failing at once, and take the write lock at the
    # start of each transaction so two writers cannot deadlock on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    # Our own apps come first so their templates and static win.
    "shop.gallery.apps.GalleryConfig",
    "shop.payments.apps.PaymentsConfig",
    "shop.accounts.apps.AccountsConfig",
    "marketplace_sync.apps.MarketplaceSyncConfig",
    # Oscar, with the apps we fork replaced by our AppConfigs.
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "shop.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    "django_celery_beat",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.context_processors.gallery_navigation",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = (
    # First: refuses every login attempt of a locked-out account or address (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# --- Login throttling (django-axes; README "Login throttling") ----------------
# Every login form (/accounts/login/, /dashboard/login/, /admin/login/) goes through
# authenticate(), which axes watches. After AXES_FAILURE_LIMIT failures for one account
# (what was typed as the username or email, any address) or from one address (any
# account), further attempts are refused, the right password too, until the cool-off
# has passed or an admin resets them (admin: Axes -> Access attempts; `manage.py axes_reset`).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.float("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Typos followed by a successful login do not count against the next session.
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "shop.accounts.throttle.login_username"
AXES_LOCKOUT_CALLABLE = "shop.accounts.throttle.lockout_response"  # gallery/lockout.html, 429
# Attempts are rows (Axes -> Access attempts in the admin); no row per successful login.
AXES_DISABLE_ACCESS_LOG = True
# Oscar's forms are prefixed: never keep their passwords in an attempt's POST data.
AXES_SENSITIVE_PARAMETERS = ["login-password", "registration-password1", "registration-password2"]

# --- Language, time, money -------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

OSCAR_DEFAULT_CURRENCY = "IDR"
# Babel would write "IDR 1,250,000.00" in English and "Rp1.250.000,00" in
# Indonesian. Rupiah has no usable sub-unit and the gallery shows one format in
# every language: "Rp 1.250.000" (Indonesian grouping, no decimals).
OSCAR_CURRENCY_FORMAT = {
    "IDR": {"format": "¤\u00a0#,##0", "locale": "id_ID", "currency_digits": False},
}

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Oscar ----------------------------------------------------------------
OSCAR_SHOP_NAME = "Galeri Kriya"
OSCAR_SHOP_TAGLINE = _("Curated crafts from East Java's small businesses")
OSCAR_HOMEPAGE = reverse_lazy("gallery:home")
OSCAR_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="galeri@kriya.example")
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "postcode", "country")
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# Only the statuses a craft order really goes through (shop/order/statuses.py).
OSCAR_INITIAL_ORDER_STATUS = order_statuses.NEW
OSCAR_INITIAL_LINE_STATUS = order_statuses.NEW
OSCAR_ORDER_STATUS_PIPELINE = order_statuses.ORDER_PIPELINE
OSCAR_LINE_STATUS_PIPELINE = order_statuses.LINE_PIPELINE
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)

# Browsing and the storefront search are ORM-backed views of our own (see
# docs/architecture.md); Haystack stays installed only because Oscar's search
# app imports it, and never answers a storefront request.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"},
}

THUMBNAIL_DEBUG = False
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # The storefront's catalogue-wide summaries (shop/gallery/summaries.py),
    # invalidated by a version row in the database, so a per-process cache is
    # as correct as a shared one.
    "storefront": env.cache(
        "STOREFRONT_CACHE_URL", default=env("CACHE_URL", default="locmemcache://storefront?MAX_ENTRIES=5000")
    ),
}

# --- Celery ---------------------------------------------------------------
# No broker server is needed by default: kombu's filesystem transport keeps
# messages as files under var/celery. Set CELERY_BROKER_URL=redis://... in
# production; results then go to the same Redis unless told otherwise.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
_celery_dir = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "results", "control"):
        (_celery_dir / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_celery_dir / "control"),
    }
    _default_results = f"file://{_celery_dir / 'results'}"
else:
    _default_results = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=_default_results)
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# One format in every process (web, worker, beat, simulators): Jakarta time with its
# offset, one line per 4xx without a traceback (shop/log.py). Celery uses it too
# (shop/celery.py, setup_logging).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"()": "shop.log.JakartaFormatter",
                             "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"client_errors_one_line": {"()": "shop.log.ClientErrorsOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["client_errors_one_line"]}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "stripe": {"level": "WARNING"},  # its INFO line per request floods the output
        "oscar.alerts": {"level": "WARNING"},  # two INFO lines per stock record saved
        "axes": {"level": "WARNING"},  # failures and lockouts; not its INFO line per attempt
        # runserver's access lines in the same format (Django gives them their own otherwise).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Marketplace sync (marketplace_sync; see docs/marketplace_sync.md) ----------
# Fernet key encrypting marketplace credentials and tokens at rest. Local and test
# settings derive a fixed development key; production requires a real one.
MARKETPLACE_CREDENTIALS_KEY = env("MARKETPLACE_CREDENTIALS_KEY", default="")
# Seconds for (connect, read) on every marketplace HTTP call; retries on
# connection errors, timeouts, 429 and 5xx with exponential backoff.
MARKETPLACE_HTTP_TIMEOUT = (env.float("MARKETPLACE_HTTP_CONNECT_TIMEOUT", default=5.0),
                            env.float("MARKETPLACE_HTTP_READ_TIMEOUT", default=30.0))
MARKETPLACE_HTTP_MAX_RETRIES = env.int("MARKETPLACE_HTTP_MAX_RETRIES", default=4)
MARKETPLACE_HTTP_BACKOFF = env.float("MARKETPLACE_HTTP_BACKOFF", default=0.5)
# Order pulls re-read this much before the stored cursor, so late-indexed orders are not missed.
MARKETPLACE_ORDER_PULL_OVERLAP = env.int("MARKETPLACE_ORDER_PULL_OVERLAP_SECONDS", default=600)
# First pull of a new channel looks back this many days.
MARKETPLACE_ORDER_PULL_INITIAL_DAYS = env.int("MARKETPLACE_ORDER_PULL_INITIAL_DAYS", default=15)
# Tokens expiring within this many seconds are refreshed by the periodic task.
MARKETPLACE_TOKEN_REFRESH_MARGIN = env.int("MARKETPLACE_TOKEN_REFRESH_MARGIN_SECONDS", default=3600)
# Sync runs (one per step per channel, one per stock change) and processed
# webhook events older than this are deleted daily; each step's latest run stays.
MARKETPLACE_RECORD_RETENTION_DAYS = env.int("MARKETPLACE_RECORD_RETENTION_DAYS", default=30)
# Where campaign promotions come from, resolved only when the task runs (marketplace_sync never
# imports the campaigns app): a function campaign_pk -> [(channel, key, name, starts_at, ends_at,
# [PromotionItem], should_end)] (marketplace_sync/services/promotions.py).
MARKETPLACE_PROMOTION_SOURCE = "shop.campaigns.services.marketplace_promotions"
# Operator pages (marketplace_sync/dashboard/): a "Marketplace" menu in Oscar's dashboard.
# Who sees these entries: shop/dashboard/nav.py (Oscar's rule knows only its own apps' URLs).
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405 (from oscar.defaults)
    {
        "label": _("Marketplace"),
        "icon": "fas fa-store",
        "children": [
            {"label": _("Channels"), "url_name": "marketplace_dashboard:channel-list"},
            {"label": _("Sync runs"), "url_name": "marketplace_dashboard:run-list"},
            {"label": _("Listings"), "url_name": "marketplace_dashboard:listing-list"},
            {"label": _("Orders to review"), "url_name": "marketplace_dashboard:review-list"},
        ],
    },
]

# --- Card payments (Stripe) -------------------------------------------------
# See docs/payments.md. With no keys, shop/settings/local.py points these at
# the local Stripe server (localstripe) that `make run` starts.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
# "automatic" charges at once; "manual" only authorizes (holds ~7 days).
STRIPE_CAPTURE_METHOD = env("STRIPE_CAPTURE_METHOD", default="automatic")
# Retries reuse our idempotency keys on real Stripe; localstripe ignores
# them, so a retried POST there would create a duplicate: 0 for it.
STRIPE_MAX_NETWORK_RETRIES = env.int("STRIPE_MAX_NETWORK_RETRIES", default=2)

# --- curation: review queue, decisions, revisions of live products (shop/curation) ---
INSTALLED_APPS += ["shop.curation.apps.CurationConfig"]  # noqa: F405
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405
    {
        "label": _("Curation"),
        "icon": "fas fa-award",
        # Oscar's default access_fn reads shop.curation's permissions_map:
        # curators holding curation.decide_product (and superusers) see it.
        "url_name": "dashboard:curation-queue",
    },
]

# --- certs: certifications that act (shop/certifications; see docs/certifications.md) ---
INSTALLED_APPS += ["shop.certifications.apps.CertificationsConfig"]
# Scans of certificates are private: kept outside MEDIA_ROOT, served only by a
# permission-checked dashboard view.
CERTIFICATION_SCAN_ROOT = env.path("CERTIFICATION_SCAN_ROOT", default=str(VAR_DIR / "private"))
CERTIFICATION_SCAN_MAX_BYTES = env.int("CERTIFICATION_SCAN_MAX_BYTES", default=5 * 1024 * 1024)
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405 (from oscar.defaults)
    {
        "label": _("Certifications"),
        "icon": "fas fa-certificate",
        "children": [
            {"label": _("Product certifications"), "url_name": "dashboard:certifications-list"},
            {"label": _("Review and expiry"), "url_name": "dashboard:certifications-review"},
            {"label": _("Requirements per craft"), "url_name": "dashboard:certifications-requirements"},
        ],
    },
]

# --- artisan: the artisan's workplace in the dashboard (overview, landing, profile) ---
# After login without ``next``, each role lands on its own start page
# (shop/accounts/landing.py landing_url_for); artisans on their overview.
LOGIN_REDIRECT_URL = reverse_lazy("accounts-landing")
# Oscar's menu rule, minus pages that are not for artisans (shop/dashboard/nav.py).
OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION = "shop.dashboard.nav.access_fn"
OSCAR_DASHBOARD_NAVIGATION.insert(1, {  # noqa: F405 (from oscar.defaults)
    "label": _("My business"),
    "icon": "fas fa-user-circle",
    "url_name": "dashboard:artisan-profile",
})

# --- shipments: Indonesian addresses, recording shipments, tracking links -----------
# Every address is Indonesian (shop/address/forms.py asks and validates the rest).
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "phone_number", "state", "line1", "line3", "line4", "postcode")
# Courier code -> tracking page pattern ({number} replaced), overriding or adding to
# shop/order/couriers.py, e.g. '{"jne": "https://.../{number}"}'.
SHIPMENT_TRACKING_URLS = env.json("SHIPMENT_TRACKING_URLS", default={})

# --- rates: product weights, parcels per artisan, courier rate providers (shop/shipping) ---
# Oscar's shipping app is forked: our Repository prices each artisan's parcel.
INSTALLED_APPS[INSTALLED_APPS.index("oscar.apps.shipping.apps.ShippingConfig")] = "shop.shipping.apps.ShippingConfig"
# Where courier rates come from: "table" (our own tables, editable in the admin)
# or "biteship" (Biteship's rates API). Any other provider failing falls back to the table.
SHIPPING_RATE_PROVIDER = env("SHIPPING_RATE_PROVIDER", default="table")
# Seconds a live provider may take before checkout falls back to the table.
SHIPPING_RATE_TIMEOUT = env.float("SHIPPING_RATE_TIMEOUT", default=4.0)
BITESHIP_API_BASE = env("BITESHIP_API_BASE", default="https://api.biteship.com")
BITESHIP_API_KEY = env("BITESHIP_API_KEY", default="")
# Biteship courier codes asked for, comma-separated, as its rates API takes them.
BITESHIP_COURIERS = env("BITESHIP_COURIERS", default="jne,jnt,sicepat,pos")
# Quotes shown at the shipping step are deleted after this many days (orders keep their own copy).
SHIPPING_QUOTE_RETENTION_DAYS = env.int("SHIPPING_QUOTE_RETENTION_DAYS", default=7)
# Couriers' volumetric divisor: L x W x H (cm) / 6000 = kg.
SHIPPING_VOLUMETRIC_DIVISOR = 6000
# The rate tables are edited in the Django admin; the dashboard's Fulfilment menu links there
# for staff allowed to change them (superusers; the Kurator role has no shipping permissions;
# shop/dashboard/nav.py decides who sees the link).

for _section in OSCAR_DASHBOARD_NAVIGATION:  # noqa: F405
    # Oscar's Fulfilment menu: the one holding its partner list (labels are lazy, not comparable yet).
    if any(child.get("url_name") == "dashboard:partner-list" for child in _section.get("children", [])):
        _section["children"] = _section["children"] + [
            {"label": _("Courier rates"), "url_name": "admin:shipping_tablerate_changelist"},
        ]

# --- import: catalogue import and export for admins and curators (shop/catalogue_io) ---
# django-import-export's resource and tablib's CSV/XLSX readers and writers; see docs/catalogue_import.md.
INSTALLED_APPS += ["import_export", "shop.catalogue_io.apps.CatalogueIOConfig"]
# Uploaded files hold unpublished prices and stories: kept outside MEDIA_ROOT.
CATALOGUE_IMPORT_ROOT = env.path("CATALOGUE_IMPORT_ROOT", default=str(VAR_DIR / "private" / "imports"))
# Images named by URL in a file: fetched with this timeout (connect, read) and up to this size.
CATALOGUE_IMPORT_IMAGE_TIMEOUT = (5, 20)
CATALOGUE_IMPORT_IMAGE_MAX_BYTES = env.int("CATALOGUE_IMPORT_IMAGE_MAX_BYTES", default=5 * 1024 * 1024)
# The largest file and images zip an upload may be.
CATALOGUE_IMPORT_MAX_UPLOAD_BYTES = env.int("CATALOGUE_IMPORT_MAX_UPLOAD_BYTES", default=200 * 1024 * 1024)
for _section in OSCAR_DASHBOARD_NAVIGATION:  # noqa: F405
    # Oscar's Catalogue menu: the one holding its product list.
    if any(child.get("url_name") == "dashboard:catalogue-product-list" for child in _section.get("children", [])):
        _section["children"] = _section["children"] + [
            {"label": _("Import products"), "url_name": "dashboard:catalogue-import"},
            {"label": _("Export catalogue"), "url_name": "dashboard:catalogue-export"},
        ]

# --- search: ranked storefront search with facets (shop/search; docs/search.md) ---
# Dotted path of the search backend class. Empty: chosen by the database,
# SQLite FTS5 ("shop.search.backends.sqlite_fts.Backend") on SQLite and
# PostgreSQL full-text search ("shop.search.backends.postgres.Backend") on PostgreSQL.
GALERI_SEARCH_BACKEND = env("GALERI_SEARCH_BACKEND", default="")
# --- campaigns: campaigns across channels, offer prices on the storefront (shop/campaigns) ---
INSTALLED_APPS += ["shop.campaigns.apps.CampaignsConfig"]
# Oscar's offers dashboard is forked only so a new offer starts now (shop/dashboard/offers/forms.py).
INSTALLED_APPS[INSTALLED_APPS.index("oscar.apps.dashboard.offers.apps.OffersDashboardConfig")] = (
    "shop.dashboard.offers.apps.OffersDashboardConfig"
)
for _section in OSCAR_DASHBOARD_NAVIGATION:  # noqa: F405
    # Campaigns sit in Oscar's Offers menu, beside the offers, ranges and vouchers they use.
    if any(child.get("url_name") == "dashboard:offer-list" for child in _section.get("children", [])):
        _section["children"] = [
            {"label": _("Campaigns"), "url_name": "dashboard:campaign-list"},
        ] + _section["children"]
