"""Training text for the statistical NER (``training/train_ner.py``): weak labels, gold, augmentation.

Three sources, none of them an evaluation set:

* **weak**: invented texts of many publishers (``corpora/decisions`` decision and proposal texts, the
  section texts and summaries of ``corpora/synthetic/publishers``) labelled by the rules
  (``rar_entities``: gazetteers + structural patterns);
* **gold**: the corpus items of ``corpora/entities.json`` (read from ``$RAR_CORPUS``, offsets mapped
  from the text as read to the pipeline's text);
* **augmented**: copies of the weak and template sentences whose ORG and PERSON mentions are swapped
  for names built from the pools below (invented), so the model learns a name's shape and context
  ("… A/S" with every capitalised word before it, "Foreningen X", "Udvalget for X og Y") rather than a
  list of names; and sentences from the templates below.

Held out from all of it: ``corpora/decisions/entities.jsonl`` (the dev set the merge was chosen on)
and ``corpora/entities_test`` (the test set): their texts are never read, and a generated name that
equals one of their mentions is drawn again. Deterministic for a seed.
"""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("MUNICIPALITY", "RAR", "ORG", "JOB_TITLE", "PERSON")


@dataclass
class Example:
    text: str
    ents: list[tuple[int, int, str]]  # character offsets into text
    source: str


# ------------------------------------------------------------------------------------------------
# Name pools (invented; shapes of Danish organisation names)

_STEMS = ["Limfjords", "Hedebo", "Kystlinje", "Nordvang", "Sønderå", "Egebjerg", "Bakkely", "Fjordblik", "Granly",
          "Havnevig", "Lyngbakke", "Møllebæk", "Skovlund", "Stenhøj", "Vesterled", "Østerkær", "Ravnsbjerg",
          "Tårnby Vang", "Klinteby", "Sandager", "Bøgely", "Kildebakke", "Nørremark", "Vadehav", "Åløkke"]
_TRADES = ["Maskinfabrik", "Transport", "Byg", "Energi", "Entreprise", "Logistik", "Stålværk", "VVS", "Montage",
           "Plast", "Fødevarer", "Data", "Anlæg", "El-service", "Rengøring", "Emballage", "Vinduer", "Træ"]
_ADJ = ["Sydfynske", "Nordjyske", "Midtsjællandske", "Østjysk", "Vestsjællandsk", "Sønderjyske", "Lollandske",
        "Himmerlandske", "Thylandske", "Bornholmske"]
_FORMS = ["A/S", "ApS", "I/S", "P/S"]
_FIELDS = ["Kultur", "Fritid", "Teknik", "Miljø", "Børn", "Unge", "Sundhed", "Omsorg", "Beskæftigelse", "Erhverv",
           "Byudvikling", "Klima", "Social", "Handicap", "Uddannelse", "Integration", "Trafik", "Natur"]
_ASSOC = ["Foreningen {s}", "{s}foreningen", "Landsforeningen for {f} og {g}", "{a} Erhvervsforening",
          "Idrætsforeningen {s}", "{s} Boligselskab", "Fonden for {f}"]
_COMMITTEE = ["{f}- og {gl}udvalget", "Udvalget for {f} og {g}", "{f}udvalget", "{s} Lokaludvalg", "{f}rådet"]
_ADMIN = ["{f} og {g}", "{f}forvaltningen", "Center for {f} og {g}", "Afdelingen for {f}", "{f}sekretariatet"]
_EDU = ["{s} Erhvervsskole", "{a} Produktionsskole", "Erhvervsakademi {s}", "{s} Gymnasium", "Sprogcenter {s}"]
_FIRST = ["Mette", "Søren", "Louise", "Jens", "Camilla", "Bo", "Rikke", "Anders", "Pia", "Kasper", "Maja", "Ole",
          "Line", "Thomas", "Hanne", "Jakob", "Nadia", "Ahmed", "Sofie", "Erik", "Birgitte", "Morten", "Yasmin",
          "Henrik", "Trine", "Lars", "Ida", "Mikkel", "Gitte", "Rasmus"]
_LAST = ["Vestergaard", "Kjærsgaard", "Holm", "Bech", "Lund", "Skov", "Dalgaard", "Juhl", "Krogh", "Ravn", "Bak",
         "Møller", "Winther", "Thygesen", "Lauridsen", "Østergaard", "Friis", "Brandt", "Hedegaard", "Ali",
         "Kristoffersen", "Overgaard", "Bruun", "Dam", "Iversen"]
_JOBS = ["jobcenterchef", "direktør", "afdelingschef", "konsulent", "sekretariatschef", "chefkonsulent",
         "virksomhedskonsulent", "områdeleder", "kontorchef", "projektleder", "analytiker", "souschef"]
_MUNIS = ["Aarhus", "Vejle", "Horsens", "Esbjerg", "Odense", "Viborg", "Holstebro", "Næstved", "Hjørring", "Kolding",
          "Silkeborg", "Randers", "Slagelse", "Herning", "Frederikshavn", "Aabenraa", "Sønderborg", "Roskilde"]


@functools.cache
def held_out_names() -> frozenset[str]:
    """Every mention of the dev and test sets: a generated name equal to one is drawn again, so the
    pools teach no name those sets score (the texts themselves are never read for training)."""
    names = set()
    for rel in ("decisions/entities.jsonl", "entities_test/entities.jsonl"):
        for line in (ROOT / "corpora" / rel).read_text("utf-8").splitlines():
            names.update(e["surface"].lower() for e in json.loads(line)["entities"])
    return frozenset(names)


def _org_name(rng: random.Random, kind: str | None = None) -> str:
    while (name := _draw_org(rng, kind)).lower() in held_out_names():
        pass
    return name


def _draw_org(rng: random.Random, kind: str | None = None) -> str:
    kind = kind or rng.choice(["company", "company", "assoc", "committee", "admin", "edu"])
    s, a, f, g = rng.choice(_STEMS), rng.choice(_ADJ), rng.choice(_FIELDS), rng.choice(_FIELDS)
    while g == f:
        g = rng.choice(_FIELDS)
    if kind == "company":
        shape = rng.random()
        if shape < 0.35:
            return f"{s} {rng.choice(_TRADES)} {rng.choice(_FORMS)}"
        if shape < 0.6:
            return f"{a} {rng.choice(_TRADES)} {rng.choice(_FORMS)}"
        if shape < 0.8:
            return f"{s} {rng.choice(_FORMS)}"
        return f"{s} {rng.choice(_TRADES)}"
    table = {"assoc": _ASSOC, "committee": _COMMITTEE, "admin": _ADMIN, "edu": _EDU}[kind]
    return rng.choice(table).format(s=s.replace(" ", ""), a=a, f=f, g=g, gl=g.lower())


def _person(rng: random.Random) -> str:
    while (name := f"{rng.choice(_FIRST)} {rng.choice(_LAST)}").lower() in held_out_names():
        pass
    return name


# Sentence templates (invented), slots: {ORG} {ORG2} {PER} {JOB} {MUN}
_TEMPLATES = [
    "{ORG} har søgt om tilskud til et projekt om opkvalificering af ledige.",
    "Udvalget drøftede samarbejdet med {ORG} om praktikpladser.",
    "{JOB} {PER} fra {ORG} orienterede om status på projektet.",
    "Der er indgået en aftale mellem {ORG} og {MUN} Kommune om rekruttering.",
    "{ORG} oplyser, at virksomheden mangler faglærte medarbejdere.",
    "Sagen er sendt i høring hos {ORG} og {ORG2}.",
    "Administrationen foreslår, at {ORG} får et tilskud på 250.000 kr.",
    "På mødet deltog {PER} ({ORG}) og {PER2} ({ORG2}).",
    "{ORG} har meddelt, at de ønsker at indgå i partnerskabet.",
    "Forvaltningen har haft et møde med {ORG} om udvidelsen.",
    "Et flertal i udvalget anbefaler, at ansøgningen fra {ORG} imødekommes.",
    "Høringssvaret fra {ORG} er vedlagt som bilag.",
    "{PER}, {JOB} i {ORG}, gav et oplæg om arbejdsmarkedet.",
    "Projektet gennemføres i et samarbejde mellem {ORG}, {ORG2} og jobcentret.",
    "Det indstilles, at {ORG} bemyndiges til at forhandle aftalen på plads.",
    "{ORG} og {ORG2} har sammen søgt puljen.",
    "Borgmesteren har modtaget en henvendelse fra {ORG}.",
    "Sagen blev oversendt til {ORG} til videre behandling.",
    "Repræsentanter for {ORG} var inviteret til punktet.",
    "Ifølge {ORG} er der behov for flere lærepladser i {MUN}.",
    "{ORG} ønsker at etablere en ny afdeling med 30 arbejdspladser.",
    "Tilskuddet udbetales til {ORG}, når regnskabet er godkendt.",
    "{JOB} {PER} deltog under behandlingen af punktet.",
    "Beslutningen meddeles {ORG} og de berørte borgere.",
]


def template_examples(n: int, seed: int = 0) -> list[Example]:
    """``n`` sentences from the templates with invented names (gold by construction)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        tpl = rng.choice(_TEMPLATES)
        text, ents, pos = "", [], 0
        fill = {"ORG": (_org_name(rng), "ORG"), "ORG2": (_org_name(rng), "ORG"), "PER": (_person(rng), "PERSON"),
                "PER2": (_person(rng), "PERSON"), "JOB": (rng.choice(_JOBS), "JOB_TITLE"),
                "MUN": (rng.choice(_MUNIS), "MUNICIPALITY")}
        while True:
            i = tpl.find("{", pos)
            if i < 0:
                text += tpl[pos:]
                break
            j = tpl.index("}", i)
            text += tpl[pos:i]
            value, label = fill[tpl[i + 1:j]]
            if i == 0 and label == "JOB_TITLE":
                value = value[:1].upper() + value[1:]
            ents.append((len(text), len(text) + len(value), label))
            text += value
            pos = j + 1
        out.append(Example(text, ents, "template"))
    return out


def swap_names(ex: Example, rng: random.Random) -> Example:
    """A copy of ``ex`` with every ORG and PERSON mention replaced by an invented name."""
    text, ents, shift, last = "", [], 0, 0
    for s, e, label in sorted(ex.ents):
        if label == "ORG":
            new = _org_name(rng)
        elif label == "PERSON":
            new = _person(rng)
        else:
            new = ex.text[s:e]
        text += ex.text[last:s]
        ents.append((len(text), len(text) + len(new), label))
        text += new
        last = e
        shift += len(new) - (e - s)
    text += ex.text[last:]
    return Example(text, ents, ex.source + "+swap")


# ------------------------------------------------------------------------------------------------
# Weak labels and corpus gold


def invented_texts() -> Iterator[tuple[str, str]]:
    """(source, text) of the invented training texts (never the entity dev/test sets)."""
    for name in ("decisions", "proposals"):
        for line in (ROOT / "corpora" / "decisions" / f"{name}.jsonl").read_text("utf-8").splitlines():
            rec = json.loads(line)
            if len(rec.get("text", "")) > 20:
                yield f"decisions/{name}", rec["text"]
    for path in sorted((ROOT / "corpora" / "synthetic" / "publishers").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for meeting in data["meetings"]:
            for item in meeting["items"]:
                for sec in item.get("sections", []):
                    for para in sec.get("text", "").split("\n"):
                        if len(para) > 20:
                            yield f"synthetic/{path.stem}", para
                if item.get("summary"):
                    yield f"synthetic/{path.stem}", item["summary"]


def weak_examples(rules_nlp) -> list[Example]:
    """The invented texts labelled by the rules (``rules_nlp``: a pipeline with ``rar_entities``)."""
    pairs = list(dict.fromkeys(invented_texts()))
    out = []
    for (source, text), doc in zip(pairs, rules_nlp.pipe(t for _, t in pairs), strict=True):
        ents = [(int(s), int(e), sp.label_) for sp in doc.spans.get("entities", [])
                for s, e in [sp._.rar_orig_span or (sp.start_char, sp.end_char)]]
        out.append(Example(text, ents, source))
    return out


def corpus_examples(docs, gold: dict, nlp) -> list[Example]:
    """Gold items of the corpus, as the pipeline's text (offsets mapped from the text as read)."""
    from nlp.doc import OffsetMap
    from nlp.pipeline import make_doc

    out = []
    for cdoc in docs:
        g = gold.get(cdoc.raw.doc_id)
        if not g:
            continue
        doc = make_doc(nlp, cdoc.raw)
        starts = OffsetMap.of_doc(doc).starts  # original offset of each character (monotone)
        for item in g["items"]:
            lo, hi = (int(np.searchsorted(starts, x)) for x in (item["orig_start"], item["orig_end"]))
            ents = []
            for e in item["entities"]:
                s, t = int(np.searchsorted(starts, e["start"])), int(np.searchsorted(starts, e["end"]))
                if lo <= s < t <= hi:
                    ents.append((s - lo, t - lo, e["label"]))
            out.append(Example(doc.text[lo:hi], ents, f"corpus/{cdoc.name[:3]}"))
    return out


def build(rules_nlp, corpus: list[Example], *, n_templates: int = 1500, swaps: int = 1,
          seed: int = 0) -> list[Example]:
    """All training examples: weak + corpus gold + name-swapped copies + templates."""
    rng = random.Random(seed)
    weak = weak_examples(rules_nlp)
    base = weak + corpus
    swapped = [swap_names(ex, rng) for ex in base for _ in range(swaps) if any(lab in ("ORG", "PERSON")
                                                                              for _, _, lab in ex.ents)]
    return base + swapped + template_examples(n_templates, seed)
