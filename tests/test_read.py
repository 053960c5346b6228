"""Reading: formats, encodings, and a clear error for every kind of bad file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp.doc import run_state
from nlp.normalize import normalize
from nlp.read import Block, ReadError, iter_paths, read_bytes, read_document, strip_page_furniture
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
    for rel in ("a/x.txt", "a/b/y.pdf", "a/b/z.html", "a/w.docx", "a/ignored.odt"):
        (tmp_path / rel).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a/b/y.pdf", "a/b/z.html", "a/w.docx", "a/x.txt"]


# --------------------------------------------------------------------------------------------
# Layout blocks (structure-aware reading)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _pdf():
    """An fpdf2 document with a Unicode font ("body" regular/bold), DejaVu when installed."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSans-Bold.ttf").exists():
        pdf.add_font("body", "", str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("body", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        pdf.body_font = "body"
    else:  # core font: Latin-1, enough for æøå
        pdf.body_font = "Helvetica"
    return pdf


def _text_of(raw, block: Block) -> str:
    return raw.text[block.start:block.end]


def test_block_dict_round_trip():
    b = Block(3, 10, page=0, size=1.25, bold=True, x=0.1, tag="h2", level=2)
    d = b.to_dict()
    assert d == {"start": 3, "end": 10, "page": 0, "size": 1.25, "bold": True, "x": 0.1, "tag": "h2", "level": 2}
    assert Block.from_dict(d) == b
    assert Block(0, 5, bold=False, list_item=False).to_dict() == {"start": 0, "end": 5}


def test_pdf_headings_bold_and_larger(tmp_path):
    pdf = _pdf()
    for page in range(2):
        pdf.add_page()
        pdf.set_font(pdf.body_font, size=8)
        pdf.cell(0, 5, "Referat af RAR Nordjyllands møde den 2. juni 2025", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font(pdf.body_font, "B", 15)
        pdf.cell(0, 8, f"{page + 1}. Orientering om ledighed på Sjælland", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.body_font, size=10)
        pdf.cell(0, 5, f"Rådet får {('en', 'igen en')[page]} orientering om ledigheden og om", new_x="LMARGIN",
                 new_y="NEXT")
        pdf.cell(0, 5, "beskæfti-", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 5, "gelsesindsatsen i de større byer.", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        for k in range(6):  # the pages' own text (the first and last lines of a page are furniture candidates)
            pdf.cell(0, 5, f"Afsnit {page}.{k}: sekretariatet har samlet {k + 3 * page} nye opgørelser.",
                     new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.set_font(pdf.body_font, size=8)
        pdf.cell(0, 5, f"Side {page + 1} af 2", align="C")
    path = tmp_path / "overskrifter.pdf"
    pdf.output(str(path))
    raw = read_document(path)
    assert "Referat af RAR" not in raw.text and "Side 1" not in raw.text  # furniture stays out
    heads = [b for b in raw.blocks if _text_of(raw, b).startswith(("1. Orientering", "2. Orientering"))]
    assert [b.page for b in heads] == [0, 1]
    assert all(b.bold and b.size is not None and b.size > 1.3 for b in heads)
    assert "Sjælland" in _text_of(raw, heads[0])
    body = next(b for b in raw.blocks if _text_of(raw, b).startswith("Rådet får"))
    assert body.size == 1.0 and not body.bold and body.x is not None and 0.03 < body.x < 0.08
    assert "beskæfti-\ngelsesindsatsen" in _text_of(raw, body)  # hyphenation is the normaliser's job
    assert "beskæftigelsesindsatsen" in normalize(raw.text, blocks=raw.blocks).text


@pytest.mark.parametrize("interleaved", [False, True])
def test_pdf_two_columns_reading_order(tmp_path, interleaved):
    left = [f"Venstre spalte linje {i} om rådets arbejde i år" for i in range(8)]
    right = [f"Højre spalte linje {i} om ledigheden i kommunerne" for i in range(8)]
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font(pdf.body_font, "B", 13)
    pdf.set_xy(10, 15)
    pdf.cell(0, 8, "Status for indsatsen på tværs af området i hele regionen")
    pdf.set_font(pdf.body_font, size=10)
    cells = [(10, left), (110, right)]
    order = [(c, i) for i in range(8) for c in range(2)] if interleaved else \
        [(c, i) for c in range(2) for i in range(8)]
    for c, i in order:  # the content stream either column by column or row by row
        x, lines = cells[c]
        pdf.set_xy(x, 30 + 5 * i)
        pdf.cell(90, 5, lines[i])
    path = tmp_path / "spalter.pdf"
    pdf.output(str(path))
    raw = read_document(path)
    expected = ["Status for indsatsen på tværs af området i hele regionen", *left, *right]
    assert [ln for ln in raw.text.splitlines() if ln.strip()] == expected
    starts = {raw.text[b.start:b.end].split()[0]: b for b in raw.blocks}
    assert starts["Venstre"].x < 0.1 < 0.5 < starts["Højre"].x  # left edges as fractions of the page width
    assert starts["Status"].bold and starts["Status"].size > 1.2


def test_pdf_labels_printed_before_content_are_read_row_by_row(tmp_path):
    pdf = _pdf()
    pdf.add_page()
    rows = [("Sagen kort", ["Rådet orienteres om status for indsatsen og", "om de nye tal for ledigheden."]),
            ("Indstilling", ["Sekretariatet indstiller, at orienteringen tages til efterretning."]),
            ("Beslutning", ["Godkendt."])]
    y = 20
    pdf.set_font(pdf.body_font, "B", 10)
    for label, _ in rows:  # all labels first in the content stream
        pdf.set_xy(10, y)
        pdf.cell(35, 5, label)
        y += 20
    pdf.set_font(pdf.body_font, size=10)
    y = 20
    for _, lines in rows:
        for k, line in enumerate(lines):
            pdf.set_xy(50, y + 5 * k)
            pdf.cell(140, 5, line)
        y += 20
    path = tmp_path / "etiketter.pdf"
    pdf.output(str(path))
    raw = read_document(path)
    lines = [ln for ln in raw.text.splitlines() if ln.strip()]
    assert lines[:3] == ["Sagen kort", "Rådet orienteres om status for indsatsen og", "om de nye tal for ledigheden."]
    assert lines[3:] == ["Indstilling", "Sekretariatet indstiller, at orienteringen tages til efterretning.",
                         "Beslutning", "Godkendt."]
    assert [b.bold for b in raw.blocks] == [True, False, True, False, True, False]


def test_encrypted_pdf(tmp_path):
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font(pdf.body_font, size=10)
    pdf.cell(0, 5, "Fortroligt referat")
    pdf.set_encryption(owner_password="ejer", user_password="bruger")
    path = tmp_path / "hemmelig.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match=r"encrypted PDF \(password protected\)") as err:
        read_document(path)
    assert "hemmelig.pdf" in str(err.value)


HTML_PAGE = """<!DOCTYPE html><html><head><title>Referat</title><style>p{}</style></head>
<body class="cookie-consent-shown">
<div id="CybotCookiebotDialog"><p>Vi bruger cookies til statistik.</p><button>Tillad alle</button></div>
<nav><ul><li>Forside</li><li>Politik og demokrati</li></ul></nav>
<div class="breadcrumb"><a href="/">Forside</a> / Dagsordener og referater</div>
<main>
<h1>Referat · Beskæftigelsesudvalget · 4. marts 2025</h1>
<table>
<tr><th>Nr.</th><th>Punkt</th><th>Sag</th></tr>
<tr><td>1</td><td>Godkendelse af <b>dagsorden</b></td><td>EMN-2025-000123</td></tr>
<tr><td>2</td><td><a href="#p2">Status på ungeindsatsen</a></td><td>EMN-2025-000124</td></tr>
</table>
<article>
<h2><span>1.</span> <span>Godkendelse af dagsorden</span></h2>
<a href="punkt1.pdf">Hent som PDF</a>
<h3>Beslutning</h3><p>Godkendt<br>uden bemærkninger.</p>
<p>Kopier link</p>
</article>
<section data-title="2. Status på ungeindsatsen">
<button class="accordion__toggle" aria-expanded="false" aria-controls="p2">Fold ud</button>
<div id="p2" hidden><h3>Sagen kort</h3><p>Udvalget orienteres om status.</p></div>
</section>
<div class="accordion-item">
<button aria-expanded="false" aria-label="3. Nøgletal for jobcentret">Klik her for at folde ud</button>
<div class="accordion-body"><p>Ledigheden er faldet.</p></div></div>
<details><summary>4. Eventuelt</summary><p>Intet.</p></details>
<p style="display: none">Skjult afsnit</p>
<div class="modal" role="dialog"><p>Del siden med en kollega</p></div>
<ul><li>Første punkt</li><li>Andet punkt</li></ul>
<p>Udskriv</p>
</main>
<footer><p>Kontakt kommunen</p></footer><script>var x = 1;</script>
</body></html>"""


def test_html_blocks(tmp_path):
    p = tmp_path / "referat.html"
    p.write_text(HTML_PAGE, encoding="utf-8")
    raw = read_document(p)
    for gone in ("cookies", "Tillad", "Forside", "Dagsordener og", "Hent som PDF", "Kopier link", "Fold ud",
                 "Klik her", "Skjult", "Del siden", "Udskriv", "Kontakt", "var x"):
        assert gone not in raw.text, gone
    by_text = {_text_of(raw, b): b for b in raw.blocks}
    assert by_text["Referat · Beskæftigelsesudvalget · 4. marts 2025"].level == 1
    rows = [b for b in raw.blocks if b.tag == "tr"]
    assert [_text_of(raw, b) for b in rows] == ["Nr. │ Punkt │ Sag", "1 │ Godkendelse af dagsorden │ EMN-2025-000123",
                                                "2 │ Status på ungeindsatsen │ EMN-2025-000124"]
    assert [(b.row, b.cells) for b in rows] == [(0, 3), (1, 3), (2, 3)]
    h2 = by_text["1. Godkendelse af dagsorden"]  # inline spans on one line
    assert (h2.tag, h2.level) == ("h2", 2)
    assert by_text["Godkendt\nuden bemærkninger."].tag == "p"  # <br> breaks the line inside the block
    titles = [_text_of(raw, b) for b in raw.blocks if b.tag == "title-attr"]
    assert titles == ["2. Status på ungeindsatsen", "3. Nøgletal for jobcentret"]
    assert "Udvalget orienteres om status." in raw.text  # a collapsed accordion panel is content
    assert by_text["4. Eventuelt"].tag == "summary"
    assert [b.list_item for b in raw.blocks if b.tag == "li"] == [True, True]
    lines = raw.text.splitlines()
    assert lines.index("2. Status på ungeindsatsen") < lines.index("Sagen kort") < lines.index(
        "3. Nøgletal for jobcentret") < lines.index("Ledigheden er faldet.") < lines.index("4. Eventuelt")


def test_html_title_attribute_not_repeated_when_printed():
    html = (b'<html><body><section data-title="5. Budget"><h2>5. Budget</h2><p>Tekst.</p></section>'
            b'<div class="item" title="6. Eventuelt"><p>Intet.</p></div></body></html>')
    raw = read_bytes(html, source="x.html", fmt="html")
    assert raw.text.splitlines() == ["5. Budget", "", "Tekst.", "", "6. Eventuelt", "", "Intet."]
    assert [b.tag for b in raw.blocks] == ["h2", "p", "title-attr", "p"]


def _docx(path: Path) -> Path:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.add_heading("Referat af mødet i RAR Østjylland", level=1)
    d.add_paragraph("Mødet blev holdt den 3. april 2025 i Århus.")
    d.add_heading("Godkendelse af dagsorden", level=2)
    d.add_paragraph().add_run("Beslutning").bold = True
    d.add_paragraph("Dagsordenen blev godkendt.")
    d.add_paragraph("Første punkt på listen", style="List Number")
    d.add_paragraph("Andet punkt på listen", style="List Number")
    small = d.add_paragraph().add_run("Sagsbehandler: ABC")
    small.font.size = Pt(8)
    table = d.add_table(rows=3, cols=3)
    for i, row in enumerate([("Nr.", "Punkt", "Type"), ("1", "Godkendelse af dagsorden", "B"),
                             ("2", "Status på ungeindsatsen", "O")]):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    d.add_page_break()
    d.add_paragraph("Mødet sluttede kl. 16.")
    d.save(str(path))
    return path


def test_docx_headings_bold_lists_and_tables(tmp_path):
    raw = read_document(_docx(tmp_path / "referat.docx"))
    assert raw.format == "docx"
    by_text = {_text_of(raw, b): b for b in raw.blocks}
    h1 = by_text["Referat af mødet i RAR Østjylland"]
    assert (h1.tag, h1.level, h1.bold, h1.page) == ("h1", 1, True, 0) and h1.size > 1.1
    assert (by_text["Godkendelse af dagsorden"].tag, by_text["Godkendelse af dagsorden"].level) == ("h2", 2)
    assert by_text["Beslutning"].bold and by_text["Beslutning"].size == 1.0
    assert not by_text["Dagsordenen blev godkendt."].bold
    assert by_text["Sagsbehandler: ABC"].size < 0.8
    assert by_text["1. Første punkt på listen"].list_item  # Word's numbering printed into the text
    assert "2. Andet punkt på listen" in by_text
    rows = [b for b in raw.blocks if b.tag == "tr"]
    assert [_text_of(raw, b) for b in rows][1] == "1 │ Godkendelse af dagsorden │ B"
    assert [(b.row, b.cells) for b in rows] == [(0, 3), (1, 3), (2, 3)]
    assert by_text["Mødet sluttede kl. 16."].page == 1


def test_docx_text_in_content_controls_links_and_insertions(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.add_paragraph("Indledning.")
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(  # a block content control (templates put fields in these)
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>Mødedato: 3. april 2025</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    body.insert(len(body) - 1, parse_xml(
        f'<w:p {w}><w:r><w:t xml:space="preserve">Se </w:t></w:r><w:ins w:id="1" w:author="A"><w:r>'
        f'<w:t xml:space="preserve">bilag </w:t></w:r></w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>gammelt'
        f'</w:delText></w:r></w:del><w:hyperlink><w:r><w:t>her</w:t></w:r></w:hyperlink></w:p>'))
    path = tmp_path / "felter.docx"
    d.save(str(path))
    raw = read_document(path)
    assert raw.text.splitlines() == ["Indledning.", "Mødedato: 3. april 2025", "Se bilag her"]


def test_docx_sniffed_and_corrupt(tmp_path):
    good = _docx(tmp_path / "referat.docx")
    unknown = tmp_path / "referat.bin"
    unknown.write_bytes(good.read_bytes())
    assert read_document(unknown).format == "docx"
    renamed = tmp_path / "referat.txt"
    renamed.write_bytes(good.read_bytes())
    with pytest.raises(ReadError, match="docx file with a text suffix"):
        read_document(renamed)
    bad = tmp_path / "klip.docx"
    bad.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(ReadError, match="corrupt docx") as err:
        read_document(bad)
    assert "klip.docx" in str(err.value)
    import zipfile

    nodoc = tmp_path / "tom.docx"
    with zipfile.ZipFile(nodoc, "w") as zf:
        zf.writestr("word/styles.xml", "<x/>")
    with pytest.raises(ReadError, match=r"no word/document\.xml"):
        read_document(nodoc)
    ole = tmp_path / "gammel.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ReadError, match=r"encrypted \.docx or a legacy Word \.doc"):
        read_document(ole)


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.replace("-\n", "").split()) == " ".join(b.split())


@pytest.mark.parametrize("kind", ["pdf", "html", "docx"])
def test_blocks_survive_normalize(tmp_path, kind):
    if kind == "pdf":
        pdf = _pdf()
        pdf.add_page()
        pdf.set_font(pdf.body_font, "B", 14)
        pdf.cell(0, 8, "2. Status på ungeindsatsen (O)", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.body_font, size=10)
        for line in ("Sagen kort: Udvalget orienteres om status for den", "særlige indsats for unge ledige i",
                     "kommunerne, som blev igangsat i foråret.", ""):
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.body_font, "B", 10)
        pdf.cell(0, 5, "beslutning", new_x="LMARGIN", new_y="NEXT")  # lower-case, yet a block of its own
        pdf.set_font(pdf.body_font, size=10)
        pdf.cell(0, 5, "Taget til efterretning.", new_x="LMARGIN", new_y="NEXT")
        path = tmp_path / "a.pdf"
        pdf.output(str(path))
    elif kind == "html":
        path = tmp_path / "a.html"
        path.write_text(HTML_PAGE, encoding="utf-8")
    else:
        path = _docx(tmp_path / "a.docx")
    raw = read_document(path)
    norm = normalize(raw.text, blocks=raw.blocks)
    mapped = norm.meta()["blocks"]
    assert len(mapped) == len(raw.blocks)
    for b, m in zip(raw.blocks, mapped, strict=True):
        assert {k: v for k, v in m.items() if k not in ("start", "end")} == \
            {k: v for k, v in b.to_dict().items() if k not in ("start", "end")}
        assert m["start"] == 0 or norm.text[m["start"] - 1] == "\n"  # a block starts a line
        got = norm.text[m["start"]:m["end"]]
        assert _same_words(raw.text[b.start:b.end], got.replace("•", "·")), (raw.text[b.start:b.end], got)
    if kind == "pdf":
        lines = norm.text.splitlines()
        assert "beslutning" in lines  # never joined to the line before
        assert "Sagen kort: Udvalget orienteres om status for den særlige indsats for unge ledige i kommunerne, " \
               "som blev igangsat i foråret." in lines  # wrapped lines inside one block are joined


def test_block_start_is_a_hard_break():
    text = "Rådet drøftede beskæf-\ntigelsesindsatsen og\nvedtog planen."
    joined = normalize(text).text
    assert joined == "Rådet drøftede beskæftigelsesindsatsen og vedtog planen."
    blocks = [Block(0, 22), Block(23, 43), Block(44, len(text))]
    norm = normalize(text, blocks=blocks)
    assert norm.text == text  # neither the hyphen nor the wrap is joined across a block start
    assert [norm.text[b["start"]:b["end"]] for b in norm.blocks] == text.split("\n")
    inside = normalize(text, blocks=[Block(0, len(text))])
    assert inside.text == joined and inside.blocks == [{"start": 0, "end": len(joined)}]


def test_furniture_blocks_are_dropped():
    text = ("Referat af RAR Fyns møde den 3. marts 2025 1\nSagen kort\n\n"
            "Referat af RAR Fyns møde den 3. marts 2025 2\nSlut")
    starts = [0, 45, 57, 102]
    blocks = [Block(s, text.index("\n", s) if "\n" in text[s:] else len(text)) for s in starts]
    norm = normalize(text, blocks=blocks)
    assert "Referat af" not in norm.text
    assert [norm.text[b["start"]:b["end"]] for b in norm.blocks] == ["Sagen kort", "Slut"]


def test_make_doc_puts_blocks_in_user_data(tmp_path):
    import spacy

    from nlp.pipeline import NormalizingTokenizer, make_doc

    nlp = spacy.blank("da")
    nlp.tokenizer = NormalizingTokenizer(nlp.tokenizer)
    p = tmp_path / "referat.html"
    p.write_text(HTML_PAGE, encoding="utf-8")
    raw = read_document(p)
    doc = make_doc(nlp, raw)
    blocks = run_state(doc)["norm"]["blocks"]
    assert blocks and all(set(b) >= {"start", "end"} for b in blocks)
    h2 = next(b for b in blocks if b.get("tag") == "h2")
    assert doc.text[h2["start"]:h2["end"]] == "1. Godkendelse af dagsorden" and h2["level"] == 2
    assert nlp(doc) is doc and run_state(doc)["norm"]["blocks"] == blocks  # components see them
    import srsly

    assert srsly.msgpack_loads(srsly.msgpack_dumps(run_state(doc)["norm"]))["blocks"] == blocks
    txt = make_doc(nlp, read_bytes(b"Sagen kort\nTekst.\n", source="a.txt", fmt="txt"))
    assert run_state(txt)["norm"]["blocks"] == []
