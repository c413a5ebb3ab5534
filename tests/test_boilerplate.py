"""Text that recurs from meeting to meeting is ranked after the rest (index/boilerplate.py)."""

from __future__ import annotations

from cofnod.types import Hit, Passage
from index.boilerplate import demote, demote_echoes, echoes_title, recurring, text_key
from index.keyword import tokenize
from index.store import Index
from tests.conftest import make_passages

OPEN = "During these items the meeting is likely to be open to the public"


def _p(doc: str, text: str, date: str | None, committee: str | None = "Cabinet") -> Passage:
    return Passage(id=f"{doc}#0", doc=doc, seq=0, text=text, committee=committee, date=date)


def test_a_text_is_boilerplate_once_it_recurs_in_enough_meetings_not_documents():
    passages = [
        _p("a.pdf", "1. Apologies", "2025-01-30"),
        _p("b.pdf", "1 APOLOGIES ", "2025-03-04"),  # case, punctuation and spacing do not matter
        _p("c.pdf", "1.  apologies.", "2025-03-13"),
        # one meeting's report, its agenda pack and its supplementary pack
        _p("r.pdf", "The budget is £1.2bn.", "2025-03-04"),
        _p("pack.pdf", "The budget is £1.2bn.", "2025-03-04"),
        _p("supp.pdf", "The budget is £1.2bn.", "2025-03-04"),
        # the same date for another committee is another meeting
        _p("s1.pdf", "Item for scrutiny", "2025-03-04", "Scrutiny"),
        _p("s2.pdf", "Item for scrutiny", "2025-03-04", "Cabinet"),
        # undated documents are a meeting each
        *[_p(f"u{i}.pdf", "This page is intentionally left blank", None, None) for i in range(3)],
    ]
    found = recurring(passages, 3)
    assert text_key("1. Apologies") in found
    assert text_key("This page is intentionally left blank") in found
    assert text_key("The budget is £1.2bn.") not in found
    assert text_key("Item for scrutiny") not in found
    assert recurring(passages, 2) >= {text_key("Item for scrutiny")}
    assert text_key("1. Apologies") not in recurring(passages, 4)


def test_demote_moves_boilerplate_after_the_rest_keeping_each_group_in_order():
    hits = [Hit(_p(f"d{i}.pdf", text, None), 1.0 - i / 10)
            for i, text in enumerate(["1. Apologies", "Budget", "Agenda", "Libraries"])]
    marked = frozenset({text_key("1. Apologies"), text_key("Agenda")})
    assert [h.passage.text for h in demote(hits, marked)] == ["Budget", "Libraries", "1. Apologies", "Agenda"]
    assert demote(hits, frozenset()) == hits


def test_search_ranks_agenda_furniture_after_the_passage_that_answers(settings):
    question = "Will the library meeting be open to the public?"
    answer = "reports/libraries.pdf#0"
    idx = Index(settings)
    try:
        for n, date in enumerate(["2025-01-30", "2025-03-04", "2025-03-13"]):
            idx.upsert(*make_passages(f"agendas/{date}.pdf", [
                "1. Apologies", "2. Declarations of Interest", OPEN, f"3. Item number {n} on the highways plan",
            ], doc_type="agenda", committee="Cabinet", date=date), f"sha-{n}", f"/x/{n}")
        idx.upsert(*make_passages("reports/libraries.pdf", [
            "Residents may come to the library consultation sessions in each town.",
        ], doc_type="report", committee="Cabinet", date="2025-03-04"), "sha-r", "/x/r")

        settings.index.boilerplate_meetings = 0
        plain = [h.passage.id for h in Index(settings).search(question, k=10)]
        furniture = [pid for pid in plain if pid.endswith("#2")]
        assert plain.index(furniture[0]) < plain.index(answer)  # without it, the standing line wins

        settings.index.boilerplate_meetings = 3
        ranked = [h.passage for h in Index(settings).search(question, k=10)]
        assert ranked[0].id == answer
        assert any(p.text == OPEN for p in ranked)  # ranked lower, not dropped
    finally:
        idx.close()


SIS = "Transfer of the Strengthening Independence Service - Report"


def test_a_short_passage_echoing_its_paper_s_name_is_told_from_one_that_adds_the_question_s_words():
    asked = frozenset(tokenize("What is the Strengthening Independence Service for disabled adults?"))
    _, (authors, name, heading, adds, long_) = make_passages("r.pdf", [
        "Report Authors:", "Sharon Howard", "Assistant Director Strengthening",
        "Independence Service – For Disabled",  # "disabled" is asked and the title does not hold it
        "The Strengthening Independence Service currently oversees transitions between 18 and 25 for young people",
    ], title=SIS)
    assert echoes_title(authors, asked, 12) and echoes_title(name, asked, 12) and echoes_title(heading, asked, 12)
    assert not echoes_title(adds, asked, 12)
    assert not echoes_title(long_, asked, 12)  # 16 words: long enough to say something
    assert not echoes_title(name, asked, 2)
    trailed = Passage(id="t#0", doc="t", seq=0, text="Services for disabled adults", title="Budget",
                      trail=["Independence Service for disabled adults"])
    assert echoes_title(trailed, asked, 12)  # its heading already holds every word it brings

    hits = [Hit(p, 1.0 - i / 10) for i, p in enumerate([authors, adds, name, long_])]
    assert [h.passage for h in demote_echoes(hits, asked, 12)] == [adds, long_, authors, name]
    assert demote_echoes(hits, asked, 0) == hits


def test_search_ranks_a_paper_s_fragments_after_the_paragraph_that_defines_what_it_is_named_for(settings):
    question = "What is the Strengthening Independence Service?"
    idx = Index(settings)
    try:
        idx.upsert(*make_passages("r.pdf", [
            "Report Authors:", "Sharon Howard", "Assistant Director Strengthening", "Independence Service – For Disabled",
            "Richard Smith, Corporate Director, Adult Social Care and Health",
            "1.2 The Strengthening Independence Service (SIS) currently oversees transitions between 18 and 25 for "
            "those with learning and physical disabilities which have been identified when they are children. However, "
            "this means the Director of Children's Services has responsibility for a cohort of people beyond their "
            "legal scope. As of October 2024, the 18-25 section of the service was working with 894 young adults.",
            "2.1 Budget monitoring for the directorate is reported quarterly to the Cabinet Committee.",
        ], title=SIS, doc_type="report"), "sha-r", "/x/r")

        settings.index.echo_words = 0
        plain = [h.passage.id for h in Index(settings).search(question, k=7)]
        assert plain.index("r.pdf#5") > 0  # without it, a fragment leads

        settings.index.echo_words = 12
        ranked = [h.passage.id for h in Index(settings).search(question, k=7)]
        assert ranked[0] == "r.pdf#5"
        assert set(ranked) == set(plain)  # ranked lower, not dropped
    finally:
        idx.close()
