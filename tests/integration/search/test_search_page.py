"""The search page: ranking on a generated catalogue, a bounded number of
queries, curation rules as on the browse pages, and the backend chosen by settings."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.module_loading import import_string
from oscar.core.loading import get_model

from shop.search import backends
from shop.search.backends.postgres import Backend as PostgresBackend
from shop.search.backends.sqlite_fts import Backend as SqliteBackend
from tests.factories import ArtisanFactory, CertificationFactory, CraftCategoryFactory, ProductFactory, RegionFactory

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def _found(client, query, **params):
    response = client.get(reverse("search:search"), {"q": query, **params})
    assert response.status_code == 200
    return [p.title for p in response.context["products"]]


@pytest.fixture
def generated():
    """A small generated catalogue where one word sits in different fields."""
    gerabah = CraftCategoryFactory(name="Gerabah")
    tenun = CraftCategoryFactory(name="Tenun Ikat")
    region = RegionFactory(name="Blitar", slug="blitar")
    story_only = ProductFactory(title="Kain Sarung Polos", categories=[tenun], region=region,
                                story="Dijemur di samping tungku gerabah tetangga.", story_en="")
    craft_only = ProductFactory(title="Kendi Air Minum", categories=[gerabah], region=region,
                                story="Tanah liat dibakar.", story_en="")
    material_only = ProductFactory(title="Tatakan Lilin", categories=[tenun], region=region,
                                   materials="Pecahan gerabah", story="Buatan tangan.", story_en="")
    title_and_craft = ProductFactory(title="Vas Gerabah Bakar", categories=[gerabah], region=region,
                                     story="Dibakar dengan jerami.", story_en="")
    return [title_and_craft, craft_only, material_only, story_only]


def test_title_and_craft_rank_above_materials_and_story(client, generated):
    assert _found(client, "gerabah") == [p.title for p in generated]


def test_search_query_count_does_not_grow_with_matches(client):
    region = RegionFactory(name="Gresik", slug="gresik")
    craft = CraftCategoryFactory(name="Songkok")

    def add(n):
        for i in range(n):
            product = ProductFactory(title=f"Songkok Beludru {i}", categories=[craft], region=region,
                                     artisan=ArtisanFactory(region=region), export_ready=bool(i % 2))
            if i % 3 == 0:
                CertificationFactory(product=product, kind="sni", number=f"SNI-{product.pk}")

    url = reverse("search:search") + "?q=songkok&region=gresik&stock=1"

    def queries():
        client.get(url)  # indexes what the factories left pending, warms caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return len(ctx.captured_queries), response.context["paginator"].count

    add(3)
    few, count = queries()
    assert count == 3
    add(27)
    many, count = queries()
    assert count == 30
    assert many == few, f"{few} queries with 3 matches, {many} with 30"
    empty = reverse("search:search") + "?q=zzzqqq"
    client.get(empty)
    with CaptureQueriesContext(connection) as ctx:
        client.get(empty)
    assert len(ctx.captured_queries) <= few + 10


@pytest.mark.parametrize("state", [Product.DRAFT, Product.SUBMITTED, Product.REJECTED])
def test_search_shows_only_what_browse_pages_show(client, state):
    region = RegionFactory(name="Sumenep", slug="sumenep")
    ProductFactory(title="Keris Sumenep Terkurasi", region=region)
    ProductFactory(title="Keris Sumenep Rahasia", region=region, curation_state=state)
    assert _found(client, "keris") == ["Keris Sumenep Terkurasi"]
    assert _found(client, "rahasia") == []
    page = client.get(reverse("search:search"), {"q": "rahasia"}).content.decode()
    assert "Rahasia" not in page


def test_out_of_stock_pieces_are_listed_as_on_browse_pages_and_filtered_on_demand(client):
    ProductFactory(title="Topeng Malangan Habis", num_in_stock=0)
    ProductFactory(title="Topeng Malangan Ada", num_in_stock=2)
    assert sorted(_found(client, "topeng")) == ["Topeng Malangan Ada", "Topeng Malangan Habis"]
    assert _found(client, "topeng", stock="1") == ["Topeng Malangan Ada"]
    browse = client.get(reverse("catalogue:index")).content.decode()
    assert "Topeng Malangan Habis" in browse


class RecordingBackend:
    """The database's own backend, remembering that it was asked."""

    queries = []

    def __init__(self):
        self.inner = import_string(backends.BY_VENDOR[connection.vendor])()

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def filter(self, products, query):
        self.queries.append(query)
        return self.inner.filter(products, query)


def test_the_backend_is_chosen_by_settings_alone(client, settings):
    ProductFactory(title="Udeng Osing")
    default = {"sqlite": SqliteBackend, "postgresql": PostgresBackend}[connection.vendor]
    assert type(backends.get_backend()) is default  # by the database's vendor

    settings.GALERI_SEARCH_BACKEND = f"{__name__}.RecordingBackend"
    RecordingBackend.queries.clear()
    assert isinstance(backends.get_backend(), RecordingBackend)
    assert _found(client, "udeng") == ["Udeng Osing"]
    assert RecordingBackend.queries and RecordingBackend.queries[0].groups == (("udeng",),)

    other = backends.POSTGRES if connection.vendor == "sqlite" else backends.SQLITE_FTS
    settings.GALERI_SEARCH_BACKEND = other
    assert backends.get_backend().name == import_string(other).name


def test_check_refuses_a_backend_the_database_cannot_serve(settings):
    from shop.search.checks import search_backend_check

    settings.GALERI_SEARCH_BACKEND = ""
    assert search_backend_check() == []
    other = backends.POSTGRES if connection.vendor == "sqlite" else backends.SQLITE_FTS
    settings.GALERI_SEARCH_BACKEND = other
    assert [error.id for error in search_backend_check()] == ["search.E002"]
    settings.GALERI_SEARCH_BACKEND = "shop.search.backends.nowhere.Backend"
    assert [error.id for error in search_backend_check()] == ["search.E001"]
