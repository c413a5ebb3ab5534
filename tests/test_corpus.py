"""End to end on real council papers from ../shared/corpus, with the real model and Chroma."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from cofnod.settings import load_settings
from cofnod.types import Filters

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

KENT = "kent-cc/cabinet/2025-01-30"
FILES = [
    "seeds/bridgend-cssiw-inspection-committee-minutes.txt",
    "seeds/blaenau-gwent-ciw-childrens-services-press-release.txt",
    f"{KENT}/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
    f"{KENT}/Minutes of the meeting held on 9th January 2025.pdf",
    f"{KENT}/24-00096 - Commissioning Plan for Education Provision in Kent 2025-29 - Report.pdf",
]


@pytest.fixture(scope="module")
def helper(corpus, tmp_path_factory):
    settings = load_settings(env={}, home=str(tmp_path_factory.mktemp("corpus-home")))
    a = Assistant(settings)
    results = a.ingest([corpus / f for f in FILES], root=corpus)
    assert [r.status for r in results] == ["added"] * len(FILES), [(r.path, r.reason) for r in results]
    return a


def test_documents_keep_paths_dates_and_types(helper):
    docs = {d.doc: d for d in helper.documents()}
    assert set(docs) == set(FILES)
    assert docs[f"{KENT}/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"].date == "2025-01-30"
    # Minutes are dated by the meeting they record, not the meeting that approved them.
    assert docs[f"{KENT}/Minutes of the meeting held on 9th January 2025.pdf"].date == "2025-01-09"
    assert docs[f"{KENT}/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"].doc_type == "minutes"
    assert docs[f"{KENT}/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"].committee == "Cabinet"


def test_bridgend_resolution_is_cited(helper):
    answer = helper.ask("What did the Bridgend committee resolve about the CSSIW inspection report?")
    assert not answer.abstained
    cited = [c.passage for c in answer.citations]
    assert any(p.doc == FILES[0] and "RESOLVED" in p.text for p in cited), [p.text[:80] for p in cited]


def test_kent_resolution_figures_are_cited_with_page(helper):
    answer = helper.ask(
        "What did Cabinet resolve on the November 2024-25 revenue and capital budget monitoring report?",
        Filters(committee="Cabinet"))
    assert not answer.abstained
    pages = {(c.passage.doc, c.passage.page) for c in answer.citations}
    assert (FILES[2], 10) in pages, pages
    assert "£23.3m" in answer.text


def test_scope_to_one_document(helper):
    hits = helper.search("forecast overspend", Filters(doc=FILES[3]), k=5)
    assert hits and {h.passage.doc for h in hits} == {FILES[3]}


def test_follow_up_uses_the_conversation(helper):
    first = "What did Cabinet agree on 30 January 2025 about moving the 18-25 section of the Strengthening Independence Service?"
    answer = helper.ask("From what date does that take effect?", history=[first])
    assert not answer.abstained and "1 April 2025" in answer.text


def test_declines_when_the_papers_do_not_answer(helper):
    answer = helper.ask("How much has the council budgeted for winter gritting and road salt?")
    assert answer.abstained and not answer.citations
