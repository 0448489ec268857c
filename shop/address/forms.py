"""Address forms asking what an Indonesian courier needs, in the order they write it.

Recipient, phone, province, city or regency, district (kecamatan), street and number,
postcode. The country is always Indonesia (the gallery ships nowhere else), so it is set,
not asked. Used by the address book (``UserAddressForm``), checkout's shipping address
step (``shop/checkout/forms.py``) and staff editing an order's address.
"""
import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.forms import UserAddressForm as CoreUserAddressForm
from oscar.core.loading import get_model
from phonenumber_field.phonenumber import PhoneNumber

from shop.address.indonesia import POSTCODE_MESSAGE, POSTCODE_RE
from shop.address.provinces import province_choices, province_code

Country = get_model("address", "Country")

#: Field order on every Indonesian address form.
ADDRESS_FIELDS = ["first_name", "phone_number", "state", "line4", "line3", "line1", "line2", "postcode", "notes"]

PHONE_MESSAGE = _("Enter an Indonesian phone number, for example 0812 3456 7890 or +62 812 3456 7890.")


def indonesia():
    """Oscar's Country row for Indonesia (created if a fresh database lacks it)."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="ID",
        defaults={"iso_3166_1_a3": "IDN", "iso_3166_1_numeric": "360", "printable_name": "Indonesia",
                  "name": "Republic of Indonesia", "is_shipping_country": True},
    )
    return country


def indonesian_phone(raw: str) -> PhoneNumber:
    """A mobile or landline number in Indonesia, however written; raises ValidationError."""
    text = (raw or "").strip()
    try:
        number = PhoneNumber.from_string(text, region="ID")
    except phonenumbers.NumberParseException:
        raise forms.ValidationError(PHONE_MESSAGE, code="invalid_phone") from None
    if not number.is_valid() or number.country_code != 62:
        raise forms.ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return number


class IndonesianAddressFormMixin:
    """Put before Oscar's address form class: relabels, requires and validates the fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in ADDRESS_FIELDS:
                del self.fields[name]
        fields = self.fields
        fields["first_name"] = forms.CharField(
            label=_("Recipient's name"), max_length=255,
            error_messages={"required": _("Enter the name of the person receiving the parcel.")},
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        )
        fields["phone_number"] = forms.CharField(
            label=_("Recipient's phone"), max_length=32,
            help_text=_("The courier calls this number. For example 0812 3456 7890."),
            error_messages={"required": _("Enter a phone number for the courier.")},
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        )
        fields["state"] = forms.ChoiceField(
            label=_("Province"), choices=[("", _("Choose a province"))] + province_choices(),
            error_messages={"required": _("Choose the province."),
                            "invalid_choice": _("Choose the province from the list.")},
        )
        fields["line4"].label = _("City or regency")
        fields["line4"].help_text = _("For example Kota Surabaya or Kabupaten Trenggalek.")
        fields["line3"].label = _("District (kecamatan)")
        fields["line1"].label = _("Street and number")
        fields["line1"].help_text = _("Street, house number, RT/RW.")
        fields["line2"].label = _("Building, block or landmark (optional)")
        fields["postcode"].label = _("Postcode (5 digits)")
        fields["postcode"].widget.attrs.update(
            {"inputmode": "numeric", "maxlength": "5", "autocomplete": "postal-code"}
        )
        for name, message in (
            ("line4", _("Enter the city or regency.")),
            ("line3", _("Enter the district (kecamatan).")),
            ("line1", _("Enter the street and house number.")),
            ("postcode", POSTCODE_MESSAGE),
        ):
            fields[name].required = True
            fields[name].error_messages["required"] = message
        fields["line2"].required = False
        if "notes" in fields:
            fields["notes"].label = _("Notes for the courier (optional)")
            fields["notes"].help_text = ""
            fields["notes"].widget.attrs.update({"rows": 2})
        self.order_fields(ADDRESS_FIELDS)
        # Saved addresses written before provinces were codes read "Jawa Timur": show it selected.
        if self.instance.state and not self.is_bound:
            self.initial["state"] = province_code(self.instance.state) or self.instance.state
        if self.instance.phone_number and not self.is_bound:
            self.initial["phone_number"] = self.instance.phone_number.as_national
        self.instance.country = indonesia()

    # Oscar's PhoneNumberMixin would accept any country's number; the courier needs an Indonesian one.
    def clean_phone_number_field(self, field_name):
        value = self.cleaned_data.get(field_name)
        if not value:
            return value
        if isinstance(value, PhoneNumber):
            return value
        try:
            return indonesian_phone(value)
        except forms.ValidationError as error:
            self.add_error(field_name, error)
            return value

    def get_country(self):
        return self.instance.country

    def clean_postcode(self):
        postcode = (self.cleaned_data.get("postcode") or "").replace(" ", "")
        if not POSTCODE_RE.match(postcode):
            raise forms.ValidationError(POSTCODE_MESSAGE, code="invalid_postcode")
        return postcode

    def clean_first_name(self):
        return " ".join(self.cleaned_data["first_name"].split())


class UserAddressForm(IndonesianAddressFormMixin, CoreUserAddressForm):
    class Meta(CoreUserAddressForm.Meta):
        fields = ["first_name", "last_name", "phone_number", "state", "line4", "line3", "line1", "line2",
                  "postcode", "country", "notes"]
