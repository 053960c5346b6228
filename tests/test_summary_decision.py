"""The decision sentence of a summary (nlp/_summarize/decision.py) and its use in the component."""

from __future__ import annotations

import pytest

from nlp._summarize.decision import compose, decision_sentence, is_template_sentence, template_sentence
from nlp._summarize.text import ItemText


def _item(title: str, beslutning: str, indstilling: str = "Det indstilles, at udvalget godkender planen.") -> ItemText:
    return ItemText(title, {"indstilling": indstilling, "beslutning": beslutning,
                            "sagsfremstilling": "Planen dækker 2026."})


def test_template_states_the_labels_with_a_subject_from_title_or_label():
    assert template_sentence(_item("Godkendelse af dagsorden", "Ok."), {"godkendt"}) == "Dagsordenen blev godkendt."
    assert template_sentence(_item("Plan", "x"), {"droeftet", "godkendt"}, True) == \
        "Indstillingen blev drøftet og godkendt med bemærkninger."
    assert template_sentence(_item("Plan", "x"), {"udsat"}) == "Punktet blev udsat."
    assert template_sentence(_item("Plan", "x"), set()) is None
    assert is_template_sentence("Punktet blev udsat.") and not is_template_sentence("Rådet blev enige.")


def test_beslutning_sentence_is_used_when_it_is_a_full_sentence():
    full = _item("Plan", "Udvalget godkendte planen med den ændring, at fristen rykkes. For stemte: A og V.")
    assert decision_sentence(full, {"godkendt"}) == "Udvalget godkendte planen med den ændring, at fristen rykkes."
    assert decision_sentence(full, {"godkendt"}, mode="template") == "Indstillingen blev godkendt."
    terse = _item("Plan", "Godkendt.")
    assert decision_sentence(terse, {"godkendt"}) == "Indstillingen blev godkendt."
    votes = _item("Plan", "For stemte: A, V og C (5). Imod stemte: Ø (1).")
    assert decision_sentence(votes, {"godkendt"}) == "Indstillingen blev godkendt."


def test_no_decision_sentence_for_agendas_no_decision_or_mode_none():
    agenda = ItemText("Plan", {"indstilling": "Det indstilles, at planen godkendes.", "beslutning": "-"})
    assert decision_sentence(agenda, {"godkendt"}) is None
    assert decision_sentence(_item("Plan", "Godkendt."), {"ingen_beslutning"}) is None
    assert decision_sentence(_item("Plan", "Godkendt."), {"godkendt"}, mode="none") is None
    with pytest.raises(ValueError, match="decision mode"):
        decision_sentence(_item("Plan", "Godkendt."), {"godkendt"}, mode="x")
    assert compose("Om planen.", None) == "Om planen." and compose(None, None) is None


def test_component_adds_the_decision_and_condenses_the_sagen_kort():
    from nlp.summarize import RarSummarizer

    item = ItemText("Plan", {"sagen_kort": "Udvalget skal godkende planen for 2026. Den har fire mål.",
                             "indstilling": "Det indstilles, at udvalget godkender planen.",
                             "beslutning": "Godkendt.", "sagsfremstilling": "Planen dækker 2026 og har fire mål."},
                    outcome=("godkendt",))
    plain = RarSummarizer(None, method="extractive", decision="none", human_summary=False).summarize_items([item])[0]
    assert "blev godkendt" not in (plain[0] or "") and plain[1] == "extractive"  # the former behaviour
    comp = RarSummarizer(None, method="extractive")  # the defaults: decision sentence, Sagen kort condensed
    assert (comp.decision, comp.human_summary) == ("beslutning", True)
    summary, method, _ = comp.summarize_items([item])[0]
    assert summary == "Udvalget skal godkende planen for 2026. Indstillingen blev godkendt." and method == "sagen-kort"
    comp.human_summary = False
    summary, method, _ = comp.summarize_items([item])[0]
    assert summary.endswith("Indstillingen blev godkendt.") and method == "extractive"
