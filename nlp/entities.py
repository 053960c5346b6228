"""Entities: municipalities, RAR councils, organisations, job titles and persons, normalised.

Users filter the archive by municipality, organisation and occupation, so every mention must be found
and mapped to one identifier. Gazetteers in ``nlp/data/gazetteers/`` (facts with their sources) become
two PhraseMatchers (case-insensitive names, case-sensitive acronyms); a few structural rules add what
a list cannot hold: genitives ("Hedensteds", "STAR’s"), "X kommune" / "Jobcenter X", elliptic councils
("RAR Nordjylland, Vestjylland og Østjylland"), compound job titles ("portmontør", "CNC-operatør"),
suspended coordinations ("butiks- og kontorassistenter") and person names after first names or roles.
Labels and span rules follow ``corpora/ENTITIES.md``.

Results: ``doc.spans["entities"]`` with ``Span._.rar_norm`` (canonical name), ``._.rar_norm_id`` (kommunekode
for MUNICIPALITY, a slug otherwise), ``._.rar_ent_confidence``, ``._.rar_ent_source``, ``._.rar_ent_attrs`` (region,
unit, ...) and ``._.rar_orig_span`` (offsets into the text as read).

Merge policy with a statistical NER (an installed core pipeline runs ``ner`` first): our spans win on
any overlap; NER spans that overlap none of ours are added under ``ner_labels`` (PER → PERSON by
default, so persons come from the model when there is one). ``doc.ents`` is left as the model set it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span, SpanGroup
from spacy.training import Example
from spacy.util import registry

from ._entities.base import (
    RANK_GAZETTEER,
    RANK_NER,
    Cand,
    Toks,
    clean_name,
    slugify,
)
from ._entities.gazetteers import (
    GAZETTEER_FILES,
    Pattern,
    compile_patterns,
    danish_lexicon,
    default_gazetteer_dir,
    genitive,
    load_gazetteers,
    ocr_variants,
    title_forms,
)
from ._entities.orgs import OrgRules, structural_organisations, subtype_of_name
from ._entities.rules import (
    CompoundHeads,
    apply_context,
    area_context,
    compound_job_titles,
    elliptic_councils,
    extend_genitive,
    merge_with_ner,
    person_mentions,
    person_names,
    resolve_overlaps,
    suspended_coordination,
    words_only,
)
from .doc import OffsetMap, run_state, spans_within
from .ner import SPANS_KEY as NER_SPANS_KEY

LABELS = ("MUNICIPALITY", "RAR", "ORG", "JOB_TITLE", "PERSON")
SPANS_KEY = "entities"
STATE_KEY = "entities"  # run_state(doc)[STATE_KEY]: which doc.spans key holds the entities

__all__ = ["GAZETTEER_FILES", "LABELS", "SPANS_KEY", "STATE_KEY", "CompoundHeads", "Pattern", "RarEntities",
           "apply_context", "area_context", "compile_patterns", "compound_job_titles", "danish_lexicon",
           "default_gazetteer_dir", "elliptic_councils", "extend_genitive", "genitive", "load_gazetteers",
           "merge_with_ner", "ocr_variants", "person_mentions", "person_names", "record_fields",
           "resolve_overlaps", "suspended_coordination", "title_forms", "words_only"]




# --------------------------------------------------------------------------------------------
# Registered helpers (so a config or a test can name them)

@registry.misc("rar.entities_slugify.v1")
def make_slugify() -> Callable[[str], str]:
    return slugify

@registry.misc("rar.entities_resolve_overlaps.v1")
def make_resolve_overlaps() -> Callable[[Iterable[Cand]], list[Cand]]:
    return resolve_overlaps

@registry.misc("rar.entities_merge_with_ner.v1")
def make_merge_with_ner() -> Callable[[list[Cand], Iterable[Cand]], list[Cand]]:
    return merge_with_ner






# --------------------------------------------------------------------------------------------
# The spaCy component

@registry.scorers("rar.entities_scorer.v1")
def make_entities_scorer() -> Callable[..., dict[str, Any]]:
    return score_entities


def score_entities(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """Strict span P/R/F per label on ``doc.spans["entities"]`` (for ``nlp.evaluate``)."""
    return Scorer.score_spans(examples, SPANS_KEY, getter=lambda doc, key: list(doc.spans.get(key, [])),
                              has_annotation=lambda doc: SPANS_KEY in doc.spans, allow_overlap=True)


class RarEntities(Pipe):
    """Finds and normalises entities; the logic lives in the helpers above."""

    def __init__(self, nlp: Language, name: str = "rar_entities", *, ocr_variants: bool = True,
                 corpus_derived: bool = True, person_rules: bool = True, use_ner: bool = True,
                 ner_labels: dict[str, str] | None = None, min_confidence: float = 0.0,
                 scorer: Callable[..., dict[str, Any]] | None = score_entities) -> None:
        """Settings map 1:1 onto ``[components.rar_entities]``; nothing is loaded here."""
        self.name = name
        self.vocab = nlp.vocab
        tok = nlp.tokenizer
        self._tokenizer = getattr(tok, "tokenizer", tok)  # the raw tokenizer inside NormalizingTokenizer
        self.cfg = {"ocr_variants": ocr_variants, "corpus_derived": corpus_derived, "person_rules": person_rules,
                    "use_ner": use_ner, "ner_labels": dict(ner_labels or {"PER": "PERSON", "PERSON": "PERSON"}),
                    "min_confidence": min_confidence}
        self.scorer = scorer
        self.gazetteers: dict[str, Any] = {}
        self._ready = False

    # -- data -----------------------------------------------------------------------------------

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, gazetteers: dict[str, Any] | None = None,
                   gazetteer_dir: str | None = None) -> None:
        """Load the gazetteers (the package's, a directory, or a dict) and build the matchers."""
        self.gazetteers = gazetteers if gazetteers is not None else load_gazetteers(gazetteer_dir)
        self._build()

    def _build(self) -> None:
        gaz = self.gazetteers
        patterns = compile_patterns(gaz, ocr=self.cfg["ocr_variants"], corpus_derived=self.cfg["corpus_derived"])
        self._lower = PhraseMatcher(self.vocab, attr="LOWER")
        self._orth = PhraseMatcher(self.vocab, attr="ORTH")
        self._info: dict[int, Pattern] = {}
        by_key: dict[str, list[str]] = {}
        for p in patterns:
            key = f"{p.label}|{p.norm_id}|{p.kind}|{p.case_sensitive}|{p.needs}|{p.conf}|{int('ocr' in p.attrs)}"
            by_key.setdefault(key, []).append(p.text)
            self._info.setdefault(self.vocab.strings.add(key), p)
        for key, texts in by_key.items():
            matcher = self._orth if key.split("|")[3] == "True" else self._lower
            matcher.add(key, list(self._tokenizer.pipe(dict.fromkeys(texts))))
        self._areas = self._area_table(gaz)
        rar = gaz.get("rar", {})
        self._area_cues = {c.lower() for c in rar.get("area_context", {}).get("cues", [])}
        self._heads = CompoundHeads.build(gaz, {p.text: p.norm for p in patterns if p.label == "JOB_TITLE"})
        persons = gaz.get("person_names", {})
        self._first_names = frozenset(persons.get("first_names", []))
        roles = persons.get("role_cues", {})
        self._cues = frozenset(roles.get("words", []))
        self._cue_suffixes = tuple(roles.get("suffixes", []))
        self._stop = frozenset(persons.get("stop_words", {}).get("words", []))
        self._lexicon = danish_lexicon()
        places = [m["name"] for m in gaz.get("municipalities", {}).get("municipalities", [])]
        places += [c["area"] for c in gaz.get("rar", {}).get("councils", [])]
        places += gaz.get("organisations", {}).get("templates", {}).get("regions", [])
        places += [g for p in list(places) for g in genitive(p)]
        self._org_rules = OrgRules.build(gaz.get("org_patterns", {}), places=places,
                                         first_names=self._first_names, lexicon=self._lexicon,
                                         is_occupation=self._heads.is_title)
        self._ready = True

    @staticmethod
    def _area_table(gaz: dict[str, Any]) -> dict[str, dict[str, Any]]:
        table: dict[str, dict[str, Any]] = {}
        for c in gaz.get("rar", {}).get("councils", []):
            for form in [c["area"], *genitive(c["area"])]:
                for v in [form, *ocr_variants(form)]:
                    table[v] = c
        return table

    # -- prediction -----------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as e:  # one bad document is reported, not fatal for a batch
            error_handler(self.name, self, [doc], e)
            return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Documents one at a time: the work is per document, batching gains nothing."""
        for doc in stream:
            yield self(doc)

    def predict(self, docs: Iterable[Doc]) -> list[list[Cand]]:
        """Per document, its mentions (``predict_doc``)."""
        return [self.predict_doc(doc) for doc in docs]

    def set_annotations(self, docs: Iterable[Doc], preds: list[list[Cand]]) -> None:
        for doc, cands in zip(docs, preds, strict=True):
            self.annotate_doc(doc, cands)

    def predict_doc(self, doc: Doc) -> list[Cand]:
        """All mentions in ``doc`` after context checks, overlap resolution and the NER merge."""
        if not self._ready:
            self.initialize()
        toks = Toks.of(doc)
        words, idx = words_only(doc, toks)
        cands = self._gazetteer_cands(words, idx)
        cands += elliptic_councils(toks, cands, self._areas)
        cands += area_context(toks, self._areas, self._area_cues)
        covered = {t for c in cands if c.label == "JOB_TITLE" for t in range(c.start, c.end)}
        cands += compound_job_titles(toks, self._heads, covered, self._lexicon)
        if self.cfg["person_rules"]:
            cands += person_names(toks, self._first_names, self._cues, self._cue_suffixes, self._stop,
                                  self._lexicon)
        blocked = {t for c in cands if c.label in ("PERSON", "RAR") or c.attrs.get("unit")
                   for t in range(c.start, c.end)}
        weak = {t for c in cands if c.label == "JOB_TITLE" or (c.label == "ORG" and c.source == "gazetteer")
                for t in range(c.start, c.end)}
        cands += structural_organisations(toks, self._org_rules, blocked, weak)
        cands = [suspended_coordination(toks, extend_genitive(toks, c)) for c in cands]
        cands = apply_context(toks, cands)
        ours = resolve_overlaps(cands)
        if self.cfg["person_rules"]:
            persons = [c for c in ours if c.label == "PERSON"]
            covered = {t for c in ours for t in range(c.start, c.end)}
            ours = resolve_overlaps(ours + person_mentions(toks, persons, covered, self._lexicon))
        if self.cfg["use_ner"] and (doc.has_annotation("ENT_IOB") or NER_SPANS_KEY in doc.spans):
            ours = merge_with_ner(ours, self._ner_cands(doc))
        return [c for c in ours if c.conf >= self.cfg["min_confidence"]]

    def _gazetteer_cands(self, words: Doc, idx: list[int]) -> list[Cand]:
        """Phrase matches on the word view, mapped back to token offsets of the real doc."""
        out = []
        for matcher in (self._lower, self._orth):
            for match_id, s, e in matcher(words):
                p = self._info[match_id]
                attrs = {k: v for k, v in p.attrs.items() if v is not None}
                out.append(Cand(idx[s], idx[e - 1] + 1, p.label, p.norm, p.norm_id, p.conf, RANK_GAZETTEER,
                                "gazetteer", attrs, p.needs))
        return out

    def _ner_cands(self, doc: Doc) -> list[Cand]:
        """The statistical models' entities under our labels: ``rar_ner``'s (``doc.spans["rar_ner"]``,
        its measured precision as confidence) and a core model's ``doc.ents`` (``ner_labels``)."""
        mapping = self.cfg["ner_labels"]
        found, taken = [], set()
        if NER_SPANS_KEY in doc.spans:  # first: a core model's entity over the same words yields to it
            group = doc.spans[NER_SPANS_KEY]
            conf = group.attrs.get("confidence", {})
            found += [(ent, ent.label_, float(conf.get(ent.label_, 0.5))) for ent in group]
            taken = {t for ent in group for t in range(ent.start, ent.end)}
        found += [(ent, mapping.get(ent.label_), 0.7) for ent in doc.ents
                  if not any(t in taken for t in range(ent.start, ent.end))]
        out = []
        for ent, label, c in found:
            if not label:
                continue
            norm = clean_name(ent.text)
            attrs = {"subtype": subtype_of_name([t.text for t in ent], self._org_rules)} if label == "ORG" else {}
            out.append(Cand(ent.start, ent.end, label, norm, slugify(norm), c, RANK_NER, "ner", attrs))
        return out

    def annotate_doc(self, doc: Doc, cands: list[Cand]) -> Doc:
        """Write ``doc.spans["entities"]`` and the per-span extensions (msgpack-safe values)."""
        offsets = OffsetMap.of_doc(doc)
        spans = []
        for c in sorted(cands, key=lambda c: (c.start, c.end)):  # sorted: record_fields bisects
            span = Span(doc, c.start, c.end, label=c.label)
            span._.rar_norm = c.norm
            span._.rar_norm_id = c.norm_id
            span._.rar_ent_confidence = round(float(c.conf), 3)
            span._.rar_ent_source = c.source
            span._.rar_ent_attrs = dict(c.attrs)
            span._.rar_orig_span = list(offsets.orig_span(span.start_char, span.end_char)) if offsets \
                else [span.start_char, span.end_char]
            spans.append(span)
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans)
        run_state(doc)[STATE_KEY] = {"spans_key": SPANS_KEY}
        return doc

    # -- serialisation --------------------------------------------------------------------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The gazetteer data (no matchers: they are rebuilt from it; settings are the config's)."""
        if not self.gazetteers:
            self.initialize()
        return srsly.msgpack_dumps({"gazetteers": self.gazetteers})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RarEntities:
        """Restore the gazetteers, then rebuild the matchers."""
        msg = srsly.msgpack_loads(data)
        self.gazetteers = msg["gazetteers"]
        self._build()
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Gazetteers as JSON beside the pipeline, so a saved model carries its data."""
        if not self.gazetteers:
            self.initialize()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)  # data only: the settings live in the config
        for name, data in self.gazetteers.items():
            srsly.write_json(path / f"{name}.json", data)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RarEntities:
        path = Path(path)
        self.gazetteers = load_gazetteers(path)
        self._build()
        return self

    def __getstate__(self) -> dict[str, Any]:  # matchers are rebuilt, not pickled
        keep = ("name", "vocab", "_tokenizer", "cfg", "scorer", "gazetteers")
        return {k: v for k, v in self.__dict__.items() if k in keep}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._ready = False
        if self.gazetteers:
            self._build()


@Language.factory(
    "rar_entities",
    assigns=["doc.spans", "span._.rar_norm", "span._.rar_norm_id", "span._.rar_ent_confidence", "span._.rar_ent_source",
             "span._.rar_ent_attrs", "span._.rar_orig_span"],
    default_config={"ocr_variants": True, "corpus_derived": True, "person_rules": True, "use_ner": True,
                    "ner_labels": {"PER": "PERSON", "PERSON": "PERSON"}, "min_confidence": 0.0,
                    "scorer": {"@scorers": "rar.entities_scorer.v1"}},
    default_score_weights={"entities_f": 1.0, "entities_p": 0.0, "entities_r": 0.0},
)
def make_entities(nlp: Language, name: str, ocr_variants: bool, corpus_derived: bool, person_rules: bool,
                  use_ner: bool, ner_labels: dict[str, str], min_confidence: float,
                  scorer: Callable[..., dict[str, Any]] | None) -> RarEntities:
    return RarEntities(nlp, name, ocr_variants=ocr_variants, corpus_derived=corpus_derived,
                       person_rules=person_rules, use_ner=use_ner, ner_labels=ner_labels,
                       min_confidence=min_confidence, scorer=scorer)


# --------------------------------------------------------------------------------------------
# Export hook


def record_fields(item: Span) -> dict[str, Any]:
    """Entities inside one agenda item, for its record ({} when the component did not run)."""
    doc = item.doc
    key = (run_state(doc).get(STATE_KEY) or {}).get("spans_key")
    if not key or key not in doc.spans:
        return {}
    out = []
    for ent in spans_within(doc.spans[key], item.start_char, item.end_char):
        orig = ent._.rar_orig_span or [ent.start_char, ent.end_char]
        entry: dict[str, Any] = {"text": ent.text, "label": ent.label_, "start": ent.start_char,
                                 "end": ent.end_char, "norm": ent._.rar_norm, "id": ent._.rar_norm_id,
                                 "confidence": float(ent._.rar_ent_confidence or 0.0),
                                 "orig_start": int(orig[0]), "orig_end": int(orig[1])}
        attrs = ent._.rar_ent_attrs or {}
        for k in ("region", "unit", "refers_to", "subtype", "letter", "generic"):
            if attrs.get(k):
                entry[k] = attrs[k]
        out.append(entry)
    return {"entities": out}
