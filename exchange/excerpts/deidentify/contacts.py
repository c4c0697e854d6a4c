"""Ways to reach a person: e-mail addresses (also written to fool a harvester: "(at)", "[at]",
"at … punkt de", "arobase … point com"), phone numbers (the `phonenumbers` library), links
(`urlextract`, with the IANA list of top-level domains it ships: profile pages, t.me/…, wa.me/…
numbers) and handles (@name)."""

import re
from collections.abc import Iterable
from functools import cache

import phonenumbers

Span = tuple[int, int]

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

# "(at)", "[at]", "{at}", " at ", " arobase ", "(ät)": the @ written out.
AT = r"(?:\s*[(\[{<]\s*(?:at|ät|arobase|@)\s*[)\]}>]\s*|\s+(?:at|arobase|chez)\s+|\s*@\s+|\s+@\s*)"
# ".", "(dot)", "[dot]", " dot ", " punkt ", " point ".
DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|punkt|point)\s*[)\]}]\s*|\s+(?:dot|punkt|point)\s+)"
TOP_LEVEL = r"(?:com|org|net|info|eu|de|at|ch|fr|be|nl|lu|uk|co\.uk|ie|dk|se|no|fi|it|es|pt|pl|io)"
DISGUISED_EMAIL_RE = re.compile(
    rf"(?<![\w.+-])([\w+-]+(?:\.[\w+-]+)*){AT}([\w-]+(?:{DOT}[\w-]+)*{DOT}{TOP_LEVEL})(?![\w-])",
    re.IGNORECASE,
)
# A handle: @ and a name with a letter in it, not an e-mail's @ (a word character before it).
HANDLE_RE = re.compile(r"(?<![\w@.])@(?=[\w.]*[A-Za-z])[A-Za-z0-9_][\w.]{1,29}(?<!\.)(?![\w@])")

YEARS_RE = re.compile(r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)\d\d")  # 2014-2018, not a number
# A handle named after its platform, without the @: "his snap is yasin.k07", "insta: dilan_k".
PLATFORM_HANDLE_RE = re.compile(
    r"(?<![\w])(?i:snap(?:chat)?|insta(?:gram)?|tiktok|telegram|twitter|discord|signal|fb|"
    r"facebook|youtube|twitch|x)(?:\s+(?i:is|ist|est|name|handle|account|compte|profil))?"
    r"\s*:?\s+([A-Za-z0-9_][\w.]*[._\d][\w.]*[A-Za-z0-9_])(?![\w@])"
)
# The countries of the network's members first; a number with its country code is found anyway.
PHONE_REGIONS = ("DE", "FR", "GB", "NL", "AT", "BE", "DK", "SE", "FI", "IT", "ES", "CH", "IE")


def emails(text: str) -> Iterable[Span]:
    for match in EMAIL_RE.finditer(text):
        yield match.span()
    for match in DISGUISED_EMAIL_RE.finditer(text):
        local = match.group(1)
        # " at " joins ordinary words too ("meet at school dot com" is rare, "him at home" is
        # not): written out, the part before it must look like a mailbox (a dot, _, or digit).
        if EMAIL_RE.fullmatch(match.group(0)):
            continue  # an ordinary address, found above
        if re.search(r"\s(?:at|chez)\s", match.group(0), re.IGNORECASE) and not re.search(
            r"[._\d]", local
        ):
            continue
        yield match.span()


def phones(text: str) -> Iterable[Span]:
    """Numbers `phonenumbers` finds possible in one of the regions, of 8 digits or more (fewer
    are house numbers, counts and years)."""
    seen = set()
    for region in PHONE_REGIONS:
        matcher = phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        )
        for match in matcher:
            span = (match.start, match.end)
            digits = sum(character.isdigit() for character in match.raw_string)
            if span not in seen and digits >= 8 and not YEARS_RE.fullmatch(match.raw_string):
                seen.add(span)
                yield span


@cache
def _extractor():
    from urlextract import URLExtract

    return URLExtract()


def links(text: str) -> Iterable[Span]:
    if "." in text:
        for _url, (start, end) in _extractor().find_urls(text, get_indices=True):
            found = text[start:end]
            # A link to a page: a scheme, www., or a path; not "e.g." or a bare "team.org".
            if "/" in found or found.lower().startswith("www."):
                yield start, end
    for match in HANDLE_RE.finditer(text):
        yield match.span()
    for match in PLATFORM_HANDLE_RE.finditer(text):
        yield match.span(1)
