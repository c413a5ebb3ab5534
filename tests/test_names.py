"""The people and bodies a question names, and whether the papers searched have them (assistant/names.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.dates import named_bodies
from assistant import names
from assistant.names import (absent_bodies, absent_speakers, asked_names, bearers_first, bearers_only,
                             bodies_not_in_papers, name_runs, names_not_in_papers, names_unmentioned, names_unmentioned_by_answers, not_in_papers, unknown_names, unknown_sections, without)
from cofnod.types import Hit
from tests.conftest import assistant_over, make_passages

SPEAKERS = {
    "a.txt": frozenset({"Kirsty Williams AM", "Lynne Neagle AM"}),
    "b.txt": frozenset({"Dr Frank Atherton", "Lynne Neagle AM"}),
}


def _hits(doc: str, said: list[tuple[str, str]]) -> list[Hit]:
    _, passages = make_passages(doc, [text for _, text in said], doc_type="transcript")
    return [Hit(replace(p, kind="turn", speaker=who), 1.0) for p, (who, _) in zip(passages, said)]


MINISTER = "What did Kirsty Williams say about school reopening?"
IN_B = [("Dr Frank Atherton", "Schools could reopen once community transmission is low."),
        ("Lynne Neagle AM", "Thank you. Can I ask about testing in schools?")]


def test_a_named_speaker_who_neither_speaks_in_nor_is_named_by_the_documents_searched_is_absent():
    assert absent_speakers(MINISTER, _hits("b.txt", IN_B), SPEAKERS) == ["Kirsty Williams AM"]


def test_a_named_speaker_who_speaks_in_a_document_searched_is_not_absent():
    # she speaks in a.txt, even where the hits from it are someone else's words
    hits = _hits("a.txt", [("Lynne Neagle AM", "When will schools reopen to more pupils, Minister?")])
    assert absent_speakers(MINISTER, hits, SPEAKERS) == []
    assert absent_speakers(MINISTER, _hits("b.txt", IN_B) + hits, SPEAKERS) == []


def test_a_named_speaker_whom_a_passage_names_is_not_absent():
    named = IN_B + [("Lynne Neagle AM", "As Ms Williams told us last week, schools will reopen in June.")]
    assert absent_speakers(MINISTER, _hits("b.txt", named), SPEAKERS) == []


def test_a_question_naming_nobody_the_index_knows_is_left_alone():
    assert absent_speakers("What did the committee say about school reopening?", _hits("b.txt", IN_B), SPEAKERS) == []
    assert absent_speakers("What did Jane Hutt say about school reopening?", _hits("b.txt", IN_B), SPEAKERS) == []
    # papers without speakers (minutes, reports) know nobody by this rule
    assert absent_speakers(MINISTER, _hits("b.txt", IN_B), {}) == []


def test_what_is_said_names_who_is_missing():
    assert not_in_papers(["Kirsty Williams AM"]).startswith("Kirsty Williams AM does not speak in the papers searched")
    assert not_in_papers(["A Jones", "B Evans"]).startswith("None of A Jones and B Evans speaks")


@pytest.mark.parametrize("question, bodies", [
    ("Who chaired the Planning Committee on 5 May 2025?", ["Planning Committee"]),
    ("Which Audit and Governance Committee paper covers risk?", ["Audit and Governance Committee"]),
    ("Did the Health and Wellbeing Board meet in March?", ["Health and Wellbeing Board"]),
    ("What did Cabinet decide on Family Hubs?", []),
    ("What did the committee say about school transport?", []),
])
def test_the_bodies_a_question_names(question, bodies):
    assert named_bodies(question) == bodies


def test_a_body_the_papers_neither_come_from_nor_mention_is_absent():
    hits = _hits("b.txt", IN_B)
    asked = "What did the Planning Committee decide about school reopening?"
    assert absent_bodies(asked, hits, {"Cabinet", "Children, Young People and Education Committee"}) == ["Planning Committee"]
    # one of the index's committees, whatever its case, or a longer name that holds it
    assert absent_bodies(asked, hits, {"planning committee"}) == []
    assert absent_bodies("What did the Scrutiny Committee say?", hits, {"Children and Young People Scrutiny Committee"}) == []
    # named in a passage found
    mentioned = _hits("b.txt", IN_B + [("Lynne Neagle AM", "The Planning Committee will consider the school site.")])
    assert absent_bodies(asked, mentioned, {"Cabinet"}) == []
    assert bodies_not_in_papers(["Planning Committee"]) == "No paper searched is from the Planning Committee or mentions it"


@pytest.mark.parametrize("question, runs", [
    ("What is the council's plan for the Folkestone Harbour Arm?", [["the", "Folkestone", "Harbour", "Arm"]]),
    # words that open a sentence are not names; linking words stay inside a name
    ("Who chaired? What did the Kent and Medway Medical School ask for?",
     [["the", "Kent", "and", "Medway", "Medical", "School"]]),
    ("What grade did Estyn give Bridgend's schools, and why?", [["Estyn"], ["Bridgend"]]),
    ("How did Kirsty Williams AM answer Sian Gwenllian AM's question?",
     [["Kirsty", "Williams", "AM"], ["Sian", "Gwenllian", "AM"]]),
    ("what is the policy on fracking?", []),
    # title case says nothing about names
    ("What Did The Cabinet Decide About Fracking?", []),
])
def test_name_runs(question, runs):
    assert name_runs(question) == runs


PAPERS = {"kent", "medway", "medical", "school", "bridgend", "folkestone", "williams", "kirsty", "cabinet"}


def test_unknown_names_are_the_runs_holding_a_word_the_papers_lack():
    known = lambda word: word.lower() in PAPERS  # noqa: E731
    assert unknown_names("What is the council's plan for the Folkestone Harbour Arm?", known) == ["the Folkestone Harbour Arm"]
    assert unknown_names("What did Cabinet say about the Kent and Medway Medical School?", known) == []
    assert unknown_names("What did Estyn say about Bridgend's schools?", known) == ["Estyn"]
    # titles, days and months are not names the papers must hold; nor is the figure in "Covid-19"
    assert unknown_names("What did Cllr Kirsty Williams say on Monday 3 March?", known) == []
    assert unknown_names("What did Cabinet say about the Covid-19 inquiry?", known) == ["Covid-19"]
    # every word known, but no passage holds one part's words together; "and" parts a name
    together = lambda words: {w.lower() for w in words} != {"medway", "medical", "school"}  # noqa: E731
    assert unknown_names("What did Cabinet say about the Kent and Medway Medical School?", known, together) == [
        "the Kent and Medway Medical School"]
    assert unknown_names("What did Cabinet say about Kent and Medway?", known, lambda words: False) == []


def test_what_is_said_of_unknown_names():
    assert names_not_in_papers(["Estyn"]) == "No paper in the index mentions Estyn."
    assert names_not_in_papers(["Estyn", "the A Board", "Ofsted"]) == "No paper in the index mentions Estyn, the A Board or Ofsted."


MENTIONS = {"bridgend": {"bridgend.txt"}, "kent": {"kent.pdf", "qpr.pdf"}, "kirsty": {"a.txt"}, "williams": {"a.txt"},
            "planning": {"plan.pdf"}, "committee": {"plan.pdf", "bridgend.txt"}}


def _mentioning(words: list[str]) -> set[str]:
    found = [MENTIONS.get(w.lower(), set()) for w in words]
    return set.intersection(*found) if found else set()


def _from(*docs: str) -> list[Hit]:
    return [h for doc in docs for h in _hits(doc, [("", "Some words.")])]


def test_names_the_best_hits_papers_never_mention_and_the_papers_that_do():
    exact = lambda word: word.lower() in MENTIONS  # noqa: E731
    parts = asked_names("What did the Bridgend committee say about free school meals?", exact)
    assert names_unmentioned(parts, _from("kent.pdf", "qpr.pdf"), _mentioning) == (["Bridgend"], {"bridgend.txt"})
    assert names_unmentioned(parts, _from("kent.pdf", "bridgend.txt"), _mentioning) == ([], set())
    # only the first five hits count
    late = _from("kent.pdf", "qpr.pdf", "kent.pdf", "qpr.pdf", "kent.pdf", "bridgend.txt")
    assert names_unmentioned(parts, late, _mentioning)[0] == ["Bridgend"]
    assert names_unmentioned(parts, late, _mentioning, top=6)[0] == []


def test_speakers_committees_and_misspelt_names_are_left_to_their_own_checks():
    exact = lambda word: word.lower() in MENTIONS  # noqa: E731
    hits = _from("kent.pdf")

    def missing(question: str, speakers: set[str] = frozenset()) -> list[str]:
        return names_unmentioned(asked_names(question, exact, speakers), hits, _mentioning)[0]

    assert missing("What did Kirsty Williams say?", {"Kirsty Williams AM"}) == []
    assert missing("What did Kirsty Williams say?") == ["Kirsty Williams"]
    assert missing("What did the Planning Committee decide?") == []
    assert missing("What did Kirsty Wiliams say?") == []


def test_the_names_asked_leave_out_speakers_committees_and_misspellings():
    exact = lambda word: word.lower() in MENTIONS  # noqa: E731
    asked = "Did Kirsty Williams and the Planning Committee discuss Bridgend and Kent or Kentt?"
    assert asked_names(asked, exact, {"Kirsty Williams AM"}) == [["Bridgend"], ["Kent"]]


def test_hits_from_papers_that_mention_the_names_asked_come_first_in_their_order():
    hits = _from("kent.pdf", "bridgend.txt", "qpr.pdf", "bridgend.txt")
    ordered = bearers_first(hits, [MENTIONS["bridgend"]])
    assert [h.passage.doc for h in ordered] == ["bridgend.txt", "bridgend.txt", "kent.pdf", "qpr.pdf"]
    assert ordered[0] is hits[1] and ordered[1] is hits[3]
    # a paper mentioning both names before one mentioning either
    both = bearers_first(hits, [MENTIONS["kent"], {"qpr.pdf", "bridgend.txt"}])
    assert [h.passage.doc for h in both] == ["qpr.pdf", "kent.pdf", "bridgend.txt", "bridgend.txt"]
    assert bearers_first(hits, []) == hits


def test_an_answer_is_read_from_the_hits_whose_papers_mention_every_name_asked():
    hits = _from("kent.pdf", "bridgend.txt", "qpr.pdf", "bridgend.txt")
    assert [h.passage.doc for h in bearers_only(hits, [MENTIONS["bridgend"]])] == ["bridgend.txt", "bridgend.txt"]
    assert [h.passage.doc for h in bearers_only(hits, [MENTIONS["kent"], {"qpr.pdf", "bridgend.txt"}])] == ["qpr.pdf"]
    # where no paper mentions them all, or nothing is named, every hit
    assert bearers_only(hits, [{"elsewhere.pdf"}]) == hits and bearers_only(hits, []) == hits


def test_a_question_without_its_names():
    assert without("What did Blaenau Gwent's inspectors say about the Bridgend budget?", ["Blaenau Gwent", "Bridgend"]) == (
        "What did inspectors say about the budget?")
    assert names_unmentioned_by_answers(["Bridgend"]) == (
        "The passages that best match the question come from papers that never mention Bridgend.")


def test_unknown_sections_are_those_no_paper_speaks_of_nor_has():
    known = {"7", "106"}.__contains__
    assert unknown_sections("What does the section 25 statement say about reserves?", known) == ["section 25"]
    assert unknown_sections("What does section 7 of the report say?", known) == []
    assert unknown_sections("Which section 106 agreements were signed?", known) == []
    assert unknown_sections("What does the budget say about reserves?", known) == []


def test_a_section_no_paper_speaks_of_nor_has_is_declined_by_name(tmp_path):
    report = ("# Budget report\n\n## 7. Reserves\n\n"
              "7.1 The general reserve stands at £11.8m, below the 4% minimum of the strategy.\n\n"
              "7.2 The reserve should be rebuilt over the next two years.\n\n"
              "25. The equality impact of the reserves policy was assessed.\n\n"
              "The Chief Finance Officer reports under section 114 of the Local Government Finance Act 1988 "
              "when spending would exceed resources.\n")
    a = assistant_over(tmp_path, {"budget-report-2025.md": report})
    try:
        assert a.index.has_section("7") and a.index.has_section("114")
        assert not a.index.has_section("25")  # a numbered paragraph is no section
        answer = a.ask("What does the section 25 statement say about reserves?")
        assert answer.abstained and not answer.citations
        assert "No paper in the index mentions section 25" in answer.text
        kept = a.ask("What does section 7 say about the general reserve?")
        assert not kept.abstained and "£11.8m" in kept.text
    finally:
        a.close()


def test_the_hyphenated_words_no_paper_holds_are_named_as_asked():
    held = {"looked-after", "call-in"}.__contains__
    question = "Is the council moving looked-after children's staff to a four-day week after the call-in of 24-00093?"
    assert names.unknown_compounds(question, held) == ["four-day"]  # "24-00093" is a number, not a word
    assert names.unknown_compounds("What did Cabinet decide?", held) == []


STAFFING = """# Workforce report to Cabinet

The council employs staff across four directorates. Each day the contact centre takes calls from residents.

Flexible working has been extended: staff may work a compressed working week by agreement with their manager.
"""


def test_a_question_whose_hyphenated_word_no_paper_holds_is_declined_with_that_word_named(tmp_path):
    a = assistant_over(tmp_path, {"workforce-report-2025.md": STAFFING})
    try:
        answer = a.ask("Is the council moving staff to a four-day working week?")
        assert answer.abstained and not answer.citations
        assert "No paper in the index mentions four-day" in answer.text
        kept = a.ask("Can staff work a compressed working week?")
        assert not kept.abstained and "compressed working week" in kept.text
    finally:
        a.close()
