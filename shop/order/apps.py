import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = 'shop.order'

    def ready(self):
        super().ready()
        from shop.order import receivers  # noqa: F401  (order_placed -> artisans' emails)
