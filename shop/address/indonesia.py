"""What an Indonesian address is, shared by the address book, the order's addresses and forms.

Fields (the lead's shared shape): ``first_name``/``last_name`` = recipient,
``phone_number`` in E.164 (+62...), ``state`` = province as its ISO 3166-2:ID code,
``line4`` = city or regency, ``line3`` = district (kecamatan), ``line1``/``line2`` = street
and number, ``postcode`` = 5 digits, ``country`` = ID.
"""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shop.address.provinces import province_name

POSTCODE_RE = re.compile(r"^\d{5}$")
POSTCODE_MESSAGE = _("Enter the 5-digit postcode, for example 60111.")


def district_label(district: str) -> str:
    """"Klojen" -> "Kec. Klojen", as Indonesian labels write it (kept if already written so)."""
    district = (district or "").strip()
    if not district or re.match(r"^(kec(amatan)?\.?)\s", district, re.IGNORECASE):
        return district
    return f"Kec. {district}"


class IndonesianAddressMixin:
    """Mixed into Oscar's address models, before the abstract model."""

    @property
    def province_name(self) -> str:
        return province_name(self.state)

    def active_address_fields(self):
        """Lines in the order an Indonesian courier reads them.

        Name / street and number / (detail) / district / city or regency /
        province and postcode / country. Oscar's templates and emails print these.
        """
        country = ""
        if self.country_id:
            country = self.country.printable_name
        last = " ".join(part for part in (self.province_name, self.postcode) if part)
        values = [self.salutation, self.line1, self.line2, district_label(self.line3), self.line4, last, country]
        return [value.strip() for value in values if value and value.strip()]

    def ensure_postcode_is_valid_for_country(self):
        # Oscar's check would add a second, vaguer message next to the form's own;
        # the rule is the same (five digits), said once, here for every writer.
        if self.country_id == "ID" and self.postcode and not POSTCODE_RE.match(self.postcode.strip()):
            raise ValidationError({"postcode": [POSTCODE_MESSAGE]})
        if self.country_id != "ID":
            super().ensure_postcode_is_valid_for_country()
