"""Questions about one paper as a whole: "What does the Finance Monitoring Report say?",
"Summarise the Family Hubs call-in report.", "What did the inspection find?".

A search for such a question finds the passages richest in the title's words (the cover sheet,
an appendix list), which say nothing of what the paper says. The paper the question names is
found by its title and kind instead, and the answer is its lead: the opening sentence of each
paragraph of its summary section ("1. Summary", "Introduction and Headlines"), or of its cover
sheet's "Summary:", or else of its first paragraphs; for minutes, the decisions they record.
A question about something within a paper
("What does the inspection report say about placements?") is left to the search.
"""

from __future__ import annotations

import re

from cofnod.types import Answer, Citation, Filters, Hit, Passage
from index.catalog import DocRecord
from index.keyword import tokenize
from index.store import Index
from ingest.sentences import split_sentences

from assistant import register
from assistant.agenda import RECORDS
from assistant.council import question_scope
from assistant.dates import MONTH_WORDS, spoken
from assistant.extractive import courtesy, heading_like
from assistant.intent import DECISION_NUMBER, asks_meeting_business, carries_numbers

_ASKS = re.compile(
    r"^\s*(?:"
    r"what\s+(?:does|did|do)\s+(?:the\s+)?(?P<say>.+?)\s+(?:say|says|find|found|conclude|cover)"
    r"|what\s+(?:is|was)\s+(?:the\s+)?(?P<about>.+?)\s+about"
    r"|(?:please\s+)?(?:summari[sz]e|sum\s+up)\s+(?:the\s+)?(?P<sum>.+?)"
    r"|(?:give\s+me\s+|what\s+is\s+)?(?:a\s+|the\s+)?(?:summary|gist)\s+of\s+(?:the\s+)?(?P<of>.+?)"
    r"|what\s+are\s+the\s+(?:main|key)\s+(?:points|findings)\s+(?:of|in|from)\s+(?:the\s+)?(?P<points>.+?)"
    r")\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# What names a paper rather than a person or a topic: "the Finance Monitoring Report", "the press
# release", "the inspection".
_PAPER_WORDS = frozenset(tokenize(
    "report reports release minutes transcript paper plan strategy letter review statement register inspection "
    "appendix pack agenda assessment evaluation"
))
_NOT_TITLE = frozenset(tokenize("document paper latest recent new final full meeting " + " ".join(MONTH_WORDS)))
_SUMMARY_HEADING = re.compile(r"\b(?:summary|headlines|key\s+findings|overview)\b", re.IGNORECASE)
_SUMMARY_LABEL = re.compile(r"\bSummary\s*:\s*")
LEAD = 5
"""Most sentences in a paper's lead."""
LEAD_WORDS = 160
"""Most words in a paper's lead."""


def asked_paper(question: str) -> list[str] | None:
    """The title words of the paper a question asks about as a whole ("Finance Monitoring
    Report"), stemmed; None for other questions."""
    m = _ASKS.match(question)
    if not m:
        return None
    named = next(g for g in m.groups() if g)
    stems = [t for t in tokenize(named) if t not in _NOT_TITLE and not any(c.isdigit() for c in t)]
    if not stems or not set(stems) & _PAPER_WORDS:
        return None
    return stems


def _titles(index: Index) -> dict[str, frozenset[str]]:
    """Each paper's title and kind, stemmed: what a question names a paper by."""
    return index.derived("digest-titles", lambda: {
        d.doc: frozenset(tokenize(f"{d.title or ''} {d.doc_type or ''}")) for d in index.documents()})


def _named(paper: DocRecord) -> str:
    """A paper as an answer's heading names it: “title” (date)."""
    return f"“{paper.title}”" + (f" ({spoken(paper.date)})" if paper.date else "")


# Words that say a number is a decision's, not which paper: "decision 24/00109", "ref. 24/00109".
_NUMBER_WORDS = frozenset(tokenize("decision decisions number no ref reference key"))
# A paper that goes with another: "Appendix A - PROD", "Item 7 - Supplementary - ...".
_SUBORDINATE = re.compile(r"\b(?:appendix|appendices|annex|supplementary)\b", re.IGNORECASE)


def _numbered_paper(index: Index, named: str, filters: Filters | None) -> DocRecord | None:
    """The paper a decision's number names ("decision 24/00109", "the 24-00109 report"): of those
    whose title carries the number and every other word of the name, the one that is not an
    appendix or supplement (unless the question asks for one), the decision's report where several
    are left; None where the name holds no number, or no one paper is found."""
    numbers = DECISION_NUMBER.findall(named)
    if not numbers:
        return None
    carries = carries_numbers(numbers)
    words = {t for t in tokenize(DECISION_NUMBER.sub(" ", named)) if t not in _NOT_TITLE | _NUMBER_WORDS}
    titles = _titles(index)
    allowed = index.allowed_docs(filters or Filters())
    found = [d for d in index.documents() if d.doc in allowed and words <= titles.get(d.doc, frozenset())
             and carries(d.title or "")]
    if not _SUBORDINATE.search(named):
        found = [d for d in found if not _SUBORDINATE.search(d.title or "")]
    if len(found) > 1:  # "24-00096 - EQIA", "24-00096 - PRoD": the decision's report says what it is
        found = [d for d in found if "report" in tokenize(d.title or "")]
    return found[0] if len(found) == 1 else None


def named_paper(index: Index, question: str, filters: Filters | None = None) -> DocRecord | None:
    """The one paper (of those the filters let through) whose title and kind hold every word
    the question names it by, or where several do, the one of the dates and committee the
    question names; or the paper a decision's number names (see _numbered_paper); None where
    none does, or more than one."""
    m = _ASKS.match(question)
    if m and (numbered := _numbered_paper(index, next(g for g in m.groups() if g), filters)):
        return numbered
    stems = asked_paper(question)
    if stems is None:
        return None
    titles = _titles(index)

    def named(within: Filters | None) -> list[DocRecord]:
        allowed = index.allowed_docs(within or Filters())
        return [d for d in index.documents() if d.doc in allowed and set(stems) <= titles.get(d.doc, frozenset())]

    found = named(filters)
    if len(found) > 1:
        # "What do the minutes of 30 January say?": the meeting's date (or committee) tells them apart
        scope = question_scope(index, question, filters)
        found = named(scope.filters) if scope is not None else found
    return found[0] if len(found) == 1 else None


TURN_WORDS = 6
"""Fewest words of a speaker's own that a transcript's lead quotes from a turn."""


def _turn_opening(text: str, speaker: str) -> str | None:
    """A turn's first sentence that says something: past its thanks and greetings ("Diolch, Chair.",
    "Bore da, everyone, and welcome back.") and its asides ("I'll be brief."), with who said it."""
    for sentence in split_sentences(text):
        said = sentence[len(speaker):].lstrip(" :") if sentence.startswith(speaker) else sentence
        if len(said.split()) >= TURN_WORDS and not courtesy(said):
            return f"{speaker}: {said}"
    return None


def _opening(text: str, speaker: str | None = None) -> str | None:
    """A paragraph's first sentence, unless it is a heading, a dateline or a cover-sheet field; a
    transcript's turn, by its first sentence that says something (see _turn_opening)."""
    if speaker:
        return _turn_opening(text, speaker)
    sentences = split_sentences(text)
    first = sentences[0].strip() if sentences else ""
    if len(first.split()) < 3 or heading_like(first) or re.match(r"^[A-Z][\w ]{0,30}:\s", first):
        return None
    return first


def meeting_record(index: Index, question: str, filters: Filters | None = None) -> DocRecord | None:
    """The one record (minutes or transcript) of the meeting a question asks about as a whole, where
    that meeting recorded no decision: "What was discussed at the scrutiny committee on 8 May 2025?"
    is told what the transcript's turns say. None where the question names more than the meeting,
    where the meeting has decisions (they answer it), or where no record, or more than one, is found."""
    if not asks_meeting_business(question):
        return None
    if not register.asks_for_decisions_of(question, [d.committee for d in index.documents() if d.committee]):
        return None
    scope = question_scope(index, question, filters)
    if scope is None or register.decisions_in(index, scope.filters):
        return None
    allowed = index.allowed_docs(scope.filters)
    records = [d for d in index.documents() if d.doc in allowed and d.doc_type in RECORDS]
    return records[0] if len(records) == 1 else None


def lead(passages: list[Passage]) -> list[Passage]:
    """The passages a paper's lead is read from: its summary section, else from its cover
    sheet's "Summary:" to the next heading, else its paragraphs from the start."""
    for i, p in enumerate(passages):
        if p.trail and _SUMMARY_HEADING.search(p.trail[-1]):
            return [q for q in passages[i:] if q.trail == p.trail]
    for i, p in enumerate(passages):
        if _SUMMARY_LABEL.search(p.text):
            return [q for q in passages[i:] if q.trail == p.trail]
    return passages


# "What does section 7 of the inspection report say?", "Summarise paragraph 3.2."
_SECTION_ASKED = re.compile(
    r"^\s*(?:what\s+(?:does|did|do)\s+|(?:please\s+)?(?:summari[sz]e|sum\s+up)\s+)(?P<kind>section|paragraph|para)\s+"
    r"(?P<n>\d{1,2}(?:\.\d{1,2})?)(?:\s+(?:of|in)\s+(?:the\s+)?(?P<paper>.+?))?"
    r"(?:\s+(?:say|says|cover|covers|set\s+out|find|found))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def asked_section(index: Index, question: str, filters: Filters | None = None) -> tuple[DocRecord, str] | None:
    """The paper and the number of the section or paragraph a question asks about as a whole
    ("What does section 7 of the inspection report say?"): the paper it names by its title and
    kind, else the only paper searched that has that section; None where the question asks
    something else, or the paper is not found, or lacks that section."""
    m = _SECTION_ASKED.match(question)
    if not m:
        return None
    number = m.group("n")
    allowed = index.allowed_docs(filters or Filters())
    docs = [d for d in index.documents() if d.doc in allowed]
    if m.group("paper"):
        stems = [t for t in tokenize(m.group("paper")) if t not in _NOT_TITLE]
        titles = _titles(index)
        docs = [d for d in docs if stems and set(stems) <= titles.get(d.doc, frozenset())]
    having = [d for d in docs if index.section(d.doc, number)]
    return (having[0], number) if len(having) == 1 else None


def section_answer(index: Index, question: str, paper: DocRecord, number: str) -> Answer | None:
    """A paper's section in its own words: the opening sentence of each of its paragraphs."""
    label = "Paragraph" if "." in number else "Section"
    return _in_own_words(question, index.section(paper.doc, number),
                         f"{label} {number} of {_named(paper)}, in its own words:")


def answer(index: Index, question: str, paper: DocRecord) -> Answer | None:
    """The paper's lead, each sentence cited to its paragraph, after a line naming the paper;
    for minutes, the decisions they record (their opening is apologies and declarations); None
    where it has no paragraph to quote."""
    if paper.doc_type == "minutes":
        decisions = register.decisions_in(index, Filters(doc=paper.doc))
        if decisions:
            return register.list_answer(index, question, decisions)
    return _in_own_words(question, lead(index.doc_passages(paper.doc)), f"{_named(paper)}, in its own words:")


def _in_own_words(question: str, passages: list[Passage], heading: str) -> Answer | None:
    """The opening sentences of these passages' paragraphs, each cited to its paragraph, after
    the heading; None where none has a sentence to quote."""
    citations: list[Citation] = []
    sentences: list[tuple[str, list[int]]] = []
    words = 0
    for p in passages:
        m = _SUMMARY_LABEL.search(p.text)
        first = _opening(p.text[m.end():] if m else p.text, p.speaker)
        if first is None:
            continue
        citations.append(Citation(len(citations) + 1, p))
        sentences.append((first, [len(citations)]))
        words += len(first.split())
        if len(sentences) == LEAD or words >= LEAD_WORDS:
            break
    if not sentences:
        return None
    hits = [Hit(c.passage, 1.0) for c in citations]
    text = " ".join([heading] + [f"{s} [{ns[0]}]" for s, ns in sentences])
    return Answer(text, False, citations, hits, [(heading, [])] + sentences, question)
