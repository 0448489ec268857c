"""Checkout with card payment through Stripe PaymentIntents.

Oscar's flow up to the shipping method is unchanged. The payment page creates
the PaymentIntent and shows the card form; Stripe.js confirms the card in the
browser and sends the buyer to ``StripeReturnView``, which places the order
(or the webhook already did). Oscar's separate preview step is skipped: the
payment page shows the order summary and the pay button places the order.
"""
import logging
from decimal import Decimal
from urllib.parse import urlencode

from django import http
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class, get_model

from shop.payments.gateway import CardDeclined, GatewayError, GatewayUnavailable, StripeGateway
from shop.payments.models import CheckoutPayment
from shop.payments.services import (
    PAID_STATUSES,
    PaymentNotReady,
    checkout_payment_start,
    order_place_for_intent,
    payment_failure_note,
)
from shop.shipping.methods import RATES_PENDING_CODE
from shop.shipping.services import (
    NOTE_TABLE_FALLBACK,
    rate_quote_create,
    rate_quote_is_priced,
    rate_quote_select,
)

OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")
RateQuote = get_model("shipping", "RateQuote")

logger = logging.getLogger("shop.payments")

SESSION_NAMESPACE = "stripe"
SESSION_INTENT_KEY = "payment_intent_id"

GENERIC_DECLINE = "card_declined"


def decline_message(code: str, decline_code: str = "") -> str:
    """A message for the buyer, in their language, for Stripe's error codes."""
    messages_by_code = {
        "insufficient_funds": _("Your card has insufficient funds. Try another card."),
        "expired_card": _("Your card has expired. Try another card."),
        "incorrect_cvc": _("The card's security code (CVC) is incorrect."),
        "incorrect_number": _("The card number is incorrect."),
        "processing_error": _("Your bank could not process the card. Please try again."),
        "payment_intent_authentication_failure": _(
            "The 3-D Secure check with your bank was not completed, so nothing was charged. "
            "Please try again and confirm the payment with your bank."
        ),
    }
    return messages_by_code.get(decline_code) or messages_by_code.get(code) or _(
        "Your card was declined and nothing was charged. Try another card or contact your bank."
    )


# Lazy: built at import, shown in the language of each request.
NETWORK_MESSAGE = gettext_lazy(
    "We could not reach our card payment provider. Nothing was charged twice and your basket is safe: "
    "please try again in a moment."
)


NOT_CONFIGURED_MESSAGE = gettext_lazy(
    "Card payment is not available at the moment. Your basket is saved: please try again later."
)


RATES_SESSION_NAMESPACE = "rates"
RATES_SESSION_QUOTE_KEY = "quote_id"

FALLBACK_NOTE = gettext_lazy(
    "The live courier prices did not answer in time, so these are our own table's prices. "
    "You pay exactly what you see here."
)


class ShippingMethodView(oscar_views.ShippingMethodView):
    """One parcel per artisan, each with its courier services, prices and days.

    GET prices every parcel (``rate_quote_create``) and shows the quote; POST
    records the buyer's service per parcel on that same quote, so the order
    charges exactly the prices shown, never a fresh quote.
    """

    template_name = "shop/checkout/shipping_parcels.html"

    def get(self, request, *args, **kwargs):
        if not request.basket.is_shipping_required():
            return super().get(request, *args, **kwargs)
        if not self.checkout_session.is_shipping_address_set():
            messages.error(request, _("Please choose a shipping address"))
            return redirect("checkout:shipping-address")
        quote = rate_quote_create(basket=request.basket, shipping_address=self.get_shipping_address(request.basket))
        self.checkout_session._set(RATES_SESSION_NAMESPACE, RATES_SESSION_QUOTE_KEY, quote.pk)
        return self.render_quote(quote)

    def post(self, request, *args, **kwargs):
        quote_id = self.checkout_session._get(RATES_SESSION_NAMESPACE, RATES_SESSION_QUOTE_KEY)
        quote = RateQuote.objects.filter(pk=quote_id, basket=request.basket).first()
        if quote is None or str(quote.pk) != request.POST.get("quote", ""):
            messages.warning(request, _("Shipping prices were refreshed: please check them and choose again."))
            return redirect("checkout:shipping-method")
        choices = {
            str(parcel["partner_id"]): request.POST.get(f"parcel-{parcel['partner_id']}", "")
            for parcel in quote.parcels
        }
        try:
            rate_quote_select(quote=quote, choices=choices)
        except ValidationError as exc:
            return self.render_quote(quote, error=exc.messages[0], choices=choices)
        self.checkout_session.use_shipping_method(f"parcels-{quote.pk}")
        return self.get_success_response()

    def render_quote(self, quote, *, error="", choices=None):
        choices = choices or {}
        parcels = []
        for parcel in quote.parcels:
            options = parcel["options"]
            chosen = choices.get(str(parcel["partner_id"])) or (options[0]["code"] if options else "")
            lines = [line for line in self.request.basket.all_lines() if line.pk in parcel["line_ids"]]
            parcels.append({**parcel, "lines": lines, "chosen": chosen, "weight_kg": parcel["weight_grams"] / 1000,
                            "packing_fee": Decimal(parcel["packing_fee"]),
                            "options": [{**option, "price": Decimal(option["price"])} for option in options]})
        shipping_total = sum(
            (Decimal(option["price"]) + Decimal(parcel["packing_fee"])
             for parcel in parcels for option in parcel["options"] if option["code"] == parcel["chosen"]),
            Decimal("0"),
        )
        ctx = self.get_context_data(
            quote=quote,
            parcels=parcels,
            priced=rate_quote_is_priced(quote),
            fallback_note=FALLBACK_NOTE if quote.note == NOTE_TABLE_FALLBACK else "",
            error=error,
            shipping_total=shipping_total,
            goods_total=self.request.basket.total_incl_tax,
            order_total_estimate=self.request.basket.total_incl_tax + shipping_total,
        )
        return self.render_to_response(ctx)

    def get_context_data(self, **kwargs):
        # Oscar's version lists self._methods, which this step does not use.
        return super(oscar_views.ShippingMethodView, self).get_context_data(**kwargs)

    def get_form(self, form_class=None):
        return None  # the parcels' radio buttons are the form


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    template_name = "shop/checkout/payment_details.html"

    def get(self, request, *args, **kwargs):
        if self.preview:
            # The card is confirmed on the payment page itself: no preview step.
            return redirect("checkout:payment-details")
        return self.render_stripe_payment()

    def post(self, request, *args, **kwargs):
        return http.HttpResponseNotAllowed(["GET"])

    def render_stripe_payment(self):
        submission = self.build_submission()
        basket = submission["basket"]
        method = submission["shipping_method"]
        if method is not None and method.code == RATES_PENDING_CODE:
            # Never charge a basket whose parcels have no chosen courier.
            return redirect("checkout:shipping-method")
        ctx = {"stripe_ready": False}
        try:
            payment, intent = checkout_payment_start(
                basket=basket,
                user=self.request.user,
                order_number=self.generate_order_number(basket),
                shipping_address=submission["shipping_address"],
                shipping_method=submission["shipping_method"],
                order_total=submission["order_total"],
                guest_email=submission["order_kwargs"].get("guest_email"),
                capture_method=settings.STRIPE_CAPTURE_METHOD,
                gateway=StripeGateway.from_settings(),
            )
        except PaymentNotReady as exc:
            ctx["error"] = str(exc)
            return self.render_to_response(self.get_context_data(**ctx))
        except GatewayError:
            logger.exception("Could not create a PaymentIntent for basket %s", basket.id)
            ctx["error"] = NETWORK_MESSAGE
            return self.render_to_response(self.get_context_data(**ctx))
        except ImproperlyConfigured:
            # A deployment without Stripe keys: say so, keep the basket.
            logger.exception("Card payments are not configured")
            ctx["error"] = NOT_CONFIGURED_MESSAGE
            return self.render_to_response(self.get_context_data(**ctx))

        self.checkout_session._set(SESSION_NAMESPACE, SESSION_INTENT_KEY, payment.payment_intent_id)
        return_url = reverse("checkout:stripe-return") + "?" + urlencode({"payment_intent": intent.id})
        if intent.status in PAID_STATUSES or intent.status == "processing":
            # Paid already (the buyer came back to this page): finish, never charge again.
            return redirect(return_url)
        gateway = StripeGateway.from_settings()
        ctx.update(
            stripe_ready=True,
            stripe_client_secret=intent.client_secret,
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            stripe_js_url=settings.STRIPE_JS_URL,
            stripe_return_url=return_url,
            stripe_local_confirm_url=reverse("checkout:stripe-local-confirm") if gateway.is_local_server else "",
            stripe_amount=payment.amount,
        )
        return self.render_to_response(self.get_context_data(**ctx))


class StripeIntentFromSessionMixin:
    def session_intent_id(self, request):
        return request.session.get("checkout_data", {}).get(SESSION_NAMESPACE, {}).get(SESSION_INTENT_KEY)


class StripeReturnView(StripeIntentFromSessionMixin, OrderPlacementMixin, generic.View):
    """Stripe.js sends the buyer here after confirming; place the order or explain."""

    def get(self, request, *args, **kwargs):
        intent_id = request.GET.get("payment_intent", "")
        if not intent_id or intent_id != self.session_intent_id(request):
            # Only the buyer who started this payment may finish it here; the
            # webhook places orders for everyone else.
            messages.error(request, _("This payment does not belong to your current checkout."))
            return redirect("basket:summary")
        gateway = StripeGateway.from_settings()
        try:
            placement = order_place_for_intent(payment_intent_id=intent_id, gateway=gateway)
        except GatewayUnavailable:
            messages.error(request, NETWORK_MESSAGE)
            return redirect("checkout:payment-details")
        except GatewayError:
            logger.exception("Placing the order for %s failed at Stripe", intent_id)
            messages.error(request, NETWORK_MESSAGE)
            return redirect("checkout:payment-details")

        if placement.outcome in ("placed", "already_placed"):
            self.checkout_session.flush()
            request.session["checkout_order_id"] = placement.order.id
            return redirect("checkout:thank-you")
        if placement.outcome == "refunded":
            messages.error(
                request,
                _("%(reason)s Your payment has been refunded in full; it can take a few days to reach your card.")
                % {"reason": placement.reason},
            )
            return redirect("basket:summary")

        intent = placement.intent
        payment_failure_note(payment_intent_id=intent_id, intent=intent)
        if intent.status == "requires_action":
            messages.error(
                request,
                _(
                    "Your bank asks you to confirm this payment with 3-D Secure. Nothing has been charged yet: "
                    "press Pay again and complete the check."
                ),
            )
        elif intent.status == "processing":
            messages.info(request, _("Your bank is still processing the payment. We will email you when it completes."))
            return redirect("basket:summary")
        else:
            messages.error(request, decline_message(intent.last_error_code, intent.last_decline_code))
        return redirect("checkout:payment-details")


class StripeLocalConfirmView(StripeIntentFromSessionMixin, generic.View):
    """Confirm the card server-side, for the local Stripe server only.

    localstripe's drop-in Stripe.js cannot send card details with
    ``confirmCardPayment`` (it only performs the 3-D Secure step), so on it the
    page tokenises the card and asks us to attach and confirm it. Real Stripe
    never reaches this view: the browser confirms directly.
    """

    def post(self, request, *args, **kwargs):
        gateway = StripeGateway.from_settings()
        intent_id = self.session_intent_id(request)
        if not gateway.is_local_server or not intent_id:
            raise http.Http404
        if not CheckoutPayment.objects.filter(payment_intent_id=intent_id, order__isnull=True).exists():
            raise http.Http404
        payment_method = request.POST.get("payment_method", "")
        try:
            intent = gateway.payment_intent_confirm(intent_id, payment_method=payment_method)
        except CardDeclined as exc:
            return http.JsonResponse({"status": "requires_payment_method", "code": exc.code}, status=402)
        except GatewayError:
            return http.JsonResponse({"status": "error"}, status=502)
        return http.JsonResponse({"status": intent.status})
