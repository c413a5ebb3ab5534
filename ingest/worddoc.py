"""DOCX parser: python-docx paragraphs and table cells in body order.

(Named worddoc, not docx, so the module never hides the python-docx package.)
"Title" and "Heading N" styles are headings; other paragraphs go through the same
paragraph rules as plain text (numbers, RESOLVED, agenda items, speaker turns).
"""

from __future__ import annotations

import io
import re

from cofnod.errors import IngestError
from cofnod.types import Block
from ingest.registry import Parsed
from ingest.text import from_paragraphs

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)


def parse_docx(data: bytes) -> Parsed:
    """A Word document: headings from styles, paragraphs and table cells as paragraphs."""
    document = _open(data)
    items: list[str | Block] = []
    title: str | None = None
    for kind, obj in _body_items(document):
        if kind == "table":
            items.extend(_cells(obj))
            continue
        text = " ".join(obj.text.split())
        if not text:
            continue
        level = _heading_level(obj)
        if level is None:
            items.append(text)
            continue
        if level == 0:
            title = title or text
        # The Title style sits above "Heading 1", so every level moves down one.
        items.append(Block(text=text, kind="heading", level=level + 1))
    parsed = from_paragraphs(items)
    parsed.title_hint = title or parsed.title_hint
    return parsed


def _open(data: bytes):
    if not data.startswith(b"PK"):
        raise IngestError("not a DOCX file: not a zip archive")
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises BadZipFile, KeyError, PackageNotFoundError...
        raise IngestError(f"not a readable DOCX: {str(e)[:120] or type(e).__name__}") from e


def _body_items(document):
    """("paragraph", Paragraph) and ("table", Table) in the order they appear."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "paragraph", Paragraph(child, document)
        elif tag == "tbl":
            yield "table", Table(child, document)


def _heading_level(paragraph) -> int | None:
    """0 for the Title style, N for "Heading N", None for body text."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name.lower() == "title":
        return 0
    m = _HEADING_STYLE.match(name)
    return int(m.group(1)) if m else None


def _cells(table) -> list[str]:
    """Each cell's text once (merged cells repeat in python-docx's grid)."""
    # Keyed by id() but holding the element itself: a freed element's id can be reused by the next one.
    seen: dict[int, object] = {}
    texts: list[str] = []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            text = " ".join(cell.text.split())
            if text:
                texts.append(text)
    return texts
