from oscar.apps.address.abstract_models import AbstractUserAddress

from shop.address.indonesia import IndonesianAddressMixin


class UserAddress(IndonesianAddressMixin, AbstractUserAddress):
    class Meta(AbstractUserAddress.Meta):
        app_label = "address"


from oscar.apps.address.models import *  # noqa: E402,F401,F403
