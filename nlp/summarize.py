"""Summarising: a short Danish summary (at most two sentences) of every agenda item.

The pure functions live beside this module in ``nlp/_summarize/`` (``text``: item text and
baselines; ``extractive``: the sentence scorer; ``faithfulness``; ``generate``: the Gemma prompt and
generation; ``decode``: the fast greedy decoder); here is ``RarSummarizer``, the thin spaCy component
that writes ``Span._.rar_summary`` and ``Span._.rar_summary_method`` on each span in ``doc.spans["items"]``.

Methods (config ``method``):

* ``gemma-lora``: Gemma 3 270M (base, from the PyPI wheels) + the LoRA adapter in
  ``models/summarizer/``, greedy batched generation. A faithfulness guard drops generated
  sentences whose numbers or names do not occur in the item's text
  (``summary_method = "gemma-lora-trimmed"``) and uses the extractive summary when none is left
  (``"extractive-fallback"``). Scores and the licence notice: ``models/summarizer/MODEL_CARD.md``.
* ``extractive``: the best source sentence by a small linear scorer (``extractive.json``).
* ``lead-sagsfremstilling`` / ``lead-indstilling``: the first sentence of that section.
* ``none``: no summaries.

The item's own "Sagen kort"/"Anledning" is the secretariat's summary: it is the training target
and never part of the model's input. With ``human_summary`` (on by default) its first sentence is the
summary where an item has one (``summary_method = "sagen-kort"``); with ``decision="beslutning"`` (the
default) a minutes item's summary ends with the decision ``rar_outcome`` labelled
(``nlp/_summarize/decision.py``). Both defaults were chosen on the invented dev publishers
(``python -m nlp.evaluation.summaries --publishers dev``); ``decision="none"``, ``human_summary=false``
give the former behaviour.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.util import minibatch, registry

from ._summarize.decision import (
    DECISION_METHOD,
    HUMAN_METHOD,
    compose,
    decision_sentence,
    human_sentences,
    is_template_sentence,
)
from ._summarize.decision import MODES as DECISION_MODES
from ._summarize.extractive import CUES, ExtractiveScorer, candidate_sentences, sentence_features, words
from ._summarize.faithfulness import is_faithful, summary_facts, unsupported_facts
from ._summarize.generate import (
    GenerationSettings,
    LoadedGenerator,
    base_model_dir,
    bf16_supported,
    cache_root,
    encode_prompt,
    encode_target,
    generate,
    generate_hf,
    generate_summaries,
    guarded,
    load_generator,
    postprocess,
    prompt_body,
)
from ._summarize.text import (
    _BULLETS,
    EXTRA_SECTIONS,
    FALLBACK_METHOD,
    MAX_SENTENCES,
    METHODS,
    SOURCE_SECTIONS,
    TARGET_SECTION,
    TRIMMED_SUFFIX,
    ItemText,
    clean_text,
    default_model_dir,
    item_text,
    item_text_from_parts,
    item_text_from_segment,
    lead,
    limit_sentences,
    models_dir,
    split_sentences,
)
from .doc import aligned_items, run_state, spans_within

__all__ = ["CUES", "EXTRA_SECTIONS", "FALLBACK_METHOD", "MAX_SENTENCES", "METHODS", "SOURCE_SECTIONS",
           "TARGET_SECTION", "TRIMMED_SUFFIX", "ExtractiveScorer", "GenerationSettings", "ItemText",
           "LoadedGenerator", "RarSummarizer", "base_model_dir", "bf16_supported", "cache_root",
           "candidate_sentences", "clean_text", "default_model_dir", "encode_prompt", "encode_target", "generate",
           "generate_hf", "generate_summaries", "guarded", "is_faithful", "item_text", "item_text_from_parts",
           "item_text_from_segment", "lead", "limit_sentences", "load_generator", "models_dir", "postprocess",
           "prompt_body", "record_fields", "score_summaries", "sentence_features", "split_sentences",
           "summary_evidence", "summary_facts", "unsupported_facts", "words"]

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Evidence: where a summary came from, as character offsets into the Doc


def _sentence_pattern(sentence: str) -> re.Pattern:
    """A sentence as ``clean_text`` printed it, matched against the raw section text (any
    whitespace between words; "-" may stand for a bullet glyph)."""
    dash = f"(?:-|{_BULLETS.pattern})"
    words = ["".join(dash if c == "-" else re.escape(c) for c in tok) for tok in sentence.split()]
    return re.compile(r"\s+".join(words))


def summary_evidence(item: Span, summary: str | None, method: str | None, *,
                     text: ItemText | None = None) -> list[dict[str, Any]] | None:
    """Offsets a summary came from: for sentences taken from the text (extractive, lead-*,
    extractive-fallback) each sentence's span; for model-written summaries the sections the model
    read. None when there is no summary. text: ``item_text(item)`` if already at hand."""
    if not summary or not method:
        return None
    read = {TARGET_SECTION} if method == HUMAN_METHOD else \
        {name for name, _ in (text or item_text(item)).input_sections()}
    all_secs = spans_within(item.doc.spans.get("sections", []), item.start_char, item.end_char)
    secs = [sec for sec in all_secs if sec._.rar_section in read]
    decided = [sec for sec in all_secs if sec._.rar_section == "beslutning"]
    sents = split_sentences(summary)
    found: list[dict[str, Any]] = []
    if method.startswith("gemma-lora"):
        found = [{"start": sec.start_char, "end": sec.end_char, "section": sec._.rar_section} for sec in secs]
        sents = sents[1:] if decided and len(sents) > 1 else []  # the decision sentence follows the model's
    for sent in sents:
        rx = _sentence_pattern(sent)
        for sec in secs + decided:
            m = rx.search(sec.text)
            if m:
                a, b = sec.start_char + m.start(), sec.start_char + m.end()
                found.append({"start": a, "end": b, "text": item.doc.text[a:b], "section": sec._.rar_section})
                break
        else:
            if not is_template_sentence(sent):
                continue
            # a decision sentence worded from the outcome labels: the Beslutning it reads
            found += [{"start": sec.start_char, "end": sec.end_char, "section": "beslutning"} for sec in decided
                      if not any(f["start"] == sec.start_char for f in found)]
    return found or None


# --------------------------------------------------------------------------------------------
# spaCy component

STATE_KEY = "summarizer"  # run_state(doc)[STATE_KEY]: the method that ran
Result = tuple[str | None, str | None, float | None]  # (summary, method, confidence) of one item


class RarSummarizer(Pipe):
    """spaCy component: sets ``Span._.rar_summary``/``._.rar_summary_method`` on every item span.

    nlp, name: as for every factory. method: one of ``METHODS``. model_dir: directory with
    ``adapter/``, ``generation.json`` and ``extractive.json`` (default ``models/summarizer``).
    max_new_tokens, batch_size: override ``generation.json`` (0 keeps it). guard: replace
    unfaithful model summaries by the extractive one. base_model: directory of the base
    causal LM (default: Gemma 3 270M, converted from the PyPI wheels). Gemma loads on the first call.
    decision: how a minutes item's summary states the decision (``rar_outcome``'s labels): "beslutning"
    (the Beslutning's own sentence, else a sentence built from the labels), "template" or "none".
    human_summary: condense the item's own Sagen kort/Anledning where it has one (its first sentence)
    instead of writing a new one (``summary_method = "sagen-kort"``).
    """

    def __init__(self, nlp: Language, name: str = "rar_summarizer", *, method: str = "extractive",
                 model_dir: str | None = None, max_new_tokens: int = 0, batch_size: int = 0,
                 guard: bool = True, base_model: str | None = None, decision: str = "beslutning",
                 human_summary: bool = True, scorer: Callable | None = None) -> None:
        if method not in METHODS:
            raise ValueError(f"unknown summariser method {method!r}; choose one of {', '.join(METHODS)}")
        if decision not in DECISION_MODES:
            raise ValueError(f"unknown decision mode {decision!r}; choose one of {', '.join(DECISION_MODES)}")
        self.decision = decision
        self.human_summary = human_summary
        self.name = name
        self.method = method
        self.model_dir = model_dir
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self.guard = guard
        self.base_model = base_model
        self.scorer = scorer  # nlp.evaluate's scorer (spaCy's attribute); the sentence scorer is ``extractive``
        self._extractive: ExtractiveScorer | None = None
        self._generator: LoadedGenerator | None = None
        self._data_dir: Path | None = None  # set by from_disk: a saved pipeline carries its adapter

    @property
    def path(self) -> Path:
        """Model files: ``model_dir`` when configured, else the saved pipeline's, else the shipped ones."""
        if self.model_dir:
            return Path(self.model_dir)
        return self._data_dir or default_model_dir()

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None) -> None:
        """Load the extractive scorer (a small JSON); Gemma stays lazy (first ``__call__``)."""
        if self.method in ("extractive", "gemma-lora"):
            self.extractive()

    def extractive(self) -> ExtractiveScorer:
        """The extractive sentence scorer (also the guard's fallback)."""
        if self._extractive is None:
            self._extractive = ExtractiveScorer.load(self.path / "extractive.json")
        return self._extractive

    def generator(self) -> LoadedGenerator:
        if self._generator is None:
            gen = load_generator(self.path, base_dir=self.base_model)
            if self.max_new_tokens:
                gen.settings.max_new_tokens = self.max_new_tokens
            if self.batch_size:
                gen.settings.batch_size = self.batch_size
            self._generator = gen
        return self._generator

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)
            return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 8) -> Iterator[Doc]:
        """Summarise ``batch_size`` documents at a time (at most 8 for Gemma, so results keep flowing),
        so generation batches span documents."""
        error_handler = self.get_error_handler()
        size = min(batch_size, 8) if self.method == "gemma-lora" else batch_size
        for docs in minibatch(stream, size=size):
            try:
                self.set_annotations(docs, self.predict(docs))
            except Exception as e:
                error_handler(self.name, self, docs, e)
            yield from docs

    def predict(self, docs: Iterable[Doc]) -> list[tuple[list[Result], list[ItemText]]]:
        """Per document: (summary, method, confidence) for each item span, and the items' texts.
        One generation batch spans all the documents given."""
        spans = [list(d.spans.get("items", [])) for d in docs]
        items = [item_text(s) for group in spans for s in group]
        results = self.summarize_items(items)
        out, pos = [], 0
        for group in spans:
            out.append((results[pos:pos + len(group)], items[pos:pos + len(group)]))
            pos += len(group)
        return out

    def set_annotations(self, docs: Iterable[Doc], preds: list[tuple[list[Result], list[ItemText]]]) -> None:
        for doc, (results, items) in zip(docs, preds, strict=True):
            self.annotate_doc(doc, results, items)

    def summarize_items(self, items: Sequence[ItemText]) -> list[Result]:
        """(summary, method, confidence) for each ``ItemText`` with this component's method.

        Confidence: the extractive scorer's probability for its sentence; the model's geometric
        mean token probability for generated text; None for the lead baselines (a fixed rule)."""
        m = self.method
        if m == "none":
            return [(None, None, None)] * len(items)
        decisions = [decision_sentence(it, it.outcome, it.with_remarks, mode=self.decision) for it in items]
        # one sentence about the item when a decision sentence follows (at most two in all)
        want = [1 if d else MAX_SENTENCES for d in decisions]
        human = [human_sentences(it, n) if self.human_summary else None for it, n in zip(items, want, strict=True)]
        about = self.about_sentences(items, want, skip=[h is not None for h in human])
        out: list[Result] = []
        for (text, method, conf), h, d in zip(about, human, decisions, strict=True):
            if h is not None:
                text, method, conf = h, HUMAN_METHOD, None
            summary = compose(text, d)
            out.append((summary, method if text else DECISION_METHOD, conf) if summary else (None, None, None))
        return out

    def about_sentences(self, items: Sequence[ItemText], want: Sequence[int], skip: Sequence[bool]) -> list[Result]:
        """(text, method, confidence) of what each item is about, by this component's method, in at most
        ``want[i]`` sentences; items with ``skip[i]`` are not summarised (their own summary is used)."""
        m = self.method
        none: Result = (None, None, None)
        if m.startswith("lead-"):
            sec = m.removeprefix("lead-")
            return [none if sk or not (s := lead(it, sec)) else (s, m, None)
                    for it, sk in zip(items, skip, strict=True)]
        scorer = self.extractive()
        if m == "extractive":
            return [none if sk or not (p := scorer.pick(it))[0] else (p[0], m, p[1])
                    for it, sk in zip(items, skip, strict=True)]
        todo = [i for i, sk in enumerate(skip) if not sk and items[i].has_text]  # no input: (None, None)
        generated: list[tuple[str | None, float | None]] = [(None, None)] * len(items)
        if todo:  # Gemma loads only when some item has no summary of its own
            for i, res in zip(todo, generate_summaries(self.generator(), [items[i] for i in todo],
                                                       [want[i] for i in todo]), strict=True):
                generated[i] = res
        out: list[Result] = []
        for (text, conf), it, n, sk in zip(generated, items, want, skip, strict=True):
            if sk:
                out.append(none)
            elif not self.guard:
                out.append((text, m, conf) if text else none)
            else:
                summary, method = guarded(text, it, scorer.summarize, m, max_sentences=n)
                if method == FALLBACK_METHOD:
                    conf = scorer.pick(it)[1]
                out.append((summary, method, conf) if summary else none)
        return out

    def annotate_doc(self, doc: Doc, results: list[Result], items: Sequence[ItemText] | None = None) -> Doc:
        """Write the results on the item spans; ``items``: their ``item_text`` if already at hand."""
        spans = list(doc.spans.get("items", []))
        texts = items if items is not None else [item_text(span) for span in spans]
        for span, (summary, method, conf), text in zip(spans, results, texts, strict=True):
            span._.rar_summary, span._.rar_summary_method, span._.rar_summary_confidence = summary, method, conf
            span._.rar_summary_evidence = summary_evidence(span, summary, method, text=text)
        run_state(doc)[STATE_KEY] = self.method
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the model files the method needs: the extractive scorer, and for gemma-lora the
        LoRA adapter and ``generation.json`` (the base model is the PyPI Gemma, cached per machine)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.method in ("extractive", "gemma-lora") and "extractive" not in exclude:
            self.extractive().save(path / "extractive.json")
        if self.method == "gemma-lora":
            src = self.path
            if "adapter" not in exclude:
                shutil.copytree(src / "adapter", path / "adapter", dirs_exist_ok=True)
            if "generation" not in exclude:
                shutil.copyfile(src / "generation.json", path / "generation.json")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RarSummarizer:
        path = Path(path)
        if (path / "extractive.json").exists() and "extractive" not in exclude:
            self._extractive = ExtractiveScorer.load(path / "extractive.json")
        if (path / "adapter").is_dir() and (path / "generation.json").exists():
            self._data_dir = path
            self._generator = None
        return self


def score_summaries(examples: Iterable[Any], **kwargs: Any) -> dict[str, float | None]:
    """ROUGE-1/2/L F1 (æøå-safe tokens) of item summaries against the reference items' ``_.summary``,
    and the share of those items that got a summary; items are matched by their character span."""
    pairs = [(ref._.rar_summary, got._.rar_summary if got is not None else None)
             for got, ref in aligned_items(examples) if ref._.rar_summary]
    out: dict[str, float | None] = {"summary_coverage": None, "summary_rouge1": None, "summary_rouge2": None,
                                    "summary_rougeL": None}
    if not pairs:
        return out
    from .evaluation.summaries import ROUGE_TYPES, rouge_scorer  # rouge-score: the `evaluate` extra

    sc = rouge_scorer()
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for ref, got in pairs:
        if got:
            for key, value in sc.score(ref, got).items():
                totals[key] += value.fmeasure
    out["summary_coverage"] = sum(1 for _, got in pairs if got) / len(pairs)
    for key in ROUGE_TYPES:
        out[f"summary_{key}"] = totals[key] / len(pairs)
    return out


@registry.scorers("rar.summary_scorer.v1")
def make_summary_scorer() -> Callable:
    return score_summaries


@Language.factory(
    "rar_summarizer",
    assigns=["span._.rar_summary", "span._.rar_summary_method", "span._.rar_summary_confidence",
             "span._.rar_summary_evidence"],
    requires=["doc.spans", "span._.rar_section"],
    default_config={"method": "extractive", "model_dir": None, "max_new_tokens": 0, "batch_size": 0,
                    "guard": True, "base_model": None, "decision": "beslutning", "human_summary": True,
                    "scorer": {"@scorers": "rar.summary_scorer.v1"}},
    default_score_weights={"summary_rougeL": 1.0, "summary_rouge1": None, "summary_rouge2": None,
                           "summary_coverage": None},
)
def make_summarizer(nlp: Language, name: str, method: str, model_dir: str | None, max_new_tokens: int,
                    batch_size: int, guard: bool, base_model: str | None, decision: str, human_summary: bool,
                    scorer: Callable | None) -> RarSummarizer:
    return RarSummarizer(nlp, name, method=method, model_dir=model_dir, max_new_tokens=max_new_tokens,
                         batch_size=batch_size, guard=guard, base_model=base_model, decision=decision,
                         human_summary=human_summary, scorer=scorer)


def record_fields(item: Span) -> dict:
    """Export hook: summary, method, confidence and evidence when the summariser ran, else {}."""
    if STATE_KEY not in run_state(item.doc):
        return {}
    out: dict[str, Any] = {"summary": item._.rar_summary, "summary_method": item._.rar_summary_method,
                           "evidence": {"summary": item._.rar_summary_evidence}}
    if item._.rar_summary_confidence is not None:
        out["confidence"] = {"summary": float(item._.rar_summary_confidence)}
    return out
