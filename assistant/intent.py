"""What kind of papers a question points to, read from its words (no LLM)."""

from __future__ import annotations

import re

from cofnod.types import Filters
from index.keyword import tokenize

_DECISION = re.compile(
    r"\b(resolv\w*|decid\w*|decision\w*|conclu(de|ded|sion)|agree[ds]?|approve|approval|endors\w*|outcome|vot(e|ed|ing)|reject\w*|defer\w*)\b"
    r"|\b(was|were|be|been|is)\s+approved\b",
    re.IGNORECASE,
)
# Asking what a meeting decided, rather than naming "a decision" ("What options does Cabinet have
# when reconsidering decision 24/00093?").
_DECIDED = re.compile(
    r"\b(resolv\w*|decide[ds]?|conclude[ds]?|agree[ds]?|approve[ds]?|endorse[ds]?|outcome|vot(e|ed)|reject(ed)?|defer(red)?)\b",
    re.IGNORECASE,
)
# Words every decision question has and that say nothing about which decision (the register's
# match and the answer's choice of RESOLVED sentences look at the question's other words).
DECISION_WORDS = frozenset(tokenize(
    "what which who did does was were resolve resolved resolution decide decided decision conclude concluded "
    "conclusion agree agreed "
    "approve approved endorse endorsed outcome happen happened meeting cabinet council committee panel board "
    "county its their about on at"
))
_INSPECTION = re.compile(r"\b(inspector\w*|inspection\w*|CIW|CSSIW|Estyn|Ofsted)\b", re.IGNORECASE)


def asks_decision(question: str) -> bool:
    """True for questions about what was resolved, agreed or decided."""
    return bool(_DECISION.search(question))


def asks_what_was_decided(question: str) -> bool:
    """True when the question asks what was resolved or decided (a verb, or "outcome"), not
    merely about a decision by name."""
    return bool(_DECIDED.search(question))


# Asking what a meeting did as a whole: "What happened at Cabinet on 30 January 2025?", "What was
# discussed at the last meeting?". Where nothing but the meeting is named, its decisions answer it.
_BUSINESS = re.compile(r"\b(?:happen(?:s|ed)?|took\s+place|discuss(?:es|ed)?|consider(?:s|ed)?|covered)\b",
                       re.IGNORECASE)
BUSINESS_WORDS = frozenset(tokenize("happen happens happened took place discuss discusses discussed consider "
                                    "considers considered covered"))


def asks_meeting_business(question: str) -> bool:
    """True for questions about what a meeting took or did (not what it decided about something)."""
    return bool(_BUSINESS.search(question))


def preferred(question: str) -> Filters | None:
    """Filters whose documents should rank higher for this question, if any.

    Decisions are recorded in minutes; what inspectors said is in inspection reports.
    """
    if _DECISION.search(question):
        return Filters(doc_type="minutes")
    if _INSPECTION.search(question):
        return Filters(doc_type="inspection report")
    return None


# A decision's number as Kent's papers carry it ("24/00109"; a file "24-00109 - ... - Report.pdf"),
# not a date ("13/03/2025") nor a financial year ("2024/25").
DECISION_NUMBER = re.compile(r"(?<![\d/])(\d{2})[/-](\d{4,6})(?![\d/])")


def carries_numbers(numbers: list[tuple[str, str]]):
    """A test of whether a text carries every one of these decision numbers (as DECISION_NUMBER
    finds them), written with "/" or "-": "24/00109" is carried by "24-00109 - ... - Report"."""
    wanted = [re.compile(rf"(?<![\d/]){a}[/-]{b}(?![\d/])") for a, b in numbers]
    return lambda text: all(w.search(text) for w in wanted)


def names_decision_number(question: str) -> bool:
    """Whether the question names a decision by its number ("What did Cabinet decide on 24/00109?")."""
    return bool(DECISION_NUMBER.search(question))
