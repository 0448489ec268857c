"""Rendered HTML that is the same for every buyer, cached per catalogue
version and language.

A product page or a product card is mostly catalogue data: the images, the
title, the story, the provenance, the artisan, the header's craft and region
menus. Rendering that with Django's templates is most of a page's time, and it
changes only when the catalogue does. So those parts are cached as HTML under
the current ``CatalogueVersion`` token (``summaries.current_version``: a
committed change to a product, its images, certifications, categories, stock
records, region or artisan gives a new token) and the language.

What differs between buyers or moments is never inside a fragment: prices,
stock and availability, campaign badges, the basket, the signed-in user, CSRF
tokens. Those are rendered on every request around the cached parts.
"""
from django.core.cache import caches
from django.utils.translation import get_language

from . import summaries


def _name(name: str) -> str:
    return f"{get_language()}:html:{name}"


def prefetch(request, names) -> set:
    """Read the fragments ``names`` in one cache round trip (a grid of cards
    asks once, not once per card) into the request's memo, where ``cached``
    finds them; the names still to be rendered."""
    version = summaries.current_version(request)
    memo = summaries.request_memo(request)
    wanted = [name for name in names if _name(name) not in memo]
    if version is None or not wanted:
        return set(wanted)
    keys = {summaries.cache_key(version, _name(name)): name for name in wanted}
    for key, value in caches[summaries.CACHE_ALIAS].get_many(list(keys)).items():
        memo[_name(keys[key])] = value
    return {name for name in wanted if _name(name) not in memo}


def cached(request, name: str, render):
    """``render()``'s value (HTML, or a tuple of HTML pieces) for this catalogue
    version and language (``summaries.remembered``). ``name`` must say
    everything else the HTML depends on (which product, which day)."""
    return summaries.remembered(request, _name(name), render)
