import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = 'shop.catalogue'

    def ready(self):
        super().ready()
        from .view_counts import connect

        connect()
