"""How the gallery's words become search terms, the same way for documents and queries.

Both backends index and query text that went through ``index_text``: lower
case, no diacritics, and every Indonesian word followed by its Sastrawi stem
when that differs ("menganyam" -> "menganyam anyam", "batiknya" -> "batiknya
batik"). Sastrawi only strips affixes that leave a word of its dictionary, so
English words pass through untouched and the engines' own English stemming
(FTS5 porter, PostgreSQL's ``english`` configuration) still applies to them.
"""
import functools
import re
import unicodedata

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

#: Places buyers name that are not a regency of their own: the island of
#: Madura is four regencies. Indexed beside the region's own name.
AREA_ALIASES: dict[str, tuple[str, ...]] = {
    "madura": ("bangkalan", "sampang", "pamekasan", "sumenep"),
    "tapal kuda": ("pasuruan", "probolinggo", "lumajang", "jember", "bondowoso", "situbondo", "banyuwangi"),
    "mataraman": ("madiun", "magetan", "ngawi", "ponorogo", "pacitan", "trenggalek", "tulungagung", "kediri",
                  "blitar", "nganjuk"),
}

#: Words that carry no meaning in a product search; dropped from queries only
#: (every query word must match, and "tas dari bambu" means "tas bambu").
QUERY_STOPWORDS = frozenset(
    "yang dan di ke dari untuk dengan atau ini itu the a an of and or for with in on from to by".split()
)

MAX_QUERY_TERMS = 8
_WORD = re.compile(r"[a-z0-9]+")


@functools.cache
def _stemmer():
    return StemmerFactory().create_stemmer()


def fold(text: str) -> str:
    """Lower case without diacritics: "Kéramik" and "keramik" are one word."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Sastrawi's root of an Indonesian word; the word itself otherwise."""
    if len(word) < 4 or word.isdigit():
        return word
    return _stemmer().stem(word) or word


def index_text(*parts: str) -> str:
    """Every word of ``parts``, each followed by its stem when it has one."""
    out = []
    for part in parts:
        for word in words(part):
            out.append(word)
            root = stem(word)
            if root != word:
                out.append(root)
    return " ".join(out)


def region_areas(region_name: str) -> list[str]:
    """The areas (e.g. "madura") a regency belongs to."""
    name = fold(region_name)
    return [area for area, regencies in AREA_ALIASES.items() if name in regencies]


_ENGLISH_SUFFIXES = ("ing", "ed", "es", "s")


def english_family(word: str) -> str:
    """The prefix of an English word's family ("embroidered" -> "embroider"),
    or "" when the word has no English ending to drop. Stemmers disagree on
    such families (porter: "embroid" vs "embroideri"); a prefix does not."""
    for suffix in _ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return word[: -len(suffix)]
    return ""


def query_words(query: str) -> list[str]:
    """The words of a buyer's query that must all match, at most MAX_QUERY_TERMS."""
    found = [word for word in words(query) if word not in QUERY_STOPWORDS]
    unique = list(dict.fromkeys(found))
    return unique[:MAX_QUERY_TERMS]
