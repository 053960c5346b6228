"""Classification scores, leave-one-document-out (LODO): no document is scored by a model that saw it.

For each document with gold, the three models (item type, outcome, proposed outcome) are trained
on the other documents' gold and the real components predict the held-out one. Scored:

* item type with the printed marker hidden from the model (marked items, gold = the marker) and
  on unmarked items (gold by content); primary-type accuracy and macro-F1, exact-set accuracy,
  a confusion matrix; marker parsing (exact set on every marked item) and the type as deployed;
* outcome and proposed outcome: per-label P/R/F1, macro-F1 over labels with gold support,
  exact-set accuracy, a gold x predicted confusion matrix, and the rules-only and model-only
  ablations; ``with_remarks``.

Gold items (``corpora/classify.json``, keyed by the ordinals of ``corpora/segmentation.json``) are
paired with predicted items the way segmentation is scored (``match_items``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .._classify.calibration import (
    EQUAL_BINS,
    Calibration,
    cross_fitted,
    domain_weights,
    ece,
    ece_noise,
    fit_calibrator,
)
from .._classify.calibration import reliability as _reliability
from .._classify.features import _rx
from ..classify import (
    FIELDS,
    OUTCOME_LABELS,
    PROPOSALS_KEY,
    TASK_LABELS,
    TYPE_LABELS,
    Field,
    ItemTypeClassifier,
    LinearModel,
    OutcomeClassifier,
    Prediction,
    field_texts,
    fit_linear_model,
    item_fields,
    parse_marker_types,
    predict_outcome,
    predict_proposed,
    primary_type,
    type_from_proposal,
)
from ..corpus import CORPORA, CorpusDoc
from ..doc import run_state
from ..export import doc_to_records
from . import prf
from .segmentation import match_items


@dataclass
class ItemExample:
    """One gold item paired with its predicted span: the texts a model reads and the gold labels."""

    doc: str  # file name
    ordinal: int  # gold ordinal
    index: int  # position in doc.spans["items"]
    marker: str | None
    texts: dict[str, str]
    gold: dict[str, Any]
    blank_beslutning: bool = False
    blank_indstilling: bool = False


@dataclass
class Corpus:
    """Segmented documents and their paired gold items."""

    docs: dict[str, Doc] = field(default_factory=dict)
    examples: list[ItemExample] = field(default_factory=list)
    gold_items: int = 0


def load_gold(gold_dir: Path | None = None) -> tuple[dict, dict]:
    """``classify.json`` and ``segmentation.json`` from ``gold_dir`` (segmentation falls back to ours)."""
    base = gold_dir or CORPORA

    def read(name: str) -> dict:
        for d in (base, CORPORA):
            if (d / name).exists():
                return json.loads((d / name).read_text(encoding="utf-8"))
        return {}

    return read("classify.json"), read("segmentation.json")


def build_corpus(docs: list[CorpusDoc], gold_cls: dict, gold_seg: dict, nlp: Language | None = None) -> Corpus:
    """Segment every document that has gold and pair gold items with predicted items."""
    if nlp is None:
        from ..pipeline import load

        nlp = load(base="blank", components=["rar_segmenter"])
    out = Corpus()
    for cdoc in docs:
        sha = cdoc.raw.doc_id
        if sha not in gold_cls or sha not in gold_seg:
            continue
        doc = nlp(cdoc.raw.text)
        out.docs[cdoc.name] = doc
        seg_items = gold_seg[sha]["items"]
        labels = gold_cls[sha]["items"]
        out.gold_items += len(labels)
        records = doc_to_records(doc, doc_id=sha, source=cdoc.name)
        spans = list(doc.spans["items"])
        text = doc.text
        for gi, pi in match_items(seg_items, records):
            ordinal = seg_items[gi]["ordinal"]
            if str(ordinal) not in labels:
                continue
            fields = item_fields(spans[pi], text)
            out.examples.append(ItemExample(cdoc.name, ordinal, pi, spans[pi]._.rar_marker, field_texts(fields, FIELDS),
                                            labels[str(ordinal)], fields["beslutning"].blank,
                                            fields["indstilling"].blank))
    return out


SYNTHETIC_DIR = CORPORA / "decisions"
CORPUS_WEIGHT = 3.0  # a real corpus item counts as much as three invented ones (LODO: 1, 3 and 6 score the same)


@dataclass
class SyntheticExample:
    """One invented decision or proposal text (``corpora/decisions/``) as a model reads it."""

    id: str
    publisher: str
    family: str
    task: str
    texts: dict[str, str]
    labels: list[str]
    with_remarks: bool | None = None
    types: list[str] = field(default_factory=list)


def synthetic_examples(directory: Path | None = None) -> list[SyntheticExample]:
    """The invented multi-publisher decisions and proposals (``corpora/DECISIONS.md``); [] if absent."""
    base = directory or SYNTHETIC_DIR
    out: list[SyntheticExample] = []
    for name, task in (("decisions.jsonl", "outcome"), ("proposals.jsonl", "proposed_outcome")):
        path = base / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if task == "outcome":
                texts = {"title": r.get("title", ""), "beslutning": r["text"], "indstilling": r.get("indstilling", "")}
                labels = r["outcome"]
            else:
                texts = {"title": r.get("title", ""), "indstilling": r["text"]}
                labels = r["proposed"]
            out.append(SyntheticExample(r["id"], r["publisher"], r["family"], task, texts, labels,
                                        r.get("with_remarks"), list(r.get("types", []))))
    return out


def correction_examples(corrections: list[dict], paths: list[str | Path]) -> tuple[list[SyntheticExample], list[str]]:
    """Reviewed labels (``rar-nlp review`` corrections: doc_id, ordinal, task, label) as training
    examples, with the item texts read from the documents under ``paths`` (matched by sha256, items
    by ordinal as ``rar-nlp label`` numbers them). Returns the examples and what could not be matched.
    """
    from ..pipeline import load, make_doc
    from ..read import ReadError, iter_paths, read_document, sha256_bytes

    wanted: dict[str, list[tuple[int, dict]]] = {}
    for k, c in enumerate(corrections):
        wanted.setdefault(c["doc_id"], []).append((k, c))
    nlp = None
    out: list[SyntheticExample] = []
    found: set[str] = set()
    used: set[int] = set()  # indices of the corrections that became examples
    for path in iter_paths(paths):
        try:
            digest = sha256_bytes(path.read_bytes())
        except OSError:
            continue
        if digest not in wanted or digest in found:
            continue
        found.add(digest)
        try:
            raw = read_document(path)
        except ReadError:
            continue
        nlp = nlp or load(base="blank", components=["rar_segmenter"])
        doc = nlp(make_doc(nlp, raw))  # kept alive: the item spans need their Doc
        items = list(doc.spans.get("items", []))
        for k, c in wanted[digest]:
            if not 1 <= c["ordinal"] <= len(items):
                continue
            fields = item_fields(items[c["ordinal"] - 1])
            labels = [x for x in c["label"].split("|") if x]
            if not labels or set(labels) - set(TASK_LABELS[c["task"]]):
                continue  # reported below: not a label of the task
            out.append(SyntheticExample(f"{digest[:12]}#{c['ordinal']}", "corrections", "corrections", c["task"],
                                        field_texts(fields, FIELDS), labels))
            used.add(k)
    problems = [f"{c['doc_id'][:12]}#{c['ordinal']} {c['task']}: "
                + ("document not found under the given paths" if c["doc_id"] not in found
                   else f"no item {c['ordinal']} or a label outside {', '.join(TASK_LABELS[c['task']])}")
                for k, c in enumerate(corrections) if k not in used]
    return out, problems


def fit_models(examples: list[ItemExample], extra: list[SyntheticExample] | None = None,
               corrections: list[SyntheticExample] | None = None) -> dict[str, LinearModel | None]:
    """The three task models from gold examples (outcome/proposed only where the section has text).

    ``extra``: invented decision/proposal texts added to the outcome and proposed-outcome data;
    ``corrections``: reviewed labels of real items (``correction_examples``), weighted as corpus gold,
    for any of the three tasks.
    """
    extra = extra or []
    corrections = corrections or []

    def fit(task: str, blank: str) -> LinearModel:
        rows = [(e.texts, e.gold[task], CORPUS_WEIGHT) for e in examples if not getattr(e, blank)]
        rows += [(x.texts, x.labels, 1.0) for x in extra if x.task == task]
        rows += [(x.texts, x.labels, CORPUS_WEIGHT) for x in corrections if x.task == task]
        return fit_linear_model(task, [r[0] for r in rows], [r[1] for r in rows], weights=[r[2] for r in rows])

    typed = [(x.texts, x.labels) for x in corrections if x.task == "item_type"]
    type_texts = [e.texts for e in examples] + [t for t, _ in typed]
    type_labels = [e.gold["item_types"] for e in examples] + [ls for _, ls in typed]
    return {
        "item_type": fit_linear_model("item_type", type_texts, type_labels) if type_texts else None,
        "outcome": fit("outcome", "blank_beslutning"),
        "proposed_outcome": fit("proposed_outcome", "blank_indstilling"),
    }


_LITERAL = {"B": _rx(r"\bgodkend\w*|\bbeslutte[rs]\b|\btil\s+godkendelse\b|\btilslutter\s+sig\b"),
            "D": _rx(r"\bdrøft\w*")}


def literal_type(texts: dict[str, str]) -> str:
    """Baseline: the brief's reading of the Indstilling (godkender/beslutter -> B, drøfter -> D, else O)."""
    ind = texts.get("indstilling", "")
    return next((t for t in ("B", "D") if _LITERAL[t].search(ind)), "O")


# --------------------------------------------------------------------------------------------
# Metrics


def proposal_ceiling(examples: list[ItemExample]) -> dict[str, Any]:
    """The best type accuracy any mapping from proposed outcome to type can reach on ``examples``.

    Items are grouped by their gold proposed outcome; each group scores the count of its most
    common gold type (in-sample, so an upper bound). Groups whose items carry different types are
    listed: those are marked alike-proposing items differently, which no text model can undo.
    """
    groups: dict[str, Counter] = {}
    for e in examples:
        groups.setdefault("+".join(sorted(e.gold["proposed_outcome"])) or "-", Counter())[e.gold["item_type"]] += 1
    best = sum(c.most_common(1)[0][1] for c in groups.values())
    return {"n": len(examples), "accuracy": round(best / len(examples), 4) if examples else None,
            "mixed": {k: dict(sorted(c.items())) for k, c in sorted(groups.items()) if len(c) > 1}}


CONFIDENCE_BINS = (0.0, 0.7, 0.9, 1.0)


def reliability(pairs: list[tuple[float, bool]], bins: tuple[float, ...] = CONFIDENCE_BINS) -> list[dict[str, Any]]:
    """Accuracy per review bin (< 0.7, 0.7–0.9, ≥ 0.9): does a low confidence flag the labels to check?"""
    return _reliability(pairs, bins)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """``nlp.evaluation.prf`` from counts of errors, in this report's terms (support, predicted)."""
    s = prf(tp, tp + fp, tp + fn, when_empty=0.0)
    return {"precision": s["precision"], "recall": s["recall"], "f1": s["f1"], "support": tp + fn,
            "predicted": tp + fp}


def single_label_scores(gold: list[str], pred: list[str | None], labels: tuple[str, ...]) -> dict[str, Any]:
    """Accuracy, per-label P/R/F1, macro-F1 over labels with support, and the confusion matrix
    (``matrix``: rows gold, columns predicted)."""
    n = len(gold)
    per = {lab: _prf(sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True)),
                     sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True)),
                     sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))) for lab in labels}
    supported = [lab for lab in labels if per[lab]["support"]]
    matrix = [[sum(gg == g and p == c for gg, p in zip(gold, pred, strict=True)) for c in labels] for g in labels]
    return {"n": n, "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / n, 4) if n else None,
            "macro_f1": round(sum(per[lab]["f1"] for lab in supported) / len(supported), 4) if supported else None,
            "by_label": per, "matrix": {"labels": list(labels), "matrix": matrix}}


def multi_label_scores(gold: list[list[str]], pred: list[list[str]], labels: tuple[str, ...]) -> dict[str, Any]:
    """Per-label P/R/F1, macro-F1 over labels with gold support, micro-F1, exact-set accuracy, and
    a gold x predicted matrix (cell g,p: items whose gold has g and prediction has p; "none" = empty)."""
    pairs = [(set(g), set(p)) for g, p in zip(gold, pred, strict=True)]
    per = {lab: _prf(sum(lab in g and lab in p for g, p in pairs), sum(lab not in g and lab in p for g, p in pairs),
                     sum(lab in g and lab not in p for g, p in pairs)) for lab in labels}
    supported = [lab for lab in labels if per[lab]["support"]]
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    rows = [lab for lab in labels if per[lab]["support"] or per[lab]["predicted"]]
    rows += ["none"] if any(not g or not p for g, p in pairs) else []

    def has(lab: str, s: set[str]) -> bool:
        return lab in s or (lab == "none" and not s)

    matrix = [[sum(has(g, gs) and has(p, ps) for gs, ps in pairs) for p in rows] for g in rows]
    n = len(pairs)
    return {"n": n, "exact": round(sum(g == p for g, p in pairs) / n, 4) if n else None,
            "macro_f1": round(sum(per[lab]["f1"] for lab in supported) / len(supported), 4) if supported else None,
            "micro_f1": _prf(tp, fp, fn)["f1"], "labels_with_support": supported, "by_label": per,
            "matrix": {"labels": rows, "matrix": matrix}}


# --------------------------------------------------------------------------------------------
# LODO


def _predict_doc(doc: Doc, models: dict[str, LinearModel]) -> dict[str, list[dict[str, Any]]]:
    """Run the real components on one segmented document; per configuration, one row per item."""
    out: dict[str, list[dict[str, Any]]] = {}
    items = list(doc.spans["items"])
    run_state(doc).pop(PROPOSALS_KEY, None)  # the type models compute their own proposal here, per fold
    for use_markers, method in ((False, "proposal"), (True, "proposal"), (False, "model")):
        comp = ItemTypeClassifier(None, use_markers=use_markers, method=method)  # type: ignore[arg-type]
        comp.set_models(item_type=models["item_type"], proposed_outcome=models["proposed_outcome"])
        comp(doc)
        out[f"type_markers_{use_markers}" + ("" if method == "proposal" else f"_{method}")] = [
            {"types": sorted(s._.rar_item_type_list), "primary": s._.rar_item_type, "source": s._.rar_item_type_source,
             "confidence": s._.rar_item_type_confidence}
            for s in items]
    for mode in ("hybrid", "rules", "model"):
        comp = OutcomeClassifier(None, mode=mode)  # type: ignore[arg-type]
        comp.set_models(outcome=models["outcome"], proposed_outcome=models["proposed_outcome"])
        comp(doc)
        out[f"outcome_{mode}"] = [
            {"outcome": list(s._.rar_outcome_list), "proposed": list(s._.rar_proposed_outcome_list),
             "with_remarks": s._.rar_with_remarks, "outcome_confidence": s._.rar_outcome_confidence,
             "proposed_confidence": s._.rar_proposed_outcome_confidence} for s in items]
    return out


def lodo_predictions(corpus: Corpus) -> list[tuple[ItemExample, dict[str, dict[str, Any]]]]:
    """For every example, the predictions made by models trained without its document."""
    from sklearn.model_selection import LeaveOneGroupOut

    rows = []
    extra = synthetic_examples()
    examples = corpus.examples
    groups = [e.doc for e in examples]
    for train_idx, held_idx in LeaveOneGroupOut().split(examples, groups=groups):
        held = groups[held_idx[0]]
        models = fit_models([examples[i] for i in train_idx], extra)
        preds = _predict_doc(corpus.docs[held], models)
        rows += [(examples[i], {k: v[examples[i].index] for k, v in preds.items()}) for i in held_idx]
    return rows


def _type_block(rows: list[tuple[ItemExample, dict]], key: str) -> dict[str, Any]:
    gold = [e.gold["item_type"] for e, _ in rows]
    pred = [p[key]["primary"] for _, p in rows]
    scores = single_label_scores(gold, pred, TYPE_LABELS)
    scores["exact_set"] = (round(sum(e.gold["item_types"] == p[key]["types"] for e, p in rows) / len(rows), 4)
                           if rows else None)
    scores["errors"] = [f"{e.doc[:3]}#{e.ordinal} {e.gold['number'] or e.gold.get('inferred_number') or ''}: "
                        f"gold {'/'.join(e.gold['item_types'])} pred {'/'.join(p[key]['types'])}"
                        for e, p in rows if p[key]["primary"] != e.gold["item_type"]]
    return scores


def _outcome_block(rows: list[tuple[ItemExample, dict]], key: str, gold_key: str, pred_key: str) -> dict[str, Any]:
    scores = multi_label_scores([e.gold[gold_key] for e, _ in rows], [p[key][pred_key] for _, p in rows],
                                OUTCOME_LABELS)
    scores["errors"] = [f"{e.doc[:3]}#{e.ordinal} {e.gold['number'] or e.gold.get('inferred_number') or ''}: "
                        f"gold {','.join(e.gold[gold_key]) or '-'} pred {','.join(p[key][pred_key]) or '-'}"
                        for e, p in rows if set(e.gold[gold_key]) != set(p[key][pred_key])]
    per_doc: dict[str, list[bool]] = {}
    for e, p in rows:
        per_doc.setdefault(e.doc, []).append(set(e.gold[gold_key]) == set(p[key][pred_key]))
    scores["exact_per_document"] = {d: round(sum(v) / len(v), 4) for d, v in per_doc.items()}
    return scores


def evaluate(docs: list[CorpusDoc], gold_dir: Path | None = None, nlp: Language | None = None, *,
             keep_pairs: bool = False) -> dict:
    """LODO scores for every document that has classify gold (see the module docstring).

    ``keep_pairs``: also return the held-out (confidence, correct, group) rows the calibrators fit on.
    """
    gold_cls, gold_seg = load_gold(gold_dir)
    corpus = build_corpus(docs, gold_cls, gold_seg, nlp)
    result: dict[str, Any] = {"documents": sorted(corpus.docs), "gold_items": corpus.gold_items,
                              "matched_items": len(corpus.examples)}
    if len(corpus.docs) < 2:
        result["error"] = "LODO needs gold for at least two documents"
        return result
    rows = lodo_predictions(corpus)
    marked = [(e, p) for e, p in rows if e.gold["item_type_from"] == "marker"]
    unmarked = [(e, p) for e, p in rows if e.gold["item_type_from"] != "marker"]
    parse_ok = [parse_marker_types(e.marker) == e.gold["item_types"] for e, _ in marked]
    result["marker_parsing"] = {
        "n": len(marked), "exact": round(sum(parse_ok) / len(marked), 4) if marked else None,
        "errors": [f"{e.doc[:3]}#{e.ordinal} marker {e.marker!r} -> {parse_marker_types(e.marker)} gold "
                   f"{e.gold['item_types']}" for (e, _), ok in zip(marked, parse_ok, strict=True) if not ok]}
    result["type"] = _type_block(marked, "type_markers_False")  # the headline: marker hidden
    result["type_unmarked"] = _type_block(unmarked, "type_markers_False")
    result["type_all_marker_hidden"] = _type_block(rows, "type_markers_False")
    result["type_as_deployed"] = _type_block(rows, "type_markers_True")
    result["type_model_only"] = _type_block(marked, "type_markers_False_model")
    result["type_ceiling"] = proposal_ceiling([e for e, _ in marked])
    result["type_literal_baseline"] = {
        name: single_label_scores([e.gold["item_type"] for e, _ in part],
                                  [literal_type(e.texts) for e, _ in part], TYPE_LABELS)["accuracy"]
        for name, part in (("marked", marked), ("unmarked", unmarked))}
    for name, gold_key, pred_key in (("outcome", "outcome", "outcome"), ("proposed_outcome", "proposed_outcome",
                                                                         "proposed")):
        result[name] = _outcome_block(rows, "outcome_hybrid", gold_key, pred_key)
        result[name]["ablation_macro_f1"] = {
            mode: multi_label_scores([e.gold[gold_key] for e, _ in rows], [p[f"outcome_{mode}"][pred_key]
                                                                          for _, p in rows], OUTCOME_LABELS)["macro_f1"]
            for mode in ("rules", "model")}
    decided = [(e, p) for e, p in rows if e.gold["with_remarks"] is not None]
    wr_gold = [bool(e.gold["with_remarks"]) for e, _ in decided]
    wr_pred = [bool(p["outcome_hybrid"]["with_remarks"]) for _, p in decided]
    result["with_remarks"] = {
        "n": len(decided),
        "accuracy": round(sum(g == p for g, p in zip(wr_gold, wr_pred, strict=True)) / len(decided), 4)
        if decided else None,
        **{k: v for k, v in _prf(sum(g and p for g, p in zip(wr_gold, wr_pred, strict=True)),
                                 sum(p and not g for g, p in zip(wr_gold, wr_pred, strict=True)),
                                 sum(g and not p for g, p in zip(wr_gold, wr_pred, strict=True))).items()},
    }
    result["confusion"] = {
        "type, marker hidden": result["type"]["matrix"], "type, unmarked items": result["type_unmarked"]["matrix"],
        "outcome": result["outcome"]["matrix"], "proposed outcome": result["proposed_outcome"]["matrix"]}
    result["per_label"] = {"type, marker hidden": result["type"]["by_label"],
                           "outcome": {k: v for k, v in result["outcome"]["by_label"].items() if v["support"]},
                           "proposed outcome": {k: v for k, v in result["proposed_outcome"]["by_label"].items()
                                                if v["support"]}}
    typ = [p["type_markers_False"] for _, p in rows]
    hyb = [p["outcome_hybrid"] for _, p in rows]
    gold = [e.gold for e, _ in rows]
    result["reliability"] = {
        "type, marker hidden": reliability([(t["confidence"] or 0.0, t["primary"] == g["item_type"])
                                            for t, g in zip(typ, gold, strict=True)]),
        "outcome (exact set)": reliability([(h["outcome_confidence"] or 0.0, set(h["outcome"]) == set(g["outcome"]))
                                            for h, g in zip(hyb, gold, strict=True)]),
        "proposed outcome (exact set)": reliability([(h["proposed_confidence"] or 0.0,
                                                      set(h["proposed"]) == set(g["proposed_outcome"]))
                                                     for h, g in zip(hyb, gold, strict=True)]),
    }
    result["publishers"] = evaluate_publishers(corpus.examples)
    held_out = result["publishers"].pop("_pairs")
    for (task, key, conf_key, gold_key, pred_key) in (
            ("outcome", "outcome_hybrid", "outcome_confidence", "outcome", "outcome"),
            ("proposed_outcome", "outcome_hybrid", "proposed_confidence", "proposed_outcome", "proposed")):
        held_out[task] += [(p[key][conf_key] or 0.0, set(p[key][pred_key]) == set(e.gold[gold_key]), e.doc)
                           for e, p in rows]
    held_out["item_type"] += [(p["type_markers_False"]["confidence"] or 0.0,
                               p["type_markers_False"]["primary"] == e.gold["item_type"], e.doc) for e, p in rows]
    result["calibration"] = calibration_scores(held_out, set(corpus.docs))
    if keep_pairs:
        result["_calibration_pairs"] = held_out
    result["label_counts"] = {
        "item_type": dict(Counter(e.gold["item_type"] for e in corpus.examples)),
        "outcome": dict(Counter(lab for e in corpus.examples for lab in e.gold["outcome"])),
        "proposed_outcome": dict(Counter(lab for e in corpus.examples for lab in e.gold["proposed_outcome"])),
    }
    return result


# --------------------------------------------------------------------------------------------
# Invented multi-publisher set: leave one publisher out

TEST_DIR = CORPORA / "decisions_test"


def text_fields(texts: dict[str, str]) -> dict[str, Field]:
    """Item fields from plain section texts (offsets into each text), as ``item_fields`` gives them."""
    fields = {name: Field(name) for name in FIELDS}
    for name, text in texts.items():
        if name in fields and text:
            fields[name] = Field(name, [(0, text)], True)
    return fields


def predict_texts(x: SyntheticExample, models: dict[str, LinearModel], mode: str = "hybrid") -> Prediction:
    """The component's prediction for one invented text (outcome or proposed outcome)."""
    fields = text_fields(x.texts)
    proposed = predict_proposed(fields, models["proposed_outcome"], mode=mode)
    return proposed if x.task == "proposed_outcome" else predict_outcome(fields, models["outcome"], proposed,
                                                                         mode=mode)


def _set_scores(rows: list[tuple[SyntheticExample, Prediction]]) -> dict[str, Any]:
    """Exact-set accuracy overall and per publisher family, macro-F1, with_remarks accuracy."""
    fam: dict[str, list[bool]] = {}
    for x, p in rows:
        fam.setdefault(x.family, []).append(set(p.labels) == set(x.labels))
    ok = [v for vs in fam.values() for v in vs]
    wr = [(x.with_remarks, p.with_remarks) for x, p in rows if x.task == "outcome" and x.with_remarks is not None]
    return {"n": len(rows), "exact": round(sum(ok) / len(ok), 4) if ok else None,
            "exact_per_family": {f: round(sum(v) / len(v), 4) for f, v in sorted(fam.items())},
            "macro_f1": multi_label_scores([x.labels for x, _ in rows], [p.labels for _, p in rows],
                                           OUTCOME_LABELS)["macro_f1"],
            "with_remarks_accuracy": round(sum(bool(g) == bool(p) for g, p in wr) / len(wr), 4) if wr else None,
            "errors": [f"{x.id} gold {x.labels} pred {p.labels}" for x, p in rows
                       if set(p.labels) != set(x.labels)][:40]}


def evaluate_publishers(corpus_examples: list[ItemExample], extra: list[SyntheticExample] | None = None,
                        test: list[SyntheticExample] | None = None) -> dict[str, Any]:
    """Outcome and proposed outcome on invented texts of many publishers, never seen in training.

    Leave-one-publisher-out: for each publisher the models are trained on the corpus and the
    other publishers' texts. The decision lexicon (hand-written, see DECISIONS.md) was written
    with sight of this set, so ``lexicon_only`` is a development score, not a held-out one.
    ``test``: a set written without sight of the lexicon or the training set
    (``corpora/decisions_test``), scored by models trained on everything else.
    """
    extra = synthetic_examples() if extra is None else extra
    rows: dict[str, list[tuple[SyntheticExample, Prediction]]] = {"outcome": [], "proposed_outcome": []}
    lexicon_rows: dict[str, list[tuple[SyntheticExample, Prediction]]] = {"outcome": [], "proposed_outcome": []}
    pairs: dict[str, list[tuple[float, bool, str]]] = {"outcome": [], "proposed_outcome": [], "item_type": []}
    from sklearn.model_selection import LeaveOneGroupOut

    publishers = [x.publisher for x in extra]
    for train_idx, held_idx in LeaveOneGroupOut().split(extra, groups=publishers):
        pub = publishers[held_idx[0]]
        models = fit_models(corpus_examples, [extra[i] for i in train_idx])
        for x in (extra[i] for i in held_idx):
            pred = predict_texts(x, models)
            rows[x.task].append((x, pred))
            lexicon_rows[x.task].append((x, predict_texts(x, models, mode="rules")))
            pairs[x.task].append((pred.confidence, set(pred.labels) == set(x.labels), pub))
            if x.task == "proposed_outcome" and x.types:
                typ = type_from_proposal(pred, x.texts.get("indstilling", ""))
                if typ is not None:
                    pairs["item_type"].append((typ.confidence, typ.primary == primary_type(x.types), pub))
    out: dict[str, Any] = {"publishers": len({x.publisher for x in extra}),
                           "families": sorted({x.family for x in extra}),
                           **{task: _set_scores(r) for task, r in rows.items()},
                           "lexicon_only": {task: _set_scores(r)["exact"] for task, r in lexicon_rows.items()},
                           "_pairs": pairs}
    test = synthetic_examples(TEST_DIR) if test is None else test
    if test:
        models = fit_models(corpus_examples, extra)
        out["test"] = {task: _set_scores([(x, predict_texts(x, models)) for x in test if x.task == task])
                       for task in ("outcome", "proposed_outcome")}
        out["test"]["publishers"] = len({x.publisher for x in test})
    return out


def calibration_scores(pairs: dict[str, list[tuple[float, bool, str]]],
                       corpus_groups: set[str] | None = None) -> dict[str, Any]:
    """ECE before and after calibration, cross-fitted by document/publisher, with reliability bins.

    ``corpus_groups``: the real documents; their rows are also scored alone (the invented set is
    easier, so the pooled ECE alone would flatter).
    """
    out = {}
    for task, rows in pairs.items():
        conf, ok, groups = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
        cal = cross_fitted(conf, ok, groups, weights=domain_weights(groups, corpus_groups))
        out[task] = {"n": len(rows), "groups": len(set(groups)), "ece_raw": ece(conf, ok),
                     "ece_calibrated": ece(cal, ok), "accuracy": round(sum(ok) / len(ok), 4) if ok else None,
                     "reliability_raw": _reliability(list(zip(conf, ok, strict=True)), EQUAL_BINS),
                     "reliability_calibrated": _reliability(list(zip(cal, ok, strict=True)), EQUAL_BINS)}
        if corpus_groups:
            idx = [i for i, g in enumerate(groups) if g in corpus_groups]
            c_ok = [ok[i] for i in idx]
            out[task]["corpus"] = {"n": len(idx), "ece_raw": ece([conf[i] for i in idx], c_ok),
                                   "ece_calibrated": ece([cal[i] for i in idx], c_ok),
                                   "ece_noise_p95": ece_noise([cal[i] for i in idx]),
                                   "accuracy": round(sum(c_ok) / len(c_ok), 4) if c_ok else None}
    return out


def fit_calibration(pairs: dict[str, list[tuple[float, bool, str]]], corpus_groups: set[str] | None = None
                    ) -> Calibration:
    """The shipped calibrators: each task's isotonic map fitted on all held-out predictions."""
    return Calibration({task: fit_calibrator([r[0] for r in rows], [r[1] for r in rows],
                                             domain_weights([r[2] for r in rows], corpus_groups))
                        for task, rows in pairs.items()},
                       {"fitted_on": {task: len(rows) for task, rows in pairs.items()},
                        "predictions": "corpus leave-one-document-out + invented set leave-one-publisher-out"})


def calibration_report(cal: dict[str, Any]) -> list[str]:
    """ECE before/after and the reliability diagram (as a table) per task."""
    lines = ["", "Calibration (held-out predictions; calibrators cross-fitted over documents/publishers, 5 folds)"]
    for task, r in cal.items():
        lines.append(f"  {task:17} n={r['n']:4}  accuracy {_num(r['accuracy'])}  ECE raw {_num(r['ece_raw'])} "
                     f"-> calibrated {_num(r['ece_calibrated'])}")
        if "corpus" in r:
            c = r["corpus"]
            lines.append(f"    corpus items only (LODO) n={c['n']}: accuracy {_num(c['accuracy'])}, ECE raw "
                         f"{_num(c['ece_raw'])} -> calibrated {_num(c['ece_calibrated'])} (a calibrated model "
                         f"shows up to {_num(c.get('ece_noise_p95'))} on {c['n']} items by chance, 19 times in 20)")
        lines.append("    reliability (confidence bin: n, mean calibrated confidence / accuracy): " + "; ".join(
            f"[{b['from']:.1f},{b['to']:.1f}) {b['n']}: {_num(b['mean_confidence'])}/{_num(b['accuracy'])}"
            for b in r["reliability_calibrated"] if b["n"]))
    return lines


def publisher_report(res: dict[str, Any]) -> list[str]:
    """Printable lines for ``evaluate_publishers``."""
    lines = ["", f"Invented multi-publisher set (corpora/decisions, {res['publishers']} publishers), "
             "leave-one-publisher-out (trained on the corpus + the other publishers)"]
    for task, name in (("outcome", "outcome"), ("proposed_outcome", "proposed outcome")):
        r = res[task]
        lines.append(f"  {name:17} n={r['n']:4}  exact set {_num(r['exact'])}  macro-F1 {_num(r['macro_f1'])}"
                     + (f"  with_remarks {_num(r['with_remarks_accuracy'])}" if r["with_remarks_accuracy"] else ""))
        lines.append("    per family: " + ", ".join(f"{f} {_num(v)}" for f, v in r["exact_per_family"].items()))
    lex = res["lexicon_only"]
    lines.append(f"  lexicon alone (development score: the lexicon was written with sight of this set): "
                 f"outcome {_num(lex['outcome'])}, proposed {_num(lex['proposed_outcome'])}")
    if "test" in res:
        t = res["test"]
        lines.append(f"Held-out test set (corpora/decisions_test, {t['publishers']} other publishers, written "
                     "without sight of the lexicon; trained on everything else)")
        for task, name in (("outcome", "outcome"), ("proposed_outcome", "proposed outcome")):
            r = t[task]
            lines.append(f"  {name:17} n={r['n']:4}  exact set {_num(r['exact'])}  macro-F1 {_num(r['macro_f1'])}"
                         + (f"  with_remarks {_num(r['with_remarks_accuracy'])}" if r["with_remarks_accuracy"]
                            else ""))
            lines.append("    per family: " + ", ".join(f"{f} {_num(v)}" for f, v in r["exact_per_family"].items()))
    return lines


# --------------------------------------------------------------------------------------------
# Report


def _matrix(m: dict[str, Any], title: str) -> list[str]:
    labels = m["labels"]
    lines = [f"  {title} (rows gold, columns predicted)",
             "  " + " " * 24 + "".join(f"{lab[:6]:>8}" for lab in labels)]
    for lab, row in zip(labels, m["matrix"], strict=True):
        lines.append(f"  {lab:24}" + "".join(f"{v:8d}" for v in row))
    return lines


def _num(x: float | None) -> str:
    """A score to three decimals, or "n/a" where there was nothing to score (e.g. no marked items)."""
    return "n/a" if x is None else f"{x:.3f}"


def _type_lines(name: str, s: dict[str, Any]) -> list[str]:
    return [f"{name:34} n={s['n']:3d}  accuracy {_num(s['accuracy'])}  macro-F1 {_num(s['macro_f1'])}  "
            f"exact set {_num(s['exact_set'])}"]


def report(result: dict) -> str:
    """A printable summary of ``evaluate``'s result."""
    lines = ["Classification, leave-one-document-out (train on the other documents' gold, predict this one)",
             f"documents: {len(result['documents'])}  gold items: {result['gold_items']}  "
             f"matched to predicted items: {result['matched_items']}"]
    if "error" in result:
        return "\n".join([*lines, result["error"]])
    mp = result["marker_parsing"]
    lines.append(f"marker parsing (exact set, every marked item): {_num(mp['exact'])} of {mp['n']}"
                 + ("" if not mp["errors"] else "  errors: " + "; ".join(mp["errors"])))
    lines.append("")
    lines.append("Item type (primary = B > D > O)")
    for key, name in (("type", "marked items, marker hidden"), ("type_unmarked", "unmarked items"),
                      ("type_all_marker_hidden", "all items, marker hidden"), ("type_as_deployed", "as deployed")):
        lines += _type_lines(name, result[key])
    base = result["type_literal_baseline"]
    lines.append(f"  baseline, literal reading of the Indstilling: marked {_num(base['marked'])}, "
                 f"unmarked {_num(base['unmarked'])}")
    lines.append(f"  ablation, type model alone (method=model): marked {_num(result['type_model_only']['accuracy'])}")
    ceil = result["type_ceiling"]
    lines.append(f"  ceiling of reading the type off the proposal, marked items (best type per gold "
                 f"proposed-outcome set, in-sample): {_num(ceil['accuracy'])}")
    if ceil["mixed"]:
        lines.append("    same proposals, different markers: " + "; ".join(
            f"{k}: " + " ".join(f"{t} {n}" for t, n in v.items()) for k, v in ceil["mixed"].items()))
    lines += _matrix(result["type"]["matrix"], "marker hidden")
    lines += _matrix(result["type_unmarked"]["matrix"], "unmarked")
    if result["type"]["errors"]:
        lines.append("  errors (marker hidden): " + "; ".join(result["type"]["errors"]))
    if result["type_unmarked"]["errors"]:
        lines.append("  errors (unmarked): " + "; ".join(result["type_unmarked"]["errors"]))
    for key, name in (("outcome", "Outcome (Beslutning)"), ("proposed_outcome", "Proposed outcome (Indstilling)")):
        s = result[key]
        lines += ["", f"{name}: macro-F1 {_num(s['macro_f1'])} over {len(s['labels_with_support'])} labels with "
                      f"support, micro-F1 {_num(s['micro_f1'])}, exact set {_num(s['exact'])} (n={s['n']})",
                  f"  ablation macro-F1: rules only {_num(s['ablation_macro_f1']['rules'])}, "
                  f"model only {_num(s['ablation_macro_f1']['model'])}",
                  f"  {'label':24} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
        for lab, v in s["by_label"].items():
            if v["support"] or v["predicted"]:
                lines.append(f"  {lab:24} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} "
                             f"{v['support']:5d} {v['predicted']:5d}")
        lines += _matrix(s["matrix"], "labels")
        lines.append("  exact set per document: " + ", ".join(f"{d[:3]} {v:.2f}"
                                                              for d, v in s["exact_per_document"].items()))
        if s["errors"]:
            lines.append("  errors: " + "; ".join(s["errors"]))
    lines += ["", "Confidence vs accuracy (LODO, all items): does a low confidence flag the labels to check?"]
    for name, rel in result.get("reliability", {}).items():
        lines.append(f"  {name:30} " + " | ".join(
            f"[{b['from']:.1f}, {b['to']:.1f}{']' if b['to'] == 1.0 else ')'} n={b['n']} accuracy {_num(b['accuracy'])}"
            for b in rel))
    wr = result["with_remarks"]
    lines += ["", f"with_remarks (items with a decision, n={wr['n']}): accuracy {_num(wr['accuracy'])}, "
                  f"P {_num(wr['precision'])} R {_num(wr['recall'])} F1 {_num(wr['f1'])} (gold true: {wr['support']})"]
    if "publishers" in result:
        lines += publisher_report(result["publishers"])
    if "calibration" in result:
        lines += calibration_report(result["calibration"])
    return "\n".join(lines)


__all__ = ["Corpus", "ItemExample", "build_corpus", "evaluate", "fit_models", "load_gold", "proposal_ceiling",
           "reliability", "report"]
