"""TikTok Shop webhooks [TT-WH]: verify the Authorization header, then map types explicitly."""
from __future__ import annotations

from marketplace_sync.adapters.base import PayloadError, WebhookEvent, webhook_field, webhook_message, webhook_order_id

from . import signing

#: Webhook types that mean "look at this order now" (their ``data`` carries ``order_id``).
ORDER_TYPES = {1: "ORDER_STATUS_CHANGE", 3: "RECIPIENT_ADDRESS_UPDATE", 4: "PACKAGE_UPDATE",
               11: "CANCELLATION_STATUS_CHANGE", 35: "TOKOPEDIA_MIRROR_STATUS_CHANGE"}


def verify(*, app_key: str, app_secret: str, body: bytes, headers: dict) -> bool:
    authorization = headers.get("Authorization") or headers.get("authorization") or ""
    return bool(authorization) and signing.webhook_signature_valid(
        app_key=app_key, app_secret=app_secret, body=body, authorization=authorization)


def parse(body: bytes) -> list[WebhookEvent]:
    message = webhook_message(body)
    kind = webhook_field(message, "type", kind=int, required=True)
    data = webhook_field(message, "data", kind=dict) or {}
    if kind in ORDER_TYPES:
        order_id = webhook_order_id(data, "order_id")
        if not order_id:
            raise PayloadError(f"webhook type {kind} without data.order_id")
        return [WebhookEvent(kind=WebhookEvent.ORDER, event_type=ORDER_TYPES[kind], remote_order_id=order_id,
                             raw=message)]
    return [WebhookEvent(kind=WebhookEvent.OTHER, event_type=f"type_{kind}", raw=message)]
