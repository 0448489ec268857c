"""Orders dashboard: Oscar's, plus card refunds on the order page, narrowed for artisans.

Refunds are staff-only: partner (artisan) users can open order pages in
Oscar's dashboard but must never move money.

One basket becomes one order even with several artisans' pieces, and Oscar
shows a partner user the whole order and lets them change its status and every
line's status (maintainers call that intended: Oscar #2240, #2324). Here a
partner user (not ``is_staff``) sees and acts on only the lines whose partner
they belong to: line statuses and shipping events on those lines, and shipping
a marketplace order made only of their pieces. Order status, notes, payment
events and refunds are staff-only, and the totals, payment, discount and note
tabs are hidden (they describe the whole order). The shipping address stays
visible: the artisan ships the parcel. It is not editable by them.
"""
import functools
import re
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from marketplace_sync.adapters.base import MarketplaceError
from marketplace_sync.services.orders import order_ship_remote
from shop.dashboard.orders.forms import OrderSearchForm
from shop.dashboard.selectors import channel_label
from shop.order import statuses
from shop.order.couriers import courier_choices
from shop.order.shipments import (
    EVENT_TYPE_LABELS,
    SHIPPED,
    SHIPPED_EVENT_CODE,
    ShipmentRefused,
    order_parcels,
    parcel_ship,
)
from shop.payments import facade
from shop.payments.gateway import GatewayError, StripeGateway
from shop.payments.services import order_refund

Line = get_model("order", "Line")
Partner = get_model("partner", "Partner")
ShippingEvent = get_model("order", "ShippingEvent")

# Staff roles such as Kurator may read orders (order.view_order) but Oscar's
# order page would still let any staff member act on them.
VIEW_ONLY_MESSAGE = gettext_lazy("Your role can view orders but not change them.")


def parse_rupiah(raw: str) -> Decimal:
    """"150000", "150.000" (Indonesian grouping) or "150000.50" (refused later)."""
    text = raw.strip().replace(" ", "").replace("Rp", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    return Decimal(text)


def own_lines(*, user, lines):
    """The lines a dashboard user may see and act on: all for staff, their partners' for artisans."""
    if user.is_staff:
        return lines
    return lines.filter(partner__users=user)


def own_line_totals(*, user, orders) -> dict[int, dict]:
    """{order id: {"total": Decimal, "items": int}} over the user's own lines of ``orders``, in one query."""
    rows = (
        own_lines(user=user, lines=Line.objects.filter(order__in=orders))
        .values("order_id")
        .annotate(total=Sum("line_price_incl_tax"), items=Sum("quantity"))
    )
    return {row["order_id"]: {"total": row["total"], "items": row["items"]} for row in rows}


def order_buyer_name(order) -> str:
    """Who bought: the account's name, a guest's email, or (marketplace orders, which
    have no account here) the name the marketplace gave for delivery."""
    if order.user_id and order.user:
        return order.user.get_full_name() or order.user.email
    if order.guest_email:
        return order.guest_email
    if order.shipping_address_id and order.shipping_address.name:
        return order.shipping_address.name
    link = getattr(order, "marketplace_import", None) if order.channel_id else None
    return (link.raw_payload or {}).get("buyer_username", "") if link else ""


class OrderListView(oscar_views.OrderListView):
    template_name = "shop/dashboard/orders/order_list.html"
    form_class = OrderSearchForm
    CSV_COLUMNS = {**oscar_views.OrderListView.CSV_COLUMNS, "channel": gettext_lazy("Channel")}

    def dispatch(self, request, *args, **kwargs):
        # The channel choices depend on who asks (see OrderSearchForm).
        self.form_class = functools.partial(OrderSearchForm, user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset().select_related("channel")
        if self.form.is_valid():
            queryset = self.form.channel_filter(queryset)
        return queryset

    def get_search_filter_descriptions(self):
        descriptions = super().get_search_filter_descriptions()
        code = getattr(self.form, "cleaned_data", {}).get("order_channel")
        if code:
            label = dict(self.form.fields["order_channel"].choices).get(code, code)
            descriptions.append(_("Sold on %(channel)s") % {"channel": label})
        return descriptions

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["is_partner_view"] = not self.request.user.is_staff
        orders = list(ctx["orders"])
        for order in orders:
            order.buyer_name = order_buyer_name(order)
            order.channel_name = channel_label(order)
        ctx["orders"] = orders
        if ctx["is_partner_view"]:
            # The order's total and item count cover other artisans' pieces:
            # show the artisan their own share instead.
            orders = list(ctx["orders"])
            totals = own_line_totals(user=self.request.user, orders=orders)
            for order in orders:
                order.own_share = totals.get(order.pk, {"total": Decimal("0"), "items": 0})
            ctx["orders"] = orders
        return ctx

    def get_row_values(self, order):
        row = super().get_row_values(order)
        row["channel"] = channel_label(order)
        if not row["customer"]:
            row["customer"] = order_buyer_name(order)
        if not self.request.user.is_staff:
            share = own_line_totals(user=self.request.user, orders=[order]).get(order.pk, {"total": 0, "items": 0})
            row["value"], row["num_items"] = share["total"], share["items"]
        return row

    def change_order_statuses(self, request, orders):
        # Oscar offers this bulk action to partner users too; an order's status
        # covers other artisans' lines, so only staff may change it.
        if not request.user.is_staff:
            messages.error(request, _("Only gallery staff can change an order's status."))
            return redirect("dashboard:order-list")
        if not request.user.has_perm("order.change_order"):
            messages.error(request, VIEW_ONLY_MESSAGE)
            return redirect("dashboard:order-list")
        return super().change_order_statuses(request, orders)


class LineDetailView(oscar_views.LineDetailView):
    def get_object(self, queryset=None):
        line = super().get_object(queryset)
        if not own_lines(user=self.request.user, lines=line.order.lines.filter(pk=line.pk)).exists():
            raise Http404()
        return line


class ShippingAddressUpdateView(oscar_views.ShippingAddressUpdateView):
    def dispatch(self, request, *args, **kwargs):
        # Artisans read the address on the order page to ship; changing where
        # the buyer's parcels go is the gallery's call.
        if not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrderDetailView(oscar_views.OrderDetailView):
    template_name = "shop/dashboard/orders/order_detail.html"
    order_actions = oscar_views.OrderDetailView.order_actions + (
        "refund_card_payment", "ship_on_marketplace", "ship_parcel")
    #: What a partner user may do; ship_on_marketplace and ship_parcel check the lines themselves.
    partner_order_actions = ("ship_on_marketplace", "ship_parcel")
    partner_line_actions = ("change_line_statuses", "create_shipping_event")

    def get_order_lines(self):
        # Also what Oscar's handle_line_action filters the posted line ids
        # through, so another artisan's line is refused as "Invalid lines requested".
        return own_lines(user=self.request.user, lines=super().get_order_lines())

    def handle_order_action(self, request, order, action):
        if not request.user.is_staff and action not in self.partner_order_actions:
            return self.reload_page(error=_("Only gallery staff can do this on an order."))
        if request.user.is_staff and not request.user.has_perm("order.change_order"):
            return self.reload_page(error=VIEW_ONLY_MESSAGE)
        return super().handle_order_action(request, order, action)

    def handle_line_action(self, request, order, action):
        if not request.user.is_staff and action not in self.partner_line_actions:
            return self.reload_page(error=_("Only gallery staff can do this on an order."))
        if request.user.is_staff and not request.user.has_perm("order.change_order"):
            return self.reload_page(error=VIEW_ONLY_MESSAGE)
        return super().handle_line_action(request, order, action)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["is_partner_view"] = not self.request.user.is_staff
        ctx["buyer_name"] = order_buyer_name(self.object)
        ctx["channel_name"] = channel_label(self.object)
        if ctx["is_partner_view"]:
            ctx["own_lines_total"] = sum((line.line_price_incl_tax for line in ctx["lines"]), Decimal("0"))
        ctx["card_refundable"] = facade.refundable_amount(self.object)
        ctx["can_refund_card"] = self.request.user.is_staff and ctx["card_refundable"] > 0
        ctx["can_ship_on_marketplace"] = self.may_ship_on_marketplace(self.request.user, self.object)
        self.add_shipping_context(ctx)
        return ctx

    # -- shipping ------------------------------------------------------------------------

    def add_shipping_context(self, ctx):
        """Parcels (one per artisan, the artisan's own only) and the events a user may see."""
        order, user = self.object, self.request.user
        ctx["parcels"] = order_parcels(order=order, lines=ctx["lines"].select_related("partner"))
        may_ship = not order.channel_id and (not user.is_staff or user.has_perm("order.change_order"))
        for parcel in ctx["parcels"]:
            parcel["can_ship"] = may_ship and bool(parcel["to_ship"]) and parcel["partner"] is not None
        ctx["courier_choices"] = courier_choices()
        # Shipping goes through the parcel form (courier and tracking number are needed),
        # so Oscar's generic line controls do not offer it.
        ctx["line_statuses"] = [status for status in ctx["line_statuses"] if status != SHIPPED]
        ctx["shipping_event_types"] = [event_type for event_type in ctx["shipping_event_types"]
                                       if event_type.code != SHIPPED_EVENT_CODE]
        for event_type in ctx["shipping_event_types"]:
            # Stored in Indonesian; shown (never saved) in the reader's language.
            event_type.name = str(EVENT_TYPE_LABELS.get(event_type.code, event_type.name))
        if ctx["is_partner_view"]:
            # Their own lines' events only: an event over another artisan's lines is not theirs to see.
            own_ids = {line.pk for line in ctx["lines"]}
            events = list(
                ShippingEvent.objects.filter(order=order, lines__in=own_ids).distinct()
                .select_related("event_type").prefetch_related("line_quantities__line")
                .order_by("date_created")
            )
            for event in events:
                event.label = EVENT_TYPE_LABELS.get(event.event_type.code, event.event_type.name)
                event.own_line_quantities = [q for q in event.line_quantities.all() if q.line_id in own_ids]
            ctx["own_shipping_events"] = events

    def ship_parcel(self, request, order):
        partner_id = request.POST.get("partner", "")
        partner = Partner.objects.filter(pk=partner_id).first() if partner_id.isdigit() else None
        user = request.user
        allowed = partner is not None and (
            user.has_perm("order.change_order") if user.is_staff else partner.users.filter(pk=user.pk).exists()
        )
        if not allowed or not order.lines.filter(partner=partner).exists():
            return self.reload_page(error=_("You cannot ship this parcel."))
        try:
            shipment = parcel_ship(order=order, partner=partner, courier=request.POST.get("courier", ""),
                                   tracking_number=request.POST.get("tracking_number", ""), user=user)
        except ShipmentRefused as exc:
            return self.reload_page(fragment="parcels", error=str(exc))
        messages.success(
            request,
            _("Parcel shipped with %(courier)s (%(number)s). The buyer has been emailed the tracking link.")
            % {"courier": shipment.courier_name, "number": shipment.tracking_number},
        )
        return self.reload_page(fragment="parcels")

    def change_line_statuses(self, request, order, lines, quantities):
        if request.POST.get("new_status", "").strip() == SHIPPED:
            return self.reload_page(error=_("Record a shipment with its courier and tracking number under Parcels."))
        return super().change_line_statuses(request, order, lines, quantities)

    def create_shipping_event(self, request, order, lines, quantities):
        if request.POST.get("shipping_event_type") == SHIPPED_EVENT_CODE:
            return self.reload_page(error=_("Record a shipment with its courier and tracking number under Parcels."))
        return super().create_shipping_event(request, order, lines, quantities)

    @staticmethod
    def may_ship_on_marketplace(user, order):
        """Staff who may change orders, or the artisan whose pieces make up the whole order."""
        if not order.channel_id or order.status not in (statuses.NEW, statuses.PROCESSING):
            return False
        if user.is_staff:
            return user.has_perm("order.change_order")
        own = set(user.partners.values_list("pk", flat=True))
        return bool(own) and all(line.partner_id in own for line in order.lines.all())

    def ship_on_marketplace(self, request, order):
        if not self.may_ship_on_marketplace(request.user, order):
            return self.reload_page(error=_("You cannot ship this order on its marketplace."))
        tracking_number = request.POST.get("tracking_number", "").strip()
        courier = request.POST.get("courier", "").strip()
        if courier and courier not in dict(courier_choices()):
            return self.reload_page(error=_("Choose the courier from the list."))
        try:
            order_ship_remote(order=order, tracking_number=tracking_number, courier=courier, user=request.user)
        except MarketplaceError as exc:
            return self.reload_page(
                error=_("%(channel)s did not accept the shipment: %(error)s") % {"channel": order.channel.name,
                                                                                 "error": exc}
            )
        messages.success(
            request, _("Shipped on %(channel)s; the order is now Dikirim.") % {"channel": order.channel.name}
        )
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
        messages.success(
            request, _("Refunded %(amount)s to the buyer's card.") % {"amount": currency(amount, order.currency)}
        )
        return self.reload_page(fragment="payment")


class OrderStatsView(oscar_views.OrderStatsView):
    """Oscar's statistics count whole orders (other artisans' lines included).

    Artisans get their own numbers on their overview instead; the menu hides
    this page from them (shop/dashboard/nav.py).
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            return redirect("dashboard:index")
        return super().dispatch(request, *args, **kwargs)
