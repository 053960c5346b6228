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
    write_card(args.out, model, result, n_corpus=len(corpus), n_synth=len(synth),
               n_lines=sum(len(s.roles) for s in corpus + synth))
    print(f"wrote {args.out / 'MODEL_CARD.md'} ({time.perf_counter() - t0:.0f} s)")
    return 0


def write_card(out: Path, model, result: dict, *, n_corpus: int, n_synth: int, n_lines: int) -> None:
    """The model card, with the held-out scores of this very run."""
    lo, co = result["lolo"], result["corpus_lodo"]
    rows = "\n".join(f"| {fam} | {s['docs']} | {s['items']['f1']:.3f} | {s['sections']['f1']:.3f} | "
                     + " ".join(f"{k} {v:.2f}" for k, v in s["items_by_format"].items()) + " |"
                     for fam, s in lo["per_family"].items())
    crow = "\n".join(f"| {name} | {s['items']['f1']:.3f} | {s['sections']['f1']:.3f} |"
                     for name, s in co["per_document"].items())
    text = f"""# Model card: segmenter line labeller (`models/segmenter/labeller.json`)

**What it does.** Gives every line of a meeting document a role — `item` (agenda item header),
`item_cont` (its title wrapping), `group` (heading over items), `section` (section heading, alone,
run-in, glued or as a decision line), `body`, `toc`, `furniture` (case numbers, `Åbent punkt`, UI
residue, running headers), `closing` — from which `nlp/_segment/assemble.py` builds items and sections.

**Model.** Multinomial logistic regression (scikit-learn, L2, C={model.meta.get('C')}) over
{len(model.features):,} binary features (`nlp/_segment/features.py`: shape, vocabulary evidence from
`nlp/data/segment_vocabulary.json`, today's regex rules as one feature, typography of the reader's
blocks — bold, relative size, HTML tag and heading level, table rows —, neighbours' features, position,
numbering sequence, titles that recur as in a TOC), then Viterbi over role transitions learned from the
same data (log-probabilities × {model.meta.get('transition_weight')}), then consistency rules in the
assembler (label blocks, lost headers, group introductions, closed items without case text, the
title attribute of an element holding section headings). Weights are plain JSON.

**Choices made on these held-out numbers** (so they are slightly optimistic): the transition weight
was 0.25 until 2026-12; 0.25 / 0.15 / 0.1 gave LOLO mean item F1 0.969 / 0.969 / 0.970 and corpus
LODO item F1 0.961 / 0.962 / 0.968, and 0.1 is shipped. Dropping the end-of-document position
feature was tried twice and made no difference (kept). Added after reading held-out errors (general
properties, each checked on all families, not only where it was seen): numbers of one sequence that lie
far apart (`seq_next&far`: item numbers, not a list), run-in headings whose content is a sentence
(`inline&end=.`) and that follow each other (`head&p:runin`), and a line ending in an abbreviation
("… 2,8 mio. kr.") is not a sentence end (`end=abbr`). Together: LOLO mean 0.969 -> 0.970, worst
0.920 -> 0.920 (the first two alone dropped agenda_labels to 0.878, which `end=abbr` repaired), corpus
LODO 0.968 -> 0.994.

**Data.** {n_corpus} corpus documents (per-line roles derived from `corpora/segmentation.json`) and
{n_synth} synthetic documents: {len(lo['per_family'])} layout families of `training/layouts`
(`corpora/SYNTHETIC_LAYOUTS.md`), each rendered from 4 meetings of different invented publishers
(`corpora/synthetic/publishers/`) as text, HTML and PDF; {n_lines:,} lines in all.

**Command.** `RAR_CORPUS=../shared/corpus python training/train_segmenter.py` (deterministic; writes
this card, `labeller.json` and `metrics.json`). `python evaluate.py segmentation` reruns the held-out
scores below.

## Held-out scores (this run)

Leave-one-layout-out: each family scored by a labeller trained on the other {len(lo['per_family']) - 1}
families plus the five corpus documents. Items match on number + title (titles compared without a
leading type word; items printed without number and title by their text); sections by canonical name
and token F1 ≥ 0.8 of their text.

| family | docs | item F1 | section F1 | item F1 by format |
|---|---|---|---|---|
{rows}
| **mean** | | **{lo['mean_item_f1']:.3f}** | **{lo['mean_section_f1']:.3f}** | worst {lo['worst_item_f1']:.3f} |

Corpus, leave-one-document-out (trained on all families + the other four documents; offsets matched
against the gold as in `python evaluate.py segmentation`):

| document | item F1 | section F1 |
|---|---|---|
{crow}
| **micro** | **{co['micro_items']['f1']:.3f}** | **{co['micro_sections']['f1']:.3f}** |

The shipped labeller (trained on everything) is scored on the corpus by `python evaluate.py
segmentation --quick`; that number is in-sample for the corpus and says only that nothing regressed.

## Limits

- The synthetic families are our own renderings of shapes seen in real minutes; real documents of
  unseen publishers will differ in ways no family covers. The held-out real documents are the test.
- Two-column layouts whose item headers were lost (`two_column_ocr`, corpus 003) are the weakest
  for sections: without headers, item boundaries come from label blocks and "Sagen kort" repeats, and
  the contents of a label block are shared out by cue phrases (Indstilling, Beslutning, Bilag,
  Økonomi) and paragraph order, which fails when a section has no cue or several paragraphs.
- Held out, corpus 003 loses an item whose run-in "Anledning …" paragraph reads as body, and 004's
  last item ("10. Eventuelt" after a numbered Bilag list) reads as a list line.
- Web pages that print no item titles except in HTML attributes (`web_untitled_blocks` as HTML) need
  the reader's `title-attr` blocks; a title only in a separate item list is not linked to its item.
- Sections of an item that carry the same canonical name (several `other` headings) are one record
  entry with `parts`.
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
