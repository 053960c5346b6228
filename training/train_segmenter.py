#!/usr/bin/env python
"""Train the segmenter's line labeller and write models/segmenter/ (weights JSON, metrics, card).

    RAR_CORPUS=../shared/corpus python training/train_segmenter.py            # train + held-out scores
    python training/train_segmenter.py --no-eval                             # weights only

Data: the five corpus documents (per-line gold derived from corpora/segmentation.json) and the
synthetic layout families of training/layouts (invented meetings of corpora/synthetic/, rendered as
text, HTML and PDF). Deterministic: same data, same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp._segment.train import corpus_samples, fit, synthetic_samples  # noqa: E402
from nlp._segment.vocabulary import Vocabulary  # noqa: E402
from nlp.corpus import corpus_documents, load_annotations  # noqa: E402
from nlp.evaluation import segmentation as seg_eval  # noqa: E402
from nlp.pipeline import load  # noqa: E402
from training.layouts import FAMILIES, generate  # noqa: E402

OUT = ROOT / "models" / "segmenter"


def synthetic_docs(seed: int = 0, per_family: int = 4) -> list:
    return list(generate(fmts=("txt", "html", "pdf"), seed=seed, per_family=per_family))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--C", type=float, default=0.5, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--per-family", type=int, default=4, help="meetings rendered per family (x3 formats)")
    ap.add_argument("--no-eval", action="store_true", help="skip the held-out evaluation")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    vocab = Vocabulary.default()
    nlp = load(base="blank", components=["rar_segmenter"])
    docs = list(corpus_documents())
    gold = load_annotations("segmentation")
    syn = synthetic_docs(per_family=args.per_family)
    corpus = corpus_samples(nlp, docs, gold, vocab)
    synth = synthetic_samples(nlp, syn, vocab)
    print(f"{len(corpus)} corpus documents, {len(synth)} synthetic documents in {len(FAMILIES)} families, "
          f"{sum(len(s.roles) for s in corpus + synth):,} lines ({time.perf_counter() - t0:.0f} s)")
    model = fit(corpus + synth, C=args.C, meta={
        "data": {"corpus_documents": [s.name for s in corpus], "synthetic_documents": len(synth),
                 "families": list(FAMILIES)},
        "command": "python training/train_segmenter.py"})
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "labeller.json").write_text(json.dumps(model.to_json(), ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    print(f"wrote {args.out / 'labeller.json'}: {len(model.features):,} features x {len(model.classes)} roles")
    if args.no_eval:
        return 0
    result = seg_eval.held_out(corpus_docs=docs, gold=gold, syndocs=syn, C=args.C, progress=True)
    (args.out / "metrics.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    print(seg_eval.held_out_report(result))
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
