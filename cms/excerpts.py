"""Search-result excerpts: the stretches of a page's text around the searched words, marked.

A word matches when it reduces to the same index term as a query word (case and accents
folded, stemmed: "mentor" marks "Mentoring"), exactly as the search matched it. Whoosh's own
highlighter ran its analyzer over every word of every hit, a sixth of a search's time; here
the words are found with the tokenizer's pattern and each distinct word is analysed once per
process.
"""

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from whoosh.analysis.tokenizers import default_pattern as WORD

from cms.whoosh_backend.schema import TEXT_ANALYZER

EXCERPTS = 2  # stretches shown per hit, from different passages
LENGTH = 220  # characters per stretch
BEFORE = 60  # characters of context before the first marked word
BETWEEN = " … "


@lru_cache(maxsize=50_000)
def term_of(word: str) -> str | None:
    """The word as the index holds it."""
    return next((token.text for token in TEXT_ANALYZER(word)), None)


def excerpt(passages: list[str], query: str) -> SafeString:
    """Up to EXCERPTS stretches of the passages around the query's words, the words marked;
    the opening of the text when no word matches. HTML-escaped."""
    terms = {term_of(match.group()) for match in WORD.finditer(query)} - {None}
    passages = [passage for passage in passages if passage]
    stretches = []
    for passage in passages if terms else ():
        spans = [m.span() for m in WORD.finditer(passage) if term_of(m.group()) in terms]
        if spans:
            stretches.append(_marked_stretch(passage, spans))
            if len(stretches) == EXCERPTS:
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
