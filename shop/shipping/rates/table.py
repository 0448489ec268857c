"""The embedded default: rates from our own tables (zones x courier services)."""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from shop.address.provinces import province_name

from ..weights import billable_kilograms
from .base import DestinationNotServed, Parcel, RateOption, RateProvider


def zone_for_province(province_code: str):
    from ..models import ProvinceZone

    row = ProvinceZone.objects.select_related("zone").filter(province_code=province_code).first()
    return row.zone if row else None


class TableRateProvider(RateProvider):
    name = "table"

    def rates(self, parcel: Parcel) -> list[RateOption]:
        from ..models import TableRate

        origin_zone = zone_for_province(parcel.origin.province_code)
        destination_zone = zone_for_province(parcel.destination.province_code)
        if destination_zone is None:
            raise DestinationNotServed(_("We do not know the province of this address. Please choose it again."))
        rows = []
        if origin_zone is not None:
            rows = list(
                TableRate.objects.select_related("service")
                .filter(origin_zone=origin_zone, destination_zone=destination_zone, service__is_active=True)
                .order_by("service__position", "service__pk")
            )
        if not rows:
            raise DestinationNotServed(
                _("No courier in our table carries parcels from %(origin)s to %(destination)s yet.")
                % {"origin": province_name(parcel.origin.province_code),
                   "destination": province_name(parcel.destination.province_code)}
            )
        options = []
        for row in rows:
            kilograms = billable_kilograms(parcel.weight_grams, tolerance_grams=row.service.rounding_tolerance_grams)
            options.append(
                RateOption(
                    courier_code=row.service.courier_code,
                    service_code=row.service.service_code,
                    courier_name=row.service.courier_name,
                    service_name=row.service.service_name,
                    price=(row.price_per_kg * kilograms).quantize(Decimal("1")),
                    etd_min_days=row.etd_min_days,
                    etd_max_days=row.etd_max_days,
                )
            )
        return options
