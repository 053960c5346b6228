"""The printed vocabulary of RAR meeting documents: section labels, item headers, markers.

Shared by the normaliser (which must not join a label or header into the paragraph
before it) and the segmenter (which cuts on them). Facts only, no logic beyond regexes.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

# Printed label -> canonical section name. Longest labels first so "Sagen kort" wins over "Sagen".
SECTION_LABELS: dict[str, str] = {
    "sagen kort": "sagen_kort",
    "anledning": "sagen_kort",
    "intro om temaer": "other",
    "indstilling": "indstilling",
    "indstillinger": "indstilling",
    "beslutning": "beslutning",
    "beslutninger": "beslutning",
    "referat": "beslutning",
    "sagsfremstilling": "sagsfremstilling",
    "sagen uddybet": "sagsfremstilling",
    "baggrund": "baggrund",
    "videre proces": "videre_proces",
    "proces/opfølgning": "videre_proces",
    "proces og opfølgning": "videre_proces",
    "opfølgning": "videre_proces",
    "bilag": "bilag",
    "bemærkninger": "other",
}
SECTION_NAMES = ("sagen_kort", "indstilling", "beslutning", "sagsfremstilling", "baggrund", "sagsforloeb",
                 "oekonomi", "videre_proces", "bilag", "other")
# Labels that are also ordinary words at a line start ("Referat af mødet ...", "Opfølgning på ...")
# count as labels only when they stand alone or are followed by a colon.
WEAK_LABELS = {"referat", "opfølgning", "bemærkninger", "baggrund", "beslutninger", "indstillinger"}

_label_alt = "|".join(re.escape(k) for k in sorted(SECTION_LABELS, key=len, reverse=True))
# A label at the start of a line: alone, with a colon, or followed by capitalised content
# after whitespace ("Beslutning Rådet tog ...", 002 style).
LABEL_RE = re.compile(
    rf"^[ \t]*(?P<label>{_label_alt})(?![\w/-])[ \t]*(?P<colon>:)?[ \t]*(?P<rest>.*)$",
    re.IGNORECASE,
)

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
MONTH_RE = "|".join(MONTHS)

# An item type marker such as (B), (D/B), (O og B), (O+D), (D+oplæg), (Oplæg + D), OCR (0).
MARKER_RE = re.compile(
    r"\(\s*(?P<body>(?:oplæg\s*\+\s*)?[BDO0](?:\s*(?:/|\+|,|og)\s*(?:[BDO0]|evt\.?\s*oplæg[^()]*|oplæg[^()]*))*)\s*\)",
    re.IGNORECASE,
)

# "- 1.1. Title (B)", "1.1.1 Title", "0A. Title", "4. Title"; the title must start like a title.
HEADER_RE = re.compile(
    r"^[ \t]*(?:[-–][ \t]*)?(?P<number>\d{1,2}[A-Z]?(?:\.\d{1,2}){0,3})(?P<dot>\.?)[ \t]+"
    r"(?P<title>[A-ZÆØÅ\"'”“‘’«(][^\n]*?)[ \t]*$"
)

BULLET_GLYPHS = "\uf0b7\uf0a7\uf0d8\uf076\uf0fc\u2022\u25aa\u25cf\u25a0\u2023\u2043\u25e6\u2219\u00b7"
BULLET_RE = re.compile(rf"^[ \t]*(?:[{BULLET_GLYPHS}]|[-–][ \t]|\d{{1,2}}\)|[a-hA-H]\)|[ivx]+\))")

# Lines that end the list of items: closing formulas and attendance lists.
CLOSING_RE = re.compile(
    r"^[ \t]*(?:mødet\s+(?:sluttede|blev\s+afviklet|afsluttedes|hævet)|deltagere(?:\s+på)?\b|"
    r"fra\s+formandskabet\s+deltog|til\s+stede\s*:|fraværende\s*:)",
    re.IGNORECASE,
)


def label_of(line: str) -> tuple[str, str, int, bool] | None:
    """Return (printed label, canonical section, content offset in line, has_colon) or None.

    Weak labels ("Referat", "Baggrund", ...) need a colon or an otherwise empty line, and no
    label counts when what follows reads as a sentence continuing the label word.
    """
    m = LABEL_RE.match(line)
    if not m:
        return None
    label = m.group("label")
    key = " ".join(label.lower().split())
    rest = m.group("rest")
    colon = bool(m.group("colon"))
    if not colon and rest:
        if key in WEAK_LABELS:
            return None
        first = rest.lstrip()[:1]
        # "Bilag 1.1: ..." is bilag content with its label; "Indstilling af brancher" is prose.
        if not (first.isupper() or first.isdigit() or first in "-–•\"”“'’(" or first in BULLET_GLYPHS):
            return None
    canonical = SECTION_LABELS[key]
    if canonical == "bilag" and not colon and rest[:1].isdigit():
        return label, canonical, m.start("label"), colon  # "Bilag 1.1: ..." names the attachment
    return label, canonical, m.start("rest") if rest else len(line.rstrip()), colon


@functools.cache
def ocr_confusions() -> dict:
    """The OCR confusion table (``nlp/data/ocr_confusions.json``): repair rules, damaged word forms,
    gazetteer variants, regex alternatives and the heading fold, one file for every stage."""
    return json.loads(resources.files("nlp").joinpath("data/ocr_confusions.json").read_text("utf-8"))
