"""Manage marketplace channels from the shell.

    python manage.py marketplace_channel add CODE --kind shopee --api-base URL \
        --credentials '{"partner_id": ..., "partner_key": "...", "shop_id": ..., "access_token": "...",
                        "refresh_token": "..."}' [--partner PARTNER_CODE] [--markup 10] [--round 1000]
        [--buffer 1] [--name NAME] [--options '{"category_id": ...}'] [--disabled]
    python manage.py marketplace_channel add CODE --kind tiktok --api-base https://open-api.tiktokglobalshop.com \
        --credentials '{"app_key": "...", "app_secret": "...", "access_token": "...", "refresh_token": "...",
                        "shop_cipher": "...", "auth_base": "https://auth.tiktok-shops.com"}'
        (auth_base optional; service_id too, needed only for the dashboard's "Connect shop")
    python manage.py marketplace_channel add CODE --kind lazada --api-base https://api.lazada.co.id/rest \
        --credentials '{"app_key": "...", "app_secret": "...", "access_token": "...", "refresh_token": "...",
                        "auth_base": "https://auth.lazada.com/rest"}'      (auth_base optional)
    python manage.py marketplace_channel list
    python manage.py marketplace_channel remove CODE

Every check happens before the one ``channel_create`` call, inside one
transaction, so a refused ``add`` leaves nothing behind.
"""
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from marketplace_sync.adapters import registered_kinds
from marketplace_sync.adapters.base import MarketplaceError
from marketplace_sync.models import Channel
from marketplace_sync.selectors import channel_last_runs, partner_by_code
from marketplace_sync.services.channels import channel_create, channel_remove

ROUNDINGS = sorted(dict(Channel.ROUNDING_CHOICES))


def _json_object(value: str, option: str) -> dict:
    try:
        data = json.loads(value)
    except ValueError as exc:
        raise CommandError(f"{option} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise CommandError(f"{option} must be a JSON object ({{...}}), not {type(data).__name__}")
    return data


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())
    return " ".join(exc.messages)


def _expiry(value):
    if value is None:
        return "-"
    seconds = int((value - timezone.now()).total_seconds())
    if seconds <= 0:
        return "EXPIRED"
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m"


#: Words in a display name that settle the marketplace: Tokopedia sellers are reached
#: only through the TikTok Shop API since the merger.
NAME_KINDS = {"tokopedia": "tiktok", "tiktok": "tiktok", "shopee": "shopee", "lazada": "lazada"}


def kind_from_name(name: str) -> str | None:
    lowered = (name or "").casefold()
    kinds = {kind for word, kind in NAME_KINDS.items() if word in lowered}
    return kinds.pop() if len(kinds) == 1 else None


class Command(BaseCommand):
    help = "Add, list or remove marketplace channels."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="add|list|remove")
        add = sub.add_parser("add", help="connect a marketplace shop")
        add.add_argument("code", help="short unique name, e.g. shopee-official")
        add.add_argument("--kind", default=None, help=f"marketplace: {', '.join(registered_kinds())} (default: "
                                                      "from --name, e.g. 'Tokopedia ...' or 'TikTok Shop ...' is tiktok)")
        add.add_argument("--api-base", required=True, help="API base URL, e.g. https://partner.shopeemobile.com")
        add.add_argument("--credentials", required=True, help="JSON object with app keys, shop id and tokens")
        add.add_argument("--partner", default=None, metavar="PARTNER_CODE",
                         help="scope the channel to one artisan's products (partner code or slug)")
        add.add_argument("--markup", default="0", help="price markup in percent (default 0)")
        add.add_argument("--round", dest="rounding", default="100",
                         help=f"round prices up to a multiple of: {', '.join(map(str, ROUNDINGS))} (default 100)")
        add.add_argument("--buffer", default="0", help="units held back from this channel (default 0)")
        add.add_argument("--name", default="", help="display name (default: the code)")
        add.add_argument("--options", default=None,
                         help="JSON object of marketplace listing defaults (category_id, logistic_ids, "
                              "attribute_list, brand_name...; weights come from each product)")
        add.add_argument("--disabled", action="store_true", help="create it disabled")
        add.add_argument("--export-ready-only", action="store_true",
                         help="list only products the curators approved as export ready (siap ekspor)")
        sub.add_parser("list", help="list channels")
        remove = sub.add_parser("remove", help="remove a channel (disabled instead if orders came through it)")
        remove.add_argument("code")

    def handle(self, *args, **opts):
        return getattr(self, f"_{opts['action']}")(opts)

    # -- add -----------------------------------------------------------------------------

    def _add(self, opts):
        named = kind_from_name(opts["name"])
        kind = opts["kind"] or named
        if not kind:
            raise CommandError("--kind is required (or a --name naming the marketplace)")
        if named and named != kind:
            raise CommandError(f"--name {opts['name']!r} names {named}, but --kind is {kind}: "
                               f"Tokopedia and TikTok Shop shops are --kind tiktok")
        if kind not in registered_kinds():
            raise CommandError(f"unknown --kind {kind!r}; known: {', '.join(registered_kinds())}")
        credentials = _json_object(opts["credentials"], "--credentials")
        options = _json_object(opts["options"], "--options") if opts["options"] else {}
        try:
            markup = Decimal(opts["markup"])
        except InvalidOperation:
            raise CommandError(f"--markup must be a number of percent, not {opts['markup']!r}") from None
        if not markup.is_finite() or markup < 0 or markup >= 10000:
            raise CommandError("--markup must be between 0 and 9999 percent")
        try:
            rounding = int(opts["rounding"])
        except ValueError:
            rounding = None
        if rounding not in ROUNDINGS:
            raise CommandError(f"--round must be one of {', '.join(map(str, ROUNDINGS))} (rupiah), "
                               f"not {opts['rounding']!r}")
        try:
            buffer = int(opts["buffer"])
        except ValueError:
            buffer = -1
        if buffer < 0:
            raise CommandError(f"--buffer must be a whole number of units >= 0, not {opts['buffer']!r}")
        partner = None
        if opts["partner"]:
            partner = partner_by_code(code=opts["partner"])
            if partner is None:
                raise CommandError(f"unknown partner code {opts['partner']!r} (use the artisan's code or slug)")
        if Channel.objects.filter(code=opts["code"]).exists():
            raise CommandError(f"a channel with code {opts['code']!r} already exists "
                               "(remove it first, or pick another code)")
        try:
            with transaction.atomic():
                channel = channel_create(
                    kind=kind, code=opts["code"], api_base_url=opts["api_base"], credentials=credentials,
                    name=opts["name"], partner=partner, markup_percent=markup, price_rounding=rounding,
                    stock_buffer=buffer, enabled=not opts["disabled"], options=options,
                    export_ready_only=opts["export_ready_only"],
                )
        except ValidationError as exc:
            raise CommandError(_validation_message(exc)) from None
        except (MarketplaceError, KeyError, TypeError, ValueError) as exc:
            # The adapter is built once at creation to check the credentials' shape.
            raise CommandError(f"credentials refused for {kind}: {exc.__class__.__name__}: {exc}") from None
        scope = f"artisan {partner.name}" if partner else "whole curated catalogue"
        self.stdout.write(self.style.SUCCESS(
            f"Added channel {channel.code} ({channel.get_kind_display()}) at {channel.api_base_url}: {scope}, "
            f"markup {channel.markup_percent}%, rounding Rp {channel.price_rounding}, "
            f"buffer {channel.stock_buffer}, {'enabled' if channel.enabled else 'disabled'}"
            f"{', export-ready products only' if channel.export_ready_only else ''}."))
        if kind == Channel.SHOPEE and not options.get("attribute_list"):
            self.stderr.write("Note: no attribute_list in --options: items are sent with the product's material "
                              "as the only attribute (Shopee attribute 100134, category 100001). A real shop's "
                              "categories have their own mandatory attributes: set them with --options.")
        if kind == Channel.LAZADA and not options.get("primary_category"):
            self.stderr.write("Note: no primary_category in --options: products go to Lazada category 10002019 "
                              "with brand 'No Brand' (30768); its mandatory attributes are read from "
                              "/category/attributes/get and filled from the products or --options "
                              "'{\"attributes\": {...}}'. A product that cannot pass is reported on its listing.")
        if not credentials.get("access_token"):
            self.stdout.write(f"Not connected to a shop yet: use 'Connect shop' on the channel's dashboard page "
                              f"({channel.get_kind_display()}'s own authorisation).")
        elif kind == Channel.TIKTOK and not credentials.get("shop_cipher"):
            self.stdout.write("No shop_cipher given: it is read from /authorization/202309/shops at the first call.")

    # -- list ----------------------------------------------------------------------------

    def _list(self, opts):
        channels = list(Channel.objects.select_related("partner").order_by("code"))
        if not channels:
            self.stdout.write("No marketplace channels.")
            return
        last_runs = channel_last_runs(channels=channels)
        header = ("CODE", "KIND", "NAME", "API BASE", "SCOPE", "MARKUP", "ROUND", "BUF", "ON", "TOKEN",
                  "LISTINGS", "LAST PUSH", "LAST PULL")
        rows = [header]
        for channel in channels:
            runs = last_runs.get(channel.pk, {})

            def run_text(kind):
                run = runs.get(kind)
                return f"{run.status} {timezone.localtime(run.date_started):%m-%d %H:%M}" if run else "-"

            rows.append((
                channel.code, channel.kind, channel.name, channel.api_base_url,
                (channel.partner.name if channel.partner else "all")
                + (" (export ready)" if channel.export_ready_only else ""), f"{channel.markup_percent.normalize():f}%",
                str(channel.price_rounding), str(channel.stock_buffer), "yes" if channel.enabled else "no",
                _expiry(channel.access_token_expires_at), str(channel.listings.count()),
                run_text("push"), run_text("pull"),
            ))
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())

    # -- remove --------------------------------------------------------------------------

    def _remove(self, opts):
        channel = Channel.objects.filter(code=opts["code"]).first()
        if channel is None:
            raise CommandError(f"no channel with code {opts['code']!r}")
        imported = channel.imported_orders.count()
        if channel_remove(channel=channel):
            self.stdout.write(self.style.SUCCESS(f"Removed channel {opts['code']}."))
        else:
            self.stdout.write(self.style.WARNING(
                f"Channel {opts['code']} disabled, not deleted: {imported} orders were imported through it and "
                "their links keep them from being imported twice."))
