"""Word (.docx) rendering with python-docx (optional): one paragraph per gold line (Word wraps
itself), headings as Heading styles, run-in headings as a bold run, table rows as table rows."""

from __future__ import annotations

import datetime as dt
import io

from .model import Block, GoldLine


def docx_available() -> bool:
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return True


def render_docx(blocks: list[Block], *, title: str = "") -> tuple[bytes, list[GoldLine]]:
    try:
        import docx
        from docx.shared import Pt
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("fmt='docx' needs python-docx (pip install python-docx)") from err

    document = docx.Document()
    props = document.core_properties
    props.title = title
    props.author = "rar-nlp syntetisk"
    fixed = dt.datetime(2025, 1, 1)
    props.created = props.modified = fixed
    props.last_modified_by = "rar-nlp"
    props.revision = 1
    gold: list[GoldLine] = []
    table = None
    for blk in blocks:
        content = blk.text[len(blk.prefix):].strip() if (blk.role == "section" and blk.prefix is not None) else None
        gold.append(GoldLine(blk.text, blk.role, blk.section, content, blk.item,
                             blk.in_section if blk.role == "body" else None))
        if blk.kind == "row":
            cells = blk.cells or [blk.text]
            if table is None or len(table.columns) != len(cells):
                table = document.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            row = table.add_row()
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
                if blk.role == "furniture":
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            continue
        table = None
        if blk.kind == "title":
            document.add_heading(blk.text, level=1)
        elif blk.kind == "h2":
            document.add_heading(blk.text, level=2)
        elif blk.kind == "h3" and blk.role != "furniture":
            document.add_heading(blk.text, level=3)
        else:
            par = document.add_paragraph()
            if blk.prefix is not None and blk.text.startswith(blk.prefix):
                run = par.add_run(blk.prefix)
                run.bold = True
                par.add_run(blk.text[len(blk.prefix):])
            else:
                run = par.add_run(blk.text)
                if blk.kind in ("label", "h3"):
                    run.bold = True
                if blk.kind in ("meta", "ui"):
                    run.font.size = Pt(8)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), gold
