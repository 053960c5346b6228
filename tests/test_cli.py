"""The `rar-nlp label` command: bad files, error log, exit code, resume after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .synthetic import meeting, render_inline

SAMPLE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"
CLI = [sys.executable, "-m", "nlp.cli"]


def run_cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS="160")
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, env=env)


def archive(tmp_path: Path, n: int) -> Path:
    """n distinct small minutes (distinct bytes, so distinct sha256)."""
    d = tmp_path / "arkiv"
    (d / "sub").mkdir(parents=True)
    base = render_inline(meeting())
    for i in range(n):
        target = d / ("sub" if i % 2 else "") / f"ref_{i:03d}.txt"
        target.write_text(base.replace("12. maj", f"{1 + i % 28}. maj") + f"\nMødet sluttede kl. {i}.\n",
                          encoding="utf-8")
    return d


def test_label_good_and_bad_files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_sample.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (d / "b_gammel.txt").write_bytes(SAMPLE.read_text(encoding="utf-8").replace("–", "-").encode("cp1252"))
    (d / "c_empty.txt").write_bytes(b"")
    (d / "d_binary.txt").write_bytes(b"\x00\xff" * 300)
    (d / "e_broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (d / "f_english.txt").write_text("The committee met on Monday and agreed on the budget.\n")
    from .test_read import make_pdf

    good_pdf = make_pdf(tmp_path / "tmp.pdf", ["Sagen kort: Rådet godkender dagsordenen."] * 60)
    (d / "g_truncated.pdf").write_bytes(good_pdf.read_bytes()[:900])
    from fpdf import FPDF

    scan = FPDF()
    scan.add_page()
    scan.rect(10, 10, 50, 50, style="F")
    scan.output(str(d / "h_scan.pdf"))
    out = tmp_path / "out" / "records.jsonl"
    res = run_cli("label", str(d), "--out", str(out), "--no-progress")
    assert res.returncode == 1, res.stdout + res.stderr
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {Path(r["source"]).name for r in records} == {"a_sample.txt", "b_gammel.txt"}
    assert len(records) == 10
    errors = [json.loads(x) for x in (out.parent / "errors.jsonl").read_text().splitlines()]
    by_file = {Path(e["file"]).name: e for e in errors}
    assert by_file["c_empty.txt"]["reason"] == "empty file"
    assert "binary file" in by_file["d_binary.txt"]["reason"]
    assert "PDF" in by_file["e_broken.pdf"]["reason"]
    assert by_file["f_english.txt"]["level"] == "warning"
    assert "no agenda items" in by_file["f_english.txt"]["reason"]
    assert "PDF" in by_file["g_truncated.pdf"]["reason"]
    assert "no text layer" in by_file["h_scan.pdf"]["reason"]
    assert "c_empty.txt: empty file" in res.stdout
    # A rerun skips what is done and still reports the bad files.
    res2 = run_cli("label", str(d), "--out", str(out), "--no-progress")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10
    assert res2.returncode == 1


def test_five_megabyte_text(tmp_path):
    big = tmp_path / "stor.txt"
    unit = render_inline(meeting())
    big.write_text(unit * (5_000_000 // len(unit.encode("utf-8")) + 1), encoding="utf-8")
    assert big.stat().st_size > 5_000_000
    out = tmp_path / "big.jsonl"
    res = run_cli("label", str(big), "--out", str(out), "--no-progress", "--no-table", timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    n_items = len(out.read_text(encoding="utf-8").splitlines())
    assert n_items >= 5 * (5_000_000 // len(unit.encode("utf-8")))


def test_label_prints_item_table(tmp_path):
    res = run_cli("label", str(SAMPLE), "--out", str(tmp_path / "r.jsonl"), "--table", "--no-progress")
    assert res.returncode == 0, res.stderr
    assert "Positivliste" in res.stdout and "B/D" in res.stdout
    assert "labelled" in res.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_kill_and_resume_gives_the_uninterrupted_output(tmp_path, fmt):
    src = archive(tmp_path, 24)
    ref = tmp_path / "ref" / f"all.{fmt}"
    assert run_cli("label", str(src), "--out", str(ref), "--format", fmt, "--no-progress").returncode == 0
    out = tmp_path / "killed" / f"all.{fmt}"
    out.parent.mkdir()
    manifest = out.with_name(out.name + ".manifest.jsonl")
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    proc = subprocess.Popen([*CLI, "label", str(src), "--out", str(out), "--format", fmt, "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 120
    while time.time() < deadline:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 5:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = len(manifest.read_text().splitlines())
    assert 0 < done < 24, done
    # Make it worse: a half-written record and a torn manifest line, as a kill mid-write leaves.
    store = out if fmt == "jsonl" else out.with_name(out.name + ".journal.jsonl")
    with store.open("a") as fh:
        fh.write('{"doc_id": "deadbeef", "half": ')
    with manifest.open("a") as fh:
        fh.write('{"doc_id": "abc", "sou')
    assert run_cli("label", str(src), "--out", str(out), "--format", fmt, "--no-progress").returncode == 0
    if fmt == "jsonl":
        assert out.read_text(encoding="utf-8") == ref.read_text(encoding="utf-8")
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(out).to_pylist() == pq.read_table(ref).to_pylist()


def test_two_workers_same_records_as_one(tmp_path):
    src = archive(tmp_path, 6)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run_cli("label", str(src), "--out", str(one), "--workers", "1", "--no-progress").returncode == 0
    assert run_cli("label", str(src), "--out", str(two), "--workers", "2", "--no-progress").returncode == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


@pytest.mark.parametrize("family", ["web_table", "pkt_sagsnr"])
def test_label_html_of_a_web_family(tmp_path, family):
    """A municipal web page (synthetic layout family, unseen seed) labelled in-process through typer."""
    from typer.testing import CliRunner

    from nlp.cli import app
    from nlp.evaluation.segmentation import norm_title
    from training.layouts import generate

    sd = next(iter(generate(fmts=("html",), seed=7, families=[family], per_family=1)))
    page = tmp_path / f"{family}.html"
    page.write_bytes(sd.data)
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["label", str(page), "--out", str(out), "--base", "blank", "--summarizer", "none",
                                   "--no-progress"], env={"COLUMNS": "160"})
    assert res.exit_code == 0, res.output + repr(res.exception)
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["number"], norm_title(r["title"])) for r in records] == \
        [(g.number, norm_title(g.title)) for g in sd.items]
    assert any("beslutning" in r["sections"] for r in records)
    for g, r in zip(sd.items, records, strict=True):
        assert r["closed"] is bool(g.closed), (g.number, r["closed"])
        printed = {s.name for s in g.sections} - {"other"}
        assert printed <= set(r["sections"]), (g.number, sorted(printed), sorted(r["sections"]))
        decision = " ".join(s.text for s in g.sections if s.name == "beslutning").strip()
        if decision and decision != "-":
            assert r["sections"]["beslutning"]["text"].strip(), (g.number, r["sections"]["beslutning"])
    if sd.meeting["kind"] == "referat":
        open_items = [r for r, g in zip(records, sd.items, strict=True) if not g.closed]
        assert open_items and all(r["sections"]["beslutning"]["text"].strip() for r in open_items)
