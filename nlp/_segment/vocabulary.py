"""The segmenter's vocabulary: section headings, header prefixes, furniture, decision lines.

All of it is data (``nlp/data/segment_vocabulary.json``); this module only compiles it and
answers questions about one line. The line labeller turns the answers into features; it never
takes them as decisions.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from ..patterns import BULLET_GLYPHS, ocr_confusions

_WS = re.compile(r"\s+")
_OCR_FOLD = str.maketrans(ocr_confusions()["fold"])


def fold(s: str) -> str:
    """Case-, space- and OCR-insensitive key ("Beslutnlng", "Okonomi", "Sagsforlgb" fold close)."""
    s = _WS.sub(" ", s.lower()).strip()
    s = s.replace("ae", "e").replace("aa", "a").replace("oe", "o")
    s = s.translate(_OCR_FOLD)
    return s.replace("g", "o") if len(s) > 3 else s  # OCR reads "ø" as "g": fold both to "o"


def _anchored(pattern: str) -> bool:
    """Whether a pattern can match only at the start of the string (``^…`` without a top-level
    alternative or multi-line mode): a search need not try it anywhere else."""
    try:
        parsed = re._parser.parse(pattern, re.IGNORECASE)  # the parse the compiler itself uses
        at_start = (re._constants.AT, re._constants.AT_BEGINNING)
        multiline = bool(parsed.state.flags & re.MULTILINE)
    except (re.error, AttributeError):  # not ours to judge: searched everywhere
        return False
    return len(parsed) > 0 and parsed[0] == at_start and not multiline


class PatternUnion:
    """Patterns joined into one regex; the group name ``pN`` tells which one matched.

    ``search`` gives what ``re.search`` of the joined regex gives, faster: the engine would try every
    start position for every alternative, also those anchored with ``^`` (most of the vocabulary);
    here position 0 is tried with all of them and later positions only with the others.
    """

    def __init__(self, patterns: list[str]) -> None:
        def join(pairs: list[tuple[int, str]]) -> re.Pattern:
            return re.compile("|".join(f"(?P<p{i}>{p})" for i, p in pairs), re.IGNORECASE)

        self._all = join(list(enumerate(patterns)))
        floating = [(i, p) for i, p in enumerate(patterns) if not _anchored(p)]
        self._floating = join(floating) if floating else None

    def match(self, s: str) -> re.Match | None:
        return self._all.match(s)

    def search(self, s: str) -> re.Match | None:
        m = self._all.match(s)
        if m is not None or self._floating is None or not s:
            return m
        return self._floating.search(s, 1)


def _union(patterns: list[str]) -> PatternUnion | None:
    return PatternUnion(patterns) if patterns else None


@dataclass(frozen=True)
class Heading:
    """A section heading found at the start of a line."""

    printed: str  # as printed ("Beslutning i Økonomiudvalget den 4. marts 2024")
    canonical: str  # sagen_kort | indstilling | beslutning | ... | other
    content: int  # offset in the line where the section's content starts
    form: str  # alone | colon | runin | glued | fuzzy | phrase | decision_line
    weak: bool = False


class Vocabulary:
    """Compiled vocabulary; built from the JSON dict so it can travel with ``to_disk``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.sections: dict[str, str] = {_WS.sub(" ", k.lower()): v for k, v in data["sections"].items()}
        self.weak = set(data.get("weak", []))
        self.run_in: dict[str, str] = data.get("run_in", {})
        self.folded = {fold(k): (k, v) for k, v in self.sections.items() if len(k) >= 5}
        alts = "|".join(re.escape(k) for k in sorted(self.sections, key=len, reverse=True))
        self._heading = re.compile(rf"^(?P<label>{alts})(?![\w/-])[ \t]*(?P<colon>[:.])?[ \t]*(?P<rest>.*)$",
                                   re.IGNORECASE)
        # Glued by a lost line break: "BeslutningGodkendt." (strong labels only)
        strong = [k for k in self.sections if len(k) >= 6]  # an upper-case letter right after: unambiguous
        self._glued = re.compile(
            rf"^(?P<label>(?i:{'|'.join(re.escape(k) for k in sorted(strong, key=len, reverse=True))}))"
            r"(?P<rest>[A-ZÆØÅ][A-Za-zÆØÅæøå].*)$")
        self._run_in = re.compile(
            rf"^(?:{'|'.join(re.escape(k) for k in sorted(self.run_in, key=len, reverse=True))})\b", re.IGNORECASE)
        self.prefixes = sorted(data.get("header_prefixes", []), key=len, reverse=True)
        self._prefix = re.compile(
            rf"^(?P<prefix>{'|'.join(re.escape(p) for p in self.prefixes)})(?![\w])\s*", re.IGNORECASE)
        self.furniture = [re.compile(p, re.IGNORECASE) for p in data.get("furniture", [])]
        self.closed = [re.compile(p, re.IGNORECASE) for p in data.get("closed", [])]
        self.decision_lines = [re.compile(p, re.IGNORECASE) for p in data.get("decision_lines", [])]
        self.history_lines = [re.compile(p, re.IGNORECASE) for p in data.get("history_lines", [])]
        self.closing = [re.compile(p, re.IGNORECASE) for p in data.get("closing", [])]
        # One alternation per list: a line is tested once, not once per pattern.
        self._furniture_any = _union(data.get("furniture", []))
        self._closed_any = _union(data.get("closed", []))
        self._decision_any = _union(data.get("decision_lines", []))
        self._history_any = _union(data.get("history_lines", []))
        self._closing_any = _union(data.get("closing", []))
        self.heading = functools.lru_cache(maxsize=65536)(self._find_heading)  # asked by several stages per line
        self.title_suffixes = [re.compile(p, re.IGNORECASE) for p in data.get("title_suffixes", [])]
        self.type_words: dict[str, str] = data.get("type_words", {})
        self._type_word = re.compile(
            rf"\b(?P<word>{'|'.join(re.escape(k) for k in sorted(self.type_words, key=len, reverse=True))})\b",
            re.IGNORECASE)
        self.toc_headings = {_WS.sub(" ", k.lower()) for k in data.get("toc_headings", [])}
        self.meeting_kinds: dict[str, str] = data.get("meeting_kinds", {})
        ui = sorted(data.get("ui_prefixes", []), key=len, reverse=True)
        self._ui_prefix = (re.compile(rf"^(?:{'|'.join(re.escape(u) for u in ui)})\s+(?=\S)", re.IGNORECASE)
                           if ui else None)

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def default(cls) -> Vocabulary:
        """The shipped vocabulary, compiled once per process (instances are never modified)."""
        return _default_vocabulary()

    @classmethod
    def from_path(cls, path: str | Path) -> Vocabulary:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def to_json(self) -> dict[str, Any]:
        return self.data

    @cached_property
    def section_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.sections.values()))

    # -- questions about one line ---------------------------------------------------------

    def _compound_tail(self, rest: str) -> bool:
        """``rest`` is only further labels joined by og / , / & ("OG VIDERE PROCES"), not run-in content."""
        parts = [p for p in re.split(r"\s*(?:,|&|/|\bog\b|\bsamt\b)\s*", rest.strip(" .").lower()) if p]
        return bool(parts) and all(_WS.sub(" ", p) in self.sections for p in parts)

    def _find_heading(self, line: str) -> Heading | None:
        """The section heading a line starts with, if any (also run-in, glued, UI-prefixed, OCR-damaged)."""
        s = line.lstrip()
        lead = len(line) - len(s)
        if not s:
            return None
        if self._ui_prefix is not None and (ui := self._ui_prefix.match(s)):  # "fold dette punkt ind Beslutning"
            inner = self._find_heading(s[ui.end():])
            if inner is None:
                return None
            return Heading(inner.printed, inner.canonical, lead + ui.end() + inner.content, inner.form, inner.weak)
        if self._decision_any is not None and self._decision_any.match(s):
            head, sep, rest = s.partition(":")
            content = lead + len(head) + 1 if sep and rest.strip() else lead + len(s.rstrip())
            return Heading(s[: len(head)].strip() if sep else s.strip(), "beslutning", content, "decision_line")
        m = self._heading.match(s)
        if m:
            label, rest, colon = m.group("label"), m.group("rest"), m.group("colon")
            key = _WS.sub(" ", label.lower())
            canonical = self.sections[key]
            weak = key in self.weak
            if not rest:
                return Heading(label, canonical, lead + len(s.rstrip()), "alone", weak)
            if colon == ":":
                return Heading(label, canonical, lead + m.start("rest"), "colon", weak)
            first = rest[:1]
            if colon is None and s.rstrip(" .").isupper() and self._compound_tail(rest):
                # "TIDSPLAN OG VIDERE PROCES", "BAGGRUND OG FORMÅL": one capitalised heading, named by its first label
                return Heading(s.strip(), canonical, lead + len(s.rstrip()), "alone", weak)
            if colon is None and (first.isupper() or first.isdigit() or first in "-–•\"”“'’(" + BULLET_GLYPHS):
                if canonical == "bilag" and first.isdigit():  # "Bilag 1.1: ..." names the attachment
                    return Heading(label, canonical, lead, "runin", weak)
                return Heading(label, canonical, lead + m.start("rest"), "runin", weak)
            if colon == "." and not rest.strip():
                return Heading(label, canonical, lead + len(s.rstrip()), "alone", weak)
        m = self._glued.match(s)
        if m:
            key = _WS.sub(" ", m.group("label").lower())
            return Heading(m.group("label"), self.sections[key], lead + m.start("rest"), "glued")
        m = self._run_in.match(s)
        if m:
            return Heading(m.group(0), self.run_in[_WS.sub(" ", m.group(0).lower())], lead, "phrase")
        if len(s) <= 40:
            words = s.rstrip(" :.").split()
            for k in (3, 2, 1):
                if len(words) >= k:
                    key = fold(" ".join(words[:k]))
                    if key in self.folded:
                        printed = " ".join(words[:k])
                        label, canonical = self.folded[key]
                        rest_at = s.find(printed) + len(printed)
                        raw_rest = s[rest_at:]
                        rest = raw_rest.lstrip(" :")
                        if rest and not raw_rest.lstrip().startswith(":") and not rest[:1].isupper():
                            return None  # "Indstilling af brancher ...": prose, as for exact labels
                        content = lead + (len(s) - len(rest)) if rest else lead + len(s.rstrip())
                        return Heading(printed, canonical, content, "fuzzy", label in self.weak)
        return None

    def trailing_heading(self, text: str) -> tuple[str, str] | None:
        """A section heading in capitals glued to the end of a line ("… ØKONOMI"): (printed, canonical)."""
        words = text.split()
        for k in (4, 3, 2, 1):
            if len(words) > k + 1:
                tail = " ".join(words[-k:])
                if tail.isupper() and len(tail) >= 5 and (canon := self.sections.get(tail.lower())):
                    return tail, canon
        return None

    def heading_prefix(self, line: str) -> str | None:
        """Canonical section of a line that *starts* with a known heading, whatever follows
        ("Beslutning i Udvalget for Regional Udvikling"); for lines already known to be headings."""
        m = self._heading.match(line.strip())
        if m:
            return self.sections[_WS.sub(" ", m.group("label").lower())]
        words = line.strip().rstrip(" :.").split()
        for k in (3, 2, 1):
            if len(words) >= k and (hit := self.folded.get(fold(" ".join(words[:k])))):
                return hit[1]
        return None

    def strip_prefix(self, line: str) -> tuple[str | None, str]:
        """("Punkt", "4: Title") for "Punkt 4: Title"; (None, line) when no header prefix."""
        m = self._prefix.match(line)
        if not m:
            return None, line
        return m.group("prefix"), line[m.end():]

    def furniture_kind(self, line: str) -> int | None:
        """Index of the furniture pattern the line matches (case numbers, "Åbent punkt", UI residue)."""
        if self._furniture_any is None:
            return None
        m = self._furniture_any.search(line.strip())
        return int(m.lastgroup[1:]) if m else None

    def is_closed(self, line: str) -> bool:
        return self._closed_any is not None and self._closed_any.search(line.strip()) is not None

    def is_decision_line(self, line: str) -> bool:
        return self._decision_any is not None and self._decision_any.match(line.strip()) is not None

    def is_history_line(self, line: str) -> bool:
        return self._history_any is not None and self._history_any.match(line.strip()) is not None

    def is_closing(self, line: str) -> bool:
        return self._closing_any is not None and self._closing_any.match(line.strip()) is not None

    def type_word(self, line: str) -> str | None:
        m = self._type_word.search(line)
        return self.type_words[m.group("word").lower()] if m else None


@functools.cache
def _default_vocabulary() -> Vocabulary:
    return Vocabulary(json.loads(resources.files("nlp").joinpath("data/segment_vocabulary.json").read_text("utf-8")))
