"""Follow-up questions made standalone without a language model."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from assistant.followup import standalone, topic
from cofnod.settings import load_settings
from tests.conftest import sample_corpus

ROOT = "What did the inspectors say about care leavers?"


def test_a_follow_up_is_read_with_the_question_before_it():
    assert standalone("Who raised it?", [ROOT]) == f"{ROOT} Who raised it?"
    # a question that stands alone stays as it is
    assert standalone("How many foster carers were recruited in 2024?", [ROOT]) == (
        "How many foster carers were recruited in 2024?")
    assert standalone("When?", []) == "When?"


def test_a_follow_up_to_a_follow_up_keeps_what_the_first_was_about():
    history = [ROOT, "Who raised it?"]
    assert standalone("When?", history) == f"{ROOT} Who raised it? When?"
    # three questions at most: the fourth reads the two before it and the one they lean on
    longer = history + ["When?"]
    assert standalone("Who is responsible?", longer) == "Who raised it? When? Who is responsible?"
    # a question in between that stands alone ends the chain
    assert standalone("When?", [ROOT, "How many foster carers were recruited in 2024?"]) == (
        "How many foster carers were recruited in 2024? When?")


def test_about_it_becomes_what_the_question_before_asked_about():
    # the inspectors' words would otherwise lead the search for what the council did
    assert standalone("What did the council do about it?", [ROOT]) == "What did the council do about care leavers?"
    assert standalone("When?", [ROOT, "What did the council do about it?"]) == (
        "What did the council do about care leavers? When?")
    assert standalone("And what did Scrutiny say on that?", ["What did Cabinet resolve on Family Hubs, and when?"]) == (
        "And what did Scrutiny say on Family Hubs?")
    # a pronoun that is not all of the preposition's object, or one that is no preposition's, is left
    assert standalone("Who proposed and seconded it?", ["What did Cabinet resolve on the budget?"]) == (
        "What did Cabinet resolve on the budget? Who proposed and seconded it?")
    # nothing to put in its place: the question before is prepended as ever
    assert standalone("What did the council do about it?", ["How many children are looked after?"]) == (
        "How many children are looked after? What did the council do about it?")


def test_what_a_question_is_about():
    assert topic("What did Cabinet agree on 30 January 2025 about moving the 18-25 section?") == (
        "moving the 18-25 section")  # "about" before "on", and never a date
    assert topic("What did Cabinet resolve on Family Hubs, and when?") == "Family Hubs"
    assert topic("What did Cabinet decide on Thursday?") is None
    assert topic("How many children are looked after?") is None


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    root = sample_corpus(tmp_path_factory.mktemp("samples"))
    a = Assistant(load_settings(env={}, home=str(root / "home")))
    results = a.ingest([root / "papers"], root=root)
    assert all(r.status == "added" for r in results), [(r.path, r.reason) for r in results]
    yield a
    a.close()


def test_what_cabinet_decided_about_it_is_what_it_decided_about_the_topic(samples):
    # the brief's member question, then the follow-up a member asks next
    first = "What did the inspectors say about placements for looked-after children?"
    answer = samples.ask("What did Cabinet decide about it?", history=[first])
    assert answer.question == "What did Cabinet decide about placements for looked-after children?"
    assert not answer.abstained, answer.text
    lead = answer.citations[0].passage
    assert lead.doc == "papers/cabinet-minutes-2025-06-17.md" and "RESOLVED" in lead.text
    assert "reduce the cost of children's placements" in answer.text


def test_a_follow_up_that_only_goes_on_is_not_pulled_back_to_the_question_before(samples):
    first = "What did Cabinet decide about the future of the Family Hubs?"
    answer = samples.ask("And what about home to school transport?", history=[first])
    assert not answer.abstained, answer.text
    assert "home to school transport" in answer.citations[0].passage.text
    assert "Family Hubs" not in answer.text
