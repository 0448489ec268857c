"""What an artisan's overview shows: reads only, every number from their own order lines.

One basket becomes one order even with several artisans' pieces (Oscar #1519), so
nothing here sums ``Order`` totals: money and counts come from ``Line`` rows whose
partner is one of the artisan's, and an order is listed when one of *its lines* is
theirs. ``partners`` is always the queryset/list of the user's own partners.

Pieces waiting for the curators and sent back with feedback come from
``shop.curation``'s states, revisions and decisions.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.curation.models import CurationDecision, ProductRevision
from shop.order import statuses

Line = get_model("order", "Line")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Certification = get_model("catalogue", "Certification")

#: Line statuses (OSCAR_LINE_STATUS_PIPELINE): a new line is prepared, then shipped.
TO_PREPARE, TO_SHIP = statuses.NEW, statuses.PROCESSING
#: An order in one of these is past the artisan's work, whatever its lines say
#: (a marketplace order shipped on the marketplace moves the order, not every line).
CLOSED_ORDER_STATUSES = statuses.CLOSED
CANCELLED = statuses.CANCELLED

#: Below or at this many available units a product counts as running low
#: when its stock record sets no threshold of its own.
DEFAULT_LOW_STOCK = 2
#: Certifications expiring within this many days are shown (expired ones too).
CERTIFICATION_WARNING_DAYS = 60
SALES_DAYS = 30

#: Curation states by value (see shop/catalogue/models.py and the curation workflow).
WAITING_FOR_CURATION = ("submitted",)
SENT_BACK = ("changes_requested", "rejected")
STOREFRONT_LABEL = _("Storefront (Galeri Kriya)")


def artisan_partners(*, user):
    """The artisan businesses (partners) a dashboard user acts for."""
    return Partner.objects.filter(users=user).order_by("name")


def channel_label(order):
    """Where an order came from: its marketplace channel's name, or the storefront.

    The storefront's label stays lazy, so an email renders it in its recipient's language.
    """
    return order.channel.name if order.channel_id else STOREFRONT_LABEL


# --------------------------------------------------------------------------- orders


@dataclass
class OrderToDo:
    order: object
    channel: str
    pieces: int
    subtotal: Decimal
    titles: list[str] = field(default_factory=list)


def _own_open_lines(*, partners, line_status: str):
    return (
        Line.objects.filter(partner__in=partners, status=line_status)
        .exclude(order__status__in=CLOSED_ORDER_STATUSES)
        .select_related("order", "order__channel")
        .order_by("order__date_placed", "pk")
    )


def _orders_from_lines(lines) -> list[OrderToDo]:
    by_order: dict[int, OrderToDo] = {}
    for line in lines:
        todo = by_order.get(line.order_id)
        if todo is None:
            todo = by_order[line.order_id] = OrderToDo(
                order=line.order, channel=channel_label(line.order), pieces=0, subtotal=Decimal("0"))
        todo.pieces += line.quantity
        todo.subtotal += line.line_price_incl_tax
        todo.titles.append(line.title)
    return list(by_order.values())


def artisan_orders_to_prepare(*, partners) -> list[OrderToDo]:
    """Orders (oldest first) with lines of the artisan's still new: pack these."""
    return _orders_from_lines(_own_open_lines(partners=partners, line_status=TO_PREPARE))


def artisan_orders_to_ship(*, partners) -> list[OrderToDo]:
    """Orders with the artisan's lines prepared (Diproses) but not shipped yet."""
    return _orders_from_lines(_own_open_lines(partners=partners, line_status=TO_SHIP))


# --------------------------------------------------------------------------- stock


def artisan_stock_warnings(*, partners):
    """(running low, sold out): the artisan's stock records by units still available.

    Available is ``num_in_stock - num_allocated`` (what a buyer can still take);
    archived products are left out.
    """
    records = (
        StockRecord.objects.filter(partner__in=partners)
        .exclude(product__curation_state="archived")
        .annotate(available=F("num_in_stock") - Coalesce(F("num_allocated"), 0))
        .select_related("product")
        .order_by("available", "product__title")
    )
    sold_out = [r for r in records if r.available <= 0]
    low = [r for r in records
           if 0 < r.available <= (r.low_stock_threshold if r.low_stock_threshold is not None else DEFAULT_LOW_STOCK)]
    return low, sold_out


# --------------------------------------------------------------------------- curation


def _own_products(*, partners):
    return Product.objects.filter(stockrecords__partner__in=partners).distinct()


def artisan_products_waiting_for_curation(*, partners):
    """Submitted drafts, and live pieces with an edit waiting for the curators."""
    pending_edit = ProductRevision.objects.filter(product=OuterRef("pk"), status=ProductRevision.PENDING)
    return (
        _own_products(partners=partners)
        .filter(Q(curation_state__in=WAITING_FOR_CURATION) | Q(curation_state=Product.APPROVED) & Exists(pending_edit))
        .order_by("date_updated")
    )


def artisan_products_sent_back(*, partners):
    """Products the curators sent back (changes requested or rejected), newest first,
    each with the curators' latest feedback as ``curation_feedback``."""
    feedback = (
        CurationDecision.objects.filter(
            product=OuterRef("pk"), action__in=[CurationDecision.REQUEST_CHANGES, CurationDecision.REJECT])
        .order_by("-date_created", "-pk").values("note")[:1]
    )
    return (
        _own_products(partners=partners).filter(curation_state__in=SENT_BACK)
        .annotate(curation_feedback=Subquery(feedback)).order_by("-date_updated")
    )


# --------------------------------------------------------------------------- certifications


def artisan_certifications_expiring(*, partners, days: int = CERTIFICATION_WARNING_DAYS):
    """Certifications of the artisan's products expiring within ``days`` (or already expired)."""
    until = timezone.localdate() + dt.timedelta(days=days)
    return (
        Certification.objects.filter(product__stockrecords__partner__in=partners, expiry_date__lte=until)
        .exclude(product__curation_state="archived")
        .select_related("product")
        .distinct()
        .order_by("expiry_date")
    )


# --------------------------------------------------------------------------- sales


@dataclass
class ChannelSales:
    channel: str
    orders: int
    pieces: int
    revenue: Decimal


def artisan_sales_by_channel(*, partners, days: int = SALES_DAYS, now=None) -> list[ChannelSales]:
    """The artisan's sales over the last ``days`` days per channel, from their own lines only.

    Cancelled orders and lines do not count. The storefront always has a row; a
    marketplace channel has one when it sells the whole catalogue, is the
    artisan's own shop, or sold their pieces (another artisan's own shop never shows).
    """
    since = (now or timezone.now()) - dt.timedelta(days=days)
    rows = (
        Line.objects.filter(partner__in=partners, order__date_placed__gte=since)
        .exclude(order__status=CANCELLED).exclude(status=CANCELLED)
        .values("order__channel_id", "order__channel__name")
        .annotate(orders=Count("order", distinct=True), pieces=Sum("quantity"), revenue=Sum("line_price_incl_tax"))
    )
    by_channel = {row["order__channel_id"]: row for row in rows}
    from marketplace_sync.models import Channel

    channels = Channel.objects.filter(
        Q(enabled=True, partner__isnull=True) | Q(partner__in=partners) | Q(pk__in=[k for k in by_channel if k])
    ).distinct().order_by("name")
    result = [_sales_row(STOREFRONT_LABEL, by_channel.get(None))]
    result += [_sales_row(channel.name, by_channel.get(channel.pk)) for channel in channels]
    return result


def _sales_row(label, row) -> ChannelSales:
    if row is None:
        return ChannelSales(channel=label, orders=0, pieces=0, revenue=Decimal("0"))
    return ChannelSales(channel=label, orders=row["orders"], pieces=row["pieces"] or 0,
                        revenue=row["revenue"] or Decimal("0"))


# --------------------------------------------------------------------------- the page


def artisan_overview(*, user) -> dict:
    """Everything the overview page shows, for one artisan user."""
    partners = list(artisan_partners(user=user))
    low, sold_out = artisan_stock_warnings(partners=partners)
    sales = artisan_sales_by_channel(partners=partners)
    return {
        "partners": partners,
        "orders_to_prepare": artisan_orders_to_prepare(partners=partners),
        "orders_to_ship": artisan_orders_to_ship(partners=partners),
        "stock_low": low,
        "stock_sold_out": sold_out,
        "products_in_curation": list(artisan_products_waiting_for_curation(partners=partners)),
        "products_sent_back": list(artisan_products_sent_back(partners=partners)),
        "certifications_expiring": list(artisan_certifications_expiring(partners=partners)),
        "sales": sales,
        "sales_days": SALES_DAYS,
        "sales_total": sum((row.revenue for row in sales), Decimal("0")),
        "sales_chart": {
            "labels": [row.channel for row in sales],
            # Whole rupiah: the chart needs plain numbers, not Decimals.
            "revenue": [int(row.revenue) for row in sales],
        },
    }
