"""Quality floors on real question sets, so a change that makes answers worse turns CI red.

The floors are issue 3's targets where we reach them (kent-cabinet-dev) and issue 2's for
the transcripts; the figures we measure are in the README. The whole pipeline runs: real
PDFs and transcripts, the bundled model, Chroma on disk, `ask` exactly as the CLI calls it.
"""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from cofnod.settings import load_settings
from cofnod.types import Filters
from evals.questions import load_questions
from evals.run import AssistantSystem, run_system
from tests.conftest import EVALS, ROOT

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


FAMILY_HUBS = "What did Cabinet resolve on Family Hubs, and when?"
"""The papers hold a Leader's update and a call-in report on Family Hubs, but no resolution."""


def _evaluate(corpus, tmp_path_factory, folders: list[str], questions: str,
              probes: dict[str, tuple[str, Filters | None]] | None = None, more: list | None = None):
    """The question set's metrics, and the answers to a few more questions (`probes`: by name, a
    question, the filters to ask it with and any questions asked before it), and then the metrics of the `more` question sets
    (paths), asked together."""
    home = tmp_path_factory.mktemp("quality-home")
    assistant = Assistant(load_settings(env={}, home=str(home)))
    try:
        results = assistant.ingest([corpus / f for f in folders], root=corpus, exclude=["SOURCES.md"])
        failed = [(r.path, r.reason) for r in results if r.status == "failed"]
        assert not failed, failed
        metrics = run_system(AssistantSystem(assistant), load_questions(EVALS / questions), k=10)["metrics"]
        answers = {name: assistant.ask(q, filters, history=list(before))
                   for name, (q, filters, *before) in (probes or {}).items()}
        if not more:
            return metrics, answers
        asked = [q for path in more for q in load_questions(path)]
        return metrics, answers, run_system(AssistantSystem(assistant), asked, k=10)["metrics"]
    finally:
        assistant.close()


BRIDGEND_MEALS = "What did the Bridgend committee say about free school meals?"
"""Bridgend's committee minutes are in the papers, but say nothing of meals; Kent's papers speak of free schools."""
BRIDGEND_CASELOADS = "What did Bridgend say about caseloads?"
"""Kent's papers speak of caseloads more, but only Bridgend's minutes mention Bridgend."""
BRIDGEND_WORKERS = "What did the Bridgend committee say about social worker caseloads?"
"""The best passages include Bridgend's minutes and Kent's performance report on its own caseloads."""
SEASHELLS = "What did the Scrutiny Committee decide about Seashells?"
"""Bridgend's minutes say much of their scrutiny committee; only Kent's papers mention Seashells."""
SMOKING_TARGET = "What target does the Integrated Care Strategy set for reducing smoking in pregnancy?"
SMOKING_START = "What rate does it start from?"
"""Its own words ("rate", "start") pull in the strategy report's other passages ("start to realise this opportunity")."""
NATURAL_UNANSWERABLE = [ROOT / "evals" / "sets" / f"kent-unanswerable-{half}.jsonl" for half in ("dev", "val")]


@pytest.fixture(scope="module")
def kent_run(corpus, tmp_path_factory):
    probes = {q: (q, None) for q in (FAMILY_HUBS, BRIDGEND_MEALS, BRIDGEND_CASELOADS, BRIDGEND_WORKERS, SEASHELLS)}
    probes[SMOKING_START] = (SMOKING_START, None, SMOKING_TARGET)
    return _evaluate(corpus, tmp_path_factory, ["kent-cc/cabinet", "seeds"], "kent-cabinet-dev.jsonl", probes,
                     NATURAL_UNANSWERABLE)


@pytest.fixture(scope="module")
def kent(kent_run) -> dict:
    return kent_run[0]


MINISTER_ON_MENTAL_HEALTH = "What did Kirsty Williams say about the mental health of young people?"
TRANSCRIPTS = "qmsum-committee/transcripts/"
WITHOUT_HER = Filters(doc=TRANSCRIPTS + "education_15.txt")
"""The Chief Medical Officer's session: Kirsty Williams neither speaks in it nor is named."""
WITH_HER = Filters(doc=TRANSCRIPTS + "education_1.txt")


@pytest.fixture(scope="module")
def qmsum_run(corpus, tmp_path_factory):
    probes = {"without her": (MINISTER_ON_MENTAL_HEALTH, WITHOUT_HER), "with her": (MINISTER_ON_MENTAL_HEALTH, WITH_HER)}
    return _evaluate(corpus, tmp_path_factory, ["qmsum-committee/transcripts"], "qmsum-welsh-val.jsonl", probes)


@pytest.fixture(scope="module")
def qmsum(qmsum_run) -> dict:
    return qmsum_run[0]


@pytest.mark.parametrize("metric, floor", [
    ("hit@600w", 0.90),
    ("citation_precision", 0.90),
    ("must_include", 0.70),
    ("abstention_accuracy", 0.85),
    ("mrr", 0.71),  # 0.727 since short fragments are read as LENGTH_FLOOR tokens long (0.704 before)
])
def test_kent_cabinet_dev_floors(kent, metric, floor):
    assert kent[metric] >= floor, f"{metric} {kent[metric]:.3f} < {floor}"


def test_kent_cabinet_dev_answers_at_most_one_unanswerable_question_in_six(kent):
    assert kent["unanswerable_answered_rate"] <= 1 / 6 + 1e-9


def test_natural_questions_the_kent_papers_do_not_answer_are_mostly_declined(kent_run):
    # the team's 40 (evals/sets): 16 answered at this floor's writing; 20 before a decision question's
    # topic was looked for in its answer, 29 before names were checked
    assert kent_run[2]["unanswerable_answered_rate"] <= 0.45


def test_a_follow_up_that_points_back_keeps_what_was_found_for_the_question_before(kent_run):
    answer = kent_run[1][SMOKING_START]
    assert not answer.abstained and "10.2%" in answer.text, answer.text
    assert "Appendix A - Current Health wellbeing activity" in answer.citations[0].passage.doc


def test_a_place_the_best_passages_papers_never_mention_is_looked_for_in_the_papers_that_do(kent_run):
    meals = kent_run[1][BRIDGEND_MEALS]
    assert meals.abstained and not meals.citations
    assert meals.text.endswith("The passages that best match the question come from papers that never mention Bridgend.")
    caseloads = kent_run[1][BRIDGEND_CASELOADS]
    assert not caseloads.abstained and caseloads.citations
    assert {c.passage.doc for c in caseloads.citations} == {"seeds/bridgend-cssiw-inspection-committee-minutes.txt"}
    assert "caseloads" in caseloads.text
    # where the best passages' papers include Bridgend's, the answer is read from Bridgend's alone
    workers = kent_run[1][BRIDGEND_WORKERS]
    assert {c.passage.doc for c in workers.citations} == {"seeds/bridgend-cssiw-inspection-committee-minutes.txt"}
    assert any(h.passage.doc.startswith("kent-cc/") for h in workers.hits)  # what was searched is all shown


def test_passages_from_papers_that_mention_the_thing_asked_about_come_first(kent_run):
    answer = kent_run[1][SEASHELLS]
    assert not answer.abstained
    assert all(c.passage.doc.startswith("kent-cc/") for c in answer.citations)
    assert "refer the decision to full Council" in answer.text


def test_a_resolution_question_the_papers_hold_no_resolution_on_says_so(kent_run):
    from assistant.core import NO_DECISION

    answer = kent_run[1][FAMILY_HUBS]
    assert not answer.abstained and answer.caveat == NO_DECISION
    assert "24/00093" in answer.text  # the call-in the papers do record
    # no decision on something else is quoted because the question asked for one
    assert "RESOLVED" not in answer.text
    # the survey bullet, where quoted, is read as one of the consultations it was listed under
    survey = answer.text.find("Family Hub awareness survey")
    assert survey < 0 or "In regard to consultations" in answer.text[:survey]


@pytest.mark.parametrize("metric, floor", [("recall@600w", 0.50), ("hit@600w", 0.97), ("mrr", 0.85)])
def test_qmsum_val_floors(qmsum, metric, floor):
    assert qmsum[metric] >= floor, f"{metric} {qmsum[metric]:.3f} < {floor}"


def test_what_a_speaker_said_is_flagged_where_they_neither_speak_nor_are_named(qmsum_run):
    without, with_her = qmsum_run[1]["without her"], qmsum_run[1]["with her"]
    # the Chief Medical Officer's session: what was said is given, flagged as not hers
    assert without.caveat == ("Kirsty Williams AM does not speak in the papers searched, nor do they mention "
                              "the name; here is what they say about it.")
    assert not any(s.startswith("Kirsty Williams AM") for s, _ in without.sentences)
    # where she speaks, the same question is answered with what she said, unflagged
    assert not with_her.abstained and with_her.caveat is None
    assert any(s.startswith("Kirsty Williams AM:") for s, _ in with_her.sentences)
