"""Organisations beyond the gazetteer: committees, departments, agencies, companies, schools, associations.

A list cannot hold every committee, department, utility and school of 98 kommuner, but their names
follow a few shapes (``nlp/data/gazetteers/org_patterns.json`` holds the words):

* a compound head: "Klima- og Miljøudvalget", "Økonomiforvaltningen", "Social- og Boligstyrelsen";
* a head before a name: "Lokaludvalg Bispebjerg", "FGU Østjylland", "Idrætsforeningen Stjernen";
* a name before a head: "Vejle Byråd", "Borgmesterens Afdeling", "Herning Vand A/S",
  "IBA Erhvervsakademi Kolding";
* "<Head> for <Name> og <Name>": "Center for Plan og Byg", "Udvalget for Regional Udvikling";
* "Dansk(e) X", "Danmarks X", "X Danmark";
* capitalised common words mid-sentence, which Danish uses only for names: "Teknik og Miljø",
  "Job & Velfærd", "Regional Udvikling".

Every candidate carries an ORG ``subtype`` (committee, administration, state_agency, company, union,
education, party, other) in its attrs, and ``generic: True`` for the standard bodies every kommune has
("Byrådet", "Økonomiudvalget"), which ``corpora/ENTITIES.md`` leaves unannotated. A town inside such
a name is no MUNICIPALITY: these candidates are longer, and the longest mention wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .base import RANK_NER, RANK_STRUCTURE, Cand, Toks, clean_name, slugify

SUBTYPES = ("committee", "administration", "party", "company", "union", "education", "state_agency", "other")
_SUSPENDED = re.compile(r"^[A-ZÆØÅ][a-zæøåéü]+-$")  # "Erhvervs-", "Social-"
_LOWER_SUSPENDED = re.compile(r"^[a-zæøå]+-$")
_ACRONYM = re.compile(r"^[A-ZÆØÅ0-9]{2,6}$")
_ARTICLES = frozenset({"Det", "Den", "De"})
_OPENERS = frozenset({".", ":", "!", "?", "•", "-", "–", "(", '"', "”", "“", "*", ";"})


def _is_title(w: str) -> bool:
    """"Plan", "Midt-Nord", "Østjylland": an upper-case letter, then lower-case letters (hyphens allowed)."""
    parts = w.split("-")
    return all(p[:1].isupper() and len(p) >= 2 and p[1:].isalpha() and p[1:].islower() for p in parts) \
        or (len(w) == 1 and w.isupper() and w.isalpha() and False)


def _is_name_word(w: str) -> bool:
    """A word that can be part of a proper name: title case or an acronym ("IBA", "3F")."""
    return _is_title(w) or bool(_ACRONYM.match(w) and any(c.isalpha() for c in w))


def _phrase_table(groups: dict[str, Any]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """{"subtype": ["Head words", ...]} -> {"Head": [(("Head", "words"), subtype)]}, longest phrase first,
    keyed by the first word so a token looks up only its own phrases; keys starting with "_" are notes."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for sub, items in groups.items():
        if sub.startswith("_"):
            continue
        for p in items:
            words = tuple(p.split())
            table.setdefault(words[0], []).append((words, sub))
    return {k: sorted(v, key=lambda x: -len(x[0])) for k, v in table.items()}


def _suffix_table(groups: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """(suffix, subtype) pairs, longest suffix first so "-forvaltningen" is tried before "-forvaltning"."""
    pairs = [(s, sub) for sub, items in groups.items() if not sub.startswith("_") for s in items]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@dataclass(frozen=True)
class OrgRules:
    """The word lists of ``org_patterns.json`` in the shape the matcher needs."""

    compound: tuple[tuple[str, str], ...]
    compound_named: tuple[tuple[str, str], ...]
    compound_stop: frozenset[str]
    compound_not: tuple[str, ...]
    occupation_suffixes: tuple[str, ...]
    is_occupation: Callable[[str], bool]
    standalone: dict[str, str]
    generic: frozenset[str]
    head_name: dict[str, list[tuple[tuple[str, ...], str]]]
    name_head: dict[str, list[tuple[tuple[str, ...], str]]]
    tails: tuple[tuple[str, ...], ...]
    for_heads: dict[str, list[tuple[tuple[str, ...], str]]]
    acronym_branch: dict[str, str]
    compass: frozenset[str]
    places: frozenset[str]
    national_prefixes: frozenset[str]
    national_suffixes: frozenset[str]
    not_before_suffix: frozenset[str]
    joiners: frozenset[str]
    pair_cues: frozenset[str]
    max_words: int
    function_words: frozenset[str]
    union_cues: tuple[str, ...]
    other_cues: tuple[str, ...]
    first_names: frozenset[str]
    lexicon: frozenset[str]
    # compound, compound_named and occupation_suffixes by suffix, for a lookup per suffix length
    _by_suffix: dict[str, tuple[dict[str, str], tuple[int, ...]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tables = {"compound": self.compound, "compound_named": self.compound_named,
                  "occupation": tuple((s, "union") for s in self.occupation_suffixes)}
        object.__setattr__(self, "_by_suffix", {
            name: (dict(pairs), tuple(sorted({len(s) for s, _ in pairs}, reverse=True)))
            for name, pairs in tables.items()})

    def suffixes_of(self, low: str, table: str) -> list[tuple[str, str]]:
        """The (suffix, subtype) pairs of ``table`` that ``low`` ends with, longest first: the order a
        scan of the longest-first table meets them in (a word has one suffix of each length)."""
        by, lengths = self._by_suffix[table]
        return [(low[-n:], by[low[-n:]]) for n in lengths if n <= len(low) and low[-n:] in by]

    @classmethod
    def build(cls, data: dict[str, Any], *, places: Iterable[str] = (), first_names: Iterable[str] = (),
              lexicon: frozenset[str] = frozenset(), is_occupation: Callable[[str], bool] | None = None
              ) -> OrgRules:
        """data: ``org_patterns.json``; places: kommune, region and area names (they may follow a school
        head: "IBA Erhvervsakademi Kolding"); first_names: a known first name starts a PERSON, not a
        department; lexicon: Danish common words (capitalised ones mid-sentence are names);
        is_occupation: tells a job title, listed or compound ("ergoterapeut" + "-foreningen" is a union)."""
        branch = data.get("acronym_branch", {})
        nat = data.get("national", {})
        dep = data.get("department_names", {})
        acr = {a: sub for sub in ("education", "union") for a in branch.get(sub, [])}
        return cls(
            compound=_suffix_table(data.get("compound_suffixes", {})),
            compound_named=_suffix_table(data.get("compound_named", {})),
            compound_stop=frozenset(data.get("compound_stop", [])),
            compound_not=tuple(data.get("compound_not", {}).get("suffixes", [])),
            occupation_suffixes=tuple(sorted(data.get("occupation_associations", {}).get("suffixes", []),
                                             key=len, reverse=True)),
            is_occupation=is_occupation or (lambda w: False),
            standalone={w: sub for sub, ws in data.get("standalone", {}).items() for w in ws},
            generic=frozenset(data.get("generic_bodies", {}).get("names", [])),
            head_name=_phrase_table(data.get("head_name", {})),
            name_head=_phrase_table(data.get("name_head", {})),
            tails=tuple(tuple(t) for t in data.get("name_head_tails", [])),
            for_heads=_phrase_table(data.get("for_heads", {})),
            acronym_branch=acr,
            compass=frozenset(branch.get("compass", [])),
            places=frozenset(places),
            national_prefixes=frozenset(nat.get("prefixes", [])),
            national_suffixes=frozenset(nat.get("suffixes", [])),
            not_before_suffix=frozenset(nat.get("not_before_suffix", [])),
            joiners=frozenset(dep.get("joiners", ["og", "&"])),
            pair_cues=frozenset(dep.get("pair_cues", {}).get("words", [])),
            max_words=int(dep.get("max_words", 5)),
            function_words=frozenset(dep.get("function_words", [])),
            union_cues=tuple(dep.get("union_cues", [])),
            other_cues=tuple(dep.get("other_cues", [])),
            first_names=frozenset(first_names),
            lexicon=lexicon,
        )


def subtype_of_type(data: dict[str, Any], entry_type: str | None) -> str:
    """The ORG subtype of a gazetteer entry's ``type`` (``org_patterns.json`` maps them)."""
    return data.get("subtype_of_type", {}).get(entry_type or "", "other")


class _Finder:
    """One pass over a token view; each ``_at_*`` method tries one naming shape at token ``i``."""

    def __init__(self, toks: Toks, rules: OrgRules, blocked: set[int], weak: set[int]) -> None:
        self.t, self.r, self.blocked, self.weak = toks, rules, blocked, weak
        self.text, self.n = toks.text, len(toks)
        self.out: list[Cand] = []

    # -- helpers ---------------------------------------------------------------------------------

    def starts_sentence(self, i: int) -> bool:
        """First word of a sentence or of a line (headings and list items are capitalised anyway)."""
        if i == 0 or "\n" in self.text[i - 1]:
            return True
        p = self.t.prev_word(i - 1)
        return p < 0 or self.t.sent[p] != self.t.sent[i] or self.text[p] in _OPENERS

    def add(self, s: int, e: int, subtype: str, kind: str, conf: float, rank: int = RANK_STRUCTURE,
            norm: str | None = None, generic: bool = False) -> None:
        name = norm or clean_name(" ".join(self.text[s:e]).replace(" / ", "/"))
        attrs: dict[str, Any] = {"subtype": subtype}
        if generic or name in self.r.generic or (e - s == 1 and self.text[s] in self.r.generic):
            attrs["generic"] = True
        self.out.append(Cand(s, e, "ORG", name, slugify(name), conf, rank, kind, attrs))

    def extend_suspended(self, s: int) -> int:
        """Start of "Erhvervs- og" / "Beskæftigelses-, Social- og" before token ``s``."""
        j = s - 1
        if j >= 1 and self.t.lower[j] in ("og", "&", "samt", "eller") and _SUSPENDED.match(self.text[j - 1]):
            s = j - 1
            while s >= 2 and self.text[s - 1] == "," and _SUSPENDED.match(self.text[s - 2]):
                s -= 2
        return s

    def name_words_after(self, j: int, limit: int = 3) -> int:
        """End of up to ``limit`` name words from ``j`` on one line ("Amager Øst", "Nordsjælland")."""
        e = j
        while e < self.n and e - j < limit and _is_name_word(self.text[e]) \
                and self.text[e] not in self.r.function_words and e not in self.blocked:
            e += 1
        return e

    def extend_left(self, i: int, limit: int = 3, *, any_title: bool = False) -> int:
        """Start of up to ``limit`` name words before ``i``.

        Proper names ("Vejle Byråd") and an article with a capitalised adjective ("Det Lokale
        Beskæftigelsesråd"). Before a compound head other capitalised common words are not part of the
        name: "Regionens Uddannelsesudvalg" and "Rådets Positivlisteudvalg" are bodies of a region or
        council already named. Before a separate capitalised head (``any_title``: "Afdeling", "A/S",
        "Lokaludvalg") every capitalised word is, except a common word opening the sentence
        ("Borgmesterens Afdeling", "Fjernvarme Fyn A/S", "Vesterbro Lokaludvalg").
        """
        s = i
        while s - 1 >= 0 and i - s < limit:
            k = s - 1
            w = self.text[k]
            if not _is_name_word(w) or k in self.blocked or (w in self.r.function_words and w not in _ARTICLES):
                break
            low = w.lower()
            if w in _ARTICLES:
                if s < i and self.t.lower[s] in self.r.lexicon and not self.t.lower[s].endswith("s"):
                    s = k
                break
            if low in self.r.lexicon and w not in self.r.places:
                article = k >= 1 and self.text[k - 1] in _ARTICLES
                title_ok = any_title and (low.endswith("s") or not self.starts_sentence(k))
                if not (article or title_ok):
                    break
            s = k
        return s

    def owned(self, i: int) -> bool:
        """After a common genitive ("Regionens Uddannelsesudvalg", "Rådets Positivlisteudvalg") a body
        is named only through its parent: generic in the sense of ``corpora/ENTITIES.md``."""
        p = i - 1
        if p < 0 or not _is_title(self.text[p]):
            return False
        low = self.t.lower[p]
        return low.endswith("s") and low in self.r.lexicon and self.text[p] not in self.r.places

    @staticmethod
    def genitive_norm(name: str, matched: str) -> str:
        """"Økonomiudvalgets" -> "Økonomiudvalget" when the matched head was a genitive form."""
        if matched.endswith("s") and not matched.endswith(("ss", "us")) and name.endswith("s"):
            return name[:-1]
        return name

    # -- shapes ----------------------------------------------------------------------------------

    def at_compound(self, i: int) -> bool:
        w = self.text[i]
        if not w[:1].isupper() or w in self.r.compound_stop:
            return False
        if w in self.r.standalone:
            self.add(i, i + 1, self.r.standalone[w], "org_compound", 0.85,
                     norm=self.genitive_norm(w, w[-1]) if w.endswith("s") else w)
            return True
        low = w.lower()
        if not w[1:].islower() or low.endswith(self.r.compound_not):
            return False  # every shape below is one lower-case word after its capital
        for suffix, _ in self.r.suffixes_of(low, "occupation"):
            if self.r.is_occupation(low[: -len(suffix)]):
                self.add(i, i + 1, "union", "org_compound", 0.8, norm=self.genitive_norm(w, suffix))
                return True
        for suffix, sub in self.r.suffixes_of(low, "compound"):
            if len(low) - len(suffix) >= 2:
                s = self.extend_suspended(i)
                if s == i:
                    s = self.extend_left(i, limit=2) if sub == "committee" else i
                norm = self.genitive_norm(clean_name(" ".join(self.text[s:i + 1])), suffix)
                self.add(s, i + 1, sub, "org_compound", 0.8, norm=norm, generic=s == i and self.owned(i))
                return True
        for suffix, sub in self.r.suffixes_of(low, "compound_named"):
            if len(low) > len(suffix) + 2:
                e = self.name_words_after(i + 1)
                if e > i + 1:
                    self.add(self.extend_suspended(i), e, sub, "org_compound_name", 0.75)
                    return True
        return False

    def match_phrase(self, i: int, table: dict[str, list[tuple[tuple[str, ...], str]]]) -> tuple[int, str] | None:
        """Longest phrase of ``table`` starting at token ``i``: (end, subtype)."""
        for phrase, sub in table.get(self.text[i], ()):
            e = i + len(phrase)
            if e <= self.n and tuple(self.text[i:e]) == phrase:
                return e, sub
        return None

    def at_for_head(self, i: int) -> int | None:
        m = self.match_phrase(i, self.r.for_heads)
        if not m or m[0] + 1 >= self.n or self.t.lower[m[0]] != "for" or not _is_title(self.text[m[0] + 1]):
            return None
        e = j = m[0] + 2
        while j < self.n and j - m[0] <= 8:  # "Magistratsafdelingen for Sociale Forhold og Beskæftigelse"
            if _is_title(self.text[j]) and self.text[j] not in self.r.function_words:
                e = j = j + 1
            elif self.text[j] in ("og", "&", ",") and j + 1 < self.n and _is_title(self.text[j + 1]):
                j += 1
            else:
                break
        self.add(self.extend_suspended(i), e, m[1], "org_for", 0.8)
        return e

    def at_head_name(self, i: int) -> int | None:
        m = self.match_phrase(i, self.r.head_name)
        if not m:
            return None
        e = self.name_words_after(m[0])
        if e == m[0]:
            return None
        self.add(i, e, m[1], "org_head_name", 0.75)
        return e

    def at_name_head(self, i: int) -> int | None:
        """``i`` is the first token of a head; the name words are before it."""
        m = self.match_phrase(i, self.r.name_head)
        if not m or i == 0:
            return None
        s = self.extend_left(i, limit=4 if m[1] == "company" else 3, any_title=True)
        if s == i:
            s = self.extend_suspended(i) if self.text[i].endswith(("skole", "Skole")) else i
            if s == i:
                return None
        e = m[0]
        for tail in self.r.tails:  # "Horsens Gymnasium & HF"
            if tuple(self.text[e:e + len(tail)]) == tail:
                e += len(tail)
                break
        if m[1] == "education" and e < self.n and (self.text[e] in self.r.places or self.text[e] in self.r.compass):
            e += 1  # "IBA Erhvervsakademi Kolding"
        head = " ".join(self.text[i:m[0]])
        name = clean_name(" ".join(self.text[s:e]).replace(" / ", "/").rstrip("."))
        if head.endswith("s") and e == m[0]:
            name = self.genitive_norm(name, head)
        self.add(s, e, m[1], "org_name_head", 0.8, norm=name)
        return e

    def at_acronym_branch(self, i: int) -> int | None:
        w = self.text[i]
        sub = self.r.acronym_branch.get(w)
        if not sub or i + 1 >= self.n:
            return None
        nxt = self.text[i + 1]
        if nxt in self.r.compass or nxt in self.r.places:
            e = i + 2
            if e < self.n and self.text[e] in self.r.compass:  # "Lokaludvalg Amager Øst"-like
                e += 1
            self.add(i, e, sub, "org_branch", 0.8)
            return e
        return None

    def at_national(self, i: int) -> int | None:
        w = self.text[i]
        if w in self.r.national_prefixes and i + 1 < self.n and _is_title(self.text[i + 1]) \
                and self.text[i + 1] not in self.r.function_words and i + 1 not in self.blocked:
            e = i + 2
            self.add(i, e, self.cue_subtype(self.t.lower[i + 1]), "org_national", 0.75)
            return e
        if i + 1 < self.n and self.text[i + 1] in self.r.national_suffixes and _is_title(w) \
                and w not in self.r.not_before_suffix and w not in self.r.function_words and len(w) >= 4 \
                and i not in self.blocked and not (self.starts_sentence(i) and w.lower() not in self.r.lexicon):
            self.add(i, i + 2, self.cue_subtype(self.t.lower[i]), "org_national", 0.7)
            return i + 2
        return None

    def cue_subtype(self, last: str) -> str:
        if last.endswith(self.r.union_cues):
            return "union"
        if last.endswith(self.r.other_cues):
            return "other"
        return "other"

    def at_department(self, i: int) -> int | None:
        """Capitalised common words on one line: "Teknik og Miljø", "Job & Velfærd"; without "og" only
        after a word that announces a unit ("direktør for Regional Udvikling") or with a union head
        ("Kristelig Fagbevægelse"). "Frie Funktionærer og Kristelig Fagbevægelse" is two names: a
        department joins single words."""
        if not self.content_word(i) or self.text[i] in self.r.first_names:
            return None
        if i >= 1 and _is_name_word(self.text[i - 1]):
            return None  # "SMV Grøn og Bæredygtighed": part of a longer name we cannot delimit
        segments, j = [[i]], i + 1
        while j < self.n and sum(map(len, segments)) < self.r.max_words:
            if self.content_word(j):
                segments[-1].append(j)
                j += 1
            elif self.text[j] in self.r.joiners and j + 1 < self.n and self.content_word(j + 1):
                segments.append([])
                j += 1
            else:
                break
        if len(segments) > 1 and all(len(seg) == 1 for seg in segments):
            self.add(i, segments[-1][-1] + 1, "administration", "org_department", 0.6, rank=RANK_NER)
            return segments[-1][-1] + 1
        for k, seg in enumerate(segments):
            if len(seg) >= 2 and (k or not self.starts_sentence(i)) and self.pair_ok(seg[0], seg[-1], first=k == 0):
                union = self.t.lower[seg[-1]].endswith(self.r.union_cues)
                self.add(seg[0], seg[-1] + 1, "union" if union else "administration", "org_department", 0.6,
                         rank=RANK_NER)
        return segments[-1][-1] + 1

    def pair_ok(self, s: int, last: int, *, first: bool) -> bool:
        """Unjoined capitalised words are a name with a union head, or after a unit word."""
        if self.t.lower[last].endswith(self.r.union_cues):
            return True
        if not first:
            return False
        p = self.t.prev_word(s - 1)
        if p >= 0 and self.t.lower[p] in ("for", "i", "fra", "hos", "under", "ved"):
            p = self.t.prev_word(p - 1)
        return p >= 0 and self.t.lower[p].endswith(tuple(self.r.pair_cues))

    def content_word(self, k: int) -> bool:
        """A capitalised common noun or adjective, indefinite ("Miljø", not "Direktionen"), no place."""
        w = self.text[k]
        if k in self.blocked or k in self.weak or not _is_title(w) or len(w) < 3 or w in self.r.function_words \
                or w in self.r.places or w in self.r.compass:
            return False
        low = w.lower()
        if low not in self.r.lexicon:
            return False
        definite = low.endswith(("en", "et", "ne")) and (low[:-2] in self.r.lexicon or low[:-1] in self.r.lexicon)
        return not definite

    def run(self) -> list[Cand]:
        """Every shape at every capitalised token; overlaps are resolved later (longest wins)."""
        for i, w in enumerate(self.text):
            if i in self.blocked or not (w[:1].isupper() or w[:1].isdigit()):
                continue
            self.at_for_head(i)
            self.at_compound(i)
            self.at_name_head(i)
            self.at_head_name(i)
            self.at_acronym_branch(i)
            self.at_national(i)
            self.at_department(i)
        return self._drop_crossing_departments()

    def _drop_crossing_departments(self) -> list[Cand]:
        """A run of capitalised words that cuts into a name of another shape is no name of its own
        ("Vestkysten Erhvervsskole og Møllehuse A/S" holds two names, not a department)."""
        strong = [c for c in self.out if c.source != "org_department"]
        def crosses(d: Cand) -> bool:
            return any(c.start < d.end and d.start < c.end and not (d.start <= c.start and c.end <= d.end)
                       for c in strong)
        return [c for c in self.out if c.source != "org_department" or not crosses(c)]


def structural_organisations(toks: Toks, rules: OrgRules, blocked: Iterable[int] = (),
                              weak: Iterable[int] = ()) -> list[Cand]:
    """ORG candidates by naming shape.

    blocked: tokens never inside one (persons, RAR, "X Kommune", "Jobcenter X"); weak: tokens (job
    titles) that only the weakest shape, capitalised common words, must avoid ("Jobcenterchef Per").
    """
    return _Finder(toks, rules, set(blocked), set(weak)).run()


__all__ = ["SUBTYPES", "OrgRules", "structural_organisations", "subtype_of_type"]


def subtype_of_name(words: list[str], rules: OrgRules) -> str:
    """The ORG subtype a name's head word says ("… A/S" company, "…udvalget" committee, "Foreningen …"
    other); for names found by the statistical NER, which gives none. "other" when no head says."""
    if not words:
        return "other"
    low = words[-1].lower()
    for (phrases, first) in ((rules.name_head, False), (rules.head_name, True)):
        for key in ((words[0],) if first else tuple(words)):
            for head, sub in phrases.get(key, []):
                n = len(head)
                if (tuple(words[:n]) if first else tuple(words[-n:])) == head:
                    return sub
    for table in ("compound", "compound_named"):
        for suffix, sub in rules.suffixes_of(low, table):
            if len(low) > len(suffix) + 1:
                return sub
    if low.endswith(rules.union_cues):
        return "union"
    return "other"
