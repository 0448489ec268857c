from oscar.apps.checkout.forms import *  # noqa: F401,F403
from oscar.apps.checkout.forms import ShippingAddressForm as CoreShippingAddressForm

from shop.address.forms import IndonesianAddressFormMixin


class ShippingAddressForm(IndonesianAddressFormMixin, CoreShippingAddressForm):
    """Checkout's shipping address step, as an Indonesian courier needs it (see shop/address/forms.py)."""

    def adjust_country_field(self):
        # The gallery ships within Indonesia only: the country is set, never offered.
        self.fields.pop("country", None)
