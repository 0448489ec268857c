"""The Stripe side of payments: speaks Stripe's API and knows nothing of Oscar.

Everything here works the same against real Stripe and against localstripe
(see docs/payments.md): PaymentIntents created with only the parameters both
accept, server-side confirmation in two calls, and both shapes of
``latest_charge`` read.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

import stripe
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Stripe treats IDR as a two-decimal currency although rupiah has no usable
# sub-unit: we always send whole rupiah x 100.
MINOR_UNITS_PER_RUPIAH = 100
MAX_AMOUNT_MINOR = 999_999_999_999  # IDR allows up to 12 digits
REAL_STRIPE_API = "https://api.stripe.com"


class GatewayError(Exception):
    """Stripe answered with an error we did not anticipate, or was unreachable."""


class GatewayUnavailable(GatewayError):
    """No answer from Stripe (network error or timeout): nothing is known to have happened."""


class CardDeclined(GatewayError):
    def __init__(self, message, *, code="", decline_code=""):
        super().__init__(message)
        self.code = code or ""
        self.decline_code = decline_code or ""


class InvalidAmount(ValueError):
    """An amount Stripe must never see: not whole rupiah, zero, negative or too large."""


def _id_of(value) -> str:
    """An id whether Stripe sent the object expanded or not."""
    if isinstance(value, dict):
        return value.get("id", "")
    return value or ""


@dataclass(frozen=True)
class Intent:
    id: str
    status: str
    amount_minor: int
    currency: str
    client_secret: str
    capture_method: str
    metadata: dict = field(default_factory=dict)
    latest_charge_id: str = ""
    last_error_code: str = ""
    last_decline_code: str = ""
    payment_method_id: str = ""

    @classmethod
    def from_stripe(cls, obj) -> "Intent":
        data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
        charge = data.get("latest_charge") or ""
        # Real Stripe returns an id; localstripe returns the expanded charge.
        if isinstance(charge, dict):
            charge = charge.get("id", "")
        error = data.get("last_payment_error") or {}
        return cls(
            id=data["id"],
            status=data.get("status") or "",
            amount_minor=int(data.get("amount") or 0),
            currency=(data.get("currency") or "").upper(),
            client_secret=data.get("client_secret") or "",
            capture_method=data.get("capture_method") or "automatic",
            metadata=dict(data.get("metadata") or {}),
            latest_charge_id=charge,
            last_error_code=error.get("code") or "",
            last_decline_code=error.get("decline_code") or "",
            payment_method_id=_id_of(data.get("payment_method")),
        )


@dataclass(frozen=True)
class Refund:
    id: str
    amount_minor: int
    status: str


def amount_to_minor(amount: Decimal) -> int:
    """Whole rupiah -> Stripe's minor units, refusing anything else (never rounding)."""
    amount = Decimal(amount)
    if amount <= 0:
        raise InvalidAmount(f"Amount must be positive, got {amount}")
    if amount != amount.to_integral_value():
        raise InvalidAmount(f"Amount {amount} is not a whole number of rupiah")
    minor = int(amount) * MINOR_UNITS_PER_RUPIAH
    if minor > MAX_AMOUNT_MINOR:
        raise InvalidAmount(f"Amount {amount} is larger than Stripe accepts for IDR")
    return minor


def minor_to_amount(minor: int) -> Decimal:
    return (Decimal(minor) / MINOR_UNITS_PER_RUPIAH).quantize(Decimal("0.01"))


def intent_idempotency_key(*, basket_id: int, amount_minor: int, currency: str, attempt: int = 0) -> str:
    # The same basket at the same total always asks for the same intent, so a
    # double-submitted payment page cannot create two (on real Stripe).
    # ``attempt`` only moves on after a declined attempt retired the intent.
    return f"gk-pi-{basket_id}-{currency.lower()}-{amount_minor}-{attempt}"


def refund_idempotency_key(*, intent_id: str, sequence: int, amount_minor: int) -> str:
    return "gk-re-" + hashlib.sha256(f"{intent_id}:{sequence}:{amount_minor}".encode()).hexdigest()[:32]


class StripeGateway:
    def __init__(self, *, secret_key: str, api_base: str, max_network_retries: int = 0, timeout: int = 20):
        if not secret_key:
            raise ImproperlyConfigured("STRIPE_SECRET_KEY is not set")
        self.api_base = api_base.rstrip("/")
        self.client = stripe.StripeClient(
            secret_key,
            base_addresses={"api": self.api_base},
            max_network_retries=max_network_retries,
            http_client=stripe.RequestsClient(timeout=timeout),
        )

    @classmethod
    def from_settings(cls) -> "StripeGateway":
        return cls(
            secret_key=settings.STRIPE_SECRET_KEY,
            api_base=settings.STRIPE_API_BASE,
            max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
        )

    @property
    def is_local_server(self) -> bool:
        return not self.api_base.startswith(REAL_STRIPE_API)

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except stripe.CardError as exc:
            error = exc.error
            raise CardDeclined(
                exc.user_message or str(exc),
                code=getattr(error, "code", "") if error else "",
                decline_code=getattr(error, "decline_code", "") if error else "",
            ) from exc
        except stripe.APIConnectionError as exc:
            raise GatewayUnavailable(str(exc)) from exc
        except stripe.StripeError as exc:
            raise GatewayError(str(exc)) from exc

    def payment_intent_create(
        self,
        *,
        amount: Decimal,
        currency: str,
        basket_id: int,
        order_number: str,
        capture_method: str = "automatic",
        attempt: int = 0,
    ) -> Intent:
        # Converted (and refused) before any request leaves this process.
        amount_minor = amount_to_minor(amount)
        params = {
            "amount": amount_minor,
            "currency": currency.lower(),
            "capture_method": capture_method,
            "metadata": {"basket_id": str(basket_id), "order_number": str(order_number)},
        }
        key = intent_idempotency_key(
            basket_id=basket_id, amount_minor=amount_minor, currency=currency, attempt=attempt
        )
        obj = self._call(self.client.v1.payment_intents.create, params, {"idempotency_key": key})
        return Intent.from_stripe(obj)

    def payment_intent_retrieve(self, intent_id: str) -> Intent:
        return Intent.from_stripe(self._call(self.client.v1.payment_intents.retrieve, intent_id))

    def card_label(self, payment_method_id: str) -> str:
        """"Visa •••• 4242" for the buyer's order pages; "" when unknown.

        Only the brand and last four digits, which Stripe gives for display.
        """
        if not payment_method_id:
            return ""
        try:
            obj = self._call(self.client.v1.payment_methods.retrieve, payment_method_id)
        except GatewayError:
            return ""  # a label is a courtesy: never fail a placement for it
        data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
        # A PaymentMethod nests the card; a legacy Card (localstripe's tokens) is the card.
        card = data.get("card") or (data if data.get("object") == "card" else {})
        last4 = card.get("last4") or ""
        if not last4:
            return ""
        brand = str(card.get("display_brand") or card.get("brand") or "").replace("_", " ").title()
        return f"{brand} \u2022\u2022\u2022\u2022 {last4}".strip()

    def payment_intent_confirm(self, intent_id: str, *, payment_method: str) -> Intent:
        """Attach a payment method and confirm, server-side (two calls: see STRIPE.md)."""
        self._call(self.client.v1.payment_intents.update, intent_id, {"payment_method": payment_method})
        return Intent.from_stripe(self._call(self.client.v1.payment_intents.confirm, intent_id))

    def payment_intent_cancel(self, intent_id: str) -> Intent:
        return Intent.from_stripe(self._call(self.client.v1.payment_intents.cancel, intent_id))

    def payment_intent_capture(self, intent_id: str) -> Intent:
        """Capture a manual-capture authorization in full."""
        return Intent.from_stripe(self._call(self.client.v1.payment_intents.capture, intent_id))

    def refund_create(self, *, intent_id: str, amount: Decimal, sequence: int) -> Refund:
        amount_minor = amount_to_minor(amount)
        key = refund_idempotency_key(intent_id=intent_id, sequence=sequence, amount_minor=amount_minor)
        # Always pass the amount: localstripe re-refunds the whole charge
        # when it is left out after a partial refund.
        obj = self._call(
            self.client.v1.refunds.create,
            {"payment_intent": intent_id, "amount": amount_minor},
            {"idempotency_key": key},
        )
        data = obj.to_dict()
        return Refund(id=data["id"], amount_minor=int(data["amount"]), status=data.get("status") or "")


def webhook_event_construct(*, payload: bytes, signature_header: str, secret: str):
    """Verify ``Stripe-Signature`` against the raw body; raises ValueError or SignatureVerificationError."""
    return stripe.Webhook.construct_event(payload, signature_header, secret)


SignatureVerificationError = stripe.SignatureVerificationError
