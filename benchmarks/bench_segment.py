"""Read + normalise + segment throughput on the corpus, against the bare spaCy tokenizer."""

from __future__ import annotations

from nlp.corpus import corpus_dir
from nlp.normalize import danish_words, normalize
from nlp.read import iter_paths, read_document
from nlp.segment import segment_text

from .common import best_of, corpus_texts, line, tokenizer_seconds, words


def main() -> None:
    danish_words()  # the word list loads once per process; not part of the per-document cost
    paths = list(iter_paths([corpus_dir()]))
    texts = corpus_texts()
    n = words(texts)
    base = tokenizer_seconds(texts)

    def read_norm_seg() -> None:
        for p in paths:
            norm = normalize(read_document(p).text)
            segment_text(norm.text, norm.meta()["removed_headers"])

    def norm_only() -> None:
        for t in texts:
            normalize(t)

    print(f"corpus: {len(texts)} documents, {n:,} words")
    print(line("spacy.blank('da') tokenizer (baseline)", n, base, base))
    print(line("normalise", n, best_of(norm_only), base))
    print(line("read + normalise + segment", n, best_of(read_norm_seg), base))
