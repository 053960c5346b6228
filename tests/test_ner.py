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


@pytest.mark.skipif(not model_available(), reason="models/ner not trained (training/train_ner.py)")
def test_component_survives_pickling():
    nlp = default_pipeline(rules=False)  # the shipped model (worker processes receive it pickled)
    comp = nlp.get_pipe("rar_ner")
    clone = pickle.loads(pickle.dumps(comp))
    assert clone.cfg == comp.cfg and clone.model_nlp.pipe_names == ["ner"]
    doc = nlp("Kredsløb A/S og Fjordblik Transport ApS har indgået en aftale med Vejle Kommune.")
    assert clone.predict([doc]) == comp.predict([doc])
    assert comp.predict([doc])[0]  # it finds something to compare


def test_long_runs_without_sentence_ends_are_read_in_chunks_with_offsets_kept():
    from nlp.ner import MAX_CHUNK

    nlp = default_pipeline(ner=_ruler_model(PATTERNS), rules=False)
    filler = " ".join(["ord"] * (MAX_CHUNK + 500))
    doc = nlp(f"{filler} Kredsløb A/S {filler}")
    assert len(doc) > 2 * MAX_CHUNK
    assert [(s.text, s.start) for s in doc.spans[SPANS_KEY]] == [("Kredsløb A/S", MAX_CHUNK + 500)]


def test_a_mention_never_crosses_an_items_edge():
    from spacy.tokens import Span

    nlp = default_pipeline(ner=_ruler_model(PATTERNS), rules=False)
    comp = nlp.get_pipe("rar_ner")
    doc = nlp.make_doc(TEXT)
    doc.spans["items"] = [Span(doc, 0, 1), Span(doc, 1, len(doc))]  # an edge inside "Kredsløb A/S"
    assert comp.predict([doc]) == [[(3, 5, "ORG")]]


def test_a_core_models_entity_over_the_same_words_yields_to_rar_ner():
    from spacy.tokens import Span

    nlp = default_pipeline(ner=_ruler_model(PATTERNS))
    doc = nlp.make_doc("Samarbejdet med Kirkens Korshær fortsætter.")
    doc.ents = [Span(doc, 2, 4, label="PER")]  # what a core model might say
    doc.spans[SPANS_KEY] = [Span(doc, 2, 4, label="ORG")]
    cands = nlp.get_pipe("rar_entities")._ner_cands(doc)
    assert [(c.start, c.end, c.label) for c in cands] == [(2, 4, "ORG")]


@pytest.mark.skipif(not model_available(), reason="models/ner not trained (training/train_ner.py)")
def test_shipped_model_helps_on_the_dev_set_and_is_in_the_default_pipeline():
    from nlp.pipeline import available_components

    assert "rar_ner" in available_components()
    nlp = default_pipeline()
    model = nlp.get_pipe("rar_ner").model_nlp
    for name in ("decisions", "entities_test"):  # dev (choices made there) and test: no worse than the rules
        merged, rules = evaluate_ner(model, name), evaluate_ner(model, name, merged=None)
        assert merged["per_label"]["ORG"]["f1"] >= rules["per_label"]["ORG"]["f1"], name
        assert merged["micro"]["f1"] >= rules["micro"]["f1"], name
        for label in ("MUNICIPALITY", "RAR", "PERSON", "JOB_TITLE"):  # ORG only is added
            assert merged["per_label"][label] == rules["per_label"][label], (name, label)


def test_only_sentences_with_a_capital_after_their_first_character_are_read():
    """Danish common nouns are lower case: a sentence with no inner capital can hold only a one-word name
    opening it, which the rules shape ("Byrådet") or which is a capitalised common word ("Bevilget")."""
    nlp = default_pipeline(ner=_ruler_model([{"label": "ORG", "pattern": "Kredsløb"}]), rules=False)
    text = "Kredsløb leverer varme. Planen følges af Kredsløb og KL."
    doc = nlp(text)
    assert [(s.text, s.start_char) for s in doc.spans[SPANS_KEY]] == [("Kredsløb", 41)]
    nlp.get_pipe("rar_ner").cfg["only_capitalised"] = False
    doc = nlp(text)
    assert [(s.text, s.start_char) for s in doc.spans[SPANS_KEY]] == [("Kredsløb", 0), ("Kredsløb", 41)]


def test_the_model_reads_windows_around_inner_capitals_within_their_sentence():
    """``context`` tokens each side of a word with a capital (not its sentence's first letter), windows
    merged, never across a sentence end; a sentence without an inner capital is not read at all."""
    from nlp.ner import _read_spans

    nlp = spacy.blank("da")
    nlp.add_pipe("sentencizer")
    doc = nlp("Planen er klar nu . der var en lang snak om at Kredsløb og KL skal mødes i morgen tidlig . "
              "Byrådet godkendte den .")
    words = [t.text for t in doc]
    k, kl, end1 = words.index("Kredsløb"), words.index("KL"), words.index(".", words.index("KL"))
    assert _read_spans(doc, True, 2) == [(k - 2, kl + 3)]  # merged: the windows overlap
    assert _read_spans(doc, True, 0) == [(5, end1 + 1)]  # the whole second sentence
    assert _read_spans(doc, True, 50) == [(5, end1 + 1)]  # clipped to it
    assert _read_spans(doc, False, 2) == [(0, 5), (5, end1 + 1), (end1 + 1, len(doc))]


@pytest.mark.skipif(not model_available(), reason="no trained model (training/train_ner.py)")
def test_the_fresh_docs_runner_finds_what_the_shipped_ner_finds():
    from nlp.ner import MODEL_DIR, _FreshDocsNer

    inner = spacy.load(MODEL_DIR)
    text = "Kommunalbestyrelsen i Aarhus Kommune og Kredsløb A/S aftalte med Socialistisk Folkeparti at mødes."
    expected = [(e.start, e.end, e.label_) for e in inner(text).ents]
    doc = next(_FreshDocsNer.of(inner.get_pipe("ner")).pipe([inner.make_doc(text)]))
    assert expected and [(e.start, e.end, e.label_) for e in doc.ents] == expected
