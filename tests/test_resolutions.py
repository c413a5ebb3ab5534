"""Finding the decisions in minutes: hand-made Markdown and text minutes, and the real Kent minutes."""

from __future__ import annotations

import pytest

from cofnod.types import DocMeta
from ingest import build_passages, parse_file
from ingest.resolutions import find_resolutions, item_of, openers
from tests.conftest import CORPUS, make_passages

MINUTES_MD = """# Cabinet — Minutes of the meeting held on 17 June 2025

A meeting of the Cabinet was held in the Council Chamber on Tuesday 17 June 2025 at 10.00 am.

## 3. Minutes of the previous meeting

RESOLVED that the minutes of the meeting held on 20 May 2025 be approved as a correct record.

## 4. Revenue outturn 2024-25

The Chief Finance Officer presented the outturn report and answered questions from members about reserves.

RESOLVED that:

(i) the revenue outturn for 2024-25, an overspend of £3.2m, be noted;

(ii) the drawdown of £3.2m from the General Fund reserve be approved.

The Leader thanked officers for their work on the report and the clear presentation of the figures.

## 5. Library opening hours

Members discussed the extended opening hours for the three town libraries and their cost.

The Committee resolved:-

(a) to extend opening hours from 1 September 2025;

(b) to review the change after twelve months.

## 6. Motion on road safety

The motion was put to the vote. For (30) Against (2) Abstain (0) Agreed.

It was RESOLVED that the Council writes to the Secretary of State about rural road safety.

## 7. Treasury management

5. RESOLVED that Cabinet:

1. Note the treasury management mid-year report.

2. Agree the revised prudential indicators.

6. Members asked that a briefing on investment returns be arranged before the next meeting.

## 8. Any other business

AGREED that the next meeting be held on 15 July 2025 in the Council Chamber.
"""

AGENDA_ITEM_TXT = """Agenda item

Accommodation and support for care leavers: update report

Minutes:

The Head of Children's Services reported that no care leaver had been placed in bed and breakfast accommodation since January.

RESOLVED:                (1) That the Committee noted the report and the progress made.

(2) That a further report be presented in six months.

Supporting documents:
"""


@pytest.fixture
def md_resolutions(tmp_path):
    path = tmp_path / "cabinet-minutes-2025-06-17.md"
    path.write_text(MINUTES_MD, encoding="utf-8")
    doc = parse_file(path, "papers/cabinet-minutes-2025-06-17.md")
    return doc.meta, build_passages(doc), find_resolutions(doc.meta, build_passages(doc))


def test_markdown_minutes_give_each_decision_with_its_sub_resolutions(md_resolutions):
    meta, passages, found = md_resolutions
    assert meta.doc_type == "minutes"
    starts = [r.text[:40] for r in found]
    assert len(found) == 6, starts
    first, outturn, library, motion, treasury, aob = found
    assert first.text.startswith("RESOLVED that the minutes of the meeting held on 20 May 2025")
    assert "(i) the revenue outturn" in outturn.text and "(ii) the drawdown of £3.2m" in outturn.text
    assert "thanked officers" not in outturn.text  # the next ordinary paragraph is not part of it
    assert library.text.startswith("The Committee resolved:-") and "(b) to review the change" in library.text
    assert motion.text.startswith("It was RESOLVED that the Council writes")
    assert "1. Note the treasury" in treasury.text and "2. Agree the revised" in treasury.text
    assert "briefing on investment returns" not in treasury.text  # "6." is the next minute, not an item
    assert aob.text.startswith("AGREED that the next meeting")


def test_a_decision_carries_where_it_was_made(md_resolutions):
    meta, passages, found = md_resolutions
    outturn = found[1]
    assert outturn.id == "papers/cabinet-minutes-2025-06-17.md#r2"
    assert [r.id for r in found] == [f"{meta.doc}#r{n}" for n in range(1, len(found) + 1)]
    assert outturn.item == "4. Revenue outturn 2024-25"
    assert (outturn.doc, outturn.date, outturn.committee) == (meta.doc, "2025-06-17", "Cabinet")
    by_id = {p.id: p for p in passages}
    assert by_id[outturn.passage_ids[0]].text.startswith("RESOLVED that:")
    assert all(by_id[pid].trail[-1] == "4. Revenue outturn 2024-25" for pid in outturn.passage_ids)


def test_moderngov_agenda_item_page_minutes(tmp_path):
    path = tmp_path / "care-leavers-item.txt"
    path.write_text(AGENDA_ITEM_TXT, encoding="utf-8")
    doc = parse_file(path, "care-leavers-item.txt")
    found = find_resolutions(doc.meta, build_passages(doc))
    assert len(found) == 1
    assert found[0].text.startswith("RESOLVED: (1) That the Committee noted the report")
    assert "(2) That a further report be presented in six months." in found[0].text
    assert found[0].item == "Accommodation and support for care leavers: update report"


@pytest.mark.parametrize("text, found", [
    ("RESOLVED that the report be noted.", True),
    ("3) RESOLVED that Council endorses the report.", True),
    ("(27) RESOLVED that: County Council approves the budget.", True),
    ("RESOLVED: That the Committee noted the report.", True),
    ("It was RESOLVED that the item be deferred.", True),
    ("It was unanimously RESOLVED that the item be deferred.", True),
    ("The Committee resolved:- to note the report.", True),
    ("Council unanimously resolved that the motion be carried.", True),
    ("Resolved: that the plan be adopted.", True),
    ("AGREED", True),
    ("Motion carried. 3) RESOLVED that Council notes the update.", True),
    ("Work programme RESOLVED that the work programme was noted.", True),
    ("Agreed.", False),
    ("Abstain (0) Agreed.", False),
    ("The Chairman proposed that Council resolve to extend the meeting.", False),
    ("Members agreed to refer the decision to full Council.", False),
    ("The resolution was unresolved at the time.", False),
])
def test_decision_openings(text, found):
    assert len(openers(text)) == int(found)


def test_reports_are_not_searched_for_decisions():
    meta, passages = make_passages("papers/report.md", ["RESOLVED that the report be noted."], doc_type="report")
    assert find_resolutions(meta, passages) == []
    minutes = DocMeta(doc="papers/report.md", title="x", doc_type="minutes")
    assert len(find_resolutions(minutes, passages)) == 1


def test_item_prefers_the_numbered_agenda_item():
    assert item_of(["CABINET", "88. Budget Monitoring (Item 5)", "Mr Booth"]) == "88. Budget Monitoring (Item 5)"
    assert item_of(["Outcome of the inspection", "Minutes:"]) == "Outcome of the inspection"
    assert item_of(["KENT COUNTY COUNCIL"]) == ""


# -- the real Kent minutes, checked by hand against their pypdf text ----------------------------

KENT = "kent-cc/full_council/2025-03-13/Printed minutes 13th-Mar-2025 10.00 County Council.pdf"
KENT_COUNTS = {
    KENT: 13,
    "kent-cc/cabinet/2025-01-30/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf": 6,
    "kent-cc/cabinet/2025-01-30/Minutes of the meeting held on 9th January 2025.pdf": 5,
    "kent-cc/full_council/2025-02-13/Printed minutes 13th-Feb-2025 09.30 County Council.pdf": 3,
    "kent-cc/full_council/2025-03-13/CPP Minutes 29.10.24.pdf": 11,
    "seeds/bridgend-cssiw-inspection-committee-minutes.txt": 1,
}


def _real(rel: str):
    doc = parse_file(CORPUS / rel, rel)
    passages = build_passages(doc)
    return doc, passages, find_resolutions(doc.meta, passages)


@pytest.mark.corpus
@pytest.mark.parametrize("rel, count", sorted(KENT_COUNTS.items()))
def test_real_minutes_every_resolved_clause_found(corpus, rel, count):
    _, _, found = _real(rel)
    assert len(found) == count
    if rel.endswith(".pdf"):
        assert all("RESOLVED" in r.text[:20] for r in found)


@pytest.mark.corpus
def test_real_county_council_minutes_items_pages_and_sub_resolutions(corpus):
    doc, passages, found = _real(KENT)
    minerals = next(r for r in found if "Minerals and Waste" in r.item)
    assert minerals.item == "299. Kent Minerals and Waste Local Plan 2024-39 (Item 8)"
    assert minerals.page == 8 and minerals.date == "2025-03-13" and minerals.committee == "County Council"
    assert "(iv) Delegates authority to the Corporate Director" in minerals.text
    vapes = found[-1]
    assert vapes.item.startswith("308. Motion for Time Limited Debate")
    assert len(vapes.passage_ids) == 2 and "Encourage proper disposal of vapes" in vapes.text
    governance = next(r for r in found if r.item.startswith("306."))
    assert "6. Delegates authority to the Monitoring Officer" in governance.text


@pytest.mark.corpus
def test_real_cabinet_resolution_continues_over_the_page(corpus):
    _, passages, found = _real("kent-cc/cabinet/2025-01-30/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf")
    ics = next(r for r in found if "Integrated Care Strategy" in r.item)
    pages = {p.id: p.page for p in passages}
    assert [pages[pid] for pid in ics.passage_ids] == [15, 16]
    assert "(c) Delegate authority to the Director of Public Health" in ics.text
