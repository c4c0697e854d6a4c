"""Quasi-identifiers: what names no one but, with a place or a date, points at one person. An
age ("(17)", "aged 15", "16 ans", "17 Jahre alt", "er ist 13 und"), a relative's death in a war
("died in Syria in 2015"), a return from a conflict zone, a role or a rank no one else holds
("the only female imam", "der jüngste Gefährder in Hessen", "le seul pharmacien du village"),
twins or triplets."""

import re
from collections.abc import Iterable

AGE = r"(?:[1-9]\d?)"
WORDS = r"(?:\s+[\w'’-]+){1,6}?"
END = r"(?=\s*(?:[,.;:!?)]|$|\s(?:and|und|et|with|mit|avec|but|aber|mais|who|der|die|qui)\b))"

QUASI_RES = [
    # An age in brackets after a person: "the boy (16)", "Hope (19)"; not "(2019)".
    re.compile(rf"\(\s*{AGE}\s*(?:ans|years?|jahre|j\.)?\s*\)", re.IGNORECASE),
    re.compile(
        rf"(?<![\w])(?:aged\s+{AGE}|{AGE}[- ]years?[- ]old|{AGE}\s+jahre\s+alt|{AGE}-jährige[rn]?|"
        rf"âgée?\s+de\s+{AGE}\s+ans|{AGE}\s+ans)(?![\w])",
        re.IGNORECASE,
    ),
    # "age 17", "born in 2006", "Jahrgang 2006", "née en 2006": an age or a year of birth.
    re.compile(
        r"(?<![\w])(?:age[ds]?\s*:?\s*[1-9]\d?(?!\d)|born\s+(?:in\s+)?(?:19|20)\d\d|"
        r"geboren\s+(?:im\s+jahr\s+)?(?:19|20)\d\d|jahrgang\s+(?:19|20)?\d\d|"
        r"née?\s+en\s+(?:19|20)\d\d)(?![\w])",
        re.IGNORECASE,
    ),
    # "he is 14,", "er ist 13 und", "elle a 15 ans" (above): an age said of someone.
    re.compile(
        rf"(?<![\w])(?:he|she|they|er|sie|il|elle)\s+(?:is|ist|est|was|war)\s+({AGE})"
        rf"(?=\s*[,.;]|\s+(?:and|und|et|now|jetzt|maintenant)\b)",
        re.IGNORECASE,
    ),
    # A death in a war or abroad, with where (and when): "died in Syria in 2015".
    re.compile(
        r"(?<![\w])(?:died|was killed|got killed|fell|was martyred|est mort|est morte|"
        r"a été tué|a été tuée|est tombé)\s+(?:in|en|au|à)\s+[A-ZÀ-Þa-zà-ÿ][\w-]+"
        r"(?:\s+(?:in|en)\s+\d{4})?",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w])(?:(?:ist|wurde)(?:\s+\d{4})?\s+in\s+[\w-]+(?:\s+\d{4})?"
        r"\s+(?:gestorben|getötet|gefallen|ums leben gekommen)|starb(?:\s+\d{4})?\s+in\s+[\w-]+"
        r"(?:\s+\d{4})?)",
        re.IGNORECASE,
    ),
    # A return from a conflict zone.
    re.compile(
        r"(?<![\w])(?:an?\s+)?(?:returnee|rückkehrer(?:in)?|revenante?|revenue?|rapatriée?)"
        r"\s+(?:from|aus|de)\s+(?:the\s+|dem\s+|der\s+|la\s+|l'|l’)?(?:zone\s+)?[\w-]+",
        re.IGNORECASE,
    ),
    # One of a kind: the only…, the youngest…, der einzige…, la plus jeune…
    re.compile(
        rf"(?<![\w])(?:the\s+(?:only|youngest|oldest)|(?:der|die|das)\s+(?:einzige|jüngste|"
        rf"älteste)|(?:le|la)\s+(?:seule?|plus\s+jeune|plus\s+âgée?)){WORDS}{END}",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w])(?:the\s+|die\s+|les\s+)?(?:twins|triplets|zwillinge|drillinge|jumeaux|"
        r"jumelles|triplés|triplées)(?![\w])",
        re.IGNORECASE,
    ),
]


def find(text: str) -> Iterable[tuple[int, int]]:
    for pattern in QUASI_RES:
        for match in pattern.finditer(text):
            if match.lastindex:  # the age, not the pronoun before it
                yield match.span(1)
            else:
                yield match.span()
