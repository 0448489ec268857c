"""The search index's own tables, shared by both shipped backends.

``SearchDocument`` holds one row per product on the storefront: its words by
weight, already folded and stemmed (shop/search/text.py). The SQLite backend
copies them into an FTS5 table; the PostgreSQL backend turns them into the
weighted ``vector`` column (GIN-indexed). ``SearchTerm`` is the vocabulary of
those documents, for correcting misspelt query words.
"""
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    product = models.OneToOneField(
        "catalogue.Product", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    #: A: title and craft; B: region (and its area), artisan, certification;
    #: C: materials and technique; D: story. Indonesian and English together.
    weight_a = models.TextField(blank=True)
    weight_b = models.TextField(blank=True)
    weight_c = models.TextField(blank=True)
    weight_d = models.TextField(blank=True)
    #: Filled by the PostgreSQL backend only (SQLite stores the column, unused).
    vector = SearchVectorField(null=True, editable=False)
    date_indexed = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "search"


class SearchTerm(models.Model):
    """A word some indexed product holds; kept until the next full reindex."""

    term = models.CharField(max_length=64, primary_key=True)

    class Meta:
        app_label = "search"


class SearchPending(models.Model):
    """A product whose document is to be rebuilt: written in the same
    transaction as the change (a transactional outbox), so no change is lost
    between a commit and the indexing that follows it."""

    product_id = models.IntegerField(primary_key=True)
    queued_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "search"
