"""Records: schema-valid, offsets that point at their text, and the three file formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.export import RecordWriter, doc_to_records, read_jsonl, schema_errors, validate_record

SAMPLE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"


@pytest.fixture(scope="module")
def sample_records(segmenter_nlp):
    text = SAMPLE.read_text(encoding="utf-8")
    doc = segmenter_nlp(text)
    return text, doc, doc_to_records(doc, doc_id="0" * 64, source=str(SAMPLE))


def test_records_validate_and_point_at_their_text(sample_records):
    raw, doc, records = sample_records
    assert [r["number"] for r in records] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    for r in records:
        validate_record(r)
        for name, sec in r["sections"].items():
            assert doc.text[sec["start"]:sec["end"]] == sec["text"], name
            assert raw[sec["orig_start"]:sec["orig_end"]].split() == sec["text"].split()
    assert records[0]["council"] == "RAR Fyn" and records[0]["date"] == "2025-03-14"
    assert records[2]["marker"] == "D/B" and records[0]["kind"] == "referat"


def test_schema_rejects_bad_records(sample_records):
    bad = dict(sample_records[2][0], date="14/3 2025", ordinal=0, extra_field=1)
    errors = " ".join(schema_errors(bad))
    assert "date" in errors and "ordinal" in errors and "extra_field" in errors


def test_corpus_records_validate(corpus, segmenter_nlp):
    for key, cdoc in corpus.items():
        records = doc_to_records(segmenter_nlp(cdoc.raw.text), doc_id=cdoc.raw.doc_id, source=cdoc.name)
        assert records, key
        for r in records:
            assert not schema_errors(r), (key, r["ordinal"], schema_errors(r))


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_writers(tmp_path, sample_records, fmt):
    records = sample_records[2]
    path = tmp_path / f"out.{fmt}"
    with RecordWriter(path, fmt) as w:
        w.write(records[:2])
        w.write(records[2:])
    if fmt == "jsonl":
        assert [r["ordinal"] for r in read_jsonl(path)] == [1, 2, 3, 4, 5]
    elif fmt == "csv":
        import csv

        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert [r["number"] for r in rows] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
        assert json.loads(rows[2]["record"])["marker"] == "D/B"
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        assert table.num_rows == 5 and table.column("title")[0].as_py() == "Godkendelse af dagsorden"


def test_every_evidence_points_at_the_original_text(corpus):
    """Evidence offsets of every task (type, outcomes, summary) map back to the text as read,
    through hyphenation joins and dropped page furniture."""
    import re

    from nlp.pipeline import load

    nlp = load(base="blank", summarizer="extractive")

    def letters(s: str) -> str:
        return re.sub(r"[\W_]", "", s)

    checked = 0
    for key, cdoc in corpus.items():
        doc = nlp(cdoc.raw.text)
        for r in doc_to_records(doc, doc_id=cdoc.raw.doc_id, source=cdoc.name):
            validate_record(r)
            for task, value in r["evidence"].items():
                for ev in value if isinstance(value, list) else [value]:
                    if not ev:
                        continue
                    assert doc.text[ev["start"]:ev["end"]] == ev.get("text", doc.text[ev["start"]:ev["end"]])
                    orig = cdoc.raw.text[ev["orig_start"]:ev["orig_end"]]
                    norm = letters(doc.text[ev["start"]:ev["end"]])
                    if not r["ocr_repaired"]:  # repaired letters differ from the OCR'd ones by design
                        # same ends; inside, the original may also hold dropped furniture (a link line)
                        lo = letters(orig)
                        assert (lo[:1], lo[-1:]) == (norm[:1], norm[-1:]), (key, task)
                        it = iter(lo)
                        assert all(c in it for c in norm), (key, task)
                    checked += 1
    assert checked > 200
