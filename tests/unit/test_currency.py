"""Rupiah is shown as "Rp 1.250.000" in every language (Babel alone would
write "IDR 1,250,000.00" in English and "Rp1.250.000,00" in Indonesian)."""
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from oscar.templatetags.currency_filters import currency


def _plain(text):
    # Babel separates symbol and amount with a no-break space.
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    "amount, shown",
    [
        (Decimal("1250000.00"), "Rp 1.250.000"),
        (Decimal("85000"), "Rp 85.000"),
        (Decimal("999"), "Rp 999"),
        (Decimal("12500000.00"), "Rp 12.500.000"),
        (Decimal("0"), "Rp 0"),
    ],
)
def test_currency_filter_formats_rupiah_the_same_in_both_languages(language, amount, shown):
    with translation.override(language):
        assert _plain(currency(amount)) == shown
        assert _plain(currency(amount, "IDR")) == shown


@pytest.mark.parametrize("language", ["id", "en"])
def test_currency_in_a_template_uses_no_decimals_and_dot_grouping(language):
    template = Template("{% load currency_filters %}{{ price|currency:'IDR' }}")
    with translation.override(language):
        rendered = _plain(template.render(Context({"price": Decimal("1250000.00")})))
    assert rendered == "Rp 1.250.000"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("value", [Decimal("1250000.00"), Decimal("1250000"), "45000", 45000, 0, Decimal("1.5E+6"),
                                   Decimal("-2500"), Decimal("999.99"), None, "", "harga"])
def test_templates_format_what_oscars_filter_formats(language, value):
    """The storefront's templates format prices with the remembering filter
    (gallery_currency); it answers what Oscar's answers, every time."""
    from shop.gallery.templatetags.gallery_currency import currency as remembered

    template = Template("{% load gallery_currency %}{{ price|currency }}|{{ price|currency:'USD' }}")
    with translation.override(language):
        for _ in range(2):  # the second answer comes from the memory
            assert remembered(value) == currency(value)
            assert remembered(value, "USD") == currency(value, "USD")
            assert template.render(Context({"price": value})) == f"{currency(value)}|{currency(value, 'USD')}"
