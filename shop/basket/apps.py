import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket app (its models, migrations and templates unchanged)
    with the gallery's basket page view: the basket's models are not forked,
    only the view this config serves at /basket/ is swapped."""

    def ready(self):
        super().ready()
        from .views import BasketView

        self.summary_view = BasketView
