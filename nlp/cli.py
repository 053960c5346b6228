"""The ``rar-nlp`` command line."""

from __future__ import annotations

import json
import logging
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


class Summarizer(StrEnum):
    none = "none"
    extractive = "extractive"
    gemma_lora = "gemma-lora"
    lead_sagsfremstilling = "lead-sagsfremstilling"
    lead_indstilling = "lead-indstilling"


SECTION_ABBR = {"sagen_kort": "SK", "indstilling": "I", "beslutning": "B", "sagsfremstilling": "S",
                "baggrund": "BG", "videre_proces": "VP", "bilag": "BI", "other": "A"}


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


@app.command()
def label(
    paths: Annotated[list[Path], typer.Argument(help="files (.txt/.pdf/.html) or directories (recursive)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="output file")] = Path("rar-records.jsonl"),
    fmt: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.jsonl,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="parallel processes")] = 1,
    summarizer: Annotated[Summarizer, typer.Option(help="summary method")] = Summarizer.none,
    base: Annotated[str, typer.Option(help="base pipeline: auto, blank, or a spaCy model")] = "auto",
    errors: Annotated[Path | None, typer.Option(help="error log (default: errors.jsonl beside --out)")] = None,
    table: Annotated[bool | None, typer.Option(help="print a table of items (default: for <= 3 files)")] = None,
    progress: Annotated[bool, typer.Option(help="progress bar")] = True,
) -> None:
    """Label documents into a record file; resumable (finished documents are skipped on rerun)."""
    from .batch import label_archive

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    summary = label_archive(paths, out, fmt=fmt.value, workers=workers, summarizer=summarizer.value,
                            base=base, errors=errors, progress=progress and sys.stderr.isatty(),
                            keep_outcomes=True)
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
