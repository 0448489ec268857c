"""Catalogue-wide summaries the storefront shows on every page, cached until
the catalogue changes.

The header lists the crafts and regions that have work on sale, the home page
picks a region and artisans by how much they sell, and every paginated list
counts its products. Computed from the database, each of these reads the whole
catalogue, so a page's cost would grow with it; they change only when a
product, stock record, category, region or artisan does.

So they are cached as data (model rows with their counts, ids, numbers) under
the current ``CatalogueVersion`` token. Every committed change that can alter
them gives the row a new token (``catalogue_changed``, wired to model signals
in ``apps.py``), so the next request reads the new token and recomputes: no
timeout, nothing stale. The row's tokens are read once per request. Prices
and stock levels have their own token (``stock_version``), so a sale renews
only what is computed from them; rendered HTML is cached in ``fragments.py``.
"""
import uuid

from django.core.cache import caches
from django.db import transaction
from django.db.models import Exists, OuterRef, prefetch_related_objects
from oscar.core.loading import get_model

from . import selectors
from .models import CatalogueVersion

Product = get_model("catalogue", "Product")

CACHE_ALIAS = "storefront"
# Long enough to outlive any real gap between changes; entries of old tokens
# are never read again and simply expire.
CACHE_SECONDS = 60 * 60 * 24


def catalogue_changed(**kwargs):
    """Signal receiver: give the catalogue a new version once the current
    transaction commits (at once outside one); a rolled-back change keeps the
    old version. Many changes in one transaction bump it once."""
    _on_commit_once(_new_version)


def catalogue_changed_unless_stock(sender, update_fields=None, **kwargs):
    """Signal receiver for stock records: a save of prices or stock levels
    only (a sale, a shipment, a price edit) leaves the catalogue's version
    as it is (``stock_changed`` renews the stock version); any other save
    is a catalogue change (e.g. which artisan sells the product)."""
    if update_fields and set(update_fields) <= sender.STOCK_FIELDS:
        return
    catalogue_changed()


def offers_changed(**kwargs):
    """Signal receiver: the same for the offers (shop/campaigns/pricing.py)."""
    _on_commit_once(_new_offers_version)


def stock_changed(**kwargs):
    """Signal receiver: the same for prices and stock levels."""
    _on_commit_once(_new_stock_version)


def _on_commit_once(bump):
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(func is bump for _, func, _ in connection.run_on_commit):
        return
    transaction.on_commit(bump)


def _new_version():
    _set_token(token=uuid.uuid4().hex)


def _new_offers_version():
    _set_token(offers_token=uuid.uuid4().hex)


def _new_stock_version():
    _set_token(stock_token=uuid.uuid4().hex)


def _set_token(**token):
    if not CatalogueVersion.objects.filter(pk=1).update(**token):
        CatalogueVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex, **token})


def _tokens(request) -> tuple:
    """(catalogue token, offers token, stock token), read once per request;
    (None, None, None) if the row is missing, e.g. in a freshly flushed test database."""
    memo = request_memo(request)
    if "tokens" not in memo:
        memo["tokens"] = CatalogueVersion.objects.filter(pk=1).values_list(
            "token", "offers_token", "stock_token").first() or (None, None, None)
    return memo["tokens"]


def current_version(request=None) -> str | None:
    """The catalogue's version token; None: nothing is cached."""
    return _tokens(request)[0]


def offers_version(request=None) -> str | None:
    """The catalogue's and the offers' tokens together: what the running
    offers' products depend on (their ranges hold products and categories)."""
    catalogue, offers, _stock = _tokens(request)
    return None if catalogue is None else f"{catalogue}-{offers}"


def stock_version(request=None) -> str | None:
    """The catalogue's and the stock pool's tokens together: what anything
    computed from prices or stock levels depends on."""
    catalogue, _offers, stock = _tokens(request)
    return None if catalogue is None else f"{catalogue}-{stock}"


def request_memo(request, part: str = "data") -> dict:
    """What this request has already read (one dict per ``part``); nothing
    is kept without a request."""
    if request is None:
        return {}
    if not hasattr(request, "_gallery_summaries"):
        request._gallery_summaries = {}
    return request._gallery_summaries.setdefault(part, {})


def cache_key(token: str, name: str) -> str:
    return f"gallery:{token}:{name}"


def remembered(request, name: str, compute, *, version=current_version):
    """``compute()``'s value for this catalogue version: from this request, the
    cache, or computed and stored. ``name`` must say everything the value
    depends on besides the catalogue (e.g. which artisan); ``version`` says
    which token it is cached under."""
    memo = request_memo(request)
    if name in memo:
        return memo[name]
    token = version(request)
    if token is None:
        value = compute()
    else:
        cache = caches[CACHE_ALIAS]
        key = cache_key(token, name)
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, CACHE_SECONDS)
    memo[name] = value
    return value


def crafts(request=None) -> list:
    """Every craft (top-level category) with ``num_products`` on sale in its subtree."""
    return remembered(request, "crafts", lambda: list(selectors.craft_categories()))


def crafts_on_sale(request=None) -> list:
    return [craft for craft in crafts(request) if craft.num_products]


def regions(request=None) -> list:
    """Every region with ``num_products`` on sale, ``num_artisans`` and ``latest``
    (the newest product's date)."""
    return remembered(request, "regions", lambda: list(selectors.region_list()))


def regions_on_sale(request=None) -> list:
    return [region for region in regions(request) if region.num_products]


def spotlight_region(request=None):
    """The region with the most products on sale, the newest first on ties."""
    candidates = regions_on_sale(request)
    if not candidates:
        return None
    return min(candidates, key=lambda region: (-region.num_products, -region.latest.timestamp()))


def featured_artisans(request=None, limit: int = 4) -> list:
    return remembered(
        request, f"featured-artisans:{limit}", lambda: list(selectors.artisan_list().filter(num_products__gt=0)[:limit])
    )


def product_count(request, name: str, queryset) -> int:
    """How many rows ``queryset`` (a product list) has; ``name`` identifies its filter."""
    return remembered(request, f"count:{name}", queryset.order_by().count)


def artisan_levels(request, artisan) -> dict:
    """How many of an artisan's works are on sale, and how many are export ready."""

    def compute():
        works = Product.objects.browsable().filter(pk__in=selectors.artisan_product_ids(artisan))
        return {"curated": works.count(), "export_ready": works.filter(export_ready=True).count()}

    return remembered(request, f"artisan-levels:{artisan.pk}", compute)


def more_from_artisan(request, product, limit: int = 4) -> list:
    """The newest other pieces on sale of ``product``'s artisan, as rows
    without their stock records (the caller gives them with the product's
    own: ``give_stockrecords``)."""

    def compute():
        artisan = product.artisan
        if artisan is None:
            return []
        newest = selectors.product_list(artisan=artisan).exclude(pk=product.pk).prefetch_related(None)
        return list(newest[:limit])

    return remembered(request, f"more-from-artisan:{product.pk}:{limit}", compute)


def product(request, pk: int):
    """The product of a product page, without its stock records (the caller
    gives them: ``give_stockrecords``); None if there is none. Whether it has
    options (for Oscar's basket form) is annotated the way Oscar's own querysets do, so
    the form does not ask the database on every view."""
    Option = get_model("catalogue", "Option")

    def compute():
        return (
            Product.objects.select_related("product_class", "region", "parent")
            .annotate(
                has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            )
            .filter(pk=pk)
            .first()
        )

    return remembered(request, f"product:{pk}", compute)


def give_stockrecords(request, name: str, products: list) -> None:
    """Give ``products`` their stock records with artisan and region (price,
    stock, maker), cached per stock version: a price edit, sale or shipment
    renews it (shop/gallery/apps.py), so they are never older than the last
    committed change. ``name`` says which products these are."""

    def compute():
        prefetch_related_objects(products, selectors.live_stockrecords())
        return {product.pk: list(product.stockrecords.all()) for product in products}

    by_product = remembered(request, f"stockrecords:{name}", compute, version=stock_version)
    for product in products:
        if "stockrecords" in getattr(product, "_prefetched_objects_cache", {}):
            continue
        # What prefetch_related() leaves on an instance: the related manager's
        # queryset with its results filled in, so .stockrecords.all() reads them.
        records = product.stockrecords.all()
        records._result_cache, records._prefetch_done = by_product.get(product.pk, []), True
        product._prefetched_objects_cache = {**getattr(product, "_prefetched_objects_cache", {}),
                                             "stockrecords": records}
