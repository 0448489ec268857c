"""Header navigation: the crafts and regions that have approved work."""
from django.utils.functional import SimpleLazyObject


def gallery_navigation(request):
    # Lazy, so responses that never render the header (redirects, the
    # dashboard) pay no query for it.
    from shop.gallery import selectors

    return {
        "nav_crafts": SimpleLazyObject(lambda: list(selectors.craft_categories(with_products_only=True))),
        "nav_regions": SimpleLazyObject(lambda: list(selectors.region_list(with_products_only=True))),
    }
