"""What the rar components write on a Doc, in one table, and the helpers every stage reads it with.

All extensions carry the ``rar_`` prefix (other spaCy plugins register ``_.title`` or ``_.summary`` too)
and are registered here, once, at import. Items are ``doc.spans["items"]``, their sections
``doc.spans["sections"]``, entities ``doc.spans["entities"]``; ``spans_within`` and ``item_sections``
read them per item without scanning the document; ``OffsetMap`` maps normalised offsets back to the
text as read; ``run_state`` is the one ``doc.user_data`` key the components keep run state under.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, Span, SpanGroup

from .normalize import OffsetMap

__all__ = [
    "DOC_EXTENSIONS",
    "RUN_STATE_KEY",
    "SPAN_EXTENSIONS",
    "OffsetMap",
    "aligned_items",
    "doc_text",
    "item_sections",
    "register_extensions",
    "run_state",
    "section_parts",
    "spans_within",
    "token_texts",
]

RUN_STATE_KEY = "rar"


def run_state(doc: Doc) -> dict[str, Any]:
    """The components' run state, under one msgpack-safe ``doc.user_data["rar"]`` key (it survives
    ``nlp.pipe(n_process=2)`` and DocBin): ``norm`` (the normaliser's offset map, layout blocks and
    audit), ``entities`` (the spans key), ``summarizer`` (the method that ran), ``proposals``
    (rar_outcome's proposed outcome per item, read by rar_item_type)."""
    return doc.user_data.setdefault(RUN_STATE_KEY, {})


# A Doc's text cannot change after it is made (merging and splitting tokens keep it), so it is kept
# per Doc object: spaCy's ``doc.text`` rebuilds it from a Python Token per word on every access.
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (four components read it; spaCy's property costs a tenth of
    the pipeline's time when each rebuilds it)."""
    text = _TEXTS.get(doc)
    if text is None:
        texts = token_texts(doc)
        spaces = doc.to_array(SPACY).tolist()
        text = _TEXTS[doc] = "".join([t + " " if s else t for t, s in zip(texts, spaces, strict=True)])
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Record the text a tokenizer made ``doc`` from (spaCy's tokenization keeps every character)."""
    _TEXTS[doc] = text
    return doc


def token_texts(doc: Doc) -> list[str]:
    """Each token's text, from the ORTH array: one string lookup per distinct word, no Token objects."""
    orths = doc.to_array(ORTH).tolist()
    strings = doc.vocab.strings
    table = {o: strings[o] for o in set(orths)}
    return [table[o] for o in orths]


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


def aligned_items(examples: Iterable[Any]) -> Iterator[tuple[Span | None, Span]]:
    """(predicted item or None, reference item) for every reference item of spaCy ``Example``s, matched
    by their exact character span: what the scorers compare."""
    for eg in examples:
        pred = {(s.start_char, s.end_char): s for s in eg.predicted.spans.get("items", [])}
        for ref in eg.reference.spans.get("items", []):
            yield pred.get((ref.start_char, ref.end_char)), ref


def section_parts(item: Span) -> dict[str, list[Span]]:
    """Every printed part of each of an item's sections, by canonical name (in order of first
    appearance), parts in document order: the one view of an item that the classifier's fields, the
    summariser's input and the records are built from."""
    out: dict[str, list[Span]] = {}
    for sec in spans_within(item.doc.spans.get("sections", []), item.start_char, item.end_char):
        out.setdefault(sec._.rar_section, []).append(sec)
    return out


def item_sections(item: Span) -> dict[str, Span]:
    """Sections of an item span by canonical name (first occurrence when printed in pieces)."""
    return {name: parts[0] for name, parts in section_parts(item).items()}


def _as_set(attr: str) -> Callable[[Span], set[str] | None]:
    def get(span: Span) -> set[str] | None:
        value = getattr(span._, attr)
        return None if value is None else set(value)

    return get


# name -> who writes it. Values are msgpack-safe (plain lists/dicts), so Docs survive nlp.pipe(n_process=2).
SPAN_EXTENSIONS: dict[str, str] = {
    # rar_segmenter: items and sections
    "rar_number": "item number as printed", "rar_title": "item title", "rar_marker": "printed type marker",
    "rar_seg_confidence": "segmentation confidence", "rar_closed": "closed (lukket) item",
    "rar_type_word": "printed type word (Beslutningssag …)", "rar_section": "canonical section name",
    "rar_heading": "section heading as printed",
    # rar_item_type
    "rar_item_type_list": "item types (B/D/O)", "rar_item_type": "primary item type",
    "rar_item_type_source": "marker, type_word, proposal or model", "rar_item_type_scores": "per-type scores",
    "rar_item_type_confidence": "calibrated confidence", "rar_item_type_evidence": "offsets of the evidence",
    # rar_outcome
    "rar_outcome_list": "decision outcome labels", "rar_outcome_scores": "per-label scores",
    "rar_outcome_confidence": "calibrated confidence", "rar_outcome_evidence": "offsets of the evidence",
    "rar_with_remarks": "decided with remarks", "rar_proposed_outcome_list": "outcome the Indstilling proposes",
    "rar_proposed_outcome_scores": "per-label scores", "rar_proposed_outcome_confidence": "calibrated confidence",
    "rar_proposed_outcome_evidence": "offsets of the evidence", "rar_votes": "votes and amendments",
    "rar_reservations": "reservations (forbehold, protokolbemærkninger)",
    # rar_entities
    "rar_norm": "normalised name", "rar_norm_id": "id (kommunekode, slug)", "rar_ent_confidence": "confidence",
    "rar_ent_source": "gazetteer, pattern, rule or ner", "rar_ent_attrs": "subtype, region, …",
    "rar_orig_span": "offsets in the text as read",
    # rar_summarizer
    "rar_summary": "summary", "rar_summary_method": "method (and -trimmed / fallback)",
    "rar_summary_confidence": "confidence", "rar_summary_evidence": "offsets the summary came from",
}
SPAN_GETTERS: dict[str, Callable[[Span], object]] = {
    "rar_sections": item_sections,
    "rar_item_types": _as_set("rar_item_type_list"),
    "rar_outcome": _as_set("rar_outcome_list"),
    "rar_proposed_outcome": _as_set("rar_proposed_outcome_list"),
}
DOC_EXTENSIONS: dict[str, str] = {"rar_meeting": "kind, council, body, municipality, region, date"}


def register_extensions() -> None:
    """Register the table (idempotent: a re-import or another copy of the module is harmless)."""
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name, getter in SPAN_GETTERS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
