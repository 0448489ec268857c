from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_class

from shop.gallery import selectors
from shop.gallery.views import ProductListMixin

from . import services

SearchForm = get_class("search.forms", "SearchForm")

SORT_CHOICES = [
    (services.SORT_RELEVANCE, _("Best match")),
    (selectors.SORT_NEWEST, _("Newest")),
    (selectors.SORT_PRICE_ASC, _("Price: low to high")),
    (selectors.SORT_PRICE_DESC, _("Price: high to low")),
]
FACET_TITLES = [
    ("craft", _("Craft")),
    ("region", _("Region")),
    ("price", _("Price")),
    ("cert", _("Certification")),
    ("export", _("Curation level")),
    ("stock", _("Availability")),
]


class ProductSearchView(ProductListMixin, ListView):
    """Ranked search with facets (shop/search/services.py); every choice lives
    in the query string, so a filtered search can be shared or bookmarked."""

    template_name = "gallery/search.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.query = self.form.cleaned_data["q"].strip() if self.form.is_valid() else ""
        self.filters = services.Filters.from_params(request.GET)
        self.results = services.product_search(query=self.query, filters=self.filters, sort=self.get_sort(),
                                               request=self.request)
        return super().get(request, *args, **kwargs)

    def get_sort(self):
        sort = self.request.GET.get("sort", "")
        return sort if sort in services.SORTS else services.SORT_RELEVANCE

    def get_queryset(self):
        return self.results.products

    def _url(self, **changes) -> str:
        """This page's URL with ``changes`` applied (None removes a parameter)
        and back to the first page."""
        params = self.request.GET.copy()
        params.pop("page", None)
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        encoded = params.urlencode()
        return f"{self.request.path}?{encoded}" if encoded else self.request.path

    def _facet_groups(self):
        groups = []
        for param, title in FACET_TITLES:
            values = self.results.facets.get(param, [])
            for value in values:
                value.url = self._url(**{param: None if value.selected else value.value})
            if values:
                groups.append({"param": param, "title": title, "values": values,
                               "open": any(v.selected for v in values)})
        return groups

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.query
        ctx["form"] = self.form
        ctx["summary"] = _("Search")
        ctx["sort_choices"] = SORT_CHOICES
        ctx["facet_groups"] = self._facet_groups()
        ctx["active_filters"] = [
            {"label": value.label, "url": value.url}
            for group in ctx["facet_groups"] for value in group["values"] if value.selected
        ]
        ctx["clear_filters_url"] = self._url(**{param: None for param in services.FACET_PARAMS})
        found = ctx["paginator"].count
        suggestion = self.results.corrected if found else ""
        if self.query and not found and not self.filters.active():
            # Nothing matches: never a bare "no products" (issue #10).
            suggestion = services.query_suggest(self.query)
            ctx["nearby_crafts"] = services.nearby_crafts(self.results.parsed)
            ctx["popular_products"] = services.popular_products()
        if suggestion:
            ctx["corrected_query"] = suggestion
            ctx["corrected_url"] = self._url(q=suggestion)
        return ctx
