"""Provenance as data: a curated craft product, its region and certifications.

Craft categories (batik tulis, tenun, ...) are Oscar's own ``Category`` tree
and the artisan is the partner of the product's stock record; the rest lives in
model fields because it is filtered on, shown in both languages, and pushed to
every marketplace (see docs/architecture.md).
"""
import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct
from oscar.apps.catalogue.managers import ProductQuerySet

from shop.certifications.scans import (
    certification_scan_path,
    certification_scan_storage,
    certification_scan_validate,
)
from shop.i18n import in_active_language


class Region(models.Model):
    """A regency (kabupaten) or city (kota) that crafts come from."""

    KABUPATEN, KOTA = "kabupaten", "kota"
    KIND_CHOICES = [(KABUPATEN, _("Kabupaten")), (KOTA, _("Kota"))]

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES, default=KABUPATEN)
    province = models.CharField(_("province"), max_length=100, default="Jawa Timur")
    description = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        app_label = "catalogue"
        ordering = ("name",)
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"

    @property
    def localized_description(self):
        return in_active_language(self, "description")

    def get_absolute_url(self):
        return reverse("gallery:region", kwargs={"slug": self.slug})


# What ``browsable()`` selects, as a partial index condition: every storefront
# list is "on sale, newest first", so the indexes on it hand a page its rows in
# order instead of sorting the catalogue (SQLite and PostgreSQL use a partial
# index only for queries whose filter contains its condition).
ON_SALE_INDEX_CONDITION = models.Q(curation_state="approved", certification_held=False, is_public=True, parent=None)


class CuratedProductQuerySet(ProductQuerySet):
    def browsable(self):
        # Oscar's browsable() checks is_public only; curation is the gate, and
        # a product held for a missing certification is off sale too.
        return super().browsable().filter(curation_state=Product.APPROVED, certification_held=False)

    def public(self):
        return super().public().filter(curation_state=Product.APPROVED, certification_held=False)


class Product(AbstractProduct):
    DRAFT, SUBMITTED, APPROVED, REJECTED = "draft", "submitted", "approved", "rejected"
    CHANGES_REQUESTED, ARCHIVED = "changes_requested", "archived"
    CURATION_CHOICES = [
        (DRAFT, _("Draft")),
        (SUBMITTED, _("Submitted for curation")),
        (CHANGES_REQUESTED, _("Changes requested")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Rejected")),
        (ARCHIVED, _("Archived")),
    ]

    # Moved only by shop.curation.services (never a form field): the
    # transitions, who may make them and their history live there.
    curation_state = models.CharField(
        _("curation state"), max_length=20, choices=CURATION_CHOICES, default=DRAFT, db_index=True,
        help_text=_("Only approved products are visible and buyable."),
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region of origin"), related_name="products",
        on_delete=models.PROTECT, null=True, blank=True,
    )
    # Written in Indonesian (the source language, pushed to marketplaces);
    # the ``_en`` fields are what English pages show, Indonesian as fallback.
    materials = models.CharField(_("materials"), max_length=255, blank=True)
    materials_en = models.CharField(_("materials (English)"), max_length=255, blank=True)
    technique = models.CharField(_("technique"), max_length=255, blank=True)
    technique_en = models.CharField(_("technique (English)"), max_length=255, blank=True)
    story = models.TextField(_("story (Indonesian)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    export_ready = models.BooleanField(_("export ready"), default=False)
    is_one_of_a_kind = models.BooleanField(_("one of a kind"), default=False)
    lead_time_days = models.PositiveSmallIntegerField(
        _("made-to-order lead time (days)"), default=0,
        help_text=_("0 means ready stock, shipped at once."),
    )

    # Set by shop.certifications.services (never by hand): the product's craft
    # requires a certification kind it holds no approved, unexpired certificate
    # of. Stored and indexed so storefront queries stay a plain filter.
    certification_held = models.BooleanField(
        _("held for a missing certification"), default=False, db_index=True, editable=False,
    )

    # What a courier weighs and measures (see shop/shipping/weights.py). Blank
    # until the artisan or curator enters them; required before approval.
    weight_grams = models.PositiveIntegerField(
        _("shipping weight (grams)"), null=True, blank=True,
        help_text=_("Packed weight of one piece, in grams."),
    )
    length_cm = models.PositiveSmallIntegerField(_("package length (cm)"), null=True, blank=True)
    width_cm = models.PositiveSmallIntegerField(_("package width (cm)"), null=True, blank=True)
    height_cm = models.PositiveSmallIntegerField(_("package height (cm)"), null=True, blank=True)

    objects = CuratedProductQuerySet.as_manager()

    class Meta(AbstractProduct.Meta):
        app_label = "catalogue"
        indexes = [
            models.Index(
                # curation_state first, though the condition fixes it: SQLite, with no
                # statistics, then prefers this to the plain curation_state index.
                fields=["curation_state", "date_created", "id"],
                condition=ON_SALE_INDEX_CONDITION,
                name="product_on_sale_newest",
            ),
            models.Index(
                fields=["region", "date_created", "id"],
                condition=ON_SALE_INDEX_CONDITION,
                name="product_on_sale_region_newest",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.is_child and self.parent_id:
            # A variant (a size or colour of a piece) is curated with its parent:
            # it carries the parent's decision so Oscar's children.public() agrees.
            self.curation_state = self.parent.curation_state
            self.certification_held = self.parent.certification_held
        # Oscar's views, basket and search all honour is_public; tying it to
        # curation makes every one of them respect the curators' decision.
        self.is_public = self.curation_state == self.APPROVED and not self.certification_held
        super().save(*args, **kwargs)
        if self.is_parent:
            self.children.exclude(curation_state=self.curation_state, certification_held=self.certification_held,
                                  is_public=self.is_public).update(
                curation_state=self.curation_state, certification_held=self.certification_held,
                is_public=self.is_public)

    @property
    def is_approved(self):
        if self.is_child and self.parent_id:
            return self.parent.curation_state == self.APPROVED
        return self.curation_state == self.APPROVED

    @property
    def localized_story(self):
        return in_active_language(self, "story")

    @property
    def localized_materials(self):
        return in_active_language(self, "materials", source="materials")

    @property
    def localized_technique(self):
        return in_active_language(self, "technique", source="technique")

    @property
    def artisan(self):
        """The partner of the first stock record: one artisan per product here."""
        # Listings prefetch stockrecords (ordered by pk) with their partner;
        # reading the cache keeps a page of product cards free of N+1 queries.
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("stockrecords")
        if prefetched is not None:
            records = sorted(prefetched, key=lambda record: record.pk)
            return records[0].partner if records else None
        record = self.stockrecords.select_related("partner").order_by("pk").first()
        if record is None and self.is_parent:
            # A piece sold in sizes: its variants' stock records name the artisan.
            record = (self.stockrecords.model.objects.filter(product__parent=self).select_related("partner")
                      .order_by("pk").first())
        return record.partner if record else None


class Category(AbstractCategory):
    """Oscar's category (a craft), with its name and description in English too.

    ``name``/``description`` stay Oscar's fields (Indonesian, the shop's
    default language: slugs, search and the dashboard use them); English pages
    show ``display_name``/``display_description``.
    """

    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(AbstractCategory.Meta):
        app_label = "catalogue"

    @property
    def display_name(self):
        return in_active_language(self, "name", source="name")

    @property
    def display_description(self):
        return in_active_language(self, "description", source="description")

    def get_meta_title(self):
        return self.meta_title or self.display_name

    def get_meta_description(self):
        return self.meta_description or strip_tags(self.display_description)


class Certification(models.Model):
    BATIKMARK, HALAL, PIRT, SNI, INDIKASI_GEOGRAFIS = "batikmark", "halal", "pirt", "sni", "ig"
    KIND_CHOICES = [
        (BATIKMARK, "Batikmark"),
        (HALAL, "Halal"),
        (PIRT, "PIRT"),
        (SNI, "SNI"),
        (INDIKASI_GEOGRAFIS, _("Geographical indication")),
    ]
    EXPIRING_SOON_DAYS = 60
    # A new or renewed certificate counts only once a curator approves it.
    PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
    REVIEW_CHOICES = [
        (PENDING, _("Waiting for review")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Rejected")),
    ]

    product = models.ForeignKey(
        Product, related_name="certifications", on_delete=models.CASCADE, verbose_name=_("product")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    number = models.CharField(_("certificate number"), max_length=100)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    issuer = models.CharField(
        _("issuer"), max_length=150, blank=True,
        help_text=_("Who issued it, e.g. BPJPH, Dinas Kesehatan Kota Malang, BSN."),
    )
    scan = models.FileField(
        _("scan of the certificate"), upload_to=certification_scan_path, storage=certification_scan_storage,
        blank=True, max_length=255, validators=[certification_scan_validate],
        help_text=_("PDF, JPEG or PNG."),
    )
    review_status = models.CharField(
        _("review"), max_length=10, choices=REVIEW_CHOICES, default=PENDING, db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), related_name="+",
        on_delete=models.SET_NULL, null=True, blank=True,
    )
    date_reviewed = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    review_note = models.TextField(_("reason"), blank=True)
    date_created = models.DateTimeField(_("date created"), default=timezone.now)

    class Meta:
        app_label = "catalogue"
        ordering = ("kind", "expiry_date")
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            # A renewal may keep its number (PIRT numbers often do) with a new expiry.
            models.UniqueConstraint(
                fields=["product", "kind", "number", "expiry_date"], name="unique_product_certificate"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_expired(self):
        return self.expiry_date is not None and self.expiry_date < timezone.localdate()

    @property
    def is_approved(self):
        return self.review_status == self.APPROVED

    @property
    def is_valid(self):
        """Counts towards a craft's requirement: approved and not expired."""
        return self.is_approved and not self.is_expired

    @property
    def expires_soon(self):
        if self.expiry_date is None or self.is_expired:
            return False
        return self.expiry_date <= timezone.localdate() + datetime.timedelta(days=self.EXPIRING_SOON_DAYS)


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
