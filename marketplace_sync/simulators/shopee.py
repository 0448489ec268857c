"""A stateful Shopee Open Platform v2 simulator speaking the real wire contract.

Standard library only and no Django import, so it can run standalone
(``python -m marketplace_sync.simulators.shopee``) as well as under the
``marketplace_simulator`` management command and inside tests.

Sources: /work/shared/marketplaces/shopee.md and the official reference pages it
cites (docs/raw/shopee/apis/...). Choices the docs leave open are constructor
options; each is marked UNCONFIRMED below:

* HTTP status of application errors (``error_http_status``, default 200; the JSON
  ``error`` field is the only documented signal).
* Error string for an *expired* (as opposed to unknown) access token
  (``expired_token_error``, default ``invalid_acceess_token`` [sic], as handled by a
  community SDK; the docs only list ``error_auth`` / "Invalid access_token.").
* Error for a used/unknown refresh token (``invalid_refresh_token_error``).
* Throttling: HTTP 429 + ``Retry-After: 1`` + ``throttle_error`` body.
* ``media_space.upload_image`` accepts both Public and Shop signatures.
* ``get_model_list`` of an item without variants answers one model with
  ``model_id`` 0 (``default_model_in_model_list``); stock is also returned in
  ``get_item_base_info`` as ``stock_info_v2`` as the reference page shows.
* Push code 4 (tracking number) body layout.
* Lost pushes [SH-API:push.get_lost_push_message]: a push is lost when every delivery
  attempt failed (unreachable URL or a non-2xx answer; ``push_attempts`` tries,
  ``push_retry_delay`` apart). ``message_id`` numbering, ``last_message_id`` on an empty
  list (0 here), re-confirming an already confirmed id (accepted) and confirming an id
  never issued (``error_data`` "data not exist") are UNCONFIRMED.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import random
import re
import threading
import time
import uuid
from collections import namedtuple
from email.parser import BytesParser
from email.policy import default as email_default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode, urlparse, urlsplit, urlunsplit
from urllib.request import Request, urlopen

ACCESS_TOKEN_TTL = 4 * 3600  # [SH-AUTH] access_token lives 4 hours
REFRESH_TOKEN_TTL = 30 * 86400  # [SH-AUTH] refresh_token lives 30 days, single use
AUTH_CODE_TTL = 600  # [SH-AUTH] code is single use, 10 minutes
TIMESTAMP_WINDOW = 300  # [SH-CALLS] a request must arrive within 5 minutes
ORDER_WINDOW = 15 * 86400  # [SH-API:order.get_order_list]
LOST_PUSH_WINDOW = 3 * 86400  # [SH-API:push.get_lost_push_message] lost within 3 days
LOST_PUSH_PAGE = 100  # "Returns the earliest 100 lost push messages"

ORDER_STATUSES = (
    "UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP", "SHIPPED", "TO_CONFIRM_RECEIVE",
    "IN_CANCEL", "CANCELLED", "TO_RETURN", "COMPLETED", "INVOICE_PENDING", "PENDING",
)
ITEM_STATUSES = ("NORMAL", "BANNED", "UNLIST", "REVIEWING", "SELLER_DELETE", "SHOPEE_DELETE")

# Which signature each API uses (shopee.md 2.3). "either" = UNCONFIRMED, accept both.
PUBLIC, SHOP, EITHER = "public", "shop", "either"

SimCall = namedtuple("SimCall", "method path ok")


# The one logistics channel the simulator offers (get_channel_list) and the
# item limits it enforces on add_item/update_item: weight in kg, sides in cm.
ITEM_MIN_WEIGHT_KG, ITEM_MAX_WEIGHT_KG = 0.01, 50
ITEM_MAX_SIDE_CM = 100


class SimulatorError(ValueError):
    """Raised by the Python control API when a request makes no sense (unknown item, ...)."""


class _ApiError(Exception):
    def __init__(self, error: str, message: str, http_status: int | None = None, headers=None):
        super().__init__(f"{error}: {message}")
        self.error = error
        self.message = message
        self.http_status = http_status
        self.headers = headers or {}


def _param_error(detail: str) -> _ApiError:
    return _ApiError("error_param", f"Wrong parameters, detail: {detail}.")


def sign(partner_key: str, base_string: str) -> str:
    """lowercase hex HMAC-SHA256 with the partner key as literal UTF-8 (shopee.md 2.3)."""
    return hmac.new(partner_key.encode(), base_string.encode(), hashlib.sha256).hexdigest()


def push_authorization(partner_key: str, url: str, raw_body: str | bytes) -> str:
    """Authorization header of a push: HMAC(partner_key, url + "|" + raw body) (shopee.md 2.7)."""
    body = raw_body.decode() if isinstance(raw_body, bytes) else raw_body
    return sign(partner_key, f"{url}|{body}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _money(value: float) -> int | float:
    # IDR has no minor unit: emit integral prices as JSON integers.
    return int(value) if float(value).is_integer() else value


class ShopeeSimulator:
    """Stateful fake of partner.shopeemobile.com. See the module docstring for options."""

    def __init__(
        self,
        partner_id: int = 2001887,
        partner_key: str = "test-partner-key",
        now: Callable[[], float] | None = None,
        *,
        region: str = "ID",
        currency: str = "IDR",
        error_http_status: int = 200,
        expired_token_error: tuple[str, str] = ("invalid_acceess_token", "Invalid access_token."),
        invalid_refresh_token_error: tuple[str, str] = ("error_param", "Invalid refresh_token."),
        throttle_error: tuple[str, str] = ("error_busy", "Too many requests, please try again later."),
        require_brand: bool = True,
        require_attribute_list: bool | None = None,
        require_uploaded_images: bool = True,
        default_model_in_model_list: bool = True,
        timeout_sleep: float = 10.0,
        auth_shop_id: int | None = None,
        push_attempts: int = 3,
        push_retry_delay: float = 0.2,
        seed: int = 1,
        verbose: bool = False,
    ):
        self.partner_id = int(partner_id)
        self.partner_key = partner_key
        self._now = now or time.time
        self._clock_offset = 0.0
        self.region = region
        self.currency = currency
        self.error_http_status = error_http_status
        self.expired_token_error = expired_token_error
        self.invalid_refresh_token_error = invalid_refresh_token_error
        self.throttle_error = throttle_error
        self.require_brand = require_brand
        # attribute_list is "optional (except Indonesia)" [SH-API:product.add_item].
        self.require_attribute_list = (region == "ID") if require_attribute_list is None else require_attribute_list
        self.require_uploaded_images = require_uploaded_images
        self.default_model_in_model_list = default_model_in_model_list
        self.timeout_sleep = timeout_sleep
        self.auth_shop_id = auth_shop_id
        self.push_attempts = push_attempts
        self.push_retry_delay = push_retry_delay
        self.verbose = verbose

        self._lock = threading.RLock()
        self._rng = random.Random(seed)
        self._shops: dict[int, dict] = {}
        self._access_tokens: dict[str, dict] = {}
        self._refresh_tokens: dict[str, dict] = {}
        self._auth_codes: dict[str, dict] = {}
        self._items: dict[int, dict] = {}
        self._orders: dict[str, dict] = {}
        self._images: dict[str, dict] = {}
        self._faults: list[dict] = []
        self._next_item_id = 800_000_001
        self._next_order_item_id = 500_000_001
        self._order_counter = 0
        self.calls: list[SimCall] = []
        self.pushes: list[dict] = []
        # Pushes no delivery attempt got through: served by get_lost_push_message.
        self._lost_pushes: list[dict] = []
        self._next_lost_message_id = 176_001
        # Discounts (campaign promotions), see the discounts section.
        self._discounts: dict[int, dict] = {}
        self._next_discount_id = 665_123_000_001
        self.discount_price_floor = 1000
        self.webhook_url: str | None = None
        self._push_threads: list[threading.Thread] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base_url: str | None = None

    # ------------------------------------------------------------------ clock
    def now(self) -> int:
        return int(self._now() + self._clock_offset)

    def advance(self, seconds: float) -> None:
        """Move the simulator's clock forward (token expiry, time windows)."""
        with self._lock:
            self._clock_offset += seconds

    # ------------------------------------------------------------------ server
    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        handler = _make_handler(self)
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="shopee-sim", daemon=True
        )
        self._thread.start()
        real_host, real_port = self._server.server_address[:2]
        self.base_url = f"http://{real_host}:{real_port}"
        return self.base_url

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

    # ------------------------------------------------------------------ shops and tokens
    def _new_token(self) -> str:
        return "%032x" % self._rng.getrandbits(128)

    def add_shop(
        self,
        shop_id: int,
        *,
        shop_name: str | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
    ) -> dict:
        """Register an authorised shop and issue it a token pair (as after OAuth)."""
        shop_id = int(shop_id)
        with self._lock:
            self._shops.setdefault(shop_id, {
                "shop_id": shop_id,
                "shop_name": shop_name or f"Sim Shop {shop_id}",
                "region": self.region,
                "auth_time": self.now(),
                "expire_time": self.now() + 365 * 86400,
            })
            if self.auth_shop_id is None:
                self.auth_shop_id = shop_id
            return self._issue_tokens(shop_id, access_token=access_token, refresh_token=refresh_token)

    def _issue_tokens(self, shop_id: int, *, access_token=None, refresh_token=None) -> dict:
        now = self.now()
        access = access_token or self._new_token()
        refresh = refresh_token or self._new_token()
        # A shop has one live refresh token: issuing a pair retires the previous one.
        for token in self._refresh_tokens.values():
            if token["shop_id"] == shop_id:
                token["used"] = True
        self._access_tokens[access] = {"shop_id": shop_id, "expire_at": now + ACCESS_TOKEN_TTL}
        self._refresh_tokens[refresh] = {"shop_id": shop_id, "expire_at": now + REFRESH_TOKEN_TTL, "used": False}
        return {
            "shop_id": shop_id,
            "access_token": access,
            "refresh_token": refresh,
            "expire_in": ACCESS_TOKEN_TTL,
            "expire_at": now + ACCESS_TOKEN_TTL,
        }

    def issue_auth_code(self, shop_id: int) -> str:
        shop_id = int(shop_id)
        with self._lock:
            if shop_id not in self._shops:
                self._shops[shop_id] = {
                    "shop_id": shop_id, "shop_name": f"Sim Shop {shop_id}", "region": self.region,
                    "auth_time": self.now(), "expire_time": self.now() + 365 * 86400,
                }
            code = "%032x" % self._rng.getrandbits(128)
            self._auth_codes[code] = {"shop_id": shop_id, "expire_at": self.now() + AUTH_CODE_TTL, "used": False}
            return code

    def expire_access_token(self, shop_id: int) -> None:
        """Every live access token of the shop expires now: next call answers expired_token_error."""
        with self._lock:
            for token in self._access_tokens.values():
                if token["shop_id"] == int(shop_id):
                    token["expire_at"] = min(token["expire_at"], self.now() - 1)

    @property
    def shops(self) -> dict:
        with self._lock:
            return copy.deepcopy(self._shops)

    # ------------------------------------------------------------------ items
    def add_item(
        self,
        shop_id: int,
        *,
        item_name: str,
        price: int | float,
        stock: int = 0,
        item_sku: str = "",
        status: str = "NORMAL",
        description: str = "",
        weight: float = 0.5,
        category_id: int = 100001,
    ) -> int:
        """Seed a listing directly (as if created in Seller Centre). Returns item_id."""
        with self._lock:
            if int(shop_id) not in self._shops:
                raise SimulatorError(f"unknown shop {shop_id}")
            return self._create_item(int(shop_id), {
                "item_name": item_name, "original_price": price, "description": description,
                "weight": weight, "category_id": category_id, "item_sku": item_sku,
                "item_status": status, "seller_stock": [{"stock": int(stock)}],
                "image": {"image_id_list": []}, "logistic_info": [],
            })["item_id"]

    def _create_item(self, shop_id: int, body: dict) -> dict:
        now = self.now()
        item_id = self._next_item_id
        self._next_item_id += 1
        stock = sum(int(s.get("stock", 0)) for s in body.get("seller_stock") or [])
        item = {
            "item_id": item_id,
            "shop_id": shop_id,
            "item_name": body["item_name"],
            "description": body.get("description", ""),
            "item_sku": body.get("item_sku", ""),
            "category_id": body.get("category_id"),
            "original_price": _money(body["original_price"]),
            "current_price": _money(body["original_price"]),
            "stock": stock,
            "item_status": body.get("item_status") or "NORMAL",
            "weight": float(body.get("weight") or 0),
            "dimension": body.get("dimension"),
            "image_id_list": list((body.get("image") or {}).get("image_id_list") or []),
            "logistic_info": copy.deepcopy(body.get("logistic_info") or []),
            "attribute_list": copy.deepcopy(body.get("attribute_list") or []),
            "brand": copy.deepcopy(body.get("brand") or {"brand_id": 0, "original_brand_name": "NoBrand"}),
            "condition": body.get("condition") or "NEW",
            "pre_order": copy.deepcopy(body.get("pre_order") or {"is_pre_order": False, "days_to_ship": 2}),
            "create_time": now,
            "update_time": now,
            # Variations: at most two tiers of options, one model per option combination.
            "tier_variation": [],
            "models": [],
        }
        self._items[item_id] = item
        return item

    @property
    def items(self) -> dict:
        """item_id -> item state (a copy; mutate through the API)."""
        with self._lock:
            return copy.deepcopy(self._items)

    # ------------------------------------------------------------------ orders
    def _new_order_sn(self) -> str:
        # Shopee order_sn look like 220810QSK8S7BX: yymmdd + 8 upper-case alphanumerics.
        self._order_counter += 1
        date = time.strftime("%y%m%d", time.gmtime(self.now()))
        alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        suffix = "".join(self._rng.choice(alphabet) for _ in range(8))
        return f"{date}{suffix}"

    def create_order(
        self,
        shop_id: int,
        items: list[dict],
        buyer: dict | None = None,
        status: str = "READY_TO_SHIP",
        *,
        recipient_address: dict | None = None,
        message_to_seller: str = "",
        shipping_fee: int = 0,
        payment_method: str = "ShopeePay",
    ) -> str:
        """A simulated buyer checks out. Stock is taken from the listing like Shopee does."""
        shop_id = int(shop_id)
        if status not in ORDER_STATUSES:
            raise SimulatorError(f"unknown order status {status}")
        if not items:
            raise SimulatorError("an order needs at least one item")
        with self._lock:
            if shop_id not in self._shops:
                raise SimulatorError(f"unknown shop {shop_id}")
            lines = []
            wanted: dict[int, int] = {}
            for line in items:
                item_id = int(line["item_id"])
                model_id = int(line.get("model_id", 0))
                quantity = int(line.get("quantity", 1))
                item = self._items.get(item_id)
                if item is None or item["shop_id"] != shop_id:
                    raise SimulatorError(f"item {item_id} is not listed in shop {shop_id}")
                model = _find_model(item, model_id)
                if model_id != 0 and model is None:
                    raise SimulatorError(f"item {item_id} has no model {model_id}")
                if model_id == 0 and item["models"]:
                    raise SimulatorError(f"item {item_id} has variations: the buyer must choose a model")
                if item["item_status"] != "NORMAL":
                    raise SimulatorError(f"item {item_id} is {item['item_status']}, buyers cannot order it")
                if quantity < 1:
                    raise SimulatorError("quantity must be >= 1")
                unit = model or item
                wanted[(item_id, model_id)] = wanted.get((item_id, model_id), 0) + quantity
                if wanted[(item_id, model_id)] > unit["stock"]:
                    raise SimulatorError(f"item {item_id} model {model_id} has only {unit['stock']} in stock")
                lines.append((item, model_id, quantity))
            now = self.now()
            order_sn = self._new_order_sn()
            while order_sn in self._orders:
                order_sn = self._new_order_sn()
            order_items = []
            for item, model_id, quantity in lines:
                model = _find_model(item, model_id)
                if model is not None:
                    model["stock"] -= quantity
                item["stock"] -= quantity
                item["update_time"] = now
                priced = model or item
                order_items.append({
                    "item_id": item["item_id"],
                    "item_name": item["item_name"],
                    "item_sku": item["item_sku"],
                    "model_id": model_id,
                    "model_name": _model_name(item, model) if model else "",
                    "model_sku": model["model_sku"] if model else "",
                    "model_quantity_purchased": quantity,
                    "model_original_price": priced["original_price"],
                    "model_discounted_price": priced["current_price"],
                    "order_item_id": self._next_order_item_id,
                    "weight": item["weight"],
                })
                self._next_order_item_id += 1
            buyer = buyer or {}
            subtotal = sum(i["model_discounted_price"] * i["model_quantity_purchased"] for i in order_items)
            order = {
                "order_sn": order_sn,
                "shop_id": shop_id,
                "order_status": status,
                "create_time": now,
                "update_time": now,
                "pay_time": None if status == "UNPAID" else now,
                "item_list": order_items,
                "buyer_user_id": int(buyer.get("user_id", 10_000_000 + self._order_counter)),
                "buyer_username": buyer.get("username", f"pembeli{self._order_counter:04d}"),
                "recipient_address": recipient_address or {
                    "name": buyer.get("name", "Sari Wulandari"),
                    "phone": buyer.get("phone", "6281234567890"),
                    "town": "", "district": "Klojen", "city": "Kota Malang", "state": "Jawa Timur",
                    "region": self.region, "zipcode": "65111",
                    "full_address": "Jl. Ijen No. 25, Klojen, Kota Malang, Jawa Timur, ID, 65111",
                },
                "message_to_seller": message_to_seller,
                "estimated_shipping_fee": shipping_fee,
                "actual_shipping_fee": shipping_fee,
                "total_amount": _money(subtotal + shipping_fee),
                "payment_method": payment_method,
                "shipping_carrier": "SPX Standard",
                "days_to_ship": 2,
                "ship_by_date": now + 2 * 86400,
                "cancel_by": "",
                "cancel_reason": "",
                "buyer_cancel_reason": "",
                "note": "",
                "package_number": f"OFG{self._rng.getrandbits(48):015d}",
                "tracking_number": "",
                "stock_returned": False,
            }
            self._orders[order_sn] = order
            self._queue_order_push(order)
            return order_sn

    def set_order_status(self, order_sn: str, status: str, *, cancel_reason: str = "", cancel_by: str = "") -> dict:
        if status not in ORDER_STATUSES:
            raise SimulatorError(f"unknown order status {status}")
        with self._lock:
            order = self._orders.get(order_sn)
            if order is None:
                raise SimulatorError(f"unknown order {order_sn}")
            self._transition(order, status, cancel_reason=cancel_reason, cancel_by=cancel_by)
            return copy.deepcopy(order)

    def _transition(self, order: dict, status: str, *, cancel_reason: str = "", cancel_by: str = "") -> None:
        now = self.now()
        order["order_status"] = status
        order["update_time"] = max(now, order["update_time"])
        if status != "UNPAID" and order["pay_time"] is None:
            order["pay_time"] = now
        if status in ("IN_CANCEL", "CANCELLED"):
            order["cancel_reason"] = cancel_reason or order["cancel_reason"] or "BUYER_REQUESTED"
            order["cancel_by"] = cancel_by or order["cancel_by"] or "buyer"
        if status == "CANCELLED" and not order["stock_returned"]:
            # A cancelled order gives its reserved stock back to the listing.
            for line in order["item_list"]:
                item = self._items.get(line["item_id"])
                if item is not None:
                    item["stock"] += line["model_quantity_purchased"]
                    item["update_time"] = now
            order["stock_returned"] = True
        if status in ("PROCESSED", "SHIPPED") and not order["tracking_number"]:
            self._assign_tracking(order)
        self._queue_order_push(order)

    def _assign_tracking(self, order: dict) -> None:
        order["tracking_number"] = f"SPXID{self._rng.getrandbits(40):013d}"
        self._queue_push(order["shop_id"], 4, {
            "ordersn": order["order_sn"],
            "package_number": order["package_number"],
            "tracking_no": order["tracking_number"],
        })

    @property
    def orders(self) -> dict:
        """order_sn -> order state (a copy)."""
        with self._lock:
            return copy.deepcopy(self._orders)

    # ------------------------------------------------------------------ faults
    def inject_faults(
        self,
        kind: str = "throttle",
        count: int = 1,
        path: str | None = None,
        *,
        status: int | None = None,
        sleep: float | None = None,
    ) -> None:
        """The next ``count`` API calls (matching ``path`` if given) fail.

        throttle: HTTP 429 + Retry-After: 1 + throttle_error body.
        server_error: HTTP 500 (or ``status``, e.g. 503) + error_server body.
        timeout: sleeps ``sleep`` (default timeout_sleep) seconds before answering
        normally, so a write may well have happened after the client gave up.
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

    # ------------------------------------------------------------------ calls
    def count_calls(self, path: str | None = None, write_only: bool = False, ok: bool | None = None) -> int:
        with self._lock:
            return sum(
                1 for c in self.calls
                if (path is None or c.path == path)
                and (not write_only or c.path in WRITE_PATHS)
                and (ok is None or c.ok == ok)
            )

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()

    # ------------------------------------------------------------------ push
    def set_webhook(self, url: str | None) -> None:
        with self._lock:
            self.webhook_url = url

    def _queue_order_push(self, order: dict) -> None:
        self._queue_push(order["shop_id"], 3, {
            "items": [],
            "ordersn": order["order_sn"],
            "status": order["order_status"],
            "completed_scenario": "",
            "update_time": order["update_time"],
        })

    def _queue_push(self, shop_id: int, code: int, data: dict) -> None:
        url = self.webhook_url
        if not url:
            return
        payload = {"data": data, "shop_id": shop_id, "code": code, "timestamp": self.now()}
        body = json.dumps(payload, separators=(",", ":"))
        record = {"url": url, "body": body, "code": code, "attempts": 0, "status": None, "error": None}
        self.pushes.append(record)
        thread = threading.Thread(target=self._deliver, args=(record,), daemon=True)
        self._push_threads.append(thread)
        thread.start()

    def _deliver(self, record: dict, attempts: int | None = None) -> None:
        headers = {
            "Content-Type": "application/json",
            "Authorization": push_authorization(self.partner_key, record["url"], record["body"]),
        }
        attempts = self.push_attempts if attempts is None else attempts
        for attempt in range(attempts):
            record["attempts"] = attempt + 1
            try:
                req = Request(record["url"], data=record["body"].encode(), headers=headers, method="POST")
                # urlopen raises HTTPError for any non-2xx answer (redirects are followed).
                with urlopen(req, timeout=3) as resp:
                    record["status"] = resp.status
                    record["error"] = None
                    return
            except Exception as exc:  # noqa: BLE001 - any failure is a failed delivery
                record["status"] = getattr(exc, "code", None)
                record["error"] = str(exc)
            if attempt + 1 < attempts:
                time.sleep(self.push_retry_delay * (attempt + 1))
        payload = json.loads(record["body"])
        self.record_lost_push(payload.get("shop_id"), payload["code"], payload["data"], body=record["body"])

    def record_lost_push(self, shop_id: int | None, code: int, data: dict, *, body: str | None = None) -> int:
        """Keep a push Shopee could not deliver (also a seeding helper). Returns its message id.

        ``data`` of a lost message is the whole push body as a JSON string, as the
        reference page's sample shows; ``timestamp`` is when it was lost.
        """
        with self._lock:
            if body is None:
                payload = {"data": data, "code": code, "timestamp": self.now()}
                if shop_id is not None:
                    payload["shop_id"] = shop_id
                body = json.dumps(payload, separators=(",", ":"))
            message_id = self._next_lost_message_id
            self._next_lost_message_id += 1
            self._lost_pushes.append({"message_id": message_id, "shop_id": shop_id, "code": code,
                                      "timestamp": self.now(), "data": body, "consumed": False})
            return message_id

    @property
    def lost_pushes(self) -> list[dict]:
        """Every lost push with its ``message_id`` and ``consumed`` flag (a copy)."""
        with self._lock:
            return copy.deepcopy(self._lost_pushes)

    def resend_push(self, index: int = -1) -> None:
        """Deliver an already-sent push again (Shopee retries; receivers must be idempotent)."""
        record = dict(self.pushes[index])
        record.update(attempts=0, status=None, error=None)
        self.pushes.append(record)
        thread = threading.Thread(target=self._deliver, args=(record,), daemon=True)
        self._push_threads.append(thread)
        thread.start()

    def flush_pushes(self, timeout: float = 5.0) -> None:
        """Wait until queued pushes are delivered (or gave up)."""
        deadline = time.monotonic() + timeout
        for thread in list(self._push_threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        self._push_threads = [t for t in self._push_threads if t.is_alive()]

    # ------------------------------------------------------------------ state dump
    def state(self) -> dict:
        with self._lock:
            per_path: dict[str, dict] = {}
            for c in self.calls:
                entry = per_path.setdefault(c.path, {"ok": 0, "failed": 0})
                entry["ok" if c.ok else "failed"] += 1
            return {
                "partner_id": self.partner_id,
                "now": self.now(),
                "shops": list(self._shops.values()),
                "items": list(self._items.values()),
                "orders": list(self._orders.values()),
                "calls": per_path,
                "call_count": len(self.calls),
                "write_call_count": sum(1 for c in self.calls if c.path in WRITE_PATHS),
                "faults": [f for f in self._faults if f["remaining"] > 0],
                "webhook_url": self.webhook_url,
                "pushes": [{k: p[k] for k in ("code", "status", "attempts", "error")} for p in self.pushes],
                "lost_pushes": [{k: p[k] for k in ("message_id", "shop_id", "code", "timestamp", "consumed")}
                                for p in self._lost_pushes],
                "discounts": [self._discount_out(d) for d in self._discounts.values()],
            }

    # ================================================================== HTTP API
    def _error_status(self) -> int:
        return self.error_http_status

    def handle_api(self, method: str, path: str, query: dict[str, list[str]], headers, raw: bytes):
        """Returns (status, headers, body dict, redirect location or None)."""
        request_id = uuid.uuid4().hex
        route = ROUTES.get(path)
        ok = False
        try:
            if route is None:
                raise _ApiError("error_not_found", f"Wrong parameters, detail: api {path} not found.", 404)
            expected_method, signing, handler_name = route
            fault = self._take_fault(path)
            if fault:
                if fault["kind"] == "throttle":
                    raise _ApiError(*self.throttle_error, http_status=429, headers={"Retry-After": "1"})
                if fault["kind"] == "server_error":
                    raise _ApiError("error_server", "System error. Please try again later.", fault["status"] or 500)
                time.sleep(fault["sleep"] if fault["sleep"] is not None else self.timeout_sleep)
            if method != expected_method:
                raise _ApiError(
                    "error_param", f"Wrong parameters, detail: {path} must be called with {expected_method}."
                )
            q = {k: v[-1] for k, v in query.items()}
            shop_id = self._authenticate(path, signing, q)
            body: dict = {}
            if expected_method == "POST" and path not in MULTIPART_PATHS:
                try:
                    body = json.loads(raw.decode() or "{}")
                except ValueError:
                    raise _ApiError("error_data", "parse data failed") from None
                if not isinstance(body, dict):
                    raise _ApiError("error_data", "parse data failed")
            handler = getattr(self, handler_name)
            with self._lock:
                result = handler(shop_id=shop_id, query=query, q=q, body=body, raw=raw, headers=headers)
            ok = True
            if isinstance(result, _Redirect):
                return 302, {"Location": result.location}, None
            envelope = {"request_id": request_id, "error": "", "message": ""}
            if isinstance(result, _TopLevel):
                envelope.update(result.data)
            else:
                envelope["warning"] = ""
                if isinstance(result, _WithWarning):
                    envelope["warning"] = result.warning
                    result = dict(result)
                if result is not None:
                    envelope["response"] = result
            return 200, {}, envelope
        except _ApiError as exc:
            status = exc.http_status or self._error_status()
            return status, exc.headers, {"request_id": request_id, "error": exc.error, "message": exc.message}
        finally:
            with self._lock:
                self.calls.append(SimCall(method, path, ok))

    def _authenticate(self, path: str, signing: str, q: dict) -> int | None:
        if "partner_id" not in q:
            raise _ApiError("error_param", "There is no partner_id in query.")
        try:
            partner_id = int(q["partner_id"])
        except ValueError:
            raise _ApiError("error_param", "Invalid partner_id.") from None
        if partner_id != self.partner_id:
            raise _ApiError("error_param", "Invalid partner_id.")
        if not q.get("timestamp"):
            raise _ApiError("error_param", "no timestamp")
        try:
            timestamp = int(q["timestamp"])
        except ValueError:
            raise _ApiError("error_param", "Invalid timestamp") from None
        if abs(self.now() - timestamp) > TIMESTAMP_WINDOW:
            raise _ApiError("error_param", "Invalid timestamp")
        if not q.get("sign"):
            raise _ApiError("error_param", "There is no sign in query.")
        given = q["sign"]
        public_base = f"{partner_id}{path}{timestamp}"
        if signing == PUBLIC or (signing == EITHER and not q.get("access_token")):
            if not hmac.compare_digest(given, sign(self.partner_key, public_base)):
                raise _ApiError("error_sign", "Wrong sign.")
            return None
        access_token = q.get("access_token")
        if not access_token:
            raise _ApiError("error_param", "There is no access_token in query.")
        if not q.get("shop_id"):
            raise _ApiError("error_param", "There is no shop_id in query.")
        try:
            shop_id = int(q["shop_id"])
        except ValueError:
            raise _ApiError("error_shop", "shopid is invalid") from None
        shop_base = f"{partner_id}{path}{timestamp}{access_token}{shop_id}"
        good = hmac.compare_digest(given, sign(self.partner_key, shop_base))
        if not good and signing == EITHER:
            good = hmac.compare_digest(given, sign(self.partner_key, public_base))
        if not good:
            raise _ApiError("error_sign", "Wrong sign.")
        with self._lock:
            token = self._access_tokens.get(access_token)
            if token is None or token["shop_id"] != shop_id:
                raise _ApiError("error_auth", "Invalid access_token.")
            if token["expire_at"] <= self.now():
                raise _ApiError(*self.expired_token_error)
        return shop_id

    # ------------------------------------------------------------------ auth endpoints
    def api_auth_partner(self, *, q, **_):
        redirect = q.get("redirect")
        if not redirect:
            raise _param_error("redirect is required")
        shop_id = self.auth_shop_id
        if shop_id is None:
            shop_id = 14701711
            self.auth_shop_id = shop_id
        code = self.issue_auth_code(shop_id)
        parts = urlsplit(redirect)
        extra = urlencode({"code": code, "shop_id": shop_id})
        query = f"{parts.query}&{extra}" if parts.query else extra
        return _Redirect(urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment)))

    def _check_body_partner_id(self, body: dict) -> None:
        # Both token APIs repeat partner_id in the JSON body (required there too).
        if "partner_id" not in body:
            raise _param_error("partner_id is required in body")
        if not _is_int(body["partner_id"]) or body["partner_id"] != self.partner_id:
            raise _ApiError("invalid_partner_id", "Invalid partner_id, please have a check.")

    def api_token_get(self, *, body, **_):
        if not body.get("code"):
            raise _param_error("code is required")
        self._check_body_partner_id(body)
        code = self._auth_codes.get(str(body["code"]))
        if code is None or code["used"] or code["expire_at"] <= self.now():
            raise _ApiError("invalid_code", "The code is expired or used or invalid, please check the code.")
        if "shop_id" not in body or not _is_int(body["shop_id"]) or body["shop_id"] != code["shop_id"]:
            raise _ApiError("invalid_shop_id", "The code or shop_id is wrong, please check the code or the shop_id.")
        code["used"] = True
        pair = self._issue_tokens(code["shop_id"])
        return _TopLevel({
            "refresh_token": pair["refresh_token"],
            "access_token": pair["access_token"],
            "expire_in": ACCESS_TOKEN_TTL,
        })

    def api_access_token_get(self, *, body, **_):
        if not body.get("refresh_token"):
            raise _param_error("refresh_token is required")
        self._check_body_partner_id(body)
        shop_id = body.get("shop_id")
        if not _is_int(shop_id):
            raise _param_error("shop_id is required")
        token = self._refresh_tokens.get(str(body["refresh_token"]))
        if token is None or token["used"] or token["shop_id"] != shop_id:
            raise _ApiError(*self.invalid_refresh_token_error)
        if token["expire_at"] <= self.now():
            raise _ApiError("refresh_token_expired", "Your refresh_token expired.")
        pair = self._issue_tokens(shop_id)  # retires the old refresh token: single use
        return _TopLevel({
            "partner_id": self.partner_id,
            "refresh_token": pair["refresh_token"],
            "access_token": pair["access_token"],
            "expire_in": ACCESS_TOKEN_TTL,
            "shop_id": shop_id,
        })

    def api_get_shop_info(self, *, shop_id, **_):
        shop = self._shops[shop_id]
        return _TopLevel({
            "shop_name": shop["shop_name"], "region": shop["region"], "status": "NORMAL",
            "is_cb": False, "is_sip": False, "auth_time": shop["auth_time"], "expire_time": shop["expire_time"],
        })

    # ------------------------------------------------------------------ media
    def api_upload_image(self, *, raw, headers, **_):
        ctype = headers.get("Content-Type", "")
        if "multipart/form-data" not in ctype:
            raise _param_error("image is required, send multipart/form-data")
        msg = BytesParser(policy=email_default_policy).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\nMIME-Version: 1.0\r\n\r\n" + raw
        )
        images = []
        for part in msg.iter_parts() if msg.is_multipart() else []:
            if part.get_param("name", header="content-disposition") == "image":
                images.append(part.get_payload(decode=True) or b"")
        if not images:
            raise _param_error("image is required")
        if len(images) >= 9:
            raise _param_error("image number should be less than 9")
        infos = []
        for index, data in enumerate(images):
            if len(data) > 10 * 1024 * 1024:
                raise _param_error("image size should be less than 10 MB")
            if not (data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")):
                raise _param_error("image format accepted: JPG, JPEG, PNG")
            image_id = f"id-11134207-{self._rng.getrandbits(64):016x}"
            kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
            self._images[image_id] = {"data": data, "content_type": kind}
            info = {
                "image_id": image_id,
                "image_url_list": [
                    {"image_url_region": self.region, "image_url": f"{self.base_url}/_sim/images/{image_id}"}
                ],
            }
            infos.append({"id": index, "error": "", "message": "", "image_info": info})
        return {"image_info": infos[0]["image_info"], "image_info_list": infos}

    # ------------------------------------------------------------------ products
    def _check_price(self, value) -> bool:
        if not _is_number(value) or value <= 0:
            return False
        # "other regions can only set the price as an integer" [SH-API:product.update_price]
        if self.region not in ("SG", "MY", "BR", "MX", "PL", "ES", "AR") and not float(value).is_integer():
            return False
        return True

    def _validate_item_body(self, body: dict, *, creating: bool) -> None:
        def need(field, check, what):
            if field not in body or body[field] is None:
                if creating:
                    raise _param_error(f"{field} is required")
                return
            if not check(body[field]):
                raise _param_error(f"{field} should be {what}")

        need("item_name", lambda v: isinstance(v, str) and v.strip(), "a non-empty string")
        need("description", lambda v: isinstance(v, str) and v.strip(), "a non-empty string")
        need("weight", lambda v: _is_number(v) and v > 0, "a positive number (kg)")
        need("category_id", lambda v: _is_int(v) and v > 0, "a positive integer")
        need("logistic_info", lambda v: isinstance(v, list) and v, "a non-empty list")
        need("image", lambda v: isinstance(v, dict), "an object")
        if creating:
            need("original_price", lambda v: True, "")
            if not self._check_price(body["original_price"]):
                raise _ApiError("error_invalid_price", "Invalid price, please use the correct format")
        for entry in body.get("logistic_info") or []:
            if (
                not isinstance(entry, dict)
                or not _is_int(entry.get("logistic_id"))
                or not isinstance(entry.get("enabled"), bool)
            ):
                raise _ApiError("error_param", "Invalid logistic info, logistic_id and enabled are required.")
        if "image" in body and body["image"] is not None:
            ids = body["image"].get("image_id_list")
            if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
                raise _param_error("image.image_id_list is required")
            if self.require_uploaded_images and any(i not in self._images for i in ids):
                raise _ApiError("error_param", "Image not exist.")
        if "dimension" in body and body["dimension"] is not None:
            dim = body["dimension"]
            if not isinstance(dim, dict) or not all(
                _is_int(dim.get(k)) and dim[k] > 0 for k in ("package_length", "package_width", "package_height")
            ):
                raise _ApiError("error_param", "dimension is required")
            # The logistics channel's item_max_dimension (get_channel_list); the
            # message is ours: Shopee's wording is UNCONFIRMED.
            if any(dim[k] > ITEM_MAX_SIDE_CM for k in ("package_length", "package_width", "package_height")):
                raise _ApiError("error_param", f"dimension exceeds the logistics limit of {ITEM_MAX_SIDE_CM} cm")
        if _is_number(body.get("weight")) and not ITEM_MIN_WEIGHT_KG <= body["weight"] <= ITEM_MAX_WEIGHT_KG:
            # weight_limit of the logistics channel (get_channel_list); message UNCONFIRMED.
            raise _ApiError("error_param", f"weight should be between {ITEM_MIN_WEIGHT_KG} and {ITEM_MAX_WEIGHT_KG} kg")
        if body.get("pre_order") is not None:
            if not isinstance(body["pre_order"], dict) or not isinstance(body["pre_order"].get("is_pre_order"), bool):
                raise _param_error("pre_order.is_pre_order is required")
        if body.get("item_status") is not None and body["item_status"] not in ("NORMAL", "UNLIST"):
            raise _param_error("item_status could be UNLIST or NORMAL")
        if body.get("condition") is not None and body["condition"] not in ("NEW", "USED"):
            raise _param_error("condition could be USED or NEW")
        brand = body.get("brand")
        if brand is None:
            if creating and self.require_brand:
                raise _ApiError("error_less_required_brand", "Brand information required")
        elif (
            not isinstance(brand, dict)
            or not _is_int(brand.get("brand_id"))
            or (creating and not isinstance(brand.get("original_brand_name"), str))
        ):
            raise _ApiError("error_invalid_brand", "Brand ID or brand name required")
        attrs = body.get("attribute_list")
        if attrs is None:
            if creating and self.require_attribute_list:
                raise _ApiError("error_less_required_attribute", "Mandatory attribute information required")
        else:
            if not isinstance(attrs, list) or (creating and self.require_attribute_list and not attrs):
                raise _ApiError("error_less_required_attribute", "Mandatory attribute information required")
            for attr in attrs:
                if not isinstance(attr, dict) or not _is_int(attr.get("attribute_id")):
                    raise _ApiError("error_param", "Invalid attribute. attribute_id is required")
                for value in attr.get("attribute_value_list") or []:
                    if not _is_int(value.get("value_id")):
                        raise _ApiError("error_param", "Invalid attribute. value_id is required")
                    if value["value_id"] == 0 and not value.get("original_value_name"):
                        raise _ApiError("error_value_name_required", "Value_name is required.")
        for entry in body.get("seller_stock") or []:
            if not isinstance(entry, dict) or not _is_int(entry.get("stock")) or entry["stock"] < 0:
                raise _param_error("seller_stock.stock should be a non-negative integer")

    def _item_out(self, item: dict) -> dict:
        return {
            "images": {
                "image_id_list": list(item["image_id_list"]),
                "image_url_list": [f"{self.base_url}/_sim/images/{i}" for i in item["image_id_list"]],
            },
            "item_id": item["item_id"],
            "item_name": item["item_name"],
            "description": item["description"],
            "item_sku": item["item_sku"],
            "item_status": item["item_status"],
            "category_id": item["category_id"],
            "weight": item["weight"],
            "dimension": item["dimension"],
            "price_info": {"original_price": item["original_price"], "current_price": item["current_price"]},
            "logistic_info": item["logistic_info"],
            "attribute": item["attribute_list"],
            "brand": item["brand"],
            "condition": item["condition"],
            "pre_order": item["pre_order"],
            "seller_stock": [{"stock": item["stock"]}],
        }

    def api_add_item(self, *, shop_id, body, **_):
        self._validate_item_body(body, creating=True)
        item = self._create_item(shop_id, body)
        return self._item_out(item)

    def _shop_item(self, shop_id: int, item_id) -> dict:
        if not _is_int(item_id):
            raise _param_error("item_id is required")
        item = self._items.get(item_id)
        if item is None or item["shop_id"] != shop_id or item["item_status"] in ("SELLER_DELETE", "SHOPEE_DELETE"):
            raise _ApiError("error_item_not_found", "Product not found")
        return item

    def api_update_item(self, *, shop_id, body, **_):
        item = self._shop_item(shop_id, body.get("item_id"))
        if "original_price" in body:
            raise _param_error("original_price cannot be updated here, use update_price")
        self._validate_item_body(body, creating=False)
        for field in (
            "item_name",
            "description",
            "item_sku",
            "category_id",
            "condition",
            "item_status",
            "dimension",
            "pre_order",
            "brand",
        ):
            if body.get(field) is not None:
                item[field] = copy.deepcopy(body[field])
        if body.get("weight") is not None:
            item["weight"] = float(body["weight"])
        if body.get("image") is not None:
            item["image_id_list"] = list(body["image"]["image_id_list"])
        if body.get("logistic_info") is not None:
            item["logistic_info"] = copy.deepcopy(body["logistic_info"])
        if body.get("attribute_list") is not None:
            item["attribute_list"] = copy.deepcopy(body["attribute_list"])
        item["update_time"] = self.now()
        out = self._item_out(item)
        out.pop("seller_stock")
        out.pop("price_info")
        return out

    def api_update_price(self, *, shop_id, body, **_):
        item = self._shop_item(shop_id, body.get("item_id"))
        price_list = body.get("price_list")
        if not isinstance(price_list, list) or not 1 <= len(price_list) <= 50:
            raise _param_error("price_list length should be between 1 to 50")
        success, failure = [], []
        for entry in price_list:
            model_id = entry.get("model_id", 0) if isinstance(entry, dict) else None
            price = entry.get("original_price") if isinstance(entry, dict) else None
            model = _find_model(item, model_id)
            if (model_id != 0 and model is None) or (model_id == 0 and item["models"]):
                # An item with variations is priced per model; model 0 is not one of them.
                failure.append({"model_id": model_id, "failed_reason": "Model not found."})
            elif not self._check_price(price):
                failure.append({"model_id": model_id, "failed_reason": "Invalid price, please use the correct format"})
            else:
                for target in filter(None, (model, item if model is None else None)):
                    target["original_price"] = _money(price)
                    target["current_price"] = _money(price)
                item["update_time"] = self.now()
                success.append({"model_id": model_id, "original_price": _money(price)})
        return {"failure_list": failure, "success_list": success}

    def api_update_stock(self, *, shop_id, body, **_):
        item = self._shop_item(shop_id, body.get("item_id"))
        stock_list = body.get("stock_list")
        if not isinstance(stock_list, list) or not 1 <= len(stock_list) <= 50:
            raise _param_error("stock_list length should be between 1 to 50")
        success, failure = [], []
        for entry in stock_list:
            model_id = entry.get("model_id", 0) if isinstance(entry, dict) else None
            seller_stock = entry.get("seller_stock") if isinstance(entry, dict) else None
            model = _find_model(item, model_id)
            if (model_id != 0 and model is None) or (model_id == 0 and item["models"]):
                failure.append({"model_id": model_id, "failed_reason": "Model not found."})
                continue
            if not isinstance(seller_stock, list) or not seller_stock or not all(
                isinstance(s, dict) and _is_int(s.get("stock")) and s["stock"] >= 0 for s in seller_stock
            ):
                failure.append({"model_id": model_id,
                                "failed_reason": "seller_stock.stock should be a non-negative integer"})
                continue
            # seller_stock is absolute, not a delta.
            if model is not None:
                model["stock"] = sum(s["stock"] for s in seller_stock)
                item["stock"] = sum(m["stock"] for m in item["models"])
            else:
                item["stock"] = sum(s["stock"] for s in seller_stock)
            item["update_time"] = self.now()
            for s in seller_stock:
                success.append({"model_id": model_id, "location_id": s.get("location_id", ""), "stock": s["stock"]})
        return {"failure_list": failure, "success_list": success}

    def api_unlist_item(self, *, shop_id, body, **_):
        item_list = body.get("item_list")
        if not isinstance(item_list, list) or not 1 <= len(item_list) <= 50:
            raise _param_error("item_list length should be between 1 to 50")
        success, failure = [], []
        for entry in item_list:
            item_id = entry.get("item_id") if isinstance(entry, dict) else None
            unlist = entry.get("unlist") if isinstance(entry, dict) else None
            item = self._items.get(item_id) if _is_int(item_id) else None
            if item is None or item["shop_id"] != shop_id:
                failure.append({"item_id": item_id, "failed_reason": "Item_id is not found."})
            elif not isinstance(unlist, bool):
                failure.append({"item_id": item_id, "failed_reason": "unlist is required."})
            else:
                item["item_status"] = "UNLIST" if unlist else "NORMAL"
                item["update_time"] = self.now()
                success.append({"item_id": item_id, "unlist": unlist})
        return {"failure_list": failure, "success_list": success}

    def api_delete_item(self, *, shop_id, body, **_):
        item = self._shop_item(shop_id, body.get("item_id"))
        item["item_status"] = "SELLER_DELETE"
        item["update_time"] = self.now()
        return None

    def api_get_item_list(self, *, shop_id, query, q, **_):
        offset = _int_param(q, "offset", required=True, minimum=0)
        page_size = _int_param(q, "page_size", required=True)
        if not 1 <= page_size <= 100:
            raise _param_error("page_size should be between 1 and 100")
        statuses = _list_param(query, "item_status")
        if not statuses:
            raise _param_error("item_status is required")
        if any(s not in ITEM_STATUSES for s in statuses):
            raise _param_error("item_status is invalid")
        time_from = _int_param(q, "update_time_from")
        time_to = _int_param(q, "update_time_to")
        rows = [
            i for i in self._items.values()
            if i["shop_id"] == shop_id and i["item_status"] in statuses
            and (time_from is None or i["update_time"] >= time_from)
            and (time_to is None or i["update_time"] <= time_to)
        ]
        rows.sort(key=lambda i: (-i["update_time"], -i["item_id"]))
        page = rows[offset:offset + page_size]
        has_next = offset + page_size < len(rows)
        return {
            "item": [
                {"item_id": i["item_id"], "item_status": i["item_status"], "update_time": i["update_time"]}
                for i in page
            ],
            "total_count": len(rows),
            "has_next_page": has_next,
            "next_offset": offset + page_size if has_next else 0,
        }

    def api_get_item_base_info(self, *, shop_id, query, **_):
        ids = _id_list_param(query, "item_id_list")
        if not ids:
            raise _param_error("item_id_list is required")
        if len(ids) > 50:
            raise _param_error("item_id_list size should be between 1 and 50")
        out = []
        for item_id in ids:
            item = self._items.get(item_id)
            if item is None or item["shop_id"] != shop_id:
                continue
            out.append({
                "item_id": item["item_id"],
                "category_id": item["category_id"],
                "item_name": item["item_name"],
                "description": item["description"],
                "item_sku": item["item_sku"],
                "create_time": item["create_time"],
                "update_time": item["update_time"],
                "attribute_list": item["attribute_list"],
                # Absent for an item with models: their prices are on get_model_list.
                **({} if item["models"] else {"price_info": [{
                    "currency": self.currency,
                    "original_price": item["original_price"],
                    "current_price": item["current_price"],
                }]}),
                "image": {
                    "image_url_list": [f"{self.base_url}/_sim/images/{i}" for i in item["image_id_list"]],
                    "image_id_list": list(item["image_id_list"]),
                },
                "weight": f"{item['weight']:g}",
                "dimension": item["dimension"] or {"package_length": 0, "package_width": 0, "package_height": 0},
                "logistic_info": item["logistic_info"],
                "pre_order": item["pre_order"],
                "condition": item["condition"],
                "item_status": item["item_status"],
                "has_model": bool(item["models"]),
                "brand": item["brand"],
                "item_dangerous": 0,
                "description_type": "normal",
                "stock_info_v2": _stock_info(item["stock"]),
            })
        return {"item_list": out}

    def api_get_model_list(self, *, shop_id, q, **_):
        item = self._shop_item(shop_id, _int_param(q, "item_id", required=True))
        if item["models"]:
            return {"tier_variation": copy.deepcopy(item["tier_variation"]),
                    "model": [self._model_out(item, m) for m in item["models"]]}
        models = []
        if self.default_model_in_model_list:
            models.append({
                "model_id": 0,
                "model_sku": item["item_sku"],
                "model_status": "MODEL_NORMAL",
                "tier_index": [],
                "promotion_id": 0,
                "price_info": [{
                    "currency": self.currency,
                    "original_price": item["original_price"],
                    "current_price": item["current_price"],
                    "inflated_price_of_original_price": item["original_price"],
                    "inflated_price_of_current_price": item["current_price"],
                }],
                "pre_order": item["pre_order"],
                "stock_info_v2": _stock_info(item["stock"]),
                "weight": f"{item['weight']:g}",
            })
        return {"tier_variation": [], "model": models}

    def _model_out(self, item: dict, model: dict) -> dict:
        return {
            "model_id": model["model_id"], "model_sku": model["model_sku"], "model_status": "MODEL_NORMAL",
            "tier_index": list(model["tier_index"]), "promotion_id": 0,
            "price_info": [{"currency": self.currency, "original_price": model["original_price"],
                            "current_price": model["current_price"],
                            "inflated_price_of_original_price": model["original_price"],
                            "inflated_price_of_current_price": model["current_price"]}],
            "pre_order": item["pre_order"], "stock_info_v2": _stock_info(model["stock"]),
            "weight": f"{item['weight']:g}",
        }

    # -- variations [SH-API:product.init_tier_variation, update_tier_variation, add_model, update_model]
    def _check_tiers(self, tiers) -> list[dict]:
        """1-2 tiers, each named (<= 14 chars) with 1-50 distinct options (<= 20 chars)."""
        if not isinstance(tiers, list) or not 1 <= len(tiers) <= MAX_TIERS:
            raise _param_error(f"tier_variation length should be between 1 and {MAX_TIERS}")
        clean = []
        for tier in tiers:
            name = tier.get("name") if isinstance(tier, dict) else None
            options = tier.get("option_list") if isinstance(tier, dict) else None
            if not isinstance(name, str) or not name.strip() or len(name) > MAX_TIER_NAME:
                raise _param_error(f"tier_variation.name is required, at most {MAX_TIER_NAME} characters")
            if not isinstance(options, list) or not 1 <= len(options) <= MAX_MODELS:
                raise _param_error(f"tier_variation.option_list length should be between 1 and {MAX_MODELS}")
            names = [o.get("option") if isinstance(o, dict) else None for o in options]
            if not all(isinstance(n, str) and n.strip() and len(n) <= MAX_OPTION_NAME for n in names):
                raise _param_error(f"option is required, at most {MAX_OPTION_NAME} characters")
            if len(set(names)) != len(names):
                raise _param_error("option names of a tier must be unique")
            clean.append({"name": name, "option_list": [{"option": n} for n in names]})
        return clean

    def _new_models(self, item: dict, entries, tiers: list[dict], taken: set) -> list[dict]:
        models = []
        for entry in entries:
            if not isinstance(entry, dict):
                raise _param_error("model should be an object")
            index = entry.get("tier_index")
            if not isinstance(index, list) or len(index) != len(tiers) or not all(
                    _is_int(i) and 0 <= i < len(tier["option_list"]) for i, tier in zip(index, tiers, strict=False)):
                raise _param_error("tier_index does not match tier_variation")
            if tuple(index) in taken:
                raise _param_error("duplicate tier_index")
            taken.add(tuple(index))
            if not self._check_price(entry.get("original_price")):
                raise _param_error("original_price is invalid")
            seller_stock = entry.get("seller_stock")
            if not isinstance(seller_stock, list) or not seller_stock or not all(
                    isinstance(s, dict) and _is_int(s.get("stock")) and s["stock"] >= 0 for s in seller_stock):
                raise _param_error("seller_stock.stock should be a non-negative integer")
            sku = entry.get("model_sku", "")
            if not isinstance(sku, str) or len(sku) > 100:
                raise _param_error("model_sku should be a string of at most 100 characters")
            models.append({"model_id": self._next_model_id(), "tier_index": list(index), "model_sku": sku,
                           "original_price": _money(entry["original_price"]),
                           "current_price": _money(entry["original_price"]),
                           "stock": sum(s["stock"] for s in seller_stock)})
        return models

    def _next_model_id(self) -> int:
        self._model_counter = getattr(self, "_model_counter", 0) + 1
        return 200_000_000 + self._model_counter

    def api_init_tier_variation(self, *, shop_id, body, **_):
        item = self._shop_item(shop_id, body.get("item_id"))
        if item["models"]:
            raise _param_error("item already has tier variation, use update_tier_variation")
        tiers = self._check_tiers(body.get("tier_variation"))
        entries = body.get("model")
        if not isinstance(entries, list) or not 1 <= len(entries) <= MAX_MODELS:
            raise _param_error(f"model length should be between 1 and {MAX_MODELS}")
        models = self._new_models(item, entries, tiers, set())
        item["tier_variation"], item["models"] = tiers, models
        item["stock"] = sum(m["stock"] for m in models)
        item["update_time"] = self.now()
        return {"item_id": item["item_id"], "tier_variation": copy.deepcopy(tiers),
                "model": [{"tier_index": m["tier_index"], "model_id": m["model_id"], "model_sku": m["model_sku"]}
                          for m in models]}

    def api_update_tier_variation(self, *, shop_id, body, **_):
        """Rename or extend options; existing models keep their tier_index (options are only appended)."""
        item = self._shop_item(shop_id, body.get("item_id"))
        if not item["models"]:
            raise _param_error("item has no tier variation, use init_tier_variation")
        tiers = self._check_tiers(body.get("tier_variation"))
        if len(tiers) != len(item["tier_variation"]) or any(
                len(new["option_list"]) < len(old["option_list"])
                for new, old in zip(tiers, item["tier_variation"], strict=True)):
            raise _param_error("options can only be added here: removing them needs the models deleted first")
        item["tier_variation"] = tiers
        item["update_time"] = self.now()
        return None

    def api_add_model(self, *, shop_id, body, **_):
        item = self._shop_item(shop_id, body.get("item_id"))
        if not item["tier_variation"]:
            raise _param_error("item has no tier variation, use init_tier_variation")
        entries = body.get("model_list")
        if not isinstance(entries, list) or not 1 <= len(entries) <= 50:
            raise _param_error("model_list length should be between 1 and 50")
        if len(item["models"]) + len(entries) > MAX_MODELS:
            raise _param_error(f"an item has at most {MAX_MODELS} models")
        models = self._new_models(item, entries, item["tier_variation"],
                                  {tuple(m["tier_index"]) for m in item["models"]})
        item["models"].extend(models)
        item["stock"] = sum(m["stock"] for m in item["models"])
        item["update_time"] = self.now()
        return {"model": [{"tier_index": m["tier_index"], "model_id": m["model_id"], "model_sku": m["model_sku"]}
                          for m in models]}

    def api_update_model(self, *, shop_id, body, **_):
        item = self._shop_item(shop_id, body.get("item_id"))
        entries = body.get("model")
        if not isinstance(entries, list) or not 1 <= len(entries) <= 50:
            raise _param_error("model length should be between 1 and 50")
        for entry in entries:
            model = _find_model(item, entry.get("model_id") if isinstance(entry, dict) else None)
            if model is None or not entry.get("model_id"):
                raise _ApiError("error_param", "Model not found.")
            sku = entry.get("model_sku")
            if not isinstance(sku, str) or len(sku) > 100:
                raise _param_error("model_sku is required, at most 100 characters")
            model["model_sku"] = sku
        item["update_time"] = self.now()
        return None

    # ------------------------------------------------------------------ orders
    def api_get_order_list(self, *, shop_id, q, **_):
        field = q.get("time_range_field")
        if field not in ("create_time", "update_time"):
            raise _param_error("time_range_field should be create_time or update_time")
        time_from = _int_param(q, "time_from", required=True)
        time_to = _int_param(q, "time_to", required=True)
        if time_from >= time_to or time_to - time_from > ORDER_WINDOW:
            raise _ApiError(
                "order.order_list_invalid_time", "Start time must be earlier than end time and diff in 15days."
            )
        page_size = _int_param(q, "page_size", required=True)
        if not 1 <= page_size <= 100:
            raise _param_error("page_size should be between 1 and 100")
        cursor = q.get("cursor") or ""
        if cursor and not cursor.isdigit():
            raise _param_error("cursor is invalid")
        offset = int(cursor or 0)
        status = q.get("order_status") or None
        if status is not None and status not in ORDER_STATUSES:
            raise _param_error("order_status is invalid")
        with_status = "order_status" in (q.get("response_optional_fields") or "").split(",")
        rows = [
            o for o in self._orders.values()
            if o["shop_id"] == shop_id and time_from <= o[field] <= time_to
            and (status is None or o["order_status"] == status)
        ]
        # Newest first, order_sn as tie-break so paging is deterministic.
        rows.sort(key=lambda o: (-o[field], o["order_sn"]))
        page = rows[offset:offset + page_size]
        more = offset + page_size < len(rows)
        order_list = []
        for o in page:
            entry = {"order_sn": o["order_sn"]}
            if with_status:
                entry["order_status"] = o["order_status"]
            order_list.append(entry)
        return {"more": more, "next_cursor": str(offset + page_size) if more else "", "order_list": order_list}

    def api_get_order_detail(self, *, shop_id, q, **_):
        raw_list = q.get("order_sn_list") or ""
        sns = [s.strip() for s in raw_list.split(",") if s.strip()]
        if not sns:
            raise _param_error("order_sn_list is required")
        if len(sns) > 50:
            raise _param_error("order_sn_list size should be between 1 and 50")
        optional = {f.strip() for f in (q.get("response_optional_fields") or "").split(",") if f.strip()}
        out, missing = [], []
        for sn in sns:
            order = self._orders.get(sn)
            if order is None or order["shop_id"] != shop_id:
                missing.append(sn)
                continue
            out.append(self._order_detail(order, optional))
        result = {"order_list": out}
        if missing:
            return _WithWarning(result, [f"order_sn {sn} not found" for sn in missing])
        return result

    def _order_detail(self, order: dict, optional: set[str]) -> dict:
        detail = {
            "order_sn": order["order_sn"],
            "region": self.region,
            "currency": self.currency,
            "cod": order["payment_method"] == "Cash on Delivery",
            "order_status": order["order_status"],
            "message_to_seller": order["message_to_seller"],
            "create_time": order["create_time"],
            "update_time": order["update_time"],
            "days_to_ship": order["days_to_ship"],
            "ship_by_date": order["ship_by_date"],
        }
        available = {
            "buyer_user_id": order["buyer_user_id"],
            "buyer_username": order["buyer_username"],
            "estimated_shipping_fee": order["estimated_shipping_fee"],
            "recipient_address": order["recipient_address"],
            "actual_shipping_fee": order["actual_shipping_fee"],
            "actual_shipping_fee_confirmed": order["order_status"] in ("SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED"),
            "goods_to_declare": False,
            "note": order["note"],
            "note_update_time": 0,
            "item_list": order["item_list"],
            "pay_time": order["pay_time"],
            "dropshipper": "",
            "dropshipper_phone": "",
            "split_up": False,
            "buyer_cancel_reason": order["buyer_cancel_reason"],
            "cancel_by": order["cancel_by"],
            "cancel_reason": order["cancel_reason"],
            "fulfillment_flag": "fulfilled_by_local_seller",
            "pickup_done_time": 0,
            "package_list": [
                {
                    "package_number": order["package_number"],
                    "logistics_status": _logistics_status(order["order_status"]),
                    "shipping_carrier": order["shipping_carrier"],
                    "item_list": [
                        {
                            "item_id": i["item_id"],
                            "model_id": i["model_id"],
                            "model_quantity": i["model_quantity_purchased"],
                            "order_item_id": i["order_item_id"],
                        }
                        for i in order["item_list"]
                    ],
                }
            ],
            "shipping_carrier": order["shipping_carrier"],
            "checkout_shipping_carrier": order["shipping_carrier"],
            "payment_method": order["payment_method"],
            "reverse_shipping_fee": 0,
        }
        if order["pay_time"] is not None:
            # total_amount is only returned after payment [SH-API:order.get_order_detail].
            available["total_amount"] = order["total_amount"]
        for field in optional:
            if field in available:
                detail[field] = copy.deepcopy(available[field])
        return detail

    def _shop_order(self, shop_id: int, order_sn) -> dict:
        if not order_sn or not isinstance(order_sn, str):
            raise _param_error("order_sn is required")
        order = self._orders.get(order_sn)
        if order is None or order["shop_id"] != shop_id:
            raise _ApiError("logistics.error_order_not_found", "Order is not found.")
        return order

    def api_get_shipping_parameter(self, *, shop_id, q, **_):
        order = self._shop_order(shop_id, q.get("order_sn"))
        if order["order_status"] in ("CANCELLED", "IN_CANCEL"):
            raise _ApiError("error_status", "The order has been cancelled.")
        today = self.now() - self.now() % 86400
        return {
            "info_needed": {"dropoff": [], "pickup": ["address_id", "pickup_time_id"], "non_integrated": []},
            "dropoff": None,
            "pickup": {
                "address_list": [
                    {
                        "address_id": PICKUP_ADDRESS_ID,
                        "region": self.region,
                        "state": "Jawa Timur",
                        "city": "Kota Malang",
                        "district": "Klojen",
                        "town": "",
                        "address": "Jl. Galeri Kriya No. 7",
                        "zipcode": "65111",
                        "address_flag": ["default_address", "pickup_address", "return_address"],
                        "time_slot_list": [
                            {
                                "date": today + 86400,
                                "time_text": "",
                                "pickup_time_id": f"{today + 86400}",
                                "flags": ["recommended"],
                            },
                            {
                                "date": today + 2 * 86400,
                                "time_text": "",
                                "pickup_time_id": f"{today + 2 * 86400}",
                                "flags": [],
                            },
                        ],
                    }
                ]
            },
        }

    def api_ship_order(self, *, shop_id, body, **_):
        order = self._shop_order(shop_id, body.get("order_sn"))
        modes = [m for m in ("pickup", "dropoff", "non_integrated") if m in body and body[m] is not None]
        if len(modes) != 1:
            raise _ApiError("logistics.ship_order_only_support_one_type",
                            "Please select just one way to ship order: pickup or dropoff or non_integrated.")
        if order["order_status"] not in ("READY_TO_SHIP", "RETRY_SHIP"):
            raise _ApiError("logistics.error_param", "The order status is not ready to ship.")
        if modes[0] == "pickup":
            pickup = body["pickup"]
            if not isinstance(pickup, dict) or pickup.get("address_id") != PICKUP_ADDRESS_ID:
                raise _ApiError("logistics.address_not_found", "Address is not found.")
            slot = pickup.get("pickup_time_id")
            valid_slots = {
                p["pickup_time_id"]
                for p in self.api_get_shipping_parameter(shop_id=shop_id, q={"order_sn": order["order_sn"]})["pickup"][
                    "address_list"
                ][0]["time_slot_list"]
            }
            if slot not in valid_slots:
                raise _ApiError("logistics.error_pickup_time", "Pickup time is invalid. Please check the pick up time.")
        elif not isinstance(body[modes[0]], dict):
            raise _param_error(f"{modes[0]} should be an object")
        if modes[0] == "non_integrated" and body["non_integrated"].get("tracking_number"):
            tracking = body["non_integrated"]["tracking_number"]
            if not isinstance(tracking, str):
                raise _param_error("non_integrated.tracking_number should be a string")
            # A non-integrated channel ships with the seller's own courier and resi.
            order["tracking_number"] = tracking
        self._transition(order, "PROCESSED")
        return None

    def api_cancel_order(self, *, shop_id, body, **_):
        """Seller cancels before shipping [SH-API:order.cancel_order]; item_list is required for OUT_OF_STOCK."""
        order = self._shop_order(shop_id, body.get("order_sn"))
        reason = body.get("cancel_reason")
        if reason not in ("OUT_OF_STOCK", "CUSTOMER_REQUEST", "UNDELIVERABLE_AREA", "COD_NOT_SUPPORTED"):
            raise _param_error("cancel_reason is invalid")
        if reason == "OUT_OF_STOCK":
            items = body.get("item_list")
            if not isinstance(items, list) or not items or not all(
                    isinstance(i, dict) and _is_int(i.get("item_id")) and _is_int(i.get("model_id")) for i in items):
                raise _param_error("item_list is required when cancel_reason is OUT_OF_STOCK")
            ordered = {(line["item_id"], line["model_id"]) for line in order["item_list"]}
            if any((i["item_id"], i["model_id"]) not in ordered for i in items):
                raise _param_error("item_list holds an item that is not in the order")
        if order["order_status"] not in ("UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP"):
            raise _ApiError("order.error_limit", "Can not cancel this order.")
        self._transition(order, "CANCELLED", cancel_reason=reason, cancel_by="seller")
        return {"update_time": order["update_time"]}

    def api_get_tracking_number(self, *, shop_id, q, **_):
        order = self._shop_order(shop_id, q.get("order_sn"))
        result = {"tracking_number": order["tracking_number"]}
        if not order["tracking_number"]:
            result["hint"] = "Tracking number is not available yet, please arrange shipment first."
        return result

    def api_get_channel_list(self, **_):
        return {
            "logistics_channel_list": [
                {
                    "logistics_channel_id": 80003,
                    "logistics_channel_name": "SPX Standard",
                    "cod_enabled": True,
                    "enabled": True,
                    "fee_type": "SIZE_INPUT",
                    "size_list": [],
                    "weight_limit": {"item_max_weight": ITEM_MAX_WEIGHT_KG, "item_min_weight": ITEM_MIN_WEIGHT_KG},
                    "item_max_dimension": {
                        "height": ITEM_MAX_SIDE_CM,
                        "width": ITEM_MAX_SIDE_CM,
                        "length": ITEM_MAX_SIDE_CM,
                        "unit": "cm",
                    },
                    "volume_limit": {"item_max_volume": 0, "item_min_volume": 0},
                    "logistics_description": "",
                    "force_enable": False,
                    "mask_channel_id": 0,
                }
            ]
        }

    # ------------------------------------------------------------------ lost pushes
    def api_get_lost_push_message(self, **_):
        """The earliest 100 lost, unconfirmed messages of the last 3 days, for the whole partner."""
        since = self.now() - LOST_PUSH_WINDOW
        waiting = [m for m in self._lost_pushes if not m["consumed"] and m["timestamp"] >= since]
        page = waiting[:LOST_PUSH_PAGE]
        messages = []
        for message in page:
            entry = {"code": message["code"], "timestamp": message["timestamp"], "data": message["data"]}
            if message["shop_id"] is not None:  # partner-level pushes (codes 1, 2, 12) carry no shop_id
                entry["shop_id"] = message["shop_id"]
            messages.append(entry)
        return {"push_message_list": messages, "has_next_page": len(waiting) > LOST_PUSH_PAGE,
                "last_message_id": page[-1]["message_id"] if page else 0}

    def api_confirm_consumed_lost_push_message(self, *, body, **_):
        """Everything up to and including ``last_message_id`` is consumed; no ``response`` object."""
        if "last_message_id" not in body:
            raise _param_error("last_message_id is required")
        last = body["last_message_id"]
        if not _is_int(last) or last <= 0:
            raise _ApiError("error_param", "parameter invalid")
        if last >= self._next_lost_message_id:
            raise _ApiError("error_data", "data not exist")
        for message in self._lost_pushes:
            if message["message_id"] <= last:
                message["consumed"] = True
        return None

    # ================================================================== control API (/_sim/)
    def handle_control(self, method: str, path: str, query: dict, raw: bytes):
        try:
            body = json.loads(raw.decode() or "{}") if method == "POST" else {}
        except ValueError:
            return 400, {"error": "body must be JSON"}
        try:
            parts = [p for p in path.split("/") if p][1:]  # drop "_sim"
            if parts and parts[0] == "discounts":
                return self._discount_control(method, parts, body)
            if method == "GET" and parts == ["state"]:
                return 200, self.state()
            if method == "POST" and parts == ["shops"]:
                return 200, self.add_shop(
                    int(body["shop_id"]), shop_name=body.get("shop_name"),
                    access_token=body.get("access_token"), refresh_token=body.get("refresh_token"),
                )
            if method == "POST" and len(parts) == 3 and parts[0] == "shops" and parts[2] == "auth_code":
                return 200, {"code": self.issue_auth_code(int(parts[1])), "shop_id": int(parts[1])}
            if method == "POST" and len(parts) == 3 and parts[0] == "shops" and parts[2] == "expire_token":
                self.expire_access_token(int(parts[1]))
                return 200, {}
            if method == "POST" and parts == ["items"]:
                item_id = self.add_item(
                    int(body["shop_id"]), item_name=body["item_name"], price=body["price"],
                    stock=int(body.get("stock", 0)), item_sku=body.get("item_sku", ""),
                    status=body.get("status", "NORMAL"),
                )
                return 200, {"item_id": item_id}
            if method == "POST" and parts == ["orders"]:
                order_sn = self.create_order(
                    int(body["shop_id"]), body.get("items") or [], buyer=body.get("buyer"),
                    status=body.get("status", "READY_TO_SHIP"),
                    message_to_seller=body.get("message_to_seller", ""),
                )
                return 200, {"order_sn": order_sn}
            if method == "POST" and len(parts) == 3 and parts[0] == "orders" and parts[2] == "status":
                order = self.set_order_status(
                    parts[1], body["status"], cancel_reason=body.get("cancel_reason", ""),
                    cancel_by=body.get("cancel_by", ""),
                )
                return 200, order
            if method == "POST" and parts == ["faults"]:
                if body.get("clear"):
                    self.clear_faults()
                else:
                    self.inject_faults(
                        body.get("kind", "throttle"), int(body.get("count", 1)), body.get("path"),
                        status=body.get("status"), sleep=body.get("sleep"),
                    )
                return 200, {}
            if method == "GET" and parts == ["lost_pushes"]:
                return 200, {"lost_pushes": self.lost_pushes}
            if method == "POST" and parts == ["webhook"]:
                self.set_webhook(body.get("url"))
                return 200, {"url": self.webhook_url}
            if method == "POST" and parts == ["clock"]:
                self.advance(float(body.get("advance", 0)))
                return 200, {"now": self.now()}
            if method == "POST" and parts == ["config"]:
                for key in ("error_http_status", "require_brand", "require_attribute_list",
                            "require_uploaded_images", "default_model_in_model_list", "timeout_sleep"):
                    if key in body:
                        setattr(self, key, body[key])
                for key in ("expired_token_error", "invalid_refresh_token_error", "throttle_error"):
                    if key in body:
                        setattr(self, key, tuple(body[key]))
                return 200, {}
            return 404, {"error": f"no control endpoint {method} {path}"}
        except (KeyError, TypeError, ValueError) as exc:
            return 400, {"error": str(exc)}

    # ================================================================== discounts (v2.discount.*)
    # Campaign discounts [SH-API:discount.add_discount, add_discount_item, delete_discount_item,
    # end_discount, delete_discount, get_discount]. Limits as the reference pages state them.
    # UNCONFIRMED: the "minimum national amount" of a discount price (``discount_price_floor``,
    # Rp 1.000 here, settable with POST /_sim/discounts/config), and that a discount price equal
    # to the original passes (the error says "greater than").

    def _discount_status(self, discount: dict) -> str:
        now = self.now()
        if discount["deleted"]:
            return "deleted"
        if discount["end_time"] <= now:
            return "expired"
        return "ongoing" if discount["start_time"] <= now else "upcoming"

    def _shop_discount(self, shop_id: int, discount_id) -> dict:
        discount = self._discounts.get(discount_id) if _is_int(discount_id) else None
        if discount is None or discount["shop_id"] != shop_id or discount["deleted"]:
            raise _ApiError("common.error_not_found", "The information you queried is not found.")
        return discount

    def _discount_out(self, discount: dict) -> dict:
        return {
            "discount_id": discount["discount_id"], "discount_name": discount["discount_name"],
            "shop_id": discount["shop_id"], "start_time": discount["start_time"], "end_time": discount["end_time"],
            "status": self._discount_status(discount), "source": discount["source"],
            "item_list": [dict(entry) for entry in discount["items"].values()],
        }

    def discounts(self) -> list[dict]:
        with self._lock:
            return [self._discount_out(d) for d in self._discounts.values()]

    def create_discount(self, shop_id: int, *, name: str, start_time: int, end_time: int,
                        items: list[dict] = (), source: str = "seller_centre") -> int:
        """A discount made outside our API (Seller Centre); ``items``: [{item_id, price}]. Returns its id."""
        with self._lock:
            discount_id = self._next_discount_id
            self._next_discount_id += 1
            self._discounts[discount_id] = {
                "discount_id": discount_id, "shop_id": int(shop_id), "discount_name": name,
                "start_time": int(start_time), "end_time": int(end_time), "deleted": False, "items": {},
                "source": source,
            }
            for entry in items:
                item = self._items[int(entry["item_id"])]
                self._discounts[discount_id]["items"][(item["item_id"], 0)] = {
                    "item_id": item["item_id"], "model_id": 0, "item_original_price": item["original_price"],
                    "item_promotion_price": _money(entry["price"]), "purchase_limit": 0}
            return discount_id

    def api_add_discount(self, *, shop_id, body, **_):
        name, start, end = body.get("discount_name"), body.get("start_time"), body.get("end_time")
        if not isinstance(name, str) or not name.strip():
            raise _param_error("discount_name is required")
        if not _is_int(start) or not _is_int(end):
            raise _param_error("start_time and end_time are required timestamps")
        if end <= start:
            raise _ApiError("discount.discount_end_time_smaller_than_start_time",
                            "Discount end time should later than start time.")
        if start < self.now() + 3600:
            raise _ApiError("discount.discount_start_time_smaller_than_now",
                            "Discount start time is less than the current time.")
        if end - start < 3600:
            raise _ApiError("discount.discount_period_too_short", "The end time should be later than 1 hour of "
                                                                  "start time.")
        if end - start > 180 * 86400:
            raise _ApiError("discount.discount_period_too_long", "Promotion duration must be within 180 days.")
        live = [d for d in self._discounts.values()
                if d["shop_id"] == shop_id and self._discount_status(d) in ("upcoming", "ongoing")]
        if len(live) >= 1000:
            raise _ApiError("discount.exceed_max_discount_count",
                            "The upcoming and ongoing discount cannot exceed 1000.")
        discount_id = self.create_discount(shop_id, name=name, start_time=start, end_time=end, source="api")
        return {"discount_id": discount_id}

    def _in_other_discount(self, discount: dict, item_id: int) -> bool:
        for other in self._discounts.values():
            if other is discount or other["shop_id"] != discount["shop_id"]:
                continue
            if self._discount_status(other) not in ("upcoming", "ongoing"):
                continue
            overlaps = other["start_time"] < discount["end_time"] and discount["start_time"] < other["end_time"]
            if overlaps and any(key[0] == item_id for key in other["items"]):
                return True
        return False

    def api_add_discount_item(self, *, shop_id, body, **_):
        discount = self._shop_discount(shop_id, body.get("discount_id"))
        if self._discount_status(discount) == "expired":
            raise _ApiError("discount.discount_is_end", "The end discount cannot be updated or deleted.")
        item_list = body.get("item_list")
        if not isinstance(item_list, list) or not item_list:
            raise _param_error("item_list is required")
        if len(item_list) > 50:
            raise _ApiError("discount.exceed_discount_item_batch_size", "You can only add up to 50 items at a time.")
        errors, seen, count = [], set(), 0

        def fail(item_id, model_id, error, message):
            errors.append({"item_id": item_id, "model_id": model_id, "fail_message": message, "fail_error": error})

        for entry in item_list:
            item_id = entry.get("item_id") if isinstance(entry, dict) else None
            if not _is_int(item_id):
                raise _param_error("item_list.item_id is required")
            if item_id in seen:
                fail(item_id, 0, "discount.item_id_repeated", "The item id can't be upload due to it has duplicated.")
                continue
            seen.add(item_id)
            item = self._items.get(item_id)
            if item is None or item["shop_id"] != shop_id or item["item_status"] in ("SELLER_DELETE", "SHOPEE_DELETE"):
                fail(item_id, 0, "discount.item_id_not_exist",
                     "The Item id you provided is not found, please check your item id.")
                continue
            if not _is_int(entry.get("purchase_limit")) or entry["purchase_limit"] < 0:
                fail(item_id, 0, "discount.item_purchase_limit_error", "Purchase limit of this product must be "
                                                                       "greater than 0.")
                continue
            if entry.get("model_list"):
                fail(item_id, entry["model_list"][0].get("model_id", 0), "discount.model_id_not_exist",
                     "The model id you provided is not found. Please check your model id.")
                continue
            price = entry.get("item_promotion_price")
            if price is None:
                fail(item_id, 0, "discount.discount_need_promotion_price", "Please input the discount price.")
                continue
            if not self._check_price(price):
                fail(item_id, 0, "error_param", "Wrong parameters, detail: item_promotion_price is invalid.")
                continue
            if (item_id, 0) in discount["items"]:
                fail(item_id, 0, "discount.item_in_promotion", "Item is already in this discount.")
                continue
            if price > item["original_price"]:
                fail(item_id, 0, "discount.promotion_price_higher_input_price",
                     "Discount price is greater than original price.")
                continue
            if price < self.discount_price_floor:
                fail(item_id, 0, "discount.promotion_price_too_low",
                     "Discount price is less than the minimum national amount.")
                continue
            if self._in_other_discount(discount, item_id):
                fail(item_id, 0, "discount.item_in_other_promotion", "Item is already in other overlapped discount.")
                continue
            if len(discount["items"]) >= 1000:
                fail(item_id, 0, "discount.item_in_promotion_too_many",
                     "A maximum of 1000 items can be uploaded in one promotion")
                continue
            discount["items"][(item_id, 0)] = {
                "item_id": item_id, "model_id": 0, "item_original_price": item["original_price"],
                "item_promotion_price": _money(price), "purchase_limit": entry["purchase_limit"]}
            count += 1
        return {"discount_id": discount["discount_id"], "count": count, "error_list": errors, "warning": ""}

    def api_delete_discount_item(self, *, shop_id, body, **_):
        discount = self._shop_discount(shop_id, body.get("discount_id"))
        if self._discount_status(discount) == "expired":
            raise _ApiError("discount.discount_is_end", "The end discount cannot be updated or deleted.")
        item_id, model_id = body.get("item_id"), body.get("model_id", 0)
        if not _is_int(item_id) or not _is_int(model_id):
            raise _param_error("item_id is required")
        if discount["items"].pop((item_id, model_id), None) is None:
            raise _ApiError("discount.discount_item_not_exist", "The item is not in this discount, please check it "
                                                                "again.")
        return {"discount_id": discount["discount_id"], "error_list": []}

    def api_end_discount(self, *, shop_id, body, **_):
        discount = self._shop_discount(shop_id, body.get("discount_id"))
        if self._discount_status(discount) != "ongoing":
            raise _ApiError("discount.discount_is_ongoing", "Only the ongoing discount can be ended.")
        if self.now() < discount["start_time"] + 3600:
            raise _ApiError("discount.end_discount_time_error", "Only can end the discount after 1 hour of start "
                                                                "time.")
        discount["end_time"] = self.now()
        return {"discount_id": discount["discount_id"], "modify_time": self.now()}

    def api_delete_discount(self, *, shop_id, body, **_):
        discount = self._shop_discount(shop_id, body.get("discount_id"))
        status = self._discount_status(discount)
        if status == "expired":
            raise _ApiError("discount.discount_is_end", "The end discount cannot be updated or deleted.")
        if status == "ongoing":
            raise _ApiError("discount.discount_not_ongoing", "The ongoing discount cannot be deleted.")
        discount["deleted"] = True
        return {"discount_id": discount["discount_id"], "modify_time": self.now()}

    def api_get_discount(self, *, shop_id, q, **_):
        discount = self._shop_discount(shop_id, _int_param(q, "discount_id", required=True))
        page_no = _int_param(q, "page_no", required=True, minimum=1)
        page_size = _int_param(q, "page_size", required=True, minimum=1)
        out = self._discount_out(discount)
        items = out.pop("item_list")
        page = items[(page_no - 1) * page_size:page_no * page_size]
        out.pop("shop_id"), out.pop("source")
        return {**out, "item_list": page, "more": page_no * page_size < len(items)}

    def api_get_discount_list(self, *, shop_id, q, **_):
        status = q.get("discount_status")
        if status not in ("upcoming", "ongoing", "expired", "all"):
            raise _param_error("discount_status should be upcoming/ongoing/expired/all")
        page_no = _int_param(q, "page_no", required=True, minimum=1)
        page_size = _int_param(q, "page_size", required=True, minimum=1)
        if page_size > 100:
            raise _param_error("page_size should be <= 100")
        found = [d for d in self._discounts.values() if d["shop_id"] == shop_id and not d["deleted"]
                 and (status == "all" or self._discount_status(d) == status)]
        page = found[(page_no - 1) * page_size:page_no * page_size]
        return {"discount_list": [{"status": self._discount_status(d), "discount_name": d["discount_name"],
                                   "start_time": d["start_time"], "end_time": d["end_time"],
                                   "discount_id": d["discount_id"], "source": 1 if d["source"] == "api" else 0}
                                  for d in page],
                "more": page_no * page_size < len(found)}

    def _discount_control(self, method: str, parts: list[str], body: dict):
        if method == "GET" and parts == ["discounts"]:
            return 200, {"discounts": self.discounts()}
        if method == "POST" and parts == ["discounts"]:
            return 200, {"discount_id": self.create_discount(
                int(body["shop_id"]), name=body.get("name", "Seller Centre discount"),
                start_time=int(body["start_time"]), end_time=int(body["end_time"]), items=body.get("items") or [])}
        if method == "POST" and len(parts) == 3 and parts[0] == "discounts" and parts[2] == "shift":
            # Time passes for one discount only: its period moves by ``seconds`` (tests, demos).
            discount = self._discounts[int(parts[1])]
            discount["start_time"] += int(body["seconds"])
            discount["end_time"] += int(body["seconds"])
            return 200, self._discount_out(discount)
        if method == "POST" and parts == ["discounts", "config"]:
            if "price_floor" in body:
                self.discount_price_floor = body["price_floor"]
            return 200, {"price_floor": self.discount_price_floor}
        return 404, {"error": f"no control endpoint {method} /_sim/{'/'.join(parts)}"}


class _Redirect:
    def __init__(self, location: str):
        self.location = location


class _TopLevel:
    """Auth endpoints answer their fields at top level, without a ``response`` wrapper."""

    def __init__(self, data: dict):
        self.data = data


class _WithWarning(dict):
    def __init__(self, data: dict, warning: list[str]):
        super().__init__(data)
        self.warning = warning


PICKUP_ADDRESS_ID = 2001


# Variation limits [SH-API:product.init_tier_variation]: two tiers at most, 50 models per item.
MAX_TIERS = 2
MAX_MODELS = 50
MAX_TIER_NAME = 14
MAX_OPTION_NAME = 20


def _find_model(item: dict, model_id) -> dict | None:
    if not _is_int(model_id) or model_id == 0:
        return None
    return next((m for m in item["models"] if m["model_id"] == model_id), None)


def _model_name(item: dict, model: dict) -> str:
    """Shopee's model_name: the model's options joined by commas, e.g. "Merah,M"."""
    return ",".join(tier["option_list"][i]["option"]
                    for tier, i in zip(item["tier_variation"], model["tier_index"], strict=False))


def _stock_info(stock: int) -> dict:
    return {
        "summary_info": {"total_reserved_stock": 0, "total_available_stock": stock},
        "seller_stock": [{"location_id": "", "stock": stock, "if_saleable": True}],
        "shopee_stock": [],
    }


def _logistics_status(order_status: str) -> str:
    return {
        "UNPAID": "LOGISTICS_NOT_START",
        "READY_TO_SHIP": "LOGISTICS_READY",
        "PROCESSED": "LOGISTICS_REQUEST_CREATED",
        "SHIPPED": "LOGISTICS_PICKUP_DONE",
        "TO_CONFIRM_RECEIVE": "LOGISTICS_DELIVERY_DONE",
        "COMPLETED": "LOGISTICS_DELIVERY_DONE",
        "CANCELLED": "LOGISTICS_REQUEST_CANCELED",
        "IN_CANCEL": "LOGISTICS_READY",
    }.get(order_status, "LOGISTICS_NOT_START")


def _int_param(q: dict, name: str, *, required: bool = False, minimum: int | None = None) -> int | None:
    value = q.get(name)
    if value in (None, ""):
        if required:
            raise _param_error(f"{name} is required")
        return None
    try:
        number = int(value)
    except ValueError:
        raise _param_error(f"{name} should be an integer") from None
    if minimum is not None and number < minimum:
        raise _param_error(f"{name} should be >= {minimum}")
    return number


def _list_param(query: dict, name: str) -> list[str]:
    # Repeated (?s=A&s=B), comma-joined and bracketed forms are all seen in clients.
    out: list[str] = []
    for value in query.get(name, []):
        out.extend(v for v in re.split(r"[,\s\[\]]+", value) if v)
    return out


def _id_list_param(query: dict, name: str) -> list[int]:
    try:
        return [int(v) for v in _list_param(query, name)]
    except ValueError:
        raise _param_error(f"{name} should be a list of integers") from None


# path -> (HTTP method, signing, handler). Methods per the reference pages (method 1=POST, 2=GET).
ROUTES = {
    "/api/v2/shop/auth_partner": ("GET", PUBLIC, "api_auth_partner"),
    "/api/v2/auth/token/get": ("POST", PUBLIC, "api_token_get"),
    "/api/v2/auth/access_token/get": ("POST", PUBLIC, "api_access_token_get"),
    "/api/v2/shop/get_shop_info": ("GET", SHOP, "api_get_shop_info"),
    "/api/v2/media_space/upload_image": ("POST", EITHER, "api_upload_image"),
    "/api/v2/product/add_item": ("POST", SHOP, "api_add_item"),
    "/api/v2/product/update_item": ("POST", SHOP, "api_update_item"),
    "/api/v2/product/delete_item": ("POST", SHOP, "api_delete_item"),
    "/api/v2/product/update_price": ("POST", SHOP, "api_update_price"),
    "/api/v2/product/update_stock": ("POST", SHOP, "api_update_stock"),
    "/api/v2/product/unlist_item": ("POST", SHOP, "api_unlist_item"),
    "/api/v2/product/get_item_list": ("GET", SHOP, "api_get_item_list"),
    "/api/v2/product/get_item_base_info": ("GET", SHOP, "api_get_item_base_info"),
    "/api/v2/product/get_model_list": ("GET", SHOP, "api_get_model_list"),
    "/api/v2/product/init_tier_variation": ("POST", SHOP, "api_init_tier_variation"),
    "/api/v2/product/update_tier_variation": ("POST", SHOP, "api_update_tier_variation"),
    "/api/v2/product/add_model": ("POST", SHOP, "api_add_model"),
    "/api/v2/product/update_model": ("POST", SHOP, "api_update_model"),
    "/api/v2/order/get_order_list": ("GET", SHOP, "api_get_order_list"),
    "/api/v2/order/get_order_detail": ("GET", SHOP, "api_get_order_detail"),
    "/api/v2/logistics/get_channel_list": ("GET", SHOP, "api_get_channel_list"),
    "/api/v2/logistics/get_shipping_parameter": ("GET", SHOP, "api_get_shipping_parameter"),
    "/api/v2/logistics/ship_order": ("POST", SHOP, "api_ship_order"),
    "/api/v2/logistics/get_tracking_number": ("GET", SHOP, "api_get_tracking_number"),
    "/api/v2/order/cancel_order": ("POST", SHOP, "api_cancel_order"),
    # Partner-level (Public) calls: signed with partner_id + path + timestamp only.
    "/api/v2/push/get_lost_push_message": ("GET", PUBLIC, "api_get_lost_push_message"),
    "/api/v2/push/confirm_consumed_lost_push_message": ("POST", PUBLIC, "api_confirm_consumed_lost_push_message"),
}
MULTIPART_PATHS = {"/api/v2/media_space/upload_image"}
WRITE_PATHS = {
    "/api/v2/media_space/upload_image", "/api/v2/product/add_item", "/api/v2/product/update_item",
    "/api/v2/product/delete_item", "/api/v2/product/update_price", "/api/v2/product/update_stock",
    "/api/v2/product/unlist_item", "/api/v2/logistics/ship_order", "/api/v2/order/cancel_order",
    "/api/v2/product/init_tier_variation", "/api/v2/product/update_tier_variation", "/api/v2/product/add_model",
    "/api/v2/product/update_model",
    "/api/v2/push/confirm_consumed_lost_push_message",
}


def _make_handler(sim: ShopeeSimulator):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Keep-alive responses are written in pieces; without TCP_NODELAY each
        # call waits ~40 ms for delayed ACKs.
        disable_nagle_algorithm = True
        server_version = "ShopeeSimulator/1.0"

        def log_message(self, fmt, *args):  # quiet unless asked
            if sim.verbose:
                super().log_message(fmt, *args)

        def _read_body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

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
                self.close_connection = True  # the client gave up (e.g. an injected "timeout" fault)

        def _dispatch(self, method: str):
            raw = self._read_body()
            url = urlparse(self.path)
            query = parse_qs(url.query, keep_blank_values=True)
            if url.path.startswith("/_sim/images/") and method == "GET":
                image = sim._images.get(url.path.rsplit("/", 1)[-1])
                if image is None:
                    return self._send(404, {"error": "no such image"})
                return self._send(200, image["data"], content_type=image["content_type"])
            if url.path.startswith("/_sim/") or url.path == "/_sim":
                status, payload = sim.handle_control(method, url.path, query, raw)
                return self._send(status, payload)
            status, headers, payload = sim.handle_api(method, url.path, query, self.headers, raw)
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

    return Handler


# ------------------------------------------------------------------ discounts (campaign promotions)
ROUTES.update({
    "/api/v2/discount/add_discount": ("POST", SHOP, "api_add_discount"),
    "/api/v2/discount/add_discount_item": ("POST", SHOP, "api_add_discount_item"),
    "/api/v2/discount/delete_discount_item": ("POST", SHOP, "api_delete_discount_item"),
    "/api/v2/discount/end_discount": ("POST", SHOP, "api_end_discount"),
    "/api/v2/discount/delete_discount": ("POST", SHOP, "api_delete_discount"),
    "/api/v2/discount/get_discount": ("GET", SHOP, "api_get_discount"),
    "/api/v2/discount/get_discount_list": ("GET", SHOP, "api_get_discount_list"),
})
WRITE_PATHS.update({"/api/v2/discount/add_discount", "/api/v2/discount/add_discount_item",
                    "/api/v2/discount/delete_discount_item", "/api/v2/discount/end_discount",
                    "/api/v2/discount/delete_discount"})


def main(argv: list[str] | None = None) -> None:  # standalone: python -m marketplace_sync.simulators.shopee
    import argparse

    parser = argparse.ArgumentParser(description="Shopee Open Platform v2 simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8701)
    parser.add_argument("--partner-id", type=int, default=2001887)
    parser.add_argument("--partner-key", default="test-partner-key")
    parser.add_argument("--shop-id", type=int, default=14701711)
    args = parser.parse_args(argv)
    sim = ShopeeSimulator(partner_id=args.partner_id, partner_key=args.partner_key)
    url = sim.start(host=args.host, port=args.port)
    shop = sim.add_shop(args.shop_id)
    print(f"Shopee simulator on {url}; shop {shop}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sim.stop()


if __name__ == "__main__":
    main()

