"""Oscar's ``currency`` filter, remembering what it has formatted.

Babel's ``format_currency`` parses the number pattern and looks up the locale
on every call, about 30 µs; a basket page formats some fifteen prices, most of
them the same few amounts. The result depends only on the amount (as written,
so 1E+5 and 100000 stay apart), the currency and the language, so it is kept
per process. The gallery's templates load it (``{% load gallery_currency %}``)
instead of Oscar's ``currency_filters``; a library of the same name would
shadow Oscar's, which Django's checks rightly warn about (templates.W003).
"""
import functools
from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils.translation import get_language
from oscar.templatetags import currency_filters as oscar_currency_filters

register = template.Library()


@functools.lru_cache(maxsize=4096)
def _formatted(amount: str, currency_code: str | None, language: str | None) -> str:
    from django.utils import translation

    with translation.override(language):
        return oscar_currency_filters.currency(Decimal(amount), currency_code)


@register.filter(name="currency")
def currency(value, currency_format=None):
    try:
        amount = Decimal(value)
    except (TypeError, ValueError, InvalidOperation):
        return ""
    return _formatted(str(amount), currency_format or settings.OSCAR_DEFAULT_CURRENCY, get_language())
