"""`python manage.py marketplace_demo_setup`: the demo channels on the local simulators (idempotent).

One channel per marketplace in ``marketplace_sync.demo.DEMOS`` (Shopee, TikTok Shop, Lazada).
``--api-base``/``--code`` apply to the one ``--kind`` named (Shopee when only they are given).

Called by `make demo` before the simulator starts; the first push is queued
with a short delay so the worker finds the simulator up (the filesystem
broker keeps the message until the worker starts).
"""
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from marketplace_sync.demo import DEMOS, demo_channel_setup


class Command(BaseCommand):
    help = "Create or refresh the demo marketplace channels connected to the local simulators."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=sorted(DEMOS), default=None,
                            help="only this marketplace (default: all; Shopee if --api-base/--code are given)")
        parser.add_argument("--api-base", default=None)
        parser.add_argument("--code", default=None)
        parser.add_argument("--no-enqueue", action="store_true", help="do not queue a first push and pull")

    def handle(self, *args, **opts):
        if not apps.is_installed("shop.demo"):
            # Production settings leave the demo out: no demo channels (fixed keys, local simulators) there.
            raise CommandError("The demo is not installed in these settings (shop.demo is in "
                               "shop.settings.local and shop.settings.test only).")
        kind = opts["kind"] or ("shopee" if opts["api_base"] or opts["code"] else None)
        for one in [kind] if kind else sorted(DEMOS):
            self._setup(one, opts)
        self._campaigns(opts)

    def _campaigns(self, opts):
        """The demo campaigns run on the demo channels, which exist only now (the catalogue loads first)."""
        from shop.demo.campaigns import demo_campaigns_ensure
        from shop.demo.services import LoadReport

        campaigns = demo_campaigns_ensure(report=LoadReport())
        if opts["no_enqueue"] or not campaigns:
            return
        from marketplace_sync import tasks

        def enqueue():
            # After the first listing push (queued above with a 10 s delay): a promotion can
            # only hold products the channel lists.
            for campaign in campaigns:
                tasks.sync_campaign_promotions.apply_async(args=[campaign.pk], countdown=90)

        transaction.on_commit(enqueue)
        self.stdout.write(f"Queued the marketplace promotions of {len(campaigns)} demo campaign(s).")

    def _setup(self, kind, opts):
        report = demo_channel_setup(api_base_url=opts["api_base"], code=opts["code"], kind=kind)
        channel = report.channel
        verb = "created" if report.created else "refreshed"
        self.stdout.write(f"Demo channel {channel.code} {verb} at {channel.api_base_url} "
                          f"(simulator {report.simulator}; {report.listings_reset} listings will be re-created).")
        if report.orders_seeded:
            self.stdout.write(f"Past demo orders seeded on {channel.name}: {report.orders_seeded}.")
        if not opts["no_enqueue"]:
            from marketplace_sync import tasks

            def enqueue():
                tasks.push_listings.apply_async(kwargs={"channel_id": channel.pk}, countdown=10)
                tasks.pull_orders.apply_async(kwargs={"channel_id": channel.pk}, countdown=60)
                # The expiry is unknown until a refresh: learn it now, so the
                # dashboard's countdown shows from the first minute.
                tasks.refresh_tokens.apply_async(countdown=15)

            transaction.on_commit(enqueue)
            self.stdout.write("Queued a first listing push, token refresh and order pull for the worker.")
