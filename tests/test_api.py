"""The import API: enrich / enrich_batch, datasets.map, and the README's SQLite/DuckDB examples."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import nlp
from nlp.export import schema_errors

SAMPLE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"


@pytest.fixture(scope="module")
def seg_only():
    return nlp.load(base="blank", components=["rar_segmenter"])


def test_enrich_path_and_text_agree(seg_only):
    by_path = nlp.enrich(SAMPLE, nlp=seg_only)
    by_text = nlp.enrich(SAMPLE.read_text(encoding="utf-8"), source="import:1", nlp=seg_only)
    assert [r["title"] for r in by_path] == [r["title"] for r in by_text]
    assert by_path[0]["doc_id"] == by_text[0]["doc_id"]  # same bytes, same id
    assert by_text[0]["source"] == "import:1"
    assert all(not schema_errors(r) for r in by_path)


def test_enrich_batch_with_datasets_map(seg_only):
    datasets = pytest.importorskip("datasets")
    text = SAMPLE.read_text(encoding="utf-8")
    ds = datasets.Dataset.from_dict({"text": [text, text.replace("RAR Fyn", "RAR Bornholm")],
                                     "source": ["a", "b"]})
    items = ds.map(lambda b: nlp.enrich_batch(b, nlp=seg_only), batched=True, batch_size=2,
                   remove_columns=ds.column_names)
    assert items.num_rows == 10
    assert items["source"] == ["a"] * 5 + ["b"] * 5
    assert set(items["council"]) == {"RAR Fyn", "RAR Bornholm"}


def test_readme_sqlite_import(tmp_path, seg_only):
    con = sqlite3.connect(tmp_path / "rar.sqlite")
    con.execute("CREATE TABLE IF NOT EXISTS items (doc_id TEXT, ordinal INT, council TEXT, date TEXT, "
                "number TEXT, title TEXT, item_type TEXT, outcome TEXT, record TEXT, "
                "PRIMARY KEY (doc_id, ordinal))")
    for _ in range(2):  # importing twice is idempotent
        for r in nlp.enrich(SAMPLE, nlp=seg_only):
            con.execute("INSERT OR REPLACE INTO items VALUES (?,?,?,?,?,?,?,?,?)",
                        (r["doc_id"], r["ordinal"], r["council"], r["date"], r["number"], r["title"],
                         r.get("item_type"), "|".join(r.get("outcome", [])), json.dumps(r, ensure_ascii=False)))
    con.commit()
    assert con.execute("SELECT count(*), min(council) FROM items").fetchone() == (5, "RAR Fyn")
    rec = json.loads(con.execute("SELECT record FROM items WHERE number = '2.1'").fetchone()[0])
    assert rec["marker"] == "D/B"


def test_readme_duckdb_over_jsonl(tmp_path, seg_only):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "arkiv.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in nlp.enrich(SAMPLE, nlp=seg_only)))
    rows = duckdb.sql(f"SELECT council, count(*) FROM read_json_auto('{out}') GROUP BY ALL").fetchall()
    assert rows == [("RAR Fyn", 5)]


def test_spacy_pipe_multiprocess_matches_single(seg_only):
    texts = [SAMPLE.read_text(encoding="utf-8")] * 3
    def items(doc):
        return [(s._.rar_number, s.start_char, s.end_char, s._.rar_title) for s in doc.spans["items"]]

    single = [items(seg_only(t)) for t in texts]
    multi = [items(d) for d in seg_only.pipe(texts, n_process=2)]
    assert single == multi and len(single[0]) == 5
