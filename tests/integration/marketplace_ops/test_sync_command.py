"""`manage.py marketplace_sync push|pull|stock|reconcile` against the simulator over real HTTP."""
import io
import socket

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from oscar.core.loading import get_model

from marketplace_sync.management.commands.marketplace_sync import ProgressBar
from marketplace_sync.models import Listing, SyncRun
from marketplace_sync.services.channels import channel_create, channel_update

from .conftest import OPTIONS, SHOP_ID, credentials_for, listed_product

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def sync(*args):
    out = io.StringIO()
    call_command("marketplace_sync", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def summary(output):
    return [line for line in output.splitlines() if line.startswith("Summary")][-1]


def test_push_creates_then_finds_nothing_to_do(sim, channel):
    products = [listed_product() for _ in range(3)]

    first = sync("push")
    again = sync("push", "--channel", "shopee-ops")
    full = sync("push", "--full")

    assert summary(first) == ("Summary push on 1 channel(s): created 3, updated 0, unchanged 0, failed 0; "
                              "channels failed: 0")
    assert "shopee-ops push: created 3, updated 0, unchanged 0, failed 0 [ok]" in first
    assert Listing.objects.filter(channel=channel, status=Listing.LISTED).count() == 3
    assert len(sim.items) == 3
    assert "created 0, updated 0, unchanged 0, failed 0" in summary(again)
    assert "unchanged 3" in summary(full)
    assert {int(listing.remote_item_id) for listing in Listing.objects.all()} == set(sim.items)
    assert len(products) == 3


def test_pull_imports_simulated_buyers_orders(sim, channel):
    listed_product(num_in_stock=4)
    sync("push")
    item_id = next(iter(sim.items))
    order_sn = sim.create_order(SHOP_ID, [{"item_id": item_id, "quantity": 2}])

    output = sync("pull")
    again = sync("pull")

    assert "created 1, updated 0, unchanged 0, failed 0; channels failed: 0" in summary(output)
    order = Order.objects.get(channel=channel)
    assert order.remote_order_number == order_sn
    assert "created 0" in summary(again) and "failed 0" in summary(again)
    assert Order.objects.count() == 1


def test_stock_and_reconcile_fix_drift(sim, channel):
    product = listed_product(num_in_stock=5)
    sync("push")
    record = product.stockrecords.get()
    record.num_in_stock = 2
    record.save()

    stock = sync("stock")
    item = sim.items[int(Listing.objects.get().remote_item_id)]
    sim_state_stock = item["stock"]
    reconcile = sync("reconcile")

    assert "updated 1" in summary(stock)
    assert sim_state_stock == 2
    assert "unchanged 1" in summary(reconcile) and "channels failed: 0" in summary(reconcile)


def test_failed_items_are_counted_but_do_not_fail_the_command(sim, channel):
    # Without a logistics channel, Shopee refuses each new item.
    channel_update(channel=channel, options={"category_id": 100001, "logistic_ids": []})
    listed_product()
    listed_product()

    output = sync("push")

    assert "created 0, updated 0, unchanged 0, failed 2; channels failed: 0" in summary(output)
    assert "  ! product" in output
    assert SyncRun.objects.get(kind=SyncRun.PUSH).status == SyncRun.PARTIAL


def test_bad_credentials_fail_the_channel_and_the_exit_status(sim, channel):
    channel_create(kind="shopee", code="shopee-wrong-key", api_base_url=sim.base_url,
                   credentials=credentials_for(sim, shop_id=999, partner_key="not-the-key"), options=OPTIONS)
    listed_product()
    out = io.StringIO()

    with pytest.raises(CommandError, match="push failed as a whole on: shopee-wrong-key") as raised:
        call_command("marketplace_sync", "push", stdout=out, stderr=io.StringIO())

    assert raised.value.returncode == 2
    text = out.getvalue()
    # The healthy channel still ran and its numbers are in the summary.
    assert "shopee-ops push: created 1" in text
    assert "shopee-wrong-key push: created 0, updated 0, unchanged 0, failed 0 [CHANNEL FAILED]" in text
    assert "channels failed: 1" in summary(text)
    assert SyncRun.objects.get(channel__code="shopee-wrong-key").status == SyncRun.FAILED


def test_unreachable_marketplace_fails_with_non_zero_status(db, sim):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    channel_create(kind="shopee", code="shopee-down", api_base_url=f"http://127.0.0.1:{port}",
                   credentials=credentials_for(sim), options=OPTIONS)

    with pytest.raises(CommandError) as raised:
        sync("pull", "--channel", "shopee-down")

    assert raised.value.returncode == 2


def test_unknown_and_disabled_channels_are_refused(channel):
    channel_update(channel=channel, enabled=False)
    with pytest.raises(CommandError, match="no channel with code 'nope'"):
        sync("push", "--channel", "nope")
    with pytest.raises(CommandError, match="shopee-ops is disabled"):
        sync("push", "--channel", "shopee-ops")
    assert "No enabled channels." in sync("push")


def test_progress_bar_renders_counts_and_a_spinner_without_total():
    stream = io.StringIO()
    bar = ProgressBar(stream, "shopee push (listings)", total=200, width=10)
    assert bar.render(50).startswith("\rshopee push (listings) [##........] 50/200")
    assert bar.render(500).split("]")[1].startswith(" 200/200")
    spinner = ProgressBar(stream, "shopee pull (orders)", total=None)
    assert spinner.render(7).startswith("\rshopee pull (orders) | 7")
