"""Entity scores: strict-span precision/recall/F1 per label on the gold items of ``corpora/entities.json``,
and on the invented multi-publisher sets (``corpora/decisions/entities.jsonl``, ``corpora/entities_test/``).

Corpus: a predicted entity counts inside a gold item when its offsets in the original text
(``Span._.rar_orig_span``) lie within the item's original range, so the score does not depend on the
segmenter. A true positive needs the same start, end and label; norm accuracy is reported over the true
positives, and every predicted MUNICIPALITY must carry a 4-digit kommunekode. ``corpora/ENTITIES.md``
does not annotate generic bodies ("Byrådet", the council's own "Sagsudvalget"); predictions the component
flags ``generic`` are therefore set aside there and counted in the report.

Invented sets: scored per publisher and per publisher family, with ORG also over the mentions whose
name no gazetteer lists. The rules learn nothing from data, so every publisher is held out by
construction; ``held_out_invented`` takes a ``fit(train_records)`` for a learned part, which then sees
only the other publishers (leave-one-publisher-out).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..corpus import CorpusDoc
from ..entities import LABELS, SPANS_KEY
from . import prf


def default_pipeline(*, corpus_derived: bool = True, ner: bool | Language = True,
                     ner_labels: Iterable[str] | None = None, rules: bool = True) -> Language:
    """Base pipeline (core model if installed, else blank) with the entity components only.

    ner: run ``rar_ner`` first (True: the shipped model when there is one; a Language: that model);
    ner_labels: the labels it publishes (default: its config's); rules: add ``rar_entities``.
    """
    from .. import entities  # noqa: F401  (registers the factories)
    from .. import ner as ner_module
    from ..pipeline import base_pipeline

    nlp = base_pipeline("auto")
    if ner is not False and (ner is not True or ner_module.model_available()):
        nlp.add_pipe("rar_ner", config={"labels": list(ner_labels)} if ner_labels else {})
        nlp.get_pipe("rar_ner").initialize(lambda: [], nlp=nlp, model=None if ner is True else ner)
    if rules:
        nlp.add_pipe("rar_entities", config={"corpus_derived": corpus_derived})
        nlp.get_pipe("rar_entities").initialize(lambda: [], nlp=nlp)
    return nlp


def predicted_entities(cdoc: CorpusDoc, nlp: Language) -> list[dict[str, Any]]:
    """Entities of one document with offsets into the original text."""
    doc = nlp(cdoc.raw.text)
    out = []
    for span in doc.spans.get(SPANS_KEY, []):
        start, end = span._.rar_orig_span or (span.start_char, span.end_char)
        attrs = span._.rar_ent_attrs or {}
        out.append({"start": int(start), "end": int(end), "label": span.label_, "norm": span._.rar_norm,
                    "id": span._.rar_norm_id, "text": span.text, "subtype": attrs.get("subtype"),
                    "generic": bool(attrs.get("generic"))})
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
    n_items = set_aside = 0
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
            set_aside += sum(p["generic"] for p in p_in)
            p_in = [p for p in p_in if not p["generic"]]  # ENTITIES.md: generic bodies are not annotated
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
        "generic_set_aside": set_aside,
        "per_document": per_doc,
        "bars": {"entity F1 per document": {name[:3]: s["f1"] for name, s in per_doc.items()}},
        "errors": errors,
    }


def report(result: dict[str, Any], *, max_errors: int = 0) -> str:
    """Printable table: P/R/F1 per label, micro, norm accuracy, kommunekode coverage (+ errors)."""
    lines = [f"Entities (strict span + label on {result['items']} gold items; offsets in the original text; "
             "in-sample: these items are training data of rar_ner, and gazetteer entries were read off them)",
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
    lines.append("generic bodies set aside (ENTITIES.md leaves them unannotated): "
                 f"{result.get('generic_set_aside', 0)}")
    for e in result["errors"][:max_errors]:
        lines.append(f"  {e['kind']:4} {e['label']:12} {e['doc'][:3]} {e['start']:6d} {e['text']!r} "
                     f"gold={e.get('gold')!r} pred={e.get('pred')!r}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Invented multi-publisher sets

INVENTED_SETS = {"decisions": "decisions/entities.jsonl", "entities_test": "entities_test/entities.jsonl"}


def load_invented(name: str = "decisions", corpora: Path | None = None) -> list[dict[str, Any]]:
    """Records of an invented entity set, each with its publisher ``family``.

    name: a key of ``INVENTED_SETS``; the family comes from the record, else from
    ``decisions/decisions.jsonl`` (one family per publisher).
    """
    from ..corpus import CORPORA

    root = corpora or CORPORA
    path = root / INVENTED_SETS[name]
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    families: dict[str, str] = {}
    dec = root / "decisions" / "decisions.jsonl"
    if dec.exists():
        for line in dec.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                families.setdefault(r["publisher"], r["family"])
    for r in rows:
        r.setdefault("family", families.get(r["publisher"], "unknown"))
    return rows


def listed_org_names(nlp: Language) -> frozenset[str]:
    """Lower-case surface forms of every ORG the component's gazetteers list (parties included)."""
    from ..entities import compile_patterns

    comp = nlp.get_pipe("rar_entities")
    if not comp.gazetteers:
        comp.initialize()
    return frozenset(p.text.lower() for p in compile_patterns(comp.gazetteers, ocr=False) if p.label == "ORG")


def _predict_records(records: list[dict[str, Any]], nlp: Language, key: str = SPANS_KEY
                     ) -> list[list[dict[str, Any]]]:
    """Entities of each record's text, offsets into the text as written (``orig_span``)."""
    from ..doc import OffsetMap

    out = []
    for doc in nlp.pipe(r["text"] for r in records):
        ents = []
        offsets = OffsetMap.of_doc(doc)
        for e in doc.spans.get(key, []):
            start, end = e._.rar_orig_span or offsets.orig_span(e.start_char, e.end_char)
            attrs = e._.rar_ent_attrs or {}
            ents.append({"start": int(start), "end": int(end), "label": e.label_, "norm": e._.rar_norm, "text": e.text,
                         "subtype": attrs.get("subtype"), "generic": bool(attrs.get("generic"))})
        out.append(ents)
    return out


def _score(records: list[dict[str, Any]], preds: list[list[dict[str, Any]]], listed: frozenset[str]
           ) -> dict[str, Any]:
    """Strict span P/R/F per label; ORG also without generic bodies and over unlisted names only."""
    counts = {lab: Counter() for lab in LABELS}
    org = {"without_generic": Counter(), "unlisted": Counter()}
    sub_ok = sub_n = 0
    for r, pred in zip(records, preds, strict=True):
        gold = {(e["start"], e["end"], e["label"]): e for e in r["entities"]}
        got = {(p["start"], p["end"], p["label"]): p for p in pred}
        for key in gold.keys() | got.keys():
            hit = "tp" if key in gold and key in got else ("fn" if key in gold else "fp")
            counts[key[2]][hit] += 1
            if key[2] != "ORG":
                continue
            g, p = gold.get(key), got.get(key)
            if not (g or {}).get("generic") and not (p or {}).get("generic"):
                org["without_generic"][hit] += 1
            surface = (g or p)["surface" if g else "text"]
            if surface.lower() not in listed:
                org["unlisted"][hit] += 1
            if g and p:
                sub_n += 1
                sub_ok += g.get("subtype") == p.get("subtype")

    def f(c: Counter) -> dict[str, float | int]:
        return prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"])

    tp = sum(c["tp"] for c in counts.values())
    return {"per_label": {lab: f(c) for lab, c in counts.items()},
            "micro": prf(tp, tp + sum(c["fp"] for c in counts.values()), tp + sum(c["fn"] for c in counts.values())),
            "org_without_generic": f(org["without_generic"]), "org_unlisted": f(org["unlisted"]),
            "org_subtype_accuracy": round(sub_ok / sub_n, 4) if sub_n else None, "records": len(records)}


def held_out_invented(records: list[dict[str, Any]], nlp: Language | None = None, *,
                      fit: Callable[[list[dict[str, Any]]], Language] | None = None) -> dict[str, Any]:
    """Leave-one-publisher-out scores on an invented set: overall, per family, per publisher.

    records: ``load_invented(...)``; nlp: the pipeline to score (default ``default_pipeline()``);
    fit: builds a pipeline from training records (the other publishers) for each held-out publisher;
    without it nothing is learned from the set, so one pipeline serves every fold.
    """
    if nlp is None and fit is None:
        nlp = default_pipeline()
    by_pub: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_pub.setdefault(r["publisher"], []).append(r)
    preds: dict[str, list[dict[str, Any]]] = {}
    listed: frozenset[str] | None = None
    for pub, rows in by_pub.items():
        model = fit([r for r in records if r["publisher"] != pub]) if fit else nlp
        listed = listed if listed is not None else listed_org_names(model)
        for r, p in zip(rows, _predict_records(rows, model), strict=True):
            preds[r["id"]] = p
    listed = listed or frozenset()
    ordered = [preds[r["id"]] for r in records]
    families: dict[str, list[int]] = {}
    for k, r in enumerate(records):
        families.setdefault(r["family"], []).append(k)
    result = _score(records, ordered, listed)
    result["held_out"] = "publisher (leave-one-publisher-out)" if fit else \
        "every publisher (rules, gazetteers and the NER learn nothing from this set)"
    result["per_family"] = {fam: _score([records[k] for k in ks], [ordered[k] for k in ks], listed)
                            for fam, ks in sorted(families.items())}
    result["per_publisher"] = {pub: _score(rows, [preds[r["id"]] for r in rows], listed)["per_label"]["ORG"]
                               for pub, rows in sorted(by_pub.items())}
    result["errors"] = [{"id": r["id"], "kind": kind, "label": e["label"], "text": e.get("surface") or e.get("text")}
                        for r, p in zip(records, ordered, strict=True)
                        for kind, a, b in (("fn", r["entities"], p), ("fp", p, r["entities"]))
                        for e in a if (e["start"], e["end"], e["label"]) not in
                        {(x["start"], x["end"], x["label"]) for x in b}]
    return result


def invented_report(name: str, result: dict[str, Any], *, max_errors: int = 0) -> str:
    """Printable table for one invented set: labels, ORG variants, families."""
    lines = [f"Invented set {name} ({result['records']} texts; held out: {result['held_out']})",
             f"{'label':22} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]

    def row(lab: str, s: dict[str, Any]) -> str:
        return f"{lab:22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['gold']:5d} {s['pred']:5d}"

    for lab, s in result["per_label"].items():
        lines.append(row(lab, s))
    lines.append(row("micro", result["micro"]))
    lines.append(row("ORG without generic", result["org_without_generic"]))
    lines.append(row("ORG not in gazetteers", result["org_unlisted"]))
    lines.append(f"ORG subtype accuracy on true positives: {result['org_subtype_accuracy']}")
    lines.append("per publisher family (ORG F1 / micro F1): " + ", ".join(
        f"{fam} {s['per_label']['ORG']['f1']:.3f}/{s['micro']['f1']:.3f}" for fam, s in result["per_family"].items()))
    for e in result["errors"][:max_errors]:
        lines.append(f"  {e['kind']} {e['label']:12} {e['id']} {e['text']!r}")
    return "\n".join(lines)


def evaluate_invented(names: Iterable[str] = tuple(INVENTED_SETS), nlp: Language | None = None
                      ) -> dict[str, dict[str, Any]]:
    """``held_out_invented`` on each invented set that exists."""
    nlp = nlp or default_pipeline()
    return {name: held_out_invented(rows, nlp) for name in names if (rows := load_invented(name))}


def evaluate_ner(model: Language, name: str = "decisions", *, merged: bool | None = True,
                 labels: Iterable[str] | None = None) -> dict[str, Any]:
    """One invented set scored for a statistical NER ``model``: alone (``merged=False``, all its labels),
    merged with the rules (``True``; ``labels``: those it may add), or the rules alone (``None``)."""
    records = load_invented(name)
    rules_only = default_pipeline(ner=False)
    listed = listed_org_names(rules_only)
    if merged is None:
        preds = _predict_records(records, rules_only)
    elif merged:
        nlp = default_pipeline(ner=model, ner_labels=labels)
        preds = _predict_records(records, nlp)
    else:
        nlp = default_pipeline(ner=model, ner_labels=LABELS, rules=False)
        preds = _predict_records(records, nlp, key="rar_ner")
    return _score(records, preds, listed)
