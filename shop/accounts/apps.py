from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff roles of the craft council (curator, artisan) as Django groups."""

    name = "shop.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
