"""Indonesia's provinces as ISO 3166-2:ID codes, from pycountry (not a hand-typed list)."""
import pycountry

# pycountry also lists the islands (Jawa, Kalimantan, ...) as "Geographical unit": not provinces.
_NOT_A_PROVINCE = "Geographical unit"

PROVINCES = sorted(
    (sub for sub in pycountry.subdivisions.get(country_code="ID") if sub.type != _NOT_A_PROVINCE),
    key=lambda sub: sub.code,
)
PROVINCE_CHOICES = [(sub.code, sub.name) for sub in PROVINCES]
PROVINCE_CODES = frozenset(code for code, _name in PROVINCE_CHOICES)

# Names people (and our Region.province) write that differ from pycountry's.
_ALIASES = {"dki jakarta": "ID-JK", "jakarta": "ID-JK", "di yogyakarta": "ID-YO", "papua pegunungan": "ID-PE"}
_BY_NAME = {name.casefold(): code for code, name in PROVINCE_CHOICES} | _ALIASES


def province_code(value: str) -> str:
    """``ID-JI`` for ``"ID-JI"``, ``"id-ji"`` or ``"Jawa Timur"``; "" when unknown."""
    value = (value or "").strip()
    if value.upper() in PROVINCE_CODES:
        return value.upper()
    return _BY_NAME.get(value.casefold(), "")


def province_name(code: str) -> str:
    return dict(PROVINCE_CHOICES).get(code, code)
