"""PDF rendering with fpdf2: sizes and bold per block kind, wrapping measured in the font,
hyphenation, running headers and footers, and a two-column mode where a block of labels is
drawn (and read) before the contents. Gold lines are the physical lines in content-stream order,
which is the order a PDF text extractor returns them in."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Block, GoldLine
from .render_text import physical_lines

DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

LATIN1_MAP = {"–": "-", "—": "-", "│": "|", "•": "-", "…": "...", "“": '"', "”": '"', "„": '"', "’": "'",
              "‘": "'", "›": ">", "‹": "<", "→": "->", "·": "-", "€": "EUR", "‐": "-", "\u00a0": " "}


def unicode_font_available() -> bool:
    return all(os.path.exists(os.path.join(DEJAVU_DIR, f)) for f in _FONT_FILES.values())


def latin1_safe(text: str) -> str:
    out = []
    for ch in text:
        ch = LATIN1_MAP.get(ch, ch)
        try:
            ch.encode("latin-1")
        except UnicodeEncodeError:
            ch = "?"
        out.append(ch)
    return "".join(out)


@dataclass
class PdfStyle:
    sizes: dict = field(default_factory=lambda: {
        "title": (16, True), "h2": (12, True), "h3": (10.5, True), "label": (10, True), "p": (10, False),
        "li": (10, False), "meta": (8, False), "ui": (8, False), "row": (9, False), "toc": (10, False),
        "sig": (10, False)})
    gap_mm: dict = field(default_factory=lambda: {"title": 4, "h2": 5, "h3": 2.5, "label": 2, "p": 1.5, "li": 0.5,
                                                  "meta": 0.5, "ui": 1, "row": 0, "toc": 0.3, "sig": 6})
    margin: float = 20
    top: float = 22
    bottom: float = 275
    header: Callable[[int], str | None] | None = None
    footer: Callable[[int, int], str | None] | None = None
    hyphenate: float = 0.0
    date_break: float = 0.0
    label_width: float = 42


_MD = ("**", "__", "--", "~~")


class _Fonts:
    def __init__(self, pdf) -> None:
        self.pdf = pdf
        if unicode_font_available():
            for style, f in _FONT_FILES.items():
                pdf.add_font("DejaVu", style, os.path.join(DEJAVU_DIR, f))
            self.family = "DejaVu"
            self.safe = lambda s: s
        else:
            self.family = "helvetica"
            self.safe = latin1_safe

    def use(self, size: float, bold: bool) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)


def render_pdf(blocks: list[Block], style: PdfStyle, rng, *, title: str = "") -> tuple[bytes, list[GoldLine]]:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    pdf.set_title(title)
    fonts = _Fonts(pdf)
    width = 210 - 2 * style.margin

    # phase 1: layout into pages of draw operations
    pages: list[list[tuple]] = [[]]  # (x, y, size, bold, text, markdown_prefix, GoldLine)
    y = style.top
    col_start = None  # y where a label/content column pair starts
    y1 = y2 = None
    prev_col = 0

    def new_page():
        nonlocal y, col_start, y1, y2
        pages.append([])
        y = style.top
        if col_start is not None:
            col_start = y1 = y2 = style.top

    for blk in blocks:
        size, bold = style.sizes.get(blk.kind, (10, False))
        lh = size * 0.45
        if blk.column == 0:
            if prev_col:
                y = max(y, y1 or y, y2 or y)
                col_start = y1 = y2 = None
            x, w = style.margin + (5 if blk.kind == "li" else 0), width - (5 if blk.kind == "li" else 0)
        elif blk.column == 1:
            if prev_col != 1:
                if prev_col == 2:
                    y = max(y, y1 or y, y2 or y)
                col_start = y1 = y2 = y
            x, w = style.margin, style.label_width - 3
        else:
            if prev_col == 0:
                col_start = y1 = y2 = y
            elif prev_col == 1:
                y2 = y1  # contents start below the label block (a text layer reads labels first)
            x, w = style.margin + style.label_width, width - style.label_width
            if blk.kind == "li":
                x, w = x + 4, w - 4
        prev_col = blk.column
        fonts.use(size, bold)

        def fits(s: str, w=w) -> bool:
            return fonts.pdf.get_string_width(s) <= w * 0.98

        gap = style.gap_mm.get(blk.kind, 1) + (2 if blk.space_before else 0)
        lines = physical_lines(blk, fits, rng, style.hyphenate, style.date_break)
        for k, gl in enumerate(lines):
            cur = y if blk.column == 0 else (y1 if blk.column == 1 else y2)
            if k == 0:
                cur += gap
            if cur + lh > style.bottom:
                new_page()
                cur = y if blk.column == 0 else style.top
            md = blk.prefix if (k == 0 and blk.prefix is not None and not any(m in gl.text for m in _MD)) else None
            pages[-1].append((x, cur, size, bold, gl.text, md, gl))
            cur += lh
            if blk.column == 0:
                y = cur
            elif blk.column == 1:
                y1 = cur
            else:
                y2 = cur

    # phase 2: draw, with header/footer furniture in reading order
    total = len(pages)
    gold: list[GoldLine] = []
    for n, ops in enumerate(pages, start=1):
        pdf.add_page()
        if style.header and n > 1 and (h := style.header(n)):
            h = fonts.safe(h)
            fonts.use(8, False)
            pdf.set_xy(style.margin, 10)
            pdf.cell(text=h)
            gold.append(GoldLine(h, "furniture"))
        for x, yy, size, bold, text, md, gl in ops:
            pdf.set_xy(x, yy)
            if md is not None:
                fonts.use(size, False)
                pdf.cell(text=f"**{text[:len(md)]}**{text[len(md):]}", markdown=True)
            else:
                fonts.use(size, bold)
                pdf.cell(text=text)
            gold.append(gl)
        if style.footer and (f := style.footer(n, total)):
            f = fonts.safe(f)
            fonts.use(8, False)
            pdf.set_xy(style.margin, 284)
            pdf.cell(text=f)
            gold.append(GoldLine(f, "furniture"))
    return bytes(pdf.output()), gold
