"""Which sentences the extractive answerer keeps: the best, what reads on from the best, list gaps."""

from __future__ import annotations

import pytest

from assistant.extractive import (
    _ELLIPTICAL, Candidate, ExtractiveAnswerer, _candidates, _comes_after, _gives_a_day_or_month, _joined, _question_end, _unreadable,
    courtesy, heading_like, named_speakers, question_terms,
)
from cofnod.settings import AnswerSettings
from cofnod.types import Hit
from tests.conftest import make_passages


def _select(scored: list[tuple[str, int, int, float]], **settings) -> list[str]:
    """(text, passage rank, place in passage, score) in; the texts kept, in reading order, out."""
    answerer = ExtractiveAnswerer(AnswerSettings(**settings), embedder=None, idf=None)
    return [c.text for c in answerer._select([Candidate(t, r, p, s) for t, r, p, s in scored])]


OVERSPEND = "The Chief Finance Officer explained that Children's Services had overspent by £6.1m."
OF_THIS = "Of this, £4.3m related to residential placements outside the county."
HALL = "The hall was well used and hosted a weekly Family Hub session."


def test_the_sentence_going_on_from_the_best_one_follows_it():
    kept = _select([(OVERSPEND, 0, 0, 0.9), (OF_THIS, 0, 1, 0.2), (HALL, 1, 0, 0.7)])
    assert kept == [OVERSPEND, OF_THIS, HALL]


def test_what_happened_at_the_meeting_just_named_follows_it():
    head = "At the Scrutiny Committee held on 29th January 2025, Members considered the call-in of Decision 24/00093."
    then = "At that meeting, Members agreed to refer the decision to full Council."
    assert _select([(head, 0, 0, 0.9), (then, 0, 1, 0.2), (HALL, 1, 0, 0.7)]) == [head, then, HALL]


def test_the_rest_of_a_sentence_cut_at_a_semicolon_follows_it():
    head = "RESOLVED that Cabinet agree to transfer the service to Adult Social Care from 1 April 2025;"
    rest = "and that delegated authority be given to the Corporate Director to implement the decision."
    assert _select([(head, 0, 0, 0.9), (rest, 0, 1, 0.3), (HALL, 1, 0, 0.7)]) == [head, rest, HALL]


def test_a_sentence_that_does_not_go_on_is_left_to_its_own_score():
    fresh = "Residential placements outside the county cost £4.3m."
    assert _select([(OVERSPEND, 0, 0, 0.9), (fresh, 0, 1, 0.2), (HALL, 1, 0, 0.7)]) == [OVERSPEND, HALL]


def test_only_the_best_sentence_brings_its_follower():
    # the runner-up's follower would crowd out a better sentence
    runner_up = "This affects the 925 people receiving a package of support."
    follower = "This includes a wholesale transfer of the workforce."
    kept = _select([(OVERSPEND, 0, 0, 0.9), (runner_up, 1, 0, 0.8), (follower, 1, 1, 0.3), (HALL, 2, 0, 0.7)])
    assert follower not in kept and kept == [OVERSPEND, runner_up, HALL]


def test_the_follower_counts_against_the_limits():
    kept = _select([(OVERSPEND, 0, 0, 0.9), (OF_THIS, 0, 1, 0.2), (HALL, 1, 0, 0.7)], max_sentences=2)
    assert kept == [OVERSPEND, OF_THIS]
    kept = _select([(OVERSPEND, 0, 0, 0.9), (OF_THIS, 0, 1, 0.2), (HALL, 1, 0, 0.7)], max_sentences=1)
    assert kept == [OVERSPEND]


def test_a_list_the_best_sentence_opens_brings_its_items():
    head = "Of the 38 KPIs in the report, the latest RAG ratings are as follows:"
    items = ["• 17 are rated Green.", "• 12 are rated Amber.", "• Nine are rated Red."]
    kept = _select([(head, 0, 0, 0.9), *((t, 0, i + 1, 0.1) for i, t in enumerate(items)), (HALL, 1, 0, 0.7)],
                   max_words=200, max_sentences=6)
    assert kept == [head, *items, HALL]


def test_an_item_left_out_between_two_kept_items_is_put_back():
    items = ["RESOLVED that: (i) the decision be deferred to the meeting on 15 July 2025",
             "(ii) officers complete a full equality impact assessment",
             "(iii) the current policy continue to apply for 2025-26."]
    # the resolution is not the best sentence, so (ii) does not come in as a follower of (i)
    kept = _select([(OVERSPEND, 1, 0, 1.0), (items[0], 0, 0, 0.95), (items[1], 0, 1, 0.28), (items[2], 0, 2, 0.69)])
    assert kept == [OVERSPEND, *items]
    # a plain sentence between them is not a missing item
    prose = [items[0], "Members thanked the officers for their work on the consultation.", items[2]]
    kept = _select([(OVERSPEND, 1, 0, 1.0), (prose[0], 0, 0, 0.95), (prose[1], 0, 1, 0.28), (prose[2], 0, 2, 0.69)])
    assert kept == [OVERSPEND, prose[0], prose[2]]


def test_a_kept_list_item_brings_the_sentence_that_opens_its_list():
    head = "RESOLVED that Cabinet agree to:"
    items = ["(a) Adopt the Integrated Care Strategy Delivery Plan on behalf of Kent County Council",
             "(b) Delegate authority to the Director of Public Health to make non-substantial revisions."]
    # the items outscore their lead-in: without it they would not say they were resolved
    kept = _select([(head, 0, 0, 0.3), (items[0], 0, 1, 0.9), (items[1], 0, 2, 0.8), (HALL, 1, 0, 0.7)])
    assert kept == [head, *items, HALL]
    # an item's lead-in is looked for over the items before it (which then come back as a gap
    # between two kept sentences), and only where it opens a list
    kept = _select([(head, 0, 0, 0.3), (items[0], 0, 1, 0.2), (items[1], 0, 2, 0.9), (HALL, 1, 0, 0.7)])
    assert kept == [head, *items, HALL]
    plain = "Mr Gough introduced the plan."
    kept = _select([(plain, 0, 0, 0.3), (items[0], 0, 1, 0.9), (HALL, 1, 0, 0.7)])
    assert kept == [items[0], HALL]


def test_the_answer_opens_with_the_passage_of_its_best_sentence():
    fieldwork = "Inspection fieldwork: 13 to 24 January 2025."
    unregistered = "Inspectors found that four children were cared for in unregistered settings during 2024."
    read = "Inspectors read 64 case files and spoke with 41 children."
    kept = _select([(unregistered, 0, 0, 0.6), (fieldwork, 1, 0, 0.7), (read, 1, 1, 0.5)])
    assert kept == [fieldwork, read, unregistered]


def test_a_chosen_items_lead_in_is_not_crowded_out_by_lesser_sentences():
    lead = "RESOLVED that: (i) the inspection report be noted;"
    item = "(ii) the action plan be approved, with a foster carer target of 8 households in 2025-26;"
    others = [f"The committee discussed foster carer recruitment in area {n} of the county." for n in range(3)]
    kept = _select([(lead, 0, 0, 0.3), (item, 0, 1, 0.9)] + [(t, n + 1, 0, 0.8 - n / 20) for n, t in enumerate(others)])
    # the lead-in without the first item the splitter left on it: that item is not the one chosen
    assert kept == ["RESOLVED that: …", item, others[0], others[1]]
    whole = "RESOLVED that Cabinet agree to:"
    assert _select([(whole, 0, 0, 0.3), (item, 0, 1, 0.9)])[0] == whole


def test_a_lead_in_and_its_item_read_as_one_sentence():
    bare, item, other = (Candidate("RESOLVED that: …", 0, 0), Candidate("(iv) the Ty Derw project be added.", 0, 3),
                         Candidate("Plans for Ty Derw are at an early stage.", 1, 0))
    assert [c.text for c in _joined([bare, item, other])] == [
        "RESOLVED that: … (iv) the Ty Derw project be added.", other.text]
    # not across passages, nor backwards
    assert len(_joined([bare, Candidate(item.text, 1, 3)])) == 2
    assert len(_joined([Candidate("RESOLVED that:", 0, 5), item])) == 2


def test_a_sentence_going_on_from_the_one_before_brings_it():
    # "These ..." cannot be read without what it goes on from, wherever that sentence scores
    these = "These pressures had been partly offset by an underspend of £3.0m on corporate budgets."
    kept = _select([(OVERSPEND, 0, 0, 0.2), (these, 0, 1, 0.9), (HALL, 1, 0, 0.7)])
    assert kept == [OVERSPEND, these, HALL]
    # only where the sentence before is in the same passage
    assert _select([(OVERSPEND, 1, 0, 0.2), (these, 0, 1, 0.9), (HALL, 2, 0, 0.7)]) == [these, HALL]


LEAD_IN = "These included that Blaenau Gwent:"
POSITIVES = "The inspectors reported back on the many positive aspects and good work within the service."
WORKFORCE = "• Has a committed workforce"


def test_a_bare_lead_in_is_quoted_only_with_its_items():
    # chosen for the names in it, after a better sentence: left out, it says nothing alone
    assert _select([(HALL, 1, 0, 0.9), (LEAD_IN, 0, 1, 0.8), (OVERSPEND, 2, 0, 0.7)]) == [HALL, OVERSPEND]
    # nor does it follow the best sentence on its own
    assert _select([(POSITIVES, 0, 0, 0.9), (LEAD_IN, 0, 1, 0.3), (HALL, 1, 0, 0.7)]) == [POSITIVES, HALL]
    # as the best sentence, it brings its items
    kept = _select([(LEAD_IN, 0, 0, 0.9), (WORKFORCE, 0, 1, 0.2), (HALL, 1, 0, 0.7)])
    assert kept == [LEAD_IN, WORKFORCE, HALL]


def test_an_item_is_left_out_where_its_lead_in_has_no_room():
    head = "RESOLVED that Cabinet agree to:"
    item = "(a) Adopt the Integrated Care Strategy Delivery Plan on behalf of Kent County Council"
    scored = [(HALL, 1, 0, 0.9), (OVERSPEND, 2, 0, 0.85), (item, 0, 1, 0.8), (head, 0, 0, 0.1)]
    assert _select(scored, max_sentences=3) == [HALL, OVERSPEND]
    assert _select(scored, max_sentences=4) == [HALL, head, item, OVERSPEND]
    # the best sentence is kept whatever the room: an answer of one item is better than none
    assert _select([(item, 0, 1, 0.9), (head, 0, 0, 0.1)], max_sentences=1) == [item]


def test_the_items_of_a_flattened_list_keep_their_bullets():
    text = ("These included that Blaenau Gwent: • Has a committed workforce • Has responded to the challenge of lack "
            "of placements for Looked After Children by employing a recruitment officer • Promotes stability, safety "
            "and the wellbeing of Looked After Children and care leavers • Has high aspirations for Looked After Children")
    hits = [Hit(p, 1.0) for p in make_passages("press.txt", [text])[1]]
    texts = [c.text for c in _candidates(hits, top=1)]
    assert texts[0] == LEAD_IN and texts[1] == WORKFORCE
    assert all(t.startswith("• ") for t in texts[1:]) and len(texts) == 5


def test_a_headline_on_a_line_of_its_own_a_date_alone_or_a_blank_page_is_not_quoted():
    text = ("Positive report into Children’s Services\nThe Care Inspectorate Wales spent two weeks inspecting Social "
            "Services, Children’s Services, earlier this year.")
    dated = "03000 416814\nWednesday, 5 March 2025"
    hits = [Hit(p, 1.0) for p in make_passages("press.txt", [text, dated, "This page is intentionally left blank"])[1]]
    texts = [c.text for c in _candidates(hits, top=3)]
    assert texts == ["The Care Inspectorate Wales spent two weeks inspecting Social Services, Children’s Services, "
                     "earlier this year."]
    # the same headline with a sentence's own end is a sentence, and is offered
    hits = [Hit(p, 1.0) for p in make_passages("press.txt", [text.replace("Services\n", "Services.\n", 1)])[1]]
    assert [c.text for c in _candidates(hits, top=1)][0] == "Positive report into Children’s Services."


def test_a_cover_field_that_gives_a_date_is_quoted_though_it_has_no_stop():
    cover = "Inspection fieldwork: 13 to 24 January 2025\nKey decision: YES\nDate of publication: 3 April 2025"
    hits = [Hit(p, 1.0) for p in make_passages("report.pdf", [cover])[1]]
    # "Key decision: YES" is a label and its tick; the last line is quoted as any last line is
    assert [c.text for c in _candidates(hits, top=1)] == [
        "Inspection fieldwork: 13 to 24 January 2025", "Date of publication: 3 April 2025"]


MINUTES_APPROVED = "RESOLVED that the minutes of the meeting held on 9 January 2025 were a correct record and be signed by the Chair."
HUBS_NOTED = "The Leader gave an update on the Family Hub awareness survey, which closes on 31 March 2025."


@pytest.fixture(scope="module")
def real():
    from index.embed import get_embedder

    return ExtractiveAnswerer(AnswerSettings(), get_embedder(), idf=lambda term: 1.0)


def _scores(answerer, question: str, first: str = MINUTES_APPROVED, second: str = HUBS_NOTED) -> tuple[float, float]:
    """The answerer's scores of two sentences, ranked first and second by the search, for the question."""
    cands = [Candidate(first, 0, 0), Candidate(second, 1, 0)]
    answerer._score(question, cands)
    return cands[0].score, cands[1].score


def test_approving_the_last_minutes_is_marked_down_unless_asked_about(real):
    approved, hubs = _scores(real, "What did Cabinet resolve on 9 January 2025 about the Family Hubs, and when?")
    assert approved < hubs
    approved, hubs = _scores(real, "Were the minutes of 9 January 2025 signed as a correct record?")
    assert approved > hubs


MASON = ("Councillor John Mason, the Council's Executive Member for Social Services said: \"We welcome this report "
         "into Children's Services which contains so many positives in how we work to protect and nurture children.")
INTERVIEWED = ("As part of the inspection CIW interviewed children; parents and relatives; employees, councillors, senior "
               "officers, the Director of Social Services and the Managing Director of the Council.")


EARMARKED = ("\u201cThere are some areas earmarked for improvement and we see this as a real opportunity to take a "
             "close look at the way in which Children's Services are delivered, and will work hard to make the "
             "necessary improvements.\u201d")


def test_a_follow_up_pointing_back_chooses_sentences_by_its_own_words_too(real):
    # read after the question before it, whose words ("councillor", "commented", "report") the welcome holds
    chained = ("Which councillor commented on the Care Inspectorate Wales report into Blaenau Gwent's Children's "
               "Services? What did he say about the areas marked for improvement?")
    earmarked, welcome = _scores(real, chained, EARMARKED, MASON)
    assert earmarked > welcome


def test_a_who_question_prefers_a_sentence_naming_someone(real):
    # the sentence naming a councillor, from the third passage, over the first's with the word "councillors"
    cands = [Candidate(INTERVIEWED, 0, 0), Candidate(MASON, 2, 0)]
    real._score("Which councillor commented on the Care Inspectorate Wales report into Children's services?", cands)
    assert cands[1].score > cands[0].score


FRONT_SHEET = ("Thursday, 30th January, 2025, at 10.00 am Ask for: Georgina Little Council Chamber, Sessions House, "
               "County Hall, Maidstone Telephone: Tel: 03000 414043 Email: georgina.little@kent .gov.uk")
LIBRARIES = "Over 771,600 visits to Kent's Libraries took place in Quarter 3, with events such as Maidstone LitFest."

COVER_SHEET = ("To: Cabinet - 30 January 2025 Subject: Transfer the 18-25 section of the Strengthening Independence "
               "Service from the Children Young People and Education Directorate to the Adult Social Care and Health "
               "Directorate")
ATTACHMENT = "Appendix A - Supported lodgings scheme, item 6 (PDF, 148 KB)"
PROTOCOL = ("Since then, a protocol agreed with the Housing Options service meant that any care leaver at risk of "
            "homelessness would be offered one of the Council's six training flats or a supported lodgings place.")
LISTED_AGENDA = "c) Agenda for Scrutiny Committee on Wednesday, 29th January, 2025, 10.00 am"
CALLED_IN = ("Following the debate, the Scrutiny Committee unanimously agreed that implementation of the decision "
             "be postponed pending review by the full Council.")
DEFINITION = ("The Strengthening Independence Service (SIS) currently oversees transitions between 18 and 25 for those "
              "with learning and physical disabilities.")


@pytest.mark.parametrize("question, furniture, answer, marked_down", [
    # a front sheet's contact lines, unless the question is about the meeting
    ("When will the new library in Maidstone open?", FRONT_SHEET, LIBRARIES, True),
    ("When and where is the Cabinet meeting in Maidstone held?", FRONT_SHEET, LIBRARIES, False),
    # a report's cover-sheet fields, unless the question asks what they say
    ("What is the Strengthening Independence Service?", COVER_SHEET, DEFINITION, True),
    ("What was the subject of the report to Cabinet on the Strengthening Independence Service?", COVER_SHEET,
     DEFINITION, False),
    # a link to an attachment, unless the question asks after the attachments
    ("What did the Corporate Parenting Committee recommend about the supported lodgings allowance?", ATTACHMENT,
     PROTOCOL, True),
    ("Which appendix describes the supported lodgings scheme?", ATTACHMENT, PROTOCOL, False),
    # an entry of a report's list of background documents, likewise
    ("What did the Scrutiny Committee say about the Family Hubs consultation?", LISTED_AGENDA, CALLED_IN, True),
    ("Which background documents does the call-in report list?", LISTED_AGENDA, CALLED_IN, False),
])
def test_a_paper_s_furniture_is_marked_down_unless_the_question_asks_what_it_says(real, question, furniture, answer,
                                                                                   marked_down):
    first, second = _scores(real, question, furniture, answer)
    assert (first < second) is marked_down


SURVEY = "• Family Hub awareness survey – closes 31st March 2025"
CALL_IN = ("(a) At the Scrutiny Committee held on 29th January 2025, Members considered the call-in of Decision - "
           "24/00093 - Future of Commissioned Services at Seashells and Millmead Family Hubs .")


def test_a_decision_question_asks_the_date_of_a_decision(real):
    # both give a date and name the Family Hubs; only the second is about a decision on them
    survey, call_in = _scores(real, "What did Cabinet resolve on Family Hubs, and when?", SURVEY, CALL_IN)
    assert call_in > survey
    # asked only when, the survey's date is as good as any
    survey, call_in = _scores(real, "When does the Family Hub awareness survey close?", SURVEY, CALL_IN)
    assert survey > call_in


FIELDWORK = "Inspection fieldwork: 13 to 24 January 2025"
PUBLISHED = "Date of publication: 3 April 2025"
ACTION_PLAN = "CIW expects the local authority to publish an action plan within three months of this report."


@pytest.mark.parametrize("question, wanted", [
    # the field labelled with what is asked the date of, though the other is nearer in meaning
    ("When was the inspection report published?", PUBLISHED),
    ("When was the inspection?", FIELDWORK),
])
def test_a_when_question_prefers_the_dated_field_labelled_with_what_it_asks(real, question, wanted):
    cands = [Candidate(FIELDWORK, 0, 0), Candidate(PUBLISHED, 0, 1), Candidate(ACTION_PLAN, 1, 0)]
    real._score(question, cands)
    assert max(cands, key=lambda c: c.score).text == wanted


SPEAKERS = {"Kirsty Williams AM", "Lynne Neagle AM", "Dafydd Rowlands (Head of Children's Services)"}


@pytest.mark.parametrize("question, named", [
    ("What did Kirsty Williams say about reopening schools?", {"Kirsty Williams AM"}),
    ("What did Dafydd Rowlands tell the committee about foster carers?",
     {"Dafydd Rowlands (Head of Children's Services)"}),
    ("What did Williams say?", set()),  # a surname alone could be anyone's
    ("What did the Minister say about reopening schools?", set()),
])
def test_named_speakers(question, named):
    assert named_speakers(question, SPEAKERS) == named


def test_what_the_named_speaker_said_gains_the_speaker_bonus(real):
    asked = "So could you outline when you think that schools might reopen to more pupils?"
    said = "Schools will reopen to more pupils once the testing and tracing system is in place."
    question = "What did Kirsty Williams say about when schools might reopen?"
    cands = [Candidate(asked, 0, 0, speaker="Lynne Neagle AM"), Candidate(said, 1, 0, speaker="Kirsty Williams AM")]
    real._score(question, cands)
    scored = [c.score for c in cands]
    plain = ExtractiveAnswerer(AnswerSettings(), real.embedder, idf=real.idf)
    plain.w_speaker = 0.0
    plain._score(question, cands)
    assert scored[0] == pytest.approx(cands[0].score)  # the other speaker gains nothing
    assert scored[1] - cands[1].score == pytest.approx(real.w_speaker)


def test_transcript_sentences_say_who_said_them(real):
    _, passages = make_passages("t.txt", [
        "Lynne Neagle AM: Can I ask about reopening schools? When will more pupils return?",
        "Kirsty Williams AM: Schools will reopen to more pupils once testing is in place. That is the advice.",
    ])
    passages[0].speaker, passages[1].speaker = "Lynne Neagle AM", "Kirsty Williams AM"
    passages[1].text = "Schools will reopen to more pupils once testing is in place. That is the advice I have had."
    answer = real.answer("What did Kirsty Williams say about schools reopening to more pupils?",
                         [Hit(p, 1.0) for p in reversed(passages)])
    # a label cited to nothing (it is the record's, not a quote), then what she said
    assert answer.sentences[:2] == [("Kirsty Williams AM:", []),
                                    ("Schools will reopen to more pupils once testing is in place.", [1])]
    assert answer.text.startswith("Kirsty Williams AM: Schools will reopen to more pupils once testing is in place. [1]")
    # once per run of one speaker's sentences, and not where the text names the speaker already
    labels = [s for s, ns in answer.sentences if not ns]
    assert labels.count("Kirsty Williams AM:") == 1 and len(labels) == len(set(labels))
    assert "Lynne Neagle AM:" not in labels


def test_what_a_named_speaker_said_is_answered_with_their_words_alone(real):
    _, passages = make_passages("t.txt", [
        "When will schools reopen to more pupils? Will the reopening of schools be phased?",
        "Schools will reopen to more pupils in June. The reopening of schools will be phased by year.",
    ])
    passages[0].speaker, passages[1].speaker = "Lynne Neagle AM", "Kirsty Williams AM"
    question = "What did Kirsty Williams say about the reopening of schools to more pupils?"
    answer = real.answer(question, [Hit(p, 1.0) for p in passages])
    assert [s for s, ns in answer.sentences if ns] == [
        "Schools will reopen to more pupils in June.", "The reopening of schools will be phased by year."]
    assert [c.passage.speaker for c in answer.citations] == ["Kirsty Williams AM"]
    # with one sentence of hers, the question put to her stays beside it
    passages[1].text = "Schools will reopen to more pupils in June, and the reopening will be phased by year."
    answer = real.answer(question, [Hit(p, 1.0) for p in passages])
    assert {c.passage.speaker for c in answer.citations} == {"Lynne Neagle AM", "Kirsty Williams AM"}


def test_a_count_further_down_answers_a_how_many_question_the_first_passages_do_not(real):
    count = "The number of non-UASC children in care decreased by 25 in the Quarter to 1,409."
    near = ["The Director of Children's Services at KCC has statutory duties under the Children Act 2004.",
            "These duties involve the delivery of social care functions for children and young people.",
            "2.3 The number of children on the rolls of Kent schools is driven by the school-aged population.",
            "The Corporate Director oversees a group falling outside their statutory responsibilities.",
            "Young adults requiring assessment are supported by the Strengthening Independence Service."]
    question = "How many children are in care in Kent?"
    _, passages = make_passages("qpr.pdf", near + ["The council's fostering service recruited carers.", count])
    answer = real.answer(question, [Hit(p, 1.0) for p in passages])
    assert count in answer.text and answer.citations[-1].passage.text == count
    # where the first five passages give such a count, the answer keeps to them
    near[3] = "Kent had 1,400 children in care at the end of the Quarter."
    _, passages = make_passages("qpr.pdf", near + ["The council's fostering service recruited carers.", count])
    answer = real.answer(question, [Hit(p, 1.0) for p in passages])
    assert near[3] in answer.text and count not in answer.text


class _Papers:
    """The index's view of the papers, for hand-made passages: their own words as asked."""

    def __init__(self, passages):
        self.by_id = {p.id: p for p in passages}

    def in_papers_words(self, question):
        return question

    def spelled_out(self, text):
        return text

    def held_in_other_words(self, question, text):
        return set()

    def section(self, doc, number):
        return []

    def passages(self, ids):
        return {i: self.by_id[i] for i in ids if i in self.by_id}

    def doc_passages(self, doc):
        return sorted((p for p in self.by_id.values() if p.doc == doc), key=lambda p: p.seq)


def test_a_list_item_opening_its_passage_is_read_after_the_lead_in_of_the_passage_before(real):
    _, passages = make_passages("minutes.pdf", [
        "(c) In regard to consultations, Mr Jeffrey advised of the following: • Changes to wellbeing services "
        "• Postural Stability • School transport",
        "• Family Hub awareness survey – closes 31st March 2025",
        "• Otter Street EV charging",
    ])
    answerer = ExtractiveAnswerer(AnswerSettings(), real.embedder, real.idf, papers=_Papers(passages))
    # the search brought the item, not the passage with its lead-in (a page break between them)
    answer = answerer.answer("What is happening with the Family Hub survey?", [Hit(passages[1], 1.0)])
    lead = "(c) In regard to consultations, Mr Jeffrey advised of the following: …"
    assert [s for s, _ in answer.sentences][:2] == [lead, "• Family Hub awareness survey – closes 31st March 2025"]
    assert [c.passage.id for c in answer.citations] == [passages[0].id, passages[1].id]
    # a passage before that does not open a list brings nothing
    passages[0].text = "Mr Jeffrey thanked the officers for the consultation work."
    answer = answerer.answer("What is happening with the Family Hub survey?", [Hit(passages[1], 1.0)])
    assert [c.passage.id for c in answer.citations] == [passages[1].id]


def test_a_lead_in_that_ends_its_passage_is_followed_by_the_items_in_the_passages_after(real):
    _, passages = make_passages("call-in.pdf", [
        "6. Following the debate, the Scrutiny Committee unanimously agreed the following motion:",
        "a. That implementation of Decision 24/00093 be postponed pending review by the full Council.",
        "b. That the Cabinet Member attend the Committee's next meeting.",
        "7. Comments expressed during the debate are summarised below.",
        "d. Clarification was sought over differing usage figures.",
    ])
    answerer = ExtractiveAnswerer(AnswerSettings(), real.embedder, real.idf, papers=_Papers(passages))
    # the search brought the lead-in and the second item, not the first (a page break between them)
    answer = answerer.answer("What motion did the Scrutiny Committee agree on the call-in?",
                             [Hit(passages[0], 1.0), Hit(passages[2], 0.5)])
    said = [s for s, _ in answer.sentences]
    at = said.index("Following the debate, the Scrutiny Committee unanimously agreed the following motion:")
    # both items after it, in their order, each cited to its own passage; not paragraph 7 nor an item of another list
    assert said[at + 1:at + 3] == [
        "That implementation of Decision 24/00093 be postponed pending review by the full Council.",
        "That the Cabinet Member attend the Committee's next meeting."]
    assert not any("Comments expressed" in s or "Clarification" in s for s in said)
    assert {c.passage.id for c in answer.citations} == {p.id for p in passages[:3]}


@pytest.mark.parametrize("marker, last, follows", [
    ("a", None, True), ("1", None, True), ("i", None, True), ("•", None, True), ("c", None, False),
    ("b", "a", True), ("B", "a", False), ("4", "3", True), ("6", "3", False), ("ii", "i", True), ("iv", "iii", True),
    ("j", "i", True), ("i", "h", True), ("•", "•", True), ("•", "a", False), ("2", "b", False),
])
def test_which_item_marker_goes_on_a_list(marker, last, follows):
    assert _comes_after(marker, last) is follows


@pytest.mark.parametrize("text, speaker, polite", [
    ("Kirsty Williams AM: Thank you once again for that.", "Kirsty Williams AM", True),
    ("Thank you very much, Lynne.", None, True),
    ("Okay, thank you, Chair.", None, True),
    ("Diolch yn fawr.", None, True),
    ("Thank you for the report on Family Hubs.", None, False),
    ("Thanks to the Welsh Government, the grant covers every school.", None, False),
    ("Well, first of all, Dawn, you're absolutely right: schools should stay in contact.", None, False),
    ("First of all, thank you very much, Siân, for that important question.", None, True),  # a name with a circumflex
    ("Diolch, Llŷr.", None, True),
    ("Thank you for the question on placements.", None, False),
    ("Bore da, everyone, and welcome back.", None, True),
    ("Good afternoon and welcome, everyone.", None, True),
    ("Welcome to the new foster carers who joined us in March.", None, False),
])
def test_a_courtesy_is_told_from_a_sentence_that_says_something(text, speaker, polite):
    assert courtesy(text, speaker) is polite


def test_a_turn_opening_with_thanks_offers_what_follows_not_the_thanks():
    _, passages = make_passages("t.txt", [
        "Kirsty Williams AM: Thank you very much, Suzy. There will be no change to student support payments. "
        "Kirsty Williams AM: Yes, agreed.",
    ])
    passages[0].speaker = "Kirsty Williams AM"
    offered = [c.text for c in _candidates([Hit(passages[0], 1.0)], top=5)]
    # the thanks, and a sentence of fewer than four words once its label is set aside, are not offered
    assert offered == ["There will be no change to student support payments."]


def test_a_numbered_list_keeps_its_numbers_at_the_start_of_its_items():
    from assistant.extractive import _numbered
    from ingest.sentences import split_sentences

    text = ("RESOLVED that Cabinet: 1. Agree to submit a request to Government; 2. Note that elections "
            "follow in May 2026; and 3. Agree the next steps. The Leader thanked officers.")
    assert _numbered(split_sentences(text)) == [
        "RESOLVED that Cabinet: 1. Agree to submit a request to Government;",  # a short lead-in keeps its first item
        "2. Note that elections follow in May 2026; and",
        "3. Agree the next steps.",
        "The Leader thanked officers.",
    ]
    text = "The Leader gave an update on the following matters: 1. The budget was set. 2. The roof was fixed."
    assert _numbered(split_sentences(text)) == [
        "The Leader gave an update on the following matters:", "1. The budget was set.", "2. The roof was fixed."]
    # a number that ends a sentence is left alone
    assert _numbered(split_sentences("Vacancies fell to 12. Then they rose.")) == ["Vacancies fell to 12.", "Then they rose."]
    # the number a paragraph opens with is not moved into its first sentence
    assert _numbered(["3.", "RESOLVED that Cabinet note the report."]) == ["3.", "RESOLVED that Cabinet note the report."]


@pytest.mark.parametrize("question, terms", [
    # how the question is put is not what the papers must say: "carried out", "took place"
    ("When was the inspection carried out?", {"inspect"}),
    ("When was the review conducted?", {"review"}),
    ("Who took the decision on the library?", {"decis", "librari"}),
])
def test_the_wording_of_a_question_is_not_a_key_term(question, terms):
    assert set(question_terms(question, lambda t: 1.0)) == terms


@pytest.mark.parametrize("text, dated", [
    ("Inspection fieldwork: 13 to 24 January 2025.", True),
    ("Ty Nant opened in September 2024.", True),
    ("Four children were placed in unregistered settings during 2024.", False),  # a year dates nothing
    ("The budget for 2025-26 is £12m.", False),
])
def test_a_when_question_prefers_a_sentence_giving_a_day_or_month(text, dated):
    assert _gives_a_day_or_month(text) is dated


@pytest.mark.parametrize("text, unreadable", [
    ("e Budget Revenu e Forecas t Revenu e Varianc e Education & Special Educational Needs 125.6 120.6 -5.0 "
     "Integrated Children's Services 300.8 295.5 -5.3 Total 430.7 420.8 -9.9", True),
    ("10.1 Commissioning Plan https://www.kent.gov.uk/education-and-children/schools/educationprovision/plan", True),
    ("The Council is forecasting a revenue overspend of £23.3m (excluding schools).", False),
    ("In the year to 31 December 2024, 9% of looked-after children had three or more placement moves, "
     "compared with 7% in the previous year.", False),
])
def test_a_table_row_or_a_bare_link_is_not_read_as_a_sentence(text, unreadable):
    assert _unreadable(text) is unreadable


def test_a_sentence_said_twice_is_quoted_once_whatever_its_paragraph_number():
    body = "8.1 Cabinet is asked to agree the Commissioning Plan for Education Provision in Kent 2025-29."
    summary = "Cabinet is asked to agree the Commissioning Plan for Education Provision in Kent 2025-29."
    assert _select([(body, 0, 0, 0.9), (summary, 1, 0, 0.85), (HALL, 2, 0, 0.7)]) == [body, HALL]



@pytest.mark.parametrize("text, heading", [
    ("All figures in £m Key Service Revenue Budget Revenue Forecast Revenue Variance Summary Detail "
     "English National Concessionary Travel Scheme (ENCTS)", True),
    ("Subject: Cabinet reconsideration of Decision 24/00093 - Future of Commissioned Services at Seashells "
     "and Millmead Family Hubs", True),
    ("The Growth Economic and Transport Directorate was projected to overspend by £6.3 million.", False),
    ("Appendix A: Corporate Risk Register", False),  # too short to tell
])
def test_a_header_row_or_title_is_told_from_a_sentence(text, heading):
    assert heading_like(text) is heading


def test_a_header_row_naming_what_is_asked_is_marked_down(real):
    header = "Revenue Budget Forecast Variance Summary Detail English National Concessionary Travel Scheme"
    reason = "The national concessionary travel scheme overspend is due to the new reimbursement calculator."
    cands = [Candidate(header, 0, 0), Candidate(reason, 1, 0)]
    real._score("Why is the English National Concessionary Travel Scheme overspending?", cands)
    assert cands[1].score > cands[0].score


@pytest.mark.parametrize("text, section", [
    ("1.4 We have identified five areas for improvement, set out in section 7.", "7"),
    ("The savings are as set out in section 4 of this report.", "4"),
    ("The options are described in paragraph 3.2.", "3.2"),
    ("For the detail, see section 5.", "5"),
    ("The duties are set out in section 18 of the Children Act 2004.", None),  # another text's section
    ("Section 7 sets out the areas for improvement.", None),  # names a section, sends nobody there
])
def test_a_sentence_sending_the_reader_to_a_section_of_its_paper(text, section):
    from assistant.extractive import points_to

    assert points_to(text) == section


REPORT = [
    ("1.1", ["1. Summary"], "1.1 Children's services have improved since the last inspection, and leaders know where "
                            "practice is weakest."),
    ("1.4", ["1. Summary"], "1.4 We have identified three areas for improvement, set out in section 7."),
    ("6.1", ["6. Placements"], "6.1 Of the 312 children looked after, 41% lived with foster carers employed by the council."),
    ("7.1", ["7. Areas for improvement"], "7.1 Placement sufficiency: the council must increase the number of local "
                                          "foster carers. It must also end unregistered placements."),
    ("7.2", ["7. Areas for improvement"], "7.2 Care leavers: every care leaver must have an up-to-date pathway plan."),
    ("7.3", ["7. Areas for improvement"], "7.3 Health: initial health assessments must be completed within timescales."),
]


def test_the_section_a_best_sentence_points_to_follows_it_in_its_own_order(tmp_path):
    from assistant.core import Assistant
    from cofnod.settings import load_settings

    a = Assistant(load_settings(env={}, home=str(tmp_path / "home")))
    try:
        meta, passages = make_passages("ciw.pdf", [text for _, _, text in REPORT], doc_type="inspection report")
        for p, (label, trail, _) in zip(passages, REPORT):
            p.paragraph, p.trail = label, trail
        a.index.upsert(meta, passages, "sha-ciw", "/nowhere/ciw.pdf")
        assert [p.paragraph for p in a.index.section("ciw.pdf", "7")] == ["7.1", "7.2", "7.3"]
        assert [p.paragraph for p in a.index.section("ciw.pdf", "7.2")] == ["7.2"]
        answer = a.ask("What areas for improvement did the inspectors identify?")
        said = [s for s, _ in answer.sentences]
        assert said[0].startswith("1.4 We have identified three areas for improvement")
        # each paragraph's opening sentence, in the section's order, whatever the search's
        assert [s[:3] for s in said[1:]] == ["7.1", "7.2", "7.3"]
        assert "It must also end unregistered placements." not in answer.text
        assert [c.passage.paragraph for c in answer.citations] == ["1.4", "7.1", "7.2", "7.3"]
    finally:
        a.close()


EXCHANGE = """Children Scrutiny Committee - transcript, 8 May 2025

Cllr Angharad Pugh (Member): I want to ask about children placed far from home. And what about the cost? I understand the money ran out again last year.

Catrin Powell-Hughes (Director of Social Services): It did, by a significant amount, and the final figures for the placement budget will be reported to Cabinet in June.

Cllr Rhodri Vaughan (Member): Can I turn to care leavers and their pathway plans?

Dafydd Rowlands (Head of Children's Services): The pathway plans of care leavers are being audited, and the audit will be finished by the end of July.
"""


def test_a_reply_that_cannot_be_read_alone_follows_what_it_answers(tmp_path):
    from tests.conftest import assistant_over

    a = assistant_over(tmp_path, {"scrutiny-transcript-2025-05-08.txt": EXCHANGE})
    try:
        answer = a.ask("When will the final figures for the placement budget be reported?")
        said = [s for s, _ in answer.sentences]
        reply = next(i for i, s in enumerate(said) if s.endswith(
            "It did, by a significant amount, and the final figures for the placement budget will be reported to "
            "Cabinet in June."))
        # the question it answers, from its last question on, under its speaker, cited to that turn
        assert said[reply - 2:reply] == [
            "Cllr Angharad Pugh (Member):", "And what about the cost? I understand the money ran out again last year."]
        asked_in = answer.citations[answer.sentences[reply - 1][1][0] - 1].passage
        assert asked_in.speaker == "Cllr Angharad Pugh (Member)"
        assert answer.citations[answer.sentences[reply][1][0] - 1].passage.speaker.startswith("Catrin Powell-Hughes")
        # a reply that says what it is about reads alone
        plans = a.ask("When will the audit of care leavers' pathway plans be finished?")
        assert plans.sentences[0][0].startswith("Dafydd Rowlands (Head of Children's Services): The pathway plans")
    finally:
        a.close()


def test_what_a_reply_answers_is_the_turn_s_last_question_on_or_its_last_sentence():
    assert _question_end("I want to ask about homes. And what about the cost? I understand it overspent.") == (
        "And what about the cost? I understand it overspent.")
    assert _question_end("Only 64% of records showed a preference. As a bilingual council, I find that embarrassing.") == (
        "As a bilingual council, I find that embarrassing.")
    replies = ["So do I, Councillor, and I said so to officers.", "It did, by a significant amount.", "Yes, but they can.",
               "I agree."]
    assert all(_ELLIPTICAL.match(r) for r in replies)
    assert not any(_ELLIPTICAL.match(r) for r in ["It did not take long to agree the plan.", "Yesterday we met.",
                                                 "The pathway plans are being audited."])


def test_a_when_question_finds_the_dated_field_on_the_cover_the_search_did_not_bring(real):
    # "visit" finds the report's sentences about visits; the date of the visit is on its cover
    _, passages = make_passages("ciw.pdf", [
        "Performance evaluation inspection of children's services",
        f"{FIELDWORK}\n{PUBLISHED}",
        "Inspectors visited four children's homes and met foster carers.",
        "The children were visited frequently by their social workers.",
    ], doc_type="inspection report", date="2025-04-03")
    answerer = ExtractiveAnswerer(AnswerSettings(), real.embedder, real.idf, papers=_Papers(passages))
    searched = [Hit(p, 1.0) for p in passages[2:]]
    answer = answerer.answer("When did the inspectors visit?", searched)
    assert answer.text.startswith(f"{FIELDWORK} [1]"), answer.text
    assert answer.citations[0].passage.id == passages[1].id
    assert PUBLISHED not in answer.text  # the other date on the cover is not what was asked
    assert answer.hits == searched  # what the search found is reported as it was
    # a question about something to come is not answered with the cover's dates
    ahead = answerer.answer("When will the inspectors visit again?", searched)
    assert FIELDWORK not in ahead.text


@pytest.mark.parametrize("question, asks", [
    ("When was the inspection?", True),
    ("What did Cabinet resolve on Family Hubs, and when?", True),
    ("Why was the decision deferred, and until when?", True),
    ("Can you tell me when the inspection was?", True),
    ("Who seconded it, when did they vote?", True),
    # "when" joining a clause asks no date
    ("What options does Cabinet have when reconsidering decision 24/00093?", False),
    ("What happened when the Corporate Risk Register came to Cabinet?", False),
])
def test_which_questions_ask_when(question, asks):
    from assistant.extractive import _WHEN

    assert bool(_WHEN.search(question)) is asks


def test_a_when_answer_is_dated_by_its_paper_only_where_it_gives_no_date_and_as_what_the_paper_is(real):
    _, report = make_passages("ciw.pdf", [
        "Ty Nant, a four-bed children's home, opened in September 2024 and was registered before opening.",
        "Inspectors found that delays were mostly caused by the availability of paediatric appointments.",
    ], doc_type="inspection report", date="2025-04-03")
    opened = real.answer("When did Ty Nant open?", [Hit(report[0], 1.0)])
    assert opened.text.startswith("Ty Nant") and "3 April 2025" not in opened.text  # its own month answers
    # a report's date is when it was written, not the day of what it tells
    found = real.answer("When did inspectors find the delays in paediatric appointments?", [Hit(report[1], 1.0)])
    assert found.text.startswith("In the inspection report of 3 April 2025: Inspectors found"), found.text
    _, minutes = make_passages("cab.md", [
        "Cabinet may confirm, amend or rescind the decision after hearing the Scrutiny Committee's comments.",
    ], committee="Cabinet", date="2025-03-04")
    options = real.answer("What options does Cabinet have when reconsidering the decision?", [Hit(minutes[0], 1.0)])
    assert options.text.startswith("Cabinet may confirm"), options.text


def test_a_table_row_s_figures_before_its_words_are_not_quoted(real):
    from assistant.extractive import _pieces

    row = ("96.3 87.7 -8.6 Lower cost of hired transport Whilst the number of SEN children being transported "
           "is in line with the budget assumption the average cost has been lower.")
    assert _pieces(row) == [row[len("96.3 87.7 -8.6 "):]]
    # a paragraph's number, or a figure opening a sentence, stays
    assert _pieces("2.1 Note the forecast revenue overspend of £23.3m.") == ["2.1 Note the forecast revenue overspend of £23.3m."]
    assert _pieces("£4.3m 5% of it was spent on placements.") == ["£4.3m 5% of it was spent on placements."]
    _, passages = make_passages("finance.pdf", [row], doc_type="report")
    answer = real.answer("Why is SEN transport cheaper than budgeted?", [Hit(passages[0], 1.0)])
    assert answer.text.startswith("Lower cost of hired transport"), answer.text


@pytest.mark.parametrize("text, names_one", [
    ("Appendix A - Supported lodgings scheme, item 6 (PDF, 148 KB)", True),
    ("e) Appendix 3 Draft Responses to Consultation Feedback", True),
    ("c) Agenda for Scrutiny Committee on Wednesday, 29th January, 2025, 10.00 am", True),
    ("Attached documents a) 24-00093 - Decision Report b) 24-00093 - Record of Decision", True),
    # a sentence about an appendix or the minutes says something of it
    ("Appendix A sets out the action plan.", False),
    ("Minutes of the meeting held on 9 January 2025 were agreed as a correct record.", False),
    ("The appendix lists the 12 family hubs and the services each offers, with their opening hours and the "
     "number of families each supported in 2024", False),
])
def test_a_sentence_that_only_names_a_paper(text, names_one):
    from assistant.extractive import names_a_paper

    assert names_a_paper(text) is names_one


def test_a_figure_asked_for_takes_the_place_of_the_last_sentence_where_the_answer_is_full():
    answerer = ExtractiveAnswerer(AnswerSettings(max_sentences=2), embedder=None, idf=None)
    scored = [("The budget for the service will transfer to the ASCH Directorate.", 0, 0, 0.75),
              ("The aim of this proposal is movement of the statutory functions.", 1, 0, 0.66),
              ("The indicative total budget to be transferred will be approximately £59m.", 0, 1, 0.53),
              ("The cost of £12 per visit is unchanged.", 2, 0, 0.30)]  # gives money, but too weak to quote
    cands = [Candidate(t, r, p, s) for t, r, p, s in scored]
    money = lambda text: "£" in text  # noqa: E731
    kept = [c.text for c in answerer._select(cands, has_figure=money)]
    assert kept == [scored[0][0], scored[2][0]]
    # without a figure asked for, the best two stand
    assert [c.text for c in answerer._select(cands)] == [scored[0][0], scored[1][0]]
