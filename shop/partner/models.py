"""An artisan (UMKM business) is an Oscar partner with a public profile."""
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner

from shop.i18n import in_active_language

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


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
