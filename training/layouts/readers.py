"""Line readers that agree with the gold: the logical lines of a rendered file.

``html_lines`` gives one line per block element (inline markup joined, white space folded,
table rows as cells joined by " │ ", a ``data-title`` not printed in its element as a line of
its own), ``pdf_lines`` the PDF text layer line by line (pypdf),
``docx_lines`` paragraphs and table rows. A labeller trained on :class:`SynDoc` gold reads its
input with these so its lines and the gold lines correspond one to one.
"""

from __future__ import annotations

import io
import re

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "section", "article", "main", "ul", "ol",
              "table", "tbody", "thead", "tr", "summary", "details", "dt", "dd", "dl", "blockquote", "pre",
              "header", "footer", "nav", "aside", "figure", "figcaption", "caption", "body", "form"}
SKIP_TAGS = {"script", "style", "head", "template", "noscript"}
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    return _WS.sub(" ", text).strip()


def title_printed(title: str, element_text: str) -> bool:
    """Whether an attribute title is printed in its element anyway (then it is not a line)."""
    return title.lower() in element_text[:600].lower()


def html_lines(html: str | bytes) -> list[str]:
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString, Tag

    if isinstance(html, bytes):
        html = html.decode("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    lines: list[str] = []
    buf: list[str] = []

    def flush():
        if buf:
            t = fold("".join(buf))
            if t:
                lines.append(t)
            buf.clear()

    def walk(node):
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction"):
                    continue
                buf.append(str(child))
            elif isinstance(child, Tag):
                name = child.name.lower()
                if name in SKIP_TAGS:
                    continue
                if name == "br":
                    flush()
                elif name == "tr":
                    flush()
                    cells = [fold(c.get_text("")) for c in child.find_all(["td", "th"], recursive=False)]
                    t = " │ ".join(cells)
                    if fold(t):
                        lines.append(t)
                elif name in BLOCK_TAGS:
                    flush()
                    title = fold(child.get("data-title") or "")
                    if title and not title_printed(title, fold(child.get_text(""))):
                        lines.append(title)  # a title carried only in an attribute
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(soup)
    flush()
    return lines


def pdf_lines(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    out = []
    for page in reader.pages:
        for line in (page.extract_text() or "").splitlines():
            if line.strip():
                out.append(fold(line))
    return out


def docx_lines(data: bytes) -> list[str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    out = []
    for el in document.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            t = fold(Paragraph(el, document).text)
            if t:
                out.append(t)
        elif tag == "tbl":
            for row in Table(el, document).rows:
                out.append(" │ ".join(fold(c.text) for c in row.cells))
    return out


def txt_lines(data: bytes) -> list[str]:
    return [line.strip() for line in data.decode("utf-8").splitlines() if line.strip()]


def lines_of(fmt: str, data: bytes) -> list[str]:
    return {"txt": txt_lines, "html": html_lines, "pdf": pdf_lines, "docx": docx_lines}[fmt](data)
