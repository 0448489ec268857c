"""The sync engine's state: channels, listings, imported orders, runs, events.

Oscar's ``StockRecord`` stays the one stock truth; nothing here holds stock
except what was last told to a marketplace (to push only deltas).
"""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marketplace_sync import crypto


class Channel(models.Model):
    """One connected marketplace shop, drawing on the shared stock pool."""

    SHOPEE, TIKTOK, LAZADA = "shopee", "tiktok", "lazada"
    KIND_CHOICES = [(SHOPEE, "Shopee"), (TIKTOK, "TikTok Shop / Tokopedia"), (LAZADA, "Lazada")]
    ROUNDING_CHOICES = [(1, "Rp 1"), (100, "Rp 100"), (500, "Rp 500"), (1000, "Rp 1.000")]

    kind = models.CharField(_("marketplace"), max_length=20, choices=KIND_CHOICES)
    code = models.SlugField(_("code"), max_length=50, unique=True,
                            help_text=_("Short name used in URLs and commands, e.g. shopee-official."))
    name = models.CharField(_("display name"), max_length=128)
    api_base_url = models.URLField(_("API base URL"), max_length=255)
    # Fernet-encrypted JSON: app keys, shop ids, access and refresh tokens.
    credentials_encrypted = models.TextField(_("credentials (encrypted)"), blank=True, editable=False)
    access_token_expires_at = models.DateTimeField(_("access token expires at"), null=True, blank=True)
    refresh_token_expires_at = models.DateTimeField(_("refresh token expires at"), null=True, blank=True)
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("artisan"), related_name="marketplace_channels",
        on_delete=models.PROTECT, null=True, blank=True,
        help_text=_("If set, this is the artisan's own shop and lists only their products."),
    )
    markup_percent = models.DecimalField(_("markup (%)"), max_digits=6, decimal_places=2, default=0)
    price_rounding = models.PositiveIntegerField(
        _("round prices up to a multiple of"), choices=ROUNDING_CHOICES, default=100,
    )
    stock_buffer = models.PositiveIntegerField(
        _("stock buffer"), default=0,
        help_text=_("Units held back from this channel so the storefront keeps the last pieces."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    # Curation level as a channel rule (shop.curation): an export shop lists only
    # "siap ekspor" pieces; a product losing the level is delisted on its next push.
    export_ready_only = models.BooleanField(
        _("list only export-ready products"), default=False,
        help_text=_("Only products the curators approved as export ready (siap ekspor) are listed here."),
    )
    # Marketplace-specific listing defaults (category, logistics, weight...).
    options = models.JSONField(_("options"), default=dict, blank=True)
    order_cursor = models.DateTimeField(
        _("orders pulled up to"), null=True, blank=True,
        help_text=_("End of the last successful order pull window."),
    )
    # Pushes refused (bad or missing signature, body too large): only counted, never stored.
    webhooks_refused = models.PositiveIntegerField(_("webhooks refused"), default=0, editable=False)
    date_webhook_refused = models.DateTimeField(_("last webhook refused"), null=True, blank=True, editable=False)
    date_created = models.DateTimeField(_("date created"), auto_now_add=True)
    date_updated = models.DateTimeField(_("date updated"), auto_now=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("marketplace channel")
        verbose_name_plural = _("marketplace channels")

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def credentials(self) -> dict:
        return crypto.decrypt_json(self.credentials_encrypted)

    def set_credentials(self, data: dict) -> None:
        self.credentials_encrypted = crypto.encrypt_json(data)

    @property
    def access_token_seconds_left(self):
        if self.access_token_expires_at is None:
            return None
        return int((self.access_token_expires_at - timezone.now()).total_seconds())


class Listing(models.Model):
    """A product as listed on one channel; holds what was last pushed."""

    PENDING, LISTED, DELISTED, ERROR = "pending", "listed", "delisted", "error"
    STATUS_CHOICES = [
        (PENDING, _("Pending")), (LISTED, _("Listed")), (DELISTED, _("Delisted")), (ERROR, _("Error")),
    ]

    channel = models.ForeignKey(Channel, related_name="listings", on_delete=models.CASCADE,
                                verbose_name=_("channel"))
    product = models.ForeignKey("catalogue.Product", related_name="marketplace_listings",
                                on_delete=models.CASCADE, verbose_name=_("product"))
    # A variant (Oscar child product) is listed as one model/SKU of its parent's remote
    # item: its row points to the parent's row and repeats the parent's item id, so
    # stock and price updates address (item, model) like any other listing.
    parent = models.ForeignKey("self", related_name="variant_listings", on_delete=models.CASCADE, null=True,
                               blank=True, verbose_name=_("item listing (for a variant)"))
    remote_item_id = models.CharField(_("remote item id"), max_length=64, blank=True, db_index=True)
    remote_model_id = models.CharField(_("remote variant id"), max_length=64, blank=True)
    remote_sku = models.CharField(_("SKU sent"), max_length=128, blank=True)
    # Remote image ids by our image key, so an unchanged image is never re-uploaded.
    remote_image_ids = models.JSONField(_("remote image ids"), default=dict, blank=True)
    fingerprint = models.CharField(_("fingerprint of last push"), max_length=64, blank=True)
    pushed_price = models.DecimalField(_("price pushed"), max_digits=12, decimal_places=2, null=True, blank=True)
    pushed_stock = models.IntegerField(_("stock pushed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    date_pushed = models.DateTimeField(_("last pushed"), null=True, blank=True)
    date_stock_pushed = models.DateTimeField(_("stock last pushed"), null=True, blank=True)
    date_created = models.DateTimeField(_("date created"), auto_now_add=True)
    date_updated = models.DateTimeField(_("date updated"), auto_now=True)

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        constraints = [
            models.UniqueConstraint(fields=["channel", "product"], name="unique_listing_per_channel"),
        ]

    def __str__(self):
        return f"{self.product} @ {self.channel.code}"


class ImportedOrder(models.Model):
    """The link between a remote order and its Oscar order: the idempotency key."""

    IMPORTED, QUARANTINED = "imported", "quarantined"
    STATE_CHOICES = [(IMPORTED, _("Imported")), (QUARANTINED, _("Quarantined"))]

    channel = models.ForeignKey(Channel, related_name="imported_orders", on_delete=models.PROTECT,
                                verbose_name=_("channel"))
    remote_order_id = models.CharField(_("remote order id"), max_length=64)
    order = models.OneToOneField("order.Order", related_name="marketplace_import", on_delete=models.SET_NULL,
                                 null=True, blank=True, verbose_name=_("order"))
    state = models.CharField(_("state"), max_length=12, choices=STATE_CHOICES, default=IMPORTED, db_index=True)
    remote_status = models.CharField(_("remote status"), max_length=40, blank=True)
    remote_updated_at = models.DateTimeField(_("remote update time"), null=True, blank=True)
    raw_payload = models.JSONField(_("raw payload"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    date_created = models.DateTimeField(_("date created"), auto_now_add=True)
    date_updated = models.DateTimeField(_("date updated"), auto_now=True)

    class Meta:
        verbose_name = _("imported order")
        verbose_name_plural = _("imported orders")
        constraints = [
            models.UniqueConstraint(fields=["channel", "remote_order_id"], name="unique_remote_order_per_channel"),
        ]

    def __str__(self):
        return f"{self.channel.code}:{self.remote_order_id}"


class SyncRun(models.Model):
    """One run of one sync step for one channel, with its counts and errors."""

    PUSH, PULL, STOCK, RECONCILE, TOKENS, FETCH = "push", "pull", "stock", "reconcile", "tokens", "fetch"
    KIND_CHOICES = [
        (PUSH, _("Push listings")), (PULL, _("Pull orders")), (STOCK, _("Push stock")),
        (RECONCILE, _("Reconcile stock")), (TOKENS, _("Refresh tokens")), (FETCH, _("Fetch orders")),
    ]
    RUNNING, SUCCEEDED, PARTIAL, FAILED = "running", "succeeded", "partial", "failed"
    STATUS_CHOICES = [
        (RUNNING, _("Running")), (SUCCEEDED, _("Succeeded")), (PARTIAL, _("Partly failed")), (FAILED, _("Failed")),
    ]

    channel = models.ForeignKey(Channel, related_name="sync_runs", on_delete=models.CASCADE,
                                verbose_name=_("channel"))
    kind = models.CharField(_("step"), max_length=10, choices=KIND_CHOICES)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=RUNNING)
    # Counts of listings/orders, named so they do not read like the date_* fields.
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    date_started = models.DateTimeField(_("started"), default=timezone.now)
    date_finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ("-date_started",)
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")
        indexes = [models.Index(fields=["channel", "kind", "-date_started"])]

    def __str__(self):
        return f"{self.channel.code} {self.kind} {self.date_started:%Y-%m-%d %H:%M}"


class InboundEvent(models.Model):
    """A verified webhook as received, so a failure can be reprocessed.

    Only pushes with a valid signature are stored. A signed body we cannot read
    is kept with ``event_type`` "malformed" and the reason in ``error``.
    """

    MALFORMED = "malformed"

    channel = models.ForeignKey(Channel, related_name="inbound_events", on_delete=models.CASCADE,
                                verbose_name=_("channel"))
    url = models.CharField(_("URL posted to"), max_length=500)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    body = models.TextField(_("raw body"), blank=True)
    signature_valid = models.BooleanField(_("signature valid"), default=False)
    event_type = models.CharField(_("event type"), max_length=40, blank=True)
    remote_order_id = models.CharField(_("remote order id"), max_length=64, blank=True, db_index=True)
    processed = models.BooleanField(_("processed"), default=False, db_index=True)
    date_processed = models.DateTimeField(_("processed at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    date_created = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ("-date_created",)
        verbose_name = _("inbound webhook event")
        verbose_name_plural = _("inbound webhook events")


class SyncLease(models.Model):
    """A short lease so two workers never run the same step for one channel at once.

    Taken by a conditional UPDATE (compare-and-set), so it works the same on
    SQLite and PostgreSQL and needs no transaction held across HTTP calls.
    """

    channel = models.ForeignKey(Channel, related_name="leases", on_delete=models.CASCADE)
    kind = models.CharField(max_length=10)
    holder = models.CharField(max_length=36, blank=True)
    held_until = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "kind"], name="unique_lease_per_step")]


class ChannelPromotion(models.Model):
    """A discount run on one channel with the marketplace's own promotion mechanism.

    ``key`` names the source on our side (e.g. ``campaign-<pk>``): one remote promotion per
    (channel, key), created once and ended once. The remote period can differ from ours where
    the marketplace forbids a start too close to now (Shopee: start at least 1 hour ahead).
    """

    SCHEDULED, ACTIVE, ENDED, FAILED = "scheduled", "active", "ended", "failed"
    STATUS_CHOICES = [
        (SCHEDULED, pgettext_lazy("marketplace promotion", "Scheduled")), (ACTIVE, _("Running")),
        (ENDED, pgettext_lazy("marketplace promotion", "Ended")), (FAILED, _("Failed")),
    ]

    channel = models.ForeignKey(Channel, related_name="promotions", on_delete=models.CASCADE,
                                verbose_name=_("channel"))
    key = models.CharField(pgettext_lazy("marketplace promotion", "key"), max_length=64)
    name = models.CharField(_("name"), max_length=128)
    starts_at = models.DateTimeField(pgettext_lazy("marketplace promotion", "starts at"))
    ends_at = models.DateTimeField(pgettext_lazy("marketplace promotion", "ends at"))
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=SCHEDULED, db_index=True)
    remote_id = models.CharField(pgettext_lazy("marketplace promotion", "remote promotion id"), max_length=64,
                                 blank=True)
    # The period the marketplace accepted; empty until it did.
    remote_starts_at = models.DateTimeField(pgettext_lazy("marketplace promotion", "remote start"), null=True,
                                            blank=True)
    remote_ends_at = models.DateTimeField(pgettext_lazy("marketplace promotion", "remote end"), null=True, blank=True)
    # What the marketplace said: {"create": ..., "end": ..., "error": ...}.
    answer = models.JSONField(pgettext_lazy("marketplace promotion", "marketplace answer"), default=dict, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    date_created = models.DateTimeField(_("date created"), auto_now_add=True)
    date_updated = models.DateTimeField(_("date updated"), auto_now=True)

    class Meta:
        ordering = ("-starts_at", "channel__name")
        verbose_name = pgettext_lazy("marketplace promotion", "channel promotion")
        verbose_name_plural = pgettext_lazy("marketplace promotion", "channel promotions")
        constraints = [
            models.UniqueConstraint(fields=["channel", "key"], name="unique_promotion_key_per_channel"),
        ]

    def __str__(self):
        return f"{self.name} @ {self.channel.code}"


class ChannelPromotionItem(models.Model):
    """One listing in a channel promotion, with what the marketplace answered for it."""

    PENDING, ADDED, REFUSED, REMOVED = "pending", "added", "refused", "removed"
    STATUS_CHOICES = [
        (PENDING, pgettext_lazy("marketplace promotion", "Waiting")),
        (ADDED, pgettext_lazy("marketplace promotion", "In the promotion")),
        (REFUSED, pgettext_lazy("marketplace promotion", "Refused")),
        (REMOVED, pgettext_lazy("marketplace promotion", "Removed")),
    ]

    promotion = models.ForeignKey(ChannelPromotion, related_name="items", on_delete=models.CASCADE,
                                  verbose_name=pgettext_lazy("marketplace promotion", "promotion"))
    listing = models.ForeignKey(Listing, related_name="promotion_items", on_delete=models.CASCADE,
                                verbose_name=_("listing"))
    # The storefront's discounted price, before the channel's markup and rounding.
    promo_price = models.DecimalField(pgettext_lazy("marketplace promotion", "promotion price"), max_digits=12,
                                      decimal_places=2)
    # What was last sent (after the channel's price rule); a different target is sent again.
    remote_price = models.DecimalField(pgettext_lazy("marketplace promotion", "price sent"), max_digits=12,
                                       decimal_places=2, null=True, blank=True)
    # False once the item left the campaign: removed from the remote promotion on the next push.
    wanted = models.BooleanField(pgettext_lazy("marketplace promotion", "wanted"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    date_created = models.DateTimeField(_("date created"), auto_now_add=True)
    date_updated = models.DateTimeField(_("date updated"), auto_now=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = pgettext_lazy("marketplace promotion", "channel promotion item")
        verbose_name_plural = pgettext_lazy("marketplace promotion", "channel promotion items")
        constraints = [
            models.UniqueConstraint(fields=["promotion", "listing"], name="unique_listing_per_promotion"),
        ]

    def __str__(self):
        return f"{self.listing} in {self.promotion.key}"
