"""A batch that cannot be corrupted: one writer, crash at any byte, per-document time limit, clear errors."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nlp import batch
from nlp.batch import OutputLock, OutputLocked, label_archive

from .synthetic import meeting, render_inline

CLI = [sys.executable, "-m", "nlp.cli"]
ENV = dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS="160")


def archive(tmp_path: Path, n: int, name: str = "arkiv") -> Path:
    """n distinct small minutes (distinct bytes, so distinct doc_ids)."""
    d = tmp_path / name
    d.mkdir(parents=True)
    base = render_inline(meeting())
    for i in range(n):
        (d / f"ref_{i:03d}.txt").write_text(base.replace("12. maj", f"{1 + i % 28}. maj") +
                                            f"\nMødet sluttede kl. {i}.\n", encoding="utf-8")
    return d


def fake_process_path(path: str) -> batch.Outcome:
    """A deterministic stand-in for the pipeline: two records per file, derived from its bytes."""
    from nlp.read import sha256_bytes

    name = Path(path).name
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("crash"):
        os._exit(7)
    data = Path(path).read_bytes()
    doc_id = sha256_bytes(data)
    recs = [{"doc_id": doc_id, "source": path, "ordinal": k, "title": f"{name} punkt {k}", "n": len(data)}
            for k in (1, 2)]
    return batch.Outcome(source=path, doc_id=doc_id, records=recs, words=len(data.split()))


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr(batch, "process_path", fake_process_path)
    monkeypatch.setattr(batch, "_pipeline", lambda: None)


# --------------------------------------------------------------------------------------------
# One writer


def test_a_second_writer_is_refused_and_told_who_writes(tmp_path, fake_pipeline):
    src = archive(tmp_path, 2)
    out = tmp_path / "out" / "r.jsonl"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from nlp.batch import OutputLock\n"
        f"lock = OutputLock(Path({str(out)!r})); lock.acquire(); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.perf_counter()
        with pytest.raises(OutputLocked) as err:
            label_archive([src], out, progress=False, timeout_per_doc=None)
        assert time.perf_counter() - t0 < 2, "a second writer must exit at once"
        assert f"pid {holder.pid}" in str(err.value) and "import OutputLock" in str(err.value)
        assert not out.exists(), "the refused run must not touch the output"
        res = subprocess.run([*CLI, "label", str(src), "--out", str(out), "--no-progress"], capture_output=True,
                             text=True, env=ENV, timeout=120)
        assert res.returncode == 3, res.stdout + res.stderr
        assert "being written by another run" in res.stdout and f"pid {holder.pid}" in res.stdout
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone (killed: no clean-up ran), so the lock is free again.
    summary = label_archive([src], out, progress=False, timeout_per_doc=None)
    assert summary.done == 2
    assert len(out.read_text().splitlines()) == 4


def test_lock_is_released_and_reusable_in_process(tmp_path):
    out = tmp_path / "r.jsonl"
    with OutputLock(out), pytest.raises(OutputLocked):
        OutputLock(out).acquire()  # a second open file description conflicts, even in one process
    with OutputLock(out):
        pass


# --------------------------------------------------------------------------------------------
# Crash at any byte


def _write_stream(ref_dir: Path) -> list[tuple[str, bytes]]:
    """The appends of an uninterrupted run, in order: (file, bytes) — records, then manifest line."""
    records = (ref_dir / "r.jsonl").read_bytes()
    entries = [json.loads(x) for x in (ref_dir / "r.jsonl.manifest.jsonl").read_text().splitlines()]
    stream, at = [], 0
    for e in entries:
        stream.append(("r.jsonl", records[at:e["offset"]]))
        stream.append(("r.jsonl.manifest.jsonl", (json.dumps(e) + "\n").encode()))
        at = e["offset"]
    return stream


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_crash_at_any_byte_resumes_to_the_uninterrupted_output(tmp_path, fake_pipeline, fmt):
    src = archive(tmp_path, 9)
    ref = tmp_path / "ref" / "r.jsonl"
    label_archive([src], ref, fmt=fmt, progress=False, timeout_per_doc=None)
    expected = ref.read_bytes()
    stream = _write_stream(ref.parent)  # (CSV: the header goes with the first document's records)
    total = sum(len(b) for _, b in stream)
    rnd = random.Random(15)
    cuts = sorted({0, total, *(rnd.randrange(total) for _ in range(150))})
    for seed, cut in enumerate(cuts):
        d = tmp_path / f"crash{seed}"
        d.mkdir()
        left = cut
        for name, data in stream:  # the files exactly as a kill after `cut` bytes leaves them
            with (d / name).open("ab") as fh:
                fh.write(data[:left])
            left -= min(left, len(data))
        (d / "errors.jsonl").write_bytes(b'{"file": "x", "rea')  # a torn error-log line too
        label_archive([src], d / "r.jsonl", fmt=fmt, progress=False, timeout_per_doc=None)
        assert (d / "r.jsonl").read_bytes() == expected, f"cut at byte {cut} of {total}"
        assert (d / "errors.jsonl").read_bytes() == b"", "the torn error line must be dropped"
        manifest = [json.loads(x) for x in (d / "r.jsonl.manifest.jsonl").read_text().splitlines()]
        assert len({m["doc_id"] for m in manifest}) == len(manifest) == 9


@pytest.mark.slow
def test_kill_9_at_random_points_then_resume_gives_the_uninterrupted_records(tmp_path):
    """The real command, SIGKILLed 20+ times at random points (seeded), each time resumed."""
    # Enough documents that 22 kills, each after at least one more committed document and a random
    # pause of up to 0.12 s (several fast documents may commit in it), land before the run is done.
    src = archive(tmp_path, 120)
    args = ["--no-progress", "--summarizer", "extractive", "--base", "blank"]
    ref = tmp_path / "ref" / "r.jsonl"
    assert subprocess.run([*CLI, "label", str(src), "--out", str(ref), *args], env=ENV, capture_output=True,
                          timeout=600).returncode == 0
    out = tmp_path / "killed" / "r.jsonl"
    manifest = out.with_name(out.name + ".manifest.jsonl")
    rnd = random.Random(2024)
    kills = 0

    def committed() -> int:
        return len(manifest.read_text().splitlines()) if manifest.exists() else 0

    for _ in range(60):
        if kills >= 22:
            break
        before = committed()
        proc = subprocess.Popen([*CLI, "label", str(src), "--out", str(out), *args], env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while committed() <= before and proc.poll() is None and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(rnd.uniform(0, 0.12))  # somewhere in the next document: mid-write, mid-fsync, mid-label
        if proc.poll() is not None:
            break  # the run finished before the kill
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
    assert kills >= 20, f"only {kills} kills landed before the run completed"
    res = subprocess.run([*CLI, "label", str(src), "--out", str(out), *args], env=ENV, capture_output=True,
                         timeout=600)
    assert res.returncode == 0, res.stdout
    assert out.read_bytes() == ref.read_bytes()


# --------------------------------------------------------------------------------------------
# Time limit and dying workers


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_that_never_finishes_is_timed_out_named_and_the_batch_completes(tmp_path, fake_pipeline,
                                                                                 workers):
    src = archive(tmp_path, 5)
    (src / "hang_forever.txt").write_text("Dagsorden\n1. Punkt\n", encoding="utf-8")
    (src / "crash_reader.txt").write_text("Dagsorden\n2. Punkt\n", encoding="utf-8")
    out = tmp_path / "out" / "r.jsonl"
    t0 = time.perf_counter()
    summary = label_archive([src], out, workers=workers, progress=False, timeout_per_doc=1.5, keep_outcomes=True)
    assert time.perf_counter() - t0 < 30
    assert summary.done == 5 and summary.failed == 2
    errors = {Path(e["file"]).name: e["reason"] for e in map(json.loads, (out.parent / "errors.jsonl").open())}
    assert "timed out after 1.5 s" in errors["hang_forever.txt"]
    assert "worker process died" in errors["crash_reader.txt"]
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["source"] for r in records[::2]] == sorted(str(p) for p in src.glob("ref_*.txt")), \
        "input order is kept around the replaced workers"


@pytest.mark.parametrize("workers", [1, 2])
def test_the_pool_draws_its_inputs_as_the_workers_need_them(tmp_path, fake_pipeline, workers):
    """A large archive's first records come before every file is hashed; errors found before labelling
    and files already done keep their place in the input order."""
    src = archive(tmp_path, 12)
    paths = sorted(str(p) for p in src.glob("*.txt"))
    drawn: list[int] = []

    def items():
        for i, p in enumerate(paths):
            drawn.append(i)
            yield None if i == 3 else batch.Outcome(source=p, error="precheck") if i == 5 else p

    out = batch._pool_outcomes(items(), workers, {}, timeout=30)
    first = next(out)
    assert first.source == paths[0] and not first.error
    assert len(drawn) <= 2 * workers + 2, "drawn ahead only as far as the workers need"
    rest = list(out)
    assert len(drawn) == len(paths) and len(rest) == len(paths) - 1
    assert rest[2] is None and rest[4].error == "precheck"
    assert [o.source for o in [first, *rest] if o is not None] == [p for i, p in enumerate(paths) if i != 3]


def test_the_pool_serves_its_workers_while_the_inputs_are_slow_to_draw(tmp_path, fake_pipeline):
    """Files already done (or slow to hash) between two paths must not keep the first record back."""
    src = archive(tmp_path, 2)
    a, b = sorted(str(p) for p in src.glob("*.txt"))
    drawn = [0]

    def items():
        yield a
        for _ in range(200):
            time.sleep(0.02)  # hashing a big file
            drawn[0] += 1
            yield None
        yield b

    out = batch._pool_outcomes(items(), 1, {}, timeout=30)
    first = next(out)
    assert first.source == a and drawn[0] < 150, f"the first record waited for {drawn[0]} draws"
    rest = list(out)
    assert len(rest) == 201 and rest[-1].source == b and all(o is None for o in rest[:-1])


# --------------------------------------------------------------------------------------------
# Clear reasons for files that cannot be labelled


def _encrypted_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Referat af RAR Fyn")
    pdf.set_encryption(owner_password="ejer", user_password="hemmelig")
    pdf.output(str(path))
    return path


def _pdf(path: Path, pages: int) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for i in range(pages):
        pdf.add_page()
        pdf.cell(0, 10, f"Side {i + 1}")
    pdf.output(str(path))
    return path


def test_unlabellable_files_are_listed_with_their_reason(tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    _encrypted_pdf(d / "a_kodeord.pdf")
    (d / "b_borte.txt").symlink_to(tmp_path / "findes_ikke.txt")
    locked = d / "c_laast.txt"
    locked.write_text("Referat\n", encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any file: make the permission check see what a user would
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, m, **kw: False if str(p) == str(locked) else real_access(p, m))
    _pdf(d / "d_lang.pdf", 4)
    (d / "e_stor.txt").write_text("Referat af RAR Fyn. " * 250, encoding="utf-8")
    os.mkfifo(d / "f_roer.txt")
    out = tmp_path / "out" / "r.jsonl"
    summary = label_archive([d], out, progress=False, timeout_per_doc=None, max_pages=3, max_bytes=4000)
    assert summary.failed == 6 and summary.done == 0
    reasons = {Path(e["file"]).name: e["reason"] for e in map(json.loads, (out.parent / "errors.jsonl").open())}
    assert reasons["a_kodeord.pdf"] == "password-protected PDF (encrypted; not corrupt): decrypt it and label it again"
    target = tmp_path / "findes_ikke.txt"
    assert reasons["b_borte.txt"] == f"dangling symlink (points to {target}, which does not exist)"
    assert reasons["c_laast.txt"].startswith("unreadable") and "permission denied" in reasons["c_laast.txt"].lower()
    assert reasons["d_lang.pdf"] == "too many pages: 4 (limit --max-pages 3)"
    assert reasons["e_stor.txt"] == "too large: 5,000 bytes (limit --max-bytes 4,000)"
    assert "not a regular file" in reasons["f_roer.txt"]
    locked.chmod(0o644)


def test_the_limits_are_command_options(tmp_path):
    big = tmp_path / "stor.txt"
    big.write_text("Referat af RAR Fyn. " * 100, encoding="utf-8")
    res = subprocess.run([*CLI, "label", str(big), "--out", str(tmp_path / "r.jsonl"), "--no-progress",
                          "--max-bytes", "1000", "--timeout-per-doc", "30", "--max-pages", "10"],
                         capture_output=True, text=True, env=ENV, timeout=120)
    assert res.returncode == 1
    assert "too large: 2,000 bytes (limit --max-bytes 1,000)" in res.stdout


def test_a_resume_with_other_settings_is_told_that_finished_documents_keep_their_records(tmp_path, fake_pipeline,
                                                                                          caplog):
    src = archive(tmp_path, 3)
    out = tmp_path / "runs" / "records.jsonl"
    batch.label_archive([src], out, progress=False, workers=1, timeout_per_doc=None)
    entries = [json.loads(line) for line in out.with_name(out.name + ".manifest.jsonl").read_text().splitlines()]
    assert {json.dumps(e["settings"], sort_keys=True) for e in entries} == {
        json.dumps({"base": "auto", "exclude": [], "summarizer": "none"}, sort_keys=True)}
    with caplog.at_level("WARNING", logger="nlp.batch"):
        batch.label_archive([src], out, progress=False, workers=1, timeout_per_doc=None)  # same settings
    assert not [r for r in caplog.records if "other settings" in r.message]
    with caplog.at_level("WARNING", logger="nlp.batch"):
        summary = batch.label_archive([src], out, progress=False, workers=1, timeout_per_doc=None,
                                      exclude=["rar_ner"])
    warned = [r.getMessage() for r in caplog.records if "other settings" in r.getMessage()]
    assert len(warned) == 1 and "rar_ner" in warned[0] and "3 documents" in warned[0]
    assert summary.skipped == 3 and summary.done == 0  # nothing relabelled, nothing written twice
