"""How the index reads text: words folded, then stemmed in their language. English text (and
every model that is not translatable) is read with porter2, keeping stop words; a translatable
object in another language of settings.MODELSEARCH_WHOOSH_LANGUAGES (say German or French) is
read with that language's stop words and Snowball stemmer, in columns of its own
(`<column>_in_de`).

A model is translatable the way Wagtail's TranslatableMixin makes one: a `translation_key` and a
`locale` whose model has a `language_code`. The backend reads that, and imports nothing of
Wagtail: it runs on modelsearch alone."""

import threading

from django.conf import settings
from django.db.models.signals import post_delete, post_save

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

from modelsearch_whoosh.compounds import CompoundFilter, compound_languages

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
    folded as in English (the stemmers know their language's accents). A language with a word
    list for compounds (German) also reads each compound as its parts (compounds.py)."""
    analyzer = (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language(language), minsize=1)
    )
    if language in compound_languages():
        analyzer = analyzer | CompoundFilter(language)
    return analyzer | StemFilter(lang=language) | CharsetFilter(accent_map)


# The text of a translatable object (a page, a taxonomy term) is analysed in its own language:
# in the default language's columns (English's), or in a column of its own per other language.
DEFAULT_LANGUAGE = "en"
ANALYZERS = {DEFAULT_LANGUAGE: TEXT_ANALYZER} | {
    language: _language_analyzer(language)
    for language in getattr(settings, "MODELSEARCH_WHOOSH_LANGUAGES", [DEFAULT_LANGUAGE])
    if language != DEFAULT_LANGUAGE
}


def in_language(column: str, language: str) -> str:
    return column if language == DEFAULT_LANGUAGE else f"{column}_in_{language}"


def is_translatable(model) -> bool:
    """Whether the model's objects each have a language: a translation key and a locale."""
    fields = {field.name for field in model._meta.get_fields()}
    return {"translation_key", "locale"} <= fields and hasattr(
        model._meta.get_field("locale").related_model, "language_code"
    )


_codes: dict[tuple[type, int], str] = {}  # (locale model, locale id) → language code
_codes_lock = threading.Lock()


def language_of(obj) -> str:
    """The language an object is written in: its locale's, where it has one and the index
    analyses that language, else the default. Locales are few: read once, again when one is
    saved or deleted, and when an id is not known yet."""
    locale_id = getattr(obj, "locale_id", None)
    if not locale_id:
        return DEFAULT_LANGUAGE
    locale_model = type(obj)._meta.get_field("locale").related_model
    if (locale_model, locale_id) not in _codes:
        with _codes_lock:
            for signal in (post_save, post_delete):
                signal.connect(forget_languages, sender=locale_model, dispatch_uid=id(signal))
            for pk, code in locale_model._default_manager.values_list("pk", "language_code"):
                _codes[(locale_model, pk)] = code
    language = _codes.get((locale_model, locale_id), DEFAULT_LANGUAGE).split("-")[0]
    return language if language in ANALYZERS else DEFAULT_LANGUAGE


def forget_languages(**kwargs) -> None:
    _codes.clear()


AUTOCOMPLETE_QUERY_ANALYZER = _words
