"""The one sentence splitter (nlp.text): exact offsets, abbreviations and quotes from data."""

from __future__ import annotations

from nlp.text import SentenceRules, sentence_spans, split_sentences


def test_splits_at_sentence_ends_before_capitals_digits_quotes_and_bullets():
    text = "Rådet godkendte planen. 8 medarbejdere er ansat. »Ny strategi« blev drøftet! • Punktet udsættes."
    assert split_sentences(text) == ["Rådet godkendte planen.", "8 medarbejdere er ansat.",
                                     "»Ny strategi« blev drøftet!", "Punktet udsættes."]


def test_never_after_an_abbreviation_an_initial_or_inside_a_quotation():
    text = ('Sagen (jf. pkt. 3) blev bl.a. drøftet med A. Jensen. Formanden sagde: "Vi godkender. Men ikke nu." '
            "Det blev vedtaget.")
    assert split_sentences(text) == ["Sagen (jf. pkt. 3) blev bl.a. drøftet med A. Jensen.",
                                     'Formanden sagde: "Vi godkender. Men ikke nu."', "Det blev vedtaget."]


def test_a_list_closing_abbreviation_before_a_capital_ends_the_sentence():
    assert split_sentences("Tal om optag mv. Næste møde er i juni.") == ["Tal om optag mv.", "Næste møde er i juni."]


def test_lines_always_split_and_offsets_are_exact():
    text = "  • Indstillingen blev godkendt\n\nFor stemte: A, B og C. Imod stemte: V."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["Indstillingen blev godkendt", "For stemte: A, B og C.", "Imod stemte: V."]
    assert sentence_spans(text, trim="")[0] == (2, text.index("\n"))  # bullets kept when asked


def test_the_rules_are_data():
    rules = SentenceRules.default()
    assert {"pkt", "bl.a", "jf"} <= rules.abbreviations and "mv" not in rules.abbreviations
    assert "»" in rules.quotes
