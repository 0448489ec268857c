"""The interface every marketplace adapter implements, and the shared HTTP session.

Shaped after django-anymail's backends: the base fixes the order of steps
(window splitting, paging, batching, token refresh, error mapping) and each
marketplace fills only its steps. A missing step raises NotImplementedError
naming the class. Adapters speak the marketplace's API and know nothing of
Django or Oscar (gateway style); ``marketplace_sync.services`` bridges them.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, ContextManager, Iterable, Iterator

import requests

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- errors


class MarketplaceError(Exception):
    """Any failure talking to a marketplace."""

    #: True when the whole channel is unusable (credentials, unreachable):
    #: a sync step then fails as a whole instead of item by item.
    channel_level = False

    def __init__(self, message, *, code="", status=None, payload=None):
        super().__init__(message)
        self.code = code
        self.status = status
        self.payload = payload


class TransientError(MarketplaceError):
    """Retryable and still failing after the retries: connection, timeout, 429, 5xx."""

    channel_level = True


class ThrottledError(TransientError):
    pass


class AuthError(MarketplaceError):
    """Credentials rejected (bad key, signature, revoked shop)."""

    channel_level = True


class ExpiredTokenError(AuthError):
    """The access token expired: refresh once and retry once."""


class RequestRejected(MarketplaceError):
    """The marketplace refused this request (4xx or a business error); never retried."""


class ListingRejected(RequestRejected):
    """The listing breaks the marketplace's listing rules: reported on the listing, nothing (more) sent."""


class PayloadError(MarketplaceError):
    """A remote object we cannot read (bad order payload): quarantine it, go on."""


# --------------------------------------------------------------------------- data


@dataclass
class TokenSet:
    access_token: str
    refresh_token: str
    access_expires_at: dt.datetime
    refresh_expires_at: dt.datetime | None = None
    #: Marketplace-specific identity learnt at authorization (shop_id, cipher...).
    extra: dict = field(default_factory=dict)


@dataclass
class ListingImage:
    #: Stable key of the image content on our side (changes when the image does).
    key: str
    filename: str
    read: Callable[[], bytes]


@dataclass
class VariantPayload:
    """One variant of an item with variations (an Oscar child product): its own SKU, price and stock.

    Shopee calls it a model (one option of a tier variation), TikTok Shop a SKU with
    sales attributes, Lazada a SKU with a saleProp. ``option`` is what the buyer picks
    (e.g. "M" or "Merah"), under the payload's ``variation_name``.
    """

    key: str  # ours, stable: the child product's id
    sku: str
    option: str
    price: Decimal  # after the channel's price rule, in whole rupiah
    stock: int = 0

    def fingerprint_data(self) -> dict:
        return {"key": self.key, "sku": self.sku, "option": self.option, "price": str(self.price)}


@dataclass
class ListingPayload:
    """What one channel should show for one product; the fingerprint covers it all."""

    sku: str
    title: str
    description: str
    price: Decimal  # after the channel's price rule, in whole rupiah
    images: list[ListingImage]
    attributes: dict
    weight_kg: Decimal = Decimal("0.5")  # the product's packed shipping weight
    stock: int = 0
    # Package (length, width, height) in whole centimetres, as couriers measure it.
    dimensions_cm: tuple[int, int, int] | None = None
    #: An item with variations: one entry per variant (empty: a single-SKU item).
    #: ``price`` and ``stock`` are then the lowest variant price and the sum of their stock.
    variants: list[VariantPayload] = field(default_factory=list)
    variation_name: str = ""  # the tier buyers choose in, e.g. "Ukuran"

    def fingerprint_data(self) -> dict:
        data = {
            "sku": self.sku, "title": self.title, "description": self.description,
            "price": str(self.price), "images": [image.key for image in self.images],
            "attributes": self.attributes, "weight_kg": str(self.weight_kg),
            "dimensions_cm": list(self.dimensions_cm) if self.dimensions_cm else None,
        }
        if self.variants:  # absent for single-SKU items, so their fingerprints stay as they were
            data["variation_name"] = self.variation_name
            data["variants"] = [variant.fingerprint_data() for variant in self.variants]
        return data


@dataclass
class RemoteListingRef:
    item_id: str
    model_id: str = ""
    #: After creating or updating an item with variations: the remote model/SKU id of each
    #: variant, by ``VariantPayload.key``.
    variants: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        return f"{self.item_id}:{self.model_id}" if self.model_id else self.item_id


@dataclass
class StockUpdate:
    ref: RemoteListingRef
    quantity: int


@dataclass
class PriceUpdate:
    ref: RemoteListingRef
    price: Decimal  # after the channel's price rule, in whole rupiah


@dataclass
class BatchResult:
    succeeded: list[str] = field(default_factory=list)  # ref keys
    failed: dict[str, str] = field(default_factory=dict)  # ref key -> reason


@dataclass
class RemoteAddress:
    """A buyer's address in the shop's fields (see shop/address/indonesia.py).

    ``state`` is the province's ISO 3166-2:ID code when the adapter recognised it
    (``shop.address.provinces.province_code``), else the name as sent; ``district`` is the
    kecamatan, ``city`` the city or regency.
    """

    name: str = ""
    phone: str = ""
    line1: str = ""
    line2: str = ""
    district: str = ""
    city: str = ""
    state: str = ""
    postcode: str = ""
    country: str = "ID"


@dataclass
class RemoteOrderLine:
    remote_line_id: str
    sku: str
    title: str
    quantity: int
    unit_price: Decimal
    remote_item_id: str = ""


class OrderState:
    """Marketplace statuses normalised to what the engine acts on."""

    UNPAID = "unpaid"  # not imported until paid
    TO_SHIP = "to_ship"
    PROCESSING = "processing"  # shipment arranged
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    OTHER = "other"  # in cancellation, returns: left for a human


@dataclass
class RemoteOrder:
    remote_id: str
    state: str
    remote_status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    currency: str
    lines: list[RemoteOrderLine]
    shipping_address: RemoteAddress
    total: Decimal
    shipping_fee: Decimal = Decimal("0")
    buyer_note: str = ""
    raw: dict = field(default_factory=dict)


@dataclass
class UnreadableOrder:
    """An order whose payload could not be parsed: kept and flagged, never dropped."""

    remote_id: str
    error: str
    raw: dict = field(default_factory=dict)


@dataclass
class WebhookEvent:
    ORDER = "order"
    OTHER = "other"

    kind: str
    event_type: str
    remote_order_id: str = ""
    raw: dict = field(default_factory=dict)
    #: The marketplace account (shop) the event concerns, when it says; empty for
    #: partner-level events. Lost pushes are fetched per partner, so one channel's
    #: fetch can return another shop's events.
    account: str = ""


def webhook_message(body: bytes) -> dict:
    """A push body as a JSON object, or PayloadError: signed bodies are read defensively."""
    try:
        message = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise PayloadError(f"push body is not JSON: {exc}"[:300]) from None
    if not isinstance(message, dict):
        raise PayloadError("push body is not an object")
    return message


def webhook_field(message: dict, key: str, *, kind: type | tuple, required: bool = False):
    """``message[key]`` if it has the documented type (None when absent and optional), else PayloadError."""
    value = message.get(key)
    if value is None and not required:
        return None
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int to isinstance; no documented field is a boolean where a number is expected.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise PayloadError(f"push field {key!r} is {type(value).__name__}, not "
                           + " or ".join(k.__name__ for k in kinds))
    return value


def webhook_order_id(data: dict, *keys: str) -> str:
    """The first of ``keys`` holding an order id (a string or a number, at most 64 characters)."""
    for key in keys:
        value = data.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)) or len(str(value)) > 64:
            raise PayloadError(f"push field {key!r} is not an order id: {str(value)[:80]!r}")
        return str(value)
    return ""


@dataclass
class LostEvents:
    """One page of pushes the marketplace could not deliver, to handle then acknowledge."""

    events: list[WebhookEvent] = field(default_factory=list)
    #: Opaque; handed back to ``acknowledge_lost_events`` once every event is handled.
    ack: object = None
    #: More lost events wait behind this page (fetched after acknowledging it).
    more: bool = False


@dataclass
class RemotePromotion:
    """A promotion as the marketplace holds it; ``remote_id`` is empty where there is no
    promotion object (Lazada's special price lives on each SKU)."""

    remote_id: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    #: The marketplace's own words for the promotion (status, ids, modify time...).
    answer: dict = field(default_factory=dict)


@dataclass
class PromotionItemUpdate:
    ref: RemoteListingRef
    price: Decimal  # the promotion price after the channel's price rule, in whole rupiah
    original_price: Decimal | None = None  # the listing's price on the channel, when known


class CancelReason:
    """Why we cancel an order, normalised; each adapter maps it to its marketplace's reason code."""

    OUT_OF_STOCK = "out_of_stock"
    BUYER_REQUEST = "buyer_request"
    UNDELIVERABLE = "undeliverable"
    CHOICES = (OUT_OF_STOCK, BUYER_REQUEST, UNDELIVERABLE)


def expiry_from_unix(value) -> dt.datetime | None:
    """An absolute expiry given as unix seconds (TikTok Shop) as an aware datetime."""
    if value in (None, "", 0):
        return None
    return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)


def expiry_from_duration(seconds, *, now: float) -> dt.datetime:
    """An expiry given as seconds from now (Shopee's ``expire_in``) as an aware datetime."""
    return dt.datetime.fromtimestamp(now + int(seconds), tz=dt.timezone.utc)


# --------------------------------------------------------------------------- HTTP


class HttpSession:
    """One ``requests`` session per adapter: timeouts always, bounded retries.

    Retries connection errors, timeouts, HTTP 429 and 5xx with exponential
    backoff and jitter, honouring ``Retry-After``; never retries other 4xx.
    ``build`` is called per attempt so each attempt is freshly signed (the
    marketplaces reject stale timestamps).
    """

    RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

    def __init__(self, *, timeout=(5.0, 30.0), max_retries=4, backoff=0.5, max_backoff=30.0,
                 user_agent="GaleriKriya-marketplace-sync/1.0", sleep=time.sleep,
                 retry_response: Callable[[requests.Response], bool] | None = None,
                 retry_delay: Callable[[requests.Response], float | None] | None = None):
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.sleep = sleep
        #: Extra test for answers that mean "try again" without a 429/5xx status
        #: (some marketplaces say it in the JSON body of a 200).
        self.retry_response = retry_response
        #: Seconds to wait that an answer states in its body rather than in
        #: Retry-After (Lazada: "this ban will last 1 seconds" in a 200).
        self.retry_delay = retry_delay
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent

    def send(self, build: Callable[[], dict]) -> requests.Response:
        attempt = 0
        while True:
            kwargs = build()
            method, url = kwargs.pop("method"), kwargs.pop("url")
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt >= self.max_retries:
                    raise TransientError(f"{method} {_path(url)}: {exc.__class__.__name__} after "
                                         f"{attempt + 1} attempts") from exc
                self._wait(attempt, None)
                attempt += 1
                continue
            if response.status_code in self.RETRY_STATUSES or (
                    self.retry_response is not None and response.status_code < 400 and self.retry_response(response)):
                if attempt >= self.max_retries:
                    cls = ThrottledError if response.status_code == 429 else TransientError
                    payload = _json_or_text(response)
                    raise cls(f"{method} {_path(url)}: HTTP {response.status_code} {str(payload)[:200]} "
                              f"after {attempt + 1} attempts", status=response.status_code, payload=payload)
                retry_after = response.headers.get("Retry-After")
                if not retry_after and self.retry_delay is not None:
                    retry_after = self.retry_delay(response)
                self._wait(attempt, retry_after)
                attempt += 1
                continue
            return response

    def _wait(self, attempt, retry_after):
        delay = _parse_retry_after(retry_after)
        if delay is None:
            delay = self.backoff * (2 ** attempt) * (0.5 + random.random() / 2)
        self.sleep(min(delay, self.max_backoff))

    def close(self):
        self.session.close()


def _parse_retry_after(value):
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return max(float(value), 0.0)
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((when - dt.datetime.now(dt.timezone.utc)).total_seconds(), 0.0)


def _path(url):
    return requests.utils.urlparse(url).path


def _json_or_text(response):
    try:
        return response.json()
    except ValueError:
        return response.text[:500]


# --------------------------------------------------------------------------- adapter


class MarketplaceAdapter:
    """Template for one marketplace. Subclasses fill the ``_steps``.

    Limits are class attributes because they differ per marketplace (Shopee:
    15-day order windows, 100 per page, 50 details per call; TikTok: no window
    limit, 50 ids; Lazada: offset paging, 50 SKUs per price call).
    """

    kind = ""
    #: Longest order-list window the API accepts (None: unlimited).
    max_order_window: dt.timedelta | None = None
    order_page_size = 100
    order_detail_batch_size = 50
    #: Largest push body accepted (bytes); a longer one is refused before it is read.
    #: No marketplace documents a maximum; their pushes name one order in well under
    #: 2 KB, so 256 KiB leaves a wide margin (docs/marketplace_sync.md, "Webhooks").
    webhook_max_bytes = 256 * 1024

    def __init__(self, *, api_base_url: str, credentials: dict, options: dict | None = None,
                 on_tokens_refreshed: Callable[[TokenSet], None] | None = None,
                 refresh_guard: Callable[[], ContextManager[dict | None]] | None = None,
                 session: HttpSession | None = None, clock: Callable[[], float] = time.time):
        self.api_base_url = api_base_url.rstrip("/")
        self.credentials = dict(credentials)
        #: Channel-level listing defaults (category, logistics...), marketplace-specific.
        self.options = dict(options or {})
        self.on_tokens_refreshed = on_tokens_refreshed
        #: Serialises refreshes across workers: a context manager yielding the
        #: stored credentials while no one else can refresh (refresh tokens may
        #: be single use, so two workers must never spend the same one).
        self.refresh_guard = refresh_guard
        self.session = session or HttpSession()
        self.clock = clock
        self.check_credentials()

    # -- helpers for subclasses --------------------------------------------------

    def _missing(self, step):
        return NotImplementedError(f"{self.__class__.__name__} must implement {step}()")

    def call_with_token_refresh(self, fn: Callable[[], object]):
        """Run an authenticated call; on an expired-token answer refresh once and retry once."""
        try:
            return fn()
        except ExpiredTokenError:
            logger.info("%s: access token expired, refreshing once", self.kind)
            self.refresh_tokens()
            return fn()

    # -- credentials and auth ------------------------------------------------------

    def check_credentials(self) -> None:
        """Fail loudly at construction if a required credential is missing."""

    def authorization_url(self, *, redirect_url: str) -> str:
        raise self._missing("authorization_url")

    def exchange_code(self, *, code: str, **identity) -> TokenSet:
        raise self._missing("exchange_code")

    def refresh_tokens(self) -> TokenSet | None:
        """Refresh, update ``self.credentials`` and hand the new pair to ``on_tokens_refreshed``.

        Returns None when another worker refreshed first: its stored pair is adopted instead.
        """
        if self.refresh_guard is None:
            return self._refresh_and_hand_over()
        with self.refresh_guard() as stored:
            if stored and stored.get("refresh_token") and \
                    stored.get("refresh_token") != self.credentials.get("refresh_token"):
                self.credentials.update(stored)
                return None
            return self._refresh_and_hand_over()

    def _refresh_and_hand_over(self) -> TokenSet:
        try:
            tokens = self._refresh_tokens()
        except RequestRejected as exc:
            # A refused refresh (spent or revoked token) means the shop must be reconnected.
            raise AuthError(f"token refresh refused: {exc}", code=exc.code, status=exc.status,
                            payload=exc.payload) from exc
        self.credentials.update(access_token=tokens.access_token, refresh_token=tokens.refresh_token,
                                **tokens.extra)
        if self.on_tokens_refreshed is not None:
            self.on_tokens_refreshed(tokens)
        return tokens

    def _refresh_tokens(self) -> TokenSet:
        raise self._missing("_refresh_tokens")

    # -- listings ------------------------------------------------------------------

    def listing_problems(self, *, payload: ListingPayload) -> list[str]:
        """Why the marketplace's listing rules would refuse this listing (empty: it passes).

        The engine reports a non-empty answer on the listing and sends nothing.
        """
        return []

    def upload_image(self, *, image: ListingImage) -> str:
        raise self._missing("upload_image")

    def create_listing(self, *, payload: ListingPayload, image_ids: list[str]) -> RemoteListingRef:
        raise self._missing("create_listing")

    def update_listing(self, *, ref: RemoteListingRef, payload: ListingPayload,
                       image_ids: list[str]) -> RemoteListingRef | None:
        """Update everything but the stock; for an item with variations, return the ref with
        every variant's remote id (variants new since the last push are added)."""
        raise self._missing("update_listing")

    def set_listed(self, *, ref: RemoteListingRef, listed: bool) -> None:
        raise self._missing("set_listed")

    def set_stock(self, *, updates: list[StockUpdate]) -> BatchResult:
        raise self._missing("set_stock")

    def set_prices(self, *, updates: list[PriceUpdate]) -> BatchResult:
        """Prices only, batched where the marketplace allows: cheaper than a full update."""
        raise self._missing("set_prices")

    def get_stock(self, *, refs: list[RemoteListingRef]) -> dict[str, int]:
        raise self._missing("get_stock")

    # -- orders ----------------------------------------------------------------------

    def list_order_ids(self, *, updated_from: dt.datetime, updated_to: dt.datetime) -> Iterator[str]:
        """Every order updated in [from, to], split into allowed windows and paged to the end."""
        for window_from, window_to in split_window(updated_from, updated_to, self.max_order_window):
            cursor = None
            while True:
                ids, cursor = self._list_orders_page(window_from=window_from, window_to=window_to, cursor=cursor)
                yield from ids
                if not cursor:
                    break

    def _list_orders_page(self, *, window_from, window_to, cursor) -> tuple[list[str], object]:
        """One page: (remote ids, next cursor or a falsy value at the end)."""
        raise self._missing("_list_orders_page")

    def get_orders(self, *, remote_ids: Iterable[str]) -> list[RemoteOrder | UnreadableOrder]:
        """Details in batches; an unreadable order is returned as such, never raised."""
        ids = list(dict.fromkeys(remote_ids))
        results = []
        for start in range(0, len(ids), self.order_detail_batch_size):
            batch = ids[start:start + self.order_detail_batch_size]
            for raw in self._get_order_details(remote_ids=batch):
                remote_id = self._raw_order_id(raw)
                try:
                    results.append(self.parse_order(raw))
                except (PayloadError, KeyError, TypeError, ValueError, ArithmeticError) as exc:
                    results.append(UnreadableOrder(remote_id=remote_id, error=f"{exc.__class__.__name__}: {exc}",
                                                   raw=raw if isinstance(raw, dict) else {"value": raw}))
        return results

    def _get_order_details(self, *, remote_ids: list[str]) -> list[dict]:
        raise self._missing("_get_order_details")

    def _raw_order_id(self, raw) -> str:
        raise self._missing("_raw_order_id")

    def parse_order(self, raw: dict) -> RemoteOrder:
        raise self._missing("parse_order")

    def ship_order(self, *, remote_id: str, tracking_number: str = "") -> None:
        raise self._missing("ship_order")

    def cancel_order(self, *, remote_id: str, reason: str = CancelReason.OUT_OF_STOCK) -> None:
        """Cancel a remote order as the seller (``reason``: a ``CancelReason`` value)."""
        raise self._missing("cancel_order")

    # -- webhooks ----------------------------------------------------------------------

    def verify_webhook(self, *, url: str, body: bytes, headers: dict) -> bool:
        raise self._missing("verify_webhook")

    def parse_webhook(self, *, body: bytes) -> list[WebhookEvent]:
        raise self._missing("parse_webhook")

    def account_id(self) -> str:
        """This channel's account (shop) as ``WebhookEvent.account`` names it."""
        return ""

    def lost_events(self) -> LostEvents:
        """Pushes the marketplace failed to deliver (our web was down), oldest first.

        Marketplaces without such an API have nothing to give: the scheduled pull
        already catches every missed change.
        """
        return LostEvents()

    def acknowledge_lost_events(self, *, ack) -> None:
        """Tell the marketplace the page ending at ``ack`` was handled (only after it was)."""

    # -- promotions (campaign discounts) ---------------------------------------------------

    #: False where a product holds one discount at a time (Lazada's single special price per SKU):
    #: a later campaign's items are sent only at its start, never over a running one's.
    promotion_items_ahead = True

    def create_promotion(self, *, name: str, starts_at: dt.datetime, ends_at: dt.datetime) -> RemotePromotion:
        """Create the promotion for the period (ahead where the marketplace schedules)."""
        raise self._missing("create_promotion")

    def find_promotion(self, *, name: str, starts_at: dt.datetime, ends_at: dt.datetime) -> RemotePromotion | None:
        """Our own live promotion of that name and end, made by an attempt whose answer was lost.

        Asked before creating again after such an attempt; None where the marketplace cannot tell.
        """
        return None

    def add_promotion_items(self, *, promotion: RemotePromotion,
                            items: list[PromotionItemUpdate]) -> BatchResult:
        """Put listings in the promotion at their price; a refused item fails alone (``failed``)."""
        raise self._missing("add_promotion_items")

    def remove_promotion_items(self, *, promotion: RemotePromotion, refs: list[RemoteListingRef]) -> BatchResult:
        raise self._missing("remove_promotion_items")

    def end_promotion(self, *, promotion: RemotePromotion, refs: list[RemoteListingRef]) -> dict:
        """End it now (or cancel it if not started); returns the marketplace's answer.

        A promotion past its remote end has expired by itself: no call, an empty answer.
        """
        raise self._missing("end_promotion")

    def close(self):
        self.session.close()


def split_window(start: dt.datetime, end: dt.datetime, size: dt.timedelta | None):
    """[start, end] cut into consecutive windows no longer than ``size``."""
    if end <= start:
        return []
    if size is None:
        return [(start, end)]
    windows = []
    cursor = start
    while cursor < end:
        upper = min(cursor + size, end)
        windows.append((cursor, upper))
        cursor = upper
    return windows
