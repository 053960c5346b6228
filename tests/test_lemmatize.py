"""The array lookup lemmatizer gives spaCy's own lookup lemmas; doc_text/token_texts give spaCy's text."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from nlp.doc import doc_text, token_texts
from nlp.lemmatize import LookupLemmatizer

TEXT = ("Udvalget godkendte indstillingen. Borgmesteren bemærkede, at 3 ansøgere blev afvist\n\n"
        "  og at sagerne genoptages. Æblerne, børnene og møderne — 12. maj 2026.  ")


def _pair() -> tuple[spacy.Language, spacy.Language]:
    ours, theirs = spacy.blank("da"), spacy.blank("da")
    ours.add_pipe("rar_lookup_lemmatizer", name="lemmatizer", config={"mode": "lookup"})
    theirs.add_pipe("lemmatizer", config={"mode": "lookup"})
    ours.initialize()
    theirs.initialize()
    return ours, theirs


def test_same_lemmas_as_spacy(corpus):
    ours, theirs = _pair()
    assert isinstance(ours.get_pipe("lemmatizer"), LookupLemmatizer)
    texts = [TEXT, ""] + [d.raw.text[:20000] for d in corpus.values()]
    for a, b in zip(ours.pipe(texts), theirs.pipe(texts), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    assert any(t.lemma_ != t.text for t in ours(TEXT))  # the table was loaded


def test_keeps_lemmas_set_before_unless_overwrite():
    ours, _ = _pair()
    doc = ours.make_doc("børnene løb")
    doc[0].lemma_ = "SAT"
    done = ours.get_pipe("lemmatizer")(doc)
    assert done[0].lemma_ == "SAT" and done[1].lemma_ == "løb"
    over = spacy.blank("da")
    over.add_pipe("rar_lookup_lemmatizer", config={"mode": "lookup", "overwrite": True})
    over.initialize()
    doc = over.make_doc("børnene løb")
    doc[0].lemma_ = "SAT"
    assert over.get_pipe("rar_lookup_lemmatizer")(doc)[0].lemma_ == "barn"


def test_doc_text_and_token_texts():
    nlp = spacy.blank("da")
    doc = nlp(TEXT)
    assert token_texts(doc) == [t.text for t in doc]
    assert doc_text(doc) == doc.text == TEXT
    words = Doc(nlp.vocab, words=["Rådet", "godkendte", "."], spaces=[True, False, False])
    assert doc_text(words) == "Rådet godkendte."
    assert doc_text(nlp("")) == ""


def test_pipeline_tokenizer_remembers_its_text(blank_nlp):
    doc = blank_nlp.make_doc("Punkt 1. Godkendelse af dagsorden\n\nBeslutning: Godkendt.")
    assert doc_text(doc) == doc.text
