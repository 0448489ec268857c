"""Creating, changing and removing channels, and building their adapters."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace_sync.adapters import adapter_class_for, registered_kinds
from marketplace_sync.adapters.base import HttpSession, MarketplaceAdapter, MarketplaceError
from marketplace_sync.models import Channel
from marketplace_sync.services.token_store import channel_refresh_guard, channel_tokens_store

Partner = get_model("partner", "Partner")


def http_session() -> HttpSession:
    return HttpSession(timeout=tuple(settings.MARKETPLACE_HTTP_TIMEOUT),
                       max_retries=settings.MARKETPLACE_HTTP_MAX_RETRIES, backoff=settings.MARKETPLACE_HTTP_BACKOFF)


def channel_adapter(*, channel: Channel) -> MarketplaceAdapter:
    """The channel's adapter; refreshed tokens are stored at once (Shopee refresh tokens are single-use)."""
    cls = adapter_class_for(channel.kind)
    return cls(
        api_base_url=channel.api_base_url, credentials=channel.credentials, options=channel.options,
        on_tokens_refreshed=lambda tokens: channel_tokens_store(channel=channel, tokens=tokens),
        refresh_guard=lambda: channel_refresh_guard(channel=channel),
        session=http_session(),
    )


#: Words in a display name that settle the marketplace: Tokopedia sellers are reached
#: only through the TikTok Shop API since the merger.
NAME_KINDS = {"tokopedia": "tiktok", "tiktok": "tiktok", "shopee": "shopee", "lazada": "lazada"}
MAX_MARKUP = Decimal(10000)  # the column holds 6 digits with 2 decimals


def kind_from_name(name: str) -> str | None:
    lowered = (name or "").casefold()
    kinds = {kind for word, kind in NAME_KINDS.items() if word in lowered}
    return kinds.pop() if len(kinds) == 1 else None


def channel_create(*, kind: str | None, code: str, api_base_url: str, credentials: dict, name: str = "",
                   partner=None, markup_percent: Decimal | int | str = 0, price_rounding: int | str = 100,
                   stock_buffer: int | str = 0, enabled: bool = True, options: dict | None = None,
                   export_ready_only: bool = False) -> Channel:
    """Validate (``channel_validate``) and create a channel. Nothing is written unless everything passes."""
    values = channel_validate(kind=kind, code=code, api_base_url=api_base_url, credentials=credentials, name=name,
                              partner=partner, markup_percent=markup_percent, price_rounding=price_rounding,
                              stock_buffer=stock_buffer, options=options)
    with transaction.atomic():
        channel = Channel(
            code=code, name=name or code, api_base_url=api_base_url, enabled=enabled, options=options or {},
            export_ready_only=bool(export_ready_only), **values,
        )
        channel.set_credentials(credentials)
        channel.full_clean(exclude=["credentials_encrypted"])
        channel.save()
    return channel


def channel_validate(*, kind: str | None, code: str, api_base_url: str = "", credentials: dict | None = None,
                     name: str = "", partner=None, markup_percent: Decimal | int | str = 0,
                     price_rounding: int | str = 100, stock_buffer: int | str = 0,
                     options: dict | None = None) -> dict:
    """Every check of a new channel; returns its typed values or raises one ``ValidationError`` keyed by field.

    The one place a new channel is checked: the ``marketplace_channel add`` command
    and the dashboard's add form pass their input through as typed and only
    translate the errors (each carries a ``code`` and ``params`` for that).
    Values may come as text (``"10"``, ``"1000"``) and ``partner`` as an
    artisan's partner code or slug. With ``credentials`` None (a form still
    being filled in) the credentials are not checked.
    """
    refusals: dict[str, list[ValidationError]] = {}

    def refuse(field, message, error_code, **params):
        refusals.setdefault(field, []).append(ValidationError(message, code=error_code, params=params))

    kind = _checked_kind(kind, name, refuse)
    markup = _checked_markup(markup_percent, refuse)
    rounding = _checked_rounding(price_rounding, refuse)
    buffer = _checked_buffer(stock_buffer, refuse)
    partner = _checked_partner(partner, refuse)
    if Channel.objects.filter(code=code).exists():
        refuse("code", _("A channel with code %(code)s already exists."), "exists", code=code)
    if credentials is not None and kind and "kind" not in refusals:
        _check_credentials(kind, api_base_url, credentials, options, refuse)
    if refusals:
        raise ValidationError(refusals)
    return {"kind": kind, "markup_percent": markup, "price_rounding": rounding, "stock_buffer": buffer,
            "partner": partner}


def _checked_kind(kind, name, refuse) -> str | None:
    named = kind_from_name(name)
    kind = kind or named
    if not kind:
        refuse("kind", _("Choose the marketplace (or a name that names it)."), "required")
    elif named and named != kind:
        refuse("kind", _("The name %(name)s names %(named)s, but the marketplace is %(kind)s: Tokopedia and "
                         "TikTok Shop shops are TikTok Shop channels."), "name_mismatch",
               name=name, named=named, kind=kind)
    elif kind not in registered_kinds():
        refuse("kind", _("Unknown marketplace %(kind)s; known: %(known)s"), "unknown",
               kind=kind, known=", ".join(registered_kinds()))
    return kind


def _checked_markup(value, refuse) -> Decimal:
    try:
        markup = Decimal(str(value))
    except InvalidOperation:
        refuse("markup_percent", _("The markup must be a number of percent."), "invalid", value=value)
        return Decimal(0)
    if not markup.is_finite() or markup < 0 or markup >= MAX_MARKUP:
        refuse("markup_percent", _("The markup must be between 0 and 9999 percent."), "range", value=value)
    return markup


def _checked_rounding(value, refuse) -> int:
    roundings = sorted(dict(Channel.ROUNDING_CHOICES))
    try:
        rounding = int(value)
    except (TypeError, ValueError):
        rounding = None
    if rounding not in roundings:
        refuse("price_rounding", _("Rounding must be one of 1, 100, 500 or 1000 rupiah."), "invalid",
               value=value, choices=", ".join(map(str, roundings)))
    return rounding or 1


def _checked_buffer(value, refuse) -> int:
    try:
        buffer = int(value)
    except (TypeError, ValueError):
        buffer = -1
    if buffer < 0:
        refuse("stock_buffer", _("The stock buffer must be a whole number of units, 0 or more."), "invalid",
               value=value)
    return max(buffer, 0)


def _checked_partner(partner, refuse):
    """An artisan given as a Partner, or as its Oscar partner code or our slug (both shown in the dashboard)."""
    if partner is None or partner == "" or not isinstance(partner, str):
        return partner or None
    found = Partner.objects.filter(Q(code=partner) | Q(slug=partner)).first()
    if found is None:
        refuse("partner", _("No artisan has the code %(code)s."), "unknown", code=partner)
    return found


def _check_credentials(kind, api_base_url, credentials, options, refuse) -> None:
    # Fail now, not at the first sync, if a required credential is missing:
    # the adapter checks their shape when it is built.
    try:
        adapter_class_for(kind)(api_base_url=api_base_url, credentials=credentials, options=options or {})
    except (MarketplaceError, KeyError, TypeError, ValueError) as exc:
        refuse("credentials", _("The marketplace credentials are incomplete: %(error)s"), "refused",
               kind=kind, error=f"{exc.__class__.__name__}: {exc}")


def channel_update(*, channel: Channel, credentials: dict | None = None, **fields) -> Channel:
    """Change settings (markup, rounding, buffer, enabled, options, name, api_base_url, partner)."""
    allowed = {"name", "api_base_url", "partner", "markup_percent", "price_rounding", "stock_buffer", "enabled",
               "options", "export_ready_only"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"channel_update() got unknown fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(channel, name, value)
    if credentials is not None:
        merged = channel.credentials
        merged.update(credentials)
        channel.set_credentials(merged)
    channel.full_clean(exclude=["credentials_encrypted"])
    channel.save()
    return channel


def channel_remove(*, channel: Channel) -> bool:
    """Delete a channel, or only disable it if orders were imported through it.

    Returns True when deleted. The imported-order links are the idempotency
    keys: deleting them would let a re-added channel import the same orders twice.
    """
    with transaction.atomic():
        if channel.imported_orders.exists():
            channel.enabled = False
            channel.save(update_fields=["enabled", "date_updated"])
            return False
        channel.delete()
        return True
