"""The API for imports: text or path in, schema-valid records out.

    from nlp import enrich, enrich_batch
    records = enrich("referat.pdf")                # a path
    records = enrich(text, source="import:42")     # or text
    ds = ds.map(enrich_batch, batched=True, remove_columns=ds.column_names)  # datasets
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from .export import doc_to_records
from .read import SUFFIXES, RawDocument, read_bytes, read_document, sha256_bytes


@functools.cache
def _default_nlp(summarizer: str = "none") -> Language:
    from .pipeline import load

    return load(summarizer=summarizer)


def _as_raw(obj: str | Path | bytes, source: str | None) -> RawDocument:
    if isinstance(obj, Path) or (isinstance(obj, str) and "\n" not in obj and len(obj) < 4096
                                 and Path(obj).suffix.lower() in SUFFIXES
                                 and Path(obj).exists()):
        return read_document(obj)
    if isinstance(obj, bytes):
        return read_bytes(obj, source=source or "<bytes>", fmt="txt")
    data = obj.encode("utf-8")
    return RawDocument(text=obj, source=source or "<text>", doc_id=sha256_bytes(data), format="txt")


def enrich(obj: str | Path | bytes, *, source: str | None = None, nlp: Language | None = None,
           summarizer: str = "none") -> list[dict]:
    """Records for one document given as a path, text or bytes."""
    from .pipeline import make_doc

    nlp = nlp or _default_nlp(summarizer)
    raw = _as_raw(obj, source)
    doc = nlp(make_doc(nlp, raw))
    return doc_to_records(doc, doc_id=raw.doc_id, source=raw.source, warnings=raw.warnings)


def enrich_batch(batch: dict[str, list[Any]], *, text_column: str = "text", source_column: str = "source",
                 nlp: Language | None = None, summarizer: str = "none") -> dict[str, list[Any]]:
    """For ``datasets.Dataset.map(enrich_batch, batched=True, remove_columns=...)``.

    Takes a batch with a text column (and optional source column); returns one row per item,
    the record's fields as columns (nested values as they are in the record).
    """
    from .pipeline import make_doc

    nlp = nlp or _default_nlp(summarizer)
    texts = batch[text_column]
    sources = batch.get(source_column) or [None] * len(texts)
    raws = [_as_raw(t, s) for t, s in zip(texts, sources, strict=True)]
    rows: list[dict] = []
    for raw, doc in zip(raws, nlp.pipe(make_doc(nlp, r) for r in raws), strict=True):
        rows.extend(doc_to_records(doc, doc_id=raw.doc_id, source=raw.source, warnings=raw.warnings))
    keys = sorted({k for r in rows for k in r})
    return {k: [r.get(k) for r in rows] for k in keys}


def enrich_many(objs: Iterable[str | Path], *, nlp: Language | None = None,
                summarizer: str = "none") -> Iterable[dict]:
    """Stream records for many documents (paths or texts), one document at a time."""
    for obj in objs:
        yield from enrich(obj, nlp=nlp, summarizer=summarizer)
