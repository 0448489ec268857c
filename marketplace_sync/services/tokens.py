"""OAuth: connecting a shop and refreshing its tokens before they expire (kept by ``token_store``)."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from marketplace_sync.models import Channel, SyncRun
from marketplace_sync.services.channels import channel_adapter
from marketplace_sync.services.runs import SyncResult, sync_run
from marketplace_sync.services.token_store import channel_tokens_store


def channel_authorization_url(*, channel: Channel, redirect_url: str) -> str:
    """The marketplace page where the seller authorises our app (Shopee: auth_partner)."""
    return channel_adapter(channel=channel).authorization_url(redirect_url=redirect_url)


def channel_connect(*, channel: Channel, code: str, shop_id: int | str | None = None) -> Channel:
    """Exchange the OAuth callback's ``code`` (and ``shop_id``) for tokens and store them."""
    tokens = channel_adapter(channel=channel).exchange_code(code=code, shop_id=shop_id)
    if shop_id is not None:
        tokens.extra.setdefault("shop_id", int(shop_id))
    channel_tokens_store(channel=channel, tokens=tokens)
    return channel


def channel_tokens_refresh(*, channel: Channel) -> SyncResult:
    with sync_run(channel=channel, kind=SyncRun.TOKENS) as result:
        channel_adapter(channel=channel).refresh_tokens()
        result.updated += 1
    return result


def channels_tokens_refresh_due(*, margin: dt.timedelta | None = None) -> list[SyncResult]:
    """Refresh every enabled channel whose access token expires within ``margin`` (or is unknown)."""
    margin = margin or dt.timedelta(seconds=settings.MARKETPLACE_TOKEN_REFRESH_MARGIN)
    due = Channel.objects.filter(enabled=True).filter(
        Q(access_token_expires_at__isnull=True) | Q(access_token_expires_at__lte=timezone.now() + margin))
    results = []
    for channel in due:
        if not channel.credentials.get("refresh_token"):
            continue  # not connected yet
        results.append(channel_tokens_refresh(channel=channel))
    return results
