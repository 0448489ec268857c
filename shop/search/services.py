"""Storefront search: understanding a query, ranking, facets and what to offer
when nothing matches. Views call ``product_search``; backends do the matching.

Every result set starts from ``shop.gallery.selectors.product_cards`` so
search shows exactly what the browse pages may show (curation, certificate
holds), and every facet is one GROUP BY or aggregate query, so the page costs
the same number of queries for 3 matches or 3,000.
"""
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.gallery import selectors, summaries

from . import text
from .backends import get_backend
from .backends.base import ParsedQuery
from .documents import valid_certifications
from .indexing import pending_catch_up
from .models import SearchTerm

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Region = get_model("catalogue", "Region")
Certification = get_model("catalogue", "Certification")
StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")

SORT_RELEVANCE = "relevance"
SORTS = (SORT_RELEVANCE, selectors.SORT_NEWEST, selectors.SORT_PRICE_ASC, selectors.SORT_PRICE_DESC)

#: Price bands in whole rupiah: (key, lower bound, upper bound or None, label).
PRICE_BANDS = (
    ("0-100000", 0, 100_000, _("Under Rp 100.000")),
    ("100000-250000", 100_000, 250_000, _("Rp 100.000 – 250.000")),
    ("250000-500000", 250_000, 500_000, _("Rp 250.000 – 500.000")),
    ("500000-1000000", 500_000, 1_000_000, _("Rp 500.000 – 1.000.000")),
    ("1000000-", 1_000_000, None, _("Over Rp 1.000.000")),
)
FACET_PARAMS = ("craft", "region", "price", "cert", "export", "stock")
POPULAR_COUNT = 8
EXPORT_READY_BOOST = 1.15


@dataclass(frozen=True)
class Filters:
    """The facet choices of a search, as kept in the URL."""

    craft: str = ""
    region: str = ""
    price: str = ""
    cert: str = ""
    export: bool = False
    stock: bool = False

    @classmethod
    def from_params(cls, params) -> "Filters":
        bands = {band[0] for band in PRICE_BANDS}
        kinds = {kind for kind, _label in Certification.KIND_CHOICES}
        return cls(
            craft=params.get("craft", "")[:100],
            region=params.get("region", "")[:100],
            price=params.get("price", "") if params.get("price", "") in bands else "",
            cert=params.get("cert", "") if params.get("cert", "") in kinds else "",
            export=params.get("export") == "1",
            stock=params.get("stock") == "1",
        )

    def active(self) -> bool:
        return any(getattr(self, name) for name in FACET_PARAMS)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    parsed: ParsedQuery
    products: "QuerySet | RankedProducts"
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    #: The query with misspelt words replaced ("btik" -> "batik"), if any were.
    corrected: str = ""


def query_parse(raw: str) -> tuple[ParsedQuery, str]:
    """Word groups for the backend, and the corrected query if a word was unknown.

    A group holds the word, its Sastrawi stem and, for a word no product
    holds, the closest indexed words ("sambel" -> "sambal").
    """
    words = text.query_words(raw)
    if not words:
        return ParsedQuery(groups=()), ""
    stems = {word: text.stem(word) for word in words}
    known = set(SearchTerm.objects.filter(term__in=set(words) | set(stems.values())).values_list("term", flat=True))
    places = _place_words()
    backend = get_backend()
    groups, place_groups, corrected, changed = [], set(), [], False
    for index, word in enumerate(words):
        alternatives = [word, stems[word]]
        replacement = word
        if word not in known and stems[word] not in known and not word.isdigit():
            similar = backend.similar_terms(word, limit=1)
            if similar:
                alternatives += similar
                replacement, changed = similar[0], True
        if family := text.english_family(word):
            alternatives.append(f"{family}*")
        if replacement in places:
            place_groups.add(index)
        groups.append(tuple(dict.fromkeys(alternatives)))
        corrected.append(replacement)
    return ParsedQuery(groups=tuple(groups), places=frozenset(place_groups)), " ".join(corrected) if changed else ""


def _place_words() -> set[str]:
    """Single-word names of regions and areas (one small query)."""
    names = {text.fold(name) for name in Region.objects.values_list("name", flat=True)}
    names.update(text.AREA_ALIASES)
    return {name for name in names if " " not in name}


def _price_band(price) -> str:
    return next(key for key, low, high, _label in PRICE_BANDS if price >= low and (high is None or price < high))


def _min_price():
    return selectors.lowest_price()


def _in_stock():
    return selectors.in_stock()


def _craft_subtree(slug: str):
    craft = Category.objects.filter(depth=1, slug=slug).values("path")[:1]
    return Product.categories.through.objects.filter(
        category__path__startswith=Subquery(craft)
    ).values("product_id")


def filters_apply(products: QuerySet, filters: Filters, *, skip: str = "") -> QuerySet:
    """Narrow ``products`` by every facet choice except ``skip`` (a facet's own
    counts ignore its own choice, so a buyer sees what switching would give)."""
    if filters.craft and skip != "craft":
        products = products.filter(pk__in=_craft_subtree(filters.craft))
    if filters.region and skip != "region":
        products = products.filter(region__slug=filters.region)
    if filters.price and skip != "price":
        _key, low, high, _label = next(band for band in PRICE_BANDS if band[0] == filters.price)
        products = products.annotate(facet_price=_min_price()).filter(facet_price__gte=Decimal(low))
        if high is not None:
            products = products.filter(facet_price__lt=Decimal(high))
    if filters.cert and skip != "cert":
        holders = Certification.objects.filter(valid_certifications(), kind=filters.cert).values("product_id")
        products = products.filter(pk__in=holders)
    if filters.export and skip != "export":
        products = products.filter(export_ready=True)
    if filters.stock and skip != "stock":
        products = products.filter(_in_stock())
    return products


def facets_count(matching: QuerySet, filters: Filters) -> dict[str, list[FacetValue]]:
    """The facets computed from catalogue data (craft, region, certification,
    export ready) over ``matching`` (search hits, before facets), each with the
    other facets' choices applied: a query or two per facet. Price and in-stock
    follow the stock records: ``stock_facets``."""
    def ids(skip):
        return filters_apply(matching, filters, skip=skip).order_by().values("pk")

    by_root = _craft_counts(ids("craft"))
    crafts = Category.objects.filter(depth=1, path__in=list(by_root)).order_by("path")
    regions = (
        filters_apply(matching, filters, skip="region").exclude(region=None).order_by()
        .values("region__slug", "region__name").annotate(n=Count("pk")).order_by("region__name")
    )
    held = dict(
        Certification.objects.filter(valid_certifications(), product_id__in=ids("cert"))
        .values("kind").annotate(n=Count("product_id", distinct=True)).values_list("kind", "n")
    )
    export = filters_apply(matching, filters, skip="export").filter(export_ready=True).count()
    return {
        "craft": [FacetValue(c.slug, c.display_name, by_root[c.path], c.slug == filters.craft) for c in crafts],
        "region": [FacetValue(r["region__slug"], r["region__name"], r["n"], r["region__slug"] == filters.region)
                   for r in regions],
        "cert": [FacetValue(kind, str(label), held[kind], kind == filters.cert)
                 for kind, label in Certification.KIND_CHOICES if held.get(kind)],
        "export": [FacetValue("1", _("Export ready"), export, filters.export)] if export else [],
    }


def _stock_levels(products: QuerySet) -> tuple[dict, set]:
    """Each of ``products``' lowest price (its own stock records', else its
    variants', as ``selectors.lowest_price``) and which have a unit free to
    sell (``selectors.in_stock``), from one read of their stock records."""
    chosen = products.order_by().values("pk")
    records = (StockRecord.objects.filter(Q(product__in=chosen) | Q(product__parent__in=chosen))
               .values_list("product_id", "product__parent_id", "price", "num_in_stock", "num_allocated"))
    own, of_variants, available = {}, {}, set()
    for product_id, parent_id, price, in_stock, allocated in records:
        lowest = of_variants if parent_id else own
        owner = parent_id or product_id
        if price is not None and (owner not in lowest or price < lowest[owner]):
            lowest[owner] = price
        if (in_stock or 0) > (allocated or 0):
            available.add(owner)
    return {**of_variants, **own}, available


def stock_facets(matching: QuerySet, filters: Filters) -> dict[str, list[FacetValue]]:
    """The price-band and in-stock facets over ``matching``, each with the other
    facets' choices applied: one read of stock records (two when the buyer
    chose a price band or "available now", as each facet ignores its own)."""
    priced = filters_apply(matching, filters, skip="price")
    lowest, _available = _stock_levels(priced)
    if filters.price or filters.stock:
        _lowest, available = _stock_levels(filters_apply(matching, filters, skip="stock"))
    else:
        available = _available
    bands = Counter(_price_band(price) for price in lowest.values())
    return {
        "price": [FacetValue(key, label, bands[key], key == filters.price)
                  for key, _low, _high, label in PRICE_BANDS if bands[key]],
        "stock": [FacetValue("1", _("Available now"), len(available), filters.stock)] if available else [],
    }


class RankedProducts:
    """Matching products in relevance order, for a paginator: ordered by id
    once (one query), then only the shown page's cards are loaded.

    Relevance is the backend's rank, times EXPORT_READY_BOOST for the
    council's export-ready level (siap ekspor), which lifts a piece a little
    above nearly equally relevant ones; ties go to the newest.
    """

    def __init__(self, products: QuerySet, ranks: dict[int, float], ids: list[int] | None = None):
        self.ranks = ranks
        if ids is None:
            rows = products.order_by().values_list("pk", "export_ready", "date_created")
            ordered = sorted(
                rows,
                key=lambda row: (-ranks.get(row[0], 0.0) * (EXPORT_READY_BOOST if row[1] else 1.0),
                                 -row[2].timestamp(), -row[0]),
            )
            ids = [row[0] for row in ordered]
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        ids = self.ids[index]
        cards = selectors.product_cards().in_bulk(ids)
        products = [cards[pk] for pk in ids if pk in cards]
        for product in products:
            product.search_rank = self.ranks.get(product.pk, 0.0)
        return products


def product_search(*, query: str, filters: Filters | None = None, sort: str = SORT_RELEVANCE,
                   request=None) -> SearchResults:
    """Browsable products matching ``query`` (every word, stemmed, misspellings
    corrected), narrowed by ``filters``, in ``sort`` order, with facet counts.
    ``request``, when there is one, reads the catalogue version once for the page."""
    filters = filters or Filters()
    pending_catch_up()
    parsed, corrected = query_parse(query)
    if not parsed:
        return SearchResults(query=query, parsed=parsed, products=selectors.product_cards().none())
    backend = get_backend()
    matching = backend.filter(selectors.product_cards(), parsed)
    # Which products match, in what order, and the catalogue facets are cached
    # per catalogue version, language and day (certificates expire); the index
    # is current (pending_catch_up above). The price and in-stock facets, and
    # everything once the buyer narrowed by price or stock, are cached under
    # the stock version too, which every price edit and stock move renews.
    name = "search:" + hashlib.sha256(repr(
        (parsed.groups, filters, get_language(), str(timezone.localdate()))
    ).encode()).hexdigest()

    def compute():
        found = {"facets": facets_count(matching, filters)}
        if sort == SORT_RELEVANCE:
            found["ranks"] = backend.ranks(parsed)
            found["ids"] = RankedProducts(filters_apply(matching, filters), found["ranks"]).ids
        return found

    narrowed_by_stock = bool(filters.price or filters.stock)
    version = summaries.stock_version if narrowed_by_stock else summaries.current_version
    found = summaries.remembered(request, f"{name}:{sort == SORT_RELEVANCE}", compute, version=version)
    stock = summaries.remembered(request, f"{name}:stock", lambda: stock_facets(matching, filters),
                                 version=summaries.stock_version)
    facets = {**found["facets"], **stock}
    facets = {kind: facets[kind] for kind in FACET_PARAMS if kind in facets}
    if sort == SORT_RELEVANCE:
        products = RankedProducts(matching, found["ranks"], ids=found["ids"])
    else:
        products = filters_apply(matching, filters)
        if sort in (selectors.SORT_PRICE_ASC, selectors.SORT_PRICE_DESC):
            products = products.annotate(min_price=_min_price())
        products = products.order_by(*selectors.SORT_ORDERINGS[sort])
    return SearchResults(query=query, parsed=parsed, products=products, facets=facets, corrected=corrected)


def query_suggest(raw: str) -> str:
    """For a query nothing matches: the same query without the words no
    product holds (even after correction), if what remains finds something."""
    parsed, corrected = query_parse(raw)
    words = (corrected or " ".join(text.query_words(raw))).split()
    if not parsed or len(words) != len(parsed.groups):
        return ""
    known = set(SearchTerm.objects.filter(term__in=set(words)).values_list("term", flat=True))
    kept = [(word, group) for word, group in zip(words, parsed.groups, strict=True) if word in known]
    if not kept or len(kept) == len(words):
        return ""
    narrower = ParsedQuery(groups=tuple(group for _word, group in kept))
    if not get_backend().filter(selectors.product_cards(), narrower).exists():
        return ""
    return " ".join(word for word, _group in kept)


def nearby_crafts(parsed: ParsedQuery, *, limit: int = 6) -> list:
    """Crafts holding pieces that match any one word of the query (each with
    ``num_products``); the crafts with the most pieces when no word matches."""
    if parsed:
        partial = get_backend().filter(selectors.product_cards(), parsed.any_word()).order_by().values("pk")
        counts = _craft_counts(partial)
        crafts = sorted(Category.objects.filter(depth=1, path__in=list(counts)),
                        key=lambda craft: (-counts[craft.path], craft.path))[:limit]
        for craft in crafts:
            craft.num_products = counts[craft.path]
        if crafts:
            return crafts
    return list(selectors.craft_categories(with_products_only=True).order_by("-num_products", "path")[:limit])


def _craft_counts(product_ids) -> dict[str, int]:
    """Top-level category path -> number of the given products in its subtree."""
    return dict(
        Product.categories.through.objects.filter(product_id__in=product_ids)
        .annotate(root=Substr("category__path", 1, Category.steplen))
        .values("root").annotate(n=Count("product_id", distinct=True)).values_list("root", "n")
    )


def popular_products(*, limit: int = POPULAR_COUNT) -> list:
    """The most bought pieces on the storefront, topped up with the newest."""
    browsable = Product.objects.browsable().values("pk")
    best = list(
        Line.objects.filter(product_id__in=browsable).values("product_id")
        .annotate(sold=Sum("quantity")).order_by("-sold", "product_id").values_list("product_id", flat=True)[:limit]
    )
    cards = {p.pk: p for p in selectors.product_cards().filter(pk__in=best)}
    products = [cards[pk] for pk in best if pk in cards]
    if len(products) < limit:
        products += list(selectors.product_list().exclude(pk__in=best)[: limit - len(products)])
    return products
