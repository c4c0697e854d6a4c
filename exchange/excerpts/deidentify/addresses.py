"""Street addresses, as English, German, Belgian and French letters write them, capitalised or
not ("17 Ashgrove Rd", "Flat 3, 42 Hollins Street", "Kottbusser Damm 12", "sonnenallee 221",
"chaussée de Gand 120", "14, rue des Poissonniers", "bd de la Villette 87"), and a postcode
before a town GeoNames knows ("10115 Berlin"; "1200 Jugendliche" is not one)."""

import re
from collections.abc import Iterable

from exchange.excerpts.deidentify.places import is_a_place

WORD = r"[\wÀ-ÖØ-öø-ÿ'’-]+"
CAP = r"[A-ZÀ-ÖØ-Þ][\wÀ-ÖØ-öø-ÿ'’-]*"
HOUSE = r"\d{1,4}\s?[a-zA-Z]?(?:\s?bis|\s?ter)?(?![\d/.,]\d)"
EN_STREET = (
    r"street|st\.?|road|rd\.?|avenue|ave\.?|lane|ln\.?|close|drive|way|square|sq\.?|place|"
    r"terrace|crescent|court|gardens|hill|row|grove|parade|mews|walk|high st\.?|broadway"
)
DE_STREET = r"straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|markt"
FR_STREET = (
    r"rue|avenue|av\.|boulevard|bd|chemin|place|impasse|allée|quai|cours|route|passage|square|"
    r"chaussée|chée|drève|rempart|faubourg|sentier"
)
FR_ARTICLE = r"(?:de la|de l'|de l’|d'|d’|du|des|de|la|le|les)"
# Words that end a French street's name: "8 boulevard Voltaire depuis leur arrivée".
FR_STOP = r"(?!(?:depuis|au|aux|à|en|et|dans|près|avec|pour|chez|le|la|les|un|une|où|qui)\b)"
STOP = r"(?!(?:and|und|et|or|the|to|for|of|in|a|an|with|families|people|young)\b)"

ADDRESS_RES = [
    # 12 Baker Street, 17 Ashgrove Rd, Flat 3, 42 Hollins Street, 9 cedar close
    re.compile(
        rf"(?<![\w])(?:flat\s+\d+[a-z]?,?\s+)?{HOUSE},?\s+(?:{STOP}{WORD}\s+){{1,3}}"
        rf"(?:{EN_STREET})(?![\w])",
        re.IGNORECASE,
    ),
    # Hauptstraße 5, lindenweg 12a, Hermannstr. 48, Bergstraße 5 (German: number after)
    re.compile(
        rf"(?<![\w])(?:{CAP}[ -])?[A-Za-zÄÖÜäöüß][a-zäöüß-]*(?:{DE_STREET})\s*{HOUSE}(?![\w])",
        re.IGNORECASE,
    ),
    # Kottbusser Damm 12, Karl-Marx-Allee 3: the street word on its own
    re.compile(
        rf"(?<![\w]){CAP}(?:-{CAP})*\s+(?:Damm|Allee|Straße|Strasse|Str\.|Weg|Platz|Ring|Ufer|"
        rf"Chaussee|Markt|Gasse|Steig)\s*{HOUSE}(?![\w])"
    ),
    re.compile(rf"(?<![\w])(?:Am|An der|Im|In der|Auf der|Zum|Zur)\s+{CAP}\s+{HOUSE}(?![\w])"),
    # 12 rue de la Paix, 3, avenue Victor Hugo, 5 bis, impasse du Marché, 12 avenue jean jaurès
    re.compile(
        rf"(?<![\w]){HOUSE},?\s+(?:{FR_STREET})\s+(?:{FR_ARTICLE}\s*)?{WORD}"
        rf"(?:[ -]{FR_STOP}{WORD}){{0,2}}",
        re.IGNORECASE,
    ),
    # chaussée de Gand 120, bd de la Villette 87, rue Haute 12 (Belgium: number after)
    re.compile(
        rf"(?<![\w])(?:{FR_STREET})\s+(?:{FR_ARTICLE}\s*)?{WORD}(?:[ -]{WORD}){{0,2}}?\s+"
        rf"{HOUSE}(?![\w])",
        re.IGNORECASE,
    ),
    # SW1A 1AA
    re.compile(r"(?<![\w])[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}(?![\w])"),
]
POSTCODE_TOWN = re.compile(rf"(?<![\w])\d{{4,5}}\s+({CAP}(?:[ -]{CAP})?)(?![\w])")


def find(text: str) -> Iterable[tuple[int, int]]:
    for pattern in ADDRESS_RES:
        for match in pattern.finditer(text):
            yield match.span()
    for match in POSTCODE_TOWN.finditer(text):
        if is_a_place(match.group(1)):
            yield match.span()
