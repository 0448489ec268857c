"""A stateful Lazada Open Platform (LazOP) simulator speaking the real wire contract.

Standard library only and no Django import, so it can run standalone
(``python -m marketplace_sync.simulators.lazada``) as well as under the
``marketplace_simulator`` management command and inside tests. It shares no code
with ``marketplace_sync.adapters.lazada``: it re-implements the contract from
/work/shared/marketplaces/lazada.md and the reference pages it cites
(docs/raw/lazada/apis/..., docs/processed/lazada/guides/...).

One server plays both hosts: ``<base>/rest/...`` is the API host and the auth
host (``/rest/auth/token/create``, ``/rest/auth/token/refresh``), ``<base>/oauth/authorize``
the seller's consent page, ``<base>/p/<hash>.jpg`` the image CDN and ``<base>/_sim/...``
the control API.

Stock follows the inventory-calculation guide: ``sellable`` is what buyers can buy;
an unpaid order withholds units, a paid one occupies them until ready-to-ship;
``total = sellable + withhold + occupy``. price_quantity/update sets the total,
stock/sellable/update the sellable quantity.

Choices the docs leave open are constructor options, marked UNCONFIRMED:
* HTTP status of errors (``error_http_status``, default 200; the SDK only reads ``code``).
* Throttling: HTTP 200 with ``code`` ApiCallLimit and "this ban will last N seconds";
  calls to the same API during the ban are refused again (``ban_seconds``).
* Refresh tokens are single use (``single_use_refresh``, default True): strict.
* IDR prices must be whole rupiah (``whole_rupiah_prices``, default True).
* A refused batch update answers ``code`` 501 with a ``detail`` list naming the SKUs.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import hmac
import json
import random
import re
import struct
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections import namedtuple
from decimal import Decimal, InvalidOperation
from email.parser import BytesParser
from email.policy import default as email_default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlencode, urlparse
from urllib.request import Request, urlopen

ACCESS_TOKEN_TTL = 30 * 86400  # [LZ-AUTH] online apps: 30 days (test apps 7)
REFRESH_TOKEN_TTL = 180 * 86400  # [LZ-AUTH] online apps: 180 days (test apps 30)
AUTH_CODE_TTL = 30 * 60  # [LZ-AUTH] code valid 30 minutes, single use
TIMESTAMP_WINDOW = 7200  # [LZ-SIGN] within 7200 s of UTC
SKU_BATCH_MAX = 50  # price_quantity/update, stock/sellable/update
PRODUCTS_LIMIT_MAX = 50  # /products/get
ORDERS_LIMIT_MAX = 100  # /orders/get
ORDER_IDS_MAX = 50  # /orders/items/get
FULFILLMENT_BATCH_MAX = 20  # pack, rts
TITLE_MAX = 255
# Variations (create-a-product guide): Variation1..Variation4; SKUs per product as the simulator assumes.
VARIATION_KEYS = ("Variation1", "Variation2", "Variation3", "Variation4")
MAX_VARIATIONS = 4
MAX_SKUS_PER_PRODUCT = 100
IMAGE_MIN_PX, IMAGE_MAX_PX, IMAGE_MAX_BYTES = 330, 5000, 1024 * 1024  # image-upload guide / UploadImage page
PACKAGE_FIELDS = ("package_height", "package_length", "package_width", "package_weight")
ITEM_STATUSES = ("unpaid", "pending", "packed", "repacked", "ready_to_ship", "shipped", "delivered", "canceled",
                 "returned", "failed", "topack", "toship", "shipping", "lost", "lost_by_3pl", "damaged_by_3pl",
                 "failed_delivery", "shipped_back", "shipped_back_success", "shipped_back_failed", "package_scrapped")
CANCELLABLE = {"pending", "packed", "ready_to_ship", "repacked", "topack", "toship"}
CANCEL_REASONS = [  # order-cancellation guide, Indonesian ids UNCONFIRMED
    {"reason_name": "Sourcing Delay", "reason_id": "10000019"},
    {"reason_name": "Out of Stock", "reason_id": "10000021"},
    {"reason_name": "Wrong Price or Pricing Error", "reason_id": "10000023"},
]
STOCK_ZEROING_REASON_IDS = {"10000021", "10000023"}  # "stock will be set as 0"
#: Categories this fake knows, with their mandatory non-sale attributes.
DEFAULT_CATEGORIES = {
    "10002019": {"name": "Home Decor", "mandatory": []},
    "10001958": {"name": "Batik", "mandatory": ["material"]},
}
JAKARTA = dt.timezone(dt.timedelta(hours=7))

SimCall = namedtuple("SimCall", "method path ok code")


class SimulatorError(ValueError):
    """Raised by the Python control API when a request makes no sense (unknown SKU, no stock...)."""


class _ApiError(Exception):
    def __init__(self, code: str, message: str, *, type_: str = "ISV", http_status: int | None = None,
                 detail: list | None = None):
        super().__init__(f"{code}: {message}")
        self.code, self.message, self.type, self.http_status, self.detail = code, message, type_, http_status, detail


def sign(app_secret: str, api_path: str, params: dict) -> str:
    """[LZ-SIGN]: path + sorted key+value (sign excluded), HMAC-SHA256(app_secret), UPPERCASE hex."""
    base = api_path + "".join(f"{k}{params[k]}" for k in sorted(params) if k != "sign" and params[k] != "")
    return hmac.new(app_secret.encode(), base.encode(), hashlib.sha256).hexdigest().upper()


def push_authorization(app_key: str, app_secret: str, raw_body: str | bytes) -> str:
    """[LZ-PUSH]: lowercase hex HMAC-SHA256(app_secret, app_key + body)."""
    body = raw_body if isinstance(raw_body, bytes) else raw_body.encode()
    return hmac.new(app_secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) of a PNG or JPEG, read from its headers; None otherwise."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return "jpg", width, height
            i += 2 + length
    return None


def _as_list(value) -> list:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _xml_to_data(element: ET.Element):
    children = list(element)
    if not children:
        return (element.text or "").strip()
    out: dict = {}
    for child in children:
        value = _xml_to_data(child)
        if child.tag in out:
            if not isinstance(out[child.tag], list):
                out[child.tag] = [out[child.tag]]
            out[child.tag].append(value)
        else:
            out[child.tag] = value
    return out


def _document(raw: str, name: str) -> dict:
    """A ``payload``-style parameter: JSON or XML, rooted at ``Request`` [lazada.md 3.5]."""
    if not raw:
        raise _ApiError("30", "E030: Empty Request")
    text = raw.strip()
    try:
        if text.startswith("<"):
            root = ET.fromstring(text)
            data = {root.tag: _xml_to_data(root)}
        else:
            data = json.loads(text)
    except (ValueError, ET.ParseError):
        raise _ApiError("5", f"E005: Invalid Request Format ({name})") from None
    if not isinstance(data, dict) or not isinstance(data.get("Request"), dict):
        raise _ApiError("5", f"E005: Invalid Request Format ({name} has no Request)")
    return data["Request"]


def _scalar(value, field: str) -> str:
    """Document fields are strings (numbers tolerated); objects, lists and booleans are refused."""
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        raise _ApiError("5", f"E005: Invalid Request Format ({field} must be a string)")
    return "" if value is None else str(value)


def _decimal(value, field: str) -> Decimal:
    text = _scalar(value, field)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _ApiError("5", f"E005: Invalid Request Format ({field} {text!r} is not a number)") from None
    if not number.is_finite():
        raise _ApiError("5", f"E005: Invalid Request Format ({field})")
    return number


def _int(value, field: str, code: str = "5") -> int:
    text = _scalar(value, field)
    if not re.fullmatch(r"-?\d+", text.strip()):
        raise _ApiError(code, f"E{int(code):03d}: \"{text}\" Invalid {field} (not an integer)")
    return int(text)


def _money(value: Decimal) -> str:
    return f"{Decimal(value):.2f}"


class LazadaSimulator:
    """Stateful fake of api.lazada.co.id/rest and auth.lazada.com/rest."""

    def __init__(self, app_key: str = "100101", app_secret: str = "test-lazada-app-secret",
                 now: Callable[[], float] | None = None, *, error_http_status: int = 200,
                 ban_seconds: float = 1.0, single_use_refresh: bool = True, whole_rupiah_prices: bool = True,
                 categories: dict | None = None, timeout_sleep: float = 10.0, seed: int | None = 1,
                 verbose: bool = False):
        self.app_key = str(app_key)
        self.app_secret = app_secret
        self._now = now or time.time
        self._clock_offset = 0.0
        self.error_http_status = error_http_status
        self.ban_seconds = ban_seconds
        self.single_use_refresh = single_use_refresh
        self.whole_rupiah_prices = whole_rupiah_prices
        self.categories = copy.deepcopy(categories or DEFAULT_CATEGORIES)
        self.timeout_sleep = timeout_sleep
        self.verbose = verbose
        self._lock = threading.RLock()
        self._rng = random.Random(seed)
        self._sellers: dict[str, dict] = {}
        self._access: dict[str, dict] = {}
        self._refresh: dict[str, dict] = {}
        self._codes: dict[str, dict] = {}
        self._images: dict[str, dict] = {}
        self._products: dict[str, dict] = {}
        self._orders: dict[str, dict] = {}
        self._faults: list[dict] = []
        self._failing_skus: dict[str, str] = {}
        self.special_price_max_discount_percent = 90  # see the special prices section
        self._bans: dict[str, float] = {}  # api path -> monotonic end of its ban
        # A fresh random start per run when unseeded: the demo restarts the simulator
        # while our database keeps the orders it imported, so ids must not repeat.
        start = random.randrange(10**5, 10**6) if seed is None else 300_000
        self._next_item = start * 10**4 + 1
        self._next_sku = start * 10**5 + 1
        self._next_order = start * 10**9 + 1
        self._next_package = 1
        self.calls: list[SimCall] = []
        self.pushes: list[dict] = []
        self.webhook_url: str | None = None
        self._push_threads: list[threading.Thread] = []
        self._server: ThreadingHTTPServer | None = None
        self.base_url: str | None = None
        self.auth_seller_id: str | None = None

    # ------------------------------------------------------------------ clock and server
    def now(self) -> float:
        return self._now() + self._clock_offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._clock_offset += seconds

    def _iso(self, moment: float | None = None) -> str:
        return dt.datetime.fromtimestamp(self.now() if moment is None else moment, tz=JAKARTA) \
            .replace(microsecond=0).isoformat()

    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._server = ThreadingHTTPServer((host, port), _make_handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="lazada-sim",
                         daemon=True).start()
        real_host, real_port = self._server.server_address[:2]
        self.base_url = f"http://{real_host}:{real_port}"
        return self.base_url

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/rest"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self.flush_pushes(timeout=1)

    def __enter__(self):
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    # ------------------------------------------------------------------ sellers and tokens
    def _token(self, prefix: str) -> str:
        return prefix + "%040x" % self._rng.getrandbits(160)

    def add_seller(self, seller_id: str | int = "1001", *, access_token: str | None = None,
                   refresh_token: str | None = None, account: str = "seller@galerikriya.test") -> dict:
        seller_id = str(seller_id)
        with self._lock:
            self._sellers.setdefault(seller_id, {"seller_id": seller_id, "user_id": f"1{seller_id}",
                                                 "short_code": f"ID{seller_id}", "account": account})
            if self.auth_seller_id is None:
                self.auth_seller_id = seller_id
            return {**self._sellers[seller_id], **self._issue(seller_id, access_token, refresh_token)}

    def _issue(self, seller_id: str, access_token=None, refresh_token=None) -> dict:
        access_token = access_token or self._token("50000")
        refresh_token = refresh_token or self._token("50001")
        now = self.now()
        self._access[access_token] = {"seller_id": seller_id, "expire_at": now + ACCESS_TOKEN_TTL}
        self._refresh[refresh_token] = {"seller_id": seller_id, "expire_at": now + REFRESH_TOKEN_TTL, "used": False}
        return {"access_token": access_token, "refresh_token": refresh_token, "expires_in": ACCESS_TOKEN_TTL,
                "refresh_expires_in": REFRESH_TOKEN_TTL}

    def issue_auth_code(self, seller_id: str | int | None = None) -> str:
        seller_id = str(seller_id or self.auth_seller_id)
        if seller_id not in self._sellers:
            raise SimulatorError(f"unknown seller {seller_id}")
        code = f"0_{self.app_key}_" + "%024x" % self._rng.getrandbits(96)
        with self._lock:
            self._codes[code] = {"seller_id": seller_id, "expire_at": self.now() + AUTH_CODE_TTL}
        return code

    def expire_access_token(self, seller_id: str | int | None = None) -> None:
        """Every access token of the seller expires now (their refresh tokens stay valid)."""
        with self._lock:
            for token in self._access.values():
                if seller_id is None or token["seller_id"] == str(seller_id):
                    token["expire_at"] = self.now() - 1

    # ------------------------------------------------------------------ products (Python control)
    def _sku(self, seller_sku: str) -> tuple[dict, dict] | None:
        for product in self._products.values():
            for sku in product["skus"]:
                if sku["SellerSku"] == seller_sku:
                    return product, sku
        return None

    def _sku_by_id(self, item_id, sku_id) -> tuple[dict, dict] | None:
        product = self._products.get(str(item_id))
        if product is None:
            return None
        for sku in product["skus"]:
            if str(sku["SkuId"]) == str(sku_id):
                return product, sku
        return None

    @property
    def products(self) -> dict:
        with self._lock:
            return copy.deepcopy(self._products)

    def sku_state(self, seller_sku: str) -> dict:
        """price, total, sellable, withhold, occupy and status of one SellerSku."""
        with self._lock:
            found = self._sku(seller_sku)
            if found is None:
                raise SimulatorError(f"no SKU {seller_sku}")
            product, sku = found
            return {"item_id": product["item_id"], "SkuId": sku["SkuId"], "price": _money(sku["price"]),
                    "sellable": sku["sellable"], "withhold": sku["withhold"], "occupy": sku["occupy"],
                    "total": sku["sellable"] + sku["withhold"] + sku["occupy"], "Status": sku["Status"],
                    "name": product["attributes"].get("name"), "images": list(product["images"])}

    # ------------------------------------------------------------------ orders (Python control)
    def create_order(self, items: list[dict], *, seller_id: str | None = None, paid: bool = True,
                     buyer: dict | None = None, shipping_fee: str = "12000.00") -> str:
        """A buyer orders ``[{"seller_sku": ..., "quantity": n}]``; one order item per unit, like Lazada."""
        with self._lock:
            seller_id = str(seller_id or self.auth_seller_id)
            lines = []
            for entry in items:
                found = self._sku(str(entry["seller_sku"]))
                if found is None:
                    raise SimulatorError(f"no SKU {entry['seller_sku']}")
                product, sku = found
                quantity = int(entry.get("quantity", 1))
                if sku["Status"] != "active" or product["status"] != "Active":
                    raise SimulatorError(f"SKU {sku['SellerSku']} is not on sale")
                if sku["sellable"] < quantity:
                    raise SimulatorError(f"SKU {sku['SellerSku']}: {sku['sellable']} sellable, {quantity} wanted")
                lines.append((product, sku, quantity))
            order_id = str(self._next_order)
            self._next_order += 1
            now = self.now()
            buyer = buyer or {}
            status = "pending" if paid else "unpaid"
            order_items = []
            for product, sku, quantity in lines:
                sku["sellable"] -= quantity
                sku["occupy" if paid else "withhold"] += quantity
                for _ in range(quantity):
                    order_items.append({
                        "order_item_id": str(int(order_id) * 100 + len(order_items) + 1), "order_id": order_id,
                        "name": product["attributes"].get("name", ""), "sku": sku["SellerSku"],
                        "shop_sku": sku["ShopSku"], "sku_id": str(sku["SkuId"]),
                        "item_price": _money(sku["price"]), "paid_price": _money(sku["price"]), "currency": "IDR",
                        "status": status, "tracking_code": "", "package_id": "", "shipment_provider": "",
                        "shipping_type": "Dropshipping", "created_at": self._iso(now), "updated_at": self._iso(now),
                        "reason": "", "variation": "", "product_main_image": (product["images"] or [""])[0],
                    })
            total = sum(Decimal(i["item_price"]) for i in order_items)
            address = {
                "first_name": buyer.get("first_name", "Ayu"), "last_name": buyer.get("last_name", "Lestari"),
                "phone": buyer.get("phone", "6281234567890"), "phone2": "",
                "address1": buyer.get("address1", "Jl. Raya Darmo No. 12"), "address2": "",
                "address3": buyer.get("address3", "Jawa Timur"), "address4": buyer.get("address4", "Kota Surabaya"),
                "address5": buyer.get("address5", "Wonokromo"), "city": buyer.get("address4", "Kota Surabaya"),
                "post_code": buyer.get("post_code", "60241"), "country": "Indonesia",
            }
            self._orders[order_id] = {
                "order_id": order_id, "order_number": order_id, "created_at": self._iso(now),
                "updated_at": self._iso(now), "updated_ts": now, "created_ts": now,
                "price": _money(total), "shipping_fee": shipping_fee, "payment_method": "COD",
                "customer_first_name": address["first_name"], "customer_last_name": "",
                "address_shipping": address, "address_billing": dict(address), "remarks": "",
                "buyer_note": buyer.get("note", ""), "items": order_items, "seller_id": seller_id,
            }
            self._push_order(self._orders[order_id])
            return order_id

    def set_order_status(self, order_id: str, status: str, *, reason: str = "") -> dict:
        """Move every live item (the buyer paid, the courier delivered, the buyer cancelled...)."""
        if status not in ITEM_STATUSES:
            raise SimulatorError(f"unknown status {status}")
        with self._lock:
            order = self._orders.get(str(order_id))
            if order is None:
                raise SimulatorError(f"no order {order_id}")
            for item in order["items"]:
                if item["status"] != "canceled":
                    self._item_to(item, status, reason=reason)
            self._touch(order)
            return self._order_out(order)

    def _item_to(self, item: dict, status: str, *, reason: str = "", zero_stock: bool = False) -> None:
        old = item["status"]
        found = self._sku(item["sku"])
        if found is not None:
            _, sku = found
            if status == "canceled" and old in ("unpaid",):
                sku["withhold"] -= 1
                sku["sellable"] += 1
            elif status == "canceled" and old in ("pending", "packed", "repacked", "topack"):
                sku["occupy"] -= 1
                sku["sellable"] += 1
            elif status == "pending" and old == "unpaid":
                sku["withhold"] -= 1
                sku["occupy"] += 1
            elif status in ("ready_to_ship", "shipped", "delivered") and old in ("pending", "packed", "repacked"):
                sku["occupy"] -= 1  # the unit leaves the warehouse at ready-to-ship
            if zero_stock:
                sku["sellable"] = 0
        item["status"] = status
        if reason:
            item["reason"] = reason
        item["updated_at"] = self._iso()

    def _touch(self, order: dict) -> None:
        order["updated_ts"] = max(self.now(), order["updated_ts"] + 0.001)
        order["updated_at"] = self._iso(order["updated_ts"])
        self._push_order(order)

    @property
    def orders(self) -> dict:
        with self._lock:
            return copy.deepcopy(self._orders)

    # ------------------------------------------------------------------ faults and calls
    def inject_faults(self, kind: str = "throttle", count: int = 1, path: str | None = None, *,
                      status: int | None = None, sleep: float | None = None) -> None:
        """The next ``count`` calls (to ``path`` if given, e.g. "/product/create") fail.

        throttle: HTTP 200, ``code`` ApiCallLimit, then the API stays banned ``ban_seconds``.
        server_error: HTTP 500 (or ``status``) with an ISP error. timeout: answers late.
        """
        if kind not in ("throttle", "server_error", "timeout"):
            raise SimulatorError(f"unknown fault kind {kind}")
        with self._lock:
            self._faults.append({"kind": kind, "remaining": int(count), "path": path, "status": status,
                                 "sleep": sleep})

    def fail_sku(self, seller_sku: str, message: str = "SELLER_SKU_LOCKED: this SKU cannot be changed now") -> None:
        """Every write touching this SellerSku is refused until ``clear_faults``."""
        with self._lock:
            self._failing_skus[seller_sku] = message

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._failing_skus.clear()
            self._bans.clear()

    def _take_fault(self, path: str) -> dict | None:
        with self._lock:
            for fault in self._faults:
                if fault["remaining"] > 0 and (fault["path"] is None or fault["path"] == path):
                    fault["remaining"] -= 1
                    return dict(fault)
            self._faults = [f for f in self._faults if f["remaining"] > 0]
        return None

    def count_calls(self, path: str | None = None, write_only: bool = False, ok: bool | None = None) -> int:
        with self._lock:
            return sum(1 for c in self.calls if (path is None or c.path == path)
                       and (not write_only or c.path in WRITE_PATHS) and (ok is None or c.ok == ok))

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()

    # ------------------------------------------------------------------ push
    def set_webhook(self, url: str | None) -> None:
        with self._lock:
            self.webhook_url = url

    def _push_order(self, order: dict) -> None:
        if not self.webhook_url:
            return
        statuses = sorted({i["status"] for i in order["items"]})
        for status in statuses:
            line = next(i for i in order["items"] if i["status"] == status)
            self._queue_push(order["seller_id"], 0, {
                "order_status": status, "trade_order_id": order["order_id"],
                "trade_order_line_id": line["order_item_id"], "status_update_time": int(order["updated_ts"]),
            })

    def _queue_push(self, seller_id: str, message_type: int, data: dict) -> None:
        body = json.dumps({"seller_id": seller_id, "message_type": message_type, "data": data,
                           "timestamp": int(self.now() * 1000), "site": "lazada_id"}, separators=(",", ":"))
        record = {"url": self.webhook_url, "body": body, "message_type": message_type, "attempts": 0,
                  "status": None, "error": None}
        self.pushes.append(record)
        thread = threading.Thread(target=self._deliver, args=(record,), daemon=True)
        self._push_threads.append(thread)
        thread.start()

    def _deliver(self, record: dict, attempts: int = 3) -> None:
        headers = {"Content-Type": "application/json",
                   "Authorization": push_authorization(self.app_key, self.app_secret, record["body"])}
        for attempt in range(attempts):
            record["attempts"] = attempt + 1
            try:
                request = Request(record["url"], data=record["body"].encode(), headers=headers, method="POST")
                with urlopen(request, timeout=3) as response:
                    record["status"], record["error"] = response.status, None
                    return
            except Exception as exc:  # noqa: BLE001 - any failure is a failed delivery
                record["status"], record["error"] = getattr(exc, "code", None), str(exc)
            time.sleep(0.2 * (attempt + 1))

    def resend_push(self, index: int = -1) -> None:
        """Deliver a push again (Lazada delivers at least once)."""
        record = dict(self.pushes[index], attempts=0, status=None, error=None)
        self.pushes.append(record)
        thread = threading.Thread(target=self._deliver, args=(record,), daemon=True)
        self._push_threads.append(thread)
        thread.start()

    def flush_pushes(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        for thread in list(self._push_threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        self._push_threads = [t for t in self._push_threads if t.is_alive()]

    def state(self) -> dict:
        with self._lock:
            per_path: dict[str, dict] = {}
            for c in self.calls:
                entry = per_path.setdefault(c.path, {"ok": 0, "failed": 0})
                entry["ok" if c.ok else "failed"] += 1
            return {
                "app_key": self.app_key, "now": self.now(), "sellers": list(self._sellers.values()),
                "items": [self._product_out(p) for p in self._products.values()],
                "orders": [self._order_out(o) for o in self._orders.values()],
                "calls": per_path, "call_count": len(self.calls),
                "write_call_count": sum(1 for c in self.calls if c.path in WRITE_PATHS),
                "faults": [f for f in self._faults if f["remaining"] > 0], "failing_skus": dict(self._failing_skus),
                "special_prices": self.special_prices(),
                "webhook_url": self.webhook_url,
                "pushes": [{k: p[k] for k in ("message_type", "status", "attempts", "error")} for p in self.pushes],
            }

    # ================================================================== HTTP API
    def handle_api(self, method: str, path: str, params: dict, files: dict) -> tuple[int, dict]:
        request_id = uuid.uuid4().hex[:25]
        ok, code = False, ""
        try:
            route = ROUTES.get(path)
            if route is None:
                raise _ApiError("InvalidApiPath", f"The specified API path {path} is invalid", type_="SYSTEM",
                                http_status=404)
            methods, needs_token, handler_name = route
            with self._lock:
                banned_until = self._bans.get(path, 0)
            if time.monotonic() < banned_until:
                raise self._throttled(path)
            fault = self._take_fault(path)
            if fault:
                if fault["kind"] == "throttle":
                    raise self._throttled(path)
                if fault["kind"] == "server_error":
                    raise _ApiError("ServiceUnavailable", "The request has failed due to a temporary failure "
                                    "of the server.", type_="ISP", http_status=fault["status"] or 500)
                time.sleep(fault["sleep"] if fault["sleep"] is not None else self.timeout_sleep)
            if method not in methods:
                raise _ApiError("InvalidHttpMethod", f"{path} must be called with {' or '.join(methods)}",
                                type_="SYSTEM")
            seller_id = self._authenticate(path, params, needs_token)
            with self._lock:
                data = getattr(self, handler_name)(seller_id=seller_id, params=params, files=files)
            ok, code = True, "0"
            envelope = {"code": "0", "request_id": request_id}
            if isinstance(data, _TopLevel):
                envelope.update(data.data)
            elif data is not None:
                envelope["data"] = data
            return 200, envelope
        except _ApiError as exc:
            code = exc.code
            body = {"type": exc.type, "code": exc.code, "message": exc.message, "request_id": request_id}
            if exc.detail:
                body["detail"] = exc.detail
            return exc.http_status or self.error_http_status, body
        finally:
            with self._lock:
                self.calls.append(SimCall(method, path, ok, code))

    def _throttled(self, path: str) -> _ApiError:
        with self._lock:
            self._bans[path] = time.monotonic() + self.ban_seconds
        return _ApiError("ApiCallLimit", f"Api access frequency exceeds the limit. this ban will last "
                         f"{self.ban_seconds:g} seconds", type_="ISV")

    def _authenticate(self, path: str, params: dict, needs_token: bool) -> str | None:
        for name in ("app_key", "timestamp", "sign_method", "sign"):
            if not params.get(name):
                raise _ApiError("MissingParameter", f"The input parameter \u201c{name}\u201d that is mandatory "
                                "for processing this request is not supplied", type_="SYSTEM")
        if params["app_key"] != self.app_key:
            raise _ApiError("InvalidAppKey", "The specified app key is invalid", type_="SYSTEM")
        stamp = params["timestamp"]
        try:
            if re.fullmatch(r"\d{13}", stamp):
                seconds = int(stamp) / 1000
            else:
                seconds = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
        except ValueError:
            raise _ApiError("InvalidTimestamp", "The specified timestamp is invalid (unix milliseconds or ISO "
                            "8601)", type_="SYSTEM") from None
        if abs(self.now() - seconds) > TIMESTAMP_WINDOW:
            raise _ApiError("InvalidTimestamp", "The timestamp is more than 7200 seconds from UTC",
                            type_="SYSTEM")
        if params["sign_method"] not in ("sha256", "hmac-sha256"):
            raise _ApiError("InvalidSignMethod", "The specified sign_method is not supported", type_="SYSTEM")
        signed = {k: v for k, v in params.items() if k != "sign"}
        if not hmac.compare_digest(params["sign"], sign(self.app_secret, path, signed)):
            raise _ApiError("IncompleteSignature", "The request signature does not conform to lazop standards",
                            type_="ISV")
        if not needs_token:
            return None
        token = params.get("access_token")
        if not token:
            raise _ApiError("MissingParameter", "The input parameter \u201caccess_token\u201d that is mandatory "
                            "for processing this request is not supplied", type_="SYSTEM")
        with self._lock:
            record = self._access.get(token)
            if record is None or record["expire_at"] <= self.now():
                raise _ApiError("IllegalAccessToken", "The specified access token is invalid or expired",
                                type_="ISV")
            return record["seller_id"]

    # ------------------------------------------------------------------ auth
    def api_token_create(self, *, params, **_):
        code = params.get("code")
        record = self._codes.pop(code, None) if code else None
        if record is None or record["expire_at"] <= self.now():
            raise _ApiError("InvalidCode", "Invalid authorization code")
        return self._token_answer(record["seller_id"], "country_user_info", as_strings=True)

    def api_token_refresh(self, *, params, **_):
        token = params.get("refresh_token") or ""
        record = self._refresh.get(token)
        if record is None or record["expire_at"] <= self.now() or record["used"]:
            raise _ApiError("IllegalRefreshToken", "The specified refresh token is invalid or expired")
        if self.single_use_refresh:
            record["used"] = True
        return self._token_answer(record["seller_id"], "country_user_info_list", as_strings=False)

    def _token_answer(self, seller_id: str, list_key: str, *, as_strings: bool) -> "_TopLevel":
        # The create sample gives lifetimes as strings, the refresh table as numbers: both happen.
        tokens = self._issue(seller_id)
        seller = self._sellers[seller_id]
        wrap = str if as_strings else int
        return _TopLevel({
            "access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"],
            "expires_in": wrap(ACCESS_TOKEN_TTL), "refresh_expires_in": wrap(REFRESH_TOKEN_TTL),
            "country": "id", "account_platform": "seller_center", "account": seller["account"],
            "account_id": "", list_key: [{"country": "id", "seller_id": seller_id, "user_id": seller["user_id"],
                                          "short_code": seller["short_code"]}],
        })

    # ------------------------------------------------------------------ category and images
    def api_category_attributes(self, *, params, **_):
        category = self.categories.get(params.get("primary_category_id", ""))
        if category is None:
            raise _ApiError("4227", "Query category is null")
        mandatory = ["name", "brand", "description"] + list(category["mandatory"])
        optional = ["short_description", "material", "technique", "origin"]
        out = []
        for index, name in enumerate(dict.fromkeys(mandatory + optional)):
            out.append({"id": str(index + 1), "name": name, "label": name.replace("_", " ").title(),
                        "is_mandatory": "1" if name in mandatory else "0", "is_sale_prop": "0",
                        "input_type": "text", "attribute_type": "normal", "options": []})
        return out

    def _store_image(self, data: bytes) -> dict:
        if not data:
            raise _ApiError("30", "E030: Empty Request")
        if len(data) > IMAGE_MAX_BYTES:
            raise _ApiError("303", "E303: The image is too large")
        info = image_size(data)
        if info is None:
            raise _ApiError("300", "E300: Upload Image Failed (only JPG and PNG)")
        kind, width, height = info
        if min(width, height) < IMAGE_MIN_PX or max(width, height) > IMAGE_MAX_PX:
            raise _ApiError("300", f"E300: Upload Image Failed (image {width}x{height} px; 330-5000 px allowed)")
        digest = hashlib.md5(data).hexdigest()
        self._images[digest] = {"data": data, "content_type": f"image/{'jpeg' if kind == 'jpg' else 'png'}",
                                "width": width, "height": height}
        return {"image": {"url": f"{self.base_url}/p/{digest}.{kind}", "hash_code": digest}}

    def api_image_upload(self, *, files, **_):
        return self._store_image(files.get("image") or b"")

    def api_image_migrate(self, *, params, **_):
        request = _document(params.get("payload", ""), "payload")
        url = _scalar((request.get("Image") or {}).get("Url") if isinstance(request.get("Image"), dict) else "",
                      "Url")
        if not url.startswith(("http://", "https://")):
            raise _ApiError("302", "E302: Not supported URL")
        try:
            with urlopen(url, timeout=5) as response:
                data = response.read(IMAGE_MAX_BYTES + 1)
        except Exception:  # noqa: BLE001 - an unreachable URL is a failed migration
            raise _ApiError("301", "E301: Migrate Image Failed") from None
        return self._store_image(data)

    def _hosted(self, url: str) -> bool:
        match = re.search(r"/p/([0-9a-f]{32})\.(?:jpg|png)$", url or "")
        return bool(match and match.group(1) in self._images and url.startswith(self.base_url or ""))

    # ------------------------------------------------------------------ products
    def _check_failing(self, seller_skus: list[str]) -> None:
        failing = [s for s in seller_skus if s in self._failing_skus]
        if failing:
            raise _ApiError("501", "E501: Update product failed", detail=[
                {"field": "SellerSku", "seller_sku": s, "message": self._failing_skus[s]} for s in failing])

    def _check_price(self, value, field: str) -> Decimal:
        price = _decimal(value, field)
        if price <= 0:
            raise _ApiError("4118", "BIZ_CHECK_PRICE_IS_ZERO")
        if self.whole_rupiah_prices and price != price.to_integral_value():
            raise _ApiError("4104", "BIZ_CHECK_PRICE_PRECISION_INVALID")
        return price

    def _check_package(self, sku: dict, required: bool) -> dict:
        out = {}
        for field in PACKAGE_FIELDS:
            if field not in sku or sku[field] in (None, ""):
                if required:
                    raise _ApiError("1", f"E001: Parameter {field} is mandatory")
                continue
            value = _decimal(sku[field], field)
            if value <= 0 or value != value.quantize(Decimal("0.01")):
                raise _ApiError("4149", f"BIZ_CHECK_PACKAGE_DECIMAL_INVALID ({field} {sku[field]})")
            out[field] = f"{value:.2f}"
        return out

    def _check_images(self, product: dict, required: bool) -> list[str] | None:
        images = product.get("Images")
        if images in (None, ""):
            if required:
                raise _ApiError("4139", "BIZ_CHECK_MAIN_IMAGE_REQUIRE:Main image is require")
            return None
        urls = [_scalar(u, "Image") for u in _as_list(images.get("Image") if isinstance(images, dict) else None)]
        urls = [u for u in urls if u]
        if not urls and required:
            raise _ApiError("4139", "BIZ_CHECK_MAIN_IMAGE_REQUIRE:Main image is require")
        if len(urls) > 8:
            raise _ApiError("4169", "CHK_IMAGE_MAX_ITEMS")
        outer = [u for u in urls if not self._hosted(u)]
        if outer:
            raise _ApiError("4138", f"BIZ_CHECK_EXIST_OUTER_IMAGE: {outer[0]} is not a Lazada image")
        return urls

    def _check_attributes(self, attributes, category: dict, creating: bool) -> dict:
        if not isinstance(attributes, dict):
            if creating:
                raise _ApiError("1", "E001: Parameter Attributes is mandatory")
            return {}
        clean = {name: _scalar(value, name) for name, value in attributes.items()}
        if creating:
            if not clean.get("name"):
                raise _ApiError("1", "E001: Parameter name is mandatory")
            if not clean.get("brand_id") and not clean.get("brand"):
                raise _ApiError("1", "E001: Parameter brand_id is mandatory")
            missing = [a for a in category["mandatory"] if not clean.get(a)]
            if missing:
                raise _ApiError("4110", f"BIZ_CHECK_CAT_PROP_MANDATORY: {', '.join(missing)}")
        if len(clean.get("name", "")) > TITLE_MAX:
            raise _ApiError("4120", f"CHK_CATPROP_CPV_MAX_LEGNTH: name longer than {TITLE_MAX} characters")
        return clean

    def _check_variations(self, variation, skus_in: list) -> None:
        """Several SKUs need a Variation block (Variation1..4: name, options) and a saleProp per SKU
        naming a declared option of each variation, no two SKUs alike (codes 4133, 4143, 4144)."""
        if len(skus_in) > MAX_SKUS_PER_PRODUCT:
            raise _ApiError("4133", f"Invalid variation: at most {MAX_SKUS_PER_PRODUCT} SKUs per product")
        if len(skus_in) == 1 and not variation:
            return
        if not isinstance(variation, dict) or not variation or len(variation) > MAX_VARIATIONS or any(
                key not in VARIATION_KEYS for key in variation):
            raise _ApiError("4133", "Invalid variation: several SKUs need Variation1..Variation4")
        declared = {}
        for entry in variation.values():
            name = entry.get("name") if isinstance(entry, dict) else None
            options = _as_list((entry.get("options") or {}).get("option")) if isinstance(entry, dict) \
                and isinstance(entry.get("options"), dict) else []
            if not isinstance(name, str) or not name.strip() or name in declared or not options:
                raise _ApiError("4133", "Invalid variation: each needs a unique name and options")
            values = [_scalar(o, "option") for o in options]
            if len(set(values)) != len(values) or not all(values):
                raise _ApiError("4133", f"Invalid variation: options of {name} must be unique and not empty")
            declared[name] = set(values)
        seen = set()
        for raw in skus_in:
            sale = raw.get("saleProp")
            if not isinstance(sale, dict) or not sale:
                raise _ApiError("4144", "BIZ_CHECK_SKU_NOT_CONTAIN_SALEPROP: The sku does not contain the saleProp tag")
            if set(sale) != set(declared) or any(_scalar(v, k) not in declared[k] for k, v in sale.items()):
                raise _ApiError("4143", "BIZ_CHECK_SALEPROP_ATTRIBUTE_INVALID: The selling attributes are not "
                                        "defined in the variation")
            combination = tuple(sorted((k, _scalar(v, k)) for k, v in sale.items()))
            if combination in seen:
                raise _ApiError("4133", "Invalid variation: two SKUs have the same saleProp")
            seen.add(combination)

    def api_product_create(self, *, seller_id, params, **_):
        request = _document(params.get("payload", ""), "payload")
        product = request.get("Product")
        if not isinstance(product, dict):
            raise _ApiError("1", "E001: Parameter Product is mandatory")
        category_id = _scalar(product.get("PrimaryCategory"), "PrimaryCategory")
        category = self.categories.get(category_id)
        if category is None:
            raise _ApiError("201", f"E201: {category_id} Invalid CategoryId")
        images = self._check_images(product, required=True)
        attributes = self._check_attributes(product.get("Attributes"), category, creating=True)
        skus_in = _as_list((product.get("Skus") or {}).get("Sku") if isinstance(product.get("Skus"), dict) else None)
        if not skus_in:
            raise _ApiError("1", "E001: Parameter Skus is mandatory")
        skus = []
        for raw in skus_in:
            if not isinstance(raw, dict):
                raise _ApiError("5", "E005: Invalid Request Format (Sku)")
            seller_sku = _scalar(raw.get("SellerSku"), "SellerSku").strip()
            if not seller_sku:
                raise _ApiError("1", "E001: Parameter SellerSku is mandatory")
            if self._sku(seller_sku) is not None or any(s["SellerSku"] == seller_sku for s in skus):
                raise _ApiError("4105", f"BIZ_CHECK_SELLER_SKU_DUPLICATE: {seller_sku}")
            price = self._check_price(raw.get("price"), "price")
            quantity = _int(raw.get("quantity", "0"), "quantity")
            if quantity < 0:
                raise _ApiError("5", "E005: Invalid Request Format (quantity cannot be negative)")
            skus.append({"SellerSku": seller_sku, "price": price, "sellable": quantity, "withhold": 0,
                         "occupy": 0, "Status": "active", **self._check_package(raw, required=True)})
        self._check_variations(product.get("Variation"), skus_in)
        self._check_failing([s["SellerSku"] for s in skus])
        for sku, raw in zip(skus, skus_in, strict=True):
            sku["saleProp"] = dict(raw.get("saleProp") or {})
        item_id = str(self._next_item)
        self._next_item += 1
        for sku in skus:
            sku["SkuId"] = self._next_sku
            sku["ShopSku"] = f"{item_id}_ID-{sku['SkuId']}"
            self._next_sku += 1
        now = int(self.now() * 1000)
        self._products[item_id] = {"item_id": item_id, "seller_id": seller_id, "primary_category": category_id,
                                   "attributes": attributes, "images": images, "skus": skus, "status": "Active",
                                   "created_time": str(now), "updated_time": str(now)}
        return {"item_id": item_id, "item_status": "Active", "sku_list": [
            {"seller_sku": s["SellerSku"], "shop_sku": s["ShopSku"], "sku_id": s["SkuId"]} for s in skus]}

    def _own_product(self, seller_id, item_id) -> dict:
        product = self._products.get(_scalar(item_id, "ItemId"))
        if product is None or product["seller_id"] != seller_id:
            raise _ApiError("208", f"E208: Item not exist ({item_id})")
        return product

    def api_product_update(self, *, seller_id, params, **_):
        request = _document(params.get("payload", ""), "payload")
        product_in = request.get("Product")
        if not isinstance(product_in, dict) or not product_in.get("ItemId"):
            raise _ApiError("1", "E001: Parameter ItemId is mandatory")
        product = self._own_product(seller_id, product_in["ItemId"])
        category_id = _scalar(product_in.get("PrimaryCategory") or product["primary_category"], "PrimaryCategory")
        category = self.categories.get(category_id)
        if category is None:
            raise _ApiError("201", f"E201: {category_id} Invalid CategoryId")
        images = self._check_images(product_in, required=False)
        attributes = self._check_attributes(product_in.get("Attributes"), category, creating=False)
        changes = []
        for raw in _as_list((product_in.get("Skus") or {}).get("Sku") if isinstance(product_in.get("Skus"), dict)
                            else None):
            if not isinstance(raw, dict) or not raw.get("SkuId"):
                raise _ApiError("1", "E001: Parameter SkuId is mandatory")
            sku = next((s for s in product["skus"] if str(s["SkuId"]) == _scalar(raw["SkuId"], "SkuId")), None)
            if sku is None:
                raise _ApiError("207", f"E207: SKU not exist ({raw['SkuId']})")
            change = self._check_package(raw, required=True)
            if raw.get("price") not in (None, ""):
                change["price"] = self._check_price(raw["price"], "price")
            if raw.get("quantity") not in (None, ""):
                change["quantity"] = _int(raw["quantity"], "quantity")
            if raw.get("Status") not in (None, ""):
                status = _scalar(raw["Status"], "Status")
                if status not in ("active", "inactive", "deleted"):
                    raise _ApiError("5", f"E005: Invalid Request Format (Status {status})")
                change["Status"] = status
            changes.append((sku, change))
        self._check_failing([sku["SellerSku"] for sku, _ in changes])
        for sku, change in changes:
            quantity = change.pop("quantity", None)
            if quantity is not None:
                self._set_total(sku, quantity)
            sku.update(change)
        if images is not None:
            product["images"] = images
        product["attributes"].update(attributes)
        product["primary_category"] = category_id
        product["status"] = "Active" if any(s["Status"] == "active" for s in product["skus"]) else "InActive"
        product["updated_time"] = str(int(self.now() * 1000))
        return {}

    def api_product_deactivate(self, *, seller_id, params, **_):
        request = _document(params.get("apiRequestBody", ""), "apiRequestBody")
        product_in = request.get("Product") if isinstance(request.get("Product"), dict) else {}
        if not product_in.get("ItemId"):
            raise _ApiError("E0001", "Parameter ItemId is mandatory")
        product = self._products.get(_scalar(product_in["ItemId"], "ItemId"))
        if product is None or product["seller_id"] != seller_id:
            raise _ApiError("E0002", "Product not exists")
        skus_in = product_in.get("Skus") if isinstance(product_in.get("Skus"), dict) else {}
        wanted = {_scalar(s, "SkuId") for s in _as_list(skus_in.get("SkuId"))}
        targets = [s for s in product["skus"] if not wanted or str(s["SkuId"]) in wanted]
        if wanted and len(targets) != len(wanted):
            raise _ApiError("E0003", "Seller Sku not exists")
        for sku in targets:
            sku["Status"] = "inactive"
        if all(s["Status"] != "active" for s in product["skus"]):
            product["status"] = "InActive"
        return {}

    def _batch_skus(self, params) -> list[tuple[dict, dict, dict]]:
        request = _document(params.get("payload", ""), "payload")
        product = request.get("Product") if isinstance(request.get("Product"), dict) else {}
        skus_in = _as_list((product.get("Skus") or {}).get("Sku") if isinstance(product.get("Skus"), dict)
                           else None)
        if not skus_in:
            raise _ApiError("30", "E030: Empty Request")
        if len(skus_in) > SKU_BATCH_MAX:
            raise _ApiError("204", "E204: Too many SKU in one request")
        out = []
        for raw in skus_in:
            if not isinstance(raw, dict):
                raise _ApiError("5", "E005: Invalid Request Format (Sku)")
            found = None
            if raw.get("ItemId") and raw.get("SkuId"):
                found = self._sku_by_id(_scalar(raw["ItemId"], "ItemId"), _scalar(raw["SkuId"], "SkuId"))
            elif raw.get("SellerSku"):
                found = self._sku(_scalar(raw["SellerSku"], "SellerSku"))
            else:
                raise _ApiError("1", "E001: Parameter ItemId and SkuId (or SellerSku) is mandatory")
            if found is None:
                raise _ApiError("4136", f"SELLER_SKU_NOT_FOUND: {raw.get('SellerSku') or raw.get('SkuId')}")
            out.append((found[0], found[1], raw))
        self._check_failing([sku["SellerSku"] for _, sku, _ in out])
        return out

    def _set_total(self, sku: dict, total: int) -> None:
        held = sku["withhold"] + sku["occupy"]
        if total < held:
            raise _ApiError("501", f"E501: Update product failed (quantity {total} below the {held} units held "
                            "by orders)")
        sku["sellable"] = total - held

    def api_price_quantity_update(self, *, params, **_):
        batch = self._batch_skus(params)
        planned = []
        for _, sku, raw in batch:
            change = {}
            if raw.get("Price") not in (None, ""):
                change["price"] = self._check_price(raw["Price"], "Price")
            if raw.get("Quantity") not in (None, ""):
                change["quantity"] = _int(raw["Quantity"], "Quantity")
                if change["quantity"] < 0:
                    raise _ApiError("5", "E005: Invalid Request Format (Quantity cannot be negative)")
            sale = self._plan_sale(sku, raw, change.get("price", sku["price"]))
            if sale is not None:
                change["sale"] = sale
            if not change:
                raise _ApiError("1", "E001: Parameter Price or Quantity is mandatory")
            planned.append((sku, change))
        for sku, change in planned:
            if "quantity" in change:
                self._set_total(sku, change["quantity"])
            if "price" in change:
                sku["price"] = change["price"]
            if "sale" in change:
                sku.update(change["sale"])
        return {}

    def api_sellable_update(self, *, params, **_):
        batch = self._batch_skus(params)
        planned = []
        for _, sku, raw in batch:
            if raw.get("SellableQuantity") in (None, ""):
                raise _ApiError("1", "E001: Parameter SellableQuantity is mandatory")
            quantity = _int(raw["SellableQuantity"], "SellableQuantity")
            if quantity < 0:
                raise _ApiError("212", "E212: sellable quantity cannot be negative")
            planned.append((sku, quantity))
        for sku, quantity in planned:
            sku["sellable"] = quantity
        return {}

    def _product_out(self, product: dict) -> dict:
        skus = []
        for sku in product["skus"]:
            total = sku["sellable"] + sku["withhold"] + sku["occupy"]
            skus.append({
                "SkuId": sku["SkuId"], "SellerSku": sku["SellerSku"], "ShopSku": sku["ShopSku"],
                "Status": sku["Status"], "price": float(sku["price"]), **self._special_out(sku),
                "quantity": total, "Available": sku["sellable"],
                "multiWarehouseInventories": [{"warehouseCode": "dropshipping", "quantity": total,
                                               "totalQuantity": total, "sellableQuantity": sku["sellable"],
                                               "occupyQuantity": sku["occupy"],
                                               "withholdQuantity": sku["withhold"]}],
                **{f: sku[f] for f in PACKAGE_FIELDS if f in sku}, "Images": list(product["images"]),
            })
        return {"item_id": int(product["item_id"]), "primary_category": int(product["primary_category"]),
                "created_time": product["created_time"], "updated_time": product["updated_time"],
                "status": product["status"], "attributes": dict(product["attributes"]),
                "images": list(product["images"]), "skus": skus}

    def api_products_get(self, *, seller_id, params, **_):
        limit = _int(params.get("limit", "20"), "limit", "19")
        offset = _int(params.get("offset", "0"), "offset", "14")
        if not 1 <= limit <= PRODUCTS_LIMIT_MAX:
            raise _ApiError("19", f"E019: \"{limit}\" Invalid Limit")
        if offset < 0 or offset > 10000:
            raise _ApiError("14", f"E014: \"{offset}\" Invalid Offset")
        wanted = params.get("filter", "all")
        statuses = {"all": None, "live": "Active", "inactive": "InActive"}
        if wanted not in statuses and wanted not in ("deleted", "pending", "rejected", "sold-out"):
            raise _ApiError("5", f"E005: Invalid Request Format (filter {wanted})")
        products = [p for p in self._products.values() if p["seller_id"] == seller_id
                    and (statuses.get(wanted) is None or p["status"] == statuses[wanted])]
        page = products[offset:offset + limit]
        return {"total_products": len(products), "products": [self._product_out(p) for p in page]}

    def api_product_item_get(self, *, seller_id, params, **_):
        return self._product_out(self._own_product(seller_id, params.get("item_id", "")))

    # ------------------------------------------------------------------ orders
    def _order_out(self, order: dict) -> dict:
        out = {k: v for k, v in order.items() if k not in ("items", "updated_ts", "created_ts", "seller_id")}
        out["statuses"] = sorted({i["status"] for i in order["items"]})
        out["items_count"] = len(order["items"])
        return copy.deepcopy(out)

    def _filter_time(self, params: dict, name: str) -> float | None:
        value = params.get(name)
        if not value:
            return None
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise _ApiError("17", f"E017: \"{value}\" Invalid Date Format") from None
        if parsed.tzinfo is None:
            raise _ApiError("17", f"E017: \"{value}\" Invalid Date Format")
        return parsed.timestamp()

    def api_orders_get(self, *, seller_id, params, **_):
        update_after, created_after = (
            self._filter_time(params, "update_after"),
            self._filter_time(params, "created_after"),
        )
        update_before, created_before = self._filter_time(params, "update_before"), \
            self._filter_time(params, "created_before")
        if update_after is None and created_after is None:
            raise _ApiError("1", "E001: Either UpdatedAfter or CreatedAfter is mandatory")
        limit = _int(params.get("limit", "100"), "limit", "19")
        offset = _int(params.get("offset", "0"), "offset", "14")
        if not 1 <= limit <= ORDERS_LIMIT_MAX:
            raise _ApiError("19", f"E019: \"{limit}\" Invalid Limit")
        if offset < 0:
            raise _ApiError("14", f"E014: \"{offset}\" Invalid Offset")
        status = params.get("status")
        if status and status not in ITEM_STATUSES:
            raise _ApiError("36", "E036: Invalid status filter")
        sort_by = params.get("sort_by", "created_at")
        direction = params.get("sort_direction", "DESC")
        if sort_by not in ("created_at", "updated_at"):
            raise _ApiError("75", "E075: Invalid sort filter")
        if direction not in ("ASC", "DESC"):
            raise _ApiError("74", "E074: Invalid sort direction.")
        # Lazada's times have whole seconds: compare what its ``updated_at`` strings say.
        orders = [o for o in self._orders.values() if o["seller_id"] == seller_id
                  and (update_after is None or int(o["updated_ts"]) >= update_after)
                  and (update_before is None or int(o["updated_ts"]) <= update_before)
                  and (created_after is None or int(o["created_ts"]) >= created_after)
                  and (created_before is None or int(o["created_ts"]) <= created_before)
                  and (not status or any(i["status"] == status for i in o["items"]))]
        key = "updated_ts" if sort_by == "updated_at" else "created_ts"
        orders.sort(key=lambda o: (o[key], o["order_id"]), reverse=direction == "DESC")
        page = orders[offset:offset + limit]
        return {"count": str(len(page)), "countTotal": str(len(orders)),
                "orders": [self._order_out(o) for o in page]}

    def _own_order(self, seller_id, order_id) -> dict:
        order = self._orders.get(str(order_id))
        if order is None or order["seller_id"] != seller_id:
            raise _ApiError("16", f"E016: \"{order_id}\" Invalid Order ID")
        return order

    def api_order_get(self, *, seller_id, params, **_):
        if not params.get("order_id"):
            raise _ApiError("1", "E001: Parameter order_id is mandatory")
        return self._order_out(self._own_order(seller_id, params["order_id"]))

    def api_order_items_get(self, *, seller_id, params, **_):
        if not params.get("order_id"):
            raise _ApiError("1", "E001: Parameter order_id is mandatory")
        return copy.deepcopy(self._own_order(seller_id, params["order_id"])["items"])

    def api_orders_items_get(self, *, seller_id, params, **_):
        raw = params.get("order_ids", "")
        if not re.fullmatch(r"\[\s*\d+(\s*,\s*\d+)*\s*\]", raw):
            raise _ApiError("56", "E056: Invalid OrdersIdList format. Must use array format [1,2]")
        ids = re.findall(r"\d+", raw)
        if len(ids) > ORDER_IDS_MAX:
            raise _ApiError("38", "E038: Too many orders were requested")
        found = [self._orders[i] for i in ids if i in self._orders and self._orders[i]["seller_id"] == seller_id]
        if not found:
            raise _ApiError("39", "E039: No orders were found")
        return [{"order_id": o["order_id"], "order_number": o["order_number"],
                 "order_items": copy.deepcopy(o["items"])} for o in found]

    def _json_param(self, params, name: str) -> dict:
        try:
            value = json.loads(params.get(name) or "")
        except ValueError:
            raise _ApiError("700004", f"PARAM_ILLEGAL: {name} is not JSON") from None
        if not isinstance(value, dict):
            raise _ApiError("700004", f"PARAM_ILLEGAL: {name} must be an object")
        return value

    def api_pack(self, *, seller_id, params, **_):
        request = self._json_param(params, "packReq")
        orders = request.get("pack_order_list")
        if not isinstance(orders, list) or not orders:
            raise _ApiError("700004", "PARAM_ILLEGAL: pack_order_list is mandatory")
        if len(orders) > FULFILLMENT_BATCH_MAX:
            raise _ApiError("700004", "PARAM_ILLEGAL: at most 20 orders per call")
        if request.get("delivery_type") != "dropship":
            raise _ApiError("700004", "PARAM_ILLEGAL: delivery_type must be dropship")
        if request.get("shipping_allocate_type") not in ("TFS", "NTFS"):
            raise _ApiError("700004", "PARAM_ILLEGAL: shipping_allocate_type is mandatory (TFS or NTFS)")
        out = []
        for entry in orders:
            if not isinstance(entry, dict) or not isinstance(entry.get("order_item_list"), list):
                raise _ApiError("700004", "PARAM_ILLEGAL: order_item_list is mandatory")
            order = self._own_order(seller_id, entry.get("order_id"))
            package_id = f"FP{self._next_package:012d}"
            tracking = f"LXAD-{self._next_package:010d}"
            self._next_package += 1
            results = []
            for item_id in entry["order_item_list"]:
                item = next((i for i in order["items"] if i["order_item_id"] == str(item_id)), None)
                if item is None:
                    results.append({"order_item_id": item_id, "item_err_code": "700001", "msg": "item not found",
                                    "retry": False})
                    continue
                if item["status"] not in ("pending", "repacked", "topack"):
                    results.append({"order_item_id": item_id, "item_err_code": "700000",
                                    "msg": "PACKAGE_STATUS_NOT_ALLOW_TO_OP", "retry": False})
                    continue
                item.update(status="packed", package_id=package_id, tracking_code=tracking,
                            shipment_provider="LEX ID", updated_at=self._iso())
                results.append({"order_item_id": item_id, "item_err_code": "0", "msg": "success",
                                "tracking_number": tracking, "shipment_provider": "LEX ID",
                                "package_id": package_id, "retry": False})
            self._touch(order)
            out.append({"order_id": order["order_id"], "order_item_list": results})
        return _TopLevel({"result": {"success": True, "data": {"pack_order_list": out}}})

    def api_rts(self, *, seller_id, params, **_):
        request = self._json_param(params, "readyToShipReq")
        packages = request.get("packages")
        if not isinstance(packages, list) or not packages:
            raise _ApiError("700004", "PARAM_ILLEGAL: packages is mandatory")
        if len(packages) > FULFILLMENT_BATCH_MAX:
            raise _ApiError("700004", "PARAM_ILLEGAL: at most 20 packages per call")
        out = []
        for entry in packages:
            package_id = str((entry or {}).get("package_id") or "")
            items = [(o, i) for o in self._orders.values() if o["seller_id"] == seller_id
                     for i in o["items"] if i["package_id"] == package_id]
            if not items:
                out.append({"package_id": package_id, "item_err_code": "600001", "msg": "package not found",
                            "retry": False})
                continue
            if any(i["status"] != "packed" for _, i in items):
                out.append({"package_id": package_id, "item_err_code": "600002",
                            "msg": "package status does not allow ready to ship", "retry": False})
                continue
            for _, item in items:
                self._item_to(item, "ready_to_ship")
            self._touch(items[0][0])
            out.append({"package_id": package_id, "item_err_code": "0", "msg": "success", "retry": False})
        return _TopLevel({"result": {"success": True, "data": {"packages": out}}})

    def _cancel_items(self, seller_id, params) -> tuple[dict, list[dict]]:
        if not params.get("order_id"):
            raise _ApiError("115", "E0115: order id is null")
        order = self._orders.get(str(params["order_id"]))
        if order is None or order["seller_id"] != seller_id:
            raise _ApiError("122", "E0122: invalid trade order")
        try:
            ids = [str(i) for i in json.loads(params.get("order_item_id_list") or "")]
        except (ValueError, TypeError):
            raise _ApiError("102", "E0102: trade order line id is empty or invalid") from None
        if not ids:
            raise _ApiError("102", "E0102: trade order line id is empty or invalid")
        items = [i for i in order["items"] if i["order_item_id"] in ids]
        if len(items) != len(set(ids)) or any(i["status"] not in CANCELLABLE for i in items):
            raise _ApiError("123", f"E0123: invalid trade order lines {','.join(ids)}")
        return order, items

    def api_cancel_validate(self, *, seller_id, params, **_):
        self._cancel_items(seller_id, params)
        return {"tip_type": "warn", "reason_options": copy.deepcopy(CANCEL_REASONS),
                "tip_content": "SKU stock may be set to 0 after cancellation due to reasons: 'out of stock' or "
                               "'incorrect pricing'."}

    def api_cancel_create(self, *, seller_id, params, **_):
        order, items = self._cancel_items(seller_id, params)
        reason_id = params.get("reason_id") or ""
        if reason_id not in {r["reason_id"] for r in CANCEL_REASONS}:
            raise _ApiError("104", "E0104: reason is empty or invalid")
        reason = next(r["reason_name"] for r in CANCEL_REASONS if r["reason_id"] == reason_id)
        for item in items:
            self._item_to(item, "canceled", reason=reason, zero_stock=reason_id in STOCK_ZEROING_REASON_IDS)
        self._touch(order)
        return {"tip_type": "success", "tip_content": "The order has been cancelled."}

    # ------------------------------------------------------------------ OAuth consent page
    def authorize(self, query: dict) -> tuple[int, dict, bytes]:
        client_id = query.get("client_id", "")
        redirect = query.get("redirect_uri", "")
        if client_id != self.app_key or query.get("response_type") != "code" or not redirect:
            return 400, {}, b"invalid authorization request (client_id, response_type=code, redirect_uri)"
        if self.auth_seller_id is None:
            return 400, {}, b"no seller account to authorize"
        code = self.issue_auth_code(self.auth_seller_id)
        joiner = "&" if "?" in redirect else "?"
        return 302, {"Location": f"{redirect}{joiner}{urlencode({'code': code})}"}, b""

    # ================================================================== control API (/_sim/)
    def handle_control(self, method: str, parts: list[str], body: dict) -> tuple[int, dict]:
        try:
            if parts and parts[0] == "special_prices":
                return self._special_control(method, parts, body)
            if method == "GET" and parts == ["state"]:
                return 200, self.state()
            if method == "POST" and parts == ["sellers"]:
                return 200, self.add_seller(body.get("seller_id", "1001"), access_token=body.get("access_token"),
                                            refresh_token=body.get("refresh_token"))
            if method == "POST" and len(parts) == 3 and parts[0] == "sellers" and parts[2] == "auth_code":
                return 200, {"code": self.issue_auth_code(parts[1])}
            if method == "POST" and len(parts) == 3 and parts[0] == "sellers" and parts[2] == "expire_token":
                self.expire_access_token(parts[1])
                return 200, {}
            if method == "POST" and parts == ["orders"]:
                return 200, {"order_id": self.create_order(body.get("items") or [], seller_id=body.get("seller_id"),
                                                           paid=body.get("paid", True), buyer=body.get("buyer"))}
            if method == "POST" and len(parts) == 3 and parts[0] == "orders" and parts[2] == "status":
                return 200, self.set_order_status(parts[1], body["status"], reason=body.get("reason", ""))
            if method == "GET" and len(parts) == 2 and parts[0] == "skus":
                return 200, self.sku_state(parts[1])
            if method == "POST" and parts == ["faults"]:
                if body.get("clear"):
                    self.clear_faults()
                elif body.get("fail_sku"):
                    self.fail_sku(body["fail_sku"], body.get("message") or "SELLER_SKU_LOCKED")
                else:
                    self.inject_faults(body.get("kind", "throttle"), int(body.get("count", 1)), body.get("path"),
                                       status=body.get("status"), sleep=body.get("sleep"))
                return 200, {}
            if method == "POST" and parts == ["webhook"]:
                self.set_webhook(body.get("url"))
                return 200, {"url": self.webhook_url}
            if method == "POST" and parts == ["clock"]:
                self.advance(float(body.get("advance", 0)))
                return 200, {"now": self.now()}
            if method == "POST" and parts == ["config"]:
                for key in ("error_http_status", "ban_seconds", "single_use_refresh", "whole_rupiah_prices",
                            "timeout_sleep"):
                    if key in body:
                        setattr(self, key, body[key])
                return 200, {}
            return 404, {"error": f"no control endpoint {method} /_sim/{'/'.join(parts)}"}
        except (KeyError, TypeError, ValueError) as exc:
            return 400, {"error": str(exc)}

    # ================================================================== special prices (campaigns)
    # A SKU's special price with its period, sent with price_quantity/update as SalePrice,
    # SaleStartDate and SaleEndDate [LZ-API:product-api/updatepricequantity] (the reference
    # sample has dates "2017-08-08"; createproduct's has "2022-06-20 17:18:31": both are
    # read, in Jakarta time). Errors from that page: 4117 start after end, 4119 "Special price
    # range check", 4121 special price precision. UNCONFIRMED: the range (below the price and
    # at most ``special_price_max_discount_percent`` % off, 90 here, settable with POST
    # /_sim/special_prices/config), and that dates alone move the period of a SKU's current
    # special price (how a seller ends one early).

    def _sale_date(self, value, field: str) -> float:
        text = _scalar(value, field).strip()
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, fmt).replace(tzinfo=JAKARTA).timestamp()
            except ValueError:
                continue
        raise _ApiError("5", f"E005: Invalid Request Format ({field})")

    def _plan_sale(self, sku: dict, raw: dict, price: Decimal) -> dict | None:
        """The special-price change asked for one SKU, checked against its (new) price."""
        fields = ("SalePrice", "SaleStartDate", "SaleEndDate")
        if all(raw.get(f) in (None, "") for f in fields):
            return None
        sale = {"special_price": sku.get("special_price"), "special_from": sku.get("special_from"),
                "special_to": sku.get("special_to")}
        if raw.get("SalePrice") not in (None, ""):
            special = _decimal(raw["SalePrice"], "SalePrice")
            if self.whole_rupiah_prices and special != special.to_integral_value():
                raise _ApiError("4121", "BIZ_CHECK_SPECIAL_PRICE_PRECISION_INVALID")
            sale["special_price"] = special
        elif sale["special_price"] is None:
            raise _ApiError("1", "E001: Parameter SalePrice is mandatory with SaleStartDate/SaleEndDate")
        if raw.get("SaleStartDate") not in (None, ""):
            sale["special_from"] = self._sale_date(raw["SaleStartDate"], "SaleStartDate")
        if raw.get("SaleEndDate") not in (None, ""):
            sale["special_to"] = self._sale_date(raw["SaleEndDate"], "SaleEndDate")
        if sale["special_from"] is not None and sale["special_to"] is not None \
                and sale["special_from"] > sale["special_to"]:
            raise _ApiError("4117", "BIZ_CHECK_SPECIAL_PRICE_FROM_DATE_AFTER_TO_DATE")
        special = sale["special_price"]
        if special <= 0 or special >= price \
                or special < price * (100 - Decimal(self.special_price_max_discount_percent)) / 100:
            raise _ApiError("4119", "BIZ_CHECK_SPECIAL_PRICE_RATE_OUT_OF_RANGE")
        return sale

    def _special_out(self, sku: dict) -> dict:
        """The special-price fields of a SKU as products/get shows them (special_price 0 when none runs)."""
        if sku.get("special_price") is None:
            return {"special_price": 0}
        fmt = lambda moment: dt.datetime.fromtimestamp(moment, tz=JAKARTA).strftime("%Y-%m-%d %H:%M")  # noqa: E731
        out = {"special_price": float(sku["special_price"])}
        if sku.get("special_from") is not None:
            out.update(special_from_time=fmt(sku["special_from"]), special_from_date=fmt(sku["special_from"])[:10])
        if sku.get("special_to") is not None:
            out.update(special_to_time=fmt(sku["special_to"]), special_to_date=fmt(sku["special_to"])[:10])
        return out

    def special_prices(self) -> list[dict]:
        """Every SKU with a special price: the price, its period and whether it runs now."""
        with self._lock:
            now = self.now()
            out = []
            for product in self._products.values():
                for sku in product["skus"]:
                    if sku.get("special_price") is None:
                        continue
                    running = (sku.get("special_from") is None or sku["special_from"] <= now) and \
                              (sku.get("special_to") is None or now < sku["special_to"])
                    out.append({"item_id": product["item_id"], "SkuId": sku["SkuId"], "SellerSku": sku["SellerSku"],
                                "price": _money(sku["price"]), "special_price": _money(sku["special_price"]),
                                "special_from": sku.get("special_from"), "special_to": sku.get("special_to"),
                                "running": running})
            return out

    def _special_control(self, method: str, parts: list[str], body: dict):
        if method == "GET" and parts == ["special_prices"]:
            return 200, {"special_prices": self.special_prices()}
        if method == "POST" and parts == ["special_prices", "config"]:
            if "max_discount_percent" in body:
                self.special_price_max_discount_percent = body["max_discount_percent"]
            return 200, {"max_discount_percent": self.special_price_max_discount_percent}
        return 404, {"error": f"no control endpoint {method} /_sim/{'/'.join(parts)}"}


class _TopLevel:
    """Token and fulfillment answers put their fields at top level, beside ``code``."""

    def __init__(self, data: dict):
        self.data = data


# api path -> (HTTP methods, needs access_token, handler). Methods from the reference pages.
ROUTES = {
    "/auth/token/create": (("GET", "POST"), False, "api_token_create"),
    "/auth/token/refresh": (("GET", "POST"), False, "api_token_refresh"),
    "/category/attributes/get": (("GET",), True, "api_category_attributes"),
    "/image/upload": (("POST",), True, "api_image_upload"),
    "/image/migrate": (("POST",), True, "api_image_migrate"),
    "/product/create": (("POST",), True, "api_product_create"),
    "/product/update": (("POST",), True, "api_product_update"),
    "/product/deactivate": (("POST",), True, "api_product_deactivate"),
    "/product/price_quantity/update": (("POST",), True, "api_price_quantity_update"),
    "/product/stock/sellable/update": (("GET", "POST"), True, "api_sellable_update"),
    "/products/get": (("GET",), True, "api_products_get"),
    "/product/item/get": (("GET",), True, "api_product_item_get"),
    "/orders/get": (("GET",), True, "api_orders_get"),
    "/order/get": (("GET",), True, "api_order_get"),
    "/order/items/get": (("GET",), True, "api_order_items_get"),
    "/orders/items/get": (("GET",), True, "api_orders_items_get"),
    "/order/fulfill/pack": (("POST",), True, "api_pack"),
    "/order/package/rts": (("POST",), True, "api_rts"),
    "/order/reverse/cancel/validate": (("GET",), True, "api_cancel_validate"),
    "/order/reverse/cancel/create": (("GET",), True, "api_cancel_create"),
}
WRITE_PATHS = {"/image/upload", "/image/migrate", "/product/create", "/product/update", "/product/deactivate",
               "/product/price_quantity/update", "/product/stock/sellable/update", "/order/fulfill/pack",
               "/order/package/rts", "/order/reverse/cancel/create"}


def _request_params(method: str, query: str, headers, raw: bytes) -> tuple[dict, dict]:
    """Parameters from the query and the form body (urlencoded or multipart); files apart."""
    params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    files: dict[str, bytes] = {}
    ctype = headers.get("Content-Type") or ""
    if method == "POST" and raw:
        if ctype.startswith("multipart/form-data"):
            message = BytesParser(policy=email_default_policy).parsebytes(
                b"Content-Type: " + ctype.encode() + b"\r\nMIME-Version: 1.0\r\n\r\n" + raw)
            for part in message.iter_parts() if message.is_multipart() else []:
                name = part.get_param("name", header="content-disposition")
                if part.get_filename() is not None:
                    files[name] = part.get_payload(decode=True) or b""
                else:
                    params[name] = (part.get_payload(decode=True) or b"").decode()
        elif ctype.startswith("application/x-www-form-urlencoded"):
            params.update({k: v[-1] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()})
    return params, files


def _make_handler(sim: LazadaSimulator):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True
        server_version = "LazadaSimulator/1.0"

        def log_message(self, fmt, *args):
            if sim.verbose:
                super().log_message(fmt, *args)

        def _send(self, status: int, payload, headers=None, content_type="application/json"):
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _dispatch(self, method: str):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            url = urlparse(self.path)
            if url.path.startswith("/p/") and method == "GET":
                image = sim._images.get(url.path.rsplit("/", 1)[-1].split(".")[0])
                if image is None:
                    return self._send(404, {"error": "no such image"})
                return self._send(200, image["data"], content_type=image["content_type"])
            if url.path == "/oauth/authorize" and method == "GET":
                status, headers, body = sim.authorize({k: v[-1] for k, v in parse_qs(url.query).items()})
                return self._send(status, body, headers, content_type="text/plain")
            if url.path.startswith("/_sim/"):
                try:
                    body = json.loads(raw.decode() or "{}") if method == "POST" else {}
                except ValueError:
                    return self._send(400, {"error": "body must be JSON"})
                status, payload = sim.handle_control(method, [p for p in url.path.split("/") if p][1:], body)
                return self._send(status, payload)
            if not url.path.startswith("/rest/"):
                return self._send(404, {"error": "the API lives under /rest"})
            params, files = _request_params(method, url.query, self.headers, raw)
            status, payload = sim.handle_api(method, url.path[len("/rest"):], params, files)
            return self._send(status, payload)

        def do_GET(self):
            self._dispatch("GET")

        def do_POST(self):
            self._dispatch("POST")

    return Handler


def main(argv: list[str] | None = None) -> None:  # standalone: python -m marketplace_sync.simulators.lazada
    import argparse

    parser = argparse.ArgumentParser(description="Lazada Open Platform simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8703)
    parser.add_argument("--app-key", default="100101")
    parser.add_argument("--app-secret", default="test-lazada-app-secret")
    args = parser.parse_args(argv)
    sim = LazadaSimulator(app_key=args.app_key, app_secret=args.app_secret)
    url = sim.start(host=args.host, port=args.port)
    print(f"Lazada simulator on {url}/rest; seller {sim.add_seller('1001')}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sim.stop()


if __name__ == "__main__":
    main()
