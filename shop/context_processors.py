"""Header navigation: the crafts and regions that have work on sale."""
from django.utils.functional import SimpleLazyObject


def gallery_navigation(request):
    # Lazy, so responses that never render the header (redirects, the
    # dashboard) pay nothing for it; cached per catalogue version
    # (shop/gallery/summaries.py), so it costs the same at any catalogue size.
    from shop.gallery import summaries

    return {
        "nav_crafts": SimpleLazyObject(lambda: summaries.crafts_on_sale(request)),
        "nav_regions": SimpleLazyObject(lambda: summaries.regions_on_sale(request)),
    }
