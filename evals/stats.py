"""How sure a figure is: intervals over questions, and paired comparisons of two runs.

With 47 questions one question moves MRR by up to 0.02, so a figure read without its
spread invites taking noise for progress. Everything here is a pure function of
per-question scores (`evals.metrics.score_question`); draws use a fixed seed, so a
report reads the same every time it is made from the same results.
"""

from __future__ import annotations

import numpy as np

from evals.metrics import MEANS

DRAWS = 2000
"""Resamples for intervals and sign flips for p-values."""
LEVEL = 0.95
"""Interval coverage."""
COMPARED = ["recall@600w", "hit@600w", "mrr", "citation_precision", "citation_recall",
            "must_include", "token_f1", "abstention_accuracy"]
"""The metrics compared between runs, question by question."""
INTERVALS = ["recall@k", "recall@600w", "hit@k", "hit@600w", "mrr", "citation_precision",
             "citation_recall", "must_include", "token_f1", "abstention_accuracy"]
"""The metrics given a 95% interval in a run's figures."""
WATCHED = ["hit@600w", "mrr", "abstention_accuracy", "must_include"]
"""The per-question figures listed when a question changes between two runs."""


def interval(values: list[float | None], draws: int = DRAWS, level: float = LEVEL,
             seed: int = 0) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean of the values that are not None.

    Returns:
        (low, high); None when no value is present; (v, v) for a single value.
    """
    data = np.array([v for v in values if v is not None], dtype=float)
    if data.size == 0:
        return None
    if data.size == 1:
        return float(data[0]), float(data[0])
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, (draws, data.size))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def intervals(scored: list[dict], metrics: list[str] = INTERVALS) -> dict[str, list[float]]:
    """{metric: [low, high]} for each metric that has a value on some question."""
    out = {}
    for name in metrics:
        found = interval([s.get(MEANS[name]) for s in scored])
        if found is not None:
            out[name] = [round(found[0], 4), round(found[1], 4)]
    return out


def paired(a: dict[str, float | None], b: dict[str, float | None], draws: int = DRAWS,
           level: float = LEVEL, seed: int = 0) -> dict | None:
    """Run a against run b on the questions both score (ids as keys, None for unscored).

    Returns:
        {"difference": mean of a - b, "low", "high": bootstrap interval of that mean,
        "p": two-sided p-value of a sign-flip (paired randomisation) test,
        "questions": how many were paired, "better", "worse": questions where a is above
        or below b}; None when no question is scored by both.
    """
    ids = [i for i, v in a.items() if v is not None and b.get(i) is not None]
    if not ids:
        return None
    d = np.array([a[i] - b[i] for i in ids], dtype=float)
    rng = np.random.default_rng(seed)
    low, high = interval(list(d), draws, level, seed)  # d is not empty, so there is an interval
    flipped = np.abs((rng.choice([-1.0, 1.0], (draws, d.size)) * d).mean(axis=1))
    observed = abs(float(d.mean()))
    p = (int(np.sum(flipped >= observed - 1e-12)) + 1) / (draws + 1)
    return {"difference": round(float(d.mean()), 4), "low": round(low, 4), "high": round(high, 4),
            "p": round(p, 4), "questions": int(d.size),
            "better": int(np.sum(d > 0)), "worse": int(np.sum(d < 0))}


def compare(scored_a: list[dict], scored_b: list[dict], metrics: list[str] = COMPARED) -> dict[str, dict]:
    """{metric: `paired` result} of run a against run b, for metrics both runs score."""
    out = {}
    for name in metrics:
        field = MEANS[name]
        result = paired({s["id"]: s.get(field) for s in scored_a}, {s["id"]: s.get(field) for s in scored_b})
        if result is not None:
            out[name] = result
    return out


def changed(scored_now: list[dict], scored_before: list[dict], watched: list[str] = WATCHED) -> list[dict]:
    """The questions whose watched figures moved between two runs, those that got worse first.

    Returns:
        [{"id", "worse": how many figures fell, "changes": {metric: [before, now]}}].
    """
    before = {s["id"]: s for s in scored_before}
    out = []
    for s in scored_now:
        old = before.get(s["id"])
        if old is None:
            continue
        moves = {name: [old.get(MEANS[name]), s.get(MEANS[name])] for name in watched
                 if old.get(MEANS[name]) != s.get(MEANS[name])}
        if moves:
            worse = sum(a is not None and b is not None and b < a for a, b in moves.values())
            out.append({"id": s["id"], "worse": worse, "changes": moves})
    return sorted(out, key=lambda c: -c["worse"])
