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

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
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
    LABEL_RANK,
    RANK_GAZETTEER,
    RANK_GENERIC,
    RANK_NER,
    RANK_PERSON,
    RANK_STRUCTURE,
    Cand,
    Toks,
    clean_name,
    is_name_word,
    slugify,
)
from ._entities.orgs import OrgRules, structural_organisations, subtype_of_type
from .doc import OffsetMap, run_state, spans_within
from .normalize import lemma_forms
from .patterns import ocr_confusions

LABELS = ("MUNICIPALITY", "RAR", "ORG", "JOB_TITLE", "PERSON")
SPANS_KEY = "entities"
STATE_KEY = "entities"  # run_state(doc)[STATE_KEY]: which doc.spans key holds the entities
GAZETTEER_FILES = ("municipalities", "municipality_aliases", "rar", "organisations", "job_titles",
                   "person_names", "parties", "org_patterns")


_OCR_LETTERS = {letter: tuple(v) for letter, v in ocr_confusions()["variants"].items()}
_APOSTROPHES = ("’", "'", "´")
_INITIAL = re.compile(r"^(?:[A-ZÆØÅ]\.){1,3}$")
_DETERMINERS = {"en", "et", "til", "ny", "nye", "den", "hver", "vores", "deres", "sin", "sit",
                "ansat", "ansætte", "ansætter", "uddanne", "uddannet", "uddannes", "ekstra"}
_COORD = {",", "og", "eller", "samt", "plus", "&", "/"}

# --------------------------------------------------------------------------------------------
# Pure helpers (also registered, so a config or a test can name them)


@registry.misc("rar.entities_slugify.v1")
def make_slugify() -> Callable[[str], str]:
    return slugify


def ocr_variants(text: str, limit: int = 12) -> list[str]:
    """Spellings of ``text`` after the OCR damage seen in scanned minutes (ø→g/@, æ→ae/z, å→a).

    One substitution per letter type, applied to all its occurrences; the original is not returned.
    """
    letters = [ch for ch in dict.fromkeys(text) if ch in _OCR_LETTERS]
    if not letters:
        return []
    options = [(ch, *_OCR_LETTERS[ch]) for ch in letters]
    out = []
    for combo in itertools.product(*options):
        if all(a == b for a, b in zip(combo, letters, strict=True)):
            continue
        v = text
        for src, dst in zip(letters, combo, strict=True):
            v = v.replace(src, dst)
        out.append(v)
        if len(out) >= limit:
            break
    return out


def genitive(word: str) -> list[str]:
    """Danish genitive forms of a name: "Hedensted" -> ["Hedensteds"], "Aarhus" -> ["Aarhus'", "Aarhus’"]."""
    if word[-1:].lower() in ("s", "x", "z"):
        return [word + "'", word + "’"]
    return [word + "s"]


def _definite_sg(word: str) -> str:
    return word + "n" if word.endswith("e") else word + "en"


def _definite_pl(plural: str) -> str:
    if plural.endswith("ere"):
        return plural[:-1] + "ne"
    return plural + "ne"


def title_forms(title: str, plural: str, definite: Iterable[str] = ()) -> list[str]:
    """Inflected forms of a job title (singular, plural, definite, genitive).

    The last word inflects; a preceding adjective ending in -isk/-ig takes -e in the plural and the
    definite ("pædagogisk assistent" -> "pædagogiske assistenter"); a suspended first part stays
    ("social- og sundhedsassistent" -> "social- og sundhedsassistenter"). Genitives are included.
    """
    head_sg = title.split(" ")[-1]
    prefix = title[: len(title) - len(head_sg)]
    head_pl = plural.split(" ")[-1]
    words = prefix.split()
    adjective = len(words) == 1 and words[0].endswith(("isk", "ig", "el", "iv"))
    pre_sg = prefix
    pre_e = (words[0] + "e ") if adjective else prefix
    defs = list(definite) or [_definite_sg(head_sg), _definite_pl(head_pl)]
    forms = [pre_sg + head_sg, pre_e + head_pl, pre_e + defs[1]]
    forms.append(pre_e + head_sg if adjective else pre_sg + defs[0])  # "den pædagogiske assistent"
    forms += [f + "s" for f in forms if not f.endswith("s")]
    return list(dict.fromkeys(forms))


@registry.misc("rar.entities_resolve_overlaps.v1")
def make_resolve_overlaps() -> Callable[[Iterable[Cand]], list[Cand]]:
    return resolve_overlaps


@registry.misc("rar.entities_merge_with_ner.v1")
def make_merge_with_ner() -> Callable[[list[Cand], Iterable[Cand]], list[Cand]]:
    return merge_with_ner


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


# --------------------------------------------------------------------------------------------
# Gazetteers


def default_gazetteer_dir() -> Path:
    return Path(str(resources.files("nlp").joinpath("data/gazetteers")))


def load_gazetteers(directory: str | Path | None = None) -> dict[str, Any]:
    """The gazetteer files as one JSON-safe dict (what ``to_disk`` stores)."""
    d = Path(directory) if directory else default_gazetteer_dir()
    return {name: srsly.read_json(d / f"{name}.json") for name in GAZETTEER_FILES if (d / f"{name}.json").exists()}


@dataclass
class Pattern:
    """One surface form and what it means."""

    text: str
    label: str
    norm: str
    norm_id: str
    conf: float
    case_sensitive: bool = False
    kind: str = "name"  # name | bare | kommune | jobcenter | title | ...
    attrs: dict[str, Any] = field(default_factory=dict)
    needs: str | None = None


def _municipality_patterns(gaz: dict[str, Any], ocr: bool) -> Iterator[Pattern]:
    aliases = gaz.get("municipality_aliases", {})
    alias_map = aliases.get("aliases", {})
    ambiguous = set(aliases.get("ambiguous", {}).get("names", []))
    for m in gaz.get("municipalities", {}).get("municipalities", []):
        attrs = {"region": m.get("region"), "region_code": m.get("region_code"), "rar": m.get("rar")}
        for name in [m["name"], *alias_map.get(m["name"], [])]:
            conf = 0.97 if name == m["name"] else 0.93
            forms: list[tuple[str, str, float]] = []
            for base in [name, *genitive(name)]:
                forms.append((base, "bare", conf))
            for k in ("kommune", "kommunes"):
                forms.append((f"{name} {k}", "kommune", 0.99))
                forms += [(f"{g} {k}", "kommune", 0.99) for g in genitive(name)]
            for jc in ("jobcenter", "jobcentret", "jobcenteret"):
                forms.append((f"{jc} {name}", "jobcenter", 0.98))
                forms += [(f"{jc} {g}", "jobcenter", 0.98) for g in genitive(name)]
            forms += [(f"{name} jobcenter", "jobcenter", 0.98), (f"{genitive(name)[0]} jobcenter", "jobcenter", 0.98)]
            for text, kind, c in forms:
                unit = {"kommune": "kommune", "jobcenter": "jobcenter"}.get(kind)
                a = {**attrs, **({"unit": unit} if unit else {})}
                needs = "municipality_context" if kind == "bare" and (name in ambiguous or m["name"] in ambiguous) \
                    else ("capital" if kind == "bare" else None)
                yield Pattern(text, "MUNICIPALITY", m["name"], m["code"], c, kind=kind, attrs=a, needs=needs)
                if ocr:
                    for v in ocr_variants(text):
                        yield Pattern(v, "MUNICIPALITY", m["name"], m["code"], round(c * 0.9, 3), kind=kind,
                                      attrs={**a, "ocr": True}, needs=needs)


def _rar_patterns(gaz: dict[str, Any], ocr: bool) -> Iterator[Pattern]:
    rar = gaz.get("rar", {})
    groups = [(c, rar.get("council_prefixes", ["RAR"])) for c in rar.get("councils", [])]
    groups += [(o, rar.get("office_prefixes", ["AMK"])) for o in rar.get("offices", [])]
    for entry, prefixes in groups:
        area = entry["area"]
        attrs = {"office": entry["office"]} if "office" in entry else {}
        areas = [area, *genitive(area)]
        for pre in prefixes:
            for a in areas:
                for text in (f"{pre} {a}", f"{pre}-{a}", f"{pre}- {a}"):
                    yield Pattern(text, "RAR", entry["name"], entry["id"], 0.99, case_sensitive=True, attrs=attrs)
                    if ocr:
                        for v in ocr_variants(text):
                            yield Pattern(v, "RAR", entry["name"], entry["id"], 0.9, case_sensitive=True,
                                          attrs={**attrs, "ocr": True})


def _expand_templates(gaz: dict[str, Any]) -> Iterator[dict[str, Any]]:
    tpl = gaz.get("organisations", {}).get("templates", {})
    over = {
        "regions": tpl.get("regions", []),
        "rar_areas": [c["area"] for c in gaz.get("rar", {}).get("councils", [])],
        "municipalities": [m["name"] for m in gaz.get("municipalities", {}).get("municipalities", [])],
    }
    for t in tpl.get("items", []):
        key = {"regions": "region", "rar_areas": "area", "municipalities": "municipality"}[t["over"]]
        for value in over[t["over"]]:
            fill = {key: value, "slug": slugify(value)}
            yield {"id": t["id"].format(**fill), "name": t["name"].format(**fill),
                   "aliases": [t["pattern"].format(**fill)], "nocase": t.get("nocase", False), "type": "branch",
                   "subtype": t.get("subtype", "other")}


def _org_patterns(gaz: dict[str, Any], ocr: bool, corpus_derived: bool) -> Iterator[Pattern]:
    orgs = gaz.get("organisations", {})
    entries = list(orgs.get("organisations", []))
    if corpus_derived:
        entries += [dict(e, corpus=True) for e in orgs.get("corpus_derived", {}).get("organisations", [])]
    listed = {n for e in entries for n in [e["name"], *e.get("aliases", [])]}
    entries += [t for t in _expand_templates(gaz) if t["name"] not in listed]  # a listed entry keeps its id
    shapes = gaz.get("org_patterns", {})
    for e in entries:
        attrs = {"type": e.get("type"), "subtype": e.get("subtype") or subtype_of_type(shapes, e.get("type"))}
        if e.get("corpus"):
            attrs["corpus_derived"] = True
        nocase = bool(e.get("nocase"))
        names = list(dict.fromkeys([e["name"], *e.get("aliases", [])]))
        for name in names:
            for text in [name, *genitive(name)]:
                yield Pattern(text, "ORG", e["name"], e["id"], 0.95, case_sensitive=not nocase, attrs=attrs)
                if ocr:
                    for v in ocr_variants(text, limit=4):
                        yield Pattern(v, "ORG", e["name"], e["id"], 0.85, case_sensitive=not nocase,
                                      attrs={**attrs, "ocr": True})
        for abbr in e.get("abbr", []):
            upper_gen = [abbr + "S"] if abbr.isupper() and len(abbr) >= 3 else []  # "VIVES’"
            for text in [abbr, abbr + "s", *upper_gen]:
                yield Pattern(text, "ORG", e["name"], e["id"], 0.9, case_sensitive=True, kind="abbr", attrs=attrs)


def _party_patterns(gaz: dict[str, Any]) -> Iterator[Pattern]:
    """Party names and short forms ("SF", "Enhedslistens"), case-sensitive: "venstre" is a direction."""
    for p in gaz.get("parties", {}).get("parties", []):
        attrs = {"type": "party", "subtype": "party", "letter": p["letter"]}
        for name in dict.fromkeys([p["name"], *p.get("aliases", [])]):
            for text in [name, *genitive(name)]:
                yield Pattern(text, "ORG", p["name"], p["id"], 0.95, case_sensitive=True, attrs=attrs)
        for abbr in p.get("abbr", []):
            for text in (abbr, abbr + "’s", abbr + "'s"):
                yield Pattern(text, "ORG", p["name"], p["id"], 0.9, case_sensitive=True, kind="abbr", attrs=attrs)


def _job_patterns(gaz: dict[str, Any], ocr: bool) -> Iterator[Pattern]:
    for t in gaz.get("job_titles", {}).get("titles", []):
        title = t["title"]
        nid = slugify(title)
        need = t.get("needs_context")
        variants = [(title, t["plural"], t.get("definite", ()))]
        for alias in t.get("aliases", []):
            head = alias.split(" ")[-1]
            tail = t["plural"].split(" ")[-1]
            stem = title.split(" ")[-1]
            plural = alias[: len(alias) - len(head)] + (head + tail[len(stem):] if tail.startswith(stem)
                                                        else head + "er")
            variants.append((alias, plural, ()))
        for surface, plural, definite in variants:
            for form in title_forms(surface, plural, definite):
                needs = "job_context" if need == "all" or (need == "singular" and form == surface) else None
                yield Pattern(form, "JOB_TITLE", title, nid, 0.95, kind="title", needs=needs)
                if ocr:
                    for v in ocr_variants(form, limit=4):
                        yield Pattern(v, "JOB_TITLE", title, nid, 0.85, kind="title", needs=needs,
                                      attrs={"ocr": True})


def compile_patterns(gaz: dict[str, Any], *, ocr: bool = True, corpus_derived: bool = True) -> list[Pattern]:
    """Every surface form of every gazetteer entry, with norm, id and confidence."""
    return [*_municipality_patterns(gaz, ocr), *_rar_patterns(gaz, ocr),
            *_org_patterns(gaz, ocr, corpus_derived), *_party_patterns(gaz), *_job_patterns(gaz, ocr)]


def danish_lexicon() -> frozenset[str]:
    """Lower-case Danish word forms from spaCy's lookup table (no names): tells words from names."""
    return lemma_forms()


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
        if self.cfg["use_ner"] and doc.has_annotation("ENT_IOB"):
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
        """The statistical model's entities under our labels (``ner_labels``); others are ignored."""
        mapping = self.cfg["ner_labels"]
        out = []
        for ent in doc.ents:
            label = mapping.get(ent.label_)
            if label:
                norm = clean_name(ent.text)
                out.append(Cand(ent.start, ent.end, label, norm, slugify(norm), 0.7, RANK_NER, "ner"))
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
