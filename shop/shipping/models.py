"""Courier rate tables, wooden-crate rules and the rates a buyer was shown.

The table provider (``rates/table.py``) reads ``ShippingZone``,
``ProvinceZone``, ``CourierService`` and ``TableRate``: origin zone x
destination zone x courier service gives a price per kilogram and the
estimated days. ``RateQuote`` keeps the parcels and prices one buyer saw at the
shipping-method step, so the order charges exactly those (never a re-quote).
"""
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.address.provinces import province_choices


class ShippingZone(models.Model):
    """A group of provinces priced alike (Jawa Timur, the rest of Java, Papua, ...)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=64)

    class Meta:
        app_label = "shipping"
        ordering = ("name",)
        verbose_name = _("shipping zone")
        verbose_name_plural = _("shipping zones")

    def __str__(self):
        return self.name


class ProvinceZone(models.Model):
    """Which zone a province (ISO 3166-2:ID code) belongs to: every province has one."""

    province_code = models.CharField(_("province"), max_length=6, unique=True, choices=province_choices())
    zone = models.ForeignKey(ShippingZone, verbose_name=_("zone"), related_name="provinces", on_delete=models.CASCADE)

    class Meta:
        app_label = "shipping"
        ordering = ("province_code",)
        verbose_name = _("province in a zone")
        verbose_name_plural = _("provinces in zones")

    def __str__(self):
        return f"{self.get_province_code_display()} → {self.zone}"


class CourierService(models.Model):
    """One courier's service (JNE REG, J&T EZ, ...) that the table prices."""

    courier_code = models.SlugField(_("courier code"), max_length=20, help_text=_("e.g. jne, jnt, sicepat, pos"))
    service_code = models.SlugField(_("service code"), max_length=20, help_text=_("e.g. reg, yes, ez, kilat"))
    courier_name = models.CharField(_("courier"), max_length=40)
    service_name = models.CharField(_("service"), max_length=40)
    # Couriers round a parcel's weight up to the next kilogram only beyond a
    # tolerance (JNE: 1.3 kg is billed as 1 kg, 1.31 kg as 2 kg).
    rounding_tolerance_grams = models.PositiveSmallIntegerField(
        _("rounding tolerance (grams)"),
        default=300,
        help_text=_(
            "A parcel is billed for the next kilogram only when it exceeds a whole kilogram by more than this."
        ),
    )
    is_active = models.BooleanField(_("offered"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        app_label = "shipping"
        ordering = ("position", "courier_name", "service_name")
        verbose_name = _("courier service")
        verbose_name_plural = _("courier services")
        constraints = [
            models.UniqueConstraint(fields=["courier_code", "service_code"], name="unique_courier_service"),
        ]

    def __str__(self):
        return f"{self.courier_name} {self.service_name}"

    @property
    def code(self):
        return f"{self.courier_code}-{self.service_code}"


class TableRate(models.Model):
    """Price per kilogram and estimated days of one service between two zones."""

    service = models.ForeignKey(CourierService, verbose_name=_("courier service"), related_name="rates",
                                on_delete=models.CASCADE)
    origin_zone = models.ForeignKey(ShippingZone, verbose_name=_("from zone"), related_name="rates_out",
                                    on_delete=models.CASCADE)
    destination_zone = models.ForeignKey(ShippingZone, verbose_name=_("to zone"), related_name="rates_in",
                                         on_delete=models.CASCADE)
    price_per_kg = models.DecimalField(_("price per kg (Rp)"), max_digits=10, decimal_places=2,
                                       validators=[MinValueValidator(1)])
    etd_min_days = models.PositiveSmallIntegerField(_("estimated days (from)"))
    etd_max_days = models.PositiveSmallIntegerField(_("estimated days (to)"))

    class Meta:
        app_label = "shipping"
        ordering = ("origin_zone", "destination_zone", "service")
        verbose_name = _("table rate")
        verbose_name_plural = _("table rates")
        constraints = [
            models.UniqueConstraint(fields=["service", "origin_zone", "destination_zone"], name="unique_table_rate"),
        ]

    def __str__(self):
        return f"{self.service}: {self.origin_zone} → {self.destination_zone}"


class WoodenCrateRule(models.Model):
    """Fragile crafts of a category travel in a wooden crate (packing kayu)."""

    category = models.OneToOneField("catalogue.Category", verbose_name=_("craft category"),
                                    related_name="wooden_crate_rule", on_delete=models.CASCADE)
    extra_weight_grams = models.PositiveIntegerField(_("crate weight (grams)"), default=2000)
    fee = models.DecimalField(_("crate fee (Rp)"), max_digits=10, decimal_places=2, default=35000)
    is_active = models.BooleanField(_("required"), default=True)

    class Meta:
        app_label = "shipping"
        verbose_name = _("wooden crate rule")
        verbose_name_plural = _("wooden crate rules")

    def __str__(self):
        return str(self.category)


class RateQuote(models.Model):
    """The parcels and courier prices shown to a buyer, and the choice they made.

    ``parcels`` is a list of dicts (see ``shop.shipping.services``); prices are
    strings of whole rupiah. The order is charged from here, so the buyer pays
    exactly what they saw even if the provider's prices move meanwhile.
    """

    basket = models.ForeignKey("basket.Basket", related_name="rate_quotes", on_delete=models.CASCADE)
    basket_fingerprint = models.CharField(max_length=64)
    destination_province = models.CharField(max_length=6)
    destination_city = models.CharField(max_length=255)
    destination_postcode = models.CharField(max_length=64, blank=True)
    provider = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    parcels = models.JSONField(default=list)
    selection = models.JSONField(default=dict, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "shipping"
        ordering = ("-pk",)
        verbose_name = _("rate quote")
        verbose_name_plural = _("rate quotes")

    def __str__(self):
        return f"Quote {self.pk} for basket {self.basket_id}"


from oscar.apps.shipping.models import *  # noqa: E402,F401,F403
