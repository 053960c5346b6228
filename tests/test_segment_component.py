"""rar_segmenter as a spaCy component: config, data on disk, scorer, error handler, labellers, inspect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

from nlp._segment.labeller import ROLES, LinearLabeller
from nlp._segment.vocabulary import Vocabulary
from nlp.doc import run_state
from nlp.segment import RarSegmenter, label_lines, segment_text

SAMPLE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"

TEXT = """Referat
Beskæftigelsesudvalget, Holstebro Kommune
onsdag den 2. oktober 2024 kl. 15.00

Punkt 1: Godkendelse af dagsorden
EMN-2024-004512
Resume
Udvalget skal godkende dagsordenen.
Beslutninger
Godkendt.

Punkt 2: Orientering om ledighedstal
EMN-2024-004513
Resume
Forvaltningen orienterer om udviklingen i ledigheden.
Indstilling
Forvaltningen indstiller, at orienteringen tages til efterretning.
Beslutninger
Taget til efterretning.
Sagsforløb
Økonomiudvalget anbefalede sagen den 3. september 2024.

Punkt 3: Eventuelt
Beslutninger
Intet.
"""


def test_vocabulary_headings():
    v = Vocabulary.default()
    assert v.heading("Beslutning: Godkendt.").canonical == "beslutning"
    assert v.heading("BeslutningGodkendt.").form == "glued"
    assert v.heading("Sagsforløb").canonical == "sagsforloeb"
    assert v.heading("Økonomiske konsekvenser").canonical == "oekonomi"
    h = v.heading("Beslutning i Beskæftigelsesudvalget den 4. marts 2024")
    assert h is not None and h.canonical == "beslutning" and h.form == "decision_line"
    assert v.heading("Økonomiudvalget, 04-03-2024, pkt. 12").canonical == "beslutning"
    assert v.heading("Beslutnlng").canonical == "beslutning"  # OCR damage
    assert v.heading("Indstilling af brancher til listen") is None  # prose, not a heading
    assert v.is_closed("Lukket punkt")
    assert v.furniture_kind("Sagsnr. 24/1234") is not None


def test_new_layout_punkt_headers_and_sections():
    meeting, items = segment_text(TEXT)
    assert [(it.number, it.title) for it in items] == [
        ("1", "Godkendelse af dagsorden"), ("2", "Orientering om ledighedstal"), ("3", "Eventuelt")]
    names = [[s.name for s in it.sections] for it in items]
    assert names[1] == ["sagen_kort", "indstilling", "beslutning", "sagsforloeb"]
    sec = {s.name: TEXT[s.start:s.end] for s in items[1].sections}
    assert sec["beslutning"] == "Taget til efterretning."
    assert meeting.kind == "referat" and meeting.date == "2024-10-02"
    assert meeting.municipality == "Holstebro" and meeting.body and "Beskæftigelsesudvalget" in meeting.body


def test_rules_labeller_is_selectable():
    nlp = spacy.blank("da")
    nlp.add_pipe("rar_segmenter", config={"labeller": "rules"})
    doc = nlp(SAMPLE.read_text(encoding="utf-8"))
    assert [s._.rar_number for s in doc.spans["items"]] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    with pytest.raises(ValueError, match="labeller"):
        spacy.blank("da").add_pipe("rar_segmenter", config={"labeller": "bogus"})


def test_factory_contract_and_analyze_pipes():
    nlp = spacy.blank("da")
    nlp.add_pipe("rar_segmenter")
    meta = nlp.get_pipe_meta("rar_segmenter")
    assert "doc.spans" in meta.assigns and "doc._.rar_meeting" in meta.assigns
    assert not nlp.analyze_pipes()["problems"]["rar_segmenter"]
    assert isinstance(nlp.get_pipe("rar_segmenter"), RarSegmenter)
    nlp.initialize()
    assert nlp.get_pipe("rar_segmenter").model is not None


def test_to_disk_from_disk_round_trip(tmp_path):
    nlp = spacy.blank("da")
    nlp.add_pipe("rar_segmenter")
    nlp.initialize()
    text = SAMPLE.read_text(encoding="utf-8")
    doc = nlp(text)
    before = [(s._.rar_number, s._.rar_title) for s in doc.spans["items"]]
    nlp.to_disk(tmp_path / "p")
    assert (tmp_path / "p" / "rar_segmenter" / "vocabulary.json").exists()
    assert (tmp_path / "p" / "rar_segmenter" / "labeller.json").exists()
    nlp2 = spacy.load(tmp_path / "p")
    doc2 = nlp2(text)
    assert [(s._.rar_number, s._.rar_title) for s in doc2.spans["items"]] == before
    # A vocabulary edited on disk is what the loaded component uses.
    vpath = tmp_path / "p" / "rar_segmenter" / "vocabulary.json"
    data = json.loads(vpath.read_text(encoding="utf-8"))
    data["sections"]["mødenotat"] = "beslutning"
    vpath.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    nlp3 = spacy.load(tmp_path / "p")
    assert nlp3.get_pipe("rar_segmenter").vocab_data.heading("Mødenotat").canonical == "beslutning"


def test_config_setting_overrides_after_load(tmp_path):
    nlp = spacy.blank("da")
    nlp.add_pipe("rar_segmenter")
    nlp.initialize()
    nlp.to_disk(tmp_path / "p")
    nlp2 = spacy.load(tmp_path / "p", config={"components": {"rar_segmenter": {"labeller": "rules"}}})
    assert nlp2.get_pipe("rar_segmenter").labeller_kind == "rules"


def test_scorer_through_nlp_evaluate():
    nlp = spacy.blank("da")
    nlp.add_pipe("rar_segmenter")
    nlp.initialize()
    text = SAMPLE.read_text(encoding="utf-8")
    gold = nlp(text)
    example = Example(nlp.make_doc(text), gold)
    scores = nlp.evaluate([example])
    assert scores["items_f"] == 1.0 and scores["sections_f"] == 1.0


def test_error_handler_lets_a_batch_go_on():
    nlp = spacy.blank("da")
    seg = nlp.add_pipe("rar_segmenter")
    nlp.initialize()
    calls = []

    def handler(name, component, docs, err):
        calls.append((name, type(err).__name__))

    seg.set_error_handler(handler)
    bad = Doc(nlp.vocab, words=["x"])
    run_state(bad)["norm"] = {"blocks": "not a list"}
    out = seg(bad)
    assert out is bad and calls and calls[0][0] == "rar_segmenter"


def test_roles_and_confidences():
    lines, feats = label_lines(TEXT)
    assert feats is not None and len(feats) == len(lines)
    assert {ln.role for ln in lines} <= set(ROLES)
    assert all(0.0 <= ln.confidence <= 1.0 for ln in lines)
    header = next(ln for ln in lines if ln.text.startswith("Punkt 2"))
    assert header.role == "item"


def test_weights_json_round_trip():
    from nlp.pipeline import MODELS_DIR

    model = LinearLabeller.from_path(MODELS_DIR / "segmenter" / "labeller.json")
    again = LinearLabeller.from_json(json.loads(json.dumps(model.to_json())))
    lines, feats = label_lines(TEXT, labeller=model)
    assert again.predict(lines, Vocabulary.default(), feats)[0] == model.predict(lines, Vocabulary.default(),
                                                                                 feats)[0]


def test_inspect_command(tmp_path):
    from typer.testing import CliRunner

    from nlp.cli import app

    path = tmp_path / "referat.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["inspect", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "item" in result.output and "items found: 3" in result.output
    empty = tmp_path / "prosa.txt"
    empty.write_text("Dette er bare en tekst.\nOg endnu en linje uden punkter.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["inspect", str(empty)], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "most like an item header" in result.output
