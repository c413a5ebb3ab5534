"""Council structure in retrieval: filters read from the question, and the decisions register first.

`Assistant.ask` calls `retrieve` instead of a plain search. A question's own dates and
committee narrow the search only where the user left those filters open, and only when the
narrowed search still finds evidence enough to answer: a wrong guess must never make a
question unanswerable, so otherwise the search runs again without them. The one exception is
"since": a question about what has happened since a date, or since something began on a date
the papers give, cannot be answered by papers written before it, so that narrowing stands.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from cofnod.types import Filters, Hit, Resolution
from index.store import Index

from assistant import attendance, register, since
from assistant.dates import Scope, read_scope, spoken
from assistant.intent import asks_decision, asks_meeting_business, asks_what_was_decided, names_decision_number

Search = Callable[[str, Filters | None, int | None], list[Hit]]
Enough = Callable[[str, list[Hit]], bool]


@dataclass
class Retrieved:
    hits: list[Hit]
    scope: Scope | None = None
    """The question's own filters, when they were applied."""
    no_decision: bool = False
    """The question asks what was decided, and no decision in the register (within the filters
    searched) is about it: whatever the papers say, they record no resolution on it."""
    decisions: list[Resolution] | None = None
    """Set when the question asks what was decided at the meetings its scope names, and nothing
    more ("What did Cabinet decide on 30 January 2025?"): the register's decisions there."""
    declined: str | None = None
    """Why the question has no answer in the papers, when that is known before answering
    ("No Cabinet minutes with an attendance record are from 5 May 2025.")."""
    recorded: bool = False
    """The search, narrowed to the meetings the question names ("Who chaired Cabinet?"), is led by
    the line of their attendance record it asks for ("PRESENT: Mr R W Gough (Chairman), ..."),
    which shares too few words with the question to pass the evidence gate."""


def question_scope(index: Index, query: str, filters: Filters | None, today: date | None = None) -> Scope | None:
    """The filters the question's words add to the user's, or None when they add nothing."""
    user = filters or Filters()
    if user.doc:
        return None  # one document is narrower than anything a question can say
    scope = read_scope(query, today or date.today(), [(d.committee, d.date) for d in index.documents()])
    if (scope is None or not (scope.filters.date_from or scope.filters.date_to)) and not (user.date_from or user.date_to):
        scope = _since_event(index, query, scope) or scope
    if scope is None:
        return None
    f = scope.filters
    committee = f.committee if not user.committee else None
    dated = (f.date_from or f.date_to) and not (user.date_from or user.date_to)
    extra = Filters(committee=committee, date_from=f.date_from if dated else None, date_to=f.date_to if dated else None)
    if extra.is_empty():
        return None
    return Scope(user.narrowed(extra), committee, scope.when if dated else "", scope.since if dated else None)


def _since_event(index: Index, query: str, scope: Scope | None) -> Scope | None:
    """The scope of "since the <thing> started", dated from the start the papers give for it: the
    date in the most recent paper that gives one (a later paper may have moved it)."""
    what = since.event_asked(query)
    if what is None:
        return None
    found = [(h.passage.date or "", -d.toordinal(), h.passage.doc, d)
             for h in index.search(what, None, 20) for d in since.start_dates(h.passage.text, what)]
    if not found:
        return None
    *_, doc, start = max(found)
    committee = scope.committee if scope else None
    when = f"since {spoken(start.isoformat())}, the start of the {what} in {doc}"
    return Scope(Filters(committee=committee, date_from=start.isoformat()), committee, when, start.isoformat())


def no_minutes(scope: Scope | None) -> str:
    """Why a question about who was at the meetings a scope names (or at any meeting of the
    papers searched) has no answer."""
    papers = f"{scope.committee} minutes" if scope and scope.committee else "minutes"
    if scope is None or not scope.when:
        return f"No {papers} searched have an attendance record saying who chaired, was present or sent apologies."
    return f"No {papers} with an attendance record are {scope.when}."


def no_decisions(index: Index, scope: Scope) -> str:
    """Why a question about what some meetings decided has no answer: no paper is in scope, or
    the register holds no decision from those papers (and whether any of them are minutes)."""
    papers = f"{scope.committee} papers" if scope.committee else "papers"
    docs = index.allowed_docs(scope.filters)
    if not docs:
        return nothing_since(index, scope) if scope.since else f"No {papers} are {scope.when}."
    kinds = {d.doc_type for d in index.documents() if d.doc in docs}
    found = f"No decision is recorded in the {papers} {scope.when}".rstrip()
    if "minutes" not in kinds:
        found += f": they are {_listed(sorted(kinds))}, and no minutes"
    return found + "."


def _listed(kinds: list[str]) -> str:
    plural = [k if k.endswith("s") else f"{k}s" for k in kinds]
    return plural[0] if len(plural) == 1 else ", ".join(plural[:-1]) + " and " + plural[-1]


def nothing_since(index: Index, scope: Scope) -> str:
    """Why a "since" question found nothing to answer it: no paper is that recent, or none that is
    speaks to it."""
    if index.allowed_docs(scope.filters):
        return f"Nothing in the papers dated since {spoken(scope.since)} speaks to it."
    earlier = index.allowed_docs(replace(scope.filters, date_from=None))
    dates = [d.date for d in index.documents() if d.date and d.doc in earlier]
    latest = f"; the latest is dated {spoken(max(dates))}" if dates else ""
    return f"None of the papers searched is dated on or after {spoken(scope.since)}{latest}."


def retrieve(index: Index, search: Search, enough: Enough, query: str, filters: Filters | None,
             k: int, infer: bool = True, today: date | None = None, decision: bool | None = None,
             topic: str | None = None) -> Retrieved:
    """Hits for a question: narrowed by its own dates and committee where that still answers it,
    with the decision it asks about (if the register holds one) leading.

    `decision`: whether the user asked what was decided (default: read from `query`); a follow-up
    such as "Who proposed it?" is not, though its rewritten query carries the earlier question.
    `topic`: the words saying what a decision is asked about (default `query`): the user's own
    question, not the earlier one a rewritten follow-up carries.
    """
    decision = asks_decision(query) if decision is None else decision
    scope = question_scope(index, query, filters, today) if infer else None
    if decision and asks_what_was_decided(topic if topic is not None else query):
        searched = scope.filters if scope is not None else filters
        if (numbered := register.numbered_decision(index, query, searched)) is not None:
            # "What did Cabinet decide on 24/00109?": that item's RESOLVED paragraph, under its
            # heading and date, as a meeting's decisions are listed; its words are not the question's
            return Retrieved([], scope, False, [numbered])
    business = asks_meeting_business(topic if topic is not None else query)
    if scope is not None and (decision or business) and register.asks_for_decisions_of(
            query, [d.committee for d in index.documents() if d.committee]):
        # answered from the register alone, even when it holds none there: a search of the
        # papers for "what did Cabinet decide" finds only the words "Cabinet" and "decide"
        decisions = register.decisions_in(index, scope.filters)
        if decisions or asks_what_was_decided(query) or not business:
            return Retrieved([], scope, False, decisions)
        # "What did Cabinet consider on 13 March?" with no minutes: the agenda says what it was to take
    if scope is not None and (scope.filters.date_from or scope.filters.date_to) and attendance.asks_attendance(query):
        if not attendance.records(index, scope.filters):
            # who was at a meeting whose minutes the papers lack: another meeting's record is no answer
            return Retrieved(search(query, scope.filters, k), scope, declined=no_minutes(scope))
    if scope is not None:
        hits, none = _with_resolution(index, query, scope.filters, _search(index, search, query, scope.filters, k),
                                      k, decision, topic)
        recorded = bool(hits) and attendance.answers(query, hits[0].passage.text)
        if scope.since or recorded or (hits and enough(query, hits)):
            return _unrecorded(index, query, Retrieved(hits, scope, none, recorded=recorded))
    # a meeting the question names but the papers lack must not be answered with another's attendance
    hits = search(query, filters, k) if scope is not None else _search(index, search, query, filters, k)
    hits, none = _with_resolution(index, query, filters, hits, k, decision, topic)
    return _unrecorded(index, query, Retrieved(hits, None, none), filters)


def _unrecorded(index: Index, query: str, found: Retrieved, filters: Filters | None = None) -> Retrieved:
    """Declined where the question asks who chaired, was present or sent apologies and no minutes
    searched have an attendance record: "The Chair reported ..." names no one."""
    if not attendance.asks_who_was_there(query):
        return found
    searched = found.scope.filters if found.scope is not None else filters
    if attendance.records(index, searched):
        return found
    return replace(found, declined=no_minutes(found.scope))


def _search(index: Index, search: Search, query: str, filters: Filters | None, k: int) -> list[Hit]:
    """The search, with the minutes' attendance record first for a question about who was there."""
    return attendance.lead_with_records(index, query, filters, search(query, filters, k), k)


def _with_resolution(index: Index, query: str, filters: Filters | None, hits: list[Hit], k: int,
                     decision: bool, topic: str | None = None) -> tuple[list[Hit], bool]:
    """The hits, led by the decision a decision question is about, and whether no decision is about
    it. That decision is the register's nearest, where it holds the question's words, or else the
    one closing the agenda item of the best hit, where the question names a topic (something after
    its "about") and that hit speaks of it: "And what did Cabinet agree to do about the shortage of
    placements?" finds the debate saying "not enough placements", whose RESOLVED paragraph speaks of
    foster carers. None is about it where none holds its words and no such item closed with one."""
    numbered = register.numbered_decision(index, query, filters)
    if numbered is not None:
        # "From what date does that take effect?" after "What did Cabinet decide on 24/00109?"
        return register.lead_with(index, numbered, hits, k), False
    if not decision:
        return hits, False
    asked = query if topic is None else topic
    if names_decision_number(asked):
        # "What did Cabinet decide on 24/00093?" where no decision carries that number: none is about it
        return hits, True
    close = register.close_decisions(index, query, filters)
    match = register.best_of(index, query, close, asked)
    if match:
        return register.lead_with(index, match, hits, k), False
    closing = register.closing_item(index, hits, asked)
    if closing is not None and register.topic_words(asked):
        # the debate the search found speaks of what was asked, worded apart from its RESOLVED paragraph
        return register.lead_with(index, closing, hits, k), False
    return hits, not register.any_about(index, query, close, asked) and closing is None
