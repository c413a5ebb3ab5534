"""Rebuilding paragraphs from the lines a PDF's text layer gives, page by page.

PDF text has no paragraphs, only lines. The signs used here, in order of trust: a blank
line; a line that opens with a paragraph number, a bullet or "RESOLVED"; a short
Title Case line (a heading); a line that ends a sentence well short of the page's usual
line width. Running headers, footers and page numbers are removed first.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest import structure

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}(?:\s+of\s+\d{1,4})?|[-–]\s*\d{1,4}\s*[-–])$", re.I
)
_EDGE = 3  # lines at the top and bottom of a page where running headers and footers live
# Left halves of end-of-line hyphens that are real hyphens ("in-house", "well-being").
_PREFIXES = frozenset(
    "in non co re pre post self well cross multi inter long short high low full part one two "
    "three four five six half year day mid anti sub over under semi ex e cyber mini all "
    "age low-cost fast first second third long-term short-term front place early".split()
)


# A superscript ordinal comes out of pypdf as a word of its own: "29 th January".
_ORDINAL = re.compile(r"\b(\d{1,2}) (st|nd|rd|th)\b(?= [A-Z]|$)")


def clean_page(text: str) -> list[str]:
    """Lines of a page with whitespace collapsed and ordinals rejoined; "" marks a blank line."""
    return [_ORDINAL.sub(r"\1\2", " ".join(line.split())) for line in text.replace("\r", "\n").split("\n")]


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and running headers/footers (lines that recur, digits ignored,
    at the top or bottom of many pages)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(lines[i]) for i in _edge_indexes(lines)})
    threshold = max(3, len(pages) // 2)
    repeated = {key for key, n in counts.items() if n >= threshold and len(pages) >= 3}
    cleaned = []
    for lines in pages:
        drop = {
            i for i in _edge_indexes(lines)
            if _key(lines[i]) in repeated or _PAGE_NUMBER.match(lines[i])
        }
        cleaned.append([line for i, line in enumerate(lines) if i not in drop])
    return cleaned


def _edge_indexes(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def line_width(lines: list[str]) -> int:
    """The page's usual full line length in characters (a high percentile, not the max)."""
    lengths = sorted(len(line) for line in lines if len(line) >= 20)
    if len(lengths) < 3:
        return 90
    return lengths[int(len(lengths) * 0.85)]


def paragraphs(lines: list[str], width: int) -> list[list[str]]:
    """Group a page's lines into paragraphs (each a list of its lines)."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line:
            current = _flush(groups, current)
            continue
        if current and _starts_paragraph(line, current, width):
            current = _flush(groups, current)
        current.append(line)
        if _ends_paragraph(line, current, width):
            current = _flush(groups, current)
    _flush(groups, current)
    return groups


def _flush(groups: list[list[str]], current: list[str]) -> list[str]:
    if current:
        groups.append(current)
    return []


def _starts_paragraph(line: str, current: list[str], width: int) -> bool:
    if structure.split_number(line)[0] or structure.is_bullet(line):
        return True
    if structure.opens_resolution(line) or structure.is_item_marker(line):
        return True
    if structure.is_caps_heading(line):
        return True
    prev = current[-1]
    if structure.is_dated_field(line) and len(prev) < 0.7 * width:
        return True  # a cover page's date after a short line: "Inspection fieldwork: 13 to 24 January 2025"
    short_heading = structure.heading_level(line) is not None and len(line) < 0.7 * width
    return short_heading and structure.ends_sentence(prev)


def _ends_paragraph(line: str, current: list[str], width: int) -> bool:
    if structure.ends_sentence(line) and len(line) < 0.7 * width:
        return True
    if len(current) == 1 and structure.is_dated_field(line) and len(line) < 0.7 * width:
        return True  # a dated field on a line of its own, not a label opening a wrapped paragraph
    # A lone short Title Case line followed by body text is a heading.
    return len(current) == 1 and len(line) < 0.6 * width and structure.heading_level(line) is not None


class Joiner:
    """Joins wrapped lines, undoing end-of-line hyphenation where the document shows
    the word is normally written whole."""

    def __init__(self, text: str):
        words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text)
        self.whole = {w.lower() for w in words if "-" not in w}
        self.hyphenated = {w.lower() for w in words if "-" in w}

    def join(self, lines: list[str]) -> str:
        text = lines[0]
        for line in lines[1:]:
            text = self.join_pair(text, line)
        return text

    def join_pair(self, left: str, right: str) -> str:
        if re.search(r"\d[-–]$", left) and right[:1].isdigit():
            return left + right  # a range broken over lines: "18-" + "25"
        m = re.search(r"([A-Za-z]+)-$", left)
        if not m or not right[:1].isalpha():
            return f"{left} {right}"
        head = m.group(1)
        tail = re.match(r"[A-Za-z]+", right).group(0)
        if self._keep_hyphen(head, tail):
            return left + right
        return left[:-1] + right

    def _keep_hyphen(self, head: str, tail: str) -> bool:
        pair = f"{head}-{tail}".lower()
        if pair in self.hyphenated:
            return True
        if (head + tail).lower() in self.whole:
            return False
        if head.lower() in _PREFIXES or tail[0].isupper() or head[0].isupper() and len(head) <= 3:
            return True
        return False
