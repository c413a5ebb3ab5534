"""Questions about one paper as a whole, answered with its lead, on a real index."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from assistant.digest import asked_paper
from cofnod.settings import load_settings
from cofnod.types import Filters
from tests.conftest import assistant_over

REVIEW = """# Library services review: report

## 1. Summary

1.1 Visits rose by 12 per cent in the libraries whose opening hours were extended. Most of the rise came on Saturdays.

1.2 The mobile library reaches fewer villages than in 2022. Two routes were cut in 2023.

1.3 Staff vacancies have fallen to four.

## 2. Opening hours

2.1 The three town libraries open for 38 hours a week, against 45 hours in neighbouring councils.
"""
COVER = """# Highways Asset Management Plan: report to Cabinet

From: Mr N Baker, Cabinet Member for Highways and Transport

To: Cabinet, 6 February 2025

Summary: The plan sets how the county's roads, bridges and streetlights are kept in repair over the next five years, with resurfacing led by road condition surveys.

Cabinet is asked to endorse the plan.

## Introduction

1. The last plan was adopted in 2019.
"""
RELEASE = """Press release, Aberdyffryn County Council, 3 April 2025.

The Council has today put a new electric library van on the road, serving twelve villages every fortnight.

The van carries 2,000 books and offers free wifi and printing.

Councillor Nia Owen said: "Villages without a library deserve one on their doorstep."
"""

MINUTES = """# Cabinet — Minutes

A meeting of the Cabinet was held on Thursday 6 February 2025.

Apologies for absence were received from Councillor Sian Rees.

## 4. Highways Asset Management Plan

RESOLVED that the Highways Asset Management Plan be endorsed.

## 5. Library van

RESOLVED that a second library van be bought at a cost of £95,000.
"""

MARCH_MINUTES = """# Cabinet — Minutes

A meeting of the Cabinet was held on Thursday 13 March 2025.

## 3. Leisure centre roof

RESOLVED that the leisure centre roof be repaired at a cost of £40,000.
"""


TRANSCRIPT = """Housing Scrutiny Committee - transcript, 4 June 2025

Cllr Ann Evans (Chair): Bore da, everyone, and welcome back. We now turn to the empty homes report, which was published in May.

Mark Jones (Head of Housing): Diolch, Chair. I'll be brief. The council brought 140 empty homes back into use last year, against a target of 120.

Cllr Ann Evans (Chair): Thank you.

Cllr Huw Price (Member): Okay. How many of those homes are now let at social rents?
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory):
    a = assistant_over(tmp_path_factory.mktemp("digest"), {
        "library-review-report-2025-01-30.md": REVIEW,
        "highways-asset-management-plan-report-2025-02-06.md": COVER,
        "press-release-library-van-2025-04-03.txt": RELEASE,
        "cabinet-minutes-2025-02-06.md": MINUTES,
        "cabinet-minutes-2025-03-13.md": MARCH_MINUTES,
        "housing-scrutiny-transcript-2025-06-04.txt": TRANSCRIPT,
    })
    yield a
    a.close()


@pytest.mark.parametrize("question, stems", [
    ("What does the Finance Monitoring Report say?", ["financ", "monitor", "report"]),
    ("Summarise the Family Hubs call-in report.", ["famili", "hub", "call", "report"]),
    ("What did the inspection find?", ["inspect"]),
    ("What is the latest press release about?", ["press", "releas"]),
    ("Give me a summary of the budget report", ["budget", "report"]),
    ("What are the key findings of the inspection report?", ["inspect", "report"]),
    # a person, a topic, or something within a paper: left to the search
    ("What did Councillor Maddocks say?", None),
    ("What does the inspection report say about placements?", None),
    ("What is the council doing about foster carers?", None),
])
def test_a_question_about_a_paper_as_a_whole_names_it(question, stems):
    assert asked_paper(question) == stems


def _quoted(answer) -> list[tuple[str, str]]:
    return [(s, answer.citations[ns[0] - 1].passage.text) for s, ns in answer.sentences if ns]


def test_a_paper_with_a_summary_section_is_answered_with_its_opening_sentences(helper):
    answer = helper.ask("What does the library review report say?")
    assert not answer.abstained
    assert answer.sentences[0] == ("“Library services review: report” (30 January 2025), in its own words:", [])
    quoted = _quoted(answer)
    assert [s for s, _ in quoted] == [
        "1.1 Visits rose by 12 per cent in the libraries whose opening hours were extended.",
        "1.2 The mobile library reaches fewer villages than in 2022.",
        "1.3 Staff vacancies have fallen to four."]
    assert all(text.startswith(s) for s, text in quoted)  # each cited to its own paragraph
    assert "38 hours" not in answer.text  # the next section is not the summary


def test_a_cover_sheet_s_summary_is_read_after_its_label(helper):
    answer = helper.ask("Summarise the Highways Asset Management Plan.")
    assert [s for s, _ in _quoted(answer)] == [
        "The plan sets how the county's roads, bridges and streetlights are kept in repair over the next "
        "five years, with resurfacing led by road condition surveys.",
        "Cabinet is asked to endorse the plan."]
    assert "From:" not in answer.text and "Mr N Baker" not in answer.text


def test_a_paper_without_headings_is_read_from_its_first_paragraphs_past_its_dateline(helper):
    answer = helper.ask("What did the press release say?")
    said = [s for s, _ in _quoted(answer)]
    assert said[:2] == ["The Council has today put a new electric library van on the road, serving twelve villages "
                        "every fortnight.",
                        "The van carries 2,000 books and offers free wifi and printing."]
    assert not any(s.startswith("Press release,") for s in said)


def test_a_transcript_is_read_from_what_each_turn_says_past_its_courtesies(helper):
    answer = helper.ask("What does the housing scrutiny transcript say?")
    assert [s for s, _ in _quoted(answer)] == [
        "Cllr Ann Evans (Chair): We now turn to the empty homes report, which was published in May.",
        "Mark Jones (Head of Housing): The council brought 140 empty homes back into use last year, against a "
        "target of 120.",
        "Cllr Huw Price (Member): How many of those homes are now let at social rents?"]  # the bare thanks gives none


def test_what_a_meeting_that_decided_nothing_discussed_is_read_from_its_record(helper):
    lead = helper.ask("What does the housing scrutiny transcript say?").sentences
    for question in ("What did the Housing Scrutiny Committee discuss on 4 June 2025?",
                     "What happened at the scrutiny committee on 4 June 2025?"):
        assert helper.ask(question).sentences == lead
    # the user's own filters still hold: a transcript is not read where only reports are asked for
    from cofnod.types import Filters
    reports = helper.ask("What happened at the scrutiny committee on 4 June 2025?", Filters(doc_type="report"))
    assert reports.sentences != lead
    # a topic named is left to the search; a meeting with decisions is answered by them
    topical = helper.ask("What did the scrutiny committee discuss about social rents on 4 June 2025?")
    assert not topical.sentences[0][0].startswith("“")
    decided = helper.ask("What happened at Cabinet on 13 March 2025?")
    assert "leisure centre roof be repaired" in decided.text


def test_minutes_are_summed_up_by_the_decisions_they_record(helper):
    from assistant.digest import named_paper

    # two papers are Cabinet minutes: the question's date tells them apart, or nothing does
    assert named_paper(helper.index, "Summarise the Cabinet minutes.") is None
    assert named_paper(helper.index, "Summarise the minutes of the Cabinet meeting on 13 March 2025.").doc == (
        "papers/cabinet-minutes-2025-03-13.md")
    # a date written without its year is the meeting the papers hold on that day
    assert named_paper(helper.index, "What do the minutes of 13 March say?").doc == "papers/cabinet-minutes-2025-03-13.md"
    answer = helper.ask("Summarise the Cabinet minutes of 6 February 2025.")
    assert "Apologies" not in answer.text and "Sian Rees" not in answer.text
    cited = [c.passage.text for c in answer.citations]
    assert cited == ["RESOLVED that the Highways Asset Management Plan be endorsed.",
                     "RESOLVED that a second library van be bought at a cost of £95,000."]


def test_a_follow_up_about_a_paper_is_read_from_the_user_s_own_words(helper):
    answer = helper.ask("Summarise the press release.", history=["What does the library review report say?"])
    assert answer.citations and all(c.passage.doc == "papers/press-release-library-van-2025-04-03.txt"
                                    for c in answer.citations)


def test_something_within_a_paper_or_a_paper_not_told_apart_is_left_to_the_search(helper):
    within = helper.ask("What does the library review report say about opening hours?")
    assert "in its own words" not in within.text and "38 hours" in within.text
    # two papers are reports: which one is not guessed
    assert "in its own words" not in helper.ask("What does the report say?").text
    # a filter that leaves the paper out is kept to
    outside = helper.ask("What did the press release say?", Filters(doc="papers/library-review-report-2025-01-30.md"))
    assert "in its own words" not in outside.text


class _Recording:
    """A stand-in language model, registered as a backend: answers with the first passage it is
    given, and keeps what it was given."""

    name = "recording"
    streams = False

    def __init__(self):
        self.given: list = []

    def terms(self, question):  # the gate's view of the question, as the extractive answerer has it
        return {}

    def answer(self, question, hits):
        from cofnod.types import Answer, Citation

        self.given.append([h.passage for h in hits])
        return Answer(hits[0].passage.text + " [1]", False, [Citation(1, hits[0].passage)], hits,
                      [(hits[0].passage.text, [1])], question)


def test_a_language_model_answers_from_the_paper_s_lead(helper):
    from assistant.core import register_answerer

    model = _Recording()
    register_answerer("recording", lambda assistant: model)
    a = Assistant(load_settings(env={}, home=str(helper.settings.home), answer__backend="recording"))
    try:
        answer = a.ask("What does the library review report say?")
    finally:
        a.close()
    given = model.given[-1]
    assert [p.text.split()[0] for p in given] == ["1.1", "1.2", "1.3"]
    assert answer.text.startswith("1.1 Visits rose by 12 per cent")


def test_a_section_asked_about_as_a_whole_is_quoted_from_its_paragraphs(helper):
    answer = helper.ask("What does section 1 of the library review report say?")
    assert answer.text.startswith("Section 1 of “"), answer.text
    quoted = [s for s, _ in answer.sentences[1:]]
    assert quoted[:3] == ["1.1 Visits rose by 12 per cent in the libraries whose opening hours were extended.",
                          "1.2 The mobile library reaches fewer villages than in 2022.",
                          "1.3 Staff vacancies have fallen to four."]
    assert all(c.passage.doc == "papers/library-review-report-2025-01-30.md" for c in answer.citations)
    # a paragraph by its number, in the only paper that has it
    para = helper.ask("What does paragraph 2.1 say?")
    assert para.text.startswith("Paragraph 2.1 of “") and "38 hours a week" in para.text
    # something within a section: left to the search
    assert helper.ask("What does section 1 say about visits?").text.startswith("Section") is False


NUMBERED_REPORT = """Summary: This report asks Cabinet to extend library opening hours in the three town libraries.

1. Visits rose by 12 per cent where hours were extended in the pilot.

2. The extension would cost £85,000 a year.
"""
NUMBERED_RECORD = """DECISION NO: 24/00109

Key decision: YES.

Any interest declared when the decision was taken: none.
"""
OTHER_REPORT = """Summary: This report asks Cabinet to approve repainting the Aberdyffryn bandstand in June 2025.

1. Library opening hours are not affected by this decision.
"""


@pytest.fixture(scope="module")
def numbered(tmp_path_factory):
    a = assistant_over(tmp_path_factory.mktemp("numbered"), {
        "24-00109 - Library opening hours - Report.txt": NUMBERED_REPORT,
        "24-00109 - Appendix A - Record of Decision.txt": NUMBERED_RECORD,
        "24-00110 - Bandstand repainting - Report.txt": OTHER_REPORT,
    })
    yield a
    a.close()


@pytest.mark.parametrize("question", [
    "What is decision 24/00109 about?",
    "What is the 24-00109 report about?",
    "Summarise decision 24/00109.",
])
def test_a_decision_number_names_the_decision_s_report(numbered, question):
    # Kent: "What is the 24-00109 report about?" was declined (five papers carry the number in their
    # title, and no passage's text does), and "What is decision 24/00109 about?" was answered from
    # the minutes' update on decision 24/00093
    answer = numbered.ask(question)
    assert not answer.abstained
    assert answer.sentences[0][0].startswith("“24-00109 - Library opening hours - Report”")
    assert {c.passage.doc for c in answer.citations} == {"papers/24-00109 - Library opening hours - Report.txt"}
    assert "extend library opening hours" in answer.text


def test_a_decision_number_names_an_appendix_only_when_asked_and_never_a_date(numbered):
    answer = numbered.ask("What does appendix A of decision 24/00109 say?")
    assert {c.passage.doc for c in answer.citations} == {"papers/24-00109 - Appendix A - Record of Decision.txt"}
    from assistant.digest import named_paper

    assert named_paper(numbered.index, "What is decision 24/00111 about?") is None  # no paper carries it
    assert named_paper(numbered.index, "What is the 2024/25 report about?") is None  # a year, not a number
