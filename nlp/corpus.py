"""The evaluation corpus: documents under ``$RAR_CORPUS`` and our annotations in ``corpora/``.

Annotations never contain the documents' text: they are keyed by the sha256 of the file bytes
and point into the text as read (``orig`` offsets), so they survive normaliser changes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .read import RawDocument, iter_paths, read_document

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPORA = REPO_ROOT / "corpora"


def corpus_dir() -> Path:
    """``$RAR_CORPUS``, defaulting to ``../shared/corpus`` beside the repository."""
    return Path(os.environ.get("RAR_CORPUS") or REPO_ROOT.parent / "shared" / "corpus")


@dataclass(frozen=True)
class CorpusDoc:
    name: str
    raw: RawDocument


@cache
def corpus_documents(directory: str | None = None) -> tuple[CorpusDoc, ...]:
    """All readable documents of the corpus, sorted by file name."""
    d = Path(directory) if directory else corpus_dir()
    if not d.is_dir():
        return ()
    return tuple(CorpusDoc(p.name, read_document(p)) for p in iter_paths([d]))


def load_annotations(name: str) -> dict:
    """``corpora/<name>.json`` (a mapping keyed by document sha256)."""
    path = CORPORA / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
