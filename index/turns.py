"""Transcript passages reordered among the places they hold in a fused ranking.

In a transcript the passage that opens a speaker's turn says who is speaking and what
they answer, and the turn after one that holds the question's words is often the
reply. The weights were fitted (logistic regression, then rounded) on the qmsum-welsh
train questions; reports and minutes keep their places untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from cofnod.types import Passage


@dataclass(frozen=True)
class TurnWeights:
    """What is added to a transcript passage's fused score (as a share of the best fused score)."""

    opening: float
    """Added when the passage opens a speaker's turn; 0 turns the reordering off."""
    sparse: float
    """Times the passage's BM25 score as a share of the best BM25 score."""
    after: float
    """Times the previous passage's plain BM25 score as a share of the best."""
    depth: int
    """How many of the fused results are looked at."""


def transcript_places(head: list[tuple[str, float]], passages: dict[str, Passage]) -> list[int]:
    """Positions in `head` held by transcript passages (those `passages` knows)."""
    return [i for i, (pid, _) in enumerate(head) if pid in passages and passages[pid].kind == "turn"]


def reorder(fused: list[tuple[str, float]], passages: dict[str, Passage], sparse: dict[str, float],
            before: dict[str, float], w: TurnWeights) -> list[tuple[str, float]]:
    """The fused (id, score) list with its transcript passages among the first `w.depth`
    re-sorted into the places transcript passages held; each place keeps its score, so
    scores still fall down the list. Other passages do not move."""
    head = fused[: w.depth]
    places = transcript_places(head, passages)
    if len(places) < 2 or not w.opening:
        return fused
    top = head[0][1] or 1.0
    best_sparse = max(sparse.values(), default=0.0) or 1.0

    def value(pid: str, fused_score: float) -> float:
        p = passages[pid]
        return (fused_score / top + w.sparse * sparse.get(pid, 0.0) / best_sparse
                + w.after * before.get(pid, 0.0) + w.opening * p.opens_turn)

    ranked = sorted((head[i] for i in places), key=lambda item: -value(*item))
    out = list(fused)
    for i, (pid, _) in zip(places, ranked):
        out[i] = (pid, head[i][1])
    return out
