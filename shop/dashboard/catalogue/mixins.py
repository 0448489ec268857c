from oscar.apps.dashboard.catalogue import mixins as oscar_mixins
from oscar.apps.dashboard.catalogue.mixins import *  # noqa: F401,F403
from oscar.core.loading import get_class

SetProductPriceAction = get_class("dashboard.catalogue.bulk_actions", "SetProductPriceAction")


class ProductBulkActionMixin(oscar_mixins.ProductBulkActionMixin):
    # Oscar's "make public / non-public" only flip is_public, which the next
    # save sets from the curation state again: a control that does nothing.
    # Curation decides visibility (shop.curation).
    intermediate_actions = {"set_product_price": SetProductPriceAction()}
