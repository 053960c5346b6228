"""The same enrichment as ``rar-nlp label``, as a Ray Data job (``rar-nlp label SRC --engine ray``).

    import ray, nlp.distributed as nd
    ds = ray.data.read_binary_files("s3://bucket/minutes/", include_paths=True)
    nd.enrich_dataset(ds, summarizer="extractive").write_parquet("s3://bucket/records/")

or, resumable, with the plan and errors handled: ``nd.label_dataset(paths, "runs/arkiv/")``.

Shape of the job (no scheduler of our own; Ray Data streams blocks between the stages):

* ``read_binary_files(paths, include_paths=True)`` (local paths or any pyarrow filesystem URI);
* CPU actor pool (``map_batches`` with :class:`Labeller`, the pipeline loaded once per actor):
  read + normalise + segment + classify + entities, one document at a time exactly as the local
  path does (``nlp.batch.process_path``), so the records are identical;
* when a summariser is asked for, a second actor pool (:class:`Summariser`) that requests
  ``num_gpus=1`` per actor when the cluster has GPUs; the CPU stage hands it the processed
  ``Doc`` as ``Doc.to_bytes()`` (what ``nlp.pipe(n_process=2)`` ships between processes too);
* ``write_parquet(DIR/records/)`` with the local path's Parquet schema (``nlp.export.flatten``:
  lists joined with ``|``, section texts as columns, the full record as JSON in ``record``).

Idempotent and resumable (``label_dataset``). Output is keyed by ``doc_id`` (sha256 of the file
bytes, as ``nlp.read`` computes it). The input files are hashed first (local files by the driver,
files under a URI by a cheap Ray pass); the driver anti-joins those keys with the doc_ids already
in ``DIR/records/`` and ``DIR/errors/`` (and keeps the first path per doc_id in input order, as the
local path does); only the rest is labelled. So a crashed job is resumed by running it again. A
Parquet file that a killed job left half written (no footer) is moved to ``DIR/_quarantine/`` and
its documents are labelled again. All records of one document leave the actor in one block and so
land in one file: a document is in the output whole or not at all.

Bad files never fail the job: they become rows (``source, doc_id, reason, level``) of the errors
dataset ``DIR/errors/`` (Parquet), written by the actor that met them under a name derived from
their doc_ids (so a retried task rewrites the same file). ``level`` is ``error`` (unreadable) or
``warning`` (read, but no agenda items: the local path's ``errors.jsonl`` levels). Documents in
``errors/`` count as done (their bytes would fail the same way again); delete ``DIR/errors/`` to
retry them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # ray is an optional extra: rar-nlp[ray]
    import pyarrow as pa
    import ray.data

log = logging.getLogger(__name__)

RECORDS = "records"
ERRORS = "errors"
QUARANTINE = "_quarantine"
ERROR_FIELDS = ["source", "doc_id", "reason", "level"]
NO_ITEMS = "no agenda items found (not a RAR meeting document, or an unknown layout)"
BATCH_SIZE = 4  # documents per actor call: small, so a few long documents do not hold up a worker


def record_schema() -> pa.Schema:
    """The Parquet schema of the local path's ``--format parquet`` (``nlp.batch``)."""
    import pyarrow as pa

    from .export import CSV_FIELDS  # imports spaCy: not at module level (the hashing tasks stay light)

    return pa.schema([(k, pa.int64() if k == "ordinal" else pa.bool_() if k == "with_remarks"
                       else pa.string()) for k in CSV_FIELDS])


def error_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([(k, pa.string()) for k in ERROR_FIELDS])


# --------------------------------------------------------------------------------------------
# Filesystems: local paths or pyarrow filesystem URIs (s3://, gs://, hdfs://, file://)


def _is_uri(path: str) -> bool:
    return "://" in path


def _fs(path: str | Path) -> tuple[Any, str]:
    """(pyarrow filesystem, path inside it) for a local path or a URI."""
    import pyarrow.fs as pafs

    path = str(path)
    if _is_uri(path):
        return pafs.FileSystem.from_uri(path)
    return pafs.LocalFileSystem(), os.path.abspath(path)


def _join(root: str, *parts: str) -> str:
    return "/".join([root.rstrip("/"), *parts])


def _child(out_dir: str, name: str) -> str:
    """``out_dir/name`` for Ray (a URI stays a URI; a local path becomes absolute)."""
    return _join(out_dir, name) if _is_uri(out_dir) else os.path.join(os.path.abspath(out_dir), name)


def _parquet_files(fs: Any, directory: str) -> list[str]:
    import pyarrow.fs as pafs

    infos = fs.get_file_info(pafs.FileSelector(directory, allow_not_found=True, recursive=True))
    return sorted(i.path for i in infos if i.type == pafs.FileType.File and i.path.endswith(".parquet")
                  and not any(p.startswith(("_", ".")) for p in i.path[len(directory):].split("/")))


def _read_columns(fs: Any, directory: str, columns: list[str], *, quarantine: str | None = None) -> pa.Table:
    """The given columns of every Parquet file under ``directory``; a file that cannot be read (left
    half written by a killed job) is moved to ``quarantine`` (or skipped)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = []
    for path in _parquet_files(fs, directory):
        try:
            tables.append(pq.read_table(path, columns=columns, filesystem=fs))
        except (OSError, pa.ArrowException) as err:
            log.warning("%s: unreadable Parquet file (%s)%s", path, err, "; moved aside" if quarantine else "")
            if quarantine:
                fs.create_dir(quarantine, recursive=True)
                fs.move(path, _join(quarantine, f"{uuid.uuid4().hex[:8]}-{path.rsplit('/', 1)[-1]}"))
    if not tables:
        return pa.table({c: pa.array([], pa.string()) for c in columns})
    return pa.concat_tables(tables, promote_options="permissive")


def read_records(out_dir: str | Path) -> pa.Table:
    """Every record row of a Ray run's output (``DIR/records/``), in the local Parquet schema."""
    schema = record_schema()
    fs, root = _fs(out_dir)
    return _read_columns(fs, _join(root, RECORDS), schema.names).cast(schema)


def read_errors(out_dir: str | Path) -> pa.Table:
    """The errors dataset of a Ray run (``DIR/errors/``): source, doc_id, reason, level."""
    fs, root = _fs(out_dir)
    return _read_columns(fs, _join(root, ERRORS), ERROR_FIELDS)


def write_errors(errors_dir: str, rows: list[dict]) -> None:
    """Write error rows as one Parquet file named by their keys (a retry rewrites the same file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not rows:
        return
    fs, root = _fs(errors_dir)
    fs.create_dir(root, recursive=True)
    key = hashlib.sha256("\n".join(f"{r.get('doc_id')}\t{r.get('source')}" for r in rows).encode()).hexdigest()
    final = _join(root, f"{key[:32]}.parquet")
    table = pa.Table.from_pylist([{k: r.get(k) for k in ERROR_FIELDS} for r in rows], schema=error_schema())
    if _is_uri(errors_dir):  # an object store's PUT is atomic already
        pq.write_table(table, final, filesystem=fs)
        return
    tmp = _join(root, f".{key[:32]}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp, filesystem=fs)
    fs.move(tmp, final)  # rename: readers never see a half-written file


# --------------------------------------------------------------------------------------------
# The per-document work (the same steps as nlp.batch.process_path)


def label_bytes(nlp: Any, data: bytes, source: str, fmt: str | None = None) -> tuple[Any, Any]:
    """(raw document, processed Doc) for one file's bytes; raises ``ReadError`` on a bad file.

    The same steps as the local path: ``read_bytes`` -> ``make_doc`` -> the pipeline's components."""
    from .pipeline import make_doc
    from .read import format_of, read_bytes

    raw = read_bytes(data, source=source, fmt=fmt or format_of(source, data))
    return raw, nlp(make_doc(nlp, raw))


def _error_row(source: str, doc_id: str | None, reason: str, level: str = "error") -> dict:
    return {"source": source, "doc_id": doc_id, "reason": reason, "level": level}


def _rows_table(records: list[dict]) -> pa.Table:
    import pyarrow as pa

    from .export import flatten

    return pa.Table.from_pylist([flatten(r) for r in records], schema=record_schema())


class Labeller:
    """Ray Data callable class: file bytes in, flattened record rows (or, with ``handoff``, processed
    Docs for the summariser stage) out. Loads the pipeline once per actor."""

    def __init__(self, *, base: str = "auto", errors: str | None = None, sources: dict[str, str] | None = None,
                 handoff: bool = False, exclude: list[str] | None = None) -> None:
        from .pipeline import load

        self.nlp = load(base=base, summarizer="none", exclude=exclude or ())
        self.errors, self.sources, self.handoff = errors, sources or {}, handoff

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        from .export import doc_to_records
        from .read import ReadError, sha256_bytes

        records: list[dict] = []
        handoff: list[dict] = []
        errors: list[dict] = []
        for data, path in zip(batch.column("bytes").to_pylist(), batch.column("path").to_pylist(), strict=True):
            source = self.sources.get(path, path)
            try:
                raw, doc = label_bytes(self.nlp, data, source)
                if not doc.spans.get("items"):
                    errors.append(_error_row(source, raw.doc_id, NO_ITEMS, "warning"))
                elif self.handoff:
                    handoff.append({"doc_id": raw.doc_id, "source": raw.source, "doc": doc.to_bytes(),
                                    "warnings": json.dumps(raw.warnings, ensure_ascii=False)})
                else:
                    records.extend(doc_to_records(doc, doc_id=raw.doc_id, source=raw.source,
                                                  warnings=raw.warnings))
            except ReadError as err:
                errors.append(_error_row(source, sha256_bytes(data), err.reason))
            except Exception as err:  # one bad document must not stop the archive
                log.exception("processing %s failed", source)
                errors.append(_error_row(source, sha256_bytes(data),
                                         f"processing failed: {type(err).__name__}: {err}"))
        _report(self.errors, errors)
        if self.handoff:
            return pa.Table.from_pylist(handoff, schema=_handoff_schema())
        return _rows_table(records)


def _handoff_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([("doc_id", pa.string()), ("source", pa.string()), ("doc", pa.binary()),
                      ("warnings", pa.string())])


class Summariser:
    """Ray Data callable class: processed Docs (bytes) in, record rows with summaries out.

    Runs the ``rar_summarizer`` component alone, per document as the local pipeline does; on a
    GPU actor the model is moved to the GPU."""

    def __init__(self, *, base: str = "auto", summarizer: str = "extractive", errors: str | None = None) -> None:
        from .pipeline import load

        self.nlp = load(base=base, summarizer=summarizer, components=["rar_summarizer"])  # it runs alone
        self.component = self.nlp.get_pipe("rar_summarizer")
        self.errors = errors
        if summarizer == "gemma-lora":
            _to_gpu(self.component)

    def __call__(self, batch: pa.Table) -> pa.Table:
        from spacy.tokens import Doc

        from .export import doc_to_records

        records: list[dict] = []
        errors: list[dict] = []
        for row in batch.to_pylist():
            try:
                doc = self.component(Doc(self.nlp.vocab).from_bytes(row["doc"]))
                records.extend(doc_to_records(doc, doc_id=row["doc_id"], source=row["source"],
                                              warnings=json.loads(row["warnings"])))
            except Exception as err:
                log.exception("summarising %s failed", row["source"])
                errors.append(_error_row(row["source"], row["doc_id"],
                                         f"processing failed: {type(err).__name__}: {err}"))
        _report(self.errors, errors)
        return _rows_table(records)


def _to_gpu(component: Any) -> None:
    """Load Gemma now and, when this actor has a GPU, move it there (inputs follow the model)."""
    import torch

    if not torch.cuda.is_available():
        return
    gen = component.generator()
    model = gen.model.to("cuda")

    class OnDevice:
        def __init__(self, inner: Any) -> None:
            self._inner = inner

        def __getattr__(self, name: str) -> Any:
            return getattr(self._inner, name)

        def generate(self, **kwargs: Any) -> Any:
            return self._inner.generate(**{k: v.to(model.device) if isinstance(v, torch.Tensor) else v
                                           for k, v in kwargs.items()})

    gen.model = OnDevice(model)


def _report(errors_dir: str | None, rows: list[dict]) -> None:
    for r in rows:
        log.log(logging.WARNING if r["level"] == "warning" else logging.ERROR, "%s: %s", r["source"], r["reason"])
    if errors_dir:
        write_errors(errors_dir, rows)


def _cluster_gpus() -> int:
    import ray

    return int(ray.cluster_resources().get("GPU", 0))


def enrich_dataset(ds: ray.data.Dataset, *, summarizer: str = "none", base: str = "auto", workers: int = 1,
                   summary_workers: int | None = None, num_gpus: float | None = None,
                   errors: str | Path | None = None, sources: dict[str, str] | None = None,
                   batch_size: int = BATCH_SIZE, exclude: Iterable[str] = ()) -> ray.data.Dataset:
    """Records for a dataset of files (columns ``bytes`` and ``path``, as ``read_binary_files(...,
    include_paths=True)`` gives), one row per agenda item in the local Parquet schema.

    workers: CPU actors of the labelling stage. summarizer: ``none`` (no second stage) or a method
    of ``nlp.summarize``, run by ``summary_workers`` actors (default: one per GPU of the cluster,
    else 1); each requests ``num_gpus`` (default 1 when the cluster has GPUs, else 0).
    errors: directory or URI for the errors dataset (Parquet; None: logged only). sources: path as
    Ray reports it -> source to record (the path as the user gave it). exclude: components to leave
    out (``["rar_ner"]``: rules-only entities).

    The actors take one CPU each (summariser actors on a GPU: none); where they take every CPU of
    the cluster, read with ``read_binary_files(..., num_cpus=0)`` (reading bytes is I/O), or the
    read tasks wait for a CPU that the actors never give back."""
    from ray.data import ActorPoolStrategy

    errors = str(errors) if errors is not None else None
    handoff = summarizer != "none"
    out = ds.map_batches(Labeller, batch_format="pyarrow", batch_size=batch_size,
                         compute=ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=2), num_cpus=1,
                         fn_constructor_kwargs={"base": base, "errors": errors, "sources": sources,
                                                "handoff": handoff, "exclude": list(exclude)})
    if not handoff:
        return out
    gpus = _cluster_gpus()
    if num_gpus is None:
        num_gpus = 1 if gpus else 0
    size = summary_workers or (max(1, int(gpus // num_gpus)) if num_gpus else 1)
    return out.map_batches(Summariser, batch_format="pyarrow", batch_size=batch_size,
                           compute=ActorPoolStrategy(size=size), num_gpus=num_gpus,
                           num_cpus=0 if num_gpus else 1,
                           fn_constructor_kwargs={"base": base, "summarizer": summarizer, "errors": errors})


# --------------------------------------------------------------------------------------------
# A resumable labelling job: plan (hash + anti-join), enrich, write


@dataclass
class JobSummary:
    done: int = 0  # documents labelled by this run (records or a no-items warning)
    skipped: int = 0  # already in the output (or the same bytes twice in the input)
    failed: int = 0  # input files whose row in errors/ is an error (this run or before)
    no_items: int = 0
    items: int = 0  # records written by this run
    seconds: float = 0.0
    errors: list[dict] = field(default_factory=list)  # error rows of this run's input files


def _done_keys(out_dir: str) -> tuple[set[str], set[str]]:
    """doc_ids with records, doc_ids in the errors dataset (quarantining unreadable files)."""
    fs, root = _fs(out_dir)
    quarantine = _join(root, QUARANTINE)
    rec = _read_columns(fs, _join(root, RECORDS), ["doc_id"], quarantine=quarantine)
    err = _read_columns(fs, _join(root, ERRORS), ["doc_id"], quarantine=quarantine)
    import pyarrow.compute as pc

    return (set(pc.unique(rec.column("doc_id")).to_pylist()),
            {d for d in pc.unique(err.column("doc_id")).to_pylist() if d})


def _inputs(paths: Iterable[str | Path]) -> tuple[list[str], dict[str, str], list[dict], list[str]]:
    """(files to read as Ray gets them, Ray path -> source, error rows for missing paths, URIs).

    Local paths are expanded as the local path does (``nlp.read.iter_paths``: directories
    recursively, supported suffixes, sorted); URIs are handed to Ray as they are."""
    from .read import iter_paths

    files, sources, missing, uris = [], {}, [], []
    local = []
    for p in map(str, paths):
        (uris if _is_uri(p) else local).append(p)
    for f in map(str, iter_paths(local)):
        if not os.path.isfile(f):
            missing.append(_error_row(f, None, "is a directory, not a file" if os.path.isdir(f) else "file not found"))
            continue
        absolute = os.path.abspath(f)
        files.append(absolute)
        sources[absolute] = f
    return files, sources, missing, uris


def _key_batch(batch: pa.Table) -> pa.Table:
    """path, doc_id (sha256 of the bytes, as ``nlp.read.sha256_bytes``) of a batch of files."""
    import pyarrow as pa

    return pa.table({"path": batch.column("path"),
                     "doc_id": pa.array([hashlib.sha256(b).hexdigest() for b in batch.column("bytes").to_pylist()],
                                        pa.string())})


def _read(paths: list[str], *, ignore_missing: bool = False, num_cpus: float | None = None,
          blocks: int | None = None, concurrency: int | None = None) -> ray.data.Dataset:
    """``read_binary_files`` (paths kept). num_cpus=0 for the labelling pass: reading bytes is I/O,
    and the actors hold every CPU (with 1 CPU per read task they would wait for each other); then
    ``concurrency`` bounds the read tasks (else Ray starts a worker process for each at once).
    blocks: how many blocks to cut the files into (Ray's default, by bytes, makes a handful of
    blocks of ~25 documents each from a small archive: too coarse to share among the actors)."""
    import ray.data

    from .read import SUFFIXES

    exts = sorted({s.lstrip(".") for s in SUFFIXES} | {s.lstrip(".").upper() for s in SUFFIXES})
    uris_only = all(_is_uri(p) for p in paths)
    return ray.data.read_binary_files(paths, include_paths=True, ignore_missing_paths=ignore_missing,
                                      file_extensions=exts if uris_only else None, num_cpus=num_cpus,
                                      override_num_blocks=blocks, concurrency=concurrency)


def _sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _plan(files: list[str], uris: list[str], done: set[str], sources: dict[str, str],
          missing: list[dict]) -> tuple[list[str], int, dict[str, str]]:
    """Hash every input file, anti-join with ``done`` on the driver.

    Local files are hashed by the driver, which lists them anyway (as the local path does; a Ray
    pass would cost seconds of worker start-up); files under a URI by a first, cheap Ray pass.
    Returns (paths to label, number skipped, path -> doc_id of every input); adds the sources of
    files under URIs (Ray reports ``bucket/key`` for ``s3://bucket/key``) to ``sources`` and a row
    for each unreadable local file to ``missing``."""
    keyed: list[dict] = []
    for f in files:
        try:
            keyed.append({"path": f, "doc_id": _sha256_file(f)})
        except OSError as err:
            missing.append(_error_row(sources.get(f, f), None, f"unreadable ({err.strerror or err})"))
    for uri in uris:
        scheme = uri.split("://", 1)[0] + "://"
        rows = _read([uri]).map_batches(_key_batch, batch_format="pyarrow").take_all()
        for r in sorted(rows, key=lambda r: r["path"]):
            full = r["path"] if _is_uri(r["path"]) else scheme + r["path"]  # file:// + /abs, s3:// + bucket/key
            sources[r["path"]] = full
            keyed.append({"path": full, "doc_id": r["doc_id"]})
    order = {p: i for i, p in enumerate(files)}
    keyed.sort(key=lambda r: order.get(r["path"], len(order)))  # input order: the first of equal bytes wins
    todo, seen, skipped = [], set(done), 0
    for r in keyed:
        if r["doc_id"] in seen:
            skipped += 1
            continue
        seen.add(r["doc_id"])
        todo.append(r["path"])
    return todo, skipped, {r["path"]: r["doc_id"] for r in keyed}


def init_ray(address: str | None = None, *, num_cpus: int | None = None, progress: bool = False) -> bool:
    """Connect to (``address``: ``auto``, ``ray://host:10001``) or start a local Ray; returns whether
    this call started it (and so should shut it down)."""
    import ray
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = progress
    ctx.print_on_execution_start = progress
    if not progress:  # Ray Data logs every execution at INFO
        logging.getLogger("ray.data").setLevel(logging.WARNING)
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                              "log_to_driver": True}
    if address:
        kwargs["address"] = address
    else:
        kwargs["num_cpus"] = num_cpus
    ray.init(**kwargs)
    return True


def label_dataset(paths: Iterable[str | Path], out_dir: str | Path, *, summarizer: str = "none",
                  base: str = "auto", workers: int = 1, summary_workers: int | None = None,
                  num_gpus: float | None = None, batch_size: int = BATCH_SIZE,
                  min_rows_per_file: int = 2000, exclude: Iterable[str] = ()) -> JobSummary:
    """Label every file under ``paths`` into ``out_dir`` (``records/``, ``errors/``) on the current
    Ray cluster (``init_ray`` first); resumable: a rerun labels only what is not in the output."""
    import ray

    t0 = time.perf_counter()
    cpus = int(ray.cluster_resources().get("CPU", 0))
    on_gpu = (num_gpus if num_gpus is not None else _cluster_gpus()) > 0
    need = workers + ((summary_workers or 1) if summarizer != "none" and not on_gpu else 0)
    if need > cpus:
        log.warning("%d CPU actors asked for, the cluster has %d CPUs now: the job waits for more nodes "
                    "(an autoscaler), or lower the workers", need, cpus)
    out_dir = str(out_dir)
    fs, root = _fs(out_dir)
    fs.create_dir(root, recursive=True)
    errors_dir = _child(out_dir, ERRORS)
    summary = JobSummary()
    files, sources, missing, uris = _inputs(paths)
    done_records, done_errors = _done_keys(out_dir)
    todo, summary.skipped, keys = _plan(files, uris, done_records | done_errors, sources, missing)
    sources = {path: given for path, given in sources.items() if path != given}  # shipped to every actor
    if todo:
        # Blocks of a few documents, >= 16 per worker: the unit an actor takes, so the last ones even out.
        blocks = min(len(todo), max(16 * workers, len(todo) // 64 + 1))
        io_tasks = max(1, workers // 4)  # each a worker process of its own, beside the actors
        ds = enrich_dataset(_read(todo, ignore_missing=True, num_cpus=0, blocks=blocks, concurrency=io_tasks),
                            summarizer=summarizer, base=base, workers=workers, summary_workers=summary_workers,
                            num_gpus=num_gpus, errors=errors_dir, sources=sources or None, batch_size=batch_size,
                            exclude=exclude)
        # Write tasks take no CPU slot, as the read tasks: else they wait for the actors to finish, and
        # nothing reaches the disk before the end (nothing to resume from after a crash). No schema=:
        # every block has record_schema() already (building it imports spaCy: ~3 s of driver CPU).
        ds.write_parquet(_child(out_dir, RECORDS), min_rows_per_file=min_rows_per_file,
                         ray_remote_args={"num_cpus": 0}, concurrency=io_tasks)
    write_errors(errors_dir, missing)
    # The counts, from what is now in the output (the job returns nothing to the driver).
    new = {keys[p] for p in todo}
    if new:
        import pyarrow as pa
        import pyarrow.compute as pc

        ids = _read_columns(fs, _join(root, RECORDS), ["doc_id"]).column("doc_id")
        mask = pc.is_in(ids, value_set=pa.array(sorted(new), pa.string()))
        summary.items = int(pc.sum(mask).as_py() or 0)
        labelled = set(pc.unique(pc.filter(ids, mask)).to_pylist())
    else:
        labelled = set()
    inputs = set(keys.values())
    seen: set[tuple] = set()
    for r in read_errors(out_dir).to_pylist() if (new or done_errors) else []:
        if r["doc_id"] in inputs and (key := (r["doc_id"], r["level"])) not in seen:
            seen.add(key)
            summary.errors.append(r)
    summary.errors += missing
    summary.failed = sum(r["level"] == "error" for r in summary.errors)
    summary.no_items = sum(r["level"] == "warning" and r["doc_id"] in new for r in summary.errors)
    summary.done = len(labelled) + summary.no_items
    summary.seconds = time.perf_counter() - t0
    return summary
