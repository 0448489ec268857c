"""Storefront benchmark: our pages beside a stock Oscar project (Haystack + Whoosh), same catalogue.

Not a test (never collected by `make test`): it prints numbers beside a baseline.

    make bench                                                  # 1,000 and 10,000 products
    .venv/bin/python bench/storefront_bench.py --products 200   # a quick check (a few minutes)
    .venv/bin/python bench/storefront_bench.py --products 1000,10000 --requests 30 --warmup 3

For each catalogue size N it builds, by bulk_create, N approved products with one
distinct generated JPEG each, ~50 artisans (partners), 20 regions and a nested
craft-category tree (2-3 levels), in OUR project (its own SQLite file under
var/bench/storefront/, DEBUG off) and the SAME catalogue in a STOCK Oscar project of
the installed oscar package, generated into a temporary folder with the settings of
Oscar's sandbox (Haystack + Whoosh; index built with update_index before measuring).

Each project answers in its own process (a worker fed page names on stdin, timing
the Django test client and counting queries with connection.execute_wrapper); the
parent alternates the two request by request so machine noise hits both. Per page:
median and p95 latency over --requests requests after --warmup warm-ups, queries per
request, and products rendered (distinct product links in the HTML, plus the product
itself on its page: a fast page that lists nothing does not count). Then requests/s
with --concurrency clients for --seconds against gunicorn (the production WSGI
server) for home, category and product pages of each project.

The first run for each catalogue size is stored in bench/baseline.json and every later
run is printed beside it. Details and results: docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).with_name("baseline.json")
DEFAULT_RUN_DIR = ROOT / "var" / "bench" / "storefront"
PYTHON = sys.executable

# Pages in the order printed. Region and artisan pages exist only in our project.
PAGES = ["home", "all_products", "category", "region", "artisan", "search", "product", "basket"]
PAGE_LABELS = {
    "home": "home", "all_products": "all products", "category": "craft category", "region": "region",
    "artisan": "artisan", "search": 'search "tenun"', "product": "product page", "basket": "basket, 5 lines",
}
SEARCH_QUERY = "tenun"
BASKET_LINES = 5
# Targets of issue #10, checked at the largest size against stock in the same run.
TEN_X_PAGES = ["all_products", "category", "region", "search"]
TWO_X_PAGES = ["product", "artisan", "home", "basket"]
MAX_GROWTH = 1.3
# Stock Oscar has no region or artisan page. Both are a filtered product listing, so
# they are compared with stock's faster listing page of the same run (all products or
# category, whichever answered quicker): the stricter of the two possible references.
STOCK_LISTINGS = ["all_products", "category"]
LOAD_PAGES = ["home", "category", "product"]
PORTS = {"ours": 9201, "stock": 9202}  # this helper's range is 9200-9299

# A product detail URL (Oscar's catalogue:detail, "<slug>_<pk>/"), not a category's.
PRODUCT_LINK = re.compile(r'href="[^"]*/catalogue/(?!category/)[\w-]+_(\d+)/"')


# --- the catalogue, the same for both projects ------------------------------

REGIONS = [
    "Bangkalan", "Sampang", "Pamekasan", "Sumenep", "Lamongan", "Tuban", "Gresik", "Sidoarjo", "Mojokerto",
    "Jombang", "Kediri", "Blitar", "Tulungagung", "Trenggalek", "Ponorogo", "Pacitan", "Malang", "Banyuwangi",
    "Jember", "Probolinggo",
]
# (top-level craft, share of the catalogue, {sub-category: [third level, ...]})
CRAFTS = [
    ("Batik", 0.35, {"Batik Tulis": ["Gentongan", "Tanjung Bumi"], "Batik Cap": [], "Batik Kombinasi": []}),
    ("Tenun", 0.20, {"Tenun Ikat": ["Ikat Lungsi", "Ikat Pakan"], "Songket": []}),
    ("Anyaman", 0.15, {"Anyaman Bambu": ["Keranjang", "Tampah"], "Anyaman Pandan": []}),
    ("Gerabah", 0.10, {"Kendi": [], "Vas": []}),
    ("Bordir", 0.10, {"Kebaya Bordir": [], "Taplak Bordir": []}),
    ("Kayu", 0.10, {"Topeng": ["Topeng Malang"], "Ukiran": []}),
]
CATEGORY_PAGE_CRAFT = "Batik"  # the top-level category measured: the one with the most products
N_ARTISANS = 50


def category_tree():
    """[(name, parent name or None)] in creation order, and the leaves each craft's products go to."""
    nodes, leaves = [], {}
    for craft, _share, subs in CRAFTS:
        nodes.append((craft, None))
        leaves[craft] = []
        for sub, thirds in subs.items():
            nodes.append((sub, craft))
            if not thirds:
                leaves[craft].append(sub)
            for third in thirds:
                nodes.append((third, sub))
                leaves[craft].append(third)
    return nodes, leaves


def catalogue_spec(n_products: int) -> list[dict]:
    """N products, deterministic: the same titles, prices, regions, artisans and categories for both projects."""
    rng = random.Random(10)
    _nodes, leaves = category_tree()
    crafts = [craft for craft, _share, _subs in CRAFTS]
    weights = [share for _craft, share, _subs in CRAFTS]
    products = []
    for i in range(n_products):
        craft = rng.choices(crafts, weights)[0]
        leaf = rng.choice(leaves[craft])
        region = rng.randrange(len(REGIONS))
        artisan = rng.randrange(N_ARTISANS)
        title = f"{leaf} {REGIONS[region]} No. {i + 1}"
        if craft == "Tenun" and leaf not in ("Tenun Ikat",):
            title = f"Tenun {title}"  # every weaving says so in its title, as the gallery writes them
        one_of_a_kind = rng.random() < 0.05
        products.append({
            "i": i, "title": title, "upc": f"GKB{i:07d}", "craft": craft, "category": leaf, "region": region,
            "artisan": artisan, "price": 50_000 + rng.randrange(0, 400) * 5_000,
            "stock": 1 if one_of_a_kind else rng.randrange(2, 25), "one_of_a_kind": one_of_a_kind,
            "export_ready": rng.random() < 0.2,
            "story": f"{leaf} buatan {artisan_name(artisan)} dari {REGIONS[region]}, dikerjakan dengan tangan. "
                     f"Motif nomor {i + 1}, bahan pilihan perajin.",
            "story_en": f"{leaf} handmade by {artisan_name(artisan)} of {REGIONS[region]}. Pattern number {i + 1}.",
        })
    return products


def artisan_name(index: int) -> str:
    return f"Sanggar {REGIONS[index % len(REGIONS)]} {index + 1}"


def write_images(folder: Path, n_products: int) -> None:
    """One small distinct JPEG per product: its own colour and number (about 0.3 ms each)."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_products):
        path = folder / f"p{i:07d}.jpg"
        if path.exists():
            continue
        colour = ((i * 67) % 256, (i * 131) % 256, (i * 29 + 80) % 256)
        image = Image.new("RGB", (96, 96), colour)
        ImageDraw.Draw(image).text((8, 40), str(i + 1), fill=(255, 255, 255))
        image.save(path, format="JPEG", quality=80)


def image_name(i: int) -> str:
    return f"images/bench/p{i:07d}.jpg"


# --- the stock Oscar project (generated, never committed) -------------------

# Oscar 4.2's sandbox/settings.py, trimmed to what runs here. Differences, each
# so the stock project is measured at its best, not handicapped:
# DEBUG off (env), logging at WARNING (the sandbox logs DEBUG to the console),
# templates through the cached loader (what Django does with DEBUG off when no
# loaders are listed; the sandbox lists them uncached), SQLite waiting up to 20 s
# for a lock as ours does (default 5 s), no easy_thumbnails (not
# installed; Oscar's default thumbnailer is sorl, as here), no sitemap URLs.
STOCK_SETTINGS = '''\
import os
import environ

env = environ.Env()
location = lambda x: os.path.join(os.path.dirname(os.path.realpath(__file__)), x)

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "testserver"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["BENCH_DB"],
        "ATOMIC_REQUESTS": True,
        "OPTIONS": {"timeout": 20},
    }
}
CACHES = {"default": env.cache(default="locmemcache://")}
USE_TZ = True
TIME_ZONE = "Europe/London"
LANGUAGE_CODE = "en-gb"
gettext_noop = lambda s: s
LANGUAGES = (
    ("ar", gettext_noop("Arabic")), ("ca", gettext_noop("Catalan")), ("cs", gettext_noop("Czech")),
    ("da", gettext_noop("Danish")), ("de", gettext_noop("German")), ("en-gb", gettext_noop("British English")),
    ("el", gettext_noop("Greek")), ("es", gettext_noop("Spanish")), ("fi", gettext_noop("Finnish")),
    ("fr", gettext_noop("French")), ("it", gettext_noop("Italian")), ("ko", gettext_noop("Korean")),
    ("nl", gettext_noop("Dutch")), ("pl", gettext_noop("Polish")), ("pt", gettext_noop("Portuguese")),
    ("pt-br", gettext_noop("Brazilian Portuguese")), ("ro", gettext_noop("Romanian")),
    ("ru", gettext_noop("Russian")), ("sk", gettext_noop("Slovak")), ("uk", gettext_noop("Ukrainian")),
    ("zh-cn", gettext_noop("Simplified Chinese")),
)
SITE_ID = 1
USE_I18N = True
MEDIA_ROOT = os.environ["BENCH_MEDIA"]
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = os.environ["BENCH_STATIC"]
STATICFILES_DIRS = (location("static/"),)
STATICFILES_FINDERS = (
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SECRET_KEY = "stock-oscar-bench-UajFCuyjDKmWHe29neauXzHi9eZoRXr6RMbT5JyAdPiACBP6Cra2"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [location("templates")],
        "OPTIONS": {
            "loaders": [("django.template.loaders.cached.Loader", [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ])],
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.request",
                "django.template.context_processors.debug",
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
                "django.template.context_processors.static",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
            ],
            "debug": DEBUG,
        },
    }
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
]
ROOT_URLCONF = "urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"level": "WARNING", "class": "logging.StreamHandler"}},
    "root": {"level": "WARNING", "handlers": ["console"]},
}
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "oscar.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "oscar.apps.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "oscar.apps.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
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
    "sorl.thumbnail",
    "django_tables2",
    "django.contrib.sitemaps",
]
AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
LOGIN_REDIRECT_URL = "/"
APPEND_SLASH = True
from django.contrib.messages import constants as messages
MESSAGE_TAGS = {messages.ERROR: "danger"}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.RealtimeSignalProcessor"
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": os.environ["BENCH_WHOOSH"],
        "INCLUDE_SPELLING": True,
    },
}
from oscar.defaults import *
OSCAR_SHOP_TAGLINE = "Sandbox"
OSCAR_RECENTLY_VIEWED_PRODUCTS = 20
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_INITIAL_ORDER_STATUS = "Pending"
OSCAR_INITIAL_LINE_STATUS = "Pending"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending": ("Being processed", "Cancelled",),
    "Being processed": ("Complete", "Cancelled",),
    "Cancelled": (),
    "Complete": (),
}
OSCAR_ORDER_STATUS_CASCADE = {"Being processed": "Being processed", "Cancelled": "Cancelled", "Complete": "Shipped"}
THUMBNAIL_DEBUG = DEBUG
THUMBNAIL_KEY_PREFIX = "oscar-sandbox"
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_BROWSER_XSS_FILTER = True
'''

STOCK_URLS = '''\
import django
from django.apps import apps
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include(django.conf.urls.i18n)),
]
urlpatterns += i18n_patterns(path("", include(apps.get_app_config("oscar").urls[0])))
'''

STOCK_WSGI = '''\
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
application = get_wsgi_application()
'''


def write_stock_project(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "static").mkdir(exist_ok=True)
    (folder / "templates").mkdir(exist_ok=True)
    (folder / "settings.py").write_text(STOCK_SETTINGS)
    (folder / "urls.py").write_text(STOCK_URLS)
    (folder / "wsgi.py").write_text(STOCK_WSGI)


# --- environments of the child processes ---------------------------------------

def migrations_fingerprint(project: str) -> str:
    """Changes whenever a migration the project runs changes: a migrated template database is reused until then."""
    import hashlib
    from importlib import metadata

    digest = hashlib.sha1()
    for distribution in ("Django", "django-oscar", "django-haystack", "sorl-thumbnail"):
        digest.update(metadata.version(distribution).encode())
    if project == "ours":
        for path in sorted(ROOT.glob("**/migrations/*.py")):
            if ".venv" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:10]


class Project:
    """Where one project's files live for one catalogue size, and the environment its processes get."""

    def __init__(self, name: str, run_dir: Path, stock_dir: Path, size: int | None):
        self.name, self.run_dir, self.stock_dir, self.size = name, run_dir, stock_dir, size
        suffix = f"{size}" if size is not None else f"template-{migrations_fingerprint(name)}"
        self.db = run_dir / f"{name}-{suffix}.sqlite3"
        self.media = run_dir / f"media-{name}-{suffix}"
        self.whoosh = run_dir / f"whoosh-{suffix}"

    def env(self) -> dict:
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        env["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
        if self.name == "ours":
            env.update({
                "DJANGO_SETTINGS_MODULE": "shop.settings.local", "DJANGO_DEBUG": "false",
                "DATABASE_URL": f"sqlite:///{self.db}", "MEDIA_ROOT": str(self.media),
                "STATIC_ROOT": str(self.run_dir / "static-ours"),
                # The caches `make run` has: the storefront alias its own local memory
                # (5,000 entries). One shared 300-entry store (CACHE_URL alone) culls
                # cached fragments as sessions and thumbnails fill it.
                "CACHE_URL": "locmemcache://", "STOREFRONT_CACHE_URL": "locmemcache://storefront?MAX_ENTRIES=5000",
                # Stock changes enqueue Celery tasks after commit: send them nowhere.
                "CELERY_BROKER_URL": "memory://", "CELERY_RESULT_BACKEND": "cache+memory://",
                "PYTHONPATH": str(ROOT),
            })
        else:
            env.update({
                "DJANGO_SETTINGS_MODULE": "settings", "DEBUG": "false", "BENCH_DB": str(self.db),
                "BENCH_MEDIA": str(self.media), "BENCH_WHOOSH": str(self.whoosh), "CACHE_URL": "locmemcache://",
                "BENCH_STATIC": str(self.run_dir / "static-stock"),
                "PYTHONPATH": str(self.stock_dir),
            })
            for name in ("DATABASE_URL", "CELERY_BROKER_URL"):
                env.pop(name, None)
        return env

    def cwd(self) -> Path:
        return ROOT if self.name == "ours" else self.stock_dir

    def run(self, action: str, *extra: str) -> None:
        command = [PYTHON, str(Path(__file__).resolve()), "--worker", self.name, "--action", action, *extra]
        subprocess.run(command, env=self.env(), cwd=self.cwd(), check=True)


# --- worker side (runs inside one project's process) ----------------------------

def worker_main(args) -> None:
    import django

    django.setup()
    if args.action == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    elif args.action == "static":  # the sandbox's manifest storage needs collected files with DEBUG off
        from django.core.management import call_command

        call_command("collectstatic", verbosity=0, interactive=False)
    elif args.action == "build":
        build(args.worker, args.size, Path(args.images))
    elif args.action == "serve":
        serve(args.worker, args.size)


def build(project: str, size: int, images: Path) -> None:
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductImage = get_model("catalogue", "ProductImage")
    Category = get_model("catalogue", "Category")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    ours = project == "ours"

    started = time.perf_counter()
    media_images = Path(settings.MEDIA_ROOT) / "images"
    media_images.mkdir(parents=True, exist_ok=True)
    if not (media_images / "bench").exists():
        (media_images / "bench").symlink_to(images)
    spec = catalogue_spec(size)
    now = timezone.now()
    with transaction.atomic():
        product_class = ProductClass.objects.create(name="Kriya", slug="kriya", requires_shipping=True,
                                                    track_stock=True)
        categories = {}
        warnings.filterwarnings("ignore", message="Using Category.add_")  # treebeard 7's deprecation notice
        for name, parent in category_tree()[0]:
            kwargs = {"name": name, "slug": slugify(name)}
            if ours:
                kwargs["name_en"] = name
            categories[name] = (Category.add_root(**kwargs) if parent is None
                                else categories[parent].add_child(**kwargs))
        regions = partners = None
        if ours:
            Region = get_model("catalogue", "Region")
            regions = Region.objects.bulk_create([
                Region(name=name, slug=slugify(name), description=f"Kerajinan {name}.",
                       description_en=f"Crafts of {name}.") for name in REGIONS])
            partners = Partner.objects.bulk_create([
                Partner(name=artisan_name(i), code=f"sanggar-{i + 1}", slug=f"sanggar-{i + 1}",
                        maker_name=f"Ibu Perajin {i + 1}", region=regions[i % len(REGIONS)],
                        bio="Perajin binaan dewan kerajinan.", bio_en="An artisan of the craft council.")
                for i in range(N_ARTISANS)])
        else:
            partners = Partner.objects.bulk_create([
                Partner(name=artisan_name(i), code=f"sanggar-{i + 1}") for i in range(N_ARTISANS)])
        products = []
        for item in spec:
            fields = {"title": item["title"], "slug": slugify(item["title"]), "upc": item["upc"],
                      "structure": Product.STANDALONE, "product_class": product_class, "is_public": True,
                      "date_updated": now}
            if ours:
                fields.update(curation_state=Product.APPROVED, region=regions[item["region"]],
                              story=item["story"], story_en=item["story_en"], materials="Bahan alami pilihan",
                              technique="Buatan tangan", export_ready=item["export_ready"],
                              is_one_of_a_kind=item["one_of_a_kind"], weight_grams=500, length_cm=30,
                              width_cm=20, height_cm=5)
            else:
                fields["description"] = item["story"]
            products.append(Product(**fields))
        products = Product.objects.bulk_create(products, batch_size=1000)
        currency = settings.OSCAR_DEFAULT_CURRENCY
        StockRecord.objects.bulk_create([
            StockRecord(product=p, partner=partners[item["artisan"]], partner_sku=f"BENCH-{item['i']:07d}",
                        price_currency=currency, price=item["price"], num_in_stock=item["stock"], num_allocated=0)
            for p, item in zip(products, spec, strict=True)], batch_size=1000)
        ProductImage.objects.bulk_create([
            ProductImage(product=p, original=image_name(item["i"]), display_order=0)
            for p, item in zip(products, spec, strict=True)], batch_size=1000)
        ProductCategory.objects.bulk_create([
            ProductCategory(product=p, category=categories[item["category"]])
            for p, item in zip(products, spec, strict=True)], batch_size=1000)
    print(f"    {project}: {size} products built in {time.perf_counter() - started:.1f}s", flush=True)
    if ours:
        # bulk_create sends no signals: build our search index as a deployment would.
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("search_reindex", "--no-progress", verbosity=0)
        print(f"    ours: search index of {size} products built in {time.perf_counter() - started:.1f}s", flush=True)
    else:
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("update_index", "catalogue", verbosity=0)
        print(f"    stock: Whoosh index of {size} products built in {time.perf_counter() - started:.1f}s", flush=True)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def page_urls(project: str) -> tuple[dict, list, str]:
    """The URL of every page this project has, and the products that go into the basket."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    Partner = get_model("partner", "Partner")
    translation.activate(settings.LANGUAGE_CODE)
    products = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    middle = Product.objects.get(pk=products[len(products) // 2])
    basket = [products[(k + 1) * len(products) // (BASKET_LINES + 2)] for k in range(BASKET_LINES)]
    urls = {
        "home": "/" if project == "ours" else reverse("home"),
        "all_products": reverse("catalogue:index"),
        "category": Category.objects.get(depth=1, name=CATEGORY_PAGE_CRAFT).get_absolute_url(),
        "search": reverse("search:search") + f"?q={SEARCH_QUERY}",
        "product": middle.get_absolute_url(),
        "basket": reverse("basket:summary"),
    }
    if project == "ours":
        Region = get_model("catalogue", "Region")
        # The region and artisan with the most products: the longest listings.
        region = max(Region.objects.all(), key=lambda r: r.products.count())
        urls["region"] = region.get_absolute_url()
        artisan = max(Partner.objects.exclude(slug=None), key=lambda a: a.stockrecords.count())
        urls["artisan"] = artisan.get_absolute_url()
    return urls, [(pk, reverse("basket:add", kwargs={"pk": pk})) for pk in basket], middle.title


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def products_rendered(html: str, own_title: str | None = None) -> int:
    """Distinct products linked from the page, plus the page's own product when it is shown."""
    linked = set(PRODUCT_LINK.findall(html))
    return len(linked) + (1 if own_title and own_title in html else 0)


def serve(project: str, size: int) -> None:
    """Answer one JSON line per page name read from stdin (the first line lists the pages)."""
    from django.db import connection
    from django.test import Client

    urls, basket_adds, product_title = page_urls(project)
    browser = Client()
    buyer = Client()  # a session with 5 different products in its basket
    for _pk, add_url in basket_adds:
        response = buyer.post(add_url, {"quantity": 1})
        if response.status_code != 302:
            raise SystemExit(f"{project}: adding to the basket answered {response.status_code}")
    print(json.dumps({"urls": urls}), flush=True)
    for line in sys.stdin:
        page = line.strip()
        if not page:
            continue
        client = buyer if page == "basket" else browser
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            response = client.get(urls[page], follow=True)
            elapsed = time.perf_counter() - started
        html = response.content.decode("utf-8", "replace")
        print(json.dumps({
            "page": page, "ms": elapsed * 1000, "queries": counter.count, "status": response.status_code,
            "redirects": len(response.redirect_chain),
            "products": products_rendered(html, product_title if page == "product" else None),
        }), flush=True)


# --- parent side ----------------------------------------------------------------

class Worker:
    """A project's serve process, asked one page at a time."""

    def __init__(self, project: Project, log):
        command = [PYTHON, str(Path(__file__).resolve()), "--worker", project.name, "--action", "serve",
                   "--size", str(project.size)]
        self.name = project.name
        self.process = subprocess.Popen(command, env=project.env(), cwd=project.cwd(), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=log, text=True)
        self.urls = self._read()["urls"]

    def _read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the {self.name} worker stopped; see its log under the run directory")
        return json.loads(line)

    def get(self, page: str) -> dict:
        self.process.stdin.write(page + "\n")
        self.process.stdin.flush()
        answer = self._read()
        if answer["status"] != 200:
            raise SystemExit(f"{self.name} {page} ({self.urls[page]}) answered {answer['status']}")
        return answer

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def measure_latency(workers: dict, *, requests: int, warmup: int) -> dict:
    """Alternate the projects request by request (and which goes first), page after page."""
    samples = {name: {page: [] for page in w.urls} for name, w in workers.items()}
    for it in range(warmup + requests):
        for page in PAGES:
            order = ["ours", "stock"] if it % 2 == 0 else ["stock", "ours"]
            for name in [n for n in order if n in workers]:
                worker = workers[name]
                if page not in worker.urls:
                    continue
                answer = worker.get(page)
                if it >= warmup:
                    samples[name][page].append(answer)
        print(f"    round {it + 1}/{warmup + requests}" + (" (warm-up)" if it < warmup else ""),
              end="\r", flush=True)
    print()
    return {name: {page: summarise(rows) for page, rows in pages.items()} for name, pages in samples.items()}


def summarise(rows: list[dict]) -> dict:
    times = sorted(row["ms"] for row in rows)
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "queries": max(row["queries"] for row in rows),
        "queries_min": min(row["queries"] for row in rows),
        "products": min(row["products"] for row in rows),
        "redirects": max(row["redirects"] for row in rows),
        "n": len(rows),
    }


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * pct // 100))
    return sorted_values[int(rank) - 1]


def start_gunicorn(project: Project, log) -> subprocess.Popen:
    port = PORTS[project.name]
    app = "shop.wsgi:application" if project.name == "ours" else "wsgi:application"
    command = [str(Path(PYTHON).with_name("gunicorn")), app, "--bind", f"127.0.0.1:{port}",
               "--workers", str(os.cpu_count() or 2), "--log-level", "warning",
               # Stock's Whoosh pages at 10,000 products can take longer than gunicorn's default 30 s
               # under 8 clients: a killed worker would count as an error, not as a slow answer.
               "--timeout", "600"]
    process = subprocess.Popen(command, env=project.env(), cwd=project.cwd(), stdout=log, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon-missing", timeout=5)
        except urllib.error.HTTPError:
            return process  # answering (a 404 is an answer)
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn for {project.name} exited; see its log") from None
            time.sleep(0.3)
        else:
            return process
    raise SystemExit(f"gunicorn for {project.name} did not answer in 60 s")


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load(url: str, *, concurrency: int, seconds: float) -> dict:
    """Requests/s of `concurrency` clients each fetching `url` back to back for `seconds`."""
    done, errors, first_error = [0] * concurrency, [0] * concurrency, []
    stop_at = time.perf_counter() + seconds

    def client(k):
        while time.perf_counter() < stop_at:
            try:
                with urllib.request.urlopen(url, timeout=600) as response:
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, OSError) as exc:
                ok = False
                first_error.append(repr(exc))
            if ok:
                done[k] += 1
            else:
                errors[k] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started  # includes the requests still running at the deadline
    return {"rps": round(sum(done) / elapsed, 1), "requests": sum(done), "errors": sum(errors),
            "first_error": first_error[0] if first_error else None}


def warm(url: str, clients: int) -> None:
    """One request per gunicorn worker at once, so each has loaded templates and thumbnails before timing."""
    def fetch():
        try:
            urllib.request.urlopen(url, timeout=300).read()
        except (urllib.error.URLError, OSError):
            pass  # the load test that follows counts the errors

    threads = [threading.Thread(target=fetch) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def measure_throughput(projects: dict, urls: dict, *, concurrency: int, seconds: float, log) -> dict:
    """Each project under gunicorn in turn (never both at once: they would share the CPUs), page by page."""
    results = {}
    for name, project in projects.items():
        process = start_gunicorn(project, log)
        try:
            base = f"http://127.0.0.1:{PORTS[name]}"
            results[name] = {}
            for page in LOAD_PAGES:
                url = base + urls[name][page]
                warm(url, os.cpu_count() or 2)
                results[name][page] = load(url, concurrency=concurrency, seconds=seconds)
                row = results[name][page]
                print(f"    {name:<5} {PAGE_LABELS[page]:<16} {row['rps']:>7.1f} req/s "
                      f"({row['requests']} requests, {row['errors']} errors)"
                      + (f" first error: {row['first_error']}" if row["first_error"] else ""), flush=True)
        finally:
            stop_process(process)
    return results


def run_size(size: int, args, run_dir: Path, stock_dir: Path, log) -> dict:
    print(f"\n== {size:,} products ==", flush=True)
    images = run_dir / f"images-{size}"
    started = time.perf_counter()
    write_images(images, size)
    print(f"    {size} images ready in {time.perf_counter() - started:.1f}s", flush=True)
    projects = {name: Project(name, run_dir, stock_dir, size) for name in args.projects.split(",")}
    for name, project in projects.items():
        template = Project(name, run_dir, stock_dir, None)
        if not template.db.exists():
            started = time.perf_counter()
            template.run("migrate")
            print(f"    {name}: migrated in {time.perf_counter() - started:.1f}s", flush=True)
        if name == "stock" and not (run_dir / "static-stock" / "staticfiles.json").exists():
            template.run("static")
        for leftover in (project.db, project.media, project.whoosh):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            elif leftover.exists():
                leftover.unlink()
        shutil.copyfile(template.db, project.db)
        project.run("build", "--size", str(size), "--images", str(images))

    workers = {}
    try:
        for name, project in projects.items():
            workers[name] = Worker(project, log)
        for name, worker in workers.items():
            print(f"    {name} pages: " + ", ".join(f"{p} {u}" for p, u in worker.urls.items()), flush=True)
        latency = measure_latency(workers, requests=args.requests, warmup=args.warmup)
        urls = {name: worker.urls for name, worker in workers.items()}
    finally:
        for worker in workers.values():
            worker.stop()
    throughput = {}
    if args.seconds > 0:
        throughput = measure_throughput(projects, urls, concurrency=args.concurrency, seconds=args.seconds, log=log)
    if not args.keep:
        for project in projects.values():
            for path in (project.db, project.media, project.whoosh):
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
    return {"latency": latency, "throughput": throughput, "urls": urls}


# --- the table and the targets (pure functions: tests/unit/test_storefront_bench.py) ---

def stock_reference(stock: dict, page: str) -> tuple[dict | None, str]:
    """Stock's page to compare ours with, and its name (region and artisan: stock's faster listing)."""
    if page in stock:
        return stock[page], page
    if page in ("region", "artisan"):
        listings = [(stock[p]["median_ms"], p) for p in STOCK_LISTINGS if p in stock]
        if listings:
            _ms, name = min(listings)
            return stock[name], name
    return None, ""


def ratio(numerator, denominator):
    if numerator is None or denominator in (None, 0):
        return None
    return numerator / denominator


def fmt_ms(row: dict | None) -> str:
    if not row:
        return "—"
    return f"{row['median_ms']:,.0f} / {row['p95_ms']:,.0f}" if row["median_ms"] >= 10 else \
        f"{row['median_ms']:.1f} / {row['p95_ms']:.1f}"


def fmt_ratio(value) -> str:
    return "—" if value is None else f"{value:.2f}×" if value < 10 else f"{value:.1f}×"


def size_label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def table_rows(results: dict) -> list[list[str]]:
    """Rows of the side-by-side table: results = {size: {"latency": {project: {page: row}}}}."""
    sizes = sorted(results, key=int)
    small, big = sizes[0], sizes[-1]
    header = ["page"] + [f"ours {size_label(int(s))}" for s in sizes] + [f"stock {size_label(int(s))}" for s in sizes]
    header += [f"stock÷ours at {size_label(int(big))}", f"ours {size_label(int(big))}÷{size_label(int(small))}",
               "queries ours/stock", "products ours/stock"]
    rows = [header]
    for page in PAGES:
        ours_big = results[big]["latency"]["ours"].get(page)
        if ours_big is None:
            continue
        stock_big, reference = stock_reference(results[big]["latency"].get("stock", {}), page)
        row = [PAGE_LABELS[page]]
        row += [fmt_ms(results[s]["latency"]["ours"].get(page)) for s in sizes]
        for s in sizes:
            stock_row, ref = stock_reference(results[s]["latency"].get("stock", {}), page)
            row.append(fmt_ms(stock_row) if ref == page else f"({PAGE_LABELS[ref]}) {fmt_ms(stock_row)}"
                       if stock_row else "—")
        row.append(fmt_ratio(ratio(stock_big and stock_big["median_ms"], ours_big["median_ms"])))
        ours_small = results[small]["latency"]["ours"].get(page)
        row.append(fmt_ratio(ratio(ours_big["median_ms"], ours_small and ours_small["median_ms"]))
                   if small != big else "—")
        stock_queries = stock_big["queries"] if stock_big and reference == page else "—"
        stock_products = stock_big["products"] if stock_big and reference == page else "—"
        row.append(f"{ours_big['queries']} / {stock_queries}")
        row.append(f"{ours_big['products']} / {stock_products}")
        rows.append(row)
    return rows


def throughput_rows(results: dict) -> list[list[str]]:
    sizes = sorted(results, key=int)
    big = sizes[-1]
    header = ["page (req/s)"] + [f"ours {size_label(int(s))}" for s in sizes]
    header += [f"stock {size_label(int(s))}" for s in sizes] + [f"ours÷stock at {size_label(int(big))}"]
    rows = [header]
    for page in LOAD_PAGES:
        cells = {(p, s): results[s].get("throughput", {}).get(p, {}).get(page) for p in ("ours", "stock")
                 for s in sizes}
        if not any(cells.values()):
            continue
        row = [PAGE_LABELS[page]]
        for project in ("ours", "stock"):
            row += [fmt_rps(cells[project, s]) for s in sizes]
        ours_rps, stock_rps = cells["ours", big], cells["stock", big]
        row.append(fmt_ratio(ratio(ours_rps and ours_rps["rps"], stock_rps and stock_rps["rps"])))
        rows.append(row)
    return rows


def fmt_rps(cell: dict | None) -> str:
    if cell is None:
        return "—"
    return f"{cell['rps']:.1f}" + (f" ({cell['errors']} errors)" if cell.get("errors") else "")


def target_checks(results: dict) -> list[tuple[str, bool, str]]:
    """(target, met, detail) for every target of issue #10, at the largest size of the run."""
    sizes = sorted(results, key=int)
    small, big = sizes[0], sizes[-1]
    ours_big, stock_big = results[big]["latency"]["ours"], results[big]["latency"].get("stock", {})
    checks = []
    for pages, factor in ((TEN_X_PAGES, 10), (TWO_X_PAGES, 2)):
        for page in pages:
            if page not in ours_big:
                continue
            stock_row, reference = stock_reference(stock_big, page)
            speedup = ratio(stock_row and stock_row["median_ms"], ours_big[page]["median_ms"])
            lists_nothing = ours_big[page]["products"] == 0
            met = speedup is not None and speedup >= factor and not lists_nothing
            detail = f"{fmt_ratio(speedup)} (stock {PAGE_LABELS.get(reference, '—')})"
            if lists_nothing:
                detail += ", ours lists no product"
            if stock_row and stock_row["products"] == 0 and page not in ("basket",):
                detail += ", stock lists no product"
            checks.append((f"{PAGE_LABELS[page]} ≥ {factor}× stock at {size_label(int(big))}", met, detail))
    if small != big:
        ours_small = results[small]["latency"]["ours"]
        for page in PAGES:
            if page not in ours_big or page not in ours_small:
                continue
            growth = ratio(ours_big[page]["median_ms"], ours_small[page]["median_ms"])
            checks.append((f"{PAGE_LABELS[page]} at {size_label(int(big))} ≤ {MAX_GROWTH}× "
                           f"{size_label(int(small))}", growth is not None and growth <= MAX_GROWTH,
                           fmt_ratio(growth)))
            queries_small, queries_big = ours_small[page]["queries"], ours_big[page]["queries"]
            checks.append((f"{PAGE_LABELS[page]} queries independent of size", queries_big <= queries_small,
                           f"{queries_small} → {queries_big}"))
    return checks


def render_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("| " + " | ".join(cell.ljust(widths[k]) for k, cell in enumerate(row)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def render_checks(checks) -> str:
    return "\n".join(f"  [{'met' if met else 'NOT met'}] {target}: {detail}" for target, met, detail in checks)


def baseline_lines(results: dict, baseline: dict) -> list[str]:
    lines = [f"{'page, size':<32} {'ours now':>10} {'ours base':>10} {'stock now':>10} {'stock base':>10}"]
    for size in sorted(results, key=int):
        for page in PAGES:
            now = results[size]["latency"]
            then = baseline.get(str(size), {}).get("latency", {})
            if page not in now["ours"]:
                continue

            def cell(data, project, page=page):
                row = data.get(project, {}).get(page)
                return "—" if row is None else f"{row['median_ms']:.0f}"
            lines.append(f"{PAGE_LABELS[page] + ', ' + size_label(int(size)):<32} {cell(now, 'ours'):>10} "
                         f"{cell(then, 'ours'):>10} {cell(now, 'stock'):>10} {cell(then, 'stock'):>10}")
    return lines


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for distribution in ("Django", "django-oscar", "django-haystack", "Whoosh", "gunicorn"):
        try:
            versions[distribution] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            versions[distribution] = "missing"
    try:
        load_average = os.getloadavg()[0]
    except OSError:
        load_average = None
    return {"cpus": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "versions": versions, "load_average_at_start": load_average}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", default="1000,10000", help="catalogue sizes, comma-separated")
    parser.add_argument("--requests", type=int, default=30, help="measured requests per page and project")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured requests per page first")
    parser.add_argument("--concurrency", type=int, default=8, help="clients of the gunicorn load test")
    parser.add_argument("--seconds", type=float, default=10, help="load test length per page (0: skip it)")
    parser.add_argument("--run-dir", default=str(DEFAULT_RUN_DIR), help="databases, media, indexes, logs")
    parser.add_argument("--projects", default="ours,stock", choices=["ours,stock", "ours", "stock"],
                        help="measure one project alone (no ratio to the other)")
    parser.add_argument("--keep", action="store_true", help="keep each size's databases, media and index")
    parser.add_argument("--no-baseline-update", action="store_true", help="never write bench/baseline.json")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--report", nargs="+", metavar="JSON",
                        help="print the tables from results saved by --json or last-run.json (sizes merged)")
    # Internal: one project's process.
    parser.add_argument("--worker", choices=["ours", "stock"], help=argparse.SUPPRESS)
    parser.add_argument("--action", choices=["migrate", "static", "build", "serve"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--images", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def update_baselines(results: dict, record: dict, *, write: bool) -> None:
    """One baseline per catalogue size (medians compare whatever --requests): print beside it, or store it."""
    baselines = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    previous, stored = {}, []
    for size, size_results in results.items():
        key = f"storefront-sqlite-{size}p"
        if key in baselines:
            previous[size] = baselines[key]
        elif write:
            baselines[key] = {"recorded": record["recorded"], "machine": record["machine"],
                              "results": {size: size_results}}
            stored.append(key)
    if previous:
        recorded = ", ".join(f"{size_label(int(s))} {b['recorded']}" for s, b in sorted(previous.items()))
        print(f"\nBeside the baseline ({recorded}), medians in ms:")
        print("\n".join(baseline_lines(results, {s: b["results"][s] for s, b in previous.items()})))
    if stored:
        BASELINE.write_text(json.dumps(baselines, indent=2, sort_keys=True) + "\n")
        print(f"\nNo baseline yet for {', '.join(stored)}: this run is now the baseline "
              f"({BASELINE.relative_to(ROOT)}).")


def report(paths: list[str]) -> None:
    """The tables and targets of saved runs, e.g. 1,000 and 10,000 products measured in two runs."""
    results = {}
    for path in paths:
        data = json.loads(Path(path).read_text())
        results.update(data.get("results", data))
    print(render_table(table_rows(results)))
    if any(size.get("throughput") for size in results.values()):
        print()
        print(render_table(throughput_rows(results)))
    print("\nTargets (issue #10):")
    print(render_checks(target_checks(results)))


def main():
    args = parse_args()
    if args.worker:
        worker_main(args)
        return
    if args.report:
        report(args.report)
        return
    # A `kill` stops the run like Ctrl-C: the finally blocks stop gunicorn and the workers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))
    sizes = sorted({int(s) for s in args.products.split(",") if s.strip()})
    run_dir = Path(args.run_dir).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "static-ours").mkdir(exist_ok=True)  # whitenoise warns about a missing STATIC_ROOT
    stock_dir = Path(tempfile.mkdtemp(prefix="stock-oscar-"))
    write_stock_project(stock_dir)
    info = machine()
    started_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"Galeri Kriya storefront bench, {started_at}: sizes {sizes}, {args.requests} requests per page "
          f"after {args.warmup} warm-ups, load {args.concurrency} clients × {args.seconds:g}s\n"
          f"  {info['cpus']} CPUs ({info['cpu']}), Python {info['python']}, "
          + ", ".join(f"{k} {v}" for k, v in info["versions"].items())
          + f", load average {info['load_average_at_start']}\n  stock Oscar project: {stock_dir}", flush=True)
    results = {}
    with open(run_dir / "workers.log", "a") as log:
        try:
            for size in sizes:
                results[str(size)] = run_size(size, args, run_dir, stock_dir, log)
                # Kept as it goes, so a run stopped at 10,000 still leaves its 1,000 numbers.
                (run_dir / "last-run.json").write_text(json.dumps(results, indent=2) + "\n")
        finally:
            shutil.rmtree(stock_dir, ignore_errors=True)
    print("\nLatency, median / p95 ms (Django test client, DEBUG off, SQLite):\n")
    print(render_table(table_rows(results)))
    if args.seconds > 0:
        print(f"\nThroughput under gunicorn ({os.cpu_count()} sync workers), {args.concurrency} concurrent clients "
              f"for {args.seconds:g}s:\n")
        print(render_table(throughput_rows(results)))
    print("\nTargets (issue #10):")
    print(render_checks(target_checks(results)))

    info["load_average_at_end"] = os.getloadavg()[0]
    print(f"\nLoad average at the end: {info['load_average_at_end']:.1f} (at the start: "
          f"{info['load_average_at_start']:.1f}) on {info['cpus']} CPUs")
    record = {"recorded": started_at, "machine": info, "results": results}
    update_baselines(results, record, write=not args.no_baseline_update)
    if args.json:
        Path(args.json).write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()
