"""Entities: every form of every label, the NER merge policy, both base pipelines, n_process=2,
records, serialisation and the gold scores. All texts here are our own synthetic Danish."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example

import nlp.entities as E
from nlp.corpus import CORPORA
from nlp.export import doc_to_records, schema_errors
from nlp.pipeline import NormalizingTokenizer, load

from .synthetic import ocr_damage

SAMPLE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"


@pytest.fixture(scope="module")
def ent_nlp():
    return load(base="blank", components=["rar_entities"])


def ents(doc) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.label_, e._.rar_norm) for e in doc.spans["entities"]]


def find(doc, text: str):
    hits = [e for e in doc.spans["entities"] if e.text == text]
    assert hits, f"{text!r} not found in {ents(doc)}"
    return hits[0]


# --------------------------------------------------------------------------------------------
# MUNICIPALITY


@pytest.mark.parametrize(("text", "surface", "norm", "code"), [
    ("Mødet blev holdt hos Hedensted kommune i går.", "Hedensted kommune", "Hedensted", "0766"),
    ("Aarhus Kommune ansætter flere vejledere.", "Aarhus Kommune", "Aarhus", "0751"),
    ("Vi besøgte Jobcenter Roskilde om formiddagen.", "Jobcenter Roskilde", "Roskilde", "0265"),
    ("Herning Jobcenter har meldt kurser ind.", "Herning Jobcenter", "Herning", "0657"),
    ("Planen følger Aarhus' strategi.", "Aarhus'", "Aarhus", "0751"),
    ("Planen følger Aarhus’ strategi.", "Aarhus’", "Aarhus", "0751"),
    ("Det er Hedensteds borgere, der får gavn af det.", "Hedensteds", "Hedensted", "0766"),
    ("Indsatsen i Ikast-Brande går godt.", "Ikast-Brande", "Ikast-Brande", "0756"),
    ("Ringkøbing-Skjern Kommunes erfaringer deles.", "Ringkøbing-Skjern Kommunes", "Ringkøbing-Skjern", "0760"),
    ("Konferencen blev holdt i Århus.", "Århus", "Aarhus", "0751"),
    ("Projektet i Mariager Fjord fortsætter.", "Mariager Fjord", "Mariagerfjord", "0846"),
])
def test_municipality_forms(ent_nlp, text, surface, norm, code):
    e = find(ent_nlp(text), surface)
    assert (e.label_, e._.rar_norm, e._.rar_norm_id) == ("MUNICIPALITY", norm, code)
    assert e._.rar_ent_attrs["region"].startswith("Region ")


def test_jobcentre_and_kommune_units(ent_nlp):
    doc = ent_nlp("Jobcenter Vejle og Fredericia kommune mødes med Vejles erhvervsråd.")
    assert find(doc, "Jobcenter Vejle")._.rar_ent_attrs["unit"] == "jobcenter"
    assert find(doc, "Fredericia kommune")._.rar_ent_attrs["unit"] == "kommune"
    assert find(doc, "Vejles")._.rar_norm == "Vejle"


def test_municipality_lists_and_ambiguous_names(ent_nlp):
    doc = ent_nlp("Deltagende kommuner er Roskilde, Sorø, Solrød, Greve, Lejre og Faxe.")
    assert [e.text for e in doc.spans["entities"]] == ["Roskilde", "Sorø", "Solrød", "Greve", "Lejre", "Faxe"]
    assert all(re.fullmatch(r"\d{4}", e._.rar_norm_id) for e in doc.spans["entities"])
    # The same names as ordinary words, or without another municipality nearby, are no mention.
    doc = ent_nlp("Vejen frem er lang. Greve Frederik ejede godset, og skive efter skive blev solgt.")
    assert not [e for e in doc.spans["entities"] if e.label_ == "MUNICIPALITY"]


def test_region_and_area_names_are_not_municipalities(ent_nlp):
    doc = ent_nlp("Region Midtjylland og KKR Midtjylland drøftede ledigheden i Vestjylland.")
    assert ents(doc) == [("Region Midtjylland", "ORG", "Region Midtjylland"),
                         ("KKR Midtjylland", "ORG", "KKR Midtjylland")]


def test_ocr_damaged_forms_survive_normalisation(ent_nlp):
    clean = "Københavns Kommune, Jobcenter Næstved og RAR Østjylland søger sygeplejersker og tømrere."
    damaged = ocr_damage(clean, seed=3)
    assert damaged != clean
    doc = ent_nlp(damaged)
    got = {(e.label_, e._.rar_norm) for e in doc.spans["entities"]}
    assert {("MUNICIPALITY", "København"), ("MUNICIPALITY", "Næstved"), ("RAR", "RAR Østjylland"),
            ("JOB_TITLE", "sygeplejerske"), ("JOB_TITLE", "tømrer")} <= got


def test_ocr_variants_without_the_normaliser():
    nlp = spacy.blank("da")
    comp = E.RarEntities(nlp)
    comp.initialize()
    doc = comp(nlp("Jobcenter Naestved og RAR @stjylland leder efter anlaegsgartnere og isolatgrer."))
    assert ents(doc) == [("Jobcenter Naestved", "MUNICIPALITY", "Næstved"),
                         ("RAR @stjylland", "RAR", "RAR Østjylland"),
                         ("anlaegsgartnere", "JOB_TITLE", "anlægsgartner"),
                         ("isolatgrer", "JOB_TITLE", "isolatør")]
    assert "Kgge" in E.ocr_variants("Køge") and "Aerg" in E.ocr_variants("Ærø")


# --------------------------------------------------------------------------------------------
# RAR


def test_rar_forms(ent_nlp):
    doc = ent_nlp("RAR Nordjyllands formand og RAR-Sjælland mødtes. Rådet og RAR’erne blev orienteret "
                  "af AMK Midt-Nord og Arbejdsmarkedskontor Øst.")
    assert ents(doc) == [("RAR Nordjyllands", "RAR", "RAR Nordjylland"), ("RAR-Sjælland", "RAR", "RAR Sjælland"),
                         ("AMK Midt-Nord", "RAR", "AMK Midt-Nord"),
                         ("Arbejdsmarkedskontor Øst", "RAR", "AMK Øst")]
    assert find(doc, "AMK Midt-Nord")._.rar_norm_id == "amk-midt-nord"


def test_elliptic_councils_and_rar_areas(ent_nlp):
    doc = ent_nlp("RAR Fyn, Sydjylland og Bornholm holder fælles konference.")
    assert ents(doc) == [("RAR Fyn", "RAR", "RAR Fyn"), ("Sydjylland", "RAR", "RAR Sydjylland"),
                         ("Bornholm", "RAR", "RAR Bornholm")]
    doc = ent_nlp("Titlen er i mangel i de øvrige RAR-områder, bortset fra Bornholm.")
    assert ents(doc) == [("Bornholm", "RAR", "RAR Bornholm")]
    doc = ent_nlp("Turisterne kom til Bornholm i juli.")
    assert ents(doc) == [("Bornholm", "MUNICIPALITY", "Bornholm")]


# --------------------------------------------------------------------------------------------
# ORG


def test_abbreviation_and_full_name_share_one_norm(ent_nlp):
    doc = ent_nlp("STAR og Styrelsen for Arbejdsmarked og Rekruttering er det samme. STAR’s direktion kom, "
                  "og SIRIs liste gælder.")
    star = [e for e in doc.spans["entities"] if e._.rar_norm_id == "star"]
    assert [e.text for e in star] == ["STAR", "Styrelsen for Arbejdsmarked og Rekruttering", "STAR’s"]
    assert {e._.rar_norm for e in star} == {"Styrelsen for Arbejdsmarked og Rekruttering"}
    assert find(doc, "SIRIs")._.rar_norm_id == "siri"


def test_organisations(ent_nlp):
    doc = ent_nlp("DA og FH var enige med KL. Medlemmer fra 3F. Erhvervshus Sydjylland og "
                  "Beskæftigelsesministeriets embedsmænd deltog, da VIVE fremlagde.")
    assert [(e.text, e._.rar_norm) for e in doc.spans["entities"]] == [
        ("DA", "Dansk Arbejdsgiverforening"), ("FH", "Fagbevægelsens Hovedorganisation"), ("KL", "KL"),
        ("3F", "3F"), ("Erhvervshus Sydjylland", "Erhvervshus Sydjylland"),
        ("Beskæftigelsesministeriets", "Beskæftigelsesministeriet"), ("VIVE", "VIVE")]


def test_generic_organisation_structures(ent_nlp):
    doc = ent_nlp("Videncenter for Job og Trivsel samarbejder med Vestkysten Erhvervsskole og Møllehuse A/S.")
    assert [(e.label_, e._.rar_norm) for e in doc.spans["entities"]] == [
        ("ORG", "Videncenter for Job og Trivsel"), ("ORG", "Vestkysten Erhvervsskole"), ("ORG", "Møllehuse A/S")]
    # At a sentence end "A/S." is split by a tokenizer special case, so the span ends at "A/S".
    assert doc.spans["entities"][-1].text == "Møllehuse A/S"


# --------------------------------------------------------------------------------------------
# JOB_TITLE


@pytest.mark.parametrize(("text", "surface", "norm"), [
    ("Pædagogerne i børnehaven fik løft.", "Pædagogerne", "pædagog"),
    ("Sygeplejersken blev ansat.", "Sygeplejersken", "sygeplejerske"),
    ("Vi mangler smede og kokke.", "smede", "smed"),
    ("Vi mangler smede og kokke.", "kokke", "kok"),
    ("Kurset er for CNC-operatører.", "CNC-operatører", "CNC-operatør"),
    ("Der opkvalificeres til portmontører.", "portmontører", "portmontør"),
    ("Der søges SOSU-hjælpere.", "SOSU-hjælpere", "social- og sundhedshjælper"),
    ("Elektrikerens svende og VVS-installatørerne.", "VVS-installatørerne", "VVS-installatør"),
])
def test_job_title_inflections(ent_nlp, text, surface, norm):
    e = find(ent_nlp(text), surface)
    assert (e.label_, e._.rar_norm) == ("JOB_TITLE", norm)


def test_job_title_coordinations(ent_nlp):
    doc = ent_nlp("Der er mangel på pædagoger og pædagogiske assistenter, social- og sundhedshjælpere "
                  "samt butiks- og kontorassistenter.")
    assert [(e.text, e._.rar_norm) for e in doc.spans["entities"]] == [
        ("pædagoger", "pædagog"), ("pædagogiske assistenter", "pædagogisk assistent"),
        ("social- og sundhedshjælpere", "social- og sundhedshjælper"),
        ("butiks- og kontorassistenter", "butiks- og kontorassistent")]


def test_job_titles_are_not_verbs_or_offices(ent_nlp):
    doc = ent_nlp("Virksomheden tjener penge, og formanden indleder mødet. Han maler huset.")
    assert not [e for e in doc.spans["entities"] if e.label_ == "JOB_TITLE"]
    assert find(ent_nlp("Restauranten søger en tjener."), "tjener")._.rar_norm == "tjener"


# --------------------------------------------------------------------------------------------
# PERSON


def test_persons_next_to_roles_and_names(ent_nlp):
    doc = ent_nlp("Direktør for Erhvervshus Midtjylland, Erik Krarup deltager med oplæg. Erik vil tale om "
                  "grøn omstilling. Formand Lars Christensen og Anders Stryhn orienterede om Peter Hansens oplæg.")
    persons = [(e.text, e._.rar_norm) for e in doc.spans["entities"] if e.label_ == "PERSON"]
    assert persons == [("Erik Krarup", "Erik Krarup"), ("Erik", "Erik"), ("Lars Christensen", "Lars Christensen"),
                       ("Anders Stryhn", "Anders Stryhn"), ("Peter Hansens", "Peter Hansen")]
    assert find(doc, "Erik")._.rar_ent_attrs["refers_to"] == "Erik Krarup"
    assert find(doc, "Direktør").label_ == "JOB_TITLE"


def test_participant_list(ent_nlp):
    doc = ent_nlp("Deltagere:\n\nFra FH:\n\nHelle Juul Madsen\n\nJens B. Holm\n\nFra DA:\n\nKarin Skov-Nielsen\n")
    assert [(e.text, e.label_) for e in doc.spans["entities"]] == [
        ("FH", "ORG"), ("Helle Juul Madsen", "PERSON"), ("Jens B. Holm", "PERSON"), ("DA", "ORG"),
        ("Karin Skov-Nielsen", "PERSON")]


# --------------------------------------------------------------------------------------------
# Merge policy with a statistical NER


def test_merge_policy_pure():
    ours = [E.Cand(0, 2, "MUNICIPALITY", "Aarhus", "0751", 0.99, E.RANK_GAZETTEER, "gazetteer")]
    ner = [E.Cand(0, 2, "ORG", "Aarhus Kommune", "x", 0.7, E.RANK_NER, "ner"),
           E.Cand(1, 3, "PERSON", "y", "y", 0.7, E.RANK_NER, "ner"),
           E.Cand(5, 7, "PERSON", "Xenia Qvist", "xenia-qvist", 0.7, E.RANK_NER, "ner")]
    merged = E.merge_with_ner(ours, ner)
    assert [(c.start, c.end, c.label, c.source) for c in merged] == [
        (0, 2, "MUNICIPALITY", "gazetteer"), (5, 7, "PERSON", "ner")]


def test_merge_policy_in_the_component():
    """NER spans set on the doc: ours win on overlap, non-overlapping PER become PERSON, LOC is ignored."""
    nlp = spacy.blank("da")
    comp = E.RarEntities(nlp)
    comp.initialize()
    doc = nlp("Aarhus Kommune og Xenia Qvist besøgte Silkeborg Bad.")
    doc.ents = [Span(doc, 0, 2, "ORG"), Span(doc, 3, 5, "PER"), Span(doc, 6, 8, "LOC")]
    doc = comp(doc)
    assert [(e.text, e.label_, e._.rar_ent_source) for e in doc.spans["entities"]] == [
        ("Aarhus Kommune", "MUNICIPALITY", "gazetteer"), ("Xenia Qvist", "PERSON", "ner"),
        ("Silkeborg", "MUNICIPALITY", "gazetteer")]
    assert [e.label_ for e in doc.ents] == ["ORG", "PER", "LOC"]  # the model's own output is untouched
    off = E.RarEntities(nlp, use_ner=False)
    off.initialize()
    doc2 = nlp("Aarhus Kommune og Xenia Qvist besøgte Silkeborg Bad.")
    doc2.ents = [Span(doc2, 3, 5, "PER")]
    doc2 = off(doc2)
    assert "Xenia Qvist" not in [e.text for e in doc2.spans["entities"]]


def _stand_in_core(path: Path) -> Path:
    """A tiny 'installed core pipeline': tagger, morphologizer and ner trained on our sentences."""
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("da")
    for name in ("tagger", "morphologizer", "ner"):
        nlp.add_pipe(name)
    data = [
        ("Mette Frost talte med Aarhus Kommune i dag .", [(0, 11, "PER"), (22, 36, "ORG")]),
        ("Xenia Qvist besøgte Vejle i går .", [(0, 11, "PER"), (20, 25, "LOC")]),
        ("Rådet mødtes med Oluf Brask om ledighed .", [(17, 27, "PER")]),
    ]
    examples = []
    for text, spans in data:
        doc = nlp.make_doc(text)
        tags = ["PROPN" if t.is_title else "NOUN" for t in doc]
        morphs = ["Definite=Ind" if t.is_title else "" for t in doc]
        examples.append(Example.from_dict(doc, {"tags": tags, "morphs": morphs, "entities": spans}))
    nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, drop=0.0)
    nlp.to_disk(path)
    return path


@pytest.mark.slow
def test_core_pipeline_path(tmp_path):
    core = load(base=str(_stand_in_core(tmp_path / "core")), components=["rar_entities"])
    assert core.pipe_names == ["tagger", "morphologizer", "ner", "rar_entities"]
    assert isinstance(core.tokenizer, NormalizingTokenizer)
    doc = core("Mette Frost talte med Aarhus Kommune i dag. Oluf Brask og Jobcenter Skive var med.")
    found = {(e.text, e.label_) for e in doc.spans["entities"]}
    assert {("Aarhus Kommune", "MUNICIPALITY"), ("Jobcenter Skive", "MUNICIPALITY")} <= found
    assert doc.has_annotation("TAG") and doc.has_annotation("ENT_IOB")
    # The policy holds whatever the tiny model predicts.
    ours = [e for e in doc.spans["entities"] if e._.rar_ent_source != "ner"]
    for ent in doc.ents:
        overlaps = any(ent.start < o.end and o.start < ent.end for o in ours)
        if ent.label_ == "PER" and not overlaps:
            assert (ent.text, "PERSON") in found
        if overlaps:
            assert not [e for e in doc.spans["entities"] if e._.rar_ent_source == "ner" and e.start == ent.start]
    blank = load(base="blank", components=["rar_entities"])
    assert "ner" not in blank.pipe_names
    doc = blank("Mette Frost talte med Aarhus Kommune.")
    assert ("Aarhus Kommune", "MUNICIPALITY") in {(e.text, e.label_) for e in doc.spans["entities"]}


# --------------------------------------------------------------------------------------------
# Processes, records, serialisation


TEXTS = [
    "Jobcenter Holstebro og Lemvig kommune søger tømrere og elektrikere til RAR Vestjyllands projekt.",
    "Formand Birthe Kjær orienterede om STAR’s nye pulje. Birthe vil følge op med KL og DA.",
    "Pædagogerne i Kolding Kommune og social- og sundhedsassistenter fra FOA Kolding deltog.",
    "RAR Hovedstaden, Sjælland og Bornholm samarbejder med AMK Øst om rekruttering af buschauffører.",
]


def _snapshot(doc) -> list[tuple]:
    return [(e.start_char, e.end_char, e.label_, e._.rar_norm, e._.rar_norm_id, e._.rar_ent_confidence,
             e._.rar_ent_source, tuple(e._.rar_orig_span), tuple(sorted((e._.rar_ent_attrs or {}).items())))
            for e in doc.spans["entities"]]


@pytest.mark.slow
def test_same_entities_with_n_process_2(ent_nlp):
    single = [_snapshot(ent_nlp(t)) for t in TEXTS]
    multi = [_snapshot(d) for d in ent_nlp.pipe(TEXTS, n_process=2, batch_size=1)]
    assert single == multi
    assert all(single)


def test_records_carry_entities_with_original_offsets():
    nlp = load(base="blank", components=["rar_segmenter", "rar_entities"])
    raw = SAMPLE.read_text(encoding="utf-8")
    records = doc_to_records(nlp(raw), doc_id="0" * 64, source=str(SAMPLE))
    ents_all = [e for r in records for e in r["entities"]]
    assert {("Odense Kommune", "MUNICIPALITY", "0461"), ("KKR Syddanmark", "ORG", "kkr-syddanmark"),
            ("Jobcenter Svendborg", "MUNICIPALITY", "0479"), ("Lars Christensen", "PERSON", "lars-christensen"),
            ("social- og sundhedsassistenter", "JOB_TITLE", "social-og-sundhedsassistent")} <= \
        {(e["text"], e["label"], e["id"]) for e in ents_all}
    for r in records:
        assert not schema_errors(r), schema_errors(r)
        for e in r["entities"]:
            assert raw[e["orig_start"]:e["orig_end"]].split() == e["text"].split()
            if e["label"] == "MUNICIPALITY":
                assert re.fullmatch(r"\d{4}", e["id"]) and e["region"]


def test_record_fields_empty_when_component_did_not_run(segmenter_nlp):
    doc = segmenter_nlp(SAMPLE.read_text(encoding="utf-8"))
    assert E.record_fields(doc.spans["items"][0]) == {}


def test_to_disk_and_to_bytes_roundtrip(tmp_path, ent_nlp):
    text = TEXTS[0]
    ent_nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "rar_entities" / "municipalities.json").exists()
    reloaded = spacy.load(tmp_path / "pipe")
    assert _snapshot(reloaded(text)) == _snapshot(ent_nlp(text))
    comp = E.RarEntities(spacy.blank("da")).from_bytes(ent_nlp.get_pipe("rar_entities").to_bytes())
    assert comp.gazetteers.keys() == ent_nlp.get_pipe("rar_entities").gazetteers.keys()


# --------------------------------------------------------------------------------------------
# Data files and gold


def test_gazetteers_are_sourced_facts():
    gaz = E.load_gazetteers()
    assert set(gaz) == set(E.GAZETTEER_FILES)
    for name, data in gaz.items():
        assert data.get("_source"), name
    codes = [m["code"] for m in gaz["municipalities"]["municipalities"]]
    assert len(codes) == 98 and len(set(codes)) == 98 and all(re.fullmatch(r"\d{4}", c) for c in codes)
    names = {m["name"] for m in gaz["municipalities"]["municipalities"]}
    assert set(gaz["municipality_aliases"]["aliases"]) <= names


def test_title_forms_and_helpers():
    assert set(E.title_forms("pædagogisk assistent", "pædagogiske assistenter")) >= {
        "pædagogisk assistent", "pædagogiske assistent", "pædagogiske assistenter", "pædagogiske assistenterne"}
    assert set(E.title_forms("tømrer", "tømrere")) >= {"tømreren", "tømrerne", "tømrers"}
    assert E.slugify("Region Sjælland") == "region-sjaelland"
    assert E.genitive("Aarhus") == ["Aarhus'", "Aarhus’"] and E.genitive("Vejle") == ["Vejles"]
    assert E.clean_name("Hans Chri-\nstian  Knudsens’") == "Hans Christian Knudsens"


def test_gold_file_is_consistent(corpus):
    gold = json.loads((CORPORA / "entities.json").read_text(encoding="utf-8"))
    by_id = {d.raw.doc_id: d for d in corpus.values()}
    n_items = 0
    for doc_id, g in gold.items():
        if doc_id == "_about":
            continue
        text = by_id[doc_id].raw.text
        for item in g["items"]:
            n_items += 1
            last = item["orig_start"]
            for e in item["entities"]:
                assert e["label"] in E.LABELS and e["norm"]
                assert last <= e["start"] < e["end"] <= item["orig_end"], (doc_id[:6], e)
                assert text[e["start"]].isalnum() or text[e["start"]] in "@", e
                last = e["end"]
    assert n_items >= 30 and len([k for k in gold if k != "_about"]) == 5


@pytest.mark.slow
def test_gold_scores(corpus):
    from nlp.corpus import load_annotations
    from nlp.evaluation.entities import evaluate, report

    result = evaluate(list(corpus.values()), load_annotations("entities"))
    per = result["per_label"]["strict span"]
    assert per["MUNICIPALITY"]["f1"] >= 0.95 and per["RAR"]["f1"] >= 0.95
    assert per["ORG"]["f1"] >= 0.80 and per["JOB_TITLE"]["f1"] >= 0.80
    assert result["kommunekode"]["share"] == 1.0
    assert "MUNICIPALITY" in report(result)


def test_evaluate_counts_strict_spans(ent_nlp):
    from nlp.corpus import CorpusDoc
    from nlp.evaluation.entities import evaluate
    from nlp.read import read_bytes

    text = "Jobcenter Vejle samarbejder med STAR om tømrere.\n"
    raw = read_bytes(text.encode(), source="syn.txt", fmt="txt")

    def at(s: str, label: str, norm: str) -> dict:
        i = text.index(s)
        return {"start": i, "end": i + len(s), "label": label, "norm": norm}

    gold = {raw.doc_id: {"items": [{"orig_start": 0, "orig_end": len(text), "entities": [
        at("Jobcenter Vejle", "MUNICIPALITY", "Vejle"), at("STAR", "ORG", "STAR?"), at("tømrere", "PERSON", "x")]}]}}
    result = evaluate([CorpusDoc("syn.txt", raw)], gold, ent_nlp)
    per = result["per_label"]["strict span"]
    assert per["MUNICIPALITY"]["f1"] == 1.0 and per["ORG"]["tp"] == 1
    assert result["norm_accuracy"] == {"MUNICIPALITY": 1.0, "RAR": None, "ORG": 0.0, "JOB_TITLE": None,
                                       "PERSON": None}
    assert per["PERSON"]["recall"] == 0.0 and per["JOB_TITLE"]["precision"] == 0.0
    assert result["micro"]["tp"] == 2 and result["kommunekode"]["share"] == 1.0


def test_nlp_evaluate_uses_the_component_scorer(ent_nlp):
    from spacy.tokens import SpanGroup

    text = "Jobcenter Roskilde og STAR mødtes med pædagoger."
    ref = ent_nlp.make_doc(text)
    ref.spans["entities"] = SpanGroup(ref, name="entities", spans=[Span(ref, 0, 2, "MUNICIPALITY"),
                                                                   Span(ref, 3, 4, "ORG")])
    scores = ent_nlp.evaluate([Example(ent_nlp.make_doc(text), ref)])
    assert scores["entities_r"] == 1.0 and scores["entities_per_type"]["JOB_TITLE"]["p"] == 0.0
