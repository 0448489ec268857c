from django.db import models


class CatalogueVersion(models.Model):
    """One row whose token changes after every committed change that can alter
    the catalogue-wide summaries the storefront caches (shop/gallery/summaries.py).

    A row in the database rather than a key in the cache: every process (web
    workers, the Celery worker) sees the same token whatever cache backend each
    one has, so a change made anywhere invalidates every process's cache.
    """

    token = models.CharField(max_length=32)
    # The running offers (campaigns) change apart from the catalogue, and far
    # more often (every order that uses one records it): their own token.
    offers_token = models.CharField(max_length=32, default="")
    # Prices and stock levels change with every order and price edit; what is
    # cached from them (search's price and in-stock facets) follows this one.
    stock_token = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = "catalogue version"
