"""Read + normalise + segment throughput against the bare spaCy tokenizer: on the corpus, and on
synthetic HTML and PDF documents from training/layouts (the readers' block paths).

"read + normalise + segment" (the target line) is read_document -> normalize (blocks mapped) ->
segment_text, as before the learned labeller; "... through the component" is the pipeline's real
path, ``make_doc`` (normalising tokenizer: it tokenizes too) -> the ``rar_segmenter`` component.
"""

from __future__ import annotations

from nlp.corpus import corpus_dir
from nlp.normalize import danish_words, normalize
from nlp.pipeline import load, make_doc
from nlp.read import iter_paths, read_bytes, read_document
from nlp.segment import segment_text

from .common import best_of, corpus_texts, line, tokenizer_seconds, words

TARGET = 0.5  # read + normalise + segment at >= half the bare tokenizer's words/s
SYNTHETIC_SEED = 7


def _speed(base_seconds: float, seconds: float) -> str:
    ratio = base_seconds / seconds
    return f"   speed {ratio:4.2f}x the tokenizer's (target >= {TARGET}x: {'ok' if ratio >= TARGET else 'BELOW'})"


def main() -> None:
    from training.layouts import generate

    danish_words()  # the word list loads once per process; not part of the per-document cost
    nlp = load(base="blank", components=["rar_segmenter"])
    seg = nlp.get_pipe("rar_segmenter")
    paths = list(iter_paths([corpus_dir()]))
    texts = corpus_texts()
    n = words(texts)
    base = tokenizer_seconds(texts)

    def read_norm_seg() -> None:
        for p in paths:
            raw = read_document(p)
            norm = normalize(raw.text, blocks=raw.blocks)
            meta = norm.meta()
            segment_text(norm.text, meta["removed_headers"], blocks=meta.get("blocks"), vocab=seg.vocab_data,
                         labeller=seg.model)

    def through_component() -> None:
        for p in paths:
            seg(make_doc(nlp, read_document(p)))

    def norm_only() -> None:
        for t in texts:
            normalize(t)

    through_component()  # warm-up: model weights, vocabulary, lazy imports
    t_seg = best_of(read_norm_seg)
    t_comp = best_of(through_component)
    print(f"corpus: {len(texts)} documents, {n:,} words")
    print(line("spacy.blank('da') tokenizer (baseline)", n, base, base))
    print(line("normalise", n, best_of(norm_only), base))
    print(line("read + normalise + segment", n, t_seg, base) + _speed(base, t_seg))
    print(line("... through the component (tokenizes too)", n, t_comp, base))

    syn = [(sd.name, sd.fmt, sd.data) for sd in generate(fmts=("html", "pdf"), seed=SYNTHETIC_SEED, per_family=1)]
    syn_texts = [read_bytes(data, source=name, fmt=fmt).text for name, fmt, data in syn]
    n_syn = words(syn_texts)
    syn_base = tokenizer_seconds(syn_texts)

    def syn_read_norm_seg() -> None:
        for name, fmt, data in syn:
            seg(make_doc(nlp, read_bytes(data, source=name, fmt=fmt)))

    t_syn = best_of(syn_read_norm_seg)
    n_html = sum(1 for _, fmt, _ in syn if fmt == "html")
    print(f"synthetic layouts: {n_html} HTML + {len(syn) - n_html} PDF documents, {n_syn:,} words")
    print(line("read + normalise + segment (synthetic)", n_syn, t_syn, syn_base)
          + f"   {len(syn) / t_syn:6.1f} documents/s")


if __name__ == "__main__":
    main()
