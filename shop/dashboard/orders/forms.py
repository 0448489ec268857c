from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders.forms import *  # noqa: F401,F403
from oscar.apps.dashboard.orders.forms import OrderSearchForm as OscarOrderSearchForm
from oscar.apps.dashboard.orders.forms import ShippingAddressForm as CoreShippingAddressForm

from shop.address.forms import IndonesianAddressFormMixin

STOREFRONT = "storefront"


class OrderSearchForm(OscarOrderSearchForm):
    """Oscar's order search plus "where was it sold": the storefront or one marketplace channel.

    Named ``order_channel`` so Oscar's order list template shows it beside the
    order number instead of only in the advanced search.
    """

    order_channel = forms.ChoiceField(label=_("Channel"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from marketplace_sync.models import Channel

        channels = Channel.objects.order_by("name")
        if user is not None and not user.is_staff:
            # An artisan never learns the names of other artisans' own shops.
            channels = channels.filter(Q(partner__isnull=True) | Q(partner__users=user)).distinct()
        self.fields["order_channel"].choices = [
            ("", _("All channels")), (STOREFRONT, _("Storefront (Galeri Kriya)")),
            *((channel.code, channel.name) for channel in channels),
        ]

    def channel_filter(self, queryset):
        code = self.cleaned_data.get("order_channel") if hasattr(self, "cleaned_data") else ""
        if code == STOREFRONT:
            return queryset.filter(channel__isnull=True)
        if code:
            return queryset.filter(channel__code=code)
        return queryset


class ShippingAddressForm(IndonesianAddressFormMixin, CoreShippingAddressForm):
    """Staff correcting an order's address use the same Indonesian fields as the buyer."""
