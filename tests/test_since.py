"""'Since the <thing> started': the thing read from the question, its start from the papers' words."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.since import event_asked, start_dates


@pytest.mark.parametrize("question, what", [
    ("How many new foster carer households has the council recruited since the enhanced fee package started?",
     "enhanced fee package"),
    ("How have library visits changed since the extended opening hours were introduced?", "extended opening hours"),
    ("What complaints have there been since the new parking policy came into force?", "new parking policy"),
    ("How many calls since its out-of-hours line was launched?", "out-of-hours line"),
    ("Since the Family Hubs opened, how many families have used them?", "Family Hubs"),
])
def test_event_asked(question, what):
    assert event_asked(question) == what


@pytest.mark.parametrize("question", [
    "What did Cabinet decide about the enhanced fee package?",
    "How many households since September 2025?",  # a date, not a thing: dates.read_scope's work
    "Since the budget was cut, what has the council done?",  # causal "since", no start
    "What has happened since it started?",  # no thing named
])
def test_no_event(question):
    assert event_asked(question) is None


RESOLVED = ("RESOLVED that: (i) the CIW report be noted; (ii) the action plan be approved, with the target "
            "profiled as 8 households in 2025-26; (iii) the enhanced foster carer fee and support package be "
            "approved from 1 September 2025, at a cost of £620,000 a year; (iv) progress be reported by "
            "31 March 2026.")


@pytest.mark.parametrize("text, what, expected", [
    (RESOLVED, "enhanced fee package", [date(2025, 9, 1)]),
    # the words must share the date's clause: (iv)'s date is not the package's start
    (RESOLVED, "progress reports", []),
    ("The new parking policy comes into force on 6 April 2026. It was agreed on 3 March 2026.",
     "new parking policy", [date(2026, 4, 6)]),
    ("The out-of-hours line, staffed by our own team, went live in October 2025.", "out-of-hours line",
     [date(2025, 10, 1)]),
    ("Opening hours were extended with effect from 1 June 2025 in three libraries.", "extended opening hours",
     [date(2025, 6, 1)]),
    # a date not introduced as a start
    ("The enhanced fee package was discussed on 17 June 2025.", "enhanced fee package", []),
])
def test_start_dates(text, what, expected):
    assert start_dates(text, what) == expected
