"""How the index reads text: words folded, then stemmed in their language. English text (and
every model that is not translatable) is read with porter2, keeping stop words; a page or term in
German or French is read with that language's stop words and Snowball stemmer, in columns of its
own (`<column>_in_de`)."""

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from cms.locales import code_of

EDGE_NGRAM_MAX = 15

# Words fold case and accents ("Radicalisation" finds "radicalisation"), then the English
# (porter2) stemmer joins "running", "runs" and "run". Stop words stay, as in Elasticsearch's
# standard analyzer and the database backend.
_words = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
TEXT_ANALYZER = _words | StemFilter(lang="en")
AUTOCOMPLETE_ANALYZER = _words | NgramFilter(minsize=1, maxsize=EDGE_NGRAM_MAX, at="start")


def _language_analyzer(language: str):
    """German or French text: that language's stop words and Snowball stemmer ("Ausstiegs" and
    "Ausstieg" are one word, "mères" and "mère" are one), on the words as written, then accents
    folded as in English (the stemmers know their language's accents)."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language(language), minsize=1)
        | StemFilter(lang=language)
        | CharsetFilter(accent_map)
    )


# The text of a translatable object (a page, a taxonomy term) is analysed in its own language:
# in the default language's columns, or in a column of its own per other language.
DEFAULT_LANGUAGE = "en"
ANALYZERS = {
    DEFAULT_LANGUAGE: TEXT_ANALYZER,
    "de": _language_analyzer("de"),
    "fr": _language_analyzer("fr"),
}


def in_language(column: str, language: str) -> str:
    return column if language == DEFAULT_LANGUAGE else f"{column}_in_{language}"


def language_of(obj) -> str:
    """The language an object is written in: its locale's, where it has one and the index
    analyses that language, else the default."""
    locale_id = getattr(obj, "locale_id", None)
    language = code_of(locale_id) if locale_id else DEFAULT_LANGUAGE
    return language if language in ANALYZERS else DEFAULT_LANGUAGE


AUTOCOMPLETE_QUERY_ANALYZER = _words
