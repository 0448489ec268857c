"""TikTok Shop campaign discounts: promotion activities [TT-API:promotion/*].

A ``FIXED_PRICE`` product discount at ``PRODUCT`` level (the engine lists one SKU per
product): the deal price shows with the original crossed out. The begin time must be
later than now (create-activity); at most 300 products per update-activity-product call,
which succeeds or fails as a whole, so a refused batch is retried product by product to
find the one refused; deactivate ends an ongoing or upcoming activity. Titles are unique
per shop (17029004): a retry after a lost answer adopts the activity it already made.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from marketplace_sync.adapters.base import BatchResult, RemotePromotion, RequestRejected

#: "The value must be greater than the value of the current time"; a minute for transit and skew.
BEGIN_LEAD = 60
ACTIVITY_PRODUCT_BATCH = 300
DUPLICATE_TITLE = "17029004"
TITLE_MAX = 50


def _utc(timestamp: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(timestamp), tz=dt.timezone.utc)


def _reason(exc: RequestRejected) -> str:
    """The marketplace's code and message, without our request path: shown per product."""
    payload = exc.payload if isinstance(exc.payload, dict) else {}
    return f"{exc.code}: {payload.get('message') or exc}" if exc.code else str(exc)


def _amount(price: Decimal) -> str:
    return str(int(Decimal(price).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


class TikTokPromotions:
    """Mixed into TikTokAdapter (uses its ``_shop_call`` and ``clock``)."""

    def create_promotion(self, *, name, starts_at, ends_at) -> RemotePromotion:
        title = name[:TITLE_MAX]
        begin = max(int(starts_at.timestamp()), int(self.clock()) + BEGIN_LEAD)
        end = int(ends_at.timestamp())
        try:
            data = self._shop_call("POST", "/promotion/202309/activities", body={
                "title": title, "activity_type": "FIXED_PRICE", "product_level": "PRODUCT",
                "begin_time": begin, "end_time": end, "participation_limit": [{"type": "BUYER_NO_LIMIT"}]})
        except RequestRejected as exc:
            found = self._activity_titled(title, end) if exc.code == DUPLICATE_TITLE else None
            if found is None:
                raise
            data, begin = {**found, "activity_id": found["id"], "adopted": True}, int(found["begin_time"])
        return RemotePromotion(remote_id=str(data["activity_id"]), starts_at=_utc(begin), ends_at=_utc(end),
                               answer={k: data[k] for k in ("activity_id", "status", "create_time", "adopted")
                                       if k in data})

    def find_promotion(self, *, name, starts_at, ends_at) -> RemotePromotion | None:
        found = self._activity_titled(name[:TITLE_MAX], int(ends_at.timestamp()))
        if found is None:
            return None
        return RemotePromotion(remote_id=str(found["id"]), starts_at=_utc(found["begin_time"]),
                               ends_at=_utc(found["end_time"]),
                               answer={"activity_id": found["id"], "status": found.get("status"), "adopted": True})

    def _activity_titled(self, title: str, end: int) -> dict | None:
        """Our own activity of that title and end, made by an attempt whose answer was lost."""
        data = self._shop_call("POST", "/promotion/202309/activities/search",
                               body={"activity_title": title, "page_size": 100})
        for activity in data.get("activities") or []:
            if activity.get("title") == title and int(activity.get("end_time") or 0) == end \
                    and activity.get("status") in ("NOT_START", "ONGOING"):
                return activity
        return None

    def add_promotion_items(self, *, promotion, items) -> BatchResult:
        result = BatchResult()

        def send(chunk):
            self._shop_call("PUT", f"/promotion/202309/activities/{promotion.remote_id}/products", body={
                "activity_id": promotion.remote_id,
                "products": [{"id": u.ref.item_id, "activity_price_amount": _amount(u.price),
                              "quantity_limit": -1, "quantity_per_user": -1, "skus": []} for u in chunk]})

        for start in range(0, len(items), ACTIVITY_PRODUCT_BATCH):
            chunk = items[start:start + ACTIVITY_PRODUCT_BATCH]
            try:
                send(chunk)
            except RequestRejected as exc:
                if len(chunk) == 1:
                    result.failed[chunk[0].ref.key] = _reason(exc)
                    continue
                for update in chunk:  # the call fails whole: find the product refused
                    try:
                        send([update])
                    except RequestRejected as single:
                        result.failed[update.ref.key] = _reason(single)
                    else:
                        result.succeeded.append(update.ref.key)
                continue
            result.succeeded.extend(u.ref.key for u in chunk)
        return result

    def remove_promotion_items(self, *, promotion, refs) -> BatchResult:
        result = BatchResult()
        for start in range(0, len(refs), ACTIVITY_PRODUCT_BATCH):
            chunk = refs[start:start + ACTIVITY_PRODUCT_BATCH]
            try:
                self._shop_call("DELETE", f"/promotion/202309/activities/{promotion.remote_id}/products",
                                body={"product_ids": [ref.item_id for ref in chunk]})
            except RequestRejected as exc:
                for ref in chunk:
                    result.failed[ref.key] = _reason(exc)
                continue
            result.succeeded.extend(ref.key for ref in chunk)
        return result

    def end_promotion(self, *, promotion, refs) -> dict:
        if int(self.clock()) >= int(promotion.ends_at.timestamp()):
            return {}  # EXPIRED by itself
        data = self._shop_call("POST", f"/promotion/202309/activities/{promotion.remote_id}/deactivate", body={})
        return {"call": "deactivate", **data}
