"""Wording the coordinators write in each language: the reflection and survey questions. A
field made with `in_each_language` becomes one column per language of settings.LANGUAGES
(`text_en`, `text_de`, `text_fr`: django-translated-fields), and the field's own name reads the
reader's language, else the English one, which is required. Code that means the English wording
(what an answer keeps, what the reports print) names the `_en` column."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from translated_fields import TranslatedFieldWithFallback

DEFAULT = settings.LANGUAGE_CODE  # the first of settings.LANGUAGES: the required wording


def in_each_language(field) -> TranslatedFieldWithFallback:
    return TranslatedFieldWithFallback(field)


def translations_of(name: str) -> list[str]:
    """The columns of `name` in the languages other than the default: ["choices_de", ...]."""
    return [f"{name}_{code}" for code, _name in settings.LANGUAGES if code != DEFAULT]


def check_choices_align(english: list[str], translations: dict[str, str]) -> dict[str, str]:
    """Errors by field for translated choices that are not one line per English choice."""
    return {
        field: _("Give one line per choice, in the same order as the English choices.")
        for field, text in translations.items()
        if text.strip()
        and len([line for line in text.splitlines() if line.strip()]) != len(english)
    }


def translation_panels(*names: str) -> list[MultiFieldPanel]:
    """The admin's panels for the other languages' columns of `names`, one per language."""
    return [
        MultiFieldPanel([FieldPanel(f"{name}_{code}") for name in names], heading=language)
        for code, language in settings.LANGUAGES
        if code != DEFAULT
    ]
