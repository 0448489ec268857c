"""Lazada campaign discounts: each SKU's special price with its period.

Lazada has no promotion object an app can create; a SKU carries one special price with a
from/to period, set with price_quantity/update (``SalePrice``, ``SaleStartDate``,
``SaleEndDate``; at most 50 SKUs per call) [LZ-API:product-api/updatepricequantity]. So the
"promotion" is scheduled by its dates and expires by itself at its end: ending early moves
the end date to now. Dates go in Jakarta time as "yyyy-MM-dd HH:mm:ss" (createproduct's
sample; the time zone is UNCONFIRMED, the venture's local time is assumed).
"""
from __future__ import annotations

import datetime as dt
import re

from marketplace_sync.adapters.base import BatchResult, PromotionItemUpdate, RemotePromotion, RequestRejected

from . import mapping

JAKARTA = dt.timezone(dt.timedelta(hours=7))
PRICE_API = "/product/price_quantity/update"


def sale_date(moment: dt.datetime) -> str:
    return moment.astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M:%S")


def _clean(reasons: dict[str, str]) -> dict[str, str]:
    """Lazada's code and message without our request path: shown per product."""
    return {key: re.sub(r"^/[\w/]+: ", "", reason) for key, reason in reasons.items()}


class LazadaPromotions:
    """Mixed into LazadaAdapter (uses its ``_sku_batches``, ``_seller_call`` and ``clock``)."""

    # One SalePrice per SKU: sending October's campaign now would replace the running one's.
    promotion_items_ahead = False

    def create_promotion(self, *, name, starts_at, ends_at) -> RemotePromotion:
        # Nothing to create: the period travels with each SKU's special price.
        return RemotePromotion(remote_id="", starts_at=starts_at, ends_at=ends_at,
                               answer={"mechanism": "special_price", "from": sale_date(starts_at),
                                       "to": sale_date(ends_at)})

    def _sale_batches(self, updates, entry) -> BatchResult:
        result = self._sku_batches(updates, api_path=PRICE_API, entry=entry)
        result.failed = _clean(result.failed)
        return result

    def add_promotion_items(self, *, promotion, items: list[PromotionItemUpdate]) -> BatchResult:
        def entry(update):
            fields = {"SalePrice": mapping.whole_rupiah(update.price),
                      "SaleStartDate": sale_date(promotion.starts_at), "SaleEndDate": sale_date(promotion.ends_at)}
            if update.original_price:
                # The sample sends the price beside the special price; the same value changes nothing.
                fields["Price"] = mapping.whole_rupiah(update.original_price)
            return fields

        return self._sale_batches(items, entry)

    def _end_now(self, promotion, refs) -> BatchResult:
        now = dt.datetime.fromtimestamp(self.clock(), tz=dt.timezone.utc)
        start = min(promotion.starts_at, now)  # a period not started yet ends empty (start = end)
        updates = [PromotionItemUpdate(ref=ref, price=0) for ref in refs]
        return self._sale_batches(updates, lambda update: {"SaleStartDate": sale_date(start),
                                                           "SaleEndDate": sale_date(now)})

    def remove_promotion_items(self, *, promotion, refs) -> BatchResult:
        return self._end_now(promotion, refs)

    def end_promotion(self, *, promotion, refs) -> dict:
        if self.clock() >= promotion.ends_at.timestamp() or not refs:
            return {}  # every special price expires by itself at its SaleEndDate
        result = self._end_now(promotion, refs)
        if result.failed and not result.succeeded:
            raise RequestRejected("; ".join(sorted(set(result.failed.values())))[:500])
        return {"call": "price_quantity/update", "ended": result.succeeded, "failed": result.failed}
