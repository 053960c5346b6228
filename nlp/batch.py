"""Labelling an archive: stream files through the pipeline into a record file, resumably.

Crash safety (a run killed with SIGKILL and rerun yields exactly the uninterrupted output):

* records of one document are written in one append and fsynced;
* then one line ``{"doc_id", "source", "offset", "n"}`` is appended to the manifest and fsynced;
* on restart the output is truncated to the last manifest offset (dropping records of a
  document that was written but not committed, or half written), torn manifest lines are
  ignored, and documents already in the manifest (by sha256) are skipped.

Parquet output is journalled as JSONL and converted when the run completes.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .export import CSV_FIELDS, RecordWriter, flatten, read_jsonl
from .read import ReadError, iter_paths, read_document

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    source: str
    doc_id: str | None = None
    records: list[dict] = field(default_factory=list)
    error: str | None = None
    warning: str | None = None
    words: int = 0
    seconds: float = 0.0


@dataclass
class RunSummary:
    done: int = 0
    skipped: int = 0
    failed: int = 0
    no_items: int = 0
    items: int = 0
    words: int = 0
    seconds: float = 0.0
    outcomes: list[Outcome] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Per-process pipeline

_NLP = None
_NLP_ARGS: dict = {}


def _init_worker(args: dict) -> None:
    global _NLP, _NLP_ARGS
    _NLP_ARGS = args
    _NLP = None


def _pipeline():
    global _NLP
    if _NLP is None:
        from .pipeline import load

        _NLP = load(base=_NLP_ARGS.get("base", "auto"), summarizer=_NLP_ARGS.get("summarizer", "none"))
    return _NLP


def process_path(path: str) -> Outcome:
    """Read, label and export one file; never raises (errors come back in the outcome)."""
    from .export import doc_to_records
    from .pipeline import make_doc

    t0 = time.perf_counter()
    out = Outcome(source=path)
    try:
        raw = read_document(path)
        out.doc_id = raw.doc_id
        nlp = _pipeline()
        doc = nlp(make_doc(nlp, raw))
        out.words = sum(1 for t in doc if not t.is_space and not t.is_punct)
        out.records = doc_to_records(doc, doc_id=raw.doc_id, source=raw.source, warnings=raw.warnings)
        if not out.records:
            out.warning = "no agenda items found (not a RAR meeting document, or an unknown layout)"
    except ReadError as err:
        out.error = err.reason
    except Exception as err:  # one bad document must not stop the archive
        log.exception("processing %s failed", path)
        out.error = f"processing failed: {type(err).__name__}: {err}"
    out.seconds = time.perf_counter() - t0
    return out


# --------------------------------------------------------------------------------------------
# Manifest


class Manifest:
    """Append-only journal of finished documents; tolerant of a torn last line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.done: dict[str, dict] = {}
        self.offset = 0
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # torn write of the last line: that document was not committed
                self.done[entry["doc_id"]] = entry
                self.offset = entry["offset"]
            self._rewrite()  # drop a torn tail so new lines start clean
        self._fh = path.open("a", encoding="utf-8")

    def _rewrite(self) -> None:
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text("".join(json.dumps(e) + "\n" for e in self.done.values()), encoding="utf-8")
        os.replace(tmp, self.path)

    def commit(self, doc_id: str, source: str, offset: int, n: int) -> None:
        entry = {"doc_id": doc_id, "source": source, "offset": offset, "n": n}
        self._fh.write(json.dumps(entry) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.done[doc_id] = entry
        self.offset = offset

    def close(self) -> None:
        self._fh.close()


# --------------------------------------------------------------------------------------------
# Run


def _journal_path(out: Path, fmt: str) -> Path:
    return out.with_name(out.name + ".journal.jsonl") if fmt == "parquet" else out


def label_archive(paths: Iterable[str | Path], out: str | Path, *, fmt: str = "jsonl", workers: int = 1,
                  summarizer: str = "none", base: str = "auto", errors: str | Path | None = None,
                  progress: bool = True, keep_outcomes: bool = False) -> RunSummary:
    """Label every file under ``paths`` into ``out``; resumable; returns counts."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    store = _journal_path(out, fmt)
    store_fmt = "jsonl" if fmt == "parquet" else fmt
    manifest = Manifest(out.with_name(out.name + ".manifest.jsonl"))
    errors_path = Path(errors) if errors else out.parent / "errors.jsonl"
    # Drop whatever a killed run wrote after its last committed document.
    if store.exists() and store.stat().st_size > manifest.offset:
        with store.open("r+b") as fh:
            fh.truncate(manifest.offset)
    summary = RunSummary()
    files = [str(p) for p in iter_paths(paths)]
    args = {"summarizer": summarizer, "base": base}
    bar = _progress(len(files), progress)
    t0 = time.perf_counter()
    with RecordWriter(store, store_fmt) as writer, errors_path.open("a", encoding="utf-8") as err_fh:
        for outcome in _outcomes(files, workers, args, manifest):
            bar.update(1)
            if outcome is None:
                summary.skipped += 1
                continue
            if keep_outcomes:
                summary.outcomes.append(outcome)
            if outcome.error:
                summary.failed += 1
                err_fh.write(json.dumps({"file": outcome.source, "reason": outcome.error,
                                         "level": "error"}, ensure_ascii=False) + "\n")
                err_fh.flush()
                log.error("%s: %s", outcome.source, outcome.error)
                continue
            assert outcome.doc_id is not None
            if outcome.doc_id in manifest.done:  # the same bytes under another name in this run
                summary.skipped += 1
                continue
            writer.write(outcome.records)
            manifest.commit(outcome.doc_id, outcome.source, store.stat().st_size, len(outcome.records))
            if outcome.warning:
                summary.no_items += 1
                err_fh.write(json.dumps({"file": outcome.source, "reason": outcome.warning,
                                         "level": "warning"}, ensure_ascii=False) + "\n")
                err_fh.flush()
            summary.done += 1
            summary.items += len(outcome.records)
            summary.words += outcome.words
    bar.close()
    manifest.close()
    summary.seconds = time.perf_counter() - t0
    if fmt == "parquet":
        _journal_to_parquet(store, out)
    return summary


def _outcomes(files: list[str], workers: int, args: dict, manifest: Manifest) -> Iterator[Outcome | None]:
    """Outcomes in input order; None for files whose bytes are already in the manifest."""
    from .read import sha256_bytes

    def todo() -> Iterator[str | None]:
        for f in files:
            try:
                digest = sha256_bytes(Path(f).read_bytes())
            except OSError:
                yield f  # let the worker report why it cannot be read
                continue
            yield None if digest in manifest.done else f

    if workers <= 1:
        _init_worker(args)
        for f in todo():
            yield None if f is None else process_path(f)
        return
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    pending = list(todo())
    with ctx.Pool(workers, initializer=_init_worker, initargs=(args,), maxtasksperchild=200) as pool:
        results = pool.imap(process_path, [f for f in pending if f is not None], chunksize=1)
        for f in pending:
            yield None if f is None else next(results)


def _journal_to_parquet(journal: Path, out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(k, pa.int64() if k == "ordinal" else pa.bool_() if k == "with_remarks"
                         else pa.string()) for k in CSV_FIELDS])
    tmp = out.with_name(out.name + ".tmp")
    with pq.ParquetWriter(tmp, schema) as w:
        batch: list[dict] = []
        for rec in read_jsonl(journal) if journal.exists() else []:
            batch.append(flatten(rec))
            if len(batch) >= 5000:
                w.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            w.write_table(pa.Table.from_pylist(batch, schema=schema))
    os.replace(tmp, out)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="labelling", leave=False)
