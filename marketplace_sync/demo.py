"""The `make run` demo channels: a Shopee shop and a TikTok Shop (Tokopedia) shop on the local simulators.

The simulator keeps everything in memory and restarts empty with every
`make run`, while our database keeps its listings. A listing that points at an
item the simulator no longer has would be "updated" forever (and new simulator
items reuse the same ids), so when the simulator is empty or not running yet
the demo channel's listings forget their remote side and the next push creates
them again. Imported orders are kept: they are real Oscar orders by now.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

import requests
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace_sync.models import Channel, ChannelPromotion, ImportedOrder, Listing
from marketplace_sync.services.channels import channel_create, channel_update
from marketplace_sync.services.rules import channel_price
from shop.demo.orders import DemoAddress, demo_order_ensure, demo_order_placed_at
from shop.order import statuses
from shop.partner.stock import InsufficientStock

logger = logging.getLogger(__name__)

DEMO_CODE = "shopee-demo"
DEMO_API_BASE = "http://127.0.0.1:8701"
# The fixed credentials `manage.py marketplace_simulator shopee` registers at start.
DEMO_CREDENTIALS = {
    "partner_id": 2001887,
    "partner_key": "demo-shopee-partner-key",
    "shop_id": 14701711,
    "access_token": "59777174636562737266615546704c6d",
    "refresh_token": "4c7259534969484e71734d695a6e0d55",
}
# Listing defaults Shopee Indonesia insists on (category, logistics, mandatory attribute).
DEMO_OPTIONS = {
    "category_id": 100001,
    "logistic_ids": [8003],
    "brand_name": "Galeri Kriya",
    "attribute_list": [{"attribute_id": 100134,
                        "attribute_value_list": [{"value_id": 0, "original_value_name": "Kriya Jawa Timur"}]}],
}


TIKTOK_DEMO_CODE = "tiktok-demo"
TIKTOK_DEMO_API_BASE = "http://127.0.0.1:8702"
# The fixed app and shop `manage.py marketplace_simulator tiktok` registers at start; the one
# simulator port also answers the auth host (tokens) and the authorisation page.
TIKTOK_DEMO_CREDENTIALS = {
    "app_key": "6demo0tiktok0app",
    "app_secret": "demo-tiktok-app-secret",
    "service_id": "7310000000000000001",
    "shop_id": "7494049642642441621",
    "shop_cipher": "ROW_GaleriKriyaDemo0001",
    "access_token": "TTP_demo0access0token0galeri0kriya",
    "refresh_token": "TTP_demo0refresh0token0galeri0kriya",
}
# None needed: the adapter's defaults (handicraft category, material attribute,
# the shop's default warehouse) make the demo catalogue pass TikTok's rules.
TIKTOK_DEMO_OPTIONS = {"weight_kg": "0.8"}


LAZADA_DEMO_CODE = "lazada-demo"
LAZADA_DEMO_API_BASE = "http://127.0.0.1:8703/rest"
# The fixed credentials `manage.py marketplace_simulator lazada` registers at start.
LAZADA_DEMO_CREDENTIALS = {
    "app_key": "100101",
    "app_secret": "demo-lazada-app-secret",
    "access_token": "500006c617a6164612d64656d6f2d616363657373",
    "refresh_token": "500016c617a6164612d64656d6f2d72656672657368",
    "auth_base": LAZADA_DEMO_API_BASE,
}
# Nothing is required: the adapter's defaults (category 10002019, brand "No Brand",
# 10 cm parcel) pass; the weight is the demo catalogue's typical parcel.
LAZADA_DEMO_OPTIONS = {"weight_kg": "0.8"}


@dataclass
class DemoSpec:
    kind: str
    code: str
    name: str
    api_base_url: str
    credentials: dict
    options: dict
    markup_percent: Decimal


DEMOS = {
    Channel.SHOPEE: DemoSpec(kind=Channel.SHOPEE, code=DEMO_CODE, name="Shopee Galeri Kriya (demo)",
                             api_base_url=DEMO_API_BASE, credentials=DEMO_CREDENTIALS, options=DEMO_OPTIONS,
                             markup_percent=Decimal("10")),
    Channel.TIKTOK: DemoSpec(kind=Channel.TIKTOK, code=TIKTOK_DEMO_CODE, name="Tokopedia & Shop Galeri Kriya (demo)",
                             api_base_url=TIKTOK_DEMO_API_BASE, credentials=TIKTOK_DEMO_CREDENTIALS,
                             options=TIKTOK_DEMO_OPTIONS, markup_percent=Decimal("8")),
    Channel.LAZADA: DemoSpec(kind=Channel.LAZADA, code=LAZADA_DEMO_CODE, name="Lazada Galeri Kriya (demo)",
                             api_base_url=LAZADA_DEMO_API_BASE, credentials=LAZADA_DEMO_CREDENTIALS,
                             options=LAZADA_DEMO_OPTIONS, markup_percent=Decimal("12")),
}


def demo_credentials(spec: DemoSpec, api_base_url: str) -> dict:
    credentials = dict(spec.credentials)
    if spec.kind == Channel.TIKTOK:
        # The simulator is the token host and the authorisation page too.
        credentials.update(auth_base=api_base_url, authorize_base=api_base_url)
    elif spec.kind == Channel.LAZADA:
        credentials.update(auth_base=api_base_url)  # the simulator is Lazada's token host too
    return credentials


@dataclass
class DemoSetupReport:
    channel: Channel
    created: bool
    simulator: str  # "running with N items", "empty", "not running"
    listings_reset: int
    orders_seeded: int = 0


# --- past marketplace orders -----------------------------------------------------------
# A few orders "imported" before the demo started, so the artisans' overview shows
# marketplace rows next to the storefront's. Remote ids start with DEMO-, which no
# simulator generates, so a pull never meets them; stock moves as for the seeded
# storefront orders (shop/demo/orders.py).


@dataclass(frozen=True)
class PastMarketplaceOrder:
    remote_id: str
    days_ago: int
    hour: int
    status: str  # the Oscar order's status
    remote_status: str  # the marketplace's word for it
    buyer: DemoAddress
    lines: tuple[tuple[str, int], ...]  # (partner SKU, quantity)


PAST_ORDER_PARCEL_FEE = Decimal(15_000)
PAST_ORDERS = {
    Channel.SHOPEE: (
        PastMarketplaceOrder(
            "DEMO-SHP-0001", 20, 13, statuses.COMPLETED, "COMPLETED",
            DemoAddress("Dewi", "Lestari", "Jl. Soekarno Hatta No. 88", "Lowokwaru", "Kota Malang", "ID-JI",
                        "65141", "+6285731234567"),
            (("GK-BTB-004", 1),)),
        PastMarketplaceOrder(
            "DEMO-SHP-0002", 6, 21, statuses.SHIPPED, "SHIPPED",
            DemoAddress("Bagus", "Santoso", "Jl. Raya Darmo Permai III No. 5", "Sukomanunggal", "Kota Surabaya",
                        "ID-JI", "60189", "+6281330112233"),
            (("GK-TPL-004", 2),)),
    ),
    Channel.TIKTOK: (
        PastMarketplaceOrder(
            "DEMO-TTS-0001", 14, 20, statuses.COMPLETED, "COMPLETED",
            DemoAddress("Rizky", "Pratama", "Jl. Wolter Monginsidi No. 21", "Kebayoran Baru",
                        "Kota Administrasi Jakarta Selatan", "ID-JK", "12180", "+6281311223344"),
            (("GK-KTS-002", 4), ("GK-TPL-006", 1))),
    ),
    Channel.LAZADA: (
        PastMarketplaceOrder(
            "DEMO-LZD-0001", 4, 10, statuses.SHIPPED, "shipped",
            DemoAddress("Ayu", "Wulandari", "Jl. Tukad Badung No. 17", "Denpasar Selatan", "Kota Denpasar",
                        "ID-BA", "80226", "+6281933445566"),
            (("GK-BMT-004", 1), ("GK-TPL-001", 1))),
    ),
}


def demo_channel_orders_seed(*, channel: Channel, kind: str) -> int:
    """The channel's past demo orders, each created once (by channel and remote id); how many now.

    Orders whose products are not in the database (the demo catalogue is not loaded)
    or no longer have the units are skipped. No ``order_placed``, no artisan email:
    this is history, not a sale happening now.
    """
    StockRecord = get_model("partner", "StockRecord")
    seeds = PAST_ORDERS.get(kind, ())
    records = {record.partner_sku: record for record in StockRecord.objects.filter(
        partner_sku__in={sku for seed in seeds for sku, _quantity in seed.lines}).select_related("partner", "product")}
    done = set(ImportedOrder.objects.filter(channel=channel, remote_order_id__in=[seed.remote_id for seed in seeds])
               .values_list("remote_order_id", flat=True))
    now, created = timezone.now(), 0
    for seed in seeds:
        if seed.remote_id in done or any(sku not in records for sku, _quantity in seed.lines):
            continue
        try:
            with transaction.atomic():
                order, _new = demo_order_ensure(
                    number=f"{channel.code}-{seed.remote_id}"[:128], channel=channel,
                    remote_order_number=seed.remote_id,
                    status=seed.status, placed_at=demo_order_placed_at(days_ago=seed.days_ago, hour=seed.hour, now=now),
                    lines=[(records[sku], quantity) for sku, quantity in seed.lines], address=seed.buyer,
                    parcel_fee=PAST_ORDER_PARCEL_FEE, shipping_method=channel.name, shipping_code=channel.kind,
                    unit_price=lambda record: channel_price(channel=channel, base_price=record.price),
                )
                ImportedOrder.objects.create(channel=channel, remote_order_id=seed.remote_id, order=order,
                                             remote_status=seed.remote_status, remote_updated_at=order.date_placed)
        except InsufficientStock:
            continue
        created += 1
    return created


def simulator_item_count(*, api_base_url: str, shop_id, timeout: float = 2.0, kind: str = Channel.SHOPEE
                         ) -> int | None:
    """Items the simulator holds for the shop, from its control API; None if it does not answer."""
    # Lazada's API lives under /rest; its control API at the root, for its one seller.
    root = api_base_url.rstrip("/").removesuffix("/rest") if kind == Channel.LAZADA else api_base_url.rstrip("/")
    try:
        response = requests.get(f"{root}/_sim/state", timeout=timeout)
        response.raise_for_status()
        state = response.json()
    except (requests.RequestException, ValueError):
        return None
    if kind == Channel.LAZADA:
        return len(state.get("items") or [])
    if kind == Channel.TIKTOK:  # products are keyed by the shop cipher
        return sum(1 for product in state.get("products") or [] if product.get("shop_cipher") == shop_id)
    return sum(1 for item in state.get("items") or [] if int(item.get("shop_id") or 0) == int(shop_id))


def channel_listings_forget_remote(*, channel: Channel) -> int:
    """Make every listing of the channel 'never pushed', so the next push creates the items again."""
    return Listing.objects.filter(channel=channel).update(
        remote_item_id="", remote_model_id="", remote_image_ids={}, fingerprint="", pushed_price=None,
        pushed_stock=None, status=Listing.PENDING, status_reason="", last_error="", date_pushed=None,
        date_stock_pushed=None,
    )


def demo_channel_setup(*, api_base_url: str | None = None, code: str | None = None,
                       kind: str = Channel.SHOPEE) -> DemoSetupReport:
    """Create or refresh one marketplace's demo channel; idempotent."""
    spec = DEMOS[kind]
    api_base_url = api_base_url or spec.api_base_url
    code = code or spec.code
    credentials = demo_credentials(spec, api_base_url)
    with transaction.atomic():
        channel = Channel.objects.select_for_update().filter(code=code).first()
        created = channel is None
        if created:
            channel = channel_create(
                kind=spec.kind, code=code, name=spec.name, api_base_url=api_base_url,
                credentials=credentials, markup_percent=spec.markup_percent, price_rounding=1000, stock_buffer=0,
                options=spec.options,
            )
        else:
            # A restarted simulator knows only its fixed token pair: any pair we
            # refreshed into during the last session is dead there.
            channel = channel_update(channel=channel, credentials=credentials, api_base_url=api_base_url,
                                     enabled=True, options={**spec.options, **channel.options})
        # Unknown expiry makes the token task refresh once and learn the real one.
        Channel.objects.filter(pk=channel.pk).update(access_token_expires_at=None, refresh_token_expires_at=None)
        shop_key = {Channel.TIKTOK: credentials.get("shop_cipher"),
                    Channel.SHOPEE: credentials.get("shop_id")}.get(kind)
        count = simulator_item_count(api_base_url=api_base_url, shop_id=shop_key, kind=kind)
        reset = 0
        if not count:
            reset = channel_listings_forget_remote(channel=channel)
            # The simulator starts empty each session: its discounts went with it, so the
            # campaigns' promotions are made again (marketplace_demo_setup queues that).
            ChannelPromotion.objects.filter(channel=channel).delete()
        simulator = "not running" if count is None else (f"running with {count} items" if count else "empty")
        orders_seeded = demo_channel_orders_seed(channel=channel, kind=kind)
    channel.refresh_from_db()
    return DemoSetupReport(channel=channel, created=created, simulator=simulator, listings_reset=reset,
                           orders_seeded=orders_seeded)
