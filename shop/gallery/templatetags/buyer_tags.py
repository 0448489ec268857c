"""Template helpers for the buyer's order pages."""
from django import template
from django.utils.translation import pgettext_lazy

from shop.order import statuses

register = template.Library()

# Order and line statuses are stored as the Indonesian names the dashboard
# uses (settings.OSCAR_ORDER_STATUS_PIPELINE); buyers read them in their language.
STATUS_LABELS = {
    statuses.NEW: pgettext_lazy("order status", "Received"),
    statuses.PROCESSING: pgettext_lazy("order status", "Being prepared"),
    statuses.SHIPPED: pgettext_lazy("order status", "Shipped"),
    statuses.COMPLETED: pgettext_lazy("order status", "Delivered"),
    statuses.CANCELLED: pgettext_lazy("order status", "Cancelled"),
}


@register.filter
def status_label(status):
    """The buyer-facing name of an order or line status."""
    return STATUS_LABELS.get(status, status)


@register.filter
def card_sources(order):
    """The order's card payments (Oscar's payment sources) for display."""
    return [source for source in order.sources.all() if source.amount_allocated]
