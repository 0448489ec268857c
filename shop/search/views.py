from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_class

from shop.gallery import selectors
from shop.gallery.views import ProductListMixin

SearchForm = get_class("search.forms", "SearchForm")


class ProductSearchView(ProductListMixin, ListView):
    """Approved products matching every word of ``q`` in title, story,
    materials, technique or artisan name."""

    template_name = "gallery/search.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.query = self.form.cleaned_data["q"].strip() if self.form.is_valid() else ""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.product_search(query=self.query)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.query
        ctx["form"] = self.form
        ctx["summary"] = _("Search")
        return ctx
