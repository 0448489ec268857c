"""The "new order" email to each artisan whose pieces are in an order, from any channel.

Storefront orders arrive through Oscar's ``order_placed`` signal, marketplace orders
from ``marketplace_sync.services.orders`` when an import creates the order; both call
``order_artisans_notify_later``, which queues the task after the order's transaction
commits. Each artisan gets one email per order (``ArtisanOrderNotice`` is the key),
in their own language, listing only their own lines.
"""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from oscar.core.loading import get_model

from shop.notifications import artisan_recipients, notify

Order = get_model("order", "Order")
ArtisanOrderNotice = get_model("order", "ArtisanOrderNotice")

ARTISAN_NEW_ORDER = "ARTISAN_NEW_ORDER"


def order_artisans_notify_later(*, order) -> None:
    """Queue the artisans' emails for ``order`` once the current transaction commits."""
    from shop.order import tasks

    order_id = order.pk
    transaction.on_commit(lambda: tasks.notify_artisans_of_order.delay(order_id), robust=True)


def order_artisans_notify(*, order_id: int) -> int:
    """Email every artisan with lines in the order who was not emailed yet; returns how many were."""
    from shop.dashboard.selectors import channel_label

    order = Order.objects.select_related("channel", "shipping_address").get(pk=order_id)
    own_lines: dict[int, list] = {}
    partners = {}
    for line in order.lines.filter(partner__isnull=False).select_related("partner").order_by("pk"):
        own_lines.setdefault(line.partner_id, []).append(line)
        partners[line.partner_id] = line.partner
    notified = 0
    for partner_id, lines in own_lines.items():
        partner = partners[partner_id]
        # The row and the email share a transaction: a failed send leaves no row, so a
        # retry sends; a second run finds the row (or waits on its unique index) and skips.
        with transaction.atomic():
            _notice, created = ArtisanOrderNotice.objects.get_or_create(order=order, partner=partner)
            if not created:
                continue
            notify(code=ARTISAN_NEW_ORDER, recipients=artisan_recipients(partner), context={
                "order": order,
                "partner": partner,
                "shop_name": settings.OSCAR_SHOP_NAME,
                "channel": channel_label(order),
                "lines": lines,
                "pieces": sum(line.quantity for line in lines),
                "subtotal": sum((line.line_price_incl_tax for line in lines), Decimal("0")),
            })
        notified += 1
    return notified
