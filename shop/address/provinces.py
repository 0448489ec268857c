"""Indonesia's provinces, from ISO 3166-2:ID as maintained in pycountry.

Addresses store the province as its ISO code (``state = "ID-JI"``) so couriers' zone
tables, marketplaces and reports read one spelling; people see its name. The list comes
from pycountry (the ISO 3166 data Debian and others maintain), never a hand-typed copy:
when Indonesia creates a province (four were added in 2022), a pycountry upgrade brings it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

# ISO spells a few names differently from what Indonesians (and marketplaces) write;
# these are looked up after the ISO names and never shown.
ALIASES = {
    "dki jakarta": "ID-JK",
    "jakarta": "ID-JK",
    "daerah khusus ibukota jakarta": "ID-JK",
    "di yogyakarta": "ID-YO",
    "daerah istimewa yogyakarta": "ID-YO",
    "nanggroe aceh darussalam": "ID-AC",
    "nad": "ID-AC",
    "bangka belitung": "ID-BB",
    "papua pegunungan": "ID-PE",  # ISO writes "Pengunungan"
    "highland papua": "ID-PE",
    "east java": "ID-JI",
    "central java": "ID-JT",
    "west java": "ID-JB",
    "bali": "ID-BA",
}


# Shown instead of ISO's name where ISO differs from the province's own official name
# (ISO's "Papua Pengunungan" is a misspelling; Jakarta and Yogyakarta carry their status).
OFFICIAL_NAMES = {"ID-JK": "DKI Jakarta", "ID-YO": "DI Yogyakarta", "ID-PE": "Papua Pegunungan"}


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """{ISO code: name} for the 38 provinces (ISO's island groups such as ID-JW are not provinces)."""
    found = {
        sub.code: OFFICIAL_NAMES.get(sub.code, sub.name)
        for sub in pycountry.subdivisions.get(country_code="ID")
        if sub.type != "Geographical unit"
    }
    return dict(sorted(found.items(), key=lambda item: item[1]))


def province_choices() -> list[tuple[str, str]]:
    return list(provinces().items())


def province_name(code: str) -> str:
    """The province's name for its code; anything else (a name we could not match) as it is."""
    return provinces().get((code or "").upper(), code or "")


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"\(.*?\)", " ", text.replace(".", ""))
    text = re.sub(r"^(provinsi|prov\.?|province of)\s+", "", text.strip())
    text = re.sub(r"\s+province$", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    table = {_key(sub.name): sub.code for sub in pycountry.subdivisions.get(country_code="ID")
             if sub.code in provinces()}
    table.update({_key(name): code for code, name in provinces().items()})
    table.update({_key(alias): code for alias, code in ALIASES.items()})
    return table


def province_code(name: str) -> str:
    """ISO code for a province written as people and marketplaces write it ("" if unknown).

    Accepts the code itself ("ID-JI", "JI"), ISO names, common forms ("DKI Jakarta",
    "Prov. Jawa Timur", "Nanggroe Aceh Darussalam (NAD)") and English names of the big ones.
    """
    text = (name or "").strip()
    upper = text.upper()
    if upper in provinces():
        return upper
    if f"ID-{upper}" in provinces():
        return f"ID-{upper}"
    return _by_key().get(_key(text), "")
