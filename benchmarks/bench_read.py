"""PDF reading speed: the structure-aware reader (pypdfium2) against pypdf's plain ``extract_text``.

The PDF is generated once with fpdf2 from invented Danish text: 40 pages of items with bold,
larger headings, a running header, page numbers and a two-column page every tenth page.
"""

from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path

from nlp.read import read_bytes

from .common import best_of

PAGES = 40
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
WORDS = ["rådet", "beskæftigelse", "indsats", "ledige", "virksomheder", "uddannelse", "jobcentret", "kommunerne",
         "opkvalificering", "målgruppen", "økonomi", "dagpenge", "forløb", "praktik", "samarbejde", "områder",
         "løsning", "tilskud", "arbejdsmarkedet", "vurderer", "forslag", "sekretariatet", "ønsker", "drøfte",
         "særlige", "muligheder", "øget", "sygeplejersker", "pædagoger"]


def make_pdf(path: Path, pages: int = PAGES, seed: int = 7) -> Path:
    from fpdf import FPDF

    rnd = random.Random(seed)

    def para(n: int) -> str:
        words = [rnd.choice(WORDS) for _ in range(n)]
        return " ".join(words).capitalize() + "."

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSans-Bold.ttf").exists():
        pdf.add_font("body", "", str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("body", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        font = "body"
    else:
        font = "Helvetica"
    item = 0
    for page in range(pages):
        pdf.add_page()
        pdf.set_font(font, size=8)
        pdf.cell(0, 5, "Referat af RAR Sydjyllands møde den 3. april 2025", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        if page % 10 == 5:
            top = pdf.get_y()
            for col, x in enumerate((10, 110)):
                pdf.set_xy(x, top)
                pdf.set_font(font, "B", 12)
                pdf.multi_cell(90, 6, f"Spalte {col + 1}: status for indsatsen", new_x="LMARGIN", new_y="NEXT")
                pdf.set_font(font, size=10)
                for _ in range(4):
                    pdf.set_x(x)
                    pdf.multi_cell(90, 5, para(40), new_x="LMARGIN", new_y="NEXT")
                    pdf.ln(3)
        else:
            while pdf.get_y() < 230:
                item += 1
                pdf.set_font(font, "B", 14)
                pdf.multi_cell(0, 8, f"{item}. Orientering om {rnd.choice(WORDS)} (O)", new_x="LMARGIN",
                               new_y="NEXT")
                for label in ("Sagen kort", "Beslutning"):
                    pdf.set_font(font, "B", 10)
                    pdf.cell(0, 6, label, new_x="LMARGIN", new_y="NEXT")
                    pdf.set_font(font, size=10)
                    pdf.multi_cell(0, 5, para(rnd.randint(15, 60)), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(3)
        pdf.set_y(-15)
        pdf.set_font(font, size=8)
        pdf.cell(0, 5, f"Side {page + 1} af {pages}", align="C")
    pdf.output(str(path))
    return path


def main() -> None:
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        data = make_pdf(Path(tmp) / "bench.pdf").read_bytes()
    raw = read_bytes(data, source="bench.pdf", fmt="pdf")  # warm-up (imports, PDFium start)

    def ours() -> None:
        read_bytes(data, source="bench.pdf", fmt="pdf")

    def pypdf_plain() -> None:
        for page in PdfReader(io.BytesIO(data)).pages:
            page.extract_text()

    t_ours, t_pypdf = best_of(ours), best_of(pypdf_plain)
    print(f"PDF: {PAGES} pages, {len(raw.text):,} characters, {len(raw.blocks):,} blocks")
    print(f"{'pypdf extract_text (plain text only)':44} {PAGES / t_pypdf:10,.1f} pages/s")
    print(f"{'read_document (pypdfium2: blocks, order)':44} {PAGES / t_ours:10,.1f} pages/s   "
          f"{t_pypdf / t_ours:5.1f}x pypdf")
