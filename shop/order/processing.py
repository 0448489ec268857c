"""Order events that move stock and money.

Shipping consumes the stock allocation and captures a manual-capture card
payment; cancelling releases the allocation and cancels an uncaptured
authorization (captured money is refunded by staff from the order page).

Oscar never calls ``consume_allocation``/``cancel_allocation`` by itself, so
without this override allocations pile up and stock drifts. It applies to
storefront and marketplace orders alike (the dashboard, the marketplace sync
and any code use ``get_class("order.processing", "EventHandler")``).
"""
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order.processing import EventHandler as CoreEventHandler
from oscar.apps.payment.exceptions import PaymentError

from shop.order import statuses
from shop.payments.gateway import GatewayError
from shop.payments.services import order_payment_capture, order_payment_release

SHIPPED_STATUS = statuses.SHIPPED
CANCELLED_STATUS = statuses.CANCELLED
SHIPPED_EVENT_CODES = {"shipped", "dispatched", "dikirim"}


class MarketplaceRefused(PaymentError):
    """The marketplace refused to cancel its order: the status stays (Oscar's dashboard shows this)."""


class EventHandler(CoreEventHandler):
    #: True when the marketplace sync applies a change that came from the marketplace itself.
    remote_origin = False
    #: Why we cancel a marketplace order (a marketplace_sync ``CancelReason`` value).
    cancel_reason = "out_of_stock"

    def handle_order_status_change(self, order, new_status, note_msg=None):
        with transaction.atomic():
            old_status = order.status
            if new_status == CANCELLED_STATUS and old_status != new_status and order.channel_id \
                    and not self.remote_origin:
                self._cancel_on_marketplace(order)
            super().handle_order_status_change(order, new_status, note_msg=note_msg)
            if old_status == new_status:
                return
            try:
                if new_status == CANCELLED_STATUS:
                    self.cancel_stock_allocations(order)
                    order_payment_release(order=order)
                elif new_status == SHIPPED_STATUS:
                    self.consume_stock_allocations(order)
                    order_payment_capture(order=order)
            except GatewayError as exc:
                # Oscar's dashboard shows a PaymentError and keeps the old
                # status: the transaction rolls the stock change back too.
                raise PaymentError(str(exc)) from exc

    def _cancel_on_marketplace(self, order):
        """A storefront admin cancels a marketplace order: the marketplace cancels it first,
        or its buyer would still wait for a parcel (and its stock would stay taken)."""
        from marketplace_sync.adapters.base import MarketplaceError
        from marketplace_sync.services.orders import order_cancel_on_marketplace

        try:
            order_cancel_on_marketplace(order=order, reason=self.cancel_reason)
        except MarketplaceError as exc:
            raise MarketplaceRefused(_("%(channel)s refused the cancellation: %(error)s")
                                     % {"channel": order.channel.name, "error": exc}) from exc

    def handle_shipping_event(self, order, event_type, lines, line_quantities, **kwargs):
        with transaction.atomic():
            event = super().handle_shipping_event(order, event_type, lines, line_quantities, **kwargs)
            if event_type.code.lower() in SHIPPED_EVENT_CODES:
                self.consume_stock_allocations(order, lines, line_quantities)
            return event

    def _allocated(self, order, lines, line_quantities):
        """(line, quantity) still allocated, in stock-record order so row locks never deadlock.

        A line may hold less than its quantity (a marketplace order imported
        oversold holds none), so never consume or release more than it holds.
        """
        lines = list(lines) if lines else list(order.lines.select_related("stockrecord"))
        quantities = list(line_quantities) if line_quantities else [line.quantity for line in lines]
        pairs = []
        for line, quantity in zip(lines, quantities, strict=False):
            quantity = min(quantity, line.num_allocated or 0)
            if line.stockrecord_id and not line.allocation_cancelled and quantity > 0:
                pairs.append((line, quantity))
        return sorted(pairs, key=lambda pair: pair[0].stockrecord_id)

    def consume_stock_allocations(self, order, lines=None, line_quantities=None):
        for line, quantity in self._allocated(order, lines, line_quantities):
            line.consume_allocation(quantity)

    def cancel_stock_allocations(self, order, lines=None, line_quantities=None):
        for line, quantity in self._allocated(order, lines, line_quantities):
            line.cancel_allocation(quantity)
