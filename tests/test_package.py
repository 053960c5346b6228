"""The pipeline as a spaCy pipeline: initialize, evaluate, analyze_pipes, to_disk -> spacy.load in a fresh
process, config overrides after load, and the two wheels (rar-nlp and the spaCy package da_rar_nlp)
installed in a fresh venv outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.tokens.underscore import Underscore
from spacy.training import Example

from nlp.api import enrich
from nlp.pipeline import BLANK_MAX_LENGTH, MODELS_DIR, load, make_doc
from nlp.read import read_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "nlp" / "data" / "sample" / "referat_eksempel.txt"
RAR_COMPONENTS = ("rar_segmenter", "rar_item_type", "rar_outcome", "rar_entities", "rar_summarizer")

# Records of the sample as JSON lines, from a pipeline spaCy loads in this (fresh) interpreter.
LABEL_SCRIPT = """
import json, sys, spacy
from nlp.api import enrich
kwargs = json.loads(sys.argv[3])
nlp = spacy.load(sys.argv[1], **kwargs)
print(json.dumps({"max_length": nlp.max_length, "records": enrich(sys.argv[2], nlp=nlp)}, sort_keys=True))
"""


def _fresh_records(python: str | Path, pipeline: str | Path, path: Path, cwd: Path, **kwargs) -> dict:
    res = subprocess.run([str(python), "-c", LABEL_SCRIPT, str(pipeline), str(path), json.dumps(kwargs)],
                         capture_output=True, text=True, cwd=cwd, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def _same(a: list[dict], b: list[dict]) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@pytest.fixture(scope="module")
def pipeline():
    return load(summarizer="extractive")


@pytest.fixture(scope="module")
def expected(pipeline) -> list[dict]:
    return enrich(SAMPLE, nlp=pipeline)


@pytest.fixture(scope="module")
def saved(pipeline, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("saved") / "pipeline"
    pipeline.to_disk(out)
    return out


def test_initialize_validates_settings_and_keeps_the_records(expected):
    """``nlp.initialize()`` with every component (spaCy validates each initialize signature)."""
    nlp = load(summarizer="extractive")
    assert set(RAR_COMPONENTS) <= set(nlp.pipe_names)
    nlp.initialize()
    assert _same(enrich(SAMPLE, nlp=nlp), expected)


def test_evaluate_scores_every_component(pipeline):
    """``nlp.evaluate`` runs each component's registered scorer; a reference equal to the prediction
    scores 1.0, and a changed gold outcome and a changed gold summary are noticed."""
    raw = read_document(SAMPLE)
    gold = pipeline(make_doc(pipeline, raw))
    scores = pipeline.evaluate([Example(make_doc(pipeline, raw), gold)])
    for key in ("items_f", "sections_f", "item_type_acc", "outcome_acc", "proposed_outcome_acc", "entities_f",
                "summary_rougeL", "summary_coverage"):
        assert scores[key] == pytest.approx(1.0), key
    items = list(gold.spans["items"])
    decided = [s for s in items if s._.rar_outcome_list]
    decided[0]._.rar_outcome_list = ["afvist"] if decided[0]._.rar_outcome_list != ["afvist"] else ["udsat"]
    summarised = [s for s in items if s._.rar_summary]
    summarised[0]._.rar_summary = "Et helt andet resumé uden fælles ord overhovedet."
    worse = pipeline.evaluate([Example(make_doc(pipeline, raw), gold)])
    assert worse["outcome_acc"] == pytest.approx(1 - 1 / len(decided))
    assert worse["summary_rougeL"] < 1.0
    assert worse["items_f"] == pytest.approx(1.0)


def test_analyze_pipes_finds_no_problems(pipeline):
    analysis = pipeline.analyze_pipes(pretty=False)
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    for name in RAR_COMPONENTS:
        assert analysis["summary"][name]["assigns"], f"{name} declares no assigns"
        assert pipeline.get_pipe_meta(name).default_score_weights, f"{name} has no score weights"
        assert pipeline.get_pipe(name).scorer is not None, f"{name} has no scorer"
        assert callable(pipeline.get_pipe(name).get_error_handler())


def test_extensions_are_prefixed():
    """Every Doc/Span extension the rar components register starts with ``rar_``."""
    for table in (Underscore.doc_extensions, Underscore.span_extensions):
        ours = [k for k in table if not k.startswith("rar_")]
        assert not ours, f"unprefixed extensions: {ours}"
    assert Span.has_extension("rar_outcome") and Doc.has_extension("rar_meeting")


def test_to_disk_then_spacy_load_in_a_fresh_process_gives_identical_records(saved, expected, tmp_path):
    got = _fresh_records(sys.executable, saved, SAMPLE, tmp_path)
    assert got["max_length"] == BLANK_MAX_LENGTH
    assert _same(got["records"], expected)
    assert not (saved / "rar_outcome" / "cfg.json").exists()  # settings live in the config only


def test_config_overrides_after_load_take_effect(saved, expected):
    nlp = spacy.load(saved, config={"components": {
        "rar_outcome": {"threshold": 0.97, "mode": "rules"},
        "rar_entities": {"min_confidence": 0.95},
        "rar_summarizer": {"method": "lead-indstilling", "human_summary": False},
        "rar_segmenter": {"labeller": "rules"}}})
    assert nlp.get_pipe("rar_outcome").threshold == 0.97 and nlp.get_pipe("rar_outcome").mode == "rules"
    assert nlp.get_pipe("rar_segmenter").labeller_kind == "rules"
    records = enrich(SAMPLE, nlp=nlp)
    assert {r["summary_method"] for r in records if r["summary"]} == {"lead-indstilling"}
    ents = [e for r in records for e in r["entities"]]
    assert ents and all(e["confidence"] >= 0.95 for e in ents)
    assert len(ents) < sum(len(r["entities"]) for r in expected)


def test_a_saved_gemma_pipeline_carries_its_adapter(tmp_path):
    """The adapter is data: ``to_disk`` writes it and the loaded pipeline reads the saved copy
    (Gemma itself loads lazily, so nothing is generated here)."""
    nlp = load(summarizer="gemma-lora", components=["rar_segmenter", "rar_summarizer"])
    out = tmp_path / "gemma"
    nlp.to_disk(out)
    shipped = MODELS_DIR / "summarizer" / "adapter" / "adapter_model.safetensors"
    saved = out / "rar_summarizer" / "adapter" / "adapter_model.safetensors"
    assert saved.read_bytes() == shipped.read_bytes()
    assert (out / "rar_summarizer" / "generation.json").exists()
    again = spacy.load(out)
    assert again.get_pipe("rar_summarizer").path == out / "rar_summarizer"


def _fresh_venv(tmp_path: Path) -> Path:
    """A venv outside the checkout whose own site-packages come first; this venv's packages (the
    dependencies) are reachable after them through a .pth line (its editable rar-nlp finder is not)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", purelib], capture_output=True, text=True,
                               check=True).stdout.strip())
    (site / "_rar_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def _pip_install(venv: Path, wheel: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True)


@pytest.mark.slow
def test_wheels_install_and_label_outside_the_checkout(tmp_path, expected):
    """``python -m build`` gives a wheel with the models inside; installed in a fresh venv it labels
    the sample from a directory outside the checkout (CLI and ``nlp.load()``); the spaCy package
    ``da_rar_nlp`` loads with ``spacy.load("da_rar_nlp")`` and gives the same records."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True,
                   capture_output=True)
    wheel = next(dist.glob("rar_nlp-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "rar_nlp_models/summarizer/adapter/adapter_model.safetensors" in names
    assert "rar_nlp_models/classify/item_type.json" in names
    assert wheel.stat().st_size < 15_000_000

    venv = _fresh_venv(tmp_path)
    _pip_install(venv, wheel)
    work = tmp_path / "elsewhere"
    work.mkdir()
    sample = work / SAMPLE.name
    sample.write_bytes(SAMPLE.read_bytes())
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    probe = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import nlp.pipeline as p; print(p.MODELS_DIR); p.load()"],
                           capture_output=True, text=True, cwd=work, env=env)
    assert probe.returncode == 0, probe.stderr[-3000:]
    assert Path(probe.stdout.split()[0]).is_relative_to(venv), probe.stdout
    res = subprocess.run([str(venv / "bin" / "rar-nlp"), "label", str(sample), "--out", str(work / "out.jsonl"),
                          "--summarizer", "extractive", "--no-progress", "--no-table"],
                         capture_output=True, text=True, cwd=work, env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    got = [json.loads(x) for x in (work / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    want = [dict(r, source=str(sample)) for r in expected]
    assert _same(got, want)

    # The spaCy pipeline package: gemma-lora inside; the same records without the summariser and
    # with the extractive one (a config override at load).
    pkg = subprocess.run([sys.executable, str(ROOT / "training" / "package.py"), "--out", str(tmp_path / "pkg")],
                         capture_output=True, text=True, env=env)
    assert pkg.returncode == 0, pkg.stderr[-3000:]
    _pip_install(venv, Path(pkg.stdout.strip().splitlines()[-1]))
    ext = _fresh_records(venv / "bin" / "python", "da_rar_nlp", sample, work,
                         config={"components": {"rar_summarizer": {"method": "extractive"}}})
    assert _same(ext["records"], want)
    plain = _fresh_records(venv / "bin" / "python", "da_rar_nlp", sample, work, exclude=["rar_summarizer"])
    assert _same(plain["records"], enrich(sample, nlp=load()))
    meta = json.loads(subprocess.run([str(venv / "bin" / "python"), "-c",
                                      "import json, spacy; print(json.dumps(spacy.load('da_rar_nlp').meta))"],
                                     capture_output=True, text=True, cwd=work, env=env, check=True).stdout)
    assert meta["name"] == "rar_nlp" and "Gemma" in meta["license"]
    assert meta["performance"]["classification"]["outcome_macro_f1"] > 0


def test_every_component_predicts_and_annotates_batches(pipeline, expected):
    """``predict(docs)`` then ``set_annotations(docs, preds)`` over a batch, component by component in
    pipeline order, gives the records ``nlp(doc)`` gives."""
    from nlp.export import doc_to_records

    raws = [read_document(SAMPLE), read_document(SAMPLE)]
    docs = [make_doc(pipeline, raw) for raw in raws]
    for name, proc in pipeline.pipeline:
        if name in RAR_COMPONENTS:
            proc.set_annotations(docs, proc.predict(docs))
        else:
            docs = [proc(doc) for doc in docs]
    for raw, doc in zip(raws, docs, strict=True):
        assert _same(doc_to_records(doc, doc_id=raw.doc_id, source=raw.source, warnings=raw.warnings), expected)
