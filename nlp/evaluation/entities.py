"""Entity scores: strict-span precision/recall/F1 per label on the gold items of ``corpora/entities.json``.

A predicted entity counts inside a gold item when its offsets in the original text (``Span._.orig_span``)
lie within the item's original range, so the score does not depend on the segmenter. A true positive
needs the same start, end and label; norm accuracy is reported over the true positives, and every
predicted MUNICIPALITY must carry a 4-digit kommunekode.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.language import Language

from ..corpus import CorpusDoc
from ..entities import LABELS, SPANS_KEY


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred,
            "gold": n_gold}


def default_pipeline(*, corpus_derived: bool = True) -> Language:
    """Base pipeline (core model if installed, else blank) with only the entity component."""
    from .. import entities  # noqa: F401  (registers the factory)
    from ..pipeline import base_pipeline

    nlp = base_pipeline("auto")
    nlp.add_pipe("rar_entities", config={"corpus_derived": corpus_derived})
    nlp.get_pipe("rar_entities").initialize(lambda: [], nlp=nlp)
    return nlp


def predicted_entities(cdoc: CorpusDoc, nlp: Language) -> list[dict[str, Any]]:
    """Entities of one document with offsets into the original text."""
    doc = nlp(cdoc.raw.text)
    out = []
    for span in doc.spans.get(SPANS_KEY, []):
        start, end = span._.orig_span or (span.start_char, span.end_char)
        out.append({"start": int(start), "end": int(end), "label": span.label_, "norm": span._.norm,
                    "id": span._.norm_id, "text": span.text})
    return out


def evaluate(docs: list[CorpusDoc], gold: dict, nlp: Language | None = None, *,
             corpus_derived: bool = True) -> dict[str, Any]:
    """Scores over every gold item; keys: per_label, micro, norm, kommunekode, per_document, errors.

    docs: corpus documents (``nlp.corpus.corpus_documents()``); gold: ``load_annotations("entities")``;
    nlp: a pipeline with ``rar_entities`` (default: ``default_pipeline(corpus_derived=...)``).
    """
    if nlp is None:
        nlp = default_pipeline(corpus_derived=corpus_derived)
    counts = {lab: Counter() for lab in LABELS}
    norm_ok: Counter[str] = Counter()
    per_doc: dict[str, dict[str, Any]] = {}
    errors: list[dict[str, Any]] = []
    codes = {"municipalities": 0, "with_code": 0}
    n_items = 0
    for cdoc in docs:
        g = gold.get(cdoc.raw.doc_id)
        if not g:
            continue
        pred = predicted_entities(cdoc, nlp)
        dtp = dpred = dgold = 0
        for item in g["items"]:
            n_items += 1
            lo, hi = item["orig_start"], item["orig_end"]
            p_in = [p for p in pred if lo <= p["start"] and p["end"] <= hi]
            gold_keys = {(e["start"], e["end"], e["label"]): e for e in item["entities"]}
            pred_keys = {(p["start"], p["end"], p["label"]): p for p in p_in}
            for key, p in pred_keys.items():
                lab = key[2]
                if lab == "MUNICIPALITY":
                    codes["municipalities"] += 1
                    codes["with_code"] += bool(re.fullmatch(r"\d{4}", p["id"] or ""))
                if key in gold_keys:
                    counts[lab]["tp"] += 1
                    norm_ok[lab] += gold_keys[key]["norm"] == p["norm"]
                    if gold_keys[key]["norm"] != p["norm"]:
                        errors.append({"doc": cdoc.name, "kind": "norm", "label": lab, "start": key[0],
                                       "end": key[1], "text": p["text"], "gold": gold_keys[key]["norm"],
                                       "pred": p["norm"]})
                else:
                    counts[lab]["fp"] += 1
                    errors.append({"doc": cdoc.name, "kind": "fp", "label": lab, "start": key[0], "end": key[1],
                                   "text": p["text"], "pred": p["norm"]})
            for key, e in gold_keys.items():
                if key not in pred_keys:
                    counts[key[2]]["fn"] += 1
                    errors.append({"doc": cdoc.name, "kind": "fn", "label": key[2], "start": key[0],
                                   "end": key[1], "text": cdoc.raw.text[key[0]:key[1]], "gold": e["norm"]})
            tp = len(gold_keys.keys() & pred_keys.keys())
            dtp, dpred, dgold = dtp + tp, dpred + len(pred_keys), dgold + len(gold_keys)
        per_doc[cdoc.name] = prf(dtp, dpred, dgold)
    per_label = {lab: prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"]) for lab, c in counts.items()}
    tp = sum(c["tp"] for c in counts.values())
    micro = prf(tp, tp + sum(c["fp"] for c in counts.values()), tp + sum(c["fn"] for c in counts.values()))
    norm = {lab: round(norm_ok[lab] / counts[lab]["tp"], 4) if counts[lab]["tp"] else None for lab in LABELS}
    return {
        "items": n_items,
        "per_label": {"strict span": per_label},
        "micro": micro,
        "norm_accuracy": norm,
        "kommunekode": {**codes, "share": round(codes["with_code"] / codes["municipalities"], 4)
                        if codes["municipalities"] else None},
        "per_document": per_doc,
        "bars": {"entity F1 per document": {name[:3]: s["f1"] for name, s in per_doc.items()}},
        "errors": errors,
    }


def report(result: dict[str, Any], *, max_errors: int = 0) -> str:
    """Printable table: P/R/F1 per label, micro, norm accuracy, kommunekode coverage (+ errors)."""
    lines = [f"Entities (strict span + label on {result['items']} gold items; offsets in the original text)",
             f"{'label':14} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5} {'norm acc':>9}"]
    for lab, s in result["per_label"]["strict span"].items():
        na = result["norm_accuracy"][lab]
        lines.append(f"{lab:14} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['gold']:5d} "
                     f"{s['pred']:5d} {'-' if na is None else f'{na:.3f}':>9}")
    m = result["micro"]
    lines.append(f"{'micro':14} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['gold']:5d} "
                 f"{m['pred']:5d}")
    k = result["kommunekode"]
    lines.append(f"MUNICIPALITY with kommunekode: {k['with_code']}/{k['municipalities']}")
    for e in result["errors"][:max_errors]:
        lines.append(f"  {e['kind']:4} {e['label']:12} {e['doc'][:3]} {e['start']:6d} {e['text']!r} "
                     f"gold={e.get('gold')!r} pred={e.get('pred')!r}")
    return "\n".join(lines)
