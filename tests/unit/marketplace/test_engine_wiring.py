"""Beat schedule, encryption at rest, after-commit enqueueing, the order EventHandler, pruning."""
import datetime

import pytest
from celery import current_app
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from oscar.core.loading import get_class, get_model

import marketplace_sync.tasks  # noqa: F401  (registers the tasks)
from marketplace_sync.models import Channel, ImportedOrder, InboundEvent, Listing, SyncRun
from marketplace_sync.schedule import SCHEDULE
from marketplace_sync.services.channels import channel_remove
from marketplace_sync.services.runs import sync_records_prune
from shop.partner.stock import stock_allocate
from tests.factories import ProductFactory

EventHandler = get_class("order.processing", "EventHandler")
Order = get_model("order", "Order")
Line = get_model("order", "Line")

pytestmark = pytest.mark.django_db


def test_every_beat_entry_names_a_registered_task():
    seeded = PeriodicTask.objects.filter(name__in=SCHEDULE)
    assert seeded.count() == len(SCHEDULE)
    for task in PeriodicTask.objects.filter(name__startswith="marketplace"):
        assert task.task in current_app.tasks, task.task
    assert {t.interval.every for t in seeded.filter(name="marketplace: pull orders")} == {2}


def test_credentials_are_encrypted_at_rest():
    channel = Channel(kind="shopee", code="c", name="c", api_base_url="http://x")
    channel.set_credentials({"partner_key": "very-secret", "access_token": "tok-123"})
    channel.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT credentials_encrypted FROM marketplace_sync_channel WHERE id = %s", [channel.pk])
        stored = cursor.fetchone()[0]
    assert "very-secret" not in stored and "tok-123" not in stored
    assert Channel.objects.get(pk=channel.pk).credentials["access_token"] == "tok-123"


def test_a_stock_change_enqueues_a_push_after_commit(django_capture_on_commit_callbacks):
    product = ProductFactory()
    channel = Channel.objects.create(kind="shopee", code="c", name="c", api_base_url="http://x")
    Listing.objects.create(channel=channel, product=product, remote_item_id="1", status=Listing.LISTED)
    record = product.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record.num_in_stock = 9
        record.save()
    assert callbacks, "a stock change must enqueue a push after commit"


def _storefront_order(product, quantity):
    record = product.stockrecords.get()
    order = Order.objects.create(number=f"S{product.pk}", total_incl_tax=1, total_excl_tax=1, status="Baru",
                                 date_placed="2026-01-01T00:00:00Z")
    line = Line.objects.create(order=order, partner=record.partner, partner_sku=record.partner_sku, stockrecord=record,
                               product=product, title=product.title, quantity=quantity, line_price_incl_tax=1,
                               line_price_excl_tax=1, line_price_before_discounts_incl_tax=1,
                               line_price_before_discounts_excl_tax=1, num_allocated=quantity, status="Baru")
    stock_allocate(stockrecord_id=record.pk, quantity=quantity)
    return order, record, line


def test_cancelling_a_storefront_order_releases_its_allocation():
    product = ProductFactory(num_in_stock=5)
    order, record, _ = _storefront_order(product, 2)
    EventHandler().handle_order_status_change(order, "Dibatalkan")
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (5, 0)


def test_shipping_consumes_the_allocation():
    product = ProductFactory(num_in_stock=5)
    order, record, _ = _storefront_order(product, 2)
    handler = EventHandler()
    handler.handle_order_status_change(order, "Diproses")
    handler.handle_order_status_change(order, "Dikirim")
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (3, 0)


def test_a_line_holding_no_allocation_moves_no_stock():
    product = ProductFactory(num_in_stock=5)
    order, record, line = _storefront_order(product, 2)
    Line.objects.filter(pk=line.pk).update(num_allocated=0)  # as an oversold import
    EventHandler().handle_order_status_change(order, "Dibatalkan")
    record.refresh_from_db()
    assert record.num_allocated == 2  # untouched: it was never this order's


def test_removing_a_channel_with_imported_orders_only_disables_it():
    channel = Channel.objects.create(kind="shopee", code="c", name="c", api_base_url="http://x")
    ImportedOrder.objects.create(channel=channel, remote_order_id="X1")
    assert channel_remove(channel=channel) is False
    assert Channel.objects.get(pk=channel.pk).enabled is False
    empty = Channel.objects.create(kind="shopee", code="d", name="d", api_base_url="http://x")
    assert channel_remove(channel=empty) is True


def test_old_sync_records_are_pruned_but_each_steps_latest_run_stays():
    channel = Channel.objects.create(kind="shopee", code="prune", name="prune", api_base_url="http://x")
    long_ago = timezone.now() - datetime.timedelta(days=90)
    old_pushes = [
        SyncRun.objects.create(channel=channel, kind=SyncRun.PUSH, date_started=long_ago - datetime.timedelta(hours=h))
        for h in range(3)
    ]
    recent_push = SyncRun.objects.create(channel=channel, kind=SyncRun.PUSH)
    only_pull = SyncRun.objects.create(channel=channel, kind=SyncRun.PULL, date_started=long_ago)
    done = InboundEvent.objects.create(channel=channel, url="http://x", body="{}", processed=True)
    waiting = InboundEvent.objects.create(channel=channel, url="http://x", body="{}", processed=False)
    InboundEvent.objects.filter(pk__in=[done.pk, waiting.pk]).update(date_created=long_ago)

    assert sync_records_prune() == {"runs": 3, "events": 1}

    assert set(SyncRun.objects.values_list("pk", flat=True)) == {recent_push.pk, only_pull.pk}
    assert not SyncRun.objects.filter(pk__in=[r.pk for r in old_pushes]).exists()
    assert list(InboundEvent.objects.values_list("pk", flat=True)) == [waiting.pk]
