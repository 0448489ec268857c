"""Past orders for the demo, written the way the order pipeline would have left them.

Seeded history is not a sale happening now: no ``order_placed`` signal (so no
"new order" email to artisans or buyer), no payment. What must stay true is
the stock: lines allocate through the one stock pool (``stock_allocate``, as
``OrderCreator`` and the marketplace import do), and the order's status moves
the allocation the way ``shop.order.processing.EventHandler`` does (shipped or
completed consumed it, cancelled released it).

Idempotent by order number (or by channel and remote id for marketplace
orders): an existing order is live state and is left alone.
"""
from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.order import statuses
from shop.partner.stock import stock_allocate

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
OrderStatusChange = get_model("order", "OrderStatusChange")
EventHandler = get_class("order.processing", "EventHandler")

ALLOCATED_STATUSES = statuses.AWAITING_SHIPMENT
CONSUMED_STATUSES = statuses.ON_THE_WAY
CANCELLED_STATUS = statuses.CANCELLED
#: The way an order walked to each status (the order pipeline's main road), one day a step.
STATUS_PATHS = {
    statuses.NEW: (),
    statuses.PROCESSING: (statuses.PROCESSING,),
    statuses.SHIPPED: (statuses.PROCESSING, statuses.SHIPPED),
    statuses.COMPLETED: (statuses.PROCESSING, statuses.SHIPPED, statuses.COMPLETED),
    statuses.CANCELLED: (statuses.CANCELLED,),
}


@dataclass(frozen=True)
class DemoAddress:
    first_name: str
    last_name: str
    line1: str
    line3: str  # district (kecamatan)
    line4: str  # city or regency
    state: str  # ISO 3166-2:ID
    postcode: str
    phone_number: str  # E.164


def demo_order_placed_at(*, days_ago: int, hour: int, now: datetime.datetime | None = None) -> datetime.datetime:
    """``days_ago`` days before now at ``hour`` local time (never in the future)."""
    now = now or timezone.now()
    local = timezone.localtime(now) - datetime.timedelta(days=days_ago)
    placed = local.replace(hour=hour, minute=17, second=0, microsecond=0)
    return min(placed, now - datetime.timedelta(minutes=30))


def demo_order_ensure(
    *, number: str, status: str, placed_at: datetime.datetime, lines: list[tuple[object, int]],
    address: DemoAddress, parcel_fee: Decimal, user=None, channel=None, remote_order_number: str = "",
    shipping_method: str = "JNE REG", shipping_code: str = "jne-reg", language: str = "id", unit_price=None,
):
    """The order ``number`` with ``lines`` ((stock record, quantity)), created once; (order, created).

    ``unit_price(record)`` is what the buyer paid per piece (a marketplace's marked-up
    price); the storefront price by default. Raises ``InsufficientStock`` (and writes
    nothing) when the live demo no longer has the units.
    """
    unit_price = unit_price or (lambda record: record.price)
    existing = Order.objects.filter(number=number).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        partners = {record.partner_id for record, _quantity in lines}
        shipping = parcel_fee * len(partners)
        subtotal = sum((unit_price(record) * quantity for record, quantity in lines), Decimal(0))
        order = Order.objects.create(
            number=number, site=Site.objects.get_current(), user=user,
            channel=channel, remote_order_number=remote_order_number,
            currency="IDR",
            # Indonesian prices include PPN: no tax split, like the rest of the shop.
            total_incl_tax=subtotal + shipping, total_excl_tax=subtotal + shipping,
            shipping_incl_tax=shipping, shipping_excl_tax=shipping,
            shipping_method=shipping_method, shipping_code=shipping_code,
            shipping_address=ShippingAddress.objects.create(country_id="ID", **asdict(address)),
            status=status, date_placed=placed_at, language=language,
        )
        created_lines = []
        for record, quantity in lines:
            price = unit_price(record) * quantity
            created_lines.append(Line.objects.create(
                order=order, partner=record.partner, partner_name=record.partner.display_name,
                partner_sku=record.partner_sku, stockrecord=record, product=record.product,
                title=record.product.get_title(), upc=record.product.upc, quantity=quantity,
                line_price_incl_tax=price, line_price_excl_tax=price,
                line_price_before_discounts_incl_tax=price, line_price_before_discounts_excl_tax=price,
                unit_price_incl_tax=unit_price(record), unit_price_excl_tax=unit_price(record),
                status=status, num_allocated=quantity,
            ))
        # Stock-record order, like every placement: row locks never deadlock.
        for line in sorted(created_lines, key=lambda line: line.stockrecord_id):
            stock_allocate(stockrecord_id=line.stockrecord_id, quantity=line.quantity)
        _status_history_write(order=order, placed_at=placed_at)
        # The stock half of the status change only: EventHandler's status change would
        # also capture or release a payment these orders never had.
        handler = EventHandler()
        if status in CONSUMED_STATUSES:
            handler.consume_stock_allocations(order)
        elif status == CANCELLED_STATUS:
            handler.cancel_stock_allocations(order)
    return order, True


def _status_history_write(*, order, placed_at: datetime.datetime) -> None:
    """The dashboard's "status changes" of a seeded order, dated a day apart after placement."""
    now = timezone.now()
    old = statuses.NEW
    for step, new in enumerate(STATUS_PATHS[order.status], start=1):
        change = OrderStatusChange.objects.create(order=order, old_status=old, new_status=new)
        # date_created is auto_now_add: backdate it after the insert.
        when = min(placed_at + datetime.timedelta(days=step), now - datetime.timedelta(minutes=step))
        OrderStatusChange.objects.filter(pk=change.pk).update(date_created=when)
        old = new
