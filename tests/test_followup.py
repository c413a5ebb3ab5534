"""Follow-up questions made standalone without a language model."""

from __future__ import annotations

from assistant.followup import standalone

ROOT = "What did the inspectors say about care leavers?"


def test_a_follow_up_is_read_with_the_question_before_it():
    assert standalone("What did the council do about it?", [ROOT]) == f"{ROOT} What did the council do about it?"
    # a question that stands alone stays as it is
    assert standalone("How many foster carers were recruited in 2024?", [ROOT]) == (
        "How many foster carers were recruited in 2024?")
    assert standalone("When?", []) == "When?"


def test_a_follow_up_to_a_follow_up_keeps_what_the_first_was_about():
    history = [ROOT, "What did the council do about it?"]
    assert standalone("When?", history) == f"{ROOT} What did the council do about it? When?"
    # three questions at most: the fourth reads the two before it and the one they lean on
    longer = history + ["When?"]
    assert standalone("Who is responsible?", longer) == "What did the council do about it? When? Who is responsible?"
    # a question in between that stands alone ends the chain
    assert standalone("When?", [ROOT, "How many foster carers were recruited in 2024?"]) == (
        "How many foster carers were recruited in 2024? When?")
