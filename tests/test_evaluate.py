"""evaluate.py: report files with plots, metrics.json, and --min thresholds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import evaluate  # noqa: E402


def test_segmentation_report_and_minimums(corpus, tmp_path):
    rc = evaluate.main(["segmentation", "--quick", "--out", str(tmp_path), "--min", "segmentation.micro.items.f1=0.98"])
    assert rc == 0
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["segmentation"]["micro"]["items"]["f1"] >= 0.98
    html = (tmp_path / "report.html").read_text()
    assert "<img" in html and "data:image/png;base64," in html
    assert list(tmp_path.glob("*.png"))
    assert "## segmentation" in (tmp_path / "report.md").read_text()


def test_missed_or_unknown_minimum_fails(corpus, tmp_path):
    assert evaluate.main(["segmentation", "--quick", "--no-report", "--min", "segmentation.micro.items.f1=1.5"]) == 1
    assert evaluate.main(["segmentation", "--quick", "--no-report", "--min", "segmentation.nothing=0.5"]) == 1


def test_own_gold_directory(corpus, tmp_path):
    gold = json.loads((ROOT / "corpora" / "segmentation.json").read_text())
    keep = {k: v for k, v in gold.items() if not k.startswith("_") and v["file"].startswith("004")}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "segmentation.json").write_text(json.dumps(keep))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / corpus["004"].name).write_text(corpus["004"].raw.text, encoding="utf-8")
    out = tmp_path / "rep"
    assert evaluate.main(["segmentation", "--docs", str(docs), "--gold", str(tmp_path / "gold"),
                          "--out", str(out)]) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert list(metrics["segmentation"]["per_document"]) == [corpus["004"].name]


def test_unknown_task_is_an_error():
    with pytest.raises(SystemExit):
        evaluate.main(["nonsense"])


@pytest.mark.slow
def test_held_out_segmentation_retrains_without_the_group(corpus):
    """Leave-one-layout-out and leave-one-document-out, on a small slice (two families, two documents)."""
    from nlp.corpus import load_annotations
    from nlp.evaluation import segmentation
    from training.layouts import generate

    syn = list(generate(fmts=("txt", "html"), seed=0, families=["punkt_colon", "rar_inline"], per_family=2))
    docs = [corpus["000"], corpus["004"]]
    result = segmentation.held_out(corpus_docs=docs, gold=load_annotations("segmentation"), syndocs=syn)
    assert set(result["lolo"]["per_family"]) == {"punkt_colon", "rar_inline"}
    assert all(0.0 <= s["items"]["f1"] <= 1.0 and s["docs"] == 4 for s in result["lolo"]["per_family"].values())
    assert set(result["corpus_lodo"]["per_document"]) == {corpus["000"].name, corpus["004"].name}
    # 000 is in the inline style that rar_inline renders: a labeller trained without 000 still finds its items
    assert result["corpus_lodo"]["per_document"][corpus["000"].name]["items"]["f1"] >= 0.5
    assert "Leave-one-layout-out" in segmentation.held_out_report(result)


def test_report_plots_both_per_label_shapes(tmp_path):
    # {group: {label: scores}} and a flat {label: scores} (the invented entity sets) both become bar plots
    from nlp.evaluation.report import write_reports

    scores = {"precision": 0.9, "recall": 0.8, "f1": 0.85}
    metrics = {"entities": {"per_label": {"strict span": {"ORG": scores}},
                            "invented": {"per_label": {"ORG": scores, "PERSON": scores}}}}
    paths = write_reports(metrics, {"entities": "x"}, tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == 2
    assert all(p.exists() for p in paths.values())
