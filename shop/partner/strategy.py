"""Pricing and availability for the gallery: IDR, tax-inclusive, curated only."""
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy
from oscar.core.loading import get_model


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

    def fetch_for_line(self, line, stockrecord=None):
        # A basket page prices every line twice (offers, then the page). The
        # line already carries its stock record (the one its order will use),
        # and the product classes (a handful of rows) are cached with the
        # catalogue: otherwise each line costs a stock record and a product
        # class query, twice.
        product = line.product
        give_product_class(self.request, product)
        return self.fetch_for_product(product, stockrecord or line.stockrecord)


def give_product_class(request, product) -> None:
    """Set ``product``'s class from the cached classes (every product class by
    id, cached per catalogue version: a saved class gives a new one) unless it
    is loaded already, so reading it costs no query."""
    from shop.gallery import summaries

    if product.product_class_id is None or type(product).product_class.is_cached(product):
        return
    ProductClass = get_model("catalogue", "ProductClass")
    classes = summaries.remembered(request, "product-classes", lambda: ProductClass.objects.in_bulk())
    product.product_class = classes[product.product_class_id]


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return GalleryStrategy(request)
