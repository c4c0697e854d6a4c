"""German compounds read as their parts too: "Telefonberatung" is also "Telefon" and "Beratung",
so it finds "Beratungstelefon"; "Ausstiegsbegleitung" is also "Ausstieg", so "Ausstieg" finds it.

A dictionary decompounder, as Elasticsearch's `dictionary_decompounder`: a word is split where
every part is in the word list (a compound often is in the list itself, and is still split),
the longest first part first, a linking "s" or "es" allowed after a part ("Beratungs|telefon").
The parts follow the word at its position, so a phrase still matches and a query word's parts
are alternatives of it (query.py). The word list is a file with one word per line (a tab may
follow, then anything), named per language by settings.MODELSEARCH_WHOOSH_COMPOUND_WORDS; read
on first use, once per process.
"""

import threading

from django.conf import settings

from whoosh.analysis import Filter

MIN_PART = 4  # shorter parts ("aus", "tat") split too many words that are no compounds
MIN_WORD = 2 * MIN_PART
LINKS = ("", "s", "es")  # what may join a part to the next (the German "Fugen-s")

_lists: dict[str, frozenset[str]] = {}
_lock = threading.Lock()


def word_list(language: str) -> frozenset[str]:
    if language not in _lists:
        with _lock:
            if language not in _lists:
                path = settings.MODELSEARCH_WHOOSH_COMPOUND_WORDS[language]
                with open(path, encoding="utf-8") as lines:
                    _lists[language] = frozenset(
                        word
                        for line in lines
                        if len(word := line.split("\t", 1)[0].strip()) >= MIN_PART
                    )
    return _lists[language]


def compound_languages() -> list[str]:
    return list(getattr(settings, "MODELSEARCH_WHOOSH_COMPOUND_WORDS", {}))


class CompoundFilter(Filter):
    """After the lowercase filter: each compound of `language`'s word list, then its parts."""

    def __init__(self, language: str):
        self.language = language

    def __eq__(self, other):
        return type(other) is type(self) and other.language == self.language

    def parts(self, word: str, words: frozenset[str], memo: dict) -> list[str] | None:
        """The parts of `word`, each in `words`, longest first part first; None if it has none."""
        if word in memo:
            return memo[word]
        found = None
        for end in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            rest = word[end:]
            head = next(
                (
                    word[: end - len(link)]
                    for link in LINKS
                    if word[:end].endswith(link) and word[: end - len(link)] in words
                ),
                None,
            )
            if head is None:
                continue
            tail = [rest] if rest in words else self.parts(rest, words, memo)
            if tail:
                found = [head, *tail]
                break
        memo[word] = found
        return found

    def __call__(self, tokens):
        words = None
        memo: dict[str, list[str] | None] = {}
        for token in tokens:
            text = token.text  # before the filters after this one change it
            yield token
            if len(text) < MIN_WORD or not text.isalpha():
                continue
            words = words or word_list(self.language)
            for part in self.parts(text, words, memo) or ():
                token.text = part
                yield token
