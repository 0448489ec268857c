"""Read-only queries behind the storefront pages.

Browsing is plain ORM, not Haystack: the SimpleEngine lists nothing on
Oscar's browse pages (Oscar #4366) and Whoosh is slow. Every listing starts
from ``product_cards`` so curation gating (``browsable()``) and the
N+1-free prefetching live in one place.
"""
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Region = get_model("catalogue", "Region")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

SORT_NEWEST, SORT_PRICE_ASC, SORT_PRICE_DESC, SORT_TITLE = "newest", "price-asc", "price-desc", "title"
SORT_ORDERINGS = {
    SORT_NEWEST: ("-date_created", "-pk"),
    SORT_PRICE_ASC: ("min_price", "-pk"),
    SORT_PRICE_DESC: ("-min_price", "-pk"),
    SORT_TITLE: ("title", "pk"),
}


def lowest_price() -> Coalesce:
    """A product's lowest stock record price, its variants' for a parent (which has none of its own).

    Two correlated subqueries, each answered from an index (stock records by
    product, products by parent): one subquery matching either was a scan of
    every stock record per product.
    """
    own = StockRecord.objects.filter(product=OuterRef("pk")).exclude(price=None).order_by("price").values("price")[:1]
    variants = (StockRecord.objects.filter(product__parent=OuterRef("pk")).exclude(price=None)
                .order_by("price").values("price")[:1])
    return Coalesce(Subquery(own), Subquery(variants))


def in_stock() -> Q:
    """Some unit is free to sell: of the product, or of one of its variants (indexed, as above)."""
    free = Q(num_in_stock__gt=Coalesce(F("num_allocated"), 0))
    return (Exists(StockRecord.objects.filter(free, product=OuterRef("pk")))
            | Exists(StockRecord.objects.filter(free, product__parent=OuterRef("pk"))))


def product_cards(*, queryset: QuerySet | None = None, images: bool = True) -> QuerySet:
    """Approved, public, canonical products with what a product card shows.

    A card reads the price and availability from the first stock record, the
    artisan from that record's partner, the region and the primary image, so
    a page of cards costs a fixed number of queries whatever its length.
    ``images=False`` leaves the images to the card grid, which loads them
    only for the cards it does not find cached (fragment_tags).
    """
    queryset = Product.objects.all() if queryset is None else queryset
    return (
        queryset.browsable()
        .select_related("product_class", "region")
        .prefetch_related(live_stockrecords(), *(["images"] if images else []))
    )


def live_stockrecords() -> Prefetch:
    """A product's stock records with their artisan: its price, stock and maker."""
    return Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner__region").order_by("pk"))


def product_list(
    *,
    category=None,
    region=None,
    artisan=None,
    sort: str = SORT_NEWEST,
) -> QuerySet:
    """Browsable products, optionally within a craft category (and its
    sub-categories), a region or one artisan's work."""
    products = product_cards()
    if category is not None:
        # Filter by a subquery, not a join, so no DISTINCT is needed when a
        # product sits in several sub-categories.
        # The subtree's category ids first, so the product-category rows are
        # found through their category index instead of a scan of them all.
        subtree = Category.objects.filter(path__startswith=category.path, depth__gte=category.depth).values("pk")
        in_category = Product.categories.through.objects.filter(category__in=subtree).values("product_id")
        products = products.filter(pk__in=in_category)
    if region is not None:
        products = products.filter(region=region)
    if artisan is not None:
        # A join, not a subquery: the database then starts from the artisan's
        # few stock records instead of walking the whole catalogue newest first
        # looking for theirs. DISTINCT for an artisan with two records of one piece.
        products = products.filter(stockrecords__partner=artisan).distinct()
    if sort in (SORT_PRICE_ASC, SORT_PRICE_DESC):
        products = products.annotate(min_price=lowest_price())
    return products.order_by(*SORT_ORDERINGS.get(sort, SORT_ORDERINGS[SORT_NEWEST]))


def one_of_a_kind_available() -> QuerySet:
    """Single pieces that can still be bought, newest first.

    A sold piece (nothing left beyond what orders hold) leaves the shelf at
    once: the shelf promises pieces, not memories of them.
    """
    unsold = StockRecord.objects.filter(
        product=OuterRef("pk"), num_in_stock__gt=Coalesce(F("num_allocated"), 0)
    )
    return (
        product_cards()
        .filter(is_one_of_a_kind=True)
        .filter(Exists(unsold))
        .order_by("-date_created", "-pk")
    )


def product_search(*, query: str):
    """Browsable products matching ``query``, best match first (a sliceable
    sequence of product cards): the storefront search (shop/search/services.py),
    built on ``product_cards``."""
    from shop.search.services import product_search as search

    return search(query=query).products


def _approved_count_in_category() -> Subquery:
    """Number of approved products in the outer category's subtree."""
    products = (
        Product.objects.browsable()
        .filter(categories__path__startswith=OuterRef("path"))
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(total=Count("pk", distinct=True))
        .values("total")
    )
    return Coalesce(Subquery(products, output_field=IntegerField()), 0)


def craft_categories(*, with_products_only: bool = False) -> QuerySet:
    """Top-level categories are the crafts (Batik Tulis, Tenun, Gerabah, ...)."""
    crafts = Category.objects.browsable().filter(depth=1).annotate(num_products=_approved_count_in_category())
    if with_products_only:
        crafts = crafts.filter(num_products__gt=0)
    return crafts.order_by("path")


def _on_sale(prefix: str) -> Q:
    """``browsable()`` seen from a related model: approved, not held, public, not a variant."""
    return Q(**{
        f"{prefix}curation_state": Product.APPROVED,
        f"{prefix}certification_held": False,
        f"{prefix}is_public": True,
        f"{prefix}parent": None,
    })


def region_list(*, with_products_only: bool = False) -> QuerySet:
    """Regions with ``num_products`` on sale (what the region page lists),
    ``num_artisans`` and ``latest``, the newest product's date."""
    on_sale = _on_sale("products__")
    regions = Region.objects.annotate(
        num_products=Count("products", filter=on_sale, distinct=True),
        num_artisans=Count("artisans", distinct=True),
        latest=Max("products__date_created", filter=on_sale),
    )
    if with_products_only:
        regions = regions.filter(num_products__gt=0)
    return regions.order_by("name")


def artisan_list(*, region=None) -> QuerySet:
    """Artisans with a public page (a slug), busiest first."""
    artisans = (
        Partner.objects.exclude(slug__isnull=True)
        .exclude(slug="")
        .select_related("region")
        .annotate(
            num_products=Count("stockrecords__product", filter=_on_sale("stockrecords__product__"), distinct=True)
        )
    )
    if region is not None:
        artisans = artisans.filter(region=region)
    return artisans.order_by("-num_products", "name")


def artisan_product_ids(artisan) -> QuerySet:
    """Ids of the products an artisan stocks (the artisan of a product is its stock record's partner)."""
    return StockRecord.objects.filter(partner=artisan).values("product_id")


def region_spotlight():
    """The region with the most approved products, the newest first on ties."""
    return region_list(with_products_only=True).order_by("-num_products", "-latest").first()
