"""Data model of the synthetic layout generator: gold lines, gold items, documents, blocks.

A family turns one invented meeting into a list of :class:`Block` (logical lines with a role
and a style) plus the gold items; a renderer turns the blocks into file bytes and the gold
lines of that rendering (wrapping, pagination and page furniture are per format).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("item", "item_cont", "group", "section", "body", "toc", "furniture", "closing")

SECTION_NAMES = ("sagen_kort", "indstilling", "beslutning", "sagsfremstilling", "baggrund", "sagsforloeb",
                 "oekonomi", "videre_proces", "bilag", "other")


@dataclass
class GoldLine:
    """One logical line of the rendered document, in reading order.

    ``section`` is the canonical section name when ``role == "section"``. For a run-in or glued
    heading ("Beslutning: Godkendt.", "BeslutningGodkendt.") the role is "section" and
    ``content`` is the text after the heading on that line. ``item`` is the index into
    :attr:`SynDoc.items` of the item the line belongs to (None outside items: cover, table of
    contents, group headings, closing); ``in_section`` is the canonical section a body line
    belongs to (None for text outside sections).
    """

    text: str
    role: str
    section: str | None = None
    content: str | None = None
    item: int | None = None
    in_section: str | None = None


@dataclass
class GoldSection:
    name: str
    heading: str | None
    text: str


@dataclass
class GoldItem:
    """What a perfect segmenter returns for one item: number/title/marker as printed (None where
    the rendering does not print them), sections with their printed headings and texts.
    ``ref`` carries the content's reference labels (types, outcome, proposed, summary, votes)."""

    number: str | None
    title: str | None
    marker: str | None
    closed: bool
    sections: list[GoldSection]
    ref: dict = field(default_factory=dict)


@dataclass
class SynDoc:
    name: str
    family: str
    publisher: str
    fmt: str  # "txt" | "html" | "pdf" | "docx"
    data: bytes
    lines: list[GoldLine]
    items: list[GoldItem]
    meeting: dict  # kind, body, date (ISO), municipality, region, council

    def text(self) -> str:
        """The gold lines joined by newlines (what a perfect reader gives)."""
        return "\n".join(line.text for line in self.lines)


# Block kinds and how renderers treat them:
#   title  document title (big, bold)         h2  item header (bold)      h3  section heading / group
#   label  bold label line                     p   paragraph (wraps)        li  list entry (wraps, indented)
#   meta   small furniture line                ui  web UI residue           row table row (cells)
#   toc    table-of-contents entry             sig signature line
#   attr   (HTML only) an item title carried only in the data-title attribute of the item's container
KINDS = ("title", "h2", "h3", "label", "p", "li", "meta", "ui", "row", "toc", "sig", "attr")


@dataclass
class Block:
    """A logical line before wrapping. ``prefix`` is the heading part of a run-in/glued heading
    (rendered bold, never split by wrapping); ``cells`` are the cells of a table row (``text``
    is then the cells joined by " │ ")."""

    text: str
    role: str
    kind: str = "p"
    section: str | None = None
    prefix: str | None = None
    item: int | None = None
    in_section: str | None = None
    wrap: bool = True
    cells: list[str] | None = None
    space_before: bool = False  # a visual gap (blank line in text) before this block
    column: int = 0  # 0 = full width; 1 = left label column; 2 = right content column (two-column PDF)
    css: str | None = None  # HTML class of a UI element ("cookie-banner", "menu", "breadcrumb")
