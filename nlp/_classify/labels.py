"""Labels and printed type markers: what the classifier can say (``corpora/CLASSIFY.md``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

TYPE_LABELS = ("B", "D", "O")
TYPE_PRIORITY = ("B", "D", "O")  # primary type: the first of these that applies
OUTCOME_LABELS = ("godkendt", "taget_til_efterretning", "droeftet", "besluttet", "udsat", "afvist",
                  "ingen_beslutning")
NO_DECISION = "ingen_beslutning"
FIELDS = ("title", "sagen_kort", "indstilling", "beslutning")
TASK_FIELDS = {"item_type": FIELDS, "outcome": ("beslutning",), "proposed_outcome": ("indstilling",)}
TASK_LABELS = {"item_type": TYPE_LABELS, "outcome": OUTCOME_LABELS, "proposed_outcome": OUTCOME_LABELS}
MODEL_FILES = {task: f"{task}.json" for task in TASK_FIELDS}
MODEL_FORMAT = "rar-nlp.linear.v1"
RULE_CONF = 0.95  # confidence of an unambiguous cue phrase

# --------------------------------------------------------------------------------------------
# Markers


def parse_marker_types(marker: str | None) -> list[str] | None:
    """Types named by a printed marker ("D/B" -> ["B", "D"]); None when it names no type.

    marker: the raw marker without parentheses as the segmenter stores it. "oplæg" (a talk) is
    not a type; OCR's "0" is "O".
    """
    if not marker:
        return None
    body = re.sub(r"(?:evt\.?\s*)?opl\w*g\w*(?:\s+fra\s+[^/+,]*)?", " ", marker, flags=re.IGNORECASE)
    tokens = [t for t in re.split(r"\s*(?:/|\+|,|\bog\b|&)\s*|\s+", body.strip(), flags=re.IGNORECASE) if t]
    types = set()
    for tok in tokens:
        t = tok.upper().replace("0", "O")
        if t not in TYPE_LABELS:
            return None
        types.add(t)
    return sorted(types) or None


def primary_type(types: Iterable[str]) -> str | None:
    """The primary of several types: B over D over O (see the module docstring)."""
    have = set(types)
    return next((t for t in TYPE_PRIORITY if t in have), None)
