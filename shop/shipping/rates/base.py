"""The interface every rate provider implements, and how one is chosen.

A provider answers one question: which courier services can carry this parcel
from here to there, at what price and in how many days. Providers raise
``ProviderUnavailable`` when they cannot answer now (timeout, 5xx, bad
credentials: checkout then falls back to the table) and
``DestinationNotServed`` when the answer is "nowhere" (the buyer must change
the address; its message is shown to them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.module_loading import import_string


class RateProviderError(Exception):
    pass


class ProviderUnavailable(RateProviderError):
    """The provider did not answer usefully in time; another provider may."""


class DestinationNotServed(RateProviderError):
    """No service reaches this destination (or it is not a real place); str() is for the buyer."""


@dataclass(frozen=True)
class Place:
    province_code: str  # ISO 3166-2:ID, e.g. "ID-JI"
    city: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class ParcelItem:
    name: str
    quantity: int
    value: Decimal  # rupiah, per piece
    weight_grams: int  # per piece, as packed
    length_cm: int
    width_cm: int
    height_cm: int


@dataclass(frozen=True)
class Parcel:
    origin: Place
    destination: Place
    weight_grams: int  # chargeable: volumetric where larger, crates included
    items: tuple[ParcelItem, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RateOption:
    courier_code: str
    service_code: str
    courier_name: str
    service_name: str
    price: Decimal  # whole rupiah
    etd_min_days: int
    etd_max_days: int

    @property
    def code(self) -> str:
        return f"{self.courier_code}-{self.service_code}"


class RateProvider:
    """Subclasses set ``name`` and implement ``rates``."""

    name = ""

    def rates(self, parcel: Parcel) -> list[RateOption]:
        raise NotImplementedError(f"{type(self).__name__} must implement rates()")


PROVIDERS = {
    "table": "shop.shipping.rates.table.TableRateProvider",
    "biteship": "shop.shipping.rates.biteship.provider.BiteshipRateProvider",
}


def rate_provider(name: str | None = None) -> RateProvider:
    """The provider named in settings (or ``name``)."""
    name = name or settings.SHIPPING_RATE_PROVIDER
    try:
        path = PROVIDERS[name]
    except KeyError:
        raise RateProviderError(
            f"Unknown SHIPPING_RATE_PROVIDER {name!r}; choose one of {sorted(PROVIDERS)}"
        ) from None
    return import_string(path)()
