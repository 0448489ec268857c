"""Shopee campaign discounts: the Discount API (v2.discount.*) [SH-API:discount.*].

A discount is a shop activity with a period; items join it with their discount price.
Limits from the reference pages: the start must be 1 hour later than now, the end 1 hour
later than the start, the period under 180 days (add_discount); at most 50 items per
add_discount_item call, which answers per item in ``error_list``; only an ongoing discount
can be ended, and only 1 hour after its start (end_discount); an upcoming one is deleted
instead (delete_discount).
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from marketplace_sync.adapters.base import (
    BatchResult,
    PromotionItemUpdate,
    RemoteListingRef,
    RemotePromotion,
    RequestRejected,
)

#: add_discount: "The start time must be 1 hour later than current time"; two minutes more
#: for the request's transit and clock skew. A campaign already running starts here that late.
START_LEAD = 3600 + 120
DISCOUNT_ITEM_BATCH = 50  # discount.exceed_discount_item_batch_size


def _utc(timestamp: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(timestamp), tz=dt.timezone.utc)


def _rupiah(price: Decimal) -> int:
    return int(Decimal(price).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _reason(exc: RequestRejected) -> str:
    """Shopee's error and message, without our request path: shown per product."""
    payload = exc.payload if isinstance(exc.payload, dict) else {}
    return f"{exc.code}: {payload.get('message') or exc}" if exc.code else str(exc)


def _model_id(ref: RemoteListingRef) -> int:
    return int(ref.model_id) if ref.model_id and ref.model_id != "0" else 0


class ShopeePromotions:
    """Mixed into ShopeeAdapter (uses its ``_shop_call`` and ``clock``)."""

    def create_promotion(self, *, name, starts_at, ends_at) -> RemotePromotion:
        start = max(int(starts_at.timestamp()), int(self.clock()) + START_LEAD)
        end = int(ends_at.timestamp())
        answer = self._shop_call("POST", "/api/v2/discount/add_discount",
                                 body={"discount_name": name, "start_time": start, "end_time": end})
        response = answer.get("response") or {}
        if not response.get("discount_id"):
            raise RequestRejected(f"add_discount answered no discount_id: {answer!r:.200}", payload=answer)
        return RemotePromotion(remote_id=str(response["discount_id"]), starts_at=_utc(start), ends_at=_utc(end),
                               answer={"discount_id": response["discount_id"], "start_time": start,
                                       "end_time": end, "request_id": answer.get("request_id", "")})

    def find_promotion(self, *, name, starts_at, ends_at) -> RemotePromotion | None:
        """A discount of that name and end among the upcoming and ongoing ones (get_discount_list)."""
        end = int(ends_at.timestamp())
        for status in ("upcoming", "ongoing"):
            page = 1
            while True:
                answer = self._shop_call("GET", "/api/v2/discount/get_discount_list", params={
                    "discount_status": status, "page_no": page, "page_size": 100})
                response = answer.get("response") or {}
                for discount in response.get("discount_list") or []:
                    if discount.get("discount_name") == name and int(discount.get("end_time") or 0) == end:
                        return RemotePromotion(
                            remote_id=str(discount["discount_id"]), starts_at=_utc(discount["start_time"]),
                            ends_at=_utc(end), answer={"discount_id": discount["discount_id"], "adopted": True,
                                                       "start_time": discount["start_time"], "end_time": end})
                if not response.get("more"):
                    break
                page += 1
        return None

    def add_promotion_items(self, *, promotion, items: list[PromotionItemUpdate]) -> BatchResult:
        result = BatchResult()
        for start in range(0, len(items), DISCOUNT_ITEM_BATCH):
            chunk = items[start:start + DISCOUNT_ITEM_BATCH]
            by_item: dict[int, dict] = {}
            for update in chunk:
                item_id, model_id = int(update.ref.item_id), _model_id(update.ref)
                entry = by_item.setdefault(item_id, {"item_id": item_id, "purchase_limit": 0})
                if model_id:
                    entry.setdefault("model_list", []).append(
                        {"model_id": model_id, "model_promotion_price": _rupiah(update.price)})
                else:
                    entry["item_promotion_price"] = _rupiah(update.price)
            try:
                answer = self._shop_call("POST", "/api/v2/discount/add_discount_item", body={
                    "discount_id": int(promotion.remote_id), "item_list": list(by_item.values())})
            except RequestRejected as exc:
                for update in chunk:
                    result.failed[update.ref.key] = _reason(exc)
                continue
            failures = {}
            for error in (answer.get("response") or {}).get("error_list") or []:
                failures[(int(error.get("item_id") or 0), int(error.get("model_id") or 0))] = \
                    f"{error.get('fail_error', '')}: {error.get('fail_message', '')}"
            for update in chunk:
                item_id, model_id = int(update.ref.item_id), _model_id(update.ref)
                reason = failures.get((item_id, model_id)) or failures.get((item_id, 0))
                if reason:
                    result.failed[update.ref.key] = reason
                else:
                    result.succeeded.append(update.ref.key)
        return result

    def remove_promotion_items(self, *, promotion, refs: list[RemoteListingRef]) -> BatchResult:
        result = BatchResult()
        for ref in refs:  # delete_discount_item takes one item (or model) per call
            body = {"discount_id": int(promotion.remote_id), "item_id": int(ref.item_id)}
            if _model_id(ref):
                body["model_id"] = _model_id(ref)
            try:
                answer = self._shop_call("POST", "/api/v2/discount/delete_discount_item", body=body)
            except RequestRejected as exc:
                if exc.code == "discount.discount_item_not_exist":
                    result.succeeded.append(ref.key)  # already out: what we wanted
                else:
                    result.failed[ref.key] = _reason(exc)
                continue
            errors = (answer.get("response") or {}).get("error_list") or []
            if errors:
                result.failed[ref.key] = "; ".join(f"{e.get('fail_error')}: {e.get('fail_message')}" for e in errors)
            else:
                result.succeeded.append(ref.key)
        return result

    def end_promotion(self, *, promotion, refs) -> dict:
        now = int(self.clock())
        if now >= int(promotion.ends_at.timestamp()):
            return {}  # expired by itself at its end_time
        # Upcoming: end_discount refuses it ("Only the ongoing discount can be ended"), so delete it.
        api = "delete_discount" if now < int(promotion.starts_at.timestamp()) else "end_discount"
        answer = self._shop_call("POST", f"/api/v2/discount/{api}", body={"discount_id": int(promotion.remote_id)})
        return {"call": api, **(answer.get("response") or {}), "request_id": answer.get("request_id", "")}
