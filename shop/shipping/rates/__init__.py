"""Courier rate providers behind one interface, chosen by ``SHIPPING_RATE_PROVIDER``."""
from .base import (  # noqa: F401
    DestinationNotServed,
    Parcel,
    ParcelItem,
    Place,
    ProviderUnavailable,
    RateOption,
    RateProvider,
    RateProviderError,
    rate_provider,
)
