"""Orders from every channel are Oscar orders; marketplace ones say where from."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractOrder


class Order(AbstractOrder):
    UNMATCHED_SKU, OVERSOLD, BAD_PAYLOAD, REMOTE_CONFLICT = "unmatched_sku", "oversold", "bad_payload", "remote_conflict"
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

    class Meta(AbstractOrder.Meta):
        app_label = "order"
        constraints = [
            # The database itself refuses a second Oscar order for one remote order.
            models.UniqueConstraint(
                fields=["channel", "remote_order_number"], condition=Q(channel__isnull=False),
                name="unique_marketplace_order",
            ),
        ]


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


from oscar.apps.order.models import *  # noqa: E402,F401,F403
