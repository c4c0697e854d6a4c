"""The words "did you mean" may offer: every word of an index's searched text, unstemmed, case
and accents folded, as a sorted list beside each generation (``<generation>/vocabulary.txt``).

A Whoosh column would record which documents hold each word: 44 postings per practice, more
than a quarter of what a rebuild's writer processes do, for a corrector that only needs to know
that a word exists. So a rebuild collects the words while it builds the documents and writes the
list once at the end; a single page's update adds its new words under the index's write lock.
Words of deleted or unpublished pages stay in the list: a suggestion is only shown when it finds
something public (the site checks it before it shows it).
"""

import os
import re
import threading
import uuid
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.support.charset import accent_map

FILE = "vocabulary.txt"

# Whoosh's RegexTokenizer pattern (`\w+(\.?\w+)*`) without its capturing group, so that
# `findall` returns whole words: the same words Whoosh's tokenizer finds, at C speed.
_WORD = re.compile(r"\w+(?:\.?\w+)*")


def words_in(text: str) -> list[str]:
    """The words of a text as written: fold them with `folded` once per distinct word."""
    return _WORD.findall(text)


def fold(word: str) -> str:
    """A word as the vocabulary holds it: lowercase, accents folded, as Whoosh's
    LowercaseFilter and CharsetFilter(accent_map) leave it."""
    return word.lower().translate(accent_map)


def folded(words: Iterable[str]) -> set[str]:
    return {fold(word) for word in words}


@dataclass(frozen=True)
class Vocabulary:
    words: list[str]  # sorted
    known: frozenset[str]

    def __contains__(self, word: str) -> bool:
        return word in self.known

    def nearest(self, word: str, maxdist: int = 2, prefix: int = 1) -> str | None:
        """The closest other word within `maxdist` edits sharing the first `prefix` letters;
        among words equally close, the first in alphabetical order."""
        closest = self.closest(word, maxdist, prefix)
        return closest[0] if closest else None

    def closest(self, word: str, maxdist: int = 2, prefix: int = 1, limit: int = 4) -> list[str]:
        """The other words fewest edits away (at most `maxdist`), sharing the first `prefix`
        letters, in alphabetical order, at most `limit`: "suport" is one edit from both "sport"
        and "support", and only the query as a whole can tell which was meant."""
        for distance in range(1, maxdist + 1):
            automaton = levenshtein_automaton(word, distance, prefix).to_dfa()
            matches = []
            for match in find_all_matches(automaton, self._next_word_from):
                if match != word:
                    matches.append(match)
                    if len(matches) == limit:
                        break
            if matches:
                return matches
        return []

    def _next_word_from(self, text: str) -> str | None:
        """The first word >= text (how `find_all_matches` walks a sorted word list)."""
        position = bisect_left(self.words, text)
        return self.words[position] if position < len(self.words) else None


EMPTY = Vocabulary([], frozenset())

# One parsed list per generation and process, re-read when the file changes.
_cache: dict[Path, tuple[tuple, Vocabulary]] = {}
_cache_lock = threading.Lock()


def read(generation: Path) -> Vocabulary:
    path = generation / FILE
    try:
        stat = path.stat()
    except FileNotFoundError:
        return EMPTY
    version = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == version:
        return cached[1]
    words = path.read_text(encoding="utf-8").split("\n") if stat.st_size else []
    vocabulary = Vocabulary(words, frozenset(words))
    with _cache_lock:
        _cache[path] = (version, vocabulary)
    return vocabulary


def write(generation: Path, words: Iterable[str]) -> None:
    """Replace the generation's list atomically: readers see the old list or the new one."""
    staging = generation / f".{FILE}-{uuid.uuid4().hex}"
    with os.fdopen(os.open(staging, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600), "w") as file:
        file.write("\n".join(sorted(set(words))))  # the site user's alone, as the index
    os.replace(staging, generation / FILE)


def add(generation: Path, words: set[str]) -> None:
    """Add words to the generation's list. Call it holding the index's write lock: two
    processes adding at once would each drop the other's words."""
    current = read(generation)
    if not words <= current.known:
        write(generation, current.known | words)
