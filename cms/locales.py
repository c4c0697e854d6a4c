"""Wagtail's locales by id, read once per process: every page names its language by locale id,
and asking the database for it on each page cost a query per request. Refreshed when a locale
is saved or deleted (cms/signals.py) and whenever an id or language is not known yet."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import get_language

from wagtail.models import Locale, Page

_codes: dict[int, str] = {}


def _load() -> None:
    _codes.clear()
    _codes.update(Locale.objects.values_list("pk", "language_code"))


def code_of(locale_id: int) -> str:
    if locale_id not in _codes:
        _load()
    return _codes[locale_id]


def active_locale_id() -> int:
    """The reader's locale (Wagtail's Locale.get_active asks the database each time); the
    default language's when theirs has no locale."""
    language = get_language()
    if language not in _codes.values():
        _load()
    ids = {code: pk for pk, code in _codes.items()}
    return ids.get(language) or ids[settings.LANGUAGE_CODE]


def default_locale_id() -> int:
    if settings.LANGUAGE_CODE not in _codes.values():
        _load()
    return next(pk for pk, code in _codes.items() if code == settings.LANGUAGE_CODE)


def forget(**kwargs) -> None:
    _codes.clear()


def one_version_each(pages: QuerySet, locale_id: int) -> QuerySet:
    """One version of each page: the one in the reader's language where it has a live one,
    else its original (its first version). A practice written in German is in every reader's
    library, once."""
    versions = pages.model.objects.live().filter(translation_key=OuterRef("translation_key"))
    return pages.filter(
        Q(locale_id=locale_id)
        | (
            ~Exists(versions.filter(locale_id=locale_id))
            & ~Exists(versions.filter(pk__lt=OuterRef("pk")))
        )
    )


def first_versions() -> Q:
    """limit_choices_to of a link to a page that may be translated: the first version of each
    page (its original), whichever language it is chosen in. A member, an invitation or a filter
    then names an organisation once, and every link to it points at the same page."""
    later = Page.objects.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return Q(~Exists(later))


def titles_for_reader(translation_keys) -> dict:
    """translation key → the page's title in the reader's language, for the pages that have a
    live version in it (one query)."""
    return dict(
        Page.objects.live()
        .filter(locale_id=active_locale_id(), translation_key__in=list(translation_keys))
        .values_list("translation_key", "title")
    )
