"""The `make run` demo channel: a Shopee shop on the local simulator.

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

from marketplace_sync.models import Channel, Listing
from marketplace_sync.services.channels import channel_create, channel_update

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
    "weight_kg": "0.8",
    "brand_name": "Galeri Kriya",
    "attribute_list": [{"attribute_id": 100134,
                        "attribute_value_list": [{"value_id": 0, "original_value_name": "Kriya Jawa Timur"}]}],
}


@dataclass
class DemoSetupReport:
    channel: Channel
    created: bool
    simulator: str  # "running with N items", "empty", "not running"
    listings_reset: int


def simulator_item_count(*, api_base_url: str, shop_id: int, timeout: float = 2.0) -> int | None:
    """Items the simulator holds for the shop, from its control API; None if it does not answer."""
    try:
        response = requests.get(f"{api_base_url.rstrip('/')}/_sim/state", timeout=timeout)
        response.raise_for_status()
        items = response.json().get("items") or []
    except (requests.RequestException, ValueError):
        return None
    return sum(1 for item in items if int(item.get("shop_id") or 0) == int(shop_id))


def channel_listings_forget_remote(*, channel: Channel) -> int:
    """Make every listing of the channel 'never pushed', so the next push creates the items again."""
    return Listing.objects.filter(channel=channel).update(
        remote_item_id="", remote_model_id="", remote_image_ids={}, fingerprint="", pushed_price=None,
        pushed_stock=None, status=Listing.PENDING, status_reason="", last_error="", date_pushed=None,
        date_stock_pushed=None,
    )


def demo_channel_setup(*, api_base_url: str = DEMO_API_BASE, code: str = DEMO_CODE) -> DemoSetupReport:
    """Create or refresh the demo channel; idempotent."""
    with transaction.atomic():
        channel = Channel.objects.select_for_update().filter(code=code).first()
        created = channel is None
        if created:
            channel = channel_create(
                kind=Channel.SHOPEE, code=code, name="Shopee Galeri Kriya (demo)", api_base_url=api_base_url,
                credentials=DEMO_CREDENTIALS, markup_percent=Decimal("10"), price_rounding=1000, stock_buffer=0,
                options=DEMO_OPTIONS,
            )
        else:
            # A restarted simulator knows only its fixed token pair: any pair we
            # refreshed into during the last session is dead there.
            channel = channel_update(channel=channel, credentials=DEMO_CREDENTIALS, api_base_url=api_base_url,
                                     enabled=True, options={**DEMO_OPTIONS, **channel.options})
        # Unknown expiry makes the token task refresh once and learn the real one.
        Channel.objects.filter(pk=channel.pk).update(access_token_expires_at=None, refresh_token_expires_at=None)
        count = simulator_item_count(api_base_url=api_base_url, shop_id=DEMO_CREDENTIALS["shop_id"])
        reset = 0
        if not count:
            reset = channel_listings_forget_remote(channel=channel)
        simulator = "not running" if count is None else (f"running with {count} items" if count else "empty")
    channel.refresh_from_db()
    return DemoSetupReport(channel=channel, created=created, simulator=simulator, listings_reset=reset)


# --------------------------------------------------------------------------- Lazada demo channel

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


def lazada_simulator_item_count(*, api_base_url: str, timeout: float = 2.0) -> int | None:
    """Products the Lazada simulator holds, from its control API; None if it does not answer."""
    root = api_base_url.rstrip("/").removesuffix("/rest")
    try:
        response = requests.get(f"{root}/_sim/state", timeout=timeout)
        response.raise_for_status()
        return len(response.json().get("items") or [])
    except (requests.RequestException, ValueError):
        return None


def lazada_demo_channel_setup(*, api_base_url: str = LAZADA_DEMO_API_BASE,
                              code: str = LAZADA_DEMO_CODE) -> DemoSetupReport:
    """Create or refresh the Lazada demo channel; idempotent (same rules as the Shopee one)."""
    credentials = {**LAZADA_DEMO_CREDENTIALS, "auth_base": api_base_url}
    with transaction.atomic():
        channel = Channel.objects.select_for_update().filter(code=code).first()
        created = channel is None
        if created:
            channel = channel_create(
                kind=Channel.LAZADA, code=code, name="Lazada Galeri Kriya (demo)", api_base_url=api_base_url,
                credentials=credentials, markup_percent=Decimal("12"), price_rounding=1000, stock_buffer=0,
                options=LAZADA_DEMO_OPTIONS,
            )
        else:
            channel = channel_update(channel=channel, credentials=credentials, api_base_url=api_base_url,
                                     enabled=True, options={**LAZADA_DEMO_OPTIONS, **channel.options})
        Channel.objects.filter(pk=channel.pk).update(access_token_expires_at=None, refresh_token_expires_at=None)
        count = lazada_simulator_item_count(api_base_url=api_base_url)
        reset = 0 if count else channel_listings_forget_remote(channel=channel)
        simulator = "not running" if count is None else (f"running with {count} items" if count else "empty")
    channel.refresh_from_db()
    return DemoSetupReport(channel=channel, created=created, simulator=simulator, listings_reset=reset)
