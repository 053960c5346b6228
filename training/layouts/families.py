"""The layout families: one build function per family turns a meeting into blocks and gold.

Each family models one shape of real Danish meeting documents (see corpora/SYNTHETIC_LAYOUTS.md
and /work/shared/LAYOUTS.md): how item headers look, how section headings are printed, what
furniture surrounds them, and the document around the items. All text comes from the content
files or from the small invented formulas below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from .builder import Builder
from .content import (
    abbreviation,
    bare_title,
    clock,
    days_before,
    dmy,
    genitive,
    is_agenda,
    kind_word,
    long_date,
    marker_text,
    paragraphs,
    person_name,
    type_word,
    weekday,
)
from .model import SECTION_NAMES
from .noise import (
    COOKIE_BUTTONS,
    COOKIE_LINES,
    FOOTER_LINES,
    ITEM_UI,
    NAV_LINES,
    case_emn,
    case_sagsnr,
    case_slash,
    initials,
    kle,
)
from .readers import fold, title_printed
from .render_pdf import PdfStyle
from .render_text import TextStyle


@dataclass(frozen=True)
class Family:
    name: str
    description: str
    build: Callable[[Builder], None]
    web: bool = False  # HTML as a municipal web page (menu, accordions) rather than a converted document


# --- shared helpers --------------------------------------------------------------------------

def ctx(b: Builder) -> SimpleNamespace:
    m, p = b.meeting, b.pub
    iso = m["date"]
    return SimpleNamespace(
        body=p["body"], kind=kind_word(m), iso=iso, long=long_date(iso), wd=weekday(iso), dmy=dmy(iso),
        year=int(iso[:4]), time=m.get("time") or "15.00", end=clock(m.get("time"), b.rng.choice([75, 95, 120, 150])),
        place=m.get("place") or "Rådhuset", parts=list(m.get("participants") or []),
        absent=list(m.get("absent") or []), agenda=is_agenda(m), items=list(m.get("items") or []),
        pubname=p.get("publisher") or p["body"])


def group_text(b: Builder, it: dict, g: str) -> str:
    """A group heading as printed: the content's own numbering kept, else the number of the
    items' prefix ("2" for items 2.1, 2.2)."""
    if re.match(r"^\s*(?:\d+|[A-Z])[.)]\s", g):
        return b.t(g)
    num = str(it.get("number") or "")
    gnum = num.split(".")[0] if "." in num else None
    return b.t(f"{gnum}. {g}" if gnum else g)


def names(entries: list[str]) -> list[str]:
    return [person_name(e) for e in entries]


def section_list(b: Builder, c, it: dict, *, order: tuple[str, ...] | None = None, agenda_decision: str = "auto"):
    """(name, section dict, text) of an item, in printed order; for an agenda the empty decision
    is printed as "-", printed empty, or left out (``agenda_decision`` "dash"/"empty"/"skip"/"auto")."""
    secs = []
    for s in it.get("sections") or []:
        name = s.get("name") if s.get("name") in SECTION_NAMES else "other"
        text = s.get("text") or ""
        if name == "beslutning" and c.agenda and text.strip() in ("", "-"):
            mode = agenda_decision if agenda_decision != "auto" else c.agenda_mode
            if mode == "skip":
                continue
            text = "-" if mode == "dash" else ""
        secs.append((name, s, text))
    if order:
        rank = {n: i for i, n in enumerate(order)}
        secs.sort(key=lambda x: rank.get(x[0], len(order)))
    return secs


def number_lists(text: str) -> str:
    """Proposals as a numbered list ("1. at ...") instead of bullets or bare "at" lines."""
    paras = paragraphs(text)
    k = 0
    out = []
    for p in paras:
        q = p[2:] if p.startswith("- ") else p
        if q.startswith("at "):
            k += 1
            out.append(f"{k}. {q}")
        else:
            out.append(p)
    return "\n".join(out) if k >= 1 else text


def emit_sections(b: Builder, c, it: dict, *, form: str = "alone", sep: str = ": ", colon: bool = False,
                  heading_kind: str = "h3", order=None, decision_heading: Callable[[dict], str] | None = None,
                  glue: float = 0.0, glue_fixed: float = 0.0, upper: bool = False, rename: dict | None = None,
                  ui_prefix: str | None = None, numbered: bool = False, extra: list | None = None,
                  agenda_decision: str = "auto") -> None:
    """The common case: every section of the item with one heading form (plus seeded gluing)."""
    secs = section_list(b, c, it, agenda_decision=agenda_decision)
    if extra:
        pos = next((i for i, s in enumerate(secs) if s[0] in ("indstilling", "beslutning")), len(secs))
        secs[pos:pos] = extra
    if order:
        rank = {n: i for i, n in enumerate(order)}
        secs.sort(key=lambda x: rank.get(x[0], len(order)))
    for name, s, text in secs:
        if numbered and name == "indstilling":
            text = number_lists(text)
        if name == "beslutning" and decision_heading is not None:
            sec = b.heading_line("beslutning", decision_heading(it))
            b.body_text(sec, text)
            continue
        heading = (rename or {}).get(name) or b.heading(name, s)
        if upper:
            heading = heading.upper()
        f = form
        if text.strip() and (b.rng.random() < glue_fixed or b.chance(glue)):
            f = "glued"
        b.section(name, heading, text, f, sep=sep, colon=colon, heading_kind=heading_kind, ui_prefix=ui_prefix)


def closed_title(b: Builder, it: dict, variants=("punkt", "kolon", "suffix", "bare")) -> tuple[str, str | None]:
    """(printed title text, gold title) of a closed item."""
    title = b.t(bare_title(it.get("title") or ""))
    v = b.pick(variants)
    if v == "punkt":
        return f"Lukket punkt: {title}", title
    if v == "kolon":
        return f"Lukket: {title}", title
    if v == "sag":
        return f"Lukket sag: {title}", title
    if v == "suffix":
        return f"{title} (Lukket)", title
    return "Lukket punkt", None


def marker_for(b: Builder, it: dict) -> str | None:
    m = marker_text(it.get("types") or [], b.rng)
    if m and b.fmt == "txt" and b.ocr_rate > 0 and "O" in m and b.frng.random() < 0.5:
        m = m.replace("O", "0")
    return m


def maybe_number(b: Builder, number: str, p: float = 0.05) -> str | None:
    return None if b.chance(p) else number


def running_numbers(b: Builder, items: list[dict]) -> list[str]:
    """Numbers running across the year: kept when the content already has them, else invented."""
    nums = [str(it.get("number") or "") for it in items]
    if nums and all(n.isdigit() for n in nums) and int(nums[0]) >= 10:
        return nums
    start = b.rng.randint(14, 240)
    return [str(start + i) for i in range(len(items))]


def set_styles(b: Builder, text: TextStyle, pdf: PdfStyle | None = None) -> None:
    b.text_style = text
    b.pdf_style = pdf or PdfStyle(header=text.header, footer=text.footer, hyphenate=text.hyphenate,
                                  date_break=text.date_break)


def web_top(b: Builder, c) -> None:
    for line in b.rng.sample(NAV_LINES, 2):
        b.ui(line, css="menu")
    if b.rng.random() < 0.7:
        b.ui(b.pick(COOKIE_LINES), css="cookie-banner")
        b.ui(b.pick(COOKIE_BUTTONS), css="cookie-banner")
    b.ui(f"Forside › Politik › Dagsordener og referater › {c.body}", css="breadcrumb")


def web_bottom(b: Builder) -> None:
    b.cur = None
    for line in b.rng.sample(FOOTER_LINES, 2):
        b.cover(line, "ui")


def web_print_furniture(c, url: str):
    def header(n: int) -> str:
        return f"{c.dmy.replace('-', '.')} {c.time}  {c.kind} - {c.body}"

    def footer(n: int, total: int) -> str:
        return f"{url}  {n}/{total}"

    return header, footer


def closing_lines(b: Builder, c, p: float = 0.6) -> None:
    """The end of minutes: 'Mødet sluttede kl. …', sometimes the minute-taker or signatures."""
    if c.agenda or b.rng.random() >= p:
        return
    b.gap()
    b.closing(b.pick([f"Mødet sluttede kl. {c.end}.", f"Mødet hævet kl. {c.end}.", f"Mødet sluttede kl. {c.end}"]))
    if b.rng.random() < 0.3 and c.parts:
        b.closing(f"Referent: {person_name(c.parts[-1])}")
    elif b.rng.random() < 0.3 and c.parts:
        b.closing("Underskriftsblad", "label")
        for p_ in names(c.parts)[:4]:
            b.closing(f"{'_' * 20} {p_}", "sig")


def _decision_line(c) -> Callable[[dict], str]:
    def line(it: dict) -> str:
        return f"Beslutning i {c.body} den {c.dmy}"

    return line


def date_break(b: Builder) -> float:
    return min(1.0, 0.8 * b.noise)


# --- families ----------------------------------------------------------------------------------

def build_rar_inline(b: Builder) -> None:
    """RAR minutes as PDF text: '- 1.1. Title (B)' under numbered groups, inline 'Label: text'."""
    c = ctx(b)
    c.agenda_mode = "dash"
    if b.chance(0.3):
        b.ocr_rate = 0.02
    pages = b.rng.random() < 0.5
    set_styles(b, TextStyle(width=b.rng.randint(86, 100), spacing="double", hyphenate=0.5,
                            date_break=date_break(b), page_lines=b.rng.randint(34, 44) if pages else None,
                            footer=(lambda n, t: str(n)) if pages else None))
    b.bullet = b.pick(["-", "•"])
    b.cover(c.kind, "title")
    b.cover(f"af møde i {c.body}")
    b.cover(f"{c.wd.capitalize()} den {c.long} kl. {c.time}-{c.end}")
    b.cover(f"Sted: {c.place}")
    if c.parts:
        b.cover("Deltagere: " + ", ".join(c.parts))
    if c.absent:
        b.cover("Afbud: " + ", ".join(c.absent))
    group = None
    for it in c.items:
        g = it.get("group")
        if g and g != group:
            b.gap()
            b.group(group_text(b, it, g))
        group = g
        num = maybe_number(b, str(it.get("number")), 0.05)
        if it.get("closed"):
            shown, title = closed_title(b, it, ("punkt", "kolon"))
            marker = None
        else:
            shown = title = b.t(it.get("title") or "")
            marker = marker_for(b, it)
        b.new_item(num, title, marker, bool(it.get("closed")), it)
        head = f"- {num}. {shown}" if num else f"- {shown}"
        b.gap()
        b.item_line(head + (f" ({marker})" if marker else ""))
        emit_sections(b, c, it, form="runin", glue=0.15)
    if not c.agenda:
        b.gap()
        b.closing(f"Mødet sluttede kl. {c.end}.")


def build_rar_linestart_toc(b: Builder) -> None:
    """RAR minutes with cover, TOC with dot leaders, labels at line start without colon, page headers."""
    c = ctx(b)
    c.agenda_mode = "skip"
    head = f"{c.kind} af {genitive(c.body)} møde den {c.long}"
    set_styles(b, TextStyle(width=80, spacing="none", hyphenate=0.6, date_break=date_break(b),
                            page_lines=b.rng.randint(38, 52), header=lambda n: head, footer=lambda n, t: str(n)))
    dash = b.rng.random() < 0.6
    drop_pages = b.chance(1.0)
    rename = {"sagen_kort": "Anledning"} if b.rng.random() < 0.6 else {}
    b.cover(c.kind, "title")
    b.cover(f"af {genitive(c.body)} møde")
    b.cover(f"den {c.long}, kl. {c.time} til {c.end}")
    b.gap()
    b.toc(b.t("Dagsordenspunkter:"), "label")
    page = 2
    group = None
    markers = {}
    for k, it in enumerate(c.items):
        markers[k] = None if it.get("closed") else marker_for(b, it)
    tocw = 78 if b.fmt == "txt" else 70

    def leader(entry: str, pg: int) -> str:
        if drop_pages:
            return entry
        if b.fmt in ("txt", "pdf"):
            dots = max(3, tocw - len(entry) - len(str(pg)))
            return entry + "." * dots + str(pg)
        return f"{entry} {pg}"

    for k, it in enumerate(c.items):
        g = it.get("group")
        num = str(it.get("number") or "")
        if g and g != group:
            b.toc(leader(group_text(b, it, g), page))
        group = g
        title = b.t(bare_title(it.get("title") or ""))
        mk = f" ({markers[k]})" if markers[k] else ""
        b.toc(leader(f"{'- ' if dash else ''}{num} {title}{mk}", page))
        page += k % 2
    group = None
    for k, it in enumerate(c.items):
        g = it.get("group")
        num = str(it.get("number") or "")
        if g and g != group:
            b.gap()
            b.group(group_text(b, it, g))
        group = g
        pnum = maybe_number(b, num, 0.04)
        if it.get("closed"):
            shown, title = closed_title(b, it, ("punkt", "kolon"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(pnum, title, markers[k], bool(it.get("closed")), it)
        mk = f" ({markers[k]})" if markers[k] else ""
        b.gap()
        b.item_line(f"{'- ' if dash else ''}{pnum + ' ' if pnum else ''}{shown}{mk}")
        emit_sections(b, c, it, form="runin", sep=" ", rename=rename, glue=0.1)
    if not c.agenda:
        b.gap()
        b.closing(f"Mødet sluttede kl. {c.end}")


def build_two_column_ocr(b: Builder) -> None:
    """OCR of a two-column PDF: a block of labels before their contents, item headers often lost."""
    c = ctx(b)
    c.agenda_mode = "dash"
    b.ocr_rate = 0.05 + 0.15 * b.noise
    set_styles(b, TextStyle(width=b.rng.randint(56, 66), spacing="para", hyphenate=0.7, date_break=date_break(b),
                            page_lines=b.rng.randint(44, 56), footer=lambda n, t: f"Side {n}"))
    lose = min(1.0, 0.5 + b.noise)
    b.cover(c.kind, "title")
    b.cover(f"{c.body} {c.long}")
    group = None
    for it in c.items:
        g = it.get("group")
        num = str(it.get("number") or "")
        if g and g != group:
            b.gap()
            b.group(group_text(b, it, g))
        group = g
        lost = not it.get("closed") and b.rng.random() < lose
        if lost:
            b.new_item(None, None, None, False, it)
        else:
            if it.get("closed"):
                shown, title = closed_title(b, it, ("punkt", "kolon"))
                marker = None
            else:
                shown = title = b.t(it.get("title") or "")
                marker = marker_for(b, it)
            b.new_item(num, title, marker, bool(it.get("closed")), it)
            b.gap()
            b.item_line(f"{num}. {shown}" + (f" ({marker})" if marker else ""))
        secs = section_list(b, c, it)
        pending = []
        b.gap()
        for name, s, text in secs:
            pending.append(b.section(name, b.heading(name, s), text, "label", heading_kind="label", defer=True,
                                     column=1))
        b.gap()
        for sec in pending:
            b.contents(sec, column=2)
    if not c.agenda:
        b.gap()
        b.closing(f"Mødet sluttede kl. {c.end}")


def build_agenda_labels(b: Builder) -> None:
    """Agenda style: ' N. Title ', every label alone on a line, decisions '-' until the meeting."""
    c = ctx(b)
    c.agenda_mode = "dash"
    set_styles(b, TextStyle(width=72, spacing="double", hyphenate=0.3, date_break=date_break(b),
                            indent={"h2": 1}, trailing={"h2": 1, "label": 1}))
    voc = b.pub.get("vocabulary") or {}
    rename = {}
    if voc.get("sagsfremstilling", "Sagsfremstilling") == "Sagsfremstilling" and b.rng.random() < 0.6:
        rename["sagsfremstilling"] = "Sagen uddybet"
    if not c.agenda and b.rng.random() < 0.3:
        rename["beslutning"] = "Referat"
    b.cover(c.kind, "title")
    b.cover(c.body)
    b.cover(f"{c.wd.capitalize()} den {c.long} kl. {c.time}")
    b.cover(c.place)
    for it in c.items:
        num = maybe_number(b, str(it.get("number")), 0.03)
        if it.get("closed"):
            shown, title = closed_title(b, it, ("punkt", "kolon", "bare"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, None, bool(it.get("closed")), it)
        b.gap()
        b.item_line(f"{num}. {shown}" if num else shown)
        emit_sections(b, c, it, form="alone", heading_kind="label", rename=rename, agenda_decision="dash",
                      glue=0.05)


def build_punkt_colon(b: Builder) -> None:
    """'Punkt N: Title' followed by a case-number line 'EMN-2025-001234'; headings alone."""
    c = ctx(b)
    c.agenda_mode = "skip"
    head = f"{c.kind} - {c.body} - {c.dmy}"
    set_styles(b, TextStyle(width=90, spacing="para", hyphenate=0.4, date_break=date_break(b),
                            page_lines=b.rng.randint(44, 56), header=lambda n: head,
                            footer=lambda n, t: f"Side {n} af {t}"))
    voc = b.pub.get("vocabulary") or {}
    rename = {"beslutning": "Beslutninger"} if voc.get("beslutning", "Beslutning") == "Beslutning" and \
        b.rng.random() < 0.5 else {}
    b.cover(f"{c.kind} for møde i {c.body}", "title")
    b.cover(f"{c.wd.capitalize()} den {c.long} kl. {c.time}")
    b.cover(f"Mødested: {c.place}")
    if c.parts:
        b.cover("Mødedeltagere", "label")
        for p in c.parts:
            b.cover(p)
    if c.absent:
        b.cover("Afbud", "label")
        for p in c.absent:
            b.cover(p)
    for it in c.items:
        num = maybe_number(b, str(it.get("number")), 0.04)
        if it.get("closed"):
            shown, title = closed_title(b, it, ("kolon", "punkt"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, None, bool(it.get("closed")), it)
        b.gap()
        b.item_line(f"Punkt {num}: {shown}" if num else shown)
        b.furniture(it.get("case_number") or case_emn(b.rng, c.year))
        emit_sections(b, c, it, form="alone", rename=rename, glue=0.08, numbered=b.rng.random() < 0.4)
    closing_lines(b, c)


def build_pkt_sagsnr(b: Builder) -> None:
    """'Pkt. N Title' + 'Sagsnr. 123456 <udvalg> Åbent punkt'; decision introduced by '<Udvalg>, dd-mm-yyyy, pkt. N'."""
    c = ctx(b)
    c.agenda_mode = "skip"
    url = f"https://www.{b.pub.get('municipality') or 'kommune'}.dk/dagsorden/{c.dmy}".lower()
    header, footer = web_print_furniture(c, url)
    set_styles(b, TextStyle(width=100000, spacing="para"), PdfStyle(header=header, footer=footer, hyphenate=0.2))
    repeat = b.rng.random() < 0.5
    kompetence = b.rng.random() < 0.6
    web_top(b, c)
    b.cover(c.kind, "title")
    b.cover(f"Dato: {c.wd.capitalize()} den {c.long} - {c.time}")
    b.cover(f"Sted: {c.place}")
    for it in c.items:
        num = maybe_number(b, str(it.get("number")), 0.03)
        closed = bool(it.get("closed"))
        if closed:
            shown, title = closed_title(b, it, ("kolon", "punkt", "bare"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, None, closed, it)
        b.gap()
        b.item_line(f"Pkt. {num} {shown}" if num else shown)
        if repeat:
            if any(s.get("name") == "bilag" for s in it.get("sections") or []):
                b.furniture(" ".join(f"Bilag_{k}_{re.sub(r'[^A-Za-z0-9]+', '_', (it.get('title') or '')[:18])}.pdf"
                                     for k in (1, 2)))
            if num:
                b.furniture(f"Pkt. {num}")
            b.furniture(shown)
        b.furniture(f"Sagsnr. {case_sagsnr(b.rng)} {c.body} {'Lukket' if closed else 'Åbent'} punkt")
        extra = [("other", {"heading": "Beslutningskompetence"}, c.body)] if kompetence and not closed else None
        emit_sections(b, c, it, form="alone", order=("sagen_kort", "indstilling", "other", "sagsfremstilling",
                                                     "baggrund", "oekonomi", "videre_proces", "bilag", "sagsforloeb",
                                                     "beslutning"),
                      decision_heading=lambda it, num=num: f"{c.body}, {c.dmy}, pkt. {num or it.get('number')}",
                      extra=extra, glue=0.03)
    web_bottom(b)


def build_running_number(b: Builder) -> None:
    """Numbers running across the year (178., 179.), a grouped TOC, KLE lines, 'Beslutning i <udvalg> den <dato>'."""
    c = ctx(b)
    c.agenda_mode = "skip"
    pages = b.rng.random() < 0.6
    set_styles(b, TextStyle(width=86, spacing="para", hyphenate=0.3, date_break=date_break(b),
                            page_lines=b.rng.randint(44, 56) if pages else None,
                            header=(lambda n: f"{c.body} - {c.dmy}") if pages else None,
                            footer=(lambda n, t: f"Side {n}") if pages else None))
    nums = running_numbers(b, c.items)
    groups = []
    for it in c.items:
        g = it.get("group") or ("Lukkede" if it.get("closed") else "Åbne")
        groups.append(g)
    b.cover(c.body, "title")
    b.cover(f"Publiceret {c.dmy}")
    b.cover(f"{c.wd.capitalize()} den {c.dmy} kl. {clock(c.time, sep=':')}")
    b.gap()
    b.toc(b.t("Indholdsfortegnelse:"), "label")
    prev = None
    for it, n, g in zip(c.items, nums, groups, strict=True):
        if g != prev:
            b.toc(b.t(g), "label")
        prev = g
        title = b.t(bare_title(it.get("title") or ""))
        b.toc(f"{n} {title}")
    if c.parts:
        b.gap()
        b.cover("Medlemmer:", "label")
        nm = names(c.parts)
        for k in range(0, len(nm), 2):
            b.cover("  ".join(nm[k:k + 2]))
    b.cover("Fraværende:" + (" " + ", ".join(names(c.absent)) if c.absent else ""), "label")
    prev = None
    for it, n, g in zip(c.items, nums, groups, strict=True):
        if g != prev:
            b.gap()
            b.group(b.t(g))
        prev = g
        num = maybe_number(b, n, 0.03)
        closed = bool(it.get("closed"))
        if closed:
            shown, title = closed_title(b, it, ("kolon", "bare", "sag"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, None, closed, it)
        b.gap()
        b.item_line(f"{num}. {shown}" if num else shown)
        b.furniture(f"{kle(b.rng, c.year).rsplit('-', 2)[0]} - {c.year}/{b.rng.randint(100, 29999):05d}")
        emit_sections(b, c, it, form="alone", glue=0.06, numbered=b.rng.random() < 0.5,
                      decision_heading=lambda it: f"Beslutning i {c.body} den {c.dmy}")
    if not c.agenda:
        b.gap()
        b.closing(f"Mødet sluttede kl. {c.end}.")


def build_web_table(b: Builder) -> None:
    """Web page: menu and cookie residue, the items as a table (Nr. │ Punkt │ Sagsnr.), then the
    items again in collapsible blocks with 'fold dette punkt ind' before the headings."""
    c = ctx(b)
    c.agenda_mode = "skip"
    url = f"https://www.{(b.pub.get('region') or b.pub.get('municipality') or 'region').replace(' ', '')}.dk/" \
          f"politik/{c.dmy}".lower()
    header, footer = web_print_furniture(c, url)
    set_styles(b, TextStyle(width=100000, spacing="para"), PdfStyle(header=header, footer=footer, hyphenate=0.2))
    prefixed = b.rng.random() < 0.6
    cases = [it.get("case_number") or case_slash(b.rng, c.year) for it in c.items]
    web_top(b, c)
    b.cover(f"{c.body} - {c.kind} - {c.long}", "title")
    b.cover("Mødedato", "label")
    b.cover(f"{c.dmy} kl. {clock(c.time, sep=':')} - {clock(c.end, sep=':')}")
    b.cover("Mødested", "label")
    b.cover(c.place)
    if c.parts:
        b.cover("Deltagere", "label")
        for p in c.parts:
            b.cover(p, "li")
    if c.absent:
        b.cover("Afbud", "label")
        for p in c.absent:
            b.cover(p, "li")
    b.ui(f"Luk alle punkter {c.kind}")
    b.row(["Nr.", "Punkt", "Sagsnr."], role="furniture")
    for it, case in zip(c.items, cases, strict=True):
        b.row([str(it.get("number")), b.t(it.get("title") or ""), case])
    for it, case in zip(c.items, cases, strict=True):
        num = maybe_number(b, str(it.get("number")), 0.03)
        closed = bool(it.get("closed"))
        if closed:
            shown, title = closed_title(b, it, ("punkt", "kolon", "bare"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, None, closed, it)
        b.gap()
        b.furniture(f"Sagsnr. {case}")
        b.item_line(f"{num}. {shown}" if num else shown)
        if prefixed:
            emit_sections(b, c, it, form="prefixed", ui_prefix="fold dette punkt ind")
        else:
            emit_sections(b, c, it, form="alone")
        for line in b.rng.sample(ITEM_UI, b.rng.randint(0, 2)):
            b.ui(line)
    web_bottom(b)


def build_web_untitled_blocks(b: Builder) -> None:
    """Web protocol whose text shows no item numbers or titles: section blocks separated by
    'Udskriv' and 'Sagsid.: 22/1234, Sagsinitialer: abc' lines (the titles live in attributes)."""
    c = ctx(b)
    c.agenda_mode = "skip"
    url = f"https://www.{b.pub.get('municipality') or 'kommune'}.dk/politik/{c.dmy}".lower()
    header, footer = web_print_furniture(c, url)
    set_styles(b, TextStyle(width=100000, spacing="para"), PdfStyle(header=header, footer=footer, hyphenate=0.2))
    web_top(b, c)
    b.cover(c.kind, "title")
    b.cover(f"{c.wd} den {c.long} kl. {clock(c.time, sep=':')}")
    b.cover(f"Mødested: {c.place}")
    b.cover(f"Udvalg: {c.body}")
    if c.parts:
        b.cover("Medlemmer: " + ", ".join(names(c.parts)))
    b.cover("Bemærkninger:" + (" Afbud: " + " og ".join(names(c.absent)) if c.absent else ""))
    b.ui("Udskriv hele dagsordnen")
    for it in c.items:
        if it.get("closed"):
            continue  # closed items are not published on these pages
        if b.fmt == "html":
            # the page carries the title only in an attribute of the item's container
            title = b.t(it.get("title") or "")
            b.new_item(None, title, None, False, it, attrs={"data-nummer": it.get("number")})
            b.item_line(title, "attr")
        else:
            b.new_item(None, None, None, False, it)
        b.gap()
        b.ui("Udskriv")
        b.furniture(f"Sagsid.: {case_slash(b.rng, c.year)}, Sagsinitialer: {initials(b.rng)}")
        emit_sections(b, c, it, form="alone", order=("sagen_kort", "sagsfremstilling", "baggrund", "oekonomi",
                                                     "other", "videre_proces", "indstilling", "beslutning",
                                                     "sagsforloeb", "bilag"),
                      decision_heading=lambda it: f"Beslutning {c.body} den {c.dmy}")
        if b.fmt == "html":
            idx = b.cur
            shown = fold(" ".join(x.text for x in b.blocks if x.item == idx and x.kind != "attr"))
            if title_printed(b.items[idx].title, shown):  # a reader would not take it from the attribute
                b.blocks = [x for x in b.blocks if not (x.item == idx and x.kind == "attr")]
                b.item_attrs[idx] = {"data-title": b.items[idx].title, **b.item_attrs.get(idx, {})}
                b.items[idx].title = None
    web_bottom(b)


def build_committee_prefix(b: Builder) -> None:
    """Titles carry the committee's abbreviation: '209. ØU - Godkendelse af dagsorden', closed '(Lukket)'."""
    c = ctx(b)
    c.agenda_mode = "skip"
    url = f"https://www.{b.pub.get('municipality') or 'kommune'}.dk/dagsorden/{c.dmy}".lower()
    header, footer = web_print_furniture(c, url)
    set_styles(b, TextStyle(width=100000, spacing="para"), PdfStyle(header=header, footer=footer, hyphenate=0.2))
    abbr = abbreviation(c.body)
    nums = running_numbers(b, c.items)
    absent_note = b.rng.random() < 0.5 and c.absent
    b.cover(c.kind, "title")
    b.cover(f"{c.body} - {c.dmy}")
    for it, n in zip(c.items, nums, strict=True):
        num = maybe_number(b, n, 0.03)
        closed = bool(it.get("closed"))
        if closed:
            t = b.t(bare_title(it.get("title") or ""))
            shown, title = f"{abbr} - {t} (Lukket)", f"{abbr} - {t}"
        else:
            title = f"{abbr} - {b.t(it.get('title') or '')}"
            shown = title
        b.new_item(num, title, None, closed, it)
        bullet = "• " if b.fmt == "txt" else ""
        b.gap()
        b.item_line(f"{bullet}{num}. {shown}" if num else f"{bullet}{shown}")
        secs = section_list(b, c, it)
        for name, s, text in secs:
            if name == "beslutning" and absent_note and text.strip() not in ("", "-"):
                text = "Ikke til stede: " + ", ".join(c.absent) + "\n" + text
            f = "glued" if text.strip() and b.chance(0.05) else "alone"
            b.section(name, b.heading(name, s), text, f)


def build_type_words(b: Builder) -> None:
    """Item type as words ('Beslutningssag'), in the header or in a 'Sagsgang og sagstype' block;
    headings in capitals ('INDSTILLING', 'POLITISK BEHANDLING')."""
    c = ctx(b)
    c.agenda_mode = "skip"
    in_header = b.rng.random() < 0.5
    set_styles(b, TextStyle(width=90, spacing="para", hyphenate=0.3, date_break=date_break(b),
                            page_lines=b.rng.randint(46, 58), footer=lambda n, t: str(n)))
    types = [type_word(it.get("types") or []) for it in c.items]
    b.cover(f"Møde i {c.body} d. {c.long}", "title")
    b.cover("Udvalg", "label")
    b.cover(c.body)
    b.cover("Tidspunkt", "label")
    b.cover(f"Dato: {c.dmy}")
    b.cover(f"Tid: {clock(c.time, sep=':')} - {clock(c.end, sep=':')}")
    b.cover("Sted", "label")
    b.cover(c.place)
    b.cover(c.kind, "label")
    b.gap()
    b.toc(b.t("Punkter på dagsordenen"), "label")
    for it, tw in zip(c.items, types, strict=True):
        title = b.t(bare_title(it.get("title") or ""))
        b.toc(f"{it.get('number')}. {tw}: {title}" if in_header else f"{it.get('number')}. {title}")
    if c.parts:
        b.cover("Medlemmer", "label")
        away = set(names(c.absent))
        for p in names(c.parts):
            if p not in away:
                b.cover(f"{p}: Deltog", "li")
        for p in names(c.absent):
            b.cover(f"{p}: Afbud", "li")
    for it, tw in zip(c.items, types, strict=True):
        num = maybe_number(b, str(it.get("number")), 0.03)
        closed = bool(it.get("closed"))
        if closed:
            shown, title = closed_title(b, it, ("kolon", "punkt"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, tw, closed, it)
        b.gap()
        if in_header:
            b.item_line(f"{num}. {tw}: {shown}" if num else f"{tw}: {shown}")
            decision = None
            rename = {"beslutning": "POLITISK BEHANDLING"}
        else:
            b.item_line(f"{num}. {shown}" if num else shown)
            b.furniture("Sagsgang og sagstype", "label")
            b.furniture(c.body + (", Økonomiudvalget, Byrådet" if "B" in (it.get("types") or []) and
                                  b.rng.random() < 0.4 else ""))
            b.furniture(tw)
            decision = _decision_line(c)
            rename = {}
        emit_sections(b, c, it, form="alone", upper=True, rename=rename, decision_heading=decision,
                      numbered=b.rng.random() < 0.6, glue=0.05,
                      order=("indstilling", "beslutning", "sagen_kort", "baggrund", "sagsfremstilling"))
    closing_lines(b, c)


def build_lbr_protocol(b: Builder) -> None:
    """LBR/board protocol: 'Pkt. 1. Title (B)', 'J.nr.:' and 'Sagsnr.:' lines, the case text under
    no heading, 'Indstilling:' / 'Beslutning:' alone with a colon, often glued."""
    c = ctx(b)
    c.agenda_mode = "skip"
    set_styles(b, TextStyle(width=84, spacing="para", hyphenate=0.5, date_break=date_break(b),
                            page_lines=b.rng.randint(44, 56), footer=lambda n, t: f"Side {n} af {t}"))
    markers = b.rng.random() < 0.7
    untitled = b.rng.random() < 0.6
    fravaer = b.rng.random() < 0.4 and c.absent and not c.agenda
    b.cover(f"{c.kind} for {c.body} {c.dmy}", "title")
    b.cover(f"{c.wd.capitalize()} den {c.long} kl. {c.time}, {c.place}")
    b.cover("Mødedeltagelse / Afbud", "label")
    if c.parts:
        b.cover(f"Deltagere: {', '.join(names(c.parts))}")
    b.cover(f"Afbud: {', '.join(names(c.absent)) if c.absent else 'Ingen'}")
    for it in c.items:
        num = maybe_number(b, str(it.get("number")), 0.04)
        closed = bool(it.get("closed"))
        if closed:
            shown, title = closed_title(b, it, ("kolon", "punkt"))
            marker = None
        else:
            shown = title = b.t(it.get("title") or "")
            marker = marker_for(b, it) if markers else None
        b.new_item(num, title, marker, closed, it)
        b.gap()
        b.item_line((f"Pkt. {num}. " if num else "") + shown + (f" ({marker})" if marker else ""))
        b.furniture(f"J.nr.: {kle(b.rng, c.year)}")
        b.furniture(f"Sagsnr.: {b.rng.randint(1000, 9999)}")
        for name, s, text in section_list(b, c, it):
            if untitled and name == "sagsfremstilling":
                b.section("other", None, text)
                continue
            f = "glued" if text.strip() and (b.rng.random() < 0.15 or b.chance(0.5)) else "alone"
            b.section(name, b.heading(name, s), text, f, colon=True, heading_kind="label")
        if fravaer:
            b.section("other", "Fraværende", ", ".join(names(c.absent)), "alone", colon=True, heading_kind="label")
    closing_lines(b, c)


def build_decision_line(b: Builder) -> None:
    """'1.     Title (B)', 'Sagsnr.: … Dok.nr.: … Åbent', 'Kompetence:', many headings with
    'Ingen bemærkninger.', the decision under 'Beslutning i <udvalg> den <dato>:' with 'Fraværende:'."""
    c = ctx(b)
    c.agenda_mode = "skip"
    pages = b.rng.random() < 0.5
    set_styles(b, TextStyle(width=95, spacing="none", hyphenate=0.2, date_break=date_break(b),
                            page_lines=b.rng.randint(50, 60) if pages else None,
                            footer=(lambda n, t: f"Side {n} af {t}") if pages else None))
    sp = "     " if b.fmt == "txt" else " "
    wide = "               " if b.fmt == "txt" else "  "
    code = b.rng.randint(100, 899)
    rename = {"sagen_kort": "Beslutningstema"} if b.rng.random() < 0.7 else {}
    markers = {k: (None if it.get("closed") else marker_for(b, it)) for k, it in enumerate(c.items)}
    b.cover(f"{c.body} – {c.kind} – {c.long}", "title")
    b.cover(f"{clock(c.time, sep=':')} {c.place}")
    b.gap()
    b.toc(b.t("Punkter på dagsordenen:"), "label")
    for k, it in enumerate(c.items):
        title = b.t(bare_title(it.get("title") or ""))
        b.toc(f"{it.get('number')}. {title}" + (f" ({markers[k]})" if markers[k] else ""))
    fill = ["Retligt grundlag", "Handlemuligheder", "Vurdering", "Konsekvenser for andre udvalg"]
    for k, it in enumerate(c.items):
        num = maybe_number(b, str(it.get("number")), 0.03)
        closed = bool(it.get("closed"))
        if closed:
            shown, title = closed_title(b, it, ("kolon", "punkt"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, markers[k], closed, it)
        b.gap()
        b.item_line((f"{num}.{sp}" if num else "") + shown + (f" ({markers[k]})" if markers[k] else ""))
        b.furniture(f"Sagsnr.: {code}-{c.year}-{b.rng.randint(100, 99999)}{wide}Dok.nr.: {code}-{c.year}-"
                    f"{b.rng.randint(1000, 999999)}{wide}{'Lukket' if closed else 'Åbent'}")
        if closed:
            continue
        b.furniture(f"Kompetence: {c.body}.")
        extra = [("other", {"heading": h}, "Ingen bemærkninger.") for h in b.rng.sample(fill, b.rng.randint(0, 2))]
        secs = section_list(b, c, it, order=("sagen_kort", "baggrund", "sagsfremstilling", "other", "oekonomi",
                                             "videre_proces", "bilag", "sagsforloeb", "indstilling", "beslutning"))
        pos = next((i for i, s in enumerate(secs) if s[0] in ("indstilling", "beslutning")), len(secs))
        secs[pos:pos] = extra
        for name, s, text in secs:
            if name == "indstilling":
                text = number_lists(text)
            if name == "beslutning":
                sec = b.heading_line("beslutning", f"Beslutning i {c.body} den {c.long}:")
                b.body_text(sec, "Fraværende:" + (" " + ", ".join(names(c.absent)) if c.absent else ""))
                b.body_text(sec, text)
                continue
            b.section(name, rename.get(name) or b.heading(name, s), text, "glued" if text.strip() and b.chance(0.05)
                      else "alone", heading_kind="label")
    closing_lines(b, c)


def build_closed_items(b: Builder) -> None:
    """Open items first, closed ones at the end under 'for lukkede døre' ('Lukket sag: …',
    'Lukket: …', 'Lukket punkt'), a TOC with roman page numbers, signatures at the end."""
    c = ctx(b)
    c.agenda_mode = "skip"
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi"]
    set_styles(b, TextStyle(width=85, spacing="para", hyphenate=0.3, date_break=date_break(b),
                            page_lines=b.rng.randint(44, 56),
                            footer=lambda n, t: f"Side {roman[(n - 1) % len(roman)]}"))
    nums = running_numbers(b, c.items)
    order = sorted(range(len(c.items)), key=lambda k: bool(c.items[k].get("closed")))
    gopen, gclosed = b.pick([("Til behandling - for åbne døre", "Til behandling - for lukkede døre"),
                             ("Åbne sager", "Lukkede sager"), ("Åben dagsorden", "Lukket dagsorden")])
    b.cover(c.pubname, "title")
    b.cover(c.body)
    b.cover(c.kind, "label")
    b.cover(f"Dato: {c.wd.capitalize()} den {c.long}")
    b.cover(f"Starttidspunkt for møde: Kl. {c.time}")
    if not c.agenda:
        b.cover(f"Sluttidspunkt for møde: Kl. {c.end}")
    b.cover(f"Mødested: {c.place}")
    b.cover("Afbud fra: " + (", ".join(names(c.absent)) if c.absent else "Ingen."))
    if c.parts:
        b.cover("Mødedeltagere: " + ", ".join(names(c.parts)))
    b.gap()
    b.toc(b.t("Indholdsfortegnelse"), "label")
    prev = None
    pg = 0
    for k in order:
        it = c.items[k]
        g = gclosed if it.get("closed") else gopen
        lead = b.fmt in ("txt", "pdf")
        if g != prev:
            b.toc(b.t(g) + ("..." if lead else " ") + roman[pg])
        prev = g
        title = b.t(bare_title(it.get("title") or ""))
        entry = f"{nums[k]}. {'Lukket sag: ' if it.get('closed') else ''}{title}"
        b.toc(entry + ("..." if lead else " ") + roman[pg])
        pg = min(pg + k % 2, len(roman) - 1)
    prev = None
    for k in order:
        it = c.items[k]
        closed = bool(it.get("closed"))
        g = gclosed if closed else gopen
        if g != prev:
            b.gap()
            b.group(b.t(g))
        prev = g
        num = maybe_number(b, nums[k], 0.03)
        if closed:
            shown, title = closed_title(b, it, ("sag", "kolon", "bare"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, None, closed, it)
        b.gap()
        b.item_line(f"{num}. {shown}" if num else shown)
        b.furniture("Lukket sag" if closed else "Åben sag")
        if closed:
            for name, s, text in section_list(b, c, it)[:1]:
                if text.strip():
                    b.section(name, b.heading(name, s), paragraphs(text)[0], "runin")
            continue
        emit_sections(b, c, it, form="alone", glue=0.05)
    if not c.agenda and c.parts:
        b.gap()
        b.closing("Underskrifter", "label")
        for p in names(c.parts):
            if p not in names(c.absent):
                b.closing(f"{'_' * 24} {p}", "sig")


def build_caps_glued(b: Builder) -> None:
    """PDF text of a capitals template: '3. BUDGETSTATUS', a 'Sagsnr. … Dok.nr. … Sagsbeh. … ÅBENT'
    line, headings in capitals that are often glued to their text ('INDSTILLINGDirektionen …')."""
    c = ctx(b)
    c.agenda_mode = "skip"
    head = f"{c.body.upper()} {c.dmy}"
    set_styles(b, TextStyle(width=95, spacing="none", hyphenate=0.5, date_break=date_break(b),
                            page_lines=b.rng.randint(46, 60), header=lambda n: head, footer=lambda n, t: f"SIDE {n}"))
    aaben = b.rng.random() < 0.5
    b.cover(f"{'ÅBEN ' if aaben else ''}{c.kind.upper()} {c.body.upper()}", "title")
    b.cover(f"Mødedato: {c.long}")
    b.cover(f"Mødested: {c.place}")
    b.cover(f"Mødetidspunkt: {clock(c.time, sep=':')}")
    if not c.agenda:
        b.cover(f"Mødet hævet: {clock(c.end, sep=':')}")
    if c.parts:
        b.cover("Deltagere: " + ", ".join(names(c.parts)))
    b.cover("Fraværende:" + (" " + ", ".join(names(c.absent)) if c.absent else ""))
    b.gap()
    b.toc(b.t("INDHOLDSFORTEGNELSE"), "label")
    b.toc(b.t("Sag nr.: Emne"), "label")
    lead = b.fmt in ("txt", "pdf")
    for k, it in enumerate(c.items):
        title = b.t(bare_title(it.get("title") or ""))
        entry = f"{it.get('number')}. {title}"
        b.toc(entry + ("." * max(3, 70 - len(entry)) if lead else " ") + str(2 + k // 2))
    sagsbeh = names(c.parts)[-1] if c.parts else "Sekretariatet"
    for it in c.items:
        num = maybe_number(b, str(it.get("number")), 0.03)
        closed = bool(it.get("closed"))
        if closed:
            shown, title = closed_title(b, it, ("kolon", "punkt"))
            shown, title = shown.upper(), (title.upper() if title else None)
        else:
            shown = title = b.t(it.get("title") or "").upper()
        b.new_item(num, title, None, closed, it)
        b.gap()
        b.item_line(f"{num}. {shown}" if num else shown)
        b.furniture(f"Sagsnr. {case_slash(b.rng, c.year)}  Dok.nr. {b.rng.randint(10000, 99999)}/{c.year % 100}  "
                    f"Sagsbeh. {sagsbeh}  {'LUKKET' if closed else 'ÅBENT'}")
        extra = None
        if not closed and "B" in (it.get("types") or []) and b.rng.random() < 0.5:
            extra = [("other", {"heading": "Forventet sagsgang"}, c.body + b.pick(["", ", Byrådet"]))]
        emit_sections(b, c, it, form="alone", upper=True, glue_fixed=0.35, glue=0.6, extra=extra,
                      order=("indstilling", "sagsfremstilling", "sagen_kort", "baggrund", "oekonomi", "other",
                             "videre_proces", "bilag", "sagsforloeb", "beslutning"))
    closing_lines(b, c)


def build_history_sagsforloeb(b: Builder) -> None:
    """Regional/magistrate style: 'Sagnr.:' before '1. Title', decision early, and a history
    section (Sagens forløb / 'Udvalg: … Dato: … Punktnummer: …') with earlier bodies' decisions."""
    c = ctx(b)
    c.agenda_mode = "skip"
    set_styles(b, TextStyle(width=88, spacing="para", hyphenate=0.3, date_break=date_break(b),
                            page_lines=b.rng.randint(46, 58), footer=lambda n, t: f"Side {n}"))
    early = b.rng.random() < 0.5
    style_udvalg = b.rng.random() < 0.5
    earlier = [x for x in ("Økonomiudvalget", "Forretningsudvalget", "Magistraten", "Udvalget for Arbejdsmarked",
                           "Beskæftigelsesrådet") if x != c.body]
    decision_words = ("Anbefales.", "Indstillingen anbefales.", "Udvalget anbefaler indstillingen over for {b}.",
                      "Sagen blev udsat.", "Tiltrådt, idet sagen sendes videre til {b}.", "Godkendt som indstillet.")
    b.cover(c.kind, "title")
    b.cover("til")
    b.cover(f"mødet i {c.body}")
    b.cover(f"den {c.long} kl. {clock(c.time, sep=':')}")
    b.cover(f"i {c.place}")
    if not c.agenda:
        b.cover("Alle var mødt." if not c.absent else f"Afbud fra {', '.join(names(c.absent))}.")
        b.cover(f"Mødet blev hævet kl. {c.end}.")
    for it in c.items:
        num = maybe_number(b, str(it.get("number")), 0.03)
        closed = bool(it.get("closed"))
        if closed:
            shown, title = closed_title(b, it, ("kolon", "punkt", "bare"))
        else:
            shown = title = b.t(it.get("title") or "")
        b.new_item(num, title, None, closed, it)
        b.gap()
        b.furniture(f"Sagnr.: 1-{b.rng.randint(10, 99)}-{b.rng.randint(10, 99)}-{b.rng.randint(1, 99)}-"
                    f"{c.year % 100:02d}")
        b.item_line(f"{num}. {shown}" if num else shown)
        secs = section_list(b, c, it, order=("sagen_kort", "indstilling", "beslutning", "sagsfremstilling",
                                             "baggrund", "oekonomi", "other", "videre_proces", "sagsforloeb", "bilag")
                            if early else None)
        history = any(n == "sagsforloeb" for n, _, _ in secs)
        substantive = any(n in ("sagsfremstilling", "sagen_kort", "baggrund") for n, _, _ in secs)
        if (not history and not closed and not c.agenda and substantive and "B" in (it.get("types") or [])
                and b.rng.random() < 0.75):
            who = b.pick(earlier)
            when = days_before(c.iso, b.rng.choice([6, 7, 13, 14, 21]))
            text = b.pick(decision_words).format(b=c.body)
            secs.append(("sagsforloeb", {"_synth": (who, when, b.rng.randint(2, 40))}, text))
        for name, s, text in secs:
            if name == "sagsforloeb" and "_synth" in s:
                who, when, pkt = s["_synth"]
                if style_udvalg:
                    sec = b.heading_line("sagsforloeb", f"Udvalg: {who}", kind="label")
                    b.body_text(sec, f"Dato: {dmy(when)}\nPunktnummer: {pkt}\n{text}")
                else:
                    sec = b.section("sagsforloeb", b.pick(["Sagens forløb", b.heading("sagsforloeb")]), None)
                    b.body_text(sec, f"{dmy(when)} {who}\n{text}")
                continue
            if name == "beslutning" and b.rng.random() < 0.5:
                sec = b.heading_line("beslutning", f"Beslutning i {c.body} den {c.dmy}")
                b.body_text(sec, text)
                continue
            b.section(name, b.heading(name, s), text, "glued" if text.strip() and b.chance(0.05) else "alone")
    closing_lines(b, c)



FAMILY_LIST: tuple[Family, ...] = (
    Family("rar_inline", "RAR minutes as PDF text: '- 1.1. Title (B)' under numbered groups, inline 'Label: text', "
           "double spacing", build_rar_inline),
    Family("rar_linestart_toc", "RAR minutes: cover, dot-leader TOC, group headings, labels at line start without "
           "colon ('Anledning …'), running page headers", build_rar_linestart_toc),
    Family("two_column_ocr", "OCR of a two-column PDF: label blocks before their contents, lost item headers, "
           "æ/ø/å damage", build_two_column_ocr),
    Family("agenda_labels", "agenda style: ' N. Title ', every label alone on a line, '-' for decisions",
           build_agenda_labels),
    Family("punkt_colon", "'Punkt N: Title' + case number line 'EMN-2025-001234', headings alone, "
           "'Side n af m' footers", build_punkt_colon),
    Family("pkt_sagsnr", "'Pkt. N Title' + 'Sagsnr. 123456 <udvalg> Åbent punkt', decision under "
           "'<Udvalg>, dd-mm-yyyy, pkt. N'", build_pkt_sagsnr, web=True),
    Family("running_number", "numbers running across the year (178.), grouped TOC, KLE lines, 'Beslutning i "
           "<udvalg> den <dato>'", build_running_number),
    Family("web_table", "web page: menu/cookie residue, item table rows, then collapsible items with "
           "'fold dette punkt ind' headings", build_web_table, web=True),
    Family("web_untitled_blocks", "web protocol without numbers/titles in the text: section blocks separated by "
           "'Udskriv' / 'Sagsid.: …, Sagsinitialer: …'", build_web_untitled_blocks, web=True),
    Family("committee_prefix", "titles with the committee's abbreviation ('209. ØU - …'), closed items "
           "'(Lukket)'", build_committee_prefix, web=True),
    Family("type_words", "item type as words (Beslutningssag/Orienteringssag/Drøftelsessag) in the header or a "
           "metadata block, capital headings", build_type_words),
    Family("lbr_protocol", "LBR/board protocol: 'Pkt. 1. Title (B)', J.nr./Sagsnr. lines, untitled case text, "
           "'Indstilling:' alone, glued headings", build_lbr_protocol),
    Family("decision_line", "'1.     Title (B)', Sagsnr./Dok.nr. line, many headings with 'Ingen bemærkninger.', "
           "decision under 'Beslutning i <udvalg> den <dato>:'", build_decision_line),
    Family("closed_items", "open then closed items under 'for åbne/lukkede døre' groups, 'Lukket sag: …', roman "
           "TOC pages, signatures", build_closed_items),
    Family("caps_glued", "capitals template as PDF text: '3. TITLE', 'Sagsnr. … ÅBENT', capital headings glued "
           "to their text", build_caps_glued),
    Family("history_sagsforloeb", "'Sagnr.:' before the header, decision early, history of earlier bodies "
           "('Udvalg: … / Dato: … / Punktnummer: …')", build_history_sagsforloeb),
)

FAMILY_MAP = {f.name: f for f in FAMILY_LIST}
FAMILIES: tuple[str, ...] = tuple(f.name for f in FAMILY_LIST)
