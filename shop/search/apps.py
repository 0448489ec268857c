import oscar.apps.search.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class SearchConfig(apps.SearchConfig):
    """Storefront search is a small ORM query over approved products.

    Oscar's faceted Haystack view is not wired: the SimpleEngine misbehaves
    on browse pages (Oscar #4366) and Whoosh is slow. A real search engine
    for a large catalogue is a settings choice for its own issue.
    """

    name = "shop.search"

    def ready(self):
        self.search_view = get_class("search.views", "ProductSearchView")

    def get_urls(self):
        urlpatterns = [path("", self.search_view.as_view(), name="search")]
        return self.post_process_urls(urlpatterns)
