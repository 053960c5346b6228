"""The invented decision data set (corpora/DECISIONS.md) is well-formed: fast checks, no models.

Every line parses; labels lie in the allowed sets; spans lie within their text and text[start:end] ==
surface; vote counts agree with printed lists where both are given; sizes and publisher spread reach
the guideline's minimums; texts shared with votes.jsonl agree with decisions.jsonl.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

DIR = Path(__file__).resolve().parents[1] / "corpora" / "decisions"
OUTCOMES = ("godkendt", "taget_til_efterretning", "droeftet", "besluttet", "udsat", "afvist", "ingen_beslutning")
PROPOSED = OUTCOMES[:-1]
FAMILIES = {"municipal_committee", "city_council", "region", "rar", "lbr", "network", "magistrat"}
TYPES = ("B", "D", "O")
TYPE_OF = {"godkendt": "B", "besluttet": "B", "udsat": "B", "afvist": "B", "droeftet": "D",
           "taget_til_efterretning": "O"}
RESULTS = {"vedtaget", "forkastet", "bortfaldet"}
METHODS = {"afstemning", "enstemmigt", "uden_afstemning", "bortfald"}
LIST_KINDS = {"parties", "persons", "mixed", "none"}
MOTION = re.compile(r"^(indstillingen|(under)?ændringsforslag fra .+|forslag fra .+)$")
ENT_LABELS = {"MUNICIPALITY", "ORG", "JOB_TITLE", "RAR", "PERSON"}
SUBTYPES = {"committee", "administration", "party", "company", "union", "education", "state_agency", "other"}
MIN_SIZE = {"decisions": 450, "proposals": 320, "votes": 120, "entities": 200}


def load(name: str) -> list[dict]:
    path = DIR / f"{name}.jsonl"
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{name}.jsonl line {n} is empty"
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:  # pragma: no cover - the message is the point
            pytest.fail(f"{name}.jsonl line {n} does not parse: {e}")
    return rows


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return {name: load(name) for name in MIN_SIZE}


def common(rows: list[dict], name: str, prefix: str) -> None:
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    for r in rows:
        assert re.fullmatch(prefix + r"\d{4}", r["id"]), r["id"]
        assert isinstance(r["publisher"], str) and r["publisher"].strip(), r["id"]
        assert isinstance(r["text"], str), r["id"]
        if "family" in r:
            assert r["family"] in FAMILIES, r["id"]
        for key in ("notes", "title", "history", "indstilling"):
            assert key not in r or isinstance(r[key], str), (r["id"], key)


@pytest.mark.parametrize("name", list(MIN_SIZE))
def test_sizes_and_publishers(data, name):
    rows = data[name]
    assert len(rows) >= MIN_SIZE[name], f"{name}: {len(rows)} < {MIN_SIZE[name]}"
    publishers = Counter(r["publisher"] for r in rows)
    assert len(publishers) >= (12 if name == "decisions" else 10), f"{name}: {len(publishers)} publishers"


def test_one_family_per_publisher(data):
    family: dict[str, str] = {}
    for name in ("decisions", "proposals", "votes"):
        for r in data[name]:
            assert family.setdefault(r["publisher"], r["family"]) == r["family"], (name, r["id"])


def check_outcome(r: dict) -> None:
    out = r["outcome"]
    assert isinstance(out, list) and out, r["id"]
    assert len(out) == len(set(out)) and set(out) <= set(OUTCOMES), (r["id"], out)
    if "ingen_beslutning" in out:
        assert out == ["ingen_beslutning"], (r["id"], "ingen_beslutning is never combined")
        assert r["with_remarks"] is None, r["id"]
    else:
        assert isinstance(r["with_remarks"], bool), r["id"]
        if r["with_remarks"]:
            assert {"godkendt", "besluttet"} & set(out), (r["id"], "remarks need godkendt or besluttet")


def test_decisions(data):
    rows = data["decisions"]
    common(rows, "decisions", "d")
    for r in rows:
        assert r["kind"] in ("referat", "dagsorden"), r["id"]
        check_outcome(r)
        if r["kind"] == "dagsorden":
            assert r["outcome"] == ["ingen_beslutning"], (r["id"], "an agenda records no decision")
    per_label = Counter(lab for r in rows for lab in r["outcome"])
    for lab in OUTCOMES:
        need = 30 if lab == "ingen_beslutning" else 20
        assert per_label[lab] >= need, f"{lab}: {per_label[lab]} < {need}"
    agendas = sum(r["kind"] == "dagsorden" for r in rows) / len(rows)
    assert 0.10 <= agendas <= 0.25, f"dagsorden share {agendas:.2f}"
    assert sum(r["with_remarks"] is True for r in rows) >= 20


def test_proposals(data):
    rows = data["proposals"]
    common(rows, "proposals", "p")
    for r in rows:
        prop, types = r["proposed"], r["types"]
        assert prop and len(prop) == len(set(prop)) and set(prop) <= set(PROPOSED), (r["id"], prop)
        assert types and len(types) == len(set(types)) and set(types) <= set(TYPES), (r["id"], types)
        derived = {TYPE_OF[lab] for lab in prop}
        assert set(types) <= derived, (r["id"], types, prop)
        assert ("B" in types) == ("B" in derived) and ("O" in types) == ("O" in derived), r["id"]
        if "D" in derived and "D" not in types:
            assert "vurderer, om" in r["text"], (r["id"], "only 'vurderer, om' next to noting drops D")
    per_label = Counter(lab for r in rows for lab in r["proposed"])
    for lab in PROPOSED:
        assert per_label[lab] >= 20, f"proposed {lab}: {per_label[lab]}"


def test_votes(data):
    rows, decisions = data["votes"], {r["id"]: r for r in data["decisions"]}
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert re.fullmatch(r"[dv]\d{4}", r["id"]), r["id"]
        assert r["publisher"].strip() and isinstance(r["text"], str)
        check_outcome(r)
        assert r["votes"] or r["reservations"], (r["id"], "a votes record has votes or reservations")
        if r["id"].startswith("d"):
            d = decisions[r["id"]]
            for key in ("publisher", "text", "outcome", "with_remarks"):
                assert d[key] == r[key], (r["id"], key, "differs from decisions.jsonl")
        for v in r["votes"]:
            assert MOTION.match(v["motion"]), (r["id"], v["motion"])
            assert v["result"] in RESULTS and v["method"] in METHODS and v["list_kind"] in LIST_KINDS, r["id"]
            assert isinstance(v["unanimous"], bool), r["id"]
            assert set(v["counts"]) == {"for", "against", "abstain"}, r["id"]
            for side in ("for", "against", "abstain"):
                assert isinstance(v[side], list), (r["id"], side)
                for who in v[side]:
                    assert isinstance(who, str) and who in r["text"], (r["id"], side, who)
                n = v["counts"][side]
                assert n is None or (isinstance(n, int) and n >= 0), (r["id"], side, n)
                if v["list_kind"] == "persons" and n is not None and v[side]:
                    assert n == len(v[side]), (r["id"], side, "count differs from the printed names")
                if n is not None:
                    assert str(n) in r["text"], (r["id"], side, n)
            if v["list_kind"] == "none":
                assert not (v["for"] or v["against"] or v["abstain"]), r["id"]
            if v["unanimous"]:
                assert not v["against"] and not v["abstain"] and v["counts"]["against"] in (None, 0), r["id"]
                assert v["result"] == "vedtaget", r["id"]
            f, a = v["counts"]["for"], v["counts"]["against"]
            if f is not None and a is not None and v["result"] != "bortfaldet" and not v["unanimous"]:
                assert (f > a) == (v["result"] == "vedtaget"), (r["id"], v["motion"], f, a, v["result"])
            if v["motion"] == "indstillingen" and v["result"] == "forkastet":
                assert "afvist" in r["outcome"], r["id"]
            if v["motion"] == "indstillingen" and v["result"] == "vedtaget":
                assert {"godkendt", "besluttet"} & set(r["outcome"]), r["id"]
        for res in r["reservations"]:
            assert res["kind"] in ("forbehold", "protokol"), r["id"]
            assert res["who"] in r["text"] and res["text"] in r["text"], r["id"]
            assert res["who"] in res["text"], r["id"]
    assert sum(v["unanimous"] for r in rows for v in r["votes"]) >= 5
    assert sum(bool(r["reservations"]) for r in rows) >= 20
    assert sum(v["motion"] != "indstillingen" for r in rows for v in r["votes"]) >= 20


def test_entities(data):
    rows = data["entities"]
    common(rows, "entities", "e")
    labels: Counter[str] = Counter()
    for r in rows:
        text, ents = r["text"], r["entities"]
        assert ents, r["id"]
        last_end = 0
        for e in sorted(ents, key=lambda e: e["start"]):
            s, t = e["start"], e["end"]
            assert isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text), (r["id"], e)
            assert text[s:t] == e["surface"], (r["id"], e, text[s:t])
            assert s >= last_end, (r["id"], "overlapping spans", e)
            last_end = t
            assert not (s > 0 and text[s - 1].isalnum()), (r["id"], "span starts inside a word", e)
            assert not (t < len(text) and text[t].isalnum()), (r["id"], "span ends inside a word", e)
            assert e["label"] in ENT_LABELS, (r["id"], e)
            assert isinstance(e.get("norm"), str) and e["norm"], (r["id"], e)
            if e["label"] == "ORG":
                assert e.get("subtype") in SUBTYPES, (r["id"], e)
            else:
                assert "subtype" not in e, (r["id"], e)
            labels[e["label"]] += 1
    for lab in ENT_LABELS:
        assert labels[lab] >= 10, f"{lab}: {labels[lab]} mentions"
    subtypes = Counter(e["subtype"] for r in rows for e in r["entities"] if e["label"] == "ORG")
    for sub in SUBTYPES:
        assert subtypes[sub] >= 5, f"ORG/{sub}: {subtypes[sub]}"
