"""A question's wording in the reader's language: the reflection questions and the survey
questions are written by the coordinators in English, with a German and a French version
beside it (`text_de`, `text_fr`, ...). Where a version is missing, the English one is asked."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def in_reader_language(obj, field: str) -> str:
    language = get_language()
    if language in TRANSLATED:
        translated = getattr(obj, f"{field}_{language}", "")
        if translated:
            return translated
    return getattr(obj, field)


class AskedInReaderLanguage:
    """For a question model with `text` and `help_text`, and their `_de` and `_fr`."""

    @property
    def asked(self) -> str:
        """The question in the reader's language."""
        return in_reader_language(self, "text")

    @property
    def asked_help_text(self) -> str:
        return in_reader_language(self, "help_text")


def check_choices_align(english: list[str], translations: dict[str, str]) -> dict[str, str]:
    """Errors by field for translated choices that are not one line per English choice."""
    return {
        field: _("Give one line per choice, in the same order as the English choices.")
        for field, text in translations.items()
        if text.strip()
        and len([line for line in text.splitlines() if line.strip()]) != len(english)
    }


def count_lines(text: str) -> int:
    return len([line for line in text.splitlines() if line.strip()])
