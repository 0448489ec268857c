import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    # Forked so that get_class("dashboard.catalogue.<module>", ...) finds our
    # views, forms, tables and bulk actions (curation, artisan scoping); the
    # label stays "catalogue_dashboard", which is how shop.dashboard mounts it.
    name = "shop.dashboard.catalogue"
