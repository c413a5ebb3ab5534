"""PDF parser: pypdf's text layer, rebuilt into numbered paragraphs and headings per page.

pypdf's default ("plain") extraction is used: on the Kent papers it keeps the lines in
reading order, keeps blank lines between paragraphs and is about a third faster than
"layout" mode, whose padding to column positions adds nothing the line rules need.
"""

from __future__ import annotations

import io
import logging
import warnings
from contextlib import contextmanager
from typing import Iterator

from cofnod.errors import IngestError
from cofnod.types import Block
from ingest import lines as L
from ingest import structure
from ingest.ocr import INSTALL_HINT, Ocr
from ingest.registry import PageProgress, Parsed


def parse_pdf(data: bytes, ocr: Ocr | None = None, on_page: PageProgress | None = None) -> Parsed:
    """Blocks of a PDF, one page at a time. Pages without a text layer (scans) are read by `ocr`
    where given (reporting each page to `on_page`), and skipped where not."""
    with _quiet_pypdf():
        reader = _open(data)
        texts = _page_texts(reader)
    scanned = [n for n, t in enumerate(texts, start=1) if not t.strip()]
    read: list[int] = []
    if scanned and ocr is not None:
        for number, text in ocr.read(data, scanned, on_page).items():
            if text.strip():
                texts[number - 1] = text
                read.append(number)
    if not any(t.strip() for t in texts):
        raise IngestError("no text layer, and OCR found no text either" if ocr else f"no text layer: needs OCR; {INSTALL_HINT}")
    pages = L.strip_furniture([L.clean_page(t) for t in texts])
    joiner = L.Joiner("\n".join(texts))
    blocks: list[Block] = []
    for number, page_lines in enumerate(pages, start=1):
        blocks.extend(_page_blocks(page_lines, number, joiner))
    blocks = _join_across_pages(blocks, joiner)
    return Parsed(blocks=blocks, pages=len(texts), sample=texts[0] if texts else "", ocr_pages=read)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf reports recoverable damage through logging and warnings; keep it off stderr."""
    logger = logging.getLogger("pypdf")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(old)


def _open(data: bytes):
    from pypdf import PdfReader

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError("not a readable PDF: no PDF header")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt(reader):
            raise IngestError("encrypted PDF: needs a password")
        if len(reader.pages) == 0:
            raise IngestError("not a readable PDF: no pages")
    except IngestError:
        raise
    except Exception as e:  # pypdf raises many types (PdfReadError, KeyError, ValueError...) on damage
        raise IngestError(f"not a readable PDF: {_reason(e)}") from e
    return reader


def _decrypt(reader) -> bool:
    """Open a PDF locked only by an owner password (empty user password)."""
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except DependencyError as e:
        raise IngestError(f"encrypted PDF: cannot decrypt ({_reason(e)})") from e


def _page_texts(reader) -> list[str]:
    """Text of every page; a damaged file fails as a whole rather than losing pages silently."""
    texts = []
    for index, page in enumerate(reader.pages, start=1):
        try:
            texts.append(page.extract_text() or "")
        except Exception as e:  # see _open: any pypdf failure here means a damaged page
            raise IngestError(f"not a readable PDF: page {index}: {_reason(e)}") from e
    return texts


def _reason(e: Exception) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]


def _page_blocks(lines: list[str], page: int, joiner: L.Joiner) -> list[Block]:
    width = L.line_width(lines)
    blocks: list[Block] = []
    for group in L.paragraphs(lines, width):
        text = structure.normalise_bullet(joiner.join(group))
        if not any(c.isalnum() for c in text):
            continue  # stray punctuation left by the layout
        if structure.is_item_marker(text) and blocks:
            _attach_item_marker(blocks[-1], text)
            continue
        blocks.append(_block(text, page, len(group)))
    return blocks


def _attach_item_marker(block: Block, marker: str) -> None:
    """"(Item 8)" ends a minute's heading; it also proves a numbered line above is one."""
    block.text += f" {marker}"
    if block.kind == "paragraph" and block.number and block.number[0].isdigit():
        if len(block.text.split()) <= 30 and not structure.ends_sentence(block.text[: -len(marker)]):
            block.kind, block.level = "heading", 1


def _block(text: str, page: int, n_lines: int) -> Block:
    number, _ = structure.split_number(text)
    level = structure.heading_level(text, n_lines)
    if level is not None:
        return Block(text=text, kind="heading", page=page, number=number, level=level)
    return Block(text=text, kind="paragraph", page=page, number=number)


def _join_across_pages(blocks: list[Block], joiner: L.Joiner) -> list[Block]:
    """Rejoin a paragraph that runs over a page break; it keeps its first page."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, block):
            prev.text = joiner.join_pair(prev.text, block.text)
            continue
        out.append(block)
    return out


def _continues(prev: Block, block: Block) -> bool:
    if block.page == prev.page or prev.kind != "paragraph" or block.kind != "paragraph":
        return False
    if block.number or structure.is_bullet(block.text) or structure.opens_resolution(block.text):
        return False
    if structure.ends_sentence(prev.text):
        return False
    # Lower case opens mid-sentence; a capital only after a dangling "the", "of", ... or a comma
    # ("At that meeting, | Members agreed to refer the decision to full Council.").
    last = prev.text.split()[-1]
    return not block.text[:1].isupper() or last.lower() in _DANGLING or last.endswith(",")


_DANGLING = frozenset("the of and to a an in for by with on at from or that which".split())
