"""TikTok Shop webhooks [TT-WH]: verify the Authorization header, then map types explicitly."""
from __future__ import annotations

import json

from marketplace_sync.adapters.base import PayloadError, WebhookEvent

from . import signing

#: Webhook types that mean "look at this order now" (their ``data`` carries ``order_id``).
ORDER_TYPES = {1: "ORDER_STATUS_CHANGE", 3: "RECIPIENT_ADDRESS_UPDATE", 4: "PACKAGE_UPDATE",
               11: "CANCELLATION_STATUS_CHANGE", 35: "TOKOPEDIA_MIRROR_STATUS_CHANGE"}


def verify(*, app_key: str, app_secret: str, body: bytes, headers: dict) -> bool:
    authorization = headers.get("Authorization") or headers.get("authorization") or ""
    return bool(authorization) and signing.webhook_signature_valid(
        app_key=app_key, app_secret=app_secret, body=body, authorization=authorization)


def parse(body: bytes) -> list[WebhookEvent]:
    try:
        message = json.loads(body)
    except ValueError as exc:
        raise PayloadError(f"webhook body is not JSON: {exc}") from None
    if not isinstance(message, dict):
        raise PayloadError("webhook body is not an object")
    kind = message.get("type")
    data = message.get("data") or {}
    if kind in ORDER_TYPES and isinstance(data, dict) and data.get("order_id"):
        return [WebhookEvent(kind=WebhookEvent.ORDER, event_type=ORDER_TYPES[kind],
                             remote_order_id=str(data["order_id"]), raw=message)]
    if kind in ORDER_TYPES:
        raise PayloadError(f"webhook type {kind} without data.order_id")
    return [WebhookEvent(kind=WebhookEvent.OTHER, event_type=f"type_{kind}", raw=message)]
