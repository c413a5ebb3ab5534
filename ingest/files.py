"""parse_file: one file's bytes to a Document (blocks and metadata), or a clear IngestError."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cofnod.errors import IngestError
from cofnod.settings import IngestSettings
from cofnod.types import Document
from ingest.meta import infer_meta, sidecar_meta
from ingest.ocr import ocr_for
from ingest.registry import PageProgress, get_parser

READER = "2026-11-28.4"
"""The reader's edition. Bump it with any change to parsing, metadata or passage building that alters what
a file yields: files read by an earlier edition are read again at the next ingest, unchanged or not."""


def reader_stamp(path: Path, settings: IngestSettings | None = None) -> str:
    """Everything besides the file's bytes that decides its passages: the reader's edition, the
    passage sizes and what the folder's metadata sidecar says of the file."""
    settings = settings or IngestSettings()
    side = json.dumps(sidecar_meta(path), sort_keys=True, ensure_ascii=False)
    stamp = f"{READER} max_words={settings.max_words} min_words={settings.min_words} sidecar={side}"
    if Path(path).suffix.lower() == ".pdf":  # installing Tesseract later reads a PDF's scanned pages
        ocr = ocr_for(settings)
        stamp += f" ocr={ocr.languages}@{ocr.dpi}" if ocr else " ocr=none"
    return stamp


def parse_file(path: Path, rel: str, settings: IngestSettings | None = None,
               on_page: PageProgress | None = None) -> Document:
    """Parse one file into a Document.

    Args:
        path: the file on disk.
        rel: its path relative to the corpus root, forward slashes (the document's id).
        settings: ingest settings (max_file_mb, OCR); defaults when None.
        on_page: called as on_page(done, total) after each scanned page OCR reads.
    Returns:
        The Document: metadata, blocks in reading order and the sha256 of the bytes.
    Raises:
        UnsupportedFile: no parser for the suffix.
        IngestError: the file is empty, too large, damaged, encrypted or has no text.
    """
    settings = settings or IngestSettings()
    path = Path(path)
    parser = get_parser(path.suffix)
    data = _read(path, settings.max_file_mb)
    parsed = parser(data, settings, on_page)
    if not any(b.text.strip() for b in parsed.blocks):
        raise IngestError("no text found")
    meta = infer_meta(rel, parsed.title_hint, parsed.sample, parsed.pages, transcript=parsed.transcript,
                      known=sidecar_meta(path))
    return Document(meta=meta, blocks=parsed.blocks, sha256=hashlib.sha256(data).hexdigest(), ocr_pages=parsed.ocr_pages)


def _read(path: Path, max_mb: float) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024:
            raise IngestError(f"file too large: {size / 1048576:.1f} MB over the {max_mb:g} MB limit")
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(f"cannot read file: {e.strerror or e}") from e
    if not data.strip():
        raise IngestError("empty file")
    return data
