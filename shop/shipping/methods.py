from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F401,F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

#: The placeholder's code: never stored as the buyer's choice, never paid.
RATES_PENDING_CODE = "rates-pending"


class ParcelCouriers(Base):
    """The couriers a buyer chose for each artisan's parcel (one ``RateQuote``)."""

    name = _("Courier per artisan's parcel")
    description = _("Each artisan ships their pieces from their own regency.")

    def __init__(self, quote, parcels):
        self.quote = quote
        self.parcels = parcels  # shop.shipping.services.chosen_parcels(quote)
        self.code = f"parcels-{quote.pk}"

    def calculate(self, basket):
        total = sum((parcel["fee"] for parcel in self.parcels), Decimal("0"))
        return prices.Price(currency=basket.currency or settings.OSCAR_DEFAULT_CURRENCY, excl_tax=total, incl_tax=total)


class RatesPending(Base):
    """Shown on the basket page before an address is known: shipping is priced at checkout."""

    code = RATES_PENDING_CODE
    name = _("Shipping, priced per artisan at checkout")
    is_pending = True

    def calculate(self, basket):
        zero = Decimal("0.00")
        return prices.Price(currency=basket.currency or settings.OSCAR_DEFAULT_CURRENCY, excl_tax=zero, incl_tax=zero)
