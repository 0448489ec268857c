"""The interface every search backend implements.

A backend answers two questions about the storefront's products, always as a
narrowing of a queryset the caller built (``shop.gallery.selectors.product_cards``,
so curation and stock rules stay those of the browse pages):

* ``filter(products, query)``: the products matching every word group;
* ``ranks(query)``: each matching product's relevance (higher is better), in
  one pass over the index, for ordering by relevance.

It keeps its own structures current through ``documents_written`` and
``documents_removed``, called by ``shop.search.indexing`` after the shared
``SearchDocument`` rows changed, and it offers ``similar_terms`` for
correcting a misspelt word. See docs/search.md.
"""
import difflib
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import SearchTerm

#: Relative weights of the document parts (A, B, C, D): a title or craft
#: match outranks a region, artisan or certificate, then materials and
#: technique, then the story.
WEIGHTS = {"a": 1.0, "b": 0.4, "c": 0.2, "d": 0.1}


@dataclass(frozen=True)
class ParsedQuery:
    """Word groups that must all match; a group matches when any of its
    alternatives does (the word, its stem, a spelling correction, or a prefix
    written ``word*`` for an English word family: "embroider*").

    ``places`` are the indexes of groups naming a region or area ("madura"):
    they match the region part (B) only, so "batik madura" means batik from
    Madura rather than any batik whose title mentions Madura.
    """

    groups: tuple[tuple[str, ...], ...]
    places: frozenset[int] = frozenset()

    def __bool__(self):
        return bool(self.groups)

    def any_word(self) -> "ParsedQuery":
        """The same words, any one of them enough: for 'nearby' suggestions."""
        return ParsedQuery(groups=(tuple(dict.fromkeys(w for group in self.groups for w in group)),))


class SearchBackend(ABC):
    """Both backends implement ``filter`` and ``ranks``; a backend missing one cannot be built."""

    name = ""

    @abstractmethod
    def filter(self, products: QuerySet, query: ParsedQuery) -> QuerySet:
        """``products`` narrowed to those matching every word group of ``query``."""

    @abstractmethod
    def ranks(self, query: ParsedQuery) -> dict[int, float]:
        """Product id -> relevance of every indexed product matching ``query``."""

    def documents_written(self, product_ids: list[int]) -> None:  # noqa: B027 (an optional hook: a backend without structures of its own needs none)
        """``SearchDocument`` rows of these products were (re)written."""

    def documents_removed(self, product_ids: list[int]) -> None:  # noqa: B027 (an optional hook: a backend without structures of its own needs none)
        """These products' documents are gone (or about to go)."""

    def resync(self) -> None:  # noqa: B027 (an optional hook: a backend without structures of its own needs none)
        """Make the backend's own structures hold exactly the current
        ``SearchDocument`` rows (the end of a full reindex)."""

    def similar_terms(self, word: str, *, limit: int = 2) -> list[str]:
        """Indexed words close to ``word`` ("btik" -> "batik"), best first.

        The default compares against indexed words of the same first letter
        with difflib; a backend with a trigram index does better.
        """
        if len(word) < 3:
            return []
        candidates = SearchTerm.objects.filter(term__startswith=word[0]).values_list("term", flat=True)
        close = [c for c in candidates if abs(len(c) - len(word)) <= 3]
        return difflib.get_close_matches(word, close, n=limit, cutoff=0.75)
