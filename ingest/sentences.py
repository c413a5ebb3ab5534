"""Sentence boundaries and word-limited splitting for long paragraphs and turns.

A rule-based splitter is enough for committee papers and keeps ingest free of model
downloads; the rules below are the abbreviations and number forms that occur in them.
"""

from __future__ import annotations

import re

# Words that end with a full stop without ending a sentence ("Mr. Smith", "para. 3.2").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr cllr prof rev hon st no nos para paras e.g eg i.e ie etc vs v cf approx "
    "fig figs ref refs vol sec ch pp p ltd co inc jan feb mar apr jun jul aug sep sept oct "
    "nov dec est dept govt min max incl excl ext tel viz op al circa".split()
)
# A boundary candidate: end punctuation, optional closing quote/bracket, whitespace, then
# something that can open a sentence, including a list marker such as "(b)" or "(ii)"; a colon
# ends a sentence only before such a marker, after a lead-in of five words or more ("Mr Thomas
# gave an update on the following: (a) ..." splits, "RESOLVED that: (i) ..." does not).
_MARKER = r"\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s"
_BOUNDARY = re.compile(rf"([.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(£$]?[A-Z0-9•]|{_MARKER})|(:)\s+(?={_MARKER})")


def ends_unpunctuated(line: str) -> bool:
    """A line that ends with no stop, colon, semicolon or comma: a headline or a label."""
    return not re.search(r"[.!?:;,][\"'”’)\]]*$", line.rstrip())


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences, keeping every character (whitespace aside). A line break ends
    a sentence: passages hold one only after a short line that has no end of its own (see
    ingest.passages), a headline run into the paragraph it opens."""
    if "\n" in text:
        return [s for line in text.split("\n") for s in split_sentences(line)]
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1) == "." and not _real_stop(text, m.start()):
            continue
        if m.group(3) and len(text[start:m.start()].split()) < 5:
            continue  # "RESOLVED that: (i) ..." keeps its short lead-in
        sentences.append(text[start:m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _real_stop(text: str, dot: int) -> bool:
    """False when the full stop at `dot` belongs to an abbreviation or an initial."""
    word = re.search(r"(\S+)$", text[:dot])
    if not word:
        return True
    token = word.group(1).lstrip("(\"'“‘").lower()
    if token in _ABBREVIATIONS or token.rstrip(".") in _ABBREVIATIONS:
        return False
    if re.fullmatch(r"[a-z]", token) and text[dot - 1].isupper():
        return False  # an initial: "R. W. Gough"
    return not re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)  # "e.g", "i.e", "a.m"


def split_words(text: str, max_words: int) -> list[str]:
    """Cut `text` into parts of at most `max_words` words, at sentence ends when possible.

    A single sentence longer than the limit is cut after a semicolon or comma near the
    limit, else at the limit itself.
    """
    if len(text.split()) <= max_words:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    for sentence in split_sentences(text):
        for piece in _cut_long(sentence, max_words):
            n = len(piece.split())
            if current and len(" ".join(current).split()) + n > max_words:
                parts.append(" ".join(current))
                current = []
            current.append(piece)
    if current:
        parts.append(" ".join(current))
    return parts


def _cut_long(sentence: str, max_words: int) -> list[str]:
    words = sentence.split()
    pieces: list[str] = []
    while len(words) > max_words:
        cut = _clause_cut(words[:max_words])
        pieces.append(" ".join(words[:cut]))
        words = words[cut:]
    pieces.append(" ".join(words))
    return pieces


def _clause_cut(words: list[str]) -> int:
    """Index after the last ";" or "," in the second half of `words`, else len(words)."""
    for marks in (";", ","):
        for i in range(len(words) - 1, len(words) // 2, -1):
            if words[i].endswith(marks):
                return i + 1
    return len(words)
