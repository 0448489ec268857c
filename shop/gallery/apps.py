from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    """The gallery's own storefront pages: home, regions, crafts, artisans."""

    name = "shop.gallery"
    label = "gallery"
    verbose_name = _("Gallery")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from oscar.core.loading import get_model

        from .summaries import catalogue_changed

        # Everything the cached summaries and HTML fragments are computed from:
        # a product (curation, hold, region, date, story), its images and
        # certifications, its stock records (which artisan sells it), its
        # categories, and the categories, regions and artisans themselves.
        # Queryset update()s send no signal: none of ours touches these fields
        # (stock and price are never cached).
        for model in (
            get_model("catalogue", "Product"),
            get_model("catalogue", "ProductImage"),
            get_model("catalogue", "Certification"),
            get_model("catalogue", "Category"),
            get_model("catalogue", "ProductClass"),
            get_model("catalogue", "Option"),
            get_model("catalogue", "Region"),
            get_model("partner", "Partner"),
            get_model("partner", "StockRecord"),
        ):
            post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"gallery-summaries-save-{model.__name__}")
            post_delete.connect(
                catalogue_changed, sender=model, dispatch_uid=f"gallery-summaries-delete-{model.__name__}"
            )
        m2m_changed.connect(
            catalogue_changed,
            sender=get_model("catalogue", "Product").categories.through,
            dispatch_uid="gallery-summaries-categories",
        )
        # Whether a product has options decides its basket form (cached with the product row).
        for through in (get_model("catalogue", "Product").product_options.through,
                        get_model("catalogue", "ProductClass").options.through):
            m2m_changed.connect(catalogue_changed, sender=through, dispatch_uid=f"gallery-options-{through.__name__}")
