"""Text that recurs from meeting to meeting: agenda headings, standing items, page furniture.

"1. Apologies", "This page is intentionally left blank" or a clerk's name sit in every
agenda pack. They match many questions a little and answer none, so search ranks them
after the other results. A text counts once per meeting (committee and date), so a report
printed again in its own meeting's supplementary pack is not boilerplate.

A paper's short fragments that only echo its name ("Report Authors:", a name) are ranked after
the rest in the same way (`echoes_title`).
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable

from cofnod.types import Hit, Passage
from index.keyword import tokenize

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s*$")


def text_key(text: str) -> bytes:
    """A short fingerprint of the text's words, ignoring case, punctuation and spacing."""
    words = " ".join(_WORD.findall(text.lower()))
    return hashlib.blake2b(words.encode(), digest_size=8).digest()


def meeting_of(p: Passage) -> tuple[str, str]:
    """The meeting a passage's document belongs to; an undated document is a meeting of its own."""
    return (p.committee or "", p.date) if p.date else ("", p.doc)


def recurring(passages: Iterable[Passage], min_meetings: int) -> frozenset[bytes]:
    """Fingerprints of the texts found in at least `min_meetings` different meetings."""
    seen: dict[bytes, set[tuple[str, str]]] = {}
    found: set[bytes] = set()
    for p in passages:
        key = text_key(p.text)
        if key in found:
            continue
        meetings = seen.setdefault(key, set())
        meetings.add(meeting_of(p))
        if len(meetings) >= min_meetings:
            found.add(key)
            del seen[key]
    return frozenset(found)


def demote(hits: list[Hit], boilerplate: frozenset[bytes]) -> list[Hit]:
    """The hits with boilerplate after the rest, each group in its own order."""
    if not boilerplate:
        return hits
    return _after_the_rest(hits, [text_key(h.passage.text) in boilerplate for h in hits])


def echoes_title(p: Passage, asked: frozenset[str], max_words: int) -> bool:
    """Is this a short passage, not a whole sentence, whose own words bring none of the question's
    words (`asked`, as `tokenize` gives them) that its title and heading trail do not already hold?
    A report's "Report Authors:", "Sharon Howard" or "Independence Service – For Disabled" is found
    for its paper's name, which every passage's index text holds, and says nothing of what was
    asked. A sentence ("Residents may come to the library sessions.") says something, however short."""
    if not fragment(p.text, max_words):
        return False
    own = set(tokenize(p.text)) & asked
    return not own or own <= set(tokenize(" ".join([p.title or "", *p.trail])))


def fragment(text: str, max_words: int) -> bool:
    """A short run of words that is not a whole sentence: a list's bullet ("Otter Street EV
    charging"), a table cell, a name."""
    return len(text.split()) < max_words and not _SENTENCE_END.search(text)


def demote_echoes(hits: list[Hit], asked: frozenset[str], max_words: int) -> list[Hit]:
    """The hits with those echoing their paper's name (`echoes_title`) after the rest, each group
    in its own order; `max_words` 0 leaves the hits as they are."""
    if max_words <= 0:
        return hits
    return _after_the_rest(hits, [echoes_title(h.passage, asked, max_words) for h in hits])


def _after_the_rest(hits: list[Hit], marked: list[bool]) -> list[Hit]:
    return [h for h, b in zip(hits, marked) if not b] + [h for h, b in zip(hits, marked) if b]
