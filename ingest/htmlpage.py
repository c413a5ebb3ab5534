"""HTML parser: headings and text blocks in reading order, page furniture dropped.

(Named htmlpage, not html, so that it never shadows the standard library's `html`.)
ModernGov agenda-item pages ("Agenda item", "Minutes:", "RESOLVED") go through the same
paragraph rules as text copied from them.
"""

from __future__ import annotations

from cofnod.errors import IngestError
from cofnod.types import Block
from ingest.registry import Parsed
from ingest.text import decode, from_paragraphs

_DROP = ("script", "style", "nav", "header", "footer", "noscript", "template", "head", "svg", "form", "iframe")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset(
    "p li td th dt dd pre blockquote caption figcaption div section article main aside "
    "table tr tbody thead tfoot ul ol dl body html address fieldset details summary".split()
)


def parse_html(data: bytes) -> Parsed:
    """An HTML page: h1-h6 are headings; p, li, td and other blocks are paragraphs."""
    soup = _soup(data)
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.find_all(_is_navigation):
        tag.decompose()
    items: list[str | Block] = []
    buffer: list[str] = []
    _walk(soup, items, buffer)
    _flush(items, buffer)
    parsed = from_paragraphs(items)
    parsed.title_hint = _first_h1(parsed.blocks) or title or parsed.title_hint
    return parsed


def _is_navigation(tag) -> bool:
    """A breadcrumb trail or a navigation landmark ("Council > Committees > ..."): where the page
    sits on its site, not what it says."""
    if (tag.get("role") or "").lower() == "navigation":
        return True
    marks = " ".join([*(tag.get("class") or []), tag.get("id") or ""]).lower()
    return "breadcrumb" in marks


def _soup(data: bytes):
    from bs4 import BeautifulSoup

    text = decode(data)
    try:
        return BeautifulSoup(text, "lxml")
    except Exception as e:  # bs4 raises FeatureNotFound or parser errors; both mean unreadable
        raise IngestError(f"not readable HTML: {e}") from e


def _walk(node, items: list[str | Block], buffer: list[str]) -> None:
    """Depth-first, in document order: inline text gathers in `buffer` until a block ends."""
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    for child in node.children:
        if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
            continue  # "<!DOCTYPE html>" would otherwise open the first paragraph with "html"
        if isinstance(child, NavigableString):
            buffer.append(str(child))
        elif isinstance(child, Tag):
            name = child.name.lower()
            if name in _HEADINGS:
                _flush(items, buffer)
                text = " ".join(child.get_text(" ").split())
                if text:
                    items.append(Block(text=text, kind="heading", level=_HEADINGS[name]))
            elif name == "br":
                _flush(items, buffer)
            elif name in _BLOCKS:
                _flush(items, buffer)
                _walk(child, items, buffer)
                _flush(items, buffer)
            else:
                _walk(child, items, buffer)


def _flush(items: list[str | Block], buffer: list[str]) -> None:
    text = " ".join("".join(buffer).split())
    buffer.clear()
    if text:
        items.append(text)


def _first_h1(blocks: list[Block]) -> str | None:
    for block in blocks:
        if block.kind in ("heading", "item") and block.level == 1:
            return block.text
    return None
