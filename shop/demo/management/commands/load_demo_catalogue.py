"""`manage.py load_demo_catalogue`: the East Java demo catalogue, idempotently."""
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shop.demo.logins import demo_lockouts_clear
from shop.demo.services import DEFAULT_IMAGE_SIZE, demo_catalogue_load


class Command(BaseCommand):
    help = (
        "Create or update the demo catalogue (regions, craft categories, artisans, products with "
        "images and certificates, role groups, demo logins). Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--image-size", type=int, default=DEFAULT_IMAGE_SIZE,
            help=f"Side in pixels of generated product images (default {DEFAULT_IMAGE_SIZE}).",
        )
        parser.add_argument(
            "--reset", action="store_true",
            help="Also put stock levels and curation states back to the demo values.",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="Run even under production settings (it creates logins with known passwords).",
        )

    def handle(self, *args, image_size, reset, force, **options):
        # pytest-django and some runners leave SETTINGS_MODULE unset; the
        # environment variable then names the module.
        module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
        if module.endswith(".production") and not force:
            raise CommandError(
                "Refusing to load demo logins with known passwords under production settings; "
                "pass --force if this really is a demo server."
            )
        if image_size < 64:
            raise CommandError("--image-size must be at least 64 pixels.")
        report = demo_catalogue_load(image_size=image_size, reset=reset)
        self.stdout.write(report.summary())
        if demo_lockouts_clear():
            self.stdout.write("Cleared login lockouts of the demo accounts.")
