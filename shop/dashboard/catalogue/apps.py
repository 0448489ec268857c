import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    # Forked only so that get_class("dashboard.catalogue.views", ...) finds
    # our ProductLookupView; the label stays "catalogue_dashboard", which is
    # how shop.dashboard (Oscar's DashboardConfig) mounts it.
    name = "shop.dashboard.catalogue"
