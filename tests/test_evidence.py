"""The figure check in front of the answer: a question that asks for a size gets one, or a refusal."""

from __future__ import annotations

import pytest

from assistant.evidence import expected_quantity, holds_quantity
from cofnod.types import Hit
from index.keyword import tokenize
from tests.conftest import make_passages


def _hits(*texts: str) -> list[Hit]:
    _, passages = make_passages("m.md", list(texts))
    return [Hit(p, 1.0, 0.5, 1.0) for p in passages]


def _terms(question: str) -> dict[str, float]:
    return {t: 1.0 + i for i, t in enumerate(tokenize(question))}


@pytest.mark.parametrize("question, asks", [
    ("What Council Tax increase did the council agree for 2025-26?", True),
    ("What cut in the libraries budget was proposed?", True),
    ("What did Cabinet resolve on Family Hubs?", False),
    ("Why did the number of placements increase?", False),  # a why-question wants reasons, not a size
])
def test_which_questions_ask_for_a_change_with_its_size(question, asks):
    assert (expected_quantity(question) is not None) is asks


def test_a_change_question_needs_the_change_and_its_size_in_one_sentence():
    q = "What Council Tax increase did the council agree for 2025-26?"
    near_miss = _hits("The outturn included a £1.1m surplus on Council Tax collection in 2025-26.")
    assert not holds_quantity(q, near_miss, _terms(q))
    answered = _hits("Cabinet agreed a Council Tax increase of 4.99% for 2025-26, raising £39m.")
    assert holds_quantity(q, answered, _terms(q))
    # the size and the change in different sentences do not make an answer
    split = _hits("Council Tax will increase in 2025-26. The surplus was £1.1m.")
    assert not holds_quantity(q, split, _terms(q))


@pytest.mark.parametrize("question, why", [
    ("Why can't the tips take sofas?", True),
    ("And why was it deferred?", True),
    ("What was the reason for the closure?", True),
    ("What did the report say about closures?", False),
    ("What were the reasons given?", True),
    ("Who asked why the report was late?", False),
])
def test_which_questions_ask_for_a_reason(question, why):
    from assistant.extractive import _WHY

    assert bool(_WHY.search(question)) is why


def test_a_when_question_is_told_the_meeting_date(settings):
    from assistant.core import Assistant

    a = Assistant(settings)
    try:
        a.index.upsert(*make_passages("cab.md", [
            "The Cabinet Member introduced the report on the future of the Family Hubs.",
            "RESOLVED that the hub and spoke model for Family Hubs be approved, to start on 1 October 2025.",
        ], committee="Cabinet", date="2025-06-17"), "sha-c", "/x/cab.md")
        when = a.ask("What did Cabinet resolve on Family Hubs, and when?", infer=False)
        assert when.text.startswith("At Cabinet on 17 June 2025: ")
        assert when.sentences[0][0].startswith("At Cabinet on 17 June 2025: ")
        what = a.ask("What did Cabinet resolve on Family Hubs?", infer=False)
        assert "17 June 2025" not in what.text
        # something to come is not dated by the paper that plans it
        later = a.ask("When will the hub and spoke model for Family Hubs start?", infer=False)
        assert not later.abstained and "17 June 2025" not in later.text and "1 October 2025" in later.text
    finally:
        a.close()


def test_a_count_written_in_words_is_a_count():
    has = expected_quantity("How many KPIs are rated Red?")
    assert has("Adult Social Care: two KPIs are rated Green and one is Red.")
    assert has("Of the 38 KPIs in the report, 17 are rated Green.")
    assert not has("The KPIs are reported every quarter.")
    assert not has("One of the KPIs is rated Red.")  # "one of" counts nothing
    in_care = expected_quantity("How many children are in care in Kent?")
    assert in_care("Non-UASC children in care decreased by 25 in the Quarter to 1,409; 1,409 children were in care.")
    assert not in_care("The DCS has statutory duties outlined in Section 18 of the Children Act 2004.")
    # "the number of X ... to N": the count comes after what it counts
    assert in_care("The number of non-UASC children in care decreased by 25 in the Quarter to 1,409.")
    assert not in_care("The number of children on the rolls of Kent schools is driven by the population.")
    # a paragraph's own number is no count of what follows it
    assert not in_care("2.3 The number of children on the rolls of Kent schools is driven by the population.")
    assert in_care("2.3 There were 1,409 children in care.")
    # neither a share nor the day of a date counts what follows it
    looked_after = expected_quantity("How many children are looked after?")
    assert not looked_after("In the year to 31 December 2024, 9% of looked-after children had three or more moves.")
    assert looked_after("Of the 312 children looked after on 31 December 2024, 41% lived with foster carers.")
    q = "How many KPIs were rated Red?"
    assert holds_quantity(q, _hits("Nine KPIs were rated Red this quarter."), _terms(q))
    assert not holds_quantity(q, _hits("Several KPIs were rated Red this quarter."), _terms(q))


@pytest.mark.parametrize("question", [
    "How much is KCC spending on the Lower Thames Crossing?",
    "How much does the Leader of the council receive in allowances?",
    "How much has the scheme cost so far?",
    "How much did the council borrow in 2024-25?",
    "How much are the council charging for garden waste?",
])
def test_a_money_question_is_known_by_its_verb_or_noun_in_any_form(question):
    assert expected_quantity(question) is not None


def test_a_spending_question_needs_an_amount_beside_what_is_spent_on():
    q = "How much is KCC spending on the Lower Thames Crossing?"
    near_miss = _hits("The rephasing is due to delays relating to the Lower Thames Crossing decision.",
                      "Estimated spend for 24/25 is based on expected receipt of £1.9m funding from DfT.")
    assert not holds_quantity(q, near_miss, _terms(q))
    answered = _hits("KCC expects to spend £2.5m on its work on the Lower Thames Crossing this year.")
    assert holds_quantity(q, answered, _terms(q))
