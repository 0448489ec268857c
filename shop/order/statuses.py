"""Order and line statuses: the one place their names and pipelines are spelled.

The stored names are Indonesian (the council's staff read them in the admin and in
exports); pages show them translated (``dashboard_status``, ``buyer_tags``).
Plain values only: settings import this module, so it imports nothing of Django's.
"""

NEW = "Baru"
PROCESSING = "Diproses"
SHIPPED = "Dikirim"
COMPLETED = "Selesai"
CANCELLED = "Dibatalkan"

#: The forward walk of a craft order; cancellation is the only side exit.
FORWARD = (NEW, PROCESSING, SHIPPED, COMPLETED)
#: Stock is allocated to these lines and not yet consumed.
AWAITING_SHIPMENT = (NEW, PROCESSING)
#: The parcel has left: stock consumed.
ON_THE_WAY = (SHIPPED, COMPLETED)
CLOSED = (SHIPPED, COMPLETED, CANCELLED)

ORDER_PIPELINE = {
    NEW: (PROCESSING, CANCELLED),
    PROCESSING: (SHIPPED, CANCELLED),
    SHIPPED: (COMPLETED,),
    COMPLETED: (),
    CANCELLED: (),
}
# A line may leave straight from NEW: an artisan often packs and ships the same day.
# The order itself walks NEW -> PROCESSING -> SHIPPED as its parcels leave
# (shop/order/shipments.py).
LINE_PIPELINE = {
    NEW: (PROCESSING, SHIPPED, CANCELLED),
    PROCESSING: (SHIPPED, CANCELLED),
    SHIPPED: (COMPLETED,),
    COMPLETED: (),
    CANCELLED: (),
}
