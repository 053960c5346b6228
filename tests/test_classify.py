"""Classifying: marker forms, outcome cue forms (incl. OCR damage), agendas, records, persistence.

Fixtures are our own short synthetic Danish text. Corpus tests skip without ``$RAR_CORPUS``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc

from nlp import classify as C
from nlp.classify import (
    MODEL_FILES,
    Field,
    ItemTypeClassifier,
    LinearModel,
    OutcomeClassifier,
    parse_marker_types,
    predict_outcome,
    predict_proposed,
    primary_type,
    record_fields,
)
from nlp.corpus import CORPORA, load_annotations
from nlp.export import doc_to_records, validate_record
from nlp.pipeline import MODELS_DIR

MODEL_DIR = MODELS_DIR / "classify"

MINUTES = """1. Rådets egne forhold

- 1.1. Godkendelse af dagsorden (B)

Sagen kort: Rådet skal godkende dagsordenen for mødet.

Indstilling: Det indstilles, at Rådet godkender dagsordenen.

Beslutning: Rådet godkendte dagsordenen med den ændring, at punkt 2.1 tages først.

- 1.2. Nyt fra sekretariatet (O)

Sagen kort: Sekretariatet fortæller om arbejdet siden sidste møde.

Indstilling: Det indstilles, at Rådet tager orienteringen til efterretning.

Beslutning: Sekretariatet orienterede kort. Rådet tog orienteringen til efterretning.

2. Arbejdskraft og uddannelse

- 2.1. Plan for voksenuddannelse i 2026 (D/B)

Sagen kort: Rådet skal drøfte og godkende en plan for indsatsen.

Indstilling: Det indstilles, at Rådet drøfter planen og godkender den.

Beslutning: Rådet drøftede planen og godkendte den med to bemærkninger om tidsplanen.

- 2.2. Temamøde om unge ledige (Oplæg + D)

Sagen kort: En jobcenterchef holder oplæg om unge uden uddannelse.

Indstilling: Det indstilles, at Rådet drøfter oplægget.

Beslutning: Rådet drøftede oplægget og ser gerne flere eksempler på næste møde.

- 2.3. Høringssvar om regional strategi (O og B)

Sagen kort: Regionen har sendt en strategi i høring.

Indstilling: Det indstilles, at Rådet tager orienteringen til efterretning og godkender et høringssvar.

Beslutning: RAR tiltrådte indstillingen.

- 2.4. Dialog med kommunerne (O+D)

Sagen kort: Rådet hører om møderne med kommunerne.

Indstilling: Det indstilles, at Rådet drøfter, hvordan dialogen kan styrkes.

Beslutning: Punktet blev udsat til næste møde.

3. Gensidig orientering

- 3.1. Tilforordnede (0)

Sagen kort: De tilforordnede kan orientere om nyt fra deres bagland.

Indstilling: Det indstilles, at orienteringen tages til efterretning.

Beslutning: Afbud fra de tilforordnede.
"""

_AGENDA = """ 1. Godkendelse af dagsorden

Sagen kort

Dagsorden for rådets møde i juni.

Indstilling

Til godkendelse

Beslutning

-

 2. Meddelelser

Sagen kort

Formandskabet og sekretariatet orienterer om nyt siden sidst.

Indstilling

Til efterretning.

Beslutning

-

 3. Temadrøftelse om mangel på pædagoger

Sagen kort

To kommuner fortæller om deres rekruttering.

Indstilling

Sekretariatet indstiller, at rådet drøfter rekrutteringen og beslutter næste skridt.

Referat

Bilag

Ingen

 4. Eventuelt

-
"""
# 004 pads its lines with a space; added here so the source has no trailing white space
AGENDA = "\n".join(f"{line} " if line else "" for line in _AGENDA.splitlines())


# --------------------------------------------------------------------------------------------
# Helpers


def fields_of(beslutning: str | None = None, indstilling: str | None = None) -> dict[str, Field]:
    """Item fields from bare strings (None: the section is not printed)."""
    out = {name: Field(name) for name in C.FIELDS}
    pos = 0
    for name, text in (("indstilling", indstilling), ("beslutning", beslutning)):
        if text is not None:
            out[name] = Field(name, [(pos, text)] if text.strip() else [], True)
            pos += len(text) + 1
    return out


@pytest.fixture(scope="module")
def models() -> dict[str, LinearModel]:
    return {task: LinearModel.load(MODEL_DIR / f"{task}.json") for task in C.TASK_FIELDS}


def outcome_of(models: dict, beslutning: str | None, indstilling: str | None = None,
               title: str | None = None) -> C.Prediction:
    fields = fields_of(beslutning, indstilling)
    if title:
        fields["title"] = Field("title", [(0, title)], True)
    proposed = predict_proposed(fields, models["proposed_outcome"])
    return predict_outcome(fields, models["outcome"], proposed)


@pytest.fixture(scope="module")
def classify_nlp():
    from nlp.pipeline import load

    return load(base="blank", components=["rar_segmenter", "rar_item_type", "rar_outcome"])


@pytest.fixture(scope="module")
def minutes(classify_nlp) -> Doc:
    return classify_nlp(MINUTES)


# --------------------------------------------------------------------------------------------
# Markers


@pytest.mark.parametrize(("marker", "types"), [
    ("B", ["B"]), ("D", ["D"]), ("O", ["O"]), ("0", ["O"]), ("D/B", ["B", "D"]), ("O/D", ["D", "O"]),
    ("O og B", ["B", "O"]), ("O+D", ["D", "O"]), ("D+oplæg", ["D"]), ("Oplæg + D", ["D"]),
    ("D + evt. oplæg fra Regionen", ["D"]), (None, None), ("", None), ("oplæg", None), ("X", None),
])
def test_marker_forms(marker, types):
    assert parse_marker_types(marker) == types


@pytest.mark.parametrize(("types", "primary"), [({"B", "D"}, "B"), ({"D", "O"}, "D"), ({"B", "O"}, "B"),
                                                ({"O"}, "O"), (set(), None)])
def test_primary_is_b_over_d_over_o(types, primary):
    assert primary_type(types) == primary


def test_markers_through_the_pipeline(minutes):
    items = list(minutes.spans["items"])
    assert [it._.rar_item_types for it in items] == [{"B"}, {"O"}, {"B", "D"}, {"D"}, {"B", "O"}, {"D", "O"}, {"O"}]
    assert [it._.rar_item_type for it in items] == ["B", "O", "B", "D", "B", "D", "O"]
    assert {it._.rar_item_type_source for it in items} == {"marker"}
    ev = items[4]._.rar_item_type_evidence
    assert minutes.text[ev["start"]:ev["end"]] == "(O og B)"


# --------------------------------------------------------------------------------------------
# Outcome cue forms


@pytest.mark.parametrize(("beslutning", "expected"), [
    ("Godkendt som indstillet.", {"godkendt"}),
    ("Rådet godkendte dagsorden og tog orienteringen til efterretning.", {"godkendt", "taget_til_efterretning"}),
    ("Taget til efterretning.", {"taget_til_efterretning"}),
    ("Orienteringen blev taget til efterretning.", {"taget_til_efterretning"}),
    ("Rådet tager udkastet til efterretning.", {"taget_til_efterretning"}),
    ("Planen blev vedtaget.", {"godkendt"}),
    ("Rådet drøftede sagen grundigt.", {"droeftet"}),
    ("Rådet besluttede at sende et brev til kommunerne.", {"besluttet"}),
    ("Rådet fastlagde tre temaer for næste år.", {"besluttet"}),
    ("Punktet blev udsat til næste møde.", {"udsat"}),
    ("Rådet afviste forslaget.", {"afvist"}),
    ("Afbud fra de tilforordnede", {"ingen_beslutning"}),
    ("Intet yderligere.", {"ingen_beslutning"}),
])
def test_outcome_cue_forms(models, beslutning, expected):
    assert set(outcome_of(models, beslutning).labels) == expected


@pytest.mark.parametrize(("beslutning", "expected"), [
    ("Formandskabet tog orienteringen til efterretning.", {"taget_til_efterretning"}),
    ("Radet tog orienteringen til efterretnlng.", {"taget_til_efterretning"}),
    ("Formandskabet drgftede sagen.", {"droeftet"}),
    ("Formandskabet dr@ftede sagen.", {"droeftet"}),
    ("Formandskabet godkendte dagsordenen efter en indledende drgftelse af situationen.", {"godkendt", "droeftet"}),
    ("Formandskabet besluttede at holde ugentlige mgder.", {"besluttet"}),
])
def test_outcome_tolerates_ocr_damage(models, beslutning, expected):
    assert set(outcome_of(models, beslutning).labels) == expected


def test_conditional_and_negated_approval_is_not_approval(models):
    pred = outcome_of(models, "Rådet besluttede at udsende notatet, når det er godkendt.")
    assert "besluttet" in pred.labels and "godkendt" not in pred.labels
    assert set(outcome_of(models, "Indstillingen blev ikke godkendt.").labels) == {"afvist"}


@pytest.mark.parametrize(("indstilling", "expected"), [
    ("Det indstilles, at Rådet tager orienteringen til efterretning.", {"taget_til_efterretning"}),
    ("Det indstilles, at Rådet godkender listen.", {"godkendt"}),
])
def test_tiltraadte_indstillingen_follows_the_proposal(models, indstilling, expected):
    pred = outcome_of(models, "RAR tiltrådte indstillingen.", indstilling)
    assert set(pred.labels) == expected
    assert pred.evidence and pred.evidence[0]["text"] == "RAR tiltrådte indstillingen."


@pytest.mark.parametrize(("beslutning", "remarks"), [
    ("Rådet godkendte dagsordenen med den ændring, at punkt 3 udgår.", True),
    ("Rådet godkendte planen med to bemærkninger: tidsplanen strammes op.", True),
    ("Formandskabet vedtog listen med følgende bemærkninger:", True),
    ("Formandskabet vedtog listen med fglgende bemaerkninger:", True),
    ("Rådet godkendte dagsordenen.", False),
    ("Taget til efterretning.", False),
    ("-", None),
])
def test_with_remarks(models, beslutning, remarks):
    assert outcome_of(models, beslutning).with_remarks is remarks


def test_agenda_item_without_decision_keeps_its_proposal(models):
    for bes in ("-", "", None):
        pred_fields = fields_of(bes, "Til godkendelse")
        proposed = predict_proposed(pred_fields, models["proposed_outcome"])
        out = predict_outcome(pred_fields, models["outcome"], proposed)
        assert out.labels == ["ingen_beslutning"] and out.with_remarks is None
        assert proposed.labels == ["godkendt"]


def test_multi_label_proposal(models):
    fields = fields_of(None, "Det indstilles, at Rådet drøfter analysen og beslutter to fokusområder.")
    assert {"droeftet", "besluttet"} <= set(predict_proposed(fields, models["proposed_outcome"]).labels)
    assert predict_proposed(fields_of(None, None), models["proposed_outcome"]).labels == []


@pytest.mark.parametrize(("indstilling", "expected"), [
    ("Det indstilles, at Rådet tilkendegiver, om RAR vil deltage i jobugen.", {"besluttet"}),
    ("Det indstilles, at Rådet drøfter planerne, og at resuméerne lægges på Rådets hjemmeside.",
     {"droeftet", "besluttet"}),
    ("Sekretariatet indstiller, at følgende brancher prioriteres: byggeri og industri.", {"besluttet"}),
    ("Rådet tager udkastet til efterretning. Nyhedsbrevet udsendes.", {"taget_til_efterretning", "besluttet"}),
    # carrying out what is noted is not a decision of its own
    ("Det indstilles, at Rådet tager høringssvaret til efterretning, at det fremsendes til Regionen.",
     {"taget_til_efterretning"}),
])
def test_proposal_cue_forms(models, indstilling, expected):
    assert set(predict_proposed(fields_of(None, indstilling), models["proposed_outcome"]).labels) == expected


def test_proposal_model_adds_nothing_where_a_cue_fired(models):
    # a theme discussion whose wording ("indsatsområder", "initiativer") the model links to decisions
    text = "Det indstilles, at Rådet efter oplæg fra to jobcentre drøfter fælles indsatsområder og initiativer."
    pred = predict_proposed(fields_of(None, text), models["proposed_outcome"])
    assert pred.labels == ["droeftet"]
    assert set(pred.scores) >= {"besluttet", "godkendt"}  # the model still scores every label
    # the "model only" ablation ignores the cues, so the model's own labels stand there
    model_only = predict_proposed(fields_of(None, text), models["proposed_outcome"], mode="model")
    probs = models["proposed_outcome"].predict_proba({"indstilling": text})
    labels = [lab for lab in C.OUTCOME_LABELS if lab != C.NO_DECISION]
    assert model_only.labels == ([lab for lab in labels if probs[lab] >= 0.5] or [max(labels, key=probs.get)])


@pytest.mark.parametrize(("proposed", "types", "primary"), [
    (["godkendt"], ["B"], "B"), (["besluttet", "droeftet"], ["B", "D"], "B"),
    (["taget_til_efterretning", "droeftet"], ["D", "O"], "D"), (["taget_til_efterretning"], ["O"], "O"),
])
def test_type_from_proposal(proposed, types, primary):
    scores = {lab: (0.95 if lab in proposed else 0.1) for lab in C.OUTCOME_LABELS if lab != C.NO_DECISION}
    ev = [{"start": 0, "end": 5, "text": "x", "section": "indstilling", "labels": [lab]} for lab in proposed]
    pred = C.type_from_proposal(C.Prediction(proposed, scores, 0.9, ev))
    assert (pred.labels, pred.primary, pred.source, pred.confidence) == (types, primary, "model", 0.9)
    assert pred.scores[primary] == 0.95 and all(0.0 <= v <= 1.0 for v in pred.scores.values())
    assert pred.evidence[0]["labels"] == [primary]


@pytest.mark.parametrize(("indstilling", "types"), [
    ("Det indstilles, at Rådet tager orienteringen til efterretning og vurderer, om der skal gøres mere.", {"O"}),
    ("Det indstilles, at Rådet tager orienteringen til efterretning og drøfter, om der skal gøres mere.",
     {"D", "O"}),
    ("Det indstilles, at Rådet vurderer, om analysen skal følges op.", {"D"}),
])
def test_noting_and_weighing_up_is_an_orientation(models, indstilling, types):
    fields = fields_of(None, indstilling)
    pred = C.type_from_proposal(predict_proposed(fields, models["proposed_outcome"]), indstilling)
    assert set(pred.labels) == types


def test_type_from_proposal_without_a_type_falls_back():
    assert C.type_from_proposal(C.Prediction([], {}, 1.0)) is None
    assert C.type_from_proposal(C.Prediction(["udsat"], {"udsat": 0.95}, 0.95)) is None


def test_unmarked_types_agree_with_the_proposal(classify_nlp):
    doc = classify_nlp(AGENDA)
    for item in doc.spans["items"]:
        if item._.rar_proposed_outcome:
            assert item._.rar_item_types == {C.PROPOSAL_TYPES[lab] for lab in item._.rar_proposed_outcome}
        else:  # "Eventuelt": no Indstilling, the type model reads the title
            assert item._.rar_item_type == "O" and item._.rar_item_type_source == "model"


def test_type_method_model_and_its_config(tmp_path):
    from nlp.pipeline import load

    nlp = load(base="blank", components=["rar_segmenter"])
    comp = nlp.add_pipe("rar_item_type", config={"method": "model"})
    comp.initialize()
    doc = nlp(AGENDA)
    items = list(doc.spans["items"])
    assert items[0]._.rar_item_type == "B" and items[-1]._.rar_item_type == "O"
    assert {it._.rar_item_type_source for it in items} == {"model"}
    nlp.to_disk(tmp_path / "t")  # settings travel in the config, data on disk (no cfg.json beside it)
    assert not (tmp_path / "t" / "rar_item_type" / "cfg.json").exists()
    import spacy

    assert spacy.load(tmp_path / "t").get_pipe("rar_item_type").method == "model"
    with pytest.raises(ValueError, match="method"):
        ItemTypeClassifier(nlp, method="vote")


def test_outcomes_through_the_pipeline(minutes):
    items = list(minutes.spans["items"])
    assert items[0]._.rar_outcome == {"godkendt"} and items[0]._.rar_with_remarks is True
    assert items[1]._.rar_outcome == {"taget_til_efterretning"}
    assert items[2]._.rar_outcome == {"droeftet", "godkendt"} and items[2]._.rar_with_remarks is True
    assert "droeftet" in items[3]._.rar_outcome
    assert items[4]._.rar_outcome == {"godkendt", "taget_til_efterretning"}  # "tiltrådte indstillingen"
    assert items[5]._.rar_outcome == {"udsat"}
    assert items[6]._.rar_outcome == {"ingen_beslutning"} and items[6]._.rar_with_remarks is None
    assert items[4]._.rar_proposed_outcome == {"godkendt", "taget_til_efterretning"}
    for it in items:
        for ev in it._.rar_outcome_evidence:
            assert minutes.text[ev["start"]:ev["end"]] == ev["text"]
        assert all(0.0 <= s <= 1.0 for s in it._.rar_outcome_scores.values())


def test_agenda_through_the_pipeline(classify_nlp):
    doc = classify_nlp(AGENDA)
    items = list(doc.spans["items"])
    assert [it._.rar_title for it in items] == ["Godkendelse af dagsorden", "Meddelelser",
                                           "Temadrøftelse om mangel på pædagoger", "Eventuelt"]
    assert all(it._.rar_outcome == {"ingen_beslutning"} for it in items)
    assert [it._.rar_proposed_outcome for it in items] == [{"godkendt"}, {"taget_til_efterretning"},
                                                       {"droeftet", "besluttet"}, set()]
    assert {it._.rar_item_type_source for it in items} == {"model"}
    assert items[0]._.rar_item_type == "B" and items[1]._.rar_item_type == "O"
    assert "D" in items[2]._.rar_item_types


# --------------------------------------------------------------------------------------------
# Records, serialisation, persistence


def test_records_validate(minutes, classify_nlp):
    for doc in (minutes, classify_nlp(AGENDA)):
        for rec in doc_to_records(doc, doc_id="0" * 64, source="syn.txt"):
            validate_record(rec)
            assert rec["item_types"] == sorted(rec["item_types"])
            assert set(rec["confidence"]) >= {"segmentation", "item_type", "outcome", "proposed_outcome"}
            for task in ("outcome", "proposed_outcome"):
                for ev in rec["evidence"][task] or []:
                    assert doc.text[ev["start"]:ev["end"]] == ev["text"]


def test_record_fields_empty_without_classification(segmenter_nlp):
    doc = segmenter_nlp(MINUTES)
    assert record_fields(doc.spans["items"][0]) == {}


def test_doc_user_data_is_msgpack_safe(minutes, classify_nlp):
    doc2 = Doc(classify_nlp.vocab).from_bytes(minutes.to_bytes())
    items = list(doc2.spans["items"])
    assert items[2]._.rar_item_types == {"B", "D"} and items[0]._.rar_outcome == {"godkendt"}


def test_components_round_trip_to_disk(tmp_path, classify_nlp, minutes):
    for name, cls in (("rar_item_type", ItemTypeClassifier), ("rar_outcome", OutcomeClassifier)):
        comp = classify_nlp.get_pipe(name)
        comp.to_disk(tmp_path / name)
        # the task models + the calibration; no settings (they live in the config)
        assert sorted(p.name for p in (tmp_path / name).iterdir()) == sorted(
            [MODEL_FILES[t] for t in comp.tasks] + ["calibration.json"])
        fresh = cls(classify_nlp).from_disk(tmp_path / name)
        assert fresh.calibration is not None and fresh.calibration.to_dict() == comp.calibration.to_dict()
        for item in minutes.spans["items"]:
            a, b = comp.predict_item(item), fresh.predict_item(item)
            assert repr(a) == repr(b)


def test_models_are_json_not_pickle():
    files = sorted(MODEL_DIR.iterdir())
    assert {p.suffix for p in files} <= {".json", ".md"}
    for p in files:
        if p.suffix == ".json":
            json.loads(p.read_text(encoding="utf-8"))
    assert (MODEL_DIR / "MODEL_CARD.md").exists()


def test_features_match_sklearn_tfidf():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["Rådet godkendte planen.", "Rådet drøftede planen og godkendte den.", "Taget til efterretning."]
    vec = TfidfVectorizer(analyzer=C.analyze, sublinear_tf=True).fit(texts)
    model = LinearModel("outcome", ["godkendt"], ["beslutning"],
                        {"beslutning": {k: int(v) for k, v in vec.vocabulary_.items()}},
                        {"beslutning": list(vec.idf_)}, [], {}, {})
    for t in texts:
        ours = model.features({"beslutning": t})
        assert np.allclose(ours, vec.transform([t]).toarray()[0])


def test_fit_is_deterministic_and_survives_json():
    texts = [{"beslutning": b} for b in ("Rådet godkendte planen.", "Taget til efterretning.",
                                           "Rådet drøftede sagen.", "Planen blev godkendt.")]
    labels = [["godkendt"], ["taget_til_efterretning"], ["droeftet"], ["godkendt"]]
    a = C.fit_linear_model("outcome", texts, labels, min_df=1)
    b = C.fit_linear_model("outcome", texts, labels, min_df=1)
    assert a.to_dict() == b.to_dict()
    c = LinearModel.from_dict(json.loads(json.dumps(a.to_dict())))
    for t in texts:
        assert c.predict_proba(t) == pytest.approx(a.predict_proba(t), abs=1e-5)


# --------------------------------------------------------------------------------------------
# Corpus (skips without $RAR_CORPUS)


def test_gold_covers_every_item_consistently():
    gold, seg = load_annotations("classify"), load_annotations("segmentation")
    assert gold, "corpora/classify.json is missing"
    for sha, doc in seg.items():
        if sha.startswith("_"):
            continue
        items = gold[sha]["items"]
        assert sorted(map(int, items)) == [it["ordinal"] for it in doc["items"]], doc["file"]
        for it in items.values():
            assert set(it["item_types"]) <= set(C.TYPE_LABELS) and it["item_type"] == primary_type(it["item_types"])
            assert set(it["outcome"]) <= set(C.OUTCOME_LABELS) and it["outcome"]
            assert set(it["proposed_outcome"]) <= set(C.OUTCOME_LABELS) - {"ingen_beslutning"}
            no_decision = it["outcome"] == ["ingen_beslutning"]
            assert "ingen_beslutning" not in it["outcome"] or no_decision
            assert (it["with_remarks"] is None) == no_decision
            if it["item_type_from"] == "marker":
                assert parse_marker_types(it["marker"]) == it["item_types"]
    assert (CORPORA / "CLASSIFY.md").exists()


def test_marker_parsing_is_exact_on_the_corpus(corpus, segmenter_nlp):
    gold, seg = load_annotations("classify"), load_annotations("segmentation")
    from nlp.evaluation.segmentation import match_items

    checked = 0
    for cdoc in corpus.values():
        sha = cdoc.raw.doc_id
        doc = segmenter_nlp(cdoc.raw.text)
        records = doc_to_records(doc, doc_id=sha, source=cdoc.name)
        for gi, pi in match_items(seg[sha]["items"], records):
            g = gold[sha]["items"][str(seg[sha]["items"][gi]["ordinal"])]
            if g["item_type_from"] == "marker":
                assert parse_marker_types(records[pi]["marker"]) == g["item_types"], (cdoc.name, g["number"])
                checked += 1
    assert checked == 54


def test_corpus_records_validate_with_classification(corpus, classify_nlp):
    for key, cdoc in corpus.items():
        doc = classify_nlp(cdoc.raw.text)
        records = doc_to_records(doc, doc_id=cdoc.raw.doc_id, source=cdoc.name)
        for rec in records:
            validate_record(rec)
        if key == "004":  # the agenda: nothing decided yet, every proposal read
            assert all(r["outcome"] == ["ingen_beslutning"] for r in records)
            assert all(r["proposed_outcome"] for r in records if r["sections"].get("indstilling"))
            assert {r["item_type_source"] for r in records} == {"model"}


def test_reliability_bins():
    from nlp.evaluation.classify import reliability

    bins = reliability([(0.2, False), (0.5, True), (0.8, True), (1.0, True), (0.95, False)])
    assert [(b["n"], b["accuracy"]) for b in bins] == [(2, 0.5), (1, 1.0), (2, 0.5)]
    assert bins[2]["mean_confidence"] == 0.975
    assert reliability([])[0] == {"from": 0.0, "to": 0.7, "n": 0, "accuracy": None, "mean_confidence": None}


@pytest.mark.slow
def test_lodo_scores(corpus):
    from nlp.evaluation.classify import evaluate, report

    result = evaluate(list(corpus.values()))
    assert result["matched_items"] == result["gold_items"] == 78
    assert result["marker_parsing"]["exact"] == 1.0
    assert result["outcome"]["macro_f1"] >= 0.85
    assert result["proposed_outcome"]["macro_f1"] >= 0.85
    # Measured 0.796 with the marker hidden (0.815 before the decision lexicon read the proposals: one
    # item); the 0.90 target is not reached (see MODEL_CARD.md, "Limitations"): a regression guard only.
    assert result["type"]["accuracy"] >= 0.79
    assert result["type"]["accuracy"] > result["type_model_only"]["accuracy"]
    assert result["type_unmarked"]["accuracy"] >= 0.9
    # the ceiling of reading the type off the proposal: items proposing only noting carry (B) and (D) too
    assert 0.0 < result["type_ceiling"]["accuracy"] < 0.9
    assert set(result["type_ceiling"]["mixed"]["taget_til_efterretning"]) == {"B", "D", "O"}
    assert "marker hidden" in report(result) and "ceiling" in report(result)
    for rel in result["reliability"].values():  # every item falls in one confidence bin
        assert sum(b["n"] for b in rel) == 78
    # a gold set without marked items (e.g. only agendas) reports "n/a" instead of failing
    from nlp.evaluation.classify import _type_block, proposal_ceiling

    for key in ("type", "type_model_only"):
        result[key] = _type_block([], "type_markers_False")
    result["type_ceiling"] = proposal_ceiling([])
    result["type_literal_baseline"]["marked"] = None
    assert "n=  0  accuracy n/a" in report(result)


@pytest.mark.slow
def test_pipe_with_two_processes(classify_nlp):
    docs = list(classify_nlp.pipe([MINUTES, AGENDA], n_process=2))
    assert docs[0].spans["items"][0]._.rar_outcome == {"godkendt"}
    assert docs[1].spans["items"][1]._.rar_proposed_outcome == {"taget_til_efterretning"}


def test_a_failing_document_is_returned_when_the_error_handler_lets_it_pass(classify_nlp, monkeypatch):
    comp = classify_nlp.get_pipe("rar_item_type")
    seen = []
    monkeypatch.setattr(comp, "predict", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    monkeypatch.setattr(comp, "error_handler", lambda name, proc, docs, e: seen.append((name, str(e))),
                        raising=False)
    doc = classify_nlp(MINUTES)  # the later components get the document, not None
    assert seen == [("rar_item_type", "boom")]
    assert len(doc.spans["items"]) > 0 and all(s._.rar_item_type is None for s in doc.spans["items"])


@pytest.mark.parametrize(("title", "expected"), [
    ("Eventuelt", {"ingen_beslutning"}),
    ("Orientering om ledighedstallene", {"taget_til_efterretning"}),
])
def test_no_remarks_depends_on_the_item(models, title, expected):
    """DECISIONS.md: "Ingen bemærkninger." receives an orientation, but under Eventuelt it is nothing."""
    assert set(outcome_of(models, "Ingen bemærkninger.", title=title).labels) == expected


@pytest.mark.slow
def test_unseen_publishers_meet_the_target():
    """Issue 12: exact-set outcome and proposed outcome ≥ 0.85 on publishers the models never saw."""
    from nlp.evaluation.classify import evaluate_publishers, synthetic_examples

    extra = synthetic_examples()
    assert extra, "corpora/decisions is part of the repository"
    res = evaluate_publishers([], extra)  # no corpus needed: the invented sets stand alone
    assert res["outcome"]["exact"] >= 0.85 and res["proposed_outcome"]["exact"] >= 0.85
    if "test" in res:
        assert res["test"]["outcome"]["exact"] >= 0.85 and res["test"]["proposed_outcome"]["exact"] >= 0.85


def test_type_printed_as_a_word_is_the_type(classify_nlp):
    """A publisher that prints "Orienteringssag" instead of "(O)" states the type as plainly as a marker."""
    text = ("Referat af mødet i Beskæftigelsesudvalget den 3. marts 2025\n\n"
            "1. Orienteringssag: Ledighedstal for januar\nSagsfremstilling\nForvaltningen har lavet tal.\n"
            "Indstilling\nForvaltningen indstiller, at udvalget godkender tallene.\nBeslutning\nGodkendt.\n\n"
            "2. Beslutningssag: Pulje til unge\nSagsfremstilling\nDer er søgt om midler.\n"
            "Indstilling\nForvaltningen indstiller, at udvalget drøfter puljen.\nBeslutning\nDrøftet.\n")
    doc = classify_nlp(text)
    items = list(doc.spans["items"])
    assert [(s._.rar_item_type, s._.rar_item_type_source) for s in items] == [("O", "type_word"), ("B", "type_word")]
    assert "Orienteringssag" in items[0]._.rar_item_type_evidence["text"]


def test_the_item_type_reads_the_proposal_rar_outcome_computed():
    """The proposed outcome is computed once per item (by rar_outcome, which runs first) and the item
    type reads it, so the two agree in every mode (``rules`` included)."""
    from nlp.classify import PROPOSALS_KEY, stored_proposal, type_from_proposal
    from nlp.doc import run_state
    from nlp.pipeline import load

    nlp = load(base="blank", components=["rar_segmenter", "rar_outcome", "rar_item_type"])
    assert nlp.pipe_names.index("rar_outcome") < nlp.pipe_names.index("rar_item_type")
    nlp.get_pipe("rar_outcome").mode = "rules"
    doc = nlp(AGENDA)
    items = list(doc.spans["items"])
    assert len(run_state(doc)[PROPOSALS_KEY]) == len(items)
    derived = [it for it in items if it._.rar_item_type_source == "model" and it._.rar_sections.get("indstilling")]
    assert derived
    for it in derived:
        stored = stored_proposal(it)
        assert stored.labels == it._.rar_proposed_outcome_list
        want = type_from_proposal(stored, it._.rar_sections["indstilling"].text)
        if want is not None:
            assert it._.rar_item_type_list == want.labels


def test_reviewed_corrections_become_training_gold(tmp_path, corpus):
    """``rar-nlp review`` corrections (doc_id, ordinal, task, label) are read with the item texts of the
    documents they name and train the models as gold; what cannot be matched is reported, not used."""
    import hashlib
    import subprocess
    import sys

    from nlp.evaluation.classify import correction_examples

    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / "referat.txt").write_text(MINUTES, encoding="utf-8")
    doc_id = hashlib.sha256((archive / "referat.txt").read_bytes()).hexdigest()
    rows = [{"doc_id": doc_id, "ordinal": 2, "task": "outcome", "label": "udsat"},
            {"doc_id": doc_id, "ordinal": 3, "task": "item_type", "label": "D"},
            {"doc_id": doc_id, "ordinal": 99, "task": "outcome", "label": "godkendt"},
            {"doc_id": "0" * 64, "ordinal": 1, "task": "outcome", "label": "godkendt"},
            {"doc_id": doc_id, "ordinal": 1, "task": "outcome", "label": "vedtaget"}]
    got, problems = correction_examples(rows, [archive])
    assert [(x.task, x.labels) for x in got] == [("outcome", ["udsat"]), ("item_type", ["D"])]
    assert "tog orienteringen til efterretning" in got[0].texts["beslutning"]  # item 2's own Beslutning
    assert len(problems) == 3 and sum("not found" in p for p in problems) == 1

    corrections = tmp_path / "corrections.jsonl"
    corrections.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "models"
    res = subprocess.run([sys.executable, "training/train_classify.py", "--no-eval", "--out", str(out),
                          "--corrections", str(corrections), "--docs", str(archive)],
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "corrections: 2 of 5 used as gold" in res.stderr
    shipped = json.loads((MODEL_DIR / "outcome.json").read_text(encoding="utf-8"))["meta"]
    trained = json.loads((out / "outcome.json").read_text(encoding="utf-8"))["meta"]
    assert trained["corrections"] == 1 and trained["n_items"] == shipped["n_items"] + 1
    assert json.loads((out / "item_type.json").read_text(encoding="utf-8"))["meta"]["corrections"] == 1
