"""The demo's campaigns and voucher: a running Jatim Fair, an upcoming Hari Batik Nasional
and the voucher KRIYA10 (10 % off, tied to the Jatim Fair), created or updated idempotently.

Dates must be relative to today yet stable between runs (``make run`` loads the demo at
every start): the Jatim Fair runs from the 1st of this month until 10 days after the end of
it, so it is always running with days left; Hari Batik Nasional is the next 2 October.
"""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from shop.campaigns.models import Campaign
from shop.campaigns.services import campaign_save

from .images import campaign_banner_render

Category = get_model("catalogue", "Category")
Channel = get_model("marketplace_sync", "Channel")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")

BANNER_DIR = "demo/campaigns"
VOUCHER_CODE = "KRIYA10"
PALETTES = {
    "jatim-fair": ("#2b3a67", "#c89b66", "#8a5a2b", "#faf6ef"),
    "hari-batik-nasional": ("#5b2a1e", "#e0b97a", "#a0522d", "#faf6ef"),
}


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _last_second(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def demo_campaign_specs(*, today: datetime.date) -> list[dict]:
    first = today.replace(day=1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    batik_day = datetime.date(today.year, 10, 2)
    if batik_day < today:
        batik_day = batik_day.replace(year=today.year + 1)
    return [
        {
            "slug": "jatim-fair", "name": "Jatim Fair", "name_en": "Jatim Fair",
            "text": "Pameran kriya Jawa Timur: batik dan tenun pilihan kurator, potongan 15 % selama pameran.",
            "text_en": "East Java's craft fair: batik and tenun chosen by our curators, 15 % off while it lasts.",
            "starts_at": _midnight(first), "ends_at": _last_second(next_month + datetime.timedelta(days=9)),
            "discount_kind": Campaign.PERCENTAGE, "discount_value": Decimal("15.00"),
            "categories": ("Batik Tulis", "Tenun"), "subtitle": "Batik & tenun · diskon 15 %",
        },
        {
            "slug": "hari-batik-nasional", "name": "Hari Batik Nasional", "name_en": "National Batik Day",
            "text": "Merayakan batik sebagai warisan budaya Indonesia: potongan 10 % untuk semua batik.",
            "text_en": "Celebrating batik, Indonesia's cultural heritage: 10 % off every batik.",
            "starts_at": _midnight(batik_day), "ends_at": _last_second(batik_day),
            "discount_kind": Campaign.PERCENTAGE, "discount_value": Decimal("10.00"),
            "categories": ("Batik Tulis", "Batik Cap"), "subtitle": "2 Oktober · diskon 10 %",
        },
    ]


def _voucher_ensure(*, today: datetime.date, report) -> Voucher:
    """KRIYA10: 10 % off everything in the basket, many uses, for a year from the 1st of this month."""
    everything = Range.objects.filter(name="Semua produk").first() or Range.objects.create(
        name="Semua produk", includes_all_products=True)
    offer = ConditionalOffer.objects.filter(name=f"Voucher {VOUCHER_CODE}").select_related(
        "condition", "benefit").first()
    if offer is None:
        offer = ConditionalOffer.objects.create(
            name=f"Voucher {VOUCHER_CODE}", offer_type=ConditionalOffer.VOUCHER,
            description="Potongan 10 % untuk seluruh isi keranjang.",
            condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
            benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=Decimal("10")),
        )
        report.created["offers"] += 1
    start = _midnight(today.replace(day=1))
    end = _last_second(today.replace(day=1).replace(year=today.year + 1))
    voucher = Voucher.objects.filter(code=VOUCHER_CODE).first()
    if voucher is None:
        voucher = Voucher.objects.create(name="Voucher KRIYA10", code=VOUCHER_CODE, usage=Voucher.MULTI_USE,
                                         start_datetime=start, end_datetime=end)
        report.created["vouchers"] += 1
    elif (voucher.start_datetime, voucher.end_datetime) != (start, end):
        voucher.start_datetime, voucher.end_datetime = start, end
        voucher.save()
        report.updated["vouchers"] += 1
    if not voucher.offers.filter(pk=offer.pk).exists():
        voucher.offers.add(offer)
    return voucher


def demo_campaigns_ensure(*, report, today: datetime.date | None = None) -> list[Campaign]:
    from .services import _file_ensure  # the loader's own helper (writes only what is missing); it imports us

    today = today or timezone.localdate()
    voucher = _voucher_ensure(today=today, report=report)
    # The demo marketplace channels exist from the second load on (`make demo` sets them up after
    # the catalogue); a campaign runs on every one that exists then. Channels are only added.
    channels = list(Channel.objects.filter(code__in=_demo_channel_codes()))
    campaigns = []
    for spec in demo_campaign_specs(today=today):
        spec = dict(spec)
        categories = list(Category.objects.filter(name__in=spec.pop("categories"), depth=1))
        subtitle = spec.pop("subtitle")
        banner = f"{BANNER_DIR}/{spec['slug']}.jpg"
        _file_ensure(name=banner, report=report, render=lambda spec=spec, subtitle=subtitle: campaign_banner_render(
            key=spec["slug"], title=spec["name"], subtitle=subtitle, palette=PALETTES[spec["slug"]]))
        values = {**spec, "banner": banner, "voucher": voucher if spec["slug"] == "jatim-fair" else None}
        campaign = Campaign.objects.filter(slug=spec["slug"]).select_related("range").first()
        created = campaign is None
        campaign = campaign or Campaign()
        changed = [name for name, value in values.items() if getattr(campaign, name) != value]
        have_categories = (set(campaign.range.included_categories.values_list("pk", flat=True))
                           if campaign.range else set())
        missing_channels = [c for c in channels if created or not campaign.channels.filter(pk=c.pk).exists()]
        if changed or have_categories != {c.pk for c in categories} or campaign.offer_id is None or missing_channels:
            for name, value in values.items():
                setattr(campaign, name, value)
            campaign_save(campaign=campaign, categories=categories,
                          channels=[*campaign.channels.all(), *missing_channels] if not created else channels)
            (report.created if created else report.updated)["campaigns"] += 1
        campaigns.append(campaign)
    return campaigns


def _demo_channel_codes() -> list[str]:
    try:
        from marketplace_sync.demo import DEMOS
    except ImportError:  # pragma: no cover - marketplace_sync is always installed here
        return []
    return [spec.code for spec in DEMOS.values()]
