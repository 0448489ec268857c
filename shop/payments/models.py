"""Our own records of Stripe payments, next to Oscar's Source/Transaction/PaymentEvent.

``CheckoutPayment`` links one PaymentIntent to the basket it pays for and,
once placed, to the order. It also keeps everything needed to place the order
without the buyer's session (address, shipping method, guest email, what the
basket held), so the webhook can place it when the buyer closed the tab.
``StripeWebhookEvent`` stores every delivered event once, by Stripe's id.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CheckoutPayment(models.Model):
    class State(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        PLACED = "placed", _("Order placed")
        # Money was taken but no order could be placed (unit sold out, basket
        # changed): the payment was refunded or the authorization cancelled.
        REFUNDED = "refunded", _("Refunded without an order")
        ABANDONED = "abandoned", _("Abandoned")

    payment_intent_id = models.CharField(_("PaymentIntent"), max_length=255, unique=True)
    basket = models.ForeignKey(
        "basket.Basket", on_delete=models.SET_NULL, null=True, related_name="checkout_payments"
    )
    order_number = models.CharField(_("Order number"), max_length=128)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("Currency"), max_length=12)
    capture_method = models.CharField(max_length=32, default="automatic")
    # What the basket held when the intent was created: placement refuses a
    # basket that changed after the buyer paid.
    basket_fingerprint = models.CharField(max_length=64)
    checkout_data = models.JSONField(default=dict)
    state = models.CharField(max_length=32, choices=State.choices, default=State.AWAITING_PAYMENT)
    order = models.OneToOneField(
        "order.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="checkout_payment"
    )
    failure_reason = models.TextField(blank=True)
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Checkout payment")
        verbose_name_plural = _("Checkout payments")
        constraints = [
            # One live intent per basket and total (mirrors the idempotency key
            # on our side, since localstripe ignores Idempotency-Key).
            models.UniqueConstraint(
                fields=["basket", "amount", "currency"],
                condition=Q(state="awaiting_payment"),
                name="payments_one_live_intent_per_basket_total",
            ),
            # A basket becomes at most one order, whichever path placed it.
            models.UniqueConstraint(
                fields=["basket"], condition=Q(state="placed"), name="payments_basket_placed_once"
            ),
        ]

    def __str__(self):
        return f"{self.payment_intent_id} ({self.get_state_display()})"


class StripeWebhookEvent(models.Model):
    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=128)
    payload = models.JSONField()
    date_created = models.DateTimeField(auto_now_add=True)
    date_processed = models.DateTimeField(null=True, blank=True)
    processing_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Stripe webhook event")
        verbose_name_plural = _("Stripe webhook events")
        ordering = ["-date_created"]

    def __str__(self):
        return f"{self.event_type} {self.event_id}"
