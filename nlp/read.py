"""Reading: turn a file (.txt, .pdf, .html) into text plus provenance.

Every failure is a :class:`ReadError` that names the file and the reason, so a
batch can log it and go on with the next file.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIXES = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html"}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PAGE_NUMBER = re.compile(r"^\s*(?:side\s+)?\d{1,3}(?:\s*(?:af|/)\s*\d{1,3})?\s*$", re.IGNORECASE)


class ReadError(Exception):
    """A file that cannot be turned into text; ``str()`` names the file and why."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class RawDocument:
    """Text of one file before normalisation.

    ``doc_id`` is the sha256 of the file bytes, so annotations and the resume
    manifest stay valid when files are renamed or moved.
    """

    text: str
    source: str
    doc_id: str
    format: str
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield supported files under ``paths`` (files as given, directories recursively, sorted)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def read_document(path: str | Path) -> RawDocument:
    """Read one file; raise :class:`ReadError` with a clear reason on bad input."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "file not found") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory, not a file") from None
    except OSError as err:
        raise ReadError(path, f"unreadable ({err.strerror or err})") from None
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        fmt = sniff_format(data)
    return read_bytes(data, source=str(path), fmt=fmt)


def sniff_format(data: bytes) -> str:
    """Guess the format of a file with an unknown suffix from its first bytes."""
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "txt"


def read_bytes(data: bytes, *, source: str, fmt: str) -> RawDocument:
    """Decode ``data`` of the given format (``txt``, ``pdf`` or ``html``)."""
    if not data.strip():
        raise ReadError(source, "empty file")
    doc_id = sha256_bytes(data)
    if fmt == "pdf":
        text, warnings = _pdf_text(data, source)
        encoding = "pdf"
    else:
        if fmt == "txt" and data.lstrip()[:5].lower() == b"%pdf-":
            raise ReadError(source, "a PDF file with a text suffix; rename it to .pdf")
        text, encoding, warnings = _decode(data, source)
        if fmt == "html":
            text = _html_text(text)
    if not text.strip():
        raise ReadError(source, "no text after reading")
    for w in warnings:
        log.warning("%s: %s", source, w)
    return RawDocument(text=text, source=source, doc_id=doc_id, format=fmt, encoding=encoding,
                       warnings=warnings)


def _decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    if b"\x00" in data[:8192]:
        raise ReadError(source, "binary file (contains NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text, encoding, warnings = data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
        warnings = [f"not valid UTF-8; decoded as {encoding}"]
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.05:
        raise ReadError(source, "binary file (too many control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding, warnings


def _html_text(html: str) -> str:
    """Visible text of municipal web minutes, one block element a line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "form", "template"]):
        tag.decompose()
    body = soup.body or soup
    return body.get_text("\n")


def _pdf_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Text layer of a PDF in reading order, without running headers, footers or page numbers."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ReadError(source, "encrypted PDF (password protected)") from None
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as err:
        raise ReadError(source, f"corrupt or truncated PDF ({type(err).__name__}: {err})") from None
    if not pages:
        raise ReadError(source, "PDF has no pages (truncated or corrupt)")
    if not any(p.strip() for p in pages):
        raise ReadError(source, "PDF has no text layer (scanned image?); run OCR first")
    if b"%%EOF" not in data[-2048:]:
        warnings.append("PDF has no end-of-file marker (possibly truncated); text may be incomplete")
    return "\n\n".join(strip_page_furniture([p.splitlines() for p in pages])), warnings


def _furniture_key(line: str) -> str:
    """Identity of a header/footer line: page numbers at either end masked."""
    return re.sub(r"^\d+\s+|\s+\d+$|^\d+$", "#", line.strip().lower())


def strip_page_furniture(pages: list[list[str]], edge: int = 3) -> list[str]:
    """Drop page numbers and lines repeated at the top or bottom of most pages.

    A line counts as a running header/footer when it (with digits masked) sits in the
    first or last ``edge`` non-blank lines of at least half the pages (and of two or more).
    """
    edge_keys: Counter[str] = Counter()
    for lines in pages:
        body = [ln for ln in lines if ln.strip()]
        keys = {_furniture_key(ln) for ln in body[:edge] + body[-edge:]}
        edge_keys.update(keys)
    threshold = max(2, (len(pages) + 1) // 2)
    running = {k for k, n in edge_keys.items() if n >= threshold and len(pages) > 1}
    out = []
    for lines in pages:
        body_idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(body_idx[:edge] + body_idx[-edge:])
        kept = [
            ln
            for i, ln in enumerate(lines)
            if not (i in edges and (_PAGE_NUMBER.match(ln) or _furniture_key(ln) in running))
        ]
        out.append("\n".join(kept))
    return out
