from oscar.apps.dashboard.orders.forms import *  # noqa: F401,F403
from oscar.apps.dashboard.orders.forms import ShippingAddressForm as CoreShippingAddressForm

from shop.address.forms import IndonesianAddressFormMixin


class ShippingAddressForm(IndonesianAddressFormMixin, CoreShippingAddressForm):
    """Staff correcting an order's address use the same Indonesian fields as the buyer."""
