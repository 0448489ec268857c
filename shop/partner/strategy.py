"""Pricing and availability for the gallery: IDR, tax-inclusive, curated only."""
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy


class NotCurated(availability.Unavailable):
    code = "not-curated"
    message = _("Not available: awaiting curation")

    def is_purchase_permitted(self, quantity):
        return False, _("This product has not been approved by our curators.")


class HeldForCertification(availability.Unavailable):
    code = "certification-held"
    message = _("Not available: awaiting a valid certificate")

    def is_purchase_permitted(self, quantity):
        return False, _("This product is off sale until its certificate is renewed and approved.")


class CuratedStockRequired(strategy.StockRequired):
    """Stock is required, and only curator-approved products with the certificates
    their craft requires can be bought."""

    def availability_policy(self, product, stockrecord):
        if not product.is_approved:
            return NotCurated()
        owner = product.parent if product.is_child else product
        if owner.certification_held:
            return HeldForCertification()
        return super().availability_policy(product, stockrecord)


class GalleryStrategy(strategy.UseFirstStockRecord, CuratedStockRequired, strategy.NoTax, strategy.Structured):
    """Indonesian retail prices already include PPN, so no tax is added."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return GalleryStrategy(request)
