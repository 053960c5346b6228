"""Shared benchmark helpers: corpus text, timing, and the bare-tokenizer baseline."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import spacy

from nlp.corpus import corpus_documents

WORD = re.compile(r"\w+")


def corpus_texts() -> list[str]:
    docs = corpus_documents()
    if not docs:
        raise SystemExit("benchmarks need the corpus: set RAR_CORPUS")
    return [d.raw.text for d in docs]


def words(texts: list[str]) -> int:
    return sum(len(WORD.findall(t)) for t in texts)


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Fastest of ``repeat`` runs, in seconds (the least disturbed by the other core's load)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def tokenizer_seconds(texts: list[str], repeat: int = 3) -> float:
    """``spacy.blank("da")`` tokenising the same texts: the yardstick every ratio is against."""
    blank = spacy.blank("da")
    return best_of(lambda: [blank.make_doc(t) for t in texts], repeat)


def line(name: str, n_words: int, seconds: float, base_seconds: float) -> str:
    return (f"{name:44} {n_words / seconds:12,.0f} words/s   {seconds / base_seconds:6.1f}x the bare "
            f"tokenizer ({n_words / base_seconds:,.0f} words/s)")
