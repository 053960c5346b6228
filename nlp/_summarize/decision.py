"""The decision sentence of a summary: what the meeting decided, consistent with the item's outcome.

A summary of a minutes item says what the item is about and what was decided. The second part
comes from the outcome labels that ``rar_outcome`` assigned (so the summary can never contradict
them), worded either by the Beslutning itself (its first sentence, when that is a full sentence)
or by a passive sentence built from the labels ("Indstillingen blev godkendt med bemærkninger.").
Subjects, verbs and the lines that are no decision sentence are data
(``nlp/data/summary_decisions.json``), not code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from .._classify.labels import NO_DECISION
from .text import ItemText, limit_sentences, split_sentences

MODES = ("none", "template", "beslutning")


@dataclass(frozen=True)
class DecisionWording:
    subjects: tuple[tuple[re.Pattern, str], ...]
    default_subject: str
    no_proposal_subject: str
    label_subjects: dict[str, str]
    verbs: tuple[tuple[str, str], ...]
    remarks: str
    min_words: int
    max_words: int
    skip: tuple[str, ...]

    @cached_property
    def all_subjects(self) -> frozenset[str]:
        """Every subject a template sentence can start with."""
        return frozenset({s for _, s in self.subjects} | {self.default_subject, self.no_proposal_subject,
                                                          *self.label_subjects.values()})

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> DecisionWording:
        raw = json.loads(resources.files("nlp").joinpath("data/summary_decisions.json").read_text("utf-8"))
        return cls(tuple((re.compile(s["title"], re.I), s["subject"]) for s in raw["subjects"]),
                   raw["default_subject"], raw["no_proposal_subject"], dict(raw["label_subjects"]),
                   tuple((lab, verb) for lab, verb in raw["verbs"]), raw["remarks"], int(raw["min_words"]),
                   int(raw["max_words"]), tuple(s.lower() for s in raw["skip_beslutning"]))


def is_minutes_item(item: ItemText) -> bool:
    """True when the item records a decision (a non-empty Beslutning); an agenda's item does not."""
    return bool(item.sections.get("beslutning", "").strip(" -–"))


def template_sentence(item: ItemText, labels: Collection[str], with_remarks: bool | None = False,
                      wording: DecisionWording | None = None) -> str | None:
    """A passive sentence stating the decision ("Sagen blev drøftet og godkendt."); None without
    a decision label."""
    w = wording or DecisionWording.default()
    known = [(lab, verb) for lab, verb in w.verbs if lab in labels]
    if not known:
        return None
    verbs = [verb for _, verb in known]
    subject = next((s for rx, s in w.subjects if rx.search(item.title or "")), None)
    if subject is None and len(known) == 1 and known[0][0] in w.label_subjects:
        subject = w.label_subjects[known[0][0]]
    if subject is None:
        subject = w.default_subject if item.sections.get("indstilling") else w.no_proposal_subject
    joined = verbs[0] if len(verbs) == 1 else ", ".join(verbs[:-1]) + " og " + verbs[-1]
    tail = f" {w.remarks}" if with_remarks and "godkendt" in labels else ""
    return f"{subject} blev {joined}{tail}."


def beslutning_sentence(item: ItemText, wording: DecisionWording | None = None) -> str | None:
    """The Beslutning's first sentence when it is a full sentence that words the decision
    ("Rådet godkendte listen med den ændring, at …"); None for "Godkendt.", vote lines, furniture."""
    w = wording or DecisionWording.default()
    sents = split_sentences(item.sections.get("beslutning", ""))
    if not sents:
        return None
    first = sents[0]
    n = len(first.split())
    low = first.lower()
    if n < w.min_words or n > w.max_words or first.endswith(":") or low.startswith(w.skip):
        return None
    return first


def decision_sentence(item: ItemText, labels: Collection[str], with_remarks: bool | None = False, *,
                      mode: str = "beslutning") -> str | None:
    """The sentence that states this item's decision (None for agendas, ``ingen_beslutning`` and
    ``mode="none"``). mode "beslutning": the Beslutning's own sentence, else the template;
    "template": always the template."""
    if mode not in MODES:
        raise ValueError(f"unknown decision mode {mode!r}; expected one of {MODES}")
    labels = set(labels) - {NO_DECISION}
    if mode == "none" or not labels or not is_minutes_item(item):
        return None
    if mode == "beslutning" and (own := beslutning_sentence(item)):
        return own
    return template_sentence(item, labels, with_remarks)


HUMAN_METHOD = "sagen-kort"  # summary_method when the item's own summary was condensed
DECISION_METHOD = "decision"  # summary_method when only the decision sentence could be written


def human_sentences(item: ItemText, n: int) -> str | None:
    """The first ``n`` sentences of the item's own summary (Sagen kort / Anledning / Resumé): when a
    secretariat wrote one, condensing it beats writing a new one."""
    return limit_sentences(item.reference, n) or None


def compose(about: str | None, decision: str | None) -> str | None:
    """The summary: what the item is about, then what was decided (either part may be missing)."""
    return " ".join(p for p in (about, decision) if p) or None


def is_template_sentence(sentence: str, wording: DecisionWording | None = None) -> bool:
    """True for a sentence ``template_sentence`` builds ("<Subject> blev <verbs>.")."""
    head, sep, _ = sentence.partition(" blev ")
    return bool(sep) and head in (wording or DecisionWording.default()).all_subjects
