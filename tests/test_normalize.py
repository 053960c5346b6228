"""Normalising: hyphenation, paragraphs, page furniture, bullets, OCR repair, offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.normalize import OffsetMap, apply_edits, normalize, repair_token

from .synthetic import meeting, ocr_damage, render_inline


def test_hyphenation_across_lines():
    text = "Sekretariatet har udfærdiget dagsor-\n\nden til mødet og sendt den til Råds- og Formandskabsmøder.\n"
    assert "dagsorden til mødet" in normalize(text).text
    assert "Råds- og Formandskabsmøder" in normalize(text).text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("uddannelse af nye SOSU-\nassistenter i kommunerne", "SOSU-assistenter"),
        ("kommunerne Herning og Ikast-\nBrande deltager", "Ikast-Brande"),
        ("både voksen-, efter-\nog videreuddannelse", "efter- og videreuddannelse"),
        ("se https://rar-bm.dk/rar-\nvestjylland/moeder/ for referater", "https://rar-bm.dk/rar-vestjylland/moeder/"),
        ("indsatsen for virk-\nsomhederne i regionen", "virksomhederne"),
    ],
)
def test_real_hyphens_kept_and_soft_ones_joined(raw, expected):
    assert expected in normalize(raw).text


def test_wrapped_lines_become_paragraphs_but_labels_stay():
    text = ("Sagen kort: Rådet skal drøfte fælles potentialer og indsatser i samspillet mellem\n\n"
            "beskæftigelsesindsatsen og erhvervsfremmeindsatsen.\n\nIndstilling: Det indstilles, at Rådet drøfter.\n")
    out = normalize(text).text
    assert "samspillet mellem beskæftigelsesindsatsen" in out
    assert "\nIndstilling: Det indstilles" in out


def test_running_headers_page_numbers_links_and_toc():
    text = (
        "- 1.1.1 Referater (O).......................4\n\n"
        "Sagsfremstilling Referatet findes på https://rar-bm.dk/rar-nordjylland/moeder/ hvor det er lagt.\n"
        "Mere tekst om sagen.\n\n7\nReferat af RAR Nordjyllands møde den 28. januar 2020\n"
        "Endnu mere tekst.\nhttps://rar-bm.dk/rar-nordjylland/moeder/\n"
        "8\nReferat af RAR Nordjyllands møde den 28. januar 2020\nSidste linje.\nhttp:10.00-11.00\n"
    )
    norm = normalize(text)
    assert "Referat af RAR Nordjyllands" not in norm.text
    assert not re.search(r"^\s*[78]\s*$", norm.text, re.MULTILINE)
    assert norm.text.count("https://rar-bm.dk/rar-nordjylland/moeder/") == 1
    assert "http:10.00" not in norm.text
    assert "Referater (O)" in norm.text and "....." not in norm.text
    assert any(r[2].startswith("header:") for r in norm.removed)
    assert "Referat af RAR Nordjyllands møde den 28. januar 2020" in norm.meta()["removed_headers"][0]


def test_bullet_glyphs_normalised():
    text = "Rådet peger på:\n\uf0b7 Unge uden uddannelse\n\u2022 Besøg af STAR\n\uf0a7 Ledige akademikere\n"
    out = normalize(text).text
    assert out.count("• ") == 3 and "\uf0b7" not in out and "\uf0a7" not in out


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [("mgde", "møde"), ("Radet", "Rådet"), ("@stjylland", "Østjylland"), ("Qstjylland", "Østjylland"),
     ("beskaeftigelse", "beskæftigelse"), ("drgftelse", "drøftelse"), ("Igbende", "løbende"),
     ("p3", "på"), ("fzelles", "fælles"), ("beskaftigelsespolitiske", "beskæftigelsespolitiske")],
)
def test_ocr_token_repair(damaged, repaired):
    assert repair_token(damaged) == repaired


@pytest.mark.parametrize("word", ["møde", "Rådet", "mange", "Hans", "RAR", "STAR", "task", "fagpersoner"])
def test_ocr_leaves_known_words(word):
    assert repair_token(word) is None


def test_ocr_damaged_document_repaired_and_clean_one_untouched():
    clean = render_inline(meeting())
    damaged = ocr_damage(clean, seed=3)
    assert damaged != clean
    n_clean, n_dmg = normalize(clean), normalize(damaged)
    assert not n_clean.ocr_damaged and not n_clean.repairs
    assert n_dmg.ocr_damaged and len(n_dmg.repairs) > 20
    words = lambda t: re.findall(r"\w+", t)  # noqa: E731
    a, b = words(n_clean.text), words(n_dmg.text)
    same = sum(x == y for x, y in zip(a, b, strict=False)) / len(a)
    assert same > 0.93, same


def test_ocr_can_be_forced_off():
    damaged = ocr_damage(render_inline(meeting()), seed=1)
    assert normalize(damaged, ocr=False).repairs == []


def test_offsets_trace_back_to_the_original():
    raw = ("\uf0b7 Formandskabet har udfærdiget dagsor-\n\nden.\n\n7\n"
           "Referat af RAR Fyns møde den 1. maj 2024\nSagen kort: Rådet drøfter sagen.\n"
           "Referat af RAR Fyns møde den 1. maj 2024\n")
    norm = normalize(raw)
    for word in ("Formandskabet", "Rådet drøfter sagen"):
        i = norm.text.index(word)
        a, b = norm.orig_span(i, i + len(word))
        assert raw[a:b] == word
    i = norm.text.index("dagsorden")
    a, b = norm.orig_span(i, i + len("dagsorden"))
    assert raw[a:b].replace("-\n\n", "") == "dagsorden"


def test_offset_anchors_roundtrip():
    text, stage = apply_edits("abcdefghij", [(2, 4, ""), (6, 7, "XYZ"), (8, 8, "+")])
    assert text == "abefXYZh+ij"
    om = OffsetMap.identity(10).then(stage)
    again = OffsetMap.from_anchors(om.to_anchors(), len(text))
    assert (again.starts == om.starts).all() and (again.ends == om.ends).all()
    assert om.orig_span(4, 7) == (6, 7)  # "XYZ" stands for "g"


def _edits_by_hand(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[int], list[int]]:
    """The mapping apply_edits documents, one character at a time."""
    out, starts, ends, pos = [], [], [], 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            continue
        for i in range(pos, start):
            out.append(text[i]), starts.append(i), ends.append(i + 1)
        n, width = len(new), end - start
        for k in range(n):
            s = start + (k * width) // n
            out.append(new[k]), starts.append(s)
            ends.append(s if width == 0 else min(max(start + ((k + 1) * width) // n, s + 1), end))
        pos = end
    for i in range(pos, len(text)):
        out.append(text[i]), starts.append(i), ends.append(i + 1)
    return "".join(out), [*starts, len(text)], [*ends, len(text)]


@given(st.text(alphabet="ab \n-", max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), st.text(alphabet="XY ", max_size=5)), max_size=8))
@settings(max_examples=300, deadline=None)
def test_apply_edits_maps_every_character(text, raw_edits):
    edits = [(min(a, len(text)), min(a + w, len(text)), new) for a, w, new in raw_edits]
    got, (starts, ends) = apply_edits(text, edits)
    want, w_starts, w_ends = _edits_by_hand(text, edits)
    assert got == want
    assert starts.tolist() == w_starts and ends.tolist() == w_ends


def test_shortening_repair_maps_to_the_whole_damaged_word():
    raw = "Den regionale beskaeftigelse er i fokus. Formandskabet drgftede sagen.\n" * 20
    norm = normalize(raw, ocr=True)
    i = norm.text.index("beskæftigelse")
    a, b = norm.orig_span(i, i + len("beskæftigelse"))
    assert raw[a:b] == "beskaeftigelse"


def test_clean_corpus_documents_are_not_ocr_repaired(corpus):
    for key in ("000", "001", "002", "004"):
        norm = normalize(corpus[key].raw.text)
        assert not norm.ocr_damaged and not norm.repairs, key


def test_damaged_corpus_document_is_repaired(corpus):
    norm = normalize(corpus["003"].raw.text)
    assert norm.ocr_damaged
    fixed = {(a, b) for _, _, a, b in norm.repairs}
    for pair in [("mgde", "møde"), ("Radet", "Rådet"), ("@stjylland", "Østjylland"), ("drgftelse", "drøftelse")]:
        assert pair in fixed
    assert "Rådet" in norm.text and " mgde " not in norm.text


def test_hyphen_before_a_numbered_header_is_not_a_word_break():
    # A heading glued to an agenda's empty decision ("Beslutning-") is not half of a word
    # whose other half is the next item's header.
    raw = ("Indstilling\n\nDet indstilles, at dagsordenen godkendes.\n\nBeslutning-\n\n"
           " 2. Brancheskift til sundhedsområdet\n")
    text = normalize(raw).text
    assert "Beslutning-2." not in text
    assert re.search(r"^2\. Brancheskift", text, re.MULTILINE)
    # a number range broken at the line end is still one token
    assert "12-14 Der afholdes" in normalize("i ugerne 12-\n14 Der afholdes møder.\n").text


def test_short_labels_followed_by_blanks_do_not_make_a_paragraph_spaced_page_double_spaced():
    # Paragraphs separated by blank lines, wrapped lines not: many label-only lines (each
    # followed by a blank) must not make the normaliser treat the blank lines as spacing.
    para = ("Administrationen indstiller til udvalget for erhverv og uddannelse, at\n"
            "partnerskabet om internationale medarbejdere godkendes for en periode.\n")
    raw = "".join(f"INDSTILLING\n\nPOLITISK BEHANDLING\n\nBAGGRUND\n\n{para}\n1. at sagen godkendes.\n\n"
                  for _ in range(6))
    text = normalize(raw).text
    assert "\n\n1. at sagen godkendes." in text  # the paragraph break survives


def test_token_tail_is_the_same_token_only():
    from nlp.normalize import _token_tail

    text = "se https://x.dk/a\nbeskæf-\ntigelse og www.rar-fyn.dk/ud-\ndannelse"
    assert _token_tail(text, text.index("beskæf")) == ""  # the URL on the line before is another token
    assert _token_tail(text, text.index("ud-")) == "www.rar-fyn.dk/"
    assert _token_tail("abc", 3, limit=2) == "bc" and _token_tail("", 0) == ""


@given(st.text(alphabet="a \t\n•▪x\u00a0", max_size=30))
@settings(max_examples=500, deadline=None)
def test_inline_bullets_as_the_regex_finds_them(text):
    from nlp.normalize import _INLINE_BULLET, _inline_bullets

    assert list(_inline_bullets(text)) == [m.span() for m in _INLINE_BULLET.finditer(text)]


def test_a_link_ending_the_line_before_does_not_keep_a_line_end_hyphen():
    # The word broken at the line end is not part of the address on the line before it.
    norm = normalize("Skriv til info@rar.dk\nbeskæf-\ntigelse og uddannelse.\n")
    assert "beskæftigelse" in norm.text


def test_lone_surrogates_do_not_stop_the_normaliser():
    norm = normalize("Se https://rar.dk/a\nTekst \ud800 her.\nhttps://rar.dk/a\n")
    assert "Tekst" in norm.text
