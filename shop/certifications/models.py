"""What each craft requires, and which certificate emails were sent.

``Certification`` itself lives in the catalogue (it is provenance shown on the
product); this app owns the rules that act on it.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shop.catalogue.models import Certification


class CraftCertificationRequirement(models.Model):
    """A craft category (and every sub-category below it) requires this kind of certificate."""

    category = models.ForeignKey(
        "catalogue.Category", verbose_name=_("craft category"), related_name="certification_requirements",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("certification"), max_length=20, choices=Certification.KIND_CHOICES)
    date_created = models.DateTimeField(_("date created"), auto_now_add=True)

    class Meta:
        ordering = ("category__path", "kind")
        verbose_name = _("certification requirement")
        verbose_name_plural = _("certification requirements")
        constraints = [
            models.UniqueConstraint(fields=["category", "kind"], name="unique_craft_certification_requirement"),
        ]

    def __str__(self):
        return f"{self.category.name}: {self.get_kind_display()}"


class CertificationNotice(models.Model):
    """One email about one certificate, recorded so the daily task never sends it twice."""

    REMINDER_30, REMINDER_7, EXPIRED = "reminder_30", "reminder_7", "expired"
    KIND_CHOICES = [
        (REMINDER_30, _("30 days before expiry")),
        (REMINDER_7, _("7 days before expiry")),
        (EXPIRED, pgettext_lazy("certification", "Expired")),
    ]

    certification = models.ForeignKey(
        "catalogue.Certification", verbose_name=_("certification"), related_name="notices",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("notice"), max_length=20, choices=KIND_CHOICES)
    date_sent = models.DateTimeField(_("date sent"), auto_now_add=True)

    class Meta:
        ordering = ("-date_sent",)
        verbose_name = _("certification notice")
        verbose_name_plural = _("certification notices")
        constraints = [
            models.UniqueConstraint(fields=["certification", "kind"], name="unique_certification_notice"),
        ]

    def __str__(self):
        return f"{self.certification}: {self.get_kind_display()}"
