"""End-to-end labelling throughput and memory, without the summariser.

The corpus is replicated (each copy made unique, so the resume manifest does not skip it) to
about 100k and 1M words; `rar-nlp label` runs on each with 1 and 2 workers in a subprocess whose
process tree is sampled for peak memory. Ratios are against `spacy.blank("da")` tokenising the
same text in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from .common import corpus_texts, tokenizer_seconds, words


def replicate(texts: list[str], target_words: int, directory: Path) -> tuple[list[str], int]:
    out, n, k = [], 0, 0
    while n < target_words:
        for t in texts:
            text = t + f"\n\n(kopi {k})\n"
            (directory / f"doc_{k:05d}.txt").write_text(text, encoding="utf-8")
            out.append(text)
            n += words([text])
            k += 1
    return out, n


def run_label(src: Path, out: Path, workers: int, *extra: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, whole process tree) of one labelling run."""
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "nlp.cli", "label", str(src), "--out", str(out),
                             "--workers", str(workers), "--no-progress", "--no-table", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"label failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return seconds, peak / 2**20


def main() -> None:
    texts = corpus_texts()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        results = {}
        for label, target in (("100k", 100_000), ("1M", 1_000_000)):
            src = tmp / label
            src.mkdir()
            docs, n = replicate(texts, target, src)
            base = tokenizer_seconds(docs, repeat=1)
            print(f"{label}: {len(docs)} documents, {n:,} words; spacy.blank('da') tokenizer "
                  f"{n / base:,.0f} words/s")
            for workers in (1, 2):
                secs, peak = run_label(src, tmp / f"{label}_{workers}.jsonl", workers)
                results[(label, workers)] = peak
                print(f"  --workers {workers}: {n / secs:10,.0f} words/s ({n / secs / workers:,.0f} per worker), "
                      f"{secs / base:5.1f}x the bare tokenizer's time, peak memory {peak:,.0f} MiB "
                      f"(wall {secs:.1f} s incl. start-up)")
            if label == "1M":  # the statistical NER is the costliest stage: the same run without it
                secs, _ = run_label(src, tmp / f"{label}_noner.jsonl", 1, "--no-ner")
                print(f"  --workers 1 --no-ner: {n / secs:10,.0f} words/s, {secs / base:5.1f}x the bare "
                      f"tokenizer's time (wall {secs:.1f} s incl. start-up)")
        for workers in (1, 2):
            ratio = results[("1M", workers)] / results[("100k", workers)]
            print(f"memory 1M / 100k words, --workers {workers}: {ratio:.2f}x (flat = 1.0)")
