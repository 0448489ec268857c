from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "shop.payments"
    label = "payments"
    verbose_name = _("Card payments (Stripe)")
    default_auto_field = "django.db.models.BigAutoField"
