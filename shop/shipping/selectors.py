"""Reads of frozen parcels for the pages and emails that show them."""
from oscar.core.loading import get_model

OrderParcel = get_model("order", "OrderParcel")


def order_parcels_visible(*, order, user=None, dashboard: bool = False) -> list:
    """The order's parcels with their lines; in the dashboard an artisan sees only their own.

    Buyers (their order pages, the confirmation and its email) see every parcel.
    """
    parcels = OrderParcel.objects.filter(order=order).select_related("partner")
    if dashboard and user is not None and not user.is_staff:
        parcels = parcels.filter(partner__users=user)
    lines_by_partner = {}
    for line in order.lines.all():
        lines_by_partner.setdefault(line.partner_id, []).append(line)
    result = []
    for parcel in parcels:
        parcel.order_lines = lines_by_partner.get(parcel.partner_id, [])
        result.append(parcel)
    return result
