"""Write a sample catalogue file for trying Dashboard -> Catalogue -> Import products.

    python manage.py catalogue_sample_import --rows 200 --bad 3 var/import-sample.xlsx

also writes the photos it names next to it (var/import-sample-images.zip).
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shop.catalogue_io.sample import SampleError, sample_workbook


class Command(BaseCommand):
    help = "Write an XLSX of new products (some deliberately bad) and a zip of their photos."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="var/import-sample.xlsx")
        parser.add_argument("--rows", type=int, default=200)
        parser.add_argument("--bad", type=int, default=3)
        parser.add_argument("--prefix", default="CONTOH", help="SKU prefix (SKUs are PREFIX-0001, ...).")

    def handle(self, *args, path, rows, bad, prefix, **options):
        try:
            workbook, images, bad_rows = sample_workbook(rows=rows, bad=bad, prefix=prefix)
        except SampleError as exc:
            raise CommandError(str(exc)) from exc
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(workbook)
        zip_path = target.with_name(f"{target.stem}-images.zip")
        zip_path.write_bytes(images)
        self.stdout.write(f"{target}: {rows} rows, bad rows {', '.join(map(str, bad_rows)) or 'none'}")
        self.stdout.write(f"{zip_path}: {rows} photos")
