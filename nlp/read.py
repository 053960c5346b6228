"""Reading: turn a file (.txt, .pdf, .html, .docx) into text, layout blocks and provenance.

Every failure is a :class:`ReadError` that names the file and the reason, so a
batch can log it and go on with the next file.

Besides the text, the PDF, HTML and .docx readers keep the layout a line labeller can use:
:class:`Block` s (PDF: a paragraph of lines grouped by geometry; HTML: an innermost block
element or a table row; .docx: a paragraph or a table row) with bold, relative font size, left
edge, HTML tag, heading level, table row. ``RawDocument.text`` is the blocks' text joined by
"\\n", with a blank line where the layout shows a paragraph gap; plain text has no blocks.

PDF library: pypdfium2 (PDFium, C++; well kept, BSD/Apache). Measured on invented fpdf2 PDFs
(DejaVu, bold/larger headings, running header, page numbers, a two-column page every tenth page;
40 pages of ~3,000 characters; one core, best of 2-5 runs on a shared machine, so +-30 %;
``benchmarks/bench_read.py`` repeats the first and the last row):

=========================================  ========  ==================================================
reader                                     pages/s   what it gives
=========================================  ========  ==================================================
pypdf ``extract_text()`` (the old reader)  95-140    text in content-stream order; no fonts, no boxes
pypdf ``extract_text(visitor_text=...)``   60-130    chunks with font dict, Tf size, matrices; no char
                                                     boxes; order = content stream only
pdfplumber ``chars`` + ``extract_text``    4-9       every char with font name, size, box (pdfminer)
pypdfium2, this reader                     200-300   size, weight/name/flags, render mode, loose boxes:
                                                     lines, paragraph blocks, geometric reading order
=========================================  ========  ==================================================

Reading order on two test pages: two columns written row by row in the content stream come out
interleaved ("left 1 right 1 / left 2 right 2") from pypdf and pdfplumber, column by column here;
labels printed before their contents ("Sagen kort / Indstilling / Beslutning", then the texts)
stay labels-first in pypdf, are glued to the first content line by pdfplumber ("Sagen kort
Rådet ..."), and come out label, content, label, content here. All keep æøå and leave line-end
hyphens ("beskæfti-" / "gelse") for the normaliser (PDFium marks them U+FFFE and drops the break;
this reader rebuilds the lines and prints "-"). Bold: font weight >= 600, a Bold/Black/Semibold/
Heavy name, the ForceBold flag, or fill+stroke rendering; sizes are relative to the body text (the
median size by characters = 1.0).
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import io
import itertools
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .patterns import BULLET_RE

CELL_SEP = " │ "  # the cells of a table row (HTML, docx) on one line; the segmenter splits on it

log = logging.getLogger(__name__)

SUFFIXES = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx"}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PAGE_NUMBER = re.compile(r"^\s*(?:side\s+)?\d{1,3}(?:\s*(?:af|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReadError(Exception):
    """A file that cannot be turned into text; ``str()`` names the file and why."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class Block:
    """A stretch ``[start, end)`` of ``RawDocument.text`` with the layout it had in the file."""

    start: int
    end: int
    page: int | None = None  # PDF/docx page (0-based) where known
    size: float | None = None  # font size relative to the body text (median size by characters = 1.0)
    bold: bool | None = None
    x: float | None = None  # left edge as a fraction of the page width (PDF)
    tag: str | None = None  # HTML/docx element: "h1".."h6", "p", "li", "tr", "td", "summary", "title-attr", ...
    level: int | None = None  # heading level (h1..h6, docx "Heading N")
    row: int | None = None  # index of the row within its table (HTML/docx tables)
    cells: int | None = None  # number of cells in that row
    list_item: bool = False
    cls: str | None = None  # HTML class attribute (space-joined), truncated to 80 characters

    def to_dict(self) -> dict:
        """JSON/msgpack-safe; fields that are None or False are left out."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v is not None and v is not False:
                out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, d: dict) -> Block:
        return cls(**{k: v for k, v in d.items() if k in _BLOCK_FIELDS})


_BLOCK_FIELDS = frozenset(f.name for f in fields(Block))


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
    blocks: list[Block] = field(default_factory=list)


class _TextBuilder:
    """Blocks joined by "\\n" ("\\n\\n" where the layout has a paragraph gap), with their offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []

    def add(self, text: str, *, gap: bool = False, **attrs: Any) -> None:
        if not text:
            return
        if self.parts:
            sep = "\n\n" if gap else "\n"
            self.parts.append(sep)
            self.pos += len(sep)
        self.blocks.append(Block(self.pos, self.pos + len(text), **attrs))
        self.parts.append(text)
        self.pos += len(text)

    def text(self) -> str:
        return "".join(self.parts)


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
    return read_bytes(data, source=str(path), fmt=format_of(path, data))


def format_of(path: str | Path, data: bytes) -> str:
    """A file's format: by its suffix, else sniffed from its first bytes."""
    return SUFFIXES.get(Path(path).suffix.lower()) or sniff_format(data)


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def sniff_format(data: bytes) -> str:
    """Guess the format of a file with an unknown suffix from its first bytes."""
    if _is_docx(data):
        return "docx"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "txt"


def read_bytes(data: bytes, *, source: str, fmt: str) -> RawDocument:
    """Decode ``data`` of the given format (``txt``, ``pdf``, ``html`` or ``docx``)."""
    if not data.strip():
        raise ReadError(source, "empty file")
    doc_id = sha256_bytes(data)
    blocks: list[Block] = []
    if fmt == "pdf":
        text, blocks, warnings = _pdf_read(data, source)
        encoding = "pdf"
    elif fmt == "docx":
        text, blocks, warnings = _docx_read(data, source)
        encoding = "docx"
    else:
        if fmt == "txt" and data.lstrip()[:5].lower() == b"%pdf-":
            raise ReadError(source, "a PDF file with a text suffix; rename it to .pdf")
        if fmt == "txt" and _is_docx(data):
            raise ReadError(source, "a Word .docx file with a text suffix; rename it to .docx")
        text, encoding, warnings = _decode(data, source)
        if fmt == "html":
            text, blocks = _html_read(text)
    if not text.strip():
        raise ReadError(source, "no text after reading")
    for w in warnings:
        log.warning("%s: %s", source, w)
    return RawDocument(text=text, source=source, doc_id=doc_id, format=fmt, encoding=encoding,
                       warnings=warnings, blocks=blocks)


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


# --------------------------------------------------------------------------------------------
# Page furniture (PDF)


def _furniture_key(line: str) -> str:
    """Identity of a header/footer line: page numbers at either end masked."""
    return re.sub(r"^\d+\s+|\s+\d+$|^\d+$", "#", line.strip().lower())


def furniture_flags(pages: list[list[str]], edge: int = 3) -> list[list[bool]]:
    """For each line of each page: is it a page number or a running header/footer?

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
        out.append([i in edges and bool(_PAGE_NUMBER.match(ln) or _furniture_key(ln) in running)
                    for i, ln in enumerate(lines)])
    return out


def strip_page_furniture(pages: list[list[str]], edge: int = 3) -> list[str]:
    """Drop page numbers and lines repeated at the top or bottom of most pages (see ``furniture_flags``)."""
    return ["\n".join(ln for ln, drop in zip(lines, flags, strict=True) if not drop)
            for lines, flags in zip(pages, furniture_flags(pages, edge), strict=True)]


# --------------------------------------------------------------------------------------------
# PDF


@dataclass(slots=True)
class _Run:
    """Characters of one PDF text object on one line: one font, one size."""

    text: str
    x0: float
    x1: float
    top: float  # page coordinates, y growing downwards
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Seg:
    """A line of a page (or a cell of it, where a wide gap separates two pieces on one row)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    chars: int
    bold_chars: int
    side: int = 0  # two-column page: 0 left, 1 right, -1 across the gutter; 0 elsewhere

    @classmethod
    def of(cls, r: _Run, side: int = 0) -> _Seg:
        n = len(r.text.replace(" ", ""))
        return cls(r.text, r.x0, r.x1, r.top, r.bottom, r.size, n, n if r.bold else 0, side)

    @property
    def bold(self) -> bool:
        return self.chars > 0 and self.bold_chars == self.chars

    def absorb(self, other: _Seg | _Run) -> None:
        size = max(self.size, other.size)
        if other.x0 - self.x1 > 0.12 * size and not self.text.endswith(" ") and not other.text.startswith(" "):
            self.text += " "
        self.text += other.text
        n = other.chars if isinstance(other, _Seg) else len(other.text.replace(" ", ""))
        b = other.bold_chars if isinstance(other, _Seg) else (n if other.bold else 0)
        if n > self.chars:
            self.size = other.size  # the size of most of the line's characters
        self.chars += n
        self.bold_chars += b
        self.x1 = max(self.x1, other.x1)
        self.top = min(self.top, other.top)
        self.bottom = max(self.bottom, other.bottom)


@dataclass
class _PdfPage:
    index: int
    width: float
    segs: list[_Seg]
    columns: bool


_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|demi\b|extrabold|ultrabold", re.IGNORECASE)
_FORCE_BOLD = 1 << 18
_FILL_STROKE = 2
_MAX_JOIN_GAP = 3.0  # em: pieces of one row further apart than this stay separate segments


@functools.cache
def _pdfium() -> SimpleNamespace:
    """PDFium through pypdfium2, with lean ctypes prototypes for the per-character calls."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    c = ctypes

    def fn(name: str, restype: Any, *argtypes: Any) -> Any:
        return c.CFUNCTYPE(restype, *argtypes)(c.cast(getattr(raw, name), c.c_void_p).value)

    return SimpleNamespace(
        pdfium=pdfium, raw=raw,
        text_object=fn("FPDFText_GetTextObject", c.c_void_p, c.c_void_p, c.c_int),
        loose_box=fn("FPDFText_GetLooseCharBox", c.c_int, c.c_void_p, c.c_int, c.POINTER(raw.FS_RECTF)),
        font_size=fn("FPDFText_GetFontSize", c.c_double, c.c_void_p, c.c_int),
        font_weight=fn("FPDFText_GetFontWeight", c.c_int, c.c_void_p, c.c_int),
        font_info=fn("FPDFText_GetFontInfo", c.c_ulong, c.c_void_p, c.c_int, c.c_char_p, c.c_ulong,
                     c.POINTER(c.c_int)),
        char_angle=fn("FPDFText_GetCharAngle", c.c_float, c.c_void_p, c.c_int),
        unicode=fn("FPDFText_GetUnicode", c.c_uint, c.c_void_p, c.c_int),
        obj_font=fn("FPDFTextObj_GetFont", c.c_void_p, c.c_void_p),
        render_mode=fn("FPDFTextObj_GetTextRenderMode", c.c_int, c.c_void_p),
    )


def _pdf_page_runs(api: SimpleNamespace, textpage: Any, page_h: float) -> tuple[list[_Run], list[_Run]]:
    """The page's characters grouped into runs (consecutive characters of one text object).

    Returns the upright runs and, apart, rotated ones (margin notes, stamps).
    """
    tp = ctypes.cast(textpage.raw, ctypes.c_void_p)
    n = textpage.count_chars()
    if n <= 0:
        return [], []
    text = textpage.get_text_range()
    if len(text) != n:  # characters outside the BMP: one call per character
        text = "".join(chr(api.unicode(tp, i)) for i in range(n))
    get_obj = api.text_object
    objs = [get_obj(tp, i) for i in range(n)]  # None for characters PDFium generated (spaces, breaks)
    box1, box2, flags = api.raw.FS_RECTF(), api.raw.FS_RECTF(), ctypes.c_int()
    name_buf = ctypes.create_string_buffer(128)
    fonts: dict[int, bool] = {}
    runs: list[_Run] = []
    rotated: list[_Run] = []

    def emit(start: int, end: int, obj: int) -> None:
        s = text[start:end]
        stripped = s.strip()
        if not stripped:
            return
        fi = start + (len(s) - len(s.lstrip()))
        li = end - 1 - (len(s) - len(s.rstrip()))
        api.loose_box(tp, fi, ctypes.byref(box1))
        api.loose_box(tp, li, ctypes.byref(box2))
        size = api.font_size(tp, fi)
        font = api.obj_font(obj) or 0
        bold = fonts.get(font)
        if bold is None:
            api.font_info(tp, fi, name_buf, len(name_buf), ctypes.byref(flags))
            bold = (api.font_weight(tp, fi) >= 600 or bool(_BOLD_NAME.search(name_buf.value.decode("latin-1")))
                    or bool(flags.value & _FORCE_BOLD))
            fonts[font] = bold
        bold = bold or api.render_mode(obj) == _FILL_STROKE
        clean = stripped.translate(_PDFIUM_CHARS).replace("\r\n", " ").replace("\n", " ")
        run = _Run(clean, min(box1.left, box2.left), max(box1.right, box2.right),
                   page_h - max(box1.top, box2.top), page_h - min(box1.bottom, box2.bottom), round(size, 2), bold)
        angle = api.char_angle(tp, fi)
        if 0.05 < angle < 6.23:  # rotated text: kept, after the page's upright text
            rotated.append(run)
            return
        prev = runs[-1] if runs else None
        if prev and prev.text == run.text and abs(prev.x0 - run.x0) < 1.5 and abs(prev.top - run.top) < 1.5:
            prev.bold = True  # the same text printed twice, slightly offset: simulated bold
            return
        runs.append(run)

    start, cur = 0, None
    for i, o in enumerate(objs):
        if o is None or o == cur:
            continue
        if cur is not None:
            emit(start, i, cur)
        start, cur = i, o
    if cur is not None:
        emit(start, n, cur)
    return runs, rotated


_PDFIUM_CHARS = str.maketrans({"\ufffe": "-", "\x02": "-"})  # PDFium's marks for line-end hyphens


def _same_row(a: _Seg | _Run, b: _Seg | _Run) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _find_gutter(runs: list[_Run]) -> tuple[float, float] | None:
    """An empty vertical strip in the middle of the page that at most a few lines cross."""
    import numpy as np

    wide = [r for r in runs if len(r.text) >= 2]
    if len(wide) < 8:
        return None
    x_min, x_max = min(r.x0 for r in wide), max(r.x1 for r in wide)
    width = x_max - x_min
    if width < 150:
        return None
    cov = np.zeros(int(width) + 3)
    for r in wide:
        cov[int(r.x0 - x_min)] += 1
        cov[int(r.x1 - x_min) + 1] -= 1
    cov = np.cumsum(cov)
    sizes = sorted(r.size for r in wide)
    min_gap = max(6.0, 0.6 * sizes[len(sizes) // 2])
    lo, hi = int(0.25 * width), int(0.75 * width)
    free = cov[lo:hi] <= max(1, 0.12 * len(wide))
    best: tuple[float, int, int] | None = None
    i = 0
    while i < len(free):
        if not free[i]:
            i += 1
            continue
        j = i
        while j < len(free) and free[j]:
            j += 1
        if j - i >= min_gap:
            key = (float(cov[lo + i:lo + j].max()), -(j - i), i)
            if best is None or key < best:
                best = key
        i = j
    if best is None:
        return None
    _, neg_w, i = best
    return x_min + lo + i + 1, x_min + lo + i - neg_w - 1


def _build_segs(runs: list[_Run], side_of: Any) -> list[_Seg]:
    """Join consecutive runs on one row (and one side of a gutter) into segments."""
    segs: list[_Seg] = []
    for r in runs:
        side = side_of(r)
        s = segs[-1] if segs else None
        size = max(r.size, s.size) if s else r.size
        if s is not None and s.side == side and _same_row(s, r) and \
                -0.5 * size <= r.x0 - s.x1 < _MAX_JOIN_GAP * size:
            s.absorb(r)
        else:
            segs.append(_Seg.of(r, side))
    return segs


def _rows(segs: list[_Seg]) -> list[list[_Seg]]:
    """Segments clustered into rows (top to bottom), each row left to right, neighbours joined."""
    rows: list[list[_Seg]] = []
    for s in sorted(segs, key=lambda s: (s.top, s.x0)):
        if rows and any(_same_row(t, s) for t in rows[-1]):
            rows[-1].append(s)
        else:
            rows.append([s])
    out = []
    for row in rows:
        row.sort(key=lambda s: s.x0)
        merged = [row[0]]
        for s in row[1:]:
            m = merged[-1]
            size = max(m.size, s.size)
            if m.side == s.side and -0.5 * size <= s.x0 - m.x1 < _MAX_JOIN_GAP * size:
                m.absorb(s)
            else:
                merged.append(s)
        out.append(merged)
    return out


def _columns_ok(segs: list[_Seg]) -> bool:
    """Two columns of running text: both sides well filled, of similar length, side by side."""
    left = [s for s in segs if s.side == 0]
    right = [s for s in segs if s.side == 1]
    if len(left) < 4 or len(right) < 4 or min(len(left), len(right)) < 0.35 * max(len(left), len(right)):
        return False
    overlap = min(max(s.bottom for s in left), max(s.bottom for s in right)) - \
        max(min(s.top for s in left), min(s.top for s in right))
    extent = min(max(s.bottom for s in side) - min(s.top for s in side) for side in (left, right))
    if overlap < 0.5 * extent:
        return False
    for side in (left, right):
        x0, x1 = min(s.x0 for s in side), max(s.x1 for s in side)
        fill = sorted((s.x1 - x0) / max(x1 - x0, 1.0) for s in side)
        if fill[len(fill) // 2] < 0.7:  # most lines of running text fill their column
            return False
    return True


def _pdf_page_segs(runs: list[_Run], rotated: list[_Run]) -> tuple[list[_Seg], bool]:
    """The page's lines in reading order: columns left then right between full-width rows; rotated text last."""
    tail = [_Seg.of(r) for r in rotated]
    gutter = _find_gutter(runs)
    if gutter is not None:
        g0, g1 = gutter
        segs = _build_segs(runs, lambda r: 0 if r.x1 <= g0 + 0.5 else 1 if r.x0 >= g1 - 0.5 else -1)
        if _columns_ok(segs):
            out: list[_Seg] = []
            left: list[_Seg] = []
            right: list[_Seg] = []
            for row in _rows(segs):
                if any(s.side == -1 for s in row):
                    out += left + right + row
                    left, right = [], []
                else:
                    left += [s for s in row if s.side == 0]
                    right += [s for s in row if s.side == 1]
            return out + left + right + tail, True
    segs = _build_segs(runs, lambda r: 0)
    return [s for row in _rows(segs) for s in row] + tail, False


def _weighted_median(pairs: list[tuple[float, int]]) -> float | None:
    pairs = sorted(p for p in pairs if p[1] > 0)
    total = sum(n for _, n in pairs)
    if not total:
        return None
    acc = 0
    for v, n in pairs:
        acc += n
        if acc * 2 >= total:
            return v
    return pairs[-1][0]


def _continues(block: list[_Seg], s: _Seg, gap_limit: float) -> bool:
    """Does line ``s`` continue the paragraph ``block`` (same font, just below, aligned)?"""
    p = block[-1]
    size = max(p.size, s.size)
    if s.side != p.side or abs(s.size - p.size) > 0.5 or s.bold != p.bold:
        return False
    if s.top <= p.top or _same_row(p, s) or (s.top - p.bottom) / size > gap_limit:
        return False
    if BULLET_RE.match(s.text):
        return False  # a list item starts a block of its own
    dx = s.x0 - p.x0
    if len(block) == 1:
        return -3 * size <= dx <= 0.8 * size or (bool(BULLET_RE.match(p.text)) and 0 < dx <= 3 * size)
    return abs(dx) <= 0.8 * size


def _pdf_layout(pages: list[_PdfPage]) -> tuple[str, list[Block]]:
    """Paragraph blocks of the pages' lines, page furniture dropped, joined into the text."""
    # Furniture on each page's lines from top to bottom (a running header may sit at the right).
    by_y = [sorted(range(len(p.segs)), key=lambda i, p=p: (p.segs[i].top, p.segs[i].x0)) for p in pages]
    flags = furniture_flags([[p.segs[i].text for i in order] for p, order in zip(pages, by_y, strict=True)])
    kept: list[list[_Seg]] = []
    for p, order, fl in zip(pages, by_y, flags, strict=True):
        drop = {order[k] for k, f in enumerate(fl) if f}
        kept.append([s for i, s in enumerate(p.segs) if i not in drop])
    body = _weighted_median([(s.size, s.chars) for segs in kept for s in segs]) or 1.0
    # The document's usual gap between the lines of a paragraph, in em (loose boxes touch at 0).
    gaps = sorted((b.top - a.bottom) / max(a.size, b.size) for segs in kept for a, b in itertools.pairwise(segs)
                  if a.side == b.side and a.size == b.size and a.bold == b.bold and b.top > a.top
                  and not _same_row(a, b) and abs(b.x0 - a.x0) <= a.size and -0.5 < (b.top - a.bottom) / a.size < 2)
    usual = gaps[len(gaps) // 10] if gaps else 0.2
    gap_limit = max(0.45, usual + 0.35)
    out = _TextBuilder()
    for p, segs in zip(pages, kept, strict=True):
        blocks: list[list[_Seg]] = []
        gap_before: list[bool] = []
        for s in segs:
            if blocks and _continues(blocks[-1], s, gap_limit):
                blocks[-1].append(s)
                continue
            prev = blocks[-1][-1] if blocks else None
            gap_before.append(prev is None or (not _same_row(prev, s) and (
                prev.side != s.side or s.top <= prev.top
                or (s.top - prev.bottom) / max(prev.size, s.size) > gap_limit)))
            blocks.append([s])
        for b, gap in zip(blocks, gap_before, strict=True):
            size = _weighted_median([(s.size, s.chars) for s in b]) or body
            out.add("\n".join(s.text for s in b), gap=gap, page=p.index, size=round(size / body, 2),
                    bold=all(s.bold for s in b), x=round(min(s.x0 for s in b) / p.width, 3) if p.width else None,
                    list_item=bool(BULLET_RE.match(b[0].text)))
    return out.text(), out.blocks


def _pdf_read(data: bytes, source: str) -> tuple[str, list[Block], list[str]]:
    """Text layer of a PDF in reading order, without running headers, footers or page numbers."""
    api = _pdfium()
    pdfium = api.pdfium
    warnings: list[str] = []
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if getattr(err, "err_code", None) == api.raw.FPDF_ERR_PASSWORD:
            raise ReadError(source, "encrypted PDF (password protected)") from None
        raise ReadError(source, f"corrupt or truncated PDF ({type(err).__name__}: {err})") from None
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise ReadError(source, "PDF has no pages (truncated or corrupt)")
        pages = []
        for i in range(n_pages):
            page = pdf[i]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    runs, rotated = _pdf_page_runs(api, textpage, height)
                finally:
                    textpage.close()
            finally:
                page.close()
            segs, columns = _pdf_page_segs(runs, rotated)
            pages.append(_PdfPage(i, width, segs, columns))
    except ReadError:
        raise
    except (pdfium.PdfiumError, ValueError, KeyError, TypeError, OSError) as err:
        raise ReadError(source, f"corrupt or truncated PDF ({type(err).__name__}: {err})") from None
    finally:
        pdf.close()
    if not any(p.segs for p in pages):
        raise ReadError(source, "PDF has no text layer (scanned image?); run OCR first")
    if b"%%EOF" not in data[-2048:]:
        warnings.append("PDF has no end-of-file marker (possibly truncated); text may be incomplete")
    text, blocks = _pdf_layout(pages)
    return text, blocks, warnings


# --------------------------------------------------------------------------------------------
# HTML


@functools.cache
def ui_residue() -> frozenset[str]:
    """Lines of web UI ("Hent som PDF", "Kopier link", ...), lower-cased (``data/ui_residue.json``)."""
    data = json.loads(resources.files("nlp").joinpath("data/ui_residue.json").read_text("utf-8"))
    return frozenset(_ui_key(p) for p in data["phrases"])


def _ui_key(line: str) -> str:
    return re.sub(r"^[\W_]+|[\W_]+$", "", " ".join(line.split()).lower())


def is_ui_residue(line: str) -> bool:
    return _ui_key(line) in ui_residue()


_WS = re.compile(r"\s+")
_HTML_DROP = {"script", "style", "noscript", "template", "nav", "footer", "svg", "iframe", "head", "title",
              "object", "embed", "canvas", "select", "textarea", "input", "option", "datalist", "dialog",
              "map", "audio", "video", "math"}
_HTML_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "summary", "caption",
                "blockquote", "pre", "td", "th", "tr", "table", "thead", "tbody", "tfoot", "ul", "ol", "dl",
                "section", "article", "main", "aside", "details", "figure", "figcaption", "address", "body",
                "html", "center", "hr", "fieldset", "legend", "header", "form", "hgroup", "search", "menu",
                "button"}
# Blocks whose start and end are a paragraph gap (a blank line in the text).
_HTML_GAP = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre", "section",
             "article", "details", "figure", "main", "aside", "header", "form", "fieldset", "address", "hr"}
_HTML_COMPLEX_CELL = {"table", "ul", "ol", "dl", "details", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                      "section", "article"}
_HTML_CONTAINERS = {"section", "article", "div", "li", "details", "fieldset", "aside", "dl", "ul", "ol", "tr",
                    "tbody", "table", "figure"}
# Cookie banners, modals, navigation and sharing widgets, by id/class/aria-label/role (word starts).
_UI_ATTR = re.compile(r"(?<![a-z])(?:cookie|consent|modal|dialog|banner|gdpr|navbar|breadcrumb|menu|skip-?link|"
                      r"share(?!point))")
_UI_ROLES = {"navigation", "dialog", "alertdialog", "banner"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TOGGLE_CLASS = re.compile(r"accordion|toggle|collapse|expand|fold|disclosure", re.IGNORECASE)
_PANEL_CLASS = re.compile(r"accordion|collaps|panel|fold|expand|content|body|details", re.IGNORECASE)


def _attr_words(value: str) -> str:
    """Attribute value with camelCase split, lower-cased: "CybotCookiebotDialog" -> "cybot-cookiebot-dialog"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "-", value).lower()


class _HtmlReader:
    """Walks the DOM and emits one block per innermost block element, table row or title attribute."""

    def __init__(self, root: Any) -> None:
        self.out = _TextBuilder()
        self.buf: list[tuple[str, bool]] = []  # inline pieces: (text, keep white space)
        self.gap = False  # a paragraph gap before the next block
        self.capture = 0  # > 0 while collecting a table cell's text
        self.rows: list[int] = []  # row counter of each open table
        self.last_title_pos = -1  # text end after the last title-attr block (one title per item)
        self.targets: set[str] = set()  # ids that a toggle (aria-controls, data-target, href="#id") opens
        for v in root.xpath("//@aria-controls | //@data-target | //@data-bs-target | //@href[starts-with(., '#')]"):
            self.targets.update(t.lstrip("#") for t in str(v).split())

    # -- emitting

    def flush(self, owner: dict) -> None:
        if self.capture or not self.buf:
            return
        raw = "".join(t if keep else _WS.sub(" ", t) for t, keep in self.buf)
        self.buf = []
        lines = [ln.strip() if owner.get("pre") else _WS.sub(" ", ln).strip() for ln in raw.split("\n")]
        lines = [ln for ln in lines if ln and not is_ui_residue(ln)]
        if not lines:
            return
        self.emit("\n".join(lines), owner)

    def emit(self, text: str, owner: dict, **extra: Any) -> None:
        attrs = {"tag": owner.get("tag"), "level": owner.get("level"), "list_item": owner.get("li", False),
                 "cls": owner.get("cls")}
        attrs.update(extra)
        self.out.add(text, gap=self.gap, **attrs)
        self.gap = False

    # -- deciding

    def hidden(self, el: Any) -> bool:
        if el.get("hidden") is None and el.get("aria-hidden", "").strip().lower() != "true" \
                and not _HIDDEN_STYLE.search(el.get("style", "")):
            return False
        # A collapsed accordion panel is hidden until opened: its text is the document's.
        return not (el.get("id") in self.targets or el.get("role") in ("region", "tabpanel")
                    or _PANEL_CLASS.search(el.get("class", "")))

    def ui_widget(self, el: Any, tag: str) -> bool:
        if tag in ("html", "body", "main"):
            return False
        if el.get("role", "").strip().lower() in _UI_ROLES:
            return True
        attrs = " ".join(_attr_words(el.get(a, "")) for a in ("id", "class", "aria-label"))
        if not _UI_ATTR.search(attrs):
            return False
        # A wrapper around the whole page that happens to carry such a class is not a widget.
        return next(el.iterdescendants("main", "article"), None) is None

    def is_toggle(self, el: Any, tag: str) -> bool:
        return (tag in ("button", "a") or el.get("role") == "button") and (
            el.get("aria-expanded") is not None or el.get("aria-controls") is not None
            or el.get("data-toggle") is not None or el.get("data-bs-toggle") is not None
            or bool(_TOGGLE_CLASS.search(el.get("class", ""))))

    def title_attr(self, el: Any, tag: str, owner: dict) -> None:
        """Emit the title an element carries only in an attribute (data-title, title on a container)."""
        if self.capture:
            return
        value = el.get("data-title") or el.get("data-heading") or (el.get("title") if tag in _HTML_CONTAINERS
                                                                    else None)
        if not value:
            return
        value = _WS.sub(" ", value).strip()
        if len(value) < 3 or is_ui_residue(value):
            return
        seen = []
        for t in el.itertext():
            seen.append(t)
            if sum(map(len, seen)) > 600:
                break
        if value.lower() in _WS.sub(" ", "".join(seen)).lower():
            return  # the title is printed in the element itself
        self.flush(owner)
        if self.out.blocks and self.out.blocks[-1].tag == "title-attr" and self.last_title_pos == self.out.pos:
            return  # an ancestor's title attribute was just emitted
        self.gap = True
        self.emit(value, owner, tag="title-attr", level=None, list_item=False)
        self.last_title_pos = self.out.pos

    # -- walking

    def walk(self, el: Any, owner: dict) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None:  # comment or processing instruction
            return
        if tag == "br":
            self.buf.append(("\n", True))
            return
        if tag in _HTML_DROP or self.hidden(el) or self.ui_widget(el, tag):
            return
        if tag == "header" and not any(a.tag in ("article", "section", "main", "details", "li", "td")
                                       for a in el.iterancestors()):
            return  # the page's header (an article's own <header> holds its title and stays)
        if tag == "form" and next(el.iterdescendants("p", "h1", "h2", "h3", "table", "article"), None) is None:
            return  # a search or login form (ASP.NET wraps whole pages in a <form>: those stay)
        if self.is_toggle(el, tag):
            visible = _WS.sub(" ", el.text_content()).strip()
            if not visible or is_ui_residue(visible):
                label = el.get("aria-label") or el.get("title")
                if label and not self.capture and not is_ui_residue(label) and len(label.strip()) >= 3:
                    self.flush(owner)
                    if not (self.out.blocks and self.last_title_pos == self.out.pos):
                        self.emit(_WS.sub(" ", label).strip(), owner, tag="title-attr", level=None,
                                  list_item=False)
                        self.last_title_pos = self.out.pos
                return
        elif tag == "button":
            return  # other buttons are UI ("Søg", "Luk")
        elif tag == "a" and is_ui_residue(el.text_content()):
            return
        if tag == "tr" and not self.capture and self.row(el, owner):
            return
        if tag in _HTML_BLOCKS and not self.capture:
            self.flush(owner)
            if tag in _HTML_GAP:
                self.gap = True
            cls = " ".join(el.get("class", "").split())[:80] or None
            inner = {"tag": tag, "cls": cls, "li": owner.get("li", False) or tag == "li",
                     "pre": owner.get("pre", False) or tag == "pre"}
            if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                inner["level"] = int(tag[1])
            if tag == "table":
                self.rows.append(0)
            self.title_attr(el, tag, owner)
            self.children(el, inner)
            self.flush(inner)
            if tag == "table":
                self.rows.pop()
            if tag in _HTML_GAP:
                self.gap = True
            return
        if tag in _HTML_BLOCKS and self.buf and self.buf[-1][0][-1:] not in (" ", "\n"):
            self.buf.append((" ", False))  # blocks inside a captured cell: keep their words apart
        self.children(el, owner)

    def children(self, el: Any, owner: dict) -> None:
        pre = owner.get("pre", False)
        if el.text:
            self.buf.append((el.text, pre))
        for child in el:
            self.walk(child, owner)
            if child.tail:
                self.buf.append((child.tail, pre))

    def row(self, tr: Any, owner: dict) -> bool:
        """Emit a simple table row as one line, cells joined by " │ "; False for rows with block content."""
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        index = None
        if self.rows:
            index = self.rows[-1]
            self.rows[-1] += 1
        for c in cells:
            if next(c.iterdescendants(*_HTML_COMPLEX_CELL), None) is not None:
                return False
            blocks = [b for b in c.iterdescendants("p", "div", "li") if b.text_content().strip()]
            if len(blocks) > 1:
                return False
        texts = []
        for c in cells:
            if self.hidden(c):
                continue
            saved, self.buf = self.buf, []
            self.capture += 1
            self.children(c, owner)
            self.capture -= 1
            text = _WS.sub(" ", "".join(t for t, _ in self.buf)).strip()
            self.buf = saved
            if text and not is_ui_residue(text):
                texts.append(text)
        if texts:
            self.flush(owner)
            cls = " ".join(tr.get("class", "").split())[:80] or None
            self.emit(CELL_SEP.join(texts), {"tag": "tr", "cls": cls, "li": owner.get("li", False)},
                      row=index, cells=len(texts))
        return True


def _html_read(html: str) -> tuple[str, list[Block]]:
    """Visible text of municipal web minutes, one block element a line, with its blocks."""
    import lxml.html
    from lxml import etree

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", []
    body = root.find("body")
    reader = _HtmlReader(root)
    top = {"tag": "body"}
    reader.walk(body if body is not None else root, top)
    reader.flush(top)
    return reader.out.text(), reader.out.blocks


# --------------------------------------------------------------------------------------------
# .docx

_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


class _DocxNumbering:
    """The labels Word prints for numbered and bulleted paragraphs ("1.", "2.1", "a)", "•")."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for an in root.findall(f"{_W}abstractNum"):
            lvls = {}
            for lvl in an.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                lvls[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1)
            abstract[an.get(f"{_W}abstractNumId")] = lvls
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            lvls = dict(abstract.get(ref.get(f"{_W}val") if ref is not None else None, {}))
            for ov in num.findall(f"{_W}lvlOverride"):
                so = ov.find(f"{_W}startOverride")
                ilvl = int(ov.get(f"{_W}ilvl", "0"))
                if so is not None and ilvl in lvls:
                    fmt, text, _ = lvls[ilvl]
                    lvls[ilvl] = (fmt, text, int(so.get(f"{_W}val", "1")))
            for ilvl, spec in lvls.items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def label(self, num_id: str, ilvl: int) -> str:
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return ""
        fmt, text, _ = spec
        counts = self.counters.setdefault(num_id, [0] * 9)
        if ilvl >= 9:
            return ""
        counts[ilvl] += 1
        for k in range(ilvl + 1, 9):
            counts[k] = 0
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def value(k: int) -> str:
            f, _, s = self.levels.get((num_id, k), ("decimal", "", 1))
            n = max(counts[k], 1) + s - 1
            return _format_number(n, f)

        return re.sub(r"%([1-9])", lambda m: value(int(m.group(1)) - 1), text).strip()


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, k = "", n
        for v, r in vals:
            while k >= v:
                out, k = out + r, k - v
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not the paragraph's: text boxes (and their VML duplicates), deleted text.
_DOCX_SKIP = {f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr"}


def _docx_runs(el: Any) -> Iterator[Any]:
    """The w:r elements of a paragraph in order, inside hyperlinks, fields, content controls, insertions."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == f"{_W}r":
            yield child
        else:
            yield from _docx_runs(child)


def _docx_run_text(r: Any) -> str:
    out = []
    for child in r:
        tag = child.tag
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr") and child.get(f"{_W}type") != "page":
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
    return "".join(out)


class _DocxReader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.numbering = _DocxNumbering(document)
        self.page = 0
        defaults = document.styles.element.find(f"{_W}docDefaults")
        sz = defaults.find(f"{_W}rPrDefault/{_W}rPr/{_W}sz") if defaults is not None else None
        self.default_size = int(sz.get(f"{_W}val")) / 2 if sz is not None and sz.get(f"{_W}val") else 10.0
        self.rendered_breaks = bool(document.element.body.xpath(".//w:lastRenderedPageBreak"))

    def run_props(self, run: Any, para_style: Any) -> tuple[bool, float]:
        bold = run.font.bold
        size = run.font.size.pt if run.font.size is not None else None
        for style in [*_style_chain(run.style if run.style is not None else None), *_style_chain(para_style)]:
            if bold is None and style.font.bold is not None:
                bold = style.font.bold
            if size is None and style.font.size is not None:
                size = style.font.size.pt
        return bool(bold), size or self.default_size

    def paragraph(self, p: Any) -> dict | None:
        """Text and typography of one paragraph (None when it has no text)."""
        from docx.text.run import Run

        style = p.style
        self.page += self.breaks(p._p)
        pieces, chars, bold_chars, sizes = [], 0, 0, []
        for r_el in _docx_runs(p._p):
            t = _docx_run_text(r_el)
            pieces.append(t)
            n = len("".join(t.split()))
            if not n:
                continue
            bold, size = self.run_props(Run(r_el, p), style)
            chars += n
            bold_chars += n if bold else 0
            sizes.append((size, n))
        text = "\n".join(_WS.sub(" ", ln).strip() for ln in "".join(pieces).split("\n")).strip()
        if not text:
            return None
        tag, level = "p", None
        for st in _style_chain(style):
            m = _HEADING_STYLE.match(st.name or "") or _HEADING_STYLE.match(st.style_id or "")
            if m:
                tag, level = f"h{m.group(1)}", int(m.group(1))
                break
            if (st.name or "").lower() == "title":
                tag, level = "h1", 1
                break
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is None:
            for st in _style_chain(style):
                ppr = st.element.pPr
                if ppr is not None and ppr.numPr is not None:
                    num_pr = ppr.numPr
                    break
        list_item = style is not None and (style.name or "").lower().startswith("list")
        if num_pr is not None and num_pr.numId is not None:
            ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            label = self.numbering.label(str(num_pr.numId.val), int(ilvl))
            if label:
                text = f"{label} {text}"
            list_item = list_item or level is None
        if list_item and tag == "p":
            tag = "li"
        return {"text": text, "chars": chars, "bold": chars > 0 and bold_chars == chars, "sizes": sizes,
                "tag": tag, "level": level, "list_item": list_item, "page": self.page}

    def breaks(self, el: Any) -> int:
        if self.rendered_breaks:
            return len(el.xpath(".//w:lastRenderedPageBreak"))
        return len(el.xpath(".//w:br[@w:type='page']")) + len(el.xpath("./w:pPr/w:pageBreakBefore"))

    def cell_text(self, tc: Any) -> str:
        return " ".join(w for p in tc.iter(f"{_W}p") for w in "".join(map(_docx_run_text, _docx_runs(p))).split())

    def items(self, container: Any = None) -> Iterator[dict]:
        """Paragraphs and table rows in document order (content controls and custom XML opened)."""
        from docx.text.paragraph import Paragraph

        body = self.document.element.body if container is None else container
        for el in body:
            tag = el.tag
            if tag == f"{_W}p":
                d = self.paragraph(Paragraph(el, self.document._body))
                yield d if d is not None else {"empty": True}
            elif tag == f"{_W}tbl":
                rows = [tr for tr in el if tr.tag == f"{_W}tr"]
                for i, tr in enumerate(rows):
                    self.page += self.breaks(tr)
                    texts = []
                    for tc in tr.iter(f"{_W}tc"):
                        if tc.getparent() is not tr and tc.getparent().getparent() is not tr:
                            continue  # a nested table's cell (its text is in the outer cell's)
                        if tc.vMerge == "continue":
                            continue  # the text is in the merged cell above
                        t = self.cell_text(tc)
                        if t:
                            texts.append(t)
                    if texts:
                        yield {"text": CELL_SEP.join(texts), "tag": "tr", "row": i, "cells": len(texts),
                               "page": self.page, "sizes": [], "chars": 0, "table": True}
            elif tag == f"{_W}sdt":
                content = el.find(f"{_W}sdtContent")
                if content is not None:
                    yield from self.items(content)
            elif tag == f"{_W}customXml":
                yield from self.items(el)


def _docx_read(data: bytes, source: str) -> tuple[str, list[Block], list[str]]:
    """Paragraphs and table rows of a Word document, in order, with styles as blocks."""
    import zipfile

    if data.startswith(_OLE_MAGIC):
        raise ReadError(source, "an encrypted .docx or a legacy Word .doc (OLE2 file), not a .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ReadError(source, f"corrupt docx (not a valid zip archive: {err})") from None
    if "word/document.xml" not in names:
        raise ReadError(source, "corrupt docx (no word/document.xml in the archive)")
    try:
        import docx

        reader = _DocxReader(docx.Document(io.BytesIO(data)))
        items = list(reader.items())
    except ReadError:
        raise
    except Exception as err:  # zip CRC errors, broken XML, missing parts: all mean a damaged file
        raise ReadError(source, f"corrupt docx ({type(err).__name__}: {err})") from None
    body = _weighted_median([s for it in items for s in it.get("sizes", [])]) or reader.default_size
    out = _TextBuilder()
    gap, prev = False, None
    for it in items:
        if it.get("empty"):
            gap = True
            continue
        heading = it.get("level") is not None
        if prev is not None and (heading or prev.get("level") is not None or it.get("table") != prev.get("table")
                                 or it["page"] != prev["page"]):
            gap = True
        size = _weighted_median(it["sizes"])
        out.add(it["text"], gap=gap, page=it["page"], size=round(size / body, 2) if size else None,
                bold=it.get("bold") if it.get("chars") else None, tag=it["tag"], level=it.get("level"),
                row=it.get("row"), cells=it.get("cells"), list_item=it.get("list_item", False))
        gap, prev = False, it
    return out.text(), out.blocks, []
