"""The ``rar-nlp`` command line."""

from __future__ import annotations

import json
import logging
import math
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Segment, classify, tag and summarise RAR meeting documents.")
# Piped output (make run, CI logs) gets a wide table rather than rich's 80-column default.
console = Console(width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160)


class Fmt(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    sqlite = "sqlite"


class Summarizer(StrEnum):
    none = "none"
    extractive = "extractive"
    gemma_lora = "gemma-lora"
    lead_sagsfremstilling = "lead-sagsfremstilling"
    lead_indstilling = "lead-indstilling"


SECTION_ABBR = {"sagen_kort": "SK", "indstilling": "I", "beslutning": "B", "sagsfremstilling": "S",
                "baggrund": "BG", "sagsforloeb": "SF", "oekonomi": "Ø", "videre_proces": "VP", "bilag": "BI",
                "other": "A"}


ENTITY_ABBR = {"MUNICIPALITY": "KOM", "ORG": "ORG", "JOB_TITLE": "JOB", "RAR": "RAR", "PERSON": "PER"}


def _item_table(records: list[dict], title: str) -> Table:
    t = Table(title=title, show_lines=False, expand=True)
    t.add_column("#", justify="right", no_wrap=True)
    t.add_column("nr", no_wrap=True)
    t.add_column("titel", ratio=3)
    t.add_column("type", no_wrap=True)
    t.add_column("udfald", min_width=22)
    t.add_column("sektioner", ratio=1)
    t.add_column("entiteter", ratio=2)
    t.add_column("resumé", ratio=4)
    for r in records:
        types = "/".join(r.get("item_types") or []) or (r.get("marker") or "")
        src = r.get("item_type_source")
        if src and types:
            types += f" ({src[0]})"
        ents = sorted({f"{ENTITY_ABBR.get(e['label'], e['label'])}:{e.get('norm') or e['text']}"
                       for e in r.get("entities", [])})
        t.add_row(str(r["ordinal"]), r.get("number") or "–", r.get("title") or "(uden overskrift)", types,
                  ", ".join(r.get("outcome") or []), " ".join(SECTION_ABBR[s] for s in r["sections"]),
                  "; ".join(ents[:6]) + (" …" if len(ents) > 6 else ""), r.get("summary") or "")
    return t


class Engine(StrEnum):
    local = "local"
    ray = "ray"


def _label_ray(paths: list[Path], out: Path, *, address: str | None, workers: int, summary_workers: int | None,
               summarizer: str, base: str, progress: bool, exclude: tuple[str, ...] = ()) -> None:
    """``label --engine ray``: the same records as a Ray Data job (see ``nlp.distributed``)."""
    from . import distributed

    try:
        import ray
    except ImportError:
        console.print('[red]error[/red] --engine ray needs Ray: pip install "rar-nlp[ray]"')
        raise typer.Exit(code=2) from None
    started = distributed.init_ray(address, progress=progress)
    cpus = int(ray.cluster_resources().get("CPU", 1))
    cpu_summarisers = (summary_workers or 1) if summarizer != "none" and not ray.cluster_resources().get("GPU") else 0
    if started and not address and workers + cpu_summarisers > cpus:  # a local Ray: no autoscaler to grow it
        workers = max(1, cpus - cpu_summarisers)
        console.print(f"[yellow]note[/yellow] this machine has {cpus} CPUs: {workers} labelling worker(s)")
    try:
        summary = distributed.label_dataset([str(p) for p in paths], str(out), summarizer=summarizer, base=base,
                                            workers=workers, summary_workers=summary_workers, exclude=exclude)
    finally:
        if started:
            ray.shutdown()
    for e in summary.errors:
        colour = "yellow" if e["level"] == "warning" else "red"
        console.print(f"[{colour}]{e['level']}[/{colour}] {e['source']}: {e['reason']}")
    s = Table(title="rar-nlp label --engine ray", show_header=True)
    for col in ("labelled", "skipped (done before)", "failed", "no items", "items", "seconds"):
        s.add_column(col, justify="right")
    s.add_row(str(summary.done), str(summary.skipped), str(summary.failed), str(summary.no_items),
              str(summary.items), f"{summary.seconds:.1f}")
    console.print(s)
    console.print(f"records: {out}/records/  errors: {out}/errors/")
    if summary.failed:
        raise typer.Exit(code=1)


@app.command()
def label(
    paths: Annotated[list[Path], typer.Argument(help="files (.txt/.pdf/.html) or directories (recursive)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="output file (--engine ray: a directory)")] = Path(
        "rar-records.jsonl"),
    fmt: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.jsonl,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="parallel processes")] = 1,
    summarizer: Annotated[Summarizer, typer.Option(help="summary method")] = Summarizer.none,
    base: Annotated[str, typer.Option(help="base pipeline: auto, blank, or a spaCy model")] = "auto",
    errors: Annotated[Path | None, typer.Option(help="error log (default: errors.jsonl beside --out)")] = None,
    table: Annotated[bool | None, typer.Option(help="print a table of items (default: for <= 3 files)")] = None,
    progress: Annotated[bool, typer.Option(help="progress bar")] = True,
    engine: Annotated[Engine, typer.Option(help="local processes, or a Ray Data job (writes Parquet to "
                                                "DIR/records/ and DIR/errors/)")] = Engine.local,
    address: Annotated[str | None, typer.Option(help="--engine ray: cluster to use (auto, ray://host:10001); "
                                                     "default a local Ray")] = None,
    summary_workers: Annotated[int | None, typer.Option(min=1, help="--engine ray: summariser actors "
                                                        "(default one per GPU, else 1)")] = None,
    timeout_per_doc: Annotated[float, typer.Option(min=0, help="seconds one document may take; an overrunning "
                                                   "worker is replaced and the file logged (0: no limit)")] = 120.0,
    max_bytes: Annotated[int, typer.Option(min=0, help="skip (and log) larger files (0: no limit)")] = 200_000_000,
    max_pages: Annotated[int, typer.Option(min=0, help="skip (and log) PDFs with more pages (0: no limit)")] = 2000,
    ner: Annotated[bool, typer.Option(help="statistical NER merged with the entity rules (--no-ner: rules "
                                           "only, about twice as fast)")] = True,
) -> None:
    """Label documents into a record file; resumable (finished documents are skipped on rerun)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    if engine == Engine.ray:  # before importing nlp.batch: the Ray driver needs no spaCy
        if fmt in (Fmt.csv, Fmt.sqlite) or errors is not None:
            console.print("[red]error[/red] --engine ray writes Parquet (DIR/records/, DIR/errors/): "
                          "no --format csv/sqlite or --errors (build a database with rar-nlp db build)")
            raise typer.Exit(code=2)
        _label_ray(paths, out, address=address, workers=workers, summary_workers=summary_workers,
                   summarizer=summarizer.value, base=base, progress=progress and sys.stderr.isatty(),
                   exclude=() if ner else ("rar_ner",))
        return
    from .batch import OutputLocked, label_archive

    try:
        summary = label_archive(paths, out, fmt=fmt.value, workers=workers, summarizer=summarizer.value,
                                base=base, errors=errors, progress=progress and sys.stderr.isatty(),
                                keep_outcomes=True, timeout_per_doc=timeout_per_doc or None,
                                max_bytes=max_bytes or None, max_pages=max_pages or None,
                                exclude=() if ner else ("rar_ner",))
    except OutputLocked as err:
        console.print(f"[red]error[/red] {err}", soft_wrap=True)
        raise typer.Exit(code=3) from None
    files = summary.done + summary.failed + summary.skipped
    if table if table is not None else files <= 3:
        for o in summary.outcomes:
            if o.records:
                console.print(_item_table(o.records, o.source))
    for o in summary.outcomes:
        if o.error:
            console.print(f"[red]error[/red] {o.source}: {o.error}")
        elif o.warning:
            console.print(f"[yellow]warning[/yellow] {o.source}: {o.warning}")
    s = Table(title="rar-nlp label", show_header=True)
    for col in ("labelled", "skipped (done before)", "failed", "no items", "items", "words", "seconds",
                "words/s"):
        s.add_column(col, justify="right")
    s.add_row(str(summary.done), str(summary.skipped), str(summary.failed), str(summary.no_items),
              str(summary.items), str(summary.words), f"{summary.seconds:.1f}",
              f"{summary.words / summary.seconds:,.0f}" if summary.seconds else "–")
    console.print(s)
    console.print(f"records: {out}")
    if summary.failed:
        raise typer.Exit(code=1)


@app.command()
def inspect(
    path: Path,
    labeller: Annotated[str, typer.Option(help="model (the shipped labeller) or rules")] = "model",
    features: Annotated[int, typer.Option(help="features shown per line (those that decided its role)")] = 4,
    all_lines: Annotated[bool, typer.Option("--all", help="every line (default: all but plain body lines)")] = False,
) -> None:
    """Show each line with its role, confidence and the features that decided it (for a new layout)."""
    from ._segment.assemble import build_items
    from ._segment.labeller import LinearLabeller
    from .doc import run_state
    from .pipeline import load, make_doc
    from .read import ReadError, read_document
    from .segment import label_lines

    try:
        raw = read_document(path)
    except ReadError as err:
        console.print(f"[red]error[/red] {err}")
        raise typer.Exit(code=1) from None
    nlp = load(base="blank", components=["rar_segmenter"])
    seg = nlp.get_pipe("rar_segmenter")
    seg.labeller_kind = labeller
    vocab, model = seg._ensure()
    doc = make_doc(nlp, raw)
    meta = run_state(doc).get("norm") or {}
    lines, feats = label_lines(doc.text, blocks=meta.get("blocks"), labeller=model, vocab=vocab)
    t = Table(title=f"{path} — {len(lines)} lines", expand=True)
    for col, kw in (("line", {"justify": "right"}), ("role", {}), ("p", {"justify": "right"}),
                    ("text", {"ratio": 3}), ("deciding features (weight for the role)", {"ratio": 2})):
        t.add_column(col, **kw)
    colour = {"item": "bold green", "group": "green", "section": "cyan", "toc": "magenta", "furniture": "dim",
              "closing": "yellow", "item_cont": "green"}
    for i, ln in enumerate(lines):
        if not all_lines and ln.role == "body" and ln.confidence >= 0.8:
            continue
        why = ""
        if isinstance(model, LinearLabeller) and feats is not None:
            why = ", ".join(f"{f} {w:+.1f}" for f, w in model.explain(lines, vocab, i, ln.role, k=features,
                                                                     feats=feats))
        extra = ""
        if ln.role == "item":
            extra = f"  [dim]→ nr={ln.number} titel={ln.title!r} markør={ln.marker}[/dim]"
        elif ln.role == "section" and ln.label:
            extra = f"  [dim]→ {ln.label[1]}[/dim]"
        style = colour.get(ln.role or "", "")
        text = ln.text[:110] + ("…" if len(ln.text) > 110 else "")
        t.add_row(str(i + 1), f"[{style}]{ln.role}[/{style}]" if style else str(ln.role), f"{ln.confidence:.2f}",
                  text.replace("[", "\\[") + extra, why)
    console.print(t)
    items = build_items(doc.text, lines)
    console.print(f"items found: {len(items)}")
    if not items:
        cands = []
        if isinstance(model, LinearLabeller) and feats is not None:
            logp = model.log_proba(feats)
            k = model.classes.index("item")
            cands = sorted(range(len(lines)), key=lambda j: -logp[j, k])[:5]
            console.print("[yellow]no agenda items found[/yellow]; the lines most like an item header:")
            for j in cands:
                console.print(f"  line {j + 1}  p(item)={math.exp(float(logp[j, k])):.2f}  {lines[j].text[:100]}")


@app.command()
def normalize(path: Path, ocr: Annotated[bool | None, typer.Option(help="force OCR repair on/off")] = None) -> None:
    """Print the normalised text of a document (for checking the normaliser)."""
    from .normalize import normalize as run
    from .read import ReadError, read_document

    try:
        raw = read_document(path)
    except ReadError as err:
        console.print(f"[red]error[/red] {err}")
        raise typer.Exit(code=1) from None
    norm = run(raw.text, ocr=ocr)
    sys.stdout.write(norm.text)
    console.print(f"[dim]ocr_damaged={norm.ocr_damaged} score={norm.ocr_score:.3f} "
                  f"repairs={len(norm.repairs)} removed={len(norm.removed)}[/dim]", stderr=True)


db_app = typer.Typer(no_args_is_help=True, help="The archive database (SQLite with full-text search).")
app.add_typer(db_app, name="db")


def _db_error(err: Exception) -> typer.Exit:
    console.print(f"[red]error[/red] {err}", soft_wrap=True)
    return typer.Exit(code=2)


@db_app.command("build")
def db_build(
    runs: Annotated[list[Path], typer.Argument(help="record files of labelling runs (JSONL)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="the database file")] = Path("arkiv.db"),
) -> None:
    """Add labelling runs to the archive database; incremental by doc_id, idempotent."""
    from .db import SchemaMismatch, build

    try:
        summary = build(runs, out)
    except (SchemaMismatch, FileNotFoundError) as err:
        raise _db_error(err) from None
    console.print(f"{out}: {summary.added} documents added, {summary.replaced} replaced, "
                  f"{summary.unchanged} unchanged ({summary.items} items written)")


@db_app.command("apply-corrections")
def db_apply_corrections(
    database: Annotated[Path, typer.Argument(help="the database file")],
    corrections: Annotated[Path, typer.Argument(help="CSV or JSONL with doc_id, ordinal, task, label")],
) -> None:
    """Store reviewed labels in the database and apply them (they are re-applied after a relabel)."""
    from .db import SchemaMismatch, apply_corrections

    try:
        applied, waiting = apply_corrections(database, corrections)
    except (SchemaMismatch, ValueError, FileNotFoundError) as err:
        raise _db_error(err) from None
    console.print(f"{applied} corrections applied; {waiting} stored for items not in the database yet")


@app.command()
def review(
    database: Annotated[Path, typer.Argument(help="the database file")],
    task: Annotated[str, typer.Option(help="item_type, outcome or proposed_outcome")] = "outcome",
    below: Annotated[float, typer.Option(help="list labels with confidence under this")] = 0.7,
    limit: Annotated[int | None, typer.Option(help="at most this many")] = None,
    out: Annotated[Path | None, typer.Option(help="write a corrections file to fill in (.csv or .jsonl)")] = None,
) -> None:
    """List the labels to check, lowest confidence first; optionally write them as a corrections file."""
    from .db import LABEL_TASKS, SchemaMismatch, review_queue, write_corrections

    if task not in LABEL_TASKS:
        raise _db_error(ValueError(f"unknown task {task!r}; one of {', '.join(LABEL_TASKS)}"))
    try:
        rows = review_queue(database, task=task, below=below, limit=limit)
    except SchemaMismatch as err:
        raise _db_error(err) from None
    t = Table(title=f"{task}: {len(rows)} labels under {below}", expand=True)
    for col in ("sikkerhed", "mærke", "punkt", "titel", "belæg"):
        t.add_column(col, ratio=3 if col in ("titel", "belæg") else None)
    for r in rows:
        t.add_row(f"{r['confidence']:.2f}", r["label"], f"{Path(r['source']).name} #{r['ordinal']}",
                  r["title"] or "", r["evidence_text"] or "")
    console.print(t)
    if out is not None:
        write_corrections(out, [{**r, "task": task, "model_label": r["label"]} for r in rows])
        console.print(f"corrections file: {out} (edit label, then rar-nlp db apply-corrections {database} {out})")


@app.command()
def browse(
    database: Annotated[Path, typer.Argument(help="the database file (rar-nlp db build)")],
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8001,
) -> None:
    """Browse the archive in Datasette: facets, full-text search, canned queries, item pages."""
    if not database.is_file():
        raise _db_error(FileNotFoundError(f"{database}: no such database (build it with rar-nlp db build)"))
    try:
        from .browse import serve
    except ImportError:
        raise _db_error(ImportError('browsing needs Datasette: pip install "rar-nlp[archive]"')) from None
    from .db import SchemaMismatch, connect

    try:
        connect(database).close()
    except SchemaMismatch as err:
        raise _db_error(err) from None
    console.print(f"RAR-arkivet: http://{host}:{port}/{database.stem}/punkter  (Ctrl-C stops)")
    serve(database, host=host, port=port)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from .export import record_schema

    print(json.dumps(record_schema(), indent=2, ensure_ascii=False))


@app.command()
def info(base: str = "auto") -> None:
    """Show which base pipeline and components load here."""
    from .pipeline import installed_core, load

    nlp = load(base=base)
    console.print(f"core pipeline installed: {installed_core() or 'no (using blank da + lookup lemmas)'}")
    console.print(f"pipeline: {', '.join(nlp.pipe_names)}")


if __name__ == "__main__":
    app()
