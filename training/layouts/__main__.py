"""Write a synthetic layout set to a directory: the files plus gold.jsonl (one record per file).

    python -m training.layouts --out runs/layouts --fmts txt,html,pdf --per-family 4 --seed 0
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from . import FAMILIES, doc_to_dict, generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.layouts", description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--fmts", default="txt,html,pdf")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--per-family", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--noise", type=float, default=0.3)
    ap.add_argument("--publishers", type=Path, default=None,
                    help="content directory (default corpora/synthetic/publishers)")
    args = ap.parse_args(argv)
    from .content import load_publishers

    args.out.mkdir(parents=True, exist_ok=True)
    t0, n = time.time(), 0
    pubs = load_publishers(args.publishers)
    with open(args.out / "gold.jsonl", "w", encoding="utf-8") as gold:
        for doc in generate(fmts=tuple(args.fmts.split(",")), seed=args.seed, families=args.families.split(","),
                            per_family=args.per_family, publishers=pubs, noise=args.noise):
            (args.out / doc.family).mkdir(exist_ok=True)
            (args.out / doc.family / doc.name).write_bytes(doc.data)
            gold.write(json.dumps(doc_to_dict(doc), ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} documents in {args.out} ({time.time() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
