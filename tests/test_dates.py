"""Dates and committees read from a question, with a fixed today."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.dates import find_committee, read_scope

TODAY = date(2025, 6, 1)
PAPERS = [("Cabinet", "2025-01-09"), ("Cabinet", "2025-01-30"), ("Cabinet", "2025-03-04"),
          ("County Council", "2025-03-13"), ("County Council", "2025-07-17"), (None, None)]


@pytest.mark.parametrize("question, committee, start, end, note", [
    ("What did Cabinet resolve at its meeting on 30 January 2025?",
     "Cabinet", "2025-01-30", "2025-01-30", "searching Cabinet papers from 30 January 2025"),
    ("What did Cabinet agree on 30th Jan 2025 about the service?",
     "Cabinet", "2025-01-30", "2025-01-30", "searching Cabinet papers from 30 January 2025"),
    ("What was decided on January 9, 2025?", None, "2025-01-09", "2025-01-09", "searching papers from 9 January 2025"),
    ("What did the County Council decide on 13/03/2025?",
     "County Council", "2025-03-13", "2025-03-13", "searching County Council papers from 13 March 2025"),
    ("What was agreed at the 2025-03-04 meeting?", None, "2025-03-04", "2025-03-04", "searching papers from 4 March 2025"),
    ("What did Cabinet decide in March 2025?", "Cabinet", "2025-03-01", "2025-03-31", "searching Cabinet papers from March 2025"),
    ("What came to Cabinet at the end of January 2025?", "Cabinet", "2025-01-01", "2025-01-31", None),
    ("What decisions were made in 2024?", None, "2024-01-01", "2024-12-31", "searching papers from 2024"),
    ("What did Cabinet decide last year?", "Cabinet", "2024-01-01", "2024-12-31", "searching Cabinet papers from 2024"),
    ("What has Cabinet decided this year?", "Cabinet", "2025-01-01", "2025-06-01", "searching Cabinet papers from this year"),
    ("What was discussed last month?", None, "2025-05-01", "2025-05-31", "searching papers from May 2025"),
    ("What has the County Council resolved since 1 February 2025?",
     "County Council", "2025-02-01", None, "searching County Council papers since 1 February 2025"),
    ("What did the Cabinet agree before March 2025?", "Cabinet", None, "2025-02-28", None),
    ("What was agreed between 1 January 2025 and 31 March 2025?", None, "2025-01-01", "2025-03-31",
     "searching papers from 1 January 2025 to 31 March 2025"),
    ("What was decided at the latest Cabinet meeting?",
     "Cabinet", "2025-03-04", "2025-03-04", "searching Cabinet papers from the latest meeting (4 March 2025)"),
    ("What did the most recent meeting decide?", None, "2025-03-13", "2025-03-13", None),  # not July: after today
    ("What did Cabinet say about the Family Hubs?", "Cabinet", None, None, "searching Cabinet papers"),
])
def test_read_scope(question, committee, start, end, note):
    scope = read_scope(question, TODAY, PAPERS)
    assert scope is not None
    f = scope.filters
    assert (f.committee, f.date_from, f.date_to) == (committee, start, end)
    assert f.doc is None and f.doc_type is None
    if note:
        assert scope.note == note


@pytest.mark.parametrize("question", [
    # figures at a date, not a meeting's date
    "How many approved foster households did Kent have at the end of December 2024?",
    "How many children had an EHCP in January 2024?",
    # financial years are not dates
    "Why is the concessionary travel budget overspending in 2024-25?",
    # a council's own name, an election and a Cabinet Member are not the meeting
    "What is Kent County Council's position on reopening Manston Airport?",
    "How much will it cost to run the May 2025 county council elections?",
    "What did the Cabinet Member for Finance say?",
    # nothing to go on
    "What did he say about the areas marked for improvement?",
    "What is the latest position on the bus network?",
    "What was decided on 31 February 2025?",
])
def test_no_scope(question):
    assert read_scope(question, TODAY, PAPERS) is None


def test_another_body_named_means_no_committee_guess():
    question = "What did the Scrutiny Committee decide on 29 January 2025, and what did that mean for Cabinet?"
    scope = read_scope(question, TODAY, PAPERS)
    assert scope.filters.committee is None and scope.filters.date_from == "2025-01-29"


@pytest.mark.parametrize("question, expected", [
    ("what did cabinet decide?", "Cabinet"),
    ("What did Council decide?", None),  # not a known committee name
    ("What did the County Council resolve?", "County Council"),
    ("In Cabinet's discussion of the draft budget, what was planned?", "Cabinet"),
])
def test_find_committee(question, expected):
    assert find_committee(question, ["Cabinet", "County Council"]) == expected


@pytest.mark.parametrize("question, expected", [
    ("Who chaired the corporate parenting committee?", "Corporate Parenting Committee"),
    ("what did the children and young people scrutiny committee ask?", "Children and Young People Scrutiny Committee"),
    ("How much did the county council elections cost?", None),  # the authority, written in lower case
    ("What did full council decide on the budget?", None),
    # a known name written in its own capitals, "and" and all: not "Young People Scrutiny Committee"
    ("What did the Children and Young People Scrutiny Committee discuss?", "Children and Young People Scrutiny Committee"),
    # the last words of one known name
    ("What did the scrutiny committee discuss on 8 May 2025?", "Children and Young People Scrutiny Committee"),
    ("What did the parenting committee say about care leavers?", "Corporate Parenting Committee"),
    ("What did the Audit Committee say?", None),  # a body the papers do not come from
])
def test_a_committee_is_named_whatever_its_case(question, expected):
    known = ["Corporate Parenting Committee", "Children and Young People Scrutiny Committee", "County Council",
             "Full Council"]
    assert find_committee(question, known) == expected


def test_a_short_name_that_is_itself_a_committee_s_whole_name_is_that_committee():
    known = ["Scrutiny Committee", "Children and Young People Scrutiny Committee"]
    assert find_committee("What did the scrutiny committee discuss?", known) == "Scrutiny Committee"


def test_a_discussion_on_a_day_dates_a_meeting():
    for question in ("What did members discuss on 30 January 2025?", "What happened at Sessions House on 30 January 2025?"):
        scope = read_scope(question, TODAY, PAPERS)
        assert (scope.filters.date_from, scope.filters.date_to) == ("2025-01-30", "2025-01-30")


@pytest.mark.parametrize("question, start, since", [
    # "since" dates the papers that can answer even when no meeting is asked about
    ("How many foster households have been approved since September 2025?", "2025-09-01", "2025-09-01"),
    ("How has the vacancy rate moved since 2024?", "2024-01-01", "2024-01-01"),
    ("What has Cabinet decided after 1 March 2025?", "2025-03-01", "2025-03-01"),
    # "from" may date a meeting, never bars older papers
    ("What did Cabinet decide from March 2025?", "2025-03-01", None),
    ("What was agreed in March 2025?", "2025-03-01", None),
])
def test_since_dates_the_papers_that_can_answer(question, start, since):
    scope = read_scope(question, TODAY, PAPERS)
    assert scope.filters.date_from == start and scope.since == since


def test_a_figure_from_a_date_is_still_not_a_meeting_date():
    assert read_scope("How many households were there from September 2025?", TODAY, PAPERS) is None


def test_relative_dates_follow_today():
    scope = read_scope("What did Cabinet decide last year?", date(2027, 2, 1), PAPERS)
    assert (scope.filters.date_from, scope.filters.date_to) == ("2026-01-01", "2026-12-31")


@pytest.mark.parametrize("question, start, end, note", [
    # a day and month with no year: the latest meeting the papers hold on that day, by today
    ("What did Cabinet decide on 30 January?", "2025-01-30", "2025-01-30", "searching Cabinet papers from 30 January 2025"),
    ("What was agreed on the 4th of March?", "2025-03-04", "2025-03-04", "searching papers from 4 March 2025"),
    ("what did cabinet decide on march 4", None, None, "searching Cabinet papers"),  # "march" uncapitalised, no day first
    ("What did Cabinet decide on March 4?", "2025-03-04", "2025-03-04", None),
    ("What was decided at the County Council meeting on 13 March?", "2025-03-13", "2025-03-13", None),
    # a month alone: the latest such month with meetings of the body named
    ("What did Cabinet decide in March?", "2025-03-01", "2025-03-31", "searching Cabinet papers from March 2025"),
    ("What did the County Council decide in July?", "2025-07-01", "2025-07-31", None),
    ("What was decided between 9 January and 4 March?", "2025-01-09", "2025-03-04",
     "searching papers from 9 January 2025 to 4 March 2025"),
])
def test_a_date_without_its_year_is_the_meeting_the_papers_hold(question, start, end, note):
    scope = read_scope(question, date(2026, 11, 27), PAPERS)
    assert (scope.filters.date_from, scope.filters.date_to) == (start, end)
    if note:
        assert scope.note == note


@pytest.mark.parametrize("question", [
    "What was agreed about the deadline of 31 March?",  # no meeting on 31 March: a deadline, not a meeting
    "What did Cabinet decide on 13 March?",  # the 13 March meeting was the County Council's
    "What did Cabinet decide in July?",
    "What did Cabinet agree on 30 February?",
    "What may Cabinet decide about the budget?",
])
def test_a_date_without_its_year_that_no_meeting_was_held_on_is_not_read(question):
    scope = read_scope(question, date(2026, 11, 27), PAPERS)
    assert scope is None or (scope.filters.date_from, scope.filters.date_to) == (None, None)


def test_a_date_without_its_year_never_reaches_past_today():
    # on 1 June 2025 the County Council's 17 July is still to come: the July asked about is not in the papers
    assert read_scope("What did the County Council decide in July?", TODAY, PAPERS).filters.date_from is None
    # "since March" counts from the papers' latest March, as a question echoing their words means
    scope = read_scope("What has Cabinet decided since March?", date(2026, 11, 27), PAPERS)
    assert (scope.filters.date_from, scope.since, scope.note) == ("2025-03-01", "2025-03-01",
                                                                "searching Cabinet papers since March 2025")
