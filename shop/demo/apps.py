from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo catalogue of East Java crafts and the demo logins."""

    name = "shop.demo"
    label = "demo"
    verbose_name = _("Demo catalogue")
