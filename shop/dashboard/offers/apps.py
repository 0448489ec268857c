import oscar.apps.dashboard.offers.apps as apps


class OffersDashboardConfig(apps.OffersDashboardConfig):
    # Forked so that get_class("dashboard.offers.forms", ...) finds our RestrictionsForm
    # (a new offer starts now); the label stays "offers_dashboard".
    name = "shop.dashboard.offers"
