"""Order import: every paid marketplace order becomes one Oscar order, exactly once.

Idempotent by the unique (channel, remote_order_id) ImportedOrder row, taken
first in each import transaction; stock is allocated in the same transaction
under row locks (``shop.partner.stock.stock_allocate``), in stock-record order.
An order for units already gone is imported anyway and flagged oversold; an
unreadable one is quarantined (kept with its raw payload); neither stops the
batch. All HTTP happens before the per-order transactions.
"""
from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

import phonenumbers
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from marketplace_sync.adapters.base import CancelReason, OrderState, RemoteOrder, UnreadableOrder
from marketplace_sync.models import Channel, ImportedOrder, SyncRun
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.runs import SyncResult, sync_lease, sync_run
from shop.address.provinces import province_code
from shop.order import statuses
from shop.order.artisan_notices import order_artisans_notify_later
from shop.partner.stock import InsufficientStock, stock_allocate

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
StockRecord = get_model("partner", "StockRecord")
EventHandler = get_class("order.processing", "EventHandler")

CREATED, UPDATED, UNCHANGED, SKIPPED, QUARANTINED = "created", "updated", "unchanged", "skipped", "quarantined"

#: Oscar status for each normalised remote state (None: leave the order where it is).
OSCAR_STATUS = {
    OrderState.TO_SHIP: statuses.NEW,
    OrderState.PROCESSING: statuses.PROCESSING,
    OrderState.SHIPPED: statuses.SHIPPED,
    OrderState.COMPLETED: statuses.COMPLETED,
    OrderState.CANCELLED: statuses.CANCELLED,
}
FORWARD = statuses.FORWARD


# --------------------------------------------------------------------------- pull / fetch


def orders_pull(*, channel: Channel, until: dt.datetime | None = None) -> SyncResult:
    """Import every order updated since the cursor (minus an overlap), paging to the end."""
    with sync_lease(channel=channel, kind=SyncRun.PULL) as got:
        if not got:
            return SyncResult(channel_code=channel.code, kind=SyncRun.PULL, skipped=True)
        with sync_run(channel=channel, kind=SyncRun.PULL) as result:
            until = until or timezone.now()
            if channel.order_cursor:
                since = channel.order_cursor - dt.timedelta(seconds=settings.MARKETPLACE_ORDER_PULL_OVERLAP)
            else:
                since = until - dt.timedelta(days=settings.MARKETPLACE_ORDER_PULL_INITIAL_DAYS)
            adapter = channel_adapter(channel=channel)
            remote_ids = list(dict.fromkeys(adapter.list_order_ids(updated_from=since, updated_to=until)))
            crashed = _import(channel=channel, adapter=adapter, remote_ids=remote_ids, result=result)
            if not crashed:
                # Advance only when every order was imported or deliberately kept.
                Channel.objects.filter(pk=channel.pk).update(order_cursor=until)
                channel.order_cursor = until
        return result


def orders_fetch(*, channel: Channel, remote_order_ids: list[str]) -> SyncResult:
    """Fetch and import just these orders now (a webhook said they changed)."""
    with sync_run(channel=channel, kind=SyncRun.FETCH) as result:
        adapter = channel_adapter(channel=channel)
        _import(channel=channel, adapter=adapter, remote_ids=list(dict.fromkeys(remote_order_ids)), result=result)
    return result


def _import(*, channel, adapter, remote_ids, result) -> int:
    crashed = 0
    for start in range(0, len(remote_ids), adapter.order_detail_batch_size):
        batch = remote_ids[start:start + adapter.order_detail_batch_size]
        for remote_order in adapter.get_orders(remote_ids=batch):
            try:
                outcome = remote_order_apply(channel=channel, remote_order=remote_order)
            except Exception as exc:  # noqa: BLE001 - one bad order must not stop the batch (not retried here)
                logger.exception("importing %s order %s failed", channel.code, remote_order.remote_id)
                result.error(f"order {remote_order.remote_id}: {exc.__class__.__name__}: {exc}")
                crashed += 1
                continue
            if outcome == CREATED:
                result.created += 1
            elif outcome == UPDATED:
                result.updated += 1
            elif outcome == QUARANTINED:
                result.error(f"order {remote_order.remote_id} quarantined: {remote_order.error}"
                             if isinstance(remote_order, UnreadableOrder) else f"order {remote_order.remote_id}")
            else:
                result.unchanged += 1
    return crashed


# --------------------------------------------------------------------------- one order


def remote_order_apply(*, channel: Channel, remote_order: RemoteOrder | UnreadableOrder) -> str:
    """Create or update the Oscar order for one remote order; returns the outcome."""
    if not remote_order.remote_id:
        raise ValueError("remote order without an id cannot be keyed")
    for attempt in range(2):
        try:
            with transaction.atomic():
                return _apply(channel=channel, remote_order=remote_order)
        except IntegrityError:
            # Another worker inserted the link first (webhook and pull at once):
            # the second attempt finds it and takes the update path.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _apply(*, channel, remote_order):
    link = (ImportedOrder.objects.select_for_update()
            .filter(channel=channel, remote_order_id=remote_order.remote_id).first())
    if isinstance(remote_order, UnreadableOrder):
        if link is None:
            ImportedOrder.objects.create(channel=channel, remote_order_id=remote_order.remote_id,
                                         state=ImportedOrder.QUARANTINED, raw_payload=remote_order.raw,
                                         error=remote_order.error)
        else:
            link.error = remote_order.error
            link.raw_payload = remote_order.raw if link.state == ImportedOrder.QUARANTINED else link.raw_payload
            link.save(update_fields=["error", "raw_payload", "date_updated"])
            if link.order_id:
                _flag(link.order, Order.BAD_PAYLOAD, f"Latest payload unreadable: {remote_order.error}")
        return QUARANTINED

    if link is None or link.order_id is None:
        if remote_order.state in (OrderState.UNPAID, OrderState.CANCELLED, OrderState.OTHER):
            # Nothing sold yet (or never will be): import when paid.
            if link is not None:
                _store_remote(link, remote_order)
            return SKIPPED
        if link is None:
            link = ImportedOrder.objects.create(channel=channel, remote_order_id=remote_order.remote_id)
        order = _create_order(channel=channel, remote_order=remote_order)
        link.order, link.state, link.error = order, ImportedOrder.IMPORTED, ""
        _store_remote(link, remote_order)
        _move_to(order, remote_order)
        # Storefront orders tell their artisans through Oscar's order_placed; these are
        # created here, so here is where the artisans hear of them (after commit, once).
        order_artisans_notify_later(order=order)
        return CREATED

    if link.remote_updated_at and remote_order.updated_at < link.remote_updated_at:
        return UNCHANGED  # an older answer arriving late
    order = Order.objects.select_for_update().get(pk=link.order_id)
    changed = _move_to(order, remote_order)
    changed = _release_units_cancelled_remotely(order, remote_order) or changed
    changed = _store_remote(link, remote_order) or changed
    return UPDATED if changed else UNCHANGED


def _release_units_cancelled_remotely(order, remote_order) -> bool:
    """Some units of a live order were cancelled on the marketplace (Lazada cancels per
    item): release what our lines still hold beyond the remote quantity, and flag the
    order, whose totals and refund now need a person. Safe to repeat: it only ever
    releases down to the remote quantity."""
    if remote_order.state in (OrderState.CANCELLED, OrderState.UNPAID):
        return False
    remote_quantity: dict[str, int] = {}
    for remote_line in remote_order.lines:
        remote_quantity[remote_line.sku] = remote_quantity.get(remote_line.sku, 0) + remote_line.quantity
    lines, quantities, notes = [], [], []
    for line in order.lines.select_related("stockrecord").order_by("pk"):
        held = line.num_allocated or 0
        excess = held - remote_quantity.get(line.partner_sku, 0)
        if excess > 0 and not line.allocation_cancelled:
            lines.append(line)
            quantities.append(excess)
            notes.append(f"{line.title}: {excess} of {line.quantity} cancelled on the marketplace, stock released.")
        remote_quantity[line.partner_sku] = max(remote_quantity.get(line.partner_sku, 0) - held, 0)
    if not lines:
        return False
    EventHandler().cancel_stock_allocations(order, lines=lines, line_quantities=quantities)
    _flag(order, Order.REMOTE_CONFLICT, "\n".join(notes))
    return True


def _store_remote(link, remote_order) -> bool:
    changed = link.remote_status != remote_order.remote_status
    link.remote_status = remote_order.remote_status
    link.remote_updated_at = remote_order.updated_at
    link.raw_payload = remote_order.raw
    link.save()
    return changed


def _move_to(order, remote_order) -> bool:
    """Walk the Oscar pipeline to the remote state; the EventHandler moves the stock."""
    target = OSCAR_STATUS.get(remote_order.state)
    if target is None or order.status == target:
        return False
    handler = EventHandler()
    # The marketplace moved first: the handler must not call it back (a cancellation
    # started there is not sent there again).
    handler.remote_origin = True
    note = f"{order.channel.name if order.channel_id else 'Marketplace'}: {remote_order.remote_status}"
    if target == statuses.CANCELLED:
        if statuses.CANCELLED in order.available_statuses():
            handler.handle_order_status_change(order, target, note_msg=note)
            return True
        _flag(order, Order.REMOTE_CONFLICT, f"Cancelled on the marketplace while {order.status} here.")
        return True
    if order.status in FORWARD and FORWARD.index(order.status) < FORWARD.index(target):
        for status in FORWARD[FORWARD.index(order.status) + 1:FORWARD.index(target) + 1]:
            handler.handle_order_status_change(order, status, note_msg=note if status == target else None)
        return True
    _flag(order, Order.REMOTE_CONFLICT, f"Marketplace says {remote_order.remote_status}, order is {order.status}.")
    return True


def _flag(order, reason, note):
    if not order.needs_review:
        order.review_reason = reason
    order.needs_review = True
    order.review_note = (order.review_note + "\n" if order.review_note else "") + note
    order.save(update_fields=["needs_review", "review_reason", "review_note"])


def _match_stockrecords(channel, skus):
    records = StockRecord.objects.filter(partner_sku__in=[s for s in skus if s]).select_related("partner", "product")
    if channel.partner_id:
        records = records.filter(partner_id=channel.partner_id)
    by_sku: dict[str, list] = {}
    for record in records:
        by_sku.setdefault(record.partner_sku, []).append(record)
    # Two artisans using one SKU on a council-wide channel is ambiguous: a human decides.
    return {sku: found[0] for sku, found in by_sku.items() if len(found) == 1}


def _shipping_address(remote_order):
    address = remote_order.shipping_address
    country = Country.objects.filter(iso_3166_1_a2=(address.country or "ID").upper()).first()
    if country is None:
        country, _ = Country.objects.get_or_create(
            iso_3166_1_a2="ID", defaults={"name": "Republic of Indonesia", "printable_name": "Indonesia",
                                          "is_shipping_country": True})
    phone, notes = "", ""
    try:
        parsed = phonenumbers.parse(address.phone, "ID") if address.phone else None
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            phone = parsed
        elif address.phone:
            notes = f"Phone (as sent): {address.phone}"
    except phonenumbers.NumberParseException:
        notes = f"Phone (as sent): {address.phone}"
    first, _, last = address.name.partition(" ")
    return ShippingAddress.objects.create(
        first_name=first[:255], last_name=last[:255], line1=address.line1[:255], line2=address.line2[:255],
        # Every channel's province lands as its ISO code (adapters usually convert already).
        line3=address.district[:255], line4=address.city[:255],
        state=(province_code(address.state) or address.state)[:255], postcode=address.postcode[:64], country=country,
        phone_number=phone or "", notes=notes,
    )


def _create_order(*, channel, remote_order: RemoteOrder):
    matched = _match_stockrecords(channel, [line.sku for line in remote_order.lines])
    shipping = remote_order.shipping_fee or Decimal(0)
    order = Order.objects.create(
        number=f"{channel.code}-{remote_order.remote_id}"[:128],
        channel=channel, remote_order_number=remote_order.remote_id,
        currency=remote_order.currency or "IDR",
        # Indonesian marketplace prices include PPN, like ours: no tax split.
        total_incl_tax=remote_order.total, total_excl_tax=remote_order.total,
        shipping_incl_tax=shipping, shipping_excl_tax=shipping,
        shipping_method=channel.name, shipping_code=channel.kind,
        shipping_address=_shipping_address(remote_order),
        status=settings.OSCAR_INITIAL_ORDER_STATUS,
        date_placed=remote_order.created_at,
    )
    problems = []
    lines = []
    for remote_line in remote_order.lines:
        record = matched.get(remote_line.sku)
        line_total = remote_line.unit_price * remote_line.quantity
        line = Line.objects.create(
            order=order, partner=record.partner if record else None,
            partner_name=record.partner.display_name if record else "",
            partner_sku=remote_line.sku or "-", partner_line_reference=remote_line.remote_line_id[:128],
            stockrecord=record, product=record.product if record else None,
            title=(record.product.get_title() if record else remote_line.title)[:255] or remote_line.sku,
            upc=record.product.upc if record else None, quantity=remote_line.quantity,
            line_price_incl_tax=line_total, line_price_excl_tax=line_total,
            line_price_before_discounts_incl_tax=line_total, line_price_before_discounts_excl_tax=line_total,
            unit_price_incl_tax=remote_line.unit_price, unit_price_excl_tax=remote_line.unit_price,
            status=settings.OSCAR_INITIAL_LINE_STATUS, num_allocated=0,
        )
        lines.append(line)
        if record is None:
            problems.append((Order.UNMATCHED_SKU, f"SKU {remote_line.sku or '(empty)'!s} matches no product "
                                                  f"in this channel's scope ({remote_line.title})."))
    # Fixed lock order across storefront and marketplace placements: no deadlocks.
    for line in sorted((one for one in lines if one.stockrecord_id), key=lambda one: one.stockrecord_id):
        try:
            stock_allocate(stockrecord_id=line.stockrecord_id, quantity=line.quantity)
        except InsufficientStock as exc:
            problems.append((Order.OVERSOLD, f"{line.title}: {line.quantity} ordered, {exc.available} left."))
            continue
        Line.objects.filter(pk=line.pk).update(num_allocated=line.quantity)
    if problems:
        order.needs_review = True
        order.review_reason = problems[0][0]
        order.review_note = "\n".join(note for _, note in problems)
        order.save(update_fields=["needs_review", "review_reason", "review_note"])
    return order


# --------------------------------------------------------------------------- selectors and actions


def orders_needing_review(*, channel: Channel | None = None):
    """Oscar orders flagged for a human (unmatched SKU, oversold, conflicts)."""
    orders = Order.objects.filter(needs_review=True).select_related("channel").order_by("-date_placed")
    return orders.filter(channel=channel) if channel else orders


def imported_orders_quarantined(*, channel: Channel | None = None):
    """Remote orders kept but not importable (unreadable payload), with their raw JSON."""
    links = ImportedOrder.objects.filter(state=ImportedOrder.QUARANTINED, order__isnull=True).select_related("channel")
    return links.filter(channel=channel) if channel else links


def order_review_resolve(*, order, note: str = "") -> None:
    order.needs_review = False
    if note:
        order.review_note = (order.review_note + "\n" if order.review_note else "") + note
    order.save(update_fields=["needs_review", "review_note"])


def order_ship_remote(*, order, tracking_number: str = "", courier: str = "", user=None) -> None:
    """Tell the marketplace an imported order was shipped, then record the shipment here.

    The lines still to ship get Oscar's "Dikirim" shipping event with the courier and the
    tracking number typed in (``shop.order.shipments``: kept and shown on the order page),
    move to Dikirim, and the order walks Oscar's pipeline (Baru -> Diproses -> Dikirim) so
    every step is recorded and shipping consumes the allocation. Without a tracking number
    the marketplace's own logistics picks the parcel up (courier "marketplace").
    """
    from shop.order.couriers import MARKETPLACE_COURIER
    from shop.order.shipments import SHIPPABLE_STATUSES, shipment_record

    if not order.channel_id:
        raise ValueError("not a marketplace order")
    tracking_number = (tracking_number or "").strip()
    # Some marketplaces (Lazada) assign the tracking number themselves when the parcel is packed.
    assigned = channel_adapter(channel=order.channel).ship_order(remote_id=order.remote_order_number,
                                                                 tracking_number=tracking_number)
    tracking_number = assigned or tracking_number
    shipped = FORWARD.index(statuses.SHIPPED)
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status not in FORWARD[:shipped]:
            return
        lines = list(locked.lines.filter(status__in=SHIPPABLE_STATUSES))
        if lines:
            # A number the marketplace assigned belongs to its own logistics.
            shipper = courier if tracking_number and not assigned else (courier or MARKETPLACE_COURIER)
            shipment_record(order=locked, lines=lines, tracking_number=tracking_number, user=user,
                            courier=shipper)
        for status in FORWARD[FORWARD.index(locked.status) + 1:shipped + 1]:
            EventHandler().handle_order_status_change(locked, status)


def order_cancel_on_marketplace(*, order, reason: str = CancelReason.OUT_OF_STOCK) -> None:
    """Ask the order's marketplace to cancel it (seller cancellation). Raises MarketplaceError if refused.

    Called by the order EventHandler when a storefront admin cancels a marketplace
    order, before the status changes here: a refusal leaves both sides as they were.
    """
    if not order.channel_id or not order.remote_order_number:
        raise ValueError("not a marketplace order")
    if reason not in CancelReason.CHOICES:
        raise ValueError(f"unknown cancel reason {reason!r}")
    channel_adapter(channel=order.channel).cancel_order(remote_id=order.remote_order_number, reason=reason)


def order_cancel_remote(*, order, reason: str = CancelReason.OUT_OF_STOCK, user=None) -> None:
    """Cancel a marketplace order from our side: the marketplace first, then here (releasing the stock)."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status == statuses.CANCELLED:
            return
        handler = EventHandler(user=user)
        handler.cancel_reason = reason
        handler.handle_order_status_change(locked, statuses.CANCELLED)
