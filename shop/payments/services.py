"""Card payment services: start a payment, place its order exactly once, refund.

Views, the webhook and the dashboard only call these functions.

Exactly once: the redirect view and the webhook both end in
``order_place_for_intent``, which locks the ``CheckoutPayment`` row
(``SELECT ... FOR UPDATE``) before looking at it. Whoever gets the lock first
places the order and links it; the other finds the link and returns the same
order. Two partial unique constraints back this up in the database, and
Oscar's unique order number (derived from the basket) is a third guard.
"""
from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.partner.stock import InsufficientStock

from . import facade
from .gateway import GatewayError, Intent, StripeGateway, amount_to_minor
from .models import CheckoutPayment

logger = logging.getLogger("shop.payments")

Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
Order = get_model("order", "Order")
OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")
Applicator = get_class("offer.applicator", "Applicator")

# Statuses in which the buyer may still (re)try to pay the same intent.
PAYABLE_STATUSES = {"requires_payment_method", "requires_confirmation", "requires_action"}
# Statuses in which the money is ours (or held for us): the order may be placed.
PAID_STATUSES = {"succeeded", "requires_capture"}

_ADDRESS_SKIP = {"id", "search_text"}


class PaymentNotReady(Exception):
    """The checkout cannot be paid as it stands; the message is for the buyer."""


@dataclass(frozen=True)
class Placement:
    """What happened when we tried to turn a payment into an order."""

    outcome: str  # "placed", "already_placed", "not_paid", "refunded"
    payment: CheckoutPayment
    intent: Intent
    order: object = None
    reason: str = ""


def basket_fingerprint(*, basket) -> str:
    # What the buyer pays for: product, stock record, quantity and unit price.
    rows = sorted(
        f"{line.product_id}:{line.stockrecord_id}:{line.quantity}:{line.price_incl_tax}"
        for line in basket.all_lines()
    )
    return hashlib.sha256("|".join(rows).encode()).hexdigest()


def _address_to_data(address) -> dict:
    if address is None:
        return {}
    data = {}
    for field in ShippingAddress._meta.concrete_fields:
        if field.name in _ADDRESS_SKIP:
            continue
        value = field.value_from_object(address)
        data[field.attname] = str(value) if value not in (None, "") else value
    return data


def _address_from_data(data: dict):
    if not data:
        return None
    return ShippingAddress(**{key: value for key, value in data.items() if value is not None})


def checkout_payment_start(
    *,
    basket,
    user,
    order_number: str,
    shipping_address,
    shipping_method,
    order_total,
    guest_email: str | None,
    capture_method: str,
    gateway: StripeGateway,
) -> tuple[CheckoutPayment, Intent]:
    """Create (or reuse) the PaymentIntent for this basket and total, and remember the checkout.

    Raises ``PaymentNotReady`` for a total Stripe must not see (checked before
    any request) and lets ``GatewayError`` through for the view to explain.
    """
    amount = order_total.incl_tax
    currency = order_total.currency
    try:
        amount_to_minor(amount)
    except ValueError as exc:
        raise PaymentNotReady(
            _("This order total (%(amount)s) is not a whole number of rupiah, so it cannot be charged.")
            % {"amount": amount}
        ) from exc

    checkout_data = {
        "shipping_address": _address_to_data(shipping_address),
        "shipping_method_code": shipping_method.code if shipping_method else "",
        "guest_email": guest_email or "",
        # The buyer's page language: their confirmation email is written in it,
        # whichever of the return view, the webhook or the catch-up places the order.
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }
    fingerprint = basket_fingerprint(basket=basket)
    owner = user if user is not None and user.is_authenticated else None

    existing = CheckoutPayment.objects.filter(
        basket=basket, amount=amount, currency=currency, state=CheckoutPayment.State.AWAITING_PAYMENT
    ).first()
    if existing is not None:
        intent = gateway.payment_intent_retrieve(existing.payment_intent_id)
        # A declined attempt retires its intent: the next card gets a fresh
        # one (localstripe cannot confirm an intent again after a decline).
        failed_before = intent.status == "requires_payment_method" and intent.last_error_code
        if intent.status in PAYABLE_STATUSES | PAID_STATUSES | {"processing"} and not failed_before:
            # The buyer may have changed address or method since: keep the latest.
            existing.checkout_data = checkout_data
            existing.basket_fingerprint = fingerprint
            existing.user = owner
            existing.save(update_fields=["checkout_data", "basket_fingerprint", "user", "date_updated"])
            return existing, intent
        existing.state = CheckoutPayment.State.ABANDONED
        existing.save(update_fields=["state", "date_updated"])

    attempt = CheckoutPayment.objects.filter(basket=basket, amount=amount, currency=currency).count()
    intent = gateway.payment_intent_create(
        amount=amount,
        currency=currency,
        basket_id=basket.id,
        order_number=order_number,
        capture_method=capture_method,
        attempt=attempt,
    )
    try:
        with transaction.atomic():
            payment = CheckoutPayment.objects.create(
                payment_intent_id=intent.id,
                basket=basket,
                order_number=order_number,
                user=owner,
                amount=amount,
                currency=currency,
                capture_method=capture_method,
                basket_fingerprint=fingerprint,
                checkout_data=checkout_data,
            )
    except IntegrityError:
        # A double-submitted page created the row first (with real Stripe the
        # idempotency key even returned the same intent): use that one.
        payment = CheckoutPayment.objects.get(
            basket=basket, amount=amount, currency=currency, state=CheckoutPayment.State.AWAITING_PAYMENT
        )
        intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
    return payment, intent


def _reload_basket(payment: CheckoutPayment, user):
    basket = Basket._default_manager.select_for_update().filter(pk=payment.basket_id).first()
    if basket is None:
        return None
    basket.strategy = Selector().strategy(user=user)
    Applicator().apply(basket, user, request=None)
    return basket


def _shipping_method(basket, user, shipping_address, code):
    methods = Repository().get_shipping_methods(basket=basket, user=user, shipping_addr=shipping_address, request=None)
    for method in methods:
        if method.code == code:
            return method
    return None


def log_amount(payment: CheckoutPayment) -> str:
    """``IDR 1.096.000``: the amount as log lines show it (whole rupiah, Indonesian grouping)."""
    return f"{payment.currency.upper()} {int(payment.amount):,}".replace(",", ".")


def _give_money_back(*, payment: CheckoutPayment, intent: Intent, gateway: StripeGateway, reason: str):
    """Refund a captured payment or cancel an authorization we cannot fulfil."""
    if intent.status == "requires_capture":
        gateway.payment_intent_cancel(intent.id)
    else:
        gateway.refund_create(intent_id=intent.id, amount=payment.amount, sequence=0)
    payment.state = CheckoutPayment.State.REFUNDED
    payment.failure_reason = reason
    payment.save(update_fields=["state", "failure_reason", "date_updated"])
    logger.warning('payment returned intent=%s amount=%s how=%s reason="%s"', intent.id, log_amount(payment),
                   "cancelled" if intent.status == "requires_capture" else "refunded", reason)


def _order_create(*, payment: CheckoutPayment, basket, user):
    data = payment.checkout_data
    shipping_address = _address_from_data(data.get("shipping_address"))
    shipping_method = _shipping_method(basket, user, shipping_address, data.get("shipping_method_code"))
    if shipping_method is None:
        return None
    shipping_charge = shipping_method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    if total.incl_tax != payment.amount or total.currency != payment.currency:
        return None
    kwargs = {"language": data.get("language") or ""}
    if data.get("guest_email") and not user.is_authenticated:
        kwargs["guest_email"] = data["guest_email"]
    # Oscar's own placement steps (address book, OrderCreator with our
    # row-locked stock allocation), without a request: the webhook has none.
    return OrderPlacementMixin().place_order(
        order_number=payment.order_number,
        user=user,
        basket=basket,
        shipping_address=shipping_address,
        shipping_method=shipping_method,
        shipping_charge=shipping_charge,
        order_total=total,
        billing_address=None,
        request=None,
        **kwargs,
    )


def order_place_for_intent(
    *, payment_intent_id: str, gateway: StripeGateway, intent: Intent | None = None
) -> Placement:
    """Place the order paid by this intent, exactly once, or give the money back.

    Called by the return view and by the webhook, possibly at the same moment.
    """
    if intent is None:
        intent = gateway.payment_intent_retrieve(payment_intent_id)
    # Read before taking the row lock: one more call to Stripe, for display only.
    card_label = gateway.card_label(intent.payment_method_id) if intent.status in PAID_STATUSES else ""
    with transaction.atomic():
        payment = CheckoutPayment.objects.select_for_update().get(payment_intent_id=payment_intent_id)
        if payment.order_id:
            return Placement("already_placed", payment, intent, order=payment.order)
        if payment.state == CheckoutPayment.State.REFUNDED:
            return Placement("refunded", payment, intent, reason=payment.failure_reason)
        if intent.status not in PAID_STATUSES:
            return Placement("not_paid", payment, intent)

        user = payment.user or AnonymousUser()
        if intent.amount_minor != amount_to_minor(payment.amount) or intent.currency != payment.currency.upper():
            reason = _("The amount paid does not match the order total.")
            _give_money_back(payment=payment, intent=intent, gateway=gateway, reason=reason)
            return Placement("refunded", payment, intent, reason=reason)

        basket = _reload_basket(payment, user)
        if (
            basket is None
            or basket.status not in (Basket.OPEN, Basket.FROZEN)
            or basket_fingerprint(basket=basket) != payment.basket_fingerprint
        ):
            reason = _("Your basket changed while you were paying, so we could not place the order.")
            _give_money_back(payment=payment, intent=intent, gateway=gateway, reason=reason)
            return Placement("refunded", payment, intent, reason=reason)

        try:
            with transaction.atomic():
                order = _order_create(payment=payment, basket=basket, user=user)
        except InsufficientStock as exc:
            reason = _("Sorry, %(product)s sold out while you were paying.") % {
                "product": exc.stockrecord.product.get_title()
            }
            _give_money_back(payment=payment, intent=intent, gateway=gateway, reason=reason)
            return Placement("refunded", payment, intent, reason=reason)
        if order is None:
            reason = _("Your order total changed while you were paying, so we could not place the order.")
            _give_money_back(payment=payment, intent=intent, gateway=gateway, reason=reason)
            return Placement("refunded", payment, intent, reason=reason)

        facade.payment_record(order=order, intent=intent, card_label=card_label)
        basket.submit()
        payment.order = order
        payment.state = CheckoutPayment.State.PLACED
        payment.save(update_fields=["order", "state", "date_updated"])
        # robust: a mail failure must not look like a failed placement.
        transaction.on_commit(lambda: order_confirmation_send(order_id=order.pk), robust=True)
    logger.info("payment placed order=%s amount=%s intent=%s", order.number, log_amount(payment), intent.id)
    return Placement("placed", payment, intent, order=order)


def checkout_payments_catch_up(*, gateway: StripeGateway | None = None, older_than=None, within=None) -> dict:
    """Place orders for checkouts that were paid but never placed (no return, no webhook).

    Looks at payments still awaiting an order, older than ``older_than`` (the
    buyer may still be on the page) and younger than ``within`` (Stripe gives up
    on webhooks after 3 days; older intents were handled or abandoned).
    Safe to run twice: placement is exactly once per intent.
    """
    now = timezone.now()
    older_than = older_than if older_than is not None else datetime.timedelta(minutes=10)
    within = within if within is not None else datetime.timedelta(days=3)
    waiting = CheckoutPayment.objects.filter(
        state=CheckoutPayment.State.AWAITING_PAYMENT, order__isnull=True,
        date_created__lt=now - older_than, date_created__gte=now - within,
    ).values_list("payment_intent_id", flat=True)
    counts = {"placed": 0, "refunded": 0, "not_paid": 0, "already_placed": 0, "failed": 0}
    for intent_id in list(waiting):
        gateway = gateway or StripeGateway.from_settings()
        try:
            placement = order_place_for_intent(payment_intent_id=intent_id, gateway=gateway)
        except GatewayError:
            logger.exception("Catch-up could not reach Stripe for %s", intent_id)
            counts["failed"] += 1
            continue
        counts[placement.outcome] = counts.get(placement.outcome, 0) + 1
    return counts


def order_confirmation_send(*, order_id: int) -> None:
    """Email the buyer their confirmation, in the language they checked out in."""
    order = Order._default_manager.get(pk=order_id)
    payment = CheckoutPayment.objects.filter(order=order).first()
    language = (payment.checkout_data.get("language") if payment else "") or settings.LANGUAGE_CODE
    ctx = {"user": order.user, "order": order, "lines": order.lines.all()}
    with translation.override(language):
        try:
            if order.user_id:
                ctx["status_path"] = reverse("customer:order", kwargs={"order_number": order.number})
            else:
                ctx["status_path"] = reverse(
                    "customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}
                )
        except NoReverseMatch:
            pass
        OrderDispatcher(logger=logger).send_order_placed_email_for_user(order, ctx)


def order_refund(*, order, amount: Decimal, gateway: StripeGateway):
    """Refund part or all of an order's card payment; raises ``facade.RefundRefused``."""
    with transaction.atomic():
        refund = facade.refund_order_payment(order=order, amount=amount, gateway=gateway)
    logger.info("payment refunded order=%s amount=%s", order.number,
                f"{order.currency} {int(amount):,}".replace(",", "."))
    return refund


def order_payment_capture(*, order, gateway: StripeGateway | None = None):
    """At shipping: capture a manual-capture authorization (no-op for automatic capture)."""
    if facade.stripe_source_for_order(order) is None:
        return None  # marketplace and unpaid orders: no Stripe settings needed
    with transaction.atomic():
        return facade.capture_order_payment(order=order, gateway=gateway or StripeGateway.from_settings())


def order_payment_release(*, order, gateway: StripeGateway | None = None):
    """At cancellation: cancel an authorization not yet captured (no-op otherwise)."""
    if facade.stripe_source_for_order(order) is None:
        return None  # marketplace and unpaid orders: no Stripe settings needed
    with transaction.atomic():
        return facade.release_order_authorisation(order=order, gateway=gateway or StripeGateway.from_settings())


def payment_failure_note(*, payment_intent_id: str, intent: Intent) -> None:
    """Keep the last failure on our row, for support (the basket is untouched)."""
    reason = intent.last_error_code or intent.status
    CheckoutPayment.objects.filter(payment_intent_id=payment_intent_id, order__isnull=True).update(
        failure_reason=reason
    )
    logger.info("payment failed intent=%s reason=%s", payment_intent_id, reason)


__all__ = [
    "GatewayError",
    "PaymentNotReady",
    "Placement",
    "checkout_payment_start",
    "order_place_for_intent",
    "order_payment_capture",
    "order_payment_release",
    "order_refund",
]
