"""Pricing and availability for the gallery: IDR, tax-inclusive, curated only."""
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy


class NotCurated(availability.Unavailable):
    code = "not-curated"
    message = _("Not available: awaiting curation")

    def is_purchase_permitted(self, quantity):
        return False, _("This product has not been approved by our curators.")


class CuratedStockRequired(strategy.StockRequired):
    """Stock is required, and only curator-approved products can be bought."""

    def availability_policy(self, product, stockrecord):
        if not product.is_approved:
            return NotCurated()
        return super().availability_policy(product, stockrecord)


class GalleryStrategy(strategy.UseFirstStockRecord, CuratedStockRequired, strategy.NoTax, strategy.Structured):
    """Indonesian retail prices already include PPN, so no tax is added."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return GalleryStrategy(request)
