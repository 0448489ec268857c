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

Every check is ``channel_create``'s (the dashboard's add form uses the same);
this command parses its JSON flags and words the refusals in terms of its flags.
A refused ``add`` leaves nothing behind.
"""
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from marketplace_sync.adapters import registered_kinds
from marketplace_sync.models import Channel
from marketplace_sync.selectors import channel_last_runs
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


#: channel_create's refusals in the command's words (its flags), by (field, code).
REFUSALS = {
    ("kind", "required"): "--kind is required (or a --name naming the marketplace)",
    ("kind", "name_mismatch"): "--name {name!r} names {named}, but --kind is {kind}: "
                               "Tokopedia and TikTok Shop shops are --kind tiktok",
    ("kind", "unknown"): "unknown --kind {kind!r}; known: {known}",
    ("markup_percent", "invalid"): "--markup must be a number of percent, not {value!r}",
    ("markup_percent", "range"): "--markup must be between 0 and 9999 percent",
    ("price_rounding", "invalid"): "--round must be one of {choices} (rupiah), not {value!r}",
    ("stock_buffer", "invalid"): "--buffer must be a whole number of units >= 0, not {value!r}",
    ("partner", "unknown"): "unknown partner code {code!r} (use the artisan's code or slug)",
    ("code", "exists"): "a channel with code {code!r} already exists (remove it first, or pick another code)",
    ("credentials", "refused"): "credentials refused for {kind}: {error}",
}


def _refusal(exc: ValidationError) -> str:
    """One line naming every refused flag, in the service's order."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    lines = []
    for field, errors in exc.error_dict.items():
        for error in errors:
            template = REFUSALS.get((field, error.code))
            if template is not None:
                lines.append(template.format(**(error.params or {})))
            else:  # a model field's own check
                lines.append(f"{field}: {' '.join(error.messages)}")
    return "; ".join(lines)


def _expiry(value):
    if value is None:
        return "-"
    seconds = int((value - timezone.now()).total_seconds())
    if seconds <= 0:
        return "EXPIRED"
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m"


class Command(BaseCommand):
    help = "Add, list or remove marketplace channels."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="add|list|remove")
        add = sub.add_parser("add", help="connect a marketplace shop")
        add.add_argument("code", help="short unique name, e.g. shopee-official")
        add.add_argument("--kind", default=None,
                         help=f"marketplace: {', '.join(registered_kinds())} (default: "
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
        credentials = _json_object(opts["credentials"], "--credentials")
        options = _json_object(opts["options"], "--options") if opts["options"] else {}
        try:
            channel = channel_create(
                kind=opts["kind"], code=opts["code"], api_base_url=opts["api_base"], credentials=credentials,
                name=opts["name"], partner=opts["partner"], markup_percent=opts["markup"],
                price_rounding=opts["rounding"], stock_buffer=opts["buffer"], enabled=not opts["disabled"],
                options=options, export_ready_only=opts["export_ready_only"],
            )
        except ValidationError as exc:
            raise CommandError(_refusal(exc)) from None
        self._report_added(channel, credentials, options)

    def _report_added(self, channel, credentials, options):
        kind, partner = channel.kind, channel.partner
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

            def run_text(kind, runs=runs):
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
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())

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
