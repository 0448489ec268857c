"""Lazada JSON <-> the engine's data classes, and Lazada's listing rules.

Sources: lazada.md 3.5-3.9, the create-a-product and image-upload guides,
[LZ-API:order-api/getorders, getmultipleorderitems].
"""
from __future__ import annotations

import datetime as dt
import io
from collections import OrderedDict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from marketplace_sync.adapters.base import (
    ListingPayload,
    OrderState,
    PayloadError,
    RemoteAddress,
    RemoteOrder,
    RemoteOrderLine,
    RequestRejected,
)

# ------------------------------------------------------------------ listing rules

TITLE_MAX = 255  # "name: Mandatory. Maximum 255 characters." (create-a-product guide)
DESCRIPTION_MAX = 25000
IMAGE_MIN_PX = 330  # minOriginalImageWidth/Height (image-upload guide)
IMAGE_MAX_PX = 5000
IMAGE_MAX_BYTES = 1024 * 1024  # UploadImage page: 1 MB (the guide says 3 MB: keep to the stricter)
IMAGE_TARGET_MAX_PX = 2000  # larger originals are scaled down: smaller uploads, same look
MAX_IMAGES = 8  # "a maximum of 8 images passed into each Image field"
WEIGHT_MIN_KG = Decimal("0.01")  # two decimals, kg
WEIGHT_MAX_KG = Decimal("300")
#: Defaults a channel added with no --options still pushes with. The category is
#: the create-product guide's own example; "No Brand" is Lazada's generic brand.
DEFAULT_CATEGORY = "10002019"
DEFAULT_BRAND_ID = "30768"
DEFAULT_PACKAGE_CM = "10"
#: Attributes the create payload fills by itself (any category).
BUILT_IN_ATTRIBUTES = {"name", "description", "short_description", "brand", "brand_id", "model", "SellerSku",
                       "price", "special_price", "quantity", "package_height", "package_length", "package_width",
                       "package_weight", "package_content", "__images__", "color_family"}
#: Category attributes we can fill from our own provenance data.
PROVENANCE_ATTRIBUTES = {"material": "materials", "materials": "materials", "origin": "region",
                         "country_origin": "region", "technique": "technique"}


def whole_rupiah(price: Decimal) -> str:
    """IDR has no minor unit (decimals UNCONFIRMED, BIZ_CHECK_PRICE_PRECISION_INVALID exists)."""
    return str(Decimal(price).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def package_weight(weight_kg) -> str:
    """kg with at most two decimals (create-a-product guide)."""
    return f"{Decimal(str(weight_kg)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def listing_title(payload: ListingPayload) -> str:
    """Our product title; cut on a word boundary at Lazada's 255 characters."""
    title = " ".join((payload.title or "").split())
    if len(title) <= TITLE_MAX:
        return title
    cut = title[:TITLE_MAX].rsplit(" ", 1)[0]
    return cut or title[:TITLE_MAX]


def category_attribute_value(name: str, payload: ListingPayload, options: dict) -> str:
    """A value for a category attribute: channel options first, then our provenance data."""
    configured = (options.get("attributes") or {}).get(name)
    if configured not in (None, ""):
        return str(configured)
    source = PROVENANCE_ATTRIBUTES.get(name)
    if source:
        return str(payload.attributes.get(source) or "").strip()
    return ""


def listing_problems(payload: ListingPayload, *, options: dict, mandatory_attributes: list[str]) -> list[str]:
    """Every reason Lazada would refuse this listing, checked before anything is sent."""
    problems = []
    if not listing_title(payload):
        problems.append("title is empty (Lazada requires a product name)")
    if not payload.images:
        problems.append("no image (Lazada requires a main image)")
    try:
        price = Decimal(payload.price)
    except (InvalidOperation, TypeError):
        price = Decimal(0)
    if price <= 0:
        problems.append("price must be above Rp 0 (BIZ_CHECK_PRICE_IS_ZERO)")
    weight = Decimal(str(payload.weight_kg or 0))
    if weight < WEIGHT_MIN_KG or weight > WEIGHT_MAX_KG:
        problems.append(f"package weight {weight} kg outside {WEIGHT_MIN_KG}-{WEIGHT_MAX_KG} kg")
    if not str(options.get("brand_id", DEFAULT_BRAND_ID)).strip():
        problems.append("no brand_id (Lazada requires a brand; 'No Brand' is 30768)")
    missing = [name for name in mandatory_attributes
               if name not in BUILT_IN_ATTRIBUTES and not category_attribute_value(name, payload, options)]
    if missing:
        problems.append(f"category {options.get('primary_category', DEFAULT_CATEGORY)} requires "
                        f"{', '.join(missing)}: set them in the channel options \"attributes\"")
    return problems


def product_document(payload: ListingPayload, *, image_urls: list[str], options: dict,
                     mandatory_attributes: list[str], item_id: str = "", sku_id: str = "",
                     with_stock: bool = True, variant_ids: dict | None = None) -> dict:
    """The ``payload`` JSON document of /product/create and /product/update (create-a-product guide)."""
    attributes = {
        "name": listing_title(payload),
        "description": (payload.description or "")[:DESCRIPTION_MAX],
        "brand_id": str(options.get("brand_id", DEFAULT_BRAND_ID)),
    }
    for name in mandatory_attributes:
        if name not in BUILT_IN_ATTRIBUTES:
            attributes[name] = category_attribute_value(name, payload, options)
    for name, value in (options.get("attributes") or {}).items():
        attributes.setdefault(name, str(value))
    # The product's own package size; a channel-wide package_cm option only fills a gap.
    length, width, height = payload.dimensions_cm if all(payload.dimensions_cm or ()) else (None, None, None)
    package = {key: value for key, value in (("length", length), ("width", width), ("height", height)) if value}
    package = {**(options.get("package_cm") or {}), **package}
    sku = {
        "SellerSku": payload.sku,
        "price": whole_rupiah(payload.price),
        "package_height": str(package.get("height", DEFAULT_PACKAGE_CM)),
        "package_length": str(package.get("length", DEFAULT_PACKAGE_CM)),
        "package_width": str(package.get("width", DEFAULT_PACKAGE_CM)),
        "package_weight": package_weight(payload.weight_kg),
        "package_content": listing_title(payload)[:100],
    }
    if with_stock:
        sku["quantity"] = str(max(int(payload.stock), 0))
    if sku_id:
        sku["SkuId"] = str(sku_id)
    product = {
        "PrimaryCategory": str(options.get("primary_category", DEFAULT_CATEGORY)),
        "Images": {"Image": image_urls[:MAX_IMAGES]},
        "Attributes": attributes,
        "Skus": {"Sku": [sku]},
    }
    if payload.variants:
        # One product, one SKU per variant, each naming its option in saleProp; the
        # options are declared once under Variation (create-a-product guide).
        name = payload.variation_name or "Variasi"
        product["Variation"] = {"Variation1": {"name": name, "hasImage": False, "customize": True,
                                               "options": {"option": [v.option for v in payload.variants]}}}
        skus = []
        for variant in payload.variants:
            entry = {**sku, "SellerSku": variant.sku, "price": whole_rupiah(variant.price),
                     "saleProp": {name: variant.option}}
            entry.pop("SkuId", None)
            if with_stock:
                entry["quantity"] = str(max(int(variant.stock), 0))
            if variant_ids and variant.key in variant_ids:
                entry["SkuId"] = str(variant_ids[variant.key])
            skus.append(entry)
        product["Skus"] = {"Sku": skus}
    if item_id:
        product["ItemId"] = str(item_id)
    return {"Request": {"Product": product}}


def skus_document(entries: list[dict]) -> dict:
    """``<Request><Product><Skus><Sku>...`` as JSON, for price/quantity and sellable updates."""
    return {"Request": {"Product": {"Skus": {"Sku": entries}}}}


def prepare_image(data: bytes) -> bytes:
    """A JPEG Lazada accepts: at least 330 px a side, at most 2000, under 1 MB (Pillow)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise RequestRejected(f"image unreadable: {exc}", code="image_unreadable") from None
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[-1])
        image = background
    image = image.convert("RGB")
    width, height = image.size
    scale = 1.0
    if min(width, height) < IMAGE_MIN_PX:
        scale = IMAGE_MIN_PX / min(width, height)
    elif max(width, height) > IMAGE_TARGET_MAX_PX:
        scale = IMAGE_TARGET_MAX_PX / max(width, height)
    if scale != 1.0:
        size = (max(IMAGE_MIN_PX, round(width * scale)), max(IMAGE_MIN_PX, round(height * scale)))
        if max(size) > IMAGE_MAX_PX:
            raise RequestRejected(f"image {width}x{height} px cannot fit Lazada's 330-5000 px", code="image_size")
        image = image.resize(size, Image.LANCZOS)
    for quality in (90, 80, 70, 60, 50):
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=quality, optimize=True)
        if out.tell() <= IMAGE_MAX_BYTES:
            return out.getvalue()
    raise RequestRejected("image stays above 1 MB even compressed", code="image_too_large")


# ------------------------------------------------------------------ orders

#: Item-level statuses [LZ-API:order-api/getorders] -> the engine's states.
ITEM_STATES = {
    "unpaid": OrderState.UNPAID,
    "pending": OrderState.TO_SHIP,
    "repacked": OrderState.TO_SHIP,
    "topack": OrderState.TO_SHIP,
    "packed": OrderState.PROCESSING,
    "ready_to_ship": OrderState.PROCESSING,
    "toship": OrderState.PROCESSING,
    "shipped": OrderState.SHIPPED,
    "shipping": OrderState.SHIPPED,
    "failed_delivery": OrderState.SHIPPED,
    "delivered": OrderState.COMPLETED,
    "canceled": OrderState.CANCELLED,
    "cancelled": OrderState.CANCELLED,
    "returned": OrderState.OTHER,
    "failed": OrderState.OTHER,
    "lost": OrderState.OTHER,
    "lost_by_3pl": OrderState.OTHER,
    "damaged_by_3pl": OrderState.OTHER,
    "shipped_back": OrderState.OTHER,
    "shipped_back_success": OrderState.OTHER,
    "shipped_back_failed": OrderState.OTHER,
    "package_scrapped": OrderState.OTHER,
}
FORWARD = [OrderState.TO_SHIP, OrderState.PROCESSING, OrderState.SHIPPED, OrderState.COMPLETED]
#: Items in these statuses can still be cancelled by the seller (order-cancellation guide).
CANCELLABLE = {"pending", "repacked", "topack", "packed", "ready_to_ship", "toship"}


def order_state(statuses: list[str]) -> str:
    """One order state from its items' statuses (Lazada has no order-level status).

    Cancelled items are left out unless all are cancelled; an unpaid or odd
    (returned, lost...) item decides for the order; otherwise the least
    advanced item does, so an order is "shipped" only when every item is.
    """
    states = [ITEM_STATES[s] for s in statuses]
    live = [s for s in states if s != OrderState.CANCELLED]
    if not live:
        return OrderState.CANCELLED
    for decisive in (OrderState.UNPAID, OrderState.OTHER):
        if decisive in live:
            return decisive
    return min(live, key=FORWARD.index)


def money(value) -> Decimal:
    """Order amounts are strings with two decimals ("106.00"); numbers are accepted too."""
    if value is None or isinstance(value, bool) or value == "":
        raise PayloadError(f"amount missing: {value!r}")
    try:
        amount = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        raise PayloadError(f"amount is not a number: {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise PayloadError(f"amount out of range: {value!r}")
    return amount


def timestamp(value) -> dt.datetime:
    """ISO 8601 with an offset ("2018-02-09T22:44:30+08:00")."""
    if not isinstance(value, str) or not value:
        raise PayloadError(f"time is not ISO 8601: {value!r}")
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = dt.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S %z")
        except ValueError:
            raise PayloadError(f"time is not ISO 8601: {value!r}") from None
    if parsed.tzinfo is None:
        raise PayloadError(f"time without offset: {value!r}")
    return parsed


def api_time(moment: dt.datetime, *, upper: bool = False) -> str:
    """List filters take ISO 8601 with an offset, to the second: an upper bound is
    rounded up so an order updated within the last fraction of a second is not missed."""
    moment = moment.astimezone(dt.timezone.utc)
    if upper and moment.microsecond:
        moment += dt.timedelta(seconds=1)
    return moment.replace(microsecond=0).isoformat()


def parse_order(raw: dict) -> RemoteOrder:
    """``raw`` = the order header of /orders/get or /order/get plus ``order_items`` from /orders/items/get."""
    if not isinstance(raw, dict):
        raise PayloadError("order is not an object")
    order_id = str(raw.get("order_id") or "")
    if not order_id:
        raise PayloadError("order_id missing")
    items = raw.get("order_items")
    if not isinstance(items, list) or not items:
        raise PayloadError("order_items missing or empty")
    statuses = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise PayloadError(f"item {index} is not an object")
        status = str(item.get("status") or "")
        if status not in ITEM_STATES:
            raise PayloadError(f"item {index}: unknown status {status!r}")
        statuses.append(status)
    state = order_state(statuses)
    # One order item per unit: group them back into a quantity per SellerSku.
    # Cancelled units are left out while others go on.
    keep = [item for item, status in zip(items, statuses, strict=False)
            if state == OrderState.CANCELLED or ITEM_STATES[status] != OrderState.CANCELLED]
    grouped: OrderedDict[str, dict] = OrderedDict()
    for item in keep:
        sku = str(item.get("sku") or "").strip()
        entry = grouped.setdefault(sku, {"ids": [], "item": item, "quantity": 0})
        entry["ids"].append(str(item.get("order_item_id") or ""))
        entry["quantity"] += 1
    lines = []
    for sku, entry in grouped.items():
        item = entry["item"]
        price = item.get("item_price")
        if price in (None, ""):
            price = item.get("paid_price")
        lines.append(RemoteOrderLine(
            remote_line_id=",".join(i for i in entry["ids"] if i)[:128], sku=sku,
            title=str(item.get("name") or "")[:255], quantity=entry["quantity"], unit_price=money(price),
            remote_item_id=str(item.get("sku_id") or item.get("shop_sku") or ""),
        ))
    address = raw.get("address_shipping") or {}
    if not isinstance(address, dict):
        raise PayloadError("address_shipping is not an object")
    name = " ".join(p for p in (str(address.get("first_name") or "").strip(),
                                str(address.get("last_name") or "").strip()) if p)
    total = raw.get("price")
    return RemoteOrder(
        remote_id=order_id,
        state=state,
        remote_status=",".join(sorted(set(statuses))),
        created_at=timestamp(raw.get("created_at")),
        updated_at=timestamp(raw.get("updated_at")),
        currency=str(items[0].get("currency") or "IDR"),
        lines=lines,
        shipping_address=RemoteAddress(
            name=name or str(raw.get("customer_first_name") or ""),
            phone=str(address.get("phone") or ""),
            line1=str(address.get("address1") or ""),
            # address5 is the third level (kecamatan); address2 is "not used for now".
            line2=str(address.get("address5") or address.get("addressDsitrict") or ""),
            city=str(address.get("address4") or address.get("city") or ""),
            state=str(address.get("address3") or ""),
            postcode=str(address.get("post_code") or ""),
            country="ID",
        ),
        total=(money(total) if total not in (None, "")
               else sum((li.unit_price * li.quantity for li in lines), Decimal(0))),
        shipping_fee=money(raw.get("shipping_fee") or "0"),
        buyer_note=str(raw.get("buyer_note") or raw.get("remarks") or ""),
        raw=raw,
    )
