"""Small PDFs written by the tests themselves with fpdf2: known lines on known pages."""

from __future__ import annotations


def _fpdf(header: str | None = None, footer: bool = False):
    from fpdf import FPDF

    class Paper(FPDF):
        def header(self):
            if header:
                self.set_font("Helvetica", size=9)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self):
            if footer:
                self.set_y(-15)
                self.set_font("Helvetica", size=9)
                self.cell(0, 6, f"Page {self.page_no()}", align="C")

    pdf = Paper()
    pdf.set_auto_page_break(False)
    return pdf


def lines_pdf(pages: list[list[str]], header: str | None = None, footer: bool = False) -> bytes:
    """One PDF page per list; each string is one printed line, "" a blank line.

    Lines are placed exactly as given so tests control where lines wrap and hyphenate.
    """
    pdf = _fpdf(header, footer)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def text_pdf(text: str, encrypt: bool = False) -> bytes:
    """A one-page PDF of wrapped text, optionally locked with a user password."""
    pdf = _fpdf()
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def image_only_pdf(pages: int = 2) -> bytes:
    """Pages with drawing only: what a scan without OCR looks like to a text extractor."""
    pdf = _fpdf()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())
