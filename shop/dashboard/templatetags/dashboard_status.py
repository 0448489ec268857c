"""Order and line statuses in the dashboard reader's language."""
from django import template
from django.utils.translation import pgettext_lazy

register = template.Library()

# Statuses are stored as the Indonesian names of OSCAR_ORDER_STATUS_PIPELINE (what
# Indonesian pages show as they are); English pages name them in English.
STATUS_NAMES = {
    "Baru": pgettext_lazy("dashboard order status", "New"),
    "Diproses": pgettext_lazy("dashboard order status", "Processing"),
    "Dikirim": pgettext_lazy("dashboard order status", "Shipped"),
    "Selesai": pgettext_lazy("dashboard order status", "Completed"),
    "Dibatalkan": pgettext_lazy("dashboard order status", "Cancelled"),
}


@register.filter
def status_name(status):
    return STATUS_NAMES.get(status, status)
