"""Is there enough evidence to answer? The gate in front of every answerer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from cofnod.settings import AnswerSettings
from cofnod.types import Hit
from index.keyword import tokenize, words


@dataclass
class Strength:
    dense: float
    """Best cosine similarity between the question and a retrieved passage."""
    coverage: float
    """Best idf-weighted share of the question's key terms found in one retrieved passage."""


def coverage(terms: dict[str, float], text: str, also: Callable[[str], set[str]] | None = None) -> float:
    """Share of the question's term weight (idf) that the text holds.

    `also(text)` names question terms the text holds in other words (see index.glossary).
    """
    total = sum(terms.values())
    if not total:
        return 0.0
    present = set(tokenize(text)) | (also(text) if also else set())
    return sum(w for t, w in terms.items() if t in present) / total


def strength(hits: list[Hit], terms: dict[str, float], top: int = 5,
             also: Callable[[str], set[str]] | None = None) -> Strength:
    dense = max((h.dense for h in hits[:top] if h.dense is not None), default=0.0)
    best = max((coverage(terms, " ".join([h.passage.text, *h.passage.trail]), also) for h in hits[:top]),
               default=0.0)
    return Strength(dense, best)


def enough(s: Strength, settings: AnswerSettings) -> bool:
    """Answer only when the passages are both close in meaning and share the key terms."""
    return s.dense >= settings.min_dense and s.coverage >= settings.min_coverage


# "spending", "costs", "raised", "charging": a verb or noun of money in any of its forms
_MONEY_Q = re.compile(
    r"\bhow much\b.*\b(cost\w*|pa(?:y|id)\w*|spen[dt]\w*|overspen[dt]\w*|budget\w*|fund\w*|money|worth|rais\w+"
    r"|sav(?:e|ed|es|ing)\w*|grants?|fees?|charg\w+|allowances?|salar\w+|borrow\w*)\b"
    r"|\bhow much\b.*\b(£|pounds?)\b|\b(cost|price|fee|budget)\b.*\bhow much\b",
    re.IGNORECASE,
)
_COUNT_Q = re.compile(r"(?:^|\band\s+|,\s*)how many\s+((?:[\w'-]+\s*){1,3})", re.IGNORECASE)
# "What council tax increase ...", "what cut in ...": the answer is a change with its size.
_CHANGE_Q = re.compile(r"\bwhat\s+(?:[\w'-]+\s+){0,3}?(?:increase|rise|uplift|cut|reduction|decrease)s?\b", re.IGNORECASE)
_CHANGE_STEMS = frozenset(tokenize("increase increased rise rose risen raise raised uplift cut cuts reduce reduction "
                                   "decrease decreased fall fell"))
_FIGURE = re.compile(r"\d\s?%|\d\s?per\s?cent|£\s?\d|\b\d[\d,.]*\s?(m|bn|k|million|billion)\b", re.IGNORECASE)
_MONEY = re.compile(r"£\s?\d|\b\d[\d,.]*\s?(m|bn|k|million|billion|thousand)\b|\bpounds\b", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d\d$")


# A count written out ("Nine are rated Red", "two KPIs"). "one" is left out: "one of the ..." counts nothing.
NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred""".split()
)


def _is_count(word: str) -> bool:
    return (word.isdigit() and not _YEAR.match(word)) or word.lower() in NUMBER_WORDS


# A number that names a part of a text, not a count: "Section 18 of the Children Act", "page 4".
_REFERENCE = frozenset("section sections part schedule regulation article paragraph para page pages appendix "
                       "annex table figure item clause chapter standard recommendation no number".split())
# The number a paragraph opens with ("2.3 The number of children on the rolls ..."): no count.
_PARA_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)\s+")
_MONTHS = frozenset("january february march april may june july august september october november december".split())
# A share is no count: "9% of looked-after children had three or more placement moves".
_SHARE = re.compile(r"\b\d[\d,.]*\s?(?:%|per\s?cent\b)", re.IGNORECASE)
# "the number of children in care ...": the thing counted comes first, its count after.
_NUMBER_OF = frozenset("number numbers total count".split())


def _counts_near(text: str, counted: set[str], window: int = 4) -> bool:
    """Is a number (not a year or a reference to a part of a text; in figures or words) followed
    within a few words by the thing counted ("613 approved households", "two KPIs are rated
    Green"; not "Section 18 of the Children Act")?"""
    toks = words(_SHARE.sub(" ", _PARA_NUMBER.sub("", text)))
    stems = [set(tokenize(w)) for w in toks]
    counts = [_is_count(w) and not (i and toks[i - 1] in _REFERENCE) and not (i + 1 < len(toks) and toks[i + 1] in _MONTHS)
              for i, w in enumerate(toks)]  # not "Section 18", nor the day of "31 December 2024"
    if any(
        counts[i] and any(stems[j] & counted for j in range(i + 1, min(i + 1 + window, len(toks))))
        for i in range(len(toks))
    ):
        return True
    # "The number of children in care decreased by 25 in the Quarter to 1,409": the count comes after
    for i, w in enumerate(toks[:-2]):
        if w in _NUMBER_OF and toks[i + 1] == "of" and any(
            stems[j] & counted for j in range(i + 2, min(i + 2 + window, len(toks)))
        ):
            return any(counts[i + 2:])
    return False


def expected_quantity(question: str) -> Callable[[str], bool] | None:
    """A test for the kind of figure a question asks for (an amount of money, a count of something), or None."""
    if _MONEY_Q.search(question):
        return lambda text: bool(_MONEY.search(text))
    if _CHANGE_Q.search(question):
        return lambda text: bool(_FIGURE.search(text)) and bool(_CHANGE_STEMS & set(tokenize(text)))
    m = _COUNT_Q.search(question)
    if m:
        counted = set(tokenize(m.group(1)))
        return lambda text: _counts_near(text, counted) if counted else (
            bool(re.search(r"\d", text)) or any(w.lower() in NUMBER_WORDS for w in words(text)))
    return None


def focus_terms(terms: dict[str, float], n: int = 2) -> set[str]:
    """The question's rarest key terms: what a figure in the answer must be about."""
    return {t for t, _ in sorted(terms.items(), key=lambda kv: -kv[1])[:n]}


def holds_quantity(question: str, hits: list[Hit], terms: dict[str, float], top: int = 5) -> bool:
    """For "how much / how many / what increase" questions: does some sentence give a figure next to the
    question's focus?"""
    has_figure = expected_quantity(question)
    if has_figure is None:
        return True
    from ingest.sentences import split_sentences

    focus = focus_terms(terms, 3)
    for hit in hits[:top]:
        p = hit.passage
        context = set(tokenize(" ".join([p.title, *p.trail])))
        # Money must sit in the same sentence as the figure; counts often sit in tables, so a passage will do.
        units = [p.text] if _COUNT_Q.search(question) else split_sentences(p.text)
        for unit in units:
            if has_figure(unit) and focus & (set(tokenize(unit)) | context):
                return True
    return False
