"""Orders dashboard: Oscar's, plus card refunds on the order page.

Refunds are staff-only: partner (artisan) users can open order pages in
Oscar's dashboard but must never move money.
"""
import re
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.templatetags.currency_filters import currency

from marketplace_sync.adapters.base import MarketplaceError
from marketplace_sync.services.orders import order_ship_remote
from shop.payments import facade
from shop.payments.gateway import GatewayError, StripeGateway
from shop.payments.services import order_refund


def parse_rupiah(raw: str) -> Decimal:
    """"150000", "150.000" (Indonesian grouping) or "150000.50" (refused later)."""
    text = raw.strip().replace(" ", "").replace("Rp", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    return Decimal(text)


class OrderDetailView(oscar_views.OrderDetailView):
    template_name = "shop/dashboard/orders/order_detail.html"
    order_actions = oscar_views.OrderDetailView.order_actions + ("refund_card_payment", "ship_on_marketplace")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["card_refundable"] = facade.refundable_amount(self.object)
        ctx["can_refund_card"] = self.request.user.is_staff and ctx["card_refundable"] > 0
        ctx["can_ship_on_marketplace"] = self.may_ship_on_marketplace(self.request.user, self.object)
        return ctx

    @staticmethod
    def may_ship_on_marketplace(user, order):
        """Staff who may change orders, or the artisan whose pieces make up the whole order."""
        if not order.channel_id or order.status not in ("Baru", "Diproses"):
            return False
        if user.is_staff:
            return user.has_perm("order.change_order")
        own = set(user.partners.values_list("pk", flat=True))
        return bool(own) and all(line.partner_id in own for line in order.lines.all())

    def ship_on_marketplace(self, request, order):
        if not self.may_ship_on_marketplace(request.user, order):
            return self.reload_page(error=_("You cannot ship this order on its marketplace."))
        tracking_number = request.POST.get("tracking_number", "").strip()
        try:
            order_ship_remote(order=order, tracking_number=tracking_number)
        except MarketplaceError as exc:
            return self.reload_page(
                error=_("%(channel)s did not accept the shipment: %(error)s") % {"channel": order.channel.name,
                                                                                 "error": exc}
            )
        messages.success(request, _("Shipped on %(channel)s; the order is now Dikirim.") % {"channel": order.channel.name})
        return self.reload_page()

    def refund_card_payment(self, request, order):
        if not (request.user.is_staff and request.user.has_perm("order.change_order")):
            return self.reload_page(error=_("Only gallery staff can refund payments."))
        try:
            amount = parse_rupiah(request.POST.get("refund_amount", ""))
        except InvalidOperation:
            return self.reload_page(fragment="payment", error=_("Enter the amount to refund in rupiah, e.g. 150000."))
        try:
            order_refund(order=order, amount=amount, gateway=StripeGateway.from_settings())
        except facade.RefundRefused as exc:
            return self.reload_page(fragment="payment", error=str(exc))
        except GatewayError:
            return self.reload_page(
                fragment="payment",
                error=_("Stripe did not accept the refund or could not be reached; nothing was recorded. Try again."),
            )
        messages.success(request, _("Refunded %(amount)s to the buyer's card.") % {"amount": currency(amount, order.currency)})
        return self.reload_page(fragment="payment")
