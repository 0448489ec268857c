"""Sync run records and the result object every sync step returns."""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from marketplace_sync.adapters.base import MarketplaceError
from marketplace_sync.models import Channel, InboundEvent, SyncLease, SyncRun

logger = logging.getLogger(__name__)

MAX_STORED_ERRORS = 50


@dataclass
class SyncResult:
    """Counts of one step on one channel. ``channel_failed``: the channel as a whole failed."""

    channel_code: str
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    channel_failed: bool = False
    skipped: bool = False  # another worker holds this step's lease
    errors: list[str] = field(default_factory=list)
    run_id: int | None = None

    def error(self, message: str, *, count=True):
        if count:
            self.failed += 1
        self.errors.append(message)

    @property
    def summary(self) -> str:
        state = "CHANNEL FAILED" if self.channel_failed else ("skipped (already running)" if self.skipped else "ok")
        return (f"{self.channel_code} {self.kind}: created {self.created}, updated {self.updated}, "
                f"unchanged {self.unchanged}, failed {self.failed} [{state}]")


@contextlib.contextmanager
def sync_run(*, channel: Channel, kind: str):
    """Record one step as a SyncRun; a channel-level MarketplaceError marks the channel failed."""
    result = SyncResult(channel_code=channel.code, kind=kind)
    started = time.monotonic()
    run = SyncRun.objects.create(channel=channel, kind=kind)
    result.run_id = run.pk
    try:
        yield result
    except MarketplaceError as exc:
        if not exc.channel_level:
            raise
        result.channel_failed = True
        result.error(f"{exc.__class__.__name__}: {exc}", count=False)
    finally:
        if result.channel_failed:
            status = SyncRun.FAILED
        elif result.failed:
            status = SyncRun.PARTIAL
        else:
            status = SyncRun.SUCCEEDED
        SyncRun.objects.filter(pk=run.pk).update(
            status=status, created_count=result.created, updated_count=result.updated,
            unchanged_count=result.unchanged, failed_count=result.failed, errors=result.errors[:MAX_STORED_ERRORS],
            date_finished=timezone.now(),
        )
        sync_run_log(result=result, status=status, duration_ms=round((time.monotonic() - started) * 1000))


def sync_run_log(*, result: SyncResult, status: str, duration_ms: int) -> None:
    """One line per run: what happened, levelled by outcome.

    ``sync push channel=shopee-demo status=succeeded created=3 updated=1 unchanged=40 failed=0 duration_ms=812``.
    A run that changed nothing is DEBUG (the schedule runs every few minutes); a
    partial run is WARNING with its first error; a failed channel is ERROR, without a traceback.
    """
    if status == SyncRun.FAILED:
        level = logging.ERROR
    elif status == SyncRun.PARTIAL:
        level = logging.WARNING
    elif result.created or result.updated:
        level = logging.INFO
    else:
        level = logging.DEBUG
    line = (f"sync {result.kind} channel={result.channel_code} status={status} created={result.created} "
            f"updated={result.updated} unchanged={result.unchanged} failed={result.failed} duration_ms={duration_ms}")
    if result.errors and level >= logging.WARNING:
        first = result.errors[0].replace("\n", " ")[:300]
        line += f' first_error="{first}"'
    logger.log(level, line)


@contextlib.contextmanager
def sync_lease(*, channel: Channel, kind: str, ttl: dt.timedelta = dt.timedelta(minutes=15)):
    """Yield True if this worker got the lease for (channel, kind), else False."""
    try:
        with transaction.atomic():
            SyncLease.objects.get_or_create(channel=channel, kind=kind)
    except IntegrityError:
        pass  # created concurrently: fine
    holder = str(uuid.uuid4())
    now = timezone.now()
    got = SyncLease.objects.filter(channel=channel, kind=kind, held_until__lte=now).update(
        holder=holder, held_until=now + ttl)
    try:
        yield bool(got)
    finally:
        if got:
            SyncLease.objects.filter(channel=channel, kind=kind, holder=holder).update(held_until=timezone.now())


def sync_records_prune(*, older_than: dt.timedelta | None = None) -> dict[str, int]:
    """Delete old sync runs (keeping each channel's latest run per step) and processed webhook events."""
    cutoff = timezone.now() - (older_than or dt.timedelta(days=settings.MARKETPLACE_RECORD_RETENTION_DAYS))
    latest = (SyncRun.objects.filter(channel=OuterRef("channel"), kind=OuterRef("kind"))
              .order_by("-date_started").values("pk")[:1])
    runs, _ = SyncRun.objects.filter(date_started__lt=cutoff).exclude(pk=Subquery(latest)).delete()
    events, _ = InboundEvent.objects.filter(processed=True, date_created__lt=cutoff).delete()
    return {"runs": runs, "events": events}
