"""Search backends behind one interface (``base.SearchBackend``), chosen by
the ``GALERI_SEARCH_BACKEND`` setting: a dotted path to a backend class.

Unset, the database decides: SQLite FTS5 on SQLite (the embedded default of
``make run`` and the tests), PostgreSQL full-text search on PostgreSQL.
"""
import functools

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

SQLITE_FTS = "shop.search.backends.sqlite_fts.Backend"
POSTGRES = "shop.search.backends.postgres.Backend"
BY_VENDOR = {"sqlite": SQLITE_FTS, "postgresql": POSTGRES}


def backend_path() -> str:
    return getattr(settings, "GALERI_SEARCH_BACKEND", "") or BY_VENDOR[connection.vendor]


@functools.cache
def _backend(path: str):
    return import_string(path)()


def get_backend():
    """The configured backend (one instance per class path and process)."""
    return _backend(backend_path())
