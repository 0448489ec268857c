import oscar.apps.search.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class SearchConfig(apps.SearchConfig):
    """Storefront search: ranked full-text search with facets behind one
    backend interface (shop/search/backends; docs/search.md).

    Oscar's faceted Haystack view is not wired: the SimpleEngine misbehaves
    on browse pages (Oscar #4366) and Whoosh is slow.
    """

    name = "shop.search"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the check, connects the indexing receivers)

        self.search_view = get_class("search.views", "ProductSearchView")

    def get_urls(self):
        urlpatterns = [path("", self.search_view.as_view(), name="search")]
        return self.post_process_urls(urlpatterns)
