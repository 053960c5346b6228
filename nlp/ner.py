"""Statistical NER: names the rules cannot shape, merged into ``rar_entities``.

The rules (gazetteers + structural patterns) are precise on names they know the shape of; a model
sees context and spelling ("Kredsløb A/S leverer …", "i samarbejde med Kirkens Korshær"). This
component runs a small spaCy ``ner`` (its own hash-embedding CNN tok2vec; ``training/train_ner.py``,
card in ``models/ner/MODEL_CARD.md``) on the pipeline's tokens and writes ``doc.spans["rar_ner"]``
for the labels in ``labels``. It leaves ``doc.ents`` alone (a core model's NER may own them).
``rar_entities`` then keeps its own mentions on any overlap and adds the model's others, each with
the model's measured precision for that label as confidence (``spans.attrs["confidence"]``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import EntityRecognizer, Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span, SpanGroup
from spacy.training import Example
from spacy.util import load_model_from_config, registry

from .pipeline import MODELS_DIR

SPANS_KEY = "rar_ner"
MAX_CHUNK = 1000  # tokens the model reads at once
MODEL_DIR = MODELS_DIR / "ner" / "model"

__all__ = ["SPANS_KEY", "RarNer", "make_ner", "model_available"]


def model_available(path: Path = MODEL_DIR) -> bool:
    """True when the trained model is on disk (a checkout before ``training/train_ner.py`` has none)."""
    return (Path(path) / "config.cfg").exists()


class RarNer(Pipe):
    """Runs the inner spaCy NER on each document's tokens; results in ``doc.spans["rar_ner"]``."""

    def __init__(self, nlp: Language, name: str = "rar_ner", *, labels: Iterable[str] = ("ORG",),
                 batch_size: int = 256, only_capitalised: bool = True, context: int = 0,
                 scorer: Callable | None = None) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.cfg = {"labels": list(labels), "batch_size": batch_size, "only_capitalised": only_capitalised,
                    "context": context}
        self.scorer = scorer
        self.model_nlp: Language | None = None
        self._fresh: tuple[Language, EntityRecognizer | None] | None = None  # (model, its NER for our chunks)

    # -- data --------------------------------------------------------------------------------
    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, model: Any = None, model_dir: str | None = None) -> None:
        """Load the trained NER (``models/ner/model``, another directory, or ``model``: a Language in memory;
        typed Any so spaCy's validation of [initialize] settings can build its schema)."""
        self.model_nlp = model if model is not None else spacy.load(Path(model_dir) if model_dir else MODEL_DIR)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """The model as a spaCy pipeline directory (data only: the settings live in the config)."""
        Path(path).mkdir(parents=True, exist_ok=True)
        self._ensure().to_disk(Path(path) / "model")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RarNer:
        self.model_nlp = spacy.load(Path(path) / "model")
        return self

    def _ensure(self) -> Language:
        if self.model_nlp is None:
            self.initialize()
        return self.model_nlp

    def __reduce__(self) -> tuple:  # for worker processes: the model travels as config + bytes
        inner = self._ensure()
        return (_restore, (self.name, self.cfg, self.scorer, inner.config.to_str(), inner.to_bytes()))

    # -- running -----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations([doc], self.predict([doc]))
        except Exception as e:  # one bad document is reported, not fatal for a batch
            error_handler(self.name, self, [doc], e)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int | None = None) -> Iterator[Doc]:
        from spacy.util import minibatch

        error_handler = self.get_error_handler()
        for batch in minibatch(stream, size=batch_size or 16):  # documents; their sentences batch inside
            try:
                self.set_annotations(batch, self.predict(batch))
            except Exception as e:
                error_handler(self.name, self, batch, e)
            yield from batch

    def predict(self, docs: Iterable[Doc]) -> list[list[tuple[int, int, str]]]:
        """Per document, (start token, end token, label) of the model's mentions in ``labels``.

        The model reads sentence by sentence (the base pipeline's sentencizer): a transition-based
        NER steps through one document's tokens one at a time, and many short inputs batch their
        steps (~1.5x faster than whole documents); a name does not cross a sentence end. With
        ``only_capitalised`` it reads only around the words with a capital letter after their
        sentence's first character (``context`` tokens each side; 0: their whole sentences): Danish
        writes common nouns in lower case, so text without one holds no name but a single capitalised
        word opening a sentence, which the rules shape ("Byrådet") or which is a capitalised common
        word; ``python evaluate.py entities`` scores the gated pipeline."""
        inner = self._ensure()
        docs = list(docs)
        gate, context = self.cfg["only_capitalised"], self.cfg["context"]
        owner: list[tuple[int, int]] = []  # (document, first token) of each chunk, in the order piped
        run, own_vocab = self._runner(inner)
        if own_vocab:  # a spaCy NER reads hashes, so its chunks share the documents' vocab (no string lookups)
            for vocab in {id(d.vocab): d.vocab for d in docs}.values():
                for lab in run.labels:  # its spans are made in that vocab
                    vocab.strings.add(lab)

        def chunks() -> Iterator[Doc]:  # lazily: memory stays bounded whatever a document's length
            for k, d in enumerate(docs):
                spans = _read_spans(d, gate, context)
                if not spans:
                    continue
                arr, strings = d.to_array([ORTH, SPACY]), d.vocab.strings
                for a, b in spans:
                    for a1 in range(a, b, MAX_CHUNK):  # a "sentence" without stops (a table) is cut
                        part = arr[a1:min(b, a1 + MAX_CHUNK)]
                        owner.append((k, a1))
                        orths, spaces = part[:, 0].tolist(), part[:, 1].astype(bool).tolist()
                        if own_vocab:
                            yield Doc(d.vocab, words=orths, spaces=spaces)
                        else:
                            yield Doc(inner.vocab, words=[strings[o] for o in orths], spaces=spaces)

        wanted = set(self.cfg["labels"])
        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for j, res in enumerate(run.pipe(chunks(), batch_size=self.cfg["batch_size"])):
            k, a = owner[j]
            out[k] += [(a + e.start, a + e.end, e.label_) for e in res.ents if e.label_ in wanted]
        for k, d in enumerate(docs):  # a mention never crosses an item's edge
            edges = {x for it in d.spans.get("items", []) for x in (it.start, it.end)}
            if edges:
                out[k] = [(s, e, lab) for s, e, lab in out[k] if not any(s < x < e for x in edges)]
        return out

    def _runner(self, inner: Language) -> tuple[Any, bool]:
        """What reads the chunks, and whether they are made in the documents' vocab: a trained spaCy NER
        alone (``_FreshDocsNer``), or any other model (a stand-in in tests) as a whole pipeline."""
        if self._fresh is None or self._fresh[0] is not inner:
            ner = inner.get_pipe("ner") if inner.pipe_names == ["ner"] else None
            self._fresh = (inner, _FreshDocsNer.of(ner) if isinstance(ner, EntityRecognizer) else None)
        fresh = self._fresh[1]
        return (fresh, True) if fresh is not None else (inner, False)

    def set_annotations(self, docs: Iterable[Doc], preds: list[list[tuple[int, int, str]]]) -> None:
        conf = self._ensure().meta.get("rar_precision", {})
        for doc, ents in zip(docs, preds, strict=True):
            group = SpanGroup(doc, name=SPANS_KEY, spans=[Span(doc, s, e, label=lab) for s, e, lab in ents])
            group.attrs["confidence"] = {lab: float(conf.get(lab, 0.5)) for lab in self.cfg["labels"]}
            doc.spans[SPANS_KEY] = group


def _read_spans(doc: Doc, gate: bool, context: int = 0) -> list[tuple[int, int]]:
    """(start, end) token ranges the model reads, in order and never crossing a sentence end.

    Without ``gate``: every sentence. With it: only around the words with a capital letter after
    their sentence's first character; ``context`` tokens each side of such a word (the windows
    merged), or with ``context=0`` the whole sentence. Computed on the token arrays and the text's
    code points, not on Token objects, which cost more per word than the model's matrix work."""
    n = len(doc)
    if n == 0:
        return []
    has_sents = doc.has_annotation("SENT_START")
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1) if has_sents else numpy.zeros(0, int)
    if not len(starts) or starts[0] != 0:
        starts = numpy.concatenate([[0], starts]).astype(int)
    ends = numpy.append(starts[1:], n)
    if not gate:
        return list(zip(starts.tolist(), ends.tolist(), strict=True))
    text = doc.text
    idx = doc.to_array(IDX).astype(numpy.int64)
    caps = _capital_positions(text)
    caps = caps[~numpy.isin(caps, idx[starts])]  # a sentence's first letter says nothing
    if not len(caps):
        return []
    toks = numpy.unique(numpy.searchsorted(idx, caps, side="right") - 1)
    sent = numpy.searchsorted(starts, toks, side="right") - 1
    if context <= 0:
        s = numpy.unique(sent)
        return list(zip(starts[s].tolist(), ends[s].tolist(), strict=True))
    lo = numpy.maximum(starts[sent], toks - context).tolist()
    hi = numpy.minimum(ends[sent], toks + context + 1).tolist()
    out: list[tuple[int, int]] = []
    prev_sent = -1
    for a, b, k in zip(lo, hi, sent.tolist(), strict=True):
        if out and k == prev_sent and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
        prev_sent = k
    return out


def _capital_positions(text: str) -> numpy.ndarray:
    """Character offsets of the upper-case letters in ``text`` (vectorised: one pass in C)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer (rare): the slow, exact way
        return numpy.array([i for i, c in enumerate(text) if c != c.lower()], dtype=numpy.int64)
    a = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)
    b = numpy.frombuffer(low.encode("utf-32-le"), dtype=numpy.uint32)
    return numpy.flatnonzero(a != b)


def _has_inner_capital(text: str) -> bool:
    """True when ``text`` has an upper-case letter (lower() runs in C: cheap on a hot path)."""
    return text != text.lower()


class _FreshDocsNer(EntityRecognizer):
    """The inner model's NER (same weights and moves) for documents that carry no entities.

    spaCy's parser scans every token of every input (one Python Token object each) for entity labels
    it has not seen, which only documents with entities can hold; our inputs are fresh chunks. The
    scan was an eighth of the model's time. A document with entities still gets it."""

    @classmethod
    def of(cls, ner: EntityRecognizer) -> _FreshDocsNer:
        cfg = ner.cfg
        return cls(ner.vocab, ner.model, ner.name, moves=ner.moves,
                   update_with_oracle_cut_size=cfg["update_with_oracle_cut_size"],
                   incorrect_spans_key=cfg.get("incorrect_spans_key"))

    def _ensure_labels_are_added(self, docs: Iterable[Doc]) -> None:
        annotated = [d for d in docs if d.has_annotation("ENT_IOB")]
        if annotated:
            super()._ensure_labels_are_added(annotated)


def _restore(name: str, cfg: dict[str, Any], scorer: Callable | None, config: str, data: bytes) -> RarNer:
    from thinc.api import Config

    inner = load_model_from_config(Config().from_str(config), auto_fill=True).from_bytes(data)
    comp = RarNer(inner, name, labels=cfg["labels"], batch_size=cfg["batch_size"],
                  only_capitalised=cfg["only_capitalised"], context=cfg["context"], scorer=scorer)
    comp.model_nlp = inner
    return comp


@Language.factory(
    "rar_ner",
    assigns=["doc.spans"],
    default_config={"labels": ["ORG"], "batch_size": 256, "only_capitalised": True, "context": 4,
                    "scorer": {"@scorers": "rar.ner_scorer.v1"}},
    default_score_weights={"spans_rar_ner_f": 0.0, "spans_rar_ner_p": 0.0, "spans_rar_ner_r": 0.0},
)
def make_ner(nlp: Language, name: str, labels: list[str], batch_size: int, only_capitalised: bool, context: int,
             scorer: Callable | None) -> RarNer:
    return RarNer(nlp, name, labels=labels, batch_size=batch_size, only_capitalised=only_capitalised,
                  context=context, scorer=scorer)


@registry.scorers("rar.ner_scorer.v1")
def make_ner_scorer() -> Callable[..., dict[str, Any]]:
    return score_ner


def score_ner(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """P/R/F of ``doc.spans["rar_ner"]`` against the reference's entities (``doc.spans["entities"]``)."""
    def getter(doc: Doc, attr: str) -> Iterable[Span]:
        if SPANS_KEY in doc.spans:
            return doc.spans[SPANS_KEY]
        return [s for s in doc.spans.get("entities", []) if s.label_ in labels]

    examples = list(examples)
    labels = {s.label_ for eg in examples for s in eg.predicted.spans.get(SPANS_KEY, [])} or {"ORG"}
    return Scorer.score_spans(examples, "spans_rar_ner", getter=getter, has_annotation=lambda doc: True)
