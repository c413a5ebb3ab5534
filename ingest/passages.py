"""Blocks to passages: the units users cite, each with its page, number and trail.

Order of work: headings become the trail (and stay as passages only when nothing
follows them, so an agenda's item list is still searchable); a decision's lead-in
("RESOLVED that Cabinet agree to:") takes its listed items with it; very short
fragments join the paragraph that follows; anything over the word limit is cut at
sentence ends. Ids are "<doc>#<seq>", made here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cofnod.settings import IngestSettings
from cofnod.types import Block, Document, Passage, content_hash
from ingest import structure
from ingest.sentences import ends_unpunctuated, split_words


_SHORT_LEAD = 25  # words; a longer paragraph ending in ":" stands on its own


@dataclass
class _Unit:
    """A body block with what it inherits from its place in the document."""

    text: str
    kind: str
    page: int | None
    number: str | None
    label: str
    trail: tuple[str, ...]
    speaker: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


def build_passages(doc: Document, settings: IngestSettings | None = None) -> list[Passage]:
    """Cut a parsed document into passages, every field filled.

    Args:
        doc: the parsed document.
        settings: word limits (max_words, min_words); defaults when None.
    Returns:
        Passages in reading order; seq is 0-based and ids are "<doc>#<seq>".
    """
    settings = settings or IngestSettings()
    units = _units(doc.blocks)
    units = _absorb_lists(units, settings.max_words)
    units = _merge_fragments(units, settings)
    parts = [replace(u, text=t) for u in units for t in split_words(u.text, settings.max_words)]
    return _passages(doc, parts)


def _units(blocks: list[Block]) -> list[_Unit]:
    """Body units with their trails; bodyless headings kept as units of their own."""
    trail: list[tuple[int, str]] = []
    counters: dict[int | None, int] = {}
    units: list[_Unit] = []
    for i, block in enumerate(blocks):
        heading = block.kind in ("heading", "item")
        if heading:
            while trail and trail[-1][0] >= block.level:
                trail.pop()
            if not _bodyless(blocks, i):
                trail.append((block.level, block.text))
                continue
        counters[block.page] = counters.get(block.page, 0) + 1
        label = block.number or f"¶{counters[block.page]}"
        units.append(
            _Unit(block.text, block.kind, block.page, block.number, label,
                  tuple(t for _, t in trail), block.speaker)
        )
    return units


def _bodyless(blocks: list[Block], i: int) -> bool:
    """True when the heading at `i` is followed by nothing, or by a heading no deeper."""
    for after in blocks[i + 1:]:
        if after.kind in ("heading", "item"):
            return after.level <= blocks[i].level
        return False
    return True


def _absorb_lists(units: list[_Unit], max_words: int) -> list[_Unit]:
    """A decision, or a lead-in ending in ":", keeps the listed items that follow it on
    the same page ("RESOLVED that Cabinet agree to: (a) ... (b) ...")."""
    out: list[_Unit] = []
    for unit in units:
        lead = out[-1] if out else None
        if lead is not None and _belongs_to(lead, unit) and lead.words + unit.words <= max_words:
            lead.text = f"{lead.text} {unit.text}"
            continue
        out.append(replace(unit))
    return out


def _belongs_to(lead: _Unit, unit: _Unit) -> bool:
    if lead.kind != "paragraph" or unit.kind != "paragraph":
        return False
    if lead.page != unit.page or lead.trail != unit.trail:
        return False
    if not (_is_lead_in(lead) or structure.opens_resolution(lead.text)):
        return False
    number = unit.number
    if number and number[0].isdigit():
        # "1." under "7. RESOLVED that Cabinet:" is an item; "8." is the next minute.
        return structure.opens_resolution(lead.text) and not _next_in_sequence(lead.number, number)
    if number or structure.is_bullet(unit.text):
        return True
    if structure.opens_resolution(lead.text) and re.match(r"(?:That|To)\b|[a-z]", unit.text):
        return True
    # A short introduction ("Councillor X said:") stays with what it introduces.
    return lead.text.rstrip().endswith(":") and lead.words <= _SHORT_LEAD


def _is_lead_in(unit: _Unit) -> bool:
    """The unit (with whatever it already took in) opened with a line ending in ":"."""
    return unit.text.rstrip().endswith(":") or bool(re.search(r":\s+(?:•|\(?[a-zA-Z0-9]{1,4}[.)])\s", unit.text))


def _next_in_sequence(lead: str | None, number: str) -> bool:
    if not lead or not lead[0].isdigit():
        return False
    a, b = re.match(r"\d+", lead), re.match(r"\d+", number)
    return int(b.group(0)) > int(a.group(0)) or "." in lead.rstrip(".") or "." in number.rstrip(".")


def _merge_fragments(units: list[_Unit], settings: IngestSettings) -> list[_Unit]:
    """Very short body fragments join the next paragraph of the same page and section."""
    out: list[_Unit] = []
    pending: _Unit | None = None
    for unit in units:
        if pending is not None:
            if _can_merge(pending, unit, settings.max_words):
                unit = replace(unit, text=f"{pending.text}{_joint(pending.text, unit.text)}{unit.text}",
                               number=pending.number, label=pending.label)
            else:
                out.append(pending)
            pending = None
        if unit.kind == "paragraph" and unit.words < settings.min_words:
            pending = unit
        else:
            out.append(unit)
    if pending is not None:
        out.append(pending)
    return out


def _joint(short: str, text: str) -> str:
    """What joins a short fragment to the paragraph it opens: a line break where the fragment is a
    line with no end of its own before a new sentence ("Positive report into Children's Services" /
    "The Care Inspectorate Wales spent ..."), so that it is not read as that sentence's first words;
    a space otherwise ("Report Authors:" / "Sharon Howard"). Words, their embedding and their keyword
    index are the same either way."""
    return "\n" if ends_unpunctuated(short) and re.match(r"[\"'“‘(£$]?[A-Z0-9]", text) else " "


def _can_merge(short: _Unit, unit: _Unit, max_words: int) -> bool:
    return (
        unit.kind == "paragraph"
        and unit.page == short.page
        and unit.trail == short.trail
        and unit.number is None
        and short.words + unit.words <= max_words
    )


def _passages(doc: Document, parts: list[_Unit]) -> list[Passage]:
    meta = doc.meta
    ids = [f"{meta.doc}#{seq}" for seq in range(len(parts))]
    return [
        Passage(
            id=ids[seq], doc=meta.doc, seq=seq, text=u.text, title=meta.title,
            doc_type=meta.doc_type, committee=meta.committee, date=meta.date, page=u.page,
            paragraph=u.label, trail=list(u.trail), speaker=u.speaker, kind=u.kind,
            prev_id=ids[seq - 1] if seq else None,
            next_id=ids[seq + 1] if seq + 1 < len(parts) else None,
            hash=content_hash(u.text),
        )
        for seq, u in enumerate(parts)
    ]
