"""PostgreSQL full-text search: the production backend.

``SearchDocument.vector`` is a weighted ``tsvector`` (A title and craft, B
region, artisan and certificates, C materials and technique, D story), built
in SQL from the document's parts with the ``indonesian`` text-search
configuration (Snowball's Indonesian stemmer and stop words) and the
``english`` one (English stories and materials), GIN-indexed by migration
0001, ranked with ``ts_rank``. The parts already carry Sastrawi's stems, so a
word is found whichever of the two stemmers knows it. Misspellings are
corrected against ``SearchTerm`` with pg_trgm's trigram similarity.
"""
import difflib

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet

from ..models import SearchDocument
from .base import WEIGHTS, ParsedQuery, SearchBackend

CONFIGS = ("indonesian", "english")

_VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, coalesce(weight_{part}, '')), '{part.upper()}')"
    for part in "abcd"
    for config in CONFIGS
)


def search_query(query: ParsedQuery) -> SearchQuery:
    """Each alternative through both configurations, ORed within a group,
    groups ANDed; a place matches weight B only, a prefix as ``word:*``.
    Words are [a-z0-9]+ only (shop/search/text.py), safe in raw tsquery syntax."""
    combined = None
    for index, group in enumerate(query.groups):
        alternatives = None
        for word in group:
            prefix = word.endswith("*")
            lexeme = word.rstrip("*")
            suffix = ":*" if prefix else ""
            if index in query.places:
                suffix = ":*B" if prefix else ":B"
            for config in ("simple",) if prefix else CONFIGS:
                one = SearchQuery(f"{lexeme}{suffix}", config=config, search_type="raw")
                alternatives = one if alternatives is None else alternatives | one
        combined = alternatives if combined is None else combined & alternatives
    return combined


class Backend(SearchBackend):
    name = "postgres"

    def filter(self, products: QuerySet, query: ParsedQuery) -> QuerySet:
        return products.filter(search_document__vector=search_query(query))

    def ranks(self, query: ParsedQuery) -> dict[int, float]:
        tsquery = search_query(query)
        # ts_rank's weights are listed D, C, B, A.
        weights = [WEIGHTS["d"], WEIGHTS["c"], WEIGHTS["b"], WEIGHTS["a"]]
        return dict(
            SearchDocument.objects.filter(vector=tsquery)
            .annotate(rank=SearchRank(F("vector"), tsquery, weights=weights))
            .values_list("product_id", "rank")
        )

    def documents_written(self, product_ids):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE search_searchdocument SET vector = {_VECTOR_SQL} WHERE product_id = ANY(%s)",
                [list(product_ids)],
            )

    def similar_terms(self, word, *, limit=2):
        if len(word) < 3:
            return []
        with connection.cursor() as cursor:
            # pg_trgm's similarity operator, GIN-indexed by migration 0001.
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE term %% %s "
                "ORDER BY similarity(term, %s) DESC, abs(length(term) - length(%s)), term LIMIT 10",
                [word, word, word],
            )
            candidates = [row[0] for row in cursor.fetchall()]
        # The same acceptance rule as the embedded backend, so both correct alike.
        return difflib.get_close_matches(word, candidates, n=limit, cutoff=0.75)
