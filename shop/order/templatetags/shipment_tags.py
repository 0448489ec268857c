from django import template

from shop.order.shipments import order_parcels

register = template.Library()


@register.simple_tag
def buyer_parcels(order):
    """The order's parcels (one per artisan) with their shipments, for the buyer's pages."""
    return order_parcels(order=order, lines=order.lines.select_related("partner").order_by("pk"))
