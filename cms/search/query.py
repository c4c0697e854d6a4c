"""What a search box's words mean, as people type them into a web search.

- Words: a practice need not have them all, but the more it has the higher it comes: one or two
  words must all appear, two of three, half of four or more (`minimum_should_match`). Small
  words ("for", "und", "aux") do not count unless there is nothing else.
- `AND` (in capitals) between two words makes both required; `OR` between two words or phrases
  lets either count as the one word (`prison OR probation family`).
- "Quoted words" must appear together, in that order; a word or quote after a minus (`-online`)
  must not appear.
- A word also finds the words the coordinators listed as meaning the same (`synonyms`), ranked a
  little below the word itself.

Read into modelsearch's query objects, so any backend runs it: `AtLeast` is an Or to a backend
that does not know it (every practice with one of the words).
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from modelsearch.query import And, Not, Or, Phrase, PlainText, SearchQuery
from modelsearch_whoosh.query import AtLeast
from whoosh.lang import stopwords_for_language

# A quoted phrase (its closing quote may be missing) or a run of other characters, either after
# an optional minus.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
SYNONYM_WEIGHT = 0.5  # a listed synonym ranks below the word typed
# Each word is looked up in every column and language, with its synonyms: 21 words took a minute
# at 20,000 practices. Words past these are not searched for (nor a word typed twice).
MAX_CLAUSES = 8
MAX_EXCLUDED = 4
MAX_SYNONYMS = 12


def minimum_should_match(words: int) -> int:
    return words if words <= 2 else 2 if words == 3 else math.ceil(words / 2)


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False

    def query(self, weight: float = 1.0) -> SearchQuery:
        if self.phrase and " " in self.text:
            return Phrase(self.text)  # (every backend reads a Phrase; not all a Boost)
        return PlainText(self.text, operator="and", boost=weight)


@dataclass
class Clause:
    terms: list[Term]  # alternatives (more than one after OR)
    required: bool = False  # a phrase, or a word joined by AND

    def is_small_word(self, stop_words: frozenset[str]) -> bool:
        return len(self.terms) == 1 and self.terms[0].text.casefold() in stop_words


@dataclass
class ParsedQuery:
    clauses: list[Clause]
    excluded: list[Term]
    stop_words: frozenset[str] = field(default_factory=frozenset)

    def wanted(self, synonyms: Callable[[str], list[str]] = lambda word: []) -> str:
        """The words searched for and their one-word synonyms, not those excluded: what results
        highlight (a synonym of several words is found as a phrase; its words alone, "next" of
        "next of kin", would mark what was not found)."""
        words = [term.text for clause in self.clauses for term in clause.terms]
        listed = [s for word in words for s in synonyms(word) if " " not in s]
        return " ".join(words + listed)

    def with_listed_phrases(self, synonyms: Callable[[str], list[str]]) -> list[Clause]:
        """The clauses, with two or three words in a row that a synonym group lists together
        ("mental health", "jeux vidéo") read as one: a document needs both words, or one of
        their synonyms."""

        def plain(clause: Clause) -> bool:
            return not clause.required and len(clause.terms) == 1 and not clause.terms[0].phrase

        clauses, i = [], 0
        while i < len(self.clauses):
            for size in (3, 2, 1):
                run = self.clauses[i : i + size]
                text = " ".join(clause.terms[0].text for clause in run)
                if size == 1 or (
                    len(run) == size and all(plain(c) for c in run) and synonyms(text)
                ):
                    clauses.append(run[0] if size == 1 else Clause([Term(text)]))
                    i += size
                    break
        return clauses

    def can_widen(self) -> bool:
        """Whether a search for any one of the words would find more than this one."""
        counted = [
            c for c in self.clauses if not c.required and not c.is_small_word(self.stop_words)
        ]
        return len(counted) > 1

    def query(
        self, synonyms: Callable[[str], list[str]] = lambda word: [], minimum: int | None = None
    ) -> SearchQuery | None:
        """The whole query, or None when nothing is searched for (exclusions alone would find
        everything else). `minimum` overrides how many of the words must appear (1: any)."""
        if not self.clauses:
            return None

        def clause_query(clause: Clause) -> SearchQuery:
            parts = []
            for term in clause.terms:
                parts.append(term.query())
                if not term.phrase:
                    parts += [
                        Term(word, phrase=True).query(SYNONYM_WEIGHT)
                        for word in synonyms(term.text)[:MAX_SYNONYMS]
                    ]
            return parts[0] if len(parts) == 1 else Or(parts)

        clauses = self.with_listed_phrases(synonyms)
        parts = [clause_query(clause) for clause in clauses if clause.required]
        optional = [clause for clause in clauses if not clause.required]
        counted = [c for c in optional if not c.is_small_word(self.stop_words)]
        if counted or not parts:
            optional = counted or optional
            queries = [clause_query(clause) for clause in optional]
            if len(queries) == 1:
                parts.append(queries[0])
            elif queries:
                needed = minimum or minimum_should_match(len(queries))
                parts.append(AtLeast(queries, needed))
        parts += [Not(term.query()) for term in self.excluded]
        return parts[0] if len(parts) == 1 else And(parts)


def stop_words(*languages: str) -> frozenset[str]:
    words: set[str] = set()
    for language in languages:
        try:
            words |= set(stopwords_for_language(language))
        except KeyError:
            continue
    return frozenset(words)


def parse(text: str, languages: tuple[str, ...] = ("en",)) -> ParsedQuery:
    """The query typed, read with the small words of `languages` (the reader's, and English)."""
    clauses: list[Clause] = []
    excluded: list[Term] = []
    joiner = None  # "OR" or "AND" when the last token was one
    for match in TOKEN.finditer(text):
        minus, quoted, word = match.groups()
        if word in ("OR", "AND"):
            joiner = word if clauses else None
            continue
        if quoted is not None:
            if not quoted.strip():
                continue
            term, negative = Term(" ".join(quoted.split()), phrase=True), bool(minus)
        elif word.startswith("-"):
            if len(word) == 1:
                continue
            term, negative = Term(word[1:]), True
        else:
            term, negative = Term(word), False
        if negative:
            if len(excluded) < MAX_EXCLUDED:
                excluded.append(term)
        elif joiner == "OR":
            if len(clauses[-1].terms) < MAX_CLAUSES:
                clauses[-1].terms.append(term)
        elif any(term in clause.terms for clause in clauses):
            pass  # a word typed twice counts once
        elif len(clauses) < MAX_CLAUSES:
            if joiner == "AND":
                clauses[-1].required = True
            clauses.append(Clause([term], required=term.phrase or joiner == "AND"))
        joiner = None
    return ParsedQuery(clauses, excluded, stop_words(*languages))
