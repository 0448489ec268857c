"""SQLite FTS5: the embedded backend, no server needed (``make run``, tests).

The FTS5 table ``search_fts`` (created by migration 0001 on SQLite) holds a
copy of each ``SearchDocument``'s four weighted parts, with the product id as
its rowid. FTS5's porter tokenizer adds English stemming on top of the
Sastrawi stems already in the text; ``bm25`` with per-column weights ranks.
"""
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .base import WEIGHTS, ParsedQuery, SearchBackend

TABLE = "search_fts"
TOKENIZE = "porter unicode61 remove_diacritics 2"
_BM25 = f"bm25({TABLE}, {WEIGHTS['a'] * 10}, {WEIGHTS['b'] * 10}, {WEIGHTS['c'] * 10}, {WEIGHTS['d'] * 10})"


def match_expression(query: ParsedQuery) -> str:
    """FTS5 query syntax: ("w1" OR "w2"*) AND b : ("w3"). Words are [a-z0-9]+
    only (shop/search/text.py), so quoting them is enough."""
    parts = []
    for index, group in enumerate(query.groups):
        words = " OR ".join(f'"{word[:-1]}"*' if word.endswith("*") else f'"{word}"' for word in group)
        parts.append(f"b : ({words})" if index in query.places else f"({words})")
    return " AND ".join(parts)


class Backend(SearchBackend):
    name = "sqlite_fts"

    def filter(self, products: QuerySet, query: ParsedQuery) -> QuerySet:
        matching = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", (match_expression(query),))
        return products.filter(pk__in=matching)

    def ranks(self, query: ParsedQuery) -> dict[int, float]:
        # One pass over the FTS index (a correlated bm25 per product costs
        # twenty times more at a few hundred matches). bm25 is lower for
        # better matches; negated so that higher is better for every backend.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, -{_BM25} FROM {TABLE} WHERE {TABLE} MATCH %s", [match_expression(query)])
            return dict(cursor.fetchall())

    def documents_written(self, product_ids):
        with connection.cursor() as cursor:
            self._delete(cursor, product_ids)
            placeholders = ", ".join(["%s"] * len(product_ids))
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, a, b, c, d) "
                f"SELECT product_id, weight_a, weight_b, weight_c, weight_d FROM search_searchdocument "
                f"WHERE product_id IN ({placeholders})",
                list(product_ids),
            )

    def documents_removed(self, product_ids):
        with connection.cursor() as cursor:
            self._delete(cursor, product_ids)

    def resync(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, a, b, c, d) "
                f"SELECT product_id, weight_a, weight_b, weight_c, weight_d FROM search_searchdocument"
            )

    @staticmethod
    def _delete(cursor, product_ids):
        if product_ids:
            placeholders = ", ".join(["%s"] * len(product_ids))
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({placeholders})", list(product_ids))
