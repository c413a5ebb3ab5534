"""The Assistant: the one object the CLI, the UI and the evaluation talk to."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable, Protocol

from cofnod.errors import CofnodError
from cofnod.settings import Settings
from cofnod.types import Answer, FileResult, Filters, Hit
from index.catalog import DocRecord
from index.store import Index

from assistant import evidence
from assistant.extractive import ExtractiveAnswerer, decline
from assistant.followup import standalone
from assistant.intent import preferred


class Answerer(Protocol):
    """Composes an answer from ranked passages (the swap point for LLM backends)."""

    name: str

    def terms(self, question: str) -> dict[str, float]: ...

    def answer(self, question: str, hits: list[Hit]) -> Answer: ...


def _extractive(assistant: "Assistant") -> Answerer:
    idx = assistant.index
    return ExtractiveAnswerer(assistant.settings.answer, idx.embedder, lambda t: idx.keyword.idf(t))


ANSWERERS: dict[str, Callable[["Assistant"], Answerer]] = {"extractive": _extractive}


def register_answerer(name: str, factory: Callable[["Assistant"], Answerer]) -> None:
    """Add an answer backend under a name (LLM backends, and fakes in tests)."""
    ANSWERERS[name] = factory


class Assistant:
    """Retrieves evidence from the index and answers with citations."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.index = Index(settings)
        self._answerer: Answerer | None = None

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            name = self.settings.answer.backend
            try:
                factory = ANSWERERS[name]
            except KeyError as e:
                raise CofnodError(f"unknown answer backend {name!r}; known: {', '.join(ANSWERERS)}") from e
            self._answerer = factory(self)
        return self._answerer

    def close(self) -> None:
        self.index.close()

    # -- papers ------------------------------------------------------------
    def ingest(self, paths: list[Path], root: Path | None = None, prune: bool = False,
               exclude: Iterable[str] = (), progress=None) -> list[FileResult]:
        from assistant.library import ingest_paths

        return ingest_paths(self.index, paths, self.settings, root, prune, exclude, progress)

    def documents(self) -> list[DocRecord]:
        return self.index.documents()

    def status(self) -> dict:
        return self.index.status()

    # -- questions ---------------------------------------------------------
    def search(self, question: str, filters: Filters | None = None, k: int | None = None) -> list[Hit]:
        question = question.strip()
        if not question:
            raise CofnodError("the question is empty")
        return self.index.search(question, filters, k or self.settings.answer.k, prefer=preferred(question))

    def ask(self, question: str, filters: Filters | None = None, history: list[str] | None = None,
            k: int | None = None) -> Answer:
        """Answer a question, citing the passages each sentence comes from, or decline."""
        start = time.perf_counter()
        query = standalone(question.strip(), history)
        hits = self.search(query, filters, k)
        retrieved = time.perf_counter()
        answerer = self.answerer
        terms = answerer.terms(query)
        s = evidence.strength(hits, terms)
        if not hits or not evidence.enough(s, self.settings.answer) or not evidence.holds_quantity(query, hits, terms):
            result = decline(query, hits)
        else:
            result = answerer.answer(query, hits)
        result.filters = filters
        result.timings = {"retrieval": retrieved - start, "total": time.perf_counter() - start}
        return result
