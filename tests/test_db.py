"""The archive database: normalised tables, FTS5, schema version, incremental and idempotent builds."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from nlp import db

from .archive_data import labelled_run


@pytest.fixture(scope="module")
def run() -> Path:
    return labelled_run()


@pytest.fixture
def built(run, tmp_path) -> Path:
    out = tmp_path / "arkiv.db"
    db.build([run / "run.jsonl", run / "votes.jsonl"], out)
    return out


def records(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_tables_hold_every_record(run, built):
    recs = records(run / "run.jsonl") + records(run / "votes.jsonl")
    con = sqlite3.connect(built)
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert dict(con.execute("SELECT key, value FROM meta"))["schema_version"] == str(db.SCHEMA_VERSION)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == len({r["doc_id"] for r in recs})
    assert con.execute("SELECT count(*) FROM items").fetchone()[0] == len(recs)
    assert con.execute("SELECT count(*) FROM sections").fetchone()[0] == sum(len(r["sections"]) for r in recs)
    assert con.execute("SELECT count(*) FROM entities").fetchone()[0] == sum(len(r.get("entities", [])) for r in recs)
    for r in recs:
        iid = db.item_id(r["doc_id"], r["ordinal"])
        row = con.execute("SELECT title, item_type, outcome FROM items WHERE item_id = ?", (iid,)).fetchone()
        assert row == (r["title"], r.get("item_type"), json.dumps(r.get("outcome", []), ensure_ascii=False))
        got = {(t, lab) for t, lab in con.execute("SELECT task, label FROM labels WHERE item_id = ?", (iid,))}
        want = {("item_type", t) for t in r.get("item_types", [])} | \
            {(task, lab) for task in ("outcome", "proposed_outcome") for lab in r.get(task, [])}
        assert got == want


def test_labels_carry_confidence_and_evidence_offsets(run, built):
    recs = {db.item_id(r["doc_id"], r["ordinal"]): r for r in records(run / "run.jsonl")}
    con = sqlite3.connect(built)
    rows = con.execute("SELECT item_id, task, label, confidence, evidence_start, evidence_end, evidence_text "
                       "FROM labels WHERE item_id IN (SELECT item_id FROM items WHERE doc_id != ?)",
                       (records(run / "votes.jsonl")[0]["doc_id"],)).fetchall()
    assert rows
    with_evidence = 0
    for iid, task, label, conf, start, end, text in rows:
        rec = recs[iid]
        assert conf == rec["confidence"][task]
        assert label in (rec.get("item_types") if task == "item_type" else rec.get(task))
        if start is not None:
            with_evidence += 1
            assert end - start == len(text)
            sec = next((s for s in rec["sections"].values() if s["start"] <= start and end <= s["end"]), None)
            if sec is not None:  # the evidence is the section's text at those offsets
                assert sec["text"][start - sec["start"]:end - sec["start"]] == text
    assert with_evidence >= len(rows) * 0.8
    n_spans = con.execute("SELECT sum(n_evidence) FROM labels").fetchone()[0]
    assert con.execute("SELECT count(*) FROM evidence").fetchone()[0] == n_spans


def test_votes_and_reservations_when_present(built):
    con = sqlite3.connect(built)
    assert con.execute("SELECT motion, result, [for], n_for, n_against, n_abstain, unanimous FROM votes").fetchall() \
        == [("forslaget", "vedtaget", '["3F", "DA"]', 7, 2, 1, 0)]
    assert con.execute("SELECT who, kind FROM reservations").fetchall() == [("KL", "forbehold")]


def test_full_text_search_on_titles_sections_and_summaries(built):
    con = sqlite3.connect(built)

    def hits(q: str) -> set[str]:
        return {t for (t,) in con.execute("SELECT i.title FROM items i JOIN items_fts f ON f.rowid = i.rowid "
                                          "WHERE items_fts MATCH ?", (q,))}

    assert any("Positivliste" in t for t in hits("positivlisten OR positivliste"))
    assert hits("anlægsgartner")  # a word only in a Beslutning section
    assert hits("anlaegsgartner") == set() and hits("anlægsgartner") == hits("ANLÆGSGARTNER")
    s = con.execute("SELECT count(*) FROM sections s JOIN sections_fts f ON f.rowid = s.rowid "
                    "WHERE sections_fts MATCH 'godkendt' AND s.name = 'beslutning'").fetchone()[0]
    assert s > 0


def test_pages_come_from_the_run_manifest(built, run):
    con = sqlite3.connect(built)
    pages = con.execute("SELECT i.page, i.page_end FROM items i JOIN meetings m ON m.doc_id = i.doc_id "
                        "WHERE m.source LIKE '%.pdf' ORDER BY i.ordinal").fetchall()
    manifest = [json.loads(x) for x in (run / "run.jsonl.manifest.jsonl").read_text().splitlines()]
    want = next(m["pages"] for m in manifest if m["source"].endswith(".pdf"))
    assert [list(p) for p in pages] == want
    assert con.execute("SELECT count(*) FROM items i JOIN meetings m ON m.doc_id = i.doc_id "
                       "WHERE m.source LIKE '%.txt' AND i.page IS NOT NULL").fetchone()[0] == 0


def test_build_is_idempotent_and_incremental(run, built, tmp_path):
    before = dump(built)
    again = db.build([run / "run.jsonl", run / "votes.jsonl"], built)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 4)
    assert dump(built) == before
    # A relabelled document (another title): its rows are replaced, nothing is duplicated.
    recs = records(run / "run.jsonl")
    changed = [dict(r, title=r["title"] + " (rettet)") if r["doc_id"] == recs[0]["doc_id"] else r for r in recs
               if r["doc_id"] == recs[0]["doc_id"]]
    relabel = tmp_path / "relabel.jsonl"
    relabel.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in changed), encoding="utf-8")
    s = db.build([relabel], built)
    assert (s.added, s.replaced, s.unchanged, s.items) == (0, 1, 0, len(changed))
    con = sqlite3.connect(built)
    assert con.execute("SELECT count(*) FROM items").fetchone()[0] == len(recs) + len(records(run / "votes.jsonl"))
    assert con.execute("SELECT count(*) FROM items WHERE title LIKE '%(rettet)'").fetchone()[0] == len(changed)
    assert con.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'rettet'").fetchone()[0] == len(changed)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    # The same records in a fresh file give the same rows as building in steps.
    fresh = tmp_path / "fresh.db"
    db.build([run / "run.jsonl", run / "votes.jsonl", relabel], fresh)
    norm = [x for x in dump(fresh) if "INSERT INTO \"labels\"" not in x and "INSERT INTO \"evidence\"" not in x]
    assert sorted(norm) == sorted(x for x in dump(built) if "INSERT INTO \"labels\"" not in x
                                  and "INSERT INTO \"evidence\"" not in x)


def test_the_same_run_twice_in_the_input_gives_one_copy(run, tmp_path):
    doubled = tmp_path / "doubled.jsonl"  # what two overlapping runs wrote before the lock
    doubled.write_bytes((run / "run.jsonl").read_bytes() * 2)
    out = tmp_path / "a.db"
    s = db.build([doubled], out)
    assert (s.added, s.unchanged) == (3, 3)
    n = len(records(run / "run.jsonl"))
    assert sqlite3.connect(out).execute("SELECT count(*) FROM items").fetchone()[0] == n


def test_only_committed_records_of_a_killed_run_are_read(run, tmp_path):
    d = tmp_path / "killed"
    d.mkdir()
    data = (run / "run.jsonl").read_bytes()
    manifest = (run / "run.jsonl.manifest.jsonl").read_text().splitlines()
    first = json.loads(manifest[0])
    (d / "run.jsonl").write_bytes(data[: first["offset"] + 300])  # doc 1 committed, doc 2 torn
    (d / "run.jsonl.manifest.jsonl").write_text(manifest[0] + "\n" + manifest[1][:20])
    s = db.build([d / "run.jsonl"], tmp_path / "a.db")
    assert (s.added, s.items) == (1, first["n"])
    (d / "run.jsonl.manifest.jsonl").unlink()  # no manifest: whole lines only
    assert [r["doc_id"] for r in db.read_records(d / "run.jsonl")] == [first["doc_id"]] * first["n"]


def test_another_schema_version_is_refused(built):
    con = sqlite3.connect(built)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    with pytest.raises(db.SchemaMismatch, match="schema 99"):
        db.connect(built)


def test_review_queue_and_corrections_survive_a_relabel(run, built, tmp_path):
    queue = db.review_queue(built, task="outcome", below=1.01)
    assert queue and [q["confidence"] for q in queue] == sorted(q["confidence"] for q in queue)
    target = queue[0]
    corrections = tmp_path / "rettelser.csv"
    corrections.write_text("doc_id,ordinal,task,label\n"
                           f"{target['doc_id']},{target['ordinal']},outcome,udsat\n"
                           f"{'0' * 64},1,outcome,godkendt\n", encoding="utf-8")
    assert db.apply_corrections(built, corrections) == (1, 1)

    def state(path: Path) -> tuple:
        con = sqlite3.connect(path)
        iid = db.item_id(target["doc_id"], target["ordinal"])
        return (con.execute("SELECT outcome FROM items WHERE item_id = ?", (iid,)).fetchone()[0],
                con.execute("SELECT label, origin FROM labels WHERE item_id = ? AND task = 'outcome' AND "
                            "superseded = 0", (iid,)).fetchall())

    assert state(built) == ('["udsat"]', [("udsat", "correction")])
    assert all(q["doc_id"] != target["doc_id"] or q["ordinal"] != target["ordinal"]
               for q in db.review_queue(built, task="outcome", below=1.01))
    # Relabel that document (its records change): the correction is applied to the new rows.
    recs = [dict(r, summary=(r.get("summary") or "") + " ny") for r in records(run / "run.jsonl")
            if r["doc_id"] == target["doc_id"]] or \
        [dict(r, summary=(r.get("summary") or "") + " ny") for r in records(run / "votes.jsonl")]
    relabel = tmp_path / "relabel.jsonl"
    relabel.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    assert db.build([relabel], built).replaced == 1
    assert state(built) == ('["udsat"]', [("udsat", "correction")])


def test_duckdb_reads_the_same_file(built, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    try:
        con.execute("INSTALL sqlite; LOAD sqlite;")
    except duckdb.Error as err:
        pytest.skip(f"DuckDB's sqlite extension cannot be installed here (offline?): {str(err)[:120]}")
    copy = tmp_path / "copy.db"
    shutil.copy(built, copy)
    con.execute(f"ATTACH '{copy}' AS arkiv (TYPE sqlite, READ_ONLY)")
    n = con.execute("SELECT count(*) FROM arkiv.items").fetchone()[0]
    assert n == sqlite3.connect(built).execute("SELECT count(*) FROM items").fetchone()[0]
