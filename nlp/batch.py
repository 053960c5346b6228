"""Labelling an archive: stream files through the pipeline into a record file, resumably.

Crash safety (a run killed with SIGKILL at any byte and rerun yields exactly the uninterrupted output):

* records of one document are written in one append and fsynced;
* then one line ``{"doc_id", "source", "offset", "n", "settings"}`` is appended to the manifest and fsynced;
* on restart the output is truncated to the last manifest offset (dropping records of a
  document that was written but not committed, or half written), torn manifest and error-log
  lines are dropped, and documents already in the manifest (by sha256) are skipped.

One writer at a time: ``<out>.lock`` is held with ``flock`` for the whole run and names the
process holding it, so a second run (a cron job overlapping a manual one) exits at once instead
of writing every record twice.

Each document gets ``timeout_per_doc`` seconds in a worker process; a worker that overruns is
killed, the document is logged as timed out, and a fresh worker takes the next one. Files that
cannot be labelled (dangling symlinks, unreadable files, too large, too many pages, password-
protected PDFs) are logged to ``errors.jsonl`` with the reason, and the run goes on.

Parquet and SQLite output are journalled as JSONL and converted when the run completes.
"""

from __future__ import annotations

import bisect
import contextlib
import fcntl
import json
import logging
import multiprocessing as mp
import os
import signal
import socket
import stat
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .doc import run_state
from .export import CSV_FIELDS, RecordWriter, flatten, read_jsonl
from .read import SUFFIXES, ReadError, read_document

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_PER_DOC = 120.0
DEFAULT_MAX_BYTES = 200_000_000
DEFAULT_MAX_PAGES = 2000
MAX_TASKS_PER_WORKER = 200  # a worker is replaced after this many documents (bounds slow leaks)


@dataclass
class Outcome:
    source: str
    doc_id: str | None = None
    records: list[dict] = field(default_factory=list)
    error: str | None = None
    warning: str | None = None
    words: int = 0
    seconds: float = 0.0
    pages: list[list[int]] | None = None  # first and last page (1-based) of each record, when known


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
# One writer per output


class OutputLocked(RuntimeError):
    """Another run holds the output's lock; the message names its process."""


_LOCK_FDS: set[int] = set()  # closed in forked workers, so an orphaned worker cannot keep the lock


def _command_line() -> str:
    """This process's command line as started (``/proc`` has the interpreter and ``-m``/``-c`` too)."""
    try:
        raw = Path("/proc/self/cmdline").read_bytes()
        cmd = " ".join(a.decode("utf-8", "replace") for a in raw.split(b"\0") if a)
    except OSError:
        cmd = " ".join([sys.executable, *sys.argv])
    return cmd if len(cmd) <= 300 else cmd[:297] + "..."


class OutputLock:
    """An exclusive ``flock`` on ``<out>.lock``, holding the pid and command line of the holder."""

    def __init__(self, out: Path) -> None:
        self.path = out.with_name(out.name + ".lock")
        self.fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 4096).decode("utf-8", "replace")
            os.close(fd)
            raise OutputLocked(self._message(holder)) from None
        os.ftruncate(fd, 0)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%d %H:%M:%S"),
                "cmd": _command_line()}
        os.write(fd, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        os.fsync(fd)
        self.fd = fd
        _LOCK_FDS.add(fd)

    def _message(self, holder: str) -> str:
        out = self.path.with_name(self.path.name[: -len(".lock")])
        try:
            info = json.loads(holder)
            who = f"pid {info['pid']} on {info['host']} ({info['cmd']}), started {info['started']}"
        except (json.JSONDecodeError, KeyError, TypeError):
            who = "a process that has not yet written its name"
        return (f"{out} is being written by another run: {who}. Wait for it to finish, or stop it; "
                f"two runs on one output would write every record twice")

    def release(self) -> None:
        if self.fd is not None:
            _LOCK_FDS.discard(self.fd)
            os.close(self.fd)  # closing releases the flock; the file stays (removing it would race)
            self.fd = None

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


# --------------------------------------------------------------------------------------------
# Inputs: every file to label, and the ones that cannot be (with the reason)


def list_inputs(paths: Iterable[str | Path]) -> list[tuple[str, str | None]]:
    """``(path, problem)`` for each input file, directories walked recursively in sorted order.

    Unlike a plain ``rglob`` this also yields what must be reported rather than silently skipped:
    dangling symlinks and unreadable directories (``problem`` says why).
    """
    out: list[tuple[str, str | None]] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append((str(p), None))
            continue
        found: list[tuple[Path, str | None]] = []
        seen: set[str] = set()

        def onerror(err: OSError, found: list = found) -> None:
            found.append((Path(err.filename), f"unreadable directory ({err.strerror or err})"))

        for root, dirs, names in os.walk(p, onerror=onerror, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:  # a symlink loop
                dirs[:] = []
                continue
            seen.add(real)
            for name in names:
                f = Path(root) / name
                if f.suffix.lower() in SUFFIXES:
                    found.append((f, None))
        out.extend((str(f), problem) for f, problem in sorted(found, key=lambda x: x[0]))
    return out


def precheck(path: str, max_bytes: int | None) -> str | None:
    """Why a file cannot be labelled, from its directory entry alone (None if it can be read)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "file not found"
    except OSError as err:
        return f"unreadable ({err.strerror or err})"
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return f"dangling symlink (points to {os.readlink(path)}, which does not exist)"
        except OSError as err:
            return f"unreadable symlink ({err.strerror or err})"
    if stat.S_ISDIR(st.st_mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a named pipe, socket or device)"
    if max_bytes and st.st_size > max_bytes:
        return f"too large: {st.st_size:,} bytes (limit --max-bytes {max_bytes:,})"
    if not os.access(path, os.R_OK):
        return "unreadable (permission denied)"
    return None


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

        _NLP = load(base=_NLP_ARGS.get("base", "auto"), summarizer=_NLP_ARGS.get("summarizer", "none"),
                    exclude=_NLP_ARGS.get("exclude", ()))
    return _NLP


def _pdf_pages(path: str) -> int | None:
    """Page count of a PDF, read before the (costly) full read; None when pdfium cannot open it."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return None  # let the reader say why (encrypted, corrupt, ...)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _item_pages(doc: Any, records: list[dict]) -> list[list[int]] | None:
    """First and last page (1-based) of each record, from the reader's layout blocks (PDF, docx)."""
    blocks = [b for b in (run_state(doc).get("norm") or {}).get("blocks") or [] if b.get("page") is not None]
    if not blocks:
        return None
    starts = [b["start"] for b in blocks]

    def page_at(offset: int) -> int:
        return blocks[max(0, bisect.bisect_right(starts, offset) - 1)]["page"] + 1

    return [[page_at(r["start"]), page_at(max(r["start"], r["end"] - 1))] for r in records]


def _word_count(doc: Any) -> int:
    """Tokens that are neither space nor punctuation, read as arrays (no Token objects)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    if not len(doc):
        return 0
    flags = doc.to_array([IS_SPACE, IS_PUNCT])
    return int((flags.sum(axis=1) == 0).sum())


def process_path(path: str) -> Outcome:
    """Read, label and export one file; never raises (errors come back in the outcome)."""
    from .export import doc_to_records
    from .pipeline import make_doc

    t0 = time.perf_counter()
    out = Outcome(source=path)
    try:
        max_pages = _NLP_ARGS.get("max_pages")
        if max_pages and Path(path).suffix.lower() == ".pdf":
            n = _pdf_pages(path)
            if n is not None and n > max_pages:
                raise ReadError(path, f"too many pages: {n:,} (limit --max-pages {max_pages:,})")
        raw = read_document(path)
        out.doc_id = raw.doc_id
        nlp = _pipeline()
        doc = nlp(make_doc(nlp, raw))
        out.words = _word_count(doc)
        out.records = doc_to_records(doc, doc_id=raw.doc_id, source=raw.source, warnings=raw.warnings)
        out.pages = _item_pages(doc, out.records) if out.records else None
        if not out.records:
            out.warning = "no agenda items found (not a RAR meeting document, or an unknown layout)"
    except ReadError as err:
        out.error = err.reason
        if "encrypted" in err.reason or "password" in err.reason:
            out.error = "password-protected PDF (encrypted; not corrupt): decrypt it and label it again"
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
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write("".join(json.dumps(e) + "\n" for e in self.done.values()))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def commit(self, doc_id: str, source: str, offset: int, n: int, pages: list | None = None,
               settings: dict | None = None) -> None:
        entry: dict[str, Any] = {"doc_id": doc_id, "source": source, "offset": offset, "n": n}
        if pages:
            entry["pages"] = pages
        if settings is not None:  # what labelled it: a resume with other settings is told so
            entry["settings"] = settings
        self._fh.write(json.dumps(entry) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.done[doc_id] = entry
        self.offset = offset

    def close(self) -> None:
        self._fh.close()


def _drop_torn_tail(path: Path) -> None:
    """Cut a line-oriented log back to its last newline (a kill mid-line must not glue two lines)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("r+b") as fh:
        size = fh.seek(0, os.SEEK_END)
        pos = size
        while pos > 0:
            step = min(4096, pos)
            fh.seek(pos - step)
            chunk = fh.read(step)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                pos = pos - step + nl + 1
                break
            pos -= step
        if pos != size:
            fh.truncate(pos)


# --------------------------------------------------------------------------------------------
# Run


def _journal_path(out: Path, fmt: str) -> Path:
    return out.with_name(out.name + ".journal.jsonl") if fmt in ("parquet", "sqlite") else out


def label_archive(paths: Iterable[str | Path], out: str | Path, *, fmt: str = "jsonl", workers: int = 1,
                  summarizer: str = "none", base: str = "auto", errors: str | Path | None = None,
                  progress: bool = True, keep_outcomes: bool = False,
                  timeout_per_doc: float | None = DEFAULT_TIMEOUT_PER_DOC, max_bytes: int | None = DEFAULT_MAX_BYTES,
                  max_pages: int | None = DEFAULT_MAX_PAGES, exclude: Iterable[str] = ()) -> RunSummary:
    """Label every file under ``paths`` into ``out``; resumable; one writer at a time; returns counts.

    ``exclude``: pipeline components to leave out (e.g. ``["rar_ner"]``: rules-only entities, faster).

    Raises :class:`OutputLocked` at once when another run is writing ``out``.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with OutputLock(out):
        return _label_locked(paths, out, fmt=fmt, workers=workers, summarizer=summarizer, base=base,
                             errors=errors, progress=progress, keep_outcomes=keep_outcomes,
                             timeout_per_doc=timeout_per_doc, max_bytes=max_bytes, max_pages=max_pages,
                             exclude=list(exclude))


def _label_locked(paths: Iterable[str | Path], out: Path, *, fmt: str, workers: int, summarizer: str, base: str,
                  errors: str | Path | None, progress: bool, keep_outcomes: bool, timeout_per_doc: float | None,
                  max_bytes: int | None, max_pages: int | None, exclude: list[str]) -> RunSummary:
    store = _journal_path(out, fmt)
    store_fmt = "csv" if fmt == "csv" else "jsonl"
    manifest = Manifest(out.with_name(out.name + ".manifest.jsonl"))
    errors_path = Path(errors) if errors else out.parent / "errors.jsonl"
    # Drop whatever a killed run wrote after its last committed document.
    if store.exists() and store.stat().st_size > manifest.offset:
        with store.open("r+b") as fh:
            fh.truncate(manifest.offset)
    _drop_torn_tail(errors_path)
    summary = RunSummary()
    files = list_inputs(paths)
    args = {"summarizer": summarizer, "base": base, "max_pages": max_pages, "exclude": exclude}
    settings = {"summarizer": summarizer, "base": base, "exclude": sorted(exclude)}
    earlier = {json.dumps(e["settings"], sort_keys=True) for e in manifest.done.values() if "settings" in e}
    if earlier - {json.dumps(settings, sort_keys=True)}:
        # a resume skips finished documents: they keep the records the other settings gave them
        log.warning("%s was begun with other settings (%s); this run uses %s: the %d documents done before "
                    "keep their records (write to a new --out to relabel them)", out, "; ".join(sorted(earlier)),
                    json.dumps(settings, sort_keys=True), len(manifest.done))
    bar = _progress(len(files), progress)
    t0 = time.perf_counter()
    with RecordWriter(store, store_fmt) as writer, errors_path.open("a", encoding="utf-8") as err_fh:
        for outcome in _outcomes(files, workers, args, manifest, timeout_per_doc=timeout_per_doc,
                                 max_bytes=max_bytes):
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
            manifest.commit(outcome.doc_id, outcome.source, store.stat().st_size, len(outcome.records),
                            pages=outcome.pages, settings=settings)
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
    elif fmt == "sqlite":
        from .db import build

        build([store], out)
    return summary


def _outcomes(files: list[tuple[str, str | None]], workers: int, args: dict, manifest: Manifest, *,
              timeout_per_doc: float | None, max_bytes: int | None) -> Iterator[Outcome | None]:
    """Outcomes in input order; None for files whose bytes are already in the manifest."""
    from .read import sha256_bytes

    def todo() -> Iterator[str | Outcome | None]:
        """A path to label, an error outcome found before labelling, or None (already done)."""
        for f, problem in files:
            problem = problem or precheck(f, max_bytes)
            if problem:
                yield Outcome(source=f, error=problem)
                continue
            try:
                digest = sha256_bytes(Path(f).read_bytes())
            except OSError as err:
                yield Outcome(source=f, error=f"unreadable ({err.strerror or err})")
                continue
            yield None if digest in manifest.done else f

    if workers <= 1 and not timeout_per_doc:
        _init_worker(args)
        for f in todo():
            yield process_path(f) if isinstance(f, str) else f
        return
    yield from _pool_outcomes(todo(), workers, args, timeout_per_doc)


# --------------------------------------------------------------------------------------------
# Worker processes with a per-document time limit


def _worker_main(conn: Connection, args: dict) -> None:
    """Load the pipeline, say ready, then label the paths sent until told to stop."""
    for fd in list(_LOCK_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)  # the parent's lock must not outlive the parent through us
    _LOCK_FDS.clear()
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _init_worker(args)
    try:
        _pipeline()
    except Exception as err:
        conn.send(("fatal", f"loading the pipeline failed: {type(err).__name__}: {err}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        conn.send(("done", process_path(path)))


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when the parent dies (a killed run must not leave a hung worker)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def _start_method() -> str:
    """fork where safe (fast, inherits a loaded pipeline's imports); forkserver in a Ray driver.

    A forked child of a Ray driver inherits its core worker and plasma-store socket: when the child
    collects an inherited ObjectRef it talks on that socket, the raylet resets it, and the driver
    terminates itself ("The connection to the plasma store is failed"), silently ending e.g. pytest.
    """
    if not hasattr(os, "fork"):
        return "spawn"
    ray = sys.modules.get("ray")
    if ray is not None and getattr(ray, "is_initialized", lambda: False)():
        return "forkserver"
    return "fork"


class _Worker:
    """One worker process and the document it is on."""

    def __init__(self, ctx: Any, args: dict) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, args), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.task: tuple[int, str] | None = None
        self.deadline: float | None = None
        self.done = 0

    def send(self, index: int, path: str, timeout: float | None) -> None:
        self.task = (index, path)
        self.deadline = time.monotonic() + timeout if timeout else None
        self.conn.send(path)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            self.conn.send(None)
        self.proc.join(5)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


def _pool_outcomes(items: Iterable[str | Outcome | None], workers: int, args: dict,
                   timeout: float | None) -> Iterator[Outcome | None]:
    """Outcomes of ``items`` in their order: a path is labelled in a worker process (an overrunning
    worker is replaced), anything else (an error found before labelling, None for a file already
    done) passes through. Items are drawn as the workers need them, up to one path queued ahead per
    worker and one item per turn while workers run (the workers' messages and time limits are served
    between draws): the parent hashes the inputs while the workers load the pipeline and label, so on
    a large archive the first records come at once instead of after every file has been read."""
    workers = max(1, workers)
    ctx = mp.get_context(_start_method())
    source = enumerate(items)
    queue: deque[tuple[int, str]] = deque()
    results: dict[int, Outcome | None] = {}
    pool: list[_Worker] = []  # started as paths arrive, at most ``workers``
    next_out = n_drawn = n_paths = 0
    exhausted = False

    def draw() -> None:
        nonlocal exhausted, n_drawn, n_paths
        try:
            i, item = next(source)
        except StopIteration:
            exhausted = True
            return
        n_drawn = i + 1
        if isinstance(item, str):
            queue.append((i, item))
            n_paths += 1
        else:
            results[i] = item

    try:
        while True:
            while not exhausted and len(queue) < workers and next_out not in results:
                draw()
                if pool or queue:
                    break  # one item per turn once there is work in flight
            while len(pool) < min(workers, n_paths):
                pool.append(_Worker(ctx, args))
            # Idle workers get their next document before the caller writes the finished ones, so
            # writing and fsyncing overlap with labelling instead of stalling the workers.
            for w in pool:
                if w.ready and w.task is None and queue:
                    w.send(*queue.popleft(), timeout)
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
            if exhausted and next_out >= n_drawn:
                break
            if not pool:
                continue  # nothing to wait for yet: draw the next items
            deadlines = [w.deadline for w in pool if w.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            if not exhausted and len(queue) < workers:
                wait_for = 0.0  # more to draw: only look at the workers, then draw on
            ready = set(wait([w.conn for w in pool], timeout=wait_for))
            now = time.monotonic()
            for k, w in enumerate(pool):
                if w.conn in ready:
                    try:
                        kind, payload = w.conn.recv()
                    except (EOFError, OSError):
                        kind, payload = "died", None
                    if kind == "ready":
                        w.ready = True
                    elif kind == "done":
                        assert w.task is not None
                        results[w.task[0]] = payload
                        w.task, w.deadline = None, None
                        w.done += 1
                        if w.done >= MAX_TASKS_PER_WORKER and (queue or not exhausted):
                            w.stop()
                            pool[k] = _Worker(ctx, args)
                    elif kind == "fatal":
                        raise RuntimeError(payload)
                    else:  # the process died (out of memory, a crash in a C library, killed)
                        w.proc.join(1)
                        code = w.proc.exitcode
                        if w.task is None:
                            raise RuntimeError(f"a labelling worker died before taking a document (exit {code})")
                        results[w.task[0]] = Outcome(source=w.task[1], error=(
                            f"the worker process died while labelling it (exit code {code}); the file may "
                            "exhaust memory or crash a reader library"))
                        w.kill()
                        pool[k] = _Worker(ctx, args)
                elif w.deadline is not None and now >= w.deadline and w.task is not None:
                    log.error("%s: timed out after %g s; replacing its worker", w.task[1], timeout)
                    results[w.task[0]] = Outcome(source=w.task[1], seconds=float(timeout or 0), error=(
                        f"timed out after {timeout:g} s (limit --timeout-per-doc); skipped, the worker was "
                        "replaced"))
                    w.kill()
                    pool[k] = _Worker(ctx, args)
    finally:
        for w in pool:
            if w.task is not None or not w.ready:
                w.kill()
            else:
                w.stop()


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
