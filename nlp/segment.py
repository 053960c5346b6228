"""Segmenting: meeting -> agenda items -> sections, on normalised text, for any layout.

Every line gets a role (item header, group heading, section heading, body, title continuation,
TOC entry, furniture, closing) from a learned line labeller over layout-independent features
(``nlp/_segment/features.py``: shape, vocabulary, typography from the reader's blocks, context,
document-level evidence); a small decoder keeps the sequence consistent, and the assembler turns
roles into items and sections. The vocabulary (section headings, header prefixes, furniture,
decision lines) is data the component loads in ``initialize`` and saves in ``to_disk``.

Writes

* ``doc.spans["items"]`` (label ``ITEM``) with ``Span._.rar_number``, ``._.rar_title``, ``._.rar_marker``,
  ``._.rar_seg_confidence``, ``._.rar_closed``, ``._.rar_type_word``;
* ``doc.spans["sections"]`` (label = canonical name) with ``Span._.rar_section`` and ``._.rar_heading``;
* ``doc._.rar_meeting``: kind, council, body, municipality, region, date (with confidences).
"""

from __future__ import annotations

import bisect
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.attrs import IDX
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from ._segment.assemble import apply_roles, build_items
from ._segment.features import document_features
from ._segment.labeller import ROLES, LinearLabeller, RulesLabeller
from ._segment.lines import split_lines
from ._segment.meeting import COUNCILS, detect_meeting
from ._segment.rules import parse_marker
from ._segment.types import Item, Line, Meeting, Section
from ._segment.vocabulary import Vocabulary
from .doc import doc_text, item_sections, run_state, spans_within

__all__ = ["COUNCILS", "ROLES", "Item", "Line", "Meeting", "RarSegmenter", "Section", "item_sections",
           "label_lines", "parse_marker", "segment_text", "spans_within"]


@functools.cache
def _shipped_model() -> LinearLabeller:
    from .pipeline import MODELS_DIR

    return LinearLabeller.from_path(MODELS_DIR / "segmenter" / "labeller.json")


# --------------------------------------------------------------------------------------------
# Pure functions


def label_lines(text: str, *, blocks: list[dict] | None = None, labeller: Any = None,
                vocab: Vocabulary | None = None) -> tuple[list[Line], list[list[str]] | None]:
    """Lines of ``text`` with their role and confidence (and the features, for the model)."""
    vocab = vocab or Vocabulary.default()
    labeller = labeller or _shipped_model()
    lines = split_lines(text, blocks)
    feats = None
    if isinstance(labeller, LinearLabeller):
        feats = document_features(lines, vocab)
        roles, conf = labeller.predict(lines, vocab, feats)
    else:
        roles, conf = labeller.predict(lines, vocab)
    apply_roles(lines, roles, conf, vocab)
    return lines, feats


def segment_text(text: str, headers: list[str] | None = None, *, blocks: list[dict] | None = None,
                 labeller: Any = None, vocab: Vocabulary | None = None) -> tuple[Meeting, list[Item]]:
    """Segment normalised text.

    headers: running headers the normaliser removed (they name the meeting); blocks: the reader's
    layout blocks in normalised offsets; labeller: a ``LinearLabeller`` (default: the shipped
    model) or ``RulesLabeller``.
    """
    vocab = vocab or Vocabulary.default()
    lines, _ = label_lines(text, blocks=blocks, labeller=labeller, vocab=vocab)
    items = build_items(text, lines)
    return detect_meeting(text, items, headers), items


# --------------------------------------------------------------------------------------------
# Scorer


def score_segmentation(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """Exact-boundary P/R/F of item spans and of section spans (label = canonical name)."""
    examples = list(examples)
    out: dict[str, Any] = {}
    for key in ("items", "sections"):
        scores = Scorer.score_spans(examples, key, getter=lambda doc, attr: list(doc.spans.get(attr, [])),
                                    has_annotation=lambda doc, k=key: k in doc.spans, labeled=True)
        out.update(scores)
    return out


@registry.scorers("rar.segmentation_scorer.v1")
def make_segmentation_scorer() -> Callable[..., dict[str, Any]]:
    return score_segmentation


# --------------------------------------------------------------------------------------------
# spaCy component


class RarSegmenter(Pipe):
    """spaCy component: labels lines, assembles items and sections, detects the meeting.

    Settings (config): ``labeller`` ("model" or "rules"). Data (``initialize``/``to_disk``): the
    vocabulary JSON and the labeller weights JSON.
    """

    def __init__(self, nlp: Language, name: str = "rar_segmenter", *, labeller: str = "model",
                 scorer: Callable | None = score_segmentation) -> None:
        if labeller not in ("model", "rules"):
            raise ValueError(f"rar_segmenter: labeller must be 'model' or 'rules', not {labeller!r}")
        self.name = name
        self.labeller_kind = labeller
        self.scorer = scorer
        self.vocab_data: Vocabulary | None = None
        self.model: LinearLabeller | None = None

    # -- data --------------------------------------------------------------------------------

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, vocabulary: dict | None = None,
                   weights: dict | None = None) -> None:
        """Load the vocabulary and weights: given dicts, else the shipped data files."""
        self.vocab_data = Vocabulary(vocabulary) if vocabulary is not None else Vocabulary.default()
        self.model = LinearLabeller.from_json(weights) if weights is not None else _shipped_model()

    def _ensure(self) -> tuple[Vocabulary, LinearLabeller | RulesLabeller]:
        if self.vocab_data is None or self.model is None:
            self.initialize()
        assert self.vocab_data is not None and self.model is not None
        return self.vocab_data, (RulesLabeller() if self.labeller_kind == "rules" else self.model)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        vocab, _ = self._ensure()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        # stdlib json, not srsly (ujson): floats must round-trip exactly for identical confidences
        if "vocabulary" not in exclude:
            (path / "vocabulary.json").write_text(json.dumps(vocab.to_json(), ensure_ascii=False), encoding="utf-8")
        if "weights" not in exclude and self.model is not None:
            (path / "labeller.json").write_text(json.dumps(self.model.to_json()), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RarSegmenter:
        path = Path(path)
        if "vocabulary" not in exclude and (path / "vocabulary.json").exists():
            self.vocab_data = Vocabulary(json.loads((path / "vocabulary.json").read_text(encoding="utf-8")))
        if "weights" not in exclude and (path / "labeller.json").exists():
            self.model = LinearLabeller.from_path(path / "labeller.json")
        return self

    # -- processing --------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            preds = self.predict([doc])
            self.set_annotations([doc], preds)
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)
            return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def predict(self, docs: Iterable[Doc]) -> list[tuple[Meeting, list[Item]]]:
        vocab, labeller = self._ensure()
        out = []
        for doc in docs:
            meta = run_state(doc).get("norm") or {}
            out.append(segment_text(doc_text(doc), meta.get("removed_headers"), blocks=meta.get("blocks"),
                                    labeller=labeller, vocab=vocab))
        return out

    def set_annotations(self, docs: Iterable[Doc], preds: list[tuple[Meeting, list[Item]]]) -> None:
        for doc, (meeting, items) in zip(docs, preds, strict=True):
            _write(doc, meeting, items)


def _write(doc: Doc, meeting: Meeting, items: list[Item]) -> None:
    item_spans, section_spans = [], []
    token_starts: list[int] | None = None
    for it in items:
        span = doc.char_span(it.start, it.end, label="ITEM", alignment_mode="expand")
        if span is None:
            continue
        span._.rar_number, span._.rar_title, span._.rar_marker = it.number, it.title, it.marker
        span._.rar_seg_confidence = it.confidence
        span._.rar_closed, span._.rar_type_word = it.closed, it.type_word
        item_spans.append(span)
        for sec in it.sections:
            if sec.end > sec.start:
                s = doc.char_span(sec.start, sec.end, label=sec.name, alignment_mode="expand")
            else:  # a label with nothing under it ("Referat" in an agenda): an empty span
                if token_starts is None:
                    token_starts = doc.to_array(IDX).tolist()
                i = bisect.bisect_left(token_starts, sec.start)
                s = Span(doc, i, i, label=sec.name)
            if s is None:
                continue
            s._.rar_section, s._.rar_heading, s._.rar_seg_confidence = sec.name, sec.heading, sec.confidence
            section_spans.append(s)
    doc.spans["items"] = item_spans
    doc.spans["sections"] = section_spans
    doc._.rar_meeting = meeting.to_dict()


@Language.factory(
    "rar_segmenter",
    assigns=["doc.spans", "doc._.rar_meeting", "span._.rar_number", "span._.rar_title", "span._.rar_marker",
             "span._.rar_section", "span._.rar_heading", "span._.rar_seg_confidence", "span._.rar_closed",
             "span._.rar_type_word"],
    default_config={"labeller": "model", "scorer": {"@scorers": "rar.segmentation_scorer.v1"}},
    default_score_weights={"items_f": 0.5, "sections_f": 0.5, "items_p": None, "items_r": None,
                           "sections_p": None, "sections_r": None, "items_per_type": None,
                           "sections_per_type": None},
)
def make_segmenter(nlp: Language, name: str, labeller: str, scorer: Callable | None) -> RarSegmenter:
    return RarSegmenter(nlp, name, labeller=labeller, scorer=scorer)
