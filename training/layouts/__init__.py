"""Synthetic layout generator: invented meetings rendered in the layout families of real Danish
meeting documents, as text, HTML, PDF and (with python-docx) .docx, with gold per logical line.

    from training.layouts import FAMILIES, load_publishers, render, generate
    pubs = load_publishers()
    doc = render(pubs[0], pubs[0]["meetings"][0], "pkt_sagsnr", "html", seed=1)
    for line in doc.lines: print(line.role, line.text)

See corpora/SYNTHETIC_LAYOUTS.md for the families, the roles and how the gold is defined.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import asdict

from .builder import Builder
from .content import load_publishers, slug
from .families import FAMILIES, FAMILY_LIST, FAMILY_MAP, Family
from .model import ROLES, SECTION_NAMES, GoldItem, GoldLine, GoldSection, SynDoc
from .readers import docx_lines, html_lines, lines_of, pdf_lines, txt_lines
from .render_docx import docx_available, render_docx
from .render_html import render_html
from .render_pdf import latin1_safe, render_pdf, unicode_font_available
from .render_text import render_txt

FORMATS = ("txt", "html", "pdf", "docx")

__all__ = [
    "FAMILIES", "FAMILY_LIST", "FORMATS", "ROLES", "SECTION_NAMES", "Family", "GoldItem", "GoldLine", "GoldSection",
    "SynDoc", "doc_to_dict", "docx_available", "docx_lines", "generate", "html_lines", "lines_of", "load_publishers",
    "pdf_lines", "render", "txt_lines",
]


def _fix_furniture_membership(lines: list[GoldLine]) -> None:
    """Page furniture between two lines of the same item belongs to that item's span."""
    for k, gl in enumerate(lines):
        if gl.role == "furniture" and gl.item is None and 0 < k < len(lines) - 1:
            prev = next((x.item for x in reversed(lines[:k]) if x.role != "furniture" or x.item is not None), None)
            nxt = next((x.item for x in lines[k + 1:] if x.role != "furniture" or x.item is not None), None)
            if prev is not None and prev == nxt:
                gl.item = prev


def _titles_in_attributes(b: Builder, seed: int, noise: float) -> None:
    """Some web pages carry item headers only in an attribute of the item's container
    (``<section data-title="3. …">``): with a seeded chance a page's one-line headers move there."""
    import random

    if random.Random(_seed(seed, "attr")).random() >= noise:
        return
    heads = [blk for blk in b.blocks if blk.role == "item"]
    one_line = all(sum(1 for x in heads if x.item == blk.item) == 1 for blk in heads)
    titles = {blk.item: (b.items[blk.item].title or "") for blk in heads if blk.item is not None}
    printed_elsewhere = any(x.role != "item" and x.item in titles and titles[x.item] and titles[x.item] in x.text
                            for x in b.blocks)  # a reader would then not take the title from the attribute
    first = {}
    for x in b.blocks:
        first.setdefault(x.item, x)
    opens = all(first.get(blk.item) is blk for blk in heads)  # the attribute stands on the item's container
    if heads and one_line and opens and not printed_elsewhere and not any(blk.role == "item_cont" for blk in b.blocks):
        for blk in heads:
            if blk.kind == "h2":
                blk.kind = "attr"


def render(publisher: dict, meeting: dict, family: str, fmt: str, *, seed: int, noise: float = 0.3) -> SynDoc:
    """Render one meeting of one publisher in one family and format. Deterministic in ``seed``;
    ``noise`` (0 = clean) scales the seeded noise events (residue, gluing, lost numbers, OCR …)."""
    if family not in FAMILY_MAP:
        raise ValueError(f"unknown family {family!r}; known: {', '.join(FAMILIES)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    fam = FAMILY_MAP[family]
    safe = latin1_safe if fmt == "pdf" and not unicode_font_available() else None
    b = Builder(publisher, meeting, family, fmt, seed, noise, safe=safe)
    fam.build(b)
    title = f"{b.safe(meeting.get('kind', 'referat').capitalize())} - {b.safe(publisher['body'])} - {meeting['date']}"
    if fmt == "txt":
        data, lines = render_txt(b.blocks, b.text_style, b.frng)
    elif fmt == "html":
        if fam.web:
            _titles_in_attributes(b, seed, noise)
        data, lines = render_html(b.blocks, title=title, web=fam.web, item_attrs=b.item_attrs)
    elif fmt == "pdf":
        data, lines = render_pdf(b.blocks, b.pdf_style, b.frng, title=title)
    else:
        data, lines = render_docx(b.blocks, title=title)
    _fix_furniture_membership(lines)
    body = publisher["body"]
    name = f"{family}__{slug(publisher.get('publisher') or body)}__{meeting['date']}__{seed}.{fmt}"
    meta = {"kind": meeting.get("kind", "referat"), "body": body, "date": meeting.get("date"),
            "municipality": publisher.get("municipality"), "region": publisher.get("region"),
            "council": publisher.get("council"), "publisher": publisher.get("publisher"),
            "publisher_kind": publisher.get("publisher_kind")}
    return SynDoc(name=name, family=family, publisher=publisher.get("publisher") or body, fmt=fmt, data=data,
                  lines=lines, items=b.items, meeting=meta)


def doc_to_dict(doc: SynDoc) -> dict:
    """The gold of one document as plain JSON-able data (without the file bytes)."""
    return {"name": doc.name, "family": doc.family, "publisher": doc.publisher, "fmt": doc.fmt,
            "meeting": doc.meeting, "lines": [asdict(gl) for gl in doc.lines],
            "items": [asdict(it) for it in doc.items]}


def _seed(*parts) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode("utf-8"))


def generate(*, fmts=("txt", "html", "pdf"), seed: int = 0, families=None, per_family: int = 4,
             publishers: list[dict] | None = None, noise: float = 0.3) -> Iterator[SynDoc]:
    """Yield ``per_family`` meetings per family, each in every format of ``fmts`` (deterministic).

    The meetings of one family come from as many different publishers as there are, and
    consecutive families start at different publishers, so leave-one-layout-out splits see the
    same content in other layouts."""
    pubs = publishers if publishers is not None else load_publishers()
    if not pubs:
        raise ValueError("no publisher content files found")
    if "docx" in fmts and not docx_available():
        raise ImportError("fmt 'docx' needs python-docx in the environment")
    fams = list(families) if families is not None else list(FAMILIES)
    # one queue of meetings per publisher, taken round-robin
    for family in fams:
        if family not in FAMILY_MAP:
            raise ValueError(f"unknown family {family!r}")
        fi = FAMILIES.index(family)  # the same picks whatever subset of families is asked for
        order = list(range(len(pubs)))
        shift = (fi * 5 + seed) % len(pubs)
        order = order[shift:] + order[:shift]
        picks = []
        k = 0
        while len(picks) < per_family:
            p = order[k % len(order)]
            meetings = pubs[p]["meetings"]
            m = (k // len(order) + fi + p + seed) % len(meetings)
            picks.append((p, m))
            k += 1
        for j, (p, m) in enumerate(picks):
            doc_seed = _seed(seed, family, j, p, m)
            for fmt in fmts:
                yield render(pubs[p], pubs[p]["meetings"][m], family, fmt, seed=doc_seed, noise=noise)
