"""Segmentation scores: item precision/recall/F1 per document, section F1, meeting metadata.

Items match on number + title (titles compared after folding case, white space, dashes and
trailing punctuation, allowing OCR-level differences); gold items whose header was lost
match the predicted item that overlaps them most (by position in the original text).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from spacy.language import Language

from ..corpus import CorpusDoc
from ..export import doc_to_records


def norm_title(title: str | None) -> str:
    t = (title or "").lower().replace("–", "-").replace("—", "-")
    t = re.sub(r"\s+", " ", t)
    return t.strip(" .:-")


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    if a[0] == a[1] or b[0] == b[1]:  # empty sections (a label with nothing under it)
        return 1.0 if a == b else 0.0
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _title_match(g: dict, p: dict) -> bool:
    if (g.get("number") or "") != (p.get("number") or ""):
        return False
    return difflib.SequenceMatcher(None, norm_title(g.get("title")), norm_title(p.get("title"))).ratio() >= 0.9


def match_items(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index); each item used once."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        if g.get("number") is None:
            continue
        for pi, p in enumerate(pred):
            if pi not in used and _title_match(g, p):
                pairs.append((gi, pi))
                used.add(pi)
                break
    for gi, g in enumerate(gold):
        if g.get("number") is not None:
            continue
        best = max(((pi, _iou((g["start"], g["end"]), (p["orig_start"], p["orig_end"])))
                    for pi, p in enumerate(pred) if pi not in used), key=lambda x: x[1], default=None)
        if best and best[1] >= 0.5:
            pairs.append((gi, best[0]))
            used.add(best[0])
    return sorted(pairs)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred,
            "gold": n_gold}


@dataclass
class DocScore:
    name: str
    items: dict
    sections: dict
    meeting: dict = field(default_factory=dict)


def score_document(cdoc: CorpusDoc, gold_doc: dict, nlp: Language) -> tuple[DocScore, list[dict]]:
    doc = nlp(cdoc.raw.text)
    pred = doc_to_records(doc, doc_id=cdoc.raw.doc_id, source=cdoc.name)
    gold = gold_doc["items"]
    pairs = match_items(gold, pred)
    sec_tp = sec_pred = sec_gold = 0
    for gi, pi in pairs:
        gsecs = {(s["name"], s["start"], s["end"]) for s in gold[gi]["sections"]}
        psecs = [(name, part["orig_start"], part["orig_end"])
                 for name, s in pred[pi]["sections"].items() for part in s.get("parts", [s])
                 if "orig_start" in part]
        sec_gold += len(gsecs)
        sec_pred += len(psecs)
        for name, a, b in psecs:
            if any(n == name and _iou((a, b), (x, y)) >= 0.8 for n, x, y in gsecs):
                sec_tp += 1
    meeting = {k: (pred[0].get(k) if pred else None) == gold_doc.get(k) for k in ("kind", "council", "date")}
    return DocScore(cdoc.name, prf(len(pairs), len(pred), len(gold)), prf(sec_tp, sec_pred, sec_gold),
                    meeting), pred


def evaluate(docs: list[CorpusDoc], gold: dict, nlp: Language | None = None) -> dict:
    """Scores for every document that has gold; keys: per_document, micro."""
    if nlp is None:
        from ..pipeline import load

        nlp = load(base="blank", components=["rar_segmenter"])
    per_doc = []
    for cdoc in docs:
        if cdoc.raw.doc_id not in gold:
            continue
        score, _ = score_document(cdoc, gold[cdoc.raw.doc_id], nlp)
        per_doc.append(score)
    tp = sum(s.items["tp"] for s in per_doc)
    micro = prf(tp, sum(s.items["pred"] for s in per_doc), sum(s.items["gold"] for s in per_doc))
    stp = sum(s.sections["tp"] for s in per_doc)
    smicro = prf(stp, sum(s.sections["pred"] for s in per_doc), sum(s.sections["gold"] for s in per_doc))
    return {
        "per_document": {s.name: {"items": s.items, "sections": s.sections, "meeting": s.meeting}
                         for s in per_doc},
        "micro": {"items": micro, "sections": smicro},
        "bars": {"item F1 per document": {s.name[:3]: s.items["f1"] for s in per_doc}},
    }


def report(result: dict) -> str:
    lines = ["Segmentation (items match on number+title; lost headers by position)",
             f"{'document':28} {'items P':>8} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}   "
             f"{'sections F1':>11}   meeting kind/council/date"]
    for name, s in result["per_document"].items():
        i, sec, m = s["items"], s["sections"], s["meeting"]
        flags = "/".join("ok" if m[k] else "--" for k in ("kind", "council", "date"))
        lines.append(f"{name:28} {i['precision']:8.3f} {i['recall']:6.3f} {i['f1']:6.3f} {i['gold']:5d} "
                     f"{i['pred']:5d}   {sec['f1']:11.3f}   {flags}")
    mi, ms = result["micro"]["items"], result["micro"]["sections"]
    lines.append(f"{'micro':28} {mi['precision']:8.3f} {mi['recall']:6.3f} {mi['f1']:6.3f} {mi['gold']:5d} "
                 f"{mi['pred']:5d}   {ms['f1']:11.3f}")
    return "\n".join(lines)
