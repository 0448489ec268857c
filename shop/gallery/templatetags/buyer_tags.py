"""Template helpers for the buyer's order pages."""
from django import template
from django.utils.translation import pgettext_lazy

register = template.Library()

# Order and line statuses are stored as the Indonesian names the dashboard
# uses (settings.OSCAR_ORDER_STATUS_PIPELINE); buyers read them in their language.
STATUS_LABELS = {
    "Baru": pgettext_lazy("order status", "Received"),
    "Diproses": pgettext_lazy("order status", "Being prepared"),
    "Dikirim": pgettext_lazy("order status", "Shipped"),
    "Selesai": pgettext_lazy("order status", "Delivered"),
    "Dibatalkan": pgettext_lazy("order status", "Cancelled"),
}


@register.filter
def status_label(status):
    """The buyer-facing name of an order or line status."""
    return STATUS_LABELS.get(status, status)


@register.filter
def card_sources(order):
    """The order's card payments (Oscar's payment sources) for display."""
    return [source for source in order.sources.all() if source.amount_allocated]
