"""An item's fields (title, Sagen kort, Indstilling, Beslutning) with document offsets, from the one
item view (``nlp.doc.section_parts``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span

from ..doc import doc_text as _doc_text
from ..doc import section_parts
from ..text import sentence_spans
from .labels import FIELDS

# --------------------------------------------------------------------------------------------
# Item fields: the text a prediction reads, with offsets for evidence


@dataclass
class Field:
    """One field of an item: its printed parts as (doc char offset, text) and whether it is printed."""

    name: str
    parts: list[tuple[int, str]] = field(default_factory=list)
    present: bool = False

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.parts)

    @property
    def blank(self) -> bool:
        return not self.text.strip(" -–—\n\t.")

    def sentences(self) -> list[tuple[int, int, str]]:
        """Sentences as (doc start, doc end, text) (``nlp.text``: each line splits further)."""
        return [(off + a, off + b, text[a:b])
                for off, text in self.parts for a, b in sentence_spans(text, trim="")]


def _empty_fields(item: Span, doc_text: str) -> dict[str, Field]:
    fields = {name: Field(name) for name in FIELDS}
    title = item._.rar_title
    if title:
        header_end = doc_text.find("\n", item.start_char)
        header_end = item.end_char if header_end < 0 else min(header_end, item.end_char)
        at = doc_text.find(title, item.start_char, header_end)
        fields["title"] = Field("title", [(at if at >= 0 else item.start_char, title)], True)
    return fields


def _add_section(fields: dict[str, Field], sec: Span, doc_text: str) -> None:
    name = sec._.rar_section
    if name in fields:
        fields[name].present = True
        text = doc_text[sec.start_char:sec.end_char]  # = sec.text, without visiting its tokens
        if text.strip():
            fields[name].parts.append((sec.start_char, text))


def item_fields(item: Span, doc_text: str | None = None) -> dict[str, Field]:
    """Title, Sagen kort, Indstilling and Beslutning of an item span (all printed parts of each).

    doc_text: ``item.doc.text`` if already at hand (spaCy rebuilds it from the tokens on each access).
    """
    text = _doc_text(item.doc) if doc_text is None else doc_text
    fields = _empty_fields(item, text)
    for parts in section_parts(item).values():
        for sec in parts:
            _add_section(fields, sec, text)
    return fields


def field_texts(fields: dict[str, Field], names: Sequence[str]) -> dict[str, str]:
    return {n: fields[n].text for n in names}
