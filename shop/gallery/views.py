"""The gallery's own pages: home, crafts, regions and artisans."""
from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView
from oscar.core.loading import get_model

from . import selectors, summaries

Region = get_model("catalogue", "Region")
Partner = get_model("partner", "Partner")

SORT_CHOICES = [
    (selectors.SORT_NEWEST, _("Newest")),
    (selectors.SORT_PRICE_ASC, _("Price: low to high")),
    (selectors.SORT_PRICE_DESC, _("Price: high to low")),
    (selectors.SORT_TITLE, _("Title A–Z")),
]


class ProductListMixin:
    """Paginated product cards with a sort choice from the query string.

    A bad or out-of-range ``page`` shows the nearest real page instead of a
    404: shared links outlive the catalogue they were made from.
    """

    context_object_name = "products"

    def get_count_name(self) -> str | None:
        """Names the list's filter (not its sort) so its product count can be
        cached per catalogue version; None counts on every request."""
        return None

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get_sort(self):
        sort = self.request.GET.get("sort", "")
        return sort if sort in dict(SORT_CHOICES) else selectors.SORT_NEWEST

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        count_name = self.get_count_name()
        if count_name is not None:
            # Paginator.count is a cached_property: a known count saves the
            # COUNT(*) over the whole filtered catalogue.
            paginator.count = summaries.product_count(self.request, count_name, queryset)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["sort_choices"] = SORT_CHOICES
        ctx["current_sort"] = self.get_sort()
        return ctx


class HomeView(TemplateView):
    """Featured collections, all chosen from data: the crafts with approved
    work, the newest pieces, the one-of-a-kind shelf, a region spotlight and
    a few artisans."""

    template_name = "gallery/home.html"
    SHELF_SIZE = 8

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The crafts, the spotlight and the artisans rank the whole catalogue:
        # cached per catalogue version. The shelves are bounded index scans.
        ctx["crafts"] = summaries.crafts_on_sale(self.request)
        ctx["newest_products"] = selectors.product_list()[: self.SHELF_SIZE]
        ctx["one_of_a_kind_products"] = selectors.one_of_a_kind_available()[: self.SHELF_SIZE // 2]
        spotlight = summaries.spotlight_region(self.request)
        ctx["spotlight_region"] = spotlight
        if spotlight is not None:
            ctx["spotlight_products"] = selectors.product_list(region=spotlight)[:4]
        ctx["featured_artisans"] = summaries.featured_artisans(self.request)
        return ctx


class CraftListView(TemplateView):
    template_name = "gallery/crafts.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["crafts"] = summaries.crafts(self.request)
        return ctx


class RegionListView(TemplateView):
    template_name = "gallery/regions.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["regions"] = summaries.regions(self.request)
        return ctx


class RegionDetailView(ProductListMixin, ListView):
    template_name = "gallery/region_detail.html"

    def get(self, request, *args, **kwargs):
        self.region = get_object_or_404(Region, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.product_list(region=self.region, sort=self.get_sort())

    def get_count_name(self):
        return f"region:{self.region.pk}"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["region"] = self.region
        ctx["artisans"] = summaries.remembered(
            self.request, f"region-artisans:{self.region.pk}",
            lambda: list(selectors.artisan_list(region=self.region)),
        )
        return ctx


class ArtisanListView(ListView):
    template_name = "gallery/artisans.html"
    context_object_name = "artisans"
    paginate_by = 48

    def get_queryset(self):
        # Ranking artisans counts every stock record: once per catalogue version.
        return summaries.remembered(self.request, "artisans", lambda: list(selectors.artisan_list()))


class ArtisanDetailView(ProductListMixin, ListView):
    template_name = "gallery/artisan_detail.html"

    def get(self, request, *args, **kwargs):
        self.artisan = get_object_or_404(
            Partner.objects.select_related("region"), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.product_list(artisan=self.artisan, sort=self.get_sort())

    def get_count_name(self):
        return f"artisan:{self.artisan.pk}"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["artisan"] = self.artisan
        # Curation levels (shop.curation) as badges: how many of their works are live, and export ready.
        levels = summaries.artisan_levels(self.request, self.artisan)
        ctx["curated_count"] = levels["curated"]
        ctx["export_ready_count"] = levels["export_ready"]
        return ctx
