"""Order and line statuses in the dashboard reader's language."""
from django import template
from django.utils.translation import pgettext_lazy

from shop.order import statuses

register = template.Library()

# Statuses are stored as the Indonesian names of OSCAR_ORDER_STATUS_PIPELINE (what
# Indonesian pages show as they are); English pages name them in English.
STATUS_NAMES = {
    statuses.NEW: pgettext_lazy("dashboard order status", "New"),
    statuses.PROCESSING: pgettext_lazy("dashboard order status", "Processing"),
    statuses.SHIPPED: pgettext_lazy("dashboard order status", "Shipped"),
    statuses.COMPLETED: pgettext_lazy("dashboard order status", "Completed"),
    statuses.CANCELLED: pgettext_lazy("dashboard order status", "Cancelled"),
}


@register.filter
def status_name(status):
    return STATUS_NAMES.get(status, status)
