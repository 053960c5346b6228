"""Votes, amendments and reservations read from a decision section (issue 12, after CitiLink's VotIE).

A decision text can record several motions: amendments and postponement motions first, then the
Indstilling. Each motion gets who voted for, against and abstained (as printed), the printed tally,
the result and how it was decided; members' reservations are read beside them. The outcome
classifier asks :func:`main_motion_result`, so that a rejected amendment does not make an approved
item ``afvist``. All wording lives in ``nlp/data/vote_lexicon.json``; the rules follow
``corpora/DECISIONS.md`` (votes.jsonl).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text import SentenceRules, sentence_spans

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "vote_lexicon.json"
MAIN_MOTION = "indstillingen"
SIDES = ("for", "against", "abstain")


@dataclass(frozen=True)
class VoteLexicon:
    """The compiled vote wording; built once from the JSON file so every call shares it."""

    party_letters: frozenset[str]
    party_names: dict[str, str]
    organisations: frozenset[str]
    titles: frozenset[str]
    abbreviations: frozenset[str]
    quotes: str
    list_separators: re.Pattern[str]
    empty_list: re.Pattern[str]
    clause_split: re.Pattern[str]
    list_cue: re.Pattern[str]
    list_cue_side: dict[str, str]
    postfix_cue: re.Pattern[str]
    postfix_cue_side: dict[str, str]
    group_verb: re.Pattern[str]
    group_verb_side: dict[str, str]
    majority: re.Pattern[str]
    minority: re.Pattern[str]
    consisting_of: re.Pattern[str]
    counts_for_first: tuple[re.Pattern[str], ...]
    counts_against_first: tuple[re.Pattern[str], ...]
    counts_pair: tuple[re.Pattern[str], ...]
    counts_single_for: tuple[re.Pattern[str], ...]
    counts_abstain: tuple[re.Pattern[str], ...]
    marked_lists: tuple[re.Pattern[str], ...]
    unanimous: re.Pattern[str]
    not_unanimous: re.Pattern[str]
    withdrawn: re.Pattern[str]
    no_vote: re.Pattern[str]
    called_vote: re.Pattern[str]
    not_called_vote: re.Pattern[str]
    tie: re.Pattern[str]
    rejected: re.Pattern[str]
    adopted: re.Pattern[str]
    bare_verdict_start: re.Pattern[str]
    main_motion: re.Pattern[str]
    side_subject: re.Pattern[str]
    anonymous_sides: tuple[tuple[str, re.Pattern[str]], ...]
    amendment_heads: tuple[re.Pattern[str], ...]
    postponement_heads: tuple[re.Pattern[str], ...]
    postponement_rejected: tuple[re.Pattern[str], ...]
    postponement_voted: tuple[re.Pattern[str], ...]
    lapsed_heads: tuple[re.Pattern[str], ...]
    reservation: tuple[tuple[str, re.Pattern[str]], ...]
    who_boundary: re.Pattern[str]
    person: re.Pattern[str]
    person_with_letter: re.Pattern[str]
    representatives: re.Pattern[str]


def _alt(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _word_alt(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alt(patterns)})(?!\w)", re.IGNORECASE)


def _side_cues(cues: dict[str, list[str]], *, anchor: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation with a named group per cue, so a match says which side it belongs to."""
    parts, sides = [], {}
    for side in ("abstain", "for", "against"):  # "hverken for eller imod" must win over "for"
        for i, cue in enumerate(cues.get(side, [])):
            name = f"{side}_{i}"
            sides[name] = side
            parts.append(f"(?P<{name}>{cue})")
    return re.compile(anchor + "(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE), sides


@functools.cache
def load_lexicon(path: str | None = None) -> VoteLexicon:
    """Read and compile ``vote_lexicon.json`` once (cached): the parser is called per decision section."""
    raw = json.loads(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
    fill = {"who": raw["who"], "about": raw["about"]}

    def heads(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p.format(**fill), re.IGNORECASE) for p in raw[key])

    def many(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)

    list_cue, list_side = _side_cues(raw["list_cues"], anchor=r"(?:^|(?<=[,;:]\s)|(?<=[,;:]))\s*")
    postfix_cue, postfix_side = _side_cues(raw["postfix_cues"], anchor=r"(?<=\s)")
    group_verb, group_side = _side_cues(raw["group_verbs"], anchor=r"(?<=\s)")
    groups = raw["group_heads"]
    counts = raw["counts"]
    res = raw["reservations"]
    return VoteLexicon(
        party_letters=frozenset(raw["party_letters"]),
        party_names=dict(raw["party_names"]),
        organisations=frozenset(raw["organisations"]),
        titles=frozenset(t.lower() for t in raw["titles"]),
        abbreviations=SentenceRules.default().abbreviations,  # one list: nlp/data/sentences.json
        quotes=SentenceRules.default().quotes,
        list_separators=re.compile(raw["list_separators"]),
        empty_list=re.compile(raw["empty_list"], re.IGNORECASE),
        clause_split=re.compile(raw["clause_split"], re.IGNORECASE),
        list_cue=list_cue,
        list_cue_side=list_side,
        postfix_cue=postfix_cue,
        postfix_cue_side=postfix_side,
        group_verb=group_verb,
        group_verb_side=group_side,
        majority=re.compile(rf"^\s*(?:og\s+)?{groups['majority']}(?!\w)\s*", re.IGNORECASE),
        minority=re.compile(rf"^\s*(?:og\s+)?{groups['minority']}(?!\w)\s*", re.IGNORECASE),
        consisting_of=re.compile(rf"^(?:{groups['consisting_of']})\s+", re.IGNORECASE),
        counts_for_first=many(counts["for_first"]),
        counts_against_first=many(counts["against_first"]),
        counts_pair=many(counts["pair"]),
        counts_single_for=many(counts["single_for"]),
        counts_abstain=many(counts["abstain"]),
        marked_lists=many(counts["marked_lists"]),
        unanimous=_word_alt(raw["unanimous"]),
        not_unanimous=_word_alt(raw["not_unanimous"]),
        withdrawn=_word_alt(raw["withdrawn"]),
        no_vote=_word_alt(raw["no_vote"]),
        called_vote=_word_alt(raw["called_vote"]),
        not_called_vote=_word_alt(raw["not_called_vote"]),
        tie=_word_alt(raw["tie"]),
        rejected=_word_alt(raw["verdict"]["forkastet"]),
        adopted=_word_alt(raw["verdict"]["vedtaget"]),
        bare_verdict_start=re.compile(raw["bare_verdict_start"], re.IGNORECASE),
        main_motion=re.compile(raw["main_motion"], re.IGNORECASE),
        side_subject=re.compile(raw["side_subject"], re.IGNORECASE),
        anonymous_sides=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in raw["anonymous_sides"].items()),
        amendment_heads=heads("amendment_heads"),
        postponement_heads=heads("postponement_heads"),
        postponement_rejected=many(raw["postponement_rejected"]),
        postponement_voted=heads("postponement_voted"),
        lapsed_heads=heads("lapsed_heads"),
        reservation=tuple((kind, p) for kind in ("forbehold", "protokol") for p in many(res[kind])),
        who_boundary=re.compile(res["who_boundary"], re.IGNORECASE),
        person=re.compile(raw["person_pattern"]),
        person_with_letter=re.compile(raw["person_with_letter"]),
        representatives=re.compile(raw["representatives"]),
    )


# --------------------------------------------------------------------------- sentences and names


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str


def split_sentences(text: str, lex: VoteLexicon | None = None) -> list[_Span]:
    """Sentences with exact offsets (the one splitter, ``nlp.text``: lines first, never inside a
    quotation or after an abbreviation)."""
    return [_Span(a, b, text[a:b]) for a, b in sentence_spans(text, trim="")]


def _depth_split(body: str, sep: re.Pattern[str]) -> list[str]:
    """Split a name list on its separators outside parentheses ("Lars Dahl (Ø), Mette Holm (A)")."""
    parts, depth, last, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = sep.match(body, i)
            if m and m.end() > i:
                parts.append(body[last:i])
                last = i = m.end()
                continue
        i += 1
    parts.append(body[last:])
    return [p.strip() for p in parts if p.strip()]


def split_names(body: str, lex: VoteLexicon | None = None) -> list[str]:
    """Names as printed: "A, C og V", party names, "Lars Dahl (Ø), Mette Holm (A)"."""
    lex = lex or load_lexicon()
    body = body.strip().rstrip(".:;,").strip()
    if body.startswith("(") and _closing(body, 0) == len(body) - 1:
        body = body[1:-1]
    if lex.empty_list.match(body.strip()):  # "Undlod at stemme: ingen"
        return []
    return _depth_split(body, lex.list_separators)


def _closing(s: str, open_at: int) -> int:
    """Index of the parenthesis closing the one at ``open_at`` (or -1)."""
    depth = 0
    for i in range(open_at, len(s)):
        if s[i] == "(":
            depth += 1
        elif s[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _is_voter(name: str, lex: VoteLexicon) -> bool:
    """Whether a printed name can be a voter, so a postfix cue ("X stemte imod") is not read off any noun."""
    return bool(
        name in lex.party_letters
        or name in lex.party_names
        or name in lex.organisations
        or lex.person.match(name)
        or lex.person_with_letter.match(name)
        or lex.representatives.match(name)
    )


def _list_kind(names: list[str], lex: VoteLexicon) -> str:
    if not names:
        return "none"
    persons = [
        n for n in names if n not in lex.party_names and (lex.person_with_letter.match(n) or lex.person.match(n))
    ]
    return "persons" if len(persons) == len(names) else "parties"


def _who_key(who: str, letter: str | None, lex: VoteLexicon) -> str:
    """The mover as the guideline writes it in a motion: the list letter where it is known."""
    who = who.strip().rstrip(".:,")
    if letter:
        return letter
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", who)
    return lex.party_names.get(bare, bare)


def _strip_final_period(s: str, lex: VoteLexicon) -> str:
    s = s.strip().rstrip(",;")
    last = re.search(r"([\wæøå.]+)\.$", s)
    if s.endswith(".") and not (last and last.group(1).lower() in lex.abbreviations):
        s = s[:-1]
    return s.strip()


# --------------------------------------------------------------------------- motions


@dataclass
class _Motion:
    """A motion being read: facts accumulate sentence by sentence, the vote dict is built at the end."""

    motion: str
    side: bool = False
    lists: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in SIDES})
    counts: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(SIDES))
    pairs: list[tuple[int, int]] = field(default_factory=list)
    verdict: str | None = None
    unanimous: bool = False
    no_vote: bool = False
    lapsed: bool = False
    voted: bool = False
    spans: list[_Span] = field(default_factory=list)

    @property
    def evidenced(self) -> bool:
        return bool(
            self.side
            or self.voted
            or self.unanimous
            or self.no_vote
            or self.pairs
            or any(self.lists.values())
            or any(v is not None for v in self.counts.values())
        )

    def add_span(self, span: _Span) -> None:
        if span not in self.spans:
            self.spans.append(span)

    def set_list(self, side: str, names: list[str]) -> None:
        if names and not self.lists[side]:
            self.lists[side] = names

    def set_count(self, side: str, n: int | None) -> None:
        if n is not None and self.counts[side] is None:
            self.counts[side] = n

    def result(self) -> str | None:
        if self.lapsed:
            return "bortfaldet"
        if self.verdict:
            return self.verdict
        counts = self._resolved_counts()
        if counts["for"] is not None and counts["against"] is not None:
            return "vedtaget" if counts["for"] > counts["against"] else "forkastet"
        return None

    def _resolved_counts(self) -> dict[str, int | None]:
        """Fill for/against from "med N stemmer mod M": the verdict says which number is the majority."""
        counts = dict(self.counts)
        for a, b in self.pairs:
            if counts["for"] is not None or counts["against"] is not None:
                break
            if self.verdict == "forkastet":
                counts["for"], counts["against"] = min(a, b), max(a, b)
            elif self.verdict == "vedtaget":
                counts["for"], counts["against"] = max(a, b), min(a, b)
            else:
                counts["for"], counts["against"] = a, b
        return counts

    def method(self) -> str | None:
        """How it was decided; None where the text gives only the result ("… som blev forkastet")."""
        if self.lapsed:
            return "bortfald"
        if self.unanimous:
            return "enstemmigt"
        counted = self.pairs or any(self.lists.values()) or any(v is not None for v in self.counts.values())
        if self.no_vote and not counted:
            return "uden_afstemning"
        return "afstemning" if counted or self.voted else None

    def to_dict(self, text: str, lex: VoteLexicon) -> dict[str, Any]:
        names = [n for side in SIDES for n in self.lists[side]]
        start = min((s.start for s in self.spans), default=0)
        end = max((s.end for s in self.spans), default=0)
        return {
            "motion": self.motion,
            "result": self.result(),
            "for": list(self.lists["for"]),
            "against": list(self.lists["against"]),
            "abstain": list(self.lists["abstain"]),
            "counts": self._resolved_counts(),
            "unanimous": self.unanimous,
            "method": self.method(),
            "list_kind": _list_kind(names, lex),
            "evidence": {"start": start, "end": end, "text": text[start:end]},
        }


@dataclass
class _Facts:
    """What one clause says about a vote, before we know which motion it belongs to."""

    lists: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    verdict: str | None = None
    unanimous: bool = False
    no_vote: bool = False
    voted: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.lists or self.counts or self.pairs or self.verdict or self.unanimous or self.no_vote or self.voted
        )

    @property
    def only_verdict(self) -> bool:
        return bool(self.verdict) and not (
            self.lists or self.counts or self.pairs or self.unanimous or self.no_vote or self.voted
        )

    def apply(self, motion: _Motion) -> None:
        for side, names in self.lists.items():
            motion.set_list(side, names)
        for side, n in self.counts.items():
            motion.set_count(side, n)
        motion.pairs.extend(self.pairs)
        if self.verdict and not motion.verdict:
            motion.verdict = self.verdict
        motion.unanimous |= self.unanimous
        motion.no_vote |= self.no_vote
        motion.voted |= self.voted


def _verdict(clause: str, lex: VoteLexicon) -> str | None:
    """Adopted or rejected; negated forms are tried first ("ikke vedtaget" is not "vedtaget")."""
    if lex.tie.search(clause) or lex.rejected.search(clause):
        return "forkastet"
    if lex.adopted.search(clause):
        return "vedtaget"
    return None


def _group_clause(clause: str, lex: VoteLexicon, facts: _Facts) -> bool:
    """ "Et flertal (bestående af) A og V kunne tiltræde …" / "Et mindretal (Ø) stemte imod"."""
    for pattern, is_majority in ((lex.majority, True), (lex.minority, False)):
        m = pattern.match(clause)
        if not m:
            continue
        rest = clause[m.end() :]
        if rest.startswith("("):
            close = _closing(rest, 0)
            if close < 0:
                return False
            names_text, verb = rest[1:close], rest[close + 1 :]
        else:
            cons = lex.consisting_of.match(rest)
            if not cons:
                return False
            rest = rest[cons.end() :]
            cue = lex.group_verb.search(" " + rest)
            if not cue:
                return False
            names_text, verb = rest[: cue.start() - 1], rest[cue.start() - 1 :]
        names = split_names(names_text, lex)
        cue = lex.group_verb.search(" " + verb.strip())
        if cue:
            side = lex.group_verb_side[cue.lastgroup or ""]
        else:
            verdict = _verdict(verb, lex)
            side = "against" if verdict == "forkastet" else "for"
        facts.lists[side] = names
        if is_majority:
            facts.verdict = _verdict(verb, lex) or ("forkastet" if side == "against" else "vedtaget")
        facts.voted = True
        return True
    return False


def _postfix_clause(clause: str, lex: VoteLexicon, facts: _Facts) -> bool:
    """ "A og Å undlod at stemme", "Signe Gram (C) stemte imod": names before the cue, checked as voters."""
    for cue in lex.postfix_cue.finditer(clause):
        subject = clause[: cue.start()].strip()
        subject = subject[subject.rfind(": ") + 2 :] if ": " in subject else subject  # "…, men ikke enstemmigt: Ø"
        names = split_names(subject, lex)
        if names and all(_is_voter(n, lex) for n in names):
            facts.lists.setdefault(lex.postfix_cue_side[cue.lastgroup or ""], names)
            facts.voted = True
            return True
    return False


def _prefix_lists(clause: str, lex: VoteLexicon, facts: _Facts) -> bool:
    """ "For stemte: A, B (5)", "Imod: 6 (Lars Dahl (Ø), …)", "For stemte 19 (C og V), imod stemte 20 (…)"."""
    cues = list(lex.list_cue.finditer(clause))
    found = False
    for k, cue in enumerate(cues):
        side = lex.list_cue_side[cue.lastgroup or ""]
        end = cues[k + 1].start() if k + 1 < len(cues) else len(clause)
        body = clause[cue.end() : end].strip().lstrip(":").strip().rstrip(".,;").strip()
        count: int | None = None
        names: list[str] = []
        m = re.match(r"^(\d+)(?:\s+(?:stemmer|medlemmer|stemme))?\s*(\(.*\))?$", body)
        if m:
            count = int(m.group(1))
            names = split_names(m.group(2) or "", lex)
        elif body:
            tail = re.search(r"\s*\((\d+)\)$", body)
            if tail:
                count, body = int(tail.group(1)), body[: tail.start()]
            names = split_names(body, lex)
        if count is None and not names:
            continue
        found = True
        if names:
            facts.lists[side] = names
        if count is not None:
            facts.counts[side] = count
    if found:
        facts.voted = True
    return found


def _count_phrases(clause: str, lex: VoteLexicon, facts: _Facts) -> None:
    """Tallies in running text: "med 9 stemmer mod 2", "med 16 stemmer for (…) mod 5 (…)", "3 medlemmer undlod"."""
    done = False
    for p in (*lex.counts_for_first, *lex.counts_against_first):
        m = p.search(clause)
        if m and not done:
            facts.counts.setdefault("for", int(m.group("n")))
            facts.counts.setdefault("against", int(m.group("m")))
            if m.group("nl"):
                facts.lists.setdefault("for", split_names(m.group("nl"), lex))
            if m.group("ml"):
                facts.lists.setdefault("against", split_names(m.group("ml"), lex))
            done = True
    if not done:
        for p in lex.counts_pair:
            m = p.search(clause)
            if m:
                facts.pairs.append((int(m.group("a")), int(m.group("b"))))
                done = True
                break
    if not done:
        for p in lex.counts_single_for:
            m = p.search(clause)
            if m:
                facts.counts.setdefault("for", int(m.group("n")))
                break
    for p in lex.counts_abstain:
        m = p.search(clause)
        if m:
            facts.counts.setdefault("abstain", int(m.group("k")))
            break
    for p in lex.marked_lists:  # "med 25 stemmer mod 6 (O og Ø imod)"
        for m in p.finditer(clause):
            side = {"imod": "against", "for": "for"}.get(m.group("side").lower(), "abstain")
            names = split_names(m.group("names"), lex)
            if names and all(_is_voter(n, lex) for n in names):
                facts.lists.setdefault(side, names)


def _clause_facts(clause: str, lex: VoteLexicon) -> _Facts:
    facts = _Facts()
    grouped = _group_clause(clause, lex, facts)
    listed = grouped or _prefix_lists(clause, lex, facts) or _postfix_clause(clause, lex, facts)
    _count_phrases(clause, lex, facts)
    facts.unanimous = bool(lex.unanimous.search(clause)) and not lex.not_unanimous.search(clause)
    facts.no_vote = bool(lex.no_vote.search(clause))
    called = lex.called_vote.search(clause) and not lex.not_called_vote.search(clause)
    facts.voted |= bool(called) and not facts.no_vote
    if lex.withdrawn.search(clause):
        facts.verdict = "trukket_tilbage"
    elif not grouped and not (
        listed and not (facts.counts or facts.pairs) and not lex.bare_verdict_start.search(clause)
    ):
        facts.verdict = _verdict(clause, lex)
    return facts


# --------------------------------------------------------------------------- reservations


def _reservation(sentence: _Span, following: _Span | None, lex: VoteLexicon) -> tuple[dict[str, Any], int] | None:
    """A member's reservation or protocol remark; returns it and where its clause starts in the sentence."""
    for kind, pattern in lex.reservation:
        m = pattern.search(sentence.text)
        if not m:
            continue
        before = sentence.text[: m.start()]
        cut = 0
        for b in lex.who_boundary.finditer(before):
            cut = b.end()
        who = before[cut:].strip()
        words = who.split()
        while words and words[0].lower() in lex.titles:
            words = words[1:]
        who = " ".join(words)
        start, end = sentence.start, sentence.end
        text = sentence.text
        if following and sentence.text.rstrip().endswith(":") and following.text[:1] in lex.quotes:
            end, text = following.end, None
        return {"who": who, "kind": kind, "text": text, "evidence": {"start": start, "end": end}}, cut
    return None


# --------------------------------------------------------------------------- the parser


def _head(clause: str, lex: VoteLexicon) -> tuple[str, _Motion] | None:
    """A clause that opens a side motion: an amendment, a postponement motion, or a lapsed amendment."""
    for p in lex.lapsed_heads:
        m = p.search(clause)
        if m:
            who = _who_key(m.group("who"), m.group("letter"), lex)
            about = _strip_final_period(m.group("about") or "", lex)
            motion = _Motion(f"ændringsforslag fra {who}" + (f" {about}" if about else ""), side=True, lapsed=True)
            return "lapsed", motion
    for p in lex.postponement_rejected:
        if p.search(clause):
            return "postpone", _Motion("forslag om at udsætte sagen", side=True, verdict="forkastet")
    for p in lex.postponement_heads:
        m = p.search(clause)
        if m:
            who = _who_key(m.group("who"), m.group("letter"), lex)
            return "postpone", _Motion(f"forslag fra {who} om at udsætte sagen", side=True)
    for p in lex.postponement_voted:  # "Efter forslag fra V udsatte Byrådet sagen med 14 stemmer mod 11."
        m = p.search(clause)
        if m:
            who = m.group("who") and _who_key(m.group("who"), m.group("letter"), lex)
            name = f"forslag fra {who} om at udsætte sagen" if who else "forslag om at udsætte sagen"
            return "postpone", _Motion(name, side=True, verdict="vedtaget")
    for p in lex.amendment_heads:
        m = p.search(clause)
        if m:
            who = _who_key(m.group("who"), m.group("letter"), lex)
            about = _strip_final_period(m.group("about") or "", lex)
            return "amend", _Motion(f"ændringsforslag fra {who}" + (f" {about}" if about else ""), side=True)
    return None


def _iter_clauses(sentence: _Span, lex: VoteLexicon) -> Iterator[str]:
    yield from _depth_split(sentence.text, lex.clause_split)


def parse_votes(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Read the votes and reservations of one decision section.

    Args:
        text: the section's content, as printed after its heading.
    Returns:
        (votes, reservations): one vote dict per motion, side motions in printed order and the
        Indstilling last; reservation dicts in printed order. Names are substrings of ``text``.
    """
    lex = load_lexicon()
    sentences = split_sentences(text, lex)
    main = _Motion(MAIN_MOTION)
    sides: list[_Motion] = []
    current: _Motion = main
    reservations: list[dict[str, Any]] = []
    skip_next = False
    for idx, sentence in enumerate(sentences):
        if skip_next:
            skip_next = False
            continue
        following = sentences[idx + 1] if idx + 1 < len(sentences) else None
        body = sentence.text
        found = _reservation(sentence, following, lex)
        if found:
            res, cut = found
            if res["text"] is None:
                res["text"] = text[res["evidence"]["start"] : res["evidence"]["end"]]
                skip_next = True
            reservations.append(res)
            body = body[:cut].rstrip(" ,")
            if not body:
                continue
        if body[:1] in lex.quotes:
            if current.side:  # the amendment's wording, printed under its head
                current.add_span(sentence)
            continue
        for clause in _iter_clauses(_Span(sentence.start, sentence.end, body), lex):
            head = _head(clause, lex)
            if head:
                kind, motion = head
                sides.append(motion)
                motion.add_span(sentence)
                if kind == "lapsed":
                    continue
                current = motion
            elif lex.side_subject.search(clause) and sides:
                current = current if current.side else sides[-1]
            elif anonymous := next((n for n, p in lex.anonymous_sides if p.search(clause)), None):
                # "Ændringsforslaget blev forkastet." with no head printed: still a side motion, never the item.
                current = _Motion(anonymous, side=True)
                sides.append(current)
            elif lex.main_motion.search(clause) or lex.bare_verdict_start.search(clause):
                current = main
            facts = _clause_facts(clause, lex)
            if not facts:
                continue
            if not head and current.side and current.verdict and facts.verdict and not lex.side_subject.search(clause):
                current = main  # a side motion is decided once; a further result is the item's
            if current is main and facts.only_verdict and not main.evidenced:
                main.verdict = main.verdict or facts.verdict  # "Godkendt." before "X stemte imod."
                main.add_span(sentence)
                continue
            facts.apply(current)
            current.add_span(sentence)
    # The Indstilling's bare result counts as a motion once side motions were put: it is what decides the item.
    keep_main = main.evidenced or (bool(sides) and main.verdict is not None)
    motions = [*sides, main] if keep_main else sides
    return [m.to_dict(text, lex) for m in motions], reservations


def main_motion_result(votes: list[dict[str, Any]]) -> str | None:
    """The item's result as the votes decide it: the Indstilling's, else "udsat" for an adopted postponement.

    A rejected amendment or a rejected postponement motion never decides the item. "vedtaget" means
    the Indstilling was carried, i.e. the outcome is what it proposed (``godkendt`` when it is not
    known, per DECISIONS.md); "udsat" is an adopted postponement; None leaves the text to the classifier.
    """
    for vote in votes:
        if vote.get("motion") == MAIN_MOTION and vote.get("result") in ("vedtaget", "forkastet"):
            return vote["result"]
    for vote in votes:
        if "udsætte" in str(vote.get("motion", "")) and vote.get("result") == "vedtaget":
            return "udsat"
    return None


# --------------------------------------------------------------------------- evaluation


def _motion_head(motion: str) -> str:
    """The motion up to its mover ("ændringsforslag fra C"); the gold paraphrases what the amendment says."""
    m = re.match(r"^(indstillingen|ændringsforslag fra \S+|forslag(?: fra \S+)? om at udsætte sagen)", motion or "")
    return m.group(1) if m else (motion or "")


def _tally(vote: dict[str, Any]) -> tuple[Any, ...]:
    return (tuple(sorted(vote["counts"].items())), *(tuple(vote[s]) for s in SIDES))


FIELDS = ("counts", "for", "against", "abstain", "result", "method", "unanimous", "list_kind", "motion_head", "motion")


def _field_value(vote: dict[str, Any], name: str) -> Any:
    if name == "motion_head":
        return _motion_head(vote["motion"])
    return vote[name]


def _reservation_key(res: dict[str, Any]) -> tuple[str, str, str]:
    return res["who"], res["kind"], res["text"]


def score_votes(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Exact-match rates of the parser against gold ``votes`` / ``reservations``, overall and per family.

    ``vote_texts``: a text counts as exact when it has the gold number of motions and each motion's
    counts and for/against/abstain lists match. ``motions``: the same per gold motion (aligned by
    order). ``fields``: per-field agreement over aligned motions. ``reservations``: texts whose
    reservation list (who, kind, text) matches. ``spurious_votes`` (lower is better): texts without gold votes where
    votes were read.
    """
    tallies: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    failures: list[dict[str, Any]] = []

    def bump(family: str, key: str, ok: bool) -> None:
        for fam in ("all", family):
            cell = tallies[fam][key]
            cell[0] += int(ok)
            cell[1] += 1

    for rec in records:
        fam = rec.get("family", "?")
        pred_votes, pred_res = parse_votes(rec["text"])
        gold_votes, gold_res = rec.get("votes", []), rec.get("reservations", [])
        if gold_votes:
            text_ok = len(pred_votes) == len(gold_votes)
            for i, gv in enumerate(gold_votes):
                pv = pred_votes[i] if i < len(pred_votes) else None
                ok = pv is not None and _tally(pv) == _tally(gv)
                text_ok &= ok
                bump(fam, "motions", ok)
                full = pv is not None
                for name in FIELDS:
                    f_ok = pv is not None and _field_value(pv, name) == _field_value(gv, name)
                    bump(fam, f"field:{name}", f_ok)
                    if name != "motion":
                        full &= f_ok
                bump(fam, "motions_all_fields", full)
            bump(fam, "vote_texts", text_ok)
            if not text_ok:
                failures.append({"id": rec.get("id"), "what": "votes", "pred": pred_votes, "gold": gold_votes})
        else:
            bump(fam, "spurious_votes", bool(pred_votes))
            if pred_votes:
                failures.append({"id": rec.get("id"), "what": "spurious_votes", "pred": pred_votes})
        if gold_res or pred_res:
            ok = [_reservation_key(r) for r in pred_res] == [_reservation_key(r) for r in gold_res]
            bump(fam, "reservations", ok)
            if not ok:
                failures.append({"id": rec.get("id"), "what": "reservations", "pred": pred_res, "gold": gold_res})

    def rates(cells: dict[str, list[int]]) -> dict[str, Any]:
        return {k: {"rate": round(c[0] / c[1], 4) if c[1] else None, "n": c[1]} for k, c in sorted(cells.items())}

    return {
        "overall": rates(tallies["all"]),
        "by_family": {fam: rates(cells) for fam, cells in sorted(tallies.items()) if fam != "all"},
        "failures": failures,
    }


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Print the exact-match rates on a votes.jsonl file (``python -m nlp._classify.votes FILE``)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, nargs="?", default=Path("corpora/decisions/votes.jsonl"))
    ap.add_argument("--failures", action="store_true", help="also print the texts that are not exact")
    args = ap.parse_args(argv)
    scores = score_votes(_read_jsonl(args.path))
    failures = scores.pop("failures")

    def line(name: str, cells: dict[str, Any]) -> str:
        keys = ("vote_texts", "motions", "motions_all_fields", "reservations", "spurious_votes")
        shown = [f"{k}={cells[k]['rate']:.3f} (n={cells[k]['n']})" for k in keys if k in cells]
        return f"{name:<22}" + "  ".join(shown)

    print(line("overall", scores["overall"]))
    for fam, cells in scores["by_family"].items():
        print(line(fam, cells))
    print("fields (overall):")
    for key, cell in scores["overall"].items():
        if key.startswith("field:"):
            print(f"  {key[6:]:<12} {cell['rate']:.3f} (n={cell['n']})")
    if args.failures:
        for f in failures:
            print(json.dumps(f, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
