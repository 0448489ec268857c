"""Marketplace sync benchmark: push and pull against an in-process marketplace simulator.

    --marketplace shopee (default) | tiktok | lazada    (each has its own baseline key)

Not a test (never collected by `make test`): it prints numbers beside a baseline.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench .venv/bin/python bench/sync_bench.py
    .venv/bin/python bench/sync_bench.py --products 1000 --orders 200        # SQLite file /tmp/gk_bench.sqlite3
    ... bench/sync_bench.py --marketplace lazada                                 # Shopee by default

The database named by DATABASE_URL is DROPPED and recreated (its name must
contain "bench"). Phases: full first push of the catalogue, a no-change push,
a no-change push with --full (fingerprints every product), a push after 1% of
the products changed, and pulling N simulated orders. For each: wall time,
simulator API calls (all and writes) per listing or order, and database
queries per listing or order (counted by a connection execute_wrapper:
CaptureQueriesContext keeps only the last 9,000 queries, too few here).

The first run for a (database, catalogue size, orders) combination is stored in
bench/baseline.json and every later run is printed beside it.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASELINE = Path(__file__).with_name("baseline.json")

PARTNER_ID, PARTNER_KEY, SHOP_ID = 2001887, "bench-partner-key", 14701711
OPTIONS = {
    "category_id": 100001, "logistic_ids": [8003],
    "attribute_list": [{"attribute_id": 100134,
                        "attribute_value_list": [{"value_id": 0, "original_value_name": "Katun"}]}],
}


def start_shopee(sim_args):
    """The Shopee simulator, a channel on it, and a buyer placing one order of one listing."""
    from marketplace_sync.services.channels import channel_create
    from marketplace_sync.simulators.shopee import ShopeeSimulator

    sim = ShopeeSimulator(partner_id=PARTNER_ID, partner_key=PARTNER_KEY)
    sim.start(host="127.0.0.1", port=0)
    tokens = sim.add_shop(SHOP_ID)
    channel = channel_create(
        kind="shopee", code="shopee-bench", api_base_url=sim.base_url, options=OPTIONS, markup_percent=10,
        price_rounding=1000,
        credentials={"partner_id": PARTNER_ID, "partner_key": PARTNER_KEY, "shop_id": SHOP_ID,
                     "access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"]})

    def buy(listing, rng):
        sim.create_order(SHOP_ID, [{"item_id": int(listing.remote_item_id), "quantity": 1}])

    return sim, channel, buy


def start_tiktok(sim_args):
    """The TikTok Shop simulator and a channel added with only the documented flags (no options)."""
    from marketplace_sync.services.channels import channel_create
    from marketplace_sync.simulators.tiktok import TikTokShopSimulator

    sim = TikTokShopSimulator(app_key="benchappkey", app_secret="bench-app-secret")
    sim.start(host="127.0.0.1", port=0)
    shop = sim.add_shop()
    channel = channel_create(
        kind="tiktok", code="tiktok-bench", api_base_url=sim.base_url, markup_percent=10, price_rounding=1000,
        credentials={"app_key": "benchappkey", "app_secret": "bench-app-secret", "auth_base": sim.base_url,
                     "access_token": shop["access_token"], "refresh_token": shop["refresh_token"],
                     "shop_cipher": shop["cipher"]})

    def buy(listing, rng):
        sim.create_order(shop["cipher"], [{"sku_id": listing.remote_model_id, "quantity": 1}])

    return sim, channel, buy


def start_lazada(sim_args):
    sim, channel, buy = lazada_market()

    def buy_one(listing, rng):
        if not buy(listing):
            raise ValueError("sold out on the simulator")

    return sim, channel, buy_one


MARKETPLACES = {"shopee": start_shopee, "tiktok": start_tiktok, "lazada": start_lazada}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--marketplace", choices=sorted(MARKETPLACES), default="shopee")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--orders", type=int, default=2_000)
    parser.add_argument("--changed-percent", type=float, default=1.0)
    parser.add_argument("--keep-nagle", action="store_true",
                        help="leave the simulator's sockets as they are (adds ~40 ms delayed-ACK wait per call)")
    parser.add_argument("--no-baseline-update", action="store_true", help="never write bench/baseline.json")
    return parser.parse_args()


def prepare_environment():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.local")
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/gk_bench.sqlite3")
    # Stock changes enqueue Celery tasks after commit: send them nowhere, so the
    # bench measures the sync itself and never fills the demo's queue.
    os.environ["CELERY_BROKER_URL"] = "memory://"
    os.environ["CELERY_RESULT_BACKEND"] = "cache+memory://"
    os.environ.setdefault("MEDIA_ROOT", "/tmp/gk_bench_media")


def recreate_database():
    import environ

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    name = config["NAME"]
    if "bench" not in Path(str(name)).name:
        sys.exit(f"refusing to drop {name!r}: the bench database name must contain 'bench'")
    if config["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    conninfo = dict(host=config.get("HOST") or "127.0.0.1", port=config.get("PORT") or 5432,
                    user=config.get("USER") or "postgres", password=config.get("PASSWORD") or None,
                    dbname="postgres", autocommit=True)
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        template = os.environ.get("BENCH_TEMPLATE_DB")
        if template:
            # A migrated, empty bench database copied in seconds: migrate then has nothing to do.
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            conn.execute(f'CREATE DATABASE "{name}"')


def build_catalogue(n_products: int):
    """n approved products with one stock record and one image each, by bulk_create (no signals)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone
    from oscar.core.loading import get_model
    from PIL import Image

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductImage = get_model("catalogue", "ProductImage")
    Region = get_model("catalogue", "Region")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (150, 80, 40)).save(buffer, format="JPEG")
    image_name = default_storage.save("bench/batik.jpg", ContentFile(buffer.getvalue()))

    product_class = ProductClass.objects.create(name="Kriya", slug="kriya", requires_shipping=True, track_stock=True)
    regions = Region.objects.bulk_create([Region(name=f"Kabupaten {i}", slug=f"kab-{i}") for i in range(10)])
    partners = Partner.objects.bulk_create([
        Partner(name=f"Sanggar {i}", code=f"sanggar-{i}", slug=f"sanggar-{i}", maker_name=f"Ibu {i}",
                region=regions[i % 10]) for i in range(50)])
    now = timezone.now()
    products = Product.objects.bulk_create([
        Product(title=f"Batik Tulis Motif {i}", slug=f"batik-tulis-{i}", upc=f"BENCH{i:06d}",
                structure=Product.STANDALONE, product_class=product_class, curation_state=Product.APPROVED,
                is_public=True, region=regions[i % 10], materials="Katun primisima", technique="Batik tulis",
                story=f"Dibatik dengan canting, motif nomor {i}.", date_updated=now,
                # Every marketplace needs the packed weight and package size (no listing without them).
                weight_grams=500, length_cm=30, width_cm=20, height_cm=5)
        for i in range(n_products)], batch_size=1000)
    StockRecord.objects.bulk_create([
        StockRecord(product=p, partner=partners[i % 50], partner_sku=f"BENCH-{i:06d}", price_currency="IDR",
                    price=Decimal(150_000 + (i % 40) * 12_500), num_in_stock=5, num_allocated=0)
        for i, p in enumerate(products)], batch_size=1000)
    ProductImage.objects.bulk_create([ProductImage(product=p, original=image_name, display_order=0)
                                      for p in products], batch_size=1000)
    return products


def lazada_market():
    """The Lazada simulator, a channel with only the documented flags, and a buyer."""
    from marketplace_sync.services.channels import channel_create
    from marketplace_sync.simulators.lazada import LazadaSimulator, SimulatorError

    sim = LazadaSimulator(app_key="100101", app_secret="bench-lazada-secret")
    sim.start(host="127.0.0.1", port=0)
    tokens = sim.add_seller("1001")
    channel = channel_create(
        kind="lazada", code="lazada-bench", api_base_url=sim.api_url, markup_percent=10, price_rounding=1000,
        credentials={"app_key": "100101", "app_secret": "bench-lazada-secret", "auth_base": sim.api_url,
                     "access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"]})

    def buy(listing):
        try:
            sim.create_order([{"seller_sku": listing.remote_sku, "quantity": 1}])
        except SimulatorError:
            return False
        return True

    return sim, channel, buy


class QueryCounter:
    """Counts every query on the connection (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(label, sim, fn, per, per_label):
    from django.db import connection

    sim.reset_calls()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
    queries = counter.count
    calls, writes = sim.count_calls(), sim.count_calls(write_only=True)
    row = {
        "wall_s": round(seconds, 2), "api_calls": calls, "api_writes": writes, "db_queries": queries,
        f"api_calls_per_{per_label}": round(calls / per, 3) if per else None,
        f"db_queries_per_{per_label}": round(queries / per, 2) if per else None,
        "result": f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
                  f"failed {result.failed}" + (" CHANNEL FAILED" if result.channel_failed else ""),
    }
    print(f"  {label:<28} {row['wall_s']:>8.2f}s  calls {calls:>6} (writes {writes:>6})  queries {queries:>7}"
          f"  [{row['result']}]", flush=True)
    return row


def main():
    args = parse_args()
    prepare_environment()
    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from oscar.core.loading import get_model

    from marketplace_sync.services.listings import listings_push
    from marketplace_sync.services.orders import orders_pull

    Product = get_model("catalogue", "Product")
    Listing = get_model("marketplace_sync", "Listing")

    vendor_db = f"{connection.vendor}"
    print(
        f"Galeri Kriya sync bench ({args.marketplace}): {args.products} products, {args.orders} orders, "
        f"DB {vendor_db}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs",
        flush=True,
    )
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrated in {time.perf_counter() - t0:.1f}s", flush=True)
    t0 = time.perf_counter()
    products = build_catalogue(args.products)
    print(f"  catalogue of {len(products)} products built in {time.perf_counter() - t0:.1f}s", flush=True)

    sim, channel, buy = MARKETPLACES[args.marketplace](args)
    if not args.keep_nagle:
        # The simulator writes headers and body in two segments; with Nagle on its
        # socket each response then waits for the client's delayed ACK (~40 ms),
        # which would dominate every number. Real marketplaces are not measured here.
        sim._server.RequestHandlerClass.disable_nagle_algorithm = True
    n = len(products)
    changed = max(1, int(n * args.changed_percent / 100))
    rows = {}
    try:
        rows["first_push"] = measure("full first push", sim, lambda: listings_push(channel=channel), n, "listing")
        rows["nochange_push"] = measure("no-change push", sim, lambda: listings_push(channel=channel), n, "listing")
        rows["nochange_push_full"] = measure("no-change push --full", sim,
                                             lambda: listings_push(channel=channel, full=True), n, "listing")
        ids = random.Random(4).sample([p.pk for p in products], changed)
        # A curator edits titles (queryset update: no signal, date_updated set by hand like save() would).
        for pk in ids:
            Product.objects.filter(pk=pk).update(title=f"Batik Tulis Motif Baru {pk}", date_updated=timezone.now())
        rows["changed_push"] = measure(f"{args.changed_percent:g}% changed push ({changed})", sim,
                                       lambda: listings_push(channel=channel), changed, "listing")

        listings = list(Listing.objects.exclude(remote_item_id=""))
        rng = random.Random(7)
        placed = 0
        while placed < args.orders:
            try:
                buy(rng.choice(listings), rng)
            except ValueError:  # SimulatorError: that item sold out there: another buyer, another item
                continue
            placed += 1
        rows["pull_orders"] = measure(f"pull {args.orders} orders", sim, lambda: orders_pull(channel=channel),
                                      args.orders, "order")
    finally:
        sim.stop()

    key = f"{vendor_db}-{args.products}p-{args.orders}o" + ("-nagle" if args.keep_nagle else "")
    if args.marketplace != "shopee":  # Shopee keeps the keys it had before there were others
        key = f"{args.marketplace}-{key}"
    baselines = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    baseline = baselines.get(key)
    print_table(rows, baseline and baseline["rows"], n=n, changed=changed)
    if baseline is None and not args.no_baseline_update:
        baselines[key] = {"recorded": timezone.now().isoformat(timespec="seconds"), "machine": machine(),
                          "rows": rows}
        BASELINE.write_text(json.dumps(baselines, indent=2, sort_keys=True) + "\n")
        print(f"\nNo baseline for {key} yet: this run is now the baseline ({BASELINE.relative_to(ROOT)}).")
    verdicts(rows, n=n, changed=changed)


METRICS = [
    ("first_push", "wall_s", "full push: wall s"),
    ("first_push", "api_calls_per_listing", "full push: API calls / listing"),
    ("first_push", "db_queries_per_listing", "full push: DB queries / listing"),
    ("nochange_push", "wall_s", "no-change push: wall s"),
    ("nochange_push", "api_writes", "no-change push: API write calls"),
    ("nochange_push", "api_calls", "no-change push: API calls"),
    ("nochange_push", "db_queries", "no-change push: DB queries (total)"),
    ("nochange_push_full", "wall_s", "no-change --full push: wall s"),
    ("nochange_push_full", "api_writes", "no-change --full: API write calls"),
    ("nochange_push_full", "db_queries_per_listing", "no-change --full: DB queries / listing"),
    ("changed_push", "wall_s", "1% changed push: wall s"),
    ("changed_push", "api_calls_per_listing", "1% changed: API calls / changed"),
    ("changed_push", "db_queries_per_listing", "1% changed: DB queries / changed"),
    ("pull_orders", "wall_s", "pull orders: wall s"),
    ("pull_orders", "api_calls_per_order", "pull: API calls / order"),
    ("pull_orders", "db_queries_per_order", "pull: DB queries / order"),
]


def print_table(rows, baseline, *, n, changed):
    print(f"\n{'metric':<40} {'this run':>12} {'baseline':>12}")
    for phase, field, label in METRICS:
        now = rows.get(phase, {}).get(field)
        then = (baseline or {}).get(phase, {}).get(field)
        print(f"{label:<40} {fmt(now):>12} {fmt(then):>12}")


def fmt(value):
    return (
        "-" if value is None else (f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value))
    )


def verdicts(rows, *, n, changed):
    nochange, changed_row = rows["nochange_push"], rows["changed_push"]
    print()
    print(f"no-change push made {nochange['api_writes']} write calls "
          f"({'OK' if nochange['api_writes'] == 0 else 'NOT ZERO'}), {nochange['db_queries']} queries for "
          f"{n} products")
    print(f"1% push: {changed_row['api_calls']} API calls and {changed_row['db_queries']} queries for {changed} "
          f"changed products")


def machine():
    import subprocess

    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
    model = next((line.split(":", 1)[1].strip() for line in lscpu if line.startswith("Model name")), "?")
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "platform": platform.platform()}


if __name__ == "__main__":
    main()
