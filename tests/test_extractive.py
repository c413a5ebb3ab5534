"""Which sentences the extractive answerer keeps: the best, what reads on from the best, list gaps."""

from __future__ import annotations

import pytest

from assistant.extractive import Candidate, ExtractiveAnswerer
from cofnod.settings import AnswerSettings


def _select(scored: list[tuple[str, int, int, float]], **settings) -> list[str]:
    """(text, passage rank, place in passage, score) in; the texts kept, in reading order, out."""
    answerer = ExtractiveAnswerer(AnswerSettings(**settings), embedder=None, idf=None)
    return [c.text for c in answerer._select([Candidate(t, r, p, s) for t, r, p, s in scored])]


OVERSPEND = "The Chief Finance Officer explained that Children's Services had overspent by £6.1m."
OF_THIS = "Of this, £4.3m related to residential placements outside the county."
HALL = "The hall was well used and hosted a weekly Family Hub session."


def test_the_sentence_going_on_from_the_best_one_follows_it():
    kept = _select([(OVERSPEND, 0, 0, 0.9), (OF_THIS, 0, 1, 0.2), (HALL, 1, 0, 0.7)])
    assert kept == [OVERSPEND, OF_THIS, HALL]


def test_the_rest_of_a_sentence_cut_at_a_semicolon_follows_it():
    head = "RESOLVED that Cabinet agree to transfer the service to Adult Social Care from 1 April 2025;"
    rest = "and that delegated authority be given to the Corporate Director to implement the decision."
    assert _select([(head, 0, 0, 0.9), (rest, 0, 1, 0.3), (HALL, 1, 0, 0.7)]) == [head, rest, HALL]


def test_a_sentence_that_does_not_go_on_is_left_to_its_own_score():
    fresh = "Residential placements outside the county cost £4.3m."
    assert _select([(OVERSPEND, 0, 0, 0.9), (fresh, 0, 1, 0.2), (HALL, 1, 0, 0.7)]) == [OVERSPEND, HALL]


def test_only_the_best_sentence_brings_its_follower():
    # the runner-up's follower would crowd out a better sentence
    runner_up = "This affects the 925 people receiving a package of support."
    follower = "This includes a wholesale transfer of the workforce."
    kept = _select([(OVERSPEND, 0, 0, 0.9), (runner_up, 1, 0, 0.8), (follower, 1, 1, 0.3), (HALL, 2, 0, 0.7)])
    assert follower not in kept and kept == [OVERSPEND, runner_up, HALL]


def test_the_follower_counts_against_the_limits():
    kept = _select([(OVERSPEND, 0, 0, 0.9), (OF_THIS, 0, 1, 0.2), (HALL, 1, 0, 0.7)], max_sentences=2)
    assert kept == [OVERSPEND, OF_THIS]
    kept = _select([(OVERSPEND, 0, 0, 0.9), (OF_THIS, 0, 1, 0.2), (HALL, 1, 0, 0.7)], max_sentences=1)
    assert kept == [OVERSPEND]


def test_a_list_the_best_sentence_opens_brings_its_items():
    head = "Of the 38 KPIs in the report, the latest RAG ratings are as follows:"
    items = ["• 17 are rated Green.", "• 12 are rated Amber.", "• Nine are rated Red."]
    kept = _select([(head, 0, 0, 0.9), *((t, 0, i + 1, 0.1) for i, t in enumerate(items)), (HALL, 1, 0, 0.7)],
                   max_words=200, max_sentences=6)
    assert kept == [head, *items, HALL]


def test_an_item_left_out_between_two_kept_items_is_put_back():
    items = ["RESOLVED that: (i) the decision be deferred to the meeting on 15 July 2025",
             "(ii) officers complete a full equality impact assessment",
             "(iii) the current policy continue to apply for 2025-26."]
    # the resolution is not the best sentence, so (ii) does not come in as a follower of (i)
    kept = _select([(OVERSPEND, 1, 0, 1.0), (items[0], 0, 0, 0.95), (items[1], 0, 1, 0.28), (items[2], 0, 2, 0.69)])
    assert kept == [*items, OVERSPEND]
    # a plain sentence between them is not a missing item
    prose = [items[0], "Members thanked the officers for their work on the consultation.", items[2]]
    kept = _select([(OVERSPEND, 1, 0, 1.0), (prose[0], 0, 0, 0.95), (prose[1], 0, 1, 0.28), (prose[2], 0, 2, 0.69)])
    assert kept == [prose[0], prose[2], OVERSPEND]


MINUTES_APPROVED = "RESOLVED that the minutes of the meeting held on 9 January 2025 were a correct record and be signed by the Chair."
HUBS_NOTED = "The Leader gave an update on the Family Hub awareness survey, which closes on 31 March 2025."


@pytest.fixture(scope="module")
def real():
    from index.embed import get_embedder

    return ExtractiveAnswerer(AnswerSettings(), get_embedder(), idf=lambda term: 1.0)


def _scores(answerer, question: str) -> tuple[float, float]:
    cands = [Candidate(MINUTES_APPROVED, 0, 0), Candidate(HUBS_NOTED, 1, 0)]
    answerer._score(question, cands)
    return cands[0].score, cands[1].score


def test_approving_the_last_minutes_is_marked_down_unless_asked_about(real):
    approved, hubs = _scores(real, "What did Cabinet resolve on 9 January 2025 about the Family Hubs, and when?")
    assert approved < hubs
    approved, hubs = _scores(real, "Were the minutes of 9 January 2025 signed as a correct record?")
    assert approved > hubs
