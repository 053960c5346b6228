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
from spacy.vocab import Vocab
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from .doc import doc_text
from .normalize import code_points
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
                 batch_size: int = 256, only_capitalised: bool = True, context: int = 4,
                 scorer: Callable | None = None) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.cfg = {"labels": list(labels), "batch_size": batch_size, "only_capitalised": only_capitalised,
                    "context": context}
        self.scorer = scorer
        self.model_nlp: Language | None = None
        self._blas_set: Language | None = None  # the inner model whose products run on numpy's BLAS

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
        run = self._runner(inner)
        shared: dict[int, bool] = {}  # per vocab: are the chunks made in the documents' own vocab?

        def in_doc_vocab(vocab: Vocab) -> bool:
            """A spaCy NER reads hashes and lexeme features, so its chunks can share the documents' vocab
            (no string lookups) when that vocab gives every word the features the model was trained on."""
            if id(vocab) not in shared:
                shared[id(vocab)] = isinstance(run, EntityRecognizer) and _same_features(vocab, inner.vocab)
                if shared[id(vocab)]:
                    for lab in run.labels:  # its spans are made in that vocab
                        vocab.strings.add(lab)
            return shared[id(vocab)]

        def chunks() -> Iterator[Doc]:  # lazily: memory stays bounded whatever a document's length
            for k, d in enumerate(docs):
                spans = _read_spans(d, gate, context)
                if not spans:
                    continue
                arr, own = d.to_array([ORTH, SPACY]), in_doc_vocab(d.vocab)
                if not own:  # each distinct word's string once
                    strings = d.vocab.strings
                    table = {o: strings[o] for o in set(arr[:, 0].tolist())}
                for a, b in spans:
                    for a1 in range(a, b, MAX_CHUNK):  # a "sentence" without stops (a table) is cut
                        part = arr[a1:min(b, a1 + MAX_CHUNK)]
                        owner.append((k, a1))
                        orths, spaces = part[:, 0].tolist(), part[:, 1].astype(bool).tolist()
                        if own:
                            yield Doc(d.vocab, words=orths, spaces=spaces)
                        else:
                            yield Doc(inner.vocab, words=[table[o] for o in orths], spaces=spaces)

        wanted = set(self.cfg["labels"])
        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        with threadpool_limits(1, user_api="blas"):  # small matrices; workers are the parallelism
            for j, res in enumerate(run.pipe(chunks(), batch_size=self.cfg["batch_size"])):
                k, a = owner[j]
                out[k] += [(a + e.start, a + e.end, e.label_) for e in res.ents if e.label_ in wanted]
        for k, d in enumerate(docs):  # a mention never crosses an item's edge
            edges = {x for it in d.spans.get("items", []) for x in (it.start, it.end)}
            if edges:
                out[k] = [(s, e, lab) for s, e, lab in out[k] if not any(s < x < e for x in edges)]
        return out

    def _runner(self, inner: Language) -> EntityRecognizer | Language:
        """What reads the chunks: a trained spaCy NER alone, or any other model (a stand-in in tests) as a
        whole pipeline."""
        ner = inner.get_pipe("ner") if inner.pipe_names == ["ner"] else None
        if not isinstance(ner, EntityRecognizer):
            return inner
        if self._blas_set is not inner:
            _use_numpy_blas(ner)
            self._blas_set = inner
        return ner

    def set_annotations(self, docs: Iterable[Doc], preds: list[list[tuple[int, int, str]]]) -> None:
        conf = self._ensure().meta.get("rar_precision", {})
        for doc, ents in zip(docs, preds, strict=True):
            group = SpanGroup(doc, name=SPANS_KEY, spans=[Span(doc, s, e, label=lab) for s, e, lab in ents])
            group.attrs["confidence"] = {lab: float(conf.get(lab, 0.5)) for lab in self.cfg["labels"]}
            doc.spans[SPANS_KEY] = group


def _read_spans(doc: Doc, gate: bool, context: int = 0) -> list[tuple[int, int]]:
    """(start, end) token ranges the model reads, in order and never crossing a sentence end.

    Without ``gate``: every sentence. With it: only around the words with a capital letter other
    than their sentence's first letter; ``context`` tokens each side of such a word (the windows
    merged), or with ``context=0`` the whole sentence. A name with more lower-case words after its
    last capital than ``context`` ("Center for job og uddannelse" needs 4) is read up to the window's
    edge. Computed on the token arrays and the text's code points, not on Token objects, which cost
    more per word than the model's matrix work."""
    n = len(doc)
    if n == 0:
        return []
    if "sents" in doc.user_hooks:  # a custom sentence splitter decides, as for ``doc.sents``
        starts = numpy.array([s.start for s in doc.sents], dtype=numpy.int64)
    elif doc.has_annotation("SENT_START"):
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1)
    else:
        starts = numpy.zeros(0, numpy.int64)
    if not len(starts) or starts[0] != 0:
        starts = numpy.concatenate([[0], starts]).astype(numpy.int64)
    ends = numpy.append(starts[1:], n)
    if not gate:
        return list(zip(starts.tolist(), ends.tolist(), strict=True))
    text = doc_text(doc)
    idx = doc.to_array(IDX).astype(numpy.int64)
    caps, cased = _case_positions(text)
    if not len(caps):
        return []
    # A sentence's first letter says nothing, also after a bullet, a number or a line break.
    sent_chars = idx[starts]
    at = numpy.searchsorted(cased, sent_chars)
    first = cased[numpy.minimum(at, len(cased) - 1)]
    inside = (at < len(cased)) & (first < numpy.append(sent_chars[1:], len(text)))
    caps = caps[~numpy.isin(caps, first[inside])]
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


def _case_positions(text: str) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Character offsets of the upper-case letters in ``text`` and of all its cased letters, sorted
    (vectorised: a compare of the text with its lower and upper case, in C)."""
    low, up = text.replace("\u0130", "I").lower(), text.upper()  # "İ" is the one letter lower() lengthens
    if len(low) != len(text) or len(up) != len(text):  # "ß" -> "SS" and a few more: the slow, exact way
        caps = [i for i, c in enumerate(text) if c != c.lower()]
        cased = [i for i, c in enumerate(text) if c != c.lower() or c != c.upper()]
        return numpy.array(caps, dtype=numpy.int64), numpy.array(cased, dtype=numpy.int64)
    a, b, c = (code_points(t) for t in (text, low, up))
    return numpy.flatnonzero(a != b), numpy.flatnonzero((a != b) | (a != c))


def _same_features(vocab: Vocab, model_vocab: Vocab) -> bool:
    """Whether ``vocab`` gives each word the lexeme features ``model_vocab`` gives it (NORM, PREFIX,
    SUFFIX, SHAPE: the model's inputs). A Danish core pipeline's vocab loads spaCy's ``lexeme_norm``
    table ("Ålborg" -> "aalborg"); the model was trained without it."""
    if vocab is model_vocab:
        return True

    def norms(v: Vocab) -> dict:
        return dict(v.lookups.get_table("lexeme_norm")) if v.lookups.has_table("lexeme_norm") else {}

    return vocab.lang == model_vocab.lang and norms(vocab) == norms(model_vocab)


def _use_numpy_blas(ner: EntityRecognizer) -> None:
    """Run the model's matrix products through numpy's BLAS instead of thinc's default blis.

    OpenBLAS picks its kernels for the CPU at run time; the blis wheel fell back to its generic
    reference kernel on an AVX2 machine (4x slower products, a fifth of the model's time). Same
    arithmetic up to float rounding (``tests/test_ner.py`` compares the mentions with blis's)."""
    ops = NumpyOps(use_blis=False)
    for node in ner.model.walk():
        node.ops = ops


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
