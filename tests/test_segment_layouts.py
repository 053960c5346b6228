"""Our own real-shaped fixtures of each layout family pass as tests.

One invented meeting per family (training/layouts), rendered as txt, HTML, PDF (and .docx when
python-docx imports) with a seed the shipped labeller was not trained on (training uses seed 0),
read with the project's reader and segmented by the shipped ``rar_segmenter``. Each family and
format must reach the item and section F1 of ``score_synthetic``; a few are known to be lower
and have their own floor in ``LOWER`` (measured value minus a small margin).

``python -m tests.test_segment_layouts`` prints the measured table.
"""

from __future__ import annotations

import re

import pytest

from nlp.evaluation.segmentation import norm_title, records_of, score_synthetic
from nlp.read import read_bytes
from training.layouts import FAMILIES, docx_available, generate

SEED = 7  # training renders seed 0
FORMATS = ("txt", "html", "pdf") + (("docx",) if docx_available() else ())
ITEM_F1 = 0.85
SECTION_F1 = 0.7
# (family, format) -> (item F1 floor, section F1 floor), where the shipped model measures below the
# defaults. Floors are the measured value less ~0.05; item floors never go below 0.6.
# Measured 2026-12-02 with models/segmenter/labeller.json of 01:19 UTC (see the module docstring).
LOWER: dict[tuple[str, str], tuple[float, float]] = {
    # Headers mostly lost (3 of 8 items merge into a neighbour: item F1 0.769 everywhere) and each
    # item's label block is read before its contents, so labels pair with the wrong text (section
    # F1 txt 0.263, html 0.105, pdf 0.372, docx 0.105). These floors only guard against regression.
    ("two_column_ocr", "txt"): (0.70, 0.20),
    ("two_column_ocr", "html"): (0.70, 0.05),
    ("two_column_ocr", "pdf"): (0.70, 0.30),
    ("two_column_ocr", "docx"): (0.70, 0.05),
    ("type_words", "txt"): (ITEM_F1, 0.55),  # section F1 0.600 with the current labeller: extra sections (P 0.56)
}


def floors(fam: str, fmt: str) -> tuple[float, float]:
    item, section = LOWER.get((fam, fmt), (ITEM_F1, SECTION_F1))
    return max(0.6, min(item, ITEM_F1)), min(section, SECTION_F1)


class Fixtures:
    """Renders a family's meeting in every format on first use and segments each once."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self._docs: dict[tuple[str, str], object] = {}
        self._out: dict[tuple[str, str], tuple] = {}

    def doc(self, fam: str, fmt: str):
        if (fam, fmt) not in self._docs:
            for sd in generate(fmts=FORMATS, seed=SEED, families=[fam], per_family=1):
                self._docs[fam, sd.fmt] = sd
        return self._docs[fam, fmt]

    def segmented(self, fam: str, fmt: str) -> tuple:
        """(SynDoc, RawDocument, records)"""
        if (fam, fmt) not in self._out:
            sd = self.doc(fam, fmt)
            raw = read_bytes(sd.data, source=sd.name, fmt=sd.fmt)
            self._out[fam, fmt] = sd, raw, records_of(self.nlp, raw)
        return self._out[fam, fmt]

    def scores(self, fam: str, fmt: str) -> tuple[dict, dict]:
        sd, _, records = self.segmented(fam, fmt)
        return score_synthetic(sd, records)


@pytest.fixture(scope="module")
def fixtures() -> Fixtures:
    from nlp.pipeline import load

    return Fixtures(load(base="blank", components=["rar_segmenter"]))


def _show(prf: dict) -> str:
    return f"F1 {prf['f1']:.3f} (P {prf['precision']:.3f} R {prf['recall']:.3f}; " \
           f"{prf['tp']} right of {prf['pred']} predicted, {prf['gold']} gold)"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("fam", FAMILIES)
def test_family_segments(fixtures, fam, fmt):
    items, sections = fixtures.scores(fam, fmt)
    item_floor, section_floor = floors(fam, fmt)
    assert items["f1"] >= item_floor, f"{fam}/{fmt} items: {_show(items)} < {item_floor}"
    assert sections["f1"] >= section_floor, f"{fam}/{fmt} sections: {_show(sections)} < {section_floor}"


def _fold(s: str) -> str:
    """Case and white space folded, PDF hyphenation at a line end undone."""
    s = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", s)
    return re.sub(r"\s+", " ", s).strip().lower()


@pytest.mark.parametrize("fam", ["rar_inline", "pkt_sagsnr", "closed_items"])
def test_pdf_items_carry_offsets_into_the_text_as_read(fixtures, fam):
    _, raw, records = fixtures.segmented(fam, "pdf")
    assert records, f"{fam}/pdf: no items"
    prev_end = 0
    for rec in records:
        assert "orig_start" in rec and "orig_end" in rec, rec
        a, b = rec["orig_start"], rec["orig_end"]
        assert prev_end <= a < b <= len(raw.text), (fam, rec["number"], a, b, prev_end)
        prev_end = b
        span = _fold(raw.text[a:b])
        head = span[:400]
        if rec["number"]:
            assert rec["number"].rstrip(".") in head, (fam, rec["number"], head[:120])
        if rec["title"]:
            first = norm_title(rec["title"]).split()[0]
            assert first in head, (fam, rec["title"], head[:120])
        for name, sec in rec["sections"].items():
            for part in sec.get("parts", [sec]):
                if "orig_start" in part:
                    assert a <= part["orig_start"] <= part["orig_end"] <= b, (fam, rec["number"], name, part)
            text = _fold(sec.get("text", ""))
            if text:
                words = text.split()[:3]
                assert " ".join(words) in span, (fam, rec["number"], name, words)


def _same_item(g, rec: dict) -> bool:
    """Number as printed; the title too when the gold has one (a bare "Lukket punkt" header has none)."""
    if (g.number or "").rstrip(".") != (rec["number"] or "").rstrip("."):
        return False
    return g.title is None or norm_title(g.title) == norm_title(rec["title"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_closed_items_are_closed_in_the_records(fixtures, fmt):
    sd, _, records = fixtures.segmented("closed_items", fmt)
    assert any(g.closed for g in sd.items), "closed_items renders no closed item"
    for g in sd.items:
        rec = next((r for r in records if _same_item(g, r)), None)
        if g.closed:
            assert rec is not None, f"closed_items/{fmt}: closed item {g.number} {g.title!r} not found in " \
                                    f"{[(r['number'], r['title']) for r in records]}"
        if rec is not None:  # a missed open item is the F1 test's business
            assert rec["closed"] is bool(g.closed), f"closed_items/{fmt}: {g.number} {g.title!r} " \
                                                    f"closed={g.closed}, record closed={rec['closed']}"


def main() -> None:  # pragma: no cover - a measuring aid, not a test
    import time

    from nlp.pipeline import load

    t0 = time.perf_counter()
    fx = Fixtures(load(base="blank", components=["rar_segmenter"]))
    print(f"{'family':26} " + "  ".join(f"{f + ' items/sections':>22}" for f in FORMATS))
    for fam in FAMILIES:
        cells = []
        for fmt in FORMATS:
            i, s = fx.scores(fam, fmt)
            item_floor, section_floor = floors(fam, fmt)
            flag = "" if i["f1"] >= item_floor and s["f1"] >= section_floor else " !"
            cells.append(f"{i['f1']:.3f} / {s['f1']:.3f}{flag:2}".rjust(22))
        print(f"{fam:26} " + "  ".join(cells), flush=True)
    print(f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":  # pragma: no cover
    main()
