"""The coordinators' synonym groups (cms.models.SynonymGroup) as a lookup for one reader's
language: a word typed → the other words of its groups. A word matches a group's word when both
reduce to the same stem in that language ("prisons" is "prison", "Mütter" is "Mutter"), so a
group need not list word forms. Remembered per process until the library's version changes (a
group saved or deleted changes it, cms/signals.py)."""

import unicodedata
from collections.abc import Callable
from functools import lru_cache

from whoosh.lang import has_stemmer, stemmer_for_language

from cms.listing.vocabularies import COUNTS_TIMEOUT, library_version, memo
from cms.models import SynonymGroup


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Callable[[str], str]:
    return stemmer_for_language(language) if has_stemmer(language) else (lambda word: word)


def key(word: str, language: str) -> str:
    """A word as a group is looked up by: lower case, stemmed in the language, accents off."""
    return " ".join(fold(_stemmer(language)(part)) for part in word.casefold().split())


def lookup(language: str) -> dict[str, list[str]]:
    """key → the words of every group that holds it (itself left out), for one language."""

    def build() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for group in SynonymGroup.objects.filter(language=language):
            words = group.word_list()
            for word in words:
                others = found.setdefault(key(word, language), [])
                others += [other for other in words if other != word and other not in others]
        return found

    return memo().get_or_set(
        f"search:synonyms:{library_version()}:{language}", build, COUNTS_TIMEOUT
    )


def synonyms_in(language: str) -> Callable[[str], list[str]]:
    """For a reader of `language`: a word → its synonyms (none for a word in no group)."""
    groups = lookup(language)

    def synonyms(word: str) -> list[str]:
        typed = key(word, language)
        return [other for other in groups.get(typed, []) if key(other, language) != typed]

    return synonyms
