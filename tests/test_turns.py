"""Transcript passages reordered among their places in a fused ranking (index/turns.py)."""

from __future__ import annotations

from dataclasses import replace

from cofnod.types import Passage
from index.keyword import KeywordIndex
from index.store import Index
from index.turns import TurnWeights, reorder
from tests.conftest import make_passages

WEIGHTS = TurnWeights(opening=0.9, sparse=0.6, after=0.3, depth=40)


def _turns(doc: str, turns: list[tuple[str, str]]) -> tuple:
    """(speaker, text) pairs as transcript passages; a text that does not start with its speaker
    continues that speaker's turn."""
    meta, passages = make_passages(doc, [t for _, t in turns], doc_type="transcript")
    return meta, [replace(p, kind="turn", speaker=s) for p, (s, _) in zip(passages, turns)]


def _p(pid: str, text: str, kind: str = "turn", speaker: str | None = "Jayne Bryant MS") -> Passage:
    doc, seq = pid.rsplit("#", 1)
    return Passage(id=pid, doc=doc, seq=int(seq), text=text, kind=kind, speaker=speaker)


def test_a_turn_opening_moves_ahead_of_a_continuation_and_reports_keep_their_places():
    passages = {
        "t#4": _p("t#4", "and the budget was set in March."),
        "r#0": _p("r#0", "The report on the budget.", kind="paragraph", speaker=None),
        "t#7": _p("t#7", "Jayne Bryant MS: The budget is the first thing."),
    }
    fused = [("t#4", 0.05), ("r#0", 0.04), ("t#7", 0.03), ("x#1", 0.01)]
    out = reorder(fused, passages, {}, {}, WEIGHTS)
    assert [pid for pid, _ in out] == ["t#7", "r#0", "t#4", "x#1"]
    assert [score for _, score in out] == [0.05, 0.04, 0.03, 0.01]  # places keep their scores
    assert reorder(fused, passages, {}, {}, replace(WEIGHTS, opening=0.0)) == fused
    assert reorder(fused, passages, {}, {}, replace(WEIGHTS, depth=2)) == fused  # one transcript passage in reach


def test_bm25_and_the_words_of_the_turn_before_lift_a_passage():
    passages = {pid: _p(pid, f"Jayne Bryant MS: turn {pid}") for pid in ("t#1", "t#2", "t#3")}
    fused = [("t#1", 0.05), ("t#2", 0.045), ("t#3", 0.04)]
    assert [pid for pid, _ in reorder(fused, passages, {"t#3": 9.0, "t#1": 1.0}, {}, WEIGHTS)][0] == "t#3"
    assert [pid for pid, _ in reorder(fused, passages, {}, {"t#2": 1.0}, WEIGHTS)][0] == "t#2"
    assert [pid for pid, _ in reorder(fused, passages, {}, {}, WEIGHTS)] == ["t#1", "t#2", "t#3"]


def test_before_shares_read_the_previous_passage_of_the_same_document_only():
    texts = {"a.md": ["school transport costs", "a reply", "other things"], "b.md": ["nothing here", "more"]}
    passages = [p for doc, t in texts.items() for p in make_passages(doc, t)[1]]
    kw = KeywordIndex.build(passages)
    shares = kw.before_shares("school transport", ["a.md#0", "a.md#1", "a.md#2", "b.md#0"])
    assert shares["a.md#1"] == 1.0  # the passage before holds the question's words, and is the best
    assert shares["a.md#2"] == 0.0
    assert "a.md#0" not in shares and "b.md#0" not in shares  # first passages have nothing before them


def test_search_puts_the_reply_to_a_matching_question_before_the_rest_of_the_questioner_s_turn(settings):
    turns = [
        ("Lynne Neagle MS", "Lynne Neagle MS: What is happening to the cost of school transport for rural pupils?"),
        ("Kirsty Williams MS", "Kirsty Williams MS: Thank you. We have put an extra two million pounds in this year."),
        ("Kirsty Williams MS", "The cost of school transport for rural pupils rose because routes are long."),
        ("Hefin David MS", "Hefin David MS: On a different matter, teachers' pay and the workforce."),
        ("Hefin David MS", "The workforce plan was published in the spring."),
    ]
    settings.index.expand_after = 0  # compare fused orders, without the best hit's followers
    idx = Index(settings)
    try:
        idx.upsert(*_turns("evidence-session.txt", turns), "sha-t", "/x/t")
        idx.upsert(*make_passages("report.md", ["The home to school transport policy for rural pupils."],
                                  doc_type="report"), "sha-r", "/x/r")
        question = "What was said about the cost of school transport for rural pupils?"
        order = [h.passage.id for h in idx.search(question, k=7)]
        assert order.index("evidence-session.txt#1") < order.index("evidence-session.txt#2")
        settings.index.turn_opening = 0.0
        plain = [h.passage.id for h in Index(settings).search(question, k=7)]
        assert plain.index("evidence-session.txt#2") < plain.index("evidence-session.txt#1")
        # the report holds the place fusion gave it either way
        assert order.index("report.md#0") == plain.index("report.md#0")
    finally:
        idx.close()


def test_the_index_knows_who_speaks_in_each_transcript_and_forgets_a_replaced_one(settings):
    idx = Index(settings)
    try:
        idx.upsert(*_turns("session.txt", [("Lynne Neagle MS", "Lynne Neagle MS: Welcome, Minister."),
                                           ("Kirsty Williams MS", "Kirsty Williams MS: Thank you, Chair.")]),
                   "sha-1", "/x/s")
        idx.upsert(*make_passages("report.md", ["The home to school transport policy."], doc_type="report"),
                   "sha-r", "/x/r")
        assert idx.speakers() == {"session.txt": frozenset({"Lynne Neagle MS", "Kirsty Williams MS"})}
        idx.upsert(*_turns("session.txt", [("Hefin David MS", "Hefin David MS: On teachers' pay.")]), "sha-2", "/x/s")
        assert idx.speakers() == {"session.txt": frozenset({"Hefin David MS"})}
    finally:
        idx.close()


def test_the_best_passage_of_a_speaker_the_question_names_is_lifted_and_only_that_one():
    passages = {
        "t#1": _p("t#1", "Jayne Bryant MS: a question on the budget."),
        "t#2": _p("t#2", "Huw David: the budget is tight.", speaker="Huw David"),
        "t#3": _p("t#3", "Huw David: and another thing.", speaker="Huw David"),
    }
    fused = [("t#1", 0.05), ("t#2", 0.045), ("t#3", 0.04)]
    w = replace(WEIGHTS, named=0.45)
    assert [pid for pid, _ in reorder(fused, passages, {}, {}, w, {"Huw David"})] == ["t#2", "t#1", "t#3"]
    assert [pid for pid, _ in reorder(fused, passages, {}, {}, w)] == ["t#1", "t#2", "t#3"]
    assert [pid for pid, _ in reorder(fused, passages, {}, {}, WEIGHTS, {"Huw David"})] == ["t#1", "t#2", "t#3"]


def test_a_transcript_s_first_two_passages_are_lowered():
    passages = {pid: _p(pid, f"Jayne Bryant MS: turn {pid}") for pid in ("t#0", "t#1", "t#2", "t#5")}
    fused = [("t#0", 0.05), ("t#1", 0.049), ("t#2", 0.048), ("t#5", 0.047)]
    lowered = reorder(fused, passages, {}, {}, replace(WEIGHTS, start=0.3))
    assert [pid for pid, _ in lowered] == ["t#2", "t#5", "t#0", "t#1"]
    assert [pid for pid, _ in reorder(fused, passages, {}, {}, WEIGHTS)] == ["t#0", "t#1", "t#2", "t#5"]


def test_search_puts_first_the_words_of_the_speaker_the_question_names(settings):
    turns = [
        ("Lynne Neagle MS", "Lynne Neagle MS: Kirsty Williams, the cost of school transport for rural pupils keeps "
                            "rising. What is happening to the cost of school transport?"),
        ("Hefin David MS", "Hefin David MS: On a different matter, teachers' pay and the workforce."),
        ("Kirsty Williams MS", "Kirsty Williams MS: We have put an extra two million pounds into the longer routes."),
    ]  # her reply is not the turn after the question, which would lift it anyway
    settings.index.expand_after = 0
    settings.index.turn_named = 2.0  # enough to decide this small case whatever the fused scores
    idx = Index(settings)
    try:
        idx.upsert(*_turns("evidence-session.txt", turns), "sha-t", "/x/t")
        question = "What did Kirsty Williams say about the cost of school transport?"
        assert idx.search(question, k=3)[0].passage.speaker == "Kirsty Williams MS"
        settings.index.turn_named = 0.0
        assert Index(settings).search(question, k=3)[0].passage.speaker != "Kirsty Williams MS"
    finally:
        idx.close()
