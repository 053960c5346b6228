#!/usr/bin/env python
"""Evaluate rar-nlp against gold annotations.

    python evaluate.py                    # every task on the bundled gold (corpora/) and $RAR_CORPUS
    python evaluate.py segmentation       # one task: segmentation | classify | entities | summaries
    python evaluate.py --docs DIR --gold DIR    # your own held-out minutes and annotations
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

TASKS = ("segmentation", "classify", "entities", "summaries")


def _gold(gold_dir: Path | None, name: str) -> dict:
    from nlp.corpus import CORPORA

    path = (gold_dir or CORPORA) / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def run_task(task: str, docs, gold_dir: Path | None) -> tuple[dict, str] | None:
    if task == "segmentation":
        from nlp.evaluation import segmentation

        result = segmentation.evaluate(list(docs), _gold(gold_dir, "segmentation"))
        return result, segmentation.report(result)
    try:
        module = __import__(f"nlp.evaluation.{task}", fromlist=["evaluate", "report"])
    except ModuleNotFoundError:
        return None
    result = module.evaluate(list(docs), gold_dir=gold_dir)
    return result, module.report(result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tasks", nargs="*", choices=[*TASKS, []], help="tasks to run (default: all)")
    parser.add_argument("--docs", type=Path, help="directory of documents (default: $RAR_CORPUS)")
    parser.add_argument("--gold", type=Path, help="directory with <task>.json gold (default: corpora/)")
    parser.add_argument("--json", type=Path, help="also write metrics to this JSON file")
    args = parser.parse_args(argv)
    from nlp.corpus import corpus_documents

    docs = corpus_documents(str(args.docs) if args.docs else None)
    if not docs:
        print("no documents found (set RAR_CORPUS or pass --docs)", file=sys.stderr)
        return 2
    metrics = {}
    for task in args.tasks or TASKS:
        out = run_task(task, docs, args.gold)
        if out is None:
            print(f"[{task}: not available in this installation]\n")
            continue
        metrics[task], text = out
        print(text + "\n")
    if args.json:
        args.json.write_text(json.dumps(metrics, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
