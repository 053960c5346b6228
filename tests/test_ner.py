"""rar_ner: the statistical NER component, its merge into rar_entities, and the shipped model."""

from __future__ import annotations

import pickle

import pytest
import spacy

from nlp.evaluation.entities import default_pipeline, evaluate_ner
from nlp.ner import SPANS_KEY, model_available


def _ruler_model(patterns: list[dict]) -> spacy.Language:
    """A stand-in for the trained model: an entity ruler inside a blank pipeline, with measured precisions."""
    inner = spacy.blank("da")
    inner.add_pipe("entity_ruler").add_patterns(patterns)
    inner.meta["rar_precision"] = {"ORG": 0.8, "PERSON": 0.9}
    return inner


PATTERNS = [{"label": "ORG", "pattern": "Kredsløb A/S"}, {"label": "ORG", "pattern": "Aarhus Kommune"},
            {"label": "JOB_TITLE", "pattern": "direktør"}]
TEXT = "Kredsløb A/S og Aarhus Kommune har aftalt et forløb, oplyste direktør Jens Holm."


def test_component_writes_its_own_span_group_and_leaves_ents_alone():
    nlp = default_pipeline(ner=_ruler_model(PATTERNS), rules=False)
    doc = nlp(TEXT)
    spans = [(s.text, s.label_) for s in doc.spans[SPANS_KEY]]
    assert spans == [("Kredsløb A/S", "ORG"), ("Aarhus Kommune", "ORG")]  # JOB_TITLE not in its labels
    assert doc.spans[SPANS_KEY].attrs["confidence"] == {"ORG": 0.8}
    assert not doc.has_annotation("ENT_IOB")


def test_rules_win_on_overlap_and_model_only_mentions_are_added_with_subtype_and_confidence():
    nlp = default_pipeline(ner=_ruler_model(PATTERNS))
    doc = nlp(TEXT)
    ents = {s.text: s for s in doc.spans["entities"]}
    assert ents["Aarhus Kommune"].label_ == "MUNICIPALITY"  # the gazetteer's reading, not the model's ORG
    k = ents["Kredsløb A/S"]
    assert k.label_ == "ORG" and k._.rar_ent_source == "ner"
    assert k._.rar_ent_attrs["subtype"] == "company" and k._.rar_ent_confidence == pytest.approx(0.8)
    without = default_pipeline(ner=False)(TEXT)
    assert "Kredsløb A/S" not in {s.text for s in without.spans["entities"]}  # only the model found it


def test_subtype_of_name_reads_the_head():
    from nlp._entities.orgs import subtype_of_name

    rules = default_pipeline(ner=False).get_pipe("rar_entities")._org_rules
    assert subtype_of_name(["Fjordblik", "Transport", "ApS"], rules) == "company"
    assert subtype_of_name(["Kultur-", "og", "Fritidsudvalget"], rules) == "committee"
    assert subtype_of_name(["Skovlund", "Erhvervsskole"], rules) == "education"
    assert subtype_of_name(["Kirkens", "Korshær"], rules) == "other"


def test_component_survives_pickling():
    comp = default_pipeline(ner=_ruler_model(PATTERNS), rules=False).get_pipe("rar_ner")
    clone = pickle.loads(pickle.dumps(comp))
    assert clone.model_nlp.pipe_names == ["entity_ruler"] and clone.cfg == comp.cfg


@pytest.mark.skipif(not model_available(), reason="models/ner not trained (training/train_ner.py)")
def test_shipped_model_helps_on_the_dev_set_and_is_in_the_default_pipeline():
    from nlp.pipeline import available_components

    assert "rar_ner" in available_components()
    nlp = default_pipeline()
    model = nlp.get_pipe("rar_ner").model_nlp
    merged, rules = evaluate_ner(model, "decisions"), evaluate_ner(model, "decisions", merged=None)
    assert merged["per_label"]["ORG"]["f1"] >= rules["per_label"]["ORG"]["f1"]
    assert merged["micro"]["f1"] >= rules["micro"]["f1"] - 0.005
