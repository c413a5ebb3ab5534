"""PDF ingest on PDFs the tests write: paragraphs, numbers, pages, furniture, bad files."""

from __future__ import annotations

import pytest

from cofnod.errors import IngestError, UnsupportedFile
from ingest import SUPPORTED_SUFFIXES, build_passages, parse_file
from tests.fixtures_pdf import image_only_pdf, lines_pdf, text_pdf

HEADER = "Kent County Council - Cabinet - 30 January 2025"
PAGES = [
    [
        "1. Library Services Review",
        "",
        "1.1 The council carried out a full inspec-",
        "tion of the library service during March and April of this year. The inspection",
        "found that most branches met the standard and that the well-",
        "being of staff had improved over the year, as the survey results showed.",
        "",
        "1.2 Opening hours were compared with those of the neighbouring councils and",
        "the results are set out in the appendix to this report for members to note.",
        "The comparison used figures for 2024.",
        "Members asked officers to repeat the comparison each year so that trends can",
        "be followed by the committee and reported in the annual library report.",
        "",
        "(a) The first recommendation is to extend opening hours at three libraries.",
        "(b) The second is to review the service offer for young people aged 18-",
        "25 across the county, with a report back to this committee in the",
    ],
    [
        "autumn once the consultation has closed and the responses are analysed.",
        "",
        "2. Financial Implications",
        "",
        "2.1 The forecast revenue overspend of £23.3m includes the library budget of",
        "£4.2m, e.g. staffing and buildings. Mr. Jones noted para. 3.2 of the report",
        "and asked for No. 4 of the tables to be updated before the next meeting.",
        "",
        "Recommendations",
        "RESOLVED that Cabinet agree to:",
        "(a) Note the forecast revenue overspend of £23.3m.",
        "(b) Agree the changes to library opening hours from 1 April 2025.",
    ],
    [
        "3. Equalities",
        "",
        "3.1 An equality impact assessment has been completed and is attached to this",
        "report. It found no adverse impact on any group with protected characteristics.",
    ],
]


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "library-report.pdf"
    path.write_bytes(lines_pdf(PAGES, header=HEADER, footer=True))
    doc = parse_file(path, "cabinet/2025-01-30/library-report.pdf")
    return doc, build_passages(doc)


def _find(passages, needle):
    found = [p for p in passages if needle in p.text]
    assert found, f"no passage contains {needle!r}"
    return found[0]


def test_paragraphs_are_rebuilt_with_numbers_and_pages(report):
    doc, passages = report
    assert doc.meta.pages == 3 and doc.meta.doc_type == "report" and doc.meta.date == "2025-01-30"
    p11 = _find(passages, "1.1 The council")
    assert "full inspection of the library service" in p11.text  # hyphenation undone
    assert "the well-being of staff" in p11.text  # a real hyphen kept
    assert (p11.page, p11.paragraph) == (1, "1.1")
    assert p11.trail == ["1. Library Services Review"]
    assert _find(passages, "(a) The first recommendation").paragraph == "(a)"


def test_short_line_ending_a_sentence_starts_a_new_paragraph(report):
    _, passages = report
    p12 = _find(passages, "1.2 Opening hours")
    assert "The comparison used figures for 2024." in p12.text
    later = _find(passages, "Members asked officers")
    assert later is not p12 and later.paragraph.startswith("¶") and later.page == 1


def test_paragraph_running_over_a_page_break_is_rejoined(report):
    _, passages = report
    b = _find(passages, "(b) The second")
    assert "aged 18-25 across the county" in b.text
    assert "in the autumn once the consultation has closed" in b.text
    assert b.page == 1 and b.paragraph == "(b)"


def test_headers_footers_and_page_numbers_are_dropped(report):
    _, passages = report
    assert not any("Kent County Council - Cabinet" in p.text for p in passages)
    assert not any(p.text.startswith("Page ") for p in passages)


def test_resolution_keeps_its_items_under_the_heading_trail(report):
    _, passages = report
    resolved = _find(passages, "RESOLVED that Cabinet agree to:")
    assert "(a) Note the forecast revenue overspend of £23.3m." in resolved.text
    assert "(b) Agree the changes" in resolved.text
    assert resolved.trail == ["2. Financial Implications", "Recommendations"]
    assert resolved.page == 2


def test_passage_fields_are_all_filled(report):
    doc, passages = report
    for i, p in enumerate(passages):
        assert p.id == f"{doc.meta.doc}#{i}" and p.seq == i and p.doc == doc.meta.doc
        assert p.prev_id == (passages[i - 1].id if i else None)
        assert p.next_id == (passages[i + 1].id if i + 1 < len(passages) else None)
        assert p.hash and p.paragraph and p.page in (1, 2, 3) and p.title
    assert not any(p.text == "1. Library Services Review" for p in passages)  # headings feed trails


def test_sentence_abbreviations_do_not_split_when_a_paragraph_is_cut(report, tmp_path):
    doc, _ = report
    from cofnod.settings import IngestSettings

    passages = build_passages(doc, IngestSettings(max_words=25, min_words=1))
    p21 = [p for p in passages if p.paragraph == "2.1"]
    assert len(p21) >= 2 and all(p.words <= 25 for p in p21)
    joined = " ".join(p.text for p in p21)
    assert "Mr. Jones noted para. 3.2 of the report" in joined
    assert not any(p.text.startswith(("Jones", "3.2", "4 of", "staffing")) for p in p21)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.pdf", b"", "empty file"),
        ("blank.pdf", b"  \n", "empty file"),
        ("locked.pdf", text_pdf("A locked paper.", encrypt=True), "encrypted PDF: needs a password"),
        ("scan.pdf", image_only_pdf(), "no text layer, and OCR found no text either"),  # a drawing, no words
        ("fake.pdf", b"this is not a pdf at all", "not a readable PDF"),
    ],
)
def test_bad_pdfs_raise_clear_reasons(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=reason):
        parse_file(path, name)


def test_truncated_pdf_is_not_readable(tmp_path, capfd):
    good = lines_pdf(PAGES)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(IngestError, match="^not a readable PDF: ") as info:
        parse_file(path, "truncated.pdf")
    assert info.value.__cause__ is not None  # converted from pypdf's own error
    assert capfd.readouterr().err == ""  # pypdf's complaints stay off stderr


def test_scanned_pages_are_skipped_when_others_have_text(tmp_path):
    from pypdf import PdfReader, PdfWriter
    import io

    writer = PdfWriter()
    for data in (image_only_pdf(1), lines_pdf([PAGES[2]])):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(out.getvalue())
    passages = build_passages(parse_file(path, "mixed.pdf"))
    assert {p.page for p in passages} == {2}


def test_file_over_the_size_limit_is_refused(tmp_path):
    from cofnod.settings import IngestSettings

    path = tmp_path / "big.pdf"
    path.write_bytes(lines_pdf(PAGES))
    with pytest.raises(IngestError, match="file too large"):
        parse_file(path, "big.pdf", IngestSettings(max_file_mb=0.0001))


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "notes.xyz"
    path.write_bytes(b"hello")
    assert ".pdf" in SUPPORTED_SUFFIXES and ".xyz" not in SUPPORTED_SUFFIXES
    with pytest.raises(UnsupportedFile, match="unsupported file type"):
        parse_file(path, "notes.xyz")


def test_same_bytes_same_hash_and_ids(tmp_path):
    data = lines_pdf(PAGES)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(data)
    b.write_bytes(data)
    da, db = parse_file(a, "x/a.pdf"), parse_file(b, "x/a.pdf")
    assert da.sha256 == db.sha256
    assert [p.id for p in build_passages(da)] == [p.id for p in build_passages(db)]
    assert [p.hash for p in build_passages(da)] == [p.hash for p in build_passages(db)]


def test_a_cover_page_s_fields_are_lines_of_their_own(tmp_path):
    # the sample inspection report's cover: its fields were read as one run-on sentence with its title
    # and the paragraph after them
    cover = [
        "Performance evaluation inspection of children's services",
        "Dyffryn Valley County Borough Council",
        "Inspection fieldwork: 13 to 24 January 2025",
        "Date of publication: 3 April 2025",
        "This report sets out the findings of a performance evaluation inspection of the children's services",
        "of Dyffryn Valley County Borough Council. Inspectors read 64 case files and spoke with 41 children.",
        "Summary: the service has improved since the last inspection, and leaders know its strengths and its",
        "weaknesses well; the sufficiency of placements remains the most serious challenge it faces.",
    ]
    path = tmp_path / "inspection.pdf"
    path.write_bytes(lines_pdf([cover]))
    texts = [p.text for p in build_passages(parse_file(path, "inspection.pdf"))]
    fields = _find_text(texts, "Inspection fieldwork")
    assert fields.split("\n") == ["Inspection fieldwork: 13 to 24 January 2025", "Date of publication: 3 April 2025"]
    assert _find_text(texts, "This report sets out").startswith("This report sets out")
    assert "Performance evaluation" not in _find_text(texts, "Inspection fieldwork")
    # a field whose value wraps over a full line goes on with it
    assert _find_text(texts, "Summary:").endswith("the most serious challenge it faces.")


def _find_text(texts, needle):
    found = [t for t in texts if needle in t]
    assert found, f"no passage contains {needle!r}"
    return found[0]
