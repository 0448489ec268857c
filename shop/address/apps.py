import oscar.apps.address.apps as apps


class AddressConfig(apps.AddressConfig):
    """Oscar's address app with Indonesian addresses (forms, provinces, display order)."""

    name = "shop.address"
