"""Reading one cell of a catalogue file: rupiah, whole numbers, dates, certificates (no database)."""
import datetime

import pytest

from shop.catalogue_io.services import boolean, certificates_parse, whole_number


@pytest.mark.parametrize("cell,expected", [
    (1250000, 1250000), (1250000.0, 1250000), ("1250000", 1250000), ("1.250.000", 1250000),
    ("Rp 1.250.000", 1250000), ("Rp1250000", 1250000), ("1250000,00", 1250000), (" 75000 ", 75000), ("", None),
    (None, None),
])
def test_prices_read_as_whole_rupiah(cell, expected):
    errors = []
    assert whole_number(cell, "price", errors) == expected
    assert errors == []


@pytest.mark.parametrize("cell,code", [
    (-5000, "negative"), ("-5000", "negative"), ("12.5", "price_decimal"), ("125000,50", "price_decimal"),
    (125000.5, "price_decimal"), ("murah", "not_a_number"), ("1,250,000", "not_a_number"), (True, "not_a_number"),
])
def test_bad_prices_say_why(cell, code):
    errors = []
    assert whole_number(cell, "price", errors) is None
    assert [(e["column"], e["code"]) for e in errors] == [("price", code)]


def test_decimals_elsewhere_are_not_whole():
    errors = []
    whole_number("2.5", "weight_grams", errors)
    assert errors[0]["code"] == "not_whole"


def test_certificates_with_and_without_expiry():
    errors = []
    parsed = certificates_parse("halal:ID35:2027-06-30; PIRT:P-IRT 2063578010123-27; sni:SNI:7:31/12/2026\nig:IG-1",
                                errors)
    assert parsed == [("halal", "ID35", datetime.date(2027, 6, 30)), ("pirt", "P-IRT 2063578010123-27", None),
                      ("sni", "SNI:7", datetime.date(2026, 12, 31)), ("ig", "IG-1", None)]
    assert errors == []


@pytest.mark.parametrize("cell,code", [("halal:ID:2027-02-30", "bad_date"), ("halal", "bad_certificate"),
                                       ("emas:1", "unknown_certificate_kind"), ("halal:ID:besok lusa", "bad_date")])
def test_bad_certificates(cell, code):
    errors = []
    certificates_parse(cell, errors)
    assert [e["code"] for e in errors] == [code]


@pytest.mark.parametrize("cell,expected", [("ya", True), ("Yes", True), (1, True), (True, True), ("tidak", False),
                                           ("", False), (None, False), (0, False)])
def test_booleans(cell, expected):
    errors = []
    assert boolean(cell, "export_ready", errors) is expected and errors == []
