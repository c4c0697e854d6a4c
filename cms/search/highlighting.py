"""Highlighting in search results: the stretches of a page's text around the searched words,
marked.

A word is marked when it reduces to the same index term as a query word, as the active search
backend analyses words: our Whoosh backend folds case and accents and stems ("mentor" marks
"Mentoring"); a backend that does not say how it analyses (the database backend, Elasticsearch)
gets case and accent folding without stemming, so nothing is marked that the search did not
match. Whoosh's own highlighter ran its analyzer over every word of every hit, a sixth of a
search's time; here the words are found with a pattern and each distinct word is analysed once
per process.
"""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from wagtail.search.backends import get_search_backend

# Words as Whoosh's default tokenizer finds them (letters and digits, with inner dots).
WORD = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)

STRETCHES = 1  # shown per hit: one passage, the first that holds a searched word
LENGTH = 220  # characters per stretch
BEFORE = 60  # characters of context before the first marked word
BETWEEN = " … "


@lru_cache(maxsize=50_000)
def folded(word: str) -> str | None:
    """Lower case, without accents: how a backend that does not say more matches a word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or None


def analyser() -> Callable[[str], str | None]:
    """The active search backend's word → index term."""
    return getattr(get_search_backend(), "index_term", folded)


def highlight(
    passages: list[str], query: str, term_of: Callable[[str], str | None] | None = None
) -> SafeString:
    """Up to STRETCHES stretches of the passages around the query's words, the words marked;
    the opening of the text when no word matches. HTML-escaped. A page of hits passes the
    backend's `analyser()` once, rather than looking the backend up for every hit."""
    term_of = term_of or analyser()
    terms = {term_of(match.group()) for match in WORD.finditer(query)} - {None}
    # A passage repeated (a summary also opening the description) is shown once.
    passages = list(dict.fromkeys(" ".join(passage.split()) for passage in passages if passage))
    stretches = []
    for passage in passages if terms else ():
        spans = [m.span() for m in WORD.finditer(passage) if term_of(m.group()) in terms]
        if spans:
            stretches.append(_marked_stretch(passage, spans))
            if len(stretches) == STRETCHES:
                break
    if stretches:
        return mark_safe(BETWEEN.join(stretches))  # noqa: S308 - every piece is escaped
    return escape(Truncator(passages[0] if passages else "").chars(LENGTH))


def _marked_stretch(text: str, spans: list[tuple[int, int]]) -> str:
    """LENGTH characters of `text` from a little before the first match, cut at spaces."""
    first_begin, first_end = spans[0]
    start = max(0, first_begin - BEFORE)
    if start and (space := text.find(" ", start, first_begin)) >= 0:
        start = space + 1
    end = min(len(text), start + LENGTH)
    if end < len(text) and (space := text.rfind(" ", first_end, end)) >= 0:
        end = space
    pieces = ["…" if start else ""]
    position = start
    for begin, finish in spans:
        if begin < position or finish > end:
            continue
        pieces += [escape(text[position:begin]), "<mark>", escape(text[begin:finish]), "</mark>"]
        position = finish
    pieces += [escape(text[position:end]), "…" if end < len(text) else ""]
    return "".join(pieces)
