"""The resolutions register: the decisions found in minutes at ingest, listed, searched, and
put first when a question asks what was resolved.

Searching ranks decisions by BM25 over their text and agenda-item title (the same tokens as
the passage index). A decision "matches well" when it holds most of the question's rarer words
(weighted by the passage index's idf), so a question about the budget monitoring resolution is
answered from the RESOLVED paragraph itself.
"""

from __future__ import annotations

import re

from cofnod.types import Answer, Citation, DocMeta, Filters, Hit, Resolution
from index.keyword import tokenize
from index.store import Index

from assistant import evidence
from assistant.dates import MONTH_WORDS, spoken
from assistant.intent import (BUSINESS_WORDS, DECISION_NUMBER, DECISION_WORDS, asks_meeting_business,
                              asks_what_was_decided, carries_numbers, names_decision_number)

MATCH_COVERAGE = 0.5
"""Share of the question's idf-weighted words a decision must hold to be put first."""
NONE_COVERAGE = 0.25
"""Below this share for every close decision, none is about the question, and the answer says so.
Lower than MATCH_COVERAGE: a decision that is about the question but worded apart from it (the
quarterly performance report "noted") must not be called missing."""


def search(index: Index, query: str | None = None, filters: Filters | None = None,
           limit: int | None = None) -> list[tuple[Resolution, float]]:
    """Decisions newest first, or (with a query) the ones matching it, best first, with their scores."""
    if not query or not query.strip():
        return [(r, 0.0) for r in index.resolutions(filters)[:limit]]
    every, scores = index.derived("register-bm25", lambda: _Ranker(index.catalog.resolutions())).rank(query)
    allowed = None if filters is None or filters.is_empty() else index.allowed_docs(filters)
    ranked = sorted(((r, s) for r, s in zip(every, scores) if s > 0 and (allowed is None or r.doc in allowed)),
                    key=lambda rs: -rs[1])
    return ranked[:limit]


def _text(r: Resolution) -> str:
    return f"{r.item}\n{r.text}"


class _Ranker:
    """BM25 over every decision, built once per change of the catalogue (filters apply after scoring)."""

    def __init__(self, every: list[Resolution]):
        import bm25s

        self.every = every
        self.retriever = bm25s.BM25()
        if every:
            self.retriever.index([tokenize(_text(r)) or ["\u2205"] for r in every], show_progress=False)

    def rank(self, query: str) -> tuple[list[Resolution], list[float]]:
        known = [t for t in tokenize(query) if self.every and t in self.retriever.vocab_dict]
        if not known:
            return self.every, [0.0] * len(self.every)
        return self.every, [float(s) for s in self.retriever.get_scores(known)]


def coverage(query: str, resolution: Resolution, idf) -> float:
    """Share of the question's specific words (idf-weighted) that the decision or its item title holds."""
    wanted = {t: idf(t) for t in tokenize(query) if t not in DECISION_WORDS}
    return evidence.coverage(wanted, _text(resolution))


_CLOSE = 5
"""Decisions looked at (best BM25 first) for a question: the first may lead the answer, and if
none is about the question the answer says so."""


def close_decisions(index: Index, query: str, filters: Filters | None = None) -> list[Resolution]:
    """The decisions BM25 ranks nearest the question, best first (ranked once per question)."""
    return [r for r, _ in search(index, query, filters, limit=_CLOSE)]


def best_of(index: Index, query: str, close: list[Resolution], topic: str | None = None) -> Resolution | None:
    """The decision the question is about, if the nearest one matches it well and speaks of its
    topic's words (`topic`: the question's own words, default `query`): "What did Cabinet agree
    about school places?" is not answered by the budget monitoring resolution that notes the
    overspend on "Schools' Delegated Budgets"."""
    if not close or coverage(query, close[0], index.keyword.idf) < MATCH_COVERAGE:
        return None
    return close[0] if speaks_of(index, query if topic is None else topic, _text(close[0])) else None


def speaks_of(index: Index, question: str, text: str) -> bool:
    """Does the text hold every word the question's topic turns on (see topic_words), in its own
    words or the papers' other words for them? True where the question names no topic."""
    topic = set(topic_words(question))
    if not topic:
        return True
    own = set(tokenize(text))
    # the glossary is asked only where the text's own words fall short
    return topic <= own or topic <= own | index.held_in_other_words(question, text)


def any_about(index: Index, query: str, close: list[Resolution], topic: str | None = None) -> bool:
    """Whether any of these decisions is about what the question names: shares enough of its words
    and holds the rarest word of `topic` (the question's own words, default `query`)."""
    rarest = focus(index, query if topic is None else topic)
    # "school transport": a decision on school places shares a word, not what was asked
    return any(coverage(query, r, index.keyword.idf) >= NONE_COVERAGE
               and (not rarest or evidence.coverage(rarest, _text(r)) == 1.0) for r in close)


_MONTHS = frozenset(tokenize(" ".join(MONTH_WORDS)))


def _topic_word(stem: str) -> bool:
    """Whether a question's word can say what a decision is about: not a word of deciding, a month
    or a figure."""
    return stem not in DECISION_WORDS and stem not in _MONTHS and not any(c.isdigit() for c in stem)


def focus(index: Index, question: str) -> dict[str, float]:
    """The rarest of the question's key words ("how many" aside) that are not about deciding,
    dates or figures ("transport" of "What did Cabinet decide about school transport?"),
    with its idf; empty for "What did they decide?"."""
    from assistant.extractive import question_terms  # it reads this module's procedural()

    wanted = {t: w for t, w in question_terms(question, index.keyword.idf).items() if _topic_word(t)}
    return {t: wanted[t] for t in evidence.focus_terms(wanted, 1)}


ITEM_HITS = 1
"""How many of the best hits may point to the decision that closes their agenda item (the second
hit of a small index is often a neighbouring item's)."""


_TOPIC = re.compile(r"\b(?:about|regarding|concerning|on|over|for)\s+", re.IGNORECASE)
# Words that end the phrase naming a topic: "about school transport at its last meeting".
_TOPIC_ENDS = frozenset("at in during when by from since before after and or last this next "
                        "that which who whom whose was were is are be being been will would should could has have had".split())
# A lower-case participle after the topic's own words ends it as a verb does ("the decision on home to
# school transport deferred", "Family Hubs called in"); before them it is part of it ("the proposed closure").
_PARTICIPLE = re.compile(r"[a-z]{3,}ed")


def topic_words(question: str) -> tuple[str, ...]:
    """The words a decision question's topic turns on, stemmed: the last two content words of the
    phrase after its last "about" (or "on", "for"), and after its last "of" ("school transport";
    "placement" of "the shortage of placements"; "librari price" of "library prices"). English puts a
    compound's head last and its modifier before it, and "of" brings the thing the phrase is about."""
    return _last_topic_words(_topic_phrase(question))


def _last_topic_words(phrase: list[str]) -> tuple[str, ...]:
    words = [t for t in tokenize(" ".join(phrase)) if _topic_word(t)]
    return tuple(words[-2:])


def _topic_phrase(question: str) -> list[str]:
    """The words, as written, of the phrase after the question's last "about" (or "on", "for")
    that holds a topic word, from its last "of" on, up to a word that ends it ("at", "that", "was", a
    participle after its words)."""
    for found in reversed(list(_TOPIC.finditer(question))):  # "on the budget for 2025-26": the budget
        phrase = []
        for word in re.findall(r"[\w'’-]+", question[found.end():]):
            if word.lower() in _TOPIC_ENDS or (_PARTICIPLE.fullmatch(word) and _holds_topic(phrase)):
                break
            phrase = [] if word.lower() == "of" else phrase + [word]
        if _holds_topic(phrase):
            return phrase
    return []


def _holds_topic(phrase: list[str]) -> bool:
    return any(_topic_word(t) for t in tokenize(" ".join(phrase)))


def minutes_speak_of(index: Index, question: str) -> bool:
    """Do any minutes say the topic a decision question names, its last two words in its order with
    at most one word between them ("transport plan" of "the Local Transport Plan"; a plural's "s"
    aside, but not "transport planning")? True where the question names no topic. Where none does, what was
    agreed is told in a report ("LTP5 approved by County Council" in a performance report), and
    lifting the minutes would put first a debate that only brushes against the words."""
    words = _surface_topic(question)
    if not words:
        return True
    said = index.derived("minutes-word-pairs", lambda: _word_pairs(
        p.text for d in index.documents() if d.doc_type == "minutes" for p in index.catalog.doc_passages(d.doc)))
    return words in said


def _plain(word: str) -> str:
    word = word.lower().replace("’", "'")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _surface_topic(question: str) -> tuple[str, ...]:
    """The question's topic words as written (see topic_words), lower-cased, a plural's "s" aside."""
    phrase = _topic_phrase(question)
    stems = _last_topic_words(phrase)
    found = [w for w in phrase if set(tokenize(w)) & set(stems)]
    return tuple(_plain(w) for w in found[-len(stems):]) if stems else ()


def _word_pairs(texts) -> set[tuple[str, ...]]:
    """Each word of the texts, and each pair of words in order with at most one word between them,
    lower-cased, a plural's "s" aside."""
    out: set[tuple[str, ...]] = set()
    for text in texts:
        words = [_plain(w) for w in re.findall(r"[\w'’-]+", text)]
        out.update((w,) for w in words)
        out.update(zip(words, words[1:]))
        out.update(zip(words, words[2:]))  # "Devolution Priority Programme" says "devolution programme"
    return out


def closing_item(index: Index, hits: list[Hit], question: str | None = None) -> Resolution | None:
    """The decision that closes the agenda item of one of the best hits, if any; where the question
    is given, only a hit that holds its topic's words (see topic_words), or says them in the
    papers' other words, counts.

    "And what did Cabinet agree to do about the shortage of placements?" finds the debate under
    item 6 in words its RESOLVED paragraph does not use; "What did Cabinet decide about school
    transport?" finds the debate on school places, which says nothing of transport. The answer is led
    with it only where the question names a topic: "What Council Tax increase did the council agree
    for 2025-26?" names none, and the outturn item's decision is no answer to it.
    """
    by_item = index.derived("register-items",
                            lambda: {(r.doc, r.item): r for r in reversed(index.catalog.resolutions()) if r.item})
    for hit in hits[:ITEM_HITS]:
        p = hit.passage
        if question and not speaks_of(index, question, " ".join([p.text, *p.trail])):
            continue
        for heading in reversed(p.trail):
            if (p.doc, heading) in by_item:
                return by_item[(p.doc, heading)]
    return None


def lead_with(index: Index, resolution: Resolution, hits: list[Hit], k: int) -> list[Hit]:
    """The hits with the decision's own passages first (RESOLVED paragraph, then its sub-resolutions)."""
    found = index.passages(resolution.passage_ids)
    score = hits[0].score if hits else 1.0
    first = [Hit(found[pid], score) for pid in resolution.passage_ids if pid in found]
    placed = {h.passage.id for h in first}
    return (first + [h for h in hits if h.passage.id not in placed])[:k]


# Words that say which meetings, not which decision: "at the latest meeting", "made since March".
_WHICH_MEETINGS = frozenset(tokenize(
    "latest last recent most previous since after before between until from during meeting meetings made taken "
    "make take held year month week all any every list what's " + " ".join(MONTH_WORDS)
))  # "what's" is no stopword, as "what" is
_PROCEDURAL = re.compile(r"\bcorrect record\b|\bsigned by the Chair", re.IGNORECASE)


def procedural(text: str) -> bool:
    """Whether the text approves the last meeting's minutes: a decision every meeting takes,
    about nothing a member asks after."""
    return bool(_PROCEDURAL.search(text))
LISTED = 8
"""Most decisions an answer lists; the rest are counted and left to the register."""
LISTED_WORDS = 45
"""Longest quote of one decision in such an answer."""


def asks_for_decisions_of(question: str, committees: list[str]) -> bool:
    """Whether the question asks what was decided, or what a meeting did, and names nothing but the
    meetings: "What did Cabinet decide on 30 January 2025?", "What was decided at the latest
    meeting?", "What happened at Cabinet on 30 January 2025?" (its decisions are what it did)."""
    if not (asks_what_was_decided(question) or asks_meeting_business(question)):
        return False
    if names_decision_number(question):
        return False  # "What did Cabinet decide on 24/00109?" names one decision, by its number
    return names_only_meetings(set(tokenize(question)), committees)


def names_only_meetings(tokens: set[str], committees: list[str]) -> bool:
    """Whether these (stemmed) words of a question name nothing but meetings: committees, dates,
    "latest", and the words of asking what a meeting decided or did."""
    named = set(tokenize(" ".join(committees)))
    left = tokens - DECISION_WORDS - _WHICH_MEETINGS - named - BUSINESS_WORDS
    return all(re.fullmatch(r"\d+(?:st|nd|rd|th)?", t) for t in left)


def numbered_decision(index: Index, question: str, filters: Filters | None) -> Resolution | None:
    """The decision the question names by its number ("24/00109"), where one of those nearest it
    carries that number in its agenda item's heading or its text; None otherwise."""
    numbers = DECISION_NUMBER.findall(question)
    if not numbers:
        return None
    carries = carries_numbers(numbers)
    return next((r for r in close_decisions(index, question, filters) if carries(_text(r))), None)


def decisions_in(index: Index, filters: Filters | None) -> list[Resolution]:
    """The decisions these filters let through, newest meeting first and in agenda order within
    a meeting, less the approval of the last meeting's minutes."""
    return [r for r in index.resolutions(filters) if not procedural(r.text)]


# A RESOLVED paragraph's own number ("3. RESOLVED that ..."): the agenda item before it says where it is.
_NUMBERED_DECISION = re.compile(r"^\s*\d{1,3}(?:\.\d{1,2})*\.?\s+(?=(?:RESOLVED|AGREED|DECIDED)\b)", re.IGNORECASE)


def list_answer(index: Index, question: str, decisions: list[Resolution]) -> Answer:
    """The decisions as an answer: each one quoted from its RESOLVED paragraph (shortened, its
    paragraph number aside) under its agenda item, the meeting named where it changes, and cited to
    that paragraph: "At Cabinet on 30 January 2025, 5. Library opening hours: RESOLVED that ...",
    then "6. School transport: RESOLVED that ..."."""
    shown = decisions[:LISTED]
    found = index.passages([r.passage_ids[0] for r in shown if r.passage_ids])
    citations: list[Citation] = []
    sentences: list[tuple[str, list[int]]] = []
    meeting = None
    for r in shown:
        passage = found.get(r.passage_ids[0]) if r.passage_ids else None
        if passage is None:
            continue
        n = len(citations) + 1
        citations.append(Citation(n, passage))
        words = _NUMBERED_DECISION.sub("", passage.text).split()
        quote = " ".join(words[:LISTED_WORDS]) + (" …" if len(words) > LISTED_WORDS else "")
        if (r.committee, r.date) != meeting:
            where = " ".join(b for b in ("At", r.committee or "the meeting",
                                         f"on {spoken(r.date)}" if r.date else "") if b)
            lead = f"{where}, {r.item}" if r.item else where
        else:
            lead = r.item  # a later decision of the same meeting without an item of its own reads alone
        meeting = (r.committee, r.date)
        sentences.append((f"{lead}: {quote}" if lead else quote, [n]))
    if len(decisions) > len(shown):
        more = len(decisions) - len(shown)
        sentences.append((f"{more} more decision{'s' if more > 1 else ''} in these papers: the Resolutions "
                          "tab (or cofnod resolutions) lists them all.", []))
    hits = [Hit(c.passage, 1.0) for c in citations]
    text = " ".join(f"{sent} [{ns[0]}]" if ns else sent for sent, ns in sentences)
    return Answer(text, False, citations, hits, sentences, question)


def rebuild(index: Index) -> int:
    """Find the decisions again in every stored document (after upgrading); returns how many."""
    from ingest.resolutions import find_resolutions

    total = 0
    for rec in index.documents():
        meta = DocMeta(rec.doc, rec.title, rec.doc_type, rec.committee, rec.date, rec.pages)
        found = find_resolutions(meta, index.doc_passages(rec.doc))
        index.catalog.set_resolutions(rec.doc, found)
        total += len(found)
    return total
