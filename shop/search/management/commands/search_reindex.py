"""Rebuild the storefront search index from the catalogue.

    python manage.py search_reindex [--no-progress]

On a terminal a progress bar follows the batches; otherwise (cron, CI, a log)
one plain line per batch. Searches keep answering while it runs.
"""
import time

from django.core.management.base import BaseCommand

from shop.search.backends import backend_path
from shop.search.indexing import index_rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index of every product on the storefront."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="print plain lines, never a bar")

    def handle(self, *args, **opts):
        tty = not opts["no_progress"] and _isatty(self.stdout)
        started = time.monotonic()
        self.stdout.write(f"Reindexing with {backend_path()}")

        def progress(done, total):
            if tty:
                filled = BAR_WIDTH * done // total if total else BAR_WIDTH
                bar = "#" * filled + "-" * (BAR_WIDTH - filled)
                self.stdout.write(f"\r[{bar}] {done}/{total} products", ending="")
                self.stdout.flush()
            elif done:
                self.stdout.write(f"{done}/{total} products indexed")

        report = index_rebuild(progress=progress)
        if tty:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(
            f"Search index rebuilt: {report.indexed} products indexed, {report.removed} removed "
            f"in {time.monotonic() - started:.1f}s"
        ))


def _isatty(stream) -> bool:
    target = getattr(stream, "_out", stream)  # Django's OutputWrapper
    return bool(getattr(target, "isatty", lambda: False)())
