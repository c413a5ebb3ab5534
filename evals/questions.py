"""Load a question set: one JSON object per line, as ../shared/evals/FORMAT.md describes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from cofnod.errors import CofnodError

FIELDS = {
    "id", "question", "answerable", "reference_answer", "must_include",
    "evidence", "scope", "history", "tags",
}
REQUIRED = ("id", "question", "answerable")
SCOPE_KEYS = {"doc", "committee", "date_from", "date_to"}


class QuestionSetError(CofnodError):
    """A question set file is unreadable or a line breaks the format; names file and line."""


@dataclass
class Evidence:
    """Where an answer is: a quote from a document (and page, for PDFs)."""

    doc: str
    """Document path relative to the corpus root."""
    quote: str
    """Text from the document; a passage matches on any 8-word run of it."""
    page: int | None = None
    """1-based page for PDFs; None otherwise. Not used for matching."""


@dataclass
class Question:
    """One question of a set."""

    id: str
    """Unique within the file."""
    question: str
    """What a member or officer would type."""
    answerable: bool
    """False when the corpus does not hold the answer: the right reply declines."""
    reference_answer: str | None = None
    """A correct answer written by a person."""
    must_include: list[str] = field(default_factory=list)
    """Facts a correct answer states."""
    evidence: list[Evidence] = field(default_factory=list)
    """Where the answer is."""
    scope: dict = field(default_factory=dict)
    """Search restriction: {"doc"}, {"committee"}, {"date_from", "date_to"}."""
    history: list[str] = field(default_factory=list)
    """Earlier questions of the same conversation, oldest first."""
    tags: list[str] = field(default_factory=list)
    """Labels for slicing reports."""


def load_questions(path: str | Path) -> list[Question]:
    """Read a JSONL question set.

    Args:
        path: the .jsonl file.

    Returns:
        The questions in file order.

    Raises:
        QuestionSetError: unreadable file, bad JSON, a missing or mistyped field, an
            unknown field or a repeated id; the message starts with "path:line:".
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise QuestionSetError(f"{path}: cannot read question set: {e}") from e
    questions: list[Question] = []
    seen: set[str] = set()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise QuestionSetError(f"{where}: bad JSON: {e.msg} (column {e.colno})") from e
        q = parse_question(obj, where)
        if q.id in seen:
            raise QuestionSetError(f"{where}: id {q.id!r} is repeated")
        seen.add(q.id)
        questions.append(q)
    return questions


def parse_question(obj: object, where: str) -> Question:
    """Check one decoded line and build its Question; `where` prefixes error messages."""
    if not isinstance(obj, dict):
        raise QuestionSetError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    missing = [k for k in REQUIRED if k not in obj]
    if missing:
        raise QuestionSetError(f"{where}: missing required field(s): {', '.join(missing)}")
    unknown = sorted(set(obj) - FIELDS)
    if unknown:
        raise QuestionSetError(f"{where}: unknown field(s): {', '.join(unknown)}")
    _check(isinstance(obj["id"], str) and obj["id"], where, "id must be a non-empty string")
    _check(isinstance(obj["question"], str), where, "question must be a string")
    _check(isinstance(obj["answerable"], bool), where, "answerable must be true or false")
    ref = obj.get("reference_answer")
    _check(ref is None or isinstance(ref, str), where, "reference_answer must be a string")
    for key in ("must_include", "history", "tags"):
        _check(_is_str_list(obj.get(key, [])), where, f"{key} must be a list of strings")
    scope = obj.get("scope") or {}
    _check(isinstance(scope, dict), where, "scope must be an object")
    bad_scope = sorted(set(scope) - SCOPE_KEYS)
    _check(not bad_scope, where, f"unknown scope key(s): {', '.join(bad_scope)}")
    evidence = obj.get("evidence") or []
    _check(isinstance(evidence, list), where, "evidence must be a list")
    return Question(
        id=obj["id"],
        question=obj["question"],
        answerable=obj["answerable"],
        reference_answer=ref,
        must_include=list(obj.get("must_include") or []),
        evidence=[_parse_evidence(e, f"{where}: evidence[{i}]") for i, e in enumerate(evidence)],
        scope=dict(scope),
        history=list(obj.get("history") or []),
        tags=list(obj.get("tags") or []),
    )


def _parse_evidence(obj: object, where: str) -> Evidence:
    _check(isinstance(obj, dict), where, "must be an object")
    _check(isinstance(obj.get("doc"), str) and obj["doc"], where, "doc must be a non-empty string")
    _check(isinstance(obj.get("quote"), str) and obj["quote"], where, "quote must be a non-empty string")
    page = obj.get("page")
    _check(page is None or (isinstance(page, int) and not isinstance(page, bool) and page >= 1),
           where, "page must be a positive integer")
    unknown = sorted(set(obj) - {"doc", "quote", "page"})
    _check(not unknown, where, f"unknown field(s): {', '.join(unknown)}")
    return Evidence(doc=obj["doc"], quote=obj["quote"], page=page)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check(ok: object, where: str, message: str) -> None:
    if not ok:
        raise QuestionSetError(f"{where}: {message}")
