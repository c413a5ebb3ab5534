"""ingest: files to passages. Parse a file into a Document, then cut it into Passages.

    doc = parse_file(path, rel="kent-cc/cabinet/.../minutes.pdf")
    passages = build_passages(doc)

Knows nothing about vectors or answers; heavy parsers (pypdf, python-docx, bs4) load
only when a file of their type is parsed.
"""

from ingest.files import READER, parse_file, reader_stamp
from ingest.meta import infer_meta
from ingest.passages import build_passages
from ingest.registry import SUPPORTED_SUFFIXES, Parsed, Parser, get_parser

__all__ = [
    "READER", "SUPPORTED_SUFFIXES", "Parsed", "Parser", "build_passages", "get_parser", "infer_meta",
    "parse_file", "reader_stamp",
]
