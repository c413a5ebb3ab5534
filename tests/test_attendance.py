"""Who chaired, attended or sent apologies, read from the attendance record at the head of minutes
(assistant/attendance.py), over a real index (real model, real Chroma)."""

from __future__ import annotations

import pytest

from assistant import attendance
from assistant.attendance import answers, asked_role, asks_attendance, holders
from assistant.core import Assistant
from cofnod.settings import load_settings
from cofnod.types import Filters
from tests.conftest import assistant_over


def _minutes(day: str, chair: str, present: str, apologies: str, item: str) -> str:
    return f"""# Cabinet — Minutes

MINUTES of a meeting of the Cabinet held in the Council Chamber, County Hall, on {day}.

PRESENT: {chair} (Chairman), {present}

IN ATTENDANCE: Mrs A Beer (Chief Executive), Mr B Watts (General Counsel)

## 1. Apologies

{apologies}

## 2. Library opening hours

{item}

RESOLVED that the library opening hours report be noted.
"""


JANUARY = _minutes("Thursday, 30 January 2025", "Mr R W Gough", "Mr N Baker, Mrs S Chandler and Mr D Jeffrey",
                   "Apologies were received from Mrs C Bell.",
                   "Members discussed the library opening hours in the three town libraries.")
MARCH = _minutes("Thursday, 13 March 2025", "Mr D Murphy", "Mr N Baker, Mrs C Bell and Mr P J Oakford",
                 "Apologies were received from Mrs S Chandler and Mr D Watkins.",
                 "The Cabinet Member reported that visits to the libraries had risen by 12 per cent.")

PARENTING = """# Corporate Parenting Committee — Minutes

Meeting held in the Council Chamber on Monday 10 March 2025 at 2.00 pm.

**Present:**

- Councillor Meinir Howells (Chair, Children and Young People Scrutiny Committee) — in the Chair
- Councillor Gareth Llywelyn-Jones (Deputy Leader and Cabinet Member for Finance and Resources)
- Councillor Ffion Maddocks (Cabinet Member for Social Services)
- Councillor Owain Treharne (Cabinet Member for Education and Lifelong Learning, for item 4 only)
- Councillor Delyth Ambrose (Cabinet Member for Environment and Transport)

## 1. Apologies for absence

There were no apologies for absence.

## 2. Care leavers' accommodation

The Head of Children's Services reported that 96 care leavers were receiving support from the Leaving Care Team.
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory):
    a = assistant_over(tmp_path_factory.mktemp("attendance"), {
        "cabinet-minutes-2025-01-30.md": JANUARY,
        "cabinet-minutes-2025-03-13.md": MARCH,
        "corporate-parenting-committee-minutes-2025-03-10.md": PARENTING,
        "highways-panel-report-2025-02-12.md": PANEL_REPORT,
        "recycling-centres-report-2025-02-20.md": RECYCLING_REPORT,
    })
    yield a
    a.close()


@pytest.mark.parametrize("question, asks", [
    ("Who chaired the Cabinet meeting on 30 January 2025?", True),
    ("Who was in the chair at Cabinet in March?", True),
    ("Who attended the last meeting of Cabinet?", True),
    ("Who was present at Cabinet on 13 March 2025?", True),
    ("Who sent apologies to Cabinet in January?", True),
    ("Were there any apologies at the March meeting?", True),
    ("What is pupil attendance in Kent's secondary schools?", False),
    ("Who chairs the working group on library opening hours?", True),
    ("Who presented the library report?", False),
    ("Who is the Chief Executive of Kent County Council?", True),
    ("Who is paying for it?", False),
])
def test_questions_about_who_was_there(question, asks):
    assert asks_attendance(question) is asks


@pytest.mark.parametrize("question, line, fits", [
    ("Who chaired Cabinet?", "PRESENT: Mr R W Gough (Chairman), Mr N Baker", True),
    ("Who chaired Cabinet?", "Councillor Rhian Prydderch (Leader of the Council) — in the Chair", True),
    ("Who chaired Cabinet?", "Apologies were received from Mrs C Bell.", False),
    ("Who sent apologies?", "Apologies were received from Mrs C Bell.", True),
    ("Who sent apologies?", "No apologies were received.", True),
    ("Who sent apologies?", "PRESENT: Mr R W Gough (Chairman), Mr N Baker", False),
    ("Who attended?", "IN ATTENDANCE: Mrs A Beer (Chief Executive)", True),
    ("Who attended?", "Members discussed the library opening hours.", False),
])
def test_the_line_of_the_record_a_question_asks_for(question, line, fits):
    assert answers(question, line) is fits


@pytest.mark.parametrize("question, role", [
    ("Who is the Chief Executive of Kent County Council?", "Chief Executive"),
    ("Who is the Director of Public Health?", "Director of Public Health"),
    ("Who was the council's General Counsel?", "General Counsel"),
    ("Who is the Head of Children's Services?", "Head of Children's Services"),
    ("Who is the Cabinet Member for Environment?", "Cabinet Member for Environment"),
    ("Who is the Leader of the Council?", "Leader"),
    ("Who is the Minister for Education?", "Minister for Education"),
    ("Who is the Cabinet Member for Children, Young People and Education?",
     "Cabinet Member for Children, Young People and Education"),
    ("Who was given the job of finalising KCC's response?", None),
    ("Who chaired Cabinet?", None),
])
def test_the_post_a_question_asks_after(question, role):
    assert asked_role(question) == role


def test_the_holder_of_a_post_is_the_entry_that_names_it():
    line = "IN ATTENDANCE: Dr A Ghosh (Director of Public Health), Mrs A Beer (Chief Executive), Mr B Watts (General Counsel)"
    assert holders("Chief Executive", line) == ["Mrs A Beer (Chief Executive)"]
    assert holders("chief executive", line) == ["Mrs A Beer (Chief Executive)"]
    assert holders("Head of Finance", line) == []
    # or after the holder's name and a comma, with the rest of the post's title
    said = "Mr R Thomas, Cabinet Member for Environment, provided an update. Mr R Gough, Leader of the Council thanked him."
    assert holders("Cabinet Member for Environment", said) == ["Mr R Thomas, Cabinet Member for Environment"]
    assert holders("Leader", said) == ["Mr R Gough, Leader of the Council"]
    assert holders("Leader", "The Leader of the Council, Mr R Gough, thanked him.") == []
    # a post held with another before it, and the rest of a portfolio's title listed with commas
    both = "Mr Oakford, Deputy Leader and Cabinet Member for Finance, Corporate and Traded Services, introduced the report."
    assert holders("Cabinet Member for Finance", both) == [
        "Mr Oakford, Deputy Leader and Cabinet Member for Finance, Corporate and Traded Services"]
    assert holders("Leader", both) == []
    assert holders("Chief Executive", "Mrs A Beer, Chief Executive, Kent and Medway said so.") == ["Mrs A Beer, Chief Executive"]
    welcome = "I welcome Vaughan Gething AM, the Minister for Health and Social Services, to the committee."
    assert holders("Minister for Health", welcome) == ["Vaughan Gething AM, the Minister for Health and Social Services"]
    # either apostrophe; a corporate or interim director holds the post, a deputy holds another
    assert holders("Cabinet Member for Integrated Children's Services",
                   "From: Sue Chandler, Cabinet Member for Integrated Children’s Services") == [
        "Sue Chandler, Cabinet Member for Integrated Children’s Services"]
    officers = "Officers: Catrin Powell-Hughes (Corporate Director of Social Services), Mr P Ball (Deputy Chief Executive)"
    assert holders("Director of Social Services", officers) == ["Catrin Powell-Hughes (Corporate Director of Social Services)"]
    assert holders("Chief Executive", officers) == []
    # the entry is the name before the brackets, not the sentence before it
    thanks = "It was deferred (to March). The Leader thanked Mrs S Chandler (Cabinet Member for Integrated Children's Services)."
    assert holders("Cabinet Member", thanks) == ["Mrs S Chandler (Cabinet Member for Integrated Children's Services)"]


PANEL_REPORT = """# Highways Panel — Report on pothole repairs

The Chair reported that 1,200 potholes had been filled since the autumn, and the Panel asked for
a report on resurfacing in the spring.
"""


RECYCLING_REPORT = """# Household Waste Recycling Centres — Report

From: Mr R Thomas, Cabinet Member for Waste and Recycling, and Mr S Jones, Corporate Director.

Three recycling centres cannot accept soft furnishings until new storage bays are built in the summer.

Robert Thomas, Cabinet Member for Waste, asked for the bays to be built first at Aberdyffryn.
Rhys Bowen MS, Cabinet Member for Rural Affairs, and Elin Jones MS, Cabinet Member for Tourism, visited.
"""


def test_the_holder_of_a_post_no_record_names_is_read_where_a_paper_names_them(helper):
    # no attendance record names the post; the report's "From:" line does, beside the holder
    answer = helper.ask("Who is the Cabinet Member for Waste and Recycling?")
    assert not answer.abstained
    assert answer.text.startswith("Mr R Thomas, Cabinet Member for Waste and Recycling [1]")
    assert _cited(answer)[0][0] == "papers/recycling-centres-report-2025-02-20.md"
    # a post a record does name is still read from the record
    answer = helper.ask("Who is the Chief Executive?")
    assert answer.text.startswith("Mrs A Beer (Chief Executive)")


def test_a_post_no_paper_names_is_declined_with_the_posts_of_its_kind_they_do_name(helper):
    answer = helper.ask("Who is the Cabinet Member for Housing?")
    assert answer.abstained and answer.citations == []
    assert "No paper searched names the Cabinet Member for Housing." in answer.text
    assert answer.text.split("They do name: ")[1] == (
        "Cabinet Member for Education and Lifelong Learning (Councillor Owain Treharne); "  # ", for item 4 only" cut
        "Cabinet Member for Environment and Transport (Councillor Delyth Ambrose); "
        "Cabinet Member for Rural Affairs (Rhys Bowen MS); "  # "MS" is no surname: two holders
        "Cabinet Member for Social Services (Councillor Ffion Maddocks); "
        "Cabinet Member for Tourism (Elin Jones MS); "
        "Cabinet Member for Waste and Recycling (Mr R Thomas).")  # his fullest title, once
    # a post named with its holder is answered with the entries naming it, and nothing around them
    answer = helper.ask("Who is the Cabinet Member for Social Services?")
    assert not answer.abstained
    assert answer.sentences and all("Cabinet Member for Social Services" in s for s, _ in answer.sentences)
    # a one-word post ("Treasurer") is too loose to refuse on: it is left to the other checks
    assert "No paper searched names" not in helper.ask("Who is the Treasurer?").text


def _cited(answer) -> list[tuple[str, str]]:
    return [(c.passage.doc, c.passage.text) for c in answer.citations]


def test_who_chaired_a_meeting_is_read_from_its_attendance_record(helper):
    answer = helper.ask("Who chaired the Cabinet meeting on 30 January 2025?")
    assert not answer.abstained
    assert answer.text.startswith("PRESENT: Mr R W Gough (Chairman)")
    assert all(doc == "papers/cabinet-minutes-2025-01-30.md" for doc, _ in _cited(answer))


def test_who_chaired_a_committee_is_read_from_its_newest_records(helper):
    # the record shares no word but the committee's with the question, too few for the evidence gate
    answer = helper.ask("Who chaired Cabinet?")
    assert not answer.abstained
    assert answer.text.startswith("PRESENT: Mr D Murphy (Chairman)")  # 13 March, the newest
    assert {doc for doc, _ in _cited(answer)} <= {"papers/cabinet-minutes-2025-03-13.md", "papers/cabinet-minutes-2025-01-30.md"}


def test_who_sent_apologies_is_that_line_of_the_named_meeting(helper):
    answer = helper.ask("Who sent apologies to Cabinet on 13 March 2025?")
    assert answer.text.startswith("Apologies were received from Mrs S Chandler and Mr D Watkins.")
    assert "Mrs C Bell" not in answer.text.split("[")[0]  # January's apologies are another meeting's


def test_who_was_present_quotes_a_bulleted_list_whole(helper):
    # a list of over 50 words, which an answer otherwise cuts at its bullets and quotes in part
    answer = helper.ask("Who was present at the Corporate Parenting Committee on 10 March 2025?")
    assert not answer.abstained
    first = answer.sentences[0][0]
    for member in ("Meinir Howells", "Gareth Llywelyn-Jones", "Ffion Maddocks", "Owain Treharne", "Delyth Ambrose"):
        assert member in first, member
    assert {c.passage.doc for c in answer.citations} == {"papers/corporate-parenting-committee-minutes-2025-03-10.md"}


def test_a_meeting_the_papers_lack_is_not_answered_with_another_meeting_s_attendance(helper):
    answer = helper.ask("Who chaired the Cabinet meeting on 5 May 2025?")
    assert answer.abstained and not answer.citations
    assert answer.text.endswith("No Cabinet minutes with an attendance record are from 5 May 2025.")


def test_who_chaired_is_declined_where_no_minutes_searched_have_an_attendance_record(helper):
    # the report says "The Chair reported ...", which names no one
    answer = helper.ask("Who chaired the meeting?", Filters(doc="papers/highways-panel-report-2025-02-12.md"))
    assert answer.abstained and not answer.citations
    assert answer.text.endswith("No minutes searched have an attendance record saying who chaired, was present or "
                                "sent apologies.")
    # a post's holder may be named anywhere: such a question is left to the search
    other = helper.ask("Who is the General Counsel?", Filters(doc="papers/highways-panel-report-2025-02-12.md"))
    assert "attendance record" not in other.text


def test_who_holds_a_post_is_the_entry_of_the_record_that_names_it(helper):
    answer = helper.ask("Who is the General Counsel?")
    assert answer.sentences[0] == ("Mr B Watts (General Counsel)", [1])
    assert answer.citations[0].passage.text.startswith("IN ATTENDANCE:")
    assert answer.citations[0].passage.doc == "papers/cabinet-minutes-2025-03-13.md"  # the newest record naming it


def test_other_questions_are_left_to_the_search(helper):
    answer = helper.ask("What did the Cabinet Member report about visits to the libraries?")
    assert "12 per cent" in answer.text and "PRESENT" not in answer.text


def test_what_someone_said_is_not_answered_with_the_record_that_lists_them(helper):
    # the record names her, but says nothing she said; what she did say is in the minutes
    answer = helper.ask("What did Councillor Ffion Maddocks say about care leavers?")
    assert not any(attendance.opens_record(c.passage.text) for c in answer.citations)
    assert "Present" not in answer.text and "96 care leavers" in answer.text


def test_a_line_of_the_record_is_told_from_a_paragraph_naming_a_chairman():
    assert attendance.opens_record("PRESENT: Mr R W Gough (Chairman), Mr N Baker")
    assert attendance.opens_record("Apologies were received from Mrs C Bell.")
    assert not attendance.opens_record("Mr R W Gough (Chairman) thanked the officers for the report.")


def test_records_are_read_once_until_the_papers_change(tmp_path, monkeypatch):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "cabinet-minutes-2025-01-30.md").write_text(JANUARY, encoding="utf-8")
    a = Assistant(load_settings(env={}, home=str(tmp_path / "home")))
    try:
        a.ingest([papers], root=tmp_path)
        reads = []
        real = a.index.doc_passages
        monkeypatch.setattr(a.index, "doc_passages", lambda doc: reads.append(doc) or real(doc))
        first = attendance.records(a.index, Filters(committee="Cabinet"))
        assert first and first[0].doc == "papers/cabinet-minutes-2025-01-30.md"
        assert attendance.records(a.index, Filters(committee="Cabinet")) == first
        assert len(reads) == 1  # the second ask of the same records reads nothing
        (papers / "cabinet-minutes-2025-03-13.md").write_text(MARCH, encoding="utf-8")
        a.ingest([papers], root=tmp_path)
        newer = attendance.records(a.index, Filters(committee="Cabinet"))
        assert newer[0].doc == "papers/cabinet-minutes-2025-03-13.md"  # the new minutes, not the kept answer
    finally:
        a.close()
