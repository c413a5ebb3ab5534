"""Evaluation metrics: pure functions on plain data (../shared/evals/FORMAT.md).

Passages and citations are dicts with at least "doc" and "text" (also "id", "page";
citations also "n"). Per-question metrics return None when they are undefined for
that question, and aggregation takes each mean over the questions where it is not None.

Word counts (the 600-word cut, words per passage) count whitespace-separated tokens,
as `Passage.words` does. Matching compares normalised words (`normalise_words`).
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from functools import lru_cache
from statistics import fmean

from cofnod.errors import CofnodError
from evals.questions import Evidence, Question

RUN = 8
"""A passage matches a quote when it contains this many consecutive words of it."""
WORD_BUDGET = 600
"""The @600w cut: ranked passages read up to this many words in total."""

_WORD = re.compile(r"[^\W_]+")
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SENTENCE = re.compile(r".*?[.!?](?:\s*\[\d+(?:\s*,\s*\d+)*\])*(?=\s|$)|.+$", re.S)
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
_ARTICLES = re.compile(r"\b(a|an|the)\b")


# ---- evidence matching -------------------------------------------------------------

def normalise_words(text: str) -> list[str]:
    """Lower-cased runs of letters and digits; anything else separates words.

    NFKC comes first so that PDF ligatures ("ﬁ") and compatibility digits compare
    equal to their plain forms.
    """
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


@lru_cache(maxsize=8192)
def _runs(text: str, n: int) -> frozenset[tuple[str, ...]]:
    """All runs of n consecutive normalised words of text (cached: texts repeat a lot)."""
    words = normalise_words(text)
    return frozenset(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def shares_run(text: str, quote: str) -> bool:
    """True when text holds 8 consecutive words of quote (all of it if shorter)."""
    words = normalise_words(quote)
    if not words:
        return False
    n = min(RUN, len(words))
    runs = _runs(text, n)
    return any(tuple(words[i:i + n]) in runs for i in range(len(words) - n + 1))


def matches(passage: dict, ev: Evidence) -> bool:
    """True when the passage is from the evidence's doc and contains a run of its quote."""
    return passage.get("doc") == ev.doc and shares_run(passage.get("text") or "", ev.quote)


def cut_to_words(passages: list[dict], budget: int = WORD_BUDGET) -> list[dict]:
    """The ranked passages as a reader would see them after `budget` words in total.

    The last passage kept is cut to the words that fit (a copy, its text replaced);
    passages after it are dropped. Inputs are not changed.
    """
    kept: list[dict] = []
    left = budget
    for p in passages:
        if left <= 0:
            break
        words = (p.get("text") or "").split()
        if len(words) <= left:
            kept.append(p)
        else:
            kept.append({**p, "text": " ".join(words[:left])})
        left -= len(words)
    return kept


# ---- retrieval ---------------------------------------------------------------------

def evidence_recall(passages: list[dict], evidence: list[Evidence]) -> float | None:
    """Share of evidence items matched by any passage; None without evidence."""
    if not evidence:
        return None
    found = sum(any(matches(p, ev) for p in passages) for ev in evidence)
    return found / len(evidence)


def hit(passages: list[dict], evidence: list[Evidence]) -> float | None:
    """1.0 when some passage matches some evidence item, else 0.0; None without evidence."""
    if not evidence:
        return None
    return float(any(matches(p, ev) for p in passages for ev in evidence))


def reciprocal_rank(passages: list[dict], evidence: list[Evidence]) -> float | None:
    """1/rank of the first passage matching any evidence item; 0.0 if none; None without evidence."""
    if not evidence:
        return None
    for rank, p in enumerate(passages, start=1):
        if any(matches(p, ev) for ev in evidence):
            return 1.0 / rank
    return 0.0


def words_per_passage(passages: list[dict]) -> float | None:
    """Mean whitespace words per passage; None for no passages."""
    if not passages:
        return None
    return fmean(len((p.get("text") or "").split()) for p in passages)


# ---- citations ---------------------------------------------------------------------

def split_cited_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """Cut an answer into sentences and the [n] / [n, m] markers each carries.

    Used when a result gives no "sentences". A marker right after a full stop
    ("... agreed. [2]") belongs to the sentence before it. Lines are split first so
    bullet lists count item by item; pieces with no words are dropped.
    """
    out: list[tuple[str, list[int]]] = []
    for line in answer.splitlines():
        for m in _SENTENCE.finditer(line.strip()):
            piece = m.group(0)
            numbers = [int(n) for group in _MARKER.findall(piece) for n in group.split(",")]
            text = _SPACE_BEFORE_STOP.sub(r"\1", " ".join(_MARKER.sub(" ", piece).split()))
            if normalise_words(text):
                out.append((text, numbers))
    return out


def _valid_for(citation: dict, sentence: str, evidence: list[Evidence]) -> bool:
    """A citation is valid for a sentence when it is evidence or holds the sentence's support."""
    return any(matches(citation, ev) for ev in evidence) or shares_run(
        citation.get("text") or "", sentence)


def citation_precision(
    citations: list[dict], evidence: list[Evidence], sentences: list[tuple[str, list[int]]]
) -> float | None:
    """Share of cited passages that are correct; None when nothing is cited.

    A cited passage (one entry of `citations`, told apart by "n") is correct when it
    matches an evidence item of the question, or when at least one answer sentence that
    cites it shares an 8-word run with it (the whole sentence if shorter): the support.
    """
    if not citations:
        return None
    correct = 0
    for c in citations:
        citing = [text for text, numbers in sentences if c.get("n") in numbers]
        correct += any(matches(c, ev) for ev in evidence) or any(
            shares_run(c.get("text") or "", text) for text in citing)
    return correct / len(citations)


def citation_recall(
    citations: list[dict], evidence: list[Evidence], sentences: list[tuple[str, list[int]]]
) -> float | None:
    """Share of answer sentences carrying at least one valid citation; None without sentences.

    A sentence's citation is valid when its number names an entry of `citations` that
    matches the question's evidence or holds this sentence's support.
    """
    if not sentences:
        return None
    by_n = {c.get("n"): c for c in citations}
    carried = sum(
        any(n in by_n and _valid_for(by_n[n], text, evidence) for n in numbers)
        for text, numbers in sentences)
    return carried / len(sentences)


# ---- answers -----------------------------------------------------------------------

def _collapse(text: str) -> str:
    return " ".join(text.split()).lower()


def must_include_share(answer_text: str, must_include: list[str]) -> float | None:
    """Share of must-include facts found in the answer (case-insensitive, whitespace collapsed)."""
    if not must_include:
        return None
    answer = _collapse(answer_text)
    return sum(_collapse(fact) in answer for fact in must_include) / len(must_include)


def _squad_tokens(text: str) -> list[str]:
    """SQuAD normalisation: lower, drop punctuation, drop a/an/the, split on whitespace.

    Punctuation is ASCII `string.punctuation` plus every Unicode punctuation character
    (curly quotes, dashes), which council text is full of.
    """
    text = "".join(
        ch for ch in text.lower()
        if ch not in string.punctuation and not unicodedata.category(ch).startswith("P"))
    return _ARTICLES.sub(" ", text).split()


def token_f1(answer: str, reference: str) -> float:
    """SQuAD-style token F1 between an answer and a reference answer."""
    pred, gold = _squad_tokens(answer), _squad_tokens(reference)
    if not pred or not gold:
        return float(pred == gold)
    common: dict[str, int] = {}
    for tok in gold:
        common[tok] = common.get(tok, 0) + 1
    same = 0
    for tok in pred:
        if common.get(tok, 0) > 0:
            common[tok] -= 1
            same += 1
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(gold)
    return 2 * precision * recall / (precision + recall)


# ---- latency -----------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) by linear interpolation between closest ranks.

    The same as numpy's default ("linear") and Excel's PERCENTILE.INC; None when empty.
    """
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


# ---- per question ------------------------------------------------------------------

def result_sentences(result: dict) -> list[tuple[str, list[int]]]:
    """The answer's cited sentences: the result's own "sentences", else parsed from "answer"."""
    if result.get("abstained"):
        return []
    if result.get("sentences") is not None:
        return [(text, [int(n) for n in numbers]) for text, numbers in result["sentences"]]
    return split_cited_sentences(result.get("answer") or "")


def _with_text(citations: list[dict], passages: list[dict]) -> list[dict]:
    """Citations given by id only borrow their text and doc from the retrieved passage."""
    by_id = {p.get("id"): p for p in passages}
    out = []
    for c in citations:
        p = by_id.get(c.get("id"))
        if not c.get("text") and p is not None:
            c = {**c, "text": p.get("text"), "doc": c.get("doc") or p.get("doc")}
        out.append(c)
    return out


def score_question(q: Question, result: dict) -> dict:
    """Score one result against its question.

    Args:
        q: the question.
        result: {"id", "passages": [{"id","doc","page","text","score"}], "answer",
            "abstained", "citations": [{"n","id","doc","page","text"}],
            "sentences": [[text, [n, ...]]] (optional), "retrieval_seconds", "seconds"}.

    Returns:
        A flat dict of plain values: id, tags, answerable, abstained, recall@k,
        recall@600w, hit@k, hit@600w, rr, words_per_passage, citation_precision,
        citation_recall, must_include, token_f1, abstention_correct,
        retrieval_seconds, seconds. Retrieval metrics are None unless the question is
        answerable with evidence; must_include and token_f1 are None unless it is
        answerable and was answered.
    """
    if result.get("id") not in (None, q.id):
        raise CofnodError(f"result {result.get('id')!r} scored against question {q.id!r}")
    passages = result.get("passages") or []
    abstained = bool(result.get("abstained"))
    answered = q.answerable and not abstained
    retrieval = q.evidence if q.answerable else []
    cut = cut_to_words(passages)
    citations = _with_text(result.get("citations") or [], passages)
    sentences = result_sentences(result)
    answer = _MARKER.sub("", result.get("answer") or "")
    return {
        "id": q.id,
        "tags": list(q.tags),
        "answerable": q.answerable,
        "abstained": abstained,
        "recall@k": evidence_recall(passages, retrieval),
        "recall@600w": evidence_recall(cut, retrieval),
        "hit@k": hit(passages, retrieval),
        "hit@600w": hit(cut, retrieval),
        "rr": reciprocal_rank(passages, retrieval),
        "words_per_passage": words_per_passage(passages),
        "citation_precision": citation_precision(citations, q.evidence, sentences),
        "citation_recall": citation_recall(citations, q.evidence, sentences),
        "must_include": must_include_share(answer, q.must_include) if answered else None,
        "token_f1": token_f1(answer, q.reference_answer)
        if answered and q.reference_answer is not None else None,
        "abstention_correct": float(abstained != q.answerable),
        "retrieval_seconds": result.get("retrieval_seconds"),
        "sentences_removed": result.get("sentences_removed"),
        "seconds": result.get("seconds"),
    }


# ---- aggregation -------------------------------------------------------------------

MEANS = {
    "recall@k": "recall@k", "recall@600w": "recall@600w", "hit@k": "hit@k",
    "hit@600w": "hit@600w", "mrr": "rr", "words_per_passage": "words_per_passage",
    "citation_precision": "citation_precision", "citation_recall": "citation_recall",
    "must_include": "must_include", "token_f1": "token_f1",
    "abstention_accuracy": "abstention_correct",
    "sentences_removed": "sentences_removed",
}
"""Reported name -> per-question field averaged over the questions where it is not None."""


def mean_of(values: list[float | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def _rate(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def summarise(scored: list[dict]) -> dict:
    """Overall numbers for a list of scored questions (see `aggregate`)."""
    out: dict = {name: mean_of([s[field] for s in scored]) for name, field in MEANS.items()}
    answerable = [s for s in scored if s["answerable"]]
    unanswerable = [s for s in scored if not s["answerable"]]
    out["unanswerable_answered_rate"] = _rate([not s["abstained"] for s in unanswerable])
    out["answerable_declined_rate"] = _rate([s["abstained"] for s in answerable])
    for name, field in (("retrieval", "retrieval_seconds"), ("answer", "seconds")):
        times = [s[field] for s in scored if s.get(field) is not None]
        out[f"latency_{name}_p50"] = percentile(times, 50)
        out[f"latency_{name}_p95"] = percentile(times, 95)
    out["questions"] = len(scored)
    out["answerable"] = len(answerable)
    out["unanswerable"] = len(unanswerable)
    out["retrieval_questions"] = sum(s["recall@k"] is not None for s in scored)
    out["answered"] = sum(not s["abstained"] for s in scored)
    return out


def aggregate(scored: list[dict], questions: list[Question] | None = None) -> dict:
    """Overall metrics and the same metrics by tag.

    Populations: retrieval metrics (recall, hit, mrr) are over answerable questions
    with evidence; words_per_passage over questions that retrieved anything;
    must_include and token_f1 over answerable questions that were answered (declines
    show up in answerable_declined_rate instead); citation precision over questions
    that cited something, citation recall over questions that answered in sentences;
    abstention_accuracy over all questions; unanswerable_answered_rate over
    unanswerable ones, answerable_declined_rate over answerable ones. Latency p50 and
    p95 use linear interpolation. A metric with no question to average over is None.

    Args:
        scored: outputs of `score_question`.
        questions: when given, tags and answerability are taken from them by id
            (for scores made before a question set's tags changed).

    Returns:
        {metric: value, ..., "questions": n, "by_tag": {tag: {metric: value, ...}}}.
    """
    if questions is not None:
        by_id = {q.id: q for q in questions}
        scored = [_relabel(s, by_id[s["id"]]) if s["id"] in by_id else s for s in scored]
    out = summarise(scored)
    tags = sorted({t for s in scored for t in s["tags"]})
    out["by_tag"] = {t: summarise([s for s in scored if t in s["tags"]]) for t in tags}
    return out


def _relabel(s: dict, q: Question) -> dict:
    """A score with tags and answerability taken from the question set."""
    return {**s, "tags": list(q.tags), "answerable": q.answerable,
            "abstention_correct": float(s["abstained"] != q.answerable)}


def recall_at_budgets(
    results: list[dict], questions: list[Question], budgets: list[int]
) -> list[float | None]:
    """Mean evidence recall over answerable questions with evidence, at each word budget."""
    by_id = {r.get("id"): r for r in results}
    pairs = [(q, by_id[q.id]) for q in questions if q.answerable and q.evidence and q.id in by_id]
    return [
        mean_of([evidence_recall(cut_to_words(r.get("passages") or [], b), q.evidence)
                 for q, r in pairs])
        for b in budgets]
