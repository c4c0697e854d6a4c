"""People's names. Found by what surrounds them (a title, "called", a kinship or role word:
"uncle Mahmoud", "Yusufs Mutter", "Familie Gashi", "la juge Marchetti", "coach Dimitri"), by a
given name in Faker's lists (given names and surnames of 36 locales in Latin script, Turkish,
Croatian, Algerian, Pakistani and Nigerian among them; data.py), capitalised or not,
and by the surname first in capitals ("BERISHA Valon"). A name that is also a word of the
sentence's language ("will", "hope", "rose", "claire", "pierre") counts only with a surname or
a word that introduces it."""

import re
from collections.abc import Iterable

from exchange.excerpts.deidentify import data
from exchange.excerpts.deidentify.words import ALSO_WORDS, common_words, public_names

TITLES = (
    r"mr|mrs|ms|miss|mx|dr|prof|herr|herrn|frau|hr|fr|m|mme|mlle|madame|monsieur|mademoiselle|"
    r"imam|pastor|pfarrer|père|sœur|schwester|bruder|sheikh|shaykh|cheikh|hoca|hodja|ustadh|"
    r"judge|juge|richter|richterin|coach|trainer|trainerin|entraîneur|officer|inspector|"
    r"kommissar|kommissarin|maître|me|lawyer|anwalt|anwältin|avocat|avocate|"
    # Police ranks as officers write them: "PC Okoro", "DS Patel", "Sgt Novak".
    r"pc|dc|ds|di|sgt|insp|det|constable|sergeant|detective|polizist|polizistin|capitaine|"
    r"brigadier|lieutenant"
)
INTRODUCERS = (
    r"called|named|name is|known as|heißt|hieß|namens|genannt|s'appelle|s’appelle|appelé|"
    r"appelée|nommé|nommée|prénommé|prénommée|nicknamed|aka|a\.k\.a\.|calls? (?:him|her)(?:self)?|"
    r"nennt sich|nennen ihn|nennen sie|surnommée?|se fait appeler"
)
KIN = (
    r"uncle|aunt|auntie|cousin|brother|sister|mum|mom|mother|dad|father|grandad|grandpa|"
    r"grandfather|grandma|granny|grandmother|nan|son|daughter|nephew|niece|husband|wife|"
    r"stepdad|stepmum|friend|girlfriend|boyfriend|sis|bro|fam\.?|"
    r"onkel|tante|cousine|bruder|schwester|mutter|mama|vater|papa|opa|oma|sohn|tochter|neffe|"
    r"nichte|mann|frau|freund|freundin|familie|"
    r"oncle|frère|sœur|mère|père|grand-père|grand-mère|fils|fille|neveu|nièce|mari|femme|"
    r"copain|copine|ami|amie|famille|chez les|family"
)
CAP = r"[A-ZÀ-ÖØ-ÞĞŞÇÖÜİ][\wÀ-ÖØ-öø-ÿğşçıöüİ'’-]*"
LOWER = r"[a-zà-öø-ÿğşçıöü][\wà-öø-ÿğşçıöü-]*"
PARTICLE = r"(?:van|von|de|der|da|el|al|ben|ibn|le|la|ould|abu|bin|bint)"
SURNAME = rf"(?:\s+[A-Z]\.|\s+(?:{PARTICLE}[\s-]+)?{CAP})"

TITLE_RE = re.compile(rf"(?<![\w])(?:(?i:{TITLES})\.?\s+){{1,2}}({CAP}(?:\s+{CAP})?)(?![\w])")
INTRODUCER_RE = re.compile(
    rf"(?<![\w])(?i:{INTRODUCERS})\s+[\"'‘“«]?\s*({CAP}(?:{SURNAME})?)(?![\w])"
)
KIN_RE = re.compile(
    rf"(?<![\w])(?:(?:l'|l’|die|der|the|la|le|his|her|sein|seine|ihr|ihre|son|sa)\s+)?"
    rf"(?i:{KIN}),?\s+({CAP}(?:{SURNAME})?|{LOWER})(?![\w])"
)
# "mum of xhevdet", "la famille de Walid", "die Mutter von Edin".
KIN_OF_RE = re.compile(
    rf"(?<![\w])(?i:{KIN})\s+(?i:(?:of|von|de|du)\s+|d['’]\s*)({CAP}(?:{SURNAME})?|{LOWER})(?![\w])"
)
# "talked to hawre", "spoke w/ ilir", "rencontré Kenza": a person one meets, calls or sees.
MET = (
    r"talked to|talked with|spoke to|spoke with|spoke w/|met with|met|meeting with|meeting w/|"
    r"rang|texted|sessions? with|session w/|gesprochen mit|telefoniert mit|rencontré|"
    r"parlé à|parlé avec|entretien avec"
)
MET_RE = re.compile(rf"(?<![\w])(?i:{MET})\s+({CAP}(?:{SURNAME})?|{LOWER})(?![\w])")
# "ceylan's brother", "Abdirizak's mum": a name before a kinship word, in English.
POSSESSIVE_RE = re.compile(rf"(?<![\w])({CAP}|{LOWER})['’]s\s+(?i:{KIN})(?![\w])")
# "Yusufs Mutter", "Amirs bruder": a German genitive before a kinship word.
GENITIVE_RE = re.compile(rf"(?<![\w])({CAP}|{LOWER})s\s+(?i:{KIN})(?![\w])")
# "BERISHA Valon", "KRASNIQI, Arben": a surname in capitals, then a given name.
CAPITALS_FIRST_RE = re.compile(
    r"(?<![\w])([A-ZÀ-ÖØ-ÞĞŞÇ]{3,}),?\s+([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿğşçıöü]+)(?:['’]s)?(?![\w])"
)
# "Tariq, 17 years old", "Hope (19)", "rojda (15)": a word with an age after it.
AGED_RE = re.compile(
    rf"(?<![\w])({CAP}|{LOWER})(?:,\s*|\s*\(\s*)\d{{1,2}}(?:\s*\)|,|\s+(?:years|jahre|ans)\b)"
)
PAIR_RE = re.compile(rf"(?<![\w])({CAP})\s+(?:and|und|et|&)\s+({CAP})(?![\w])")
# A capitalised word with up to two surnames after it, or a word in lower case alone.
TOKEN_RE = re.compile(rf"(?<![\w])(?:({CAP})((?:{SURNAME}){{0,2}})|({LOWER}))(?![\w])")


def given_names() -> frozenset[str]:
    return data.lists().given_names


def surnames() -> frozenset[str]:
    return data.lists().surnames


def _a_name(word: str, *, capitalised: bool, with_surname: bool, first: bool = False) -> bool:
    """Whether `word` is a given name here. Capitalised inside a sentence, a known given name
    is one unless it is among the few that are everyday words ("Will", "May"); at the start of
    a sentence, or in lower case, a name that is also a frequent word needs a surname. A double
    name counts by its first part ("Sophie-Leigh", "Jean-Baptiste")."""
    lowered = word.lower()
    first_part = lowered.split("-")[0]
    if "-" in lowered and capitalised and first_part in given_names():
        if first_part in common_words():
            return False  # "Job-Shadowing"
        lowered = first_part
    if lowered not in given_names():
        return False
    if lowered in public_names():
        return False  # "France", "Jordan", "Farsi": a country or a language first
    if lowered in ALSO_WORDS or ((first or not capitalised) and lowered in common_words()):
        return with_surname
    return capitalised or len(lowered) > 3  # "ali", "ana" in lower case are too often words


# Endings of words rather than names, in the three languages: "family counselling",
# "family dynamics", "Familie Beratung", "famille nombreuse".
WORD_ENDINGS = tuple(
    (  # noqa: SIM905
        "ing ings ics ness tion tions ment ments ship ance ence ity ies ung ungen heit keit "
        "schaft isme ité ique iques eur eurs euse ée ées able ible ive ives ful less ous"
    ).split()
)
NOT_NAMES = frozenset(["etc", "usw", "bzw", "ggf"])


def _unlisted_name(words: str) -> bool:
    """A word after "uncle", "talked to", "(15)"… that is a name though no list has it: not a
    frequent word, a country or a language, nor shaped like a word of the three languages."""
    first = words.split()[0].lower()
    if first in given_names() or first in surnames():
        return words[0].isupper() or first not in common_words()  # "uncle Will", not "cases"
    if len(first) < 3 or first in NOT_NAMES or first.endswith(WORD_ENDINGS):
        return False
    if first.endswith("s") and first[:-1] in common_words():  # "backgrounds"
        return False
    return first not in common_words() and first not in public_names()


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in '.!?:;\n"“«(-–'


def find(text: str) -> Iterable[tuple[int, int]]:
    for match in TITLE_RE.finditer(text):
        if not (match.group(0)[0].isupper() or match.group(0)[:2].lower() not in ("m ", "fr")):
            continue  # "m" or "fr" inside a sentence is not a title
        first = match.group(1).split()[0].lower()
        if first in common_words() and first not in given_names() and first not in surnames():
            continue  # "Fr. Bescheid geben": "Bescheid" is a word
        yield match.span()
    # After a word that introduces a person, any word that is not a frequent one: the names
    # of the families the network works with are often in no list.
    for pattern in (INTRODUCER_RE, KIN_RE, KIN_OF_RE, MET_RE, POSSESSIVE_RE):
        for match in pattern.finditer(text):
            # "son" is French for "his" too: "Son éducateur" is no one's name.
            ambiguous = match.group(0).lower().startswith(("son ", "son,"))
            word = match.group(1)
            if _a_name(word, capitalised=word[0].isupper(), with_surname=False) or (
                not ambiguous and _unlisted_name(word)
            ):
                yield match.span(1)
    for match in GENITIVE_RE.finditer(text):
        if match.group(1).lower() in given_names():
            yield match.span(1)[0], match.span(1)[1] + 1
    for match in CAPITALS_FIRST_RE.finditer(text):
        if match.group(2).lower() in given_names():
            yield match.start(), match.end(2)
    for match in TOKEN_RE.finditer(text):
        if match.group(3):  # in lower case: "met ardit and his mum"
            if _a_name(match.group(3), capitalised=False, with_surname=False):
                yield match.span(3)
            continue
        first, rest = match.group(1), match.group(2)
        at_start = _sentence_start(text, match.start())
        if _a_name(first, capitalised=True, with_surname=bool(rest), first=at_start):
            yield match.span()
        elif rest and rest.split()[-1].lower() in surnames():
            yield match.span()  # "Hodan Abdi": an unknown given name before a known surname
    # An unknown capitalised word with an age after it ("Tariq, 17 years old", "Hope (19)"),
    # or joined by "and" to a name ("Shukri und Ayaan").
    for match in AGED_RE.finditer(text):
        word = match.group(1)
        if word[0].isupper() and word.lower() in ALSO_WORDS or _unlisted_name(word):
            yield match.span(1)
    for match in PAIR_RE.finditer(text):
        one, other = match.group(1), match.group(2)
        if other.lower() in given_names() and one.lower() not in common_words():
            yield match.span(1)
        if one.lower() in given_names() and other.lower() not in common_words():
            yield match.span(2)
