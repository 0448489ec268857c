"""Run one sync step now: `python manage.py marketplace_sync push|pull|stock|reconcile [--channel CODE]`.

On a terminal a progress bar follows the step (the step runs in a worker
thread while this one polls the database for what it has done); otherwise
plain lines. Always ends with one summary line. Exits non-zero only when a
channel failed as a whole (bad credentials, unreachable); single failed items
are counted, recorded in the sync run and shown, but are not a command failure.
"""
from __future__ import annotations

import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.db.utils import DatabaseError

from marketplace_sync.models import Channel
from marketplace_sync.selectors import step_progress, step_total
from marketplace_sync.services.listings import listings_push
from marketplace_sync.services.orders import orders_pull
from marketplace_sync.services.runs import SyncResult
from marketplace_sync.services.stock import stock_push, stock_reconcile
from marketplace_sync.services.tokens import channel_tokens_refresh

STEPS = {
    "push": lambda channel, opts: listings_push(channel=channel, full=opts["full"]),
    "pull": lambda channel, opts: orders_pull(channel=channel),
    "stock": lambda channel, opts: stock_push(channel=channel, force=opts["full"]),
    "reconcile": lambda channel, opts: stock_reconcile(channel=channel),
    "tokens": lambda channel, opts: channel_tokens_refresh(channel=channel),
}
STEP_NOUN = {"push": "listings", "pull": "orders", "stock": "listings", "reconcile": "listings", "tokens": "tokens"}


class ProgressBar:
    """A one-line bar redrawn with carriage returns; only used when stdout is a terminal."""

    def __init__(self, stream, label: str, total: int | None, width: int = 30):
        self.stream, self.label, self.total, self.width = stream, label, total, width
        self.started = time.monotonic()
        self.frame = 0

    def render(self, done: int) -> str:
        elapsed = time.monotonic() - self.started
        if self.total:
            done = min(done, self.total)
            filled = int(self.width * done / self.total)
            bar = "#" * filled + "." * (self.width - filled)
            return f"\r{self.label} [{bar}] {done}/{self.total} {elapsed:5.1f}s"
        spinner = "|/-\\"[self.frame % 4]
        self.frame += 1
        return f"\r{self.label} {spinner} {done} {elapsed:5.1f}s"

    def update(self, done: int) -> None:
        self.stream.write(self.render(done))
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\033[K")  # clear the bar; the summary line replaces it
        self.stream.flush()


class Command(BaseCommand):
    help = "Run one marketplace sync step now for one channel or every enabled channel."

    def add_arguments(self, parser):
        parser.add_argument("step", choices=list(STEPS), help="push listings, pull orders, push stock, "
                                                              "reconcile stock, or refresh tokens")
        parser.add_argument("--channel", metavar="CODE", help="only this channel (default: every enabled one)")
        parser.add_argument("--full", action="store_true",
                            help="push: fingerprint every product, not only changed ones; stock: push all")
        parser.add_argument("--no-progress", action="store_true", help="never draw a progress bar")

    def handle(self, *args, **opts):
        channels = self._channels(opts["channel"])
        step = opts["step"]
        tty = not opts["no_progress"] and _isatty(self.stdout)
        results: list[SyncResult] = []
        for channel in channels:
            started = time.monotonic()
            if tty:
                result = self._run_with_bar(step, channel, opts)
            else:
                self.stdout.write(f"{channel.code} {step}: running...")
                result = STEPS[step](channel, opts)
            results.append(result)
            self._report(result, time.monotonic() - started, opts["verbosity"])

        total = SyncResult(channel_code="all", kind=step)
        for result in results:
            for field in ("created", "updated", "unchanged", "failed"):
                setattr(total, field, getattr(total, field) + getattr(result, field))
        failed_channels = [r.channel_code for r in results if r.channel_failed]
        self.stdout.write(
            f"Summary {step} on {len(results)} channel(s): created {total.created}, updated {total.updated}, "
            f"unchanged {total.unchanged}, failed {total.failed}; channels failed: {len(failed_channels)}")
        if failed_channels:
            raise CommandError(f"{step} failed as a whole on: {', '.join(failed_channels)}", returncode=2)

    def _channels(self, code):
        if code:
            channel = Channel.objects.filter(code=code).first()
            if channel is None:
                known = ", ".join(Channel.objects.values_list("code", flat=True)) or "none"
                raise CommandError(f"no channel with code {code!r} (known: {known})")
            if not channel.enabled:
                raise CommandError(f"channel {code} is disabled; enable it first")
            return [channel]
        channels = list(Channel.objects.filter(enabled=True).order_by("code"))
        if not channels:
            self.stdout.write("No enabled channels.")
        return channels

    def _report(self, result: SyncResult, seconds: float, verbosity: int):
        style = self.style.ERROR if result.channel_failed else (
            self.style.WARNING if result.failed else self.style.SUCCESS)
        self.stdout.write(style(f"{result.summary} in {seconds:.1f}s"))
        shown = result.errors if verbosity > 1 else result.errors[:5]
        for message in shown:
            self.stdout.write(f"  ! {message}")
        if len(result.errors) > len(shown):
            self.stdout.write(f"  ... {len(result.errors) - len(shown)} more (see the sync run in the dashboard, "
                              "or -v 2)")

    def _run_with_bar(self, step, channel, opts) -> SyncResult:
        """Run the step in a thread; draw its progress from what it has written to the database."""
        since = _db_now()
        total = _safe(lambda: step_total(step=step, channel=channel, full=opts["full"]))
        bar = ProgressBar(self.stdout, f"{channel.code} {step} ({STEP_NOUN[step]})", total)
        box: dict = {}

        def work():
            try:
                box["result"] = STEPS[step](channel, opts)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
                box["error"] = exc
            finally:
                connection.close()  # this thread's own connection

        worker = threading.Thread(target=work, name=f"sync-{step}-{channel.code}", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.25)
                done = _safe(lambda: step_progress(step=step, channel=channel, since=since))
                bar.update(done or 0)
        finally:
            bar.close()
            close_old_connections()
        if "error" in box:
            raise box["error"]
        return box["result"]


def _isatty(stream) -> bool:
    target = getattr(stream, "_out", stream)  # Django's OutputWrapper
    return bool(getattr(target, "isatty", lambda: False)())


def _db_now():
    from django.utils import timezone

    # A second of slack: rows written in the same second as the start still count.
    return timezone.now().replace(microsecond=0)


def _safe(fn):
    """Progress is decoration: a busy SQLite file must never break the step itself."""
    try:
        return fn()
    except DatabaseError:
        return None
