"""Shared pieces of the entity rules: the candidate record, the token view and name helpers.

They live apart from ``nlp/entities.py`` so the rule modules in this package (organisations, ...) can
use them without importing the component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import SENT_START, SPACY
from spacy.tokens import Doc

from ..doc import token_texts

# Ranks decide overlaps of equal length: a listed name beats a structural rule beats a guess.
RANK_GAZETTEER, RANK_STRUCTURE, RANK_GENERIC, RANK_PERSON, RANK_NER = 4, 3, 2, 1, 0
LABEL_RANK = {"RAR": 4, "ORG": 3, "MUNICIPALITY": 3, "JOB_TITLE": 2, "PERSON": 1}


def is_name_word(text: str) -> bool:
    """Capitalised word or hyphenated name ("Wätjen", "Helmin-Poulsen"), not an acronym."""
    parts = text.split("-")
    return len(parts[0]) >= 2 and all(len(p) >= 2 and p.isalpha() and p[0].isupper() and p[1:].islower()
                                      for p in parts)


def slugify(text: str) -> str:
    """ASCII identifier for a canonical name: "Region Sjælland" -> "region-sjaelland"."""
    low = text.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u"}))
    return re.sub(r"[^a-z0-9]+", "-", low).strip("-")


def clean_name(text: str) -> str:
    """A name as printed, on one line, without a line-break hyphen or a genitive apostrophe."""
    text = re.sub(r"-\s*\n\s*", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"[’'´]s?$", "", text)


@dataclass
class Cand:
    """A candidate mention (token offsets) before overlaps are resolved."""

    start: int
    end: int
    label: str
    norm: str | None
    norm_id: str | None
    conf: float
    rank: int
    source: str
    attrs: dict[str, Any] = field(default_factory=dict)
    needs: str | None = None  # "municipality_context" | "job_context" | None

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Toks:
    """Plain-Python view of a Doc's tokens: rules read lists, not Token objects (5× faster)."""

    text: list[str]
    lower: list[str]
    space: list[bool]  # a white-space token ("\n\n")
    ws: list[bool]  # followed by white space
    sent: list[int]  # sentence number (all 0 when the pipeline sets no sentences)

    @classmethod
    def of(cls, doc: Doc) -> Toks:
        text = token_texts(doc)
        ws = doc.to_array(SPACY).astype(bool).tolist()
        if doc.has_annotation("SENT_START") and len(doc):
            starts = doc.to_array(SENT_START) == 1
            starts[0] = False
            sent = numpy.cumsum(starts).tolist()
        else:
            sent = [0] * len(doc)
        return cls(text, [x.lower() for x in text], [x.isspace() for x in text], ws, sent)

    def __len__(self) -> int:
        return len(self.text)

    def next_word(self, i: int) -> int:
        while i < len(self.text) and self.space[i]:
            i += 1
        return i

    def prev_word(self, i: int) -> int:
        while i >= 0 and self.space[i]:
            i -= 1
        return i
