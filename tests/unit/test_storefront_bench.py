"""The storefront bench's own arithmetic (bench/storefront_bench.py), on fixed numbers.

The benchmark itself never runs in the test suite; these check that what it
prints (ratios, target verdicts, products rendered) says what the numbers say.
"""
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "storefront_bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("storefront_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def row(median, queries=10, products=24, p95=None):
    return {"median_ms": median, "p95_ms": p95 or median * 1.2, "queries": queries, "queries_min": queries,
            "products": products, "redirects": 0, "n": 30}


def results(ours_small, ours_big, stock_small, stock_big):
    return {
        "1000": {"latency": {"ours": ours_small, "stock": stock_small}, "throughput": {}},
        "10000": {"latency": {"ours": ours_big, "stock": stock_big}, "throughput": {}},
    }


def ours_pages(ms):
    return {page: row(ms) for page in ("home", "all_products", "category", "region", "artisan", "search",
                                       "product", "basket")}


def stock_pages(ms, **overrides):
    pages = {page: row(ms, queries=120, products=20) for page in ("home", "all_products", "category", "search",
                                                                  "product", "basket")}
    pages.update(overrides)
    return pages


def verdicts(checks):
    return {target: met for target, met, _detail in checks}


def test_targets_met_when_ours_is_fast_and_flat(bench):
    data = results(ours_pages(20), ours_pages(25), stock_pages(500), stock_pages(3000, product=row(60),
                                                                                  basket=row(55)))

    checks = verdicts(bench.target_checks(data))

    assert checks["all products ≥ 10× stock at 10k"]  # 3000 / 25 = 120×
    assert checks["product page ≥ 2× stock at 10k"]  # 60 / 25 = 2.4×
    assert checks["craft category at 10k ≤ 1.3× 1k"]  # 25 / 20 = 1.25×
    assert all(checks.values())


def test_targets_not_met_when_slow_or_growing(bench):
    ours_big = ours_pages(25)
    ours_big["product"] = row(234)
    ours_big["category"] = row(158, queries=14)
    data = results(ours_pages(38), ours_big, stock_pages(500), stock_pages(5892, product=row(62)))

    checks = verdicts(bench.target_checks(data))

    assert not checks["product page ≥ 2× stock at 10k"]  # 62 / 234 = 0.26×
    assert not checks["product page at 10k ≤ 1.3× 1k"]
    assert not checks["craft category at 10k ≤ 1.3× 1k"]  # 158 / 38 = 4.2×
    assert not checks["craft category queries independent of size"]  # 10 at 1k, 14 at 10k
    assert checks["craft category ≥ 10× stock at 10k"]  # 5892 / 158 = 37×


def test_a_fast_page_listing_nothing_does_not_meet_its_target(bench):
    ours_big = ours_pages(5)
    ours_big["search"] = row(5, products=0)
    data = results(ours_pages(5), ours_big, stock_pages(500), stock_pages(4000))

    checks = bench.target_checks(data)

    search = next(check for check in checks if check[0].startswith('search "tenun" ≥'))
    assert search[1] is False
    assert "ours lists no product" in search[2]


def test_region_and_artisan_compare_with_stocks_faster_listing(bench):
    stock = stock_pages(0, all_products=row(2972), category=row(5892))

    reference, name = bench.stock_reference(stock, "region")

    assert name == "all_products" and reference["median_ms"] == 2972
    assert bench.stock_reference(stock, "artisan")[1] == "all_products"
    assert bench.stock_reference(stock, "product")[1] == "product"


def test_table_prints_sizes_ratios_queries_and_products(bench):
    data = results(ours_pages(20), ours_pages(25), stock_pages(500), stock_pages(3000))

    rows = bench.table_rows(data)

    assert rows[0][:5] == ["page", "ours 1k", "ours 10k", "stock 1k", "stock 10k"]
    category = next(r for r in rows if r[0] == "craft category")
    assert category[5] == "120.0×"  # stock ÷ ours at 10k
    assert category[6] == "1.25×"  # ours 10k ÷ ours 1k
    assert category[7] == "10 / 120" and category[8] == "24 / 20"
    region = next(r for r in rows if r[0] == "region")
    assert region[4].startswith("(all products)")  # the stock page it is compared with is named
    assert "| page " in bench.render_table(rows)


def test_products_rendered_counts_distinct_product_links_not_categories(bench):
    html = (
        '<a href="/catalogue/tenun-ikat_12/">x</a><a href="/catalogue/tenun-ikat_12/">again</a>'
        '<a href="/en-gb/catalogue/vas_7/">y</a><a href="/catalogue/category/batik_1/">Batik</a>'
        "<h1>Kendi Tuban No. 3</h1>"
    )

    assert bench.products_rendered(html) == 2
    assert bench.products_rendered(html, own_title="Kendi Tuban No. 3") == 3


def test_percentile_is_nearest_rank(bench):
    values = sorted(float(v) for v in range(1, 31))

    assert bench.percentile(values, 95) == 29.0
    assert bench.percentile([5.0], 95) == 5.0


def test_catalogue_is_the_same_every_time_with_tenun_and_nested_crafts(bench):
    first, second = bench.catalogue_spec(300), bench.catalogue_spec(300)

    assert first == second
    assert len({p["upc"] for p in first}) == 300
    assert sum("tenun" in p["title"].lower() for p in first) > 20
    nodes, leaves = bench.category_tree()
    parents = dict(nodes)
    depth = {name: 1 if parent is None else None for name, parent in nodes}
    for name, parent in nodes:
        depth[name] = 1 if parent is None else depth[parent] + 1
    assert max(depth.values()) == 3 and {p["category"] for p in first} <= set(parents)


def test_throughput_table_shows_errors_and_the_ratio(bench):
    data = results(ours_pages(20), ours_pages(25), stock_pages(500), stock_pages(3000))
    data["10000"]["throughput"] = {
        "ours": {"product": {"rps": 12.0, "requests": 120, "errors": 0}},
        "stock": {"product": {"rps": 6.0, "requests": 60, "errors": 2}},
    }

    rows = bench.throughput_rows(data)

    product = next(r for r in rows if r[0] == "product page")
    assert product == ["product page", "—", "12.0", "—", "6.0 (2 errors)", "2.00×"]


def test_first_run_per_size_becomes_the_baseline_and_later_runs_print_beside_it(bench, tmp_path, monkeypatch,
                                                                                 capsys):
    monkeypatch.setattr(bench, "BASELINE", tmp_path / "baseline.json")
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    first = {"1000": {"latency": {"ours": ours_pages(40), "stock": stock_pages(3000)}, "throughput": {}}}
    bench.update_baselines(first, {"recorded": "before", "machine": {}, "results": first}, write=True)

    later = results(ours_pages(20), ours_pages(22), stock_pages(2900), stock_pages(3100))
    bench.update_baselines(later, {"recorded": "after", "machine": {}, "results": later}, write=True)

    output = capsys.readouterr().out
    assert "craft category, 1k" in output and " 20 " in output and " 40 " in output
    stored = (tmp_path / "baseline.json").read_text()
    assert '"storefront-sqlite-1000p"' in stored and '"storefront-sqlite-10000p"' in stored
    assert '"recorded": "before"' in stored  # the 1k baseline is not overwritten by the later run
