"""Is there enough evidence to answer? The gate in front of every answerer."""

from __future__ import annotations

from dataclasses import dataclass

from cofnod.settings import AnswerSettings
from cofnod.types import Hit
from index.keyword import tokenize


@dataclass
class Strength:
    dense: float
    """Best cosine similarity between the question and a retrieved passage."""
    coverage: float
    """Best idf-weighted share of the question's key terms found in one retrieved passage."""


def strength(hits: list[Hit], terms: dict[str, float], top: int = 5) -> Strength:
    dense = max((h.dense for h in hits[:top] if h.dense is not None), default=0.0)
    total = sum(terms.values())
    coverage = 0.0
    if total:
        for hit in hits[:top]:
            present = set(tokenize(hit.passage.text)) | set(tokenize(" ".join(hit.passage.trail)))
            coverage = max(coverage, sum(w for t, w in terms.items() if t in present) / total)
    return Strength(dense, coverage)


def enough(s: Strength, settings: AnswerSettings) -> bool:
    """Answer only when the passages are both close in meaning and share the key terms."""
    return s.dense >= settings.min_dense and s.coverage >= settings.min_coverage
