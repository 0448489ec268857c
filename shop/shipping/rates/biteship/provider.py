"""Biteship as a rate provider: our parcel in, our RateOptions out."""
from __future__ import annotations

import logging
import re
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from ..base import DestinationNotServed, Parcel, ProviderUnavailable, RateOption, RateProvider
from .client import BiteshipClient, BiteshipError, BiteshipUnreachable

logger = logging.getLogger("shop.shipping")

POSTCODE = re.compile(r"^\d{5}$")
# "1 - 2" (days); a single number means the same day count both ends.
DURATION = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")
# Biteship's status codes that mean our side is wrong, not the buyer's address.
OUR_FAULT_STATUSES = {401, 402, 403, 404, 429}


class BiteshipRateProvider(RateProvider):
    name = "biteship"

    def __init__(self, client: BiteshipClient | None = None):
        self.client = client or BiteshipClient(
            api_base=settings.BITESHIP_API_BASE, api_key=settings.BITESHIP_API_KEY,
            timeout=settings.SHIPPING_RATE_TIMEOUT,
        )

    def rates(self, parcel: Parcel) -> list[RateOption]:
        if not self.client.api_key:
            raise ProviderUnavailable("BITESHIP_API_KEY is not set")
        if not POSTCODE.match(parcel.origin.postcode or ""):
            # The artisan's address lacks a postcode: our data, not the buyer's problem.
            raise ProviderUnavailable(f"origin has no 5-digit postcode ({parcel.origin.postcode!r})")
        if not POSTCODE.match(parcel.destination.postcode or ""):
            raise DestinationNotServed(_("Couriers need the 5-digit postcode of the address. Please check it."))
        try:
            data = self.client.courier_rates(
                origin_postal_code=int(parcel.origin.postcode),
                destination_postal_code=int(parcel.destination.postcode),
                couriers=settings.BITESHIP_COURIERS,
                items=[self._item(item) for item in parcel.items],
            )
        except BiteshipUnreachable as exc:
            raise ProviderUnavailable(str(exc)) from exc
        except BiteshipError as exc:
            if exc.status in OUR_FAULT_STATUSES:
                logger.error("Biteship refused our request (%s %s): %s", exc.status, exc.code, exc)
                raise ProviderUnavailable(str(exc)) from exc
            logger.info("Biteship cannot price postcode %s: %s", parcel.destination.postcode, exc)
            raise DestinationNotServed(
                _("Couriers do not recognise postcode %(postcode)s. Please check the postcode of the address.")
                % {"postcode": parcel.destination.postcode}
            ) from exc
        options = [option for option in map(self._option, data.get("pricing") or []) if option is not None]
        if not options:
            raise DestinationNotServed(_("No courier delivers to this address. Please check the postcode."))
        return options

    @staticmethod
    def _item(item) -> dict:
        return {
            "name": item.name[:100],
            "value": int(item.value),
            "quantity": item.quantity,
            "weight": item.weight_grams,
            "length": item.length_cm,
            "width": item.width_cm,
            "height": item.height_cm,
        }

    @staticmethod
    def _option(row: dict) -> RateOption | None:
        try:
            price = Decimal(str(row["price"])).quantize(Decimal("1"))
            courier_code = str(row["courier_code"])
            service_code = str(row["courier_service_code"])
        except (KeyError, ArithmeticError, ValueError):
            logger.warning("Biteship pricing row without price/codes skipped: %r", row)
            return None
        match = DURATION.search(str(row.get("shipment_duration_range") or row.get("duration") or ""))
        low = int(match.group(1)) if match else 0
        high = int(match.group(2) or low) if match else 0
        if str(row.get("shipment_duration_unit") or "days").startswith("hour"):
            low, high = 0, 1  # instant couriers: same day
        return RateOption(
            courier_code=courier_code,
            service_code=service_code,
            courier_name=str(row.get("courier_name") or courier_code.upper()),
            service_name=str(row.get("courier_service_name") or service_code.upper()),
            price=price,
            etd_min_days=low,
            etd_max_days=high,
        )
