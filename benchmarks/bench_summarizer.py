"""Summariser throughput (items/s, 2 torch threads) for ``extractive`` and ``gemma-lora``.

The documents are the bundled synthetic sample (``nlp/data/sample``); segmentation runs before the
clock starts, so only the summariser is timed. Gemma's one-off load (and, on a cold cache, the
GGUF conversion) is reported separately from generation.
"""

from __future__ import annotations

import os
import time
from importlib import resources

import torch
from spacy.language import Language

from nlp.pipeline import load
from nlp.summarize import RarSummarizer, item_text

THREADS = 2


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


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.set_num_threads(THREADS)
    nlp = load(base="blank", components=["rar_segmenter"])
    ext = RarSummarizer(nlp, method="extractive")
    ext.initialize(lambda: [], nlp=nlp)
    docs = _docs(nlp, 400)  # ~1 s of work: shorter runs are mostly timer noise
    ext_rate, ext_secs = _rate(ext, docs)
    print(f"extractive: {ext_rate:,.0f} items/s ({_items(docs)} items in {ext_secs:.2f} s, {THREADS} threads)")

    gem = RarSummarizer(nlp, method="gemma-lora")
    gem.initialize(lambda: [], nlp=nlp)
    t0 = time.perf_counter()
    gem.generator()
    load_secs = time.perf_counter() - t0
    docs = _docs(nlp, 4)
    gem_rate, gem_secs = _rate(gem, docs)
    n = _items(docs)
    print(f"gemma-lora: {gem_rate:.2f} items/s ({n} items in {gem_secs:.1f} s, batch "
          f"{gem.generator().settings.batch_size}, greedy, {THREADS} threads; load {load_secs:.1f} s once)")
    print(f"ratio extractive/gemma-lora: {ext_rate / gem_rate:,.0f}x")


if __name__ == "__main__":
    main()
