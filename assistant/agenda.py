"""What a meeting's agenda lists: "What was on the agenda for Cabinet on 30 January 2025?".

A search for such a question finds the agenda's front sheet (its date, time and contact lines)
and one item that happens to share a word with the question. The agenda papers of the meetings
the question names are read instead, and the answer is their numbered items, each cited to its
line of the agenda. A question about what a meeting considered or discussed, where the papers
hold no minutes of it, is answered the same way, saying so first: the agenda is all they hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cofnod.types import Answer, Citation, Filters, Hit, Passage
from index.catalog import DocRecord
from index.keyword import tokenize
from index.store import Index
from ingest.sentences import split_sentences

from assistant import register
from assistant.council import question_scope
from assistant.dates import spoken
from assistant.intent import asks_meeting_business

_AGENDA = re.compile(r"\bagendas?\b", re.IGNORECASE)
# Words of an agenda question that name no topic: "What items are on the agenda for ...".
AGENDA_WORDS = frozenset(tokenize("agenda agendas item items list lists listed business next upcoming coming "
                                  "forthcoming future current due report reports paper papers"))
_NEXT = re.compile(r"\b(?:next|upcoming|coming|forthcoming|future)\b", re.IGNORECASE)
_LATEST = re.compile(r"\b(?:latest|last|most\s+recent|previous|current)\b", re.IGNORECASE)
# A pack of a meeting's papers opens with its agenda: "Public reports pack 13th-Mar-2025 15.00 Cabinet".
_PACK = re.compile(r"\b(?:reports?|agenda)\s+pack\b", re.IGNORECASE)
# An agenda item's line: its number, then its title ("5. 24/00108 - Revenue and Capital Budget ...").
_ITEM = re.compile(r"^\s*(\d{1,2})\.?\s+\S")
_NOTE = re.compile(r"^\s*Note\s*[–:-]\s*\S")
ITEM_WORDS = 40
"""Most words in one agenda item's line; a longer numbered paragraph is a report's, not an item."""
AGENDA_PAGES = 3
"""An agenda's items are on its first pages; a pack's later pages are its reports."""
RECORDS = ("minutes", "transcript")
"""The kinds of paper that record what a meeting did."""
LISTED = 25
"""Most agenda items in one answer."""


@dataclass
class Meeting:
    committee: str | None
    date: str | None
    items: list[tuple[str, Passage]]
    """Each item as the agenda words it, with the paragraph saying it."""
    notes: list[tuple[str, Passage]] = field(default_factory=list)
    """What the front sheet notes of the meeting ("Note – Meeting organised to allow for
    consideration ... of Decision 24/00093"), with the paragraph saying it."""

    @property
    def name(self) -> str:
        """"Cabinet on 13 March 2025"."""
        return " ".join(b for b in (self.committee or "the meeting", f"on {spoken(self.date)}" if self.date else "") if b)


def asks_agenda(question: str, committees: list[str]) -> bool:
    """Whether the question asks what an agenda lists, and names nothing but the meetings: "What
    was on the agenda for Cabinet on 30 January 2025?", "What items are on the latest agenda?"."""
    if not _AGENDA.search(question):
        return False
    left = set(tokenize(question)) - AGENDA_WORDS
    return register.names_only_meetings(left, committees)


def items(passages: list[Passage]) -> list[tuple[str, Passage]]:
    """An agenda paper's items, each with the paragraph that holds it: the first run of short
    paragraphs or headings numbered 1, 2, 3 ... on its first pages ("3. Minutes of the Meeting
    held on 9th January 2025", or a heading "3. Budget" over the item's text)."""
    found: list[tuple[str, Passage]] = []
    for p in passages:
        if p.page and p.page > AGENDA_PAGES:
            break
        for text in (p.trail[-1] if p.trail else "", p.text):
            m = _ITEM.match(text)
            if not m or len(text.split()) > ITEM_WORDS or int(m[1]) == len(found):
                continue  # not an item, or the item already listed (a heading over several paragraphs)
            if int(m[1]) == len(found) + 1:
                found.append((" ".join(text.split()), p))
            elif found:
                return found  # another numbering: a report's paragraphs after the agenda
    return found


def notes(passages: list[Passage], first_item: Passage) -> list[tuple[str, Passage]]:
    """The front sheet's notes on the meeting, before its first item: "Note – Meeting organised ..."."""
    found: list[tuple[str, Passage]] = []
    for p in passages:
        if p.id == first_item.id:
            break
        found += [(s, p) for s in split_sentences(p.text) if _NOTE.match(s)]
    return found


def _agenda_papers(index: Index, docs: list[DocRecord]) -> list[DocRecord]:
    """A meeting's agenda: its papers of the kind "agenda", else the pack of its papers."""
    return [d for d in docs if d.doc_type == "agenda"] or [d for d in docs if _PACK.search(d.title or d.doc)]


def _papers_by_meeting(index: Index, filters: Filters) -> dict[tuple[str | None, str], list[DocRecord]]:
    """The dated papers these filters let through, by meeting: (committee, date)."""
    allowed = index.allowed_docs(filters)
    by_meeting: dict[tuple[str | None, str], list[DocRecord]] = {}
    for d in index.documents():
        if d.doc in allowed and d.date:
            by_meeting.setdefault((d.committee, d.date), []).append(d)
    return by_meeting


def meetings(index: Index, filters: Filters) -> list[Meeting]:
    """The meetings these filters let through that have an agenda with items, newest first."""
    out = []
    for (committee, when), docs in sorted(_papers_by_meeting(index, filters).items(), key=lambda kv: kv[0][1],
                                          reverse=True):
        for d in _agenda_papers(index, docs):
            passages = index.doc_passages(d.doc)
            listed = items(passages)
            if listed:
                out.append(Meeting(committee, when, listed, notes(passages, listed[0][1])))
                break
    return out


@dataclass
class Listing:
    meetings: list[Meeting]
    unminuted: bool = False
    """The question asks what the meetings did, and the papers hold no minutes of them."""
    note: str | None = None
    """Said before the list, or, where it is empty, why: "No agenda of Cabinet in the papers is for
    a meeting after 28 November 2026." (before the latest agenda's list)."""


def asked_meetings(index: Index, question: str, filters: Filters | None = None,
                   today: date | None = None) -> Listing | None:
    """The meetings whose agendas answer the question: those it names where it asks what their
    agenda lists (the soonest to come for "the next agenda", the newest for "the latest"), or
    where it asks what they considered, discussed or did and the papers hold neither minutes of
    them nor a decision; None for other questions. An agenda question the papers hold no agenda
    for gets an empty listing saying so."""
    committees = [d.committee for d in index.documents() if d.committee]
    agenda = asks_agenda(question, committees)
    business = not agenda and asks_meeting_business(question) and register.asks_for_decisions_of(question, committees)
    if not (agenda or business):
        return None
    scope = question_scope(index, question, filters, today)
    if business:
        if scope is None:
            return None
        allowed = index.allowed_docs(scope.filters)
        if register.decisions_in(index, scope.filters) or any(
                d.doc in allowed and d.doc_type in RECORDS for d in index.documents()):
            return None  # what it decided, or its record, says what it did
        found = meetings(index, scope.filters)
        return Listing(found, unminuted=True) if found else None
    found = meetings(index, scope.filters if scope is not None else (filters or Filters()))
    of = f" of {scope.committee}" if scope is not None and scope.committee else ""
    if not found:
        return Listing([], note=f"No agenda{of} is among the papers searched.")
    if _NEXT.search(question):
        now = (today or date.today()).isoformat()
        coming = [m for m in found if m.date and m.date >= now]
        if coming:
            return Listing(coming[-1:])
        return Listing(found[:1], note=f"No agenda{of} in the papers is for a meeting after {spoken(now)}.")
    return Listing(found[:1] if _LATEST.search(question) else found)


def answer(question: str, listing: Listing) -> Answer:
    """Each meeting's agenda items, under a line naming the meeting, each item cited to its line
    of the agenda. Where the question asked what a meeting did rather than what its agenda lists,
    the line says the papers hold no minutes of it."""
    citations: list[Citation] = []
    sentences: list[tuple[str, list[int]]] = [(listing.note, [])] if listing.note else []
    for m in listing.meetings:
        if len(citations) >= LISTED:
            break
        lead = (f"The papers hold no minutes of {m.name}; its agenda lists:" if listing.unminuted
                else f"The agenda of {m.name} lists:")
        sentences.append((lead, []))
        said = m.items[:LISTED - len(citations)] + m.notes
        for sentence, p in said:
            citations.append(Citation(len(citations) + 1, p))
            sentences.append((sentence, [len(citations)]))
    hits = [Hit(c.passage, 1.0) for c in citations]
    text = " ".join(f"{s} [{ns[0]}]" if ns else s for s, ns in sentences)
    return Answer(text, False, citations, hits, sentences, question)


# "When is the next Cabinet meeting?", "When does Cabinet next meet?"
_WHEN = re.compile(r"^\s*(?:and\s+)?when\b", re.IGNORECASE)
_MEETS = re.compile(r"\bmeet(?:s|ing)?\b", re.IGNORECASE)
MEETING_WORDS = frozenset(tokenize("when next upcoming coming forthcoming future meet meets meeting held take place"))
# A front sheet's line saying when and where: "Thursday, 13th March, 2025, at 3.00 pm (or on the
# rising of Full Council, whichever is the later)", before its "Ask for:" contact lines.
_AT_TIME = re.compile(r"\b\d{1,2}[.:]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
# A body a question names: "County Council", "the Planning Committee"
_BODY = re.compile(r"(?:\b[A-Z][\w'’-]*\s+)*(?:Council|Committee|Cabinet|Panel|Board|Forum)\b")
_CONTACT = re.compile(r"\s+(?:Ask for|Telephone|Tel|Email|Contact)\s*:", re.IGNORECASE)


@dataclass
class Coming:
    """The meeting that answers "When is the next Cabinet meeting?": the soonest after today in the
    papers, else the latest, said first that none is to come; no meeting where none is held."""
    meeting: str | None
    line: str | None = None
    passage: Passage | None = None
    note: str | None = None


def asks_next_meeting(question: str, committees: list[str]) -> bool:
    """Whether the question asks when a meeting is next held, naming nothing but the meeting."""
    if not (_WHEN.search(question) and _NEXT.search(question) and _MEETS.search(question)):
        return False
    return register.names_only_meetings(set(tokenize(question)) - MEETING_WORDS, committees)


def next_meeting(index: Index, question: str, filters: Filters | None = None, today: date | None = None) -> Coming | None:
    """When the meeting a question asks after is next held, from the papers' meeting dates, with the
    line of its front sheet saying when and where (or the opening of one of its papers); None for
    other questions."""
    committees = [d.committee for d in index.documents() if d.committee]
    if not asks_next_meeting(question, committees):
        return None
    scope = question_scope(index, question, filters, today)
    committee = scope.committee if scope is not None else None
    # the committee the question names, not the dates "next" reads as
    by_meeting = {(when, body): docs for (body, when), docs in
                  _papers_by_meeting(index, (filters or Filters()).narrowed(Filters(committee=committee))).items()
                  if body}
    body_named = _BODY.search(question)
    if committee is None and body_named:
        # "When is the next County Council meeting?" of papers that hold no County Council's
        by_meeting, committee = {}, body_named.group(0)
    of = f" of {committee}" if committee else ""
    if not by_meeting:
        return Coming(None, note=f"No paper{of} among those searched is for a meeting.")
    now = (today or date.today()).isoformat()
    coming = sorted(k for k in by_meeting if k[0] >= now)
    when, body = coming[0] if coming else max(by_meeting)
    line, passage = _when_and_where(index, by_meeting[(when, body)])
    note = None if coming else f"No meeting{of} in the papers is after {spoken(now)}."
    return Coming(f"{body} on {spoken(when)}", line, passage, note)


def _when_and_where(index: Index, docs: list[DocRecord]) -> tuple[str | None, Passage | None]:
    """A meeting's front-sheet line with its time ("Thursday, 13th March, 2025, at 3.00 pm"), and
    the paragraph saying it; where no agenda gives one, no line and the first paragraph of its
    agenda, or of its first paper."""
    papers = _agenda_papers(index, docs) or sorted(docs, key=lambda d: d.doc)
    for d in papers:
        for p in index.doc_passages(d.doc):
            if p.page and p.page > 1:
                break
            said = next((s for s in split_sentences(p.text) if _AT_TIME.search(s)), None)
            if said:
                return " ".join(_CONTACT.split(said, maxsplit=1)[0].split()), p
    first = index.doc_passages(papers[0].doc)
    return None, (first[0] if first else None)


def next_answer(question: str, coming: Coming) -> Answer:
    """The meeting to come, or the latest with why, and its time, cited to its front sheet."""
    lead = (f"{coming.note} The latest in the papers is {coming.meeting}" if coming.note
            else f"The next meeting in the papers is {coming.meeting}")
    citations = [Citation(1, coming.passage)] if coming.passage else []
    cited = [1] if citations else []
    sentences = [(f"{lead}:", []), (coming.line, cited)] if coming.line else [(f"{lead}.", cited)]
    text = " ".join(f"{s} [{ns[0]}]" if ns else s for s, ns in sentences)
    return Answer(text, False, citations, [Hit(c.passage, 1.0) for c in citations], sentences, question)
