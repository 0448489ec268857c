"""Every storefront page costs a fixed number of queries, whatever the size of
the catalogue and however many products a page lists (issue #10).

Each page is counted on a small catalogue with short pages and on a catalogue
ten times larger with long pages, both with the storefront cache warm (what a
buyer usually gets) and with it cold (the request after a catalogue change).
"""
import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.gallery.models import CatalogueVersion
from tests.factories import ArtisanFactory, CraftCategoryFactory, ProductFactory, RegionFactory

pytestmark = pytest.mark.django_db

# A ceiling, so a page that grows by a constant still shows up here.
MAX_QUERIES = 30


@pytest.fixture
def storefront_cache(settings):
    settings.CACHES = {**settings.CACHES, "storefront": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                                         "LOCATION": "query-count-tests"}}
    caches["storefront"].clear()
    # A transactional test elsewhere may have flushed the row the migration made.
    CatalogueVersion.objects.get_or_create(pk=1, defaults={"token": "query-count-tests"})
    yield caches["storefront"]
    caches["storefront"].clear()


@pytest.fixture
def shop():
    region = RegionFactory(name="Sidoarjo", slug="sidoarjo")
    craft = CraftCategoryFactory(name="Bordir")
    sub_craft = CraftCategoryFactory(name="Bordir Kebaya", parent=craft)
    artisan = ArtisanFactory(slug="bordir-tanggulangin", region=region)
    state = {"n": 0, "basket_products": []}

    def grow(to):
        while state["n"] < to:
            i = state["n"]
            # Half the pieces by the one artisan, half by artisans of their own;
            # spread over the craft and its sub-craft, some one of a kind.
            product = ProductFactory(
                title=f"Bordir Kebaya {i}", categories=[sub_craft if i % 2 else craft], region=region,
                artisan=artisan if i % 2 else None, is_one_of_a_kind=i % 3 == 0, num_in_stock=10,
            )
            state["n"] += 1
            if len(state["basket_products"]) < 5:
                state["basket_products"].append(product)

    grow(5)
    product = state["basket_products"][1]  # by the artisan: the page shows "more from" them
    urls = {
        "home": reverse("gallery:home"),
        "all products": reverse("catalogue:index"),
        "craft category": craft.get_absolute_url(),
        "region": reverse("gallery:region", kwargs={"slug": "sidoarjo"}),
        "artisan": reverse("gallery:artisan", kwargs={"slug": "bordir-tanggulangin"}),
        "product page": product.get_absolute_url(),
        "basket, 5 lines": reverse("basket:summary"),
    }
    return grow, urls, state["basket_products"]


def _queries(client, url, *, warm):
    caches["storefront"].clear()
    if warm:
        client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("warm", [True, False], ids=["warm cache", "cold cache"])
def test_queries_do_not_grow_with_the_catalogue_or_the_page_length(client, settings, storefront_cache, shop, warm):
    grow, urls, basket_products = shop
    for product in basket_products:
        assert client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}).status_code == 302
    for url in urls.values():
        client.get(url)  # site, Oscar's category URLs: what any process caches once

    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    small = {page: _queries(client, url, warm=warm) for page, url in urls.items()}
    grow(40)
    settings.OSCAR_PRODUCTS_PER_PAGE = 20
    large = {page: _queries(client, url, warm=warm) for page, url in urls.items()}

    assert large == small, "queries per page with 5 products, short pages / 40 products, long pages"
    assert max(large.values()) <= MAX_QUERIES, large


@pytest.mark.parametrize("page", ["home", "all products", "craft category", "region", "artisan"])
def test_a_warm_cache_spares_the_catalogue_wide_queries(client, storefront_cache, shop, page):
    """The header, chips, rankings and page counts come from the cache: fewer
    queries than computing them."""
    _, urls, _ = shop
    client.get(urls[page])
    assert _queries(client, urls[page], warm=True) < _queries(client, urls[page], warm=False)
