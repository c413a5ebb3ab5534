"""Turning a follow-up question into one that stands alone, without an LLM."""

from __future__ import annotations

import re

from assistant.dates import MONTH_WORDS

_ANAPHORA = re.compile(
    r"\b(it|its|that|this|those|these|they|them|their|he|him|his|she|her|there|then|the same)\b", re.IGNORECASE
)
_CONTINUATION = re.compile(r"^\s*(and|but|also|so|what about|how about)\b", re.IGNORECASE)


def needs_context(question: str) -> bool:
    """Short questions, or ones that point back ("who seconded it?"), lean on the conversation."""
    return bool(_ANAPHORA.search(question) or _CONTINUATION.search(question)) or len(question.split()) <= 4


def points_back(question: str) -> bool:
    """Does the question point back to what was asked before ("Who seconded it?", "What did he
    say ...?"), rather than only go on from it ("And what about school transport?")?"""
    return bool(_ANAPHORA.search(question))


def own_part(query: str) -> str | None:
    """The follow-up's own words in a question `standalone` read after the one before it (its last
    question), or None where it stands alone."""
    parts = [p for p in re.split(r"(?<=\?)\s+", query.strip()) if p]
    return parts[-1] if len(parts) > 1 else None


CHAIN = 3
"""Most questions read together: a follow-up, the one before it, and the one before that where
the middle one was a follow-up too ("What did the inspectors say about care leavers?", "What did
the council do about it?", "When?")."""

_POINTER = r"(?:it|this|that|them|these|those)"
# "... do about it?": a pronoun that is all a preposition's object, closing its clause
_ABOUT_IT = re.compile(rf"\b(about|on|regarding|concerning|over)\s+{_POINTER}(?=\s*(?:[?.!,;]|$))", re.IGNORECASE)
# what a question is about: the object of "about" (or the like), up to the clause's end
_TOPIC = re.compile(
    rf"\b(about|regarding|concerning|into|on|over)\s+(?!{_POINTER}\b)([^?.!,;]+?)\s*(?=[?.!,;]|\band (?:when|who|why|how|what)\b|$)",
    re.IGNORECASE,
)
_STRONG = frozenset({"about", "regarding", "concerning", "into"})
_NOT_A_TOPIC = re.compile(rf"^(?:\d|(?:{'|'.join(MONTH_WORDS)})\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)",
                          re.IGNORECASE)


def topic(question: str) -> str | None:
    """What a question asks about: "placements for looked-after children" of "What did the
    inspectors say about placements for looked-after children?"; "about" and its kin before "on"
    and "over", and never a date ("on 30 January 2025")."""
    starts = (m.start() for m in re.finditer(r"\b\w", question))  # "on 30 January about X": both tried
    found = [(m.group(1).lower() in _STRONG, m.group(2)) for m in (_TOPIC.match(question, i) for i in starts)
             if m and not _NOT_A_TOPIC.match(m.group(2))]
    if not found:
        return None
    strong = [t for s, t in found if s]
    return (strong or [t for _, t in found])[0]


def standalone(question: str, history: list[str] | None, depth: int = CHAIN) -> str:
    """The question made to stand alone: a pronoun that is all of "about it" becomes what the
    question before asked about ("What did the council do about care leavers?"); otherwise the
    previous question is prepended where this one depends on it. The previous question is itself
    made standalone the same way (up to `depth` questions in all): "When?" after "What did the
    council do about it?" is about what the question before that asked about."""
    question = question.strip()
    if not history or depth <= 1 or not needs_context(question):
        return question
    before = standalone(history[-1], history[:-1], depth - 1)
    pointer = _ABOUT_IT.search(question)
    subject = topic(before) if pointer else None
    if subject:
        return question[:pointer.start()] + f"{pointer.group(1)} {subject}" + question[pointer.end():]
    return f"{before} {question}"
