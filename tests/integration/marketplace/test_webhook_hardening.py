"""Marketplace pushes: forged ones store nothing, oversized ones are refused unread,
signed but malformed ones are answered (200, kept as "malformed") without a traceback."""
import hashlib
import hmac
import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from marketplace_sync.models import Channel, InboundEvent
from marketplace_sync.simulators.lazada import push_authorization as lazada_authorization
from marketplace_sync.simulators.shopee import push_authorization as shopee_authorization
from marketplace_sync.simulators.tiktok import webhook_authorization as tiktok_authorization

pytestmark = pytest.mark.django_db

SHOPEE_KEY, TIKTOK_KEY, TIKTOK_SECRET, LAZADA_KEY, LAZADA_SECRET = "pk-test", "ak1", "tt-secret", "1001", "lz-secret"


def _sign(kind, url, body):
    if kind == "shopee":
        # The simulator's helper signs text; a garbage body is bytes (same HMAC as [SH-PUSH]).
        return hmac.new(SHOPEE_KEY.encode(), url.encode() + b"|" + body, hashlib.sha256).hexdigest()
    if kind == "tiktok":
        return tiktok_authorization(TIKTOK_KEY, TIKTOK_SECRET, body)
    return lazada_authorization(LAZADA_KEY, LAZADA_SECRET, body)


@pytest.fixture(params=["shopee", "tiktok", "lazada"])
def channel(request):
    credentials = {
        "shopee": {"partner_id": 1, "partner_key": SHOPEE_KEY, "shop_id": 2, "access_token": "a", "refresh_token": "r"},
        "tiktok": {"app_key": TIKTOK_KEY, "app_secret": TIKTOK_SECRET, "access_token": "a", "refresh_token": "r",
                   "shop_cipher": "c"},
        "lazada": {"app_key": LAZADA_KEY, "app_secret": LAZADA_SECRET, "access_token": "a", "refresh_token": "r"},
    }[request.param]
    channel = Channel(kind=request.param, code=f"{request.param}-hard", name=request.param,
                      api_base_url="http://127.0.0.1:9/")
    channel.set_credentials(credentials)
    channel.save()
    return channel


def _url(channel):
    return "http://testserver" + reverse("marketplace_sync:webhook", args=[channel.code])


def _post(channel, body: bytes, authorization: str | None = None, **extra):
    if authorization is not None:
        extra["HTTP_AUTHORIZATION"] = authorization
    return Client().post(_url(channel), data=body, content_type="application/json", **extra)


def _order_push(kind):
    return {
        "shopee": {"code": 3, "shop_id": 2, "timestamp": 1, "data": {"ordersn": "2601ABC", "status": "READY_TO_SHIP"}},
        "tiktok": {"type": 1, "tts_notification_id": "7327", "shop_id": "7", "timestamp": 1,
                   "data": {"order_id": "5771", "order_status": "AWAITING_SHIPMENT"}},
        "lazada": {"seller_id": "1001", "message_type": 0, "timestamp": 1,
                   "data": {"trade_order_id": "9001", "order_status": "pending"}},
    }[kind]


@pytest.mark.parametrize("authorization", [None, "", "0" * 64, "bukan tanda tangan ✓"])
def test_a_forged_push_stores_nothing_and_is_counted(channel, authorization, caplog):
    body = json.dumps(_order_push(channel.kind)).encode() + b" " * 200_000  # big, still under the limit
    with caplog.at_level(logging.WARNING):
        response = _post(channel, body, authorization)

    assert response.status_code == 401 and response.content == b""
    assert InboundEvent.objects.count() == 0
    channel.refresh_from_db()
    assert channel.webhooks_refused == 1 and channel.date_webhook_refused is not None
    refusals = [r for r in caplog.records if "webhook refused" in r.getMessage()]
    assert len(refusals) == 1 and "\n" not in refusals[0].getMessage() and not refusals[0].exc_info
    assert "reason=signature" in refusals[0].getMessage()


def test_a_body_signed_with_another_key_is_refused(channel):
    body = json.dumps(_order_push(channel.kind)).encode()
    for other in (lazada_authorization("x", "someone-else", body), shopee_authorization("other", _url(channel), body),
                  _sign(channel.kind, _url(channel), body + b" ")):
        assert _post(channel, body, other).status_code == 401
    assert InboundEvent.objects.count() == 0


def test_an_oversized_body_is_refused_from_its_length_before_reading(channel, monkeypatch):
    from marketplace_sync.adapters import adapter_class_for

    limit = adapter_class_for(channel.kind).webhook_max_bytes
    assert limit == 256 * 1024
    parsed = []
    monkeypatch.setattr(adapter_class_for(channel.kind), "parse_webhook",
                        lambda self, body: parsed.append(body) or [])
    body = json.dumps(_order_push(channel.kind)).encode() + b" " * limit
    response = _post(channel, body, _sign(channel.kind, _url(channel), body))

    assert response.status_code == 413
    assert parsed == [] and InboundEvent.objects.count() == 0
    channel.refresh_from_db()
    assert channel.webhooks_refused == 1


def test_a_body_longer_than_its_declared_length_is_read_only_up_to_the_limit(channel):
    """A sender lying about Content-Length (small header, huge body) gets at most limit + 1 bytes read."""
    from marketplace_sync.adapters import adapter_class_for

    limit = adapter_class_for(channel.kind).webhook_max_bytes
    body = b"{" + b" " * (limit + 10)
    client = Client()
    # The test client sets CONTENT_LENGTH from the data; override it after the fact with a lie.
    signature = _sign(channel.kind, _url(channel), body)
    response = client.generic("POST", _url(channel), data=body, content_type="application/json",
                              CONTENT_LENGTH=str(limit + 5), HTTP_AUTHORIZATION=signature)
    assert response.status_code == 413
    assert InboundEvent.objects.count() == 0


MALFORMED = {
    "shopee": [
        {"code": 3, "shop_id": 2, "data": "ordersn=2601ABC"},
        {"code": [3], "shop_id": 2, "data": {"ordersn": "2601ABC"}},
        {"code": {"x": 1}, "data": {}},
        {"code": "3", "data": {"ordersn": "2601ABC"}},
        {"code": 3, "data": {"ordersn": ["2601ABC"]}},
        {"code": 3, "data": {"ordersn": "A" * 200}},
        {"code": 3, "shop_id": [2], "data": {"ordersn": "2601ABC"}},
        ["not", "an", "object"],
        "just a string",
    ],
    "tiktok": [
        {"type": 1, "tts_notification_id": "n-1", "data": "order_id=5771"},
        {"type": [1], "tts_notification_id": "n-2", "data": {"order_id": "5771"}},
        {"type": 1, "tts_notification_id": "n-3", "data": {"order_id": {"id": 5771}}},
        {"type": True, "data": {}},
        {"data": {"order_id": "5771"}},
    ],
    "lazada": [
        {"message_type": 0, "data": "trade_order_id=9001"},
        {"message_type": [0], "data": {"trade_order_id": "9001"}},
        {"message_type": "zero", "data": {}},
        {"message_type": 0, "data": {"trade_order_id": "9001", "order_status": ["pending"]}},
        {"message_type": 10, "data": {"trade_order_id": 1.5}},
    ],
}


def test_signed_malformed_bodies_are_answered_kept_and_logged_without_traceback(channel, caplog):
    cases = [json.dumps(m).encode() for m in MALFORMED[channel.kind]] + [b"{not json", b"\xff\xfe\x00garbage"]
    for body in cases:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            response = _post(channel, body, _sign(channel.kind, _url(channel), body))
        assert response.status_code == 200, body
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], body
        lines = [r.getMessage() for r in caplog.records if "webhook malformed" in r.getMessage()]
        assert len(lines) == 1, body
        event = InboundEvent.objects.latest("pk")
        assert f"event={event.pk}" in lines[0]
        assert (event.event_type, event.signature_valid, event.processed) == ("malformed", True, True)
        assert event.error
    assert InboundEvent.objects.count() == len(cases)
    channel.refresh_from_db()
    assert channel.webhooks_refused == 0


def test_tiktok_malformed_log_names_the_notification_id(caplog):
    channel = Channel(kind="tiktok", code="tt-id", name="t", api_base_url="http://127.0.0.1:9/")
    channel.set_credentials({"app_key": TIKTOK_KEY, "app_secret": TIKTOK_SECRET})
    channel.save()
    body = json.dumps({"type": 1, "tts_notification_id": "7327001", "data": "x"}).encode()
    with caplog.at_level(logging.WARNING):
        assert _post(channel, body, _sign("tiktok", "", body)).status_code == 200
    assert any("sender_id=7327001" in r.getMessage() for r in caplog.records)


def test_a_valid_push_is_still_stored(channel, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    body = json.dumps(_order_push(channel.kind)).encode()

    response = _post(channel, body, _sign(channel.kind, _url(channel), body))
    assert response.status_code == 200
    event = InboundEvent.objects.get()
    assert event.signature_valid and event.remote_order_id and event.event_type != "malformed"


def test_the_channel_page_shows_the_refusal_counter(channel, django_user_model):
    _post(channel, b"{}", "0" * 64)
    _post(channel, b"{}", None)
    admin = django_user_model.objects.create_superuser("admin", "admin@kriya.example", "x")
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("marketplace_dashboard:channel-detail", args=[channel.pk])).content.decode()
    assert "2 webhook ditolak" in page
