"""The records that cross stage boundaries: ingest -> index -> assistant -> ui/evals.

Library objects (pypdf pages, llama-index nodes, Chroma results) never appear here;
each stage converts at its own edge.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Literal

DocType = Literal[
    "minutes", "report", "inspection report", "agenda", "transcript", "press release", "other"
]
DOC_TYPES: tuple[str, ...] = (
    "minutes", "report", "inspection report", "agenda", "transcript", "press release", "other"
)

BlockKind = Literal["heading", "paragraph", "turn", "item"]


def content_hash(text: str) -> str:
    """Short, stable hash of a text (sha256, first 16 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Block:
    """One structural unit a parser found, before it is cut into passages.

    Parsers emit blocks in reading order; `ingest.passages` turns them into passages.
    """

    text: str
    """The block's text, whitespace collapsed, hyphenation undone."""
    kind: BlockKind = "paragraph"
    """heading (feeds the trail), paragraph, turn (a speaker's words), item (agenda item title)."""
    page: int | None = None
    """1-based page for PDFs; None for formats without pages."""
    number: str | None = None
    """The paragraph's own number as printed: "3.2", "(a)", "1)", "12."; None if unnumbered."""
    level: int = 1
    """Heading depth (1 = top); ignored for other kinds."""
    speaker: str | None = None
    """For a transcript turn, who spoke."""


@dataclass
class DocMeta:
    """What is known about a document as a whole."""

    doc: str
    """Path relative to the corpus root, with forward slashes: the document's identity."""
    title: str
    """Human title: the first heading, or the file name without extension."""
    doc_type: str = "other"
    """One of DOC_TYPES, inferred from name and text."""
    committee: str | None = None
    """Committee or body, e.g. "Cabinet", "County Council"; None if unknown."""
    date: str | None = None
    """Meeting date (YYYY-MM-DD) of the meeting the paper belongs to or records."""
    pages: int | None = None
    """Number of pages for PDFs."""


@dataclass
class Document:
    """A parsed file: its metadata and the blocks found in it."""

    meta: DocMeta
    blocks: list[Block]
    sha256: str
    """Hash of the file's bytes: unchanged hash means nothing to do on re-ingest."""
    ocr_pages: list[int] = field(default_factory=list)
    """Pages (1-based) whose text was read from their image by OCR."""


@dataclass
class Passage:
    """The unit a user cites: a paragraph, a speaker's turn, a resolution (<= ~200 words)."""

    id: str
    """Stable id: "<doc>#<seq>" made once at ingest from the path and place in the doc."""
    doc: str
    """Document path relative to the corpus root."""
    seq: int
    """0-based place of the passage in its document."""
    text: str
    """The passage text as shown to users and embedded."""
    title: str = ""
    """Document title."""
    doc_type: str = "other"
    committee: str | None = None
    date: str | None = None
    """Meeting date YYYY-MM-DD."""
    page: int | None = None
    """1-based page (PDFs)."""
    paragraph: str | None = None
    """Printed paragraph number if any ("3.2", "(a)"), else the ordinal "¶N" within the page/doc."""
    trail: list[str] = field(default_factory=list)
    """Heading / agenda-item trail, outermost first."""
    speaker: str | None = None
    kind: str = "paragraph"
    prev_id: str | None = None
    next_id: str | None = None
    hash: str = ""
    """content_hash(text)."""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def opens_turn(self) -> bool:
        """True for the passage of a transcript that begins a speaker's turn ("Name: words")."""
        return self.kind == "turn" and bool(self.speaker) and self.text.startswith(self.speaker)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Resolution:
    """A decision recorded in minutes ("RESOLVED that ..."), found once at ingest."""

    id: str
    """Stable id: "<doc>#r<n>", n counting the document's resolutions from 1."""
    doc: str
    """Document path relative to the corpus root."""
    page: int | None
    """1-based page where the decision opens (PDFs)."""
    date: str | None
    """Meeting date YYYY-MM-DD."""
    committee: str | None
    item: str
    """The agenda item it was made under, number and title as printed ("88. Budget Monitoring (Item 5)"); "" if unknown."""
    text: str
    """The whole decision: the RESOLVED paragraph and its sub-resolutions."""
    passage_ids: list[str] = field(default_factory=list)
    """The passages it spans; the first is the RESOLVED paragraph's own."""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Filters:
    """Restrictions applied before ranking."""

    doc: str | None = None
    committee: str | None = None
    doc_type: str | None = None
    date_from: str | None = None
    """Inclusive YYYY-MM-DD."""
    date_to: str | None = None
    """Inclusive YYYY-MM-DD."""

    def is_empty(self) -> bool:
        return not any(asdict(self).values())

    def narrowed(self, other: "Filters | None") -> "Filters":
        """These filters with `other`'s added where these leave a field open."""
        if other is None:
            return self
        mine, theirs = asdict(self), asdict(other)
        return Filters(**{k: mine[k] if mine[k] is not None else theirs[k] for k in mine})


@dataclass
class Hit:
    """A passage found by retrieval, with its fused score."""

    passage: Passage
    score: float
    """Higher is better; comparable only within one result list."""
    dense: float | None = None
    """Cosine similarity from the vector index, if the passage came up there."""
    sparse: float | None = None
    """BM25 score, if the passage came up there."""

    def to_dict(self) -> dict:
        p = self.passage
        return {
            "id": p.id, "doc": p.doc, "page": p.page, "paragraph": p.paragraph,
            "title": p.title, "committee": p.committee, "date": p.date,
            "type": p.doc_type, "text": p.text, "score": round(self.score, 6),
        }


@dataclass
class Citation:
    """A numbered pointer from an answer sentence to the passage that supports it."""

    n: int
    passage: Passage

    def to_dict(self) -> dict:
        p = self.passage
        return {
            "n": self.n, "id": p.id, "doc": p.doc, "page": p.page,
            "paragraph": p.paragraph, "title": p.title, "date": p.date,
            "committee": p.committee, "text": p.text,
        }


@dataclass
class Answer:
    """The assistant's reply."""

    text: str
    """The answer with [n] markers, or the refusal sentence."""
    abstained: bool
    citations: list[Citation]
    hits: list[Hit]
    """The ranked passages the answer was built from."""
    sentences: list[tuple[str, list[int]]] = field(default_factory=list)
    """Each answer sentence (without markers) and the citation numbers it carries."""
    question: str = ""
    """The standalone question that was answered (after follow-up rewriting)."""
    filters: Filters | None = None
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent: "retrieval" and "total"."""
    inferred: Filters | None = None
    """Filters read from the question's own words (dates, committees) and applied; None if none were."""
    note: str | None = None
    """What those filters mean, for the user: "searching Cabinet papers from March 2025"."""
    removed: int = 0
    """Sentences of a language model's reply that the grounding check removed as unsupported."""
    backend: str = "extractive"
    """The answer backend whose text this is ("extractive" also when an LLM failed and it stood in)."""
    backend_note: str | None = None
    """Why the configured LLM's answer is not shown (endpoint down, unknown model, nothing supported)."""
    also_searched: list[str] = field(default_factory=list)
    """The papers' own words searched for besides the question's ("HWRC" for "tips"); see index.glossary."""
    caveat: str | None = None
    """What the answer is not, said before it: a decision question whose papers record no decision on it."""

    def to_dict(self) -> dict:
        out = {
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "passages": [h.to_dict() for h in self.hits],
            "removed": self.removed,
            "backend": self.backend,
        }
        if self.backend_note:
            out["backend_note"] = self.backend_note
        if self.note:
            out["searching"] = self.note
        if self.also_searched:
            out["also_searched"] = self.also_searched
        if self.caveat:
            out["caveat"] = self.caveat
        return out


@dataclass
class FileResult:
    """The outcome of ingesting one file."""

    path: str
    status: Literal["added", "updated", "unchanged", "failed", "removed"]
    passages: int = 0
    reason: str | None = None
    reread: bool = False
    """An unchanged file read again because it was read under another reader stamp."""
    ocr_pages: list[int] = field(default_factory=list)
    """Pages (1-based) whose text OCR read from their image."""
