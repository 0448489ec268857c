"""``manage.py check`` refuses a search backend the database cannot serve."""
from django.core import checks
from django.db import connection
from django.utils.module_loading import import_string

from .backends import backend_path

#: Backends tied to one database vendor (the FTS5 table, tsvector and pg_trgm).
VENDOR_OF = {"sqlite_fts": "sqlite", "postgres": "postgresql"}


@checks.register(checks.Tags.database)
def search_backend_check(app_configs=None, **kwargs):
    path = backend_path()
    try:
        backend = import_string(path)
    except ImportError as error:
        return [checks.Error(f"GALERI_SEARCH_BACKEND {path!r} cannot be imported: {error}", id="search.E001")]
    needs = VENDOR_OF.get(getattr(backend, "name", ""))
    if needs and needs != connection.vendor:
        return [checks.Error(
            f"GALERI_SEARCH_BACKEND {path!r} needs a {needs} database, this one is {connection.vendor}",
            hint="Leave GALERI_SEARCH_BACKEND empty to pick the backend by database.", id="search.E002",
        )]
    return []
