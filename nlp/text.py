"""The one Danish sentence splitter every stage uses (classifier fields, the decision lexicon, the vote
parser, the summariser), with its abbreviations and quotes as data (``nlp/data/sentences.json``).

Offsets are exact (spans into the text given), so evidence points at the characters it came from.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([\wæøåÆØÅ.]+)$")
TRIM = "•*-–·"  # bullet glyphs trimmed from a sentence's start


@dataclass(frozen=True)
class SentenceRules:
    abbreviations: frozenset[str]
    quotes: str
    next_start: re.Pattern

    @classmethod
    @functools.cache
    def default(cls) -> SentenceRules:
        data = json.loads(resources.files("nlp").joinpath("data/sentences.json").read_text("utf-8"))
        opening = re.escape(data["quotes"] + data["openers"])
        return cls(frozenset(a.lower() for a in data["abbreviations"]), data["quotes"],
                   re.compile(r"\s+(?=[A-ZÆØÅ0-9" + opening + "])"))


_LIST_BEFORE = re.compile(r"(?:,|\b(?:og|samt|eller))\s+$")


def _ends_after_abbreviation(before: str, rules: SentenceRules) -> bool:
    """True when the word before the full stop is an abbreviation or a one-letter initial ("A. Jensen");
    a letter at the end of a list ("A, B og C. Imod stemte …": party letters) is not an initial."""
    # An end-anchored search tries every start position: look at the tail, the whole text only when
    # the word fills the tail.
    off = max(0, len(before) - 64)
    m = _WORD_BEFORE.search(before, off)
    if m and m.start() == off > 0:
        m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    last = word.rsplit(".", 1)[-1]
    if word in rules.abbreviations or last in rules.abbreviations:
        return True
    return len(word) == 1 and word.isalpha() and not _LIST_BEFORE.search(before[:m.start()])


def ends_with_abbreviation(text: str) -> bool:
    """True when ``text`` ends in a full stop that closes an abbreviation ("… 2,8 mio. kr."), not a sentence."""
    return text.endswith(".") and _ends_after_abbreviation(text[:-1], SentenceRules.default())


def sentence_spans(text: str, *, trim: str = TRIM, rules: SentenceRules | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: lines first, then sentence ends; trimmed of white
    space and, at the start, of the ``trim`` characters (bullets)."""
    rules = rules or SentenceRules.default()
    out: list[tuple[int, int]] = []

    def add(a: int, b: int) -> None:
        while a < b and (text[a].isspace() or text[a] in trim):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))

    for line in _LINE.finditer(text):
        base, s = line.start(), line.group()
        start, in_quote, i = 0, False, 0
        while i < len(s):
            ch, end, full_stop = s[i], 0, False  # end: where a sentence would end, if the next one starts
            if ch in rules.quotes:  # a straight quote toggles; typographic ones open or close
                was = in_quote
                in_quote = (not in_quote) if ch == '"' else ch in "“„»"
                if was and not in_quote and i and s[i - 1] in ".!?":  # 'sagde: "Vi godkender." Det …'
                    end = i + 1
            elif ch in ".!?" and not in_quote:
                end, full_stop = i + 1, True
                while end < len(s) and (s[end] in rules.quotes or s[end] == ")"):
                    end += 1
            nxt = rules.next_start.match(s, end) if end else None
            if nxt and not (full_stop and _ends_after_abbreviation(s[start:i], rules)):
                add(base + start, base + end)
                start = i = nxt.end()
                continue
            i += 1
        add(base + start, base + len(s))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[a:b] for a, b in sentence_spans(text)]
