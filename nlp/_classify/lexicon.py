"""Reading a decision or a proposal clause by clause with the decision lexicon (data, not code).

Minutes of every publisher word their outcomes with a small set of verbs ("godkendt", "tiltrådte",
"bevilgede", "udskød", "gav afslag", "tog til efterretning"), but they wrap them differently: a
body-and-date line before the decision, attendance and vote lines after it, a minority's dissent, a
rejected amendment, a negated verb, an approval *of* a refusal. The verbs, the wrappers and the
scope rules live in ``nlp/data/decision_lexicon.json``; this module only applies them:

1. furniture (``Beslutning i Byrådet den …``, ``Fraværende: …``, vote tallies, reservations) is
   cut away, and a text with nothing left is a placeholder (``ingen_beslutning``);
2. the rest is split into sentences and clauses; a minority's dissent and side motions
   (amendments, motions to postpone) do not decide the outcome;
3. in each clause every cue fires once (longer, earlier entries mask later ones), a negation in a
   short window before or right after flips or drops it, and clause rules resolve the combinations
   (approving a refusal is a refusal; refusing a refusal is nothing; "besluttede at udsætte" is
   postponing).

The result is a set of labels with the clause offsets that carry them; the classifier turns it into
scores and evidence and lets its model decide what no cue covers.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..patterns import ocr_confusions
from ..text import sentence_spans
from .labels import NO_DECISION

OCR = {letter: "(?:" + "|".join(map(re.escape, forms)) + ")" for letter, forms in ocr_confusions()["regex"].items()}
Span = tuple[int, int]


def fuzzy(pattern: str) -> str:
    """A regex where each ø/æ/å also matches its usual OCR misreadings (outside character classes)."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        out.append(OCR[ch] if ch in OCR and not in_class else ch)
    return "".join(out)


def _rx(pattern: str | None) -> re.Pattern | None:
    return re.compile(fuzzy(pattern), re.IGNORECASE) if pattern else None


def _rxs(patterns: list[str]) -> list[re.Pattern]:
    return [re.compile(fuzzy(p), re.IGNORECASE) for p in patterns]


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: a phrase that carries ``label`` and how negation and scope treat it."""

    label: str
    rx: re.Pattern
    negated: str | None = None  # label when negated; None drops the cue
    negatable: bool = True
    approval: bool = False
    refusal: bool = False
    yields: bool | str = False  # a light verb ("besluttede at …"): a later cue in its clause wins ("both": any)
    yields_to: tuple[str, ...] = ()  # restrict ``yields`` to these labels
    dominates: tuple[str, ...] = ()  # "beslutter, at X drøfter …": the labels of its object are dropped
    implements: bool = False  # "offentliggøres", "lægges på hjemmesiden": after an approval, its carrying out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cue:
        return cls(d["label"], _rx(d["pattern"]), d.get("negated"), d.get("negatable", True),
                   d.get("approval", False), d.get("refusal", False), d.get("yields", False),
                   tuple(d.get("yields_to", ())), tuple(d.get("dominates", ())), d.get("implements", False))


@dataclass
class Fire:
    """A cue that fired in a clause."""

    cue: Cue
    start: int
    end: int
    negated: bool

    @property
    def label(self) -> str | None:
        return self.cue.negated if self.negated else self.cue.label


@dataclass
class Reading:
    """What a decision or proposal text says: labels -> clause spans, plus what was set aside."""

    labels: dict[str, list[Span]] = field(default_factory=dict)
    with_remarks: bool = False
    furniture: list[Span] = field(default_factory=list)
    ignored: list[Span] = field(default_factory=list)  # dissent and side motions
    refers: list[Span] = field(default_factory=list)
    placeholder: bool = False

    def add(self, label: str, span: Span) -> None:
        spans = self.labels.setdefault(label, [])
        if span not in spans:
            spans.append(span)


@dataclass
class Lexicon:
    """The compiled decision lexicon (``nlp/data/decision_lexicon.json``)."""

    data: dict[str, Any]

    def __post_init__(self) -> None:
        d = self.data
        neg = d["negation"]
        self.neg_before, self.neg_window = _rx(neg["before"]), int(neg["before_window"])
        self.neg_short, self.neg_short_window = _rx(neg["before_short"]), int(neg["before_short_window"])
        self.neg_after = _rx(neg["after"])
        self.neg_stop, self.hedge = _rx(neg["window_stop"]), _rx(neg["hedge"])
        self.conditional = _rx(neg["conditional"])
        self.clause_split = _rx(d["clause_split"])
        self.furniture_prefix = _rxs(d["furniture_prefix"])
        self.furniture_sentence = _rxs(d["furniture_sentence"])
        self.placeholder = _rx(d["placeholder"])
        self.no_decision = _rxs(d["no_decision"])
        self.eventuelt_title, self.no_remarks = _rx(d["eventuelt_title"]), _rx(d["no_remarks"])
        self.dissent = _rxs(d["dissent"])
        self.dissent_sentence = [rx for i, rx in enumerate(self.dissent) if i != d["dissent_sentence"]]
        self.side_continuation, self.contrast = _rx(d["side_continuation"]), _rx(d["contrast"])
        self.side_motion, self.side_postpone = _rx(d["side_motion"]), _rx(d["side_postpone"])
        self.side_adopted, self.side_rejected = _rx(d["side_adopted"]), _rx(d["side_rejected"])
        dec, prop = d["decision"], d["proposal"]
        self.decision_cues = [Cue.from_dict(c) for c in dec["cues"]]
        self.refers_rx, self.instead, self.remarks = _rx(dec["refers"]), _rx(dec["instead"]), _rx(dec["remarks"])
        self.remark_mask, self.side_main = _rx(dec["remark_mask"]), _rx(d["side_main"])
        self.embedded = {lab: _rx(p) for lab, p in dec["embedded"].items()}
        self.proposal_cues = [Cue.from_dict(c) for c in prop["cues"]]
        self.proposal_split, self.proposal_head = _rx(prop["clause_split"]), _rx(prop["head"])
        self.governs_next = _rx(prop["governs_next"])
        # the classifier reads the same section for features, rules and evidence: read it once
        self._decision = functools.lru_cache(maxsize=4096)(self._read_decision)
        self._proposal = functools.lru_cache(maxsize=4096)(self._read_proposal)

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    @functools.cache
    def default(cls) -> Lexicon:
        text = resources.files("nlp").joinpath("data/decision_lexicon.json").read_text(encoding="utf-8")
        return cls(json.loads(text))

    # ----------------------------------------------------------------------------------------
    # Pieces

    def _pieces(self, text: str, splitter: re.Pattern, start: int = 0, end: int | None = None) -> list[Span]:
        """Non-blank stretches of ``text[start:end]`` between the splitter's matches, trimmed."""
        end = len(text) if end is None else end
        out, at = [], start
        for m in splitter.finditer(text[start:end]):
            out.append((at, start + m.start()))
            at = start + m.end()
        out.append((at, end))
        trimmed = []
        for a, b in out:
            while a < b and (text[a].isspace() or text[a] in "•*-–·"):
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                trimmed.append((a, b))
        return trimmed

    def sentences(self, text: str) -> tuple[list[Span], list[Span]]:
        """Content sentences and furniture spans of a decision text."""
        content, furniture = [], []
        for a, b in sentence_spans(text):
            for rx in self.furniture_prefix:
                m = rx.match(text[a:b])
                if m and m.end() > 0:
                    furniture.append((a, a + m.end()))
                    a += m.end()
                    while a < b and (text[a].isspace() or text[a] in ":-–"):
                        a += 1
                    break
            if a >= b:
                continue
            if any(rx.search(text[a:b]) for rx in self.furniture_sentence):
                furniture.append((a, b))
                continue
            content.append((a, b))
        return content, furniture

    def _negated(self, ctext: str, m: re.Match, after_negator: bool) -> bool:
        """A negator in the few words before the cue, or "ikke" right after it ("Anbefales ikke")."""
        if after_negator:
            return True
        before = ctext[:m.start()].split()
        for i in range(len(before) - 1, -1, -1):  # a negation does not reach over "og", "men", a comma
            if self.neg_stop.search(before[i]):
                before = before[i + 1:]
                break
        window = " ".join(before[-self.neg_window:])
        if self.neg_before.search(window):
            return True
        short = " ".join(before[-self.neg_short_window:])
        if self.neg_short.search(short):
            return True
        after = ctext[m.end():]
        return bool(self.neg_after.match(after)) and not re.match(r"\W*(?:\w+\s+)?ikke\s+(?:alene|kun|blot)\b",
                                                                    after, re.I)

    def fires(self, text: str, clause: Span, cues: list[Cue]) -> list[Fire]:
        """Cues that fire in a clause, in text order; earlier entries mask the text they cover."""
        taken: list[Span] = []
        out: list[Fire] = []
        negator_at: int | None = None
        ctext, off = text[clause[0]:clause[1]], clause[0]
        for cue in cues:
            for m in cue.rx.finditer(ctext):
                hyphenated = ctext[max(0, m.start() - 1):m.start()] == "-"
                if hyphenated or any(m.start() < b and a < m.end() for a, b in taken):
                    continue  # masked, or a compound adjective ("ikke-vedtagne")
                taken.append((m.start(), m.end()))
                if cue.label == "mask" or self.hedge.search(ctext[:m.start()]) \
                        or self.conditional.search(ctext[:m.start()]):  # "når de er godkendt": not this meeting's
                    continue
                if cue.label == "negator":
                    negator_at = m.end() if negator_at is None else min(negator_at, m.end())
                    continue
                after_negator = negator_at is not None and m.start() >= negator_at
                neg = cue.negatable and self._negated(ctext, m, after_negator)
                out.append(Fire(cue, off + m.start(), off + m.end(), neg))
        return sorted(out, key=lambda f: f.start)

    def resolve(self, text: str, clause: Span, fires: list[Fire]) -> dict[str, Span]:
        """The labels one clause carries after the scope rules."""
        ctext = text[clause[0]:clause[1]]
        approve = [f for f in fires if f.cue.approval]
        refuse = [f for f in fires if f.cue.refusal and not f.negated]
        embedded_no = self.embedded["afvist"].search(ctext)
        embedded_later = self.embedded["udsat"].search(ctext)
        drop: set[int] = set()
        extra: list[str] = []
        if approve and (refuse or embedded_no):
            if any(not f.negated for f in approve):  # approving a refusal is the refusal
                drop |= {id(f) for f in approve}
                if not refuse:
                    extra.append("afvist")
            elif embedded_no or refuse[0].start < approve[0].start:  # refusing a refusal decides nothing
                drop |= {id(f) for f in approve} | {id(f) for f in refuse}
        if approve and embedded_later and any(not f.negated for f in approve):
            drop |= {id(f) for f in approve}
            if not any(f.cue.label == "udsat" and not f.negated for f in fires):
                extra.append("udsat")
        for i, f in enumerate(fires):
            if f.negated:
                continue
            if f.cue.dominates:  # "beslutter, at X drøfter …": what follows is the decision's content
                drop |= {id(g) for g in fires[i + 1:] if g.label in f.cue.dominates}
            if f.cue.yields:  # a light verb gives way to the cue that follows it (or, "both", any cue)
                others = fires if f.cue.yields == "both" else fires[i + 1:]
                if any(g is not f and g.label and g.label != f.label and id(g) not in drop
                       and (not f.cue.yields_to or g.label in f.cue.yields_to) for g in others):
                    drop.add(id(f))
        out: dict[str, Span] = {}
        for f in fires:
            if id(f) not in drop and f.label:
                out.setdefault(f.label, clause)
        for lab in extra:
            out.setdefault(lab, clause)
        return out

    # ----------------------------------------------------------------------------------------
    # Decisions

    def decision(self, text: str, *, proposed: list[str] | None = None, title: str = "") -> Reading:
        """Read a decision section: labels with the clauses that carry them (cached; do not mutate).

        ``proposed``: what the item's Indstilling proposes; "Tiltrådt." / "som indstillet" mean that.
        ``title``: "Ingen bemærkninger." notes an orientation, but under Eventuelt it is nothing.
        """
        return self._decision(text, tuple(proposed) if proposed else None, title)

    def _read_decision(self, text: str, proposed: tuple[str, ...] | None, title: str) -> Reading:
        r = Reading()
        content, r.furniture = self.sentences(text)
        if not content or all(self.placeholder.match(text[a:b]) for a, b in content):
            r.placeholder = True
            r.add(NO_DECISION, content[0] if content else (0, len(text)))
            return r
        no_decision: list[Span] = []
        side_adopted_postpone: list[Span] = []
        side_adopted_change = False
        prev_side = False
        carrying_out: list[Span] = []  # clauses whose only decision is publishing/sending what was settled
        for a, b in content:
            sent = text[a:b]
            if any(rx.search(sent) for rx in self.dissent_sentence):
                r.ignored.append((a, b))
                continue
            if any(rx.search(sent) for rx in self.no_decision):
                no_decision.append((a, b))
                continue
            if self.no_remarks.search(sent):
                if self.eventuelt_title.search(title or ""):
                    no_decision.append((a, b))
                else:
                    r.add("taget_til_efterretning", (a, b))
                continue
            side_sentence = prev_side and bool(self.side_continuation.search(sent))
            prev_side = False
            contrast = self.contrast.search(sent)
            for clause in self._pieces(text, self.clause_split, a, b):
                ctext = text[clause[0]:clause[1]]
                if any(rx.search(ctext) for rx in self.dissent):
                    r.ignored.append(clause)
                    continue
                if (side_sentence or self.side_motion.search(ctext)) and not self.side_main.search(ctext):
                    r.ignored.append(clause)
                    prev_side = True
                    adopted = self.side_adopted.search(ctext) and not self.side_rejected.search(ctext)
                    if adopted and (self.side_postpone.search(ctext) or self._side_postpones(text, r.ignored)):
                        side_adopted_postpone.append(clause)
                    elif adopted:
                        side_adopted_change = True
                    continue
                if (m := self.remark_mask.search(ctext)) and m.start() > 0:  # a remark's content decides nothing
                    clause = (clause[0], clause[0] + m.start())
                fires = self.fires(text, clause, self.decision_cues)
                if contrast and clause[1] <= a + contrast.end():  # "ikke X, men Y": Y replaces X
                    fires = [f for f in fires if not f.negated]
                labels = self.resolve(text, clause, fires)
                if "besluttet" in labels and all(f.cue.implements for f in fires if f.label == "besluttet"):
                    carrying_out.append(clause)
                if "godkendt" in labels and self.refers_rx.search(ctext) and proposed:
                    del labels["godkendt"]
                    r.refers.append(clause)
                    for lab in proposed:
                        labels.setdefault(lab, clause)
                for lab, span in labels.items():
                    r.add(lab, span)
        besl, godk = r.labels.get("besluttet", []), r.labels.get("godkendt", [])
        if besl and godk and all(sp in carrying_out and sp[0] >= godk[0][0] for sp in besl):
            del r.labels["besluttet"]  # "Rådet godkendte listen. Listen offentliggøres 1. oktober.": one approval
        body = " ".join(text[a:b] for a, b in content if (a, b) not in r.ignored)
        if self.instead.search(body) and "godkendt" in r.labels and "afvist" in r.labels:
            del r.labels["afvist"]  # "kunne ikke imødekommes …; der bevilges i stedet …": a partial grant
            r.with_remarks = True
        if not r.labels and side_adopted_postpone:
            r.add("udsat", side_adopted_postpone[0])
        if not r.labels and no_decision:
            r.add(NO_DECISION, no_decision[0])
        if {"godkendt", "besluttet"} & set(r.labels):
            r.with_remarks = r.with_remarks or side_adopted_change or bool(self.remarks.search(body))
        return r

    def _side_postpones(self, text: str, ignored: list[Span]) -> bool:
        """Whether the side motion a continuation sentence answers was a motion to postpone."""
        return any(self.side_postpone.search(text[a:b]) for a, b in ignored[-3:])

    # ----------------------------------------------------------------------------------------
    # Proposals

    def proposal(self, text: str) -> Reading:
        """Read an Indstilling: each "at …" clause contributes its own labels (cached; do not mutate).

        A head that only announces the list ("…, at udvalget godkender," / "anbefaler Byrådet,")
        counts only when no clause after it carries a cue of its own.
        """
        return self._proposal(text)

    def _read_proposal(self, text: str) -> Reading:
        r = Reading()
        clauses = self._pieces(text, self.proposal_split)
        read = [(c, self.resolve(text, c, self.fires(text, c, self.proposal_cues))) for c in clauses]
        for i, (c, labels) in enumerate(read):
            if i and self.governs_next.search(text[read[i - 1][0][0]:read[i - 1][0][1]]) \
                    and not re.search(r"\n|\bog\b", text[read[i - 1][0][1]:c[0]]):
                r.ignored.append(c)  # "det godkendes, at der …": the clause is what is approved
                continue
            if not labels:
                continue
            ctext = re.sub(r"^\W*(?:\d+[.)]|[a-z]\))\s*", "", text[c[0]:c[1]])
            if self.proposal_head.match(ctext) and any(lab for _, lab in read[i + 1:]):
                r.ignored.append(c)
                continue
            for lab, span in labels.items():
                r.add(lab, span)
        if "godkendt" in r.labels or "besluttet" in r.labels:
            r.with_remarks = bool(self.remarks.search(text))
        return r
