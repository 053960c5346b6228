"""Prediction (pure): item type, decision outcome and proposed outcome of one item from its fields,
as plain dataclasses with scores, confidence and evidence offsets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from ..doc import run_state
from .features import _CONDITIONAL, _NEGATION, CUES, _rx
from .fields import FIELDS, Field, field_texts
from .labels import NO_DECISION, OUTCOME_LABELS, RULE_CONF, TYPE_LABELS, parse_marker_types, primary_type
from .lexicon import Lexicon, Reading
from .model import LinearModel
from .votes import main_motion_result, parse_votes

# --------------------------------------------------------------------------------------------
# Prediction (pure): results are plain dataclasses


@dataclass
class Prediction:
    """A multi-label prediction with per-label scores, a task confidence and evidence spans."""

    labels: list[str]
    scores: dict[str, float]
    confidence: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    source: str | None = None
    primary: str | None = None
    with_remarks: bool | None = None
    votes: list[dict[str, Any]] = field(default_factory=list)
    reservations: list[dict[str, Any]] = field(default_factory=list)


def _evidence(field_: Field, start: int, end: int, text: str, labels: list[str]) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text, "section": field_.name, "labels": labels}


def _merge_evidence(ev: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per sentence, listing every label it carries."""
    by_span: dict[tuple[int, int], dict[str, Any]] = {}
    for e in ev:
        cur = by_span.setdefault((e["start"], e["end"]), {**e, "labels": []})
        cur["labels"] = sorted(set(cur["labels"]) | set(e["labels"]))
    return [by_span[k] for k in sorted(by_span)]


def _set_confidence(scores: dict[str, float], labels: Iterable[str]) -> float:
    """How sure the least sure label decision is: min over labels of max(score, 1 - score)."""
    chosen = set(labels)
    vals = [s if lab in chosen else 1.0 - s for lab, s in scores.items()]
    return round(min(vals), 4) if vals else 1.0


# A rule hit: (doc start, doc end, sentence) of the sentence carrying a cue, optionally + its confidence.
Hit = tuple


def _cue_hits(rx: re.Pattern, field_: Field, *, guard: bool = False) -> list[Hit]:
    """Sentences of a field where the cue occurs (guard: not negated, not conditional)."""
    hits = []
    for a, b, sent in field_.sentences():
        for m in rx.finditer(sent):
            before = sent[: m.start()]
            if guard and (_NEGATION.search(before) or _CONDITIONAL.search(before)):
                continue
            hits.append((a, b, sent))
            break
    return hits




def _doc_offset(field_: Field) -> Callable[[int], int]:
    """Map a position in ``field_.text`` (parts joined by newlines) to its offset in the document."""
    starts, at = [], 0
    for off, text in field_.parts:
        starts.append((at, off))
        at += len(text) + 1

    def to_doc(pos: int) -> int:
        base, off = next((p, o) for p, o in reversed(starts) if p <= pos)
        return off + pos - base

    return to_doc


def _reading_hits(field_: Field, reading: Reading) -> dict[str, list[Hit]]:
    """A lexicon reading's clause spans as doc-offset hits."""
    text, to_doc = field_.text, _doc_offset(field_)
    return {lab: [(to_doc(a), to_doc(a) + b - a, text[a:b]) for a, b in spans]
            for lab, spans in reading.labels.items()}


def decision_rules(field_: Field, proposed: Sequence[str] | None = None,
                   title: str = "") -> tuple[dict[str, list[Hit]], Reading]:
    """What the decision lexicon reads in a Beslutning: label -> clauses that carry it."""
    reading = Lexicon.default().decision(field_.text, proposed=list(proposed or []) or None, title=title)
    return _reading_hits(field_, reading), reading


def proposal_rules(field_: Field) -> dict[str, list[Hit]]:
    """What the decision lexicon reads in an Indstilling: label -> "at …" clauses that carry it."""
    return _reading_hits(field_, Lexicon.default().proposal(field_.text))


def _best_sentence(field_: Field, model: LinearModel, label: str) -> tuple[int, int, str] | None:
    """The sentence the model scores highest for a label (evidence for model-only labels)."""
    best, best_p = None, -1.0
    for a, b, sent in field_.sentences():
        p = model.predict_proba({field_.name: sent})[label]
        if p > best_p:
            best, best_p = (a, b, sent), p
    return best


def _combine(field_: Field, rules: dict[str, list[Hit]], model: LinearModel | None,
             labels: Sequence[str], *, threshold: float, mode: str, texts: dict[str, str] | None = None) -> Prediction:
    """Lexicon and model together.

    ``hybrid``: the model decides over tf-idf, cue and lexicon features (what the lexicon read is
    its strongest evidence); ``rules``: the lexicon decides and the model only fills a text where
    no cue fired; ``model``: the model alone. Evidence is the lexicon's clause where it has one.
    """
    texts = texts if texts is not None else {field_.name: field_.text}
    probs = model.predict_proba(texts) if model is not None else {}
    scores, evidence, chosen = {}, [], []
    for lab in labels:
        p = probs.get(lab, 0.0)
        hits = rules.get(lab, [])
        scores[lab] = round(p if probs else (RULE_CONF if hits else 0.0), 4)
        take = (bool(hits) if mode == "rules" or not probs else p >= threshold)
        if take:
            chosen.append(lab)
    if not chosen and probs:
        chosen = [max(labels, key=lambda lab: probs.get(lab, 0.0))]
    for lab in chosen:
        if rules.get(lab):
            a, b, s, *_ = rules[lab][0]
            evidence.append(_evidence(field_, a, b, s, [lab]))
        elif model is not None and (best := _best_sentence(field_, model, lab)):
            evidence.append(_evidence(field_, *best, [lab]))
    return Prediction(sorted(chosen, key=labels.index), scores, _set_confidence(scores, chosen),
                      _merge_evidence(evidence))


def predict_proposed(fields: dict[str, Field], model: LinearModel | None, *, threshold: float = 0.5,
                     mode: str = "hybrid") -> Prediction:
    """What the Indstilling asks the council to do; [] when the item has no Indstilling."""
    ind = fields["indstilling"]
    labels = [lab for lab in OUTCOME_LABELS if lab != NO_DECISION]
    if ind.blank:
        return Prediction([], dict.fromkeys(labels, 0.0), 1.0)
    # An Indstilling states each proposal with a verb ("godkender", "drøfter", "lægges på
    # hjemmesiden"): where a cue fired it is the whole answer, and the model reads only the rest.
    rules = proposal_rules(ind) if mode != "model" else {}
    return _combine(ind, rules, model, labels, threshold=threshold, mode=mode, texts=field_texts(fields, FIELDS))


def predict_outcome(fields: dict[str, Field], model: LinearModel | None, proposed: Prediction, *,
                    threshold: float = 0.5, mode: str = "hybrid") -> Prediction:
    """The outcome recorded in the Beslutning; ``proposed`` resolves "tiltrådte indstillingen".

    The decision lexicon reads what is worded (furniture, dissent and side motions set aside,
    negation and scope applied); the model decides only texts where no cue fired.
    """
    bes = fields["beslutning"]
    labels = list(OUTCOME_LABELS)
    if bes.blank:  # agenda ("-"), empty "Referat", or no Beslutning printed at all
        ev = [_evidence(bes, bes.parts[0][0], bes.parts[0][0] + len(bes.parts[0][1].rstrip()),
                        bes.parts[0][1].strip(), [NO_DECISION])] if bes.parts else []
        scores = {lab: float(lab == NO_DECISION) for lab in labels}
        return Prediction([NO_DECISION], scores, 1.0, ev, with_remarks=None)
    rules, reading = decision_rules(bes, proposed.labels, fields["title"].text) if mode != "model" else ({}, None)
    votes, reservations = field_votes(bes)
    if mode != "model" and (result := main_motion_result(votes)) and not (set(rules) - {NO_DECISION}):
        # a division with no decision verb ("For: 11 … Imod: 4"): the main motion's fate decides
        main = next(v for v in votes if v["motion"] == "indstillingen" or result == "udsat")
        ev = main["evidence"]
        hit = [(ev["start"], ev["end"], ev["text"])]
        carried = list(proposed.labels) or ["godkendt"]
        rules = {lab: hit for lab in ({"vedtaget": carried, "forkastet": ["afvist"], "udsat": ["udsat"]}[result])}
    pred = _combine(bes, rules, model, labels, threshold=threshold, mode=mode, texts=field_texts(fields, FIELDS))
    if reading is not None and reading.refers:  # "tiltrådte indstillingen": as sure as the proposal
        if rules and mode == "hybrid":  # it means exactly what was proposed: the model adds nothing
            pred.labels = [lab for lab in labels if lab in rules]
            pred.evidence = [e for e in pred.evidence if set(e["labels"]) & set(rules)] or pred.evidence
            for lab in pred.labels:
                pred.scores[lab] = max(pred.scores[lab], RULE_CONF)
        for lab in proposed.labels:
            if lab in pred.scores and lab in rules:
                pred.scores[lab] = round(min(pred.scores[lab], RULE_CONF * proposed.scores.get(lab, 1.0)), 4)
        pred.confidence = _set_confidence(pred.scores, pred.labels)
    if NO_DECISION in pred.labels and len(pred.labels) > 1:
        pred.labels = [lab for lab in pred.labels if lab != NO_DECISION]
        pred.evidence = [e for e in pred.evidence if e["labels"] != [NO_DECISION]]
        pred.confidence = _set_confidence(pred.scores, pred.labels)
    if pred.labels == [NO_DECISION]:
        pred.with_remarks = None
    elif {"godkendt", "besluttet"} & set(pred.labels):
        pred.with_remarks = reading.with_remarks if reading is not None and rules else \
            bool(Lexicon.default().remarks.search(bes.text))
    else:
        pred.with_remarks = False
    pred.votes, pred.reservations = votes, reservations
    return pred


def field_votes(field_: Field) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Votes and reservations printed in a section, with evidence offsets into the document."""
    if field_.blank:
        return [], []
    votes, reservations = parse_votes(field_.text)
    to_doc = _doc_offset(field_)
    for entry in (*votes, *reservations):
        ev = entry.get("evidence")
        if ev and "start" in ev:
            ev["start"], ev["end"] = to_doc(ev["start"]), to_doc(ev["start"]) + ev["end"] - ev["start"]
    return votes, reservations


def _marker_evidence(item: Span, marker: str, doc_text: str) -> dict[str, Any] | None:
    header_end = doc_text.find("\n", item.start_char)
    header_end = item.end_char if header_end < 0 else min(header_end, item.end_char)
    at = doc_text.rfind(marker, item.start_char, header_end)
    if at < 0:
        return None
    a, b = doc_text.rfind("(", item.start_char, at), doc_text.find(")", at, header_end)
    a, b = (a if a >= 0 else at), (b + 1 if b >= 0 else at + len(marker))
    return {"start": a, "end": b, "text": doc_text[a:b], "section": "header"}


_TYPE_EVIDENCE = {"B": _rx(r"\bgodkend\w*|\bbeslut\w*|\btil\s+godkendelse\b|\btilslutter\b"),
                  "D": _rx(r"\bdrøft\w*"), "O": _rx(r"\befterretning\b|\borienter\w*")}


PROPOSAL_TYPES = {"godkendt": "B", "besluttet": "B", "droeftet": "D", "taget_til_efterretning": "O"}
TYPE_METHODS = ("proposal", "model")


def type_from_proposal(proposed: Prediction, indstilling: str = "") -> Prediction | None:
    """The types an Indstilling asks for, read off its proposed outcome (the guideline's definition).

    Approving or deciding -> B, discussing -> D, noting -> O; "tager orienteringen til efterretning
    og vurderer, om …" without any "drøfter" is O only, as the guideline says the councils mark it.
    None when the proposal names none of these (no Indstilling, or only "udsat"/"afvist"), so the
    caller falls back to the type model.
    """
    labels = set(proposed.labels)
    if {"droeftet", "taget_til_efterretning"} <= labels and not CUES["droeft"].search(indstilling) \
            and CUES["vurderer"].search(indstilling):
        labels.discard("droeftet")
    types = sorted({PROPOSAL_TYPES[lab] for lab in labels if lab in PROPOSAL_TYPES}, key=TYPE_LABELS.index)
    if not types:
        return None
    primary = primary_type(types)
    scores = {t: round(max(proposed.scores.get(lab, 0.0) for lab, to in PROPOSAL_TYPES.items() if to == t), 4)
              for t in TYPE_LABELS}
    evidence = [{**e, "labels": [primary]} for e in proposed.evidence
                if any(PROPOSAL_TYPES.get(lab) == primary for lab in e["labels"])][:1]
    return Prediction(types, scores, proposed.confidence, evidence, source="model", primary=primary)


PROPOSALS_KEY = "proposals"  # run_state(doc)[PROPOSALS_KEY]: item "start:end" -> the proposal (a Prediction as dict)


def proposal_key(item: Span) -> str:
    """An item's key in the stored proposals (its character span: msgpack-safe)."""
    return f"{item.start_char}:{item.end_char}"


def stored_proposal(item: Span) -> Prediction | None:
    """The proposed outcome rar_outcome computed for this item (None when it did not run first)."""
    data = (run_state(item.doc).get(PROPOSALS_KEY) or {}).get(proposal_key(item))
    return Prediction(**data) if data is not None else None


def predict_type(item: Span, fields: dict[str, Field], model: LinearModel | None, *,
                 use_markers: bool = True, threshold: float = 0.5, doc_text: str | None = None,
                 method: str = "proposal", proposed_model: LinearModel | None = None,
                 proposed: Prediction | None = None) -> Prediction:
    """Item types from the printed marker, else from the Indstilling or the type model; primary B > D > O.

    ``method="proposal"`` reads the types off the proposed outcome (rules + ``proposed_model``),
    as the guideline defines an unmarked item's type; the type model then only decides items
    without a usable Indstilling (e.g. "Eventuelt"). ``method="model"`` uses the type model alone,
    which learns the councils' marker conventions and scores lower on unseen councils (model card).
    """
    marker = item._.rar_marker if use_markers else None
    types = parse_marker_types(marker)
    if types:
        scores = {t: float(t in types) for t in TYPE_LABELS}
        ev = _marker_evidence(item, marker, item.doc.text if doc_text is None else doc_text)
        return Prediction(types, scores, 1.0, [ev] if ev else [], source="marker", primary=primary_type(types))
    word = item._.rar_type_word if use_markers and Span.has_extension("rar_type_word") else None
    if word in TYPE_LABELS:  # the type printed as a word: "Beslutningssag", "Orienteringssag"
        ev = _marker_evidence(item, item.doc.text[item.start_char:item.end_char].split("\n", 1)[0].strip(),
                              item.doc.text if doc_text is None else doc_text)
        return Prediction([word], {t: float(t == word) for t in TYPE_LABELS}, 1.0, [ev] if ev else [],
                          source="type_word", primary=word)
    if method == "proposal" and not fields["indstilling"].blank:
        if proposed is None:  # rar_outcome did not run before us: compute the proposal here
            proposed = predict_proposed(fields, proposed_model, threshold=threshold)
        derived = type_from_proposal(proposed, fields["indstilling"].text)
        if derived is not None:
            return derived
    if model is None:
        return Prediction([], dict.fromkeys(TYPE_LABELS, 0.0), 0.0, source=None, primary=None)
    probs = model.predict_proba(field_texts(fields, model.fields))
    chosen = [t for t in TYPE_LABELS if probs[t] >= threshold] or [max(TYPE_LABELS, key=probs.get)]
    primary = primary_type(chosen)
    scores = {t: round(p, 4) for t, p in probs.items()}
    evidence = []  # the Indstilling sentence with the primary type's cue, else its first sentence
    for name in ("indstilling", "title", "sagen_kort"):
        hits = _cue_hits(_TYPE_EVIDENCE[primary], fields[name]) or fields[name].sentences()[:1]
        if hits:
            evidence = [_evidence(fields[name], *hits[0][:3], [primary])]
            break
    return Prediction(chosen, scores, round(scores[primary], 4), evidence, source="model", primary=primary)
