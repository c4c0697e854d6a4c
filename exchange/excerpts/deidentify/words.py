"""Words that are not personal data though they look like it: the words written often in
English, German and French (data.py), and the names of countries, regions and languages in the
three (Babel's CLDR data)."""

from functools import cache

from exchange.excerpts.deidentify import data

# Names that are also words, though rarer in the frequency lists than the words around them.
ALSO_WORDS = frozenset(
    ["will", "mark", "may", "rose", "grace", "hope", "frank", "bill", "june", "april", "august"]
)


@cache
def common_words() -> frozenset[str]:
    """Words written often in English, German or French (data.py), and the few names that are
    everyday words."""
    return data.lists().frequent_words | ALSO_WORDS


@cache
def public_names() -> frozenset[str]:
    """Every country's, region's and language's name in English, German and French: "in
    Syria" says where a war was, "France" is not Ms France, "in Farsi" is how they spoke."""
    from babel import Locale

    names: set[str] = set()
    for language in data.WORD_LANGUAGES:
        locale = Locale.parse(language)
        names.update(name.lower() for name in locale.territories.values())
        names.update(name.lower() for name in locale.languages.values())
    return frozenset(names)
