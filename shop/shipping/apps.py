import oscar.apps.shipping.apps as apps
from django.db.models.signals import post_migrate


class ShippingConfig(apps.ShippingConfig):
    name = "shop.shipping"
    label = "shipping"

    def ready(self):
        super().ready()
        from shop.shipping.schedule import schedule_seed

        post_migrate.connect(schedule_seed, sender=self, dispatch_uid="shipping_schedule_seed")
