"""Evaluation metrics and question loading, on hand-made cases with exact numbers."""

from __future__ import annotations

import json

import pytest

from cofnod.errors import CofnodError
from evals import metrics as m
from evals.questions import Evidence, Question, load_questions

QUOTE = "one two three four five six seven eight nine ten"


def words(start: int, end: int) -> str:
    """Distinct words w<start> .. w<end-1>, so any run identifies its place."""
    return " ".join(f"w{i}" for i in range(start, end))


def P(text: str, doc: str = "a.pdf", id: str = "") -> dict:
    return {"id": id or f"{doc}#0", "doc": doc, "page": 1, "text": text}


def Q(id: str = "q", answerable: bool = True, evidence=(), tags=(), **kw) -> Question:
    return Question(id=id, question="?", answerable=answerable, evidence=list(evidence),
                    tags=list(tags), **kw)


# ---- loading -----------------------------------------------------------------------

def write_lines(tmp_path, lines: list[str]):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_questions_reads_every_field(tmp_path):
    line = json.dumps({
        "id": "x1", "question": "What?", "answerable": True, "reference_answer": "That.",
        "must_include": ["£1m"], "evidence": [{"doc": "d.pdf", "page": 3, "quote": "q q"}],
        "scope": {"committee": "Cabinet"}, "history": ["Earlier?"], "tags": ["minutes"]})
    path = write_lines(tmp_path, [line, "", json.dumps({"id": "x2", "question": "No?",
                                                        "answerable": False})])
    q1, q2 = load_questions(path)
    assert q1.evidence == [Evidence(doc="d.pdf", quote="q q", page=3)]
    assert (q1.scope, q1.history, q1.tags, q1.must_include) == (
        {"committee": "Cabinet"}, ["Earlier?"], ["minutes"], ["£1m"])
    assert (q2.answerable, q2.evidence, q2.reference_answer, q2.tags) == (False, [], None, [])


GOOD = json.dumps({"id": "ok", "question": "?", "answerable": True})


@pytest.mark.parametrize("bad, message", [
    ('{"id": "b", "question": "?", "answerable": tru}', "bad JSON"),
    ('{"id": "b", "question": "?"}', "missing required field(s): answerable"),
    ('{"id": "b", "question": "?", "answerable": "yes"}', "answerable must be true or false"),
    ('{"id": "b", "question": "?", "answerable": true, "tag": []}', "unknown field(s): tag"),
    ('{"id": "ok", "question": "?", "answerable": true}', "id 'ok' is repeated"),
    ('{"id": "b", "question": "?", "answerable": true, "evidence": [{"doc": "d"}]}',
     "evidence[0]: quote must be a non-empty string"),
    ('[1, 2]', "expected a JSON object"),
])
def test_load_questions_names_file_and_line(tmp_path, bad, message):
    path = write_lines(tmp_path, [GOOD, "", bad])
    with pytest.raises(CofnodError) as err:
        load_questions(path)
    assert str(err.value).startswith(f"{path}:3: ")
    assert message in str(err.value)


def test_load_questions_missing_file(tmp_path):
    with pytest.raises(CofnodError, match="cannot read"):
        load_questions(tmp_path / "nope.jsonl")


# ---- the 8-word rule ---------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Cabinet's £23.3m—agreed", ["cabinet", "s", "23", "3m", "agreed"]),
    ("Ŵyr_Ĉymru  DAU", ["ŵyr", "ĉymru", "dau"]),
    ("ﬁnance", ["finance"]),
    ("--- ...", []),
])
def test_normalise_words(text, expected):
    assert m.normalise_words(text) == expected


@pytest.mark.parametrize("text, doc, quote, expected", [
    ("zero one two three four five six seven zzz", "a.pdf", QUOTE, False),   # 7 shared words
    ("zero two three four five six seven eight nine zzz", "a.pdf", QUOTE, True),  # 8 words
    ("x THREE, four—five; Six. (seven) eight! Nine TEN y", "a.pdf", QUOTE, True),  # punct, case
    ("one two three four five six seven eight nine ten", "b.pdf", QUOTE, False),  # wrong doc
    ("one two three four | five six seven eight", "a.pdf", QUOTE, True),  # separators are not words
    ("we note the forecast here", "a.pdf", "Note the forecast", True),  # short quote, all of it
    ("we note the budget forecast", "a.pdf", "Note the forecast", False),  # short, not consecutive
    ("note the", "a.pdf", "Note the forecast", False),  # passage shorter than the short quote
    ("overspend of £23.3m (excluding", "a.pdf", "an overspend of £23.3m", False),
    ("an overspend of £23.3m (excluding", "a.pdf", "an overspend of £23.3m", True),
    ("an overspend of £23.4m", "a.pdf", "an overspend of £23.3m", False),
    ("the ﬁnance report", "a.pdf", "The finance report", True),
    ("anything", "a.pdf", "—", False),  # a quote with no words never matches
])
def test_matches(text, doc, quote, expected):
    assert m.matches(P(text, doc), Evidence(doc="a.pdf", quote=quote)) is expected


# ---- the 600-word cut --------------------------------------------------------------

RANKED = [P(words(0, 250), id="A"), P(words(250, 500), id="B"), P(words(500, 750), id="C")]


def test_cut_to_words_truncates_the_straddling_passage():
    cut = m.cut_to_words(RANKED)
    assert [p["id"] for p in cut] == ["A", "B", "C"]
    assert cut[2]["text"] == words(500, 600)
    assert RANKED[2]["text"] == words(500, 750)  # input untouched
    assert cut[0] is RANKED[0]
    assert [p["id"] for p in m.cut_to_words(RANKED, budget=250)] == ["A"]
    assert [p["id"] for p in m.cut_to_words(RANKED, budget=251)] == ["A", "B"]
    assert m.cut_to_words([], 600) == []


@pytest.mark.parametrize("quote, at_k, at_600w", [
    (words(520, 540), 1.0, 1.0),   # in C, before word 600
    (words(650, 670), 1.0, 0.0),   # in C, after word 600: lost by the cut
    (words(596, 604), 1.0, 0.0),   # straddles the cut: only 4 of its 8 words survive
    (words(590, 610), 1.0, 1.0),   # straddles, but an 8-run lies before the cut
    (words(245, 255), 0.0, 0.0),   # 5 words in A, 5 in B: no passage holds 8 of them
])
def test_recall_at_k_and_at_600_words(quote, at_k, at_600w):
    ev = [Evidence(doc="a.pdf", quote=quote)]
    assert m.evidence_recall(RANKED, ev) == at_k
    assert m.evidence_recall(m.cut_to_words(RANKED), ev) == at_600w
    assert m.hit(m.cut_to_words(RANKED), ev) == at_600w


# ---- retrieval ---------------------------------------------------------------------

EV_B = Evidence(doc="a.pdf", quote=words(260, 270))
EV_C = Evidence(doc="a.pdf", quote=words(700, 710))
EV_NONE = Evidence(doc="a.pdf", quote=words(900, 910))


@pytest.mark.parametrize("evidence, recall, hit, rr", [
    ([EV_B], 1.0, 1.0, 1 / 2),
    ([EV_C, EV_B], 1.0, 1.0, 1 / 2),   # rank of the first passage matching any item
    ([EV_C], 1.0, 1.0, 1 / 3),
    ([EV_C, EV_NONE], 0.5, 1.0, 1 / 3),
    ([EV_NONE], 0.0, 0.0, 0.0),
    ([], None, None, None),
])
def test_retrieval_metrics(evidence, recall, hit, rr):
    assert m.evidence_recall(RANKED, evidence) == recall
    assert m.hit(RANKED, evidence) == hit
    assert m.reciprocal_rank(RANKED, evidence) == rr


def test_words_per_passage():
    assert m.words_per_passage([P("a b c"), P("d e f g h")]) == 4.0
    assert m.words_per_passage([]) is None


def test_recall_at_budgets():
    qs = [Q("q1", evidence=[EV_B]), Q("q2", evidence=[EV_C]), Q("q3", answerable=False)]
    results = [{"id": "q1", "passages": RANKED}, {"id": "q2", "passages": RANKED},
               {"id": "q3", "passages": []}]
    assert m.recall_at_budgets(results, qs, [100, 300, 600, 1000]) == [0.0, 0.5, 0.5, 1.0]


# ---- citations ---------------------------------------------------------------------

SENT_SUPPORTED = "Cabinet agreed to transfer the statutory functions to adult services"
CITATIONS = [
    {"n": 1, "doc": "a.pdf", "text": "x " + QUOTE},               # matches the evidence
    {"n": 2, "doc": "other.pdf", "text": "So " + SENT_SUPPORTED.lower() + "."},  # support
    {"n": 3, "doc": "a.pdf", "text": "unrelated words about road salt budgets in winter"},
]
EVIDENCE = [Evidence(doc="a.pdf", quote=QUOTE)]


@pytest.mark.parametrize("sentences, precision, recall", [
    ([("It said one two three.", [1]), (SENT_SUPPORTED + ".", [2]), ("Salt was cheap.", [3])],
     2 / 3, 2 / 3),
    # [2] holds the support of a sentence that does not cite it: not correct
    ([("Roads were gritted.", [2]), (SENT_SUPPORTED, [3])], 1 / 3, 0.0),
    # a sentence with one valid citation among invalid ones counts; a dangling [9] never does
    ([("First.", [3, 1]), ("Second.", [9])], 1 / 3, 0.5),
    # short sentences need the whole sentence in the passage
    ([("Road salt budgets", [3]), ("Road salt prices", [3])], 2 / 3, 0.5),
    ([], 1 / 3, None),
])
def test_citation_precision_and_recall(sentences, precision, recall):
    assert m.citation_precision(CITATIONS, EVIDENCE, sentences) == pytest.approx(precision)
    assert m.citation_recall(CITATIONS, EVIDENCE, sentences) == recall


def test_citations_undefined_without_citations():
    assert m.citation_precision([], EVIDENCE, [("A sentence.", [])]) is None
    assert m.citation_recall([], EVIDENCE, [("A sentence.", [])]) == 0.0


@pytest.mark.parametrize("answer, expected", [
    ("Cabinet agreed the budget [1]. It noted £23.3m overspend. [2][3]\n- Item three [1, 4]",
     [("Cabinet agreed the budget.", [1]), ("It noted £23.3m overspend.", [2, 3]),
      ("- Item three", [1, 4])]),
    ("No markers here. None at all", [("No markers here.", []), ("None at all", [])]),
    ("", []),
])
def test_split_cited_sentences(answer, expected):
    assert m.split_cited_sentences(answer) == expected


# ---- answers -----------------------------------------------------------------------

@pytest.mark.parametrize("answer, facts, expected", [
    ("Cabinet noted the £23.3m  overspend", ["£23.3M", "noted  the\n£23.3m overspend", "£30.4m"],
     2 / 3),
    ("anything", [], None),
    ("On 1 April\n2025.", ["1 april 2025"], 1.0),
])
def test_must_include_share(answer, facts, expected):
    assert m.must_include_share(answer, facts) == expected


@pytest.mark.parametrize("answer, reference, expected", [
    ("The cat sat", "a cat sat down", 0.8),
    ("Cabinet, agreed!", "cabinet agreed", 1.0),
    ("Schools’ budget", "schools budget", 1.0),
    ("the the cat cat cat", "cat", 0.5),
    ("dog", "cat", 0.0),
    ("", "", 1.0),
    ("the", "cat", 0.0),
])
def test_token_f1(answer, reference, expected):
    assert m.token_f1(answer, reference) == pytest.approx(expected)


# ---- latency -----------------------------------------------------------------------

@pytest.mark.parametrize("values, q, expected", [
    ([1, 2, 3, 4], 50, 2.5),
    ([4, 1, 3, 2], 95, 3.85),
    ([4, 1, 3, 2], 0, 1),
    ([4, 1, 3, 2], 100, 4),
    ([5.0], 95, 5.0),
    ([], 50, None),
])
def test_percentile_interpolates_linearly(values, q, expected):
    got = m.percentile(values, q)
    assert got is None if expected is None else got == pytest.approx(expected)


# ---- abstention --------------------------------------------------------------------

@pytest.mark.parametrize("abstained, accuracy, unanswerable_answered, answerable_declined", [
    ([False, True, False, True], 0.5, 0.5, 0.5),
    ([False, False, True, True], 1.0, 0.0, 0.0),
    ([True, True, False, False], 0.0, 1.0, 1.0),
    ([False, False, False, False], 0.5, 1.0, 0.0),
])
def test_abstention_rates(abstained, accuracy, unanswerable_answered, answerable_declined):
    qs = [Q("a1"), Q("a2"), Q("u1", answerable=False), Q("u2", answerable=False)]
    scored = [m.score_question(q, {"id": q.id, "abstained": a, "answer": "x"})
              for q, a in zip(qs, abstained)]
    out = m.aggregate(scored, qs)
    assert out["abstention_accuracy"] == accuracy
    assert out["unanswerable_answered_rate"] == unanswerable_answered
    assert out["answerable_declined_rate"] == answerable_declined


# ---- per question and aggregation --------------------------------------------------

QUESTIONS = [
    Q("q1", evidence=[EV_B], tags=["minutes"], must_include=["w1", "£9m"],
      reference_answer="w1 w2"),
    Q("q2", evidence=[EV_NONE], tags=["minutes", "report"], must_include=["w3"]),
    Q("q3", answerable=False, tags=["unanswerable"], reference_answer="Not in the papers."),
]
RESULTS = [
    {"id": "q1", "passages": RANKED, "answer": "w1 w2 w3 w4 [1].", "abstained": False,
     "citations": [{"n": 1, "id": "B", "doc": "a.pdf", "text": RANKED[1]["text"]}],
     "retrieval_seconds": 0.1, "seconds": 1.0},
    {"id": "q2", "passages": RANKED[:1], "answer": "W3 is it.", "abstained": False,
     "citations": [], "sentences": [["W3 is it.", []]], "retrieval_seconds": 0.2,
     "seconds": 2.0},
    {"id": "q3", "passages": [], "answer": "The papers do not say.", "abstained": True,
     "citations": [], "seconds": 3.0},
]


def test_score_question():
    s1, s2, s3 = (m.score_question(q, r) for q, r in zip(QUESTIONS, RESULTS))
    assert {k: s1[k] for k in ("recall@k", "recall@600w", "hit@k", "rr", "must_include")} == {
        "recall@k": 1.0, "recall@600w": 1.0, "hit@k": 1.0, "rr": 0.5, "must_include": 0.5}
    assert s1["token_f1"] == pytest.approx(2 * (2 / 4) * 1 / (2 / 4 + 1))
    assert (s1["citation_precision"], s1["citation_recall"]) == (1.0, 1.0)
    assert s1["words_per_passage"] == 250.0
    assert (s2["rr"], s2["citation_precision"], s2["citation_recall"]) == (0.0, None, 0.0)
    assert s2["token_f1"] is None  # no reference answer
    for key in ("recall@k", "hit@600w", "rr", "must_include", "token_f1", "citation_recall"):
        assert s3[key] is None, key
    assert s3["abstention_correct"] == 1.0


def test_score_question_borrows_citation_text_by_id():
    q = Q("q", evidence=[EV_B])
    result = {"id": "q", "passages": RANKED, "answer": "Yes [1].",
              "citations": [{"n": 1, "id": "B"}]}
    assert m.score_question(q, result)["citation_precision"] == 1.0


def test_score_question_refuses_a_foreign_result():
    with pytest.raises(CofnodError, match="scored against question"):
        m.score_question(Q("q1"), {"id": "q2"})


def test_aggregate_overall_and_by_tag_skip_none():
    out = m.aggregate([m.score_question(q, r) for q, r in zip(QUESTIONS, RESULTS)], QUESTIONS)
    assert out["mrr"] == 0.25                 # q1 0.5, q2 0.0, q3 skipped
    assert out["recall@k"] == 0.5
    assert out["must_include"] == 0.75        # q1 0.5, q2 1.0
    assert out["abstention_accuracy"] == 1.0
    assert out["unanswerable_answered_rate"] == 0.0
    assert out["citation_precision"] == 1.0   # only q1 cited anything
    assert out["latency_answer_p50"] == 2.0
    assert out["latency_answer_p95"] == pytest.approx(2.9)
    assert out["latency_retrieval_p50"] == pytest.approx(0.15)  # q3 has no timing
    assert (out["questions"], out["answerable"], out["retrieval_questions"]) == (3, 2, 2)
    by_tag = out["by_tag"]
    assert sorted(by_tag) == ["minutes", "report", "unanswerable"]
    assert by_tag["minutes"]["mrr"] == 0.25
    assert by_tag["report"]["mrr"] == 0.0
    assert by_tag["unanswerable"]["mrr"] is None
    assert by_tag["unanswerable"]["must_include"] is None
    assert by_tag["unanswerable"]["questions"] == 1


def test_aggregate_takes_tags_from_the_question_set():
    scored = [m.score_question(q, r) for q, r in zip(QUESTIONS, RESULTS)]
    renamed = [Q("q1", tags=["new"]), *QUESTIONS[1:]]
    assert "new" in m.aggregate(scored, renamed)["by_tag"]
    assert "new" not in m.aggregate(scored)["by_tag"]


def test_shared_question_sets_load():
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "shared" / "evals" / "kent-cabinet-dev.jsonl"
    if not path.exists():
        pytest.skip("no ../shared/evals")
    qs = load_questions(path)
    assert len(qs) == 51 and sum(q.answerable for q in qs) == 45
