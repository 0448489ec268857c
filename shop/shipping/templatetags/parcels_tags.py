from django import template

from shop.shipping.selectors import order_parcels_visible

register = template.Library()


@register.simple_tag
def order_parcels(order, user=None, dashboard=False):
    """``{% order_parcels order request.user dashboard=True as parcels %}``"""
    if order is None or not getattr(order, "pk", None):
        return []
    return order_parcels_visible(order=order, user=user, dashboard=bool(dashboard))
