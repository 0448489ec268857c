"""Marketplace pages of the dashboard: thin views over services and selectors."""
from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from marketplace_sync.adapters.base import MarketplaceError
from marketplace_sync.dashboard import access
from marketplace_sync.dashboard.forms import (
    SETTINGS_FIELDS,
    ChannelAddForm,
    ChannelSettingsForm,
    ListingFilterForm,
    ResolveForm,
    SyncRunFilterForm,
)
from marketplace_sync.models import Channel, SyncRun
from marketplace_sync.selectors import (
    RUN_KINDS,
    channel_last_runs,
    channels_overview,
    listings_search,
    product_listings,
    sync_runs,
)
from marketplace_sync.services.channels import channel_create, channel_remove, channel_update
from marketplace_sync.services.orders import imported_orders_quarantined, order_review_resolve, orders_needing_review
from marketplace_sync.services.stock import listing_stock_explanation
from marketplace_sync.services.tokens import channel_authorization_url, channel_connect

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

OAUTH_SALT = "marketplace_sync.dashboard.oauth"
OAUTH_MAX_AGE = 15 * 60  # Shopee's auth code itself lives 10 minutes


def _guard(check):
    """Anonymous users go to the dashboard login; signed-in users without the right get 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = _guard(access.can_view)
change_required = _guard(access.can_change)


def _page(request, queryset, per_page=50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# --------------------------------------------------------------------------- channels


@staff_required
def channel_list(request):
    channels = list(channels_overview())
    last_runs = channel_last_runs(channels=channels)
    rows = [{"channel": c, "runs": [(kind, last_runs[c.pk].get(kind)) for kind in RUN_KINDS]} for c in channels]
    return render(request, "marketplace_sync/dashboard/channel_list.html", {
        "rows": rows, "run_kinds": [dict(SyncRun.KIND_CHOICES)[k] for k in RUN_KINDS],
        "can_change": access.can_change(request.user),
    })


@change_required
def channel_add(request):
    form = ChannelAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            channel = channel_create(
                kind=data["kind"], code=data["code"], name=data["name"], api_base_url=data["api_base_url"],
                credentials=form.credentials(), partner=data["partner"], markup_percent=data["markup_percent"],
                price_rounding=int(data["price_rounding"]), stock_buffer=data["stock_buffer"],
                enabled=data["enabled"], options=data["options"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Channel %(name)s added.") % {"name": channel.name})
            return redirect("marketplace_dashboard:channel-detail", pk=channel.pk)
    return render(request, "marketplace_sync/dashboard/channel_form.html", {"form": form, "channel": None})


@staff_required
def channel_detail(request, pk):
    channel = get_object_or_404(Channel.objects.select_related("partner"), pk=pk)
    form = ChannelSettingsForm(request.POST or None, instance=channel)
    if request.method == "POST":
        if not access.can_change(request.user):
            raise PermissionDenied
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in SETTINGS_FIELDS}
            fields["price_rounding"] = int(fields["price_rounding"])
            fields["options"] = form.cleaned_data["options"]
            try:
                channel_update(channel=channel, **fields)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Channel settings saved. Changed prices go out with the next push."))
                return redirect("marketplace_dashboard:channel-detail", pk=channel.pk)
    credentials = channel.credentials
    runs_by_kind = channel_last_runs(channels=[channel])[channel.pk]
    return render(request, "marketplace_sync/dashboard/channel_form.html", {
        "form": form, "channel": channel, "connected": bool(credentials.get("access_token")),
        # Shopee names a shop by id; TikTok Shop by name (or at least its cipher); Lazada a seller.
        "shop_id": (credentials.get("shop_name") or credentials.get("shop_id") or credentials.get("shop_cipher")
                    or credentials.get("seller_id")),
        "runs": SyncRun.objects.filter(channel=channel).order_by("-date_started")[:10],
        "last_runs": [(dict(SyncRun.KIND_CHOICES)[kind], runs_by_kind.get(kind)) for kind in RUN_KINDS],
        "can_change": access.can_change(request.user),
    })


@require_POST
@change_required
def channel_remove_view(request, pk):
    channel = get_object_or_404(Channel, pk=pk)
    name = channel.name
    if channel_remove(channel=channel):
        messages.success(request, _("Channel %(name)s removed.") % {"name": name})
        return redirect("marketplace_dashboard:channel-list")
    messages.warning(request, _("Channel %(name)s was disabled, not deleted: orders were imported through it.")
                     % {"name": name})
    return redirect("marketplace_dashboard:channel-detail", pk=pk)


@require_POST
@change_required
def channel_sync_now(request, pk=None):
    """Queue a listing push and an order pull, after this request's transaction commits."""
    channels = [get_object_or_404(Channel, pk=pk)] if pk else list(Channel.objects.filter(enabled=True))
    channels = [c for c in channels if c.enabled]
    if not channels:
        messages.warning(request, _("No enabled channel to sync."))
    for channel in channels:
        transaction.on_commit(functools.partial(_enqueue_sync, channel.pk))
    if channels:
        messages.info(request, _("Sync queued for %(channels)s: listings are pushed and orders pulled in the "
                                 "background; the runs appear below within a minute.")
                      % {"channels": ", ".join(c.name for c in channels)})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("marketplace_dashboard:channel-list")
    return redirect(next_url)


def _enqueue_sync(channel_id):
    from marketplace_sync import tasks

    tasks.push_listings.delay(channel_id=channel_id)
    tasks.pull_orders.delay(channel_id=channel_id)


# --------------------------------------------------------------------------- Shopee OAuth


@require_POST
@change_required
def channel_connect_start(request, pk):
    """Send the browser to the marketplace's authorisation page, with our callback URL."""
    channel = get_object_or_404(Channel, pk=pk)
    # Shopee has no OAuth "state" parameter, but keeps our redirect's query string:
    # a signed state there ties the callback to this channel and this user.
    state = signing.dumps({"channel": channel.pk, "user": request.user.pk}, salt=OAUTH_SALT)
    if channel.kind == Channel.TIKTOK:
        # The registered redirect URL is fixed (no language prefix); the state names the channel.
        with translation.override(settings.LANGUAGE_CODE):
            callback = request.build_absolute_uri(reverse("marketplace_dashboard:connect-callback"))
    else:
        callback = request.build_absolute_uri(reverse("marketplace_dashboard:channel-connect-callback",
                                                      kwargs={"pk": channel.pk}))
    callback = f"{callback}?{urlencode({'state': state})}"
    try:
        url = channel_authorization_url(channel=channel, redirect_url=callback)
    except (MarketplaceError, KeyError) as exc:
        messages.error(request, _("Cannot build the authorisation link: %(error)s") % {"error": exc})
        return redirect("marketplace_dashboard:channel-detail", pk=pk)
    return redirect(url)


@change_required
def channel_connect_callback_by_state(request):
    """The fixed redirect URL (TikTok Shop): the signed state names the channel."""
    try:
        state = signing.loads(request.GET.get("state", ""), salt=OAUTH_SALT, max_age=OAUTH_MAX_AGE)
    except signing.BadSignature:
        state = None
    if not state or not isinstance(state.get("channel"), int):
        messages.error(request, _("This authorisation link is not valid or has expired; connect again."))
        return redirect("marketplace_dashboard:channel-list")
    return channel_connect_callback(request, state["channel"])


@change_required
def channel_connect_callback(request, pk):
    """The marketplace sends the seller back here with ``code`` and ``shop_id``: exchange them for tokens."""
    channel = get_object_or_404(Channel, pk=pk)
    try:
        state = signing.loads(request.GET.get("state", ""), salt=OAUTH_SALT, max_age=OAUTH_MAX_AGE)
    except signing.BadSignature:
        state = None
    if not state or state.get("channel") != channel.pk or state.get("user") != request.user.pk:
        messages.error(request, _("This authorisation link is not valid or has expired; connect again."))
        return redirect("marketplace_dashboard:channel-detail", pk=pk)
    code, shop_id = request.GET.get("code", ""), request.GET.get("shop_id") or None
    if not code:
        messages.error(request, _("The marketplace did not authorise the shop (no code was returned)."))
        return redirect("marketplace_dashboard:channel-detail", pk=pk)
    try:
        channel_connect(channel=channel, code=code, shop_id=shop_id)
    except (MarketplaceError, ValueError) as exc:
        messages.error(request, _("Connecting the shop failed: %(error)s") % {"error": exc})
    else:
        stored = channel.credentials
        messages.success(request, _("Shop %(shop)s connected to %(name)s; tokens stored.")
                         % {"shop": shop_id or stored.get("shop_name") or stored.get("shop_id")
                            or stored.get("seller_id") or "", "name": channel.name})
    return redirect("marketplace_dashboard:channel-detail", pk=pk)


# --------------------------------------------------------------------------- runs


@staff_required
def run_list(request):
    form = SyncRunFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    channel = filters.get("channel")
    runs = sync_runs(channel_id=channel.pk if channel else None, kind=filters.get("kind"),
                     status=filters.get("status"))
    return render(request, "marketplace_sync/dashboard/run_list.html", {"form": form, "page": _page(request, runs)})


@staff_required
def run_detail(request, pk):
    run = get_object_or_404(SyncRun.objects.select_related("channel"), pk=pk)
    return render(request, "marketplace_sync/dashboard/run_detail.html", {"run": run})


# --------------------------------------------------------------------------- listings


@staff_required
def listing_list(request):
    form = ListingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    channel = filters.get("channel")
    listings = listings_search(query=filters.get("q", ""), channel_id=channel.pk if channel else None,
                               status=filters.get("status"))
    return render(request, "marketplace_sync/dashboard/listing_list.html",
                  {"form": form, "page": _page(request, listings)})


@staff_required
def product_channels(request, pk):
    """One product on every channel: status, what was pushed, and why the channel stock is N."""
    product = get_object_or_404(Product, pk=pk)
    rows = []
    for channel, listing in product_listings(product=product):
        rows.append({"channel": channel, "listing": listing,
                     "stock": listing_stock_explanation(listing=listing) if listing else None})
    return render(request, "marketplace_sync/dashboard/product_channels.html", {"product": product, "rows": rows})


# --------------------------------------------------------------------------- review


@staff_required
def review_list(request):
    return render(request, "marketplace_sync/dashboard/review_list.html", {
        "page": _page(request, orders_needing_review()),
        "quarantined": imported_orders_quarantined().order_by("-date_created")[:100],
        "form": ResolveForm(), "can_change": access.can_change(request.user),
    })


@require_POST
@change_required
def review_resolve(request, pk):
    order = get_object_or_404(Order, pk=pk, needs_review=True)
    form = ResolveForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    signed = _("Resolved by %(user)s") % {"user": request.user.get_username()}
    order_review_resolve(order=order, note=f"{signed}: {note}" if note else signed)
    messages.success(request, _("Order %(number)s is no longer flagged.") % {"number": order.number})
    return redirect("marketplace_dashboard:review-list")
