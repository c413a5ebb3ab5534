"""The papers' own acronyms: found where they are spelled out, then used like the glossary's groups."""

from __future__ import annotations

import json

import pytest

from assistant.core import Assistant
from cofnod.settings import load_settings
from index.acronyms import definitions, learn
from index.glossary import Glossary
from tests.conftest import make_passages


@pytest.mark.parametrize("text, found", [
    ("Unavoidable pressures on the English National Concessionary Travel Scheme (ENCTS) continue.",
     [("English National Concessionary Travel Scheme", "ENCTS")]),
    ("KCC follows the Department for Transport (DfT) calculator.", [("Department for Transport", "DfT")]),
    ("from the Children, Young People and Education (CYPE) Directorate",
     [("Children Young People and Education", "CYPE")]),
    ("Of the 38 key performance indicators (KPIs) in the report", [("key performance indicators", "KPI")]),
    ("the Looked-After Children (LAC) team", [("Looked After Children", "LAC")]),
    ("the care home (see Appendix 2) and the Kent (UK) office", []),
    ("as noted (KCC) in the minutes", []),  # initials that spell nothing before the brackets
])
def test_an_acronym_is_defined_by_the_words_before_it_whose_initials_spell_it(text, found):
    got = definitions(text)
    expected = [(words, acr) for words, acr in found if acr is not None]
    assert [(w, a.rstrip("s")) for w, a in got] == expected


def test_small_words_may_sit_inside_the_words_but_not_lead_them():
    assert definitions("the Director of Public Health (DPH) said") == [("Director of Public Health", "DPH")]
    assert definitions("a plan for the Integrated Care Board (ICB)") == [("Integrated Care Board", "ICB")]


def test_learning_drops_ambiguous_acronyms_and_those_written_as_words():
    texts = [
        "The Care Quality Commission (CQC) rated the home good.",
        "CQC inspectors visited in May.",
        "Special Educational Needs and Disabilities (SEND) transport was reviewed.",
        "Schools send their plans to the council.",  # "send" is a word here: SEND would match it
        "The Audit Committee (AC) met.", "The Adults Committee (AC) met.",  # two meanings
        "Key performance indicators (KPIs) were reported.", "All KPIs were on track.",
    ]
    assert learn(texts) == [("care quality commission", "CQC"), ("key performance indicators", "KPI")]


def test_an_acronym_matches_only_in_capitals_and_joins_a_group_holding_its_words():
    g = Glossary.default().with_acronyms([("highway improvements team", "HIT"), ("children in care", "CIC"),
                                          ("household waste recycling centre", "HWRC")])
    assert g.concepts("the HIT scheme list") == g.concepts("the highway improvements team")
    (hit,) = g.concepts("the HIT list")
    assert hit not in g.concepts("services hit hardest by the cuts")  # the word, not the acronym
    assert g.concepts("CIC numbers") == g.concepts("looked after children")
    # the built-in group keeps HWRC as it was: matched in any case
    assert g.concepts("the hwrc at Tovil") == g.concepts("household waste recycling centres")
    assert g.spelled_out("The HIT and KCC's CIC team.") == "The highway improvements team and KCC's children in care team."


PAPER = [
    "Revenue Budget Forecast Variance Summary Detail: English National Concessionary Travel Scheme (ENCTS)",
    "KCC follows the DfT re-imbursement calculator for ENCTS payments to bus operators, and this has "
    "presented a £3m pressure this year.",
    "Extreme weather contributed to overspends in the Highways budget.",
]
OTHER = [
    "The council fostering service approved 41 new foster households this year.",
    "Bus shelters in Ashford were repaired after the storm.",
]


QUESTION = "Why is the English National Concessionary Travel Scheme budget forecast to overspend?"


def _assistant(tmp_path, learn_acronyms: bool = True) -> Assistant:
    s = load_settings(env={}, home=str(tmp_path / f"home-{learn_acronyms}"))
    s.index.learn_acronyms = learn_acronyms
    a = Assistant(s)
    a.index.upsert(*make_passages("kent/fmr.pdf", PAPER, doc_type="report"), "sha-f", "/nowhere/f")
    a.index.upsert(*make_passages("kent/other.pdf", OTHER), "sha-o", "/nowhere/o")
    return a


def test_a_question_in_words_finds_and_quotes_the_paragraph_in_letters(tmp_path):
    a = _assistant(tmp_path)
    try:
        assert ("english national concessionary travel scheme", "ENCTS") in [tuple(p) for p in
                                                                           a.index.glossary.groups]
        answer = a.ask(QUESTION)
        assert not answer.abstained
        assert "£3m pressure" in answer.text  # the reason, in a sentence that only says "ENCTS"
        assert "ENCTS" in a.index.equivalents(QUESTION)
    finally:
        a.close()
    saved = json.loads((tmp_path / "home-True" / "keyword" / "glossary.json").read_text())
    assert ["english national concessionary travel scheme", "ENCTS"] in saved["acronyms"]


def test_learning_acronyms_can_be_switched_off(tmp_path):
    a = _assistant(tmp_path, learn_acronyms=False)
    try:
        assert not any("ENCTS" in g for g in a.index.glossary.groups)
        assert a.index.equivalents(QUESTION) == []
        assert "£3m pressure" not in a.ask(QUESTION).text
    finally:
        a.close()
