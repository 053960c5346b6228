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

import spacy
from spacy.language import Language
from spacy.pipeline import Pipe
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
                 batch_size: int = 256, only_capitalised: bool = True, scorer: Callable | None = None) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.cfg = {"labels": list(labels), "batch_size": batch_size, "only_capitalised": only_capitalised}
        self.scorer = scorer
        self.model_nlp: Language | None = None

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
        ``only_capitalised`` it reads only the sentences with a capital letter after their first
        character: Danish writes common nouns in lower case, so a sentence without one holds no
        name but a single capitalised word opening it, which the rules shape ("Byrådet") or which
        is a capitalised common word; ``python evaluate.py entities`` scores the gated pipeline."""
        inner = self._ensure()
        docs = list(docs)
        gate = self.cfg["only_capitalised"]
        owner: list[tuple[int, int]] = []  # (document, first token) of each chunk, in the order piped

        def chunks() -> Iterator[Doc]:  # lazily: memory stays bounded whatever a document's length
            for k, d in enumerate(docs):
                text = d.text
                parts = d.sents if d.has_annotation("SENT_START") else [d[:]]
                for part in parts:
                    if gate and not _has_inner_capital(text[part.start_char + 1:part.end_char]):
                        continue
                    a0, b0 = part.start, part.end
                    for a in range(a0, b0, MAX_CHUNK):  # a "sentence" without stops (a table) is cut
                        toks = d[a:min(b0, a + MAX_CHUNK)]
                        owner.append((k, a))
                        yield Doc(inner.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks])

        wanted = set(self.cfg["labels"])
        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for j, res in enumerate(inner.pipe(chunks(), batch_size=self.cfg["batch_size"])):
            k, a = owner[j]
            out[k] += [(a + e.start, a + e.end, e.label_) for e in res.ents if e.label_ in wanted]
        for k, d in enumerate(docs):  # a mention never crosses an item's edge
            edges = {x for it in d.spans.get("items", []) for x in (it.start, it.end)}
            if edges:
                out[k] = [(s, e, lab) for s, e, lab in out[k] if not any(s < x < e for x in edges)]
        return out

    def set_annotations(self, docs: Iterable[Doc], preds: list[list[tuple[int, int, str]]]) -> None:
        conf = self._ensure().meta.get("rar_precision", {})
        for doc, ents in zip(docs, preds, strict=True):
            group = SpanGroup(doc, name=SPANS_KEY, spans=[Span(doc, s, e, label=lab) for s, e, lab in ents])
            group.attrs["confidence"] = {lab: float(conf.get(lab, 0.5)) for lab in self.cfg["labels"]}
            doc.spans[SPANS_KEY] = group


def _has_inner_capital(text: str) -> bool:
    """True when ``text`` has an upper-case letter (lower() runs in C: cheap on a hot path)."""
    return text != text.lower()


def _restore(name: str, cfg: dict[str, Any], scorer: Callable | None, config: str, data: bytes) -> RarNer:
    from thinc.api import Config

    inner = load_model_from_config(Config().from_str(config), auto_fill=True).from_bytes(data)
    comp = RarNer(inner, name, labels=cfg["labels"], batch_size=cfg["batch_size"],
                  only_capitalised=cfg["only_capitalised"], scorer=scorer)
    comp.model_nlp = inner
    return comp


@Language.factory(
    "rar_ner",
    assigns=["doc.spans"],
    default_config={"labels": ["ORG"], "batch_size": 256, "only_capitalised": True,
                    "scorer": {"@scorers": "rar.ner_scorer.v1"}},
    default_score_weights={"spans_rar_ner_f": 0.0, "spans_rar_ner_p": 0.0, "spans_rar_ner_r": 0.0},
)
def make_ner(nlp: Language, name: str, labels: list[str], batch_size: int, only_capitalised: bool,
             scorer: Callable | None) -> RarNer:
    return RarNer(nlp, name, labels=labels, batch_size=batch_size, only_capitalised=only_capitalised, scorer=scorer)


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
