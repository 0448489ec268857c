"""ShopeeAdapter: fills the MarketplaceAdapter steps for Shopee Open Platform v2."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from marketplace_sync.adapters.base import (
    AuthError,
    BatchResult,
    CancelReason,
    ListingImage,
    ListingPayload,
    LostEvents,
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
from .client import ShopeeClient, is_retryable_answer
from .promotions import ShopeePromotions

REFRESH_TOKEN_LIFETIME = dt.timedelta(days=30)  # single use [SH-AUTH]
CANCEL_REASONS = {  # [SH-API:order.cancel_order]
    CancelReason.OUT_OF_STOCK: "OUT_OF_STOCK",
    CancelReason.BUYER_REQUEST: "CUSTOMER_REQUEST",
    CancelReason.UNDELIVERABLE: "UNDELIVERABLE_AREA",
}


class ShopeeAdapter(ShopeePromotions, MarketplaceAdapter):
    kind = "shopee"
    max_order_window = dt.timedelta(days=15)  # order.order_list_invalid_time beyond it
    order_page_size = 100
    order_detail_batch_size = 50
    model_batch_size = 50  # stock_list / price_list entries per update_stock / update_price call
    item_info_batch_size = 50  # item_id_list per get_item_base_info

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.session.retry_response is None:
            self.session.retry_response = is_retryable_answer
        self.client = ShopeeClient(
            api_base_url=self.api_base_url, partner_id=self.credentials["partner_id"],
            partner_key=self.credentials["partner_key"], session=self.session, clock=self.clock,
        )

    def check_credentials(self):
        missing = [key for key in ("partner_id", "partner_key") if not self.credentials.get(key)]
        if missing:
            raise MarketplaceError(f"Shopee credentials lack {', '.join(missing)}")

    # -- calls ----------------------------------------------------------------------

    def _shop_call(self, method, api_path, **kwargs):
        """A shop-level call, refreshing the token once if Shopee says it expired."""
        if not self.credentials.get("access_token") or not self.credentials.get("shop_id"):
            raise MarketplaceError("Shopee channel is not connected to a shop (no access_token/shop_id)")

        def attempt():
            return self.client.call(method, api_path, access_token=self.credentials["access_token"],
                                    shop_id=int(self.credentials["shop_id"]), **kwargs)

        return self.call_with_token_refresh(attempt)

    # -- auth -------------------------------------------------------------------------

    def authorization_url(self, *, redirect_url: str) -> str:
        api_path = "/api/v2/shop/auth_partner"
        params = self.client.signed_params(api_path)
        params["redirect"] = redirect_url
        return f"{self.api_base_url}{api_path}?{urlencode(params)}"

    def _token_set(self, payload: dict, *, shop_id) -> TokenSet:
        now = dt.datetime.fromtimestamp(self.clock(), tz=dt.timezone.utc)
        try:
            return TokenSet(
                access_token=payload["access_token"], refresh_token=payload["refresh_token"],
                access_expires_at=now + dt.timedelta(seconds=int(payload.get("expire_in") or 14400)),
                refresh_expires_at=now + REFRESH_TOKEN_LIFETIME,
                extra={"shop_id": int(payload.get("shop_id") or shop_id)},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise PayloadError(f"token answer unreadable: {exc}") from None

    def exchange_code(self, *, code: str, shop_id=None, **identity) -> TokenSet:
        body = {"code": code, "partner_id": self.client.partner_id}
        if shop_id is not None:
            body["shop_id"] = int(shop_id)
        body.update(identity)
        try:
            payload = self.client.call("POST", "/api/v2/auth/token/get", body=body)
        except RequestRejected as exc:
            raise AuthError(f"authorization code refused: {exc}", code=exc.code, payload=exc.payload) from exc
        return self._token_set(payload, shop_id=shop_id)

    def _refresh_tokens(self) -> TokenSet:
        shop_id = int(self.credentials["shop_id"])
        payload = self.client.call("POST", "/api/v2/auth/access_token/get", body={
            "refresh_token": self.credentials.get("refresh_token", ""), "shop_id": shop_id,
            "partner_id": self.client.partner_id,
        })
        return self._token_set(payload, shop_id=shop_id)

    # -- listings -----------------------------------------------------------------------

    def upload_image(self, *, image: ListingImage) -> str:
        # Its API page classes upload_image as a Public API (no token in the signature).
        payload = self.client.call("POST", "/api/v2/media_space/upload_image",
                                   files={"image": (image.filename, image.read)}, data={"scene": "normal"})
        try:
            return str(payload["response"]["image_info"]["image_id"])
        except (KeyError, TypeError):
            raise PayloadError("upload_image answer has no image_info.image_id") from None

    def create_listing(self, *, payload: ListingPayload, image_ids: list[str]) -> RemoteListingRef:
        body = mapping.item_body(payload, image_ids=image_ids, options=self.options)
        body.update(item_status="NORMAL", seller_stock=[{"stock": max(int(payload.stock), 0)}])
        answer = self._shop_call("POST", "/api/v2/product/add_item", body=body)
        try:
            ref = RemoteListingRef(item_id=str(answer["response"]["item_id"]))
        except (KeyError, TypeError):
            raise PayloadError("add_item answer has no item_id") from None
        if payload.variants:
            ref.variants = self._init_models(item_id=int(ref.item_id), payload=payload)
        return ref

    def _init_models(self, *, item_id: int, payload: ListingPayload) -> dict[str, str]:
        """One tier of options, one model per variant [SH-API:product.init_tier_variation]."""
        answer = self._shop_call("POST", "/api/v2/product/init_tier_variation", body={
            "item_id": item_id, "tier_variation": [mapping.tier(payload)],
            "model": [mapping.model_entry(variant, index) for index, variant in enumerate(payload.variants)],
        })
        return mapping.variant_ids(payload, (answer.get("response") or {}).get("model"))

    def update_listing(self, *, ref: RemoteListingRef, payload: ListingPayload,
                       image_ids: list[str]) -> RemoteListingRef | None:
        # update_item does not take the price: it goes through update_price.
        body = mapping.item_body(payload, image_ids=image_ids, options=self.options)
        price = body.pop("original_price")
        body["item_id"] = int(ref.item_id)
        self._shop_call("POST", "/api/v2/product/update_item", body=body)
        if payload.variants:
            ref = RemoteListingRef(item_id=ref.item_id, variants=self._sync_models(item_id=int(ref.item_id),
                                                                                  payload=payload))
            updates = [PriceUpdate(ref=RemoteListingRef(item_id=ref.item_id, model_id=ref.variants[v.key]),
                                   price=v.price) for v in payload.variants]
        else:
            updates = [PriceUpdate(ref=ref, price=price)]
        prices = self.set_prices(updates=updates)
        if prices.failed:
            raise RequestRejected(f"update_price failed: {next(iter(prices.failed.values()))}", code="price_failure")
        return ref

    def _sync_models(self, *, item_id: int, payload: ListingPayload) -> dict[str, str]:
        """Bring the item's models in line with the variants: new options are added, SKUs corrected.

        Models are matched by option name (what the buyer sees); a variant whose
        option is new gets the tier extended [update_tier_variation] and a model [add_model].
        """
        answer = self._shop_call("GET", "/api/v2/product/get_model_list", params={"item_id": item_id})
        response = answer.get("response") or {}
        tiers = response.get("tier_variation") or []
        if not tiers:
            return self._init_models(item_id=item_id, payload=payload)
        options = [o.get("option") for o in tiers[0].get("option_list") or []]
        models = {}
        for model in response.get("model") or []:
            index = (model.get("tier_index") or [None])[0]
            if isinstance(index, int) and 0 <= index < len(options):
                models[options[index]] = model
        new = [v for v in payload.variants if v.option not in models]
        if new:
            tier = {"name": tiers[0].get("name") or payload.variation_name,
                    "option_list": [{"option": o} for o in options + [v.option for v in new]]}
            self._shop_call("POST", "/api/v2/product/update_tier_variation",
                            body={"item_id": item_id, "tier_variation": [tier]})
            added = self._shop_call("POST", "/api/v2/product/add_model", body={
                "item_id": item_id,
                "model_list": [mapping.model_entry(v, len(options) + i) for i, v in enumerate(new)]})
            for model in (added.get("response") or {}).get("model") or []:
                index = (model.get("tier_index") or [None])[0]
                if isinstance(index, int) and len(options) <= index < len(options) + len(new):
                    models[new[index - len(options)].option] = model
        renamed = [{"model_id": int(models[v.option]["model_id"]), "model_sku": v.sku}
                   for v in payload.variants if v.option in models and models[v.option].get("model_sku") != v.sku]
        if renamed:
            self._shop_call("POST", "/api/v2/product/update_model", body={"item_id": item_id, "model": renamed})
        missing = [v.option for v in payload.variants if v.option not in models]
        if missing:
            raise PayloadError(f"add_model gave no model for option(s) {', '.join(missing)}")
        return {v.key: str(models[v.option]["model_id"]) for v in payload.variants}

    def set_listed(self, *, ref: RemoteListingRef, listed: bool) -> None:
        answer = self._shop_call("POST", "/api/v2/product/unlist_item", body={
            "item_list": [{"item_id": int(ref.item_id), "unlist": not listed}],
        })
        failures = (answer.get("response") or {}).get("failure_list") or []
        if failures:
            raise RequestRejected(f"unlist_item failed: {failures[0].get('failed_reason', failures[0])}",
                                  payload=answer)

    def set_stock(self, *, updates: list[StockUpdate]) -> BatchResult:
        return self._per_item_batches(updates, api_path="/api/v2/product/update_stock", list_field="stock_list",
                                      entry=lambda u: {"seller_stock": [{"stock": max(int(u.quantity), 0)}]})

    def set_prices(self, *, updates: list[PriceUpdate]) -> BatchResult:
        # Indonesian prices must be whole rupiah [SH-API:product.update_price].
        return self._per_item_batches(updates, api_path="/api/v2/product/update_price", list_field="price_list",
                                      entry=lambda u: {"original_price": int(u.price)})

    def _per_item_batches(self, updates, *, api_path: str, list_field: str, entry) -> BatchResult:
        """update_stock and update_price take one item and 1-50 of its models per call,
        and report failures per model in ``failure_list`` [SH-API:product.update_stock/update_price]."""
        result = BatchResult()
        by_item: dict[str, list] = {}
        for update in updates:
            by_item.setdefault(update.ref.item_id, []).append(update)
        for item_id, item_updates in by_item.items():
            for start in range(0, len(item_updates), self.model_batch_size):
                chunk = item_updates[start:start + self.model_batch_size]
                try:
                    answer = self._shop_call("POST", api_path, body={
                        "item_id": int(item_id),
                        list_field: [{"model_id": int(u.ref.model_id or 0), **entry(u)} for u in chunk],
                    })
                except RequestRejected as exc:
                    for u in chunk:
                        result.failed[u.ref.key] = str(exc)
                    continue
                failed_models = {int(f.get("model_id") or 0): f.get("failed_reason", "failed")
                                 for f in (answer.get("response") or {}).get("failure_list") or []}
                for u in chunk:
                    reason = failed_models.get(int(u.ref.model_id or 0))
                    if reason:
                        result.failed[u.ref.key] = reason
                    else:
                        result.succeeded.append(u.ref.key)
        return result

    def get_stock(self, *, refs: list[RemoteListingRef]) -> dict[str, int]:
        stock = self._model_stock([ref for ref in refs if ref.model_id])
        item_ids = list(dict.fromkeys(ref.item_id for ref in refs if not ref.model_id))
        for start in range(0, len(item_ids), self.item_info_batch_size):
            batch = item_ids[start:start + self.item_info_batch_size]
            answer = self._shop_call("GET", "/api/v2/product/get_item_base_info",
                                     params={"item_id_list": ",".join(batch)})
            for item in (answer.get("response") or {}).get("item_list") or []:
                info = item.get("stock_info_v2") or {}
                seller = info.get("seller_stock") or []
                if seller:
                    stock[str(item["item_id"])] = sum(int(s.get("stock") or 0) for s in seller)
                elif "summary_info" in info:
                    stock[str(item["item_id"])] = int(info["summary_info"].get("total_available_stock") or 0)
        return stock

    def _model_stock(self, refs: list[RemoteListingRef]) -> dict[str, int]:
        """Stock of variants, read per item from get_model_list (base info gives only the item's sum)."""
        stock = {}
        for item_id in dict.fromkeys(ref.item_id for ref in refs):
            answer = self._shop_call("GET", "/api/v2/product/get_model_list", params={"item_id": int(item_id)})
            for model in (answer.get("response") or {}).get("model") or []:
                seller = (model.get("stock_info_v2") or {}).get("seller_stock") or []
                key = RemoteListingRef(item_id=item_id, model_id=str(model.get("model_id"))).key
                stock[key] = sum(int(s.get("stock") or 0) for s in seller)
        return stock

    # -- orders ---------------------------------------------------------------------------

    def _list_orders_page(self, *, window_from, window_to, cursor):
        answer = self._shop_call("GET", "/api/v2/order/get_order_list", params={
            "time_range_field": "update_time",
            "time_from": int(window_from.timestamp()), "time_to": int(window_to.timestamp()),
            "page_size": self.order_page_size, "cursor": cursor or "",
            "response_optional_fields": "order_status",
        })
        response = answer.get("response") or {}
        ids = [str(o["order_sn"]) for o in response.get("order_list") or [] if o.get("order_sn")]
        next_cursor = response.get("next_cursor") if response.get("more") else None
        if response.get("more") and not next_cursor:
            raise PayloadError("get_order_list says more but gives no next_cursor")
        return ids, next_cursor

    def _get_order_details(self, *, remote_ids):
        answer = self._shop_call("GET", "/api/v2/order/get_order_detail", params={
            "order_sn_list": ",".join(remote_ids), "response_optional_fields": mapping.ORDER_DETAIL_FIELDS,
        })
        return (answer.get("response") or {}).get("order_list") or []

    def _raw_order_id(self, raw) -> str:
        return str(raw.get("order_sn") or "") if isinstance(raw, dict) else ""

    def parse_order(self, raw):
        return mapping.parse_order(raw)

    def ship_order(self, *, remote_id: str, tracking_number: str = "") -> None:
        body = {"order_sn": remote_id}
        if tracking_number:
            body["non_integrated"] = {"tracking_number": tracking_number}
        else:
            answer = self._shop_call("GET", "/api/v2/logistics/get_shipping_parameter", params={"order_sn": remote_id})
            response = answer.get("response") or {}
            needed = response.get("info_needed") or {}
            if "pickup" in needed:
                addresses = (response.get("pickup") or {}).get("address_list") or []
                pickup = {}
                if addresses:
                    pickup["address_id"] = addresses[0].get("address_id")
                    slots = addresses[0].get("time_slot_list") or []
                    if slots:
                        pickup["pickup_time_id"] = slots[0].get("pickup_time_id")
                body["pickup"] = pickup
            elif "dropoff" in needed:
                body["dropoff"] = {}
            else:
                body["non_integrated"] = {}
        self._shop_call("POST", "/api/v2/logistics/ship_order", body=body)

    def cancel_order(self, *, remote_id: str, reason: str = CancelReason.OUT_OF_STOCK) -> None:
        """[SH-API:order.cancel_order]: OUT_OF_STOCK names the items, so read them from the order first."""
        code = CANCEL_REASONS.get(reason, "OUT_OF_STOCK")
        body = {"order_sn": remote_id, "cancel_reason": code}
        if code == "OUT_OF_STOCK":
            orders = self._get_order_details(remote_ids=[remote_id])
            if not orders:
                raise RequestRejected(f"order {remote_id} not found")
            body["item_list"] = [{"item_id": int(i["item_id"]), "model_id": int(i.get("model_id") or 0)}
                                 for i in orders[0].get("item_list") or []]
        self._shop_call("POST", "/api/v2/order/cancel_order", body=body)

    # -- webhooks ---------------------------------------------------------------------------

    def verify_webhook(self, *, url: str, body: bytes, headers: dict) -> bool:
        return webhooks.verify(partner_key=self.credentials["partner_key"], url=url, body=body, headers=headers)

    def parse_webhook(self, *, body: bytes):
        return webhooks.parse(body)

    def account_id(self) -> str:
        return str(self.credentials.get("shop_id") or "")

    def lost_events(self) -> LostEvents:
        """[SH-API:push.get_lost_push_message]: a partner-level (Public-signed) GET with no
        parameters answering the earliest 100 unconfirmed messages of the last 3 days, for
        every shop of the partner."""
        answer = self.client.call("GET", "/api/v2/push/get_lost_push_message")
        response = answer.get("response") or {}
        messages = response.get("push_message_list") or []
        events = [webhooks.parse_lost(message) for message in messages]
        last = response.get("last_message_id")
        if messages and not last:
            raise PayloadError("get_lost_push_message lists messages but gives no last_message_id")
        return LostEvents(events=events, ack=int(last) if messages else None,
                          more=bool(response.get("has_next_page")))

    def acknowledge_lost_events(self, *, ack) -> None:
        """[SH-API:push.confirm_consumed_lost_push_message]: body ``{"last_message_id": int}``."""
        if ack is None:
            return
        self.client.call("POST", "/api/v2/push/confirm_consumed_lost_push_message",
                         body={"last_message_id": int(ack)})

    # Exposed for the documented signature examples and the simulator's tests.
    sign = staticmethod(signing.request_sign)
