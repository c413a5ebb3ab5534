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


def standalone(question: str, history: list[str] | None) -> str:
    """The question with the previous question prepended when it depends on it."""
    if not history or not needs_context(question):
        return question
    return f"{history[-1].strip()} {question.strip()}"
