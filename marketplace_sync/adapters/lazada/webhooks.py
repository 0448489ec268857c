"""Lazada push messages (LPM) [LZ-PUSH]: verify, then map message types explicitly."""
from __future__ import annotations

import json

from marketplace_sync.adapters.base import PayloadError, WebhookEvent

from . import signing

#: message_type values that mean "look at this trade order now":
#: 0 trade order status, 10 reverse order (cancellation, return).
ORDER_MESSAGE_TYPES = {0: "trade_order", 10: "reverse_order"}


def verify(*, app_key: str, app_secret: str, body: bytes, headers: dict) -> bool:
    authorization = headers.get("Authorization") or headers.get("authorization") or ""
    return bool(authorization) and signing.push_signature_valid(
        app_key=app_key, app_secret=app_secret, body=body, authorization=authorization)


def parse(body: bytes) -> list[WebhookEvent]:
    try:
        message = json.loads(body)
    except ValueError as exc:
        raise PayloadError(f"push body is not JSON: {exc}") from None
    if not isinstance(message, dict):
        raise PayloadError("push body is not an object")
    try:
        message_type = int(message.get("message_type"))
    except (TypeError, ValueError):
        raise PayloadError(f"push without a numeric message_type: {message.get('message_type')!r}") from None
    data = message.get("data") or {}
    if message_type in ORDER_MESSAGE_TYPES:
        order_id = str(data.get("trade_order_id") or "") if isinstance(data, dict) else ""
        if not order_id:
            raise PayloadError(f"push message_type {message_type} without trade_order_id")
        status = data.get("order_status") or data.get("reverse_status") or ""
        return [WebhookEvent(kind=WebhookEvent.ORDER, event_type=f"{ORDER_MESSAGE_TYPES[message_type]}:{status}",
                             remote_order_id=order_id, raw=message)]
    return [WebhookEvent(kind=WebhookEvent.OTHER, event_type=f"message_type_{message_type}", raw=message)]
