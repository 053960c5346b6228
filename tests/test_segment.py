"""Segmenting: the five real layouts (gold F1) and synthetic variants of each layout."""

from __future__ import annotations

import json

import pytest

from nlp.corpus import CORPORA
from nlp.normalize import normalize
from nlp.segment import parse_marker, segment_text

from .synthetic import (
    meeting,
    ocr_damage,
    render_agenda,
    render_inline,
    render_linestart,
    render_two_column,
    strip_markers,
)


def seg(text: str):
    norm = normalize(text)
    meeting_info, items = segment_text(norm.text, norm.meta()["removed_headers"])
    return norm.text, meeting_info, items


def sections(text, item):
    return {s.name: text[s.start:s.end] for s in item.sections}


EXPECTED = [it.number for it in meeting().items]


def test_inline_layout():
    text, info, items = seg(render_inline(meeting()))
    assert [it.number for it in items] == EXPECTED
    assert [it.marker for it in items] == ["B", "O", "D/B", "D+oplæg", "O"]
    assert items[0].title == "Godkendelse af dagsorden"
    s = sections(text, items[2])
    assert set(s) == {"sagen_kort", "indstilling", "beslutning", "sagsfremstilling", "videre_proces", "bilag"}
    assert s["beslutning"] == "Rådet drøftede listen og godkendte den uden ændringer."
    assert info.kind == "referat"


def test_markers_removed():
    text, _, items = seg(strip_markers(render_inline(meeting())))
    assert [it.number for it in items] == EXPECTED
    assert all(it.marker is None for it in items)
    assert all("beslutning" in sections(text, it) for it in items)


def test_linestart_labels_toc_and_page_headers_mid_item():
    raw = render_linestart(meeting(), headers_every=5)
    assert raw.count("Referat af RAR Sjællands møde") > 3  # headers really were inserted mid-item
    text, info, items = seg(raw)
    assert [it.number for it in items] == [n + ".1" for n in EXPECTED]  # TOC lines are not items
    assert "Referat af RAR" not in text.split("Dagsordenspunkter")[-1]
    s = sections(text, items[2])
    assert s["sagsfremstilling"].startswith("Listen bygger på arbejdsmarkedsbalancen.")
    assert "Referat af" not in s["sagsfremstilling"]
    assert info.council == "RAR Sjælland" and info.date == "2022-05-12"


def test_agenda_layout_numbered_items_and_empty_decisions():
    text, info, items = seg(render_agenda(meeting()))
    assert [it.number for it in items] == ["1", "2", "3", "4", "5", "6"]
    assert items[-1].title == "Eventuelt"
    assert sections(text, items[0])["beslutning"] == "-"
    assert "sagsfremstilling" in sections(text, items[2])  # "Sagen uddybet"
    assert info.kind == "dagsorden"


def test_label_blocks_before_content_with_lost_headers_and_ocr_damage():
    raw = ocr_damage(render_two_column(meeting()), seed=7)
    text, _, items = seg(raw)
    assert len(items) == len(EXPECTED)
    assert all(it.number is None for it in items)  # headers lost: found from their Anledning blocks
    s = sections(text, items[0])
    assert s["indstilling"] == "Det indstilles, at Rådet godkender dagsordenen."
    assert s["beslutning"].startswith("Rådet godkendte dagsordenen")
    assert s["sagsfremstilling"].startswith("Formandskabet har fastlagt dagsordenen")
    assert s["bilag"] == "Intet bilag til punktet."


def test_label_blocks_with_headers_kept():
    text, _, items = seg(render_two_column(meeting(), lose_headers=False))
    assert [it.number for it in items] == EXPECTED
    assert sections(text, items[1])["beslutning"] == "Rådet tog orienteringen til efterretning."


def test_numbered_lists_and_dates_are_not_items():
    raw = (
        "- 1.1. Strategi (D/B)\n\nSagen kort: Rådet drøfter strategien.\n\n"
        "Indstilling: Sekretariatet indstiller, at Rådet:\n1. Godkender strategien\n"
        "2. Beslutter at offentliggøre den\n\n"
        "Beslutning: Rådet godkendte strategien den\n4. oktober 2021.\n\n"
        "Sagsfremstilling: Tre forslag:\n1. Flere unge i job\n2. Opkvalificering\n3. Dialog med kommunerne\n\n"
        "- 1.2. Eventuelt (O)\n"
    )
    _, _, items = seg(raw)
    assert [it.number for it in items] == ["1.1", "1.2"]
    assert items[1].title == "Eventuelt" and items[1].sections == []


def test_number_printed_twice_gives_two_items():
    raw = ("- 5.5.1 Orientering fra sekretariatet (O)\nAnledning Sekretariatet orienterer.\n"
           "Beslutning Taget til efterretning.\n- 5.5.1 Orientering til pressen (B)\n"
           "Anledning Rådet beslutter en pressemeddelelse.\nBeslutning Godkendt.\n")
    _, _, items = seg(raw)
    assert [(it.number, it.marker) for it in items] == [("5.5.1", "O"), ("5.5.1", "B")]


@pytest.mark.parametrize(
    ("header", "marker"),
    [("Dagsorden (B)", "B"), ("Strategi (D/B)", "D/B"), ("Rådsmøder (O og B)", "O og B"),
     ("Forum (O+D)", "O+D"), ("Samspil (D+oplæg)", "D+oplæg"), ("Tema (Oplæg + D)", "Oplæg + D"),
     ("Siden sidst. (0)", "0"), ("Sagsudvalget (O/D)", "O/D"),
     ("Status (D + evt. oplæg fra Regionen)", "D + evt. oplæg fra Regionen"),
     ("Opfølgning (se bilag)", None)],
)
def test_parse_marker(header, marker):
    got = parse_marker(header)
    assert (got[0] if got else None) == marker


def _gold_f1(corpus, key: str, nlp) -> float:
    from nlp.evaluation.segmentation import evaluate

    gold = json.loads((CORPORA / "segmentation.json").read_text(encoding="utf-8"))
    result = evaluate([corpus[key]], gold, nlp)
    return result["per_document"][corpus[key].name]["items"]["f1"]


@pytest.mark.parametrize(("key", "minimum"), [("000", 0.98), ("001", 0.98), ("002", 0.98), ("003", 0.90),
                                              ("004", 0.98)])
def test_gold_item_f1(corpus, key, minimum, segmenter_nlp):
    assert _gold_f1(corpus, key, segmenter_nlp) >= minimum


def test_pipeline_component_sets_spans_and_meeting(blank_nlp):
    from pathlib import Path

    sample = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"
    doc = blank_nlp(sample.read_text(encoding="utf-8"))
    items = list(doc.spans["items"])
    assert [it._.rar_number for it in items] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    assert items[2]._.rar_marker == "D/B" and items[2]._.rar_title.startswith("Positivliste")
    secs = items[2]._.rar_sections
    assert secs["beslutning"]._.rar_section == "beslutning" and secs["beslutning"]._.rar_heading == "Beslutning"
    assert secs["beslutning"].text.startswith("Rådet drøftede forslaget")
    assert doc._.rar_meeting["council"] == "RAR Fyn" and doc._.rar_meeting["date"] == "2025-03-14"


def test_capitalised_compound_heading_is_one_heading():
    from nlp._segment.vocabulary import Vocabulary

    h = Vocabulary.default().heading("TIDSPLAN OG VIDERE PROCES")
    assert h is not None and h.canonical == "videre_proces" and h.form == "alone"
    assert h.printed == "TIDSPLAN OG VIDERE PROCES"
    # ... but a capitalised label with run-in content keeps its content
    for line, content in (("BESLUTNING RÅDET GODKENDTE DAGSORDENEN", "RÅDET GODKENDTE DAGSORDENEN"),
                          ("BESLUTNING GODKENDT", "GODKENDT"), ("BILAG INGEN", "INGEN")):
        h = Vocabulary.default().heading(line)
        assert h is not None and h.form == "runin" and line[h.content:] == content, line


def _two_column_agenda(closed_at: int | None = None) -> str:
    """Labels printed as a block before their contents, no item headers, "-" for decisions."""
    out = ["Dagsorden", "Udvalget for erhverv og uddannelse 17. april 2024", ""]
    for k in range(4):
        if k == closed_at:
            out += [f"{k + 1}. Lukket punkt: Personsag", ""]
        out += ["INDSTILLING", "POLITISK BEHANDLING", "BAGGRUND", "",
                "Administrationen indstiller til udvalget:", "", f"1. at sag {k + 1} godkendes.", "", "-", "",
                f"Sagen handler om emne nummer {k + 1} og dets baggrund i regionen, hvor udvalget",
                "tidligere har drøftet de økonomiske rammer for indsatsen og dens forløb.", ""]
    return "\n".join(out)


def test_label_blocks_open_items_when_headers_are_lost():
    text, _, items = seg(_two_column_agenda())
    assert len(items) == 4
    for k, it in enumerate(items):
        s = sections(text, it)
        assert s["indstilling"].startswith("Administrationen indstiller")
        assert f"1. at sag {k + 1} godkendes." in s["indstilling"]  # a list after a colon goes on
        assert s["beslutning"] == "-"
        assert s["baggrund"].startswith(f"Sagen handler om emne nummer {k + 1}")


def test_closed_item_does_not_take_the_next_items_label_block():
    _, _, items = seg(_two_column_agenda(closed_at=2))
    closed = [it for it in items if it.closed]
    assert len(closed) == 1 and not closed[0].sections
    assert (closed[0].number, closed[0].title) == ("3", "Personsag")
    assert len(items) == 5
    after = items[items.index(closed[0]) + 1]  # the block after the closed item opens the next item
    assert [s.name for s in after.sections] == ["indstilling", "beslutning", "baggrund"]


def test_title_attributes_of_item_containers_are_item_headers():
    from nlp.pipeline import load, make_doc
    from nlp.read import read_bytes

    parts = []
    for k, title in enumerate(["Godkendelse af dagsorden", "Budgetopfølgning pr. 31. januar", "Eventuelt"]):
        parts.append(f'<section class="punkt" data-title="{title}"><div class="ui"><a href="#">Udskriv</a></div>'
                     f'<p class="meta">Sagsid.: 24/{1000 + k}, Sagsinitialer: abc</p>'
                     f"<h3>Sagsfremstilling</h3><p>Forvaltningen orienterer om sag {k + 1}.</p>"
                     f"<h3>Beslutning</h3><p>Taget til efterretning.</p></section>")
    html = ("<!DOCTYPE html><html lang='da'><head><meta charset='utf-8'><title>Referat</title></head><body><main>"
            "<h1>Referat</h1><p>Beskæftigelsesudvalget, mandag den 4. marts 2024</p>" + "".join(parts)
            + "</main></body></html>")
    nlp = load(base="blank", components=["rar_segmenter"])
    doc = nlp(make_doc(nlp, read_bytes(html.encode(), source="web.html", fmt="html")))
    titles = [it._.rar_title for it in doc.spans["items"]]
    assert titles == ["Godkendelse af dagsorden", "Budgetopfølgning pr. 31. januar", "Eventuelt"]


def test_container_titles_rule_needs_two_containers_holding_sections():
    from nlp._segment.assemble import _container_titles
    from nlp._segment.types import Line

    def ln(text: str, tag: str) -> Line:
        line = Line(0, len(text), text, False)
        line.block = {"tag": tag}
        return line

    lines = [ln("Godkendelse", "title-attr"), ln("Sagsid.: 1", "p"), ln("Sagsfremstilling", "h3"), ln("Tekst.", "p"),
             ln("Eventuelt", "title-attr"), ln("Beslutning", "h3"), ln("Intet.", "p")]
    roles = ["body", "furniture", "section", "body", "body", "section", "body"]
    assert _container_titles(lines, roles) == ["item", "furniture", "section", "body", "item", "section", "body"]
    assert _container_titles(lines[:4], roles[:4]) == roles[:4]  # one container: no evidence of a convention
    no_section = ["body", "furniture", "body", "body", "body", "section", "body"]
    assert _container_titles(lines, no_section) == no_section  # a title whose element holds no heading stays


def test_dates_and_later_cues_bound_a_label_blocks_contents():
    from nlp._segment.assemble import assign_block
    from nlp._segment.types import Line

    units = [Line(0, 0, "Sagen drejer sig om en ny ordning for ledige i regionen.", True),
             Line(0, 0, "1. januar 2025 træder den nye ordning i kraft, og udvalget skal følge den.", True),
             Line(0, 0, "Det indstilles, at udvalget tager orienteringen til efterretning.", True)]
    _, out = assign_block(["sagen_kort", "baggrund", "indstilling"], units)
    assert [(name, a, b) for name, a, b, _ in out] == [("sagen_kort", 0, 1), ("baggrund", 1, 2), ("indstilling", 2, 3)]
    # a label without a cue does not take a line that a later label's cue claims
    _, out = assign_block(["sagen_kort", "baggrund", "indstilling"], [units[0], units[2]])
    assert [(name, a, b) for name, a, b, _ in out] == [("sagen_kort", 0, 1), ("indstilling", 1, 2)]


def test_pattern_union_searches_as_the_joined_regex():
    import re

    from nlp._segment.vocabulary import PatternUnion

    patterns = [r"^lukket\s+punkt\b", r"\(lukket\)\s*$", r"^a|b", r"(?m:^x)", r"^(?:side|s\.)\s*\d+"]
    joined = re.compile("|".join(f"(?P<p{i}>{p})" for i, p in enumerate(patterns)), re.IGNORECASE)
    union = PatternUnion(patterns)
    for s in ["Lukket punkt 4", "Punkt 4 (lukket)", "cab", "ab", "y\nx", "Side 3", "s. 12", "intet", "", "b"]:
        want, got = joined.search(s), union.search(s)
        assert (want and (want.lastgroup, want.span())) == (got and (got.lastgroup, got.span())), s
