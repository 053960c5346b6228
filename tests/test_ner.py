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


def test_a_sentences_first_letter_is_skipped_also_after_a_bullet_or_number():
    from nlp.ner import _read_spans

    nlp = spacy.blank("da")
    nlp.add_pipe("sentencizer")
    doc = nlp("- Planen er klar . 3.4 Byrådet godkendte den . \n\nBilag følger senere .")
    assert _read_spans(doc, True, 2) == []  # every capital opens its sentence
    doc = nlp("- Planen er sendt til KL i dag .")
    kl = [t.text for t in doc].index("KL")
    assert _read_spans(doc, True, 1) == [(kl - 1, kl + 2)]


def test_case_positions_handle_letters_whose_case_changes_length():
    from nlp.ner import _case_positions

    for text in ("Gade İzmir og Ærø", "Straße til Ærø", "ok Århus"):
        caps, cased = _case_positions(text)
        assert caps.tolist() == [i for i, c in enumerate(text) if c.isupper()], text
        assert cased.tolist() == [i for i, c in enumerate(text) if c.isupper() or c.islower()], text


def test_a_custom_sentence_hook_decides_the_sentences_read():
    from nlp.ner import _read_spans

    nlp = spacy.blank("da")
    nlp.add_pipe("sentencizer")
    doc = nlp("Vi mødes . Med KL i dag . Og så")
    doc.user_hooks["sents"] = lambda d: iter([d[:]])
    assert _read_spans(doc, False) == [(0, len(doc))]


NAMES = ("Kommunalbestyrelsen i Aarhus Kommune og Kredsløb A/S aftalte med Socialistisk Folkeparti at mødes. "
        "Firmaet Ålborg Portland A/S og Akvarium Danmark ApS takkede Ålborg Universitet.")


def _mentions(nlp, text=NAMES):
    doc = nlp(text)
    return [(s.start, s.end, s.label_) for s in doc.spans[SPANS_KEY]]


@pytest.mark.skipif(not model_available(), reason="no trained model (training/train_ner.py)")
def test_chunks_in_the_documents_vocab_give_the_models_own_mentions():
    """Shared vocab (blank base) and a vocab with other lexeme norms (a core model's ``lexeme_norm``
    table) both give what the model finds reading the text in its own vocab."""
    from spacy.lookups import load_lookups

    from nlp.ner import MODEL_DIR, _same_features

    inner = spacy.load(MODEL_DIR)
    words = [t.text for t in inner.make_doc(NAMES)]
    own = [(e.start, e.end, e.label_) for e in inner(NAMES).ents if e.label_ == "ORG"]
    nlp = default_pipeline(rules=False)
    assert own and _mentions(nlp) == own
    assert [t.text for t in nlp.make_doc(NAMES)] == words
    normed = default_pipeline(rules=False)
    normed.vocab.lookups.set_table("lexeme_norm", load_lookups("da", ["lexeme_norm"]).get_table("lexeme_norm"))
    assert not _same_features(normed.vocab, inner.vocab) and _same_features(nlp.vocab, inner.vocab)
    assert _mentions(normed) == own


@pytest.mark.skipif(not model_available(), reason="no trained model (training/train_ner.py)")
def test_numpy_blas_gives_blis_mentions(corpus):
    from thinc.api import NumpyOps

    nlp = default_pipeline(rules=False)
    comp = nlp.get_pipe("rar_ner")
    texts = [d.raw.text[:15000] for d in corpus.values()]
    fast = [[(s.start, s.end) for s in d.spans[SPANS_KEY]] for d in nlp.pipe(texts)]
    assert all(not n.ops.use_blis for n in comp.model_nlp.get_pipe("ner").model.walk())
    ops = NumpyOps(use_blis=True)
    for node in comp.model_nlp.get_pipe("ner").model.walk():
        node.ops = ops
    comp._blas_set = comp.model_nlp  # keep blis for this run
    assert [[(s.start, s.end) for s in d.spans[SPANS_KEY]] for d in nlp.pipe(texts)] == fast
    assert sum(map(len, fast)) > 20
