"""Item text and sentences: the method names, the sections a summary reads, an item's cleaned text
(``ItemText``, the same recipe for training and inference) and the lead baselines."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Span

from ..doc import section_parts
from ..patterns import BULLET_GLYPHS
from ..text import sentence_spans

log = logging.getLogger(__name__)

METHODS = ("gemma-lora", "extractive", "lead-sagsfremstilling", "lead-indstilling", "none")
FALLBACK_METHOD = "extractive-fallback"
TRIMMED_SUFFIX = "-trimmed"
MAX_SENTENCES = 2
TARGET_SECTION = "sagen_kort"
# The model input, in this order; the other non-target sections are used only when these are empty.
SOURCE_SECTIONS = ("indstilling", "beslutning", "sagsfremstilling")
EXTRA_SECTIONS = ("baggrund", "videre_proces", "other")
SECTION_TITLES = {"indstilling": "Indstilling", "beslutning": "Beslutning", "sagsfremstilling": "Sagsfremstilling",
                  "baggrund": "Baggrund", "videre_proces": "Videre proces", "other": "Tekst"}
# Characters per section before token truncation: Beslutning can hold whole flattened tables.
SECTION_CHAR_CAPS = {"indstilling": 700, "beslutning": 700, "sagsfremstilling": 4000, "baggrund": 1500,
                     "videre_proces": 600, "other": 2000}
PROMPT_SUFFIX = "\nKort resumé:"


def models_dir() -> Path:
    """``nlp.pipeline.MODELS_DIR`` (repo ``models/``), imported late to keep this module light."""
    from ..pipeline import MODELS_DIR

    return MODELS_DIR


def default_model_dir() -> Path:
    return models_dir() / "summarizer"


# --------------------------------------------------------------------------------------------
# Text and sentences

_BULLETS = re.compile(f"[{BULLET_GLYPHS}]")
_SPACES = re.compile(r"\s+")
def clean_text(text: str) -> str:
    """One line of text: bullet glyphs become "-", whitespace runs one space."""
    return _SPACES.sub(" ", _BULLETS.sub("-", text or "")).strip()


def split_sentences(text: str) -> list[str]:
    """Danish sentences of cleaned ``text`` (the one splitter, ``nlp.text``: not after an
    abbreviation ("pkt.", "bl.a.") or an initial ("A."))."""
    text = clean_text(text)
    return [text[a:b] for a, b in sentence_spans(text, trim="")]


def limit_sentences(text: str, n: int = MAX_SENTENCES) -> str:
    """The first ``n`` sentences of ``text`` (summaries are at most two sentences)."""
    return " ".join(split_sentences(text)[:n])


# --------------------------------------------------------------------------------------------
# Item text: the same recipe for training (from ``segment_text``) and inference (from spans)


@dataclass
class ItemText:
    """An item's title and section texts (parts of one section joined), cleaned."""

    title: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    outcome: tuple[str, ...] = ()  # rar_outcome's labels, for the decision sentence
    with_remarks: bool | None = None

    @property
    def reference(self) -> str:
        """The secretariat's own summary (Sagen kort / Anledning); never model input."""
        return self.sections.get(TARGET_SECTION, "")

    def input_sections(self) -> list[tuple[str, str]]:
        """(name, text) pairs that feed a summariser: the main sections, else the rest."""
        main = [(n, self.sections[n]) for n in SOURCE_SECTIONS if self.sections.get(n)]
        if main:
            return main
        return [(n, self.sections[n]) for n in EXTRA_SECTIONS if self.sections.get(n)]

    @property
    def has_text(self) -> bool:
        return bool(self.input_sections())

    @property
    def source(self) -> str:
        """Everything but the target, for the faithfulness check: title and all other sections."""
        parts = [self.title] + [t for n, t in self.sections.items() if n not in (TARGET_SECTION, "bilag")]
        return "\n".join(p for p in parts if p)


def item_text_from_parts(title: str | None, parts: Iterable[tuple[str, str]], *,
                         outcome: Iterable[str] = (), with_remarks: bool | None = None) -> ItemText:
    """Build an ``ItemText`` from (section name, text) pairs in document order."""
    joined: dict[str, list[str]] = {}
    for name, text in parts:
        text = clean_text(text)
        if text and text not in ("-", "–"):
            joined.setdefault(name, []).append(text)
    return ItemText(clean_text(title or ""), {k: " ".join(v) for k, v in joined.items()},
                    tuple(sorted(outcome)), with_remarks)


def item_text_from_segment(text: str, item: Any) -> ItemText:
    """``ItemText`` of an ``nlp.segment.Item`` on the normalised text it was cut from."""
    return item_text_from_parts(item.title, [(s.name, text[s.start:s.end]) for s in item.sections])


def item_text(item: Span) -> ItemText:
    """``ItemText`` of an item span (all parts of each section, like ``item_text_from_segment``)."""
    parts = []
    for name, spans in section_parts(item).items():
        for sec in spans:
            txt = sec.text
            if sec._.rar_heading and txt.strip() == sec._.rar_heading:
                txt = ""  # an empty section's span covers just its label
            parts.append((name, txt))
    return item_text_from_parts(item._.rar_title, parts, outcome=item._.rar_outcome or (),
                                with_remarks=item._.rar_with_remarks)


# --------------------------------------------------------------------------------------------
# Baselines


BODY_SECTIONS = ("sagsfremstilling", "baggrund", "other", "videre_proces", "indstilling")


def lead_body(item: ItemText, n: int) -> str | None:
    """The first ``n`` sentences of the first body section (Sagsfremstilling, else Baggrund, …): the
    lead-1/lead-2 baselines."""
    for name in BODY_SECTIONS:
        sents = split_sentences(item.sections.get(name, ""))
        if sents:
            return " ".join(sents[:n])
    return None


def lead(item: ItemText, section: str) -> str | None:
    """First sentence of ``section`` (a baseline); None when the section is empty."""
    sents = split_sentences(item.sections.get(section, ""))
    return sents[0] if sents else None
