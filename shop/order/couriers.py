"""Couriers an artisan ships with, and where a buyer follows a parcel.

Codes are short lowercase names (the ones Indonesian rate aggregators use: ``jne``,
``jnt``, ``sicepat``, ...), so a rate chosen at checkout and a shipment recorded later
name the same courier. Tracking pages are the couriers' public ones; a courier whose page
takes no number in its address gets its page without it. ``SHIPMENT_TRACKING_URLS`` in
settings overrides or adds patterns (``{number}`` is replaced) without a code change.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Courier:
    code: str
    name: str
    tracking_url: str  # pattern with {number}


COURIERS = [
    Courier("jne", "JNE", "https://www.jne.co.id/tracking-package?awb={number}"),
    Courier("jnt", "J&T Express", "https://jet.co.id/track?awb={number}"),
    Courier("sicepat", "SiCepat", "https://www.sicepat.com/checkAwb?awb={number}"),
    Courier("pos", "POS Indonesia", "https://www.posindonesia.co.id/id/tracking/{number}"),
    Courier("anteraja", "AnterAja", "https://anteraja.id/tracking/{number}"),
    Courier("ninja", "Ninja Xpress", "https://www.ninjaxpress.co/id-id/tracking?id={number}"),
    Courier("tiki", "TIKI", "https://www.tiki.id/id/track?awb={number}"),
    Courier("lion", "Lion Parcel", "https://lionparcel.com/track/stt?q={number}"),
    Courier("spx", "SPX Express (Shopee)", "https://spx.co.id/track?{number}"),
]

#: Couriers by code.
BY_CODE = {courier.code: courier for courier in COURIERS}

#: The courier code of a marketplace's own logistics, when the artisan used it.
MARKETPLACE_COURIER = "marketplace"


def courier_choices() -> list[tuple[str, str]]:
    return [(courier.code, courier.name) for courier in COURIERS]


def courier_name(code: str) -> str:
    if code == MARKETPLACE_COURIER:
        return _("The marketplace's own courier")
    courier = BY_CODE.get(code)
    return courier.name if courier else code


def tracking_url(code: str, number: str) -> str:
    """The courier's tracking page for ``number`` ("" when the courier or number is unknown)."""
    number = (number or "").strip()
    patterns = getattr(settings, "SHIPMENT_TRACKING_URLS", {}) or {}
    pattern = patterns.get(code) or (BY_CODE[code].tracking_url if code in BY_CODE else "")
    if not pattern or not number:
        return ""
    return pattern.replace("{number}", quote(number, safe=""))
