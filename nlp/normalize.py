"""Normalising: clean PDF/OCR text into paragraphs while keeping a map back to the original.

Stages, each a list of non-overlapping edits on the previous text:

1. characters: bullet glyphs, NBSP, soft hyphens, trailing/leading blanks;
2. furniture: running headers, page numbers, duplicated link lines, TOC dot leaders;
3. hyphenation: "dagsor-" / "den" -> "dagsorden", real hyphens kept ("Råds- og", "SOSU-assistent");
4. OCR repair (only for documents detected as damaged): "mgde" -> "møde", "Radet" -> "Rådet";
5. paragraphs: wrapped lines joined, structural lines (headers, labels, bullets) kept.

Every stage composes into :class:`OffsetMap`, so any span of the normalised text can be
traced back to the characters it came from.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from .patterns import BULLET_GLYPHS, BULLET_RE, CLOSING_RE, HEADER_RE, MARKER_RE, label_of, ocr_confusions

if TYPE_CHECKING:  # the normaliser itself works on plain text
    from spacy.tokens import Doc

# --------------------------------------------------------------------------------------------
# Offsets


class OffsetMap:
    """Maps each character of the normalised text to the range of original characters it came from.

    Two int arrays with one entry per normalised character plus an end sentinel: ``starts[i]``
    and ``ends[i]`` bound the original characters behind character ``i``. A repair that makes
    a word shorter ("beskaeftigelse" -> "beskæftigelse") still maps the word onto all of its
    original characters.
    """

    def __init__(self, starts: np.ndarray, ends: np.ndarray | None = None) -> None:
        self.starts = starts
        self.ends = ends if ends is not None else np.append(starts[1:], starts[-1:]) if len(starts) else starts

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        starts = np.arange(n + 1, dtype=np.int64)
        ends = np.arange(1, n + 2, dtype=np.int64)
        ends[-1] = n
        return cls(starts, ends)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def orig(self, i: int) -> int:
        return int(self.starts[i])

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span [start, end)."""
        if end <= start:
            o = int(self.starts[start])
            return o, o
        return int(self.starts[start]), int(self.ends[end - 1])

    def then(self, stage: tuple[np.ndarray, np.ndarray]) -> OffsetMap:
        """Compose with a later stage's map (each new character -> [start, end) in this map's text)."""
        ss, se = stage
        starts = self.starts[ss]
        ends = np.where(se > ss, self.ends[np.maximum(se - 1, 0)], starts)
        return OffsetMap(starts, ends)

    @staticmethod
    def _runs(a: np.ndarray) -> list[list[int]]:
        if len(a) == 0:
            return []
        breaks = np.flatnonzero(np.diff(a) != 1) + 1
        return [[int(i), int(a[i])] for i in np.concatenate(([0], breaks))]

    @staticmethod
    def _unrun(runs: list[list[int]], n: int) -> np.ndarray:
        """The array of ``n + 1`` values whose slope-1 runs start as ``runs`` says: [index, value]."""
        if not runs:
            return np.empty(0, dtype=np.int64)
        at = np.array(runs, dtype=np.int64).reshape(-1, 2)
        lengths = np.diff(np.append(at[:, 0], n + 1))
        return np.arange(n + 1, dtype=np.int64) + np.repeat(at[:, 1] - at[:, 0], lengths)

    def to_anchors(self) -> dict[str, list[list[int]]]:
        """Compact, JSON/msgpack-safe form: where the slope-1 runs of each array start."""
        return {"start": self._runs(self.starts), "end": self._runs(self.ends)}

    @classmethod
    def from_anchors(cls, anchors: dict | list, n: int) -> OffsetMap:
        if isinstance(anchors, list):  # starts only
            return cls(cls._unrun(anchors, n))
        return cls(cls._unrun(anchors["start"], n), cls._unrun(anchors["end"], n))

    @classmethod
    def of_doc(cls, doc: Doc) -> OffsetMap | None:
        """The map the normalising tokenizer stored in the Doc's run state (``norm``); None without one."""
        from .doc import run_state  # nlp.doc imports this module

        meta = run_state(doc).get("norm") or {}
        if not meta.get("anchors"):
            return None
        return cls.from_anchors(meta["anchors"], meta.get("length") or len(doc.text))


Stage = tuple[np.ndarray, np.ndarray]


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, Stage]:
    """Apply non-overlapping (start, end, replacement) edits; return the new text and, for each new
    character, the [start, end) range of old characters it stands for.

    A replacement of equal length maps character by character (OCR letter repairs keep exact
    offsets); other replacements share the replaced range out in proportion; insertions map to
    an empty range.
    """
    edits = sorted(edits, key=lambda e: (e[0], e[1]))
    pieces: list[str] = []
    # One segment per verbatim run or replacement: where it came from and how long it is now. One
    # formula maps all of them (a verbatim run is a replacement of equal length), computed in numpy
    # for all characters at once.
    segments: list[tuple[int, int, int]] = []  # (old start, old end, new length)
    pos = 0
    for start, end, new in edits:
        if start < pos:  # overlapping edit: skip, the earlier one wins
            continue
        if start > pos:
            pieces.append(text[pos:start])
            segments.append((pos, start, start - pos))
        if new:
            pieces.append(new)
            segments.append((start, end, len(new)))
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
        segments.append((pos, len(text), len(text) - pos))
    seg = np.array(segments, dtype=np.int64).reshape(-1, 3)
    first, width, n = seg[:, 0], seg[:, 1] - seg[:, 0], seg[:, 2]
    out_at = np.cumsum(n) - n  # where each segment starts in the new text
    total = int(n.sum())
    # Character by character (verbatim runs, equal-length repairs): start = first + k, end = start + 1.
    starts = np.empty(total + 1, dtype=np.int64)
    starts[:total] = np.arange(total, dtype=np.int64) + np.repeat(first - out_at, n)
    starts[total] = len(text)
    ends = starts + 1
    ends[total] = len(text)
    # The other replacements share their old range out in proportion (insertions: an empty range).
    odd = np.flatnonzero(n != width)
    if len(odd):
        m = n[odd]
        k = np.arange(int(m.sum()), dtype=np.int64) - np.repeat(np.cumsum(m) - m, m)  # place in its segment
        where, n_c = np.repeat(out_at[odd], m) + k, np.repeat(m, m)
        first_c, width_c = np.repeat(first[odd], m), np.repeat(width[odd], m)
        starts[where] = first_c + (k * width_c) // n_c
        ends[where] = np.minimum(np.maximum(first_c + ((k + 1) * width_c) // n_c, starts[where] + 1),
                                 first_c + width_c)
    return "".join(pieces), (starts, ends)


# --------------------------------------------------------------------------------------------
# Danish word list


@functools.cache
def lemma_table() -> dict[str, str]:
    """spaCy's Danish lookup table (word form -> its one lemma) from spacy-lookups-data, read once per process:
    the lookup lemmatizer, the OCR repair and the entity rules all read this one copy."""
    import spacy_lookups_data
    import srsly

    path = resources.files(spacy_lookups_data) / "data" / "da_lemma_lookup.json.gz"
    return srsly.read_gzip_json(str(path))


@functools.cache
def lemma_forms() -> frozenset[str]:
    """Lower-cased Danish word forms and lemmas of spaCy's Danish lookup table (no names)."""
    table = lemma_table()
    return frozenset(map(str.lower, table)) | frozenset(map(str.lower, table.values()))


@functools.cache
def danish_words() -> frozenset[str]:
    """Lower-cased Danish word forms: spaCy's Danish lemma table plus our gazetteer names."""
    words = lemma_forms() | _extra_words()
    return frozenset(w for w in words if w.isalpha() or "-" in w)


@functools.cache
def _extra_words() -> frozenset[str]:
    """Place names, council names and common personal names, with genitive forms."""
    data = json.loads(resources.files("nlp").joinpath("data/wordlist_extra.json").read_text("utf-8"))
    out: set[str] = set()
    for group in data.values():
        if not isinstance(group, list):
            continue
        for phrase in group:
            for w in re.split(r"[\s-]+", phrase.lower()):
                if w:
                    out.update({w, w + "s", w + "'"})
    return frozenset(out)


def is_word(w: str, words: frozenset[str] | None = None) -> bool:
    words = words or danish_words()
    return w.lower() in words


def is_compound(w: str, words: frozenset[str] | None = None, *, min_part: int = 3) -> bool:
    """True if ``w`` splits into two known words (with an optional linking -s- or -e-)."""
    words = words or danish_words()
    w = w.lower()
    for i in range(min_part, len(w) - min_part + 1):
        head, tail = w[:i], w[i:]
        if tail not in words:
            continue
        if head in words or (head[-1] in "se" and len(head) > min_part and head[:-1] in words):
            return True
    return False


def known(w: str, words: frozenset[str] | None = None) -> bool:
    words = words or danish_words()
    return is_word(w, words) or is_compound(w, words)


# --------------------------------------------------------------------------------------------
# Result


@dataclass
class Normalized:
    """Normalised text, its map to the original, and what was changed (for audit and tests)."""

    text: str
    offsets: OffsetMap
    ocr_damaged: bool = False
    ocr_score: float = 0.0
    repairs: list[tuple[int, int, str, str]] = field(default_factory=list)
    removed: list[tuple[int, int, str]] = field(default_factory=list)
    blocks: list[dict] = field(default_factory=list)  # the reader's layout blocks, in normalised offsets

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.orig_span(start, end)

    def meta(self) -> dict:
        """JSON/msgpack-safe summary stored on ``Doc.user_data`` by the pipeline."""
        return {
            "length": len(self.text),  # Doc.text is rebuilt from tokens on every access; this is not
            "anchors": self.offsets.to_anchors(),
            "ocr_damaged": self.ocr_damaged,
            "ocr_score": round(self.ocr_score, 4),
            "n_repairs": len(self.repairs),
            "removed_headers": [t for _, _, t in self.removed if t.startswith("header:")],
            "blocks": self.blocks,
        }


# --------------------------------------------------------------------------------------------
# Stage 1: characters

_CHAR_MAP = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\f": "\n", "\u200b": "",
             "\u00ad": "", "\ufeff": ""}
_BULLET_LINE = re.compile(rf"^([ \t]*)[{BULLET_GLYPHS}][ \t]*", re.MULTILINE)
_SPACES_AROUND = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
_COMBINING = re.compile(r".[\u0300-\u036f]+")


_SPECIAL_CHARS = re.compile("[" + "".join(_CHAR_MAP) + "]")
_INLINE_BULLET = re.compile(rf"(?<=\S)[ \t]*[{BULLET_GLYPHS}][ \t]+(?=\S)")
_BULLET_THEN_SPACE = re.compile(rf"[{BULLET_GLYPHS}][ \t]+(?=\S)")


def _inline_bullets(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``_INLINE_BULLET.finditer`` gives, found from the glyphs: that regex opens with
    ``[ \t]*`` and is tried at every position of the text, where bullets are rare."""
    end = 0
    for m in _BULLET_THEN_SPACE.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start >= end and start > 0 and not text[start - 1].isspace():
            end = m.end()
            yield start, end


def _stage_chars(text: str) -> list[tuple[int, int, str]]:
    edits = [(m.start(), m.end(), _CHAR_MAP[m.group()]) for m in _SPECIAL_CHARS.finditer(text)]
    for m in _COMBINING.finditer(text):
        edits.append((m.start(), m.end(), unicodedata.normalize("NFC", m.group())))
    for m in _BULLET_LINE.finditer(text):  # any bullet glyph at a line start -> "• "
        edits.append((m.start(), m.end(), "• "))
    for start, end in _inline_bullets(text):  # inline glyph bullets
        edits.append((start, end, "\n• "))
    for m in _SPACES_AROUND.finditer(text):
        edits.append((m.start(), m.end(), ""))
    return _dedupe(edits)


def _dedupe(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    edits.sort(key=lambda e: (e[0], -(e[1] - e[0])))
    out: list[tuple[int, int, str]] = []
    end = -1
    for e in edits:
        if e[0] >= end or (e[0] == e[1] and e[0] >= end):
            out.append(e)
            end = max(end, e[1])
    return out


# --------------------------------------------------------------------------------------------
# Stage 2: page furniture

_RUNNING_HEADER = re.compile(
    r"^(?:referat|dagsorden|protokol)\b(?:\s+\S+){0,12}?\s+\S*m\S?de\S*\b.*\b(?:19|20)\d\d\b(?:\s+\d{1,3})?$",
    re.IGNORECASE,
)
_PAGE_NO = re.compile(r"^(?:side\s+)?\d{1,3}(?:\s*(?:af|/)\s*\d{1,3})?$", re.IGNORECASE)
_URL_LINE = re.compile(r"^(?:https?:\S*|www\.\S+)$", re.IGNORECASE)
_DOT_LEADER = re.compile(r"[ \t]*(?:\.[ \t]?){4,}[ \t]*\d{0,3}[ \t]*$")
_SQUASH = re.compile(r"[\s\-–]+")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _header_key(line: str) -> str:
    """Running-header identity, tolerant of page numbers and OCR letter damage."""
    line = re.sub(r"\s+\d{1,3}$", "", line.strip()).lower()
    return re.sub(r"[^a-z0-9]", "", line.translate(str.maketrans("æøå@gq¢", "*******")))


def _stage_furniture(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    spans = _lines(text)
    lines = [text[s:e] for s, e in spans]
    edits: list[tuple[int, int, str]] = []
    removed: list[tuple[int, int, str]] = []

    def drop(i: int, why: str) -> None:
        s, e = spans[i]
        edits.append((s, min(e + 1, len(text)), ""))
        removed.append((s, e, f"{why}:{lines[i]}"))

    header_keys = Counter(_header_key(ln) for ln in lines if _RUNNING_HEADER.match(ln))
    squash: tuple[str, np.ndarray] | None = None  # built on the first URL line only
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    pos_in_nonblank = {i: k for k, i in enumerate(nonblank)}
    for i, ln in enumerate(lines):
        stripped = ln.strip()
        if not stripped:
            continue
        if _RUNNING_HEADER.match(stripped) and (
            header_keys[_header_key(stripped)] >= 2 or re.search(r"\s\d{1,3}$", stripped)
        ):
            drop(i, "header")
        elif _PAGE_NO.match(stripped) and _isolated_number(lines, nonblank, pos_in_nonblank[i]):
            drop(i, "page")
        elif _URL_LINE.match(stripped):
            key = _SQUASH.sub("", stripped).lower().rstrip("/.")
            if "//" not in key and not key.startswith("www."):
                drop(i, "link")  # "http:10.00-11.00": a time auto-linked by the PDF writer
            elif 0 <= (squash := squash or _squash_with_positions(text))[0].find(key) < squash[1][spans[i][0]]:
                drop(i, "link")  # the link annotation repeats a URL printed earlier
        elif stripped.count(".") >= 4 and _DOT_LEADER.search(stripped):  # a leader has 4+ dots
            m = _DOT_LEADER.search(ln)
            assert m is not None
            edits.append((spans[i][0] + m.start(), spans[i][1], ""))
            removed.append((spans[i][0] + m.start(), spans[i][1], "toc:" + m.group().strip()))
    return edits, removed


_SQUASHED_OUT = re.compile(r"[\s\-–]")
# The code points _SQUASHED_OUT matches (``\s`` is str.isspace in Python's re), for a vectorised mask.
_SQUASHED_CODES = np.array(sorted({ord("-"), ord("–")} | {c for c in range(0x3000 + 1) if chr(c).isspace()}),
                           dtype=np.uint32)


def code_points(text: str) -> np.ndarray:
    """The text's code points as an array, one per character (any str, lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _squash_with_positions(text: str) -> tuple[str, np.ndarray]:
    """Lower-cased text without whitespace and hyphens, and each original position's index in it."""
    keep = np.append(~np.isin(code_points(text), _SQUASHED_CODES), False).astype(np.int64)
    pos = np.concatenate(([0], np.cumsum(keep[:-1])))
    return _SQUASHED_OUT.sub("", text).lower(), pos


def _isolated_number(lines: list[str], nonblank: list[int], k: int) -> bool:
    """A lone number is a page number unless its neighbours are numbers too (a table column)."""
    def numeric(j: int) -> bool:
        return 0 <= j < len(nonblank) and bool(re.fullmatch(r"[\d.,%\s-]+", lines[nonblank[j]].strip()))

    return not (numeric(k - 1) or numeric(k + 1))


# --------------------------------------------------------------------------------------------
# Stage 3: hyphenation across line breaks

_HYPHEN_BREAK = re.compile(r"(?P<w1>[A-Za-zÆØÅæøåéü0-9@]+)-[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<w2>[^\s]+)")
_NUMBERED_START = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?[ \t]+[A-ZÆØÅ]")  # "2. Brancheskift …": an item header
_WORD_HEAD = re.compile(r"[A-Za-zÆØÅæøåéü0-9]+")
_HYPHENATED = re.compile(r"(?<!\w)\w++-\w+")  # = \w+-\w+, without retrying inside every word
_SUSPENDED = {"og", "eller", "samt", "til", "som", "&", "/", "mv", "m.v.", "mm", "hhv"}
_LOST_HYPHEN = re.compile(r"(?P<w1>\b[a-zæøåA-ZÆØÅ]{2,}+)[ \t]*\n[ \t]*(?P<w2>[a-zæøå]{2,})(?P<after>\S*)")


def _token_tail(text: str, end: int, limit: int = 300) -> str:
    """The run of non-space characters that ends at ``end`` (at most ``limit`` of them): ``\\S*\\Z`` on
    that window, without a regex trying every start position."""
    window = text[max(0, end - limit):end]
    if not window or window[-1].isspace():
        return ""
    return window.rsplit(None, 1)[-1]


def _stage_hyphens(text: str, words: frozenset[str], *, ocr: bool = False,
                   hard: set[int] | None = None) -> list[tuple[int, int, str]]:
    """Decide each line-end hyphen; with ``ocr`` the joined form may also be a repairable word.

    A hyphen is kept when the document prints the same compound with a hyphen elsewhere
    ("best-" / "practice" beside "Best-practice"). ``hard``: positions where a layout block
    starts; a hyphen before one is left alone (the next block is not the word's other half).
    """
    edits = []
    hyphenated_elsewhere = {w.lower() for w in _HYPHENATED.findall(text)}
    for m in _HYPHEN_BREAK.finditer(text):
        if (hard and m.start("w2") in hard) or (
                not m.group("w1")[-1].isdigit() and _NUMBERED_START.match(text, m.start("w2"))):
            continue  # a new block, or a numbered header after a word ("12-\n14" is a range), is not its other half
        w1, w2 = m.group("w1"), m.group("w2")
        tok = _token_tail(text, m.start())  # what precedes w1 in the same token (a URL?)
        w2_word = _WORD_HEAD.match(w2)
        start, end = m.end("w1"), m.start("w2")
        if "://" in tok or tok.startswith("www.") or "/" in tok or "@" in tok:
            edits.append((start, end, "-"))  # inside a URL: keep the hyphen, drop the break
        elif w2.lower().rstrip(".,;:") in _SUSPENDED:
            edits.append((start, end, "- "))  # "Råds-" / "og" -> "Råds- og"
        elif not w2_word or not w2[0].islower() or w1.isupper() or w1[-1].isdigit():
            edits.append((start, end, "-"))  # "Ikast-" / "Brande", "SOSU-" / "assistent"
        else:
            joined = (w1 + w2_word.group()).lower()
            both = w1.lower() in words and w2_word.group().lower() in words
            joined_ok = joined in words or is_compound(joined, words) or (ocr and _repair_lower(joined))
            printed_hyphenated = f"{w1}-{w2_word.group()}".lower() in hyphenated_elsewhere
            if (both and not joined_ok) or printed_hyphenated:
                edits.append((start, end, "-"))  # two words hyphenated on purpose
            else:
                edits.append((start, end, ""))
    return edits


def _stage_lost_hyphens(text: str, words: frozenset[str], *,
                        hard: set[int] | None = None) -> list[tuple[int, int, str]]:
    """Join "virksom" / "hederne" where the PDF writer dropped the hyphen (002 style).

    A join needs the joined form to be a known word. Where one piece is not a word the
    evidence is clear; where both are words ("mel" / "lem") we join only in documents that
    show the dropped-hyphen habit many times over. Never across a layout block start (``hard``).
    """
    sure, both = [], []
    for m in _LOST_HYPHEN.finditer(text):
        if hard and m.start("w2") in hard:
            continue  # a new block is not the word's other half
        w1, w2 = m.group("w1"), m.group("w2")
        joined = (w1 + w2).lower()
        both_words = w1.lower() in words and w2.lower() in words
        if joined not in words and (both_words or not is_compound(joined, words)):
            continue  # a compound ("beskæf" / "tigelseschef") counts only when a piece is not a word
        edit = (m.end("w1"), m.start("w2"), "")
        (both if both_words else sure).append(edit)
    return sure + both if len(sure) >= LOST_HYPHEN_MIN else sure


LOST_HYPHEN_MIN = 10


# --------------------------------------------------------------------------------------------
# Stage 4: OCR repair

# (damaged, repaired, cost), from nlp/data/ocr_confusions.json. Applied inside lower-cased tokens; case restored
# afterwards.
OCR_RULES: list[tuple[str, str, int]] = [(d, r, int(c)) for d, r, c in ocr_confusions()["repair"]]
_TOKEN = re.compile(r"(?<![\w@¢'’|])(?:[A-Za-zÆØÅæøåéü@¢]|\|(?=[a-zæøå]{2}))[A-Za-zÆØÅæøåéü@¢3]*")
_MAX_COST = 4
# Frequent words whose damaged form happens to be a rare real word ("pa", "fa", "bade"):
# in a document detected as damaged, these are repaired without asking the word list.
OCR_CONFUSIONS: dict[str, str] = ocr_confusions()["words"]
_COMPOUND_PENALTY = 1.5


@functools.cache
def _repair_lower(tok: str) -> tuple[str, int] | None:
    """Cheapest known word reachable from a damaged lower-case token, or None."""
    words = danish_words()
    if tok in words or len(tok) < 2:
        return None
    starts = [tok]
    # Token-initial damage: "Igbende" -> "løbende", "Qstjylland" -> "østjylland".
    if tok[0] == "i" and len(tok) > 2:
        starts.append("l" + tok[1:])
    if tok[0] == "q":
        starts.append("ø" + tok[1:])
    if tok[0] == "|":
        starts = ["l" + tok[1:]]
    sites = []
    for base_i, base in enumerate(starts):
        for dmg, fix, cost in OCR_RULES:
            if cost > 1 and len(tok) < 5:  # rare confusions only on longer words ("task" stays)
                continue
            for m in re.finditer(re.escape(dmg), base):
                sites.append((base_i, m.start(), m.end(), fix, cost))
    best: tuple[float, str] | None = None  # (cost incl. compound penalty, word)
    for base_i, base in enumerate(starts):
        base_cost = 1 if base_i else 0
        if base_i and (base in words):
            return base, base_cost
        own = [s for s in sites if s[0] == base_i]
        for k in (1, 2, 3):
            for combo in itertools.combinations(own, k):
                cost = base_cost + sum(c[4] for c in combo)
                if cost > _MAX_COST or (best and cost > best[0]):
                    continue
                spans = sorted(combo, key=lambda c: c[1])
                if any(a[2] > b[1] for a, b in itertools.pairwise(spans)):
                    continue
                out, pos = [], 0
                for _, s, e, fix, _ in spans:
                    out.append(base[pos:s])
                    out.append(fix)
                    pos = e
                out.append(base[pos:])
                cand = "".join(out)
                if cand in words:
                    key = (float(cost), cand)
                elif is_compound(cand, words):
                    key = (cost + _COMPOUND_PENALTY, cand)
                else:
                    continue
                if best is None or key < best:
                    best = key
    if best is None:
        return None
    return best[1], int(best[0])


def _restore_case(orig: str, fixed: str) -> str:
    if orig[:1] in "I|" and fixed[:1] == "l":  # "Igbende" -> "løbende": the I was a damaged l
        return fixed
    if orig[:1] in "@Q" and len(orig) > 1 and orig[1:2].islower():
        return fixed[:1].upper() + fixed[1:]
    if orig.isupper() and len(orig) > 1:
        return fixed.upper()
    if orig[:1].isupper() or orig[:1] in "@Q":
        return fixed[:1].upper() + fixed[1:]
    return fixed


def repair_token(tok: str) -> str | None:
    """Repaired form of one OCR-damaged token, or None when it is fine or unrepairable."""
    words = danish_words()
    low = tok.lower()
    if tok.isupper() and len(tok) <= 5 and "@" not in tok:
        return None  # an acronym (RAR, STAR, AMK)
    if low in OCR_CONFUSIONS:
        return _restore_case(tok, OCR_CONFUSIONS[low])
    if low in words:
        return None
    hit = _repair_lower(low)
    if hit is None:
        return None
    # A damaged form that reads as a compound ("arshjul" = ar+s+hjul) is repaired only towards a
    # listed word, never towards another compound ("fagpersoner" stays).
    compound = "@" not in low and "¢" not in low and is_compound(low, words)
    if compound and (hit[0] not in words or hit[1] > 2):
        return None
    return _restore_case(tok, hit[0])


def ocr_damage_score(text: str) -> float:
    """Share of word tokens that are unknown but repairable (0 for clean Danish).

    Cheap exit: clean Danish text has plenty of æ/ø/å, OCR text that lost them has almost none.
    """
    toks = [t for t in _TOKEN.findall(text) if len(t) > 1]
    if not toks:
        return 0.0
    with_letters = sum(1 for t in toks if _DANISH_LETTER.search(t))
    if with_letters / len(toks) > 0.04:
        return 0.0
    sample = toks[:20000]
    repairable = sum(1 for t in sample if repair_token(t) is not None)
    return repairable / len(sample)


OCR_THRESHOLD = 0.03
_DANISH_LETTER = re.compile("[æøåÆØÅ]")
_URL = re.compile(r"(?:https?:|www\.)\S+", re.IGNORECASE)
_OCR_BULLET = re.compile(r"^(?:e|o|«)[ \t]+(?=[A-ZÆØÅ|@\d\"“]|at\b)", re.MULTILINE)
_OCR_PIPE = re.compile(r"(?<![^\s(])\|(?=[ \t]+[a-zæøå@])")


def _stage_ocr(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str, str]]]:
    edits, repairs = [], []
    for m in _OCR_BULLET.finditer(text):
        edits.append((m.start(), m.end(), "• "))
    for m in _OCR_PIPE.finditer(text):
        edits.append((m.start(), m.end(), "I"))
    urls = [(u.start(), u.end()) for u in _URL.finditer(text)]  # in order, never overlapping
    url_starts = [s for s, _ in urls]
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if len(tok) < 2 and tok not in "@¢":
            continue
        if urls and (k := bisect.bisect_right(url_starts, m.start()) - 1) >= 0 and m.start() < urls[k][1]:
            continue  # inside a URL
        fixed = repair_token(tok)
        if fixed and fixed != tok:
            edits.append((m.start(), m.end(), fixed))
            repairs.append((m.start(), m.end(), tok, fixed))
    return _dedupe(edits), repairs


# --------------------------------------------------------------------------------------------
# Stage 5: paragraphs


def is_structural(line: str) -> bool:
    """Lines that must start a line of their own: headers, labels, bullets, closing formulas."""
    s = line.strip()
    if not s:
        return False
    return bool(
        HEADER_RE.match(s) or label_of(s) or BULLET_RE.match(s) or CLOSING_RE.match(s)
        or _URL_LINE.match(s) or MARKER_RE.fullmatch(s) or _vocabulary_structural(s)
    )


_NUMBERED = re.compile(r"^\d{1,3}[A-Z]?(?:\.\d{1,3}){0,3}\.?\s+[A-ZÆØÅ\"'”“]")


def _vocabulary_structural(s: str) -> bool:
    """Lines the segmenter's vocabulary knows as structure: "Punkt 5: …", "178. …", case numbers,
    "Åbent punkt", decision lines, headings of any publisher, table rows."""
    if " │ " in s or _NUMBERED.match(s):
        return True
    from ._segment.vocabulary import Vocabulary

    v = Vocabulary.default()
    prefix, rest = v.strip_prefix(s)
    if prefix and rest[:1].isdigit():
        return True
    if v.furniture_kind(s) is not None or v.is_closing(s) or v.is_closed(s) or v.is_history_line(s):
        return True
    h = v.heading(s)
    return h is not None and (not h.weak or h.form in ("alone", "colon")) and h.form != "phrase"


def _ends_sentence(line: str) -> bool:
    return line.rstrip()[-1:] in ".:!?;)”\"" if line.strip() else True


def _stage_paragraphs(text: str, *, hard: set[int] | None = None) -> list[tuple[int, int, str]]:
    """Join wrapped lines; ``hard``: positions where a layout block starts (never joined to the line before)."""
    spans = _lines(text)
    lines = [text[s:e] for s, e in spans]
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(nonblank) < 2:
        return []
    # Double-spaced text (a blank line after nearly every line) carries no paragraph signal.
    # Judge by lines broken mid-sentence: in double-spaced text they too are followed by a blank.
    # Only wrapped-looking lines count: a short label or heading followed by a blank says nothing.
    pairs = list(itertools.pairwise(nonblank))
    widths = sorted(len(lines[i]) for i in nonblank)
    full = widths[int(len(widths) * 0.8)] if widths else 80
    structural: dict[int, bool] = {}  # per line, asked twice below

    def is_struct(i: int) -> bool:
        if i not in structural:
            structural[i] = is_structural(lines[i].strip())
        return structural[i]

    mid = [b - a for a, b in pairs if not _ends_sentence(lines[a]) and len(lines[a].strip()) >= 0.6 * full
           and not is_struct(a)]
    gaps = mid if len(mid) >= 5 else [b - a for a, b in pairs]
    double = sum(1 for g in gaps if g == 2) / len(gaps) > 0.5
    edits = []
    for a, b in itertools.pairwise(nonblank):
        prev, nxt = lines[a].rstrip(), lines[b].lstrip()
        blank_between = b - a > 1
        gap = (spans[a][1], spans[b][0])
        lone_label = (lab := label_of(prev.strip())) is not None and not prev.strip()[lab[2]:].strip()
        if is_struct(b) or lone_label:
            sep = "\n\n" if (blank_between and not double) or HEADER_RE.match(nxt) else "\n"
        elif _URL_LINE.match(prev.strip()):
            sep = "\n"
        elif nxt[:1].islower() and (not prev.endswith((".", "!", "?")) or not blank_between or double):
            sep = " "
        elif not _ends_sentence(prev) and len(prev) >= 0.7 * full and (double or not blank_between):
            sep = " "  # a full line that stops mid-sentence was wrapped
        elif blank_between and not double:
            sep = "\n\n"
        else:
            sep = "\n"
        if hard and sep == " " and spans[b][0] + len(lines[b]) - len(nxt) in hard:
            sep = "\n"  # a new layout block: never part of the line before
        if text[gap[0]:gap[1]] != sep:
            edits.append((gap[0], gap[1], sep))
    # Trailing/leading blank space of the whole document.
    if nonblank[0] > 0:
        edits.append((0, spans[nonblank[0]][0], ""))
    if spans[nonblank[-1]][1] < len(text):
        edits.append((spans[nonblank[-1]][1], len(text), "\n"))
    return edits


# --------------------------------------------------------------------------------------------
# Driver


def normalize(text: str, *, ocr: bool | None = None, blocks: list | None = None) -> Normalized:
    """Normalise raw document text.

    ocr: True forces OCR repair, False disables it, None (default) detects damage.
    blocks: the reader's layout blocks (``nlp.read.Block`` or their dicts) in offsets of ``text``.
    Each block start is a hard line break: no stage joins it to the line before (wrapped lines
    inside a block are still joined). The blocks come back in ``Normalized.blocks`` (and
    ``meta()["blocks"]``) as dicts in normalised offsets; blocks left empty are dropped.
    """
    words = danish_words()
    orig_text = text
    offsets = OffsetMap.identity(len(text))
    removed: list[tuple[int, int, str]] = []
    block_dicts = [b if isinstance(b, dict) else b.to_dict() for b in blocks or ()]
    block_starts = np.array(sorted(b["start"] for b in block_dicts), dtype=np.int64)

    def hard() -> set[int] | None:
        """Where the blocks start in the current text."""
        if not len(block_starts):
            return None
        return set(np.searchsorted(offsets.starts, block_starts, side="left").tolist())

    def run(edits: list[tuple[int, int, str]]) -> None:
        nonlocal text, offsets
        if edits:
            text, stage = apply_edits(text, edits)
            offsets = offsets.then(stage)

    def to_orig(items: list[tuple]) -> list[tuple]:
        return [(*offsets.orig_span(s, e), *rest) for s, e, *rest in items]

    run(_stage_chars(text))
    furniture, removed_here = _stage_furniture(text)
    removed += to_orig(removed_here)
    run(furniture)
    score = ocr_damage_score(text)
    damaged = score >= OCR_THRESHOLD if ocr is None else ocr
    run(_stage_hyphens(text, words, ocr=damaged, hard=hard()))
    repairs: list[tuple[int, int, str, str]] = []
    if damaged:
        ocr_edits, repairs_here = _stage_ocr(text)
        repairs = to_orig(repairs_here)
        run(ocr_edits)
        furniture, removed_here = _stage_furniture(text)  # headers readable only after repair
        removed += to_orig(removed_here)
        run(furniture)
    run(_stage_lost_hyphens(text, words, hard=hard()))
    run(_stage_paragraphs(text, hard=hard()))
    return Normalized(text=text, offsets=offsets, ocr_damaged=damaged, ocr_score=score,
                      repairs=repairs, removed=removed, blocks=_map_blocks(block_dicts, offsets, text, len(orig_text)))


def _map_blocks(blocks: list[dict], offsets: OffsetMap, text: str, orig_len: int) -> list[dict]:
    """Blocks in normalised offsets (``start``/``end`` replaced); blocks whose text is gone are dropped."""
    if not blocks:
        return []
    starts = offsets.starts
    out = []
    for b in blocks:
        s0, e0 = min(max(b["start"], 0), orig_len), min(max(b["end"], 0), orig_len)
        s = int(np.searchsorted(starts, s0, side="left"))
        e = min(int(np.searchsorted(starts, e0, side="left")), len(text))
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append({**b, "start": s, "end": e})
    return out
