"""The campaign form of the dashboard. Times are entered in Asia/Jakarta (TIME_ZONE)."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.campaigns.models import Campaign

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Channel = get_model("marketplace_sync", "Channel")
Voucher = get_model("voucher", "Voucher")

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_INPUT, **kwargs)


class CampaignForm(forms.ModelForm):
    products = forms.ModelMultipleChoiceField(
        label=_("Products"), required=False,
        queryset=Product.objects.browsable().order_by("title"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Pick pieces one by one, or whole crafts below, or both."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Craft categories"), required=False,
        queryset=Category.objects.order_by("path"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Every product in these categories (and their sub-categories) takes part."),
    )

    class Meta:
        model = Campaign
        fields = ["name", "name_en", "slug", "starts_at", "ends_at", "banner", "text", "text_en",
                  "discount_kind", "discount_value", "channels", "voucher"]
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "channels": forms.CheckboxSelectMultiple,
            "text": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "starts_at": _("Western Indonesian Time (WIB)."),
            "ends_at": _("Western Indonesian Time (WIB). The discount stops at this minute."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        self.fields["voucher"].queryset = Voucher.objects.order_by("code")
        self.fields["channels"].queryset = Channel.objects.order_by("name")
        range_ = self.instance.range if self.instance.pk else None
        if range_ is not None:
            self.initial.setdefault("products", list(range_.included_products.values_list("pk", flat=True)))
            self.initial.setdefault("categories", list(range_.included_categories.values_list("pk", flat=True)))

    def clean_ends_at(self):
        ends_at = self.cleaned_data["ends_at"]
        # A minute entered as 23:59 means until the end of that minute.
        return ends_at.replace(second=59) if ends_at and ends_at.second == 0 else ends_at

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The campaign must end after it starts."))
        kind, value = cleaned.get("discount_kind"), cleaned.get("discount_value")
        if value is not None:
            if value <= 0:
                self.add_error("discount_value", _("The discount must be more than zero."))
            elif kind == Campaign.PERCENTAGE and value >= Decimal(100):
                self.add_error("discount_value", _("A percentage discount must be below 100."))
        if not cleaned.get("products") and not cleaned.get("categories"):
            self.add_error("products", _("Choose at least one product or craft category."))
        return cleaned


