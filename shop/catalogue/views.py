"""Catalogue browsing from the database instead of Haystack.

Oscar's CatalogueView and ProductCategoryView come from the search app and
list nothing with the SimpleEngine (Oscar #4366); Whoosh lists them slowly.
These ORM views keep Oscar's URLs, names and templates; the catalogue app
config picks them up through ``get_class("catalogue.views", ...)``.
"""
from urllib.parse import unquote

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from shop.gallery import selectors, summaries
from shop.gallery.views import ProductListMixin

Category = get_model("catalogue", "Category")
Region = get_model("catalogue", "Region")


class CatalogueView(ProductListMixin, ListView):
    """All approved products, optionally narrowed to one region."""

    template_name = "oscar/catalogue/browse.html"

    def get(self, request, *args, **kwargs):
        slug = request.GET.get("region")
        self.region = Region.objects.filter(slug=slug).first() if slug else None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.product_list(region=self.region, sort=self.get_sort())

    def get_count_name(self):
        return f"all:{self.region.pk if self.region else ''}"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = _("All products")
        ctx["region"] = self.region
        ctx["crafts"] = summaries.crafts_on_sale(self.request)
        return ctx


class ProductCategoryView(ProductListMixin, ListView):
    """Approved products in a craft category and its sub-categories."""

    template_name = "oscar/catalogue/category.html"
    enforce_paths = True

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public and self.category.ancestors_are_public) and not request.user.is_staff:
            raise Http404()
        # Categories are found by pk so a renamed slug still resolves; send
        # visitors to the canonical URL, as Oscar's own view does. Oscar keeps a
        # sub-category's URL in the default cache for its timeout only (then
        # reads its ancestors again): here it is kept per catalogue version.
        expected_path = summaries.remembered(
            request, f"category-url:{get_language()}:{self.category.pk}", self.category.get_absolute_url
        )
        if self.enforce_paths and unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.product_list(category=self.category, sort=self.get_sort())

    def get_count_name(self):
        return f"category:{self.category.pk}"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.name
        category = self.category
        ctx["ancestors"] = Category.objects.filter(
            path__in=[category.path[:i] for i in range(Category.steplen, len(category.path), Category.steplen)]
        ).order_by("depth")
        ctx["subcategories"] = Category.objects.filter(
            path__startswith=category.path, depth=category.depth + 1, is_public=True
        ).order_by("path")
        ctx["crafts"] = summaries.crafts_on_sale(self.request)
        return ctx


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, with curation as the gate for non-staff visitors.

    The parts of the page that are the same for every buyer are cached HTML
    (templates/oscar/catalogue/detail.html), so what only they show (images,
    certificates, categories, the artisan's other pieces) is loaded lazily:
    a request that finds them cached does not query for them.
    """

    # The gallery has one product template (no per-UPC or per-class ones to look for).
    template_name = "oscar/catalogue/detail.html"

    def get_object(self, queryset=None):
        # The product row is cached per catalogue version (a change to it gives a
        # new one); its stock records per stock version (get_context_data).
        if hasattr(self, "object"):
            return self.object
        product = summaries.product(self.request, self.kwargs["pk"])
        if product is None:
            raise Http404()
        return product

    def is_viewable(self, product, request):
        # is_public follows curation on save(); checking the curation state
        # too keeps a bulk update() of is_public from exposing a draft.
        owner = product.parent if product.is_child else product
        on_sale = owner.is_approved and not owner.certification_held
        return (on_sale and super().is_viewable(product, request)) or request.user.is_staff

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        shelf = summaries.more_from_artisan(self.request, product)
        # Price, stock and the artisan of the piece and of its shelf: cached per stock version.
        summaries.give_stockrecords(self.request, f"product-page:{product.pk}", [product, *shelf])
        ctx["artisan"] = product.artisan
        ctx["more_from_artisan"] = shelf
        # Only what a curator approved is shown to buyers (a pending renewal is not yet).
        ctx["certifications"] = SimpleLazyObject(lambda: [c for c in product.certifications.all() if c.is_approved])
        ctx["category"] = SimpleLazyObject(product.categories.first)
        return ctx
