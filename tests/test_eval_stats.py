"""Intervals and paired comparisons (evals/stats.py) on hand-made per-question scores."""

from __future__ import annotations

import pytest

from evals import stats


def test_interval_of_constant_values_is_that_value():
    assert stats.interval([0.5, 0.5, None, 0.5]) == (0.5, 0.5)
    assert stats.interval([0.25]) == (0.25, 0.25)
    assert stats.interval([None, None]) is None
    assert stats.interval([]) is None


def test_interval_holds_the_mean_and_narrows_with_more_questions():
    few = [1.0, 0.0] * 5
    many = [1.0, 0.0] * 500
    low_few, high_few = stats.interval(few)
    low_many, high_many = stats.interval(many)
    assert low_few < 0.5 < high_few and low_many < 0.5 < high_many
    assert high_many - low_many < (high_few - low_few) / 5
    assert 0.0 <= low_few and high_few <= 1.0


def test_interval_is_the_same_every_time():
    values = [0.1, 0.9, 0.3, 0.7, 0.2, 1.0]
    assert stats.interval(values) == stats.interval(values)
    assert stats.interval(values, seed=1) != stats.interval(values)


def test_paired_identical_runs():
    run = {"q1": 1.0, "q2": 0.5, "q3": 0.0}
    r = stats.paired(run, dict(run))
    assert (r["difference"], r["better"], r["worse"], r["questions"], r["p"]) == (0.0, 0, 0, 3, 1.0)


def test_paired_one_changed_question_is_never_significant():
    before = {f"q{i}": 0.5 for i in range(20)}
    r = stats.paired({**before, "q0": 1.0}, before)
    assert r["difference"] == pytest.approx(0.025)
    assert (r["better"], r["worse"]) == (1, 0)
    assert r["p"] == 1.0  # flipping the one difference's sign gives the same size of change


def test_paired_consistent_gain_is_significant():
    before = {f"q{i}": 0.2 for i in range(12)}
    after = {q: 0.7 for q in before}
    r = stats.paired(after, before)
    assert r["difference"] == pytest.approx(0.5)
    assert r["low"] == pytest.approx(0.5) and r["high"] == pytest.approx(0.5)
    assert r["p"] < 0.01  # all 12 signs agree: 2 in 4,096 flips are as extreme
    assert stats.paired(before, after)["difference"] == pytest.approx(-0.5)


def test_paired_skips_questions_one_run_does_not_score():
    a = {"q1": 1.0, "q2": None, "q3": 0.0, "q4": 1.0}
    b = {"q1": 0.0, "q2": 1.0, "q3": None}
    r = stats.paired(a, b)
    assert (r["questions"], r["difference"], r["better"]) == (1, 1.0, 1)
    assert stats.paired({"q1": None}, {"q1": 1.0}) is None


def scored(qid: str, rr: float | None, hit: float | None, abstention: float = 1.0) -> dict:
    return {"id": qid, "rr": rr, "hit@600w": hit, "recall@600w": hit, "abstention_correct": abstention,
            "must_include": None}


def test_compare_uses_the_per_question_fields():
    now = [scored("a", 1.0, 1.0), scored("b", 0.5, 1.0)]
    before = [scored("a", 0.5, 1.0), scored("b", 0.5, 0.0)]
    out = stats.compare(now, before)
    assert out["mrr"]["difference"] == pytest.approx(0.25)  # mrr is the mean of "rr"
    assert out["hit@600w"]["better"] == 1
    assert out["abstention_accuracy"]["difference"] == 0.0
    assert "must_include" not in out  # no question scores it


def test_intervals_keys_and_rounding():
    out = stats.intervals([scored("a", 1.0, 1.0), scored("b", 1 / 3, 0.0)])
    assert out["mrr"][0] >= 1 / 3 - 1e-4 and out["mrr"][1] <= 1.0
    assert all(round(v, 4) == v for pair in out.values() for v in pair)
    assert "must_include" not in out and "recall@k" not in out


def test_changed_lists_moved_questions_worse_first():
    before = [scored("a", 1.0, 1.0), scored("b", 0.5, 1.0), scored("c", 0.2, 0.0), scored("gone", 1.0, 1.0)]
    now = [scored("a", 1.0, 1.0), scored("b", 1.0, 1.0), scored("c", 0.1, 0.0, abstention=0.0),
           scored("new", 0.0, 0.0)]
    out = stats.changed(now, before)
    assert [c["id"] for c in out] == ["c", "b"]
    assert out[0]["worse"] == 2 and out[0]["changes"] == {"mrr": [0.2, 0.1], "abstention_accuracy": [1.0, 0.0]}
    assert out[1] == {"id": "b", "worse": 0, "changes": {"mrr": [0.5, 1.0]}}
