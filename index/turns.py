"""Transcript passages reordered among the places they hold in a fused ranking.

In a transcript the passage that opens a speaker's turn says who is speaking and what
they answer, and the turn after one that holds the question's words is often the
reply. The weights were fitted (logistic regression, then rounded) on the qmsum-welsh
train questions; reports and minutes keep their places untouched. Where the question names
a speaker ("What did Huw David say about ...?"), that speaker's best passage is lifted too.
A transcript's first passages (the chair's welcome, then an opening statement or the first
question) touch on everything the meeting is about, so they are lowered a little.
"""

from __future__ import annotations

import re
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
    named: float = 0.0
    """Added to the best passage of a speaker the question names."""
    start: float = 0.0
    """Taken from each of a transcript's first `START` passages."""


START = 2
"""How many passages open a transcript (`TurnWeights.start`). On qmsum-welsh-train they lead
for questions they do not answer: the first two were the best hit 3 times and held the evidence
none of them; among all first ten hits, 3 of 25 (the other passages 33%). Lowering three did
less there, and four cost hit@600w."""


_TITLES = re.compile(r"\((?:[^()]*)\)|\b(?:AM|MS|MSP|MP|MBE|OBE|CBE|Dr|Prof|Professor|Cllr|Councillor|Mr|Mrs|Ms|Miss|Sir|Dame)\b\.?")
_WORD = re.compile(r"[\w'’-]+")


def speaker_name(speaker: str) -> str:
    """A speaker's name in lower case, titles and roles aside ("kirsty williams" for "Kirsty Williams AM")."""
    return " ".join(_WORD.findall(_TITLES.sub(" ", speaker).lower()))


def named_speakers(question: str, speakers: set[str]) -> set[str]:
    """The speakers the question names by their full name, titles and roles aside ("Kirsty
    Williams" for "Kirsty Williams AM", "Dafydd Rowlands" for "Dafydd Rowlands (Head of
    Children's Services)")."""
    asked = " ".join(_WORD.findall(question.lower()))
    found = set()
    for speaker in speakers:
        name = speaker_name(speaker)
        if len(name.split()) >= 2 and re.search(rf"\b{re.escape(name)}\b", asked):
            found.add(speaker)
    return found


def transcript_places(head: list[tuple[str, float]], passages: dict[str, Passage]) -> list[int]:
    """Positions in `head` held by transcript passages (those `passages` knows)."""
    return [i for i, (pid, _) in enumerate(head) if pid in passages and passages[pid].kind == "turn"]


def reorder(fused: list[tuple[str, float]], passages: dict[str, Passage], sparse: dict[str, float],
            before: dict[str, float], w: TurnWeights, named: set[str] = frozenset()) -> list[tuple[str, float]]:
    """The fused (id, score) list with its transcript passages among the first `w.depth`
    re-sorted into the places transcript passages held; each place keeps its score, so
    scores still fall down the list. Other passages do not move.

    `named` holds the speakers the question names: the best passage one of them speaks is
    lifted by `w.named`. Only one: lifting all their passages crowded out the question put to
    them and the other speakers' replies (qmsum-welsh-train recall@600w 0.585 -> 0.555)."""
    head = fused[: w.depth]
    places = transcript_places(head, passages)
    if len(places) < 2 or not w.opening:
        return fused
    top = head[0][1] or 1.0
    best_sparse = max(sparse.values(), default=0.0) or 1.0

    def value(pid: str, fused_score: float) -> float:
        p = passages[pid]
        return (fused_score / top + w.sparse * sparse.get(pid, 0.0) / best_sparse
                + w.after * before.get(pid, 0.0) + w.opening * p.opens_turn - w.start * (p.seq < START))

    values = {pid: value(pid, score) for pid, score in (head[i] for i in places)}
    theirs = [pid for pid in values if passages[pid].speaker in named]
    if theirs and w.named:
        values[max(theirs, key=values.__getitem__)] += w.named
    ranked = sorted((head[i] for i in places), key=lambda item: -values[item[0]])
    out = list(fused)
    for i, (pid, _) in zip(places, ranked):
        out[i] = (pid, head[i][1])
    return out
