"""Summary scores on held-out documents: ROUGE against the secretariat's own "Sagen kort".

For every item of the held-out documents that has both a Sagen kort/Anledning (the reference)
and other text (the input), each method summarises the item without seeing the reference:
the fine-tuned model (raw, and with the faithfulness guard as shipped), the extractive scorer
and the two lead baselines. Scores: ROUGE-1/2/L F1 with a tokenizer that keeps æ/ø/å
(rouge-score's default one splits "Rådet" into "r", "det"), faithfulness (share of summaries
whose numbers, dates and names all occur in the item's text), coverage and lengths, plus a
paired bootstrap interval for the model minus the best baseline on ROUGE-L.

    python -m nlp.evaluation.summaries            # the report (and ``python evaluate.py summaries``)
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus import CorpusDoc
from ..summarize import (
    FALLBACK_METHOD,
    TRIMMED_SUFFIX,
    ItemText,
    default_model_dir,
    generate_summaries,
    guarded,
    is_faithful,
    item_text,
    lead,
    load_generator,
    split_sentences,
    words,
)
from ..summarize import ExtractiveScorer as _Scorer

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
BASELINES = ("lead-sagsfremstilling", "lead-indstilling", "extractive")
MODEL = "gemma-lora"
MODEL_RAW = "gemma-lora (no guard)"


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
    item: ItemText


def held_out_documents(model_dir: str | Path | None = None,
                       docs: Sequence[CorpusDoc] | None = None) -> list[str]:
    """Names of the documents the shipped adapter never saw (from its ``training.json``).

    With ``docs`` (e.g. ``evaluate.py --docs`` on your own minutes): the held-out corpus documents
    among them, or, when there are none, every document the adapter was not trained on.
    """
    path = Path(model_dir or default_model_dir()) / "training.json"
    info = json.loads(path.read_text(encoding="utf-8"))
    names = list(info["held_out_documents"])
    if docs is None:
        return names
    present = [d.name for d in docs if d.name in names]
    trained = set(info.get("train_documents", []))
    return present or [d.name for d in docs if d.name not in trained]


def eval_items(docs: Sequence[CorpusDoc], names: Sequence[str] | None = None) -> list[EvalItem]:
    """Items with a reference and input text, through the pipeline's segmenter (as users get them)."""
    from ..pipeline import load

    nlp = load(base="blank", components=["rar_segmenter"])
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


def summarize_all(items: Sequence[EvalItem], model_dir: str | Path | None = None,
                  methods: Sequence[str] = (MODEL, *BASELINES)) -> tuple[dict[str, list[str | None]], dict]:
    """Summaries per method for ``items``, and timings; the model is loaded once."""
    model_dir = Path(model_dir or default_model_dir())
    scorer = _Scorer.load(model_dir / "extractive.json")
    texts = [e.item for e in items]
    out: dict[str, list[str | None]] = {}
    info: dict[str, Any] = {}
    for m in methods:
        if m.startswith("lead-"):
            out[m] = [lead(t, m.removeprefix("lead-")) for t in texts]
        elif m == "extractive":
            out[m] = [scorer.summarize(t) for t in texts]
    if MODEL in methods:
        t0 = time.perf_counter()
        gen = load_generator(model_dir)
        info["load_seconds"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        raw = [summary for summary, _ in generate_summaries(gen, texts)]
        info["generate_seconds"] = round(time.perf_counter() - t0, 1)
        out[MODEL_RAW] = raw
        res = [guarded(s, t, scorer.summarize, MODEL) for s, t in zip(raw, texts, strict=True)]
        out[MODEL] = [s for s, _ in res]
        info["fallbacks"] = sum(m == FALLBACK_METHOD for _, m in res)
        info["trimmed"] = sum(bool(m) and m.endswith(TRIMMED_SUFFIX) for _, m in res)
    return out, info


def _mean(xs: Sequence[float]) -> float:
    return round(statistics.fmean(xs), 4) if xs else 0.0


def score(items: Sequence[EvalItem], summaries: Sequence[str | None]) -> dict:
    """ROUGE F1 means (a missing summary scores 0), faithfulness, coverage and lengths."""
    sc = rouge_scorer()
    per: dict[str, list[float]] = {r: [] for r in ROUGE_TYPES}
    made = [(e, s) for e, s in zip(items, summaries, strict=True) if s]
    for e, s in zip(items, summaries, strict=True):
        res = sc.score(e.item.reference, s or "")
        for r in ROUGE_TYPES:
            per[r].append(res[r].fmeasure)
    lens = [len(split_words(s)) for _, s in made]
    sents = [len(split_sentences(s)) for _, s in made]
    return {
        "n": len(items),
        **{r: _mean(per[r]) for r in ROUGE_TYPES},
        "rougeL_per_item": [round(x, 4) for x in per["rougeL"]],
        "faithfulness": round(sum(is_faithful(s, e.item.source) for e, s in made) / len(made), 4) if made else 0.0,
        "coverage": round(len(made) / len(items), 4) if items else 0.0,
        "words_mean": round(statistics.fmean(lens), 1) if lens else 0.0,
        "words_median": statistics.median(lens) if lens else 0,
        "sentences_max": max(sents) if sents else 0,
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


def evaluate(docs: list[CorpusDoc], gold_dir: Path | None = None, *, model_dir: str | Path | None = None,
             held_out: Sequence[str] | None = None, methods: Sequence[str] = (MODEL, *BASELINES),
             include_examples: bool = False) -> dict:
    """Scores per method on the held-out documents (default: those in the adapter's training.json).

    docs: corpus documents (``nlp.corpus.corpus_documents()``); gold_dir: unused (the references
    are the documents' own Sagen kort); model_dir: adapter directory; held_out: document names.
    Returns {"documents", "n_items", "methods": {name: scores}, "best_baseline", "model_vs_best",
    "reference", "timing"}.
    """
    names = list(held_out) if held_out is not None else held_out_documents(model_dir, docs)
    items = eval_items(docs, names)
    summaries, info = summarize_all(items, model_dir, methods)
    scores = {m: score(items, s) for m, s in summaries.items()}
    result: dict[str, Any] = {"documents": names, "n_items": len(items), "methods": scores,
                              "per_document_items": {n: sum(e.doc == n for e in items) for n in names},
                              "timing": info}
    if scores:
        result["bars"] = {"ROUGE-L F1 x100 on held-out items": {m: round(100 * s["rougeL"], 1)
                                                                for m, s in scores.items()},
                          "faithfulness": {m: s["faithfulness"] for m, s in scores.items()}}
    base = [m for m in BASELINES if m in scores]
    if base:
        best = max(base, key=lambda m: scores[m]["rougeL"])
        result["best_baseline"] = best
        if MODEL in scores:
            result["model_vs_best"] = bootstrap_diff(scores[MODEL]["rougeL_per_item"],
                                                     scores[best]["rougeL_per_item"])
            result["fallbacks"] = info.get("fallbacks", 0)
            result["trimmed"] = info.get("trimmed", 0)
    refs = [e.item.reference for e in items]
    result["reference"] = {
        "words_mean": round(statistics.fmean(len(r.split()) for r in refs), 1) if refs else 0.0,
        "faithfulness": round(sum(is_faithful(r, e.item.source) for r, e in zip(refs, items, strict=True))
                              / len(refs), 4) if refs else 0.0,
    }
    if include_examples:
        result["examples"] = [{"doc": e.doc, "number": e.number, "title": e.item.title,
                               **{m: summaries[m][i] for m in summaries}} for i, e in enumerate(items)]
    return result


def report(result: dict) -> str:
    """The printable table of ``evaluate``'s result."""
    lines = [f"Summaries on held-out documents {', '.join(result['documents'])} "
             f"({result['n_items']} items with a Sagen kort/Anledning)",
             f"{'method':<24}{'R-1':>7}{'R-2':>7}{'R-L':>7}{'faithful':>10}{'coverage':>10}"
             f"{'words':>7}{'max sent':>9}"]
    for m, s in result["methods"].items():
        lines.append(f"{m:<24}{100 * s['rouge1']:>7.1f}{100 * s['rouge2']:>7.1f}{100 * s['rougeL']:>7.1f}"
                     f"{s['faithfulness']:>10.3f}{s['coverage']:>10.3f}{s['words_mean']:>7.1f}"
                     f"{s['sentences_max']:>9}")
    ref = result["reference"]
    lines.append(f"{'(human Sagen kort)':<24}{'':>21}{ref['faithfulness']:>10.3f}{'':>10}{ref['words_mean']:>7.1f}")
    if "model_vs_best" in result:
        d = result["model_vs_best"]
        lines.append(f"{MODEL} minus best baseline ({result['best_baseline']}) on ROUGE-L: "
                     f"{100 * d['mean']:+.1f} points, 95% bootstrap interval [{100 * d['low']:+.1f}, "
                     f"{100 * d['high']:+.1f}], better in {100 * d['p_better']:.0f}% of resamples")
        lines.append(f"faithfulness guard: of {result['n_items']} model summaries {result.get('trimmed', 0)} lost an "
                     f"unfaithful sentence (gemma-lora{TRIMMED_SUFFIX}), {result.get('fallbacks', 0)} were replaced "
                     f"by the extractive one ({FALLBACK_METHOD})")
    t = result.get("timing") or {}
    if t:
        lines.append(f"model load {t.get('load_seconds')} s, generation {t.get('generate_seconds')} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from ..corpus import corpus_documents

    p = argparse.ArgumentParser(description="Summary scores on held-out documents.")
    p.add_argument("--model-dir", type=Path, default=None)
    p.add_argument("--json", type=Path, help="write the full result, with every summary, here (not in the repo)")
    p.add_argument("--no-model", action="store_true", help="baselines only (fast)")
    args = p.parse_args(argv)
    methods = BASELINES if args.no_model else (MODEL, *BASELINES)
    result = evaluate(list(corpus_documents()), model_dir=args.model_dir, methods=methods,
                      include_examples=bool(args.json))
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
