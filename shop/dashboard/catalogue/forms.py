"""Product forms of the dashboard: curated provenance fields in, "Is public" out.

``is_public`` follows the curation state (Product.save) and ``curation_state``
moves only through shop.curation's services, so neither is a form field here.
Artisans (not staff) get the fields of their craft only; SKU and SEO are the
council's.
"""
from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F401,F403  (the forms we do not change)

PRODUCT_FIELDS = [
    "title", "story", "story_en", "materials", "materials_en", "technique", "technique_en", "region",
    "lead_time_days", "is_one_of_a_kind",
    # What couriers and marketplaces price by; required before approval (shop.shipping.weights).
    "weight_grams", "length_cm", "width_cm", "height_cm",
    "upc", "is_discountable", "structure", "slug", "meta_title", "meta_description",
]
STAFF_ONLY_FIELDS = ("upc", "is_discountable", "slug")


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = PRODUCT_FIELDS
        widgets = {
            **oscar_forms.ProductForm.Meta.widgets,
            "story": forms.Textarea(attrs={"rows": 6, "class": "no-widget-init"}),
            "story_en": forms.Textarea(attrs={"rows": 6, "class": "no-widget-init"}),
        }

    def __init__(self, product_class, *args, user=None, **kwargs):
        super().__init__(product_class, *args, **kwargs)
        if user is not None and not user.is_staff:
            for name in STAFF_ONLY_FIELDS:
                self.fields.pop(name, None)
        if "title" in self.fields:
            self.fields["title"].required = True
        for name in ("story", "story_en"):
            if name in self.fields:
                self.fields[name].help_text = _("The story behind the piece, as buyers will read it.")


class StockRecordForm(oscar_forms.StockRecordForm):
    """An artisan's stock record is always their own: with one business the
    partner is fixed (hidden); a crafted POST naming another partner fails
    validation, as Oscar limits the choices to the user's partners."""

    class Meta(oscar_forms.StockRecordForm.Meta):
        widgets = {"price_currency": forms.HiddenInput()}

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        self.fields["price_currency"].required = False
        self.fields["partner_sku"].required = False
        self.fields["partner_sku"].help_text = _("Leave empty to have one made for you.")
        if not user.is_staff:
            partners = list(user.partners.all()[:2])
            if len(partners) == 1:
                self.fields["partner"].widget = forms.HiddenInput()
                self.fields["partner"].initial = partners[0].pk

    def clean_price_currency(self):
        from django.conf import settings

        return self.cleaned_data.get("price_currency") or settings.OSCAR_DEFAULT_CURRENCY

    def clean(self):
        data = super().clean()
        partner = data.get("partner")
        if partner is not None and not data.get("partner_sku") and self.instance.product_id:
            data["partner_sku"] = f"GK{self.instance.product_id:05d}-{partner.pk}"
            self.instance.partner_sku = data["partner_sku"]
        return data
