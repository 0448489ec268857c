"""TikTokShopAdapter: fills the MarketplaceAdapter steps for TikTok Shop 202309+ (also Tokopedia)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

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
    expiry_from_unix,
)

from . import mapping, signing, webhooks
from .client import TikTokClient, is_retryable_answer
from .promotions import TikTokPromotions

AUTH_BASE = "https://auth.tiktok-shops.com"  # token host [TT-AUTH]
AUTHORIZE_BASE = "https://services.tiktokshop.com"  # seller authorisation page (non-US) [TT-AUTH]

CANCEL_REASONS = {  # seller reasons for paid orders [TT-API:return-and-refund/cancel-reasons]
    CancelReason.OUT_OF_STOCK: "seller_cancel_reason_out_of_stock",
    CancelReason.BUYER_REQUEST: "seller_cancel_paid_reason_buyer_requested_cancellation",
    CancelReason.UNDELIVERABLE: "seller_cancel_paid_reason_address_not_deliver",
}


class TikTokShopAdapter(TikTokPromotions, MarketplaceAdapter):
    kind = "tiktok"
    max_order_window = None  # no window limit documented for order search
    order_page_size = 100  # page_size 1-100
    order_detail_batch_size = 50  # ids: max 50
    activation_batch_size = 20  # product_ids per activate/deactivate
    inventory_search_batch_size = 100  # product_ids per inventory search

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.session.retry_response is None:
            self.session.retry_response = is_retryable_answer
        self.client = TikTokClient(
            api_base_url=self.api_base_url, auth_base_url=self.credentials.get("auth_base") or AUTH_BASE,
            app_key=self.credentials["app_key"], app_secret=self.credentials["app_secret"],
            session=self.session, clock=self.clock,
        )
        self._warehouse_id = self.options.get("warehouse_id") or ""

    def check_credentials(self):
        missing = [key for key in ("app_key", "app_secret") if not self.credentials.get(key)]
        if missing:
            raise MarketplaceError(f"TikTok Shop credentials lack {', '.join(missing)}")

    # -- calls ----------------------------------------------------------------------

    def _shop_call(self, method, path, *, shop=True, **kwargs):
        """An authenticated call (with the shop cipher unless ``shop=False``), refreshing once on expiry."""
        if not self.credentials.get("access_token"):
            raise MarketplaceError("TikTok Shop channel is not connected to a shop (no access_token)")
        if shop and not self.credentials.get("shop_cipher"):
            self.credentials["shop_cipher"] = self._authorized_shop()["cipher"]

        def attempt():
            return self.client.call(method, path, access_token=self.credentials["access_token"],
                                    shop_cipher=self.credentials["shop_cipher"] if shop else "", **kwargs)

        return self.call_with_token_refresh(attempt)

    def _authorized_shop(self, access_token: str | None = None) -> dict:
        """The first shop this token may act for; ``cipher`` goes with every shop call [TT-AUTH]."""
        def attempt():
            return self.client.call("GET", "/authorization/202309/shops",
                                    access_token=access_token or self.credentials["access_token"])

        data = attempt() if access_token else self.call_with_token_refresh(attempt)
        shops = data.get("shops") or []
        if not shops or not shops[0].get("cipher"):
            raise AuthError("no authorised shop for this token")
        return shops[0]

    def warehouse_id(self) -> str:
        if not self._warehouse_id:
            warehouses = self._shop_call("GET", "/logistics/202309/warehouses").get("warehouses") or []
            sales = [w for w in warehouses if w.get("type", "SALES_WAREHOUSE") == "SALES_WAREHOUSE"
                     and w.get("effect_status", "ENABLED") == "ENABLED"]
            chosen = next((w for w in sales if w.get("is_default")), sales[0] if sales else None)
            if chosen is None:
                raise RequestRejected("the shop has no enabled sales warehouse")
            self._warehouse_id = str(chosen["id"])
        return self._warehouse_id

    # -- auth -------------------------------------------------------------------------

    def authorization_url(self, *, redirect_url: str) -> str:
        """The seller authorisation page. TikTok sends the seller to the redirect URL registered
        in Partner Center with ``code`` and our ``state``; ours travels inside ``redirect_url``."""
        service_id = self.credentials.get("service_id")
        if not service_id:
            raise MarketplaceError("TikTok Shop credentials need service_id (Partner Center > App) "
                                   "to build the authorisation link")
        state = (parse_qs(urlsplit(redirect_url).query).get("state") or [""])[0]
        base = (self.credentials.get("authorize_base") or AUTHORIZE_BASE).rstrip("/")
        return f"{base}/open/authorize?{urlencode({'service_id': service_id, 'state': state})}"

    def _token_set(self, data: dict) -> TokenSet:
        try:
            return TokenSet(
                access_token=data["access_token"], refresh_token=data["refresh_token"],
                # Absolute unix timestamps, not durations [TT-AUTH].
                access_expires_at=expiry_from_unix(data["access_token_expire_in"]),
                refresh_expires_at=expiry_from_unix(data.get("refresh_token_expire_in")),
            )
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise PayloadError(f"token answer unreadable: {exc}") from None

    def exchange_code(self, *, code: str, **identity) -> TokenSet:
        try:
            data = self.client.auth_call("/api/v2/token/get", {"auth_code": code, "grant_type": "authorized_code"})
        except RequestRejected as exc:
            raise AuthError(f"authorization code refused: {exc}", code=exc.code, payload=exc.payload) from exc
        tokens = self._token_set(data)
        shop = self._authorized_shop(access_token=tokens.access_token)
        tokens.extra = {"shop_cipher": shop["cipher"], "shop_id": str(shop.get("id") or ""),
                        "shop_name": str(shop.get("name") or "")}
        return tokens

    def _refresh_tokens(self) -> TokenSet:
        data = self.client.auth_call("/api/v2/token/refresh", {
            "refresh_token": self.credentials.get("refresh_token", ""), "grant_type": "refresh_token"})
        return self._token_set(data)

    # -- listings -----------------------------------------------------------------------

    def listing_problems(self, *, payload: ListingPayload) -> list[str]:
        return mapping.listing_problems(payload, self.options)

    def upload_image(self, *, image: ListingImage) -> str:
        content, filename = mapping.image_for_upload(image.read(), image.filename)
        # Not shop-scoped: sending shop_cipher here is refused [TT-CONCEPTS common-errors].
        data = self._shop_call("POST", "/product/202309/images/upload", shop=False,
                               files={"data": (filename, content)}, data={"use_case": "MAIN_IMAGE"})
        if not data.get("uri"):
            raise PayloadError("image upload answer has no uri")
        return str(data["uri"])

    def create_listing(self, *, payload: ListingPayload, image_ids: list[str]) -> RemoteListingRef:
        body = mapping.product_body(payload, image_uris=image_ids, options=self.options)
        body["save_mode"] = "LISTING"  # listed (ACTIVATE) once created, not a draft
        inventory = [{"warehouse_id": self.warehouse_id(), "quantity": max(int(payload.stock), 0)}]
        body["skus"] = [{"seller_sku": payload.sku, "price": mapping.price(payload.price), "inventory": inventory}]
        if payload.variants:
            # One SKU per variant, told apart by one custom sales attribute [TT-API:products/create-product].
            body["skus"] = [{
                "seller_sku": v.sku, "price": mapping.price(v.price),
                "inventory": [{"warehouse_id": self.warehouse_id(), "quantity": max(int(v.stock), 0)}],
                "sales_attributes": mapping.sales_attributes(payload, v),
            } for v in payload.variants]
        data = self._shop_call("POST", "/product/202309/products", body=body)
        try:
            by_sku = {s.get("seller_sku"): str(s["id"]) for s in data["skus"]}
            ref = RemoteListingRef(item_id=str(data["product_id"]))
            if payload.variants:
                ref.variants = {v.key: by_sku[v.sku] for v in payload.variants}
            else:
                ref.model_id = by_sku[payload.sku] if len(data["skus"]) > 1 else str(data["skus"][0]["id"])
            return ref
        except (KeyError, TypeError, IndexError):
            raise PayloadError("create product answer has no product_id / skus[].id") from None

    def update_listing(self, *, ref: RemoteListingRef, payload: ListingPayload,
                       image_ids: list[str]) -> RemoteListingRef | None:
        """One partial edit, the SKUs' prices included: it also works on a deactivated product
        (the price API wants ACTIVATE), which a relist updates before activating it."""
        body = mapping.product_body(payload, image_uris=image_ids, options=self.options)
        body.pop("category_id")  # not editable here
        body["skus"] = [{"id": ref.model_id, "seller_sku": payload.sku, "price": mapping.price(payload.price)}]
        if payload.variants:
            new = [v.option for v in payload.variants if v.key not in ref.variants]
            if new:
                # Partial edit cannot add SKUs ("sku not allow add"); a full edit would be needed.
                raise RequestRejected(f"new variant(s) {', '.join(new)}: adding SKUs to a TikTok Shop product "
                                      "is not supported by partial edit", code="variant_added")
            body["skus"] = [{"id": ref.variants[v.key], "seller_sku": v.sku, "price": mapping.price(v.price)}
                            for v in payload.variants]
        self._shop_call("POST", f"/product/202509/products/{ref.item_id}/partial_edit", body=body)
        return ref

    def set_listed(self, *, ref: RemoteListingRef, listed: bool) -> None:
        action = "activate" if listed else "deactivate"
        data = self._shop_call("POST", f"/product/202309/products/{action}", body={"product_ids": [ref.item_id]})
        errors = data.get("errors") or []
        if errors:
            raise RequestRejected(f"{action} failed: {_error_text(errors[0])}", payload=data)

    def _by_product(self, updates):
        grouped: dict[str, list] = {}
        for update in updates:
            grouped.setdefault(update.ref.item_id, []).append(update)
        return grouped

    def set_stock(self, *, updates: list[StockUpdate]) -> BatchResult:
        """One call per product (all its SKUs); failures come per SKU inside ``data.errors``
        even with ``code`` 0 [TT-API:products/update-inventory]."""
        result = BatchResult()
        for product_id, product_updates in self._by_product(updates).items():
            body = {"skus": [{"id": u.ref.model_id, "inventory": [
                {"warehouse_id": self.warehouse_id(), "quantity": max(int(u.quantity), 0)}]} for u in product_updates]}
            self._apply_per_sku(
                result,
                product_updates,
                lambda product_id=product_id, body=body: self._shop_call(
                    "POST", f"/product/202309/products/{product_id}/inventory/update", body=body),
            )
        return result

    def set_prices(self, *, updates: list[PriceUpdate]) -> BatchResult:
        result = BatchResult()
        for product_id, product_updates in self._by_product(updates).items():
            body = {"skus": [{"id": u.ref.model_id, "price": mapping.price(u.price)} for u in product_updates]}
            self._apply_per_sku(result, product_updates,
                                lambda product_id=product_id, body=body: self._shop_call(
                                    "POST", f"/product/202309/products/{product_id}/prices/update", body=body))
        return result

    def _apply_per_sku(self, result: BatchResult, updates, call) -> None:
        try:
            data = call()
        except RequestRejected as exc:
            for u in updates:
                result.failed[u.ref.key] = str(exc)
            return
        failed = {}
        for error in data.get("errors") or []:
            detail = (error.get("detail") or {}) if isinstance(error, dict) else {}
            sku_id = str(detail.get("sku_id") or "")
            failed[sku_id] = _error_text(error)
        for u in updates:
            # An error naming no SKU fails every SKU of the call: never count it as done.
            reason = failed.get(u.ref.model_id) or failed.get("")
            if reason:
                result.failed[u.ref.key] = reason
            else:
                result.succeeded.append(u.ref.key)

    def get_stock(self, *, refs: list[RemoteListingRef]) -> dict[str, int]:
        stock = {}
        product_ids = list(dict.fromkeys(ref.item_id for ref in refs))
        for start in range(0, len(product_ids), self.inventory_search_batch_size):
            batch = product_ids[start:start + self.inventory_search_batch_size]
            data = self._shop_call("POST", "/product/202309/inventory/search", body={"product_ids": batch})
            for product in data.get("inventory") or []:
                for sku in product.get("skus") or []:
                    key = RemoteListingRef(item_id=str(product.get("product_id")), model_id=str(sku.get("id"))).key
                    stock[key] = int(sku.get("total_available_quantity") or 0)
        return stock

    # -- orders ---------------------------------------------------------------------------

    def _list_orders_page(self, *, window_from, window_to, cursor):
        data = self._shop_call("POST", "/order/202309/orders/search", params={
            "page_size": self.order_page_size, "page_token": cursor or None,
            "sort_field": "update_time", "sort_order": "ASC",
        }, body={
            # update_time_lt is exclusive: +1 keeps orders updated at the window's last second.
            "update_time_ge": int(window_from.timestamp()), "update_time_lt": int(window_to.timestamp()) + 1,
        })
        ids = [str(o["id"]) for o in data.get("orders") or [] if isinstance(o, dict) and o.get("id")]
        return ids, data.get("next_page_token") or None

    def _get_order_details(self, *, remote_ids):
        data = self._shop_call("GET", "/order/202309/orders", params={"ids": ",".join(remote_ids)})
        return data.get("orders") or []

    def _raw_order_id(self, raw) -> str:
        return str(raw.get("id") or "") if isinstance(raw, dict) else ""

    def parse_order(self, raw):
        return mapping.parse_order(raw)

    def _order(self, remote_id: str) -> dict:
        orders = self._get_order_details(remote_ids=[remote_id])
        if not orders:
            raise RequestRejected(f"order {remote_id} not found")
        return orders[0]

    def ship_order(self, *, remote_id: str, tracking_number: str = "") -> None:
        """Orders ship per package [TT-API:fulfillment/ship-package]: seller shipping with our
        tracking number, else a drop-off handover for TikTok's own carriers."""
        order = self._order(remote_id)
        package_id = mapping.package_id(order)
        if not package_id:
            raise RequestRejected(f"order {remote_id} has no package to ship")
        if tracking_number:
            provider = str(self.options.get("shipping_provider_id") or order.get("shipping_provider_id") or "")
            body = {"self_shipment": {"tracking_number": tracking_number, "shipping_provider_id": provider}}
        else:
            body = {"handover_method": "DROP_OFF"}
        self._shop_call("POST", f"/fulfillment/202309/packages/{package_id}/ship", body=body)

    def cancel_order(self, *, remote_id: str, reason: str = CancelReason.OUT_OF_STOCK) -> None:
        self._shop_call(
            "POST",
            "/return_refund/202309/cancellations",
            body={
                "order_id": remote_id,
                "cancel_reason": CANCEL_REASONS.get(reason, CANCEL_REASONS[CancelReason.OUT_OF_STOCK]),
            },
        )

    # -- webhooks ---------------------------------------------------------------------------

    def verify_webhook(self, *, url: str, body: bytes, headers: dict) -> bool:
        return webhooks.verify(app_key=self.credentials["app_key"], app_secret=self.credentials["app_secret"],
                               body=body, headers=headers)

    def parse_webhook(self, *, body: bytes):
        return webhooks.parse(body)

    # Exposed for the documented signature examples.
    sign = staticmethod(signing.request_sign)


def _error_text(error) -> str:
    if not isinstance(error, dict):
        return str(error)
    extra = (error.get("detail") or {}).get("extra_errors") or []
    text = f"{error.get('code')}: {error.get('message') or 'failed'}"
    if extra and isinstance(extra[0], dict):
        text += f" ({extra[0].get('code')}: {extra[0].get('message')})"
    return text
