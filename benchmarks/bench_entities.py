"""Entity stage throughput on ``spacy.blank("da")``, against the bare tokenizer in the same run.

The corpus texts are normalised and tokenised once; the component then runs on those docs, so its
time is the entity stage alone (the target is >= 30,000 words/s).
"""

from __future__ import annotations

import time

import spacy

from nlp.normalize import normalize

from .common import best_of, corpus_texts, line, tokenizer_seconds, words


def main() -> None:
    from nlp.entities import RarEntities

    texts = [normalize(t).text for t in corpus_texts()]
    n = words(texts)
    base = tokenizer_seconds(texts)
    nlp = spacy.blank("da")
    t0 = time.perf_counter()
    component = RarEntities(nlp)
    component.initialize(lambda: [], nlp=nlp)
    t_init = time.perf_counter() - t0
    docs = [nlp.make_doc(t) for t in texts]
    stage = best_of(lambda: [component(d) for d in docs])
    n_ents = sum(len(d.spans["entities"]) for d in docs)
    print(f"corpus (normalised): {len(texts)} documents, {n:,} words, {n_ents} entities; "
          f"initialize {t_init:.2f} s (once per process)")
    print(line("spacy.blank('da') tokenizer (baseline)", n, base, base))
    print(line("rar_entities stage (on tokenised docs)", n, stage, base))
    print(line("tokenizer + rar_entities", n, base + stage, base))


if __name__ == "__main__":
    main()
