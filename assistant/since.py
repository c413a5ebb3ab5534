"""'Since the fee package started': when a thing the question names began, as the papers give it.

A question about what has happened since something began can be answered only by papers dated
on or after that start: a report written before it can say what was planned, never what came of
it. `event_asked` reads the thing from the question ("the enhanced fee package"); `start_dates`
finds, in one passage, the dates the papers give for its start ("the enhanced foster carer fee and
support package be approved from 1 September 2025"). Both are plain text rules, no LLM.
"""

from __future__ import annotations

import re
from datetime import date

from index.keyword import tokenize

from assistant.dates import written_dates

# "since the <thing> started", "since its new rota was introduced", "since the policy came into force"
_EVENT = re.compile(
    r"\bsince\s+(?:the|its|our|their|this|that)\s+(?P<what>[\w'’-]+(?:\s+[\w'’-]+){0,5}?)\s+"
    r"(?:(?:was|were|has|have|had|been|first|formally|officially|actually)\s+){0,2}"
    r"(?:start(?:ed)?|beg[au]n|introduced|launched|(?:came|come)\s+in(?:to)?\s+(?:force|effect)|"
    r"took\s+effect|went\s+live|opened|commenced)\b",
    re.I,
)
# The papers' words right before a start date: "approved from", "with effect from", "starts on".
_START = re.compile(
    r"(?:\bfrom|\b(?:start|begin|commence)(?:s|ed|ing)?(?:\s+(?:on|in))?|\bbegan(?:\s+(?:on|in))?|"
    r"\beffective(?:\s+from)?|\b(?:introduced|launch(?:ed|es)?|opens?|opened)\s+(?:on|in|from)|"
    r"\binto\s+(?:force|effect)\s+(?:on|from)|\b(?:go(?:es)?|went)\s+live\s+(?:on|in))\s+(?:the\s+)?$",
    re.I,
)
_CLAUSE = re.compile(r";|(?<=[.!?])\s+(?=[A-Z(])")


def event_asked(question: str) -> str | None:
    """The thing whose start the question counts from ("enhanced fee package"), or None."""
    m = _EVENT.search(question)
    if not m or not tokenize(m["what"]):
        return None
    return m["what"].strip()


def start_dates(text: str, what: str) -> list[date]:
    """The dates `text` gives for the start of `what`: each written right after a start phrase
    ("from", "with effect from", "starting on"), in a clause that holds every key word of `what`."""
    wanted = set(tokenize(what))
    found: list[date] = []
    for clause in _CLAUSE.split(text):
        if not wanted <= set(tokenize(clause)):
            continue
        for start, _end, at in written_dates(clause):
            if _START.search(clause[:at]):
                found.append(start)
    return found

