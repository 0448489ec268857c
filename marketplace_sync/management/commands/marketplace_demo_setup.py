"""`python manage.py marketplace_demo_setup`: the demo Shopee and Lazada channels on the local simulators (idempotent).

Called by `make demo` before the simulator starts; the first push is queued
with a short delay so the worker finds the simulator up (the filesystem
broker keeps the message until the worker starts).
"""
from django.core.management.base import BaseCommand
from django.db import transaction

from marketplace_sync.demo import (
    DEMO_API_BASE, DEMO_CODE, LAZADA_DEMO_API_BASE, LAZADA_DEMO_CODE, demo_channel_setup, lazada_demo_channel_setup,
)


class Command(BaseCommand):
    help = "Create or refresh the demo Shopee channel connected to the local simulator."

    def add_arguments(self, parser):
        parser.add_argument("--api-base", default=DEMO_API_BASE)
        parser.add_argument("--code", default=DEMO_CODE)
        parser.add_argument("--lazada-api-base", default=LAZADA_DEMO_API_BASE)
        parser.add_argument("--lazada-code", default=LAZADA_DEMO_CODE)
        parser.add_argument("--no-enqueue", action="store_true", help="do not queue a first push and pull")

    def handle(self, *args, **opts):
        reports = [demo_channel_setup(api_base_url=opts["api_base"], code=opts["code"]),
                   lazada_demo_channel_setup(api_base_url=opts["lazada_api_base"], code=opts["lazada_code"])]
        for report in reports:
            channel = report.channel
            verb = "created" if report.created else "refreshed"
            self.stdout.write(f"Demo channel {channel.code} {verb} at {channel.api_base_url} "
                              f"(simulator {report.simulator}; {report.listings_reset} listings will be re-created).")
        if not opts["no_enqueue"]:
            from marketplace_sync import tasks

            channel_ids = [report.channel.pk for report in reports]

            def enqueue():
                for channel_id in channel_ids:
                    tasks.push_listings.apply_async(kwargs={"channel_id": channel_id}, countdown=10)
                    tasks.pull_orders.apply_async(kwargs={"channel_id": channel_id}, countdown=60)
                # The expiry is unknown until a refresh: learn it now, so the
                # dashboard's countdown shows from the first minute.
                tasks.refresh_tokens.apply_async(countdown=15)

            transaction.on_commit(enqueue)
            self.stdout.write("Queued a first listing push, token refresh and order pull for the worker.")
