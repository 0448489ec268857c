"""The engine-specific parts of the index, for the database in use.

SQLite: the FTS5 table the embedded backend searches. PostgreSQL: a GIN index
on the weighted tsvector, and pg_trgm with a trigram index on the vocabulary
for spelling correction. Either way every existing product is marked pending,
so the index fills itself (on the next commit, search or ``search_reindex``).
"""
from django.db import migrations
from django.utils import timezone

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "a, b, c, d, tokenize='porter unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_document_vector_gin ON search_searchdocument USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_document_vector_gin",
]


def _run(schema_editor, statements):
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})
    Product = apps.get_model("catalogue", "Product")
    SearchPending = apps.get_model("search", "SearchPending")
    db = schema_editor.connection.alias
    now = timezone.now()
    ids = Product.objects.using(db).values_list("pk", flat=True)
    SearchPending.objects.using(db).bulk_create(
        [SearchPending(product_id=pk, queued_at=now) for pk in ids.iterator()], batch_size=500
    )


def backwards(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [migrations.RunPython(forwards, backwards)]
