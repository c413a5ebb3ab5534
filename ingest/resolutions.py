"""The decisions in minutes: "RESOLVED that ...", "AGREED", "The Committee resolved:-".

Found once at ingest from the document's passages, so each decision keeps the passages it
spans (its own paragraph first, then its sub-resolutions: "(i)", "(a)", "A)", "1.", bullets,
or the rest of a paragraph cut at the word limit) and the agenda item it was made under.
Only minutes are searched, and ModernGov agenda-item pages whose text sits under "Minutes:".
"""

from __future__ import annotations

import re

from cofnod.types import DocMeta, Passage, Resolution
from ingest import structure

_BODY = r"(?:Committee|Sub-Committee|Cabinet|Council|Panel|Board|Forum|Commission|Executive|Members)"
_LEAD = r"(?:(?:\d{1,3}[.)]|\(\d{1,3}\)|\(?[ivx]{1,5}\)|\(?[a-zA-Z]\)|[A-Z]\.)\s+)?"  # "3) ", "(27) ", "(a) ", "A. "
_MARKERS = (
    # "RESOLVED that", "It was RESOLVED", "RESOLVED:", "AGREED", "DECISION:" (capitals: the clerk's mark)
    r"(?:It\s+was\s+(?:further\s+|unanimously\s+|therefore\s+)?)?(?:RESOLVED|AGREED)\b",
    r"DECISION\s*:",
    # "It was resolved that", "The Committee resolved:-", "Council unanimously resolved to"
    r"(?:It\s+was\s+(?:further\s+|unanimously\s+|therefore\s+)?resolved"
    r"|(?:The\s+)?(?:[A-Z][\w&'’-]*\s+){0,4}" + _BODY + r"\s+(?:(?:unanimously|therefore|then|further)\s+)?resolved)"
    r"\s*(?::-?|–|—|-|,?\s+that\b|\s+to\b)",
    # Sentence-case openings need words after them: a bare "Agreed." records a vote, not a decision.
    r"(?:Resolved|Agreed|Decision|Decided)\s*(?::-?|–|—|\s+that\b)",
)
# At the start of a passage, or after the sentence before it ("Motion carried. 3) RESOLVED that").
_OPENER = re.compile(r"(?:^|(?<=[.!?:;]\s))\s*(" + _LEAD + r"(?:" + "|".join(_MARKERS) + r"))")
# Capitals mark a decision even when a heading has run into it: "Work programme RESOLVED that ..."
_CAPS = re.compile(r"(?<=\s)(?:It\s+was\s+)?RESOLVED\b")
_GENERIC = re.compile(r"^(?:minutes|decisions?|resolved|resolutions?|agenda item|outcome)\s*:?$", re.I)
_AGENDA_ITEM = re.compile(r"\(Item\s+\d+[a-z]?\)", re.I)
_MINUTE_NO = re.compile(r"^\(?\d{1,4}[.)]?\s")
# An item heading run into the text by the PDF parser: "... be noted. Work programme (Item 12) RESOLVED"
_RUN_IN_ITEM = re.compile(r"(?<=[.;])\s+([A-Z][^.;:]{2,160}?\(Item\s+\d+[a-z]?\))")
_MORE = re.compile(r"(?::-?|;|,|\band|\bor|–|—)\s*$")
_MAX_SPAN = 15


def openers(text: str) -> list[int]:
    """Where decisions open in a passage's text (each with its number), in order."""
    found: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _OPENER.finditer(text):
        spans.append(m.span(1))
        tail = text[m.end(1):].strip(" .:-–—")
        if not tail and m.group(1).rstrip(" :").endswith(("Agreed", "AGREED")) and text.rstrip().endswith("."):
            continue  # "Agreed." closing a vote: nothing decided is written there
        found.append(m.start(1))
    for m in _CAPS.finditer(text):
        if not any(start <= m.start() < end for start, end in spans):
            found.append(m.start())
    return sorted(found)


def eligible(meta: DocMeta, passage: Passage) -> bool:
    """Minutes, or text under a ModernGov "Minutes:" heading on an agenda-item page."""
    if passage.kind not in ("paragraph", "item"):
        return False
    return meta.doc_type == "minutes" or any(re.match(r"^minutes\s*:?$", t.strip(), re.I) for t in passage.trail)


def item_of(trail: list[str]) -> str:
    """The agenda item a passage sits under: "(Item N)" headings first, then numbered ones, then named ones."""
    named = [t.strip() for t in trail if t.strip() and not _GENERIC.match(t.strip())]
    for sign in (_AGENDA_ITEM.search, _MINUTE_NO.match):
        marked = [t for t in named if sign(t)]
        if marked:
            return marked[-1]
    plain = [t for t in named if not t.isupper()]
    return plain[-1] if plain else ""


def find_resolutions(meta: DocMeta, passages: list[Passage]) -> list[Resolution]:
    """The decisions recorded in a document, in reading order.

    Args:
        meta: the document's metadata (only minutes, and "Minutes:" sections, are read).
        passages: its passages in reading order, as `build_passages` made them.
    Returns:
        One Resolution per decision, ids "<doc>#r1", "<doc>#r2", ...
    """
    found: list[Resolution] = []
    i = 0
    while i < len(passages):
        p = passages[i]
        starts = openers(p.text) if eligible(meta, p) else []
        span = [p]
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(p.text)
            text, cut = _before_next_item(p.text[start:end])
            before = p.text[starts[n - 1] if n else 0:start].strip()
            if n + 1 == len(starts) and not cut:
                span += _sub_resolutions(p, passages[i + 1:i + 1 + _MAX_SPAN])
            found.append(Resolution(
                id=f"{meta.doc}#r{len(found) + 1}", doc=meta.doc, page=p.page, date=meta.date,
                committee=meta.committee, item=_run_in_item(before) or item_of(p.trail),
                text=" ".join([text, *(q.text for q in span[1:])]), passage_ids=[q.id for q in span],
            ))
        i += len(span)
    return found


def _before_next_item(text: str) -> tuple[str, bool]:
    """The decision's text up to an item heading run into it, and whether one was there."""
    m = _RUN_IN_ITEM.search(text)
    return (text[:m.start()].strip(), True) if m else (text.strip(), False)


def _run_in_item(before: str) -> str | None:
    """A heading run into the passage ahead of the decision, if the parser joined them."""
    found = _RUN_IN_ITEM.findall(" " + before if before[:1].isupper() else before)
    if found:
        return found[-1].strip()
    short = before and len(before.split()) <= 12 and not structure.ends_sentence(before)
    return before if short and before[0].isupper() else None


def _sub_resolutions(opener: Passage, after: list[Passage]) -> list[Passage]:
    """The passages after a RESOLVED paragraph that carry on its decision."""
    taken: list[Passage] = []
    so_far = opener.text
    for q in after:
        if not _continues(opener, taken[-1] if taken else opener, so_far, q):
            break
        taken.append(q)
        so_far = q.text
    return taken


def _continues(opener: Passage, last: Passage, so_far: str, q: Passage) -> bool:
    if q.doc != opener.doc or q.kind != "paragraph" or q.trail != opener.trail or openers(q.text):
        return False
    if q.paragraph == last.paragraph and q.page == last.page:
        return True  # a paragraph cut at the word limit
    number, _ = structure.split_number(q.text)
    if number and number[0].isdigit():
        own, _ = structure.split_number(opener.text)
        if own and own[0].isdigit():  # "1." under "7. RESOLVED that Cabinet:" is an item; "8." the next minute
            return int(re.match(r"\d+", number).group(0)) < int(re.match(r"\d+", own).group(0))
        return bool(_MORE.search(so_far)) or structure.split_number(last.text)[0] is not None
    if number or structure.is_bullet(q.text):
        return True
    if re.match(r"(?:And|Also)\b", q.text):
        return True  # "And; This Council agrees to call on ..."
    return bool(re.match(r"(?:That|To)\b|[a-z]", q.text)) and bool(_MORE.search(so_far) or last is not opener)
