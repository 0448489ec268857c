"""Quick per-page timing of the storefront at a generated catalogue size.

Not the official benchmark (that is bench/storefront_bench.py): a helper to
see where a page's time goes while working on it. It builds N products once
into var/profile-N.sqlite3 (bulk_create, a handful of shared placeholder
images), then prints the median of R requests per page with the Django test
client, DEBUG off, and the queries per request.

    .venv/bin/python bench/profile_pages.py 1000
    .venv/bin/python bench/profile_pages.py 10000 --profile /en/catalogue/
"""
import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# PROFILE_CODE=/path/to/another/checkout times that code against the same database (before/after).
sys.path.insert(0, os.environ.get("PROFILE_CODE", str(ROOT)))


def setup(n):
    os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / f'profile-{n}.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(ROOT / "var" / "profile-media")
    # The test settings switch the storefront cache off; a page is timed as production serves it.
    os.environ["STOREFRONT_CACHE_URL"] = "locmemcache://storefront?MAX_ENTRIES=5000"
    import django

    django.setup()


def build(n):
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from oscar.core.loading import get_model
    from PIL import Image

    Product = get_model("catalogue", "Product")
    call_command("migrate", verbosity=0)
    if Product.objects.exists():
        return
    Region = get_model("catalogue", "Region")
    Category = get_model("catalogue", "Category")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductImage = get_model("catalogue", "ProductImage")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    rng = random.Random(10)
    regions = [Region.objects.create(name=f"Daerah {i}", slug=f"daerah-{i}") for i in range(30)]
    crafts = []
    for i in range(8):
        root = Category.add_root(name=f"Kriya {i}", slug=f"kriya-{i}")
        crafts.append(root)
        for j in range(3):
            crafts.append(root.add_child(name=f"Kriya {i}.{j}", slug=f"kriya-{i}-{j}"))
    artisans = [
        Partner.objects.create(name=f"Sanggar {i}", code=f"sanggar-{i}", slug=f"sanggar-{i}",
                               maker_name=f"Ibu {i}", region=regions[i % 30])
        for i in range(200)
    ]
    kind, _ = ProductClass.objects.get_or_create(slug="kriya", defaults={"name": "Kriya", "track_stock": True})
    states = [Product.APPROVED] * 19 + [Product.SUBMITTED]
    products = Product.objects.bulk_create(
        [
            Product(
                title=f"Batik Tulis Motif {i}", slug=f"batik-tulis-motif-{i}", upc=f"P{i:07d}",
                structure=Product.STANDALONE, product_class=kind, curation_state=(state := rng.choice(states)),
                is_public=state == Product.APPROVED, region=regions[i % 30], story="Dibatik selama tiga minggu.",
                is_one_of_a_kind=i % 7 == 0, weight_grams=500, length_cm=30, width_cm=20, height_cm=5,
            )
            for i in range(n)
        ],
        batch_size=500,
    )
    StockRecord.objects.bulk_create(
        [
            StockRecord(product=p, partner=artisans[i % 200], partner_sku=f"S{i}", price_currency="IDR",
                        price=Decimal(rng.randrange(50, 3000) * 1000), num_in_stock=rng.choice([0, 1, 5, 20]))
            for i, p in enumerate(products)
        ],
        batch_size=500,
    )
    Through = Product.categories.through
    Through.objects.bulk_create(
        [Through(product=p, category=crafts[i % len(crafts)]) for i, p in enumerate(products)], batch_size=1000
    )
    files = []
    for i in range(10):
        buf = io.BytesIO()
        Image.new("RGB", (600, 600), (20 * i, 90, 140)).save(buf, "JPEG")
        image = ProductImage(product=products[i], display_order=0)
        image.original.save(f"placeholder-{i}.jpg", ContentFile(buf.getvalue()), save=True)
        files.append(image.original.name)
    ProductImage.objects.bulk_create(
        [ProductImage(product=p, original=files[i % 10], display_order=0) for i, p in enumerate(products[10:], 10)],
        batch_size=1000,
    )


def pages():
    from django.urls import reverse
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    product = Product.objects.browsable().order_by("pk")[37]
    craft = Category.objects.get(slug="kriya-3")
    return {
        "home": "/",
        "all products": reverse("catalogue:index"),
        "craft category": craft.get_absolute_url(),
        "region": reverse("gallery:region", kwargs={"slug": "daerah-7"}),
        "artisan": reverse("gallery:artisan", kwargs={"slug": "sanggar-11"}),
        "product page": product.get_absolute_url(),
        "basket, 5 lines": reverse("basket:summary"),
    }


def measure(n, requests, profile_url):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    client = Client()
    buyable = Product.objects.browsable().filter(stockrecords__num_in_stock__gt=2).order_by("pk")[:5]
    for product in buyable:
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    if profile_url:
        for _ in range(3):
            client.get(profile_url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            client.get(profile_url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        with CaptureQueriesContext(connection) as ctx:
            client.get(profile_url)
        for q in ctx.captured_queries:
            print(q["time"], q["sql"][:400])
        return
    print(f"{n} products; median of {requests} requests, queries per request")
    for name, url in pages().items():
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        queries = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            client.get(url)
        times, cpu_times = [], []
        for _ in range(requests):
            start, cpu_start = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu_times.append((time.process_time() - cpu_start) * 1000)
        # CPU time too: on a busy machine the wall time mostly measures the other processes.
        print(f"  {name:16} {statistics.median(times):7.1f} ms wall {statistics.median(cpu_times):7.1f} ms CPU"
              f"  {len(queries):3d} queries  {url}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("products", type=int)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--profile", help="cProfile one URL instead of timing every page")
    args = parser.parse_args()
    setup(args.products)
    build(args.products)
    measure(args.products, args.requests, args.profile)
