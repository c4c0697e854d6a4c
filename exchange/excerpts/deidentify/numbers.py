"""Case and file numbers: after a word that names one (case no., Az., Vorgangsnr., n° d'écrou,
dossier, client no., prison no.), in the forms the field's offices use (a prosecutor's
"12 Js 345/25", a register's "1187/24", "YOT/2291/24", "CR/0019283/25", "SPIP 75-2024-0381",
a prison number "A4821CK"), and the coordinators' own patterns. A school year ("2024/25"), a
version ("2.1") or a share ("40 %") is not one."""

import re
from collections.abc import Iterable, Sequence

CASE_WORDS = (
    r"case(?:\s+(?:no\.?|number|file|ref))?|file(?:\s+(?:no\.?|number))?|ref(?:erence)?\.?|"
    r"crime\s+ref\.?|court\s+ref\.?|client\s+(?:no\.?|number|n°)|prison\s+(?:no\.?|number)|"
    r"prisoner\s+(?:no\.?|number)|dossier(?:\s+(?:n[°o]\.?|numéro))?|affaire|n°(?:\s+d'écrou)?|"
    r"numéro\s+d'écrou|écrou|parquet|client\s+n°|az\.?|aktenzeichen|akte|"
    r"fall(?:nummer|nr\.?)?|geschäftszeichen|gz\.?|vorgangs(?:nummer|nr\.?)|gbnr\.?|"
    r"gefangenenbuchnummer|klienten(?:nummer|nr\.?)|kundennr\.?"
)
NUMBER = r"[A-Z0-9][\w/.-]*\d[\w/.-]*"
CASE_RES = [
    # After a word that names one; up to two short parts before it: "Az. 4 Js 123/21".
    re.compile(
        rf"(?<![\w])(?:{CASE_WORDS})\s*[:#]?\s*(?:[A-Za-z0-9]{{1,4}}\s+){{0,2}}"
        rf"{NUMBER}(?<![./-])(?![\w])",
        re.IGNORECASE,
    ),
    # 123/2024, 4 Js 123/21, 2291/B, 24/123.456: numbers with a year, a letter or a second part
    re.compile(
        r"(?<![\w/.])\d{1,7}\s*/\s*(?:(?:19|20)?\d\d(?:[.-]\d+)?|\d{3}\.\d{3}|[A-Z]{1,3})"
        r"(?![\w/])"
    ),
    # Letters and numbers joined: AB-2024-0456, JA-4471/23, YOT/2291/24, SPIP 75-2024-0381,
    # ASE-93-2024-117, K-2291/B
    re.compile(
        r"(?<![\w/-])[A-Z]{1,5}[-/ ]\d{2,7}(?:[-/.]\d{2,7})*(?:[-/][A-Z0-9]{1,4})?(?![\w-])"
    ),
    # Mixed letters and digits, 7 characters or more: T20247731, A4821CK
    re.compile(r"(?<![\w-])(?=[A-Z0-9]{7,12}(?![\w-]))[A-Z]{1,3}\d{4,10}[A-Z]{0,3}(?![\w-])"),
]
# "2024/25" and "2023/2024": a school or financial year, not a file.
SCHOOL_YEAR = re.compile(r"(?:19|20)(\d\d)\s*/\s*(?:(?:19|20)?(\d\d))$")


def find(text: str, patterns: Sequence = ()) -> Iterable[tuple[int, int]]:
    for pattern in CASE_RES:
        for match in pattern.finditer(text):
            if _is_a_school_year(match.group(0)):
                continue
            yield match.span()
    for pattern in patterns:  # the coordinators' own (RE2, linear time)
        for match in pattern.finditer(text):
            yield match.span()


def _is_a_school_year(found: str) -> bool:
    match = SCHOOL_YEAR.match(found.strip())
    return match is not None and int(match.group(2)) == int(match.group(1)) + 1
