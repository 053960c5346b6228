"""The synthetic layout generator (training/layouts): every family in every format, deterministic,
with gold that describes the rendered file exactly. Our own invented content (p01, p02)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.layouts import (
    FAMILIES,
    ROLES,
    SECTION_NAMES,
    docx_available,
    generate,
    lines_of,
    load_publishers,
    render,
)
from training.layouts.readers import fold

PUB_DIR = Path(__file__).resolve().parents[1] / "corpora" / "synthetic" / "publishers"
OWN = sorted(PUB_DIR.glob("p0[12]_*.json"))
FORMATS = ("txt", "html", "pdf")


@pytest.fixture(scope="module")
def pubs() -> list[dict]:
    assert len(OWN) == 2, "our two content files p01_*.json and p02_*.json"
    return [p for f in OWN for p in load_publishers(f)]


def _pick(pubs, k):
    pub = pubs[k % len(pubs)]
    return pub, pub["meetings"][k % len(pub["meetings"])]


@pytest.fixture(scope="module")
def docs(pubs):
    out = {}
    for k, fam in enumerate(FAMILIES):
        pub, meeting = _pick(pubs, k)
        for fmt in FORMATS:
            out[fam, fmt] = render(pub, meeting, fam, fmt, seed=7)
    return out


def test_at_least_13_families_and_roles():
    assert len(FAMILIES) >= 13 and len(set(FAMILIES)) == len(FAMILIES)
    assert ROLES == ("item", "item_cont", "group", "section", "body", "toc", "furniture", "closing")


@pytest.mark.parametrize("fam", FAMILIES)
def test_family_renders_deterministically(fam, pubs, docs):
    k = FAMILIES.index(fam)
    pub, meeting = _pick(pubs, k)
    for fmt in ("txt", "html"):
        again = render(pub, meeting, fam, fmt, seed=7)
        assert again.data == docs[fam, fmt].data, f"{fam}/{fmt} not deterministic"
        assert [vars(x) for x in again.lines] == [vars(x) for x in docs[fam, fmt].lines]


@pytest.mark.parametrize("fam", FAMILIES)
def test_gold_describes_the_rendering(fam, docs):
    for fmt in FORMATS:
        doc = docs[fam, fmt]
        assert doc.items, f"{fam}/{fmt}: no gold items"
        assert doc.lines and all(gl.role in ROLES for gl in doc.lines)
        # the reader for the format gives exactly the gold lines, in order
        assert [fold(x) for x in lines_of(fmt, doc.data)] == [fold(gl.text) for gl in doc.lines], f"{fam}/{fmt}"
        for gl in doc.lines:
            assert (gl.section in SECTION_NAMES) == (gl.role == "section"), gl
            if gl.content is not None:
                assert gl.role == "section" and fold(gl.text).endswith(fold(gl.content))
            if gl.item is not None:
                assert 0 <= gl.item < len(doc.items)
        headers = [gl for gl in doc.lines if gl.role == "item"]
        assert len(headers) == sum(1 for it in doc.items if it.number is not None or it.title is not None)
        for gl in headers:
            it = doc.items[gl.item]
            if it.number is not None:
                assert it.number in gl.text
        for k, it in enumerate(doc.items):
            heads = [fold(gl.text) for gl in doc.lines if gl.item == k and gl.role == "section"]
            for sec in it.sections:
                assert sec.name in SECTION_NAMES
                if sec.heading is not None:
                    assert any(fold(sec.heading) in h for h in heads), (fam, fmt, sec.heading)


@pytest.mark.parametrize("fam", FAMILIES)
def test_gold_lines_appear_in_the_text(fam, docs):
    doc = docs[fam, "txt"]
    text_lines = [ln.strip() for ln in doc.data.decode("utf-8").splitlines() if ln.strip()]
    assert text_lines == [gl.text for gl in doc.lines]
    text = doc.data.decode("utf-8")
    assert all(gl.text in text for gl in doc.lines)


def test_html_section_texts_are_lines(docs):
    """In HTML nothing wraps: every paragraph of every gold section is one body line or the
    content of a run-in heading of that item."""
    for fam in FAMILIES:
        doc = docs[fam, "html"]
        for k, it in enumerate(doc.items):
            mine = [gl for gl in doc.lines if gl.item == k]
            texts = {fold(gl.text) for gl in mine if gl.role == "body"}
            texts |= {fold(gl.content) for gl in mine if gl.content}
            for sec in it.sections:
                for par in filter(None, sec.text.split("\n")):
                    assert fold(par) in texts, (fam, sec.name, par)


def test_family_shapes(docs):
    lines = {fam: [gl.text for gl in docs[fam, "txt"].lines] for fam in FAMILIES}
    assert any(t.startswith("Punkt ") and ":" in t for t in lines["punkt_colon"])
    assert any(t.startswith("EMN-") for t in lines["punkt_colon"])
    assert any("Åbent punkt" in t or "Lukket punkt" in t for t in lines["pkt_sagsnr"])
    assert any(t.startswith("Sagsid.:") for t in lines["web_untitled_blocks"])
    assert all(it.number is None and it.title is None for it in docs["web_untitled_blocks", "txt"].items)
    html = docs["web_untitled_blocks", "html"]  # titles only in data-title attributes
    assert all(it.number is None for it in html.items) and any(it.title for it in html.items)
    assert html.data.count(b"data-title=") == len(html.items)
    assert any(" │ " in t for t in lines["web_table"])
    two = docs["two_column_ocr", "txt"]
    assert any(it.number is None for it in two.items)  # lost headers
    assert any(gl.role == "toc" for gl in docs["rar_linestart_toc", "txt"].lines)
    words = ("Beslutningssag", "Orienteringssag", "Drøftelsessag")
    assert any(it.marker in words for it in docs["type_words", "txt"].items)
    assert any(it.closed for it in docs["closed_items", "txt"].items)


def test_different_seeds_differ_and_noise_zero_is_clean(pubs):
    pub, meeting = pubs[0], pubs[0]["meetings"][0]
    a = render(pub, meeting, "rar_inline", "txt", seed=1).data
    b = render(pub, meeting, "rar_inline", "txt", seed=2).data
    assert a != b
    clean = render(pub, meeting, "web_table", "txt", seed=3, noise=0.0)
    assert all(it.number is not None for it in clean.items)
    glued = render(pub, meeting, "rar_inline", "txt", seed=3, noise=0.0)
    assert not any(gl.role == "section" and gl.content is not None and not gl.text.startswith(
        tuple(s.heading + ":" for it in glued.items for s in it.sections if s.heading)) for gl in glued.lines)


def test_pdf_is_deterministic(pubs):
    pub, meeting = pubs[1], pubs[1]["meetings"][0]
    assert render(pub, meeting, "decision_line", "pdf", seed=4).data == \
        render(pub, meeting, "decision_line", "pdf", seed=4).data


def test_generate_is_deterministic_and_covers_publishers(pubs):
    kw = {"fmts": ("txt",), "seed": 5, "families": ["punkt_colon", "closed_items"], "per_family": 3,
          "publishers": pubs}
    first = list(generate(**kw))
    second = list(generate(**kw))
    assert len(first) == 6
    assert [d.data for d in first] == [d.data for d in second]
    assert len({d.publisher for d in first if d.family == "punkt_colon"}) == 2
    # a family's documents do not depend on which other families are asked for
    alone = list(generate(**{**kw, "families": ["closed_items"]}))
    assert [d.data for d in alone] == [d.data for d in first if d.family == "closed_items"]


def test_content_files_follow_the_schema():
    for pub in load_publishers():
        for key in ("publisher", "publisher_kind", "body", "meetings"):
            assert key in pub, (pub["_file"], key)
        for m in pub["meetings"]:
            assert m["kind"] in ("referat", "dagsorden", "beslutningsprotokol"), pub["_file"]
            for it in m["items"]:
                assert isinstance(it.get("number"), str) and it.get("title"), (pub["_file"], it.get("number"))
                for sec in it.get("sections") or []:
                    assert sec["name"] in SECTION_NAMES, (pub["_file"], sec["name"])
    own = json.loads(OWN[0].read_text(encoding="utf-8"))
    assert own["publisher_kind"] == "rar"


@pytest.mark.skipif(not docx_available(), reason="python-docx not installed")
def test_docx(pubs):
    pub, meeting = pubs[1], pubs[1]["meetings"][0]
    for fam in ("web_table", "lbr_protocol", "two_column_ocr"):
        doc = render(pub, meeting, fam, "docx", seed=7)
        assert doc.data[:2] == b"PK" and doc.items
        assert [fold(x) for x in lines_of("docx", doc.data)] == [fold(gl.text) for gl in doc.lines]
