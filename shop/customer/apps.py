import oscar.apps.customer.apps as apps


class CustomerConfig(apps.CustomerConfig):
    # Forked only for the login's landing page (views.AccountAuthView).
    name = "shop.customer"
