"""Assembling: lines with kinds -> items with sections (character offsets into the text).

Layout-independent rules of how items are built once every line has a role: an item runs
from its header to the next item, group heading, closing formula or the end; a section from
its heading to the next heading; a block of headings printed before their content (two-column
PDF/OCR) shares out the content by cue phrases; a "Sagen kort" after a finished item opens an
item whose header was lost.
"""

from __future__ import annotations

import re

from ..patterns import BULLET_RE
from .features import _DATE_START, CELL, NUMBER_RE
from .rules import parse_marker
from .types import Item, Section
from .types import Line as _Line
from .vocabulary import Vocabulary

# --------------------------------------------------------------------------------------------
# Label blocks (labels printed before their content, 003)

_IND_CUE = re.compile(
    r"^(?:det\s+(?:indstilles|foresl[aå]s|anbefales)|\S+(?:\s+\S+){0,2}\s+(?:indstiller|foresl[aå]r)\b)",
    re.IGNORECASE)
_BES_CUE = re.compile(
    r"^(?:(?:formandskabet|rådet|rar|udvalget|udvalgsformanden|formanden|sagsudvalget)\s+"
    r"(?:besluttede|godkendte|tog|vedtog|tiltrådte|drøftede|orienterede|fastlagde|roste|kvitterede|"
    r"anbefal\w*|valgte|udsatte|afviste|noterede)|godkendt|taget\s+til\s+efterretning|"
    r"intet\s+(?:nyt|yderligere)|ingen\s+(?:forel\w+|punkter|bemærkninger|kommentarer)|"
    r"(?:[A-ZÆØÅ][\w-]*\s+){1,3}(?:besluttede|godkendte|vedtog|tiltrådte|drøftede|udsatte|afviste|"
    r"bevilgede|anbefalede)\b|(?:[A-ZÆØÅ][\w-]*\s+){1,3}tog\s+\S+(?:\s+\S+)?\s+til\s+efterretning|"
    r"[-–—]$)",
    re.IGNORECASE,
)
_BIL_CUE = re.compile(r"^(?:bilag\b|ingen\s+bilag|intet\s+bilag)", re.IGNORECASE)
_OEK_CUE = re.compile(r"\b(?:mio\.|kr\.|udgift\w*|budget\w*|finansier\w*|bevilling\w*|omkostning\w*)",
                      re.IGNORECASE)
_GREEDY = {"sagsfremstilling", "baggrund", "other"}  # long sections: every paragraph up to the next cue
_CUES = {"indstilling": _IND_CUE, "beslutning": _BES_CUE, "bilag": _BIL_CUE}


_LIST_ITEM = re.compile(r"^\d{1,2}\.\s+\S")  # "1. at …" ("1)", "a)" are BULLET_RE's)


def _is_continuation(ln: _Line, prev: _Line | None = None) -> bool:
    """A line that goes on with the paragraph before: a list item, lower-case start, or after a colon."""
    if _DATE_START.match(ln.text):  # "1. januar 2025 træder …" opens a paragraph, it is no list item
        return False
    return (bool(BULLET_RE.match(ln.text) or _LIST_ITEM.match(ln.text)) or ln.text[:1].islower()
            or (prev is not None and prev.text.rstrip().endswith(":")))


_PARA_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "tr", "blockquote", "dd"}


def _new_paragraph(ln: _Line) -> bool:
    """A blank line before it, or (web page, .docx) the first line of a paragraph element."""
    return ln.para_break or (ln.block is not None and ln.first_in_block and ln.block.get("tag") in _PARA_TAGS)


def _extent(units: list[_Line], j: int, stop_cues: list[re.Pattern]) -> int:
    """End (exclusive) of a section that starts at units[j]: its paragraph plus list items."""
    k = j + 1
    while k < len(units):
        ln = units[k]
        if any(c.match(ln.text) for c in stop_cues):
            break
        if not _new_paragraph(ln) or _is_continuation(ln, units[k - 1]):
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
        elif name == "oekonomi":
            hit = next((j for j in range(pos, n) if _OEK_CUE.search(units[j].text)), None)
            j, conf = (hit, 0.7) if hit is not None else (min(pos, n), 0.5)
        else:
            j, conf = min(pos, n), 0.6
        later = [_CUES[x] for x in labels[li + 1:] if x in _CUES]
        if cue is None and j < n and any(c.match(units[j].text) for c in later):
            starts.append((j, 0.5))  # the line is a later label's (its cue says so): this label printed nothing
            continue
        if li == 0 and name != "sagen_kort":
            prefix, j = j, j  # lines before the first cue belong to the section before the block
        starts.append((j, conf))
        pos = _extent(units, j, later) if j < n else n
        if name in _GREEDY and j < n:
            # Up to the next label that a cue anchors, leaving one paragraph per label in between.
            for k, nxt in enumerate(labels[li + 1:], start=1):
                cue_k = _CUES.get(nxt) or (_OEK_CUE if nxt == "oekonomi" else None)
                if cue_k is None:
                    continue
                hit = next((m for m in range(pos, n) if (cue_k.search if nxt == "oekonomi" else cue_k.match)(
                    units[m].text)), None)
                if hit is not None:
                    pos = max(pos, hit - (k - 1))
                break
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


def build_items(text: str, lines: list[_Line]) -> list[Item]:
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

    # Headers lost (two-column OCR): many more "Sagen kort" headings than item headers; each
    # one after a finished item then opens an item of its own.
    lost_headers = _headers_lost(lines)
    headerless = not any(ln.kind == "header" for ln in lines)

    def close(at: int) -> None:
        nonlocal cur, cur_section, furniture_from
        if cur is not None and cur_section is not None and furniture_from is not None:
            cur_section.end = max(cur_section.start, _rstrip(text, cur_section.start, furniture_from))
        furniture_from = None
        if cur is not None:
            cur.end = _rstrip(text, cur.start, at)
            for s in cur.sections:
                s.end = min(s.end, cur.end)
                s.start = min(s.start, s.end)
            cur.sections = [s for s in cur.sections if s.end > s.start or s.heading]
            items.append(cur)
        cur, cur_section = None, None

    furniture_from: int | None = None  # where a run of furniture lines after the content began

    def open_section(name: str, start: int, heading: str | None, conf: float = 1.0,
                     boundary: int | None = None) -> Section:
        """Start a section whose content begins at ``start``; the previous one ends at ``boundary``."""
        nonlocal cur_section, furniture_from
        assert cur is not None
        if furniture_from is not None:  # "Sagsnr. …", "Hent som PDF" after the text: not the section's
            boundary = min(furniture_from, start if boundary is None else boundary)
            furniture_from = None
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
                cur = Item(ln.start, len(text), ln.number, ln.title, ln.marker, confidence=ln.confidence,
                           closed=ln.closed, type_word=ln.type_word)
                if ln.label is not None:  # a heading glued to the header by a lost line break
                    printed, name, off, _ = ln.label
                    start = ln.start + off if ln.text[off:].strip() else _next_start(lines, i, ln)
                    open_section(name, start, printed, 0.8)
            i += 1
            continue
        if ln.kind == "cont":  # the header's title goes on
            i += 1
            continue
        if ln.kind == "furniture":  # case numbers, "Åbent punkt", UI residue: in no section of its own
            if cur is not None and ln.closed:
                cur.closed = True
            if cur_section is not None and furniture_from is None:
                furniture_from = ln.start
            if headerless and cur is not None and cur.sections:
                close(ln.start)  # no headers printed: "Udskriv" / "Sagsid.: …" lines separate the items
            i += 1
            continue
        if ln.kind == "label":
            printed, name, off, _ = ln.label
            content_start = ln.start + off
            block = [ln]
            k = i + 1
            while k < len(lines) and lines[k].kind == "label" and not lines[k].text[lines[k].label[2]:].strip():
                block.append(lines[k])
                k += 1
            is_block = (
                len(block) >= 2 and not ln.text[off:].strip()
                and (block[0].label[1] == "sagen_kort" or len(block) >= 3 or lost_headers)
            )
            opens_item = name == "sagen_kort" and (
                (lost_headers and (cur is None or any(s.name != "other" for s in cur.sections)))
                or (cur is not None and any(s.name == "sagen_kort" for s in cur.sections))
            )
            if is_block and (lost_headers or headerless) and (cur is None or any(
                    s.name in {b.label[1] for b in block} for s in cur.sections)):
                opens_item = True  # two-column layouts print each item's labels as one block
            if is_block and lost_headers and cur is not None and cur.closed and len(block) >= 3:
                opens_item = True  # a closed item publishes no case text: the block is the next item's
            if (headerless or lost_headers) and name != "other" and (cur is None or (
                    any(s.name == name for s in cur.sections) and (cur_section is None or cur_section.name != name))):
                opens_item = True  # no headers at all: a first or repeated heading starts the next item
            if opens_item:
                close(ln.start)
                cur = Item(ln.start, len(text), None, None, None, confidence=0.7)
            if cur is None:
                i += 1
                continue
            if cur.body_start is None:
                cur.body_start = ln.start
            if is_block:
                end = k
                names_ = {b.label[1] for b in block}
                while end < len(lines) and (lines[end].kind in ("text", "furniture") or (
                        # "Bilag 2.1.a: …" under a block that has a Bilag label is its content
                        lines[end].kind == "label" and lines[end].label[1] == "bilag" and "bilag" in names_
                        and lines[end].text[lines[end].label[2]:].strip())):
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
            if (cur_section is not None and cur_section.name == name and cur_section.heading
                    and (name != "other" or cur_section.heading == printed)):
                i += 1  # "Bilag 1.3.1 ..." / "Bilag 1.3.2 ...": the same section goes on
                continue
            open_section(name, content_start if ln.text[off:].strip() else _next_start(lines, i, ln), printed,
                         boundary=ln.start)
            i += 1
            continue
        # Plain text.
        furniture_from = None
        if cur is not None and cur_section is None:
            open_section("other", ln.start, None, 0.8)
        i += 1
    close(len(text))
    items = [it for k, it in enumerate(items) if not _is_group_intro(k, items)]
    if lost_headers:
        _demote_groups(items, n_groups=sum(1 for ln in lines if ln.kind == "group"))
    return items


def _label_block_count(lines: list[_Line]) -> int:
    """Runs of three or more heading-only lines (labels printed before their content)."""
    count = run = 0
    for ln in [*lines, None]:
        if ln is not None and ln.kind == "label" and ln.label is not None and not ln.text[ln.label[2]:].strip():
            run += 1
            continue
        count += run >= 3
        run = 0
    return count


def _headers_lost(lines: list[_Line]) -> bool:
    """Were item headers lost (two-column OCR)? Many more "Sagen kort" headings than headers, or a
    document whose items open with "Sagen kort" where one follows a finished item headerless."""
    n_headers = n_intro = sk_first = repeats = 0
    seen: set[str] | None = None
    for ln in lines:
        if ln.kind in ("header", "group"):
            n_headers += ln.kind == "header"
            seen = set() if ln.kind == "header" else None
        elif ln.kind == "label" and ln.label is not None:
            name = ln.label[1]
            if name == "sagen_kort":
                n_intro += 1
                if seen is not None and not seen:
                    sk_first += 1
                elif seen and seen - {"other"}:
                    repeats += 1
            if seen is not None:
                seen.add(name)
    if n_intro > n_headers + 1 or _label_block_count(lines) > n_headers + 1:
        return True
    return n_headers > 0 and sk_first >= 0.5 * n_headers and repeats >= 1


def _demote_groups(items: list[Item], n_groups: int = 0) -> None:
    """ "1. Title" followed by items whose headers were lost is a group heading, not an item.

    Seen when no numbered item header survived (two-column OCR): the heading's own block is
    then the first headerless item of the group. The last such heading is one too when the
    document's other top-level headings were read as group headings (one level, one role).
    """
    def demotable(it: Item) -> bool:
        return bool(it.number and it.number.isdigit() and it.body_start is not None)

    groups = [k for k, it in enumerate(items[:-1]) if demotable(it) and items[k + 1].number is None]
    if items and demotable(items[-1]) and n_groups >= 2 and all(it.number is None for it in items[:-1]):
        groups.append(len(items) - 1)
    for k in groups:
        it = items[k]
        assert it.body_start is not None
        it.start, it.number, it.title, it.marker, it.confidence = it.body_start, None, None, None, 0.7
        # Text between the demoted heading and its first label was the group's, not the item's.
        it.sections = [sec for sec in it.sections if sec.start >= it.start]


def _next_start(lines: list[_Line], i: int, ln: _Line) -> int:
    """Content of a label-only line starts at the next line unless that is another label/header."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and nxt.kind == "text":
        return nxt.start
    return ln.end  # empty section: zero-length at the end of its label


def _is_group_intro(k: int, items: list[Item]) -> bool:
    """An "item" holding only an introduction (Anledning/Sagen kort) that leads into a real item is a
    group introduction: headerless, or a numbered heading whose next item is its own child ("4" -> "4.1")."""
    it = items[k]
    names = {s.name for s in it.sections}
    if names - {"sagen_kort", "other"}:
        return False
    nxt = items[k + 1] if k + 1 < len(items) else None
    if nxt is None or nxt.number is None:
        return False
    if it.number is None and it.title is None:
        return True
    return bool(it.number and "." not in it.number and it.sections
                and nxt.number.startswith(it.number + "."))


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------------------------
# Roles -> line kinds

_TRAIL_TYPE = re.compile(r"(?:\s*[-–:(]\s*|\s+)(?P<word>[A-ZÆØÅa-zæøå][a-zæøå]+sag)\s*\)?\s*$|"
                         r"\s*[-–:(]\s*(?P<words>til (?:beslutning|orientering|drøftelse))\s*\)?\s*$",
                         re.IGNORECASE)


def parse_header(text: str, vocab: Vocabulary) -> tuple[str | None, str | None, str | None, str | None]:
    """(number, title, marker, type word) of an item header line, whatever its shape.

    "- 2.1. Title (B)", "Punkt 4: Title", "Pkt. 112 Title", "178. Title", "1 │ Title │ EMN-…",
    "Title – Beslutningssag", or a bare title (the line's typography made it a header).
    """
    s = text.strip()
    if CELL in s:
        cells = [c.strip() for c in s.split(CELL) if c.strip()]
        number = None
        rest_cells = []
        for c in cells:
            m = NUMBER_RE.match(c)
            if number is None and m and not m.group("rest") and len(c) <= 8:
                number = m.group("number")
            elif vocab.furniture_kind(c) is None:
                rest_cells.append(c)
        s = (f"{number} " if number else "") + (max(rest_cells, key=len) if rest_cells else "")
    s = re.sub(r"^[-–•]\s*", "", s)
    prefix, rest = vocab.strip_prefix(s)
    number: str | None = None
    m = NUMBER_RE.match(rest)
    if m and (prefix or m.group("rest")):
        number, rest = m.group("number"), m.group("rest")
        rest = re.sub(r"^[.:)\-–]\s*", "", rest)
    elif prefix:
        rest = s
    title = rest.strip()
    for suffix in vocab.title_suffixes:  # "Title      Åben sag" (right-aligned furniture on the header line)
        title = suffix.sub("", title)
    marker = None
    pm = parse_marker(title)
    if pm:
        marker, title = pm
    type_word = None
    lead = re.match(r"^(?P<word>[A-ZÆØÅa-zæøå]+sag)\s*[:\-–]\s*(?=\S)", title)
    if lead and vocab.type_word(lead.group("word")):
        type_word = vocab.type_word(lead.group("word"))
        title = title[lead.end():]
    tm = _TRAIL_TYPE.search(title)
    if tm and vocab.type_word(tm.group("word") or tm.group("words")):
        type_word = vocab.type_word(tm.group("word") or tm.group("words"))
        title = title[: tm.start()].rstrip(" -–:(")
    elif (w := vocab.type_word(title)) and len(title.split()) == 1:
        type_word = w
    title = " ".join(title.split()) or None
    return number, title, marker, type_word


def _label_blocks(lines: list[_Line], roles: list[str], vocab: Vocabulary) -> list[str]:
    """Consistency: a run of two or more lines that are each a known heading and nothing else is a
    block of labels printed before their contents (two-column layouts): all of them are headings."""
    roles = list(roles)
    alone = []
    for ln in lines:
        h = vocab.heading(ln.text)
        alone.append(h is not None and h.content >= len(ln.text.rstrip()) and h.form in ("alone", "fuzzy"))
    i = 0
    while i < len(lines):
        if not alone[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and alone[j]:
            j += 1
        if j - i >= 2 and any(roles[k] == "section" for k in range(i, j)):
            for k in range(i, j):
                if roles[k] in ("body", "furniture"):
                    roles[k] = "section"
        i = j
    return roles


def _container_titles(lines: list[_Line], roles: list[str]) -> list[str]:
    """Consistency: the title attribute of an element (``<section data-title="…">``) that holds
    section headings is that element's header, when the page does this for two or more elements."""
    cand = []
    for i, ln in enumerate(lines):
        if ln.block is None or ln.block.get("tag") != "title-attr" or roles[i] not in ("body", "furniture"):
            continue
        first = next((roles[j] for j in range(i + 1, len(lines)) if roles[j] != "furniture"), None)
        if first == "section":
            cand.append(i)
    if len(cand) < 2:
        return roles
    roles = list(roles)
    for i in cand:
        roles[i] = "item"
    return roles


def apply_roles(lines: list[_Line], roles: list[str], conf, vocab: Vocabulary) -> None:
    """Turn each line's role into the kind (and parsed fields) ``build_items`` works on."""
    roles = _container_titles(lines, _label_blocks(lines, roles, vocab))
    for k in range(1, len(lines)):  # an agenda's "-" under a heading is that section's (empty) content
        if roles[k] == "furniture" and roles[k - 1] == "section" and lines[k].text.strip() in ("-", "–", "—"):
            roles[k] = "body"
    last_header: _Line | None = None
    for ln, role, c in zip(lines, roles, conf, strict=True):
        ln.role, ln.confidence = role, float(c)
        ln.kind = {"item": "header", "item_cont": "cont", "group": "group", "section": "label", "toc": "toc",
                   "furniture": "furniture", "closing": "closing"}.get(role, "text")
        ln.closed = len(ln.text) <= 200 and vocab.is_closed(ln.text)
        if role == "item":
            ln.number, ln.title, ln.marker, ln.type_word = parse_header(ln.text, vocab)
            glued = vocab.trailing_heading(ln.text)
            if glued is not None and ln.title and ln.title.endswith(glued[0]):
                ln.label = (glued[0], glued[1], len(ln.text), False)
                ln.title = ln.title[: -len(glued[0])].rstrip() or ln.title
            ln.closed = ln.closed or bool(ln.title and vocab.is_closed(ln.title))
            if ln.closed and ln.title:
                ln.title = re.sub(r"^lukket(?:\s+punkt)?\s*[:\-–]\s*", "", ln.title, flags=re.IGNORECASE) or ln.title
            last_header = ln
        elif role == "item_cont" and last_header is not None:
            extra = ln.text.strip()
            pm = parse_marker(extra)
            if pm and not last_header.marker:
                last_header.marker, extra = pm
            last_header.title = " ".join(f"{last_header.title or ''} {extra}".split())
        elif role == "section":
            h = vocab.heading(ln.text)
            if h is not None:
                ln.label = (h.printed, h.canonical, h.content, h.form == "colon")
            else:  # a heading the vocabulary does not know as such: by its first words, else "other"
                head, sep, rest = ln.text.partition(":")
                canonical = vocab.heading_prefix(head if sep else ln.text) or "other"
                if sep and rest.strip() and len(head) <= 60:
                    ln.label = (head.strip(), canonical, len(head) + 1, True)
                else:
                    ln.label = (ln.text.strip().rstrip(":"), canonical, len(ln.text), False)
        if role not in ("item", "item_cont", "body"):
            last_header = None if role != "furniture" else last_header
    _run_in_proposals(lines, vocab)


def _run_in_proposals(lines: list[_Line], vocab: Vocabulary) -> None:
    """An item with no Indstilling heading whose text says "Det indstilles, at …" / "Administrationen
    indstiller, at …": that sentence opens the proposal (a run-in heading)."""
    start = 0
    bounds = [i for i, ln in enumerate(lines) if ln.kind in ("header", "group", "closing", "toc")] + [len(lines)]
    for end in bounds:
        span = lines[start:end]
        start = end
        if not span or any(ln.label is not None and ln.label[1] == "indstilling" for ln in span):
            continue
        for ln in span:
            if ln.kind == "text" and (h := vocab.heading(ln.text)) is not None and h.form == "phrase":
                ln.kind, ln.label = "label", (h.printed, h.canonical, 0, False)
                break
