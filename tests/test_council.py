"""The resolutions register end to end (ingest, catalogue, `cofnod resolutions`, the assistant),
and dates and committees read from questions, over a real index (real model, real Chroma)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from assistant import register
from assistant.cli import main
from assistant.core import NO_DECISION, NO_DECISION_NOR_TOPIC, Assistant
from assistant.extractive import REFUSAL
from assistant.intent import asks_what_was_decided
from cofnod.settings import load_settings
from cofnod.types import Filters
from index.catalog import Catalog
from ingest.resolutions import find_resolutions
from tests.conftest import assistant_over, make_passages

CABINET = """# Cabinet — Minutes

A meeting of the Cabinet was held in the Council Chamber on Thursday 30 January 2025 at 10.00 am.

## 5. Library opening hours

Members discussed library opening hours in the three town libraries at length. The library opening hours
in Aberdyffryn and Trefelin were compared with the library opening hours in neighbouring councils.

RESOLVED that:

(i) extended library opening hours be approved from 1 September 2025 at a cost of £85,000 a year;

(ii) the Head of Libraries report on visitor numbers after twelve months.

## 6. School transport

Cabinet considered the school transport policy review and the rising contract prices for home to school transport.

RESOLVED that the school transport decision be deferred to the meeting on 13 March 2025.
"""
COUNCIL = """# County Council — Minutes

A meeting of the County Council was held in the Council Chamber on Thursday 13 March 2025 at 10.00 am.

## 7. Pay Policy Statement 2025/26

The Council debated the pay policy statement and the ratio between the highest and lowest paid staff.

RESOLVED that Council endorses the Pay Policy Statement 2025/26.

## 8. Questions from members

A member asked about the leisure centre roof at Aberdyffryn. The Cabinet Member replied that the roof
will be repaired from May 2025 at a cost of £40,000.
"""
REPORT = """# Library services review: report

The review of library opening hours found that visits rose by 12 per cent where hours were extended.

The report recommends that RESOLVED wording be drafted for Cabinet.

Repainting the Aberdyffryn bandstand in June 2025 will cost £7,500, the report adds.

The review concluded its visits to the three town libraries in December 2024.

The report goes next to the Corporate Scrutiny Committee.
"""


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    root = tmp_path_factory.mktemp("council")
    papers = root / "papers"
    papers.mkdir()
    (papers / "cabinet-minutes-2025-01-30.md").write_text(CABINET, encoding="utf-8")
    (papers / "county-council-minutes-2025-03-13.md").write_text(COUNCIL, encoding="utf-8")
    (papers / "library-review-report-2025-01-30.md").write_text(REPORT, encoding="utf-8")
    home = root / "home"
    r = _run("ingest", papers, "--home", home, "--json")
    assert r.exit_code == 0, r.output
    return home


@pytest.fixture(scope="module")
def helper(home):
    a = Assistant(load_settings(env={}, home=str(home)))
    yield a
    a.close()


def _register(home, *args) -> list[dict]:
    r = _run("resolutions", *args, "--home", home, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.output)["resolutions"]


def test_register_json_lists_every_decision_newest_first(home):
    found = _register(home)
    assert [set(r) for r in found] == [{"id", "doc", "page", "date", "committee", "item", "text"}] * 3
    assert [r["date"] for r in found] == ["2025-03-13", "2025-01-30", "2025-01-30"]
    assert found[0]["committee"] == "County Council" and found[0]["item"] == "7. Pay Policy Statement 2025/26"
    library = found[1]
    assert library["id"] == "cabinet-minutes-2025-01-30.md#r1" and library["committee"] == "Cabinet"
    assert "(i) extended library opening hours be approved" in library["text"]
    assert "(ii) the Head of Libraries report" in library["text"]
    assert not any(r["doc"].startswith("library-review") for r in found)  # a report has no register entries


def test_register_query_and_filters(home):
    assert _register(home, "school transport")[0]["item"] == "6. School transport"
    assert [r["committee"] for r in _register(home, "--committee", "Cabinet")] == ["Cabinet", "Cabinet"]
    assert [r["date"] for r in _register(home, "--from", "2025-02-01")] == ["2025-03-13"]
    assert [r["date"] for r in _register(home, "--to", "2025-01-31")] == ["2025-01-30", "2025-01-30"]
    assert _register(home, "elephant enclosure") == []


def test_register_text_output_names_the_source(home):
    r = _run("resolutions", "pay policy", "--home", home)
    assert r.exit_code == 0
    assert "county-council-minutes-2025-03-13.md" in r.output and "RESOLVED that Council endorses" in r.output


def test_register_rejects_a_bad_date(home):
    r = _run("resolutions", "--from", "March 2025", "--home", home)
    assert r.exit_code != 0 and "YYYY-MM-DD" in r.output.replace("%Y-%m-%d", "YYYY-MM-DD")


@pytest.mark.parametrize("verb", ["resolve", "conclude"])
def test_assistant_answers_a_decision_question_from_the_resolution(helper, verb):
    library = register.search(helper.index, "library opening hours", Filters(committee="Cabinet"))[0][0]
    answer = helper.ask(f"What did Cabinet {verb} about library hours?", infer=False)
    assert not answer.abstained
    assert [h.passage.id for h in answer.hits[:len(library.passage_ids)]] == library.passage_ids
    assert library.passage_ids[0] in {c.passage.id for c in answer.citations}
    assert "£85,000" in answer.text


def test_resolution_leads_only_for_decision_questions(helper):
    question = "How do library opening hours compare with neighbouring councils?"
    plain = [h.passage.id for h in helper.search(question)]
    asked = [h.passage.id for h in helper.ask(question, infer=False).hits]
    assert asked == plain


def test_lead_with_puts_the_decision_first_without_duplicates(helper):
    library = register.search(helper.index, "library opening hours")[0][0]
    hits = helper.search("library opening hours")
    led = register.lead_with(helper.index, library, hits, k=5)
    assert [h.passage.id for h in led[:len(library.passage_ids)]] == library.passage_ids
    assert len({h.passage.id for h in led}) == len(led) <= 5


def test_question_dates_and_committee_narrow_the_search_and_are_reported(helper):
    answer = helper.ask("What did the County Council resolve on 13 March 2025 about the pay policy?")
    assert answer.note == "searching County Council papers from 13 March 2025"
    assert answer.inferred == Filters(committee="County Council", date_from="2025-03-13", date_to="2025-03-13")
    assert answer.to_dict()["searching"] == answer.note
    assert {h.passage.doc for h in answer.hits} == {"county-council-minutes-2025-03-13.md"}
    assert not answer.abstained


def test_user_filters_win_over_the_question(helper):
    answer = helper.ask("What did the County Council resolve on 13 March 2025 about the pay policy?",
                        Filters(date_from="2025-01-01", date_to="2025-12-31"))
    assert answer.inferred == Filters(committee="County Council", date_from="2025-01-01", date_to="2025-12-31")
    assert answer.note == "searching County Council papers"


def test_a_wrong_guess_never_makes_a_question_unanswerable(helper):
    # No paper is dated 2 February 2025: the narrowed search finds nothing, so the plain one answers.
    answer = helper.ask("What did Cabinet resolve about library opening hours at its meeting on 2 February 2025?")
    assert not answer.abstained and answer.note is None and "searching" not in answer.to_dict()
    assert "£85,000" in answer.text


def test_inference_can_be_switched_off(helper):
    answer = helper.ask("What did the County Council resolve on 13 March 2025 about the pay policy?", infer=False)
    assert answer.note is None and answer.inferred is None


def test_a_decision_question_on_a_topic_no_decision_covers_says_so_before_answering(helper, home):
    question = "What did Cabinet decide about the leisure centre roof?"
    answer = helper.ask(question, infer=False)
    assert not answer.abstained and "£40,000" in answer.text  # what the papers do say
    assert answer.caveat == NO_DECISION and answer.to_dict()["caveat"] == NO_DECISION
    r = _run("ask", question, "--home", home)
    assert r.exit_code == 0 and r.output.startswith(f"({NO_DECISION[:40]}")
    r = _run("ask", question, "--home", home, "--json")
    assert json.loads(r.output)["caveat"] == NO_DECISION


def test_a_decision_question_whose_topic_no_passage_found_speaks_of_is_declined(helper):
    # no decision is about repainting, and the roof passage the search finds never says "repaint"
    answer = helper.ask("What did Cabinet decide about repainting the leisure centre?", infer=False)
    assert answer.abstained and answer.citations == []
    assert answer.text == f"{REFUSAL} {NO_DECISION_NOR_TOPIC}"
    # the roof, which that passage does speak of, is still answered under the caveat
    answer = helper.ask("What did Cabinet decide about the leisure centre roof?", infer=False)
    assert not answer.abstained and answer.caveat == NO_DECISION and "£40,000" in answer.text


def test_a_debate_that_closed_with_a_decision_stands_for_it_only_where_it_speaks_of_the_topic(helper):
    from assistant import register

    # the best passage is the school transport debate, whose item closed with a decision; it
    # speaks of contract prices but not of libraries, so that decision is not about the question
    question = "What did Cabinet decide about contract prices for libraries?"
    hits = helper.index.search(question, None, 10)
    assert "school transport" in hits[0].passage.text and register.closing_item(helper.index, hits) is not None
    assert register.closing_item(helper.index, hits, question) is None
    answer = helper.ask(question, infer=False)
    assert not answer.abstained and answer.caveat == NO_DECISION
    # where the debate does speak of the topic, its item's decision still counts
    asked = "What did Cabinet decide about libraries in neighbouring councils?"
    hits = helper.index.search(asked, None, 10)
    assert "library opening hours" in hits[0].passage.text
    assert register.closing_item(helper.index, hits, asked) is not None
    assert helper.ask(asked, infer=False).caveat is None
    # the debate speaks of prices, but not of the libraries whose prices were asked about
    asked = "What did Cabinet decide about library prices?"
    hits = helper.index.search(asked, None, 10)
    assert "school transport" in hits[0].passage.text and register.closing_item(helper.index, hits) is not None
    assert register.closing_item(helper.index, hits, asked) is None


@pytest.mark.parametrize("question, words", [
    ("What did Cabinet decide about school transport?", ("school", "transport")),
    ("And what did Cabinet agree to do about the shortage of placements?", ("placement",)),
    ("What did Cabinet decide on 30 January 2025 about Family Hubs at its meeting?", ("famili", "hub")),
    ("What was resolved on the budget for 2025-26?", ("budget",)),  # "2025-26" names no topic
    ("What was decided about the future of Kent's country parks?", ("countri", "park")),
    ("What did Cabinet decide about library prices?", ("librari", "price")),
    ("What did Cabinet decide on 30 January?", ()),
    # a verb after the topic ends it; a participle before its words is part of it
    ("Why was the decision on home to school transport deferred?", ("school", "transport")),
    ("What happened to the decision on Family Hubs called in by scrutiny?", ("famili", "hub")),
    ("What did Cabinet resolve on the budget that was proposed?", ("budget",)),
    ("What did Cabinet decide on the proposed closure of the day centre?", ("day", "centr")),
])
def test_a_decision_question_s_topic_turns_on_its_last_words(question, words):
    from assistant.register import topic_words

    assert topic_words(question) == words


@pytest.mark.parametrize("question, word", [
    ("What did Cabinet decide about repainting the leisure centre?", "repaint"),
    ("How many library visits were approved in March 2025?", "visit"),  # not "many", "march" or "2025"
    ("What did Cabinet decide?", None),
])
def test_what_a_decision_question_is_about_is_its_rarest_word(helper, question, word):
    from assistant import register

    assert list(register.focus(helper.index, question)) == ([word] if word else [])


def test_no_caveat_where_a_decision_answers_or_none_was_asked_for(helper):
    assert helper.ask("What did Cabinet resolve about library opening hours?", infer=False).caveat is None
    # a question that names a decision without asking what was decided
    assert helper.ask("What cost is given for the leisure centre roof decision?", infer=False).caveat is None
    plain = helper.ask("How much will the leisure centre roof repairs cost?", infer=False)
    assert plain.caveat is None and "caveat" not in plain.to_dict()


def test_a_debate_worded_apart_from_its_decision_is_not_called_undecided(helper):
    # The question's words are the debate's (item 5), not the RESOLVED paragraph's.
    question = "What did Cabinet agree after comparing the town libraries with neighbouring councils?"
    library = register.search(helper.index, "library opening hours")[0][0]
    assert not register.any_about(helper.index, question, register.close_decisions(helper.index, question))
    hits = helper.search(question)
    assert register.closing_item(helper.index, hits) == library
    assert helper.ask(question, infer=False).caveat is None


def test_closing_item_ignores_hits_outside_decided_items(helper):
    hits = helper.search("leisure centre roof repairs")
    assert "Questions from members" in hits[0].passage.trail[-1]
    assert register.closing_item(helper.index, hits[:1]) is None


def _ranked_docs(home, question, **settings) -> list[str]:
    """The papers of the index's hits with the minutes lifted, as for a decision question whose topic
    some minutes say (the assistant lifts none where no minutes do, see the test after this one)."""
    a = Assistant(load_settings(env={}, home=str(home), **settings))
    try:
        return [h.passage.doc for h in a.index.search(question, None, 10, prefer=Filters(doc_type="minutes"))]
    finally:
        a.close()


def test_a_decision_question_lifts_only_minutes_close_to_the_best_match(home):
    # The bandstand is only in the report. Minutes far from the question (the County Council's
    # pay policy) must not be lifted above it just for being minutes.
    question = "What did Cabinet decide about repainting the bandstand?"
    helper = Assistant(load_settings(env={}, home=str(home)))
    try:
        assert not register.minutes_speak_of(helper.index, question)  # so the assistant lifts no minutes at all
    finally:
        helper.close()
    report, county = "library-review-report-2025-01-30.md", "county-council-minutes-2025-03-13.md"
    bounded = _ranked_docs(home, question)
    assert bounded.index(report) < min(i for i, d in enumerate(bounded) if d == county)
    unbounded = _ranked_docs(home, question, index__prefer_dense_margin=10.0, index__prefer_sparse_share=0.0)
    assert min(i for i, d in enumerate(unbounded) if d == county) < unbounded.index(report)



UPDATE_MINUTES = """# Cabinet — Minutes

A meeting of the Cabinet was held in the Council Chamber on Thursday 6 February 2025 at 10.00 am.

## 3. Leader's update

The Leader listed the consultations now open, as follows.

Bandstand repainting survey – closes 31st March 2025

Otter Street EV charging

Library opening hours
"""
CALL_IN_REPORT = """# Call-in of the bandstand decision: report

The Scrutiny Committee considered the call-in of the bandstand repainting decision on 29 January 2025 and referred the decision to full Council.
"""


def test_a_decision_question_does_not_lift_a_bullet_of_the_minutes_over_a_sentence(tmp_path):
    # Kent: "What happened to the Family Hubs decision?" opened with the minutes' bullet "Family Hub
    # awareness survey – closes 31st March 2025"; the minutes lift is for what minutes record.
    a = assistant_over(tmp_path, {"cabinet-minutes-2025-02-06.md": UPDATE_MINUTES,
                                  "call-in-report-2025-02-06.md": CALL_IN_REPORT})
    try:
        question = "What happened to the bandstand repainting decision?"
        bullet = next(p for p in a.index.doc_passages("papers/cabinet-minutes-2025-02-06.md")
                      if p.text.startswith("Bandstand"))
        lifted = [h.passage.id for h in a.index.search(question, None, 5, prefer=Filters(doc_type="minutes"))]
        assert lifted[0].startswith("papers/call-in-report") and lifted.index(bullet.id) > 0
        answer = a.ask(question, infer=False)
        assert answer.citations[0].passage.doc == "papers/call-in-report-2025-02-06.md"
        assert "referred the decision to full Council" in answer.text
    finally:
        a.close()


@pytest.mark.parametrize("line, message", [
    ("prefer_sparse_share = 1.5", "index.prefer_sparse_share: Input should be less than or equal to 1"),
    ("prefer_sparse_share = -0.1", "index.prefer_sparse_share: Input should be greater than or equal to 0"),
    ("prefer_dense_margin = -0.2", "index.prefer_dense_margin: Input should be greater than or equal to 0"),
    ("turn_opening = -1", "index.turn_opening: Input should be greater than or equal to 0"),
    ("turn_depth = 0", "index.turn_depth: Input should be greater than or equal to 1"),
    ("boilerplate_meetings = -1", "index.boilerplate_meetings: Input should be greater than or equal to 0"),
    ("echo_words = -1", "index.echo_words: Input should be greater than or equal to 0"),
])
def test_a_lift_bound_out_of_range_is_a_clear_error_and_the_index_is_untouched(home, tmp_path, line, message):
    config = tmp_path / "bad.toml"
    config.write_text(f"[index]\n{line}\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["search", "library opening hours", "--home", str(home)],
                           env={"COFNOD_CONFIG": str(config)})
    assert r.exit_code != 0 and message in r.output
    assert len(_register(home)) == 3  # what was indexed is still there


def test_replacing_and_removing_a_document_replaces_its_decisions(settings):
    a = Assistant(settings)
    try:
        meta, passages = make_passages("m.md", ["Opening words of the meeting were recorded here.",
                                                "RESOLVED that the report be noted."], committee="Cabinet")
        a.index.upsert(meta, passages, "sha1", "/x/m.md", resolutions=find_resolutions(meta, passages))
        assert [r.id for r in a.index.resolutions()] == ["m.md#r1"]
        assert [r.id for r, _ in register.search(a.index, "report noted")] == ["m.md#r1"]
        meta2, passages2 = make_passages("m.md", ["RESOLVED that the plan be adopted.", "AGREED that the item be deferred."])
        a.index.upsert(meta2, passages2, "sha2", "/x/m.md", resolutions=find_resolutions(meta2, passages2))
        assert [r.text for r in a.index.resolutions()] == ["RESOLVED that the plan be adopted.",
                                                            "AGREED that the item be deferred."]
        # the register's search index follows the catalogue: the old decision is gone, the new one found
        assert register.search(a.index, "report noted") == []
        assert [r.text for r, _ in register.search(a.index, "plan adopted")] == ["RESOLVED that the plan be adopted."]
        a.index.remove("m.md")
        assert a.index.resolutions() == []
        assert register.search(a.index, "plan adopted") == []
    finally:
        a.close()


def test_an_index_made_before_the_register_still_opens_and_can_be_rebuilt(tmp_path):
    home = tmp_path / "old"
    home.mkdir()
    old = sqlite3.connect(home / "catalog.sqlite")  # the catalogue as it was: no resolutions table
    old.executescript("""
        CREATE TABLE documents (doc TEXT PRIMARY KEY, title TEXT NOT NULL, doc_type TEXT NOT NULL, committee TEXT,
            date TEXT, pages INTEGER, sha256 TEXT NOT NULL, source TEXT NOT NULL, passages INTEGER NOT NULL,
            ingested_at REAL NOT NULL);
        CREATE TABLE passages (id TEXT PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """)
    old.close()
    meta, passages = make_passages("old.md", ["RESOLVED that the budget be approved."], committee="Cabinet",
                                   date="2024-11-28")
    cat = Catalog(home / "catalog.sqlite")
    cat.replace_document(meta, "sha", "/x/old.md", passages)  # written the old way: no decisions
    cat.close()
    assert _register(home) == []
    r = _run("resolutions", "--rebuild", "--home", home, "--json")
    assert r.exit_code == 0, r.output
    found = json.loads(r.stdout)["resolutions"]
    assert [(x["id"], x["date"], x["committee"]) for x in found] == [("old.md#r1", "2024-11-28", "Cabinet")]


AGENDA = """# Cabinet — Agenda

Thursday 10 April 2025 at 10.00 am, Council Chamber, Aberdyffryn.

1. Apologies

2. Minutes of the meeting held on 13 March 2025

3. Bandstand repainting in Aberdyffryn park - presentation by the Head of Parks

4. Date of the next meeting
"""


def test_a_decision_question_only_an_agenda_speaks_to_is_declined(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "county-council-minutes-2025-03-13.md").write_text(COUNCIL, encoding="utf-8")
    (papers / "cabinet-agenda-2025-04-10.md").write_text(AGENDA, encoding="utf-8")
    home = tmp_path / "home"
    assert _run("ingest", papers, "--home", home).exit_code == 0
    a = Assistant(load_settings(env={}, home=str(home)))
    try:
        # the agenda is found and is evidence enough to say what the meeting would take
        listed = a.ask("Which presentation on bandstand repainting was on the Cabinet agenda?", infer=False)
        assert not listed.abstained and {c.passage.doc_type for c in listed.citations} == {"agenda"}
        # but it records no decision, and nothing else speaks to one: say so, cite nothing
        question = "What did Cabinet conclude after the bandstand repainting presentation?"
        answer = a.ask(question, infer=False)
        assert answer.abstained and not answer.citations and answer.caveat is None
        assert any(h.passage.doc_type == "agenda" for h in answer.hits)  # what was searched is still shown
        # what the meeting decided, asked outright: the register holds nothing from an agenda
        listing = a.ask("What did Cabinet decide on 10 April 2025?")
        assert listing.abstained and not listing.citations
        assert listing.text == (f"{REFUSAL} No decision is recorded in the Cabinet papers from 10 April 2025: "
                                "they are agendas, and no minutes.")
        # what the meeting was to take, though, the agenda does say
        taken = a.ask("What did Cabinet consider on 10 April 2025?")
        assert not taken.abstained and {c.passage.doc_type for c in taken.citations} == {"agenda"}
    finally:
        a.close()
    r = _run("ask", question, "--home", home)
    assert r.exit_code == 0 and "Sources:" not in r.output
    assert r.output.splitlines()[-1] == REFUSAL and r.output.startswith("(Searching Cabinet papers;")


@pytest.mark.parametrize("question, asks", [
    ("What did Cabinet conclude after the presentation?", True),
    ("What was concluded about the bus station?", True),
    ("What did the inspectors find?", False),
])
def test_conclude_asks_what_was_decided(question, asks):
    assert asks_what_was_decided(question) is asks


SINCE = "How have library visits changed since the extended library opening hours started?"


def test_a_since_question_older_papers_cannot_answer_is_declined_saying_why(helper, home):
    # the Cabinet minutes give 1 September 2025 as the start; every paper is older than that
    answer = helper.ask(SINCE)
    assert answer.abstained and not answer.citations
    assert answer.inferred.date_from == "2025-09-01"
    assert answer.note == ("searching papers since 1 September 2025, the start of the extended library opening "
                           "hours in cabinet-minutes-2025-01-30.md")
    assert answer.text == (f"{REFUSAL} None of the papers searched is dated on or after 1 September 2025; "
                           "the latest is dated 13 March 2025.")
    # without the question's own dates, the older papers answer as before
    assert not helper.ask(SINCE, infer=False).abstained
    r = _run("ask", SINCE, "--home", home)
    shown = " ".join(r.output.split())
    assert r.exit_code == 0 and shown.startswith("(Searching papers since 1 September 2025, the start of")
    assert f"{REFUSAL} None of the papers searched is dated on or after 1 September 2025" in shown
    r = _run("ask", SINCE, "--home", home, "--no-infer")
    assert r.exit_code == 0 and "Searching" not in r.output and "Sources:" in r.output


def test_a_since_question_is_answered_from_the_papers_written_since(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "cabinet-minutes-2025-01-30.md").write_text(CABINET, encoding="utf-8")
    (papers / "library-visits-report-2025-12-04.md").write_text(
        "# Library visits: six-month report\n\nSince the longer opening hours began, library visits have risen "
        "by 18 per cent in Aberdyffryn and 9 per cent in Trefelin.\n\nThe bandstand was not discussed.\n",
        encoding="utf-8")
    home = tmp_path / "home"
    assert _run("ingest", papers, "--home", home).exit_code == 0
    a = Assistant(load_settings(env={}, home=str(home)))
    try:
        answer = a.ask(SINCE)
        assert not answer.abstained and "18 per cent" in answer.text
        assert {h.passage.doc for h in answer.hits} == {"library-visits-report-2025-12-04.md"}
        # a paper that recent exists, but nothing in it speaks to the question
        other = a.ask("How many school transport contracts have been let since the extended library opening "
                      "hours started?")
        assert other.abstained
        assert other.text == f"{REFUSAL} Nothing in the papers dated since 1 September 2025 speaks to it."
    finally:
        a.close()


@pytest.mark.parametrize("question, lists", [
    ("What did Cabinet decide on 30 January 2025?", True),
    ("What was decided at the latest meeting?", True),
    ("What has the County Council resolved since March 2025?", True),
    ("Which decisions were made in 2024?", False),  # "which": not what was decided (asks_what_was_decided)
    ("What did Cabinet decide on 30 January 2025 about library opening hours?", False),
    ("What did Cabinet decide about the budget?", False),
    # what a meeting did as a whole is what it decided
    ("What happened at Cabinet on 30 January 2025?", True),
    ("What was discussed at the latest County Council meeting?", True),
    ("What was discussed about library opening hours at Cabinet?", False),
    ("What happened to the school transport decision?", False),
])
def test_a_question_naming_only_meetings_asks_for_their_decisions(question, lists):
    assert register.asks_for_decisions_of(question, ["Cabinet", "County Council"]) is lists


def test_what_a_meeting_decided_is_listed_from_the_register(helper, home, monkeypatch):
    answer = helper.ask("What did Cabinet decide on 30 January 2025?")
    assert not answer.abstained and answer.note == "searching Cabinet papers from 30 January 2025"
    assert [s for s, _ in answer.sentences] == [
        "At Cabinet on 30 January 2025, 5. Library opening hours: RESOLVED that: (i) extended library opening "
        "hours be approved from 1 September 2025 at a cost of £85,000 a year; (ii) the Head of Libraries report "
        "on visitor numbers after twelve months.",
        "6. School transport: RESOLVED that the school transport decision be "
        "deferred to the meeting on 13 March 2025.",
    ]
    assert [n for _, ns in answer.sentences for n in ns] == [1, 2]
    assert all("RESOLVED" in c.passage.text and c.passage.doc == "cabinet-minutes-2025-01-30.md"
               for c in answer.citations)
    # what happened at the meeting, or was discussed there: the same list, not the search's nearest words
    for question in ("What happened at Cabinet on 30 January 2025?", "What was discussed at the Cabinet meeting on 30 January 2025?"):
        assert helper.ask(question).sentences == answer.sentences
    # the latest meeting of a committee, from today
    latest = helper.ask("What was decided at the latest County Council meeting?")
    assert "endorses the Pay Policy Statement 2025/26" in latest.text and len(latest.citations) == 1
    # more than the answer lists: the rest are counted and left to the register
    monkeypatch.setattr(register, "LISTED", 1)
    one = helper.ask("What did Cabinet decide on 30 January 2025?")
    assert len(one.citations) == 1
    assert one.text.endswith("1 more decision in these papers: the Resolutions tab (or cofnod resolutions) lists them all.")


def test_a_listed_decision_without_an_agenda_item_reads_on_its_own(settings):
    from cofnod.types import Resolution
    from index.store import Index

    idx = Index(settings)
    texts = ["RESOLVED that the library opening hours be extended.", "RESOLVED that the report be noted."]
    meta, passages = make_passages("m.md", texts, committee="Cabinet", date="2025-01-30")
    decisions = [Resolution(f"m.md#r{n}", "m.md", None, "2025-01-30", "Cabinet", item, p.text, [p.id])
                 for n, (item, p) in enumerate([("5. Libraries", passages[0]), ("", passages[1])], start=1)]
    idx.upsert(meta, passages, "sha", "/nowhere", resolutions=decisions)
    answer = register.list_answer(idx, "What did Cabinet decide on 30 January 2025?", decisions)
    assert [s for s, _ in answer.sentences] == [
        "At Cabinet on 30 January 2025, 5. Libraries: RESOLVED that the library opening hours be extended.",
        "RESOLVED that the report be noted.",
    ]
    idx.close()


def test_what_meetings_that_are_not_in_the_papers_decided_is_declined_saying_why(helper):
    none_that_day = helper.ask("What did Cabinet decide on 2 February 2025?")
    assert none_that_day.abstained and not none_that_day.citations
    assert none_that_day.text == f"{REFUSAL} No Cabinet papers are from 2 February 2025."
    later = helper.ask("What has Cabinet decided since March 2025?")
    assert later.abstained and later.text == (f"{REFUSAL} None of the papers searched is dated on or after "
                                              "1 March 2025; the latest is dated 30 January 2025.")


def test_a_committee_the_papers_neither_come_from_nor_mention_is_flagged(helper):
    # each of its words is in the papers ("libraries", "committee"), the name is not
    answer = helper.ask("What did the Libraries Committee decide about school transport?")
    assert not answer.abstained
    assert answer.caveat == "No paper searched is from the Libraries Committee or mentions it; here is what they say about it."
    # the papers' own committees are answered unflagged
    assert helper.ask("What did the County Council decide about the Pay Policy Statement?").caveat is None


def test_a_name_with_a_word_no_paper_holds_is_declined_citing_nothing(helper):
    # "planning" is in none of the papers: nothing in them can say what that committee decided
    answer = helper.ask("What did the Planning Committee decide about library opening hours?")
    assert answer.abstained and not answer.citations and answer.caveat is None
    assert answer.text == f"{REFUSAL} No paper in the index mentions the Planning Committee."
    both = helper.ask("What did Estyn and the Trefelin Harbour Board say about library visits?")
    assert both.text == f"{REFUSAL} No paper in the index mentions Estyn or the Trefelin Harbour Board."
    # a capitalised place the papers hold is no reason to decline
    assert not helper.ask("What was said about library opening hours in Aberdyffryn and Trefelin?").abstained


SCHOOLS = """# Cabinet — Minutes

A meeting of the Cabinet was held in the Council Chamber on Thursday 30 January 2025 at 10.00 am.

## 4. Budget monitoring

Cabinet considered the budget monitoring report for the third quarter.

3. RESOLVED that Cabinet note the forecast overspend on Schools' Delegated Budgets of £30.4m.

## 5. Commissioning Plan for Education Provision

Members discussed the forecast need for school places: demand for secondary school places is rising
in the towns, while fewer primary places will be needed in the villages.

4. RESOLVED that Cabinet agree the Commissioning Plan for Education Provision 2025-29.
"""


def test_a_decision_question_is_led_by_the_decision_closing_the_debate_that_speaks_of_its_topic(tmp_path):
    from assistant import register

    a = assistant_over(tmp_path, {"cabinet-minutes-2025-01-30.md": SCHOOLS})
    try:
        question = "What did Cabinet agree about school places?"
        # the budget resolution shares "schools" with the question, not what it is about
        budget = next(r for r in a.index.catalog.resolutions() if "Delegated" in r.text)
        assert register.best_of(a.index, question, [budget]) is None
        answer = a.ask(question, infer=False)
        assert not answer.abstained and answer.caveat is None
        # the search finds the debate; the decision closing its item is put before it
        assert answer.hits[0].passage.text.startswith("4. RESOLVED that Cabinet agree the Commissioning Plan")
        assert "school places" in answer.hits[1].passage.text
        assert any("Commissioning Plan" in c.passage.text for c in answer.citations)
        # listed, the meeting is named once and each decision's own paragraph number is left out
        listed = a.ask("What did Cabinet decide on 30 January 2025?")
        assert [s for s, _ in listed.sentences] == [
            "At Cabinet on 30 January 2025, 4. Budget monitoring: RESOLVED that Cabinet note the forecast overspend "
            "on Schools' Delegated Budgets of £30.4m.",
            "5. Commissioning Plan for Education Provision: RESOLVED that Cabinet agree the Commissioning Plan for "
            "Education Provision 2025-29.",
        ]
    finally:
        a.close()


TRANSPORT_MINUTES = """# Cabinet — Minutes

A meeting of the Cabinet was held in the Council Chamber on Thursday 9 January 2025 at 10.00 am.

## 6. Devolution

Members said devolution would give Kent a stronger voice in land use and transport planning, and a
ring-fenced budget for transport that would improve bus services and repair roads.

5. RESOLVED that Cabinet agree to ask to join the Devolution Priority Programme.
"""
TRANSPORT_REPORT = """# Quarterly performance report

## Highways and transport

Local Transport Plan 5 approved by County Council: the final draft was presented to County Council on
19 December 2024 and members voted to approve its adoption.
"""


def test_a_decision_question_whose_topic_no_minutes_say_is_not_pushed_to_the_minutes(tmp_path):
    from assistant import register

    a = assistant_over(tmp_path, {"cabinet-minutes-2025-01-09.md": TRANSPORT_MINUTES,
                                  "performance-report-2025-03-04.md": TRANSPORT_REPORT})
    try:
        question = "What was agreed about the Local Transport Plan?"
        # the minutes say "transport planning", never "transport plan": they do not speak of it
        assert not register.minutes_speak_of(a.index, question)
        assert register.minutes_speak_of(a.index, "What did Cabinet agree about the devolution programme?")
        assert register.minutes_speak_of(a.index, "What did Cabinet agree?")  # no topic named
        hits = a.search(question)
        assert hits[0].passage.doc == "papers/performance-report-2025-03-04.md"
    finally:
        a.close()


NUMBERED_MINUTES = """# Cabinet — Minutes

A meeting of the Cabinet was held in the Council Chamber on Thursday 30 January 2025 at 10.00 am.

## 5. 24/00109 - Library opening hours

Members discussed the decision on the hours of the three town libraries.

RESOLVED that extended library opening hours be approved, to take effect from 1 September 2025.

## 6. 24/00110 - School transport

Members discussed the decision on the school transport policy review and its call-in, and from what date
any change to school transport would take effect: the date a change takes effect must give families a term's notice.

The Leader noted that decision 24/00093 on the bandstand, taken by the Cabinet Member, had been called in.

RESOLVED that the school transport decision be deferred to the meeting on 13 March 2025.
"""


def test_a_decision_asked_for_by_its_number_is_quoted_under_its_item(tmp_path):
    # Kent: "What did Cabinet decide on decision 24/00109?" was answered with every decision of the
    # meeting (a number is no topic word), then, once that was fixed, with the minutes' lines on the
    # call-in of decision 24/00093, richer in the word "decision" than the RESOLVED paragraph
    a = assistant_over(tmp_path, {"cabinet-minutes-2025-01-30.md": NUMBERED_MINUTES})
    try:
        answer = a.ask("What did Cabinet decide on decision 24/00109?")
        assert answer.text.startswith("At Cabinet on 30 January 2025, 5. 24/00109 - Library opening hours")
        assert "extended library opening hours be approved" in answer.text
        assert "school transport" not in answer.text
        # a follow-up carries the number: its passages are led by that decision, not by the debate
        # richest in the follow-up's words
        later = a.ask("From what date does that take effect?", history=["What did Cabinet decide on decision 24/00109?"])
        assert "1 September 2025" in later.hits[0].passage.text and "1 September 2025" in later.text
        # a number no decision carries is not read as "what did Cabinet decide" at that meeting
        other = a.ask("What did Cabinet decide on decision 24/00111?")
        assert other.abstained and not other.citations
        # a number the papers speak of that no decision carries: what they say, saying no decision is about it
        spoken = a.ask("What did Cabinet decide on 24/00093?")
        assert not spoken.abstained and spoken.caveat == NO_DECISION
        assert "24/00093" in spoken.text and "be approved" not in spoken.text
    finally:
        a.close()
