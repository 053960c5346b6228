"""Summariser throughput (2 torch threads) for ``extractive`` and ``gemma-lora``, and how far the
shipped decoding (``generation.json``: dtype, batch size, fast decoder) agrees with the float32
reference (``model.generate``, float32, batch 8: the decoding before issue 13).

Gemma runs on the items of the corpus (``$RAR_CORPUS``), batched as deployed: like
``RarSummarizer.pipe``, the items of up to 8 documents go to one ``generate_summaries`` call, which
sorts them by prompt length and cuts batches of ``batch_size``. Printed: items/s, prefill and decode
tokens/s, peak RSS, then agreement with the reference (exact-match rate, ROUGE-L between the two
outputs) and ROUGE-L of each against the human Sagen kort on the held-out items, with the 95 %
bootstrap interval of the reference's mean. The reference outputs are cached in
``~/.cache/rar-nlp/bench/`` under a key of the prompts, adapter and library versions
(``RAR_BENCH_FRESH_REFERENCE=1`` recomputes them; the time printed is then that run's).
``RAR_BENCH_DTYPE`` / ``RAR_BENCH_BATCH`` override the shipped dtype / batch size.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import statistics
import time
from importlib import resources
from typing import Any

import torch
from spacy.language import Language

from nlp.corpus import corpus_documents
from nlp.pipeline import load
from nlp.summarize import (
    RarSummarizer,
    cache_root,
    default_model_dir,
    encode_prompt,
    generate_summaries,
    item_text,
    load_generator,
)

THREADS = 2
DOCS_PER_CALL = 8  # RarSummarizer.pipe's cap for gemma-lora


def _docs(nlp: Language, n: int) -> list:
    text = resources.files("nlp").joinpath("data/sample/referat_eksempel.txt").read_text("utf-8")
    return [nlp(text) for _ in range(n)]


def _items(docs: list) -> int:
    return sum(item_text(s).has_text for d in docs for s in d.spans["items"])


def _rate(summ: RarSummarizer, docs: list) -> tuple[float, float]:
    t0 = time.perf_counter()
    for _ in summ.pipe(docs, batch_size=8):  # as nlp.pipe calls it: generation batches span documents
        pass
    secs = time.perf_counter() - t0
    return _items(docs) / secs, secs


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _summaries(gen: Any, groups: list[list[Any]]) -> tuple[list[str | None], float]:
    """Raw model summaries of every item (postprocessed, no guard), one call per group as
    ``pipe`` makes them, and the wall time."""
    t0 = time.perf_counter()
    out: list[str | None] = []
    for group in groups:
        out.extend(s for s, _ in generate_summaries(gen, group))
    return out, time.perf_counter() - t0


def _reference(gen_dir: Any, groups: list[list[Any]], key: str) -> tuple[list[str | None], float, bool]:
    """The float32 ``model.generate`` outputs (batch 8), cached under ``key``: (summaries, seconds,
    cached?)."""
    path = cache_root() / "bench" / f"summarizer-fp32-reference-{key}.json"
    if path.exists() and not os.environ.get("RAR_BENCH_FRESH_REFERENCE"):
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["summaries"], data["seconds"], True
    ref = load_generator(gen_dir, dtype="float32")
    ref.settings.decoder, ref.settings.batch_size = "hf", 8
    summaries, secs = _summaries(ref, groups)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"summaries": summaries, "seconds": secs}, ensure_ascii=False), encoding="utf-8")
    return summaries, secs, False


def _bootstrap_mean(xs: list[float], n: int = 2000, seed: int = 0) -> tuple[float, float]:
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(xs, k=len(xs))) for _ in range(n))
    return means[int(0.025 * n)], means[int(0.975 * n) - 1]


def bench_gemma(nlp: Language) -> None:
    """Deployed decoding on the corpus items vs the float32 reference."""
    from nlp._summarize.decode import DecodeStats
    from nlp.evaluation.summaries import bootstrap_diff, held_out_documents, rouge_scorer

    cdocs = list(corpus_documents())
    if not cdocs:
        print("gemma-lora: no corpus (set RAR_CORPUS): skipped")
        return
    docs = [nlp(d.raw.text) for d in cdocs]
    per_doc = [[item_text(s) for s in d.spans["items"]] for d in docs]
    names = [cd.name for cd, its in zip(cdocs, per_doc, strict=True) for _ in its]
    groups = [[it for its in per_doc[i: i + DOCS_PER_CALL] for it in its] for i in range(0, len(docs), DOCS_PER_CALL)]
    items = [it for g in groups for it in g]
    n = sum(it.has_text for it in items)

    t0 = time.perf_counter()
    gen = load_generator(default_model_dir(), dtype=os.environ.get("RAR_BENCH_DTYPE") or None)
    load_secs = time.perf_counter() - t0
    if os.environ.get("RAR_BENCH_BATCH"):
        gen.settings.batch_size = int(os.environ["RAR_BENCH_BATCH"])
    s = gen.settings
    gen.stats = DecodeStats()
    print(f"gemma-lora: {len(cdocs)} corpus documents, {n} items with text; {_load()} before the run", flush=True)
    out, secs = _summaries(gen, groups)
    st = gen.stats
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"  deployed ({s.dtype}, batch {s.batch_size}, {s.decoder} decoder): {n / secs:.2f} items/s "
          f"({n} items in {secs:.1f} s; load {load_secs:.1f} s once); {_load()} after")
    if st.prefill_seconds:
        print(f"  prefill {st.prefill_tokens / st.prefill_seconds:,.0f} tok/s ({st.prefill_tokens} prompt tokens), "
              f"decode {st.decode_tokens / max(st.decode_seconds, 1e-9):,.1f} tok/s ({st.decode_tokens} tokens); "
              f"peak RSS {rss:.2f} GiB")

    prompts = [encode_prompt(gen.tokenizer, it, s.max_source_tokens) for it in items if it.has_text]
    adapter = (default_model_dir() / "adapter" / "adapter_model.safetensors").read_bytes()
    import transformers
    key = hashlib.sha256(json.dumps([prompts, s.max_new_tokens, hashlib.sha256(adapter).hexdigest(),
                                     torch.__version__, transformers.__version__]).encode()).hexdigest()[:16]
    del gen
    ref, ref_secs, cached = _reference(default_model_dir(), groups, key)
    print(f"  reference (float32, batch 8, model.generate): {n / ref_secs:.2f} items/s"
          f"{' (cached from an earlier run; RAR_BENCH_FRESH_REFERENCE=1 reruns it)' if cached else ''}; "
          f"speed-up {ref_secs / secs:.2f}x")

    both = [(a, b) for a, b, it in zip(out, ref, items, strict=True) if it.has_text]
    sc = rouge_scorer()
    exact = sum(a == b for a, b in both) / len(both)
    between = statistics.fmean(sc.score(b or "", a or "")["rougeL"].fmeasure for a, b in both)
    print(f"  agreement with the reference: exact match {exact:.3f} ({sum(a == b for a, b in both)}/{len(both)}), "
          f"ROUGE-L between them {100 * between:.1f}")
    held = set(held_out_documents())
    rows = [(it.reference, a, b) for it, a, b, nm in zip(items, out, ref, names, strict=True)
            if nm in held and it.reference and it.has_text]
    if rows:
        ours = [sc.score(r, a or "")["rougeL"].fmeasure for r, a, _ in rows]
        theirs = [sc.score(r, b or "")["rougeL"].fmeasure for r, _, b in rows]
        lo, hi = _bootstrap_mean(theirs)
        d = bootstrap_diff(ours, theirs)
        inside = lo <= statistics.fmean(ours) <= hi
        print(f"  ROUGE-L vs human Sagen kort on {len(rows)} held-out items (raw model, no guard): deployed "
              f"{100 * statistics.fmean(ours):.1f}, reference {100 * statistics.fmean(theirs):.1f} "
              f"[95% interval {100 * lo:.1f}, {100 * hi:.1f}] -> {'within' if inside else 'OUTSIDE'}; "
              f"paired difference {100 * d['mean']:+.1f} [{100 * d['low']:+.1f}, {100 * d['high']:+.1f}]")


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.set_num_threads(THREADS)
    nlp = load(base="blank", components=["rar_segmenter"])
    ext = RarSummarizer(nlp, method="extractive", human_summary=False)  # the method itself, every item
    ext.initialize(lambda: [], nlp=nlp)
    docs = _docs(nlp, 400)  # ~1 s of work: shorter runs are mostly timer noise
    ext_rate, ext_secs = _rate(ext, docs)
    print(f"extractive: {ext_rate:,.0f} items/s ({_items(docs)} items in {ext_secs:.2f} s, {THREADS} threads)")
    bench_gemma(nlp)


if __name__ == "__main__":
    main()
