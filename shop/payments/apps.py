from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "shop.payments"
    label = "payments"
    verbose_name = _("Card payments (Stripe)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from shop.payments.schedule import schedule_seed

        post_migrate.connect(schedule_seed, sender=self, dispatch_uid="payments_schedule_seed")
