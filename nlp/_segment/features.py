"""Layout-independent features of each line, GROBID-style.

Every line gets a bag of string features: shape (length, capitals, ending, first tokens),
today's regexes and the vocabulary (as evidence, not decisions), typography from the reader's
blocks (bold, relative size, HTML tag and heading level, table rows, list items), context (the
neighbours' shape, blank lines), position, and document-level evidence (a numbering sequence,
titles that recur later as in a table of contents). Nothing here names a publisher or a file.
"""

from __future__ import annotations

import re
from collections import Counter

from ..patterns import BULLET_RE, MARKER_RE, MONTH_RE
from ..read import CELL_SEP as CELL
from ..text import ends_with_abbreviation
from .rules import rule_kinds
from .types import Line
from .vocabulary import Vocabulary

NUMBER_RE = re.compile(
    r"^(?:[-–•]\s*)?(?P<number>\d{1,3}[A-Za-z]?(?:\.\d{1,3}){0,3})(?P<sep>\.|\)|:|\s*[-–])?(?=\s|$)\s*(?P<rest>.*)$")
_LETTER_ENUM = re.compile(r"^(?:[A-HJ-Z]|[IVX]{1,4})[.)]\s+[A-ZÆØÅ]")
_DATE_START = re.compile(rf"^\d{{1,2}}\.\s*(?:{MONTH_RE})\b", re.IGNORECASE)
_LEADERS = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")
_TRAIL_NUM = re.compile(r"\s\d{1,3}$")
_WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄä]+")
# Shape features copied onto the neighbours (as "p:" / "n:" features).
_CTX = ("head", "furn", "num", "bold", "big", "len=", "end=", "first=", "closing", "row", "rule=",
        "dline", "tag=h", "heading_tag", "caps", "bullet", "marker", "blank_before", "prefix=")


_CONJUNCTIONS = (("num&n:head", ("num", "n:head")),
                 ("num&bold", ("num", "bold")), ("head&bold", ("head", "bold")),
                 ("head&htag", ("head", "heading_tag")), ("num&recurs_later", ("num", "recurs_later")),
                 ("num&leaders", ("num", "leaders")), ("num&blanks", ("num", "blank_before", "blank_after")),
                 # a run-in heading's content is often a whole sentence; run-in labels follow each other
                 ("inline&end=.", ("head_inline", "end=.")), ("head&p:runin", ("head", "p:head_form=runin")))
_SEQ_FAR = 6  # lines between two numbers of one sequence beyond which they number items rather than a list
_PLAIN_CONJUNCTIONS = (("htag&nonsection", "heading_tag"), ("bold&nonsection", "bold"), ("big&nonsection", "big"))


def _bucket(n: int, edges: tuple[int, ...]) -> int:
    for i, e in enumerate(edges):
        if n <= e:
            return i
    return len(edges)


def _title_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))[:30]


def _char_class(c: str) -> str:
    if not c:
        return "none"
    if c.isupper():
        return "upper"
    if c.islower():
        return "lower"
    if c.isdigit():
        return "digit"
    return "punct" if c not in "-–•" else "dash"


def own_features(ln: Line, vocab: Vocabulary) -> tuple[list[str], dict]:
    """Features of the line alone, plus facts later stages reuse (number, heading)."""
    t = ln.text
    f: list[str] = []
    facts: dict = {}
    n = len(t)
    words = t.split()
    f.append(f"len={_bucket(n, (3, 8, 15, 30, 50, 80, 120, 200))}")
    f.append(f"words={_bucket(len(words), (1, 2, 4, 7, 12, 20))}")
    f.append(f"first={_char_class(t[:1])}")
    last = t[-1:]
    if last == "." and ends_with_abbreviation(t):
        f.append("end=abbr")  # "… 2,8 mio. kr.", "jf. pkt." end no sentence: a title may end so
    else:
        f.append("end=" + (last if last in ".:),;?!-–" else _char_class(last)))
    if t.isupper() and sum(c.isalpha() for c in t[:40]) >= 3:
        f.append("caps")
    if words:
        caps = sum(w[:1].isupper() for w in words) / len(words)
        f.append(f"capratio={_bucket(int(caps * 10), (2, 5, 8))}")
    if BULLET_RE.match(t):
        f.append("bullet")
    if ":" in t[1:-1]:
        f.append("colon_in")
    first_word = (_WORD.match(t) or [None])[0] if t[:1].isalpha() else None
    if first_word and len(first_word) <= 14:
        f.append(f"w0={first_word.lower()}")
    # Item-header evidence: prefix, number, marker, type words.
    prefix, rest = vocab.strip_prefix(t)
    if prefix:
        f.append(f"prefix={prefix.lower().rstrip('.')}")
    cells = t.split(CELL) if CELL in t else None
    if cells:
        f.append("row")
        f.append(f"row_cells={min(len(cells), 5)}")
        if NUMBER_RE.match(cells[0].strip()) and len(cells[0].strip()) <= 6:
            f.append("row_first_num")
        if cells[0].strip().lower() in ("nr.", "nr", "punkt", "pkt.", "#"):
            f.append("row_head")
        rest = next((c for c in cells[1:] if c.strip()), rest) if NUMBER_RE.match(cells[0].strip()) else rest
    m = NUMBER_RE.match(rest if prefix else t)
    if m:
        number = m.group("number")
        facts["number"] = number
        facts["paren"] = m.group("sep") == ")"
        depth = number.count(".") + 1
        f.append("num")
        f.append(f"num_depth={min(depth, 3)}")
        f.append(f"num_sep={(m.group('sep') or 'none').strip()}")
        r = m.group("rest")
        f.append(f"num_rest={_char_class(r[:1])}")
        tw = _WORD.match(r)
        if tw and len(tw.group(0)) <= 14:
            f.append(f"t0={tw.group(0).lower()}")  # "Eventuelt", "Godkendelse", "Meddelelser" open items
        lead = number.split(".")[0]
        if lead.isdigit() and int(lead) > 30:
            f.append("num_big")
        if re.search(r"[A-Za-z]", number):
            f.append("num_letter")
        if _DATE_START.match(t):
            f.append("date_start")
        if not r:
            f.append("num_alone")
    if _LETTER_ENUM.match(t):
        f.append("letter_enum")
    if re.match(r"^_{3,}", t):
        f.append("signature")
    short = n <= 200  # furniture, markers, type words and closing formulas live on short lines
    if short and t.rstrip(" .:")[-1:] == ")" and MARKER_RE.search(t):
        f.append("marker")
    if short and vocab.type_word(t):
        f.append("typeword")
    if vocab.trailing_heading(t):
        f.append("tail_head")
    # Vocabulary evidence.
    h = vocab.heading(t)
    if h:
        facts["heading"] = h
        f.append("head")
        f.append(f"head_form={h.form}")
        # Shared evidence across forms, so a form seen in one layout only still counts as a heading.
        f.append("head_inline" if h.form in ("colon", "runin", "glued", "phrase") else
                 "head_line" if h.form in ("alone", "fuzzy", "decision_line") else "head_other")
        if not h.weak:
            f.append("head_strong")
        f.append(f"head_canon={h.canonical}")
        if h.weak:
            f.append("head_weak")
        if h.content >= len(t):
            f.append("head_alone")
    fk = vocab.furniture_kind(t) if short else None
    if fk is not None:
        f.append("furn")
        f.append(f"furn={fk}")
    if short and vocab.is_closed(t):
        f.append("closed")
    if h is not None and h.form == "decision_line":
        f.append("dline")
    if short and vocab.is_history_line(t):
        f.append("hist")
    if short and vocab.is_closing(t):
        f.append("closing")
    if t.lower().rstrip(" :") in vocab.toc_headings:
        f.append("toc_heading")
    if short and _LEADERS.search(t):
        f.append("leaders")
    if _TRAIL_NUM.search(t) and not m:
        f.append("trail_num")
    # Typography.
    b = ln.block
    if b is not None:
        if b.get("bold"):
            f.append("bold")
        size = b.get("size")
        if size:
            if size >= 1.4:
                f.append("big")
                f.append("huge")
            elif size >= 1.12:
                f.append("big")
            elif size <= 0.88:
                f.append("small")
        tag = b.get("tag")
        if tag:
            f.append(f"tag={tag}")
            if tag == "title-attr":  # the title of the element it stands on: that element's heading
                f.append(f"tag=h{b.get('level') or 2}")
            if (tag[:1] == "h" and tag[1:].isdigit()) or tag in ("title-attr", "summary", "caption", "dt"):
                f.append("heading_tag")  # the reader saw a heading, whatever the markup
        if b.get("list_item"):
            f.append("li")
        x = b.get("x")
        if x is not None:
            f.append(f"x={_bucket(int(x * 10), (0, 1, 3, 5))}")
        f.append("blk_first" if ln.first_in_block else "blk_cont")
        if ln.start <= b["start"] + 1 and ln.end >= b["end"] - 1:
            f.append("blk_whole")
    if ln.para_break:
        f.append("blank_before")
    if ln.blank_after:
        f.append("blank_after")
    return f, facts


def _num_key(number: str) -> tuple[int, ...] | None:
    parts = number.split(".")
    try:
        return tuple(int(re.sub(r"[A-Za-z]", "", p) or 0) for p in parts)
    except ValueError:
        return None


def document_features(lines: list[Line], vocab: Vocabulary) -> list[list[str]]:
    """All features of every line: own, rules, context, position and document-level evidence."""
    own, facts = [], []
    for ln in lines:
        f, fa = own_features(ln, vocab)
        own.append(f)
        facts.append(fa)
    n = len(lines)
    has_blocks = any(ln.block is not None for ln in lines)
    rules = rule_kinds(lines)
    for i, r in enumerate(rules):
        own[i].append(f"rule={r.kind}")
    ctx = [[":" + x for x in fs if x.startswith(_CTX)] for fs in own]  # what the neighbours see
    # Titles that recur: a TOC lists the items that come back later.
    keys = [_title_key(ln.text) if len(ln.text) <= 160 else "" for ln in lines]
    counts = Counter(k for k in keys if len(k) >= 8)
    seen: Counter[str] = Counter()
    # Numbering sequence: does the number continue the last number of the same depth and style?
    # ("1)" lists in a Bilag section are a sequence of their own, not a break in "9." -> "10.")
    last_at_depth: dict[tuple[int, bool], tuple[int, ...]] = {}
    last_line: dict[tuple[int, bool], int] = {}  # where that number was: item numbers lie far apart, list numbers not
    out: list[list[str]] = []
    for i, ln in enumerate(lines):
        f = list(own[i])
        k = keys[i]
        if counts.get(k, 0) > 1:
            f.append("recurs_later" if seen[k] < counts[k] - 1 else "recurs_earlier")
        seen[k] += 1
        number = facts[i].get("number")
        if number and (key := _num_key(number)) is not None:
            d = len(key)
            style = bool(facts[i].get("paren"))
            prev = last_at_depth.get((d, style))
            if prev is None:
                f.append("seq_first" if key[-1] in (0, 1) else "seq_start_other")
            elif key[:-1] == prev[:-1] and key[-1] == prev[-1] + 1:
                f.append("seq_next")
                if i - last_line[(d, style)] >= _SEQ_FAR:
                    f.append("seq_next&far")
            elif key[:-1] != prev[:-1] and key[-1] in (0, 1):
                f.append("seq_sub_first")
            elif key <= prev:
                f.append("seq_back")
            else:
                f.append("seq_jump")
            last_at_depth[(d, style)] = key
            last_line[(d, style)] = i
            for dd in list(last_at_depth):
                if dd[0] > d and dd[1] == style:
                    del last_at_depth[dd]
        pos = i / max(n - 1, 1)
        f.append(f"pos={_bucket(int(pos * 20), (0, 1, 18))}")
        if i == 0:
            f.append("doc_first")
        f.append("has_blocks" if has_blocks else "no_blocks")
        for off, tag in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
            j = i + off
            if 0 <= j < n:
                f.extend(tag + x for x in ctx[j])
            else:
                f.append(f"{tag}:none")
        if ln.block is not None and i + 1 < n and lines[i + 1].block is ln.block:
            f.append("n:same_block")
        out.append(f)
    # Conjunctions the linear model cannot form itself.
    for f in out:
        s = set(f)
        f.extend(name for name, needs in _CONJUNCTIONS if s.issuperset(needs))
        if "head" not in s and "furn" not in s and "closing" not in s:  # a line the vocabulary does not explain
            f.extend(name for name, needs in _PLAIN_CONJUNCTIONS if needs in s)
            if "n:head" in s or ("n:furn" in s and "nn:head" in s):
                f.append("before_section")
                if "num" in s:
                    f.append("num&before_section")
                if "end=." not in s and "end=," not in s:
                    f.append("before_section&no_stop")
    return out
