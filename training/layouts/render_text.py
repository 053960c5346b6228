"""Text rendering: what text extraction of a PDF (or of a web page) gives — wrapped lines,
hyphenation, blank-line habits and page furniture — with one gold line per physical line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Block, GoldLine
from .noise import wrap


@dataclass
class TextStyle:
    width: int = 86
    spacing: str = "para"  # "double": a blank line after every line; "para": between blocks; "none"
    hyphenate: float = 0.0  # chance to hyphenate a long word at a line end
    date_break: float = 0.0
    page_lines: int | None = None  # physical lines per page (None: no pages, e.g. web text)
    header: Callable[[int], str | None] | None = None  # running header for page n (n >= 2)
    footer: Callable[[int, int], str | None] | None = None  # footer for page n of total
    indent: dict = field(default_factory=dict)  # kind -> leading spaces
    trailing: dict = field(default_factory=dict)  # kind -> trailing spaces (004 style " 1. Title ")


CONT_ROLE = {"item": "item_cont", "section": "body"}


def physical_lines(blk: Block, fits: Callable[[str], bool], rng, style_hyph: float,
                   date_break: float) -> list[GoldLine]:
    """Split one block into gold lines (continuation roles: item -> item_cont, section -> body)."""
    if blk.wrap and blk.kind not in ("row", "toc"):
        parts = wrap(blk.text, fits, rng, prefix=blk.prefix, hyphenate=style_hyph,
                     date_break=date_break if blk.role in ("body", "section") else 0.0)
    else:
        parts = [blk.text]
    out = []
    for k, part in enumerate(parts):
        if k == 0:
            content = None
            if blk.role == "section" and blk.prefix is not None:
                content = part[len(blk.prefix):].strip()
            out.append(GoldLine(part, blk.role, blk.section, content, blk.item,
                                blk.in_section if blk.role != "section" else None))
        else:
            role = CONT_ROLE.get(blk.role, blk.role)
            in_sec = blk.section if blk.role == "section" else blk.in_section
            out.append(GoldLine(part, role, None, None, blk.item, in_sec if role == "body" else None))
    return out


def paginate(entries: list, page_lines: int | None, header, footer, make_line) -> list:
    """Insert running headers and footers every ``page_lines`` gold lines. ``entries`` are
    (GoldLine | None) — None is a blank line; ``make_line(text)`` builds a furniture entry."""
    if not page_lines:
        return entries
    count = sum(1 for e in entries if e is not None)
    total = max(1, -(-count // page_lines))
    out, n, page = [], 0, 1
    for e in entries:
        if e is not None:
            if n and n % page_lines == 0:
                if footer and (f := footer(page, total)):
                    out += [None, make_line(f), None]
                page += 1
                if header and (h := header(page)):
                    out += [make_line(h), None]
            n += 1
        out.append(e)
    if footer and (f := footer(page, total)):
        out += [None, make_line(f)]
    return out


def render_txt(blocks: list[Block], style: TextStyle, rng) -> tuple[bytes, list[GoldLine]]:
    def fits(s: str) -> bool:
        return len(s) <= style.width

    entries: list = []
    for bi, blk in enumerate(blocks):
        lines = physical_lines(blk, fits, rng, style.hyphenate, style.date_break)
        if bi and (style.spacing == "para" or blk.space_before) and entries and entries[-1] is not None:
            entries.append(None)
        for gl in lines:
            entries.append((gl, blk.kind))
            if style.spacing == "double":
                entries.append(None)

    def make(text: str):
        return (GoldLine(text, "furniture"), "meta")

    entries = paginate(entries, style.page_lines, style.header, style.footer, make)
    text_lines, gold = [], []
    for e in entries:
        if e is None:
            if text_lines and text_lines[-1] != "":
                text_lines.append("")
            continue
        gl, kind = e
        text_lines.append(" " * style.indent.get(kind, 0) + gl.text + " " * style.trailing.get(kind, 0))
        gold.append(gl)
    while text_lines and text_lines[-1] == "":
        text_lines.pop()
    return ("\n".join(text_lines) + "\n").encode("utf-8"), gold
