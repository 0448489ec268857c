"""Read-only queries of campaigns: the campaign report.

Storefront sales are the order lines Oscar discounted with the campaign's offer
(``OrderLineDiscount`` rows, written at checkout, one per line and offer): their
units, revenue (the line price after discounts) and the discount itself.

Marketplace sales are the imported order lines (``Order.channel`` set) of the
campaign's products placed during the campaign on one of its channels. A marketplace
order does not say what the buyer was spared; the discount is the regular channel
price we last pushed (``Listing.pushed_price``) minus the price paid, when that price
is known, else 0 and the row says so (``discount_known`` False).
"""
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.campaigns.models import Campaign

Line = get_model("order", "Line")
OrderLineDiscount = get_model("order", "OrderLineDiscount")
OrderDiscount = get_model("order", "OrderDiscount")
Listing = get_model("marketplace_sync", "Listing")

CANCELLED = "Dibatalkan"
ZERO = Decimal("0.00")


@dataclass
class ReportRow:
    label: str
    units: int = 0
    revenue: Decimal = ZERO
    discount: Decimal = ZERO
    discount_known: bool = True

    def add(self, *, units, revenue, discount, discount_known=True):
        self.units += units
        self.revenue += revenue
        self.discount += discount
        self.discount_known = self.discount_known and discount_known


@dataclass
class CampaignReport:
    channels: list = field(default_factory=list)
    artisans: list = field(default_factory=list)
    total: ReportRow | None = None
    voucher: dict | None = None

    @property
    def chart(self):
        return {
            "labels": [row.label for row in self.channels],
            "revenue": [float(row.revenue) for row in self.channels],
            "discount": [float(row.discount) for row in self.channels],
            "revenueLabel": _("Revenue"),
            "discountLabel": _("Discount given"),
        }


def _storefront_lines(campaign):
    """(line, discount) for storefront lines discounted by the campaign's offer."""
    if campaign.offer_id is None:
        return []
    discounts = (
        OrderLineDiscount.objects.filter(order_discount__offer_id=campaign.offer_id,
                                         line__order__channel__isnull=True)
        .exclude(line__order__status=CANCELLED)
        .values("line_id").annotate(amount=Sum("amount"))
    )
    amounts = {row["line_id"]: row["amount"] for row in discounts}
    lines = Line.objects.filter(pk__in=amounts).select_related("partner").order_by("pk")
    return [(line, amounts[line.pk]) for line in lines]


def _marketplace_lines(campaign):
    """(line, discount or None) for marketplace lines of campaign products sold during it."""
    if campaign.range_id is None:
        return []
    product_ids = campaign.range.all_products().values("pk")
    lines = list(
        Line.objects.filter(order__channel__in=campaign.channels.all(), product_id__in=product_ids,
                            order__date_placed__gte=campaign.starts_at, order__date_placed__lte=campaign.ends_at)
        .exclude(order__status=CANCELLED)
        .select_related("order__channel", "partner").order_by("pk")
    )
    regular = {
        (listing.channel_id, listing.product_id): listing.pushed_price
        for listing in Listing.objects.filter(channel__in={line.order.channel_id for line in lines},
                                              product_id__in={line.product_id for line in lines})
    }
    result = []
    for line in lines:
        price = regular.get((line.order.channel_id, line.product_id))
        paid = line.unit_price_incl_tax
        if price is None or paid is None:
            result.append((line, None))
        else:
            result.append((line, max(price - paid, ZERO) * line.quantity))
    return result


def campaign_report(campaign: Campaign) -> CampaignReport:
    storefront_label = _("Storefront")
    channels, artisans = OrderedDict(), OrderedDict()
    channels[storefront_label] = ReportRow(storefront_label)
    for channel in campaign.channels.order_by("name"):
        channels[channel.name] = ReportRow(channel.name)
    total = ReportRow(_("Total"))
    rows = [(storefront_label, line, amount) for line, amount in _storefront_lines(campaign)]
    rows += [(line.order.channel.name, line, amount) for line, amount in _marketplace_lines(campaign)]
    for channel_label, line, amount in rows:
        values = {"units": line.quantity, "revenue": line.line_price_incl_tax or ZERO,
                  "discount": amount if amount is not None else ZERO, "discount_known": amount is not None}
        artisan_label = line.partner.display_name if line.partner else (line.partner_name or _("Unknown artisan"))
        channels.setdefault(channel_label, ReportRow(channel_label)).add(**values)
        artisans.setdefault(artisan_label, ReportRow(artisan_label)).add(**values)
        total.add(**values)
    report = CampaignReport(channels=list(channels.values()),
                            artisans=sorted(artisans.values(), key=lambda row: (-row.revenue, row.label)),
                            total=total)
    if campaign.voucher_id:
        uses = OrderDiscount.objects.filter(
            voucher_id=campaign.voucher_id, order__date_placed__gte=campaign.starts_at,
            order__date_placed__lte=campaign.ends_at,
        ).exclude(order__status=CANCELLED)
        summary = uses.aggregate(discount=Sum("amount"))
        report.voucher = {"code": campaign.voucher.code, "orders": uses.values("order_id").distinct().count(),
                          "discount": summary["discount"] or ZERO}
    return report
