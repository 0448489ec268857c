"""Contract tests of the Shopee v2 simulator over real HTTP (plain requests, no adapter code).

They pin the simulator to shopee.md: it must reject what Shopee rejects, so adapter
tests against it mean something.
"""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from marketplace_sync.simulators.shopee import ShopeeSimulator, push_authorization, sign

PARTNER_ID = 2001887
PARTNER_KEY = "test-partner-key"
SHOP_ID = 14701711
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

pytestmark = pytest.mark.xdist_group("shopee_simulator")


class Clock:
    def __init__(self, start=1_760_000_000):
        self.t = float(start)

    def __call__(self):
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def sim(clock):
    simulator = ShopeeSimulator(partner_id=PARTNER_ID, partner_key=PARTNER_KEY, now=clock)
    simulator.start(host="127.0.0.1", port=0)
    yield simulator
    simulator.stop()


@pytest.fixture
def shop(sim):
    return sim.add_shop(shop_id=SHOP_ID)


def _hmac(base):
    return hmac.new(PARTNER_KEY.encode(), base.encode(), hashlib.sha256).hexdigest()


def call(sim, method, path, shop=None, *, params=None, json_body=None, files=None, ts=None, sig=None, token=None):
    ts = int(sim.now()) if ts is None else ts
    query = {"partner_id": PARTNER_ID, "timestamp": ts}
    if shop is not None:
        access_token = token or shop["access_token"]
        query.update(access_token=access_token, shop_id=shop["shop_id"])
        base = f"{PARTNER_ID}{path}{ts}{access_token}{shop['shop_id']}"
    else:
        base = f"{PARTNER_ID}{path}{ts}"
    query["sign"] = sig or _hmac(base)
    query.update(params or {})
    resp = requests.request(method, sim.base_url + path, params=query, json=json_body, files=files, timeout=5)
    return resp


def item_body(**overrides):
    body = {
        "original_price": 150000,
        "description": "Batik tulis Madura, pewarna alam, dikerjakan tangan selama tiga minggu.",
        "weight": 0.4,
        "item_name": "Batik Tulis Madura Gentongan",
        "category_id": 100017,
        "image": {"image_id_list": []},
        "logistic_info": [{"logistic_id": 80003, "enabled": True}],
        "brand": {"brand_id": 0, "original_brand_name": "NoBrand"},
        "attribute_list": [
            {"attribute_id": 100134, "attribute_value_list": [{"value_id": 0, "original_value_name": "Katun"}]}
        ],
        "seller_stock": [{"stock": 3}],
    }
    body.update(overrides)
    return body


def upload(sim, shop):
    resp = call(sim, "POST", "/api/v2/media_space/upload_image", shop, files={"image": ("a.png", PNG, "image/png")})
    return resp.json()["response"]["image_info"]["image_id"]


# ---------------------------------------------------------------- signing
def test_documented_signature_examples():
    base = "2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711"
    assert sign("my_partner_key", base) == "77db5a2f0f4449b525a5aac6db1e199edd211e40ad2d45a44ea2b1734c47b296"
    assert sign("my_partner_key", "2001887/api/v2/auth/token/get1655714431") == (
        "c9671c4fa129745abc2c0e2bdcb11da9faa770b7a63cb48646c0e3f495c4d344"
    )
    body = ('{"data":{"items":[],"ordersn":"220810QSK8S7BX","status":"PROCESSED","completed_scenario":"",'
            '"update_time":1660123127},"shop_id":727720655,"code":3,"timestamp":1660123127}')
    assert push_authorization("my_partner_key", "https://example.com/webhooks/shopee", body) == (
        "909b6a5d98a6fa46e3095b1430d3f5f44ce5d262728800be9f80cd1985b65885"
    )


def test_server_accepts_the_documented_worked_example_request():
    # Clock frozen at the doc's timestamp, doc's key/token/shop: the doc's sign must pass.
    simulator = ShopeeSimulator(partner_id=2001887, partner_key="my_partner_key", now=lambda: 1655714431)
    simulator.start(port=0)
    try:
        simulator.add_shop(14701711, access_token="59777174636562737266615546704c6d")
        resp = requests.get(simulator.base_url + "/api/v2/shop/get_shop_info", params={
            "partner_id": 2001887, "timestamp": 1655714431, "access_token": "59777174636562737266615546704c6d",
            "shop_id": 14701711, "sign": "77db5a2f0f4449b525a5aac6db1e199edd211e40ad2d45a44ea2b1734c47b296",
        }, timeout=5)
        assert resp.json()["error"] == ""
    finally:
        simulator.stop()


def test_bad_signature_is_rejected(sim, shop):
    resp = call(
        sim,
        "GET",
        "/api/v2/product/get_item_list",
        shop,
        params={"offset": 0, "page_size": 10, "item_status": "NORMAL"},
        sig="0" * 64,
    )
    data = resp.json()
    assert data["error"] == "error_sign" and data["message"] == "Wrong sign."
    assert data["request_id"]
    assert sim.calls[-1] == ("GET", "/api/v2/product/get_item_list", False)


def test_shop_api_signed_as_public_is_rejected(sim, shop):
    ts = int(sim.now())
    resp = call(
        sim, "GET", "/api/v2/shop/get_shop_info", shop, sig=_hmac(f"{PARTNER_ID}/api/v2/shop/get_shop_info{ts}"), ts=ts
    )
    assert resp.json()["error"] == "error_sign"


def test_stale_timestamp_is_rejected_even_with_valid_sign(sim, shop, clock):
    resp = call(sim, "GET", "/api/v2/shop/get_shop_info", shop, ts=int(clock.t) - 301)
    assert resp.json()["error"] == "error_param"
    assert resp.json()["message"] == "Invalid timestamp"
    assert call(sim, "GET", "/api/v2/shop/get_shop_info", shop, ts=int(clock.t) - 299).json()["error"] == ""


def test_wrong_partner_id_and_missing_token(sim, shop):
    resp = requests.get(
        sim.base_url + "/api/v2/shop/get_shop_info",
        params={"partner_id": 1, "timestamp": sim.now(), "sign": "x"},
        timeout=5,
    )
    assert resp.json()["error"] == "error_param" and resp.json()["message"] == "Invalid partner_id."
    ts = sim.now()
    resp = requests.get(
        sim.base_url + "/api/v2/shop/get_shop_info",
        params={
            "partner_id": PARTNER_ID,
            "timestamp": ts,
            "shop_id": SHOP_ID,
            "sign": _hmac(f"{PARTNER_ID}/api/v2/shop/get_shop_info{ts}"),
        },
        timeout=5,
    )
    assert resp.json()["message"] == "There is no access_token in query."


def test_error_http_status_is_configurable(sim, shop):
    assert call(sim, "GET", "/api/v2/shop/get_shop_info", shop, sig="bad").status_code == 200
    sim.error_http_status = 403
    assert call(sim, "GET", "/api/v2/shop/get_shop_info", shop, sig="bad").status_code == 403


# ---------------------------------------------------------------- tokens
def test_expired_and_foreign_access_tokens(sim, shop, clock):
    other = sim.add_shop(shop_id=555)
    resp = call(sim, "GET", "/api/v2/shop/get_shop_info", shop, token=other["access_token"])
    assert resp.json()["error"] == "error_auth" and resp.json()["message"] == "Invalid access_token."
    sim.expire_access_token(SHOP_ID)
    assert call(sim, "GET", "/api/v2/shop/get_shop_info", shop).json()["error"] == "invalid_acceess_token"
    # Natural expiry after 4 h too.
    clock.t += 4 * 3600
    assert call(sim, "GET", "/api/v2/shop/get_shop_info", other).json()["error"] == "invalid_acceess_token"


def test_oauth_code_flow_and_single_use_refresh_token(sim):
    # The authorization link redirects (auto-approved) with a code and shop_id.
    ts = sim.now()
    resp = requests.get(sim.base_url + "/api/v2/shop/auth_partner", params={
        "partner_id": PARTNER_ID, "timestamp": ts, "sign": _hmac(f"{PARTNER_ID}/api/v2/shop/auth_partner{ts}"),
        "redirect": "http://127.0.0.1:9/cb?channel=7"}, allow_redirects=False, timeout=5)
    assert resp.status_code == 302
    location = requests.utils.urlparse(resp.headers["Location"])
    got = dict(p.split("=") for p in location.query.split("&"))
    assert got["channel"] == "7" and got["shop_id"] == str(SHOP_ID)

    body = {"code": got["code"], "shop_id": SHOP_ID, "partner_id": PARTNER_ID}
    data = call(sim, "POST", "/api/v2/auth/token/get", json_body=body).json()
    assert data["error"] == "" and data["expire_in"] == 14400 and "response" not in data
    assert call(sim, "POST", "/api/v2/auth/token/get", json_body=body).json()["error"] == "invalid_code"

    refresh = {"refresh_token": data["refresh_token"], "shop_id": SHOP_ID, "partner_id": PARTNER_ID}
    new = call(sim, "POST", "/api/v2/auth/access_token/get", json_body=refresh).json()
    assert new["error"] == "" and new["refresh_token"] != data["refresh_token"] and new["shop_id"] == SHOP_ID
    again = call(sim, "POST", "/api/v2/auth/access_token/get", json_body=refresh).json()
    assert again["error"] != ""
    shop = {"shop_id": SHOP_ID, "access_token": new["access_token"]}
    assert call(sim, "GET", "/api/v2/shop/get_shop_info", shop).json()["error"] == ""


def test_auth_code_expires_after_ten_minutes(sim, clock):
    code = sim.issue_auth_code(SHOP_ID)
    clock.t += 601
    data = call(
        sim, "POST", "/api/v2/auth/token/get", json_body={"code": code, "shop_id": SHOP_ID, "partner_id": PARTNER_ID}
    ).json()
    assert data["error"] == "invalid_code"


# ---------------------------------------------------------------- products
def test_add_item_requires_documented_fields(sim, shop):
    image_id = upload(sim, shop)
    for field in ("original_price", "description", "weight", "item_name", "logistic_info", "category_id", "image"):
        body = item_body(image={"image_id_list": [image_id]})
        del body[field]
        data = call(sim, "POST", "/api/v2/product/add_item", shop, json_body=body).json()
        assert data["error"] == "error_param", field
        assert field in data["message"]
    body = item_body(image={"image_id_list": [image_id]})
    del body["attribute_list"]  # mandatory for Indonesia
    assert (
        call(sim, "POST", "/api/v2/product/add_item", shop, json_body=body).json()["error"]
        == "error_less_required_attribute"
    )
    assert (
        call(
            sim, "POST", "/api/v2/product/add_item", shop, json_body=item_body(image={"image_id_list": ["nope"]})
        ).json()["message"]
        == "Image not exist."
    )
    bad_price = item_body(image={"image_id_list": [image_id]}, original_price=150000.5)
    assert (
        call(sim, "POST", "/api/v2/product/add_item", shop, json_body=bad_price).json()["error"]
        == "error_invalid_price"
    )
    assert sim.count_calls("/api/v2/product/add_item", ok=True) == 0 and sim.items == {}


def test_item_lifecycle_price_stock_and_reads(sim, shop):
    image_id = upload(sim, shop)
    data = call(
        sim, "POST", "/api/v2/product/add_item", shop, json_body=item_body(image={"image_id_list": [image_id]})
    ).json()
    assert data["error"] == ""
    item_id = data["response"]["item_id"]

    resp = call(
        sim,
        "POST",
        "/api/v2/product/update_price",
        shop,
        json_body={"item_id": item_id, "price_list": [{"model_id": 0, "original_price": 175000}]},
    ).json()
    assert resp["response"]["success_list"] == [{"model_id": 0, "original_price": 175000}]
    resp = call(
        sim,
        "POST",
        "/api/v2/product/update_price",
        shop,
        json_body={"item_id": item_id, "price_list": [{"model_id": 0, "original_price": 1.5}]},
    ).json()
    assert resp["error"] == "" and resp["response"]["failure_list"][0]["model_id"] == 0
    assert (
        call(
            sim, "POST", "/api/v2/product/update_price", shop, json_body={"item_id": item_id, "price_list": []}
        ).json()["error"]
        == "error_param"
    )
    too_many = [{"model_id": 0, "seller_stock": [{"stock": 1}]}] * 51
    assert (
        call(
            sim, "POST", "/api/v2/product/update_stock", shop, json_body={"item_id": item_id, "stock_list": too_many}
        ).json()["error"]
        == "error_param"
    )
    resp = call(
        sim,
        "POST",
        "/api/v2/product/update_stock",
        shop,
        json_body={"item_id": item_id, "stock_list": [{"model_id": 0, "seller_stock": [{"stock": 7}]}]},
    ).json()
    assert resp["response"]["success_list"][0]["stock"] == 7

    info = call(
        sim, "GET", "/api/v2/product/get_item_base_info", shop, params={"item_id_list": f"{item_id},999"}
    ).json()["response"]["item_list"]
    assert len(info) == 1
    assert info[0]["price_info"][0] == {"currency": "IDR", "original_price": 175000, "current_price": 175000}
    assert info[0]["stock_info_v2"]["summary_info"]["total_available_stock"] == 7
    assert isinstance(info[0]["weight"], str)
    models = call(sim, "GET", "/api/v2/product/get_model_list", shop, params={"item_id": item_id}).json()["response"][
        "model"
    ]
    assert models[0]["model_id"] == 0 and models[0]["stock_info_v2"]["seller_stock"][0]["stock"] == 7
    ids = ",".join(str(i) for i in range(1, 52))
    assert (
        call(sim, "GET", "/api/v2/product/get_item_base_info", shop, params={"item_id_list": ids}).json()["error"]
        == "error_param"
    )

    resp = call(
        sim,
        "POST",
        "/api/v2/product/unlist_item",
        shop,
        json_body={"item_list": [{"item_id": item_id, "unlist": True}]},
    ).json()
    assert resp["response"]["success_list"] == [{"item_id": item_id, "unlist": True}]
    listed = call(
        sim,
        "GET",
        "/api/v2/product/get_item_list",
        shop,
        params={"offset": 0, "page_size": 100, "item_status": ["NORMAL", "UNLIST"]},
    ).json()["response"]
    assert listed["item"][0]["item_status"] == "UNLIST" and listed["has_next_page"] is False
    assert (
        call(
            sim,
            "GET",
            "/api/v2/product/get_item_list",
            shop,
            params={"offset": 0, "page_size": 101, "item_status": "NORMAL"},
        ).json()["error"]
        == "error_param"
    )
    assert sim.count_calls(write_only=True) == 8  # upload, add, 3 price, 2 stock, unlist


# ---------------------------------------------------------------- orders
def test_order_list_window_and_page_size_limits(sim, shop, clock):
    now = int(clock.t)
    base = {"time_range_field": "create_time", "time_from": now - 15 * 86400 - 1, "time_to": now, "page_size": 10}
    data = call(sim, "GET", "/api/v2/order/get_order_list", shop, params=base).json()
    assert data["error"] == "order.order_list_invalid_time"
    assert (
        call(sim, "GET", "/api/v2/order/get_order_list", shop, params={**base, "time_from": now - 15 * 86400}).json()[
            "error"
        ]
        == ""
    )
    assert (
        call(
            sim, "GET", "/api/v2/order/get_order_list", shop, params={**base, "time_from": now, "time_to": now - 10}
        ).json()["error"]
        == "order.order_list_invalid_time"
    )
    assert (
        call(
            sim, "GET", "/api/v2/order/get_order_list", shop, params={**base, "time_from": now - 100, "page_size": 101}
        ).json()["error"]
        == "error_param"
    )
    assert (
        call(
            sim, "GET", "/api/v2/order/get_order_list", shop, params={**base, "time_from": now - 100, "page_size": 0}
        ).json()["error"]
        == "error_param"
    )


def test_order_paging_to_the_end_and_detail(sim, shop, clock):
    item_id = sim.add_item(SHOP_ID, item_name="Topeng Malangan", price=450000, stock=30)
    created = []
    for _ in range(25):
        clock.t += 1
        created.append(sim.create_order(SHOP_ID, items=[{"item_id": item_id, "model_id": 0, "quantity": 1}]))
    assert sim.items[item_id]["stock"] == 5
    seen, cursor, pages = [], "", 0
    while True:
        resp = call(sim, "GET", "/api/v2/order/get_order_list", shop, params={
            "time_range_field": "create_time", "time_from": int(clock.t) - 3600, "time_to": int(clock.t),
            "page_size": 10, "cursor": cursor, "response_optional_fields": "order_status"}).json()["response"]
        pages += 1
        seen += [o["order_sn"] for o in resp["order_list"]]
        assert all(o["order_status"] == "READY_TO_SHIP" for o in resp["order_list"])
        if not resp["more"]:
            assert resp["next_cursor"] == ""
            break
        cursor = resp["next_cursor"]
    assert pages == 3 and sorted(seen) == sorted(created) and seen[0] == created[-1]

    assert (
        call(
            sim, "GET", "/api/v2/order/get_order_detail", shop, params={"order_sn_list": ",".join(created + ["X"] * 26)}
        ).json()["error"]
        == "error_param"
    )
    detail = call(
        sim,
        "GET",
        "/api/v2/order/get_order_detail",
        shop,
        params={
            "order_sn_list": ",".join(created[:2]),
            "response_optional_fields": "item_list,recipient_address,total_amount,buyer_username,pay_time",
        },
    ).json()["response"]["order_list"]
    assert {d["order_sn"] for d in detail} == set(created[:2])
    assert detail[0]["total_amount"] == 450000 and detail[0]["currency"] == "IDR"
    assert detail[0]["item_list"][0]["model_quantity_purchased"] == 1
    bare = call(sim, "GET", "/api/v2/order/get_order_detail", shop, params={"order_sn_list": created[0]}).json()[
        "response"
    ]["order_list"][0]
    assert "item_list" not in bare and "total_amount" not in bare


def test_ship_cancel_and_stock_return(sim, shop):
    item_id = sim.add_item(SHOP_ID, item_name="Gerabah Kasongan", price=90000, stock=2)
    sn = sim.create_order(SHOP_ID, items=[{"item_id": item_id, "quantity": 2}])
    with pytest.raises(ValueError):
        sim.create_order(SHOP_ID, items=[{"item_id": item_id, "quantity": 1}])
    params = call(sim, "GET", "/api/v2/logistics/get_shipping_parameter", shop, params={"order_sn": sn}).json()[
        "response"
    ]
    address = params["pickup"]["address_list"][0]
    pickup = {"address_id": address["address_id"], "pickup_time_id": address["time_slot_list"][0]["pickup_time_id"]}
    assert (
        call(sim, "GET", "/api/v2/logistics/get_tracking_number", shop, params={"order_sn": sn}).json()["response"][
            "tracking_number"
        ]
        == ""
    )
    assert (
        call(sim, "POST", "/api/v2/logistics/ship_order", shop, json_body={"order_sn": sn, "pickup": pickup}).json()[
            "error"
        ]
        == ""
    )
    assert sim.orders[sn]["order_status"] == "PROCESSED"
    assert call(sim, "GET", "/api/v2/logistics/get_tracking_number", shop, params={"order_sn": sn}).json()["response"][
        "tracking_number"
    ]
    assert (
        call(sim, "POST", "/api/v2/logistics/ship_order", shop, json_body={"order_sn": sn, "pickup": pickup}).json()[
            "error"
        ]
        == "logistics.error_param"
    )
    sim.set_order_status(sn, "CANCELLED")
    assert sim.items[item_id]["stock"] == 2


# ---------------------------------------------------------------- faults and push
def test_fault_injection(sim, shop):
    sim.inject_faults(kind="throttle", count=2, path="/api/v2/shop/get_shop_info")
    for _ in range(2):
        resp = call(sim, "GET", "/api/v2/shop/get_shop_info", shop)
        assert resp.status_code == 429 and resp.headers["Retry-After"] == "1" and resp.json()["error"]
    assert call(sim, "GET", "/api/v2/shop/get_shop_info", shop).status_code == 200
    sim.inject_faults(kind="server_error", count=1, status=503)
    resp = call(sim, "GET", "/api/v2/shop/get_shop_info", shop)
    assert resp.status_code == 503 and resp.json()["error"] == "error_server"
    sim.inject_faults(kind="timeout", count=1, sleep=0.5)
    with pytest.raises(requests.Timeout):
        requests.get(sim.base_url + "/api/v2/shop/get_shop_info", timeout=0.1)
    assert sim.count_calls("/api/v2/shop/get_shop_info", ok=False) == 3


def test_control_api_over_http(sim, shop):
    url = sim.base_url
    item_id = requests.post(
        f"{url}/_sim/items", json={"shop_id": SHOP_ID, "item_name": "Keris", "price": 2500000, "stock": 1}, timeout=5
    ).json()["item_id"]
    sn = requests.post(
        f"{url}/_sim/orders",
        json={"shop_id": SHOP_ID, "items": [{"item_id": item_id, "model_id": 0, "quantity": 1}]},
        timeout=5,
    ).json()["order_sn"]
    assert (
        requests.post(
            f"{url}/_sim/orders", json={"shop_id": SHOP_ID, "items": [{"item_id": item_id, "quantity": 1}]}, timeout=5
        ).status_code
        == 400
    )
    assert (
        requests.post(f"{url}/_sim/orders/{sn}/status", json={"status": "SHIPPED"}, timeout=5).json()["order_status"]
        == "SHIPPED"
    )
    requests.post(f"{url}/_sim/faults", json={"kind": "throttle", "count": 1}, timeout=5)
    assert call(sim, "GET", "/api/v2/shop/get_shop_info", shop).status_code == 429
    state = requests.get(f"{url}/_sim/state", timeout=5).json()
    assert state["orders"][0]["order_sn"] == sn and state["calls"]["/api/v2/shop/get_shop_info"]["failed"] == 1
    code = requests.post(f"{url}/_sim/shops/{SHOP_ID}/auth_code", timeout=5).json()["code"]
    assert (
        call(
            sim,
            "POST",
            "/api/v2/auth/token/get",
            json_body={"code": code, "shop_id": SHOP_ID, "partner_id": PARTNER_ID},
        ).json()["error"]
        == ""
    )


def test_push_notifications_are_signed(sim, shop):
    received = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Authorization"], body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        hook = f"http://127.0.0.1:{server.server_address[1]}/webhooks/shopee/"
        sim.set_webhook(hook)
        item_id = sim.add_item(SHOP_ID, item_name="Tenun Ikat", price=300000, stock=1)
        sn = sim.create_order(SHOP_ID, items=[{"item_id": item_id, "quantity": 1}])
        sim.set_order_status(sn, "CANCELLED", cancel_reason="OUT_OF_STOCK")
        sim.flush_pushes()
        assert len(received) == 2
        statuses = []
        for auth, body in received:
            expected = hmac.new(PARTNER_KEY.encode(), hook.encode() + b"|" + body, hashlib.sha256).hexdigest()
            assert auth == expected
            payload = json.loads(body)
            assert payload["code"] == 3 and payload["shop_id"] == SHOP_ID and payload["data"]["ordersn"] == sn
            statuses.append(payload["data"]["status"])
        assert sorted(statuses) == ["CANCELLED", "READY_TO_SHIP"]
        assert all(p["status"] == 204 for p in sim.pushes)
    finally:
        server.shutdown()
        server.server_close()


def test_upload_image_accepts_public_or_shop_signing_and_rejects_non_images(sim, shop):
    files = {"image": ("a.png", PNG, "image/png")}
    public = call(sim, "POST", "/api/v2/media_space/upload_image", files=files).json()
    assert public["error"] == "" and public["response"]["image_info"]["image_id"]
    image_url = public["response"]["image_info"]["image_url_list"][0]["image_url"]
    assert requests.get(image_url, timeout=5).content == PNG
    assert upload(sim, shop)
    bad = call(
        sim, "POST", "/api/v2/media_space/upload_image", shop, files={"image": ("a.txt", b"hello", "text/plain")}
    ).json()
    assert bad["error"] == "error_param"
    missing = call(
        sim, "POST", "/api/v2/media_space/upload_image", shop, files={"file": ("a.png", PNG, "image/png")}
    ).json()
    assert missing["error"] == "error_param"


def test_update_item_and_item_list_paging(sim, shop, clock):
    ids = []
    for n in range(5):
        clock.t += 1
        ids.append(sim.add_item(SHOP_ID, item_name=f"Anyaman {n}", price=50000 + n, stock=n))
    clock.t += 1
    resp = call(
        sim, "POST", "/api/v2/product/update_item", shop, json_body={"item_id": ids[0], "item_name": "Anyaman Pandan"}
    ).json()
    assert resp["error"] == "" and resp["response"]["item_name"] == "Anyaman Pandan"
    assert (
        call(sim, "POST", "/api/v2/product/update_item", shop, json_body={"item_id": 1, "item_name": "x"}).json()[
            "error"
        ]
        == "error_item_not_found"
    )
    assert (
        call(sim, "POST", "/api/v2/product/update_item", shop, json_body={"item_id": ids[0], "weight": -1}).json()[
            "error"
        ]
        == "error_param"
    )
    seen, offset = [], 0
    while True:
        page = call(
            sim,
            "GET",
            "/api/v2/product/get_item_list",
            shop,
            params={"offset": offset, "page_size": 2, "item_status": "NORMAL"},
        ).json()["response"]
        assert page["total_count"] == 5
        seen += [i["item_id"] for i in page["item"]]
        if not page["has_next_page"]:
            break
        offset = page["next_offset"]
    assert sorted(seen) == sorted(ids) and seen[0] == ids[0]  # most recently updated first


# ---------------------------------------------------------------- lost pushes
LOST = "/api/v2/push/get_lost_push_message"
CONFIRM = "/api/v2/push/confirm_consumed_lost_push_message"


def _closed_port_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}/webhooks/shopee/"


def test_undelivered_pushes_are_kept_and_served_as_the_reference_page_shows(clock):
    sim = ShopeeSimulator(partner_id=PARTNER_ID, partner_key=PARTNER_KEY, now=clock, push_retry_delay=0.01)
    sim.start(host="127.0.0.1", port=0)
    try:
        sim.add_shop(SHOP_ID)
        sim.set_webhook(_closed_port_url())
        item_id = sim.add_item(SHOP_ID, item_name="Tenun Ikat", price=300000, stock=2)
        sn = sim.create_order(SHOP_ID, items=[{"item_id": item_id, "quantity": 1}])
        sim.flush_pushes()
        assert sim.pushes[0]["attempts"] == 3 and sim.pushes[0]["status"] is None

        answer = call(sim, "GET", LOST)
        assert answer.status_code == 200
        payload = answer.json()
        assert set(payload) == {"request_id", "error", "message", "warning", "response"} and payload["error"] == ""
        response = payload["response"]
        assert set(response) == {"push_message_list", "has_next_page", "last_message_id"}
        assert response["has_next_page"] is False and isinstance(response["last_message_id"], int)
        (message,) = response["push_message_list"]
        assert set(message) == {"shop_id", "code", "timestamp", "data"}
        assert (message["shop_id"], message["code"], message["timestamp"]) == (SHOP_ID, 3, int(clock.t))
        assert isinstance(message["data"], str)  # the push body as a JSON string
        pushed = json.loads(message["data"])
        assert pushed["code"] == 3 and pushed["shop_id"] == SHOP_ID and pushed["data"]["ordersn"] == sn
        # Not consumed until confirmed: asking again answers the same message.
        assert call(sim, "GET", LOST).json()["response"] == response

        confirmed = call(sim, "POST", CONFIRM, json_body={"last_message_id": response["last_message_id"]}).json()
        assert set(confirmed) == {"request_id", "error", "message", "warning"} and confirmed["error"] == ""
        after = call(sim, "GET", LOST).json()["response"]
        assert after["push_message_list"] == [] and after["has_next_page"] is False
    finally:
        sim.stop()


def test_a_non_2xx_answer_loses_the_push_too(clock):
    class Down(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Down)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    sim = ShopeeSimulator(partner_id=PARTNER_ID, partner_key=PARTNER_KEY, now=clock, push_retry_delay=0.01)
    try:
        sim.add_shop(SHOP_ID)
        sim.set_webhook(f"http://127.0.0.1:{server.server_address[1]}/hook/")
        item_id = sim.add_item(SHOP_ID, item_name="Tenun Ikat", price=300000, stock=2)
        sim.create_order(SHOP_ID, items=[{"item_id": item_id, "quantity": 1}])
        sim.flush_pushes()
        assert sim.pushes[0]["status"] == 503
        assert [m["code"] for m in sim.lost_pushes] == [3]
    finally:
        server.shutdown()
        server.server_close()


def test_lost_push_calls_are_partner_level_and_checked(sim, shop):
    sim.record_lost_push(SHOP_ID, 3, {"ordersn": "A", "status": "READY_TO_SHIP"})
    # Public signature only: a shop-signed call (token + shop_id in the base string) is refused.
    assert call(sim, "GET", LOST, shop).json()["error"] == "error_sign"
    assert call(sim, "GET", LOST, sig="0" * 64).json()["error"] == "error_sign"
    assert call(sim, "POST", LOST).json()["error"] == "error_param"  # a GET API
    assert call(sim, "GET", CONFIRM).json()["error"] == "error_param"  # a POST API
    assert call(sim, "GET", LOST, ts=int(sim.now()) - 301).json()["error"] == "error_param"  # 5-minute window
    assert call(sim, "POST", CONFIRM, json_body={}).json()["error"] == "error_param"
    assert call(sim, "POST", CONFIRM, json_body={"last_message_id": "176001"}).json()["error"] == "error_param"
    assert call(sim, "POST", CONFIRM, json_body={"last_message_id": 999_999_999}).json()["error"] == "error_data"
    assert not any(m["consumed"] for m in sim.lost_pushes)


def test_lost_pushes_page_by_100_and_expire_after_three_days(sim, shop, clock):
    for n in range(101):
        sim.record_lost_push(SHOP_ID, 3, {"ordersn": f"SN{n:03d}", "status": "READY_TO_SHIP"})
    first = call(sim, "GET", LOST).json()["response"]
    assert len(first["push_message_list"]) == 100 and first["has_next_page"] is True
    assert json.loads(first["push_message_list"][0]["data"])["data"]["ordersn"] == "SN000"  # earliest first
    assert call(sim, "POST", CONFIRM, json_body={"last_message_id": first["last_message_id"]}).json()["error"] == ""
    second = call(sim, "GET", LOST).json()["response"]
    assert len(second["push_message_list"]) == 1 and second["has_next_page"] is False
    assert json.loads(second["push_message_list"][0]["data"])["data"]["ordersn"] == "SN100"

    sim.record_lost_push(None, 12, {"expire_before": 1})  # partner-level: no shop_id
    partner_level = call(sim, "GET", LOST).json()["response"]["push_message_list"][-1]
    assert partner_level["code"] == 12 and "shop_id" not in partner_level
    clock.t += 3 * 86400 + 1
    sim.record_lost_push(SHOP_ID, 3, {"ordersn": "LATE", "status": "READY_TO_SHIP"})
    listed = call(sim, "GET", LOST).json()["response"]["push_message_list"]
    assert [json.loads(m["data"])["data"]["ordersn"] for m in listed] == ["LATE"]  # older than 3 days: gone
