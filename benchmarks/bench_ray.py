"""The Ray Data path (``nlp.distributed``) against the local ``--workers`` path (``nlp.batch``).

The corpus is replicated to >= 1M words (each copy made unique, so its doc_id differs); both paths
label it without the summariser with 1 and 2 CPU workers, into Parquet. Each time is one whole
job: hashing every file, importing spaCy and loading the pipeline in every worker, labelling,
writing. The local path runs as `rar-nlp label` in a fresh process; the Ray job is submitted from
this process to a local Ray cluster (``ray.init(num_cpus=2)``) started once beforehand, as a cluster
is long-lived (its start-up is printed apart). Targets (issue 16): Ray 2 workers >= 1.6x Ray 1 worker, and Ray's
overhead over the local path <= 25 % at equal workers.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .bench_pipeline import replicate
from .common import corpus_texts

TARGET_WORDS = 1_000_000
WORKERS = (1, 2)


def _local(src: Path, out: Path, workers: int) -> float:
    """`rar-nlp label --workers N -f parquet` in a fresh process: like each Ray actor, it pays for
    importing spaCy and loading the pipeline (in this process both are warm already)."""
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nlp.cli", "label", str(src), "--out", str(out), "-f", "parquet",
                    "--workers", str(workers), "--no-progress", "--no-table"],
                   check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0


def _ray(src: Path, out: Path, workers: int) -> float:
    from nlp.distributed import label_dataset

    t0 = time.perf_counter()
    summary = label_dataset([src], out, workers=workers)
    seconds = time.perf_counter() - t0
    assert summary.failed == 0 and summary.done > 0, summary
    return seconds


def main() -> None:
    try:
        import ray
    except ImportError:
        print('skipped: Ray is not installed (pip install -e ".[ray]")')
        return
    from nlp.distributed import init_ray

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    texts = corpus_texts()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "corpus"
        src.mkdir()
        docs, n = replicate(texts, TARGET_WORDS, src)
        print(f"corpus replicated: {len(docs)} documents, {n:,} words; load average {os.getloadavg()[0]:.2f} "
              f"(2 cores; numbers from a busy machine are not final)")
        secs: dict[tuple[str, int], float] = {}
        t0 = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
        init_ray()
        print(f"  ray.init(num_cpus=2): {time.perf_counter() - t0:.1f} s (once per cluster, not in the times below)")
        try:
            for w in WORKERS:  # interleaved, so a change in the machine's load hits both paths alike
                secs[("local", w)] = _local(src, tmp / f"local_{w}.parquet", w)
                secs[("ray", w)] = _ray(src, tmp / f"ray_{w}", w)
                for engine in ("local", "ray"):
                    print(f"  {engine:5} --workers {w}: {n / secs[(engine, w)]:10,.0f} words/s "
                          f"(wall {secs[(engine, w)]:.1f} s)")
        finally:
            ray.shutdown()
        import pyarrow.parquet as pq

        from nlp.distributed import read_records

        n_local = pq.read_metadata(tmp / f"local_{WORKERS[0]}.parquet").num_rows
        n_ray = read_records(tmp / f"ray_{WORKERS[0]}").num_rows
        print(f"  records: local {n_local:,}, ray {n_ray:,}" + ("" if n_local == n_ray else "   MISMATCH"))
    lo, hi = WORKERS
    for engine in ("ray", "local"):
        print(f"{engine}: {hi} workers / {lo} worker: {secs[(engine, lo)] / secs[(engine, hi)]:.2f}x"
              + ("   (target >= 1.6x)" if engine == "ray" else ""))
    for w in WORKERS:
        print(f"ray overhead over local at {w} worker{'s' if w > 1 else ''}: "
              f"{secs[('ray', w)] / secs[('local', w)] - 1:+.0%}   (target <= +25%)")


if __name__ == "__main__":
    main()
