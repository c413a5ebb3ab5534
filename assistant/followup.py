"""Turning a follow-up question into one that stands alone, without an LLM."""

from __future__ import annotations

import re

_ANAPHORA = re.compile(
    r"\b(it|its|that|this|those|these|they|them|their|he|him|his|she|her|there|then|the same)\b", re.IGNORECASE
)
_CONTINUATION = re.compile(r"^\s*(and|but|also|so|what about|how about)\b", re.IGNORECASE)


def needs_context(question: str) -> bool:
    """Short questions, or ones that point back ("who seconded it?"), lean on the conversation."""
    return bool(_ANAPHORA.search(question) or _CONTINUATION.search(question)) or len(question.split()) <= 4


CHAIN = 3
"""Most questions read together: a follow-up, the one before it, and the one before that where
the middle one was a follow-up too ("What did the inspectors say about care leavers?", "What did
the council do about it?", "When?")."""


def standalone(question: str, history: list[str] | None, depth: int = CHAIN) -> str:
    """The question with the previous question prepended when it depends on it, itself made
    standalone the same way (up to `depth` questions in all): "When?" after "What did the council
    do about it?" is about what the question before that asked about."""
    if not history or depth <= 1 or not needs_context(question):
        return question.strip()
    return f"{standalone(history[-1], history[:-1], depth - 1)} {question.strip()}"
