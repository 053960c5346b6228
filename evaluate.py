#!/usr/bin/env python
"""Evaluate rar-nlp against gold annotations and write a report.

    python evaluate.py                        # every task: gold in corpora/, documents in $RAR_CORPUS
    python evaluate.py segmentation classify  # some tasks: segmentation | classify | entities | summaries
    python evaluate.py --docs DIR --gold DIR  # your own held-out minutes and <task>.json annotations
    python evaluate.py --min segmentation.micro.items.f1=0.98 --min classify.type.accuracy=0.9
    python evaluate.py segmentation --quick   # without the held-out (leave-one-layout-out) runs

Classification is scored leave-one-document-out (the model is retrained without the document it
predicts); segmentation is scored with the shipped labeller and held out: leave-one-layout-out over
the synthetic layout families of training/layouts and leave-one-document-out on the corpus (the
labeller retrained without the held-out group); entities are rule-based and scored directly on the corpus
and on the invented multi-publisher sets (corpora/decisions/entities.jsonl, corpora/entities_test/), per
publisher family, held out from every publisher because nothing is learned from them; summaries on the
held-out documents named in models/summarizer. Writes report.md, report.html (with plots) and
metrics.json to --out (default reports/); exits 1 when a --min threshold is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

TASKS = ("segmentation", "classify", "entities", "summaries")


def _gold(gold_dir: Path | None, name: str) -> dict:
    from nlp.corpus import CORPORA

    path = (gold_dir or CORPORA) / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def run_task(task: str, docs: list, gold_dir: Path | None, *, held_out: bool = False,
             ner_model: Path | None = None, ner_context: int | None = None) -> tuple[dict, str] | None:
    if task == "segmentation":
        from nlp.evaluation import segmentation

        gold = _gold(gold_dir, "segmentation")
        result = segmentation.evaluate(docs, gold)
        text = segmentation.report(result)
        if held_out:  # retrains the line labeller once per held-out layout family and corpus document
            from training.layouts import generate

            syndocs = list(generate(fmts=("txt", "html", "pdf"), seed=0, per_family=4))
            result["held_out"] = segmentation.held_out(corpus_docs=docs, gold=gold, syndocs=syndocs)
            text += "\n\n" + segmentation.held_out_report(result["held_out"])
        return result, text
    if task == "entities":
        import spacy

        from nlp.evaluation import entities

        nlp = entities.default_pipeline(ner=spacy.load(ner_model) if ner_model else True)
        if ner_context is not None and "rar_ner" in nlp.pipe_names:
            nlp.get_pipe("rar_ner").cfg["context"] = ner_context
        result = entities.evaluate(docs, _gold(gold_dir, "entities"), nlp)
        text = entities.report(result)
        # Invented multi-publisher sets, per publisher family; nothing is learned from them.
        result["invented"] = entities.evaluate_invented(nlp=nlp)
        for name, res in result["invented"].items():
            text += "\n\n" + entities.invented_report(name, res)
        return result, text
    try:
        module = __import__(f"nlp.evaluation.{task}", fromlist=["evaluate", "report"])
    except ModuleNotFoundError:
        return None
    result = module.evaluate(docs, gold_dir=gold_dir)
    return result, module.report(result)


def throughput(docs: list) -> tuple[dict, str]:
    """Words/s of the pipeline without summariser on these documents, and the bare tokenizer's."""
    import re

    import spacy

    from nlp.pipeline import load

    texts = [d.raw.text for d in docs]
    n = sum(len(re.findall(r"\w+", t)) for t in texts)
    blank = spacy.blank("da")
    t0 = time.perf_counter()
    for t in texts:
        blank.make_doc(t)
    base = time.perf_counter() - t0
    nlp = load(base="blank")
    nlp(texts[0])  # warm caches
    t0 = time.perf_counter()
    for t in texts:
        nlp(t)
    full = time.perf_counter() - t0
    result = {"words": n, "pipeline_words_per_s": round(n / full), "tokenizer_words_per_s": round(n / base),
              "ratio_to_tokenizer": round(full / base, 2), "components": nlp.pipe_names,
              "bars": {"words per second": {"tokenizer": round(n / base), "pipeline": round(n / full)}}}
    text = (f"{n:,} words; pipeline ({', '.join(nlp.pipe_names)}) {n / full:,.0f} words/s; "
            f"spacy.blank('da') tokenizer {n / base:,.0f} words/s; ratio {full / base:.1f}x")
    return result, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tasks", nargs="*", help=f"tasks to run (default: all of {', '.join(TASKS)})")
    parser.add_argument("--docs", type=Path, help="directory of documents (default: $RAR_CORPUS)")
    parser.add_argument("--gold", type=Path, help="directory with <task>.json gold (default: corpora/)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="report directory")
    parser.add_argument("--min", action="append", default=[], metavar="METRIC=VALUE",
                        help="fail (exit 1) when a metric, e.g. segmentation.micro.items.f1, is below VALUE")
    parser.add_argument("--no-report", action="store_true", help="print only; write no files")
    parser.add_argument("--quick", action="store_true",
                        help="segmentation: skip the held-out runs (leave-one-layout-out over the synthetic "
                             "families, leave-one-document-out on the corpus; ~3 min)")
    parser.add_argument("--ner-model", type=Path, metavar="DIR",
                        help="entities: score another trained NER (a training/train_ner.py --out directory's model/)")
    parser.add_argument("--ner-context", type=int, metavar="N",
                        help="entities: rar_ner reads N tokens each side of an inner capital (0: whole sentences)")
    args = parser.parse_args(argv)
    unknown = [t for t in args.tasks if t not in TASKS]
    if unknown:
        parser.error(f"unknown task(s) {unknown}; choose from {TASKS}")
    from nlp.corpus import corpus_documents
    from nlp.evaluation.report import check_minimums, write_reports

    docs = list(corpus_documents(str(args.docs) if args.docs else None))
    if not docs:
        print("no documents found (set RAR_CORPUS or pass --docs)", file=sys.stderr)
        return 2
    metrics: dict = {}
    texts: dict[str, str] = {}
    for task in args.tasks or TASKS:
        t0 = time.perf_counter()
        out = run_task(task, docs, args.gold, held_out=not args.quick and args.gold is None and args.docs is None,
                       ner_model=args.ner_model, ner_context=args.ner_context)
        if out is None:
            print(f"[{task}: not available in this installation]\n")
            continue
        metrics[task], texts[task] = out
        print(f"{texts[task]}\n({task}: {time.perf_counter() - t0:.0f} s)\n", flush=True)
    if not args.tasks:
        metrics["throughput"], texts["throughput"] = throughput(docs)
        print(texts["throughput"] + "\n")
    if not args.no_report:
        paths = write_reports(metrics, texts, args.out)
        print("wrote " + ", ".join(str(p) for p in paths.values()))
    failures = check_minimums(metrics, args.min)
    for f in failures:
        print(f"BELOW MINIMUM: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
