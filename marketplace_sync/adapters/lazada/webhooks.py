"""Lazada push messages (LPM) [LZ-PUSH]: verify, then map message types explicitly."""
from __future__ import annotations

from marketplace_sync.adapters.base import PayloadError, WebhookEvent, webhook_field, webhook_message, webhook_order_id

from . import signing

#: message_type values that mean "look at this trade order now":
#: 0 trade order status, 10 reverse order (cancellation, return).
ORDER_MESSAGE_TYPES = {0: "trade_order", 10: "reverse_order"}


def verify(*, app_key: str, app_secret: str, body: bytes, headers: dict) -> bool:
    authorization = headers.get("Authorization") or headers.get("authorization") or ""
    return bool(authorization) and signing.push_signature_valid(
        app_key=app_key, app_secret=app_secret, body=body, authorization=authorization)


def parse(body: bytes) -> list[WebhookEvent]:
    message = webhook_message(body)
    raw_type = webhook_field(message, "message_type", kind=(int, str), required=True)
    try:
        message_type = int(raw_type)
    except ValueError:
        raise PayloadError(f"push without a numeric message_type: {raw_type[:40]!r}") from None
    data = webhook_field(message, "data", kind=dict) or {}
    if message_type in ORDER_MESSAGE_TYPES:
        order_id = webhook_order_id(data, "trade_order_id")
        if not order_id:
            raise PayloadError(f"push message_type {message_type} without trade_order_id")
        status = data.get("order_status") or data.get("reverse_status") or ""
        if not isinstance(status, str):
            raise PayloadError(f"push status is {type(status).__name__}, not str")
        return [WebhookEvent(kind=WebhookEvent.ORDER, event_type=f"{ORDER_MESSAGE_TYPES[message_type]}:{status}",
                             remote_order_id=order_id, raw=message)]
    return [WebhookEvent(kind=WebhookEvent.OTHER, event_type=f"message_type_{message_type}", raw=message)]
