"""The archive database: labelled records as normalised SQLite tables with full-text search.

``build(jsonl_paths, out)`` turns the JSONL files ``rar-nlp label`` writes into one SQLite file that
analysts query (Datasette, DuckDB, sqlite3): ``meetings`` (one row per document), ``items``,
``sections``, ``entities``, ``labels`` (one row per task and label, with its confidence and the
character offsets of its evidence; ``evidence`` holds every span), ``votes``, ``reservations`` and
``corrections`` (reviewed labels that outlive a relabel); ``punkter`` is derived from items and
meetings for browsing (Danish column names, indexed facets). ``items_fts`` (titles, summaries, section
texts) and ``sections_fts`` are FTS5 indexes kept in step by triggers.

The build is incremental and idempotent, keyed by ``doc_id``: a document whose records hash the
same as the stored ones is skipped, a changed one has all its rows replaced in one transaction
(so a killed build leaves each document whole or absent), and documents not in the input stay.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
LABEL_TASKS = ("item_type", "outcome", "proposed_outcome")
# Tables that hang off an item, children first (the order rows are deleted in).
ITEM_CHILDREN = ("evidence", "labels", "sections", "entities", "votes", "reservations")


class SchemaMismatch(RuntimeError):
    """The file was built by another schema version: rebuild it rather than mix layouts."""


def _require_sqlite_utils() -> Any:
    try:
        import sqlite_utils
    except ImportError:
        raise SystemExit('the archive database needs sqlite-utils: pip install "rar-nlp[archive]"') from None
    return sqlite_utils


# --------------------------------------------------------------------------------------------
# Schema


def _schema(db: Any) -> None:
    """Create the tables, indexes, FTS and view (on a new file) with sqlite-utils."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["meetings"].create({
        "doc_id": str, "source": str, "source_path": str, "council": str, "body": str, "municipality": str,
        "region": str, "kind": str, "date": str, "year": int, "n_items": int, "ocr_repaired": int,
        "warnings": str, "meeting_confidence": str, "content_hash": str,
    }, pk="doc_id", not_null=["content_hash"])
    db["items"].create({
        "item_id": str, "doc_id": str, "ordinal": int, "number": str, "title": str, "marker": str,
        "closed": int, "type_word": str, "item_type": str, "item_types": str, "item_type_source": str,
        "outcome": str, "proposed_outcome": str, "with_remarks": int, "summary": str, "summary_method": str,
        "text": str, "municipalities": str, "start": int, "end": int, "orig_start": int, "orig_end": int,
        "page": int, "page_end": int, "confidence": str,
    }, pk="item_id", foreign_keys=[("doc_id", "meetings", "doc_id")], not_null=["doc_id", "ordinal"])
    db["sections"].create({
        "item_id": str, "name": str, "n": int, "heading": str, "text": str, "start": int, "end": int,
        "orig_start": int, "orig_end": int, "confidence": float, "parts": str,
    }, pk=("item_id", "name"), foreign_keys=[("item_id", "items", "item_id")])
    db["entities"].create({
        "item_id": str, "n": int, "label": str, "text": str, "norm": str, "ent_id": str, "start": int,
        "end": int, "orig_start": int, "orig_end": int, "confidence": float, "region": str, "unit": str,
        "refers_to": str,
    }, pk=("item_id", "n"), foreign_keys=[("item_id", "items", "item_id")])
    db["labels"].create({
        "id": int, "item_id": str, "task": str, "label": str, "confidence": float, "score": float,
        "origin": str, "superseded": int, "evidence_start": int, "evidence_end": int,
        "evidence_orig_start": int, "evidence_orig_end": int, "evidence_text": str, "evidence_section": str,
        "n_evidence": int,
    }, pk="id", foreign_keys=[("item_id", "items", "item_id")], not_null=["item_id", "task", "label"])
    db["evidence"].create({
        "label_id": int, "n": int, "start": int, "end": int, "orig_start": int, "orig_end": int, "text": str,
        "section": str,
    }, pk=("label_id", "n"), foreign_keys=[("label_id", "labels", "id")])
    db["votes"].create({
        "item_id": str, "n": int, "motion": str, "result": str, "for": str, "against": str, "abstain": str,
        "n_for": int, "n_against": int, "n_abstain": int, "unanimous": int, "method": str, "list_kind": str,
        "evidence_start": int, "evidence_end": int, "evidence_text": str,
    }, pk=("item_id", "n"), foreign_keys=[("item_id", "items", "item_id")])
    db["reservations"].create({
        "item_id": str, "n": int, "who": str, "kind": str, "text": str, "evidence_start": int,
        "evidence_end": int,
    }, pk=("item_id", "n"), foreign_keys=[("item_id", "items", "item_id")])
    # No foreign key: a correction must outlive the rows of the labelling it corrected.
    db["corrections"].create({"doc_id": str, "ordinal": int, "task": str, "label": str, "source": str},
                             pk=("doc_id", "ordinal", "task"))
    for table, cols in (("items", ["doc_id", "ordinal"]), ("labels", ["item_id", "task"]),
                        ("labels", ["task", "confidence"]), ("entities", ["label", "norm"]),
                        ("entities", ["ent_id"]), ("meetings", ["council", "year"])):
        db[table].create_index(cols)
    tokenize = "unicode61 remove_diacritics 2"
    db["items"].enable_fts(["title", "summary", "text"], create_triggers=True, tokenize=tokenize)
    db["sections"].enable_fts(["text"], create_triggers=True, tokenize=tokenize)
    # A rowid table: Datasette then links "punkt" (a foreign key) to the item page, not to this row.
    db["punkter"].create({c: t for c, (_, t) in PUNKTER_COLUMNS.items()},
                         foreign_keys=[("punkt", "items", "item_id")])
    db["punkter"].create_index(["punkt"], unique=True)
    for cols in (["item_rowid"], ["doc_id"], ["dato"], ["råd", "år"], ["år"], ["type"], ["art"], ["kommune"]):
        db["punkter"].create_index(cols)
    db["meta"].insert_all([{"key": "schema_version", "value": str(SCHEMA_VERSION)},
                           {"key": "producer", "value": "rar-nlp db build"}])
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _joined(json_col: str) -> str:
    """SQL for a JSON array of labels as one sorted string ("droeftet, godkendt"), NULL when empty."""
    return f"(SELECT group_concat(value, ', ') FROM (SELECT value FROM json_each({json_col}) ORDER BY value))"


# The browsing table: an item with its meeting's facets under Danish column names. Derived from
# items + meetings (rewritten with them, per document) so that facets and sorting use indexes: as a
# view, every facet re-ran the join (~1 s per page on 1,000 documents). Outcomes are a plain column
# (the label set as one string) for the default facet; Datasette's array facet over the JSON list
# (udfald_liste) is there on request (``_facet_array=udfald_liste``) but costs ~130 ms at 1,000 documents.
PUNKTER_COLUMNS = {
    "punkt": ("i.item_id", str), "item_rowid": ("i.rowid", int), "dato": ("m.date", str), "år": ("m.year", int),
    "råd": ("m.council", str), "organ": ("m.body", str), "kommune": ("m.municipality", str),
    "region": ("m.region", str), "art": ("m.kind", str), "nr": ("i.number", str), "titel": ("i.title", str),
    "type": ("i.item_type", str), "udfald": (_joined("i.outcome"), str),
    "indstillet": (_joined("i.proposed_outcome"), str), "udfald_liste": ("i.outcome", str),
    "nævnte_kommuner": ("i.municipalities", str), "resumé": ("i.summary", str), "side": ("i.page", int),
    "kilde": ("m.source", str), "doc_id": ("i.doc_id", str), "ordinal": ("i.ordinal", int),
}
PUNKTER_INSERT = (f"INSERT INTO punkter ({', '.join(f'[{c}]' for c in PUNKTER_COLUMNS)}) "
                  f"SELECT {', '.join(e for e, _ in PUNKTER_COLUMNS.values())} "
                  "FROM items i JOIN meetings m ON m.doc_id = i.doc_id WHERE i.doc_id = ?")


def refresh_punkter(conn: sqlite3.Connection, doc_id: str) -> None:
    """Rewrite a document's rows of the browsing table from items and meetings."""
    conn.execute("DELETE FROM punkter WHERE doc_id = ?", (doc_id,))
    conn.execute(PUNKTER_INSERT, (doc_id,))


def connect(path: str | Path) -> Any:
    """Open (creating if new) an archive database; refuse a file of another schema version."""
    sqlite_utils = _require_sqlite_utils()
    new = not Path(path).exists() or Path(path).stat().st_size == 0
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL")
    if new or "meta" not in db.table_names():
        if db.table_names():
            raise SchemaMismatch(f"{path} is an SQLite file but not an rar-nlp archive (no meta table)")
        _schema(db)
    else:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise SchemaMismatch(f"{path} has archive schema {version}, this rar-nlp writes {SCHEMA_VERSION}: "
                                 "build a new file")
    return db


# --------------------------------------------------------------------------------------------
# Reading labelling runs


def manifest_for(path: Path) -> Path:
    """The batch manifest beside a record file (``x.jsonl`` or the journal of ``x.db``/``x.parquet``)."""
    name = path.name
    if name.endswith(".journal.jsonl"):
        name = name[: -len(".journal.jsonl")]
    return path.with_name(name + ".manifest.jsonl")


def _manifest(path: Path) -> tuple[int | None, dict[str, list]]:
    """(committed byte offset, pages per doc_id) from a run's manifest; (None, {}) when there is none."""
    mpath = manifest_for(path)
    if not mpath.exists():
        return None, {}
    offset, pages = 0, {}
    for line in mpath.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # a torn last line: that document was not committed
        offset = max(offset, entry.get("offset", 0))
        if entry.get("pages"):
            pages[entry["doc_id"]] = entry["pages"]
    return offset, pages


def read_records(path: str | Path) -> Iterator[dict]:
    """Committed records of a labelling run's JSONL (a killed run's uncommitted tail is left out)."""
    path = Path(path)
    limit, _ = _manifest(path)
    with path.open("rb") as fh:
        data = fh.read() if limit is None else fh.read(limit)
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError:
            continue  # a torn line (no manifest to say where the committed part ends)


def iter_documents(paths: Iterable[str | Path]) -> Iterator[tuple[list[dict], list | None]]:
    """(records of one document, its item pages) in input order; a doc_id seen again replaces the first."""
    for path in map(Path, paths):
        _, pages = _manifest(path)
        current: list[dict] = []
        for rec in read_records(path):
            if current and rec["doc_id"] != current[0]["doc_id"]:
                yield current, pages.get(current[0]["doc_id"])
                current = []
            current.append(rec)
        if current:
            yield current, pages.get(current[0]["doc_id"])


def content_hash(records: list[dict], pages: list | None) -> str:
    """Hash of what a document contributes, so an unchanged document is skipped on rebuild."""
    blob = json.dumps([records, pages], sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


# --------------------------------------------------------------------------------------------
# Records -> rows


def item_id(doc_id: str, ordinal: int) -> str:
    return f"{doc_id}-{ordinal}"


def _js(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _evidence_for(record: dict, task: str, label: str) -> list[dict]:
    """The evidence spans of one label (outcome evidence names the labels each span supports)."""
    ev = (record.get("evidence") or {}).get(task)
    spans = ev if isinstance(ev, list) else [ev] if isinstance(ev, dict) else []
    return [e for e in spans if "start" in e and label in e.get("labels", [label])]


def _labels(record: dict) -> Iterator[tuple[str, str, float | None, float | None]]:
    """(task, label, task confidence, label score) for every label of a record."""
    conf = record.get("confidence") or {}
    types = record.get("item_types") or ([record["item_type"]] if record.get("item_type") else [])
    for t in types:
        yield "item_type", t, conf.get("item_type"), (record.get("item_type_scores") or {}).get(t)
    for task in ("outcome", "proposed_outcome"):
        scores = record.get("outcome_scores") if task == "outcome" else record.get("proposed_outcome_scores")
        for lab in record.get(task) or []:
            yield task, lab, conf.get(task), (scores or {}).get(lab)


def _item_text(record: dict) -> str:
    """The item's section texts in reading order (what full-text search and the item page see)."""
    secs = sorted(record.get("sections", {}).items(), key=lambda kv: kv[1]["start"])
    return "\n\n".join(s["text"] for _, s in secs if s.get("text"))


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _source_path(source: str) -> str | None:
    p = Path(source)
    return str(p.resolve()) if p.exists() else None


@dataclass
class DocRows:
    """Rows of one document per table; labels carry their evidence until ids are assigned."""

    meeting: dict
    items: list[dict]
    sections: list[dict]
    entities: list[dict]
    labels: list[tuple[dict, list[dict]]]
    votes: list[dict]
    reservations: list[dict]


def doc_rows(records: list[dict], pages: list | None = None) -> DocRows:
    """Split one document's records into the rows of each table."""
    first = records[0]
    doc_id = first["doc_id"]
    rows = DocRows(meeting={
        "doc_id": doc_id, "source": first["source"], "source_path": _source_path(first["source"]),
        "council": first.get("council"), "body": first.get("body"), "municipality": first.get("municipality"),
        "region": first.get("region"), "kind": first.get("kind"), "date": first.get("date"),
        "year": _year(first.get("date")), "n_items": len(records), "ocr_repaired": int(bool(first.get("ocr_repaired"))),
        "warnings": _js(first.get("warnings")), "meeting_confidence": _js(first.get("meeting_confidence")),
        "content_hash": content_hash(records, pages),
    }, items=[], sections=[], entities=[], labels=[], votes=[], reservations=[])
    for k, rec in enumerate(records):
        iid = item_id(doc_id, rec["ordinal"])
        page = pages[k] if pages and k < len(pages) and pages[k] else [None, None]
        ents = rec.get("entities") or []
        rows.items.append({
            "item_id": iid, "doc_id": doc_id, "ordinal": rec["ordinal"], "number": rec.get("number"),
            "title": rec.get("title"), "marker": rec.get("marker"), "closed": int(bool(rec.get("closed"))),
            "type_word": rec.get("type_word"), "item_type": rec.get("item_type"),
            "item_types": _js(rec.get("item_types") or []), "item_type_source": rec.get("item_type_source"),
            "outcome": _js(rec.get("outcome") or []), "proposed_outcome": _js(rec.get("proposed_outcome") or []),
            "with_remarks": None if rec.get("with_remarks") is None else int(rec["with_remarks"]),
            "summary": rec.get("summary"), "summary_method": rec.get("summary_method"), "text": _item_text(rec),
            "municipalities": _js(sorted({e["norm"] or e["text"] for e in ents if e["label"] == "MUNICIPALITY"})),
            "start": rec["start"], "end": rec["end"], "orig_start": rec.get("orig_start"),
            "orig_end": rec.get("orig_end"), "page": page[0], "page_end": page[1],
            "confidence": _js(rec.get("confidence") or {}),
        })
        for n, (name, s) in enumerate(sorted(rec.get("sections", {}).items(), key=lambda kv: kv[1]["start"])):
            rows.sections.append({
                "item_id": iid, "name": name, "n": n, "heading": s.get("heading"), "text": s.get("text"),
                "start": s["start"], "end": s["end"], "orig_start": s.get("orig_start"),
                "orig_end": s.get("orig_end"), "confidence": s.get("confidence"), "parts": _js(s.get("parts")),
            })
        for n, e in enumerate(ents):
            rows.entities.append({
                "item_id": iid, "n": n, "label": e["label"], "text": e["text"], "norm": e.get("norm"),
                "ent_id": e.get("id"), "start": e["start"], "end": e["end"], "orig_start": e.get("orig_start"),
                "orig_end": e.get("orig_end"), "confidence": e.get("confidence"), "region": e.get("region"),
                "unit": e.get("unit"), "refers_to": e.get("refers_to"),
            })
        for task, label, conf, score in _labels(rec):
            spans = _evidence_for(rec, task, label)
            ev0 = spans[0] if spans else {}
            rows.labels.append(({
                "item_id": iid, "task": task, "label": label, "confidence": conf, "score": score,
                "origin": "model", "superseded": 0, "evidence_start": ev0.get("start"),
                "evidence_end": ev0.get("end"), "evidence_orig_start": ev0.get("orig_start"),
                "evidence_orig_end": ev0.get("orig_end"), "evidence_text": ev0.get("text"),
                "evidence_section": ev0.get("section"), "n_evidence": len(spans),
            }, spans))
        for n, v in enumerate(rec.get("votes") or []):
            ev, counts = v.get("evidence") or {}, v.get("counts") or {}
            rows.votes.append({
                "item_id": iid, "n": n, "motion": v.get("motion"), "result": v.get("result"),
                "for": _js(v.get("for", [])), "against": _js(v.get("against", [])),
                "abstain": _js(v.get("abstain", [])), "n_for": counts.get("for"),
                "n_against": counts.get("against"), "n_abstain": counts.get("abstain"),
                "unanimous": int(bool(v.get("unanimous"))), "method": v.get("method"),
                "list_kind": v.get("list_kind"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
                "evidence_text": ev.get("text"),
            })
        for n, r in enumerate(rec.get("reservations") or []):
            ev = r.get("evidence") or {}
            rows.reservations.append({"item_id": iid, "n": n, "who": r.get("who"), "kind": r.get("kind"),
                                      "text": r.get("text"), "evidence_start": ev.get("start"),
                                      "evidence_end": ev.get("end")})
    return rows


# --------------------------------------------------------------------------------------------
# Writing


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    cols = list(rows[0])
    sql = (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
           f"VALUES ({', '.join('?' for _ in cols)})")
    conn.executemany(sql, [tuple(r[c] for c in cols) for r in rows])


def delete_document(conn: sqlite3.Connection, doc_id: str) -> None:
    """Remove a document's rows from every table (corrections stay: they outlive relabels)."""
    items = "SELECT item_id FROM items WHERE doc_id = ?"
    conn.execute("DELETE FROM punkter WHERE doc_id = ?", (doc_id,))
    conn.execute(f"DELETE FROM evidence WHERE label_id IN (SELECT id FROM labels WHERE item_id IN ({items}))",
                 (doc_id,))
    for table in ITEM_CHILDREN[1:]:
        conn.execute(f"DELETE FROM [{table}] WHERE item_id IN ({items})", (doc_id,))
    conn.execute("DELETE FROM items WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM meetings WHERE doc_id = ?", (doc_id,))


def write_document(conn: sqlite3.Connection, rows: DocRows) -> None:
    """Insert one document's rows (the caller holds the transaction)."""
    _insert(conn, "meetings", [rows.meeting])
    _insert(conn, "items", rows.items)
    for table in ("sections", "entities", "votes", "reservations"):
        _insert(conn, table, getattr(rows, table))
    for label, spans in rows.labels:
        cols = list(label)
        cur = conn.execute(f"INSERT INTO labels ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                           tuple(label[c] for c in cols))
        _insert(conn, "evidence", [{"label_id": cur.lastrowid, "n": n, "start": e["start"], "end": e["end"],
                                    "orig_start": e.get("orig_start"), "orig_end": e.get("orig_end"),
                                    "text": e.get("text"), "section": e.get("section")}
                                   for n, e in enumerate(spans)])
    _apply_stored_corrections(conn, rows.meeting["doc_id"])
    refresh_punkter(conn, rows.meeting["doc_id"])


@dataclass
class BuildSummary:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    items: int = 0


def build(jsonl_paths: Iterable[str | Path], out: str | Path, *, batch_docs: int = 200) -> BuildSummary:
    """Add the documents of labelling runs to the archive ``out``; incremental and idempotent by doc_id."""
    db = connect(out)
    conn: sqlite3.Connection = db.conn
    known = dict(conn.execute("SELECT doc_id, content_hash FROM meetings"))
    summary = BuildSummary()
    pending = 0
    conn.execute("BEGIN")
    try:
        for records, pages in iter_documents(jsonl_paths):
            doc_id = records[0]["doc_id"]
            digest = content_hash(records, pages)
            if known.get(doc_id) == digest:
                summary.unchanged += 1
                continue
            if doc_id in known:
                delete_document(conn, doc_id)
                summary.replaced += 1
            else:
                summary.added += 1
            write_document(conn, doc_rows(records, pages))
            known[doc_id] = digest
            summary.items += len(records)
            pending += 1
            if pending >= batch_docs:  # whole documents per transaction
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                pending = 0
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        db.close()
    return summary


# --------------------------------------------------------------------------------------------
# Review and corrections (read the confidence column; calibration lives in nlp/_classify)


def review_queue(path: str | Path, *, task: str, below: float, limit: int | None = None) -> list[dict]:
    """Model labels of ``task`` with confidence under ``below``, lowest first, not yet corrected."""
    db = connect(path)
    sql = """SELECT i.doc_id, i.ordinal, l.task, l.label, l.confidence, i.title, m.source, l.evidence_text
             FROM labels l JOIN items i ON i.item_id = l.item_id JOIN meetings m ON m.doc_id = i.doc_id
             WHERE l.task = ? AND l.origin = 'model' AND l.superseded = 0 AND l.confidence < ?
             ORDER BY l.confidence, i.doc_id, i.ordinal, l.label"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    cur = db.conn.execute(sql, (task, below))
    cols = [c[0] for c in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur]
    db.close()
    return rows


CORRECTION_FIELDS = ("doc_id", "ordinal", "task", "label", "model_label", "confidence", "title")


def write_corrections(path: str | Path, rows: list[dict]) -> None:
    """A corrections file to fill in (CSV or JSONL by suffix), in the shape ``read_corrections`` reads."""
    import csv

    path = Path(path)
    entries = [{k: r.get(k) for k in CORRECTION_FIELDS} for r in rows]
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=CORRECTION_FIELDS)
            w.writeheader()
            w.writerows(entries)
    else:
        path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")


def read_corrections(path: str | Path) -> list[dict]:
    """Rows ``doc_id, ordinal, task, label`` from a CSV or JSONL corrections file (label: ``a|b`` for sets)."""
    import csv

    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = []
    for r in rows:
        missing = {"doc_id", "ordinal", "task", "label"} - set(r)
        if missing:
            raise ValueError(f"{path}: a correction lacks {', '.join(sorted(missing))}: {r}")
        if r["task"] not in LABEL_TASKS:
            raise ValueError(f"{path}: unknown task {r['task']!r} (one of {', '.join(LABEL_TASKS)})")
        label = "|".join(r["label"]) if isinstance(r["label"], list) else str(r["label"])
        out.append({"doc_id": r["doc_id"], "ordinal": int(r["ordinal"]), "task": r["task"], "label": label})
    return out


def _apply_one(conn: sqlite3.Connection, doc_id: str, ordinal: int, task: str, label: str) -> bool:
    """Replace an item's labels of one task by the reviewed ones; False if the item is not in the db."""
    iid = item_id(doc_id, ordinal)
    if conn.execute("SELECT 1 FROM items WHERE item_id = ?", (iid,)).fetchone() is None:
        return False
    labels = [x for x in label.split("|") if x]
    conn.execute("DELETE FROM labels WHERE item_id = ? AND task = ? AND origin = 'correction'", (iid, task))
    conn.execute("UPDATE labels SET superseded = 1 WHERE item_id = ? AND task = ? AND origin = 'model'", (iid, task))
    for lab in labels:
        conn.execute("INSERT INTO labels (item_id, task, label, confidence, origin, superseded, n_evidence) "
                     "VALUES (?, ?, ?, 1.0, 'correction', 0, 0)", (iid, task, lab))
    if task == "item_type":
        conn.execute("UPDATE items SET item_type = ?, item_types = ?, item_type_source = 'correction' "
                     "WHERE item_id = ?", (labels[0] if labels else None, _js(labels), iid))
    else:
        conn.execute(f"UPDATE items SET [{task}] = ? WHERE item_id = ?", (_js(labels), iid))
    return True


def _apply_stored_corrections(conn: sqlite3.Connection, doc_id: str) -> None:
    for ordinal, task, label in conn.execute(
            "SELECT ordinal, task, label FROM corrections WHERE doc_id = ?", (doc_id,)).fetchall():
        _apply_one(conn, doc_id, ordinal, task, label)


def apply_corrections(path: str | Path, corrections: str | Path) -> tuple[int, int]:
    """Store reviewed labels and apply them; returns (applied now, stored for items not yet in the db)."""
    rows = read_corrections(corrections)
    db = connect(path)
    conn: sqlite3.Connection = db.conn
    applied = waiting = 0
    conn.execute("BEGIN")
    try:
        for r in rows:
            conn.execute("INSERT OR REPLACE INTO corrections (doc_id, ordinal, task, label, source) "
                         "VALUES (?, ?, ?, ?, ?)", (r["doc_id"], r["ordinal"], r["task"], r["label"], str(corrections)))
            if _apply_one(conn, r["doc_id"], r["ordinal"], r["task"], r["label"]):
                applied += 1
            else:
                waiting += 1
        for doc_id in {r["doc_id"] for r in rows}:
            refresh_punkter(conn, doc_id)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        db.close()
    return applied, waiting
