"""Browsing the archive database with Datasette: Danish labels, facets, search, canned queries.

``rar-nlp browse arkiv.db`` serves the file on localhost. Besides Datasette's own pages this module
is a small Datasette plugin (registered by :func:`make_datasette`) that

* turns an item's row page into a reading page: its sections with every label's evidence and
  every entity highlighted displaCy-style (label and confidence on each span);
* links each item to its source file at its page (``/-/kilde/<db>/<doc_id>#page=N``);
* links the ``punkter`` view's rows to those item pages.
"""

from __future__ import annotations

import hashlib
import html
import json
import mimetypes
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from datasette import hookimpl

SECTION_TITLES = {"sagen_kort": "Sagen kort", "indstilling": "Indstilling", "beslutning": "Beslutning",
                  "sagsfremstilling": "Sagsfremstilling", "baggrund": "Baggrund", "sagsforloeb": "Sagsforløb",
                  "oekonomi": "Økonomi", "videre_proces": "Videre proces", "bilag": "Bilag", "other": "Andet"}
ENTITY_TITLES = {"MUNICIPALITY": "kommune", "ORG": "organisation", "JOB_TITLE": "stilling", "RAR": "RAR",
                 "PERSON": "person"}
TASK_TITLES = {"item_type": "punkttype", "outcome": "udfald", "proposed_outcome": "indstillet udfald"}
# displaCy's palette where it has the label, pastel neighbours otherwise.
ENTITY_COLOURS = {"MUNICIPALITY": "#feca74", "ORG": "#7aecec", "JOB_TITLE": "#c887fb", "RAR": "#aa9cfc",
                  "PERSON": "#bfe1d9"}
EVIDENCE_COLOUR = "#ffe8a3"


# --------------------------------------------------------------------------------------------
# Metadata


def metadata(db_name: str) -> dict:
    """Datasette metadata: Danish titles and column descriptions, facets, search and canned queries."""
    facets = ["råd", "år", "art", "type", "udfald", "kommune"]
    punkter_cols = {
        "punkt": "punktets side: teksten med belæg og entiteter", "dato": "mødedato", "år": "mødeår",
        "råd": "RAR-rådet", "organ": "mødeorganet (udvalg, råd)", "kommune": "kommunen organet hører under",
        "art": "referat, dagsorden eller beslutningsprotokol", "nr": "punktnummer", "titel": "punktets overskrift",
        "type": "B beslutning, D drøftelse, O orientering", "udfald": "beslutningens udfald (mærkerne samlet)",
        "indstillet": "udfaldet indstillingen foreslår", "udfald_liste": "udfaldets mærker som liste "
        "(_facet_array=udfald_liste tæller hvert mærke for sig)",
        "nævnte_kommuner": "kommuner nævnt i punktet (_facet_array=nævnte_kommuner)",
        "resumé": "kort resumé af punktet", "side": "side i kildefilen", "kilde": "kildefilen",
    }
    queries = {
        "beslutninger_om_positivlisten": {
            "title": "Beslutninger om positivlisten",
            "description": "Beslutningspunkter og punkter med en beslutning, der handler om positivlisten.",
            "sql": """SELECT p.punkt, p.dato, p."råd", p.nr, p.titel, p.type, p.udfald, s.text AS beslutning
FROM punkter p JOIN items_fts ON items_fts.rowid = p.item_rowid
LEFT JOIN sections s ON s.item_id = p.punkt AND s.name = 'beslutning'
WHERE items_fts MATCH 'positivliste*' AND (p.type = 'B' OR s.text IS NOT NULL)
ORDER BY p.dato DESC, p.punkt""",
        },
        "udsatte_punkter": {
            "title": "Udsatte punkter",
            "description": "Punkter hvis udfald er 'udsat', med beslutningens ordlyd og sikkerhed.",
            "sql": """SELECT p.punkt, p.dato, p."råd", p.nr, p.titel, l.confidence AS sikkerhed,
       l.evidence_text AS "belæg"
FROM labels l JOIN punkter p ON p.punkt = l.item_id
WHERE l.task = 'outcome' AND l.label = 'udsat' AND l.superseded = 0
ORDER BY p.dato DESC, p.punkt""",
        },
        "punkter_om_en_kommune": {
            "title": "Alle punkter om en kommune",
            "description": "Punkter der nævner kommunen (navn eller kommunekode), eller hvis organ hører under den.",
            "sql": """SELECT p.punkt, p.dato, p."råd", p.organ, p.nr, p.titel, p.udfald
FROM punkter p
WHERE p.kommune = :kommune COLLATE NOCASE
   OR p.punkt IN (SELECT item_id FROM entities WHERE label = 'MUNICIPALITY'
                  AND (norm = :kommune COLLATE NOCASE OR ent_id = :kommune))
ORDER BY p.dato DESC, p.punkt""",
        },
    }
    return {
        "title": "RAR-arkivet",
        "description": "Referater og dagsordener fra de regionale arbejdsmarkedsråd, mærket af rar-nlp.",
        "databases": {db_name: {
            "title": "Arkivet",
            "tables": {
                "punkter": {"title": "Dagsordenspunkter", "description": "Ét punkt pr. række med mødets oplysninger; "
                            "søg i titler, sektioner og resuméer.", "facets": facets, "fts_table": "items_fts",
                            "fts_pk": "item_rowid", "sort_desc": "dato", "columns": punkter_cols, "size": 50},
                "items": {"title": "Punkter", "label_column": "title", "facets": ["item_type", "item_type_source"],
                          "columns": {"item_id": "doc_id-løbenummer", "text": "sektionernes tekst",
                                      "confidence": "sikkerhed pr. opgave", "page": "første side i kilden"}},
                "meetings": {"title": "Møder", "label_column": "source", "facets": ["council", "year", "kind"],
                             "columns": {"doc_id": "sha256 af filen", "content_hash": "hash af postenes indhold"}},
                "sections": {"title": "Sektioner", "facets": ["name"]},
                "entities": {"title": "Entiteter", "facets": ["label", "norm"],
                             "columns": {"norm": "kanonisk navn", "ent_id": "kommunekode eller slug"}},
                "labels": {"title": "Mærker", "description": "Hver opgaves mærke med sikkerhed og belæg (offsets i "
                           "den normaliserede tekst).", "facets": ["task", "label", "origin"],
                           "columns": {"confidence": "sikkerhed (kalibreret, 0-1)", "score": "mærkets score"}},
                "evidence": {"title": "Belæg"},
                "votes": {"title": "Afstemninger"},
                "reservations": {"title": "Forbehold og protokoltilførsler"},
                "corrections": {"title": "Rettelser", "description": "Gennemsete mærker; de overlever en ny mærkning."},
                "meta": {"title": "Om databasen"},
            },
            "queries": queries,
        }},
    }


def template_dir() -> str:
    return str(resources.files("nlp").joinpath("data/browse_templates"))


def make_datasette(path: str | Path, *, settings: dict | None = None) -> Any:
    """A Datasette over the archive with this module's metadata, templates and plugin hooks."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    if not pm.is_registered(_Plugin):
        pm.register(_Plugin, name="rar-nlp-browse")
    path = Path(path)
    return Datasette([str(path)], metadata=metadata(path.stem), template_dir=template_dir(),
                     settings={"suggest_facets": False, "facet_time_limit_ms": 1000, **(settings or {})})


def serve(path: str | Path, *, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the archive until interrupted (Datasette under uvicorn, as ``datasette serve`` does)."""
    import uvicorn

    uvicorn.run(make_datasette(path).app(), host=host, port=port, log_level="warning")


# --------------------------------------------------------------------------------------------
# Highlighting


@dataclass
class Mark:
    """A highlighted span ``[start, end)`` in a text, with the HTML opening and closing it."""

    start: int
    end: int
    open: str
    close: str


def highlight(text: str, marks: list[Mark]) -> str:
    """``text`` as HTML with nested ``marks``; a mark that crosses its parent is clipped to it."""
    out: list[str] = []
    pos = 0
    stack: list[Mark] = []

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(html.escape(text[pos:top.end]))
            out.append(top.close)
            pos = top.end

    for m in sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, -m.end)):
        close_until(m.start)
        end = min(m.end, stack[-1].end) if stack else m.end
        out.append(html.escape(text[pos:m.start]))
        out.append(m.open)
        pos = m.start
        stack.append(Mark(m.start, end, m.open, m.close))
    close_until(len(text))
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _entity_mark(e: dict, start: int, end: int) -> Mark:
    label = e["label"]
    conf = f" · {e['confidence']:.2f}" if e.get("confidence") is not None else ""
    norm = e.get("norm") or e["text"]
    return Mark(start, end, (
        f'<mark class="entity" data-label="{html.escape(label)}" data-norm="{html.escape(norm)}" '
        f'style="background: {ENTITY_COLOURS.get(label, "#ddd")}" title="{html.escape(norm)}">'),
        f'<span class="entity-label">{html.escape(ENTITY_TITLES.get(label, label))}{conf}</span></mark>')


def _evidence_mark(ev: dict, start: int, end: int) -> Mark:
    task = TASK_TITLES.get(ev["task"], ev["task"])
    conf = f" · {ev['confidence']:.2f}" if ev.get("confidence") is not None else ""
    return Mark(start, end, (
        f'<mark class="evidence" data-task="{html.escape(ev["task"])}" data-label="{html.escape(ev["label"])}" '
        f'style="background: {EVIDENCE_COLOUR}">'),
        f'<span class="evidence-label">{html.escape(task)}: {html.escape(ev["label"])}{conf}</span></mark>')


def _section_offsets(section: dict) -> list[tuple[int, int, int]]:
    """(doc start, doc end, offset in the section text) of each printed piece of a section."""
    parts = json.loads(section["parts"]) if section.get("parts") else None
    if not parts:
        return [(section["start"], section["end"], 0)]
    out, at = [], 0
    for p in parts:
        out.append((p["start"], p["end"], at))
        at += p["end"] - p["start"] + 1  # pieces are joined by a newline
    return out


def _to_text(pieces: list[tuple[int, int, int]], start: int, end: int) -> tuple[int, int] | None:
    for s, e, at in pieces:
        if s <= start < e:
            return at + start - s, at + min(end, e) - s
    return None


def render_item(item: dict, sections: list[dict], entities: list[dict], evidence: list[dict]) -> str:
    """The HTML of an item's sections with its label evidence and entities highlighted."""
    parts = []
    for sec in sorted(sections, key=lambda s: s["start"]):
        text = sec.get("text") or ""
        pieces = _section_offsets(sec)
        marks = []
        for ev in evidence:
            span = _to_text(pieces, ev["start"], ev["end"])
            if span:
                marks.append(_evidence_mark(ev, *span))
        for e in entities:
            span = _to_text(pieces, e["start"], e["end"])
            if span and text[span[0]:span[1]] == e["text"]:
                marks.append(_entity_mark(e, *span))
        title = SECTION_TITLES.get(sec["name"], sec["name"])
        heading = f' <span class="printed">({html.escape(sec["heading"])})</span>' if sec.get("heading") and \
            sec["heading"] != title else ""
        parts.append(f'<section class="rar-section" data-section="{html.escape(sec["name"])}">'
                     f'<h3>{html.escape(title)}{heading}</h3><div class="rar-text">{highlight(text, marks)}</div>'
                     "</section>")
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# Plugin hooks


async def _fetch(db: Any, sql: str, params: tuple) -> list[dict]:
    res = await db.execute(sql, params)
    return [dict(r) for r in res.rows]


async def _item_context(datasette: Any, database: str, item_id: str) -> dict | None:
    db = datasette.get_database(database)
    items = await _fetch(db, "SELECT i.*, m.council, m.date, m.kind, m.body, m.source, m.source_path "
                             "FROM items i JOIN meetings m ON m.doc_id = i.doc_id WHERE i.item_id = ?", (item_id,))
    if not items:
        return None
    item = items[0]
    sections = await _fetch(db, "SELECT * FROM sections WHERE item_id = ? ORDER BY n", (item_id,))
    entities = await _fetch(db, "SELECT * FROM entities WHERE item_id = ? ORDER BY n", (item_id,))
    labels = await _fetch(db, "SELECT * FROM labels WHERE item_id = ? AND superseded = 0 ORDER BY task, label",
                          (item_id,))
    evidence = await _fetch(db, "SELECT e.*, l.task, l.label, l.confidence FROM evidence e JOIN labels l "
                                "ON l.id = e.label_id WHERE l.item_id = ? AND l.superseded = 0 ORDER BY l.id, e.n",
                            (item_id,))
    source_url = datasette.urls.path(f"/-/kilde/{database}/{item['doc_id']}")
    if item.get("page"):
        source_url += f"#page={item['page']}"
    return {"item": item, "labels": labels, "html": render_item(item, sections, entities, evidence),
            "source_url": source_url, "task_titles": TASK_TITLES, "entity_titles": ENTITY_TITLES,
            "entity_colours": ENTITY_COLOURS, "n_entities": len(entities)}


async def _is_archive(datasette: Any, database: str | None) -> bool:
    if not database:
        return False
    try:
        return "meta" in await datasette.get_database(database).table_names()
    except KeyError:
        return False


class _Plugin:
    """Datasette hooks of the archive browser (registered by :func:`make_datasette`)."""

    @staticmethod
    @hookimpl
    def extra_template_vars(template: str, database: str | None, table: str | None, view_name: str,
                            request: Any, datasette: Any) -> Any:
        if view_name != "row" or table != "items" or request is None:
            return {}

        async def inner() -> dict:
            if not await _is_archive(datasette, database):
                return {}
            from datasette.utils import tilde_decode

            item_id = tilde_decode(request.url_vars["pks"])
            return {"rar_item": await _item_context(datasette, database or "", item_id)}

        return inner

    @staticmethod
    @hookimpl
    def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
        if table == "punkter" and column == "punkt" and isinstance(value, str):
            from datasette.utils import tilde_encode
            from markupsafe import Markup

            url = datasette.urls.row(database, "items", tilde_encode(value))
            return Markup(f'<a href="{html.escape(url)}">åbn punkt</a>')
        return None

    @staticmethod
    @hookimpl
    def register_routes() -> list:
        return [(r"^/-/kilde/(?P<database>[^/]+)/(?P<doc_id>[0-9a-f]{64})$", _source_file)]


async def _source_file(datasette: Any, request: Any) -> Any:
    """The labelled file itself, if it is still where it was and still has the bytes that were labelled."""
    from datasette.utils.asgi import Response

    database, doc_id = request.url_vars["database"], request.url_vars["doc_id"]
    if not await _is_archive(datasette, database):
        return Response.text("ikke et rar-nlp-arkiv", status=404)
    rows = await _fetch(datasette.get_database(database),
                        "SELECT source, source_path FROM meetings WHERE doc_id = ?", (doc_id,))
    if not rows:
        return Response.text("ukendt dokument", status=404)
    path = Path(rows[0]["source_path"] or rows[0]["source"])
    if not path.is_file():
        return Response.text(f"kildefilen findes ikke længere: {path}", status=404)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != doc_id:
        return Response.text(f"kildefilen er ændret siden mærkningen: {path}", status=409)
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if ctype.startswith("text/"):
        try:
            data.decode("utf-8")
            ctype += "; charset=utf-8"
        except UnicodeDecodeError:
            pass  # an old 8-bit file: let the browser guess
    return Response(data, content_type=ctype, headers={"Content-Disposition": f'inline; filename="{path.name}"'})
