"""LazadaAdapter: fills the MarketplaceAdapter steps for Lazada Open Platform (lazada.md)."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from xml.sax.saxutils import escape

from marketplace_sync.adapters.base import (
    AuthError,
    BatchResult,
    CancelReason,
    ListingImage,
    ListingPayload,
    MarketplaceAdapter,
    MarketplaceError,
    PayloadError,
    PriceUpdate,
    RemoteListingRef,
    RequestRejected,
    StockUpdate,
    TokenSet,
)

from . import mapping, signing, webhooks
from .client import AUTH_BASE_URL, LazadaClient, ban_seconds, is_retryable_answer
from .promotions import LazadaPromotions

#: Lifetimes when an answer leaves them out: 30 days / 180 days for online apps [LZ-AUTH].
ACCESS_TOKEN_LIFETIME = 30 * 86400
REFRESH_TOKEN_LIFETIME = 180 * 86400


class LazadaAdapter(LazadaPromotions, MarketplaceAdapter):
    kind = "lazada"
    max_order_window = None  # no window limit is documented for /orders/get
    order_page_size = 100  # /orders/get limit <= 100
    order_detail_batch_size = 50  # /orders/items/get order_ids <= 50
    sku_batch_size = 50  # price_quantity/update and stock/sellable/update: <= 50 SKUs per call
    product_page_size = 50  # /products/get limit <= 50
    fulfillment_batch_size = 20  # pack and rts: <= 20

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.session.retry_response is None:
            self.session.retry_response = is_retryable_answer
        if self.session.retry_delay is None:
            self.session.retry_delay = ban_seconds
        self.client = LazadaClient(
            api_base_url=self.api_base_url, auth_base_url=self.credentials.get("auth_base") or AUTH_BASE_URL,
            app_key=self.credentials["app_key"], app_secret=self.credentials["app_secret"],
            session=self.session, clock=self.clock,
        )
        self._order_headers: dict[str, dict] = {}  # headers seen in /orders/get, reused for details
        self._mandatory: list[str] | None = None

    def check_credentials(self):
        missing = [key for key in ("app_key", "app_secret") if not self.credentials.get(key)]
        if missing:
            raise MarketplaceError(f"Lazada credentials lack {', '.join(missing)}")

    # -- calls ------------------------------------------------------------------------

    def _seller_call(self, method, api_path, params=None, **kwargs):
        """A seller API call, refreshing the token once if Lazada says it is invalid or expired."""
        if not self.credentials.get("access_token"):
            raise MarketplaceError("Lazada channel is not connected to a seller (no access_token)")
        return self.call_with_token_refresh(lambda: self.client.call(
            method, api_path, params=params, access_token=self.credentials["access_token"], **kwargs))

    # -- auth ---------------------------------------------------------------------------

    def authorization_url(self, *, redirect_url: str) -> str:
        # The authorize page sits beside the token API: https://auth.lazada.com/oauth/authorize [LZ-AUTH].
        host = self.client.auth_base_url.removesuffix("/rest")
        return f"{host}/oauth/authorize?" + urlencode({
            "response_type": "code", "force_auth": "true", "redirect_uri": redirect_url,
            "client_id": self.client.app_key,
        })

    def _token_set(self, payload: dict) -> TokenSet:
        # Lifetimes are durations in seconds, as numbers or strings depending on the sample.
        now = dt.datetime.fromtimestamp(self.clock(), tz=dt.timezone.utc)
        try:
            users = payload.get("country_user_info") or payload.get("country_user_info_list") or []
            seller = next((u for u in users if isinstance(u, dict)), {})
            extra = {key: str(value) for key, value in (
                ("seller_id", seller.get("seller_id")), ("country", payload.get("country")),
                ("account", payload.get("account"))) if value}
            return TokenSet(
                access_token=str(payload["access_token"]), refresh_token=str(payload["refresh_token"]),
                access_expires_at=now + dt.timedelta(seconds=int(payload.get("expires_in") or ACCESS_TOKEN_LIFETIME)),
                refresh_expires_at=now + dt.timedelta(
                    seconds=int(payload.get("refresh_expires_in") or REFRESH_TOKEN_LIFETIME)),
                extra=extra,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise PayloadError(f"token answer unreadable: {exc}") from None

    def exchange_code(self, *, code: str, **identity) -> TokenSet:
        try:
            payload = self.client.call("POST", "/auth/token/create", params={"code": code}, auth_host=True)
        except RequestRejected as exc:
            raise AuthError(f"authorization code refused: {exc}", code=exc.code, payload=exc.payload) from exc
        return self._token_set(payload)

    def _refresh_tokens(self) -> TokenSet:
        payload = self.client.call("POST", "/auth/token/refresh",
                                   params={"refresh_token": self.credentials.get("refresh_token", "")},
                                   auth_host=True)
        return self._token_set(payload)

    # -- listing rules --------------------------------------------------------------------

    def mandatory_attributes(self) -> list[str]:
        """Mandatory non-sale attributes of the channel's category, asked once per adapter."""
        if self._mandatory is None:
            if "mandatory_attributes" in self.options:
                self._mandatory = list(self.options["mandatory_attributes"])
            else:
                answer = self._seller_call("GET", "/category/attributes/get", params={
                    "primary_category_id": str(self.options.get("primary_category", mapping.DEFAULT_CATEGORY))})
                self._mandatory = [
                    str(a.get("name")) for a in answer.get("data") or []
                    if isinstance(a, dict) and str(a.get("is_mandatory")) == "1" and str(a.get("is_sale_prop")) != "1"
                ]
        return self._mandatory

    def listing_problems(self, *, payload: ListingPayload) -> list[str]:
        try:
            mandatory = self.mandatory_attributes()
        except RequestRejected as exc:
            return [f"category {self.options.get('primary_category', mapping.DEFAULT_CATEGORY)} refused: {exc}"]
        return mapping.listing_problems(payload, options=self.options, mandatory_attributes=mandatory)

    # -- listings -----------------------------------------------------------------------

    def upload_image(self, *, image: ListingImage) -> str:
        """Resized to Lazada's rules, uploaded to Lazada; its Lazada URL is the image id."""
        data = mapping.prepare_image(image.read())
        name = image.filename.rsplit(".", 1)[0] + ".jpg"
        answer = self._seller_call("POST", "/image/upload", files={"image": (name, data, "image/jpeg")})
        try:
            return str(answer["data"]["image"]["url"])
        except (KeyError, TypeError):
            raise PayloadError("image/upload answer has no data.image.url") from None

    def create_listing(self, *, payload: ListingPayload, image_ids: list[str]) -> RemoteListingRef:
        document = mapping.product_document(payload, image_urls=image_ids, options=self.options,
                                            mandatory_attributes=self.mandatory_attributes())
        answer = self._seller_call("POST", "/product/create", params={"payload": document})
        try:
            data = answer["data"]
            skus = {str(s.get("seller_sku")): s for s in data.get("sku_list") or []}
            ref = RemoteListingRef(item_id=str(data["item_id"]))
            if payload.variants:
                ref.variants = {v.key: str(skus[v.sku]["sku_id"]) for v in payload.variants}
            else:
                ref.model_id = str((skus.get(payload.sku) or next(iter(skus.values())))["sku_id"])
            return ref
        except (KeyError, TypeError, StopIteration):
            raise PayloadError("product/create answer has no item_id and sku_list") from None

    def update_listing(self, *, ref: RemoteListingRef, payload: ListingPayload,
                       image_ids: list[str]) -> RemoteListingRef | None:
        # Stock is not in the update: it goes through the sellable-stock API alone.
        new = [v.option for v in payload.variants if v.key not in ref.variants]
        if new:
            raise RequestRejected(f"new variant(s) {', '.join(new)}: adding SKUs to a Lazada product is not "
                                  "supported yet", code="variant_added")
        document = mapping.product_document(payload, image_urls=image_ids, options=self.options,
                                            mandatory_attributes=self.mandatory_attributes(), item_id=ref.item_id,
                                            sku_id=ref.model_id, with_stock=False, variant_ids=ref.variants)
        for sku in document["Request"]["Product"]["Skus"]["Sku"]:
            sku["Status"] = "active"
        self._seller_call("POST", "/product/update", params={"payload": document})
        return ref

    def set_listed(self, *, ref: RemoteListingRef, listed: bool) -> None:
        if listed:
            # update_listing (which the engine always runs before relisting) sends
            # Status "active"; /product/update is the only way back from inactive.
            return
        # No SkuId: every SKU of the product (an item with variations is delisted whole).
        skus = f"<Skus><SkuId>{escape(ref.model_id)}</SkuId></Skus>" if ref.model_id else ""
        body = f"<Request><Product><ItemId>{escape(ref.item_id)}</ItemId>{skus}</Product></Request>"
        self._seller_call("POST", "/product/deactivate", params={"apiRequestBody": body})

    def set_stock(self, *, updates: list[StockUpdate]) -> BatchResult:
        """Sellable quantity, absolute: what buyers can buy = what the storefront can sell.

        Not the total quantity of price_quantity/update: Lazada holds units of its
        unpaid and unshipped orders outside sellable (withhold/occupy), and the
        engine already took those units off our available count when it imported
        the order; setting the total would count them twice (inventory guide).
        """
        return self._sku_batches(updates, api_path="/product/stock/sellable/update",
                                 entry=lambda u: {"SellableQuantity": str(max(int(u.quantity), 0))})

    def set_prices(self, *, updates: list[PriceUpdate]) -> BatchResult:
        return self._sku_batches(updates, api_path="/product/price_quantity/update",
                                 entry=lambda u: {"Price": mapping.whole_rupiah(u.price)})

    def _sku_batches(self, updates, *, api_path: str, entry) -> BatchResult:
        """At most 50 SKUs per call. A refused batch is retried SKU by SKU, so one bad
        SKU fails alone and the others still go through."""
        result = BatchResult()

        def send(chunk):
            self._seller_call("POST", api_path, params={"payload": mapping.skus_document([
                {"ItemId": u.ref.item_id, "SkuId": u.ref.model_id, **entry(u)} for u in chunk])})

        for start in range(0, len(updates), self.sku_batch_size):
            chunk = updates[start:start + self.sku_batch_size]
            try:
                send(chunk)
            except RequestRejected as exc:
                if len(chunk) == 1:
                    result.failed[chunk[0].ref.key] = str(exc)
                    continue
                for update in chunk:
                    try:
                        send([update])
                    except RequestRejected as single:
                        result.failed[update.ref.key] = str(single)
                    else:
                        result.succeeded.append(update.ref.key)
                continue
            result.succeeded.extend(u.ref.key for u in chunk)
        return result

    def get_stock(self, *, refs: list[RemoteListingRef]) -> dict[str, int]:
        """Sellable quantity per item:sku, read page by page from /products/get."""
        wanted = {ref.key for ref in refs}
        stock: dict[str, int] = {}
        offset = 0
        while wanted - set(stock):
            answer = self._seller_call("GET", "/products/get", params={
                "filter": "all", "limit": self.product_page_size, "offset": offset})
            products = (answer.get("data") or {}).get("products") or []
            for product in products:
                for sku in product.get("skus") or []:
                    key = RemoteListingRef(item_id=str(product.get("item_id")), model_id=str(sku.get("SkuId"))).key
                    if key in wanted:
                        stock[key] = sellable_quantity(sku)
            if len(products) < self.product_page_size:
                break
            offset += len(products)
        return stock

    # -- orders ---------------------------------------------------------------------------

    def _list_orders_page(self, *, window_from, window_to, cursor):
        offset = int(cursor or 0)
        answer = self._seller_call("GET", "/orders/get", params={
            "update_after": mapping.api_time(window_from), "update_before": mapping.api_time(window_to, upper=True),
            "sort_by": "updated_at", "sort_direction": "ASC", "offset": offset, "limit": self.order_page_size,
        })
        data = answer.get("data") or {}
        orders = [o for o in data.get("orders") or [] if isinstance(o, dict) and o.get("order_id")]
        for order in orders:
            self._order_headers[str(order["order_id"])] = order
        try:
            total = int(data.get("countTotal") or 0)
        except (TypeError, ValueError):
            total = 0
        # countTotal says whether another page exists; without it, a full page means "maybe".
        more = offset + len(orders) < total if total else len(orders) == self.order_page_size
        return [str(o["order_id"]) for o in orders], (offset + len(orders) if more and orders else None)

    def _get_order_details(self, *, remote_ids):
        answer = self._seller_call("GET", "/orders/items/get", params={"order_ids": "[" + ",".join(remote_ids) + "]"})
        items_by_order = {str(entry.get("order_id")): entry.get("order_items")
                          for entry in answer.get("data") or [] if isinstance(entry, dict)}
        details = []
        for remote_id in remote_ids:
            header = self._order_headers.pop(remote_id, None)
            if header is None:  # a webhook-driven fetch: the header was not listed
                header = self._seller_call("GET", "/order/get", params={"order_id": remote_id}).get("data") or {}
            details.append({**header, "order_id": header.get("order_id") or remote_id,
                            "order_items": items_by_order.get(remote_id)})
        return details

    def _raw_order_id(self, raw) -> str:
        return str(raw.get("order_id") or "") if isinstance(raw, dict) else ""

    def parse_order(self, raw):
        return mapping.parse_order(raw)

    def _order_items(self, remote_id: str) -> list[dict]:
        answer = self._seller_call("GET", "/order/items/get", params={"order_id": remote_id})
        return [item for item in answer.get("data") or [] if isinstance(item, dict)]

    def ship_order(self, *, remote_id: str, tracking_number: str = "") -> str | None:
        """Pack the order's pending items, then mark the package ready to ship.

        Lazada's logistics assign the tracking number at pack: it is returned so
        the order records the number the courier will scan. Safe to repeat: items
        already packed go straight to ready-to-ship.
        """
        items = self._order_items(remote_id)
        to_pack = [int(i["order_item_id"]) for i in items if i.get("status") in ("pending", "repacked", "topack")]
        tracking = {str(i.get("package_id")): str(i.get("tracking_code") or "") for i in items
                    if i.get("status") == "packed" and i.get("package_id")}
        if to_pack:
            answer = self._seller_call("POST", "/order/fulfill/pack", params={"packReq": {
                "pack_order_list": [{"order_id": int(remote_id), "order_item_list": to_pack}],
                "delivery_type": "dropship",
                "shipping_allocate_type": self.options.get("shipping_allocate_type", "TFS"),
            }})
            result = _fulfillment_result(answer, "/order/fulfill/pack")
            for order in (result.get("data") or {}).get("pack_order_list") or []:
                for item in order.get("order_item_list") or []:
                    if str(item.get("item_err_code")) != "0":
                        raise RequestRejected(f"pack refused item {item.get('order_item_id')}: "
                                              f"{item.get('item_err_code')} {item.get('msg')}", payload=answer)
                    if item.get("package_id"):
                        tracking[str(item["package_id"])] = str(item.get("tracking_number") or "")
        if not tracking:
            if items and all(i.get("status") not in ("pending", "repacked", "topack", "packed") for i in items):
                return next((str(i.get("tracking_code")) for i in items if i.get("tracking_code")), None)
            raise RequestRejected(f"order {remote_id} has no item to pack or ship")
        packages = list(tracking)
        for start in range(0, len(packages), self.fulfillment_batch_size):
            batch = packages[start:start + self.fulfillment_batch_size]
            answer = self._seller_call("POST", "/order/package/rts", params={"readyToShipReq": {
                "packages": [{"package_id": p} for p in batch]}})
            result = _fulfillment_result(answer, "/order/package/rts")
            for package in (result.get("data") or {}).get("packages") or []:
                if str(package.get("item_err_code")) != "0":
                    raise RequestRejected(f"ready-to-ship refused package {package.get('package_id')}: "
                                          f"{package.get('item_err_code')} {package.get('msg')}", payload=answer)
        return next((t for t in tracking.values() if t), None) or tracking_number or None

    def cancel_order(self, *, remote_id: str, reason: str = CancelReason.OUT_OF_STOCK) -> None:
        """Seller cancellation, item by item (order-cancellation guide): validate, then create.

        Lazada offers its own reasons per order. "Out of stock" (and "wrong price")
        make Lazada set the SKU's stock to 0: used only when that is the truth
        (``CancelReason.OUT_OF_STOCK``); the stock push that follows the released
        allocation sets the sellable quantity back to what we really have.
        """
        items = self._order_items(remote_id)
        ids = [str(i["order_item_id"]) for i in items if i.get("status") in mapping.CANCELLABLE]
        if not ids:
            if items and all(i.get("status") in ("canceled", "cancelled") for i in items):
                return  # already cancelled there: nothing to do
            raise RequestRejected(f"order {remote_id}: no item can be cancelled any more "
                                  f"({', '.join(sorted({str(i.get('status')) for i in items}))})")
        answer = self._seller_call("GET", "/order/reverse/cancel/validate",
                                   params={"order_id": remote_id, "order_item_id_list": ids})
        options = (answer.get("data") or {}).get("reason_options") or []
        reason_id = str(self.options.get("cancel_reason_id") or "") or _cancel_reason(options, reason)
        if not reason_id:
            tip = (answer.get("data") or {}).get("tip_content") or "no cancellation reason offered"
            raise RequestRejected(f"order {remote_id} cannot be cancelled: {tip}", payload=answer)
        self._seller_call("GET", "/order/reverse/cancel/create",
                          params={"order_id": remote_id, "order_item_id_list": ids, "reason_id": reason_id})

    # -- webhooks ---------------------------------------------------------------------------

    def verify_webhook(self, *, url: str, body: bytes, headers: dict) -> bool:
        return webhooks.verify(app_key=self.client.app_key, app_secret=self.client.app_secret, body=body,
                               headers=headers)

    def parse_webhook(self, *, body: bytes):
        return webhooks.parse(body)

    # Exposed for the documented signature examples and the simulator's tests.
    sign = staticmethod(signing.request_sign)


def sellable_quantity(sku: dict) -> int:
    """What buyers can buy: ``sellableQuantity`` of the warehouses, else ``Available``."""
    warehouses = [w for w in sku.get("multiWarehouseInventories") or [] if isinstance(w, dict)]
    if warehouses and all("sellableQuantity" in w for w in warehouses):
        return sum(int(w.get("sellableQuantity") or 0) for w in warehouses)
    for key in ("Available", "available", "quantity"):
        if sku.get(key) is not None:
            return int(sku[key])
    return 0


def _fulfillment_result(answer: dict, api_path: str) -> dict:
    """pack and rts wrap their outcome again: ``result.success`` plus per-item codes."""
    result = answer.get("result") or {}
    if str(result.get("success")).lower() != "true":
        raise RequestRejected(f"{api_path}: {result.get('error_code')} {result.get('error_msg')}", payload=answer)
    return result


#: Words of the reasons that make Lazada set the SKU's stock to 0 (order-cancellation guide).
STOCK_ZEROING_WORDS = ("stock", "price", "pricing")


def _cancel_reason(options: list, reason: str) -> str:
    """The offered reason for ours: "out of stock" only when it is; otherwise one that leaves the stock alone."""
    offered = [o for o in options if isinstance(o, dict) and o.get("reason_id")]
    names = {id(o): str(o.get("reason_name", "")).lower() for o in offered}
    if reason == CancelReason.OUT_OF_STOCK:
        preferred = [o for o in offered if "stock" in names[id(o)]]
    else:
        preferred = [o for o in offered if not any(w in names[id(o)] for w in STOCK_ZEROING_WORDS)]
    chosen = (preferred or offered or [{}])[0]
    return str(chosen.get("reason_id") or "")
