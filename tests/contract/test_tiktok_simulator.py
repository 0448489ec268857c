"""Contract tests of the TikTok Shop simulator over real HTTP (plain requests, no adapter code).

They pin the simulator to tiktok.md: it must reject what TikTok Shop rejects, so
adapter tests against it mean something.
"""
import hashlib
import hmac
import json

import pytest
import requests

from marketplace_sync.simulators.tiktok import TikTokShopSimulator, webhook_authorization

APP_KEY, APP_SECRET = "29a39d", "e59af819cc"

pytestmark = pytest.mark.xdist_group("tiktok_simulator")


class Clock:
    def __init__(self, start=1_760_000_000):
        self.t = float(start)

    def __call__(self):
        return self.t


@pytest.fixture
def sim():
    simulator = TikTokShopSimulator(app_key=APP_KEY, app_secret=APP_SECRET, now=Clock())
    simulator.start(host="127.0.0.1", port=0)
    yield simulator
    simulator.stop()


@pytest.fixture
def shop(sim):
    return sim.add_shop()


def sign(path, query, body=b""):
    base = "".join(f"{k}{query[k]}" for k in sorted(query) if k not in ("sign", "access_token"))
    message = APP_SECRET.encode() + path.encode() + base.encode() + body + APP_SECRET.encode()
    return hmac.new(APP_SECRET.encode(), message, hashlib.sha256).hexdigest()


def call(sim, method, path, shop, *, body=None, params=None, cipher=True, ts=None, token=None, sig=None):
    query = {"app_key": APP_KEY, "timestamp": sim.now() if ts is None else ts, **(params or {})}
    if cipher:
        query["shop_cipher"] = shop["cipher"]
    raw = json.dumps(body, separators=(",", ":")).encode() if body is not None else b""
    query["sign"] = sig or sign(path, {k: str(v) for k, v in query.items()}, raw)
    headers = {"x-tts-access-token": token or shop["access_token"], "content-type": "application/json"}
    return requests.request(method, sim.base_url + path, params=query, data=raw or None, headers=headers, timeout=5)


def test_a_signed_call_succeeds_and_a_bad_signature_is_refused(sim, shop):
    ok = call(sim, "GET", "/authorization/202309/shops", shop, cipher=False)
    assert ok.status_code == 200 and ok.json()["code"] == 0
    assert ok.json()["data"]["shops"][0]["cipher"] == shop["cipher"]
    bad = call(sim, "GET", "/authorization/202309/shops", shop, cipher=False, sig="0" * 64)
    assert bad.status_code == 401 and bad.json()["code"] == 106001


def test_the_body_is_part_of_the_signature(sim, shop):
    path = "/order/202309/orders/search"
    query = {"app_key": APP_KEY, "timestamp": sim.now(), "shop_cipher": shop["cipher"], "page_size": 10}
    query["sign"] = sign(path, {k: str(v) for k, v in query.items()}, b'{"update_time_ge":1}')
    response = requests.post(sim.base_url + path, params=query, data=b'{"update_time_ge":2}', timeout=5,
                             headers={"x-tts-access-token": shop["access_token"], "content-type": "application/json"})
    assert response.json()["code"] == 106001


@pytest.mark.parametrize("offset", [-301, 31])
def test_timestamps_outside_minus_5_min_plus_30_s_are_refused(sim, shop, offset):
    response = call(sim, "GET", "/authorization/202309/shops", shop, cipher=False, ts=sim.now() + offset)
    assert response.json()["code"] == 36009004


def test_an_expired_token_answers_105002_and_refresh_at_the_auth_host_rotates(sim, shop):
    sim.expire_access_token()
    assert call(sim, "GET", "/authorization/202309/shops", shop, cipher=False).json()["code"] == 105002
    refresh = requests.get(sim.base_url + "/api/v2/token/refresh", timeout=5, params={
        "app_key": APP_KEY, "app_secret": APP_SECRET, "refresh_token": shop["refresh_token"],
        "grant_type": "refresh_token"}).json()
    assert refresh["code"] == 0 and refresh["data"]["access_token_expire_in"] > sim.now()  # absolute unix time
    again = requests.get(sim.base_url + "/api/v2/token/refresh", timeout=5, params={
        "app_key": APP_KEY, "app_secret": APP_SECRET, "refresh_token": shop["refresh_token"],
        "grant_type": "refresh_token"}).json()
    assert again["code"] != 0


def test_shop_cipher_is_required_on_shop_apis_and_refused_on_image_upload(sim, shop):
    assert call(sim, "GET", "/logistics/202309/warehouses", shop, cipher=False).json()["code"] == 106013
    assert call(sim, "GET", "/authorization/202309/shops", shop).json()["code"] == 36009004


def test_batch_limits_and_field_types(sim, shop):
    ids = ",".join(str(10 ** 17 + i) for i in range(51))
    assert call(sim, "GET", "/order/202309/orders", shop, params={"ids": ids}).json()["code"] != 0
    assert call(sim, "POST", "/order/202309/orders/search", shop, params={"page_size": 101},
                body={}).json()["code"] != 0
    assert call(sim, "POST", "/order/202309/orders/search", shop, params={"page_size": 10},
                body={"update_time_ge": "1700000000"}).json()["code"] != 0
    product = call(sim, "POST", "/product/202309/products", shop, body={
        "title": "Too short", "description": "x", "category_id": "601739", "main_images": [],
        "skus": [], "package_weight": {"value": "0.5", "unit": "KILOGRAM"}})
    assert product.json()["code"] == 12019003


def test_throttling_answers_429_with_36009002(sim, shop):
    sim.inject_faults("throttle", count=1, path="/authorization/202309/shops")
    throttled = call(sim, "GET", "/authorization/202309/shops", shop, cipher=False)
    assert throttled.status_code == 429 and throttled.json()["code"] == 36009002
    assert call(sim, "GET", "/authorization/202309/shops", shop, cipher=False).status_code == 200


def test_buyer_orders_one_line_per_unit_and_the_webhook_says_cancel(sim, shop):
    sim._products["1"] = {
        "id": "1",
        "shop_cipher": shop["cipher"],
        "status": "ACTIVATE",
        "title": "Tas anyaman pandan Sumenep",
        "skus": [
            {
                "id": "2",
                "seller_sku": "GK-1",
                "price": {"amount": "1000", "currency": "IDR"},
                "quantity": 5,
                "warehouse_id": "w",
                "sales_attributes": [],
            }
        ],
        "update_time": 0,
    }
    order_id = sim.create_order(shop["cipher"], [{"sku_id": "2", "quantity": 3}])
    assert len(sim.orders[order_id]["line_items"]) == 3 and sim.sku("2")["quantity"] == 2
    sim.set_order_status(order_id, "CANCELLED")
    body = sim.order_webhook_body(order_id)
    assert json.loads(body)["data"]["order_status"] == "CANCEL" and sim.sku("2")["quantity"] == 5
    expected = hmac.new(APP_SECRET.encode(), APP_KEY.encode() + body, hashlib.sha256).hexdigest()
    assert webhook_authorization(APP_KEY, APP_SECRET, body) == expected
