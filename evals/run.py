"""Running a question set through the assistant (and baselines) and scoring it.

Only `assistant.Assistant` is driven here; baselines live in `evals.baselines`.
"""

from __future__ import annotations

import time
from typing import Callable, Protocol

from cofnod.types import Answer, Filters

from evals.metrics import aggregate, score_question
from evals.questions import Question
from evals.stats import intervals

Progress = Callable[[int, int], None]


class System(Protocol):
    """Anything that answers a question with ranked passages (the assistant, a baseline)."""

    name: str

    def run(self, q: Question, k: int) -> dict: ...


def scope_filters(scope: dict) -> Filters | None:
    """A question's `scope` as the same filters `cofnod search` takes."""
    if not scope:
        return None
    return Filters(doc=scope.get("doc"), committee=scope.get("committee"),
                   doc_type=scope.get("type"), date_from=scope.get("date_from"), date_to=scope.get("date_to"))


def answer_record(qid: str, answer: Answer, seconds: float, retrieval_seconds: float) -> dict:
    """The per-question record of `--json`, from which every metric can be recomputed."""
    return {
        "id": qid,
        "question": answer.question,
        "passages": [
            {"id": h.passage.id, "doc": h.passage.doc, "page": h.passage.page, "text": h.passage.text,
             "score": round(h.score, 6)}
            for h in answer.hits
        ],
        "answer": answer.text,
        "abstained": answer.abstained,
        "citations": [
            {"n": c.n, "id": c.passage.id, "doc": c.passage.doc, "page": c.passage.page, "text": c.passage.text}
            for c in answer.citations
        ],
        "sentences": [[text, ns] for text, ns in answer.sentences],
        "seconds": round(seconds, 4),
        "retrieval_seconds": round(retrieval_seconds, 4),
        "sentences_removed": answer.removed,
        "backend": answer.backend,
        "backend_note": answer.backend_note,
        "caveat": answer.caveat,
    }


class AssistantSystem:
    """Cofnod itself, through the same `ask` the CLI and the chat use."""

    name = "cofnod"

    def __init__(self, assistant):
        self.assistant = assistant

    def run(self, q: Question, k: int) -> dict:
        start = time.perf_counter()
        answer = self.assistant.ask(q.question, scope_filters(q.scope), list(q.history), k)
        seconds = time.perf_counter() - start
        return answer_record(q.id, answer, seconds, answer.timings.get("retrieval", seconds))


def run_system(system: System, questions: list[Question], k: int, progress: Progress | None = None) -> dict:
    """Ask every question; returns {"metrics", "questions"} in the `--json` shape, the metrics
    with their 95% intervals over questions (`metrics["intervals"]`)."""
    return run_and_score(system, questions, k, progress)[0]


def run_and_score(system: System, questions: list[Question], k: int,
                  progress: Progress | None = None) -> tuple[dict, list[dict]]:
    """`run_system`'s result, and the per-question scores its metrics were made from."""
    results = []
    for n, q in enumerate(questions, start=1):
        results.append(system.run(q, k))
        if progress:
            progress(n, len(questions))
    scored = score_all(questions, results)
    run = {"metrics": {**aggregate(scored, questions), "intervals": intervals(scored)}, "questions": results}
    return run, scored


def score_all(questions: list[Question], results: list[dict]) -> list[dict]:
    """Each result scored against its question (results in question order)."""
    return [score_question(q, r) for q, r in zip(questions, results)]
