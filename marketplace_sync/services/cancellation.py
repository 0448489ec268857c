"""Cancellation sent back to the marketplace when a storefront admin cancels an imported order.

The other direction (the marketplace cancelled) needs nothing here: the order
import walks the order to Dibatalkan and the EventHandler releases its stock.
"""
from __future__ import annotations

from marketplace_sync.adapters.base import MarketplaceError
from marketplace_sync.services.channels import channel_adapter


class RemoteCancelRefused(Exception):
    """The marketplace would not cancel (already shipped, refused): the order stays as it was."""


def order_cancel_remote(*, order, reason: str = "") -> None:
    """Cancel the order on its marketplace first; raises RemoteCancelRefused if it cannot be."""
    if not order.channel_id or not order.remote_order_number:
        return
    try:
        adapter = channel_adapter(channel=order.channel)
        adapter.cancel_order(remote_id=order.remote_order_number, reason=reason)
    except NotImplementedError:
        return  # a marketplace without seller cancellation in its adapter yet: cancel here only
    except MarketplaceError as exc:
        raise RemoteCancelRefused(f"{order.channel.name}: {exc}") from exc
