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
from oscar.apps.order.processing import EventHandler as CoreEventHandler
from oscar.apps.payment.exceptions import PaymentError

from shop.payments.gateway import GatewayError
from shop.payments.services import order_payment_capture, order_payment_release

SHIPPED_STATUS = "Dikirim"
CANCELLED_STATUS = "Dibatalkan"
SHIPPED_EVENT_CODES = {"shipped", "dispatched", "dikirim"}


class EventHandler(CoreEventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        with transaction.atomic():
            old_status = order.status
            super().handle_order_status_change(order, new_status, note_msg=note_msg)
            if old_status == new_status:
                return
            try:
                if new_status == CANCELLED_STATUS:
                    self.cancel_remote_order(order)
                    self.cancel_stock_allocations(order)
                    order_payment_release(order=order)
                elif new_status == SHIPPED_STATUS:
                    self.consume_stock_allocations(order)
                    order_payment_capture(order=order)
            except GatewayError as exc:
                # Oscar's dashboard shows a PaymentError and keeps the old
                # status: the transaction rolls the stock change back too.
                raise PaymentError(str(exc)) from exc

    #: Set by the marketplace sync when the marketplace cancelled first.
    remote_initiated = False

    def cancel_remote_order(self, order):
        """A marketplace order cancelled here is cancelled there first (refused: nothing changes)."""
        if not order.channel_id or self.remote_initiated:
            return
        from marketplace_sync.services.cancellation import RemoteCancelRefused, order_cancel_remote

        try:
            order_cancel_remote(order=order)
        except RemoteCancelRefused as exc:
            # Oscar's dashboard shows a PaymentError's text and keeps the old status.
            raise PaymentError(str(exc)) from exc

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
        for line, quantity in zip(lines, quantities):
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
