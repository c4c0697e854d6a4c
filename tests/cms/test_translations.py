"""The translation check of `make lint` (cms/management/commands/check_translations.py): what it
reports, on small catalogues; and that the committed ones translate everything."""

import io
import shutil

from django.core.management import call_command

import pytest
from babel.messages.catalog import Catalog

from cms.management.commands.check_translations import problems


def catalogue(entries: dict) -> Catalog:
    found = Catalog(locale="de")
    for message_id, (string, flags) in entries.items():
        found.add(message_id, string, locations=[("templates/base.html", None)], flags=flags)
    return found


def test_a_complete_catalogue_has_no_problem():
    extracted = catalogue({"Sign in": ("", ()), ("One visit", "%(n)s visits"): (("", ""), ())})
    committed = catalogue(
        {"Sign in": ("Anmelden", ()), ("One visit", "%(n)s visits"): (("Ein", "%(n)s"), ())}
    )
    assert problems(extracted, committed, "de") == []


def test_what_is_missing_empty_fuzzy_or_no_longer_used_is_named_with_its_file():
    extracted = catalogue(
        {
            "New sentence": ("", ()),
            "Empty": ("", ()),
            "Guessed": ("", ()),
            ("One visit", "%(n)s visits"): (("", ""), ()),
        }
    )
    committed = catalogue(
        {
            "Empty": ("", ()),
            "Guessed": ("Geraten", ("fuzzy",)),
            ("One visit", "%(n)s visits"): (("Ein Besuch", ""), ()),  # a plural form missing
            "Gone": ("Weg", ()),
        }
    )
    found = problems(extracted, committed, "de")
    assert found == [
        "de: not in the catalogue (run `make messages`): 'New sentence' (templates/base.html)",
        "de: not translated: 'Empty' (templates/base.html)",
        "de: marked fuzzy: 'Guessed' (templates/base.html)",
        "de: not translated: 'One visit' (templates/base.html)",
        "de: no longer used (run `make messages`): 'Gone'",
    ]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_the_committed_catalogues_translate_every_string_of_the_interface():
    out = io.StringIO()
    call_command("check_translations", stdout=out)
    assert "Every string of the interface is translated: de, fr." in out.getvalue()
