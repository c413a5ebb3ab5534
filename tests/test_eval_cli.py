"""`cofnod eval` end to end: the sample papers ingested into Chroma on disk with the real
model, then the assistant and both baselines run on them through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from tests.conftest import sample_corpus
from evals.cli import parse_requirement, unmet
from evals.metrics import aggregate
from evals.questions import load_questions
from evals.run import score_all
from evals.stats import intervals

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "samples" / "questions.jsonl"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RECORD_KEYS = {"id", "passages", "answer", "abstained", "citations", "seconds"}
PASSAGE_KEYS = {"id", "doc", "page", "text", "score"}
CITATION_KEYS = {"n", "id", "doc", "page", "text"}


def cofnod(*args) -> "click.testing.Result":  # noqa: F821 - the name is only for the reader
    return CliRunner().invoke(main, [str(a) for a in args])


def _index_state(home: Path) -> tuple[int, int, list[str]]:
    """Passages in the catalogue, vectors in Chroma, and Chroma's collections, read afresh."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from assistant.core import Assistant
    from cofnod.settings import load_settings

    assistant = Assistant(load_settings(env={}, home=str(home)))
    try:
        status = assistant.index.status()
        client = chromadb.PersistentClient(path=str(home / "chroma"),
                                           settings=ChromaSettings(anonymized_telemetry=False))
        names = sorted(c if isinstance(c, str) else c.name for c in client.list_collections())
        return status["passages"], assistant.index.vectors.count(), names
    finally:
        assistant.close()


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """The five sample papers (the PDF built by make_samples.py) ingested with the real model."""
    root = sample_corpus(tmp_path_factory.mktemp("samples"))
    home = tmp_path_factory.mktemp("home")
    result = cofnod("ingest", root / "papers", "--root", root, "--home", home)
    assert result.exit_code == 0, result.output
    return home


@pytest.fixture(scope="module")
def run(home, tmp_path_factory):
    """One `cofnod eval` with both baselines, its JSON and its report."""
    out = tmp_path_factory.mktemp("eval")
    before = _index_state(home)
    result = cofnod("eval", QUESTIONS, "--home", home, "--json", out / "run.json", "--report", out / "report.md",
                    "--baseline", "bm25", "--baseline", "llama-index-default")
    assert result.exit_code == 0, result.output + result.stderr
    return {"result": result, "dir": out, "doc": json.loads((out / "run.json").read_text(encoding="utf-8")),
            "before": before, "after": _index_state(home)}


def test_summary_puts_the_systems_side_by_side_with_a_paired_test(run):
    out = run["result"].stdout
    assert "| Metric | cofnod | bm25 | llama-index-default |" in out
    assert "## Cofnod against the others, question by question" in out
    assert "| MRR | llama-index-default |" in out and "| Hit @600w | bm25 |" in out


def test_progress_bars_name_each_system(run):
    err = run["result"].stderr
    for name in ("cofnod", "bm25", "llama-index-default"):
        assert f"eval {name}" in err and "11/11" in err
    assert "Generating embeddings" in err  # the llama-index baseline's own build shows progress too
    # and no library log lines: llama-index-readers-file configures the root logger when imported
    assert " - INFO - " not in err and " - DEBUG - " not in err


def test_json_has_the_documented_shape(run):
    doc = run["doc"]
    assert {"metrics", "questions", "baselines", "paired"} <= set(doc)
    assert set(doc["baselines"]) == {"bm25", "llama-index-default"}
    for records in [doc["questions"], *(b["questions"] for b in doc["baselines"].values())]:
        assert [r["id"] for r in records] == [q.id for q in load_questions(QUESTIONS)]
        for r in records:
            assert RECORD_KEYS <= set(r)
            assert all(PASSAGE_KEYS <= set(p) for p in r["passages"])
            assert all(CITATION_KEYS <= set(c) for c in r["citations"])
    assert any(r["passages"] and r["passages"][0]["page"] for r in doc["questions"])  # the PDF's pages


def test_every_metric_can_be_recomputed_from_the_json(run):
    questions = load_questions(QUESTIONS)
    for system in [run["doc"], *run["doc"]["baselines"].values()]:
        scored = score_all(questions, system["questions"])
        assert {**aggregate(scored, questions), "intervals": intervals(scored)} == system["metrics"]


def test_cofnod_beats_the_baselines_where_it_should(run):
    m = {"cofnod": run["doc"]["metrics"], **{n: b["metrics"] for n, b in run["doc"]["baselines"].items()}}
    assert m["cofnod"]["unanswerable_answered_rate"] < m["bm25"]["unanswerable_answered_rate"] == 1.0
    assert m["cofnod"]["hit@600w"] >= m["llama-index-default"]["hit@600w"]
    low, high = m["cofnod"]["intervals"]["mrr"]
    assert low <= m["cofnod"]["mrr"] <= high
    paired = run["doc"]["paired"]["bm25"]["abstention_accuracy"]
    assert paired["difference"] > 0 and paired["better"] >= 1


def test_the_sample_questions_meet_the_floors_the_readme_shows(run):
    m = run["doc"]["metrics"]
    # sample-11 asks what has happened since the fee package started: every paper is older
    assert m["unanswerable_answered_rate"] == 0.0
    answers = {r["id"]: r for r in run["doc"]["questions"]}
    assert "dated on or after 1 September 2025" in answers["sample-11"]["answer"]
    # sample-05's causes read on from its overspend sentence ("Of this, £4.3m ...")
    assert "£4.3m" in answers["sample-05"]["answer"] and m["must_include"] >= 0.75
    assert m["hit@600w"] >= 0.9


def test_report_and_plot(run):
    text = (run["dir"] / "report.md").read_text(encoding="utf-8")
    assert "| Metric | Value | 95% interval |" in text
    assert "## Systems side by side" in text and "question by question" in text
    assert "![Evidence recall against words read, and latency](report.png)" in text
    assert (run["dir"] / "report.png").read_bytes().startswith(PNG_SIGNATURE)


def test_baselines_leave_the_users_index_as_it_was(run):
    passages, vectors, collections = run["after"]
    assert run["after"] == run["before"]
    assert passages == vectors > 100
    assert collections == ["passages"]


def test_compare_with_an_earlier_run(run, home):
    result = cofnod("eval", QUESTIONS, "--home", home, "--compare", run["dir"] / "run.json",
                    "--json", run["dir"] / "again.json")
    assert result.exit_code == 0, result.output + result.stderr
    assert "earlier run (run.json)" in result.stdout
    assert "None: every question scores as it did." in result.stdout
    again = json.loads((run["dir"] / "again.json").read_text(encoding="utf-8"))
    assert again["changed"] == []
    assert all(r["difference"] == 0 and r["p"] == 1.0 for r in again["paired"]["earlier run (run.json)"].values())


def test_compare_lists_a_question_that_moved(run, home, tmp_path):
    doc = json.loads((run["dir"] / "run.json").read_text(encoding="utf-8"))
    doc["questions"][1]["passages"].insert(0, {"id": "x", "doc": "elsewhere.pdf", "text": "nothing"})
    earlier = tmp_path / "edited.json"
    earlier.write_text(json.dumps(doc), encoding="utf-8")
    # the edited run ranked a stranger first, so today's run is better on that question
    result = cofnod("eval", QUESTIONS, "--home", home, "--compare", earlier, "--limit", "3")
    assert result.exit_code == 0, result.output + result.stderr
    assert f"| {doc['questions'][1]['id']} | better or moved | mrr 0.500 → 1.000" in result.stdout
    assert "@k figures are not like for like" not in result.stdout


def test_compare_says_when_runs_are_not_like_for_like(run, home, tmp_path):
    doc = json.loads((run["dir"] / "run.json").read_text(encoding="utf-8"))
    doc["questions"] = doc["questions"][:4]
    earlier = tmp_path / "short.json"
    earlier.write_text(json.dumps(doc), encoding="utf-8")
    result = cofnod("eval", QUESTIONS, "--home", home, "--compare", earlier, "-k", "5")
    assert result.exit_code == 0, result.output + result.stderr
    assert "The earlier run kept 10 passages a question (-k) and this one 5" in result.stdout
    assert "The earlier run answered 4 of this run's 11 questions; only those are compared." in result.stdout
    assert "of 4 |" in result.stdout  # the paired rows count only the shared questions


@pytest.mark.parametrize("content, message", [
    ("{not json", "not JSON"),
    ('{"metrics": {}}', 'no "questions" list'),
    ('{"questions": [{"id": "someone-else"}]}', "none of its 1 questions is in this question set"),
    ('{"questions": [{"id": "sample-01", "passages": 3}]}', "not in the `--json` shape"),
])
def test_compare_with_a_bad_file_names_it(home, tmp_path, content, message):
    bad = tmp_path / "earlier.json"
    bad.write_text(content, encoding="utf-8")
    result = cofnod("eval", QUESTIONS, "--home", home, "--compare", bad, "--json", tmp_path / "run.json")
    assert result.exit_code == 1
    assert f"{bad}: " in result.stderr and message in result.stderr
    assert "eval cofnod" not in result.stderr and not (tmp_path / "run.json").exists()  # refused before running


def test_a_broken_question_set_names_file_and_line(home, tmp_path):
    bad = tmp_path / "set.jsonl"
    bad.write_text('{"id": "a", "question": "?", "answerable": true}\n{"id": "b"\n', encoding="utf-8")
    result = cofnod("eval", bad, "--home", home)
    assert result.exit_code == 1
    assert f"{bad}:2: bad JSON" in result.stderr


def test_requirements_met_and_missed(home, tmp_path):
    ok = cofnod("eval", QUESTIONS, "--home", home, "--require", "hit@600w>=0.5",
                "--require", "unanswerable_answered_rate<=1")
    assert ok.exit_code == 0, ok.output + ok.stderr
    assert "below requirement" not in ok.stderr
    out = tmp_path / "run.json"
    missed = cofnod("eval", QUESTIONS, "--home", home, "--limit", "3", "--require", "mrr>=1.5",
                    "--require", "hit@600w>=0.5", "--json", out)
    assert missed.exit_code == 1
    assert "cofnod: below requirement: mrr is " in missed.stderr and "required >= 1.5" in missed.stderr
    assert "hit@600w" not in missed.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["metrics"]["mrr"] <= 1.0  # written before the exit


@pytest.mark.parametrize("requirement, message", [
    ("mrr=0.8", "write METRIC>=VALUE or METRIC<=VALUE, in quotes so that the shell leaves > and < alone"),
    ("hit@600w", "write METRIC>=VALUE"),  # what is left when an unquoted > sent the rest to a file
    ("speed>=1", "no metric 'speed'; one of: recall@k"),
    ("mrr>=high", "write METRIC>=VALUE"),
])
def test_a_bad_requirement_is_refused_before_anything_runs(home, tmp_path, requirement, message):
    out = tmp_path / "run.json"
    result = cofnod("eval", QUESTIONS, "--home", home, "--require", requirement, "--json", out)
    assert result.exit_code == 1
    assert f"--require '{requirement}'" in result.stderr and message in result.stderr
    assert not out.exists()


def test_unmet_reads_both_directions_and_missing_values():
    metrics = {"mrr": 0.8, "unanswerable_answered_rate": 0.25, "must_include": None}
    assert unmet(metrics, [parse_requirement("mrr>=0.8"), parse_requirement("unanswerable_answered_rate<=.25")]) == []
    assert unmet(metrics, [parse_requirement("mrr >= 0.85")]) == ["mrr is 0.800; required >= 0.85"]
    assert unmet(metrics, [parse_requirement("unanswerable_answered_rate<=0.2")]) == [
        "unanswerable_answered_rate is 0.250; required <= 0.2"]
    assert unmet(metrics, [parse_requirement("must_include>=0.7")]) == [
        "must_include has no value (no question to average over); required >= 0.7"]


def test_what_the_inspectors_recommend_is_read_from_their_areas_for_improvement(home):
    # CIW writes "areas for improvement", never "recommend": the glossary finds the one for the other
    result = cofnod("ask", "What did the inspectors recommend?", "--home", home)
    assert result.exit_code == 0, result.output
    answer = result.stdout.split("Sources:")[0]
    assert "7.1 Placement sufficiency" in answer or "7.5 Quality of supervision" in answer
    assert "areas for improvement" in result.stdout  # said as the other words searched
