"""The swap point for file types: a parser protocol and the suffix → parser factory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from cofnod.errors import UnsupportedFile
from cofnod.settings import IngestSettings
from cofnod.types import Block

PageProgress = Callable[[int, int], None]
"""Called as on_page(pages_read, pages_to_read) while a parser reads scanned pages by OCR."""


@dataclass
class Parsed:
    """What a parser found in a file's bytes, before metadata is inferred."""

    blocks: list[Block]
    pages: int | None = None
    """Page count for paged formats."""
    title_hint: str | None = None
    """The document's own title (first real heading), if the format marks one."""
    sample: str = ""
    """Opening text (first page of a PDF) for metadata inference."""
    transcript: bool = False
    """The parser found speaker turns."""
    ocr_pages: list[int] = field(default_factory=list)
    """Pages (1-based) whose text was read from their image by OCR."""


class Parser(Protocol):
    """Turns a file's bytes into blocks; raises IngestError on bad input. `settings` are the
    [ingest] settings (the PDF parser reads its OCR settings there; the others need none);
    `on_page` hears of each page read by OCR."""

    def __call__(self, data: bytes, settings: IngestSettings | None = None,
                 on_page: PageProgress | None = None) -> Parsed: ...


def _pdf(data: bytes, settings: IngestSettings | None = None, on_page: PageProgress | None = None) -> Parsed:
    from ingest.ocr import ocr_for
    from ingest.pdf import parse_pdf

    return parse_pdf(data, ocr_for(settings), on_page)


def _text(data: bytes, settings: IngestSettings | None = None, on_page: PageProgress | None = None) -> Parsed:
    from ingest.text import parse_text

    return parse_text(data)


def _markdown(data: bytes, settings: IngestSettings | None = None, on_page: PageProgress | None = None) -> Parsed:
    from ingest.text import parse_markdown

    return parse_markdown(data)


def _html(data: bytes, settings: IngestSettings | None = None, on_page: PageProgress | None = None) -> Parsed:
    from ingest.htmlpage import parse_html

    return parse_html(data)


def _docx(data: bytes, settings: IngestSettings | None = None, on_page: PageProgress | None = None) -> Parsed:
    from ingest.worddoc import parse_docx

    return parse_docx(data)


PARSERS: dict[str, Parser] = {
    ".pdf": _pdf,
    ".txt": _text,
    ".md": _markdown,
    ".markdown": _markdown,
    ".html": _html,
    ".htm": _html,
    ".docx": _docx,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(PARSERS)


def get_parser(suffix: str) -> Parser:
    """The parser for a file suffix (case-insensitive), or UnsupportedFile."""
    try:
        return PARSERS[suffix.lower()]
    except KeyError:
        raise UnsupportedFile(f"unsupported file type: {suffix or '(none)'}") from None
