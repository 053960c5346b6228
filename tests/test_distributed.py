"""The Ray Data path (``nlp.distributed``, ``rar-nlp label --engine ray``) on a local Ray.

Records equal those of the local path (``nlp.batch``) on the same files, with and without the
summariser's separate actor pool; a rerun skips everything; a half-written output file (a killed job)
is set aside and its documents labelled again; bad files are rows of the errors dataset.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason='Ray is not installed (the optional extra: pip install -e ".[ray]")')
pytest.importorskip("ray.data", reason='Ray Data is not installed (pip install "ray[data]")')

from nlp import distributed as nd  # noqa: E402
from nlp.batch import label_archive  # noqa: E402

from .synthetic import meeting, render_linestart  # noqa: E402

# Each Ray job starts actors that load the pipeline (~10-20 s); Ray's own deprecation noise is not ours.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning:ray")]

SAMPLE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"

SMALL = """Referat af RAR Østjyllands møde den 2. september 2024

1. Meddelelser

- 1.1. Godkendelse af referat (B)

Sagen kort: Rådet godkender referatet fra mødet den 10. juni 2024.

Indstilling: Det indstilles, at Rådet godkender referatet.

Beslutning: Godkendt.

- 1.2. Nyt fra Aarhus Kommune (O)

Sagen kort: Jobcenter Aarhus orienterer om ledigheden blandt unge i Aarhus og Randers.

Indstilling: Det indstilles, at Rådet tager orienteringen til efterretning.

Beslutning: Rådet tog orienteringen til efterretning.

Sagsfremstilling: Chefkonsulent Mette Holm fra Jobcenter Aarhus fremlægger tallene for andet kvartal.
"""


def _key(row: dict) -> tuple:
    return row["doc_id"], row["ordinal"]


def rows(table) -> list[dict]:
    return sorted(table.to_pylist(), key=_key)


@pytest.fixture(scope="module")
def local_ray():
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    nd.init_ray()  # progress bars off
    yield
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("ray_in")
    (d / "a_sample.txt").write_bytes(SAMPLE.read_bytes())
    (d / "b_linestart.txt").write_text(render_linestart(meeting()), encoding="utf-8")
    (d / "c_small.txt").write_text(SMALL, encoding="utf-8")
    (d / "d_binary.txt").write_bytes(b"\x00\xff" * 300)
    (d / "e_english.txt").write_text("The committee met on Monday and agreed on the budget.\n", encoding="utf-8")
    (d / "f_same_bytes.txt").write_bytes(SAMPLE.read_bytes())  # same doc_id as a_sample: labelled once
    (d / "notes.json").write_text("{}")  # not a supported suffix: not read (as the local path)
    return d


@pytest.fixture(scope="module")
def local(archive, tmp_path_factory) -> dict:
    """The local path's Parquet output and error log on the same files."""
    out = tmp_path_factory.mktemp("local") / "records.parquet"
    summary = label_archive([archive], out, fmt="parquet", progress=False)
    import pyarrow.parquet as pq

    errors = [json.loads(x) for x in (out.parent / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return {"rows": rows(pq.read_table(out)), "errors": errors, "summary": summary}


def test_cli_ray_equals_local_and_rerun_skips(local_ray, archive, local, tmp_path):
    from typer.testing import CliRunner

    from nlp.cli import app

    out = tmp_path / "ray_out"
    res = CliRunner().invoke(app, ["label", str(archive), "--engine", "ray", "--out", str(out), "--no-progress"])
    assert res.exit_code == 1, res.output  # one bad file, as the local path
    assert "d_binary.txt" in res.output and "binary file" in res.output
    got = nd.read_records(out)
    import pyarrow.parquet as pq

    files = sorted((out / "records").glob("*.parquet"))
    assert pq.read_schema(files[0]) == nd.record_schema()
    assert got.schema.names == list(local["rows"][0])
    assert rows(got) == local["rows"]
    assert len(local["rows"]) > 10 and len({r["doc_id"] for r in local["rows"]}) == 3

    errors = {Path(e["source"]).name: e for e in nd.read_errors(out).to_pylist()}
    by_file = {Path(e["file"]).name: e for e in local["errors"]}
    assert set(errors) == set(by_file) == {"d_binary.txt", "e_english.txt"}
    for name, e in errors.items():
        assert (e["reason"], e["level"]) == (by_file[name]["reason"], by_file[name]["level"])
        assert e["doc_id"] == nd.hashlib.sha256((archive / name).read_bytes()).hexdigest()

    # A rerun labels nothing and writes nothing.
    before = sorted(p.name for p in out.rglob("*.parquet"))
    summary = nd.label_dataset([archive], out, workers=2)
    assert (summary.done, summary.skipped, summary.items) == (0, 6, 0)
    assert summary.failed == 1  # the bad file is still reported (from errors/)
    assert sorted(p.name for p in out.rglob("*.parquet")) == before
    assert rows(nd.read_records(out)) == local["rows"]


def test_resume_after_partial_and_killed_runs(local_ray, archive, local, tmp_path):
    out = tmp_path / "ray_out"
    first = nd.label_dataset([archive / "a_sample.txt", archive / "d_binary.txt"], out, workers=1)
    assert (first.done, first.failed, first.skipped) == (1, 1, 0)
    # A killed job leaves a Parquet file without its footer: it is set aside, not trusted.
    (out / "records" / "zz_killed.parquet").write_bytes(b"PAR1" + b"\x00" * 100)
    second = nd.label_dataset([archive], out, workers=2)
    assert second.skipped == 3  # a_sample, its twin f_same_bytes, d_binary (in errors/)
    assert second.done == 3  # b, c and the no-items e
    assert rows(nd.read_records(out)) == local["rows"]
    assert [p.name.endswith("zz_killed.parquet") for p in (out / "_quarantine").iterdir()] == [True]

    # All record files lost their footers (killed while writing): everything is labelled again.
    for f in (out / "records").glob("*.parquet"):
        f.write_bytes(f.read_bytes()[:200])
    third = nd.label_dataset([archive], out, workers=2)
    assert third.done == 3 and third.skipped == 3  # e and d are in errors/, the twin is skipped
    assert rows(nd.read_records(out)) == local["rows"]
    shutil.rmtree(out)


def test_enrich_dataset_with_summariser_pool(local_ray, archive, tmp_path):
    """The summariser runs in its own actor pool (GPU actors on a cluster with GPUs), fed the processed
    Docs as bytes; the records equal the local path's with the same summariser."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import ray.data

    out = tmp_path / "local_ext.parquet"
    label_archive([archive], out, fmt="parquet", summarizer="extractive", progress=False)
    want = rows(pq.read_table(out))
    assert any(r["summary"] for r in want)
    assert all(r["summary_method"] in (None, "extractive", "sagen-kort", "decision") for r in want)

    paths = [str(archive / n) for n in ("a_sample.txt", "b_linestart.txt", "c_small.txt", "d_binary.txt")]
    # Reading is I/O: num_cpus=0, since the two actor pools hold both CPUs of this local Ray.
    ds = ray.data.read_binary_files(paths, include_paths=True, num_cpus=0)
    errors = tmp_path / "errors"
    got = nd.enrich_dataset(ds, summarizer="extractive", workers=1, summary_workers=1, errors=errors)
    table = pa.Table.from_pylist(got.take_all(), schema=nd.record_schema())
    assert rows(table) == want
    bad = pq.read_table(errors).to_pylist()
    assert [(Path(e["source"]).name, e["level"]) for e in bad] == [("d_binary.txt", "error")]
