from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MarketplaceSyncConfig(AppConfig):
    name = "marketplace_sync"
    verbose_name = _("Marketplace sync")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from marketplace_sync import signals  # noqa: F401  (connects the receivers)
        from marketplace_sync.schedule import schedule_seed

        post_migrate.connect(schedule_seed, sender=self, dispatch_uid="marketplace_schedule_seed")
