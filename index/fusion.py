"""Reciprocal rank fusion of ranked lists."""

from __future__ import annotations


def rrf(rankings: list[list[str]], weights: list[float] | None = None, k: int = 60) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum over lists of weight / (k + rank), rank from 1.

    Returns (id, score) best first; ties keep the order of first appearance.
    """
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, pid in enumerate(ranking, start=1):
            scores[pid] = scores.get(pid, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])
