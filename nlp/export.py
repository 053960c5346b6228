"""Exporting: one JSON record per agenda item, validated against a JSON Schema, and writers.

Later stages add their fields through a ``record_fields(item: Span) -> dict`` function in
their own module (``nlp.classify``, ``nlp.entities``, ``nlp.summarize``); exporting calls
the ones that were loaded, so data still flows one way.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from .doc import OffsetMap, doc_text, run_state, section_parts

STAGE_MODULES = ("nlp.classify", "nlp.entities", "nlp.summarize")


@functools.cache
def record_schema() -> dict:
    return json.loads(resources.files("nlp").joinpath("data/record.schema.json").read_text("utf-8"))


@functools.cache
def _validator() -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(record_schema())
    return cls(record_schema(), format_checker=cls.FORMAT_CHECKER)


def validate_record(record: dict) -> None:
    """Raise ``jsonschema.ValidationError`` if the record does not match the schema."""
    _validator().validate(record)


def schema_errors(record: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in _validator().iter_errors(record)]


def _section_entry(spans: list[Span], offsets: OffsetMap | None, text: str) -> dict:
    """``text``: the Doc's text (a span's text is its slice; ``Span.text`` would visit every token)."""
    first, last = spans[0], spans[-1]
    first_text = text[first.start_char:first.end_char]
    entry: dict[str, Any] = {
        "text": "\n".join(text[s.start_char:s.end_char] for s in spans) if len(spans) > 1 else first_text,
        "start": first.start_char,
        "end": last.end_char,
        "heading": first._.rar_heading,
        "confidence": float(min(s._.rar_seg_confidence or 1.0 for s in spans)),
    }
    if not first_text.strip(" \n") and first._.rar_heading and first_text.strip() == first._.rar_heading:
        entry["text"] = ""
    if offsets is not None:
        entry["orig_start"], entry["orig_end"] = offsets.orig_span(first.start_char, last.end_char)
    if len(spans) > 1:
        entry["parts"] = []
        for s in spans:
            part = {"start": s.start_char, "end": s.end_char}
            if offsets is not None:
                part["orig_start"], part["orig_end"] = offsets.orig_span(s.start_char, s.end_char)
            entry["parts"].append(part)
    return entry


def _evidence_entries(evidence: dict[str, Any] | None) -> Iterator[dict[str, Any]]:
    """Every evidence dict of a record's ``evidence`` (one per task, or a list per task)."""
    for value in (evidence or {}).values():
        for ev in value if isinstance(value, list) else [value]:
            if isinstance(ev, dict) and "start" in ev:
                yield ev


def doc_to_records(doc: Doc, *, doc_id: str, source: str, warnings: Iterable[str] = ()) -> list[dict]:
    """Records for every item of a processed ``Doc`` (see ``nlp/data/record.schema.json``)."""
    meeting = doc._.rar_meeting or {}
    offsets = OffsetMap.of_doc(doc)
    meta = run_state(doc).get("norm") or {}
    hooks = [m.record_fields for name in STAGE_MODULES
             if (m := sys.modules.get(name)) is not None and hasattr(m, "record_fields")]
    records = []
    text = doc_text(doc)
    for ordinal, item in enumerate(doc.spans.get("items", []), start=1):
        by_name = section_parts(item)
        rec: dict[str, Any] = {
            "doc_id": doc_id,
            "source": source,
            "council": meeting.get("council"),
            "date": meeting.get("date"),
            "kind": meeting.get("kind"),
            "body": meeting.get("body"),
            "municipality": meeting.get("municipality"),
            "region": meeting.get("region"),
            "ordinal": ordinal,
            "number": item._.rar_number,
            "title": item._.rar_title,
            "marker": item._.rar_marker,
            "closed": bool(item._.rar_closed),
            "type_word": item._.rar_type_word,
            "start": item.start_char,
            "end": item.end_char,
            "sections": {name: _section_entry(spans, offsets, text) for name, spans in by_name.items()},
            "meeting_confidence": {k: float(v) for k, v in (meeting.get("confidence") or {}).items()},
            "ocr_repaired": bool(meta.get("ocr_damaged", False)),
            "confidence": {"segmentation": float(item._.rar_seg_confidence or 1.0)},
        }
        if offsets is not None:
            rec["orig_start"], rec["orig_end"] = offsets.orig_span(item.start_char, item.end_char)
        for hook in hooks:
            extra = hook(item)
            for merged in ("confidence", "evidence"):  # per-task dicts from several stages
                if merged in extra:
                    rec.setdefault(merged, {}).update(extra.pop(merged))
            rec.update(extra)
        if offsets is not None:
            for ev in _evidence_entries(rec.get("evidence")):
                ev["orig_start"], ev["orig_end"] = offsets.orig_span(ev["start"], ev["end"])
        if warnings:
            rec["warnings"] = list(warnings)
        records.append(rec)
    return records


# --------------------------------------------------------------------------------------------
# Writers: append-only, flushed per document so a killed run loses at most the open document.

FORMATS = ("jsonl", "csv", "parquet")
CSV_FIELDS = ["doc_id", "source", "council", "date", "kind", "ordinal", "number", "title", "marker",
              "item_types", "item_type", "outcome", "with_remarks", "proposed_outcome", "summary",
              "summary_method", "sagen_kort", "indstilling", "beslutning", "entities", "record"]


def flatten(record: dict) -> dict:
    """A flat row for CSV/Parquet: lists joined, section texts as columns, full record as JSON."""
    row: dict[str, Any] = {}
    for k in CSV_FIELDS:
        if k in ("sagen_kort", "indstilling", "beslutning"):
            row[k] = (record.get("sections", {}).get(k) or {}).get("text")
        elif k == "entities":
            row[k] = "; ".join(f"{e['label']}:{e.get('norm') or e['text']}" for e in record.get("entities", []))
        elif k == "record":
            row[k] = json.dumps(record, ensure_ascii=False)
        else:
            v = record.get(k)
            row[k] = "|".join(v) if isinstance(v, list) else v
    return row


class RecordWriter:
    """Append records to a JSONL, CSV or Parquet file (Parquet: one row group per flush)."""

    def __init__(self, path: str | Path, fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.path, self.fmt = Path(path), fmt
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._pq_writer = None
        if fmt == "parquet":
            self._fh = None
        else:
            new = not self.path.exists() or self.path.stat().st_size == 0
            self._fh = self.path.open("a", encoding="utf-8", newline="")
            if fmt == "csv":
                self._csv = csv.DictWriter(self._fh, fieldnames=CSV_FIELDS)
                if new:
                    self._csv.writeheader()

    def write(self, records: list[dict]) -> None:
        if not records:
            return
        if self.fmt == "jsonl":
            assert self._fh is not None
            self._fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        elif self.fmt == "csv":
            for r in records:
                self._csv.writerow(flatten(r))
        else:
            self._write_parquet([flatten(r) for r in records])
        self.flush()

    def _write_parquet(self, rows: list[dict]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(k, pa.int64() if k == "ordinal" else pa.bool_() if k == "with_remarks"
                             else pa.string()) for k in CSV_FIELDS])
        table = pa.Table.from_pylist(rows, schema=schema)
        if self._pq_writer is None:
            self._pq_writer = pq.ParquetWriter(self.path, schema)
        self._pq_writer.write_table(table)

    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        if self._pq_writer is not None:
            self._pq_writer.close()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_jsonl(path: str | Path) -> Iterator[dict]:
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def dumps_records(records: list[dict]) -> str:
    buf = io.StringIO()
    for r in records:
        buf.write(json.dumps(r, ensure_ascii=False) + "\n")
    return buf.getvalue()
