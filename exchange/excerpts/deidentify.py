"""What looks like personal data about a client, in a text about to leave the private layer: the
de-identification gate flags it, the author decides. Plain Python (and the `phonenumbers`
library), no Django, so `bench/deidentify.py` measures it as it runs.

Kinds: e-mail addresses, phone numbers, dates (numeric, and written in English, German and
French), case or file numbers (built-in patterns plus the coordinators' own), street addresses
and postcodes, and person names (after a title, a word that introduces a name, or a common given
name). Offsets count Unicode code points from 0, as Python's str and REFI-QDA do.

Measured on the labelled set in tests/exchange/excerpts/deidentify_cases.py by
`bench/deidentify.py`; a pattern changed here shows there in precision and recall per kind.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers

EMAIL, PHONE, DATE, CASE_NUMBER, ADDRESS, NAME = (
    "email",
    "phone",
    "date",
    "case_number",
    "address",
    "name",
)
KINDS = (EMAIL, PHONE, DATE, CASE_NUMBER, ADDRESS, NAME)

# The countries of the network's members first; a number with its country code is found anyway.
PHONE_REGIONS = ("DE", "FR", "GB", "NL", "AT", "BE", "DK", "SE", "FI", "IT", "ES", "CH", "IE")


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int  # code points from 0
    end: int  # exclusive
    text: str


# --- e-mail -------------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")


# --- dates --------------------------------------------------------------------------------------

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
DAY = r"(?:[012]?\d|3[01])"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DATE_RES = [
    # 12.03.2004, 12/3/04, 2004-03-12
    re.compile(rf"(?<![\d.])(?:{DAY}[./-](?:0?[1-9]|1[0-2])[./-](?:{YEAR}|\d\d))(?![\d])"),
    re.compile(rf"(?<!\d){YEAR}-(?:0[1-9]|1[0-2])-(?:[012]\d|3[01])(?!\d)"),
    # 12 March 2004, 12. März 2004, 1er janvier 2000, 3 mars (a day and month are a birthday)
    re.compile(
        rf"(?<![\w]){DAY}(?:\.|er|st|nd|rd|th)?\s+(?:{MONTHS})\.?(?:\s+{YEAR})?(?![\w])",
        re.IGNORECASE,
    ),
    # March 12, 2004 / March 12th
    re.compile(
        rf"(?<![\w])(?:{MONTHS})\.?\s+{DAY}(?:st|nd|rd|th)?(?:,?\s+{YEAR})?(?![\w])",
        re.IGNORECASE,
    ),
    # March 2004, im März 2004, en mars 2004
    re.compile(rf"(?<![\w])(?:{MONTHS})\.?\s+{YEAR}(?![\w])", re.IGNORECASE),
]


# --- case and file numbers ----------------------------------------------------------------------

CASE_WORDS = (
    r"case(?:\s+(?:no\.?|number|file))?|file(?:\s+(?:no\.?|number))?|ref(?:erence)?\.?|"
    r"dossier(?:\s+(?:n[°o]\.?|numéro))?|affaire|n°|"
    r"az\.?|aktenzeichen|akte|fall(?:nummer|nr\.?)?|geschäftszeichen|gz\.?"
)
CASE_RES = [
    re.compile(
        # Up to two short parts before the number: "Az. 4 Js 123/21".
        rf"(?<![\w])(?:{CASE_WORDS})\s*[:#]?\s*(?:[A-Za-z0-9]{{1,4}}\s+){{0,2}}"
        rf"[A-Z0-9][\w/.-]*\d(?![\w])",
        re.IGNORECASE,
    ),
    # 123/2024, 4 Js 123/21, AB-2024-0456: numbers with a year or a prefix
    re.compile(r"(?<![\w/])\d{1,6}\s*/\s*(?:19|20)?\d\d(?![\w/])"),
    re.compile(r"(?<![\w-])[A-Z]{2,4}-\d{2,4}-\d{2,6}(?![\w-])"),
]


# --- street addresses and postcodes -------------------------------------------------------------

CAP = r"[A-ZÀ-ÖØ-Þ][\wÀ-ÖØ-öø-ÿ'’-]*"
# Street words match in any case; the names around them must be capitalised.
EN_STREET = (
    r"(?i:street|st\.|road|rd\.|avenue|ave\.|lane|close|drive|way|square|place|terrace|"
    r"crescent|court|gardens|hill|row)"
)
DE_STREET = (
    r"(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|markt)"
)
FR_STREET = (
    r"(?i:rue|avenue|av\.|boulevard|bd|chemin|place|impasse|allée|quai|cours|route|passage|"
    r"square)"
)
FR_ARTICLE = r"(?i:de la|de l'|de l’|d'|d’|du|des|de|la|le|les)"
HOUSE = r"\d{1,4}\s?[a-zA-Z]?(?:\s?bis|\s?ter)?"
ADDRESS_RES = [
    # 12 Baker Street, 221B Baker St.
    re.compile(rf"(?<![\w]){HOUSE},?\s+(?:{CAP}\s+){{1,3}}{EN_STREET}(?![\w])"),
    # Hauptstraße 5, Lindenweg 12a, Am Markt 3 (German: the number after the street)
    re.compile(
        rf"(?<![\w])(?:{CAP}[ -])?[A-ZÄÖÜ][\wäöüß-]*{DE_STREET}\s+{HOUSE}(?![\w])",
    ),
    re.compile(rf"(?<![\w])(?:Am|An der|Im|In der|Auf der|Zum|Zur)\s+{CAP}\s+{HOUSE}(?![\w])"),
    # 12 rue de la Paix, 3, avenue Victor Hugo, 5 bis boulevard Voltaire
    re.compile(
        rf"(?<![\w]){HOUSE},?\s+{FR_STREET}\s+(?:{FR_ARTICLE}\s*)?{CAP}(?:[ -]{CAP}){{0,2}}"
    ),
    # Postcode and town: 10115 Berlin, 75011 Paris, SW1A 1AA
    re.compile(rf"(?<![\w])\d{{4,5}}\s+{CAP}(?:[ -]{CAP})?(?![\w])"),
    re.compile(r"(?<![\w])[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}(?![\w])"),
]


# --- names --------------------------------------------------------------------------------------

TITLES = (
    r"mr|mrs|ms|miss|mx|dr|prof|herr|herrn|frau|hr|fr|m|mme|mlle|madame|monsieur|mademoiselle|"
    r"imam|pastor|pfarrer|père|sœur|schwester|bruder"
)
# Words that introduce a name: "a boy called Karim", "die Mutter, Frau Berisha", "nommé Yanis".
INTRODUCERS = (
    r"called|named|name is|known as|heißt|hieß|namens|genannt|s'appelle|s’appelle|appelé|"
    r"appelée|nommé|nommée|prénommé|prénommée"
)
# Common given names across the members' countries and the families they work with, written as
# words (one per line, they would fill a screen). A name that is also an ordinary word is found
# only before a capitalised surname (AMBIGUOUS_NAMES).
GIVEN_NAMES = frozenset(
    """
    aaron abdel abdul abdullah adam adem adrian ahmad ahmed aisha aleksandar alex alexander
    alexandra ali alice alina amal amina amir amira anas andrea andreas angelika anna anne
    antoine arben arjan aurélie ayoub aylin ayse ayşe baptiste bastian benjamin bilal birgit
    björn burak camille carla carlos caroline cem chantal charlotte chloé christian
    christine claire clara daniel david deniz dennis dimitri dominik edin elena elif elias
    eliza elke ella emil emilia emily emir emma emre enzo erik esra fabian fadi farah fatima
    fatma felix finn florian françois frederik gabriel georg george hamza hannah hans harun
    hassan hatice helena hugo ibrahim ilias ilyas inès ines isabel isabelle ismail jakob
    jamal jan jana jasmin jean jeanne jens johanna johannes jonas josef joshua julia julian
    julien jürgen kaan karim katharina kerem khalid kevin klaus laila lara laura lea léa
    leila leon leonie lina linda lisa louis louise luca lucas lukas maja malik manon manuel
    marco maria marie marina mario markus martin mathieu mathilde matthias max maximilian
    mehmet melanie melissa merve mia michael michel milan mohamed mohammed mona moritz
    muhammad murat mustafa nadia nadine nathalie nicolas niklas nikola noah nora nour olivia
    omar oscar ömer pascal patrick paul petra philipp pierre rachid rania rayan robert
    sabine sami samir samira sandra sara sarah sebastian selin sofia sophie stefan stefanie
    stephanie susanne sven tarik theo thomas tim timo tobias tom tuncay ufuk valentin
    vanessa victor vincent walid yanis yasin yasmin yassin yusuf zainab zeynep
    """.split()  # noqa: SIM905
)
AMBIGUOUS_NAMES = frozenset(
    {"will", "mark", "may", "rose", "grace", "hope", "frank", "bill", "june", "april", "august"}
)
SURNAME = rf"(?:\s+[A-Z]\.|\s+(?:(?:van|von|de|der|da|el|al|ben|ibn|le|la)\s+)?{CAP})"
# A title, or two ("Frau Dr. Wagner"), in any case, then a capitalised name.
TITLE_RE = re.compile(rf"(?<![\w])(?:(?i:{TITLES})\.?\s+){{1,2}}{CAP}(?:\s+{CAP})?(?![\w])")
INTRODUCER_RE = re.compile(rf"(?<![\w])(?:{INTRODUCERS})\s+({CAP}(?:{SURNAME})?)(?![\w])")
GIVEN_RE = re.compile(rf"(?<![\w])({CAP})((?:{SURNAME}){{0,2}})(?![\w])")


def _names(text: str) -> Iterable[tuple[int, int]]:
    for match in TITLE_RE.finditer(text):
        if match.group(0)[0].isupper():  # "m" or "fr" inside a sentence is not a title
            yield match.span()
    for match in INTRODUCER_RE.finditer(text):
        yield match.span(1)
    for match in GIVEN_RE.finditer(text):
        first, rest = match.group(1), match.group(2)
        lowered = first.lower()
        if lowered not in GIVEN_NAMES and lowered not in AMBIGUOUS_NAMES:
            continue
        if lowered in AMBIGUOUS_NAMES and not rest:
            continue
        yield match.span()


# --- all of them --------------------------------------------------------------------------------


def _phones(text: str) -> Iterable[tuple[int, int]]:
    seen = set()
    for region in PHONE_REGIONS:
        matches = phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID
        )
        for match in matches:
            span = (match.start, match.end)
            if span not in seen:
                seen.add(span)
                yield span


def find(text: str, case_patterns: Sequence = ()) -> list[Finding]:
    """Every finding in `text`, in order; where two overlap, the longer one stands (a date
    inside a case number is the case number)."""
    spans: list[tuple[str, int, int]] = []
    spans += [(EMAIL, *m.span()) for m in EMAIL_RE.finditer(text)]
    spans += [
        (CASE_NUMBER, *m.span()) for p in [*CASE_RES, *case_patterns] for m in p.finditer(text)
    ]
    spans += [(PHONE, start, end) for start, end in _phones(text)]
    spans += [(DATE, *m.span()) for p in DATE_RES for m in p.finditer(text)]
    spans += [(ADDRESS, *m.span()) for p in ADDRESS_RES for m in p.finditer(text)]
    spans += [(NAME, start, end) for start, end in _names(text)]
    kept: list[tuple[str, int, int]] = []
    # Longest first, then by kind's order above (an e-mail before a name inside it).
    order = (EMAIL, CASE_NUMBER, DATE, PHONE, ADDRESS, NAME)  # a date is not a phone number
    priority = {kind: n for n, kind in enumerate(order)}
    for kind, start, end in sorted(spans, key=lambda s: (-(s[2] - s[1]), priority[s[0]], s[1])):
        if end > start and all(end <= s or start >= e for _k, s, e in kept):
            kept.append((kind, start, end))
    return [
        Finding(kind, start, end, text[start:end])
        for kind, start, end in sorted(kept, key=lambda s: s[1])
    ]
