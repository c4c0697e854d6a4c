"""Dates that can pin down a person's life: numeric (12.03.2004, 4/2/07, "am 3.5.", "wed 21/5"),
written in English, German and French (12 March 2004, "the 14th of may", "jan 12th", 3 mars),
a month with a year ("sept '23"), and holidays or seasons with a year ("easter 2025", "la
Toussaint 2024", "silvester 2023"). A month or a season alone is not a date of anyone's."""

import re
from collections.abc import Iterable

MONTHS = (
    # English
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    # German
    "januar|jänner|februar|märz|maerz|mai|juni|juli|oktober|dezember|okt|dez|"
    # French
    "janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|janv|févr|fevr|avr|juil|déc"
)
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|"
    "fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|"
    "so|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim"
)
HOLIDAYS = (
    "easter|christmas(?: day| eve)?|new year(?:'s)?(?: day| eve)?|eid(?: al-fitr| al-adha)?|"
    "ramadan|whitsun|halloween|ostern|weihnachten|heiligabend|silvester|neujahr|pfingsten|"
    "zuckerfest|opferfest|(?:la )?toussaint|noël|noel|pâques|paques|(?:le )?nouvel an|"
    "(?:l')?aïd|(?:l')?aid|(?:la )?saint-sylvestre|(?:the )?summer|(?:the )?winter|spring|"
    "autumn|sommer|winter|frühling|herbst|(?:l')?été|(?:l')?hiver|(?:le )?printemps|"
    "(?:l')?automne"
)
DAY = r"(?:[012]?\d|3[01])"
MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:1[89]\d\d|20\d\d)"
SHORT_YEAR = r"(?:'\d\d|’\d\d)"

DATE_RES = [
    # 12.03.2004, 12/3/04, 2004-03-12
    re.compile(rf"(?<![\d.])(?:{DAY}[./-]{MONTH_NUMBER}[./-](?:{YEAR}|\d\d))(?![\d])"),
    re.compile(rf"(?<!\d){YEAR}-(?:0[1-9]|1[0-2])-(?:[012]\d|3[01])(?!\d)"),
    # 12 07 2006: a date written with spaces, with its year in full
    re.compile(rf"(?<![\d.]){DAY}\s{MONTH_NUMBER}\s{YEAR}(?![\d])"),
    # A day and month without the year, after a weekday or "am/le/on": "wed 21/5", "am 3.5.",
    # "do 6/3"; and "3.5." with its closing dot, as German writes it.
    re.compile(
        rf"(?<![\w])(?:(?:{WEEKDAYS})\.?,?\s+|am\s+|le\s+|on\s+(?:the\s+)?)"
        rf"{DAY}[./]{MONTH_NUMBER}\.?(?![\d/.]\d)",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![\w.]){DAY}\.{MONTH_NUMBER}\.(?![\d\w])"),
    # 12 March 2004, 12. März 2004, 1er janvier 2000, 3 mars, the 14th of may, fri 7 march
    re.compile(
        rf"(?<![\w])(?:(?:{WEEKDAYS})\.?,?\s+)?(?:the\s+)?{DAY}(?:\.|er|st|nd|rd|th)?"
        rf"\s+(?:of\s+)?(?:{MONTHS})\.?(?:\s+{YEAR})?(?![\w])",
        re.IGNORECASE,
    ),
    # March 12, 2004 / March 12th / jan 12th
    re.compile(
        rf"(?<![\w])(?:{MONTHS})\.?\s+{DAY}(?:st|nd|rd|th)?(?:,?\s+{YEAR})?(?![\w])",
        re.IGNORECASE,
    ),
    # March 2004, im März 2004, en mars 2004, sept '23, anfang märz 2024
    re.compile(
        rf"(?<![\w])(?:(?:early|mid|late|end of|anfang|mitte|ende|début|fin|mi-)\s*)?"
        rf"(?:{MONTHS})\.?\s+(?:{YEAR}|{SHORT_YEAR})(?![\w])",
        re.IGNORECASE,
    ),
    # easter 2025, à la Toussaint 2024, silvester 2023, christmas day 2024, summer '22
    re.compile(
        rf"(?<![\w])(?:à\s+|a\s+)?(?:{HOLIDAYS})\s+(?:{YEAR}|{SHORT_YEAR})(?![\w])",
        re.IGNORECASE,
    ),
]


def find(text: str) -> Iterable[tuple[int, int]]:
    for pattern in DATE_RES:
        for match in pattern.finditer(text):
            yield match.span()
