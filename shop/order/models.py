"""Orders from every channel are Oscar orders; marketplace ones say where from."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractBillingAddress, AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractOrder

from shop.address.indonesia import IndonesianAddressMixin


class Order(AbstractOrder):
    UNMATCHED_SKU, OVERSOLD, BAD_PAYLOAD, REMOTE_CONFLICT = (
        "unmatched_sku",
        "oversold",
        "bad_payload",
        "remote_conflict",
    )
    REVIEW_REASON_CHOICES = [
        (UNMATCHED_SKU, _("A line's SKU matches no product")),
        (OVERSOLD, _("Oversold: not enough stock was left")),
        (BAD_PAYLOAD, _("The marketplace sent an unreadable order")),
        (REMOTE_CONFLICT, _("The marketplace changed an order we already moved on")),
    ]

    # Null for storefront orders.
    channel = models.ForeignKey(
        "marketplace_sync.Channel", verbose_name=_("sales channel"), related_name="orders",
        on_delete=models.SET_NULL, null=True, blank=True,
    )
    remote_order_number = models.CharField(_("marketplace order number"), max_length=64, blank=True, db_index=True)
    needs_review = models.BooleanField(_("needs review"), default=False, db_index=True)
    review_reason = models.CharField(_("review reason"), max_length=20, choices=REVIEW_REASON_CHOICES, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    # The language the buyer ordered in (storefront: the page's language at checkout;
    # marketplace: Indonesian), so later emails such as "your parcel is on its way"
    # speak it. Empty on orders placed before it was recorded: see ``buyer_language``.
    language = models.CharField(_("buyer's language"), max_length=10, blank=True)

    class Meta(AbstractOrder.Meta):
        app_label = "order"
        constraints = [
            # The database itself refuses a second Oscar order for one remote order.
            models.UniqueConstraint(
                fields=["channel", "remote_order_number"], condition=Q(channel__isnull=False),
                name="unique_marketplace_order",
            ),
        ]

    @property
    def buyer_language(self) -> str:
        return self.language or settings.LANGUAGE_CODE


class Shipment(models.Model):
    """Courier and tracking number of one recorded shipment (Oscar's ShippingEvent).

    Oscar's event keeps the lines and quantities shipped but only a free-text note;
    the buyer's tracking link needs the courier and the number as data.
    """

    event = models.OneToOneField("order.ShippingEvent", on_delete=models.CASCADE, related_name="shipment",
                                 verbose_name=_("shipping event"))
    # The artisan whose parcel this is (null: a marketplace order shipped as a whole by staff).
    partner = models.ForeignKey("partner.Partner", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="shipments", verbose_name=_("artisan"))
    courier = models.CharField(_("courier"), max_length=32)
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    shipped_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                   on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("recorded by"))

    class Meta:
        app_label = "order"
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")

    def __str__(self):
        return f"{self.courier} {self.tracking_number}".strip()

    @property
    def courier_name(self) -> str:
        from shop.order.couriers import courier_name

        return courier_name(self.courier)

    @property
    def tracking_url(self) -> str:
        from shop.order.couriers import tracking_url

        return tracking_url(self.courier, self.tracking_number)


class ShippingAddress(IndonesianAddressMixin, AbstractShippingAddress):
    class Meta(AbstractShippingAddress.Meta):
        app_label = "order"


class BillingAddress(IndonesianAddressMixin, AbstractBillingAddress):
    class Meta(AbstractBillingAddress.Meta):
        app_label = "order"


class ArtisanOrderNotice(models.Model):
    """One "new order" email per order per artisan: the row is the idempotency key.

    Written in the same transaction that sends, so a retried or duplicated task
    (a marketplace import pulled twice, a webhook and a pull at once) sends nothing more.
    """

    order = models.ForeignKey("order.Order", related_name="artisan_notices", on_delete=models.CASCADE,
                              verbose_name=_("order"))
    partner = models.ForeignKey("partner.Partner", related_name="order_notices", on_delete=models.CASCADE,
                                verbose_name=_("artisan"))
    date_created = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        app_label = "order"
        verbose_name = _("new-order email to an artisan")
        verbose_name_plural = _("new-order emails to artisans")
        constraints = [models.UniqueConstraint(fields=["order", "partner"], name="one_new_order_email_per_artisan")]


class OrderParcel(models.Model):
    """One artisan's parcel of an order, with the courier rate the buyer chose, frozen.

    Copied from the buyer's rate quote at placement, so later changes to rate
    tables or the artisan's profile never alter what was charged.
    """

    order = models.ForeignKey(Order, verbose_name=_("order"), related_name="parcels", on_delete=models.CASCADE)
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("artisan"), related_name="order_parcels",
        on_delete=models.SET_NULL, null=True, blank=True,
    )
    artisan_name = models.CharField(_("artisan"), max_length=128)
    origin = models.CharField(_("ships from"), max_length=255, blank=True)
    weight_grams = models.PositiveIntegerField(_("chargeable weight (grams)"))
    courier_code = models.CharField(_("courier code"), max_length=20)
    service_code = models.CharField(_("service code"), max_length=20)
    courier_name = models.CharField(_("courier"), max_length=40)
    service_name = models.CharField(_("service"), max_length=40)
    rate = models.DecimalField(_("courier rate"), max_digits=12, decimal_places=2)
    packing_fee = models.DecimalField(_("wooden crate fee"), max_digits=12, decimal_places=2, default=0)
    etd_min_days = models.PositiveSmallIntegerField(_("estimated days (from)"))
    etd_max_days = models.PositiveSmallIntegerField(_("estimated days (to)"))
    provider = models.CharField(_("rate source"), max_length=20)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "order"
        ordering = ("pk",)
        verbose_name = _("parcel")
        verbose_name_plural = _("parcels")

    def __str__(self):
        return f"{self.order.number}: {self.artisan_name} ({self.courier_name} {self.service_name})"

    @property
    def fee(self):
        return self.rate + self.packing_fee

    @property
    def weight_kg(self):
        return self.weight_grams / 1000


from oscar.apps.order.models import *  # noqa: E402,F401,F403
