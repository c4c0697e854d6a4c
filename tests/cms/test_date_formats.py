"""Every date a reader sees is written the way their language writes it: "28 Dec 2026",
"28. Dez. 2026", "28 déc. 2026". The templates and the code name Django's formats (set per
language in config/formats/), never a pattern of their own, which would write "28 Dez" in
German."""

import re
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

import pytest

DAY = date(2026, 12, 28)
MOMENT = datetime(2026, 12, 28, 9, 5)  # a moment to write, in no time zone
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
}
# Parts that read the same in every language: the year, a weekday's name on its own.
PARTS = {"Y", "l", "D"}


@pytest.mark.parametrize(
    ("language", "short", "month_day", "month", "long", "moment"),
    [
        ("en", "28 Dec 2026", "28 Dec", "Dec 2026", "28 December 2026", "28 Dec 2026, 09:05"),
        (
            "de",
            "28. Dez. 2026",
            "28. Dez.",
            "Dez. 2026",
            "28. Dezember 2026",
            "28. Dez. 2026, 09:05",
        ),
        ("fr", "28 déc. 2026", "28 déc.", "déc. 2026", "28 décembre 2026", "28 déc. 2026, 09:05"),
    ],
)
def test_each_language_writes_dates_its_own_way(language, short, month_day, month, long, moment):
    with translation.override(language):
        assert date_format(DAY, "SHORT_DATE_FORMAT") == short
        assert date_format(DAY, "MONTH_DAY_FORMAT") == month_day
        assert date_format(DAY, "YEAR_MONTH_FORMAT") == month
        assert date_format(DAY) == long
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == moment


def test_templates_and_code_name_a_format_never_a_pattern():
    base = Path(settings.BASE_DIR)
    found = []
    for path in [*base.glob("templates/**/*.html"), *base.glob("templates/**/*.txt")]:
        for pattern in re.findall(r'\|date:"([^"]*)"', path.read_text()):
            if pattern not in NAMED | PARTS:
                found.append(f"{path.relative_to(base)}: {pattern}")
    for package in ("cms", "exchange", "matching"):
        for path in (base / package).glob("**/*.py"):
            for pattern in re.findall(
                r'date_format\([^()]*(?:\([^()]*\))?[^()]*, "([^"]*)"\)', path.read_text()
            ):
                if pattern not in NAMED:
                    found.append(f"{path.relative_to(base)}: {pattern}")
    assert not found, "\n".join(found)
