"""The shipped sample papers: the generated PDF, and the example questions' evidence."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("fpdf")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDF_NAME = "ciw-inspection-childrens-services-2025.pdf"
PDF_PAGES = 5
HEADER = "Care Inspectorate Wales - Dyffryn Valley CBC"
SECTION_6_SENTENCE = (
    "Inspectors found that four children had been cared for in settings operating "
    "without registration during 2024, for periods of up to 11 weeks."
)


def norm(text: str) -> str:
    """Lower-case, keep letters and digits, one space between words (as in evals/FORMAT.md)."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), str(out)], check=True)
    return out / PDF_NAME


@pytest.fixture(scope="module")
def pdf_pages(pdf_path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(pdf_path).pages]


def test_pdf_pages_header_and_text(pdf_pages):
    assert len(pdf_pages) == PDF_PAGES
    for n, text in enumerate(pdf_pages, start=1):
        assert HEADER in text, f"page {n} has no running header"
        assert f"Page {n} of {PDF_PAGES}" in text, f"page {n} has no footer"
    assert norm(SECTION_6_SENTENCE) in norm(" ".join(pdf_pages))
    assert "6. Placements for looked-after children" in " ".join(pdf_pages)


def _questions() -> list[dict]:
    lines = (SAMPLES / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_questions_are_well_formed():
    questions = _questions()
    assert len({q["id"] for q in questions}) == len(questions)
    assert sum(not q["answerable"] for q in questions) >= 2
    assert any(q.get("history") for q in questions)
    for q in questions:
        assert q["question"] and isinstance(q["answerable"], bool)
        if not q["answerable"]:
            assert not q.get("evidence")
        for ev in q.get("evidence", []):
            assert (SAMPLES / ev["doc"]).is_file() or ev["doc"].endswith(".pdf")
            assert ("page" in ev) == ev["doc"].endswith(".pdf")
            assert len(norm(ev["quote"]).split()) >= 8
        scoped = q.get("scope", {}).get("doc")
        assert scoped is None or (SAMPLES / scoped).is_file()


def test_evidence_quotes_are_in_their_documents(pdf_pages):
    for q in _questions():
        for ev in q.get("evidence", []):
            doc = ev["doc"]
            if doc.endswith(".pdf"):
                assert doc == f"papers/{PDF_NAME}"
                text = pdf_pages[ev["page"] - 1]
            elif doc.endswith(".html"):
                text = html_text(SAMPLES / doc)
            else:
                text = (SAMPLES / doc).read_text(encoding="utf-8")
            assert norm(ev["quote"]) in norm(text), f"{q['id']}: quote not found in {doc}"


def test_html_keeps_hostile_text_escaped():
    raw = (SAMPLES / "papers" / "corporate-parenting-committee-2025-03-10.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw
    assert "![x](http://example.invalid/x.png)" in raw
    assert "<script" not in raw.lower() and "<img" not in raw.lower()
    text = html_text(SAMPLES / "papers" / "corporate-parenting-committee-2025-03-10.html")
    assert "<script>alert(1)</script>" in text
