"""A campaign: a named period with a landing page and one discount, run the Oscar way.

The discount itself is an Oscar ``ConditionalOffer`` (site offer, one Benefit and
one Condition on the campaign's ``Range``) owned by the campaign and kept in step by
``shop.campaigns.services.campaign_save``: the basket, checkout, order lines and
Oscar's reports then show it as they show any offer. Whether a campaign runs is read
from its dates at request time, so nothing has to happen at its start or end.
"""
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.i18n import in_active_language


class Campaign(models.Model):
    PERCENTAGE, FIXED = "percentage", "fixed"
    DISCOUNT_KIND_CHOICES = [
        (PERCENTAGE, _("Percentage off each product")),
        (FIXED, _("Fixed rupiah off each product")),
    ]

    name = models.CharField(_("name"), max_length=120, help_text=_("In Indonesian."))
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True,
                            help_text=_("The landing page address: /kampanye/<slug>/."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    banner = models.ImageField(_("banner"), upload_to="campaigns/", blank=True)
    text = models.TextField(_("text"), blank=True, help_text=_("In Indonesian."))
    text_en = models.TextField(_("text (English)"), blank=True)
    discount_kind = models.CharField(_("discount"), max_length=12, choices=DISCOUNT_KIND_CHOICES, default=PERCENTAGE)
    discount_value = models.DecimalField(_("discount value"), max_digits=12, decimal_places=2)
    # Both are created and kept in step by the service; never edited through a form.
    range = models.OneToOneField("offer.Range", verbose_name=_("products"), related_name="campaign",
                                 on_delete=models.PROTECT, null=True, blank=True, editable=False)
    offer = models.OneToOneField("offer.ConditionalOffer", verbose_name=_("offer"), related_name="campaign",
                                 on_delete=models.SET_NULL, null=True, blank=True, editable=False)
    channels = models.ManyToManyField("marketplace_sync.Channel", verbose_name=_("marketplace channels"),
                                      related_name="campaigns", blank=True,
                                      help_text=_("None: the storefront only."))
    # A voucher counted in the campaign's report (its own offer stays a voucher offer:
    # a site offer attached to a voucher would apply without the code).
    voucher = models.ForeignKey("voucher.Voucher", verbose_name=_("voucher"), related_name="campaigns",
                                on_delete=models.SET_NULL, null=True, blank=True,
                                help_text=_("Optional: its uses are reported with the campaign."))
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="campaign_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return in_active_language(self, "name")

    @property
    def display_text(self):
        return in_active_language(self, "text")

    def get_absolute_url(self):
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    # Inclusive at both ends, as Oscar's ``ConditionalOffer.active`` manager is.
    def is_running(self, at=None):
        at = at or timezone.now()
        return self.starts_at <= at <= self.ends_at

    def is_upcoming(self, at=None):
        return (at or timezone.now()) < self.starts_at

    def status(self, at=None):
        at = at or timezone.now()
        if self.is_upcoming(at):
            return "upcoming"
        return "running" if self.is_running(at) else "ended"
