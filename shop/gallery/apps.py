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

        from shop.partner.signals import stockrecords_updated

        from .summaries import catalogue_changed, catalogue_changed_unless_stock, stock_changed

        # Everything the cached summaries and HTML fragments are computed from:
        # a product (curation, hold, region, date, story), its images and
        # certifications, its categories, and the categories, regions and
        # artisans themselves; stock records below. Queryset update()s send no
        # post_save: none of ours touches these models.
        for model in (
            get_model("catalogue", "Product"),
            get_model("catalogue", "ProductImage"),
            get_model("catalogue", "Certification"),
            get_model("catalogue", "Category"),
            get_model("catalogue", "ProductClass"),
            get_model("catalogue", "Option"),
            get_model("catalogue", "Region"),
            get_model("partner", "Partner"),
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
        # Stock records: which artisan sells a product belongs to the catalogue;
        # a save of prices or stock levels only, Oscar's allocation moves and
        # our price edits (queryset update()s, shop/partner/models.py) renew
        # the stock version alone, so a sale keeps every catalogue cache.
        StockRecord = get_model("partner", "StockRecord")
        post_save.connect(catalogue_changed_unless_stock, sender=StockRecord,
                          dispatch_uid="gallery-summaries-save-StockRecord")
        post_delete.connect(catalogue_changed, sender=StockRecord, dispatch_uid="gallery-summaries-delete-StockRecord")
        post_save.connect(stock_changed, sender=StockRecord, dispatch_uid="gallery-stock-save")
        post_delete.connect(stock_changed, sender=StockRecord, dispatch_uid="gallery-stock-delete")
        stockrecords_updated.connect(stock_changed, sender=StockRecord, dispatch_uid="gallery-stock-update")
