"""Plain results of segmentation: items, sections, meeting metadata, and the per-line record."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    name: str
    start: int
    end: int
    heading: str | None = None  # the printed label ("Anledning", "Referat"); None for "other"
    confidence: float = 1.0


@dataclass
class Item:
    start: int
    end: int
    number: str | None = None
    title: str | None = None
    marker: str | None = None
    sections: list[Section] = field(default_factory=list)
    confidence: float = 1.0
    body_start: int | None = None  # where its first label line starts
    closed: bool = False  # "Lukket punkt": a header and little or no text
    type_word: str | None = None  # type printed as a word ("Beslutningssag" -> "B")


@dataclass
class Meeting:
    kind: str | None = None  # "referat" | "dagsorden" | "beslutningsprotokol"
    council: str | None = None  # RAR council ("RAR Fyn") for RAR documents
    date: str | None = None  # ISO 8601
    body: str | None = None  # the meeting body as printed ("Beskæftigelsesudvalget"), or the council
    municipality: str | None = None  # when the body belongs to one
    region: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "council": self.council, "date": self.date, "body": self.body,
                "municipality": self.municipality, "region": self.region, "confidence": dict(self.confidence)}


@dataclass
class Line:
    start: int
    end: int
    text: str
    para_break: bool  # a blank line precedes it
    kind: str = "text"  # text | header | group | label | closing
    number: str | None = None
    title: str | None = None
    marker: str | None = None
    number_dot: bool = False
    label: tuple[str, str, int, bool] | None = None  # (printed, canonical, content offset, colon)
    blank_after: bool = False
    block: dict | None = None  # the reader's layout block this line starts in (typography, tag)
    first_in_block: bool = True
    role: str | None = None  # the labeller's role (see labeller.ROLES)
    closed: bool = False
    type_word: str | None = None
    confidence: float = 1.0


