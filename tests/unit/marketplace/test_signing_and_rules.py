"""Signing against the documented worked examples, the price rule, windows, retries' parsing."""
import datetime as dt
from decimal import Decimal

import pytest

from marketplace_sync.adapters.base import PayloadError, _parse_retry_after, split_window
from marketplace_sync.adapters.shopee import signing, webhooks
from marketplace_sync.adapters.shopee.mapping import parse_order
from marketplace_sync.models import Channel
from marketplace_sync.services.listings import channel_price

# shopee.md 2.3 and 2.7 (own key "my_partner_key", recomputed from the official base string).
DOC_PUSH_BODY = (b'{"data":{"items":[],"ordersn":"220810QSK8S7BX","status":"PROCESSED","completed_scenario":"",'
                 b'"update_time":1660123127},"shop_id":727720655,"code":3,"timestamp":1660123127}')


def test_shop_api_base_string_is_the_official_example():
    assert signing.base_string(partner_id=2001887, api_path="/api/v2/shop/get_shop_info", timestamp=1655714431,
                               access_token="59777174636562737266615546704c6d", shop_id=14701711) == \
        "2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711"


def test_shop_api_sign_matches_the_worked_example():
    assert signing.request_sign(
        partner_id=2001887, partner_key="my_partner_key", api_path="/api/v2/shop/get_shop_info",
        timestamp=1655714431, access_token="59777174636562737266615546704c6d", shop_id=14701711,
    ) == "77db5a2f0f4449b525a5aac6db1e199edd211e40ad2d45a44ea2b1734c47b296"


def test_public_api_sign_matches_the_worked_example():
    assert signing.request_sign(partner_id=2001887, partner_key="my_partner_key",
                                api_path="/api/v2/auth/token/get", timestamp=1655714431) == \
        "c9671c4fa129745abc2c0e2bdcb11da9faa770b7a63cb48646c0e3f495c4d344"


def test_push_signature_matches_the_worked_example_and_rejects_tampering():
    expected = "909b6a5d98a6fa46e3095b1430d3f5f44ce5d262728800be9f80cd1985b65885"
    url = "https://example.com/webhooks/shopee"
    assert signing.push_signature(partner_key="my_partner_key", url=url, body=DOC_PUSH_BODY) == expected
    assert webhooks.verify(partner_key="my_partner_key", url=url, body=DOC_PUSH_BODY,
                           headers={"Authorization": expected})
    assert not webhooks.verify(partner_key="my_partner_key", url=url, body=DOC_PUSH_BODY.replace(b"3", b"4"),
                               headers={"Authorization": expected})
    assert not webhooks.verify(partner_key="my_partner_key", url=url + "x", body=DOC_PUSH_BODY,
                               headers={"Authorization": expected})
    assert not webhooks.verify(partner_key="my_partner_key", url=url, body=DOC_PUSH_BODY, headers={})


def test_push_body_maps_to_an_order_event():
    [event] = webhooks.parse(DOC_PUSH_BODY)
    assert (event.kind, event.remote_order_id) == ("order", "220810QSK8S7BX")


@pytest.mark.parametrize("price, markup, step, expected", [
    ("1250000", "0", 100, 1250000),
    ("1234501", "0", 1000, 1235000),     # up, never down
    ("1234500", "10", 1000, 1358000),    # 1.357.950 -> 1.358.000
    ("99999", "15", 500, 115000),        # 114.998,85 -> 115.000
    ("100000", "12.5", 100, 112500),     # already a multiple: unchanged
    ("75000", "0", 1, 75000),
])
def test_price_rule_rounds_up_to_the_step(price, markup, step, expected):
    channel = Channel(markup_percent=Decimal(markup), price_rounding=step)
    assert channel_price(channel=channel, base_price=Decimal(price)) == Decimal(expected)


def test_window_split_never_exceeds_the_limit_and_covers_everything():
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    end = start + dt.timedelta(days=40, hours=3)
    windows = split_window(start, end, dt.timedelta(days=15))
    assert len(windows) == 3
    assert windows[0][0] == start and windows[-1][1] == end
    assert all(b - a <= dt.timedelta(days=15) for a, b in windows)
    assert all(windows[i][1] == windows[i + 1][0] for i in range(len(windows) - 1))
    assert split_window(start, start, dt.timedelta(days=15)) == []


def test_retry_after_seconds_and_http_date():
    assert _parse_retry_after("3") == 3.0
    assert _parse_retry_after(None) is None
    assert _parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: at once
    assert _parse_retry_after("soon") is None


def _order(**overrides):
    raw = {"order_sn": "2601010ABCDEF", "order_status": "READY_TO_SHIP", "create_time": 1767225600,
           "update_time": 1767225600, "currency": "IDR", "total_amount": 250000,
           "item_list": [{"item_id": 1, "item_name": "Batik", "item_sku": "GK-1", "model_id": 0,
                          "model_quantity_purchased": 2, "model_original_price": 125000,
                          "model_discounted_price": 125000, "order_item_id": 9}],
           "recipient_address": {"name": "Sari W", "phone": "6281234567890", "city": "Kota Malang",
                                 "full_address": "Jl. Ijen 25", "region": "ID", "zipcode": "65111"}}
    raw.update(overrides)
    return raw


def test_order_mapping_reads_the_documented_fields():
    order = parse_order(_order())
    assert (order.remote_id, order.state, order.total) == ("2601010ABCDEF", "to_ship", Decimal(250000))
    assert order.lines[0].sku == "GK-1" and order.lines[0].quantity == 2
    assert order.shipping_address.city == "Kota Malang"


@pytest.mark.parametrize("overrides", [
    {"item_list": []}, {"item_list": "x"}, {"order_status": "WHATEVER"}, {"create_time": "yesterday"},
    {"total_amount": "lots"}, {"order_sn": ""},
])
def test_bad_order_payloads_raise_payload_error(overrides):
    with pytest.raises(PayloadError):
        parse_order(_order(**overrides))
