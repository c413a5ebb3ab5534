"""Plain text and Markdown parsers, and the paragraph rules the HTML parser shares.

Text copied from council web pages keeps ModernGov's labels ("Agenda item", "Minutes:",
"RESOLVED:"), and transcripts put one "Speaker Name: words" turn per paragraph; both are
recognised from the paragraphs alone, whatever the file format.
"""

from __future__ import annotations

import re

from cofnod.errors import IngestError
from cofnod.types import Block
from ingest import lines as L
from ingest import structure
from ingest.registry import Parsed

_AGENDA_ITEM = re.compile(r"^agenda\s+item\b[\s.:\-–]*(\d+[a-z]?)?[\s.:\-–]*$", re.I)
_SECTION_LABELS = re.compile(
    r"^(minutes|decision|supporting documents|attachments|background papers|reasons for decision)\s*:?\s*$",
    re.I,
)
_LONG_LINE = 150  # a line this long was not hard-wrapped: the file has one paragraph per line


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM allowed), UTF-16 with a BOM, else strict cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise IngestError("cannot decode text: not UTF-8, UTF-16 or cp1252")


def parse_text(data: bytes) -> Parsed:
    """A .txt file: paragraphs on blank lines, then structure from the paragraphs."""
    paragraphs = text_paragraphs(decode(data))
    return from_paragraphs(paragraphs)


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line groups, split again at bullets, numbers and
    turns; hard-wrapped lines are joined, unwrapped files give one paragraph per line."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    joiner = L.Joiner(text)
    if any(len(line) > _LONG_LINE for line in lines):
        return [line for line in lines if line]
    width = L.line_width(lines)
    return [joiner.join(group) for group in L.paragraphs(lines, width)]


def from_paragraphs(items: list[str | Block]) -> Parsed:
    """Blocks from paragraph strings in reading order (shared by .txt and HTML).

    `items` may hold ready-made heading blocks (HTML's h1-h6) between the strings.
    """
    items = [structure.normalise_bullet(i) if isinstance(i, str) else i for i in items]
    items = [i for i in items if not isinstance(i, str) or i.strip()]
    texts = [i for i in items if isinstance(i, str)]
    transcript = _is_transcript(texts)
    blocks = _turn_blocks(items) if transcript else _plain_blocks(items)
    return Parsed(blocks=blocks, title_hint=_title(blocks), sample="\n".join(texts[:40]), transcript=transcript)


def _is_transcript(paragraphs: list[str]) -> bool:
    turns = sum(1 for p in paragraphs if structure.match_speaker(p))
    return turns >= 3 and turns >= 0.5 * len(paragraphs)


def _turn_blocks(items: list[str | Block]) -> list[Block]:
    blocks: list[Block] = []
    speaker: str | None = None
    for item in items:
        if isinstance(item, Block):
            blocks.append(item)
            continue
        turn = structure.match_speaker(item)
        if turn:
            speaker = turn[0]
            blocks.append(Block(text=item, kind="turn", speaker=speaker))
        elif speaker is None:
            blocks.append(Block(text=item, kind="heading", level=1))  # the title line
        else:
            blocks.append(Block(text=item, kind="turn", speaker=speaker))  # the turn goes on
    return blocks


def _plain_blocks(items: list[str | Block]) -> list[Block]:
    blocks: list[Block] = []
    expect_item = False
    for item in items:
        text = item.text if isinstance(item, Block) else item
        if _AGENDA_ITEM.match(text):
            expect_item = True
        elif isinstance(item, Block):
            if expect_item and item.kind == "heading":
                item = Block(text=item.text, kind="item", level=1)
            blocks.append(item)
            expect_item = False
        elif expect_item:
            blocks.append(Block(text=item, kind="item", level=1))
            expect_item = False
        else:
            blocks.append(_classify(item))
    return blocks


def _classify(para: str) -> Block:
    label = _SECTION_LABELS.match(para)
    if label:
        return Block(text=label.group(1).strip().capitalize(), kind="heading", level=2)
    number, _ = structure.split_number(para)
    level = structure.heading_level(para)
    if level is not None:
        return Block(text=para, kind="heading", number=number, level=level)
    return Block(text=para, kind="paragraph", number=number)


def _title(blocks: list[Block]) -> str | None:
    for block in blocks[:5]:
        if block.kind in ("heading", "item"):
            return block.text
    return None


# --- Markdown ---------------------------------------------------------------------

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_SETEXT = re.compile(r"^(=+|-+)$")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$|^```")  # thematic breaks and code fences carry no text


def parse_markdown(data: bytes) -> Parsed:
    """A Markdown file: "#" headings feed the trail, list items are paragraphs."""
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    buffer: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        heading = _ATX.match(stripped)
        if _SETEXT.match(stripped) and len(buffer) == 1:
            level = 1 if stripped[0] == "=" else 2
            blocks.append(Block(text=_inline(buffer.pop()), kind="heading", level=level))
        elif heading:
            _flush_md(blocks, buffer)
            blocks.append(Block(text=_inline(heading.group(2)), kind="heading", level=len(heading.group(1))))
        elif not stripped or _RULE.match(stripped):
            _flush_md(blocks, buffer)
        else:
            if _LIST_ITEM.match(line):
                _flush_md(blocks, buffer)
            buffer.append(stripped)
    _flush_md(blocks, buffer)
    return Parsed(blocks=blocks, title_hint=_title(blocks), sample=text[:4000])


def _flush_md(blocks: list[Block], buffer: list[str]) -> None:
    if not buffer:
        return
    text = _inline(" ".join(buffer))
    buffer.clear()
    if not text:
        return
    if _LIST_ITEM.match(text):
        number, _ = structure.split_number(text)
        text = text if number else "• " + _LIST_ITEM.sub("", text, count=1)
        blocks.append(Block(text=text, kind="paragraph", number=number))
        return
    blocks.append(Block(text=text, kind="paragraph", number=structure.split_number(text)[0]))


def _inline(text: str) -> str:
    """Markdown inline markup removed: links keep their text, emphasis and code marks go."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)", r"\2", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return " ".join(text.split())
