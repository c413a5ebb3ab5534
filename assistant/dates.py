"""Dates and committees named in a question, read as search filters (no LLM).

"What did Cabinet decide on 30 January 2025?" becomes Filters(committee="Cabinet",
date_from="2025-01-30", date_to="2025-01-30") and the note "searching Cabinet papers from
30 January 2025". Dates count only when the question is about a meeting (a committee is
named, or it asks what was decided, discussed or considered): "How many households at the
end of December 2024?" asks about December's figures, not December's meetings. Relative
dates ("last year", "the latest meeting") are relative to the `today` passed in.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from cofnod.types import Filters

_MONTHS = ("january february march april may june july august september october november december").split()
MONTH_WORDS = (*_MONTHS, *"jan feb mar apr jun jul aug sep sept oct nov dec".split())
"""Every way a question may name a month."""
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NOT_FY = r"(?![-/–]\d)"  # "2024-25" is a financial year, not a date
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+" + _MONTH + r",?[\s-]+(\d{4})\b" + _NOT_FY, re.I)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b" + _NOT_FY, re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# A day and month with no year ("on 30 January", "the 13th of March", "on March 13"): a month name
# written without a day must be capitalised and follow a preposition ("in March", not "march on").
_NO_YEAR = r"(?!,?[\s-]+\d{4}\b)(?![\w-])"
_DAY_MONTH_ONLY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH + _NO_YEAR, re.I)
_MONTH_DAY_ONLY = re.compile(r"\b(?-i:(?=[A-Z]))" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?" + _NO_YEAR, re.I)
_MONTH_ONLY = re.compile(r"\b(?:in|during|since|from|after|before|until)\s+(?-i:(?=[A-Z]))" + _MONTH + _NO_YEAR, re.I)
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+(\d{4})\b" + _NOT_FY, re.I)
_YEAR = re.compile(r"\b(?:in|during|of|for|since)\s+(20\d{2}|19\d{2})\b" + _NOT_FY, re.I)
_RELATIVE = re.compile(r"\b(last|this|previous|past)\s+(year|month)\b", re.I)
_LATEST = re.compile(r"\b(?:the\s+)?(?:latest|most\s+recent|last)\s+(?:\w+\s+){0,2}?(?:meeting|minutes)\b", re.I)
_SINCE = re.compile(r"\b(since|after|from)\s*$", re.I)
_BEFORE = re.compile(r"\b(?:before|until|prior\s+to|up\s+to)\s*$", re.I)
# Words that make a date a meeting's date. "approved" is left out: "approved foster households".
_MEETING = re.compile(
    r"\b(meetings?|met|minutes|agenda|consider(?:ed)?|discuss(?:ed)?|debated|came\s+(?:to|before)|happened\s+at|took\s+place|"
    r"resolv\w*|decid\w*|decisions?|agreed?|endorsed?|motion)\b",
    re.I,
)
_OTHER_BODY = re.compile(r"\b((?:[A-Z][\w&'’-]*\s+){1,5}(?:Committee|Sub-Committee|Panel|Board|Forum|Commission))\b")
_BODY = re.compile(r"\b((?:[A-Z][\w&'’-]*\s+(?:(?:and|of|for|&)\s+)?){1,6}(?:Committee|Sub-Committee|Panel|Board|Forum|Commission))\b")
_ASKING = frozenset({"what", "which", "who", "when", "why", "how", "did", "does", "do", "was", "were", "is", "are",
                     "has", "have", "the", "a", "an", "and", "of", "in", "at", "to"})


def named_bodies(question: str) -> list[str]:
    """The committees, panels and boards a question names by a capitalised name ("the Planning
    Committee", "Which Audit and Governance Committee ..." gives "Audit and Governance Committee"),
    question words in front left out."""
    found = []
    for m in _BODY.finditer(question):
        words = m[1].split()
        while len(words) > 1 and words[0].lower() in _ASKING:
            words = words[1:]
        found.append(" ".join(words))
    return found


@dataclass
class Scope:
    """What a question's own words restrict the search to, and how to say so."""

    filters: Filters
    committee: str | None = None
    """The committee named, as the catalogue spells it."""
    when: str = ""
    """The dates in words: "from March 2025", "since 1 February 2025"."""
    since: str | None = None
    """Set when the question asks what has happened since a date (YYYY-MM-DD): papers dated before
    it cannot say, so the narrowed search stands even when it finds nothing."""

    @property
    def note(self) -> str:
        """"searching Cabinet papers from March 2025"."""
        return " ".join(b for b in ("searching", self.committee or "", "papers", self.when) if b)


@dataclass
class _Span:
    start: date
    end: date
    label: str
    at: int
    """Where in the question the date was written (to read "since"/"before" in front of it)."""


def read_scope(question: str, today: date, papers: Iterable[tuple[str | None, str | None]] = ()) -> Scope | None:
    """Filters for the dates and committee a question names, or None when it names neither.

    Args:
        question: the (standalone) question.
        today: what "last year" and "the latest meeting" count from.
        papers: (committee, meeting date YYYY-MM-DD) of each paper in the catalogue: the committees
            that can be named, and the meetings "the latest meeting" can mean.
    Returns:
        A Scope, or None.
    """
    papers = list(papers)
    committee = find_committee(question, (c for c, _ in papers if c))
    meetings = [d for c, d in papers if d and (committee is None or c == committee)]
    dates = _dates(question, today, meetings)
    # "at the end of December 2024" dates a figure, not a meeting; "since December 2024" dates
    # the papers that can answer, whatever the question asks
    if dates is not None and not (committee or dates[3] or _MEETING.search(question)):
        dates = None
    if dates is None and _LATEST.search(question):
        dates = _latest(today, meetings)
    if committee is None and dates is None:
        return None
    start, end, when, since = dates or (None, None, "", False)
    return Scope(Filters(committee=committee, date_from=start, date_to=end), committee, when,
                 start if since else None)


_AUTHORITY = re.compile(r"(?:(?:Full|County|Borough|City|District|Town|Community|Parish)\s+)+Council", re.I)
"""A name that is also how people write of the authority itself, or of a kind of council."""


def find_committee(question: str, committees: Iterable[str]) -> str | None:
    """The longest known committee named in the question as a body ("Cabinet"), not as part of a
    longer name ("Cabinet Member", "Kent County Council")."""
    known = {c for c in committees if c}
    written = [c for c in known if re.search(r"\b" + re.escape(c) + r"\b", question, re.I)]
    if any(m[1].strip() not in known and not any(m[1].strip() in c for c in written)
           for m in _OTHER_BODY.finditer(question)):
        # "the Scrutiny Committee decided ... for Cabinet": the papers are not Cabinet's (but "Young
        # People Scrutiny Committee" is the end of "Children and Young People Scrutiny Committee")
        return None
    short = _short_name(question, known)
    if short is not None:
        return short
    for name in sorted(known, key=len, reverse=True):
        # Case matters for "County Council" (not "the county council elections"); "cabinet" and
        # "the corporate parenting committee" are names whatever their case.
        flags = 0 if _AUTHORITY.fullmatch(name) else re.I
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", question, flags):
            before = question[:m.start()].split()
            after = question[m.end():].split()
            prior = before[-1] if before else ""
            if after and re.match(r"[A-Z]", after[0]) and after[0].lower() not in {"i"}:
                continue  # "Cabinet Member for Finance", "Cabinet Office"
            if prior[:1].isupper() and len(before) > 1 and not prior.endswith((",", ":", ";")):
                continue  # "Kent County Council": the authority, not the meeting
            return name
    return None


def _short_name(question: str, known: set[str]) -> str | None:
    """The one known committee a question names by the last words of its name ("the scrutiny
    committee" for "Children and Young People Scrutiny Committee"); None where none does, or more
    than one, or where the question writes a whole known name."""
    for m in re.finditer(r"\bthe\s+((?:[\w’'-]+\s+){1,3}(?:committee|sub-committee|panel|board|forum))\b", question, re.I):
        words = m[1].lower().split()
        if any(c.lower().split() == words for c in known):
            return None  # a whole name ("the Scrutiny Committee" beside the "... Young People Scrutiny Committee")
        ends = [c for c in known if c.lower().split()[-len(words):] == words]
        if len(ends) == 1:
            return ends[0]
    return None


def _dates(question: str, today: date, meetings: Iterable[str] = ()) -> tuple[str | None, str | None, str, bool] | None:
    """(from, to, "from <label>", whether it counts on from a "since" or "after") for the dates
    written in the question, or None. `meetings` (YYYY-MM-DD) give a date written without its
    year the year a member means (see _yearless)."""
    spans = _written(question) or _yearless(question, today, meetings) or _relative(question, today)
    if not spans:
        return None
    spans.sort(key=lambda s: s.at)
    if len(spans) == 1:
        s = spans[0]
        lead = question[:s.at]
        if m := _SINCE.search(lead):
            return s.start.isoformat(), None, f"since {s.label}", m[1].lower() != "from"
        if _BEFORE.search(lead):
            return None, (s.start - timedelta(days=1)).isoformat(), f"before {s.label}", False
        return s.start.isoformat(), s.end.isoformat(), f"from {s.label}", False
    first, last = min(spans, key=lambda s: s.start), max(spans, key=lambda s: s.end)
    return first.start.isoformat(), last.end.isoformat(), f"from {first.label} to {last.label}", False


def _written(question: str) -> list[_Span]:
    spans: list[_Span] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, y: int, mo: int, d: int | None) -> None:
        if any(a <= m.start() < b for a, b in taken):
            return
        try:
            if d is None:
                start = date(y, mo, 1)
                end = date(y, mo, calendar.monthrange(y, mo)[1])
                label = f"{_MONTHS[mo - 1].title()} {y}"
            else:
                start = end = date(y, mo, d)
                label = f"{d} {_MONTHS[mo - 1].title()} {y}"
        except ValueError:
            taken.append((m.start(), m.end()))  # "31 February": not a date, nor "February 2025"
            return
        taken.append((m.start(), m.end()))
        spans.append(_Span(start, end, label, m.start()))

    for m in _ISO.finditer(question):
        add(m, int(m[1]), int(m[2]), int(m[3]))
    for m in _SLASHED.finditer(question):
        add(m, int(m[3]), int(m[2]), int(m[1]))  # UK order
    for m in _DAY_MONTH.finditer(question):
        add(m, int(m[3]), _month(m[2]), int(m[1]))
    for m in _MONTH_DAY.finditer(question):
        add(m, int(m[3]), _month(m[1]), int(m[2]))
    for m in _MONTH_YEAR.finditer(question):
        add(m, int(m[2]), _month(m[1]), None)
    for m in _YEAR.finditer(question):
        if not any(a <= m.start(1) < b for a, b in taken):
            y = int(m[1])
            taken.append((m.start(), m.end()))
            spans.append(_Span(date(y, 1, 1), date(y, 12, 31), str(y), m.start(1)))
    return spans


def _yearless(question: str, today: date, meetings: Iterable[str]) -> list[_Span]:
    """Dates written without a year, read as the meetings the papers hold: "the meeting on
    13 March" is the latest meeting held on 13 March by today, "in March" (or "since March") the
    latest March with meetings. A date no meeting was held on is left unread: it may be a
    deadline, and a year guessed for it would hide the papers that answer."""
    held = [date.fromisoformat(d) for d in meetings if d <= today.isoformat()]
    spans: list[_Span] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, at: int, month: int, day: int | None) -> None:
        if any(a <= m.start() < b for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        year = max((d.year for d in held if d.month == month and day in (None, d.day)), default=None)
        if year is None:
            return
        start = date(year, month, day or 1)
        end = start if day else date(year, month, calendar.monthrange(year, month)[1])
        label = spoken(start.isoformat()) if day else f"{_MONTHS[month - 1].title()} {year}"
        spans.append(_Span(start, end, label, at))

    for m in _DAY_MONTH_ONLY.finditer(question):
        add(m, m.start(), _month(m[2]), int(m[1]))
    for m in _MONTH_DAY_ONLY.finditer(question):
        add(m, m.start(), _month(m[1]), int(m[2]))
    for m in _MONTH_ONLY.finditer(question):
        add(m, m.start(1), _month(m[1]), None)
    return spans


def written_dates(text: str) -> list[tuple[date, date, int]]:
    """(first day, last day, offset in `text`) of each date written in `text`, in order."""
    return sorted(((s.start, s.end, s.at) for s in _written(text)), key=lambda t: t[2])


def _relative(question: str, today: date) -> list[_Span]:
    m = _RELATIVE.search(question)
    if not m:
        return []
    which, unit = m[1].lower(), m[2].lower()
    if unit == "year":
        y = today.year if which == "this" else today.year - 1
        end = today if which == "this" else date(y, 12, 31)
        return [_Span(date(y, 1, 1), end, "this year" if which == "this" else str(y), m.start())]
    first = today.replace(day=1)
    if which != "this":
        first = (first - timedelta(days=1)).replace(day=1)
    end = today if which == "this" else date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return [_Span(first, end, f"{_MONTHS[first.month - 1].title()} {first.year}", m.start())]


def _latest(today: date, meeting_dates: Iterable[str]) -> tuple[str, str, str, bool] | None:
    past = sorted(d for d in meeting_dates if d and d <= today.isoformat())
    if not past:
        return None
    d = date.fromisoformat(past[-1])
    return past[-1], past[-1], f"from the latest meeting ({d.day} {_MONTHS[d.month - 1].title()} {d.year})", False


def _month(name: str) -> int:
    return [m[:3] for m in _MONTHS].index(name.lower()[:3]) + 1


def spoken(iso: str) -> str:
    """"2025-06-17" as "17 June 2025" (the date as a member would say it)."""
    d = date.fromisoformat(iso)
    return f"{d.day} {_MONTHS[d.month - 1].title()} {d.year}"
