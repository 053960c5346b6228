"""Summary scores on held-out documents: ROUGE against the secretariat's own "Sagen kort".

For every item of the held-out documents that has both a Sagen kort/Anledning (the reference)
and other text (the input), each method summarises the item without seeing the reference:
the fine-tuned model (raw, and with the faithfulness guard as shipped), the extractive scorer
and the two lead baselines. Scores: ROUGE-1/2/L F1 with a tokenizer that keeps æ/ø/å
(rouge-score's default one splits "Rådet" into "r", "det"), faithfulness (share of summaries
whose numbers, dates and names all occur in the item's text), coverage and lengths, plus a
paired bootstrap interval for the model minus the best baseline on ROUGE-L.

It also scores the invented multi-publisher items of ``corpora/synthetic/publishers`` (14
publishers; references: the two-sentence ``summary`` written with each item, ``corpora/SYNTHETIC_LAYOUTS.md``),
split by publisher: ``DEV_PUBLISHERS`` may be trained on and choose methods, the others are the
test set and never trained on. Both sets are the hard case: the item's own Sagen kort is withheld
from every method; the publishers' block adds the shipped setting (Sagen kort condensed where an
item has one). Decision consistency: the share of minutes items whose summary, read by the decision
lexicon, states exactly the item's outcome labels.

    python -m nlp.evaluation.summaries            # the report (and ``python evaluate.py summaries``)
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._summarize.text import lead_body
from ..corpus import CorpusDoc
from ..summarize import (
    FALLBACK_METHOD,
    TARGET_SECTION,
    TRIMMED_SUFFIX,
    ItemText,
    default_model_dir,
    is_faithful,
    item_text,
    item_text_from_parts,
    lead,
    load_generator,
    split_sentences,
    words,
)
from ..summarize import ExtractiveScorer as _Scorer

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
BASELINES = ("lead-1", "lead-2", "lead-sagsfremstilling", "lead-indstilling", "extractive")
MODEL = "gemma-lora"
MODEL_RAW = "gemma-lora (no guard)"
EXTRACTIVE_DECISION = "extractive + decision"
SHIPPED_HUMAN = "gemma-lora, Sagen kort as input"
PUBLISHERS_DIR = Path(__file__).resolve().parents[2] / "corpora" / "synthetic" / "publishers"
DEV_PUBLISHERS = ("p01", "p02", "p03", "p04", "p05", "p06", "p07")  # the rest are the test publishers


class DanishTokenizer:
    """ROUGE tokenizer: lowercased ``\\w+`` words, so æ/ø/å stay inside words; no stemming."""

    def tokenize(self, text: str) -> list[str]:
        return words(text)


def rouge_scorer() -> Any:
    """A rouge-score scorer for ROUGE-1/2/L with the Danish tokenizer."""
    from rouge_score import rouge_scorer as rs

    return rs.RougeScorer(list(ROUGE_TYPES), use_stemmer=False, tokenizer=DanishTokenizer())


@dataclass
class EvalItem:
    doc: str
    number: str | None
    item: ItemText  # the input: the item without its reference
    ref: str | None = None  # the reference summary (default: the item's own Sagen kort)
    full: ItemText | None = None  # the item as printed, with its Sagen kort (publisher items)

    @property
    def reference(self) -> str:
        return self.ref if self.ref is not None else self.item.reference


def publisher_items(directory: Path | None = None, publishers: Sequence[str] | None = None,
                    test: bool | None = None) -> list[EvalItem]:
    """Invented items with a written summary; the outcome labels as the shipped ``rar_outcome``
    predicts them from the Indstilling and Beslutning (not the gold ones). test: only the test
    publishers (True), only ``DEV_PUBLISHERS`` (False) or all (None)."""
    from .._classify.predict import predict_outcome, predict_proposed
    from ..classify import _load_task_model
    from .classify import text_fields

    models = {t: _load_task_model(t, None) for t in ("outcome", "proposed_outcome")}
    out = []
    for path in sorted((directory or PUBLISHERS_DIR).glob("*.json")):
        dev = path.stem.startswith(DEV_PUBLISHERS)
        if (publishers is not None and not path.stem.startswith(tuple(publishers))) or \
                (test is not None and dev == test):
            continue
        pub = json.loads(path.read_text(encoding="utf-8"))
        for meeting in pub["meetings"]:
            for it in meeting["items"]:
                parts = [(sec["name"], sec["text"]) for sec in it["sections"]]
                texts = {"title": it["title"], **{n: t for n, t in parts if n in ("indstilling", "beslutning")}}
                fields = text_fields(texts)
                proposed = predict_proposed(fields, models["proposed_outcome"])
                outcome = predict_outcome(fields, models["outcome"], proposed)
                kw = {"outcome": outcome.labels, "with_remarks": outcome.with_remarks}
                full = item_text_from_parts(it["title"], parts, **kw)
                item = item_text_from_parts(it["title"], [x for x in parts if x[0] != TARGET_SECTION], **kw)
                if it.get("summary") and (item.has_text or full.reference):
                    out.append(EvalItem(path.stem, it["number"], item, it["summary"], full))
    return out


def publisher_split(split: str) -> dict[str, Any]:
    """``publisher_items`` arguments for a split: "test", "dev", or file prefixes "p06,p07"."""
    if split in ("test", "dev"):
        return {"test": split == "test"}
    prefixes = [x.strip() for x in split.split(",") if x.strip()]
    if not prefixes or not all(re.fullmatch(r"p\d{2}", x) for x in prefixes):
        raise ValueError(f"publishers must be 'test', 'dev' or prefixes like 'p06,p07', not {split!r}")
    return {"publishers": prefixes}


def _training_info(model_dir: str | Path | None) -> dict[str, Any]:
    path = Path(model_dir or default_model_dir()) / "training.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def held_out_documents(model_dir: str | Path | None = None,
                       docs: Sequence[CorpusDoc] | None = None) -> list[str]:
    """Names of the documents the shipped adapter never saw (from its ``training.json``).

    With ``docs`` (e.g. ``evaluate.py --docs`` on your own minutes): the held-out corpus documents
    among them, or, when there are none, every document the adapter was not trained on.
    """
    info = _training_info(model_dir)
    names = list(info["held_out_documents"])
    if docs is None:
        return names
    present = [d.name for d in docs if d.name in names]
    trained = set(info.get("train_documents", []))
    return present or [d.name for d in docs if d.name not in trained]


def eval_items(docs: Sequence[CorpusDoc], names: Sequence[str] | None = None) -> list[EvalItem]:
    """Items with a reference and input text, through the pipeline's segmenter (as users get them)."""
    from ..pipeline import load

    nlp = load(base="blank", components=["rar_segmenter", "rar_outcome"])
    out = []
    for cdoc in docs:
        if names is not None and cdoc.name not in names:
            continue
        doc = nlp(cdoc.raw.text)
        for span in doc.spans.get("items", []):
            it = item_text(span)
            if it.reference and it.has_text:
                out.append(EvalItem(cdoc.name, span._.rar_number, it))
    return out


def _summarizer(method: str, model_dir: Path, scorer: Any, **kw: Any) -> Any:
    """A ``RarSummarizer`` as the pipeline builds it, sharing the run's loaded extractive scorer."""
    from ..summarize import RarSummarizer

    kw.setdefault("human_summary", False)  # the reference is withheld: never condense it
    comp = RarSummarizer(None, method=method, model_dir=str(model_dir), **kw)  # type: ignore[arg-type]
    comp._extractive = scorer
    return comp


def summarize_all(items: Sequence[EvalItem], model_dir: str | Path | None = None,
                  methods: Sequence[str] = (MODEL, *BASELINES), *,
                  human: bool = False) -> tuple[dict[str, list[str | None]], dict]:
    """Summaries per method for ``items``, and timings; the model is loaded once. The shipped
    methods (``MODEL``, ``EXTRACTIVE_DECISION``) run through ``RarSummarizer.summarize_items``, as
    the pipeline runs them; human: also the shipped setting with the item's Sagen kort as input."""
    model_dir = Path(model_dir or default_model_dir())
    scorer = _Scorer.load(model_dir / "extractive.json")
    texts = [e.item for e in items]
    out: dict[str, list[str | None]] = {}
    info: dict[str, Any] = {}
    for m in methods:
        if m in ("lead-1", "lead-2"):
            out[m] = [lead_body(t, int(m[-1])) for t in texts]
        elif m.startswith("lead-"):
            out[m] = [lead(t, m.removeprefix("lead-")) for t in texts]
        elif m == "extractive":
            out[m] = [scorer.summarize(t) for t in texts]
        elif m == EXTRACTIVE_DECISION:
            comp = _summarizer("extractive", model_dir, scorer, decision="beslutning")
            out[m] = [s for s, _, _ in comp.summarize_items(texts)]
    if MODEL in methods:
        t0 = time.perf_counter()
        raw_comp = _summarizer(MODEL, model_dir, scorer, guard=False, decision="beslutning")
        shipped = _summarizer(MODEL, model_dir, scorer, decision="beslutning")
        shipped._generator = raw_comp._generator = load_generator(model_dir)
        shipped._generator.memo = {}  # the guarded row reuses the raw row's generations
        info["load_seconds"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        raw = raw_comp.summarize_items(texts)
        info["generate_seconds"] = round(time.perf_counter() - t0, 1)
        out[MODEL_RAW] = [s for s, _, _ in raw]
        res = shipped.summarize_items(texts)
        out[MODEL] = [s for s, _, _ in res]
        info["fallbacks"] = sum(m == FALLBACK_METHOD for _, m, _ in res)
        info["trimmed"] = sum(bool(m) and m.endswith(TRIMMED_SUFFIX) for _, m, _ in res)
        if human:
            shipped.human_summary = True
            full = [e.full or e.item for e in items]
            out[SHIPPED_HUMAN] = [s for s, _, _ in shipped.summarize_items(full)]
    return out, info


def decision_consistent(summary: str | None, item: ItemText) -> bool | None:
    """Does the summary state exactly the item's outcome (as the decision lexicon reads it)? None for
    items that record no decision (agendas, ``ingen_beslutning``)."""
    from .._classify.lexicon import Lexicon
    from .._summarize.decision import NO_DECISION, is_minutes_item

    labels = set(item.outcome) - {NO_DECISION}
    if not labels or not is_minutes_item(item):
        return None
    if not summary:
        return False
    return set(Lexicon.default().decision(summary).labels) == labels


def _mean(xs: Sequence[float]) -> float:
    return round(statistics.fmean(xs), 4) if xs else 0.0


def _source(e: EvalItem) -> str:
    """The text a summary's facts must come from: the item (with its Sagen kort when it was input)."""
    own = e.full.reference if e.full is not None else ""
    return e.item.source + ("\n" + own if own else "")


def score(items: Sequence[EvalItem], summaries: Sequence[str | None]) -> dict:
    """ROUGE F1 means (a missing summary scores 0), faithfulness, coverage and lengths."""
    sc = rouge_scorer()
    per: dict[str, list[float]] = {r: [] for r in ROUGE_TYPES}
    made = [(e, s) for e, s in zip(items, summaries, strict=True) if s]
    for e, s in zip(items, summaries, strict=True):
        res = sc.score(e.reference, s or "")
        for r in ROUGE_TYPES:
            per[r].append(res[r].fmeasure)
    lens = [len(split_words(s)) for _, s in made]
    sents = [len(split_sentences(s)) for _, s in made]
    consistent = [c for e, s in zip(items, summaries, strict=True)
                  if (c := decision_consistent(s, e.item)) is not None]
    return {
        "n": len(items),
        **{r: _mean(per[r]) for r in ROUGE_TYPES},
        "rougeL_per_item": [round(x, 4) for x in per["rougeL"]],
        "faithfulness": round(sum(is_faithful(s, _source(e)) for e, s in made) / len(made), 4) if made else 0.0,
        "coverage": round(len(made) / len(items), 4) if items else 0.0,
        "words_mean": round(statistics.fmean(lens), 1) if lens else 0.0,
        "words_median": statistics.median(lens) if lens else 0,
        "sentences_max": max(sents) if sents else 0,
        "decision_consistent": round(sum(consistent) / len(consistent), 4) if consistent else None,
        "n_minutes": len(consistent),
    }


def split_words(text: str) -> list[str]:
    return text.split()


def bootstrap_diff(a: Sequence[float], b: Sequence[float], *, n: int = 2000, seed: int = 0) -> dict:
    """Paired bootstrap of mean(a - b): the 95 % interval and the share of resamples with a > b."""
    rng = random.Random(seed)
    d = [x - y for x, y in zip(a, b, strict=True)]
    means = sorted(statistics.fmean(rng.choices(d, k=len(d))) for _ in range(n))
    return {"mean": round(statistics.fmean(d), 4), "low": round(means[int(0.025 * n)], 4),
            "high": round(means[int(0.975 * n) - 1], 4), "p_better": round(sum(m > 0 for m in means) / n, 4)}


def _block(items: Sequence[EvalItem], summaries: dict[str, list[str | None]], info: dict) -> dict[str, Any]:
    """Scores per method, the shipped method minus each baseline (paired bootstrap), guard counts."""
    scores = {m: score(items, s) for m, s in summaries.items()}
    out: dict[str, Any] = {"n_items": len(items), "methods": scores, "timing": info}
    base = [m for m in BASELINES if m in scores]
    if base:
        best = max(base, key=lambda m: scores[m]["rougeL"])
        out["best_baseline"] = best
        shipped = MODEL if MODEL in scores else EXTRACTIVE_DECISION if EXTRACTIVE_DECISION in scores else None
        if shipped:
            out["shipped"] = shipped
            out["model_vs_best"] = bootstrap_diff(scores[shipped]["rougeL_per_item"], scores[best]["rougeL_per_item"])
            out["model_vs"] = {b: bootstrap_diff(scores[shipped]["rougeL_per_item"], scores[b]["rougeL_per_item"])
                               for b in base}
            out["fallbacks"] = info.get("fallbacks", 0)
            out["trimmed"] = info.get("trimmed", 0)
    return out


def evaluate(docs: list[CorpusDoc], gold_dir: Path | None = None, *, model_dir: str | Path | None = None,
             held_out: Sequence[str] | None = None, methods: Sequence[str] = (MODEL, EXTRACTIVE_DECISION, *BASELINES),
             include_examples: bool = False, publishers: str | None = "test") -> dict:
    """Scores per method on the held-out documents (default: those in the adapter's training.json)
    and on the invented multi-publisher set's ``publishers``: "test" (never trained on), "dev"
    (``DEV_PUBLISHERS``, where methods are chosen) or None (skipped).

    docs: corpus documents (``nlp.corpus.corpus_documents()``); gold_dir: unused (the references
    are the documents' own Sagen kort); model_dir: adapter directory; held_out: document names.
    Returns {"documents", "n_items", "methods": {name: scores}, "best_baseline", "model_vs_best",
    "reference", "timing", "publishers": {same keys, "per_publisher"}}.
    """
    names = list(held_out) if held_out is not None else held_out_documents(model_dir, docs)
    items = eval_items(docs, names)
    summaries, info = summarize_all(items, model_dir, methods)
    result: dict[str, Any] = {"documents": names, **_block(items, summaries, info),
                              "per_document_items": {n: sum(e.doc == n for e in items) for n in names}}
    scores = result["methods"]
    if scores:
        result["bars"] = {"ROUGE-L F1 x100 on held-out items": {m: round(100 * s["rougeL"], 1)
                                                                for m, s in scores.items()},
                          "faithfulness": {m: s["faithfulness"] for m, s in scores.items()}}
    refs = [e.reference for e in items]
    result["reference"] = {
        "words_mean": round(statistics.fmean(len(r.split()) for r in refs), 1) if refs else 0.0,
        "faithfulness": round(sum(is_faithful(r, e.item.source) for r, e in zip(refs, items, strict=True))
                              / len(refs), 4) if refs else 0.0,
    }
    if include_examples:
        result["examples"] = [{"doc": e.doc, "number": e.number, "title": e.item.title,
                               **{m: summaries[m][i] for m in summaries}} for i, e in enumerate(items)]
    if publishers:
        pitems = publisher_items(**publisher_split(publishers))
        psum, pinfo = summarize_all(pitems, model_dir, methods, human=MODEL in methods)
        block = _block(pitems, psum, pinfo)
        block["publishers"] = sorted({e.doc for e in pitems})
        block["per_publisher"] = {
            pub: {m: round(statistics.fmean(x for e, x in zip(pitems, s["rougeL_per_item"], strict=True)
                                            if e.doc == pub), 4) for m, s in block["methods"].items()}
            for pub in block["publishers"]}
        if include_examples:
            block["examples"] = [{"doc": e.doc, "number": e.number, "title": e.item.title, "reference": e.reference,
                                  **{m: psum[m][i] for m in psum}} for i, e in enumerate(pitems)]
        block["split"] = publishers
        trained = set(_training_info(model_dir).get("publishers") or [])
        block["trained_on"] = sorted(p for p in block["publishers"] if p.startswith(tuple(trained))) if trained else []
        result["publishers"] = block
    return result


def _table(block: dict) -> list[str]:
    lines = [f"{'method':<34}{'R-1':>7}{'R-2':>7}{'R-L':>7}{'faithful':>10}{'coverage':>10}"
             f"{'words':>7}{'max sent':>9}{'decision':>10}"]
    for m, s in block["methods"].items():
        dec = s.get("decision_consistent")
        lines.append(f"{m:<34}{100 * s['rouge1']:>7.1f}{100 * s['rouge2']:>7.1f}{100 * s['rougeL']:>7.1f}"
                     f"{s['faithfulness']:>10.3f}{s['coverage']:>10.3f}{s['words_mean']:>7.1f}"
                     f"{s['sentences_max']:>9}{'' if dec is None else f'{dec:.3f}':>10}")
    for b, d in (block.get("model_vs") or {}).items():
        lines.append(f"{block['shipped']} minus {b} on ROUGE-L: {100 * d['mean']:+.1f} points, 95% bootstrap "
                     f"interval [{100 * d['low']:+.1f}, {100 * d['high']:+.1f}], better in "
                     f"{100 * d['p_better']:.0f}% of resamples")
    if block.get("shipped") == MODEL:
        lines.append(f"faithfulness guard: of {block['n_items']} model summaries {block.get('trimmed', 0)} lost an "
                     f"unfaithful sentence (gemma-lora{TRIMMED_SUFFIX}), {block.get('fallbacks', 0)} were replaced "
                     f"by the extractive one ({FALLBACK_METHOD})")
    t = block.get("timing") or {}
    if t:
        lines.append(f"model load {t.get('load_seconds')} s, generation {t.get('generate_seconds')} s")
    return lines


def report(result: dict) -> str:
    """The printable tables of ``evaluate``'s result."""
    lines = [f"Summaries on held-out documents {', '.join(result['documents'])} "
             f"({result['n_items']} items with a Sagen kort/Anledning, withheld and used as the reference)",
             *_table(result)]
    ref = result["reference"]
    lines.append(f"(human Sagen kort: faithful {ref['faithfulness']:.3f}, {ref['words_mean']:.1f} words)")
    pub = result.get("publishers")
    if pub:
        trained = pub.get("trained_on") or []
        seen = (f"the adapter was trained on {', '.join(trained)}" if trained else "the adapter never saw them") \
            + ("; methods are chosen on the dev publishers, never on these" if pub.get("split") == "test"
               else "; methods are chosen here" if pub.get("split") == "dev" else "")
        lines += ["", f"Invented multi-publisher set, {pub.get('split', 'test')} publishers "
                      f"{', '.join(pub['publishers'])} ({pub['n_items']} items; {seen}; "
                      f"reference: the written summary; "
                      f"Sagen kort withheld except in the '{SHIPPED_HUMAN}' row)", *_table(pub)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from ..corpus import corpus_documents

    p = argparse.ArgumentParser(description="Summary scores on held-out documents.")
    p.add_argument("--model-dir", type=Path, default=None)
    p.add_argument("--json", type=Path, help="write the full result, with every summary, here (not in the repo)")
    p.add_argument("--no-model", action="store_true", help="baselines only (fast)")
    p.add_argument("--publishers", default="test",
                   help="which invented publishers to score: 'test' (default), 'dev', or file prefixes "
                        "'p06,p07' (e.g. dev publishers an adapter was not trained on)")
    args = p.parse_args(argv)
    methods = (EXTRACTIVE_DECISION, *BASELINES) if args.no_model else (MODEL, EXTRACTIVE_DECISION, *BASELINES)
    result = evaluate(list(corpus_documents()), model_dir=args.model_dir, methods=methods,
                      include_examples=bool(args.json), publishers=args.publishers)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
