"""Classifying: item type (B/D/O) and decision outcome, with scores, confidence and evidence.

Archive users ask "which items were decisions, and what was decided?". Two components answer:

* ``rar_item_type`` — ``Span._.rar_item_types`` (set of "B", "D", "O"), ``._.rar_item_type`` (primary),
  ``._.rar_item_type_source`` ("marker" or "model"), ``._.rar_item_type_scores``. A printed marker
  ("(B)", "(D/B)", "(O og B)", "(Oplæg + D)", OCR "(0)") is parsed exactly; where none is printed the
  types are read off what the Indstilling proposes (approve/decide -> B, discuss -> D, note -> O, as
  the guideline defines them), and a linear model over title, Sagen kort, Indstilling and Beslutning
  decides items without a usable Indstilling (``method="model"``: the model decides every item).
* ``rar_outcome`` — ``._.rar_outcome`` (set from ``OUTCOME_LABELS``), ``._.rar_with_remarks``,
  ``._.rar_outcome_scores``, ``._.rar_outcome_evidence`` and ``._.rar_proposed_outcome`` (what the Indstilling
  asked for). Unambiguous cue phrases decide by rule ("tog ... til efterretning", "godkendte",
  "drøftede", "besluttede"); a linear model adds what has no fixed wording ("Notatet lægges på
  hjemmesiden" is a decision, "Rådet kvitterede for ..." a discussion).

Primary type: the strongest demand on the council, B over D over O — an item with any decision
in it is a decision item, "(O+D)" is a discussion item. Label definitions: ``corpora/CLASSIFY.md``.

Layout follows spaCy's own components: this module holds the two thin components, their scorers
and the export hook; the pure functions live beside it in ``nlp/_classify/`` (``labels``: labels and
markers; ``features``: cues, lexicon features, the analyser; ``fields``: an item's fields; ``model``:
the linear model and its JSON form; ``estimator``: its scikit-learn training; ``predict``: prediction;
``lexicon``/``votes``: the decision lexicon and the vote parser; ``calibration``). Models are JSON
(vocabulary, idf, coefficients; never pickle), trained by ``training/train_classify.py`` and
loaded in ``initialize``/``from_disk``. Sets live on the ``Doc`` as sorted lists (msgpack-safe for
``nlp.pipe(n_process=2)``) and are exposed as sets by getters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from ._classify.calibration import Calibration
from ._classify.features import CUES, analyze, cue_names, cue_vector, lexicon_vector, mask_guarded
from ._classify.fields import Field, field_texts, item_fields
from ._classify.labels import (
    FIELDS,
    MODEL_FILES,
    MODEL_FORMAT,
    NO_DECISION,
    OUTCOME_LABELS,
    TASK_FIELDS,
    TASK_LABELS,
    TYPE_LABELS,
    parse_marker_types,
    primary_type,
)
from ._classify.model import LinearModel, fit_linear_model
from ._classify.predict import (
    PROPOSAL_TYPES,
    PROPOSALS_KEY,
    TYPE_METHODS,
    Prediction,
    decision_rules,
    predict_outcome,
    predict_proposed,
    predict_type,
    proposal_key,
    proposal_rules,
    stored_proposal,
    type_from_proposal,
)
from .doc import aligned_items, doc_text, run_state

__all__ = ["CUES", "FIELDS", "MODEL_FILES", "MODEL_FORMAT", "NO_DECISION", "OUTCOME_LABELS", "PROPOSALS_KEY",
           "PROPOSAL_TYPES", "TASK_FIELDS", "TASK_LABELS", "TYPE_LABELS", "TYPE_METHODS", "Field",
           "ItemTypeClassifier", "LinearModel", "OutcomeClassifier", "Prediction", "analyze", "cue_names",
           "cue_vector", "decision_rules", "field_texts", "fit_linear_model", "item_fields", "lexicon_vector",
           "mask_guarded", "parse_marker_types", "predict_outcome", "predict_proposed", "predict_type",
           "primary_type", "proposal_rules", "record_fields", "stored_proposal", "type_from_proposal"]


# --------------------------------------------------------------------------------------------
# spaCy extensions: lists on the Doc (msgpack-safe), sets through getters


def _load_task_model(task: str, model_dir: str | Path | None) -> LinearModel:
    from .pipeline import MODELS_DIR

    path = Path(model_dir) if model_dir else MODELS_DIR / "classify"
    file = path / MODEL_FILES[task]
    if not file.exists():
        raise FileNotFoundError(f"{file} is missing; build it with `python training/train_classify.py`")
    return LinearModel.load(file)


CALIBRATION_FILE = "calibration.json"


def _load_calibration(model_dir: str | Path | None) -> Calibration | None:
    """The shipped confidence calibration (``training/train_classify.py`` writes it), if present."""
    from .pipeline import MODELS_DIR

    file = (Path(model_dir) if model_dir else MODELS_DIR / "classify") / CALIBRATION_FILE
    return Calibration.load(file) if file.exists() else None


class _ModelPipe(Pipe):
    """Shared plumbing: JSON models loaded in ``initialize``/``from_disk``, never at import."""

    tasks: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str, *, threshold: float, scorer: Callable | None) -> None:
        self.name = name
        self.threshold = threshold
        self.scorer = scorer
        self.models: dict[str, LinearModel | None] = dict.fromkeys(self.tasks)
        self.calibration: Calibration | None = None  # raw confidences until a calibration is loaded
        self.cfg: dict[str, Any] = {"threshold": threshold}

    def calibrated(self, task: str, p: float | None) -> float | None:
        """The task's calibrated confidence (identity without a calibration file)."""
        return p if self.calibration is None else self.calibration(task, p)

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, model_dir: str | None = None) -> None:
        """Load the committed models (``MODELS_DIR/classify``) or those in ``model_dir``.

        (``str``, not ``Path``: spaCy validates these settings from the signature's annotations.)"""
        for task in self.tasks:
            self.models[task] = _load_task_model(task, model_dir)
        self.calibration = _load_calibration(model_dir)

    def set_models(self, **models: LinearModel | None) -> None:
        """Swap in models trained elsewhere (the LODO evaluation does this per fold)."""
        for task, model in models.items():
            if task not in self.tasks:
                raise KeyError(task)
            self.models[task] = model

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as e:  # one bad document is reported, not the batch
            error_handler(self.name, self, [doc], e)
            return doc  # unannotated, as the other rar components do when the handler lets it pass

    def predict(self, docs: Iterable[Doc]) -> list[list[Any]]:
        """Per document, one prediction per item span (the per-item logic is in pure functions).

        rar_item_type reads the proposal rar_outcome stored on the Doc, so a batch is predicted and
        annotated per component in pipeline order (``nlp.pipe`` does this)."""
        out = []
        for doc in docs:
            text = doc_text(doc)
            out.append([self.predict_item(item, item_fields(item, text), text) for item in doc.spans.get("items", [])])
        return out

    def set_annotations(self, docs: Iterable[Doc], preds: list[list[Any]]) -> None:
        for doc, results in zip(docs, preds, strict=True):
            for item, result in zip(doc.spans.get("items", []), results, strict=True):
                self.annotate_item(item, result)

    def predict_item(self, item: Span, fields: dict[str, Field] | None = None, doc_text: str | None = None) -> Any:
        """Prediction for one item (``fields``/``doc_text`` save recomputing them per item)."""
        raise NotImplementedError

    def annotate_item(self, item: Span, result: Any) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)  # data only: the settings live in the config
        for task, model in self.models.items():
            if model is not None:
                model.save(path / MODEL_FILES[task])
        if self.calibration is not None:
            self.calibration.save(path / CALIBRATION_FILE)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> _ModelPipe:
        path = Path(path)
        for task in self.tasks:
            if (path / MODEL_FILES[task]).exists():
                self.models[task] = LinearModel.load(path / MODEL_FILES[task])
        if (path / CALIBRATION_FILE).exists():
            self.calibration = Calibration.load(path / CALIBRATION_FILE)
        return self


class ItemTypeClassifier(_ModelPipe):
    """spaCy component: item types from the printed marker, else from the proposal or the type model."""

    tasks = ("item_type", "proposed_outcome")

    def __init__(self, nlp: Language, name: str = "rar_item_type", *, use_markers: bool = True,
                 threshold: float = 0.5, method: str = "proposal", scorer: Callable | None = None) -> None:
        if method not in TYPE_METHODS:
            raise ValueError(f"method must be one of {', '.join(TYPE_METHODS)}, not {method!r}")
        super().__init__(nlp, name, threshold=threshold, scorer=scorer)
        self.use_markers = use_markers
        self.method = method
        self.cfg.update(use_markers=use_markers, method=method)

    def predict_item(self, item: Span, fields: dict[str, Field] | None = None,
                     doc_text: str | None = None) -> Prediction:
        return predict_type(item, fields or item_fields(item, doc_text), self.models["item_type"],
                            use_markers=self.use_markers, threshold=self.threshold, doc_text=doc_text,
                            method=self.method, proposed_model=self.models["proposed_outcome"],
                            proposed=stored_proposal(item))

    def annotate_item(self, item: Span, result: Prediction) -> None:
        item._.rar_item_type_list = list(result.labels)
        item._.rar_item_type = result.primary
        item._.rar_item_type_source = result.source
        item._.rar_item_type_scores = dict(result.scores)
        item._.rar_item_type_confidence = result.confidence if result.source in ("marker", "type_word") \
            else self.calibrated("item_type", result.confidence)
        item._.rar_item_type_evidence = result.evidence[0] if result.evidence else None


class OutcomeClassifier(_ModelPipe):
    """spaCy component: decision outcome from the Beslutning, proposed outcome from the Indstilling."""

    tasks = ("outcome", "proposed_outcome")

    def __init__(self, nlp: Language, name: str = "rar_outcome", *, threshold: float = 0.5,
                 mode: str = "hybrid", scorer: Callable | None = None) -> None:
        if mode not in ("hybrid", "rules", "model"):
            raise ValueError(f"mode must be hybrid, rules or model, not {mode!r}")
        super().__init__(nlp, name, threshold=threshold, scorer=scorer)
        self.mode = mode
        self.cfg["mode"] = mode

    def predict_item(self, item: Span, fields: dict[str, Field] | None = None,
                     doc_text: str | None = None) -> tuple[Prediction, Prediction]:
        fields = fields or item_fields(item, doc_text)
        proposed = predict_proposed(fields, self.models["proposed_outcome"], threshold=self.threshold,
                                    mode=self.mode)
        outcome = predict_outcome(fields, self.models["outcome"], proposed, threshold=self.threshold,
                                  mode=self.mode)
        return outcome, proposed

    def annotate_item(self, item: Span, result: tuple[Prediction, Prediction]) -> None:
        outcome, proposed = result
        item._.rar_outcome_list = list(outcome.labels)
        item._.rar_outcome_scores = dict(outcome.scores)
        item._.rar_outcome_confidence = self.calibrated("outcome", outcome.confidence)
        item._.rar_outcome_evidence = list(outcome.evidence)
        item._.rar_with_remarks = outcome.with_remarks
        item._.rar_proposed_outcome_list = list(proposed.labels)
        item._.rar_proposed_outcome_scores = dict(proposed.scores)
        item._.rar_proposed_outcome_confidence = self.calibrated("proposed_outcome", proposed.confidence)
        item._.rar_proposed_outcome_evidence = list(proposed.evidence)
        item._.rar_votes = list(outcome.votes)
        item._.rar_reservations = list(outcome.reservations)
        # The raw proposal, for rar_item_type (which runs after this component): computed once per item.
        proposals = run_state(item.doc).setdefault(PROPOSALS_KEY, {})
        proposals[proposal_key(item)] = asdict(proposed)


# --------------------------------------------------------------------------------------------
# Scorers (so ``nlp.evaluate`` works on Examples whose reference items carry gold labels)


def _aligned_items(examples: Iterable[Example]) -> Iterable[tuple[Span, Span]]:
    """Predicted and reference items with the same span (reference items without a match are not scored)."""
    return ((p, r) for p, r in aligned_items(examples) if p is not None)


def score_item_types(examples: Iterable[Example], **kwargs: Any) -> dict[str, float | None]:
    """Primary-type accuracy over items whose reference span has an ``item_type``."""
    pairs = [(p._.rar_item_type, r._.rar_item_type) for p, r in _aligned_items(examples) if r._.rar_item_type]
    return {"item_type_acc": sum(p == g for p, g in pairs) / len(pairs) if pairs else None}


def score_outcomes(examples: Iterable[Example], **kwargs: Any) -> dict[str, float | None]:
    """Exact-set accuracy of outcome and proposed outcome over items with reference labels."""
    out: dict[str, float | None] = {}
    for key, attr in (("outcome_acc", "rar_outcome_list"), ("proposed_outcome_acc", "rar_proposed_outcome_list")):
        pairs = [(set(getattr(p._, attr) or []), set(getattr(r._, attr)))
                 for p, r in _aligned_items(examples) if getattr(r._, attr) is not None]
        out[key] = sum(p == g for p, g in pairs) / len(pairs) if pairs else None
    return out


@registry.scorers("rar.item_type_scorer.v1")
def make_item_type_scorer() -> Callable:
    return score_item_types


@registry.scorers("rar.outcome_scorer.v1")
def make_outcome_scorer() -> Callable:
    return score_outcomes


@Language.factory(
    "rar_item_type",
    assigns=["span._.rar_item_type", "span._.rar_item_type_list", "span._.rar_item_type_source",
             "span._.rar_item_type_scores", "span._.rar_item_type_confidence", "span._.rar_item_type_evidence"],
    requires=["doc.spans", "span._.rar_marker", "span._.rar_section"],
    default_config={"use_markers": True, "threshold": 0.5, "method": "proposal",
                    "scorer": {"@scorers": "rar.item_type_scorer.v1"}},
    default_score_weights={"item_type_acc": 1.0},
)
def make_item_type(nlp: Language, name: str, use_markers: bool, threshold: float, method: str,
                   scorer: Callable | None) -> ItemTypeClassifier:
    return ItemTypeClassifier(nlp, name, use_markers=use_markers, threshold=threshold, method=method, scorer=scorer)


@Language.factory(
    "rar_outcome",
    assigns=["span._.rar_outcome_list", "span._.rar_outcome_scores", "span._.rar_outcome_confidence",
             "span._.rar_outcome_evidence", "span._.rar_with_remarks", "span._.rar_proposed_outcome_list",
             "span._.rar_proposed_outcome_scores", "span._.rar_proposed_outcome_confidence",
             "span._.rar_proposed_outcome_evidence", "span._.rar_votes", "span._.rar_reservations"],
    requires=["doc.spans", "span._.rar_section"],
    default_config={"threshold": 0.5, "mode": "hybrid", "scorer": {"@scorers": "rar.outcome_scorer.v1"}},
    default_score_weights={"outcome_acc": 0.5, "proposed_outcome_acc": 0.5},
)
def make_outcome(nlp: Language, name: str, threshold: float, mode: str, scorer: Callable | None) -> OutcomeClassifier:
    return OutcomeClassifier(nlp, name, threshold=threshold, mode=mode, scorer=scorer)


# --------------------------------------------------------------------------------------------
# Export hook


def _clean_evidence(ev: dict[str, Any] | None) -> dict[str, Any] | None:
    if not ev:
        return None
    return {k: ev[k] for k in ("start", "end", "text", "section", "labels") if k in ev}


def record_fields(item: Span) -> dict[str, Any]:
    """Record fields for ``nlp.export``; {} for the parts whose component did not run."""
    out: dict[str, Any] = {}
    confidence: dict[str, float] = {}
    evidence: dict[str, Any] = {}
    if item._.rar_item_type_list is not None:
        out.update(item_types=sorted(item._.rar_item_type_list), item_type=item._.rar_item_type,
                   item_type_source=item._.rar_item_type_source,
                   item_type_scores=dict(item._.rar_item_type_scores or {}))
        confidence["item_type"] = float(item._.rar_item_type_confidence or 0.0)
        evidence["item_type"] = _clean_evidence(item._.rar_item_type_evidence)
    if item._.rar_outcome_list is not None:
        out.update(outcome=list(item._.rar_outcome_list), outcome_scores=dict(item._.rar_outcome_scores or {}),
                   with_remarks=item._.rar_with_remarks, proposed_outcome=list(item._.rar_proposed_outcome_list or []))
        confidence["outcome"] = float(item._.rar_outcome_confidence or 0.0)
        confidence["proposed_outcome"] = float(item._.rar_proposed_outcome_confidence or 0.0)
        evidence["outcome"] = [_clean_evidence(e) for e in item._.rar_outcome_evidence or []] or None
        evidence["proposed_outcome"] = [_clean_evidence(e) for e in item._.rar_proposed_outcome_evidence or []] or None
        out.update(votes=list(item._.rar_votes or []), reservations=list(item._.rar_reservations or []))
    if confidence:
        out["confidence"] = confidence
    if evidence:
        out["evidence"] = evidence
    return out
