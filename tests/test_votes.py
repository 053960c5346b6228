"""Tests of the vote reader (nlp/_classify/votes.py): own wording first, then the votes.jsonl data set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nlp._classify.votes import load_lexicon, main_motion_result, parse_votes, score_votes, split_names

VOTES_JSONL = Path(__file__).resolve().parent.parent / "corpora" / "decisions" / "votes.jsonl"


def _only(text: str) -> dict[str, Any]:
    votes, _ = parse_votes(text)
    assert len(votes) == 1, votes
    return votes[0]


def _substrings(text: str) -> None:
    """Every name, reservation and evidence span must be read off the text itself."""
    votes, reservations = parse_votes(text)
    for vote in votes:
        for side in ("for", "against", "abstain"):
            assert all(name in text for name in vote[side]), vote
        ev = vote["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
    for res in reservations:
        assert res["who"] in text and res["text"] in text
        assert text[res["evidence"]["start"] : res["evidence"]["end"]] == res["text"]


def test_lexicon_is_loaded_once() -> None:
    assert load_lexicon() is load_lexicon()


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("B, K og Æ", ["B", "K", "Æ"]),
        (
            "Moderaterne, Liberal Alliance og Det Konservative Folkeparti",
            ["Moderaterne", "Liberal Alliance", "Det Konservative Folkeparti"],
        ),
        ("Søren Ravn (Æ), Ida Berg (M) og Ole Friis (K).", ["Søren Ravn (Æ)", "Ida Berg (M)", "Ole Friis (K)"]),
        ("(K, M samt Å)", ["K", "M", "Å"]),
    ],
)
def test_split_names(body: str, names: list[str]) -> None:
    assert split_names(body) == names


def test_colon_lists_with_trailing_counts() -> None:
    text = "For stemte: B, K og M (6)\nImod stemte: Æ (3)\nUndlod at stemme: I (1)\nIndstillingen er vedtaget."
    vote = _only(text)
    assert (vote["for"], vote["against"], vote["abstain"]) == (["B", "K", "M"], ["Æ"], ["I"])
    assert vote["counts"] == {"for": 6, "against": 3, "abstain": 1}
    assert (vote["result"], vote["method"], vote["list_kind"], vote["unanimous"]) == (
        "vedtaget",
        "afstemning",
        "parties",
        False,
    )
    _substrings(text)


def test_counts_before_parenthesised_person_lists() -> None:
    text = (
        "Der blev stemt om indstillingen:\n"
        "For: 2 (Søren Ravn (Æ), Ida Berg (M))\n"
        "Imod: 3 (Ole Friis (K), Lene Krag (I), Mads Dam (Å))\n"
        "Indstillingen faldt."
    )
    vote = _only(text)
    assert vote["for"] == ["Søren Ravn (Æ)", "Ida Berg (M)"]
    assert vote["against"] == ["Ole Friis (K)", "Lene Krag (I)", "Mads Dam (Å)"]
    assert vote["counts"] == {"for": 2, "against": 3, "abstain": None}
    assert (vote["result"], vote["list_kind"]) == ("forkastet", "persons")
    _substrings(text)


def test_one_line_division_with_neither_for_nor_against() -> None:
    text = "For stemte 12 (K og M), imod stemte 14 (B, I og Æ), hverken for eller imod stemte 3 (Å)."
    vote = _only(text)
    assert vote["counts"] == {"for": 12, "against": 14, "abstain": 3}
    assert (vote["for"], vote["against"], vote["abstain"]) == (["K", "M"], ["B", "I", "Æ"], ["Å"])
    assert vote["result"] == "forkastet"  # no verdict word: the printed count decides


@pytest.mark.parametrize(
    ("text", "counts", "result"),
    [
        ("Indstillingen blev vedtaget med 11 stemmer mod 4.", {"for": 11, "against": 4, "abstain": None}, "vedtaget"),
        # A rejection may print the larger (against) number first.
        (
            "Indstillingen blev forkastet med 12 stemmer imod 9.",
            {"for": 9, "against": 12, "abstain": None},
            "forkastet",
        ),
        ("Indstillingen faldt med 3 stemmer for og 8 imod.", {"for": 3, "against": 8, "abstain": None}, "forkastet"),
        ("Anbefalet med 6 stemmer mod 6.", {"for": 6, "against": 6, "abstain": None}, "vedtaget"),
        (
            "Vedtaget med 4 stemmer mod 1. 2 medlemmer undlod at stemme.",
            {"for": 4, "against": 1, "abstain": 2},
            "vedtaget",
        ),
    ],
)
def test_count_phrases(text: str, counts: dict[str, int | None], result: str) -> None:
    vote = _only(text)
    assert vote["counts"] == counts
    assert vote["result"] == result
    assert (vote["list_kind"], vote["method"]) == ("none", "afstemning")


def test_counts_with_lists_inside_the_sentence() -> None:
    vote = _only("Forslaget blev forkastet med 5 stemmer for (K og Æ) mod 9 stemmer (B, I og M). Å undlod at stemme.")
    assert vote["counts"] == {"for": 5, "against": 9, "abstain": None}
    assert (vote["for"], vote["against"], vote["abstain"]) == (["K", "Æ"], ["B", "I", "M"], ["Å"])


def test_majority_and_minority() -> None:
    vote = _only(
        "Et flertal bestående af Moderaterne og Venstre kunne tiltræde indstillingen. Et mindretal (K) stemte imod."
    )
    assert (vote["for"], vote["against"], vote["counts"]["for"]) == (["Moderaterne", "Venstre"], ["K"], None)
    assert vote["result"] == "vedtaget"
    vote = _only("Et flertal (B og I) kunne ikke tiltræde indstillingen. Et mindretal bestående af M stemte for.")
    assert (vote["for"], vote["against"], vote["result"]) == (["M"], ["B", "I"], "forkastet")


def test_dissent_after_approval_is_not_unanimous() -> None:
    vote = _only("Tiltrådt, men ikke enstemmigt: Æ stemte imod, og Ida Berg (M) undlod at stemme.")
    assert (vote["against"], vote["abstain"], vote["unanimous"]) == (["Æ"], ["Ida Berg (M)"], False)
    assert vote["result"] == "vedtaget"


def test_unanimous_and_no_vote() -> None:
    vote = _only("Udvalget vedtog enstemmigt indstillingen.")
    assert (vote["unanimous"], vote["method"], vote["result"]) == (True, "enstemmigt", "vedtaget")
    vote = _only("Indstillingen blev tiltrådt uden afstemning.")
    assert (vote["unanimous"], vote["method"], vote["result"]) == (False, "uden_afstemning", "vedtaget")


def test_rejected_amendment_does_not_reject_the_item() -> None:
    text = (
        "Ændringsforslag fra Moderaterne (M):\n"
        "“Tilskuddet hæves. Det finansieres af puljen.”\n"
        "Ændringsforslaget faldt med 9 stemmer mod 4.\n"
        "For stemte: M og K.\n"
        "Imod stemte: B, I og Æ.\n"
        "Herefter blev indstillingen vedtaget uden afstemning."
    )
    votes, _ = parse_votes(text)
    assert [v["motion"] for v in votes] == ["ændringsforslag fra M", "indstillingen"]
    amendment, main = votes
    assert (amendment["result"], amendment["counts"]["for"], amendment["counts"]["against"]) == ("forkastet", 4, 9)
    assert (amendment["for"], amendment["against"]) == (["M", "K"], ["B", "I", "Æ"])
    assert "Tilskuddet hæves" in amendment["evidence"]["text"]
    assert (main["result"], main["method"]) == ("vedtaget", "uden_afstemning")
    assert main_motion_result(votes) == "vedtaget"
    _substrings(text)


def test_amendment_moved_in_running_text_and_a_lapsed_one() -> None:
    text = (
        "Alternativet stillede ændringsforslag om at droppe brugerbetalingen, som blev vedtaget med 8 stemmer mod 3. "
        "Dermed bortfaldt ændringsforslaget fra Liberal Alliance. Indstillingen blev herefter godkendt."
    )
    votes, _ = parse_votes(text)
    assert [v["motion"] for v in votes] == [
        "ændringsforslag fra Å om at droppe brugerbetalingen",
        "ændringsforslag fra I",
        "indstillingen",
    ]
    assert votes[0]["counts"]["for"] == 8 and votes[0]["result"] == "vedtaget"
    assert (votes[1]["result"], votes[1]["method"]) == ("bortfaldet", "bortfald")
    assert main_motion_result(votes) == "vedtaget"


def test_postponement_motions() -> None:
    votes, _ = parse_votes("Kristendemokraterne foreslog sagen udsat. Forslaget blev vedtaget med 7 stemmer mod 2.")
    assert [v["motion"] for v in votes] == ["forslag fra K om at udsætte sagen"]
    assert main_motion_result(votes) == "udsat"
    text = (
        "Forslag fra Æ om at udsætte sagen blev forkastet med 10 stemmer mod 3.\n"
        "Herefter blev indstillingen sat under afstemning.\n"
        "For stemte: B og M.\nImod stemte: Æ.\nGodkendt."
    )
    votes, _ = parse_votes(text)
    assert votes[0]["counts"] == {"for": 3, "against": 10, "abstain": None}
    assert (votes[1]["for"], votes[1]["against"]) == (["B", "M"], ["Æ"])
    assert main_motion_result(votes) == "vedtaget"


def test_reservations() -> None:
    text = (
        "Godkendt.\n"
        "Borgmester Hans Berg tog forbehold for anlægsudgiften.\n"
        "Moderaterne ønskede sin stemme imod ført til protokol.\n"
        "FH's repræsentanter afgav følgende protokolbemærkning: »Vi savner en plan. Den skal komme nu.«"
    )
    votes, reservations = parse_votes(text)
    assert votes == []  # a bare approval records no vote
    assert [(r["who"], r["kind"]) for r in reservations] == [
        ("Hans Berg", "forbehold"),
        ("Moderaterne", "protokol"),
        ("FH's repræsentanter", "protokol"),
    ]
    assert reservations[2]["text"].endswith("Den skal komme nu.«")
    _substrings(text)


def test_body_decisions_are_not_votes() -> None:
    for text in ("Godkendt.", "RAR Sjælland tiltrådte indstillingen.", "Udvalget godkendte indstillingen.", "-", ""):
        assert parse_votes(text) == ([], [])
    assert main_motion_result([]) is None


def test_exact_rate_on_the_data_set() -> None:
    records = [json.loads(line) for line in VOTES_JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = score_votes(records)["overall"]
    assert scores["vote_texts"]["n"] >= 100
    assert scores["vote_texts"]["rate"] >= 0.9
    assert scores["motions"]["rate"] >= 0.9
    assert scores["reservations"]["rate"] >= 0.9
    assert scores["spurious_votes"]["rate"] <= 0.1


def test_headless_side_motions_never_decide_the_item() -> None:
    votes, _ = parse_votes("Ændringsforslaget faldt.\nIndstillingen blev derefter tiltrådt uden afstemning.")
    assert [(v["motion"], v["result"]) for v in votes] == [
        ("ændringsforslag", "forkastet"),
        ("indstillingen", "vedtaget"),
    ]
    assert main_motion_result(votes) == "vedtaget"
    votes, _ = parse_votes(
        "Udsættelsesforslaget blev vedtaget med 8 stemmer mod 5. Der blev ikke stemt om indstillingen."
    )
    assert [v["motion"] for v in votes] == ["forslag om at udsætte sagen"]
    assert main_motion_result(votes) == "udsat"
    votes, _ = parse_votes("Efter forslag fra Moderaterne udsatte udvalget sagen med 4 stemmer mod 3.")
    assert [(v["motion"], v["counts"]["for"]) for v in votes] == [("forslag fra M om at udsætte sagen", 4)]


def test_empty_and_marked_lists() -> None:
    vote = _only("Vedtaget med 9 stemmer mod 2 (K og Æ imod).\nUndlod at stemme: ingen")
    assert (vote["for"], vote["against"], vote["abstain"]) == ([], ["K", "Æ"], [])
    assert vote["counts"] == {"for": 9, "against": 2, "abstain": None}
