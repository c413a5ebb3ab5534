"""The papers' own acronyms, learned from where they are spelled out.

Council papers define an acronym once ("English National Concessionary Travel Scheme (ENCTS)")
and use it from then on ("KCC follows the DfT re-imbursement calculator for ENCTS"). A member
asks with the words; the paragraph that answers has the letters. Each definition found in the
papers becomes a glossary group of its own (index.glossary), so the search, the evidence gate
and the answer's sentence choice treat the two as one.

A definition is letters in brackets after words whose initials spell them: every word's
("Department for Transport (DfT)") or every word's but the small ones ("Children, Young People
and Education (CYPE)"). An acronym spelled out two ways is kept only when one way has at least
two thirds of the definitions; one the papers also write in lower case as a word ("SEND",
"send") is left out, since the glossary matches without case.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

_DEFINED = re.compile(r"\(\s*([A-Za-z&]{2,10})\s*\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# What a definition's words run back to: no further than the start of the clause.
_CLAUSE_END = re.compile(r"[.;:!?()\[\]•]")
_SMALL = frozenset("a an and as at by for from in into of on or the to with &".split())
_LOWER_WORD = re.compile(r"\b[a-z]{2,10}\b")
DOMINANT = 2 / 3
"""Share of an acronym's definitions its most frequent long form needs to be kept."""


def _singular(acronym: str) -> str:
    """"KPIs" -> "KPI"; "CAMHS" and "DfT" as they are."""
    return acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 and acronym[-2].isupper() else acronym


def _letters(acronym: str) -> str | None:
    """The letters a definition must spell ("KPIs" -> "kpi"), or None for what is no acronym
    (fewer than two capitals: "(see)", "(Kent)")."""
    acronym = _singular(acronym)
    if sum(1 for ch in acronym if ch.isupper()) < 2:
        return None
    return "".join(ch for ch in acronym.lower() if ch.isalpha())


def _spelled(words: list[str], letters: str) -> list[str] | None:
    """The shortest run of words ending the list whose initials spell the letters: all the
    words', or the words' but small ones (which may sit inside, never first)."""
    for n in range(2, min(len(words), len(letters) + 4) + 1):
        run = words[-n:]
        if run[0].lower() in _SMALL:
            continue
        every = "".join(w[0] for w in run).lower()
        content = "".join(w[0] for w in run if w.lower() not in _SMALL).lower()
        if every == letters or content == letters:
            return run
    return None


def definitions(text: str) -> list[tuple[str, str]]:
    """(long form, acronym) for each acronym the text spells out, in order."""
    out = []
    for m in _DEFINED.finditer(text):
        acronym = m.group(1)
        letters = _letters(acronym)
        if not letters:
            continue
        before = text[:m.start()]
        ends = [e.end() for e in _CLAUSE_END.finditer(before, max(0, len(before) - 200))]
        clause = before[ends[-1] if ends else max(0, len(before) - 200):]
        words = _WORD.findall(clause.replace("-", " "))
        run = _spelled(words, letters)
        if run:
            out.append((" ".join(run), acronym))
    return out


def learn(texts: Iterable[str]) -> list[tuple[str, str]]:
    """The papers' acronyms with the words they stand for, one pair per acronym: as
    `definitions` finds them, less the ambiguous and those the papers also write as a word."""
    forms: dict[str, Counter] = defaultdict(Counter)
    written: dict[str, str] = {}
    lower_words: set[str] = set()
    for text in texts:
        lower_words.update(_LOWER_WORD.findall(text))
        if "(" not in text:
            continue
        for long_form, acronym in definitions(text):
            acronym = _singular(acronym)
            forms[acronym.upper()][long_form.lower()] += 1
            written.setdefault(acronym.upper(), acronym)
    out = []
    for key, counts in sorted(forms.items()):
        (long_form, n), total = counts.most_common(1)[0], sum(counts.values())
        acronym = written[key]
        if n < DOMINANT * total or acronym.lower() in lower_words:
            continue
        out.append((long_form, acronym))
    return out
