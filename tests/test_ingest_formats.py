"""Text, Markdown, HTML and DOCX ingest: structure, turns, ModernGov labels, bad bytes."""

from __future__ import annotations

import io

import pytest

from cofnod.errors import IngestError
from ingest import build_passages, parse_file
from ingest.sentences import split_sentences

TRANSCRIPT = """Children, Young People and Education Committee (National Assembly for Wales) - transcript test_0

Lynne Neagle AM: Good afternoon. Can I welcome Members to the meeting of the Children, Young People and Education Committee this afternoon?

Kirsty Williams AM: Thank you, Chair. I am pleased to be here to discuss the schools funding settlement for next year.

Dr David Blaney: We have allocated an additional sum to further education colleges to support learners after the pandemic.

Lynne Neagle AM: Thank you.
"""

MODERNGOV = """Agenda item

Outcome of the Inspection of Children's Services

Minutes:

The Head of Safeguarding reported on the outcome of the recent inspection and the action plan that followed it.

The Committee questioned whether there would be Member representation at Board level and was told that there would be.

RESOLVED:\u00a0 That the Committee noted the content of the report and its appendices.

\u00a0

Supporting documents:
"""


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _passages(tmp_path, name, data):
    doc = parse_file(_write(tmp_path, name, data), name)
    return doc, build_passages(doc)


def test_transcript_turns_carry_speakers(tmp_path):
    doc, passages = _passages(tmp_path, "education_0.txt", TRANSCRIPT)
    assert doc.meta.doc_type == "transcript"
    assert doc.meta.committee == "Children, Young People and Education Committee"
    turns = [p for p in passages if p.kind == "turn"]
    assert [p.speaker for p in turns] == ["Lynne Neagle AM", "Kirsty Williams AM", "Dr David Blaney", "Lynne Neagle AM"]
    assert turns[1].text.startswith("Kirsty Williams AM: Thank you, Chair.")
    assert turns[-1].text == "Lynne Neagle AM: Thank you."  # a short turn is never merged


def test_long_turn_is_split_and_only_the_first_part_names_the_speaker(tmp_path):
    sentence = "The grant will be paid to every school in Wales before the end of the summer term. "
    text = (
        "Title line of a committee transcript\n\n"
        f"Speaker One AM: {sentence}\n\n"
        f"Speaker Two AM: {sentence * 30}\n\n"
        f"Speaker Three AM: {sentence}\n"
    )
    _, passages = _passages(tmp_path, "t.txt", text)
    parts = [p for p in passages if p.speaker == "Speaker Two AM"]
    assert len(parts) >= 3 and all(p.words <= 200 for p in parts)
    assert parts[0].text.startswith("Speaker Two AM: ")
    assert not any(p.text.startswith("Speaker Two AM") for p in parts[1:])


def test_moderngov_text_gives_item_trail_and_resolution(tmp_path):
    doc, passages = _passages(tmp_path, "committee-minutes.txt", MODERNGOV)
    assert doc.meta.doc_type == "minutes"
    assert doc.meta.title == "Outcome of the Inspection of Children's Services"
    first = passages[0]
    assert first.trail == ["Outcome of the Inspection of Children's Services", "Minutes"]
    assert first.paragraph == "¶1" and first.page is None
    resolved = [p for p in passages if p.text.startswith("RESOLVED:")]
    assert resolved and "noted the content of the report" in resolved[0].text
    assert not any(p.text in ("Agenda item", "Minutes:") for p in passages)


@pytest.mark.parametrize(
    "data",
    [
        "Caf\u00e9 report\n\nThe caf\u00e9 in the library will open on Mondays from next month onwards.".encode("utf-8-sig"),
        "Caf\u00e9 report\n\nThe caf\u00e9 in the library will open on Mondays from next month onwards.".encode("utf-16"),
        "Caf\u00e9 report\n\nThe caf\u00e9 in the library will open on Mondays from next month \u2013 onwards.".encode("cp1252"),
    ],
    ids=["utf-8-sig", "utf-16", "cp1252"],
)
def test_text_encodings(tmp_path, data):
    _, passages = _passages(tmp_path, "cafe.txt", data)
    assert any("The caf\u00e9 in the library" in p.text for p in passages)


def test_undecodable_text(tmp_path):
    with pytest.raises(IngestError, match="cannot decode text: not UTF-8, UTF-16 or cp1252"):
        parse_file(_write(tmp_path, "latin.txt", b"\x81\x8d\x8f\x90\x9d" * 20), "latin.txt")


def test_short_fragments_merge_into_the_next_paragraph(tmp_path):
    text = (
        "Notes\n\nIn brief:\n\nThe library will open on Sundays from September, "
        "following the consultation with residents.\n\nOk.\n"
    )
    _, passages = _passages(tmp_path, "notes.txt", text)
    texts = [p.text for p in passages]
    assert "In brief: The library will open on Sundays" in texts[0]
    assert texts[-1] == "Ok."  # nothing follows it to merge into


def test_a_headline_run_into_its_paragraph_stays_a_line_of_its_own(tmp_path):
    # the seed press release opens so: a five-word headline, then the story
    text = ("Positive report into Children’s Services\n\nThe Care Inspectorate Wales spent two weeks inspecting "
            "Social Services, Children’s Services, earlier this year and reported back on the many positive aspects.\n\n"
            "In brief, for readers,\n\nThe library will open on Sundays from September, following the consultation.\n")
    _, passages = _passages(tmp_path, "press.txt", text)
    first, second = passages[0].text, passages[1].text
    assert first.startswith("Positive report into Children’s Services\nThe Care Inspectorate Wales spent")
    assert split_sentences(first)[0] == "Positive report into Children’s Services"
    assert split_sentences(first)[1].startswith("The Care Inspectorate Wales spent")
    assert second.startswith("In brief, for readers, The library")  # a fragment with an end of its own joins as before
    # the words, and so the embedding and the keyword index, are as they were
    assert first.split() == " ".join(first.split()).split()


def test_markdown_headings_make_trails_and_lists_are_paragraphs(tmp_path):
    md = (
        "# Cabinet: minutes of the meeting held on 17 June 2025\n\n"
        "## 5. Library opening hours\n\n"
        "Cabinet considered a report on **extending** library opening hours in the [three](http://x) town libraries.\n\n"
        "### Recommendations\n\n"
        "- Extend the opening hours of the three town libraries from September.\n"
        "- Review the effect of the change on visitor numbers after one year.\n\n"
        "RESOLVED that the extended opening hours be approved from 1 September 2025 at a cost of £85,000.\n"
    )
    doc, passages = _passages(tmp_path, "cabinet-2025-06-17.md", md)
    assert doc.meta.doc_type == "minutes" and doc.meta.date == "2025-06-17"
    assert doc.meta.title == "Cabinet: minutes of the meeting held on 17 June 2025"
    first = passages[0]
    assert first.text.startswith("Cabinet considered a report on extending library opening hours in the three town")
    assert first.trail == ["Cabinet: minutes of the meeting held on 17 June 2025", "5. Library opening hours"]
    items = [p for p in passages if p.text.startswith("• ")]
    assert len(items) == 2 and items[0].trail[-1] == "Recommendations"
    assert "http" not in " ".join(p.text for p in passages)


HTML = """<html><head><title>Agenda item - Inspection</title><style>p {color: red}</style>
<script>var secret = "do not index";</script></head>
<body><nav><a href="/">Home</a> | <a href="/meetings">Meetings</a></nav>
<header>Bridgend County Borough Council</header>
<div class="mgContent">
<h2>Agenda item</h2>
<h2>Outcome of the CSSIW Inspection of Looked After Children</h2>
<p><strong>Minutes:</strong></p>
<p>The Head of Safeguarding reported on the outcome of the recent CSSIW inspection of care planning.</p>
<p>The Committee asked whether the actions shown as <em>red</em> would be green by the next meeting.</p>
<p>RESOLVED:&nbsp; That the Committee noted the report.<br>(1) the action plan be endorsed;<br>(2) a further report be brought in six months.</p>
<h3>Supporting documents</h3>
<ul><li><a href="x.pdf">CSSIW report, item 5</a></li></ul>
<table><tr><td>Decision date</td><td>19 March 2015</td></tr></table>
</div>
<footer>Copyright Bridgend</footer></body></html>"""


def test_html_drops_furniture_and_keeps_moderngov_structure(tmp_path):
    doc, passages = _passages(tmp_path, "item.html", HTML)
    text = " ".join(p.text for p in passages)
    assert "secret" not in text and "Home" not in text and "Copyright" not in text and "<" not in text
    assert doc.meta.title == "Outcome of the CSSIW Inspection of Looked After Children"
    report = [p for p in passages if "Head of Safeguarding" in p.text][0]
    assert report.trail == ["Outcome of the CSSIW Inspection of Looked After Children", "Minutes"]
    assert "shown as red would be green" in text
    resolved = [p for p in passages if p.text.startswith("RESOLVED:")][0]
    assert "(1) the action plan be endorsed;" in resolved.text and "(2) a further report" in resolved.text
    assert any(p.text == "19 March 2015" or "19 March 2015" in p.text for p in passages)


def test_html_doctype_and_breadcrumb_are_not_text(tmp_path):
    page = ('<!DOCTYPE html>\n<html lang="en-GB"><body>'
            '<p class="mgBreadcrumb">Dyffryn Council &gt; Committees &gt; Corporate Parenting Committee &gt; Meeting</p>'
            '<div role="navigation"><a href="/">Home</a></div>'
            '<p class="mgAiTitleTxt">Meeting: Monday 10 March 2025, 2.00 pm, Corporate Parenting Committee. Item 6.</p>'
            "<p>The Head of Children's Services presented the report on accommodation for care leavers.</p>"
            "</body></html>")
    doc, passages = _passages(tmp_path, "item.html", page)
    assert passages[0].text.startswith("Meeting: Monday 10 March 2025")
    text = " ".join(p.text for p in passages)
    assert "html" not in text.lower().split() and ">" not in text and "Home" not in text
    assert doc.meta.committee == "Corporate Parenting Committee" and doc.meta.date == "2025-03-10"


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Parks Strategy", level=0)
    d.add_heading("1. Background", level=1)
    d.add_paragraph("The council manages 120 parks and open spaces across the borough, with a budget of £2.1m.")
    d.add_heading("Consultation", level=2)
    d.add_paragraph("Residents were asked about opening hours, toilets and play areas in a survey over the summer.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Park"
    table.cell(0, 1).text = "Visitors"
    table.cell(1, 0).text = "Victoria Park"
    table.cell(1, 1).text = "250,000 visitors a year, the most of any park in the borough"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_styles_and_table_cells(tmp_path):
    doc, passages = _passages(tmp_path, "parks.docx", _docx_bytes())
    assert doc.meta.title == "Parks Strategy"
    bg = [p for p in passages if "120 parks" in p.text][0]
    assert bg.trail == ["Parks Strategy", "1. Background"]
    survey = [p for p in passages if "survey over the summer" in p.text][0]
    assert survey.trail == ["Parks Strategy", "1. Background", "Consultation"]
    assert any("250,000 visitors a year" in p.text for p in passages)


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"plain words, not a zip", "not a DOCX file: not a zip archive"), (b"PK\x03\x04broken", "not a readable DOCX")],
)
def test_bad_docx(tmp_path, data, reason):
    with pytest.raises(IngestError, match=reason):
        parse_file(_write(tmp_path, "bad.docx", data), "bad.docx")


def test_importing_ingest_loads_no_heavy_parser():
    import subprocess
    import sys

    code = "import sys, ingest; print(sorted(m for m in ('pypdf', 'docx', 'bs4', 'lxml') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
