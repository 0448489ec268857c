"""`manage.py demo_banner --url URL`: where the shop runs and how to log in."""
from urllib.parse import urlsplit

from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand

from shop.demo.logins import demo_banner_render


class Command(BaseCommand):
    help = "Print the demo URL and the demo logins in a box (and make the demo's Site that address)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the shop is served.")

    def handle(self, *args, url, **options):
        # Links in emails (order status, tracking, the artisan's order page) are built
        # from the Site's domain: in the demo it is where the banner says the shop is.
        domain = urlsplit(url).netloc
        Site.objects.filter(pk=1).exclude(domain=domain).update(domain=domain, name="Galeri Kriya")
        self.stdout.write(demo_banner_render(url=url))
