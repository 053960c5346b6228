"""The rule labeller: today's regexes decide each line's kind (kept for comparison and as features).

Handles the five corpus layouts without looking at file names; the learned labeller
(``labeller.py``) uses its output as one feature among many.
"""

from __future__ import annotations

import re
from collections import Counter

from ..patterns import CLOSING_RE, HEADER_RE, MARKER_RE, MONTH_RE, label_of
from .types import Line as _Line

_NOT_TITLE = re.compile(rf"^(?:{MONTH_RE}|kvartal|halvår|og\b|klasse|kl\.|maj\b)", re.IGNORECASE)


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




def rule_kinds(lines: list[_Line]) -> list[_Line]:
    """Today's rule decisions on copies of ``lines`` (kind, number, title, marker, label)."""
    import dataclasses

    copies = [dataclasses.replace(ln, kind="text", number=None, title=None, marker=None, label=None)
              for ln in lines]
    _classify(copies)
    _resolve_headers(copies)
    return copies
