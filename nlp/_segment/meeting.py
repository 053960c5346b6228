"""Meeting metadata for any body: kind, RAR council, body as printed, municipality/region, date."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import Counter
from importlib import resources

from ..patterns import MONTH_RE, MONTHS
from .types import Item, Meeting

COUNCILS = ("Nordjylland", "Østjylland", "Vestjylland", "Sydjylland", "Fyn", "Sjælland", "Hovedstaden",
            "Bornholm")
_COUNCIL_SLUG = {"nordjylland": "Nordjylland", "oestjylland": "Østjylland", "vestjylland": "Vestjylland",
                 "sydjylland": "Sydjylland", "fyn": "Fyn", "sjaelland": "Sjælland",
                 "hovedstaden": "Hovedstaden", "bornholm": "Bornholm"}



# --------------------------------------------------------------------------------------------
# Meeting metadata

_DATE = re.compile(rf"(\d{{1,2}})\.\s*({MONTH_RE})\s+(\d{{4}})", re.IGNORECASE)
_TITLE_DATE = re.compile(
    rf"(?:referat|dagsorden|protokol)\b[^\n]{{0,120}}?\b(?:\w*m\S?de[t]?|rådsmødet)\s+(?:den\s+)?"
    rf"(\d{{1,2}})\.\s*({MONTH_RE})\s+(\d{{4}})",
    re.IGNORECASE,
)
_AGENDA_DATE = re.compile(
    rf"dagsorden\s+(?:for|til)\s+(?:dagens\s+|råds)?møde[t]?\s+(?:den\s+)?(\d{{1,2}})\.\s*({MONTH_RE})\s+(\d{{4}})",
    re.IGNORECASE,
)
_COUNCIL_RE = re.compile(rf"\bRAR[\s-]+({'|'.join(COUNCILS)})s?\b")
_COUNCIL_URL = re.compile(r"rar-bm\.dk/rar-(" + "|".join(_COUNCIL_SLUG) + ")", re.IGNORECASE)


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), MONTHS[month.lower()], int(day)).isoformat()
    except ValueError:
        return None


_NUM_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})(?![\d/-])")
_BODY_WORD = re.compile(
    r"(?:udvalg\w*|\w*råd(?:et)?|rådsmøde|byråd\w*|regionsråd\w*|kommunalbestyrelse\w*|magistrat\w*|"
    r"borgerrepræsentation\w*|bestyrelse\w*|KKR\b|lokaludvalg\w*|formandskab\w*|forum\w*|netværk\w*)",
    re.IGNORECASE)
_BODY = re.compile(
    r"(?P<body>(?:(?:Det|Den)\s+)?(?:[A-ZÆØÅ][\w.-]*(?:\s+(?:og|for|i|af|-)\s+|\s+|-))*?"
    r"(?:[A-ZÆØÅ]\w*[-\s])?(?:[\w-]*(?:udvalg\w*|råd(?:et)?|byråd\w*|regionsråd\w*|kommunalbestyrelse\w*|"
    r"magistrat\w*|borgerrepræsentation\w*|bestyrelse\w*|lokaludvalg\w*|formandskab\w*)|KKR(?:\s+[A-ZÆØÅ]\w+)?)"
    r"(?:\s+(?:for|i)\s+[A-ZÆØÅ][\w-]*(?:\s+(?:og\s+)?[A-ZÆØÅ][\w-]*)*)?)")
_REGION = re.compile(r"\bRegion\s+(Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b")
_KOMMUNE = re.compile(r"\b([A-ZÆØÅ][\w-]+(?:-[A-ZÆØÅ][\w]+)?)\s+Kommune\b|\b(Københavns|Frederiksberg)\s+Kommune\b")


@functools.cache
def _municipalities() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case name -> name, name -> region) of the 98 municipalities; the gazetteer is read once."""
    data = json.loads(resources.files("nlp").joinpath("data/gazetteers/municipalities.json").read_text("utf-8"))
    return ({m["name"].lower(): m["name"] for m in data["municipalities"]},
            {m["name"]: m["region"] for m in data["municipalities"]})


def _numeric_iso(d: str, m: str, y: str) -> str | None:
    year = int(y) + (2000 if len(y) == 2 else 0)
    try:
        return dt.date(year, int(m), int(d)).isoformat()
    except ValueError:
        return None


def _first_date(chunk: str) -> str | None:
    found = []
    for m in _DATE.finditer(chunk):
        if (iso := _iso(*m.groups())):
            found.append((m.start(), iso))
    for m in _NUM_DATE.finditer(chunk):
        if (iso := _numeric_iso(*m.groups())):
            found.append((m.start(), iso))
    return min(found)[1] if found else None


def detect_meeting(text: str, items: list[Item], headers: list[str] | None = None) -> Meeting:
    """Kind, council, body, municipality/region and date, each with a confidence."""
    headers = headers or []
    head = text[:3000]
    meeting = Meeting()
    # Date: a running header or the title page names the meeting day; failing that, the agenda
    # item about "dagsorden til rådsmødet <date>". Dates elsewhere refer to other meetings.
    cover = text[: items[0].start] if items else head
    first_item = text[items[0].start: items[0].end][:1500] if items else ""
    for chunk, pattern, conf in [*((h, _TITLE_DATE, 0.95) for h in headers), (cover, _TITLE_DATE, 0.9),
                                 (first_item, _AGENDA_DATE, 0.85)]:
        m = pattern.search(chunk)
        if m and (iso := _iso(*m.groups())):
            meeting.date, meeting.confidence["date"] = iso, conf
            break
    # Council: most mentioned "RAR <area>", with titles and headers weighted up.
    votes: Counter[str] = Counter()

    def count(chunks: list[tuple[str, int]]) -> None:
        for chunk, weight in chunks:
            for m in _COUNCIL_RE.finditer(chunk):
                votes[m.group(1)] += weight
            for m in _COUNCIL_URL.finditer(chunk):
                votes[_COUNCIL_SLUG[m.group(1).lower()]] += weight

    count([(h, 5) for h in headers] + [(head, 2)])
    if votes or not _other_body(cover[:2500]):
        count([(text, 1)])
    if votes:
        (best, n), *rest = [*votes.most_common(2), (None, 0)]
        meeting.council = f"RAR {best}"
        meeting.confidence["council"] = round(n / (n + rest[0][1]), 3) if rest else 1.0
    # Kind: a printed title decides; else whether decisions are filled in.
    title = re.search(r"^\W*(referat|dagsorden|protokol)\b", head, re.IGNORECASE | re.MULTILINE)
    decisions = [s for it in items for s in it.sections if s.name == "beslutning"]
    filled = [s for s in decisions if len(text[s.start:s.end].strip(" -–\n")) > 3]
    if decisions:
        share = len(filled) / len(decisions)
        meeting.kind = "referat" if share >= 0.5 else "dagsorden"
        meeting.confidence["kind"] = round(max(share, 1 - share), 3)
    if title and title.start() < 600:
        word = title.group(1).lower()
        meeting.kind = "dagsorden" if word == "dagsorden" else "referat"
        meeting.confidence["kind"] = 0.95
    cover_lines = [ln.strip() for ln in cover[:2500].split("\n") if ln.strip()][:15]
    for ln in cover_lines[:8]:  # "Beslutningsprotokol for ...": its own kind
        if re.search(r"\b(?:beslutnings|møde)protokol", ln, re.IGNORECASE):
            meeting.kind, meeting.confidence["kind"] = "beslutningsprotokol", 0.9
            break
    # Date of a non-RAR layout: the first date on the cover ("onsdag den 1. oktober 2025", "22-11-2012").
    if meeting.date is None:
        for ln in cover_lines[:10]:
            # Any body: a weekday and a date on the cover ("Tirsdag den 27. februar 2024") is the
            # meeting day; without a weekday only for non-RAR layouts (RAR texts cite other meetings).
            if (iso := _first_date(ln)) and (meeting.council is None or _WEEKDAY.search(ln)):
                meeting.date, meeting.confidence["date"] = iso, 0.8 if _WEEKDAY.search(ln) else 0.7
                break
    # Body: the RAR council, else the committee/council named on the cover.
    if meeting.council:
        meeting.body, meeting.confidence["body"] = meeting.council, meeting.confidence.get("council", 1.0)
    else:
        for ln in cover_lines + headers:
            if _BODY_WORD.search(ln) and (m := _BODY.search(ln)):
                body = m.group("body").strip(" -–·,")
                if len(body) >= 4:
                    meeting.body, meeting.confidence["body"] = body, 0.7
                    break
    # Municipality or region the body belongs to.
    names, regions = _municipalities()
    for ln in cover_lines + headers + [text[:3000]]:
        if (rm := _REGION.search(ln)):
            meeting.region, meeting.confidence["region"] = f"Region {rm.group(1)}", 0.8
            break
        km = _KOMMUNE.search(ln)
        if km:
            name = (km.group(1) or km.group(2) or "")
            name = {"københavns": "København"}.get(name.lower(), name)
            if name.lower() in names:
                meeting.municipality, meeting.confidence["municipality"] = names[name.lower()], 0.8
                break
    if meeting.municipality and not meeting.region:  # the region the municipality lies in (a fact)
        meeting.region = regions.get(meeting.municipality)
        if meeting.region:
            meeting.confidence["region"] = meeting.confidence.get("municipality", 0.8)
    return meeting


_WEEKDAY = re.compile(r"\b(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b", re.IGNORECASE)


def _other_body(cover: str) -> bool:
    """The cover names a body that is not a RAR (a committee, a council, a board)."""
    for ln in cover.split("\n")[:15]:
        if _BODY_WORD.search(ln) and not re.search(r"\bRAR\b|arbejdsmarkedsråd", ln, re.IGNORECASE):
            return True
    return False



