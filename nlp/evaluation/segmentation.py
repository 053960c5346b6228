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
from . import prf


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


@dataclass
class DocScore:
    name: str
    items: dict
    sections: dict
    meeting: dict = field(default_factory=dict)


def score_document(cdoc: CorpusDoc, gold_doc: dict, nlp: Language) -> tuple[DocScore, list[dict]]:
    from ..pipeline import make_doc

    doc = nlp(make_doc(nlp, cdoc.raw))  # the Doc the CLI builds: a PDF's or web page's blocks included
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


# --------------------------------------------------------------------------------------------
# Synthetic layouts: items and sections scored on text (the renderer's gold has no offsets)

_TOK = re.compile(r"\w+")


def _tok_f1(a: str, b: str) -> float:
    from collections import Counter

    ta, tb = Counter(_TOK.findall(a.lower())), Counter(_TOK.findall(b.lower()))
    if not ta and not tb:
        return 1.0
    inter = sum((ta & tb).values())
    if not inter:
        return 0.0
    p, r = inter / sum(tb.values()), inter / sum(ta.values())
    return 2 * p * r / (p + r)


_TYPE_PREFIX = re.compile(r"^(?:beslutnings|orienterings|drøftelses)sag\s*[:\-–]\s*", re.IGNORECASE)


def _syn_title(title: str | None) -> str:
    """Titles compared without a leading type word ("Beslutningssag: …"), which some publishers print."""
    return norm_title(_TYPE_PREFIX.sub("", title or ""))


def _syn_match(g, p: dict) -> bool:
    gn, pn = (g.number or "").rstrip("."), (p.get("number") or "").rstrip(".")
    if gn != pn:
        return False
    if g.title is None and p.get("title") is None:
        return True
    if g.title is None or p.get("title") is None:
        return bool(gn)
    return difflib.SequenceMatcher(None, _syn_title(g.title), _syn_title(p.get("title"))).ratio() >= 0.9


def _same_section(gold: str, pred: str) -> bool:
    """Canonical names agree; "Baggrund" is sagsfremstilling for some publishers, baggrund for the corpus."""
    return gold == pred or {gold, pred} == {"sagsfremstilling", "baggrund"}


def score_synthetic(sd, records: list[dict]) -> tuple[dict, dict]:
    """Item and section P/R/F of one rendered synthetic document (items in order, each used once)."""
    gold = sd.items
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        if g.number is None and g.title is None:
            continue
        for pi in range(len(records)):
            if pi not in used and _syn_match(g, records[pi]):
                pairs.append((gi, pi))
                used.add(pi)
                break
    # Items whose header is not printed match the predicted items whose text agrees most (optimal
    # one-to-one assignment on token F1 of the item's sections).
    lost = [gi for gi, g in enumerate(gold) if g.number is None and g.title is None]
    free = [pi for pi in range(len(records)) if pi not in used]
    if lost and free:
        from scipy.optimize import linear_sum_assignment

        ptexts = [" ".join(s.get("text", "") for s in records[pi]["sections"].values()) for pi in free]
        sim = [[_tok_f1(" ".join(s.text for s in gold[gi].sections), pt) for pt in ptexts] for gi in lost]
        rows, cols = linear_sum_assignment([[-x for x in row] for row in sim])
        for r, c in zip(rows, cols, strict=True):
            if sim[r][c] >= 0.5:
                pairs.append((lost[r], free[c]))
                used.add(free[c])
    pairs.sort()
    stp = sg = sp = 0
    for gi, pi in pairs:
        gsecs = [(s.name, s.text) for s in gold[gi].sections]
        psecs = [(name, part) for name, s in records[pi]["sections"].items()
                 for part in (s.get("_part_texts") or [s.get("text", "")])]
        sg += len(gsecs)
        sp += len(psecs)
        free = list(gsecs)
        for name, text in psecs:
            hit = next((x for x in free if _same_section(x[0], name) and _tok_f1(x[1], text) >= 0.8), None)
            if hit is not None:
                free.remove(hit)
                stp += 1
    return prf(len(pairs), len(records), len(gold)), prf(stp, sp, sg)


def _sum_prf(scores: list[dict]) -> dict:
    return prf(sum(s["tp"] for s in scores), sum(s["pred"] for s in scores), sum(s["gold"] for s in scores))


def records_of(nlp: Language, raw) -> list[dict]:
    from ..pipeline import make_doc

    doc = nlp(make_doc(nlp, raw))
    records = doc_to_records(doc, doc_id=raw.doc_id, source=raw.source)
    for r in records:  # a section printed in pieces (several "other" headings) is scored piece by piece
        for sec in r["sections"].values():
            if sec.get("parts"):
                sec["_part_texts"] = [doc.text[p["start"]:p["end"]] for p in sec["parts"]]
    return records


def held_out(*, corpus_docs: list[CorpusDoc], gold: dict, syndocs: list, C: float = 0.5,
             progress: bool = False) -> dict:
    """Leave-one-layout-out over the synthetic families and leave-one-document-out on the corpus.

    Each held-out group is segmented by a labeller trained on every other group (the other
    families and all corpus documents; or all families and the other corpus documents).
    """
    import time

    from .._segment.train import corpus_samples, fit, synthetic_samples
    from .._segment.vocabulary import Vocabulary
    from ..pipeline import load
    from ..read import read_bytes

    vocab = Vocabulary.default()
    nlp = load(base="blank", components=["rar_segmenter"])
    seg = nlp.get_pipe("rar_segmenter")
    t0 = time.perf_counter()
    corpus = corpus_samples(nlp, corpus_docs, gold, vocab)
    synth = synthetic_samples(nlp, syndocs, vocab)
    if progress:
        print(f"  features of {len(corpus)} corpus and {len(synth)} synthetic documents: "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
    families = sorted({s.group for s in synth})
    per_family: dict[str, dict] = {}
    shipped = seg.model
    try:
        for fam in families:
            seg.model = fit([s for s in synth + corpus if s.group != fam], C=C)
            item_scores, sec_scores, by_fmt = [], [], {}
            for sd in (d for d in syndocs if d.family == fam):
                recs = records_of(nlp, read_bytes(sd.data, source=sd.name, fmt=sd.fmt))
                i_s, s_s = score_synthetic(sd, recs)
                item_scores.append(i_s)
                sec_scores.append(s_s)
                by_fmt.setdefault(sd.fmt, []).append(i_s)
            per_family[fam] = {"items": _sum_prf(item_scores), "sections": _sum_prf(sec_scores),
                               "docs": len(item_scores),
                               "items_by_format": {k: _sum_prf(v)["f1"] for k, v in sorted(by_fmt.items())}}
            if progress:
                print(f"  {fam:28} item F1 {per_family[fam]['items']['f1']:.3f}  "
                      f"section F1 {per_family[fam]['sections']['f1']:.3f}", flush=True)
        corpus_scores: dict[str, dict] = {}
        for cs in corpus:
            seg.model = fit([s for s in synth + corpus if s.name != cs.name], C=C)
            cdoc = next(d for d in corpus_docs if d.name == cs.name)
            score, _ = score_document(cdoc, gold[cdoc.raw.doc_id], nlp)
            corpus_scores[cs.name] = {"items": score.items, "sections": score.sections}
            if progress:
                print(f"  {cs.name:28} item F1 {score.items['f1']:.3f}  section F1 {score.sections['f1']:.3f}",
                      flush=True)
    finally:
        seg.model = shipped
    f1s = [v["items"]["f1"] for v in per_family.values()]
    sf1s = [v["sections"]["f1"] for v in per_family.values()]
    return {
        "lolo": {"per_family": per_family,
                 "mean_item_f1": round(sum(f1s) / len(f1s), 4) if f1s else None,
                 "worst_item_f1": min(f1s) if f1s else None,
                 "mean_section_f1": round(sum(sf1s) / len(sf1s), 4) if sf1s else None,
                 "micro_items": _sum_prf([v["items"] for v in per_family.values()]),
                 "micro_sections": _sum_prf([v["sections"] for v in per_family.values()])},
        "corpus_lodo": {"per_document": corpus_scores,
                        "micro_items": _sum_prf([v["items"] for v in corpus_scores.values()]),
                        "micro_sections": _sum_prf([v["sections"] for v in corpus_scores.values()])},
    }


def held_out_report(result: dict) -> str:
    lo = result["lolo"]
    lines = ["Leave-one-layout-out (synthetic families; each scored by a labeller trained on the other "
             "families + the corpus)",
             f"{'family':28} {'docs':>5} {'items F1':>9} {'sections F1':>12}   by format"]
    for fam, s in lo["per_family"].items():
        fmts = " ".join(f"{k}={v:.2f}" for k, v in s["items_by_format"].items())
        lines.append(f"{fam:28} {s['docs']:5d} {s['items']['f1']:9.3f} {s['sections']['f1']:12.3f}   {fmts}")
    if lo["mean_item_f1"] is not None:
        lines.append(f"{'mean / worst':28} {'':5} {lo['mean_item_f1']:9.3f} {lo['mean_section_f1']:12.3f}   "
                     f"worst item F1 {lo['worst_item_f1']:.3f}")
    lines.append("Corpus, leave-one-document-out (labeller trained on all families + the other corpus documents)")
    for name, s in result["corpus_lodo"]["per_document"].items():
        lines.append(f"{name:28} {'':5} {s['items']['f1']:9.3f} {s['sections']['f1']:12.3f}")
    mi, ms = result["corpus_lodo"]["micro_items"], result["corpus_lodo"]["micro_sections"]
    lines.append(f"{'micro':28} {'':5} {mi['f1']:9.3f} {ms['f1']:12.3f}")
    return "\n".join(lines)
