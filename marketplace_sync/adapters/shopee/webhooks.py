"""Shopee push notifications [SH-PUSH]: verify, then map codes explicitly."""
from __future__ import annotations

import json

from marketplace_sync.adapters.base import PayloadError, WebhookEvent, webhook_field, webhook_message, webhook_order_id

from . import signing

#: Push codes that mean "look at this order now" (3 status update, 4 tracking number).
ORDER_CODES = {3: "order_status", 4: "tracking_number", 15: "shipping_document"}


def verify(*, partner_key: str, url: str, body: bytes, headers: dict) -> bool:
    authorization = headers.get("Authorization") or headers.get("authorization") or ""
    return bool(authorization) and signing.push_signature_valid(
        partner_key=partner_key, url=url, body=body, authorization=authorization)


def parse(body: bytes) -> list[WebhookEvent]:
    message = webhook_message(body)
    code = webhook_field(message, "code", kind=int, required=True)
    data = webhook_field(message, "data", kind=dict) or {}
    # Partner-level pushes (codes 1, 2, 12) name no shop.
    account = str(webhook_field(message, "shop_id", kind=(int, str)) or "")
    if code in ORDER_CODES:
        order_sn = webhook_order_id(data, "ordersn", "order_sn")
        if not order_sn:
            raise PayloadError(f"push code {code} without ordersn")
        return [WebhookEvent(kind=WebhookEvent.ORDER, event_type=ORDER_CODES[code], remote_order_id=order_sn,
                             raw=message, account=account)]
    return [WebhookEvent(kind=WebhookEvent.OTHER, event_type=f"code_{code}", raw=message, account=account)]


def parse_lost(message: dict) -> WebhookEvent:
    """One ``push_message_list`` entry of get_lost_push_message [SH-API:push.get_lost_push_message].

    Its ``data`` is the push body as a JSON string; an unreadable one becomes an
    "unreadable" event (kept and reported, never blocking the pages after it).
    """
    raw = message.get("data") if isinstance(message, dict) else None
    account = str((message or {}).get("shop_id") or "") if isinstance(message, dict) else ""
    try:
        if isinstance(raw, str):
            raw = raw.encode()
        elif isinstance(raw, dict):
            raw = json.dumps(raw, separators=(",", ":")).encode()
        else:
            raise PayloadError("lost push without data")
        events = parse(raw)
    except PayloadError as exc:
        return WebhookEvent(kind=WebhookEvent.OTHER, event_type="unreadable", raw={"message": message,
                                                                                    "error": str(exc)},
                            account=account)
    event = events[0]
    event.account = event.account or account
    return event
