from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceSyncConfig(AppConfig):
    name = "marketplace_sync"
    verbose_name = _("Marketplace sync")
    default_auto_field = "django.db.models.BigAutoField"
