from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    """The gallery's own storefront pages: home, regions, crafts, artisans."""

    name = "shop.gallery"
    label = "gallery"
    verbose_name = _("Gallery")
