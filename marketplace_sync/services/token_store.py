"""Where a channel's tokens are kept: stored under a row lock, refreshed by one worker at a time.

A lower layer than ``channels`` (which hands these to every adapter it builds)
and ``tokens`` (the OAuth steps that produce new pairs); it asks neither.
"""
from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction

from marketplace_sync.adapters.base import TokenSet
from marketplace_sync.models import Channel


def channel_tokens_store(*, channel: Channel, tokens: TokenSet) -> None:
    """Persist a new token pair at once, under a row lock (the old refresh token is now spent)."""
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        credentials = locked.credentials
        credentials.update(access_token=tokens.access_token, refresh_token=tokens.refresh_token, **tokens.extra)
        locked.set_credentials(credentials)
        locked.access_token_expires_at = tokens.access_expires_at
        locked.refresh_token_expires_at = tokens.refresh_expires_at
        locked.save(update_fields=["credentials_encrypted", "access_token_expires_at", "refresh_token_expires_at",
                                   "date_updated"])
    channel.credentials_encrypted = locked.credentials_encrypted
    channel.access_token_expires_at = locked.access_token_expires_at
    channel.refresh_token_expires_at = locked.refresh_token_expires_at


@contextmanager
def channel_refresh_guard(*, channel: Channel):
    """Hold the channel row while one worker refreshes; yield the credentials stored now.

    A worker that waited here and finds a different refresh token stored adopts
    it instead of spending its own (already spent) one.
    """
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        yield locked.credentials
