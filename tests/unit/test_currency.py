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
