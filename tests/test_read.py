"""Reading: formats, encodings, and a clear error for every kind of bad file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp.normalize import normalize
from nlp.read import ReadError, iter_paths, read_document, strip_page_furniture
from nlp.segment import segment_text

SAMPLE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"


def make_pdf(path: Path, lines: list[str], *, header: str | None = None, per_page: int = 40) -> Path:
    """A real PDF (fpdf2, core font) with an optional running header and page numbers."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for start in range(0, len(lines), per_page):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        if header:
            pdf.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
        for line in lines[start:start + per_page]:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.cell(0, 5, str(pdf.page_no()), align="C")
    pdf.output(str(path))
    return path


def test_utf8_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Rådet godkendte dagsordenen.\n", encoding="utf-8")
    raw = read_document(p)
    assert raw.text.startswith("Rådet") and raw.encoding == "utf-8" and not raw.warnings
    assert len(raw.doc_id) == 64


def test_cp1252_falls_back_with_warning(tmp_path):
    p = tmp_path / "gammel.txt"
    p.write_bytes("Beslutning: Rådet drøftede sagen – og godkendte den.\n".encode("cp1252"))
    raw = read_document(p)
    assert "Rådet drøftede sagen – og" in raw.text
    assert raw.encoding == "cp1252"
    assert any("cp1252" in w for w in raw.warnings)


def test_html_minutes(tmp_path):
    p = tmp_path / "referat.html"
    p.write_text("<html><head><style>p{}</style><script>var x=1;</script></head><body><nav>Menu</nav>"
                 "<h2>1. Godkendelse af dagsorden</h2><p>Sagen kort: Rådet godkender dagsordenen.</p>"
                 "<p>Beslutning: Godkendt.</p></body></html>", encoding="utf-8")
    raw = read_document(p)
    assert "Sagen kort: Rådet godkender dagsordenen." in raw.text
    assert "var x" not in raw.text and "Menu" not in raw.text


def test_pdf_text_layer_without_headers_and_page_numbers(tmp_path):
    lines = [ln.replace("–", "-") for ln in SAMPLE.read_text(encoding="utf-8").splitlines()]
    pdf = make_pdf(tmp_path / "referat.pdf", lines, header="Referat af RAR Fyns møde den 14. marts 2025",
                   per_page=25)
    raw = read_document(pdf)
    assert raw.format == "pdf"
    assert raw.text.count("Referat af RAR Fyns møde den 14. marts 2025") == 0
    assert "Godkendt som indstillet." in raw.text
    _, items = segment_text(normalize(raw.text).text)
    assert [it.number for it in items] == ["1.1", "1.2", "2.1", "2.2", "3.1"]


def test_page_furniture_needs_repetition():
    pages = [["Referat af mødet 2025", "Sagen kort", "1"], ["Referat af mødet 2025", "Beslutning", "Side 2"],
             ["Referat af mødet 2025", "Slut", "3"]]
    assert strip_page_furniture(pages) == ["Sagen kort", "Beslutning", "Slut"]
    assert strip_page_furniture([["Overskrift", "Tekst"]]) == ["Overskrift\nTekst"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n  ", "empty file"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 100, "binary file"),
        ("control.txt", bytes(range(1, 9)) * 500, "binary file"),
        ("garbage.pdf", b"%PDF-1.7\n this is not a pdf at all", "corrupt or truncated PDF"),
        ("renamed.txt", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "PDF file with a text suffix"),
    ],
)
def test_bad_inputs_name_file_and_reason(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_document(p)
    assert reason in str(err.value)
    assert str(p) in str(err.value)


def test_truncated_pdf(tmp_path):
    good = make_pdf(tmp_path / "good.pdf", ["Sagen kort: Rådet godkender dagsordenen."] * 30)
    data = good.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(ReadError) as err:
        read_document(cut)
    assert "cut.pdf" in str(err.value)
    assert "PDF" in err.value.reason


def test_pdf_without_text_layer(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a "scanned" page: graphics, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match="no text layer"):
        read_document(path)


def test_missing_and_directory(tmp_path):
    with pytest.raises(ReadError, match="file not found"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="directory"):
        read_document(tmp_path)


def test_unreadable_via_os_error(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text("tekst")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(ReadError, match=r"unreadable \(Permission denied"):
        read_document(p)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("tekst")
    p.chmod(0)
    with pytest.raises(ReadError, match="unreadable"):
        read_document(p)


def test_iter_paths_recursive(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for rel in ("a/x.txt", "a/b/y.pdf", "a/b/z.html", "a/ignored.docx"):
        (tmp_path / rel).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a/b/y.pdf", "a/b/z.html", "a/x.txt"]
