"""Bridges the Stripe gateway and Oscar's payment records.

The gateway knows Stripe, Oscar knows Source/Transaction/PaymentEvent; this
module turns one into the other and nothing else.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from .gateway import Intent, StripeGateway, minor_to_amount

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Transaction = get_model("payment", "Transaction")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

SOURCE_TYPE_NAME = "Stripe"
EVENT_PAID = "Paid"
EVENT_AUTHORISED = "Authorised"
EVENT_REFUNDED = "Refunded"
EVENT_RELEASED = "Authorisation cancelled"
TXN_RELEASE = "Release"


class RefundRefused(Exception):
    """A refund we will not send to Stripe; the message is shown to staff."""


def _source_type():
    source_type, _created = SourceType.objects.get_or_create(code="stripe", defaults={"name": SOURCE_TYPE_NAME})
    return source_type


def _event(order, name, amount, reference, lines_quantities=None):
    event_type, _created = PaymentEventType.objects.get_or_create(name=name)
    event = PaymentEvent.objects.create(order=order, event_type=event_type, amount=amount, reference=reference)
    for line in order.lines.all():
        PaymentEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
    return event


def payment_record(*, order, intent: Intent, card_label: str = "") -> Source:
    """Record a succeeded (or authorised) intent against a freshly placed order.

    ``card_label`` ("Visa •••• 4242") is Oscar's Source label, what the buyer's
    order pages show; the charge id stays on the debit transaction.
    """
    amount = minor_to_amount(intent.amount_minor)
    source = Source.objects.create(
        order=order,
        source_type=_source_type(),
        currency=intent.currency,
        reference=intent.id,
        label=card_label[:128],
    )
    source.allocate(amount, reference=intent.id, status=intent.status)
    if intent.status == "succeeded":
        source.debit(amount, reference=intent.latest_charge_id or intent.id, status=intent.status)
        _event(order, EVENT_PAID, amount, intent.id)
    else:
        _event(order, EVENT_AUTHORISED, amount, intent.id)
    return source


def stripe_source_for_order(order):
    return order.sources.filter(source_type__code="stripe").order_by("pk").first()


def refundable_amount(order) -> Decimal:
    source = stripe_source_for_order(order)
    if source is None:
        return Decimal("0.00")
    return source.amount_available_for_refund


def refund_order_payment(*, order, amount: Decimal, gateway: StripeGateway):
    """Refund ``amount`` of the order's Stripe payment; the caller holds a transaction.

    The Source row is locked so two staff clicking at once cannot both refund
    the same remainder. Stripe (and certainly localstripe) would accept an
    over-refund, so the remainder is checked here.
    """
    source = stripe_source_for_order(order)
    if source is None:
        raise RefundRefused(_("This order was not paid by card through Stripe."))
    source = Source.objects.select_for_update().get(pk=source.pk)
    remaining = source.amount_available_for_refund
    if amount is None or amount <= 0:
        raise RefundRefused(_("Enter an amount to refund."))
    if amount != amount.to_integral_value():
        raise RefundRefused(_("Refunds are in whole rupiah."))
    if amount > remaining:
        raise RefundRefused(
            _("Only %(remaining)s of this payment can still be refunded.")
            % {"remaining": currency(remaining, source.currency)}
        )
    sequence = source.transactions.filter(txn_type=Transaction.REFUND).count() + 1
    refund = gateway.refund_create(intent_id=source.reference, amount=amount, sequence=sequence)
    source.refund(amount, reference=refund.id, status=refund.status)
    return _event(order, EVENT_REFUNDED, amount, refund.id)


def _locked_source_with_hold(order):
    """The order's Stripe source, locked, and the authorised amount not yet captured."""
    source = stripe_source_for_order(order)
    if source is None:
        return None, Decimal("0.00")
    source = Source.objects.select_for_update().get(pk=source.pk)
    return source, source.amount_allocated - source.amount_debited


def capture_order_payment(*, order, gateway: StripeGateway):
    """Capture what a manual-capture payment still holds; a no-op when nothing is held."""
    source, held = _locked_source_with_hold(order)
    if held <= 0:
        return None
    intent = gateway.payment_intent_capture(source.reference)
    source.debit(held, reference=intent.latest_charge_id or intent.id, status=intent.status)
    return _event(order, EVENT_PAID, held, intent.id)


def release_order_authorisation(*, order, gateway: StripeGateway):
    """Cancel what a manual-capture payment still holds; captured money is refunded by staff, not here."""
    source, held = _locked_source_with_hold(order)
    if held <= 0:
        return None
    intent = gateway.payment_intent_cancel(source.reference)
    # Oscar's Source has no "release": lower the allocation so it no longer
    # shows money held, and keep a transaction row as the record of it.
    source.amount_allocated -= held
    source.save(update_fields=["amount_allocated"])
    Transaction.objects.create(source=source, txn_type=TXN_RELEASE, amount=held, reference=intent.id,
                               status=intent.status)
    return _event(order, EVENT_RELEASED, held, intent.id)
