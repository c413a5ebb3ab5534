"""Metadata from real corpus file names and opening text; sentence splitting rules."""

from __future__ import annotations

import pytest

from ingest import infer_meta
from ingest.meta import parse_date
from ingest.sentences import split_sentences, split_words

KENT_MINUTES_PAGE_1 = (
    "KENT COUNTY COUNCIL\nCABINET\nMINUTES of a meeting of the Cabinet held in the Council Chamber, "
    "Sessions House, County Hall, Maidstone on Thursday, 9 January 2025.\nPRESENT: Mr R W Gough\n"
    "78. Minutes of the Meeting held on 28 November 2024\n(Item 3)\n"
)
CPP_PAGE_1 = (
    "CORPORATE PARENTING PANEL – 10th December 2024\nMINUTES of the meeting held in the Darent Room, "
    "Sessions House, County\nHall, Maidstone.\nMinutes of the meeting held on 29 October 2024\n(Item 3)\n"
    "RESOLVED that the minutes of the meeting held on 29 October 2024 were a correct record.\n"
)


@pytest.mark.parametrize(
    ("rel", "sample", "doc_type", "committee", "date"),
    [
        ("kent-cc/cabinet/2025-01-30/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf", "", "minutes", "Cabinet", "2025-01-30"),
        ("kent-cc/cabinet/2025-01-30/Minutes of the meeting held on 9th January 2025.pdf", KENT_MINUTES_PAGE_1,
         "minutes", "Cabinet", "2025-01-09"),
        ("kent-cc/cabinet/2025-03-13/Agenda frontsheet 13th-Mar-2025 15.00 Cabinet.pdf", "AGENDA", "agenda", "Cabinet", "2025-03-13"),
        ("kent-cc/full_council/2025-03-13/CPP Minutes 10.12.24.pdf", CPP_PAGE_1, "minutes", "Corporate Parenting Panel", "2024-12-10"),
        ("kent-cc/full_council/2025-03-13/CPP Minutes 29.10.24.pdf", "", "minutes", "Corporate Parenting Panel", "2024-10-29"),
        ("kent-cc/full_council/2025-02-13/19 December 2024 - County Council minutes.pdf", "", "minutes", "County Council", "2024-12-19"),
        ("kent-cc/cabinet/2025-01-30/24-00109 - Transfer the 18-25 section of the Strengthening Independence Service - Report.pdf",
         "From: Sue Chandler\nTo: Cabinet - 30 January 2025", "report", "Cabinet", "2025-01-30"),
        ("kent-cc/cabinet/2025-01-30/Item 7 - Supplementary - 24-00109 - Appendix B - EqIA Updated Jan 2025.pdf", "", "report", "Cabinet", "2025-01-30"),
        ("kent-cc/full_council/2025-01-09/Agenda frontsheet 09th-Jan-2025 10.00 County Council.pdf", "", "agenda", "County Council", "2025-01-09"),
        ("papers/cabinet-agenda-2025-04-10.md", "# Cabinet — Agenda\nThursday 10 April 2025", "agenda", "Cabinet", "2025-04-10"),
        ("papers/cp-2025-03-10.md", "## Corporate Parenting Committee — Minutes\n", "other", "Corporate Parenting Committee", "2025-03-10"),
        ("papers/agenda-2025-04-10.md", "Cabinet Agenda\nThursday 10 April 2025", "agenda", "Cabinet", "2025-04-10"),
        ("papers/decision-2025-04-10.md", "Cabinet Member for Finance: decision\nAGENDA", "agenda", None, "2025-04-10"),
        ("seeds/blaenau-gwent-ciw-childrens-services-press-release.txt", "Positive report", "press release", None, None),
        ("seeds/bridgend-cssiw-inspection-committee-minutes.txt", "Agenda item\nMinutes:", "minutes", None, None),
        ("reports/Estyn inspection report - Ysgol Gymraeg 2024-05-14.pdf", "", "inspection report", None, "2024-05-14"),
        ("papers/annual-review.txt", "Inspection of children's services\nCare Inspectorate Wales (CIW) found", "inspection report", None, None),
        ("papers/notes.txt", "Budget notes\nOfsted inspections of schools were mentioned.", "other", None, None),
        ("papers/corporate-parenting-committee-2025-03-10.html",
         "Council > Committees > Corporate Parenting Committee > Meeting of Monday 10 March 2025\nAgenda item\n",
         "other", "Corporate Parenting Committee", "2025-03-10"),
        ("papers/item-6.html", "Agenda item\nMeeting: Monday 10 March 2025, 2.00 pm, Corporate Parenting Committee. Item 6.\n",
         "other", "Corporate Parenting Committee", "2025-03-10"),
    ],
)
def test_infer_meta_on_real_names(rel, sample, doc_type, committee, date):
    meta = infer_meta(rel, None, sample, None)
    assert (meta.doc_type, meta.committee, meta.date) == (doc_type, committee, date)
    assert meta.doc == rel and meta.title


def test_transcript_title_line_names_the_committee():
    sample = "Children, Young People and Education Committee (National Assembly for Wales) - transcript education_0\n\nLynne Neagle AM: Good afternoon."
    meta = infer_meta("qmsum-committee/transcripts/education_0.txt", None, sample, None, transcript=True)
    assert meta.doc_type == "transcript"
    assert meta.committee == "Children, Young People and Education Committee"


def test_inspection_report_by_title_and_inspectorate():
    meta = infer_meta("x/ciw-report.txt", "Inspection of Children's Services in Blaenau Gwent", "Care Inspectorate Wales", None)
    assert meta.doc_type == "inspection report" and meta.title.startswith("Inspection of")


def test_title_falls_back_to_a_clean_file_name():
    assert infer_meta("seeds/bridgend-cssiw-inspection-committee-minutes.txt", None, "", None).title == (
        "bridgend cssiw inspection committee minutes"
    )


def test_a_paper_is_dated_when_it_says_it_was_published_not_by_the_work_it_reports():
    report = ("Care Inspectorate Wales - Dyffryn Valley CBC\nPerformance evaluation inspection of children's services\n"
              "Inspection fieldwork: 13 to 24 January 2025\nDate of publication: 3 April 2025\n")
    assert infer_meta("papers/ciw-inspection-2025.pdf", None, report, 5).date == "2025-04-03"
    # without such a line, the first date the paper gives; a date in its path before either
    assert infer_meta("papers/ciw-inspection-2025.pdf", None, report.replace("Date of publication", "Report"), 5).date == "2025-01-24"
    assert infer_meta("2025-05-01/ciw-inspection.pdf", None, report, 5).date == "2025-05-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30th-Jan-2025 10.00", "2025-01-30"), ("2025-01-30", "2025-01-30"), ("CPP Minutes 10.12.24.pdf", "2024-12-10"),
        ("19 December 2024 - County Council minutes", "2024-12-19"), ("held on 9th January 2025", "2025-01-09"),
        ("04th-Mar-2025", "2025-03-04"), ("13 Sept 2024", "2024-09-13"), ("Council Report Mid Year 24-25", None),
        ("Budget 2025-26", None), ("31.02.24", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_sentences_respect_abbreviations_and_decimals():
    text = ("Mr. Jones noted para. 3.2 of the report, e.g. the £23.3m overspend. No. 4 was agreed. "
            "It moves a workforce of circa. 70 FTE. Dr A. Smith agreed! The next item followed.")
    assert split_sentences(text) == [
        "Mr. Jones noted para. 3.2 of the report, e.g. the £23.3m overspend.",
        "No. 4 was agreed.",
        "It moves a workforce of circa. 70 FTE.",
        "Dr A. Smith agreed!",
        "The next item followed.",
    ]


def test_sentences_start_at_list_markers_in_minutes():
    text = ("Mr Thomas provided an update on the following: (a) Due to changes, three HWRCs were unable "
            "to accept POPs. (b) KCC has secured a new contract. (ii) the plan be approved. "
            "Time: 10.00 am. See para. (c) below and note: the figures (a) and (b) differ. "
            "RESOLVED that: (i) the report be noted.")
    assert split_sentences(text) == [
        "Mr Thomas provided an update on the following:",
        "(a) Due to changes, three HWRCs were unable to accept POPs.",
        "(b) KCC has secured a new contract.",
        "(ii) the plan be approved.",
        "Time: 10.00 am.",
        "See para. (c) below and note: the figures (a) and (b) differ.",
        "RESOLVED that: (i) the report be noted.",
    ]


def test_split_words_keeps_every_word_and_the_limit():
    text = " ".join(f"Sentence {i} has exactly six words." for i in range(50))
    parts = split_words(text, 40)
    assert all(len(p.split()) <= 40 for p in parts)
    assert " ".join(parts).split() == text.split()
    assert all(p.endswith(".") for p in parts)
    giant = "word " * 450
    assert [len(p.split()) for p in split_words(giant, 200)] == [200, 200, 50]


@pytest.mark.parametrize("text, expected", [
    ("# Cabinet - Minutes of the meeting held on 17 June 2025\n\nRESOLVED that the next meeting be held on 15 July 2025.",
     "2025-06-17"),
    ("Intro\n\nRESOLVED that the minutes of the meeting held on 9 January 2025 be approved.\n\n"
     "The next meeting will be held on 15 July 2025.", None),
])
def test_held_on_reads_the_title_and_never_the_next_meeting(text, expected):
    from ingest.meta import _held_on

    assert _held_on(text) == expected


def test_a_heading_left_out_of_the_text_sample_still_names_the_body():
    # an HTML page's headings are blocks of their own, not in the sample
    meta = infer_meta("papers/cp-2025-03-10.html", "Corporate Parenting Committee — 10 March 2025",
                      "The Committee received a report on care leavers.", None)
    assert meta.committee == "Corporate Parenting Committee"
    assert infer_meta("papers/x.html", "Cabinet Member for Finance: decision", "Text.", None).committee is None
