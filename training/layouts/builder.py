"""The builder a family writes a document with: logical blocks plus the gold items, in one pass.

Every string goes through :meth:`Builder.t` once (OCR damage for text renderings, a latin-1 safe
mapping for PDFs without a Unicode font), and the same transformed string is used for the block
and for the gold, so the gold always describes the rendered document.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from .content import DEFAULT_HEADINGS, paragraphs
from .model import Block, GoldItem, GoldSection
from .noise import ocr_damage

_LIST = re.compile(r"^(?:[-•–]\s|\d{1,2}[.)]\s|[a-h]\)\s)")


class Builder:
    def __init__(self, pub: dict, meeting: dict, family: str, fmt: str, seed: int, noise: float,
                 safe: Callable[[str], str] | None = None) -> None:
        key = f"{seed}|{family}|{pub.get('publisher')}|{meeting.get('date')}"
        self.rng = random.Random(key)  # structural choices: the same for every format
        self.frng = random.Random(key + "|" + fmt)  # format-specific choices (OCR, wrapping)
        self.pub, self.meeting, self.family, self.fmt = pub, meeting, family, fmt
        self.noise = max(0.0, float(noise))
        self.safe = safe or (lambda s: s)
        self.ocr_rate = 0.0
        self.blocks: list[Block] = []
        self.items: list[GoldItem] = []
        self.item_attrs: dict[int, dict] = {}
        self.cur: int | None = None
        self.bullet = "-"  # how "- " list entries are printed
        self.space_next = False

    # --- randomness -------------------------------------------------------------------------
    def chance(self, base: float) -> bool:
        """A noise event: probability ``base * noise`` (none at noise 0)."""
        return self.rng.random() < min(1.0, base * self.noise)

    def pick(self, seq):
        return self.rng.choice(list(seq))

    # --- text -------------------------------------------------------------------------------
    def t(self, text: str) -> str:
        if text is None:
            return None
        if self.fmt == "txt" and self.ocr_rate > 0:
            text = ocr_damage(text, self.frng, self.ocr_rate)
        return self.safe(text)

    def heading(self, name: str, section: dict | None = None) -> str:
        if name == "other":
            return (section or {}).get("heading") or DEFAULT_HEADINGS["other"]
        return (self.pub.get("vocabulary") or {}).get(name) or DEFAULT_HEADINGS[name]

    # --- blocks -----------------------------------------------------------------------------
    def add(self, text: str, role: str, kind: str = "p", **kw) -> Block:
        # white space folds (as a reader of HTML/PDF/docx gives it); text keeps deliberate runs of spaces
        text = re.sub(r"[ \t\r\n\f\v]+" if self.fmt != "txt" else r"[\t\r\n\f\v]+", " ",
                      text).strip()
        blk = Block(text=text, role=role, kind=kind, **kw)
        if self.space_next:
            blk.space_before = True
            self.space_next = False
        self.blocks.append(blk)
        return blk

    def gap(self) -> None:
        self.space_next = True

    def cover(self, text: str, kind: str = "meta", **kw) -> Block:
        return self.add(self.t(text), "furniture", kind, item=None, **kw)

    def furniture(self, text: str, kind: str = "meta", **kw) -> Block:
        return self.add(self.t(text), "furniture", kind, item=self.cur, **kw)

    def ui(self, text: str, **kw) -> Block:
        return self.add(self.t(text), "furniture", "ui", item=self.cur, **kw)

    def toc(self, text: str, kind: str = "toc", **kw) -> Block:
        return self.add(text, "toc", kind, item=None, wrap=False, **kw)

    def row(self, cells: list[str], role: str = "toc") -> Block:
        cells = [re.sub(r"\s+", " ", c).strip() for c in cells]
        return self.add(" │ ".join(cells), role, "row", item=None if role == "toc" else self.cur, wrap=False,
                        cells=cells)

    def group(self, text: str, kind: str = "h3") -> Block:
        self.cur = None
        return self.add(text, "group", kind, item=None)

    def closing(self, text: str, kind: str = "p") -> Block:
        self.cur = None
        return self.add(self.t(text), "closing", kind, item=None)

    # --- items ------------------------------------------------------------------------------
    def new_item(self, number: str | None, title: str | None, marker: str | None, closed: bool, src: dict,
                 attrs: dict | None = None) -> int:
        ref = {k: src.get(k) for k in ("types", "outcome", "proposed", "with_remarks", "votes", "summary")}
        ref["content_number"] = src.get("number")
        ref["content_title"] = src.get("title")
        self.items.append(GoldItem(number=number, title=title, marker=marker, closed=closed, sections=[], ref=ref))
        self.cur = len(self.items) - 1
        if attrs:
            self.item_attrs[self.cur] = attrs
        return self.cur

    def item_line(self, text: str, kind: str = "h2", **kw) -> Block:
        return self.add(text, "item", kind, item=self.cur, **kw)

    def item_cont(self, text: str, kind: str = "h2") -> Block:
        return self.add(text, "item_cont", kind, item=self.cur)

    # --- sections ---------------------------------------------------------------------------
    def section(self, name: str, heading: str | None, text: str | None, form: str = "alone", *, sep: str = ": ",
                heading_kind: str = "h3", ui_prefix: str | None = None, defer: bool = False, colon: bool = False,
                column: int = 0) -> GoldSection:
        """Emit one section of the current item and record it in the gold.

        ``form``: "alone" (heading on its own line), "runin" (heading + sep + first paragraph),
        "glued" (heading immediately followed by the first paragraph: a lost line break),
        "prefixed" (a UI word before the heading on the same line), "label" (heading only; with
        ``defer`` the contents are emitted later with :meth:`contents`). ``colon`` prints
        "Heading:" for the alone/label/glued forms (the gold heading has no colon). A ``heading``
        of None prints the text without any heading (gold heading None)."""
        heading_t = self.t(heading) if heading is not None else None
        paras = self._prep(text)
        sec = GoldSection(name=name, heading=heading_t, text="\n".join(p for p, _ in paras))
        if self.cur is not None:
            self.items[self.cur].sections.append(sec)
        rest = paras
        if heading_t is None:
            self.paras(rest, name)
            return sec
        shown = heading_t + (":" if colon else "")
        if form == "glued" and not paras:
            form = "alone"
        if form == "runin":
            head = heading_t + sep.rstrip()
            if paras and not paras[0][1]:
                self.add(head + (sep[len(sep.rstrip()):] or "") + paras[0][0], "section", "p", section=name,
                         prefix=head, item=self.cur, column=column)
                rest = paras[1:]
            else:
                self.add(head, "section", "label", section=name, item=self.cur, wrap=False, column=column)
        elif form == "glued":
            if paras[0][1]:
                self.add(shown, "section", heading_kind, section=name, item=self.cur, wrap=False, column=column)
            else:
                self.add(shown + paras[0][0], "section", "p", section=name, prefix=shown, item=self.cur, column=column)
                rest = paras[1:]
        elif form == "prefixed":
            self.add(f"{self.t(ui_prefix)} {shown}", "section", heading_kind, section=name, item=self.cur,
                     wrap=False, column=column)
        else:  # alone / label
            self.add(shown, "section", heading_kind, section=name, item=self.cur, wrap=False, column=column)
        if defer:
            sec._pending = rest  # type: ignore[attr-defined]
        else:
            self.paras(rest, name)
        return sec

    def heading_line(self, name: str, text: str, kind: str = "h3") -> GoldSection:
        """A decision line or other heading whose whole text is the heading ("Beslutning i
        Beskæftigelsesudvalget den 4. marts 2024", "Økonomiudvalget, 04-03-2024, pkt. 12")."""
        return self.section(name, text, None, "alone", heading_kind=kind)

    def paras(self, paras: list[tuple[str, bool]], name: str | None, kind: str = "p", column: int = 0) -> None:
        for p, is_list in paras:
            self.add(p, "body", "li" if is_list else kind, item=self.cur, in_section=name, column=column)

    def body_text(self, sec: GoldSection, text: str | None) -> None:
        """Append raw text to a section (transformed, recorded in the gold)."""
        paras = self._prep(text)
        if not paras:
            return
        sec.text = "\n".join([*([sec.text] if sec.text else []), *(p for p, _ in paras)])
        self.paras(paras, sec.name)

    def contents(self, sec: GoldSection, column: int = 0) -> None:
        self.paras(getattr(sec, "_pending", []), sec.name, column=column)
        if hasattr(sec, "_pending"):
            del sec._pending  # type: ignore[attr-defined]

    def _prep(self, text: str | None) -> list[tuple[str, bool]]:
        """Transformed paragraphs with a list flag. Bullets "- " print as ``self.bullet``; in HTML
        and docx a bullet is markup, not text, so it is dropped from the line."""
        out = []
        for p in paragraphs(text):
            p = self.t(p)
            is_list = bool(_LIST.match(p))
            if p.startswith(("- ", "• ")):
                if self.fmt in ("html", "docx"):
                    p = p[2:].strip()
                elif self.bullet != "-":
                    p = f"{self.bullet} {p[2:]}"
            out.append((p, is_list))
        return out
