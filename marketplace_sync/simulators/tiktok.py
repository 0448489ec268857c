"""A stateful TikTok Shop Open API (202309+) simulator speaking the real wire contract.

It also stands for Tokopedia, whose sellers are served by the TikTok Shop API
since the merger. Standard library plus Pillow (to measure uploaded images), no
Django and no import from the adapter, so tests against it check the adapter
against the documentation rather than against itself.

Sources: /work/shared/marketplaces/tiktok.md and the official pages it cites
(docs/raw/tiktok/api-reference/..., docs/processed/tiktok/guides/...). Choices the
docs leave open are constructor options, marked UNCONFIRMED:

* HTTP status of business errors (``error_http_status``, default 200; signature
  errors answer 401 as community reports say).
* Whether inventory quantity 0 is accepted (``accept_zero_inventory``, default True;
  the reference says [1, 99999]).
* Refresh tokens rotate and the old one dies (``rotate_refresh_token``).
* The category tree: one leaf "Kerajinan Tangan" (601739) requiring the
  material attribute 100392, plus whatever ``add_category`` registers.

One server answers the API host, the auth host (``/api/v2/token/*``) and the
seller authorisation page (``/open/authorize``), so one port is enough.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import io
import json
import random
import re
import threading
import time
import uuid
from collections import namedtuple
from decimal import Decimal
from email.parser import BytesParser
from email.policy import default as email_default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode, urlparse, urlsplit, urlunsplit
from urllib.request import Request, urlopen

ACCESS_TOKEN_TTL = 7 * 86400  # "default expiration time set to seven days" [TT-AUTH]
REFRESH_TOKEN_TTL = 365 * 86400  # = the authorisation duration the seller chose
AUTH_CODE_TTL = 30 * 60  # auth code valid 30 minutes, single use
TIMESTAMP_PAST, TIMESTAMP_FUTURE = 300, 30  # [now - 5 min, now + 30 s] [TT-SIGN]

ORDER_STATUSES = ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION",
                  "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED")
PRODUCT_STATUSES = ("DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED",
                    "FREEZE", "DELETED")
#: Seller cancel reasons per order status [TT-API:return-and-refund/cancel-reasons].
SELLER_CANCEL_REASONS = {
    "UNPAID": {"seller_cancel_unpaid_reason_out_of_stock", "seller_cancel_unpaid_reason_wrong_price",
               "seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed",
               "seller_cancel_unpaid_reason_buyer_requested_cancellation"},
    "PAID": {"seller_cancel_reason_out_of_stock", "seller_cancel_reason_wrong_price",
             "seller_cancel_paid_reason_address_not_deliver", "seller_cancel_paid_reason_buyer_requested_cancellation"},
}

SimCall = namedtuple("SimCall", "method path ok")


class SimulatorError(ValueError):
    """Raised by the Python control API when a request makes no sense."""


class _ApiError(Exception):
    def __init__(self, code: int, message: str, http_status: int | None = None, headers=None, data=None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.http_status = http_status
        self.headers = headers or {}
        self.data = data


def hmac_hex(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign_request(app_secret: str, path: str, query: dict[str, str], body: bytes) -> str:
    """[TT-SIGN]: sorted params (sign, access_token excluded) after the path, body, secret around."""
    parts = "".join(f"{k}{query[k]}" for k in sorted(query) if k not in ("sign", "access_token"))
    message = app_secret.encode() + path.encode() + parts.encode() + body + app_secret.encode()
    return hmac_hex(app_secret, message)


def webhook_authorization(app_key: str, app_secret: str, body: bytes) -> str:
    """Authorization header of a webhook: HMAC(app_secret, app_key + body) [TT-WH]."""
    return hmac_hex(app_secret, app_key.encode() + body)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole_rupiah(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]+", value):
        return False
    return int(value) > 0


MAX_SALES_ATTRIBUTES = 3  # types per product [TT-API:products/create-product skus.sales_attributes]
MAX_SALES_ATTRIBUTE_NAME = 20
MAX_SALES_ATTRIBUTE_VALUE = 50


def _check_sales_attributes(per_sku: list) -> None:
    """Each SKU names the same 1-3 attribute types, in custom names (<= 20 chars) and values
    (<= 50 chars), and no two SKUs share a combination of values."""
    seen, names = set(), None
    for attributes in per_sku:
        if not isinstance(attributes, list) or not 1 <= len(attributes) <= MAX_SALES_ATTRIBUTES:
            raise _ApiError(12019019, f"sale property is invalid: 1 to {MAX_SALES_ATTRIBUTES} sales attributes per SKU")
        these = []
        for attribute in attributes:
            if not isinstance(attribute, dict):
                raise _ApiError(12019019, "sale property is invalid")
            name, value = attribute.get("id") or attribute.get("name"), attribute.get("value_id") \
                or attribute.get("value_name")
            if not isinstance(name, str) or not name or len(name) > MAX_SALES_ATTRIBUTE_NAME:
                raise _ApiError(12019019, "sale property name is invalid: 1-20 characters")
            if not isinstance(value, str) or not value or len(value) > MAX_SALES_ATTRIBUTE_VALUE:
                raise _ApiError(12019019, "sale property value is invalid: 1-50 characters")
            these.append((name, value))
        if names is None:
            names = [n for n, _ in these]
        elif [n for n, _ in these] != names:
            raise _ApiError(12019019, "sale property is invalid: every SKU needs the same sales attribute types")
        if tuple(these) in seen:
            raise _ApiError(12019019, "sale property is invalid: duplicate sales attribute values")
        seen.add(tuple(these))


def _weight_ok(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]+(\.[0-9]{1,3})?", value):
        return False
    return Decimal(value) > 0


class TikTokShopSimulator:
    """Stateful fake of open-api.tiktokglobalshop.com + auth.tiktok-shops.com."""

    DEFAULT_CATEGORY = "601739"

    def __init__(self, app_key: str = "demoappkey", app_secret: str = "demo-app-secret",
                 now: Callable[[], float] | None = None, *, region: str = "ID", currency: str = "IDR",
                 service_id: str = "7310000000000000001", redirect_url: str | None = None,
                 error_http_status: int = 200, accept_zero_inventory: bool = True,
                 rotate_refresh_token: bool = True, timeout_sleep: float = 10.0, seed: int | None = 1,
                 verbose: bool = False):
        self.app_key = app_key
        self.app_secret = app_secret
        self._now = now or time.time
        self._clock_offset = 0.0
        self.region = region
        self.currency = currency
        self.service_id = service_id
        #: The redirect URL registered in Partner Center: authorisation sends the seller there.
        self.redirect_url = redirect_url
        self.error_http_status = error_http_status
        self.accept_zero_inventory = accept_zero_inventory
        self.rotate_refresh_token = rotate_refresh_token
        self.timeout_sleep = timeout_sleep
        self.verbose = verbose
        self._lock = threading.RLock()
        self._rng = random.Random(seed)
        self._shops: dict[str, dict] = {}  # cipher -> shop
        self._access_tokens: dict[str, dict] = {}
        self._refresh_tokens: dict[str, dict] = {}
        self._auth_codes: dict[str, dict] = {}
        self._products: dict[str, dict] = {}
        self._orders: dict[str, dict] = {}
        self._images: dict[str, dict] = {}
        self._faults: list[dict] = []
        self._notification_ids: set[str] = set()
        # Promotion activities, see the promotion activities section.
        self._activities: dict[str, dict] = {}
        self.activity_min_period = 3600
        self.activity_max_period = 180 * 86400
        self.activity_max_discount_percent = 90
        self.categories = {self.DEFAULT_CATEGORY: {"name": "Kerajinan Tangan", "required_attributes": {"100392"}}}
        self.calls: list[SimCall] = []
        self.webhooks: list[dict] = []
        self.webhook_url: str | None = None
        self._webhook_threads: list[threading.Thread] = []
        self._server: ThreadingHTTPServer | None = None
        self.base_url: str | None = None

    # ------------------------------------------------------------------ ids and clock
    def _id(self, digits: int = 19) -> str:
        return str(self._rng.randrange(10 ** (digits - 1), 10 ** digits))

    def now(self) -> int:
        return int(self._now() + self._clock_offset)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._clock_offset += seconds

    # ------------------------------------------------------------------ server
    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._server = ThreadingHTTPServer((host, port), _make_handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         name="tiktok-sim", daemon=True).start()
        real_host, real_port = self._server.server_address[:2]
        self.base_url = f"http://{real_host}:{real_port}"
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self.flush_webhooks(timeout=1)

    def __enter__(self):
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    # ------------------------------------------------------------------ shops and tokens
    def add_shop(self, *, shop_id: str | None = None, name: str = "Galeri Kriya (sim)", cipher: str | None = None,
                 access_token: str | None = None, refresh_token: str | None = None) -> dict:
        """An authorised shop with a fresh token pair, as after OAuth. Returns ids and tokens."""
        with self._lock:
            shop_id = str(shop_id or self._id())
            cipher = cipher or f"ROW_{base64.urlsafe_b64encode(shop_id.encode()).decode().rstrip('=')}"
            self._shops.setdefault(cipher, {
                "id": shop_id, "name": name, "region": self.region, "seller_type": "LOCAL", "cipher": cipher,
                "code": f"IDLC{shop_id[-8:]}",
                "warehouses": [{"id": self._id(), "name": "Gudang Malang", "effect_status": "ENABLED",
                                "type": "SALES_WAREHOUSE", "sub_type": "DOMESTIC_WAREHOUSE", "is_default": True}],
            })
            return {"shop_id": shop_id, "cipher": cipher,
                    **self._issue_tokens(cipher, access_token=access_token, refresh_token=refresh_token)}

    def _new_token(self) -> str:
        return "TTP_" + base64.urlsafe_b64encode(self._rng.getrandbits(192).to_bytes(24, "big")).decode()

    def _issue_tokens(self, cipher: str, *, access_token=None, refresh_token=None) -> dict:
        now = self.now()
        access = access_token or self._new_token()
        refresh = refresh_token or self._new_token()
        self._access_tokens[access] = {"cipher": cipher, "expire_at": now + ACCESS_TOKEN_TTL}
        self._refresh_tokens[refresh] = {"cipher": cipher, "expire_at": now + REFRESH_TOKEN_TTL, "used": False}
        return {"access_token": access, "refresh_token": refresh, "access_token_expire_in": now + ACCESS_TOKEN_TTL,
                "refresh_token_expire_in": now + REFRESH_TOKEN_TTL}

    def issue_auth_code(self, cipher: str | None = None) -> str:
        with self._lock:
            if cipher is None:
                cipher = next(iter(self._shops), None) or self.add_shop()["cipher"]
            code = base64.urlsafe_b64encode(self._rng.getrandbits(96).to_bytes(12, "big")).decode()
            self._auth_codes[code] = {"cipher": cipher, "expire_at": self.now() + AUTH_CODE_TTL, "used": False}
            return code

    def expire_access_token(self, cipher: str | None = None) -> None:
        with self._lock:
            for token in self._access_tokens.values():
                if cipher is None or token["cipher"] == cipher:
                    token["expire_at"] = min(token["expire_at"], self.now() - 1)

    # ------------------------------------------------------------------ catalogue
    def add_category(self, category_id: str, name: str, required_attributes=()) -> None:
        with self._lock:
            self.categories[str(category_id)] = {"name": name, "required_attributes": set(required_attributes)}

    @property
    def products(self) -> dict:
        with self._lock:
            return copy.deepcopy(self._products)

    def sku(self, sku_id: str) -> dict:
        with self._lock:
            for product in self._products.values():
                for sku in product["skus"]:
                    if sku["id"] == sku_id:
                        return copy.deepcopy(sku)
        raise SimulatorError(f"unknown sku {sku_id}")

    @property
    def orders(self) -> dict:
        with self._lock:
            return copy.deepcopy(self._orders)

    # ------------------------------------------------------------------ buyers
    def create_order(self, cipher: str, items: list[dict], *, status: str = "AWAITING_SHIPMENT",
                     buyer_message: str = "", shipping_fee: int = 0, recipient_address: dict | None = None) -> str:
        """A buyer checks out ``items`` = [{"sku_id": ..., "quantity": n}]. Stock is taken at once.

        Like TikTok Shop, every unit becomes its own line item.
        """
        if status not in ORDER_STATUSES:
            raise SimulatorError(f"unknown order status {status}")
        with self._lock:
            if cipher not in self._shops:
                raise SimulatorError(f"unknown shop {cipher}")
            if not items:
                raise SimulatorError("an order needs at least one item")
            wanted = []
            for entry in items:
                product, sku = self._find_sku(str(entry["sku_id"]))
                quantity = int(entry.get("quantity", 1))
                if product["shop_cipher"] != cipher or product["status"] != "ACTIVATE":
                    raise SimulatorError(f"sku {sku['id']} is not on sale in this shop")
                if quantity < 1 or quantity > sku["quantity"]:
                    raise SimulatorError(f"sku {sku['id']} has only {sku['quantity']} in stock")
                wanted.append((product, sku, quantity))
            now = self.now()
            order_id = self._id(18)
            package_id = self._id()
            line_items = []
            subtotal = 0
            for product, sku, quantity in wanted:
                sku["quantity"] -= quantity
                product["update_time"] = now
                for _ in range(quantity):
                    subtotal += int(sku["price"]["amount"])
                    line_items.append({
                        "id": self._id(18), "sku_id": sku["id"], "product_id": product["id"],
                        "product_name": product["title"], "seller_sku": sku["seller_sku"],
                        # What the buyer chose, e.g. "Ukuran: M" (empty for a single-SKU product).
                        "sku_name": ", ".join(f"{a.get('name', '')}: {a.get('value_name', '')}"
                                              for a in sku["sales_attributes"]),
                        "original_price": sku["price"]["amount"], "sale_price": sku["price"]["amount"],
                        "platform_discount": "0", "seller_discount": "0", "currency": self.currency,
                        "package_id": package_id, "display_status": _display(status), "package_status": "TO_FULFILL",
                        "tracking_number": "", "shipping_provider_id": "7117858858072016645",
                        "shipping_provider_name": "J&T Express", "is_gift": False,
                    })
            order = {
                "id": order_id, "status": status, "shop_cipher": cipher, "create_time": now, "update_time": now,
                "paid_time": None if status == "UNPAID" else now, "buyer_message": buyer_message,
                "user_id": self._id(), "commerce_platform": "TIKTOK_SHOP", "fulfillment_type": "FULFILLMENT_BY_SELLER",
                "shipping_type": "SELLER", "delivery_type": "HOME_DELIVERY", "is_cod": False, "is_on_hold_order": False,
                "shipping_provider": "J&T Express", "shipping_provider_id": "7117858858072016645",
                "tracking_number": "", "warehouse_id": self._shop_warehouse(cipher),
                "payment": {
                    "currency": self.currency, "sub_total": str(subtotal), "shipping_fee": str(shipping_fee),
                    "seller_discount": "0", "platform_discount": "0", "total_amount": str(subtotal + shipping_fee),
                    "original_total_product_price": str(subtotal), "original_shipping_fee": str(shipping_fee),
                    "tax": "0", "buyer_service_fee": "0", "shipping_insurance_fee": "0", "item_insurance_fee": "0",
                },
                "recipient_address": recipient_address or {
                    "name": "Sari Wulandari", "first_name": "Sari", "last_name": "Wulandari",
                    "phone_number": "(+62)812-****-7890", "region_code": self.region, "postal_code": "65111",
                    "address_detail": "Jl. Ijen No. 25", "address_line1": "Jl. Ijen No. 25",
                    "full_address": "Jl. Ijen No. 25, Oro-oro Dowo, Klojen, Kota Malang, Jawa Timur, 65111",
                    "district_info": [
                        {"address_level_name": "Country", "address_name": "Indonesia", "address_level": "L0"},
                        {"address_level_name": "Province", "address_name": "Jawa Timur", "address_level": "L1"},
                        {"address_level_name": "City", "address_name": "Kota Malang", "address_level": "L2"},
                        {"address_level_name": "District", "address_name": "Klojen", "address_level": "L3"},
                        {"address_level_name": "Town", "address_name": "Oro-oro Dowo", "address_level": "L4"},
                    ],
                },
                "packages": [{"id": package_id}], "line_items": line_items,
                "cancel_reason": "", "cancellation_initiator": "", "stock_returned": False,
            }
            self._orders[order_id] = order
            self._send_order_webhook(order)
            return order_id

    def set_order_status(self, order_id: str, status: str, *, initiator: str = "BUYER", reason: str = "") -> dict:
        if status not in ORDER_STATUSES:
            raise SimulatorError(f"unknown order status {status}")
        with self._lock:
            order = self._orders.get(order_id)
            if order is None:
                raise SimulatorError(f"unknown order {order_id}")
            self._transition(order, status, initiator=initiator, reason=reason)
            return copy.deepcopy(order)

    def _transition(self, order: dict, status: str, *, initiator: str = "", reason: str = "") -> None:
        now = self.now()
        order["status"] = status
        order["update_time"] = max(now, order["update_time"])
        if status != "UNPAID" and order["paid_time"] is None:
            order["paid_time"] = now
        for line in order["line_items"]:
            line["display_status"] = _display(status)
        if status == "CANCELLED":
            order["cancellation_initiator"] = initiator or "BUYER"
            order["cancel_reason"] = reason or order["cancel_reason"] or "Buyer requested cancellation"
            order["cancel_time"] = now
            if not order["stock_returned"]:
                for line in order["line_items"]:
                    try:
                        _, sku = self._find_sku(line["sku_id"])
                    except _ApiError:
                        continue
                    sku["quantity"] += 1
                order["stock_returned"] = True
        self._send_order_webhook(order)

    # ------------------------------------------------------------------ faults and calls
    def inject_faults(self, kind: str = "throttle", count: int = 1, path: str | None = None, *,
                      status: int | None = None, sleep: float | None = None) -> None:
        """The next ``count`` calls (to ``path``, a route template, if given) fail.

        throttle: HTTP 429 + code 36009002 [TT-CONCEPTS rate-limits]; server_error: HTTP 500
        (or ``status``, e.g. 503) + 36009003; timeout: answers normally after ``sleep`` seconds.
        """
        if kind not in ("throttle", "server_error", "timeout"):
            raise SimulatorError(f"unknown fault kind {kind}")
        with self._lock:
            self._faults.append({"kind": kind, "remaining": int(count), "path": path, "status": status, "sleep": sleep})

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

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

    # ------------------------------------------------------------------ webhooks
    def set_webhook(self, url: str | None) -> None:
        with self._lock:
            self.webhook_url = url

    def order_webhook_body(self, order_id: str) -> bytes:
        """The ORDER_STATUS_CHANGE body for an order's current status (the webhook says CANCEL)."""
        with self._lock:
            order = self._orders[order_id]
            shop = self._shops[order["shop_cipher"]]
            notification = self._id()
            payload = {"type": 1, "tts_notification_id": notification, "shop_id": shop["id"], "timestamp": self.now(),
                       "data": {"order_id": order["id"],
                                "order_status": "CANCEL" if order["status"] == "CANCELLED" else order["status"],
                                "is_on_hold_order": order["is_on_hold_order"], "update_time": order["update_time"]}}
        return json.dumps(payload, separators=(",", ":")).encode()

    def _send_order_webhook(self, order: dict) -> None:
        if not self.webhook_url:
            return
        body = self.order_webhook_body(order["id"])
        record = {"url": self.webhook_url, "body": body, "attempts": 0, "status": None, "error": None}
        self.webhooks.append(record)
        thread = threading.Thread(target=self._deliver, args=(record,), daemon=True)
        self._webhook_threads.append(thread)
        thread.start()

    def _deliver(self, record: dict, attempts: int = 3) -> None:
        headers = {"Content-Type": "application/json",
                   "Authorization": webhook_authorization(self.app_key, self.app_secret, record["body"])}
        for attempt in range(attempts):  # real retries come at +2 min, +30 min, ...: compressed here
            record["attempts"] = attempt + 1
            try:
                with urlopen(Request(record["url"], data=record["body"], headers=headers, method="POST"),
                             timeout=3) as resp:
                    record["status"], record["error"] = resp.status, None
                    return
            except Exception as exc:  # noqa: BLE001 - any failure is a failed delivery
                record["status"], record["error"] = getattr(exc, "code", None), str(exc)
            time.sleep(0.2 * (attempt + 1))

    def flush_webhooks(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        for thread in list(self._webhook_threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        self._webhook_threads = [t for t in self._webhook_threads if t.is_alive()]

    def state(self) -> dict:
        with self._lock:
            per_path: dict[str, dict] = {}
            for c in self.calls:
                entry = per_path.setdefault(c.path, {"ok": 0, "failed": 0})
                entry["ok" if c.ok else "failed"] += 1
            return {
                "app_key": self.app_key, "now": self.now(),
                "shops": [{k: v for k, v in s.items()} for s in self._shops.values()],
                "products": list(self._products.values()), "orders": list(self._orders.values()),
                "calls": per_path, "call_count": len(self.calls),
                "write_call_count": sum(1 for c in self.calls if c.path in WRITE_PATHS),
                "faults": [f for f in self._faults if f["remaining"] > 0], "webhook_url": self.webhook_url,
                "webhooks": [{k: w[k] for k in ("status", "attempts", "error")} for w in self.webhooks],
                "activities": [self._activity_out(a) for a in self._activities.values()],
            }

    # ================================================================== HTTP API
    def handle(self, method: str, path: str, query: dict[str, list[str]], headers, raw: bytes):
        """Returns (status, headers, body) where body is a dict, or a redirect location for 302."""
        request_id = uuid.uuid4().hex.upper()[:34]
        route, args = _route(path, method)
        template = route[0] if route else path
        ok = False
        try:
            if route is None:
                raise _ApiError(
                    36009009, "Invalid path. The specified path does not match any available endpoint.", 404
                )
            _, expected_method, scope, handler_name = route
            fault = self._take_fault(template)
            if fault:
                if fault["kind"] == "throttle":
                    raise _ApiError(36009002, "Too many requests. You've made too many requests in a short period "
                                              "of time.", 429)
                if fault["kind"] == "server_error":
                    raise _ApiError(36009003, "Internal error. Please try again.", fault["status"] or 500)
                time.sleep(fault["sleep"] if fault["sleep"] is not None else self.timeout_sleep)
            if method != expected_method:
                raise _ApiError(
                    36009010, "Invalid method. The HTTP method used is not supported by this endpoint.", 405
                )
            q = {k: v[-1] for k, v in query.items()}
            body = {}
            with self._lock:
                if scope == AUTH:
                    result = getattr(self, handler_name)(q=q)
                    if isinstance(result, _Redirect):
                        ok = True
                        return 302, {"Location": result.location}, None
                else:
                    cipher = self._authenticate(path, scope, q, headers, raw)
                    if expected_method in ("POST", "PUT", "DELETE") and scope != MULTIPART:
                        ctype = headers.get("content-type") or headers.get("Content-Type") or ""
                        if "application/json" not in ctype:
                            raise _ApiError(36009022, "Invalid request format. The request body format must be "
                                                      "application/json.")
                        try:
                            body = json.loads(raw.decode() or "{}")
                        except ValueError:
                            raise _ApiError(36009001, "Invalid request body: not JSON.") from None
                        if not isinstance(body, dict):
                            raise _ApiError(36009001, "Invalid request body: not an object.")
                    result = getattr(self, handler_name)(cipher=cipher, q=q, query=query, body=body, raw=raw,
                                                         headers=headers, **args)
            ok = True
            return 200, {}, {"code": 0, "message": "Success", "request_id": request_id, "data": result}
        except _ApiError as exc:
            status = exc.http_status or self.error_http_status
            answer = {"code": exc.code, "message": exc.message, "request_id": request_id}
            if exc.data is not None:
                answer["data"] = exc.data
            return status, exc.headers, answer
        finally:
            with self._lock:
                self.calls.append(SimCall(method, template, ok))

    def _authenticate(self, path: str, scope: str, q: dict, headers, raw: bytes) -> str | None:
        if q.get("app_key") != self.app_key:
            raise _ApiError(36009004, "Invalid credentials. Invalid `app_key` query parameter.", 401)
        try:
            timestamp = int(q.get("timestamp", ""))
        except ValueError:
            raise _ApiError(36009004, "Invalid timestamp.", 401) from None
        if len(str(timestamp)) != 10 or timestamp < self.now() - TIMESTAMP_PAST:
            raise _ApiError(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be "
                                      "earlier than 5 minutes before the current time.", 401)
        if timestamp > self.now() + TIMESTAMP_FUTURE:
            raise _ApiError(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not "
                                      "exceed the current time by more than 30 seconds.", 401)
        if not q.get("sign"):
            raise _ApiError(36009004, "Missing credentials. The request does not include a required signature.", 401)
        signed_body = b"" if scope == MULTIPART else raw
        if not hmac.compare_digest(q["sign"], sign_request(self.app_secret, path, q, signed_body)):
            raise _ApiError(106001, "Invalid credentials. The `sign` query parameter is invalid.", 401)
        token_value = headers.get("x-tts-access-token") or ""
        token = self._access_tokens.get(token_value)
        if token is None:
            raise _ApiError(36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.", 401)
        if token["expire_at"] <= self.now():
            raise _ApiError(105002, "Expired credentials. The `x-tts-access-token` header has expired.", 401)
        cipher = q.get("shop_cipher")
        if scope in (SHOP,):
            if not cipher:
                raise _ApiError(106013, "Missing identifier. The `shop_cipher` query parameter is required.")
            if cipher != token["cipher"]:
                raise _ApiError(36009004, "Invalid identifier. The `shop_cipher` does not match the access token.")
            return cipher
        if cipher:
            raise _ApiError(36009004, "Unexpected identifier. The `shop_cipher` query parameter is not required for "
                                      "this request.")
        return token["cipher"]

    # ------------------------------------------------------------------ auth host
    def _check_app(self, q: dict) -> None:
        if q.get("app_key") != self.app_key or q.get("app_secret") != self.app_secret:
            raise _ApiError(36009004, "Invalid credentials. app_key or app_secret is invalid.")

    def _token_answer(self, cipher: str, pair: dict) -> dict:
        shop = self._shops[cipher]
        return {"access_token": pair["access_token"], "access_token_expire_in": pair["access_token_expire_in"],
                "refresh_token": pair["refresh_token"], "refresh_token_expire_in": pair["refresh_token_expire_in"],
                "open_id": shop["id"], "seller_name": shop["name"], "seller_base_region": self.region,
                "user_type": 0, "granted_scopes": ["seller.authorization.info", "seller.product.basic",
                                                   "seller.order.info", "seller.fulfillment.basic",
                                                   "seller.return_refund.basic"]}

    def auth_token_get(self, *, q):
        self._check_app(q)
        if q.get("grant_type") != "authorized_code":
            raise _ApiError(36004004, "grant_type must be authorized_code")
        code = self._auth_codes.get(q.get("auth_code") or "")
        if code is None or code["used"] or code["expire_at"] <= self.now():
            raise _ApiError(36004004, "auth_code is invalid or expired")
        code["used"] = True
        return self._token_answer(code["cipher"], self._issue_tokens(code["cipher"]))

    def auth_token_refresh(self, *, q):
        self._check_app(q)
        if q.get("grant_type") != "refresh_token":
            raise _ApiError(36004004, "grant_type must be refresh_token")
        token = self._refresh_tokens.get(q.get("refresh_token") or "")
        if token is None or token["used"] or token["expire_at"] <= self.now():
            raise _ApiError(36004004, "refresh_token is invalid or expired")
        if self.rotate_refresh_token:
            token["used"] = True
            pair = self._issue_tokens(token["cipher"])
        else:
            pair = self._issue_tokens(token["cipher"], refresh_token=q["refresh_token"])
        return self._token_answer(token["cipher"], pair)

    def authorize_page(self, *, q):
        """The seller approves at once; TikTok then sends them to the registered redirect URL."""
        if q.get("service_id") != self.service_id and q.get("app_key") != self.app_key:
            raise _ApiError(36009004, "unknown service_id")
        if not self.redirect_url:
            raise _ApiError(36009004, "no redirect URL registered for this app (set it in the simulator)")
        code = self.issue_auth_code()
        parts = urlsplit(self.redirect_url)
        extra = urlencode({"code": code, "state": q.get("state", "")})
        return _Redirect(urlunsplit((parts.scheme, parts.netloc, parts.path,
                                     f"{parts.query}&{extra}" if parts.query else extra, "")))

    # ------------------------------------------------------------------ shop-level APIs
    def api_shops(self, *, cipher, **_):
        shop = self._shops[cipher]
        return {"shops": [{k: shop[k] for k in ("id", "name", "region", "seller_type", "cipher", "code")}]}

    def _shop_warehouse(self, cipher: str) -> str:
        return self._shops[cipher]["warehouses"][0]["id"]

    def api_warehouses(self, *, cipher, **_):
        return {"warehouses": copy.deepcopy(self._shops[cipher]["warehouses"])}

    def api_upload_image(self, *, raw, headers, **_):
        ctype = headers.get("content-type") or headers.get("Content-Type") or ""
        if "multipart/form-data" not in ctype:
            raise _ApiError(36009023, "Invalid request format. The value of the `content-type` header must be "
                                      "multipart/form-data.")
        msg = BytesParser(policy=email_default_policy).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\nMIME-Version: 1.0\r\n\r\n" + raw)
        fields = {}
        for part in msg.iter_parts() if msg.is_multipart() else []:
            fields[part.get_param("name", header="content-disposition")] = part.get_payload(decode=True) or b""
        data = fields.get("data")
        if not data:
            raise _ApiError(12038002, "Invalid upload file. Please ensure you are passing the correct file data.")
        use_case = (fields.get("use_case") or b"MAIN_IMAGE").decode()
        if use_case not in ("MAIN_IMAGE", "ATTRIBUTE_IMAGE", "DESCRIPTION_IMAGE", "CERTIFICATION_IMAGE",
                            "SIZE_CHART_IMAGE"):
            raise _ApiError(11050001, "invalid param: use_case")
        if len(data) > 10 * 1024 * 1024:
            raise _ApiError(12038005, "The file size exceeds the maximum allowed size.")
        try:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                fmt = image.format
        except Exception:  # noqa: BLE001 - anything Pillow cannot read is not an image
            raise _ApiError(12038004, "Failed to process the image. The format or content is not supported.") from None
        if fmt not in ("JPEG", "PNG", "WEBP", "BMP", "GIF", "TIFF", "HEIF"):
            raise _ApiError(12038004, "Failed to process the image. The format or content is not supported.")
        if use_case == "MAIN_IMAGE" and not (300 <= min(width, height) and max(width, height) <= 4000):
            raise _ApiError(12019116, "The image dimensions exceed the allowed limits (300-4000 px).")
        uri = f"tos-alisg-i-sim/{self._rng.getrandbits(128):032x}"
        self._images[uri] = {"data": data, "format": fmt}
        return {"uri": uri, "url": f"{self.base_url}/_sim/images/{uri}", "width": width, "height": height,
                "use_case": use_case}

    def _validate_product(self, body: dict, *, creating: bool) -> None:
        def present(name):
            return name in body and body[name] is not None

        if creating or present("title"):
            title = body.get("title")
            if not isinstance(title, str) or not 25 <= len(title) <= 255:
                raise _ApiError(12019003, "product title is invalid: length must be 25-255 characters for ID")
        if creating or present("description"):
            if not isinstance(body.get("description"), str) or not body["description"].strip() \
                    or len(body["description"]) > 10000:
                raise _ApiError(12019006, "product description is invalid")
        category = body.get("category_id")
        if creating:
            if not isinstance(category, str) or category not in self.categories:
                raise _ApiError(12052023, "Category does not exist")
        if creating or present("main_images"):
            images = body.get("main_images")
            if not isinstance(images, list) or not 1 <= len(images) <= 9:
                raise _ApiError(12019009, "main_images must hold 1 to 9 images")
            for image in images:
                if not isinstance(image, dict) or image.get("uri") not in self._images:
                    raise _ApiError(12019009, "main image uri does not exist: upload it first")
        if creating or present("package_weight"):
            weight = body.get("package_weight")
            if not isinstance(weight, dict) or weight.get("unit") != "KILOGRAM" or not _weight_ok(weight.get("value")):
                raise _ApiError(12019011, "product package weight is invalid")
        if present("package_dimensions"):
            dims = body["package_dimensions"]
            if not isinstance(dims, dict) or dims.get("unit") != "CENTIMETER" or not all(
                    isinstance(dims.get(k), str) and dims[k].isdigit() and int(dims[k]) > 0
                    for k in ("length", "width", "height")):
                raise _ApiError(12019012, "product package size is invalid")
        if creating or present("product_attributes"):
            attributes = body.get("product_attributes") or []
            if not isinstance(attributes, list):
                raise _ApiError(12019004, "product_attributes is invalid")
            given = set()
            for attribute in attributes:
                if not isinstance(attribute, dict) or not isinstance(attribute.get("id"), str) \
                        or not isinstance(attribute.get("values"), list) or not attribute["values"]:
                    raise _ApiError(12019004, "product attribute is invalid: id (string) and values are required")
                for value in attribute["values"]:
                    if not isinstance(value, dict) or not (isinstance(value.get("id"), str) or
                                                           (isinstance(value.get("name"), str) and value["name"])):
                        raise _ApiError(12019004, "product attribute value needs an id or a name")
                given.add(attribute["id"])
            required = self.categories.get(category or "", {}).get("required_attributes", set()) if creating else set()
            missing = sorted(required - given)
            if missing:
                raise _ApiError(12052217, f"Required product attributes are missing: {', '.join(missing)}")
        if present("save_mode") and body["save_mode"] not in ("LISTING", "AS_DRAFT"):
            raise _ApiError(12019001, "save_mode is invalid")

    def _validate_price(self, price: Any) -> None:
        if not isinstance(price, dict) or price.get("currency") != self.currency \
                or not _whole_rupiah(price.get("amount")):
            raise _ApiError(12052012, "Incorrect price format: amount must be a whole-rupiah string, currency IDR")

    def _validate_quantity(self, quantity: Any) -> None:
        low = 0 if self.accept_zero_inventory else 1
        if not _is_int(quantity) or not low <= quantity <= 99999:
            raise _ApiError(12019024, "stock count is invalid")

    def api_create_product(self, *, cipher, body, **_):
        self._validate_product(body, creating=True)
        skus = body.get("skus")
        if not isinstance(skus, list) or not 1 <= len(skus) <= 100:
            raise _ApiError(12019019, "skus must hold 1 to 100 SKUs")
        if len(skus) > 1 and any(not s.get("sales_attributes") for s in skus if isinstance(s, dict)):
            raise _ApiError(12019019, "sale property is invalid: several SKUs need sales_attributes")
        if len(skus) > 1:
            _check_sales_attributes([s.get("sales_attributes") for s in skus if isinstance(s, dict)])
        warehouse = self._shop_warehouse(cipher)
        made = []
        for sku in skus:
            if not isinstance(sku, dict):
                raise _ApiError(12019019, "sku is invalid")
            self._validate_price(sku.get("price"))
            inventory = sku.get("inventory")
            if not isinstance(inventory, list) or len(inventory) != 1 or not isinstance(inventory[0], dict) \
                    or inventory[0].get("warehouse_id") != warehouse:
                raise _ApiError(12019022, "SKU must contain a valid warehouse.")
            self._validate_quantity(inventory[0].get("quantity"))
            if "seller_sku" in sku and not isinstance(sku["seller_sku"], str):
                raise _ApiError(12019059, "seller sku is invalid")
            made.append({"id": self._id(), "seller_sku": sku.get("seller_sku", ""), "price": dict(sku["price"]),
                         "quantity": inventory[0]["quantity"], "warehouse_id": warehouse,
                         "sales_attributes": copy.deepcopy(sku.get("sales_attributes") or [])})
        now = self.now()
        product_id = self._id()
        self._products[product_id] = {
            "id": product_id, "shop_cipher": cipher,
            "status": "DRAFT" if body.get("save_mode") == "AS_DRAFT" else "ACTIVATE",
            "title": body["title"], "description": body["description"], "category_id": body["category_id"],
            "main_images": copy.deepcopy(body["main_images"]), "package_weight": dict(body["package_weight"]),
            "product_attributes": copy.deepcopy(body.get("product_attributes") or []),
            "is_cod_allowed": bool(body.get("is_cod_allowed")), "skus": made, "create_time": now, "update_time": now,
        }
        return {"product_id": product_id, "skus": [{"id": s["id"], "seller_sku": s["seller_sku"],
                                                    "sales_attributes": s["sales_attributes"]} for s in made],
                "warnings": []}

    def _shop_product(self, cipher: str, product_id: str) -> dict:
        product = self._products.get(product_id)
        if product is None or product["status"] == "DELETED":
            raise _ApiError(12052032, "The product does not exist")
        if product["shop_cipher"] != cipher:
            raise _ApiError(12052048, "You cannot edit the specified product(s) as it isn't listed in your shop.")
        return product

    def _find_sku(self, sku_id: str):
        for product in self._products.values():
            for sku in product["skus"]:
                if sku["id"] == sku_id:
                    return product, sku
        raise _ApiError(12052036, f"sku {sku_id} does not exist")

    def api_partial_edit(self, *, cipher, body, product_id, **_):
        product = self._shop_product(cipher, product_id)
        if product["status"] in ("FREEZE", "DELETED"):
            raise _ApiError(12019113, "product status is invalid")
        if "category_id" in body:
            raise _ApiError(12019001, "category_id cannot be changed by partial edit")
        self._validate_product(body, creating=False)
        edits = []
        for entry in body.get("skus") or []:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise _ApiError(12052036, "The SKU ID is necessary")
            sku = next((s for s in product["skus"] if s["id"] == entry["id"]), None)
            if sku is None:
                raise _ApiError(12019057, "sku not allow add: unknown SKU id for this product")
            if "price" in entry:
                self._validate_price(entry["price"])
            if "inventory" in entry:
                inventory = entry["inventory"]
                if not isinstance(inventory, list) or len(inventory) != 1 or not isinstance(inventory[0], dict):
                    raise _ApiError(12019028, "Include all warehouse IDs and the corresponding quantities")
                self._validate_quantity(inventory[0].get("quantity"))
            edits.append((sku, entry))
        for sku, entry in edits:  # price and inventory edits need no re-audit
            if "price" in entry:
                sku["price"] = {"amount": entry["price"]["amount"], "currency": entry["price"]["currency"]}
            if "inventory" in entry:
                sku["quantity"] = entry["inventory"][0]["quantity"]
            if isinstance(entry.get("seller_sku"), str):
                sku["seller_sku"] = entry["seller_sku"]
        for field in ("title", "description", "main_images", "package_weight", "product_attributes",
                      "is_cod_allowed"):
            if body.get(field) is not None:
                product[field] = copy.deepcopy(body[field])
        product["update_time"] = self.now()
        return {"product_id": product_id, "skus": [{"id": s["id"], "seller_sku": s["seller_sku"]}
                                                   for s in product["skus"]], "audit": {"status": "AUDITING"}}

    def api_get_product(self, *, cipher, product_id, **_):
        product = self._shop_product(cipher, product_id)
        out = copy.deepcopy(product)
        out.pop("shop_cipher")
        out["skus"] = [
            {
                "id": s["id"],
                "seller_sku": s["seller_sku"],
                "price": {**s["price"], "sale_price": s["price"]["amount"]},
                "inventory": [{"warehouse_id": s["warehouse_id"], "quantity": s["quantity"]}],
                "sales_attributes": s["sales_attributes"],
            }
            for s in product["skus"]
        ]
        return out

    def _skus_of(self, product: dict, body: dict) -> list[tuple[dict, dict]]:
        entries = body.get("skus")
        if not isinstance(entries, list) or not entries:
            raise _ApiError(12052036, "The SKU ID is necessary")
        pairs = []
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise _ApiError(12052036, "The SKU ID is necessary")
            sku = next((s for s in product["skus"] if s["id"] == entry["id"]), None)
            pairs.append((entry, sku))
        return pairs

    def api_update_price(self, *, cipher, body, product_id, **_):
        product = self._shop_product(cipher, product_id)
        if product["status"] != "ACTIVATE":
            raise _ApiError(12019113, "product status is invalid")
        pairs = self._skus_of(product, body)
        for entry, sku in pairs:
            if sku is None:
                raise _ApiError(12052036, "All SKUs must belong to the product")
            self._validate_price(entry.get("price"))
        for entry, sku in pairs:  # all or nothing
            sku["price"] = {"amount": entry["price"]["amount"], "currency": entry["price"]["currency"]}
        product["update_time"] = self.now()
        return {}

    def api_update_inventory(self, *, cipher, body, product_id, **_):
        """Per-SKU failures come back inside ``data.errors`` with code 0 [TT-API:products/update-inventory]."""
        product = self._shop_product(cipher, product_id)
        errors = []
        for entry, sku in self._skus_of(product, body):
            problem = None
            if sku is None:
                problem = (12052036, "The SKU does not belong to this product", [])
            elif product["status"] != "ACTIVATE":
                problem = (12019113, "product status is invalid", [])
            else:
                inventory = entry.get("inventory")
                if not isinstance(inventory, list) or len(inventory) != 1 or not isinstance(inventory[0], dict):
                    problem = (12019028, "Include all warehouse IDs and the corresponding quantities", [])
                elif inventory[0].get("warehouse_id", sku["warehouse_id"]) != sku["warehouse_id"]:
                    problem = (12052990, "Check failed", [{"warehouse_id": inventory[0].get("warehouse_id"),
                                                          "code": 12052097, "message": "The warehouse does not exist"}])
                else:
                    try:
                        self._validate_quantity(inventory[0].get("quantity"))
                    except _ApiError as exc:
                        problem = (exc.code, exc.message, [])
            if problem:
                detail = {"sku_id": entry["id"]}
                if problem[2]:
                    detail["extra_errors"] = problem[2]
                errors.append({"code": problem[0], "message": problem[1], "detail": detail})
                continue
            sku["quantity"] = entry["inventory"][0]["quantity"]
            product["update_time"] = self.now()
        return {"errors": errors} if errors else {}

    def _set_status(self, cipher, body, status, allowed_from):
        ids = body.get("product_ids")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise _ApiError(12019008, "Product id is invalid")
        if len(ids) > 20:
            raise _ApiError(12019120, "The number of provided product IDs exceeds the limit.")
        errors = []
        for product_id in ids:
            product = self._products.get(product_id)
            if product is None or product["shop_cipher"] != cipher or product["status"] == "DELETED":
                errors.append({"code": 12052048, "message": "You can't edit other sellers' products",
                               "detail": {"product_id": product_id}})
            elif product["status"] not in allowed_from and product["status"] != status:
                errors.append({"code": 12019113, "message": "product status is invalid",
                               "detail": {"product_id": product_id}})
            else:
                product["status"] = status
                product["update_time"] = self.now()
        return {"errors": errors} if errors else {}

    def api_activate(self, *, cipher, body, **_):
        return self._set_status(cipher, body, "ACTIVATE", ("SELLER_DEACTIVATED", "DRAFT"))

    def api_deactivate(self, *, cipher, body, **_):
        return self._set_status(cipher, body, "SELLER_DEACTIVATED", ("ACTIVATE",))

    def api_inventory_search(self, *, cipher, body, **_):
        product_ids, sku_ids = body.get("product_ids"), body.get("sku_ids")
        if product_ids is not None and (not isinstance(product_ids, list) or len(product_ids) > 100):
            raise _ApiError(12019120, "The number of provided product IDs exceeds the limit.")
        if sku_ids is not None and (not isinstance(sku_ids, list) or len(sku_ids) > 600):
            raise _ApiError(12019015, "The number of SKU exceed the limit")
        out = []
        for product in self._products.values():
            if product["shop_cipher"] != cipher or product["status"] == "DELETED":
                continue
            skus = [s for s in product["skus"] if (sku_ids and s["id"] in sku_ids)
                    or (not sku_ids and product_ids and product["id"] in product_ids)]
            if skus:
                out.append({"product_id": product["id"], "skus": [{
                    "id": s["id"], "seller_sku": s["seller_sku"], "total_available_quantity": s["quantity"],
                    "total_committed_quantity": 0,
                    "warehouse_inventory": [{"warehouse_id": s["warehouse_id"], "available_quantity": s["quantity"],
                                             "committed_quantity": 0}]} for s in skus]})
        return {"inventory": out}

    # ------------------------------------------------------------------ orders
    def api_search_orders(self, *, cipher, q, body, **_):
        try:
            page_size = int(q.get("page_size", ""))
        except ValueError:
            raise _ApiError(36009001, "Invalid parameter: page_size is required") from None
        if not 1 <= page_size <= 100:
            raise _ApiError(36009001, "Invalid parameter: page_size must be within [1-100]")
        sort_field = q.get("sort_field") or "create_time"
        sort_order = q.get("sort_order") or "DESC"
        if sort_field not in ("create_time", "update_time") or sort_order not in ("ASC", "DESC"):
            raise _ApiError(36009001, "Invalid parameter: sort_field / sort_order")
        offset = 0
        if q.get("page_token"):
            try:
                offset = int(base64.b64decode(q["page_token"]).decode().split(":", 1)[1])
            except (ValueError, IndexError, UnicodeDecodeError):
                raise _ApiError(36009001, "Invalid parameter: page_token") from None
        bounds = {}
        for key in ("create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt"):
            if key in body:
                if not _is_int(body[key]):
                    raise _ApiError(36009001, f"Invalid parameter: {key} must be unix seconds (int)")
                bounds[key] = body[key]
        status = body.get("order_status")
        if status is not None and status not in ORDER_STATUSES:
            raise _ApiError(36009001, "Invalid parameter: order_status")

        def keep(order):
            if order["shop_cipher"] != cipher or (status and order["status"] != status):
                return False
            for field in ("create_time", "update_time"):
                if f"{field}_ge" in bounds and order[field] < bounds[f"{field}_ge"]:
                    return False
                if f"{field}_lt" in bounds and order[field] >= bounds[f"{field}_lt"]:
                    return False
            return True

        rows = sorted((o for o in self._orders.values() if keep(o)), key=lambda o: (o[sort_field], o["id"]),
                      reverse=sort_order == "DESC")
        page = rows[offset:offset + page_size]
        more = offset + page_size < len(rows)
        token = base64.b64encode(f"sim:{offset + page_size}".encode()).decode() if more else ""
        return {"next_page_token": token, "total_count": len(rows), "orders": [self._order_out(o) for o in page]}

    def _order_out(self, order: dict) -> dict:
        out = copy.deepcopy(order)
        for key in ("shop_cipher", "stock_returned"):
            out.pop(key, None)
        if out["paid_time"] is None:
            out.pop("paid_time")
        return out

    def api_order_detail(self, *, cipher, q, **_):
        ids = [i for i in (q.get("ids") or "").split(",") if i]
        if not ids:
            raise _ApiError(36009001, "Invalid parameter: ids is required")
        if len(ids) > 50:
            raise _ApiError(36009001, "Invalid parameter: ids holds at most 50 order ids")
        return {"orders": [self._order_out(self._orders[i]) for i in ids
                           if i in self._orders and self._orders[i]["shop_cipher"] == cipher]}

    def api_ship_package(self, *, cipher, body, package_id, **_):
        order = next((o for o in self._orders.values() if o["shop_cipher"] == cipher
                      and any(p["id"] == package_id for p in o["packages"])), None)
        if order is None:
            raise _ApiError(11001002, "invalid param: package does not exist")
        if order["status"] not in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"):
            raise _ApiError(11006021, "Package has been shipped or cannot be shipped in status " + order["status"])
        self_shipment = body.get("self_shipment")
        if self_shipment is not None:
            if (
                not isinstance(self_shipment, dict)
                or not isinstance(self_shipment.get("tracking_number"), str)
                or not self_shipment["tracking_number"]
                or not isinstance(self_shipment.get("shipping_provider_id"), str)
                or not self_shipment["shipping_provider_id"]
            ):
                raise _ApiError(11001002, "invalid param: self_shipment needs tracking_number and shipping_provider_id")
            tracking = self_shipment["tracking_number"]
            next_status = "IN_TRANSIT"
        else:
            if body.get("handover_method") not in ("PICKUP", "DROP_OFF"):
                raise _ApiError(11001002, "invalid param: handover_method must be PICKUP or DROP_OFF")
            tracking = f"JX{self._rng.getrandbits(40):012d}"
            next_status = "AWAITING_COLLECTION"
        order["tracking_number"] = tracking
        for line in order["line_items"]:
            line["tracking_number"] = tracking
            line["package_status"] = "PROCESSING"
        self._transition(order, next_status)
        return {}

    def api_cancel_order(self, *, cipher, body, **_):
        order_id = body.get("order_id")
        if not isinstance(order_id, str):
            raise _ApiError(25001001, "An invalid request parameter was passed: order_id")
        order = self._orders.get(order_id)
        if order is None or order["shop_cipher"] != cipher:
            raise _ApiError(25001001, "An invalid request parameter was passed: unknown order_id")
        if order["status"] not in ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"):
            raise _ApiError(25001011, "A return request is already in process, or the order has already been "
                                      "cancelled or shipped.")
        reasons = SELLER_CANCEL_REASONS["UNPAID" if order["status"] == "UNPAID" else "PAID"]
        reason = body.get("cancel_reason")
        if not isinstance(reason, str) or not reason:
            raise _ApiError(25001001, "An invalid request parameter was passed: cancel_reason")
        if reason not in reasons:
            raise _ApiError(25001015, "The provided return reason cannot be used by the seller.")
        self._transition(order, "CANCELLED", initiator="SELLER", reason=reason)
        return {"cancel_id": self._id(), "cancel_status": "CANCELLATION_REQUEST_SUCCESS"}

    # ================================================================== control API (/_sim/)
    def handle_control(self, method: str, path: str, raw: bytes):
        try:
            body = json.loads(raw.decode() or "{}") if method == "POST" else {}
        except ValueError:
            return 400, {"error": "body must be JSON"}
        parts = [p for p in path.split("/") if p][1:]
        try:
            if parts and parts[0] == "activities":
                return self._activity_control(method, parts, body)
            if method == "GET" and parts == ["state"]:
                return 200, self.state()
            if method == "POST" and parts == ["shops"]:
                return 200, self.add_shop(shop_id=body.get("shop_id"), name=body.get("name", "Sim shop"),
                                          cipher=body.get("cipher"), access_token=body.get("access_token"),
                                          refresh_token=body.get("refresh_token"))
            if method == "POST" and parts == ["auth_code"]:
                return 200, {"code": self.issue_auth_code(body.get("cipher"))}
            if method == "POST" and parts == ["expire_token"]:
                self.expire_access_token(body.get("cipher"))
                return 200, {}
            if method == "POST" and parts == ["orders"]:
                return 200, {"order_id": self.create_order(body["cipher"], body.get("items") or [],
                                                           status=body.get("status", "AWAITING_SHIPMENT"),
                                                           buyer_message=body.get("buyer_message", ""))}
            if method == "POST" and len(parts) == 3 and parts[0] == "orders" and parts[2] == "status":
                return 200, self.set_order_status(parts[1], body["status"], initiator=body.get("initiator", "BUYER"),
                                                  reason=body.get("reason", ""))
            if method == "POST" and parts == ["faults"]:
                if body.get("clear"):
                    self.clear_faults()
                else:
                    self.inject_faults(body.get("kind", "throttle"), int(body.get("count", 1)), body.get("path"),
                                       status=body.get("status"), sleep=body.get("sleep"))
                return 200, {}
            if method == "POST" and parts == ["webhook"]:
                self.set_webhook(body.get("url"))
                return 200, {"url": self.webhook_url}
            if method == "POST" and parts == ["redirect_url"]:
                self.redirect_url = body.get("url")
                return 200, {"url": self.redirect_url}
            if method == "POST" and parts == ["clock"]:
                self.advance(float(body.get("advance", 0)))
                return 200, {"now": self.now()}
            if method == "POST" and parts == ["config"]:
                for key in ("error_http_status", "accept_zero_inventory", "rotate_refresh_token", "timeout_sleep"):
                    if key in body:
                        setattr(self, key, body[key])
                return 200, {}
            return 404, {"error": f"no control endpoint {method} {path}"}
        except (KeyError, TypeError, ValueError) as exc:
            return 400, {"error": str(exc)}

    # ================================================================== promotion activities
    # Product discounts [TT-API:promotion/create-activity, update-activity-product,
    # remove-activity-product, deactivate-activity, get-activity, search-activities].
    # FIXED_PRICE and DIRECT_DISCOUNT at PRODUCT level. UNCONFIRMED (the docs name the errors,
    # not the numbers; set with POST /_sim/activities/config): the shortest period (1 hour,
    # 17029006), the longest (180 days, 17029007) and the largest discount (90 % off,
    # 17029020 "Product discount exceeds limit"). A deal price not below the original is
    # "activity_price_amount is invalid" (17029034).

    def _activity_status(self, activity: dict) -> str:
        if activity["deactivated"]:
            return "DEACTIVATED"
        now = self.now()
        if activity["end_time"] <= now:
            return "EXPIRED"
        return "ONGOING" if activity["begin_time"] <= now else "NOT_START"

    def _activity_out(self, activity: dict, *, products: bool = True) -> dict:
        out = {"id": activity["id"], "title": activity["title"], "activity_type": activity["activity_type"],
               "product_level": activity["product_level"], "begin_time": activity["begin_time"],
               "end_time": activity["end_time"], "status": self._activity_status(activity),
               "create_time": activity["create_time"], "update_time": activity["update_time"],
               "shop_cipher": activity["shop_cipher"]}
        if products:
            out["products"] = [copy.deepcopy(p) for p in activity["products"].values()]
        return out

    def activities(self) -> list[dict]:
        with self._lock:
            return [self._activity_out(a) for a in self._activities.values()]

    def create_activity(self, cipher: str, *, title: str, begin_time: int, end_time: int,
                        activity_type: str = "FIXED_PRICE", products: list[dict] = ()) -> str:
        """An activity made in Seller Center; ``products``: [{id, price}]. Returns its id."""
        with self._lock:
            now = self.now()
            activity_id = self._id()
            self._activities[activity_id] = {
                "id": activity_id, "shop_cipher": cipher, "title": title, "activity_type": activity_type,
                "product_level": "PRODUCT", "begin_time": int(begin_time), "end_time": int(end_time),
                "deactivated": False, "create_time": now, "update_time": now, "products": {}}
            for entry in products:
                self._activities[activity_id]["products"][str(entry["id"])] = {
                    "id": str(entry["id"]), "activity_price": {"amount": str(entry["price"]),
                                                               "currency": self.currency},
                    "quantity_limit": -1, "quantity_per_user": -1, "skus": []}
            return activity_id

    def _shop_activity(self, cipher: str, activity_id: str) -> dict:
        activity = self._activities.get(activity_id)
        if activity is None:
            raise _ApiError(17029009, "Activity does not exist")
        if activity["shop_cipher"] != cipher:
            raise _ApiError(17029028, "You are specifying activities not in your shop.")
        return activity

    def _editable_activity(self, cipher: str, activity_id: str) -> dict:
        activity = self._shop_activity(cipher, activity_id)
        status = self._activity_status(activity)
        if status == "DEACTIVATED":
            raise _ApiError(17029010, "Activity is deactivated")
        if status == "EXPIRED":
            raise _ApiError(17029012, "Not allowed to update expired activities")
        return activity

    def api_create_activity(self, *, cipher, body, **_):
        title = body.get("title")
        if not isinstance(title, str) or not title.strip():
            raise _ApiError(17029003, "The activity title is empty.")
        if len(title) > 50:
            raise _ApiError(17029002, "Title Length Too Long")
        if body.get("activity_type") not in ("FIXED_PRICE", "DIRECT_DISCOUNT"):
            raise _ApiError(17029036, "ActivityType is not supported.")
        if body.get("product_level") not in ("PRODUCT", "VARIATION"):
            raise _ApiError(17029001, "Invalid parameters: product_level")
        if body.get("duration_type", "NORMAL") != "NORMAL":
            raise _ApiError(17029001, "Invalid parameters: INDEFINITE is only valid for SHIPPING_DISCOUNT")
        begin, end = body.get("begin_time"), body.get("end_time")
        if not _is_int(begin) or not _is_int(end):
            raise _ApiError(17029001, "Invalid parameters: begin_time and end_time are required")
        if any(a["title"] == title and a["shop_cipher"] == cipher for a in self._activities.values()):
            raise _ApiError(17029004, "Duplicate activity title.")
        if begin <= self.now():
            raise _ApiError(17029005, "Begin Time Earlier Than Now")
        if end - begin < self.activity_min_period:
            raise _ApiError(17029006, "The activity period is too short.")
        if end - begin > self.activity_max_period:
            raise _ApiError(17029007, "The activity period is too long.")
        activity_id = self.create_activity(cipher, title=title, begin_time=begin, end_time=end,
                                           activity_type=body["activity_type"])
        activity = self._activities[activity_id]
        activity["product_level"] = body["product_level"]
        return {"activity_id": activity_id, "create_time": activity["create_time"],
                "update_time": activity["update_time"], "status": self._activity_status(activity)}

    def _conflicting_activity(self, activity: dict, product_id: str) -> bool:
        for other in self._activities.values():
            if other is activity or other["shop_cipher"] != activity["shop_cipher"]:
                continue
            if self._activity_status(other) in ("ONGOING", "NOT_START") and product_id in other["products"] \
                    and other["begin_time"] < activity["end_time"] and activity["begin_time"] < other["end_time"]:
                return True
        return False

    def api_update_activity_products(self, *, cipher, body, activity_id, **_):
        activity = self._editable_activity(cipher, activity_id)
        if body.get("activity_id") not in (None, activity_id):
            raise _ApiError(17029001, "Invalid parameters: activity_id")
        products = body.get("products")
        if not isinstance(products, list) or not products:
            raise _ApiError(17029033, "`products` is empty.")
        if len(products) > 300:
            raise _ApiError(17029046, "Number of items per request exceeds the limit.")
        fixed = activity["activity_type"] == "FIXED_PRICE"
        planned, seen = [], set()
        for entry in products:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise _ApiError(17029001, "Invalid parameters: products.id")
            product_id = entry["id"]
            if product_id in seen:
                raise _ApiError(17029039, "Duplicate product ID.")
            seen.add(product_id)
            product = self._products.get(product_id)
            if product is None or product["status"] == "DELETED":
                raise _ApiError(17029051, "Product ID not found.")
            if product["shop_cipher"] != cipher:
                raise _ApiError(17029017, "You are specifying products not in your shop.")
            if product["status"] != "ACTIVATE":
                raise _ApiError(17029056, "Invalid product status.")
            for limit in ("quantity_limit", "quantity_per_user"):
                value = entry.get(limit)
                if not _is_int(value) or not (value == -1 or 1 <= value <= 99):
                    raise _ApiError(17029050, "The value of `quantity_limit` and `quantity_per_user` must be `-1` "
                                              "or in the range of `[1, 99]`.")
            if entry.get("skus") != []:
                raise _ApiError(17029013, "`sku` must be `[]` for activities of which `product_level==PRODUCT`.")
            original = min(int(s["price"]["amount"]) for s in product["skus"])
            if fixed:
                if entry.get("discount") not in (None, ""):
                    raise _ApiError(17029030, "You are incorrectly specifying `discount` instead of "
                                              "`activity_price_amount`.")
                amount = entry.get("activity_price_amount")
                if amount in (None, ""):
                    raise _ApiError(17029042, "You must specify `product.activity_price_amount`.")
                if not _whole_rupiah(amount) or int(amount) >= original:
                    raise _ApiError(17029034, "`activity_price_amount` is invalid.")
                price = int(amount)
            else:
                discount = entry.get("discount")
                if discount in (None, "") or not re.fullmatch(r"[0-9]+", str(discount)) \
                        or not 1 <= int(discount) <= 99:
                    raise _ApiError(17029041, "You must specify `product.discount`.")
                price = original * (100 - int(discount)) // 100
            if price < original * (100 - self.activity_max_discount_percent) / 100:
                raise _ApiError(17029020, "Product discount exceeds limit. The limit varies based on products and "
                                          "regions.")
            if self._conflicting_activity(activity, product_id):
                raise _ApiError(17029022, "The product or SKU cannot be in two `ONGOING` or `NOT_START` activities "
                                          "at the same time.")
            planned.append((product_id, entry, price))
        if len(set(activity["products"]) | seen) > 10000:
            raise _ApiError(17029025, "The quantity of the products or the SKUs included in the activity exceeds "
                                      "`10000`.")
        for product_id, entry, price in planned:
            activity["products"][product_id] = {
                "id": product_id, "activity_price": {"amount": str(price), "currency": self.currency},
                "discount": entry.get("discount") or "", "quantity_limit": entry["quantity_limit"],
                "quantity_per_user": entry["quantity_per_user"], "skus": []}
        activity["update_time"] = self.now()
        return {"activity_id": activity_id, "title": activity["title"], "update_time": activity["update_time"],
                "status": self._activity_status(activity), "total_count": len(planned)}

    def api_remove_activity_products(self, *, cipher, body, activity_id, **_):
        activity = self._editable_activity(cipher, activity_id)
        product_ids = body.get("product_ids") or []
        if not isinstance(product_ids, list) or not product_ids:
            raise _ApiError(17029001, "Invalid parameters: product_ids")
        if len(product_ids) > 300:
            raise _ApiError(17029046, "Number of items per request exceeds the limit.")
        if any(pid not in activity["products"] for pid in product_ids):
            raise _ApiError(17029023, "Products Not In Promotion")
        for pid in product_ids:
            del activity["products"][pid]
        activity["update_time"] = self.now()
        return {"activity_id": activity_id, "status": self._activity_status(activity),
                "update_time": activity["update_time"]}

    def api_deactivate_activity(self, *, cipher, activity_id, **_):
        activity = self._editable_activity(cipher, activity_id)
        activity["deactivated"] = True
        activity["update_time"] = self.now()
        return {"activity_id": activity_id, "title": activity["title"], "status": "DEACTIVATED",
                "update_time": activity["update_time"]}

    def api_get_activity(self, *, cipher, activity_id, **_):
        out = self._activity_out(self._shop_activity(cipher, activity_id))
        out.pop("shop_cipher")
        out["activity_id"] = out.pop("id")
        return out

    def api_search_activities(self, *, cipher, body, **_):
        page_size = body.get("page_size", 50)
        if not _is_int(page_size) or not 0 <= page_size <= 100:
            raise _ApiError(17029001, "Invalid parameters: page_size")
        found = []
        for activity in self._activities.values():
            if activity["shop_cipher"] != cipher:
                continue
            out = self._activity_out(activity, products=False)
            out.pop("shop_cipher")
            if body.get("status") and out["status"] != body["status"]:
                continue
            if body.get("activity_title") and activity["title"] != body["activity_title"]:
                continue  # "No fuzzy matching"
            if body.get("activity_type") and activity["activity_type"] != body["activity_type"]:
                continue
            found.append(out)
        return {"total_count": len(found), "next_page_token": "", "activities": found[:page_size]}

    def _activity_control(self, method: str, parts: list[str], body: dict):
        if method == "GET" and parts == ["activities"]:
            return 200, {"activities": self.activities()}
        if method == "POST" and parts == ["activities"]:
            return 200, {"activity_id": self.create_activity(
                body["cipher"], title=body.get("title", "Seller Center deal"), begin_time=int(body["begin_time"]),
                end_time=int(body["end_time"]), products=body.get("products") or [])}
        if method == "POST" and parts == ["activities", "config"]:
            for key in ("activity_min_period", "activity_max_period", "activity_max_discount_percent"):
                if key in body:
                    setattr(self, key, body[key])
            return 200, {}
        if method == "POST" and len(parts) == 3 and parts[0] == "activities" and parts[2] == "shift":
            # Time passes for one activity only: its period moves by ``seconds`` (tests, demos).
            with self._lock:
                activity = self._activities[parts[1]]
                activity["begin_time"] += int(body["seconds"])
                activity["end_time"] += int(body["seconds"])
                return 200, self._activity_out(activity)
        return 404, {"error": f"no control endpoint {method} /_sim/{'/'.join(parts)}"}


class _Redirect:
    def __init__(self, location: str):
        self.location = location


def _display(status: str) -> str:
    return {"UNPAID": "UNPAID", "ON_HOLD": "TO_SHIP", "AWAITING_SHIPMENT": "TO_SHIP",
            "AWAITING_COLLECTION": "TO_SHIP", "PARTIALLY_SHIPPING": "TO_SHIP", "IN_TRANSIT": "SHIPPED",
            "DELIVERED": "DELIVERED", "COMPLETED": "COMPLETED", "CANCELLED": "CANCELLED"}[status]


AUTH, SHOP, NO_SHOP, MULTIPART = "auth", "shop", "no_shop", "multipart"
#: (template, method, scope, handler). Scope: whether shop_cipher is required, refused, or the body is multipart.
ROUTE_TABLE = [
    ("/api/v2/token/get", "GET", AUTH, "auth_token_get"),
    ("/api/v2/token/refresh", "GET", AUTH, "auth_token_refresh"),
    ("/open/authorize", "GET", AUTH, "authorize_page"),
    ("/oauth/authorize", "GET", AUTH, "authorize_page"),
    ("/authorization/202309/shops", "GET", NO_SHOP, "api_shops"),
    ("/logistics/202309/warehouses", "GET", SHOP, "api_warehouses"),
    ("/product/202309/images/upload", "POST", MULTIPART, "api_upload_image"),
    ("/product/202309/products", "POST", SHOP, "api_create_product"),
    ("/product/202309/products/activate", "POST", SHOP, "api_activate"),
    ("/product/202309/products/deactivate", "POST", SHOP, "api_deactivate"),
    ("/product/202309/inventory/search", "POST", SHOP, "api_inventory_search"),
    ("/product/202309/products/{product_id}", "GET", SHOP, "api_get_product"),
    ("/product/202509/products/{product_id}/partial_edit", "POST", SHOP, "api_partial_edit"),
    ("/product/202309/products/{product_id}/prices/update", "POST", SHOP, "api_update_price"),
    ("/product/202309/products/{product_id}/inventory/update", "POST", SHOP, "api_update_inventory"),
    ("/order/202309/orders/search", "POST", SHOP, "api_search_orders"),
    ("/order/202309/orders", "GET", SHOP, "api_order_detail"),
    ("/order/202507/orders", "GET", SHOP, "api_order_detail"),
    ("/fulfillment/202309/packages/{package_id}/ship", "POST", SHOP, "api_ship_package"),
    ("/return_refund/202309/cancellations", "POST", SHOP, "api_cancel_order"),
]
_COMPILED = [(re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[0-9]+)", t) + "$"), (t, m, s, h))
             for t, m, s, h in ROUTE_TABLE]
WRITE_PATHS = {t for t, m, s, h in ROUTE_TABLE if m == "POST" and h not in (
    "api_search_orders", "api_inventory_search")} - {"/api/v2/token/get"}


def _route(path: str, method: str | None = None):
    """The route of this path, preferring the one for ``method`` (one path can take PUT and DELETE)."""
    fallback = None
    for pattern, route in _COMPILED:
        match = pattern.match(path)
        if match:
            if method is None or route[1] == method:
                return route, match.groupdict()
            fallback = fallback or (route, match.groupdict())
    return fallback or (None, {})


# ------------------------------------------------------------------ promotion activities
PROMOTION_ROUTES = [
    ("/promotion/202309/activities", "POST", SHOP, "api_create_activity"),
    ("/promotion/202309/activities/search", "POST", SHOP, "api_search_activities"),
    ("/promotion/202309/activities/{activity_id}", "GET", SHOP, "api_get_activity"),
    ("/promotion/202309/activities/{activity_id}/products", "PUT", SHOP, "api_update_activity_products"),
    ("/promotion/202309/activities/{activity_id}/products", "DELETE", SHOP, "api_remove_activity_products"),
    ("/promotion/202309/activities/{activity_id}/deactivate", "POST", SHOP, "api_deactivate_activity"),
]
ROUTE_TABLE.extend(PROMOTION_ROUTES)
_COMPILED.extend((re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[0-9]+)", t) + "$"), (t, m, s, h))
                 for t, m, s, h in PROMOTION_ROUTES)
WRITE_PATHS.update(t for t, m, s, h in PROMOTION_ROUTES if h not in ("api_search_activities", "api_get_activity"))


def _make_handler(sim: TikTokShopSimulator):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True
        server_version = "TikTokShopSimulator/1.0"

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
            if url.path.startswith("/_sim/images/") and method == "GET":
                image = sim._images.get(url.path[len("/_sim/images/"):])
                if image is None:
                    return self._send(404, {"error": "no such image"})
                return self._send(200, image["data"], content_type=f"image/{image['format'].lower()}")
            if url.path.startswith("/_sim/"):
                return self._send(*sim.handle_control(method, url.path, raw))
            status, headers, payload = sim.handle(method, url.path, parse_qs(url.query, keep_blank_values=True),
                                                  self.headers, raw)
            if status == 302:
                self.send_response(302)
                self.send_header("Location", headers["Location"])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._send(status, payload, headers)

        def do_GET(self):
            self._dispatch("GET")

        def do_POST(self):
            self._dispatch("POST")

        def do_PUT(self):
            self._dispatch("PUT")

        def do_DELETE(self):
            self._dispatch("DELETE")

    return Handler
