"""`manage.py demo_banner --url URL`: where the shop runs and how to log in."""
from django.core.management.base import BaseCommand

from shop.demo.logins import demo_banner_render


class Command(BaseCommand):
    help = "Print the demo URL and the demo logins in a box."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the shop is served.")

    def handle(self, *args, url, **options):
        self.stdout.write(demo_banner_render(url=url))
