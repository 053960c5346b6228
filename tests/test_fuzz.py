"""Property tests: the normaliser and segmenter never crash and keep their invariants on
random text and on random cuts and splices of documents."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.normalize import normalize
from nlp.segment import segment_text

from .synthetic import meeting, ocr_damage, render_agenda, render_inline, render_linestart, render_two_column

LAYOUTS = [render_inline(meeting()), render_linestart(meeting()), render_agenda(meeting()),
           ocr_damage(render_two_column(meeting()), seed=2)]
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
PIECES = st.sampled_from(["Sagen kort:", "Anledning", "Indstilling", "Beslutning", "Bilag", "- 1.1. Titel (B)",
                          "2. Gruppe", "\n", "\n\n", "ae", "mgde", "dagsor-\n", "\uf0b7 ", "(D/B)", "7\n",
                          "Referat af RAR Fyns møde den 1. maj 2024\n", "https://rar-bm.dk/x\n", "....3\n"])


def check(text: str) -> None:
    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text)
    o, e = norm.offsets.starts, norm.offsets.ends
    assert o.min() >= 0 and e.max() <= len(text) and (e >= o).all()
    _, items = segment_text(norm.text, norm.meta()["removed_headers"])
    prev_end = 0
    for it in items:
        assert 0 <= it.start <= it.end <= len(norm.text)
        assert it.start >= prev_end, "items overlap"
        prev_end = it.end
        for s in it.sections:
            assert it.start <= s.start <= s.end <= it.end, "section outside its item"


FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_text(text):
    check(text)


@FAST
@given(st.lists(st.one_of(PIECES, st.text(alphabet=ALPHABET, max_size=30)), max_size=40))
def test_random_rar_like_pieces(pieces):
    check(" ".join(pieces))


@FAST
@given(st.sampled_from(LAYOUTS), st.integers(0, 10_000), st.integers(0, 10_000))
def test_random_cuts(doc, a, b):
    a, b = sorted((a % (len(doc) + 1), b % (len(doc) + 1)))
    check(doc[a:b])


@FAST
@given(st.lists(st.tuples(st.sampled_from(LAYOUTS), st.integers(0, 10_000), st.integers(0, 3000)),
                min_size=2, max_size=5))
def test_random_splices(parts):
    check("".join(doc[s % len(doc):(s % len(doc)) + n] for doc, s, n in parts))
