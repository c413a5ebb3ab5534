"""Scanned PDFs: pages without a text layer are read by the real Tesseract (Debian's package)."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from assistant.cli import main
from cofnod.errors import IngestError
from cofnod.settings import IngestSettings
from ingest import build_passages, parse_file

MINUTES = (
    "Corporate Parenting Panel\n\nMinutes of the meeting held on 10 December 2024.\n\n"
    "5. Foster carer recruitment\n\n"
    "The Panel noted that 23 new foster carers had been approved since April, against a target of 30.\n\n"
    "RESOLVED that the recruitment campaign be extended to March 2025."
)
COVER = "Corporate Parenting Panel\n\nThe signed minutes follow on the next page as a scan."


def _typed(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def _scanned(text: str) -> bytes:
    """A page as a scanner gives it: an image of the printed page, with no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(_typed(text))
    out = io.BytesIO()
    pdf[0].render(scale=200 / 72, grayscale=True).to_pil().save(out, format="PDF", resolution=200)
    pdf.close()
    return out.getvalue()


def _joined(*pdfs: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _texts(path, settings=None) -> tuple[object, str]:
    doc = parse_file(path, path.name, settings)
    return doc, " ".join(p.text for p in build_passages(doc))


def test_a_scanned_page_is_read_and_keeps_its_page_and_metadata(tmp_path):
    path = tmp_path / "cpp-minutes.pdf"
    path.write_bytes(_scanned(MINUTES))
    doc, text = _texts(path)
    assert doc.ocr_pages == [1]
    assert "23 new foster carers had been approved since April" in text
    assert "RESOLVED that the recruitment campaign be extended to March 2025." in text
    assert doc.meta.date == "2024-12-10" and doc.meta.committee == "Corporate Parenting Panel"


def test_only_the_pages_without_text_are_read_by_ocr(tmp_path):
    path = tmp_path / "cpp-pack.pdf"
    path.write_bytes(_joined(_typed(COVER), _scanned(MINUTES)))
    doc = parse_file(path, path.name)
    passages = build_passages(doc)
    assert doc.ocr_pages == [2]
    assert any("signed minutes follow" in p.text for p in passages if p.page == 1)
    assert any("23 new foster carers" in p.text for p in passages if p.page == 2)


@pytest.mark.parametrize("how", ["off", "not installed"])
def test_without_ocr_a_scan_fails_saying_what_to_install(tmp_path, monkeypatch, how):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_scanned(MINUTES))
    settings = IngestSettings(ocr="off") if how == "off" else IngestSettings()
    if how == "not installed":
        monkeypatch.setattr("ingest.ocr._installed_languages", lambda: frozenset())
    with pytest.raises(IngestError, match="no text layer: needs OCR; install Tesseract .*apt-get install tesseract-ocr"):
        parse_file(path, path.name, settings)


def test_languages_not_installed_are_left_out(monkeypatch):
    from ingest.ocr import ocr_for

    monkeypatch.setattr("ingest.ocr._installed_languages", lambda: frozenset({"eng", "osd"}))
    assert ocr_for(IngestSettings(ocr_languages="eng+cym")).languages == "eng"
    assert ocr_for(IngestSettings(ocr_languages="cym")) is None


def test_ingest_says_which_pages_were_read_by_ocr_and_ask_cites_them(tmp_path, monkeypatch):
    papers, home = tmp_path / "papers", tmp_path / "home"
    papers.mkdir()
    (papers / "cpp-pack.pdf").write_bytes(_joined(_typed(COVER), _scanned(MINUTES)))
    config = tmp_path / "cofnod.toml"
    config.write_text('[ingest]\nocr = "off"\n', encoding="utf-8")
    monkeypatch.setenv("COFNOD_CONFIG", str(config))
    run = CliRunner().invoke
    assert run(main, ["ingest", str(papers), "--home", str(home)]).exit_code == 0
    asked = ["ask", "How many new foster carers have been approved since April?", "--home", str(home), "--json"]
    assert "23 new foster carers" not in run(main, asked).output  # the scan was skipped

    monkeypatch.delenv("COFNOD_CONFIG")  # OCR on: the unchanged file is read again, scan and all
    r = run(main, ["ingest", str(papers), "--home", str(home)])
    assert r.exit_code == 0 and "1 updated" in r.output
    assert "OCR: cpp-pack.pdf: page 2 read by OCR" in r.output
    answer = json.loads(run(main, asked).output)
    assert not answer["abstained"]
    assert any("23 new foster carers" in c["text"] and c["page"] == 2 for c in answer["citations"])


def test_ingest_reports_each_page_ocr_reads(tmp_path):
    from assistant.core import Assistant
    from cofnod.settings import load_settings

    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "cpp-scans.pdf").write_bytes(_joined(_scanned(MINUTES), _scanned(COVER)))
    heard: list[tuple[str, int, int]] = []
    helper = Assistant(load_settings(env={}, home=str(tmp_path / "home")))
    helper.ingest([papers], progress=lambda label, done, total: heard.append((label, done, total)))
    helper.close()
    assert heard == [("cpp-scans.pdf: OCR page 1/2", 0, 1), ("cpp-scans.pdf: OCR page 2/2", 0, 1), ("cpp-scans.pdf", 1, 1)]


def test_pages_read_side_by_side_come_back_in_order(tmp_path):
    path = tmp_path / "three-scans.pdf"
    path.write_bytes(_joined(_scanned(COVER), _scanned(MINUTES), _scanned(COVER)))
    one = parse_file(path, path.name, IngestSettings(ocr_workers=1))
    three = parse_file(path, path.name, IngestSettings(ocr_workers=3))
    assert one.ocr_pages == three.ocr_pages == [1, 2, 3]
    assert [(b.page, b.text) for b in one.blocks] == [(b.page, b.text) for b in three.blocks]
    assert [b.page for b in three.blocks if "23 new foster carers" in b.text] == [2]

