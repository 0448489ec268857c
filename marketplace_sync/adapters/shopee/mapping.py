"""Shopee JSON <-> the engine's data classes [SH-API:order.get_order_detail], [SH-DEF]."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from marketplace_sync.adapters.base import (
    ListingPayload,
    OrderState,
    PayloadError,
    RemoteAddress,
    RemoteOrder,
    RemoteOrderLine,
    VariantPayload,
)
from shop.address.provinces import province_code

ORDER_STATES = {
    "UNPAID": OrderState.UNPAID,
    "PENDING": OrderState.UNPAID,
    "INVOICE_PENDING": OrderState.UNPAID,
    "READY_TO_SHIP": OrderState.TO_SHIP,
    "RETRY_SHIP": OrderState.TO_SHIP,
    "PROCESSED": OrderState.PROCESSING,
    "SHIPPED": OrderState.SHIPPED,
    "TO_CONFIRM_RECEIVE": OrderState.SHIPPED,
    "COMPLETED": OrderState.COMPLETED,
    "CANCELLED": OrderState.CANCELLED,
    "IN_CANCEL": OrderState.OTHER,
    "TO_RETURN": OrderState.OTHER,
}

#: Optional detail fields the import needs [SH-API:order.get_order_detail].
ORDER_DETAIL_FIELDS = ",".join([
    "buyer_user_id", "buyer_username", "recipient_address", "item_list", "pay_time", "total_amount",
    "estimated_shipping_fee", "actual_shipping_fee", "note", "cancel_by", "cancel_reason",
])


def tier(payload: ListingPayload) -> dict:
    """The one tier buyers choose a variant in (Shopee allows two; we use one)."""
    return {"name": payload.variation_name[:14],
            "option_list": [{"option": variant.option} for variant in payload.variants]}


def model_entry(variant: VariantPayload, index: int) -> dict:
    """A model at option ``index`` of the tier, with its own SKU, whole-rupiah price and stock."""
    return {"tier_index": [index], "model_sku": variant.sku, "original_price": int(variant.price),
            "seller_stock": [{"stock": max(int(variant.stock), 0)}]}


def variant_ids(payload: ListingPayload, models) -> dict[str, str]:
    """{variant key: model_id} from a model list answer, matched by tier index."""
    found = {}
    for model in models or []:
        index = (model.get("tier_index") or [None])[0] if isinstance(model, dict) else None
        if isinstance(index, int) and 0 <= index < len(payload.variants) and model.get("model_id"):
            found[payload.variants[index].key] = str(model["model_id"])
    if len(found) != len(payload.variants):
        raise PayloadError(f"init_tier_variation answered {len(found)} models for {len(payload.variants)} variants")
    return found


def money(value) -> Decimal:
    if value is None or isinstance(value, bool):
        raise PayloadError(f"amount missing or not a number: {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise PayloadError(f"amount is not a number: {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise PayloadError(f"amount out of range: {value!r}")
    return amount


def timestamp(value) -> dt.datetime:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise PayloadError(f"timestamp is not unix seconds: {value!r}")
    return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc)


def parse_order(raw: dict) -> RemoteOrder:
    if not isinstance(raw, dict):
        raise PayloadError("order is not an object")
    order_sn = raw.get("order_sn")
    if not order_sn or not isinstance(order_sn, str):
        raise PayloadError("order_sn missing")
    status = raw.get("order_status") or ""
    if status not in ORDER_STATES:
        raise PayloadError(f"unknown order_status {status!r}")
    items = raw.get("item_list")
    if not isinstance(items, list) or not items:
        raise PayloadError("item_list missing or empty")
    lines = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise PayloadError(f"item {index} is not an object")
        quantity = item.get("model_quantity_purchased")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
            raise PayloadError(f"item {index}: bad model_quantity_purchased {quantity!r}")
        model_id = item.get("model_id") or 0
        # A variant's SKU is on the model; an item without variants carries item_sku.
        sku = (item.get("model_sku") if model_id else "") or item.get("item_sku") or ""
        price = item.get("model_discounted_price")
        if price in (None, 0):
            price = item.get("model_original_price")
        lines.append(RemoteOrderLine(
            remote_line_id=str(item.get("order_item_id") or item.get("item_id") or index),
            sku=str(sku).strip(), title=str(item.get("item_name") or "")[:255], quantity=quantity,
            unit_price=money(price), remote_item_id=str(item.get("item_id") or ""),
        ))
    address = raw.get("recipient_address") or {}
    if not isinstance(address, dict):
        raise PayloadError("recipient_address is not an object")
    shipping_fee = raw.get("actual_shipping_fee") or raw.get("estimated_shipping_fee") or 0
    total = raw.get("total_amount")
    return RemoteOrder(
        remote_id=order_sn,
        state=ORDER_STATES[status],
        remote_status=status,
        created_at=timestamp(raw.get("create_time")),
        updated_at=timestamp(raw.get("update_time")),
        currency=raw.get("currency") or "IDR",
        lines=lines,
        shipping_address=RemoteAddress(
            name=str(address.get("name") or ""), phone=str(address.get("phone") or ""),
            line1=street_part(address),
            # Shopee's "town" is the kelurahan/desa: finer than the district, it belongs with the street.
            line2=str(address.get("town") or ""),
            district=str(address.get("district") or ""),
            city=str(address.get("city") or ""), state=province_field(address.get("state")),
            postcode=str(address.get("zipcode") or ""), country=str(address.get("region") or "ID")[:2] or "ID",
        ),
        total=money(total) if total is not None
        else sum((line.unit_price * line.quantity for line in lines), Decimal(0)),
        shipping_fee=money(shipping_fee),
        buyer_note=str(raw.get("message_to_seller") or raw.get("note") or ""),
        raw=raw,
    )


#: Shopee's "Material" (Bahan) attribute id used when a channel names no attribute
#: list of its own. Mandatory attribute ids belong to each leaf category
#: [SH-API:product.get_attribute_tree]: a real shop sets ``attribute_list`` (or
#: ``material_attribute_id``) in the channel options for its category.
DEFAULT_MATERIAL_ATTRIBUTE_ID = 100134


def default_attributes(payload: ListingPayload, options: dict) -> list[dict]:
    """attribute_list is mandatory for Indonesia [SH-API:product.add_item]: send the material we know."""
    material = (payload.attributes.get("materials") or "").strip() or "Kriya"
    return [{
        "attribute_id": int(options.get("material_attribute_id", DEFAULT_MATERIAL_ATTRIBUTE_ID)),
        "attribute_value_list": [{"value_id": 0, "original_value_name": material[:40]}],
    }]


def province_field(state) -> str:
    """Shopee's province name ("Jawa Timur", "DKI Jakarta") as its ISO code; unknown names as sent."""
    name = str(state or "").strip()
    return province_code(name) or name


def street_part(address: dict) -> str:
    """The street from ``full_address``, which also repeats district, city, state,
    region and postcode [SH-API:order.get_order_detail]: those have their own fields."""
    full = str(address.get("full_address") or "").strip()
    known = {str(address.get(key) or "").strip().casefold()
             for key in ("town", "district", "city", "state", "region", "zipcode")} - {""}
    parts = [part.strip() for part in full.split(",")]
    while len(parts) > 1 and parts[-1].casefold() in known:
        parts.pop()
    return ", ".join(parts) if parts else full


def item_body(payload: ListingPayload, *, image_ids: list[str], options: dict) -> dict:
    """Fields shared by add_item and update_item [SH-API:product.add_item]."""
    body = {
        "item_name": payload.title,
        "description": payload.description,
        # IDR prices must be integers [SH-API:product.update_price].
        "original_price": int(payload.price),
        "weight": float(payload.weight_kg),
        "image": {"image_id_list": image_ids},
        "item_sku": payload.sku,
        "category_id": int(options.get("category_id", 100001)),
        "brand": {"brand_id": int(options.get("brand_id", 0)),
                  "original_brand_name": options.get("brand_name", "NoBrand")},
        "logistic_info": [{"logistic_id": int(lid), "enabled": True}
                          for lid in options.get("logistic_ids", [8003])],
        "attribute_list": options.get("attribute_list") or default_attributes(payload, options),
        "condition": "NEW",
    }
    if payload.dimensions_cm:
        # Package size in whole cm (int32) [SH-API:product.add_item].
        length, width, height = payload.dimensions_cm
        body["dimension"] = {"package_length": int(length), "package_width": int(width),
                             "package_height": int(height)}
    return body
