"""The evaluation report: Markdown tables and the PNG plot, written to tmp_path."""

from __future__ import annotations

import pytest

from evals import report
from evals.metrics import aggregate, score_question
from evals.questions import Evidence, Question

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

QUESTIONS = [
    Question(id="q1", question="?", answerable=True, tags=["minutes"], must_include=["alpha"],
             evidence=[Evidence(doc="a.pdf", quote="one two three four five six seven eight")]),
    Question(id="q2", question="?", answerable=False, tags=["unanswerable"]),
]


def results(rank: int, seconds: float) -> list[dict]:
    """q1 finds its evidence at `rank` (passages of 100 words); q2 declines."""
    filler = [{"id": f"f{i}", "doc": "a.pdf", "text": " ".join(["filler"] * 100)}
              for i in range(rank - 1)]
    found = {"id": "hit", "doc": "a.pdf",
             "text": "one two three four five six seven eight " + " ".join(["x"] * 92)}
    return [
        {"id": "q1", "passages": [*filler, found], "answer": "alpha [1].", "abstained": False,
         "citations": [{"n": 1, **found}], "retrieval_seconds": 0.5, "seconds": seconds},
        {"id": "q2", "passages": [], "answer": "Not in the papers.", "abstained": True,
         "citations": [], "retrieval_seconds": 0.25, "seconds": seconds / 2},
    ]


def metrics_for(rank: int, seconds: float) -> dict:
    return aggregate([score_question(q, r) for q, r in zip(QUESTIONS, results(rank, seconds))],
                     QUESTIONS)


@pytest.mark.parametrize("value, key, cell", [
    (None, "mrr", "–"),
    (0.5, "mrr", "0.500"),
    (1.23456, "latency_answer_p95", "1.23"),
    (12, "questions", "12"),
    (87.25, "words_per_passage", "87.2"),
])
def test_fmt(value, key, cell):
    assert report.fmt(value, key) == cell


def test_markdown_single_system(tmp_path):
    m = metrics_for(rank=4, seconds=2.0)
    path = report.write_markdown(tmp_path / "out" / "report.md", m, "Kent dev")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Kent dev\n")
    assert "| Metric | Value |" in text
    assert "| MRR | 0.250 |" in text
    assert "| Evidence recall @k | 1.000 |" in text
    assert "| Evidence recall @600w | 1.000 |" in text
    assert "| Answer latency p50 (s) | 1.50 |" in text
    assert "| Tag | questions | recall@600w |" in text
    assert "| unanswerable | 1 | – |" in text
    assert "side by side" not in text


def test_markdown_several_systems(tmp_path):
    runs = {"cofnod": metrics_for(1, 2.0), "bm25": metrics_for(7, 0.2)}
    text = report.write_markdown(tmp_path / "r.md", runs["cofnod"], "Compare", runs,
                                 plot="plot.png").read_text(encoding="utf-8")
    assert "| Metric | cofnod | bm25 |" in text
    assert "| MRR | 1.000 | 0.143 |" in text
    assert "| Evidence recall @600w | 1.000 | 0.000 |" in text  # found after word 600
    assert "![Evidence recall against words read, and latency](plot.png)" in text
    assert "### By tag: bm25" in text and "### By tag: cofnod" not in text


def test_plot_is_a_png(tmp_path):
    by_system = {"cofnod": results(1, 2.0), "bm25": results(7, 0.2),
                 "untimed": [{**r, "seconds": None} for r in results(2, 0)]}
    path = report.write_plot(tmp_path / "plots" / "eval.png", by_system, QUESTIONS)
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 5000


def test_plot_without_timings(tmp_path):
    untimed = [{**r, "seconds": None} for r in results(1, 0)]
    path = report.write_plot(tmp_path / "p.png", {"only": untimed}, QUESTIONS)
    assert path.read_bytes().startswith(PNG_SIGNATURE)


def test_questions_to_look_at_name_each_failure():
    # q1 finds its evidence too late (rank 8 of 100-word passages) and q2 answers an unanswerable question
    res = results(8, 1.0)
    res[1] = {**res[1], "answer": "Something [1].", "abstained": False,
              "passages": [{"id": "p", "doc": "papers/b.pdf", "page": 3, "text": "x"}]}
    table = report.misses_table(QUESTIONS, res)
    lines = table.splitlines()
    assert len(lines) == 4  # header, rule, two questions
    assert "| q1 | no evidence in the first 600 words |" in lines[2]
    assert "| q2 | answered an unanswerable question | ? | b.pdf p.3 |" == lines[3]
    text = report.render_markdown(metrics_for(8, 1.0), "T", misses=table)
    assert "## Questions to look at" in text
    # nothing went wrong: no section
    assert report.misses_table(QUESTIONS, results(1, 1.0)) is None


def test_a_pipe_in_a_question_does_not_break_the_table():
    q = Question(id="q3", question="A | B?", answerable=False, tags=[])
    row = report.misses_table([q], [{"id": "q3", "passages": [], "answer": "x", "abstained": False,
                                     "citations": []}]).splitlines()[2]
    assert "A \\| B?" in row


def test_interval_column_and_paired_tables():
    m = {**metrics_for(rank=2, seconds=1.0), "intervals": {"mrr": [0.25, 0.75]}}
    text = report.overall_table(m)
    assert "| Metric | Value | 95% interval |" in text
    assert "| MRR | 0.500 | 0.250 – 0.750 |" in text
    assert "| Hit @600w | 1.000 |  |" in text
    assert "95% interval" not in report.overall_table(metrics_for(rank=2, seconds=1.0))
    pairs = {"bm25": {"mrr": {"difference": 0.125, "low": -0.05, "high": 0.3, "p": 0.0421,
                              "questions": 47, "better": 9, "worse": 4}}}
    assert "| MRR | bm25 | +0.125 | -0.050 – +0.300 | 0.042 | 9 / 4 of 47 |" in report.paired_table(pairs)
    pairs["bm25"]["mrr"]["p"] = 0.0005  # the smallest p 2,000 draws can give
    assert "| +0.125 | -0.050 – +0.300 | < 0.001 |" in report.paired_table(pairs)
    moved = [{"id": "q|7", "worse": 1, "changes": {"mrr": [1.0, 0.5], "hit@600w": [1.0, 0.0]}}]
    assert "| q\\|7 | worse | mrr 1.000 → 0.500; hit@600w 1.000 → 0.000 |" in report.changes_table(moved)
    assert report.changes_table([]) is None
