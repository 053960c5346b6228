"""Where the pipeline's time goes: each stage's seconds as a multiple of the bare tokenizer's.

The corpus's documents, read once and made into Docs by the pipeline's own tokenizer, run through one
component at a time in pipeline order (``nlp.pipe`` semantics: each stage's ``pipe`` over the previous
stage's output). The sum of the stages plus reading and record-building is what ``bench_pipeline``
sees end to end; the issue-12 bar is the whole pipeline at >= 0.25 of the tokenizer's speed, that is
at most 4.0x its time. ``RAR_NER_MODEL=DIR`` times another trained NER (a ``training/train_ner.py --out``
directory's ``model/``) in ``rar_ner``'s place.
"""

from __future__ import annotations

import os

from nlp.corpus import corpus_documents
from nlp.doc import doc_text, remember_text
from nlp.pipeline import load, make_doc

from .common import best_of, tokenizer_seconds, words

COPIES = 4  # the corpus is ~60k words; four passes give stable per-stage times


def _copy(doc):
    """A copy as the pipeline would hand it on: ``Doc.copy`` drops the text the tokenizer remembered
    (``nlp.doc.remember_text``), which every stage would otherwise rebuild from the tokens."""
    return remember_text(doc.copy(), doc_text(doc))


def main() -> None:
    raws = [d.raw for d in corpus_documents()] * COPIES
    if not raws:
        raise SystemExit("benchmarks need the corpus: set RAR_CORPUS")
    texts = [r.text for r in raws]
    n = words(texts)
    base = tokenizer_seconds(texts)
    nlp = load("blank")
    if os.environ.get("RAR_NER_MODEL") and "rar_ner" in nlp.pipe_names:
        import spacy

        nlp.get_pipe("rar_ner").model_nlp = spacy.load(os.environ["RAR_NER_MODEL"])
        print(f"rar_ner model: {os.environ['RAR_NER_MODEL']}")
    print(f"{len(raws)} documents, {n:,} words; spacy.blank('da') tokenizer {n / base:,.0f} words/s "
          f"({base:.2f} s)")
    docs: list = []

    def tokenise() -> None:
        docs[:] = [make_doc(nlp, r) for r in raws]

    total = 0.0
    secs = best_of(tokenise, 2)
    total += secs
    print(f"  {'normalise + tokenise':24} {secs / base:6.2f}x")
    for name, proc in nlp.pipeline:
        snapshot = [_copy(d) for d in docs]
        secs = best_of(lambda p=proc, s=snapshot: list(p.pipe([_copy(d) for d in s])), 2)
        # the copies inside the timed call are timed alone (best of 2 as well) and taken off
        secs = max(0.0, secs - best_of(lambda s=snapshot: [_copy(d) for d in s], 2))
        docs = list(proc.pipe(snapshot))
        total += secs
        print(f"  {name:24} {secs / base:6.2f}x")
    print(f"  {'all stages':24} {total / base:6.2f}x  (speed {base / total:.3f} of the tokenizer's; bar 0.25)")
