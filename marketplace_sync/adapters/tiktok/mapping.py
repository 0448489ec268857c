"""TikTok Shop JSON <-> the engine's data classes, and TikTok Shop Indonesia's listing rules.

Listing rules [TT-API:products/create-product], [TT-API:products/upload-product-image]:
title 25-255 characters for Indonesia, main images 300-4000 px (at most 9),
package weight in KILOGRAM with at most 3 decimals, prices as whole-rupiah
strings, category-specific required attributes. The mapping makes our
catalogue pass them where it can (a longer title from name, craft and region;
images resized with Pillow) and names the reason where it cannot.
"""
from __future__ import annotations

import datetime as dt
import html
import io
from collections import OrderedDict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PIL import Image, UnidentifiedImageError

from marketplace_sync.adapters.base import (
    ListingPayload,
    ListingRejected,
    OrderState,
    PayloadError,
    RemoteAddress,
    RemoteOrder,
    RemoteOrderLine,
)

TITLE_MIN, TITLE_MAX = 25, 255  # "Other regions: [25, 255]"
IMAGE_MIN_PX, IMAGE_MAX_PX = 300, 4000
IMAGE_MAX_BYTES = 10 * 1024 * 1024
MAX_MAIN_IMAGES = 9
DESCRIPTION_MAX = 10_000
CURRENCY = "IDR"

#: Leaf category used when a channel names none: "Kerajinan Tangan" (handicrafts).
#: A real shop picks its own leaf from /product/202309/categories and sets
#: ``category_id`` (and its required ``product_attributes``) in the channel options.
DEFAULT_CATEGORY_ID = "601739"
#: "Bahan" (material), the attribute that category requires.
DEFAULT_MATERIAL_ATTRIBUTE_ID = "100392"

#: API statuses [TT-API:orders/get-order-list] and the webhook's spelling [TT-WH].
ORDER_STATES = {
    "UNPAID": OrderState.UNPAID,
    # Paid; the buyer may still cancel for a while. Imported now so the unit is
    # reserved in our one stock pool at once (a cancellation releases it).
    "ON_HOLD": OrderState.TO_SHIP,
    "AWAITING_SHIPMENT": OrderState.TO_SHIP,
    "PARTIALLY_SHIPPING": OrderState.PROCESSING,
    "AWAITING_COLLECTION": OrderState.PROCESSING,
    "IN_TRANSIT": OrderState.SHIPPED,
    "DELIVERED": OrderState.SHIPPED,
    "COMPLETED": OrderState.COMPLETED,
    "CANCELLED": OrderState.CANCELLED,
    "CANCEL": OrderState.CANCELLED,  # ORDER_STATUS_CHANGE webhook
}


# --------------------------------------------------------------------------- listings


def compose_title(payload: ListingPayload) -> str:
    """The product's name, lengthened with its craft and region until it reaches 25 characters."""
    title = " ".join(payload.title.split())
    extras = [payload.attributes.get("technique") or "", payload.attributes.get("region") or "",
              "Kriya Jawa Timur", "Galeri Kriya"]
    for extra in extras:
        if len(title) >= TITLE_MIN:
            break
        extra = " ".join(str(extra).split())
        if extra and extra.casefold() not in title.casefold():
            title = f"{title} - {extra}" if title else extra
    return title[:TITLE_MAX].rstrip()


def description_html(text: str) -> str:
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    body = "".join(f"<p>{'<br>'.join(html.escape(line) for line in p.splitlines())}</p>" for p in paragraphs)
    return body[:DESCRIPTION_MAX]


def weight_kg(value) -> str:
    """KILOGRAM with at most 3 decimals, never rounded down to 0."""
    weight = Decimal(str(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return str(max(weight, Decimal("0.001")).normalize()) if weight > 0 else "0"


def product_attributes(payload: ListingPayload, options: dict) -> list[dict]:
    if options.get("product_attributes"):
        return options["product_attributes"]
    material = " ".join(str(payload.attributes.get("materials") or "").split())
    if not material:
        return []
    return [{"id": str(options.get("material_attribute_id", DEFAULT_MATERIAL_ATTRIBUTE_ID)),
             "values": [{"name": material[:50]}]}]


def listing_problems(payload: ListingPayload, options: dict) -> list[str]:
    """Why this product cannot be listed as it is; empty when it can."""
    problems = []
    title = compose_title(payload)
    if len(title) < TITLE_MIN:
        problems.append(f"title {title!r} is shorter than {TITLE_MIN} characters even with craft and region")
    if not description_html(payload.description):
        problems.append("description is empty")
    if payload.price is None or payload.price <= 0 or payload.price != payload.price.to_integral_value():
        problems.append(f"price {payload.price} is not a positive whole rupiah amount")
    if Decimal(str(payload.weight_kg)) <= 0:
        problems.append("package weight must be more than 0 kg")
    if not payload.images:
        problems.append("at least one main image is required")
    if not product_attributes(payload, options):
        problems.append("the category requires the material (Bahan) attribute: fill in the product's materials "
                        "or set product_attributes in the channel options")
    return problems


def image_for_upload(data: bytes, filename: str) -> tuple[bytes, str]:
    """The image within 300-4000 px on each side (resized, or padded if its shape forbids both)."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ListingRejected(f"image {filename} cannot be read: {exc}") from None
    width, height = image.size
    if IMAGE_MIN_PX <= min(width, height) and max(width, height) <= IMAGE_MAX_PX \
            and image.format in ("JPEG", "PNG") and len(data) <= IMAGE_MAX_BYTES:
        return data, filename
    scale = 1.0
    if max(width, height) > IMAGE_MAX_PX:
        scale = IMAGE_MAX_PX / max(width, height)
    elif min(width, height) < IMAGE_MIN_PX:
        scale = min(IMAGE_MIN_PX / min(width, height), IMAGE_MAX_PX / max(width, height))
    image = image.convert("RGB")
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image = image.resize(size, Image.LANCZOS)
    if min(size) < IMAGE_MIN_PX:  # a very long strip: pad the short side onto white
        canvas = Image.new("RGB", (max(size[0], IMAGE_MIN_PX), max(size[1], IMAGE_MIN_PX)), "white")
        canvas.paste(image, ((canvas.width - size[0]) // 2, (canvas.height - size[1]) // 2))
        image = canvas
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    stem = filename.rsplit(".", 1)[0] or "image"
    return out.getvalue(), f"{stem}.jpg"


def price(amount) -> dict:
    return {"amount": str(int(Decimal(amount).to_integral_value(rounding=ROUND_HALF_UP))), "currency": CURRENCY}


def sales_attributes(payload: ListingPayload, variant) -> list[dict]:
    """The custom sales attribute telling this SKU apart (name <= 20, value <= 50 characters)."""
    return [{"name": (payload.variation_name or "Variasi")[:20], "value_name": variant.option[:50]}]


def product_body(payload: ListingPayload, *, image_uris: list[str], options: dict) -> dict:
    """Fields shared by create and partial edit [TT-API:products/create-product]."""
    return {
        "title": compose_title(payload),
        "description": description_html(payload.description),
        "category_id": str(options.get("category_id", DEFAULT_CATEGORY_ID)),
        "main_images": [{"uri": uri} for uri in image_uris[:MAX_MAIN_IMAGES]],
        "package_weight": {"value": weight_kg(payload.weight_kg), "unit": "KILOGRAM"},
        "product_attributes": product_attributes(payload, options),
        "is_cod_allowed": bool(options.get("is_cod_allowed", False)),
    }


# --------------------------------------------------------------------------- orders


def money(value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        raise PayloadError(f"amount missing or not a string: {value!r}")
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


def _district(address: dict, level: str) -> str:
    for entry in address.get("district_info") or []:
        if isinstance(entry, dict) and entry.get("address_level") == level:
            return str(entry.get("address_name") or "")
    return ""


def parse_address(address) -> RemoteAddress:
    if not isinstance(address, dict):
        raise PayloadError("recipient_address is not an object")
    # Indonesia: L0 country, L1 province, L2 city/regency, L3 district (kecamatan), L4 village.
    street = address.get("address_detail") or address.get("address_line1") or address.get("full_address") or ""
    return RemoteAddress(
        name=str(address.get("name") or " ".join(filter(None, (address.get("first_name"), address.get("last_name"))))),
        phone=str(address.get("phone_number") or ""),
        line1=str(street).strip(),
        line2=", ".join(p for p in (_district(address, "L4"), _district(address, "L3")) if p),
        city=_district(address, "L2"), state=_district(address, "L1"),
        postcode=str(address.get("postal_code") or ""),
        country=str(address.get("region_code") or "ID")[:2] or "ID",
    )


def group_line_items(items) -> list[RemoteOrderLine]:
    """TikTok returns one line item per unit: group them back into quantities by SKU."""
    if not isinstance(items, list) or not items:
        raise PayloadError("line_items missing or empty")
    groups: OrderedDict[str, dict] = OrderedDict()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise PayloadError(f"line item {index} is not an object")
        sku = str(item.get("seller_sku") or "").strip()
        key = sku or f"sku_id:{item.get('sku_id') or index}"
        unit = money(item.get("sale_price") if item.get("sale_price") not in (None, "") else item.get("original_price"))
        group = groups.setdefault(key, {"sku": sku, "ids": [], "total": Decimal(0), "title": "",
                                        "product_id": str(item.get("product_id") or "")})
        group["ids"].append(str(item.get("id") or index))
        group["total"] += unit
        group["title"] = group["title"] or str(item.get("product_name") or "")[:255]
    lines = []
    for group in groups.values():
        quantity = len(group["ids"])
        lines.append(RemoteOrderLine(
            remote_line_id=group["ids"][0], sku=group["sku"], title=group["title"], quantity=quantity,
            unit_price=(group["total"] / quantity).quantize(Decimal("0.01")), remote_item_id=group["product_id"],
        ))
    return lines


def parse_order(raw: dict) -> RemoteOrder:
    if not isinstance(raw, dict):
        raise PayloadError("order is not an object")
    order_id = raw.get("id")
    if not order_id or not isinstance(order_id, str):
        raise PayloadError("order id missing or not a string")
    status = raw.get("status") or ""
    if status not in ORDER_STATES:
        raise PayloadError(f"unknown order status {status!r}")
    lines = group_line_items(raw.get("line_items"))
    payment = raw.get("payment") or {}
    if not isinstance(payment, dict):
        raise PayloadError("payment is not an object")
    total = payment.get("total_amount")
    return RemoteOrder(
        remote_id=order_id, state=ORDER_STATES[status], remote_status=status,
        created_at=timestamp(raw.get("create_time")), updated_at=timestamp(raw.get("update_time")),
        currency=str(payment.get("currency") or CURRENCY), lines=lines,
        shipping_address=parse_address(raw.get("recipient_address") or {}),
        total=(money(total) if total not in (None, "")
               else sum((li.unit_price * li.quantity for li in lines), Decimal(0))),
        shipping_fee=money(payment.get("shipping_fee") or "0"),
        buyer_note=str(raw.get("buyer_message") or ""), raw=raw,
    )


def package_id(raw: dict) -> str:
    packages = raw.get("packages") or []
    if packages and isinstance(packages[0], dict) and packages[0].get("id"):
        return str(packages[0]["id"])
    for item in raw.get("line_items") or []:
        if isinstance(item, dict) and item.get("package_id"):
            return str(item["package_id"])
    return ""
