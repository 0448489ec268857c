"""Recording shipments: an artisan's parcel leaves with a courier and a tracking number.

A parcel is one artisan's (partner's) lines of one order. Shipping it records Oscar's
shipping event "Dikirim" over those lines (which consumes their stock allocation, see
``shop/order/processing.py``), keeps courier and tracking number beside it (``Shipment``),
moves the lines to Dikirim and the order along: to Diproses while other parcels are still
to go, to Dikirim when every line is on its way (which captures a held card payment).
The buyer of a storefront order is emailed the tracking link in the language they
ordered in; marketplace buyers hear from their marketplace.
"""
from __future__ import annotations

import logging

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_class, get_model

from shop.notifications import Recipient, notify
from shop.order import statuses
from shop.order.couriers import BY_CODE

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Shipment = get_model("order", "Shipment")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")
EventHandler = get_class("order.processing", "EventHandler")

SHIPPED = statuses.SHIPPED
#: Line statuses a parcel can still leave from.
SHIPPABLE_STATUSES = statuses.AWAITING_SHIPMENT
#: Line statuses that count as on the way when deciding whether the whole order is.
ON_THE_WAY_STATUSES = statuses.ON_THE_WAY
#: The order's way forward; each step is recorded (and Dikirim consumes and captures).
ORDER_FORWARD = statuses.FORWARD
SHIPPED_EVENT_CODE = "dikirim"

#: Pages show shipping event types in the reader's language (names are stored in Indonesian).
EVENT_TYPE_LABELS = {
    "dikemas": gettext_lazy("Packed"),
    "dikirim": gettext_lazy("Shipped"),
    "diterima": gettext_lazy("Delivered"),
}


class ShipmentRefused(Exception):
    """The parcel cannot be shipped as asked; the message is for the person who asked."""


def shipped_event_type():
    event_type, _created = ShippingEventType.objects.get_or_create(code=SHIPPED_EVENT_CODE,
                                                                   defaults={"name": "Dikirim"})
    return event_type


def _order_advance(order, target: str, *, user=None) -> None:
    """Walk the order's status forward to ``target``, one recorded step at a time."""
    if order.status not in ORDER_FORWARD or ORDER_FORWARD.index(order.status) >= ORDER_FORWARD.index(target):
        return
    handler = EventHandler(user=user)
    for status in ORDER_FORWARD[ORDER_FORWARD.index(order.status) + 1:ORDER_FORWARD.index(target) + 1]:
        handler.handle_order_status_change(order, status)


def shipment_record(*, order, lines, courier: str, tracking_number: str, partner=None, user=None):
    """Record lines of ``order`` (locked by the caller) as shipped; returns the ``Shipment``.

    Shared by storefront parcels and marketplace orders. Lines already shipped or
    cancelled are refused, so recording twice never ships (or consumes) twice.
    """
    lines = sorted(lines, key=lambda line: line.pk)
    if not lines:
        raise ShipmentRefused(_("There is nothing left to ship in this parcel."))
    for line in lines:
        if line.status not in SHIPPABLE_STATUSES:
            raise ShipmentRefused(
                _("Line #%(line)s is already %(status)s.") % {"line": line.pk, "status": line.status})
    event = EventHandler(user=user).handle_shipping_event(
        order, shipped_event_type(), lines, [line.quantity for line in lines],
        reference=" ".join(part for part in (BY_CODE[courier].name if courier in BY_CODE else courier,
                                             tracking_number) if part),
    )
    shipment = Shipment.objects.create(event=event, partner=partner, courier=courier,
                                       tracking_number=tracking_number, shipped_by=user)
    for line in lines:
        line.set_status(SHIPPED)
    remaining = order.lines.exclude(status__in=ON_THE_WAY_STATUSES + (statuses.CANCELLED,)).exists()
    _order_advance(order, statuses.PROCESSING if remaining else SHIPPED, user=user)
    return shipment


def parcel_lines(*, order, partner):
    """The artisan's lines of ``order`` that have not left yet."""
    return list(order.lines.filter(partner=partner, status__in=SHIPPABLE_STATUSES).select_related("stockrecord"))


def parcel_ship(*, order, partner, courier: str, tracking_number: str, user=None):
    """Ship one artisan's parcel of a storefront order and email the buyer the tracking link.

    The caller decides who may ship this partner's parcel (the dashboard view: staff, or
    a user of that partner). Raises ``ShipmentRefused`` with a message for that person.
    """
    tracking_number = (tracking_number or "").strip()
    if courier not in BY_CODE:
        raise ShipmentRefused(_("Choose the courier from the list."))
    if not tracking_number:
        raise ShipmentRefused(_("Enter the tracking number (resi) the courier gave you."))
    if order.channel_id:
        raise ShipmentRefused(_("This order came from a marketplace: ship it there, from the Marketplace box."))
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        shipment = shipment_record(order=locked, lines=parcel_lines(order=locked, partner=partner),
                                   courier=courier, tracking_number=tracking_number, partner=partner, user=user)
        transaction.on_commit(lambda: shipment_buyer_notify(shipment_id=shipment.pk), robust=True)
    return shipment


def order_status_url(order) -> str:
    """The buyer's page for the order: their account page, or the guest status page."""
    try:
        if order.user_id:
            return reverse("customer:order", kwargs={"order_number": order.number})
        return reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()})
    except NoReverseMatch:
        return ""


def shipment_buyer_notify(*, shipment_id: int) -> int:
    """Email the buyer of a storefront order that a parcel left (``ORDER_SHIPPED``)."""
    shipment = Shipment.objects.select_related("event__order__user", "partner").get(pk=shipment_id)
    order = shipment.event.order
    if order.channel_id or not order.email:
        return 0
    language = order.buyer_language
    with translation.override(language):
        path = order_status_url(order)
    lines = list(shipment.event.lines.all())
    return notify(
        code="ORDER_SHIPPED",
        recipients=[Recipient(email=order.email, language=language, user=order.user)],
        context={"order": order, "shipment": shipment, "lines": lines, "status_path": path},
    )


def order_shipments(*, order, partner_ids=None):
    """Shipments of ``order`` with their lines, oldest first; only those partners' when given."""
    shipments = (
        Shipment.objects.filter(event__order=order)
        .select_related("event__event_type", "partner")
        .prefetch_related("event__line_quantities__line")
        .order_by("event__date_created", "pk")
    )
    if partner_ids is not None:
        shipments = shipments.filter(event__lines__partner_id__in=partner_ids).distinct()
    return list(shipments)


def order_parcels(*, order, lines=None) -> list[dict]:
    """The order's parcels, one per artisan: their lines, what is still to ship, their shipments.

    ``lines`` narrows to what the viewer may see (an artisan's own lines).
    """
    lines = list(lines if lines is not None else order.lines.select_related("partner"))
    shipments = order_shipments(order=order)
    parcels: dict = {}
    for line in lines:
        parcel = parcels.setdefault(line.partner_id, {"partner": line.partner, "partner_name": line.partner_name,
                                                      "lines": [], "to_ship": [], "shipments": []})
        parcel["lines"].append(line)
        if line.status in SHIPPABLE_STATUSES:
            parcel["to_ship"].append(line)
    line_ids = {line.pk for line in lines}
    for shipment in shipments:
        # A marketplace order shipped as a whole belongs to every parcel it carried.
        keys = {q.line.partner_id for q in shipment.event.line_quantities.all() if q.line_id in line_ids}
        for key in sorted(keys, key=str):
            parcels[key]["shipments"].append(shipment)
    for parcel in parcels.values():
        parcel["planned_courier"] = parcel_planned_courier(order=order, partner=parcel["partner"])
    return list(parcels.values())


def parcel_planned_courier(*, order, partner) -> str:
    """The courier code the buyer chose for this parcel at checkout ("" when none was chosen).

    The "mark shipped" form preselects it; the artisan may still hand the parcel to another.
    """
    parcel = order.parcels.filter(partner=partner).only("courier_code").first()
    return parcel.courier_code if parcel else ""
