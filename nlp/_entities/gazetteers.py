"""Gazetteers: the data files, their surface forms (inflections, genitives, OCR variants) and the
patterns the phrase matchers are built from."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import srsly

from ..normalize import lemma_forms
from ..patterns import ocr_confusions
from .base import (
    slugify,
)
from .orgs import subtype_of_type

GAZETTEER_FILES = ("municipalities", "municipality_aliases", "rar", "organisations", "job_titles",
                   "person_names", "parties", "org_patterns")


_OCR_LETTERS = {letter: tuple(v) for letter, v in ocr_confusions()["variants"].items()}

# --------------------------------------------------------------------------------------------
# Pure helpers (also registered, so a config or a test can name them)




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
