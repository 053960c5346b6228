"""Rules on tokens (pure: a token view + candidates in, candidates out): names, job-title compounds,
council ellipses, context checks, overlap resolution and the merge with a statistical NER."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from .base import (
    LABEL_RANK,
    RANK_GAZETTEER,
    RANK_GENERIC,
    RANK_PERSON,
    RANK_STRUCTURE,
    Cand,
    Toks,
    clean_name,
    is_name_word,
    slugify,
)
from .gazetteers import title_forms

_APOSTROPHES = ("’", "'", "´")
_INITIAL = re.compile(r"^(?:[A-ZÆØÅ]\.){1,3}$")
_DETERMINERS = {"en", "et", "til", "ny", "nye", "den", "hver", "vores", "deres", "sin", "sit",
                "ansat", "ansætte", "ansætter", "uddanne", "uddannet", "uddannes", "ekstra"}
_COORD = {",", "og", "eller", "samt", "plus", "&", "/"}

# --------------------------------------------------------------------------------------------
# Rules on tokens (pure: a token view + candidates in, candidates out)


def words_only(doc: Doc, toks: Toks) -> tuple[Doc, list[int]]:
    """``doc`` without white-space tokens, and each word's index in ``doc``.

    PDF line breaks leave newline tokens inside names ("Erhvervshus" "\\n\\n" "Midtjylland"); the
    phrase matchers run on this view so such names still match.
    """
    idx = [i for i, sp in enumerate(toks.space) if not sp]
    if len(idx) == len(toks):
        return doc, idx
    return Doc(doc.vocab, words=[toks.text[i] for i in idx]), idx


def extend_genitive(toks: Toks, c: Cand) -> Cand:
    """Include a detached genitive ("STAR" "’" "s", "Aarhus" "’") in the span."""
    e = c.end
    if e < len(toks) and toks.text[e] in _APOSTROPHES and not toks.ws[e - 1]:
        if e + 1 < len(toks) and toks.lower[e + 1] == "s" and not toks.ws[e]:
            c.end = e + 2
        elif toks.lower[e - 1][-1:] in ("s", "x", "z"):
            c.end = e + 1
    return c


def elliptic_councils(toks: Toks, cands: list[Cand], areas: dict[str, dict[str, Any]]) -> list[Cand]:
    """Bare area names coordinated after a named council ("RAR Nordjylland, Vestjylland og Østjylland")."""
    out = []
    for c in cands:
        if c.label != "RAR" or not c.norm or not c.norm.startswith("RAR "):
            continue
        i = c.end
        while True:
            j = toks.next_word(i)
            if j >= len(toks) or toks.lower[j] not in _COORD:
                break
            k = toks.next_word(j + 1)
            if k < len(toks) and toks.lower[k] in _COORD:  # ", og"
                k = toks.next_word(k + 1)
            if k >= len(toks) or toks.text[k] not in areas:
                break
            entry = areas[toks.text[k]]
            out.append(Cand(k, k + 1, "RAR", entry["name"], entry["id"], 0.9, RANK_GAZETTEER + 1, "coordination"))
            i = k + 1
    return out


def area_context(toks: Toks, areas: dict[str, dict[str, Any]], cues: set[str], window: int = 8) -> list[Cand]:
    """A bare area name shortly after "RAR-områder" names a council's area ("… bortset fra Bornholm")."""
    out = []
    for i, low in enumerate(toks.lower):
        if low not in cues:
            continue
        for k in range(i + 1, min(len(toks), i + 1 + window)):
            if toks.text[k] in areas:
                e = areas[toks.text[k]]
                out.append(Cand(k, k + 1, "RAR", e["name"], e["id"], 0.85, RANK_GAZETTEER + 1, "area_context"))
    return out


@dataclass
class CompoundHeads:
    """Job-title heads by form length, for compounds the gazetteer does not list."""

    forms: dict[int, dict[str, str]]
    stop: frozenset[str]
    listed: dict[str, str]  # every listed title form (lower case) -> canonical title
    exclude: frozenset[str]
    # word -> lemma or None: a document repeats its words, and each lookup tries every head length
    _memo: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, gaz: dict[str, Any], listed: dict[str, str]) -> CompoundHeads:
        jt = gaz.get("job_titles", {})
        heads = jt.get("compound_heads", {})
        forms: dict[int, dict[str, str]] = {}
        for head, plural in heads.get("heads", {}).items():
            for form in title_forms(head, plural):
                forms.setdefault(len(form), {})[form] = head
        forms = dict(sorted(forms.items(), reverse=True))  # longest head form first
        return cls(forms, frozenset(heads.get("stop", [])), {f.lower(): n for f, n in listed.items()},
                   frozenset(jt.get("exclude", {}).get("words", [])))

    def is_title(self, word: str) -> bool:
        """A job title, listed or a compound of a known head ("fodterapeut")."""
        return word.lower() in self.listed or self.lemma(word) is not None

    def lemma(self, word: str) -> str | None:
        """"portmontører" -> "portmontør"; None if ``word`` is not a compound job title."""
        try:
            return self._memo[word]
        except KeyError:
            pass
        if len(self._memo) > 200_000:  # bounded over an archive's vocabulary
            self._memo.clear()
        out = self._memo[word] = self._lemma(word)
        return out

    def _lemma(self, word: str) -> str | None:
        low = word.lower()
        if low in self.stop or low in self.listed or low in self.exclude:
            return None
        for n, table in self.forms.items():
            head = table.get(low[-n:]) if len(low) > n + 1 else None
            if head is None:
                continue
            prefix = word[: len(word) - n]
            if not re.fullmatch(r"[A-Za-zÆØÅæøå0-9][\wÆØÅæøå-]*[A-Za-zæøåÆØÅ-]", prefix):
                continue
            keep = prefix if re.match(r"^[A-ZÆØÅ0-9]{2,}-", prefix) else prefix.lower()
            return keep + head
        return None


def compound_job_titles(toks: Toks, heads: CompoundHeads, covered: set[int],
                        lexicon: frozenset[str] = frozenset()) -> list[Cand]:
    """Job titles the list does not hold: compounds of a known head, and titles split by a line
    break that lost its hyphen ("Beskæf" / "tigelseschef")."""
    out = []
    for i, low in enumerate(toks.lower):
        if i in covered or len(low) < 4 or not low[-1].isalpha() or not low[0].isalnum():
            continue
        k = toks.prev_word(i - 1)
        if (lexicon and k >= 0 and toks.text[i].islower() and toks.text[k].isalpha()
                and (toks.ws[k] or toks.space[k + 1]) and toks.lower[k] not in lexicon and low not in lexicon):
            joined = toks.text[k] + toks.text[i]
            norm = heads.listed.get(joined.lower()) or heads.lemma(joined)
            if norm:
                out.append(Cand(k, i + 1, "JOB_TITLE", norm, slugify(norm), 0.7, RANK_STRUCTURE, "line_break"))
                continue
        lemma = heads.lemma(toks.text[i]) if len(low) >= 6 else None
        if lemma:
            out.append(Cand(i, i + 1, "JOB_TITLE", lemma, slugify(lemma), 0.75, RANK_GENERIC, "compound"))
    return out


def suspended_coordination(toks: Toks, c: Cand) -> Cand:
    """"butiks- og kontorassistenter": extend a single-word title over a suspended first part."""
    if c.label != "JOB_TITLE" or c.length != 1 or " og " in (c.norm or ""):
        return c
    j = toks.prev_word(c.start - 1)
    k = toks.prev_word(j - 1)
    if j >= 0 and k >= 0 and toks.lower[j] in ("og", "eller") and re.fullmatch(r"[A-Za-zÆØÅæøå]{2,}-", toks.text[k]):
        c.start = k
        c.norm = f"{toks.lower[k]} {toks.lower[j]} {c.norm}"
        c.norm_id = slugify(c.norm)
        c.source = "coordination"
    return c


def person_names(toks: Toks, first_names: frozenset[str], cues: frozenset[str], cue_suffixes: tuple[str, ...],
                 stop: frozenset[str], lexicon: frozenset[str]) -> list[Cand]:
    """Names that start with a known first name, or that follow a role ("formand", "direktør", "v/")."""
    out = []
    text, n = toks.text, len(toks)
    i = 0
    while i < n:
        w0 = text[i]
        if not w0[:1].isupper():
            i += 1
            continue
        start_ok = w0 in first_names or (len(w0) >= 4 and bool(_INITIAL.match(w0)))
        p = toks.prev_word(i - 1)
        cue = p >= 0 and (toks.lower[p] in cues or toks.lower[p].endswith(cue_suffixes))
        cue_ok = cue and is_name_word(w0) and toks.lower[i] not in lexicon and w0 not in stop
        if not (start_ok or cue_ok):
            i += 1
            continue
        j = i + 1
        last_word = None
        while j < n and j - i < 5:
            w = text[j]
            if not toks.ws[j - 1] and not _INITIAL.match(text[j - 1]):
                break  # glued to punctuation ("Peter/...")
            if w in stop or toks.lower[j] in cues:
                break
            if _INITIAL.match(w):
                j += 1
                continue
            if is_name_word(w):  # a first name can also be a surname ("Henrik Adam")
                nxt = text[j + 1] if j + 1 < n else ""
                if (w in first_names and last_word is not None and j - i >= 2 and toks.ws[j]
                        and (is_name_word(nxt) or _INITIAL.match(nxt))):
                    break  # "… Madsen Jens B. Holm": a new name starts (lists joined onto one line)
                last_word = j
                j += 1
                continue
            break
        if last_word is None:
            i += 1
            continue
        end = last_word + 1
        name = " ".join(text[i:end])
        after = text[end] if end < n else ""
        if after.isalpha() and after.islower() and name.endswith("s") and len(text[end - 1]) > 3:
            norm = clean_name(name[:-1])  # "Peter Plougmanns oplæg"
        else:
            norm = clean_name(name)
        conf = 0.85 if w0 in first_names else 0.7
        out.append(Cand(i, end, "PERSON", norm, slugify(norm), conf, RANK_PERSON, "name_rule"))
        i = end
    return out


def person_mentions(toks: Toks, persons: list[Cand], covered: set[int], lexicon: frozenset[str]) -> list[Cand]:
    """A later first-name-only or surname-only reference to a person named in full ("Erik vil …")."""
    parts: dict[str, str] = {}
    for p in persons:
        if p.length < 2 or not p.norm:
            continue
        words = [w for w in p.norm.split() if not _INITIAL.match(w)]
        for w in (words[0], words[-1]):
            if w.lower() not in lexicon:
                parts.setdefault(w, p.norm)
    if not parts:
        return []
    out = []
    for i in range(min(p.start for p in persons), len(toks)):
        w = toks.text[i]
        if i in covered or w not in parts:
            continue
        if i + 1 < len(toks) and is_name_word(toks.text[i + 1]):
            continue
        out.append(Cand(i, i + 1, "PERSON", w, slugify(w), 0.6, RANK_PERSON, "coreference", {"refers_to": parts[w]}))
    return out


def apply_context(toks: Toks, cands: list[Cand], window: int = 12, chain: int = 3) -> list[Cand]:
    """Drop ambiguous mentions without support.

    Bare kommune names need a capital letter; ambiguous ones ("Skive", "Vejen") also need another
    municipality within ``window`` tokens of the same sentence (or an accepted ambiguous one within
    ``chain`` tokens, as in a list). Ambiguous job titles ("tjener", "operatører") need a determiner
    before them or another job title nearby.
    """
    kept: list[Cand] = []
    pending: list[Cand] = []
    for c in cands:
        if c.needs in ("capital", "municipality_context") and not toks.text[c.start][:1].isupper():
            continue
        (pending if c.needs in ("municipality_context", "job_context") else kept).append(c)
    sure = list(kept)
    changed = True
    while pending and changed:
        changed = False
        for c in list(pending):
            sent = toks.sent[c.start]
            support = any(o.label == c.label and abs(o.start - c.start) <= window and toks.sent[o.start] == sent
                          for o in sure) or any(o.label == c.label and o.needs and o is not c
                                                and abs(o.start - c.start) <= chain for o in kept)
            if c.label == "JOB_TITLE":
                p = toks.prev_word(c.start - 1)
                support = support or (p >= 0 and toks.lower[p] in _DETERMINERS)
            if support:
                kept.append(c)
                pending.remove(c)
                changed = True
    return kept




def resolve_overlaps(cands: Iterable[Cand]) -> list[Cand]:
    """Non-overlapping candidates: longest first, then rank, label rank, confidence, position."""
    order = sorted(cands, key=lambda c: (-c.length, -c.rank, -LABEL_RANK.get(c.label, 0), -c.conf, c.start))
    taken: set[int] = set()
    out = []
    for c in order:
        toks = range(c.start, c.end)
        if any(t in taken for t in toks):
            continue
        taken.update(toks)
        out.append(c)
    return sorted(out, key=lambda c: c.start)


def merge_with_ner(ours: list[Cand], ner: Iterable[Cand]) -> list[Cand]:
    """Our mentions win on overlap; NER mentions that touch none of ours are kept."""
    taken = {t for c in ours for t in range(c.start, c.end)}
    kept = [c for c in ner if not any(t in taken for t in range(c.start, c.end))]
    return sorted(ours + kept, key=lambda c: c.start)
