"""An artisan (UMKM business) is an Oscar partner with a public profile."""
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, router
from django.db.models import signals
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord

from shop.i18n import in_active_language

from .signals import stockrecords_updated

whatsapp_number = RegexValidator(
    r"^\+62\d{8,13}$", _("Enter a WhatsApp number in international form, e.g. +6281234567890.")
)
nib_number = RegexValidator(r"^\d{13}$", _("An NIB (Nomor Induk Berusaha) has 13 digits."))


class Partner(AbstractPartner):
    # ``name`` (Oscar's) is the business name shown everywhere.
    slug = models.SlugField(_("slug"), max_length=128, unique=True, null=True, blank=True)
    maker_name = models.CharField(_("maker's name"), max_length=128, blank=True)
    region = models.ForeignKey(
        "catalogue.Region", verbose_name=_("regency / city"), related_name="artisans",
        on_delete=models.PROTECT, null=True, blank=True,
    )
    bio = models.CharField(_("short bio (Indonesian)"), max_length=300, blank=True)
    bio_en = models.CharField(_("short bio (English)"), max_length=300, blank=True)
    story = models.TextField(_("story (Indonesian)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    portrait = models.ImageField(_("portrait"), upload_to="artisans/", blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20, blank=True, validators=[whatsapp_number])
    nib = models.CharField(_("business registration number (NIB)"), max_length=13, blank=True, validators=[nib_number])
    # The language of the artisan's emails (new orders, curation decisions, certificate reminders).
    language = models.CharField(
        _("language for emails"), max_length=5, choices=settings.LANGUAGES, default="id"
    )

    class Meta(AbstractPartner.Meta):
        app_label = "partner"
        verbose_name = _("artisan")
        verbose_name_plural = _("artisans")

    @property
    def business_name(self):
        return self.display_name

    @property
    def province(self):
        return self.region.province if self.region_id else ""

    @property
    def localized_bio(self):
        return in_active_language(self, "bio")

    @property
    def localized_story(self):
        return in_active_language(self, "story")

    def get_absolute_url(self):
        return reverse("gallery:artisan", kwargs={"slug": self.slug})


class StockRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            stockrecords_updated.send(sender=self.model)
        return rows


class StockRecord(AbstractStockRecord):
    # What a sale, a shipment or a price edit changes. The storefront caches
    # nothing of the catalogue that reads these (shop/gallery/apps.py), only
    # what is cached under the stock version.
    STOCK_FIELDS = frozenset({"price", "num_in_stock", "num_allocated", "low_stock_threshold", "date_updated"})

    # Oscar's own stock moves (allocate, consume_allocation, cancel_allocation)
    # and our price updates are queryset update()s: this manager makes them
    # announce themselves, so cached prices and availability can follow.
    objects = StockRecordQuerySet.as_manager()

    class Meta(AbstractStockRecord.Meta):
        app_label = "partner"

    def post_save_signal(self):
        # Oscar sends post_save itself after each allocation move; name the
        # fields moved, as save(update_fields=...) would, so receivers can
        # tell a sale from an edit of the record.
        signals.post_save.send(
            sender=self.__class__, instance=self, created=False, raw=False,
            using=router.db_for_write(self.__class__, instance=self),
            update_fields=frozenset({"num_in_stock", "num_allocated"}),
        )


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
