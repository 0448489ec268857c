from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace_sync.adapters import registered_kinds
from marketplace_sync.models import Channel, Listing, SyncRun
from marketplace_sync.services.channels import channel_validate

Partner = get_model("partner", "Partner")

SETTINGS_FIELDS = ["name", "api_base_url", "partner", "markup_percent", "price_rounding", "stock_buffer",
                   "export_ready_only", "enabled"]


class ChannelSettingsForm(forms.ModelForm):
    """What an operator tunes on a connected channel; saved through ``channel_update``."""

    options = forms.JSONField(
        label=_("Listing defaults (JSON)"), required=False,
        help_text=_("Marketplace-specific: category_id, logistic_ids, attribute_list, brand_name. "
                    "Weights and sizes come from each product."),
        widget=forms.Textarea(attrs={"rows": 6, "class": "text-monospace"}),
    )

    class Meta:
        model = Channel
        fields = SETTINGS_FIELDS
        help_texts = {"markup_percent": _("Added to the storefront price, then rounded up.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["partner"].empty_label = _("Whole curated catalogue (council store)")
        if self.instance.pk:
            self.fields["options"].initial = self.instance.options
        if type(self) is ChannelSettingsForm:
            self._bootstrap()

    def _bootstrap(self):
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                css = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"form-control {css}".strip()

    def clean_options(self):
        value = self.cleaned_data.get("options")
        if value in (None, ""):
            return {}
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Enter a JSON object, e.g. {\"category_id\": 100001}."))
        return value


SECRET_HELP = _("Never shown again once sent; if the form comes back with an error, type it again.")


class ChannelAddForm(ChannelSettingsForm):
    """A new channel: settings plus the app credentials; shop tokens come from "Connect"."""

    kind = forms.ChoiceField(label=_("Marketplace"))
    code = forms.SlugField(label=_("Code"), max_length=50,
                           help_text=_("Short name used in URLs and commands, e.g. shopee-official."))
    partner_id = forms.CharField(label=_("Partner ID / app key"), max_length=64,
                                 help_text=_("Shopee: the partner ID (a number). TikTok Shop and Lazada: the app key."))
    # Secrets are never sent back to the browser (render_value=False): after an error they are typed again.
    partner_key = forms.CharField(label=_("Partner key (app secret)"), widget=forms.PasswordInput(render_value=False),
                                  help_text=SECRET_HELP)
    service_id = forms.CharField(label=_("Service ID (TikTok Shop)"), max_length=64, required=False,
                                 help_text=_("TikTok Shop only: needed for \"Connect shop\" (Partner Center > App)."))
    shop_id = forms.IntegerField(label=_("Shop ID"), min_value=1, required=False,
                                 help_text=_("Shopee only. Leave empty and use \"Connect shop\" afterwards."))
    access_token = forms.CharField(label=_("Access token"), required=False, help_text=SECRET_HELP,
                                   widget=forms.PasswordInput(render_value=False))
    refresh_token = forms.CharField(label=_("Refresh token"), required=False, help_text=SECRET_HELP,
                                    widget=forms.PasswordInput(render_value=False))
    # Lazada: app key and app secret go in the two fields above; tokens come from its own auth host.
    auth_base = forms.URLField(label=_("Token host (TikTok Shop, Lazada)"), required=False, assume_scheme="https",
                               help_text=_("Leave empty for the marketplace's own token host."))

    field_order = ["kind", "code", "name", "api_base_url", "partner_id", "partner_key", "service_id", "shop_id",
                   "access_token", "refresh_token", "auth_base", "partner", "markup_percent", "price_rounding",
                   "stock_buffer", "export_ready_only", "enabled", "options"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, label) for k, label in Channel.KIND_CHOICES if k in registered_kinds()]
        self.fields["name"].required = False
        self._bootstrap()

    def add_service_errors(self, exc):
        """Show ``channel_create``'s refusals (it holds the checks) beside the fields they concern."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for field, errors in exc.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)

    def clean(self):
        data = super().clean()
        # The service holds the checks of a new channel; here they are only shown
        # beside the fields, together with the form's own (credentials are checked on save).
        values = {name: data[name] for name in ("markup_percent", "price_rounding", "stock_buffer", "partner")
                  if data.get(name) is not None}
        try:
            channel_validate(kind=data.get("kind"), code=data.get("code", ""), name=data.get("name", ""), **values)
        except ValidationError as exc:
            self.add_service_errors(ValidationError({field: errors for field, errors in exc.error_dict.items()
                                                     if field not in self.errors}))
        if data.get("kind") == Channel.LAZADA:
            # A Lazada token pair names no shop id: the seller comes with the tokens.
            if bool(data.get("access_token")) != bool(data.get("refresh_token")):
                raise forms.ValidationError(_("Give access token and refresh token together, or neither and "
                                              "connect the shop afterwards."))
            return data
        if data.get("kind") == Channel.SHOPEE and data.get("partner_id"):
            try:
                data["partner_id"] = int(data["partner_id"])
            except ValueError:
                self.add_error("partner_id", _("Shopee's partner ID is a number."))
        if data.get("kind") == Channel.TIKTOK and any(
                data.get(k) for k in ("shop_id", "access_token", "refresh_token")):
            raise forms.ValidationError(_("TikTok Shop tokens come from \"Connect shop\": leave shop ID and "
                                          "tokens empty."))
        tokens = [data.get("shop_id"), data.get("access_token"), data.get("refresh_token")]
        if any(tokens) and not all(tokens):
            raise forms.ValidationError(_("Give shop ID, access token and refresh token together, or none of them "
                                          "and connect the shop afterwards."))
        return data

    def credentials(self) -> dict:
        data = self.cleaned_data
        if data["kind"] == Channel.TIKTOK:
            credentials = {"app_key": data["partner_id"], "app_secret": data["partner_key"]}
            for key in ("service_id", "auth_base"):
                if data.get(key):
                    credentials[key] = data[key]
            return credentials
        if data["kind"] == Channel.LAZADA:
            credentials = {"app_key": str(data["partner_id"]), "app_secret": data["partner_key"]}
            for key in ("access_token", "refresh_token", "auth_base"):
                if data.get(key):
                    credentials[key] = data[key]
            return credentials
        credentials = {"partner_id": data["partner_id"], "partner_key": data["partner_key"]}
        for key in ("shop_id", "access_token", "refresh_token"):
            if data.get(key):
                credentials[key] = data[key]
        return credentials


class SyncRunFilterForm(forms.Form):
    channel = forms.ModelChoiceField(queryset=Channel.objects.order_by("name"), required=False,
                                     empty_label=_("All channels"), label=_("Channel"))
    kind = forms.ChoiceField(choices=[("", _("All steps"))] + SyncRun.KIND_CHOICES, required=False, label=_("Step"))
    status = forms.ChoiceField(choices=[("", _("Any status"))] + SyncRun.STATUS_CHOICES, required=False,
                               label=_("Status"))


class ListingFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Product, SKU or item id"))
    channel = forms.ModelChoiceField(queryset=Channel.objects.order_by("name"), required=False,
                                     empty_label=_("All channels"), label=_("Channel"))
    status = forms.ChoiceField(choices=[("", _("Any status"))] + Listing.STATUS_CHOICES, required=False,
                               label=_("Status"))


class ResolveForm(forms.Form):
    note = forms.CharField(label=_("What was done"), required=False, max_length=500)
