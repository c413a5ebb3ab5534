"""What a meeting's agenda lists: read from the agenda paper's numbered items, not searched for."""

from __future__ import annotations

import pytest

from assistant import agenda
from assistant.core import Assistant
from cofnod.settings import load_settings
from tests.conftest import assistant_over, make_passages
from tests.test_council import AGENDA

COMMITTEES = ["Cabinet", "Corporate Parenting Committee"]


@pytest.mark.parametrize("question, asks", [
    ("What was on the agenda for Cabinet on 30 January 2025?", True),
    ("What items are on the Cabinet agenda for 13 March 2025?", True),
    ("What's on the latest Cabinet agenda?", True),
    ("Which reports were on the agenda of the Corporate Parenting Committee in March 2025?", True),
    # a topic is asked about: the search finds the item that speaks of it
    ("Which presentation on bandstand repainting was on the Cabinet agenda?", False),
    ("What was the only substantive item on the Cabinet agenda for 13 March 2025?", False),
    # no agenda asked for
    ("What did Cabinet decide on 30 January 2025?", False),
])
def test_an_agenda_question_names_nothing_but_the_meetings(question, asks):
    assert agenda.asks_agenda(question, COMMITTEES) is asks


def _texts(found):
    return [text for text, _ in found]


def test_an_agenda_s_items_are_its_first_run_of_numbered_lines():
    _, passages = make_passages("agenda.pdf", [
        "AGENDA",
        "13 March 2025 at 3.00 pm, Council Chamber",  # a date is not item 13
        "1. Apologies",
        "2. Declarations of Interest",
        "(During these items the meeting is likely to be open to the public)",
        "3. Consideration of Decision 24/00093 (if required)",
        "4. " + " ".join(["word"] * 60),  # a numbered paragraph far too long to be an item's title
        "1. Summary",  # a report's own numbering, after the agenda: not item 1 again
        "5. Any other business",
    ], doc_type="agenda")
    assert _texts(agenda.items(passages)) == [
        "1. Apologies", "2. Declarations of Interest", "3. Consideration of Decision 24/00093 (if required)"]


def test_items_written_as_headings_are_listed_once_each():
    _, passages = make_passages("agenda.md", [
        "Thursday 10 April 2025 at 10.00 am.",
        "The Chair will ask for apologies.",
        "Minutes of the last meeting.",
        "Cabinet is asked to note the report.",
        "The report sets out the budget.",
    ], doc_type="agenda")
    headings = [["Agenda"], ["Agenda", "1. Apologies"], ["Agenda", "2. Minutes"], ["Agenda", "3. Budget"],
                ["Agenda", "3. Budget"]]
    for p, trail in zip(passages, headings):
        p.trail = trail
    found = agenda.items(passages)
    assert _texts(found) == ["1. Apologies", "2. Minutes", "3. Budget"]
    assert [p.seq for _, p in found] == [1, 2, 3]  # cited to the first paragraph under each


def test_a_meeting_without_minutes_is_answered_with_its_agenda_saying_so(tmp_path):
    a = assistant_over(tmp_path, {"cabinet-agenda-2025-04-10.md": AGENDA})
    try:
        taken = a.ask("What did Cabinet consider on 10 April 2025?")
        assert not taken.abstained
        assert taken.sentences[0] == ("The papers hold no minutes of Cabinet on 10 April 2025; its agenda lists:", [])
        assert [s for s, _ in taken.sentences[1:]] == [
            "1. Apologies", "2. Minutes of the meeting held on 13 March 2025",
            "3. Bandstand repainting in Aberdyffryn park - presentation by the Head of Parks",
            "4. Date of the next meeting"]
        assert [ns for _, ns in taken.sentences[1:]] == [[1], [2], [3], [4]]
        assert [c.passage.text for c in taken.citations] == [s for s, _ in taken.sentences[1:]]
        # asked about the agenda itself, the line names the agenda alone
        listed = a.ask("What is on the agenda for Cabinet on 10 April 2025?")
        assert listed.sentences[0] == ("The agenda of Cabinet on 10 April 2025 lists:", [])
        assert len(listed.citations) == 4
        # a topic asked about is left to the search
        topic = a.ask("Which presentation on bandstand repainting was on the Cabinet agenda on 10 April 2025?")
        assert "lists:" not in topic.text and "Bandstand" in topic.text
    finally:
        a.close()


MINUTES = """# Cabinet — Minutes

Minutes of the meeting of Cabinet held on Thursday 10 April 2025.

## 3. Bandstand repainting

The Head of Parks presented the options for repainting the bandstand.

RESOLVED that the bandstand be repainted in its original green.
"""


def test_a_meeting_with_minutes_is_answered_from_them_not_its_agenda(tmp_path):
    a = assistant_over(tmp_path, {"cabinet-agenda-2025-04-10.md": AGENDA, "cabinet-minutes-2025-04-10.md": MINUTES})
    try:
        did = a.ask("What did Cabinet consider on 10 April 2025?")
        assert {c.passage.doc_type for c in did.citations} == {"minutes"}
        assert "RESOLVED that the bandstand be repainted" in did.text
        # the agenda, asked for, is still the agenda's
        listed = a.ask("What was on the Cabinet agenda on 10 April 2025?")
        assert {c.passage.doc_type for c in listed.citations} == {"agenda"} and len(listed.citations) == 4
    finally:
        a.close()


@pytest.mark.corpus
def test_the_agendas_of_real_cabinet_meetings(corpus, tmp_path):
    folder = "kent-cc/cabinet"
    files = [f"{folder}/2025-03-04/Agenda frontsheet 04th-Mar-2025 10.00 Cabinet.pdf",
             f"{folder}/2025-03-13/Agenda frontsheet 13th-Mar-2025 15.00 Cabinet.pdf"]
    a = Assistant(load_settings(env={}, home=str(tmp_path / "home")))
    try:
        assert [r.status for r in a.ingest([corpus / f for f in files], root=corpus)] == ["added", "added"]
        listed = a.ask("What was on the agenda for Cabinet on 4 March 2025?")
        items = [s for s, ns in listed.sentences if ns]
        assert len(items) == 8 and items[0] == "1. Apologies" and items[-1] == "8. Home to School Transport - Presentation"
        assert {(c.passage.doc, c.passage.page) for c in listed.citations} == {(files[0], 1)}
        # no minutes of the 13 March meeting: its agenda, with the front sheet's note on why it met
        taken = a.ask("What did Cabinet consider on 13 March 2025?")
        assert taken.sentences[0][0] == "The papers hold no minutes of Cabinet on 13 March 2025; its agenda lists:"
        said = [s for s, _ in taken.sentences]
        assert "3. Consideration of Decision 24/00093 (if required)" in said
        assert said[-1].startswith("Note – Meeting organised to allow for consideration") and "Family Hubs" in said[-1]
        assert "Ask for" not in taken.text and "@" not in taken.text  # not the front sheet's contact lines
        # both meetings of the month, newest first
        month = a.ask("What was discussed at Cabinet in March 2025?")
        leads = [s for s, ns in month.sentences if not ns]
        assert leads == ["The papers hold no minutes of Cabinet on 13 March 2025; its agenda lists:",
                         "The papers hold no minutes of Cabinet on 4 March 2025; its agenda lists:"]
    finally:
        a.close()


MARCH_AGENDA = """# Cabinet — Agenda

Thursday 13 March 2025 at 10.00 am, Council Chamber, Aberdyffryn.

1. Apologies

2. Library opening hours
"""


@pytest.fixture(scope="module")
def two_cabinets(tmp_path_factory):
    """Cabinet's agendas of 13 March and 10 April 2025, and the minutes of 10 April."""
    a = assistant_over(tmp_path_factory.mktemp("two-cabinets"), {
        "cabinet-agenda-2025-04-10.md": AGENDA, "cabinet-agenda-2025-03-13.md": MARCH_AGENDA,
        "cabinet-minutes-2025-04-10.md": MINUTES})
    yield a
    a.close()


def test_the_next_or_latest_agenda_and_none_at_all(two_cabinets, tmp_path):
    from datetime import date

    def dates(question, today):
        listing = agenda.asked_meetings(two_cabinets.index, question, today=today)
        return [m.date for m in listing.meetings], listing.note

    # the soonest meeting to come, or where none is to come, the latest, saying so
    assert dates("What is on the agenda for the next Cabinet?", date(2025, 3, 1)) == (["2025-03-13"], None)
    assert dates("What is on the agenda for the next Cabinet?", date(2025, 3, 20)) == (["2025-04-10"], None)
    assert dates("What is on the agenda for the next Cabinet?", date(2025, 5, 1)) == (
        ["2025-04-10"], "No agenda of Cabinet in the papers is for a meeting after 1 May 2025.")
    assert dates("What's on the latest Cabinet agenda?", date(2025, 5, 1)) == (["2025-04-10"], None)
    assert dates("What items are on the Cabinet agendas?", date(2025, 5, 1)) == (["2025-04-10", "2025-03-13"], None)
    answer = two_cabinets.ask("What is on the agenda for the next Cabinet?")
    assert answer.sentences[0][0].startswith("No agenda of Cabinet in the papers is for a meeting after ")
    assert answer.sentences[1] == ("The agenda of Cabinet on 10 April 2025 lists:", [])
    (tmp_path / "minutes-only").mkdir()
    b = assistant_over(tmp_path / "minutes-only", {"cabinet-minutes-2025-04-10.md": MINUTES})
    try:
        none = b.ask("What is on the agenda for the next Cabinet?")
        assert none.abstained and not none.citations
        assert none.text.endswith("No agenda of Cabinet is among the papers searched.")
    finally:
        b.close()


@pytest.mark.parametrize("question, asks", [
    ("When is the next Cabinet meeting?", True),
    ("When does Cabinet next meet?", True),
    ("When is the next meeting?", True),
    ("When was the last Cabinet meeting?", False),
    ("When is the next Cabinet meeting on library opening hours?", False),  # a topic: left to the search
    ("What is on the agenda for the next Cabinet meeting?", False),
])
def test_a_next_meeting_question_names_nothing_but_the_meeting(question, asks):
    assert agenda.asks_next_meeting(question, COMMITTEES) is asks


def test_when_the_next_meeting_is_held_and_none_to_come(two_cabinets):
    from datetime import date

    def coming(question, today):
        found = agenda.next_meeting(two_cabinets.index, question, today=today)
        return found.meeting, found.line, found.note

    # the soonest meeting to come, with its front sheet's time, or the latest, saying none is to come
    assert coming("When is the next Cabinet meeting?", date(2025, 3, 1)) == (
        "Cabinet on 13 March 2025", "Thursday 13 March 2025 at 10.00 am, Council Chamber, Aberdyffryn.", None)
    assert coming("When does Cabinet next meet?", date(2025, 5, 1))[0::2] == (
        "Cabinet on 10 April 2025", "No meeting of Cabinet in the papers is after 1 May 2025.")
    answer = two_cabinets.ask("When is the next Cabinet meeting?")
    assert answer.text.startswith("No meeting of Cabinet in the papers is after ")
    assert "The latest in the papers is Cabinet on 10 April 2025" in answer.text and len(answer.citations) == 1
    # a body no paper is from is not answered with another's meeting
    council = two_cabinets.ask("When is the next County Council meeting?")
    assert council.abstained and not council.citations
    assert council.text.endswith("No paper of County Council among those searched is for a meeting.")
