"""Segmenting: meeting -> agenda items -> sections, on normalised text.

Pure functions first (``segment_text`` returns plain dataclasses with character offsets),
then ``RarSegmenter``, the thin spaCy component that writes them to the ``Doc``:

* ``doc.spans["items"]`` with ``Span._.number``, ``._.title``, ``._.marker``;
* ``doc.spans["sections"]`` with ``Span._.section`` (canonical name) and ``._.heading``;
* ``doc._.meeting``: ``{"kind", "council", "date"}``.

Layouts handled without looking at file names: inline labels ("Sagen kort: ..."), labels at
a line start without colon (002), label-only lines (004), label blocks printed before their
content (003, two-column OCR), items whose header was lost (003), tables of contents,
group headings, numbered lists and dates inside items.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .patterns import BULLET_RE, CLOSING_RE, HEADER_RE, MARKER_RE, MONTH_RE, MONTHS, label_of

# --------------------------------------------------------------------------------------------
# Results


@dataclass
class Section:
    name: str
    start: int
    end: int
    heading: str | None = None  # the printed label ("Anledning", "Referat"); None for "other"
    confidence: float = 1.0


@dataclass
class Item:
    start: int
    end: int
    number: str | None = None
    title: str | None = None
    marker: str | None = None
    sections: list[Section] = field(default_factory=list)
    confidence: float = 1.0
    body_start: int | None = None  # where its first label line starts


@dataclass
class Meeting:
    kind: str | None = None  # "referat" | "dagsorden"
    council: str | None = None
    date: str | None = None  # ISO 8601
    confidence: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "council": self.council, "date": self.date,
                "confidence": dict(self.confidence)}


@dataclass
class _Line:
    start: int
    end: int
    text: str
    para_break: bool  # a blank line precedes it
    kind: str = "text"  # text | header | group | label | closing
    number: str | None = None
    title: str | None = None
    marker: str | None = None
    number_dot: bool = False
    label: tuple[str, str, int, bool] | None = None  # (printed, canonical, content offset, colon)


# --------------------------------------------------------------------------------------------
# Lines and their kinds

_NOT_TITLE = re.compile(rf"^(?:{MONTH_RE}|kvartal|halvår|og\b|klasse|kl\.|maj\b)", re.IGNORECASE)
COUNCILS = ("Nordjylland", "Østjylland", "Vestjylland", "Sydjylland", "Fyn", "Sjælland", "Hovedstaden",
            "Bornholm")
_COUNCIL_SLUG = {"nordjylland": "Nordjylland", "oestjylland": "Østjylland", "vestjylland": "Vestjylland",
                 "sydjylland": "Sydjylland", "fyn": "Fyn", "sjaelland": "Sjælland",
                 "hovedstaden": "Hovedstaden", "bornholm": "Bornholm"}


def split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos, blank = 0, False
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
        pos = end + 1
    return out


def parse_marker(text: str) -> tuple[str, str] | None:
    """Find an item type marker in a header; return (raw marker without parentheses, title)."""
    found = None
    for m in MARKER_RE.finditer(text):
        found = m
    if not found or text[found.end():].strip(" .:-–"):
        return None
    return " ".join(found.group("body").split()), text[: found.start()].rstrip(" .:-–")


def _classify(lines: list[_Line]) -> None:
    for ln in lines:
        if CLOSING_RE.match(ln.text):
            ln.kind = "closing"
            continue
        lab = label_of(ln.text)
        if lab:
            ln.kind, ln.label = "label", lab
            continue
        m = HEADER_RE.match(ln.text)
        if m and not _NOT_TITLE.match(m.group("title")):
            number, title = m.group("number"), m.group("title")
            marker = parse_marker(title)
            if marker:
                ln.marker, title = marker
            if len(title) > 220 or title.endswith((",", ";")):
                continue
            ln.kind, ln.number, ln.title = "header", number, " ".join(title.split())
            ln.number_dot = bool(m.group("dot"))


def _depth(number: str) -> int:
    return number.count(".") + 1


def _first_component(number: str) -> str:
    return number.split(".")[0]


def _next_nonblank(lines: list[_Line], i: int) -> _Line | None:
    return lines[i + 1] if i + 1 < len(lines) else None


def _is_eventuelt(title: str | None) -> bool:
    return bool(title) and title.lower().rstrip(". ").startswith("eventuelt")


def _resolve_headers(lines: list[_Line]) -> None:
    """Decide which header-looking lines are items, group headings, TOC entries or prose."""
    headers = [i for i, ln in enumerate(lines) if ln.kind == "header"]

    def confirmed(i: int) -> bool:
        ln, nxt = lines[i], _next_nonblank(lines, i)
        return bool(ln.marker) or _is_eventuelt(ln.title) or (nxt is not None and nxt.kind == "label")

    multi = any(_depth(lines[i].number) >= 2 and confirmed(i) for i in headers)
    # Tables of contents: runs of >= 3 headers with only blank lines between them, whose entries
    # come back later in the document.
    later_keys = Counter((lines[i].number, (lines[i].title or "")[:25].lower()) for i in headers)
    toc: set[int] = set()
    run: list[int] = []

    def key(j: int) -> tuple[str | None, str]:
        return lines[j].number, (lines[j].title or "")[:25].lower()

    for i in [*headers, None]:
        restart = i is not None and any(key(j) == key(i) for j in run)  # the body after a TOC
        if run and (i is None or i != run[-1] + 1 or restart):
            if len(run) >= 3 and sum(later_keys[key(j)] > 1 for j in run) >= len(run) // 2:
                toc.update(run)
            run = []
        if i is not None:
            run.append(i)
    last_number: int | None = None
    last_group = 0
    for i in headers:
        ln = lines[i]
        if i in toc:
            ln.kind = "toc"
            continue
        number = ln.number or ""
        has_letter = bool(re.search(r"[A-Z]", number))
        if _depth(number) == 1 and not ln.number_dot:
            ln.kind = "text"  # "1 Rekrutteringssurvey ..." (a footnote), not a heading
        elif multi and _depth(number) == 1 and not has_letter:
            group = _is_group(lines, i) and int(number) > last_group
            ln.kind = "group" if group else "text"
            if group:
                last_group = int(number)
        elif multi:
            ln.kind = "header" if confirmed(i) and (_depth(number) >= 2 or has_letter) else "text"
        else:
            ok = confirmed(i)
            if ok and number.isdigit() and last_number is not None and int(number) < last_number:
                ok = False  # a numbered list restarting inside an item
            ln.kind = "header" if ok else "text"
            if ok and number.isdigit():
                last_number = int(number)


def _is_group(lines: list[_Line], i: int) -> bool:
    """A single-number heading in a multi-level document: followed by a label or its first child."""
    nxt = _next_nonblank(lines, i)
    if nxt is None:
        return False
    if nxt.kind == "label":
        return nxt.label is not None and nxt.label[1] == "sagen_kort"  # the first item's "Anledning"
    if nxt.kind == "header" and nxt.number and _depth(nxt.number) >= 2:
        return _first_component(nxt.number) == _first_component(lines[i].number or "")
    return False


# --------------------------------------------------------------------------------------------
# Label blocks (labels printed before their content, 003)

_IND_CUE = re.compile(r"^(?:det\s+indstilles|\S+(?:\s+\S+)?\s+indstiller\b)", re.IGNORECASE)
_BES_CUE = re.compile(
    r"^(?:(?:formandskabet|rådet|rar|udvalget|udvalgsformanden|formanden|sagsudvalget)\s+"
    r"(?:besluttede|godkendte|tog|vedtog|tiltrådte|drøftede|orienterede|fastlagde|roste|kvitterede|"
    r"anbefal\w*|valgte|udsatte|afviste|noterede)|godkendt|taget\s+til\s+efterretning|"
    r"intet\s+(?:nyt|yderligere)|ingen\s+(?:forel\w+|punkter|bemærkninger|kommentarer))",
    re.IGNORECASE,
)
_BIL_CUE = re.compile(r"^(?:bilag\b|ingen\s+bilag|intet\s+bilag)", re.IGNORECASE)
_CUES = {"indstilling": _IND_CUE, "beslutning": _BES_CUE, "bilag": _BIL_CUE}


def _is_continuation(ln: _Line) -> bool:
    return bool(BULLET_RE.match(ln.text)) or ln.text[:1].islower()


def _extent(units: list[_Line], j: int, stop_cues: list[re.Pattern]) -> int:
    """End (exclusive) of a section that starts at units[j]: its paragraph plus list items."""
    k = j + 1
    while k < len(units):
        ln = units[k]
        if any(c.match(ln.text) for c in stop_cues):
            break
        if not ln.para_break or _is_continuation(ln):
            k += 1
            continue
        prev_bullet = BULLET_RE.match(units[k - 1].text)
        nxt_bullet = k + 1 < len(units) and BULLET_RE.match(units[k + 1].text)
        if prev_bullet and nxt_bullet:  # a wrapped line sandwiched between bullets
            k += 1
            continue
        break
    return k


def assign_block(labels: list[str], units: list[_Line]) -> tuple[int, list[tuple[str, int, int, float]]]:
    """Distribute content lines over a block of labels printed before them.

    Returns (lines that continue the previous section, [(section, first, end, confidence)]).
    Cue phrases anchor Indstilling ("Det indstilles"), Beslutning ("Formandskabet besluttede")
    and Bilag ("Ingen bilag"); the other labels take what lies between, in printed order.
    """
    n = len(units)
    starts: list[tuple[int, float]] = []
    pos = 0
    prefix = 0
    for li, name in enumerate(labels):
        cue = _CUES.get(name)
        if name == "bilag":
            hits = [j for j in range(pos, n) if _BIL_CUE.match(units[j].text)]
            j, conf = (hits[-1], 0.9) if hits else (n, 0.5)
        elif cue is not None:
            hit = next((j for j in range(pos, n) if cue.match(units[j].text)), None)
            if hit is None:
                j, conf = min(pos, n), 0.5
            else:
                j, conf = hit, 0.9
        else:
            j, conf = min(pos, n), 0.6
        if li == 0 and name != "sagen_kort":
            prefix, j = j, j  # lines before the first cue belong to the section before the block
        starts.append((j, conf))
        later = [_CUES[x] for x in labels[li + 1:] if x in _CUES]
        pos = _extent(units, j, later) if j < n else n
    out = []
    for li, name in enumerate(labels):
        j, conf = starts[li]
        end = starts[li + 1][0] if li + 1 < len(labels) else n
        end = max(end, j)
        if end > j:
            out.append((name, j, end, conf))
    return prefix, out


# --------------------------------------------------------------------------------------------
# Items and sections


def _item_spans(text: str, lines: list[_Line]) -> list[Item]:
    items: list[Item] = []
    cur: Item | None = None
    cur_section: Section | None = None
    detached = any(
        ln.kind == "label" and not ln.text[ln.label[2]:].strip()
        and i + 1 < len(lines) and lines[i + 1].kind == "label"
        and not lines[i + 1].text[lines[i + 1].label[2]:].strip()
        and ln.label[1] == "sagen_kort"
        for i, ln in enumerate(lines) if ln.label
    )

    def close(at: int) -> None:
        nonlocal cur, cur_section
        if cur is not None:
            cur.end = _rstrip(text, cur.start, at)
            for s in cur.sections:
                s.end = min(s.end, cur.end)
                s.start = min(s.start, s.end)
            cur.sections = [s for s in cur.sections if s.end > s.start or s.heading]
            items.append(cur)
        cur, cur_section = None, None

    def open_section(name: str, start: int, heading: str | None, conf: float = 1.0,
                     boundary: int | None = None) -> Section:
        """Start a section whose content begins at ``start``; the previous one ends at ``boundary``."""
        nonlocal cur_section
        assert cur is not None
        if cur_section is not None:
            cur_section.end = max(cur_section.start,
                                  _rstrip(text, cur_section.start, start if boundary is None else boundary))
        start = _lstrip(text, start, len(text))
        cur_section = Section(name, start, len(text), heading, conf)
        cur.sections.append(cur_section)
        return cur_section

    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind in ("header", "group", "closing", "toc"):
            close(ln.start)
            if ln.kind == "header":
                cur = Item(ln.start, len(text), ln.number, ln.title, ln.marker)
            i += 1
            continue
        if ln.kind == "label":
            printed, name, off, _ = ln.label
            content_start = ln.start + off
            if cur is not None and cur.body_start is None:
                cur.body_start = ln.start
            block = [ln]
            k = i + 1
            while k < len(lines) and lines[k].kind == "label" and not lines[k].text[lines[k].label[2]:].strip():
                block.append(lines[k])
                k += 1
            is_block = (
                len(block) >= 2 and not ln.text[off:].strip()
                and (block[0].label[1] == "sagen_kort" or len(block) >= 3)
            )
            opens_item = name == "sagen_kort" and (
                cur is None or any(s.name != "other" for s in cur.sections)
            )
            if opens_item:
                close(ln.start)
                cur = Item(ln.start, len(text), None, None, None, confidence=0.7)
            if cur is None:
                i += 1
                continue
            if is_block:
                end = k
                while end < len(lines) and lines[end].kind == "text":
                    end += 1
                units = lines[k:end]
                names = [b.label[1] for b in block]
                prefix, parts = assign_block(names, units)
                if prefix and cur_section is not None:
                    cur_section.end = _rstrip(text, cur_section.start, units[prefix - 1].end)
                for name_, a, b, conf in parts:
                    heading = next(x.label[0] for x in block if x.label[1] == name_)
                    sec = open_section(name_, units[a].start, heading, conf)
                    sec.end = units[b - 1].end
                i = end
                continue
            if name == "bilag" and detached and cur_section is not None and not ln.text[off:].strip():
                # Two-column layout: a detached "Bilag" label may sit inside running text; the
                # text up to the first attachment-like line continues the section before it.
                j = i + 1
                while j < len(lines) and lines[j].kind == "text" and not _BIL_CUE.match(lines[j].text):
                    j += 1
                cue = j < len(lines) and _BIL_CUE.match(lines[j].text) and lines[j].kind in ("text", "label")
                if cue and j > i + 1:
                    if lines[j].kind == "label":
                        i = j  # the attachment line is itself labelled: let it open the section
                        continue
                    open_section(name, lines[j].start, printed, 0.8, boundary=lines[j].start)
                    i = j + 1
                    continue
            if cur_section is not None and cur_section.name == name and cur_section.heading:
                i += 1  # "Bilag 1.3.1 ..." / "Bilag 1.3.2 ...": the same section goes on
                continue
            open_section(name, content_start if ln.text[off:].strip() else _next_start(lines, i, ln), printed,
                         boundary=ln.start)
            i += 1
            continue
        # Plain text.
        if cur is not None and cur_section is None:
            open_section("other", ln.start, None, 0.8)
        i += 1
    close(len(text))
    items = [it for it in items if not _is_group_intro(it, items)]
    _demote_groups(items)
    return items


def _demote_groups(items: list[Item]) -> None:
    """ "1. Title" followed by items whose headers were lost is a group heading, not an item.

    Seen when no numbered item header survived (two-column OCR): the heading's own block is
    then the first headerless item of the group.
    """
    def demotable(it: Item) -> bool:
        return bool(it.number and it.number.isdigit() and it.body_start is not None)

    groups = [k for k, it in enumerate(items[:-1]) if demotable(it) and items[k + 1].number is None]
    if groups:  # one layout per document: every such heading is a group heading
        groups = [k for k, it in enumerate(items) if demotable(it) and not _is_eventuelt(it.title)]
    for k in groups:
        it = items[k]
        assert it.body_start is not None
        it.start, it.number, it.title, it.marker, it.confidence = it.body_start, None, None, None, 0.7


def _next_start(lines: list[_Line], i: int, ln: _Line) -> int:
    """Content of a label-only line starts at the next line unless that is another label/header."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and nxt.kind == "text":
        return nxt.start
    return ln.end  # empty section: zero-length at the end of its label


def _is_group_intro(it: Item, items: list[Item]) -> bool:
    """A headerless "item" holding only an Anledning that leads into a real item is a group intro."""
    if it.number is not None or it.title is not None:
        return False
    names = {s.name for s in it.sections}
    if names - {"sagen_kort", "other"}:
        return False
    k = items.index(it)
    return k + 1 < len(items) and items[k + 1].number is not None


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


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


def detect_meeting(text: str, items: list[Item], headers: list[str] | None = None) -> Meeting:
    """Kind (referat/dagsorden), council and date, each with a confidence."""
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
    for chunk, weight in [(h, 5) for h in headers] + [(head, 2), (text, 1)]:
        for m in _COUNCIL_RE.finditer(chunk):
            votes[m.group(1)] += weight
        for m in _COUNCIL_URL.finditer(chunk):
            votes[_COUNCIL_SLUG[m.group(1).lower()]] += weight
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
    return meeting


# --------------------------------------------------------------------------------------------
# Entry point


def segment_text(text: str, headers: list[str] | None = None) -> tuple[Meeting, list[Item]]:
    """Segment normalised text; ``headers`` are running headers the normaliser removed."""
    lines = split_lines(text)
    _classify(lines)
    _resolve_headers(lines)
    items = _item_spans(text, lines)
    return detect_meeting(text, items, headers), items


# --------------------------------------------------------------------------------------------
# spaCy component

for _name in ("number", "title", "marker", "section", "heading", "seg_confidence"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("meeting"):
    Doc.set_extension("meeting", default=None)


def spans_within(group: Iterable[Span], start: int, end: int) -> list[Span]:
    """Spans of a group sorted by start that lie inside [start, end), by binary search.

    Per-item lookups must not scan the whole document: a 5 MB file has thousands of items.
    """
    if not isinstance(group, SpanGroup):
        return [s for s in group if start <= s.start_char and s.end_char <= end]
    n = len(group)
    i = bisect.bisect_left(range(n), start, key=lambda k: group[k].start_char)
    out = []
    while i < n:
        s = group[i]
        if s.start_char >= end and not (s.start_char == end == s.end_char):
            break
        if s.end_char <= end:
            out.append(s)
        i += 1
    return out


def item_sections(item: Span) -> dict[str, Span]:
    """Sections of an item span by canonical name (first occurrence when printed in pieces)."""
    out: dict[str, Span] = {}
    for sec in spans_within(item.doc.spans.get("sections", []), item.start_char, item.end_char):
        out.setdefault(sec._.section, sec)
    return out


if not Span.has_extension("sections"):
    Span.set_extension("sections", getter=item_sections)


class RarSegmenter:
    """spaCy component: finds items and sections; all logic lives in ``segment_text``."""

    def __init__(self, nlp: Language, name: str = "rar_segmenter") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        meta = doc.user_data.get("rar_norm") or {}
        meeting, items = segment_text(doc.text, meta.get("removed_headers"))
        return self.set_annotations(doc, meeting, items)

    def set_annotations(self, doc: Doc, meeting: Meeting, items: list[Item]) -> Doc:
        item_spans, section_spans = [], []
        for it in items:
            span = doc.char_span(it.start, it.end, alignment_mode="expand")
            if span is None:
                continue
            span._.number, span._.title, span._.marker = it.number, it.title, it.marker
            span._.seg_confidence = it.confidence
            item_spans.append(span)
            for sec in it.sections:
                if sec.end > sec.start:
                    s = doc.char_span(sec.start, sec.end, alignment_mode="expand")
                else:  # a label with nothing under it ("Referat" in an agenda): an empty span
                    i = next((t.i for t in doc if t.idx >= sec.start), len(doc))
                    s = doc[i:i]
                if s is None:
                    continue
                s._.section, s._.heading, s._.seg_confidence = sec.name, sec.heading, sec.confidence
                section_spans.append(s)
        doc.spans["items"] = item_spans
        doc.spans["sections"] = section_spans
        doc._.meeting = meeting.to_dict()
        return doc


@Language.factory("rar_segmenter")
def make_segmenter(nlp: Language, name: str) -> RarSegmenter:
    return RarSegmenter(nlp, name)
