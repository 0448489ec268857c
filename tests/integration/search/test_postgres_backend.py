"""The PostgreSQL backend's own structures: weighted tsvectors with the
``indonesian`` configuration, the GIN index, ts_rank, pg_trgm corrections.
The demo-catalogue queries (test_demo_search.py) run on it too in CI."""
import pytest
from django.db import connection

from shop.search import services
from shop.search.backends import get_backend
from shop.search.models import SearchDocument
from tests.factories import CraftCategoryFactory, ProductFactory, RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_the_database_has_the_indonesian_configuration_gin_and_trigram_indexes():
    assert get_backend().name == "postgres"
    assert _scalar("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'indonesian'") == 1
    assert _scalar("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'") == 1
    indexes = _scalar("SELECT string_agg(indexdef, ' ') FROM pg_indexes WHERE tablename IN "
                      "('search_searchdocument', 'search_searchterm')")
    assert "USING gin (vector)" in indexes
    assert "gin_trgm_ops" in indexes


def test_vectors_are_weighted_and_stemmed_by_the_indonesian_configuration(django_capture_on_commit_callbacks):
    craft = CraftCategoryFactory(name="Anyaman")
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(title="Keranjang Pembatikan", categories=[craft],
                                 region=RegionFactory(name="Pamekasan", slug="pamekasan"),
                                 materials="Bambu", story="Dikerjakan perlahan.", story_en="Woven slowly.")
    vector = _scalar("SELECT vector::text FROM search_searchdocument WHERE product_id = %s", [product.pk])
    assert "'keranjang':" in vector and "A" in vector.split("'keranjang':")[1].split(" ")[0]
    assert "'madura':" in vector  # the island, beside its regency, weight B
    assert vector.split("'madura':")[1].split(" ")[0].endswith("B")
    assert "'bambu':" in vector and vector.split("'bambu':")[1].split(" ")[0].endswith("C")
    # Snowball's Indonesian stemmer ran too: "dikerjakan" -> "kerja".
    assert "'kerja'" in vector
    assert SearchDocument.objects.filter(product=product, vector__isnull=False).exists()


def test_ts_rank_puts_title_above_story_and_trigrams_correct_typos():
    ProductFactory(title="Kain Polos", story="Dijahit di samping tungku gerabah.", story_en="")
    ProductFactory(title="Vas Gerabah", story="Dibakar.", story_en="")
    found = [p.title for p in services.product_search(query="gerabah").products]
    assert found == ["Vas Gerabah", "Kain Polos"]
    ranks = [p.search_rank for p in services.product_search(query="gerabah").products]
    assert ranks[0] > ranks[1] > 0

    results = services.product_search(query="grabah")
    assert results.corrected == "gerabah"
    assert [p.title for p in results.products] == found
