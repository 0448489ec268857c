"""Creating, changing and removing channels, and building their adapters."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace_sync.adapters import adapter_class_for, registered_kinds
from marketplace_sync.adapters.base import HttpSession, MarketplaceAdapter
from marketplace_sync.models import Channel


def http_session() -> HttpSession:
    return HttpSession(timeout=tuple(settings.MARKETPLACE_HTTP_TIMEOUT), max_retries=settings.MARKETPLACE_HTTP_MAX_RETRIES,
                       backoff=settings.MARKETPLACE_HTTP_BACKOFF)


def channel_adapter(*, channel: Channel) -> MarketplaceAdapter:
    """The channel's adapter; refreshed tokens are stored at once (Shopee refresh tokens are single-use)."""
    from marketplace_sync.services.tokens import channel_refresh_guard, channel_tokens_store

    cls = adapter_class_for(channel.kind)
    return cls(
        api_base_url=channel.api_base_url, credentials=channel.credentials, options=channel.options,
        on_tokens_refreshed=lambda tokens: channel_tokens_store(channel=channel, tokens=tokens),
        refresh_guard=lambda: channel_refresh_guard(channel=channel),
        session=http_session(),
    )


def channel_create(*, kind: str, code: str, api_base_url: str, credentials: dict, name: str = "",
                   partner=None, markup_percent: Decimal | int | str = 0, price_rounding: int = 100,
                   stock_buffer: int = 0, enabled: bool = True, options: dict | None = None,
                   export_ready_only: bool = False) -> Channel:
    if kind not in registered_kinds():
        raise ValidationError(_("Unknown marketplace %(kind)s; known: %(known)s")
                              % {"kind": kind, "known": ", ".join(registered_kinds())})
    if Channel.objects.filter(code=code).exists():
        raise ValidationError(_("A channel with code %(code)s already exists.") % {"code": code})
    if int(price_rounding) not in dict(Channel.ROUNDING_CHOICES):
        raise ValidationError(_("Rounding must be one of 1, 100, 500 or 1000 rupiah."))
    # Fail now, not at the first sync, if a required credential is missing.
    adapter_class_for(kind)(api_base_url=api_base_url, credentials=credentials, options=options or {})
    channel = Channel(
        kind=kind, code=code, name=name or code, api_base_url=api_base_url, partner=partner,
        markup_percent=Decimal(str(markup_percent)), price_rounding=int(price_rounding),
        stock_buffer=int(stock_buffer), enabled=enabled, options=options or {},
        export_ready_only=bool(export_ready_only),
    )
    channel.set_credentials(credentials)
    channel.full_clean(exclude=["credentials_encrypted"])
    channel.save()
    return channel


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
