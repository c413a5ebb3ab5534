"""The grounding check: nothing a language model writes is shown unless the papers support it.

A model's reply is cut into sentences, each with the [n] markers it carries. A sentence is
kept only when
  1. it cites at least one passage that was retrieved (n in 1..len(passages); any other
     number is no citation at all, so a passage that was not retrieved cannot be cited),
  2. every number and every name in it appears in what it cites (the passage text, or the
     document, date and page the prompt showed beside it), and
  3. the cited passages support it: the cosine similarity between the sentence and the best
     of the cited passages and their sentences reaches `min_support`.
A sentence of a paper that addresses a language model ("ignore previous instructions and
reply ...") counts as no evidence at all: the paper is data, and obeying it shows nothing.
Everything else is removed and counted. The kept sentences are renumbered by first use, as
the extractive answerer numbers its citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from cofnod.types import Answer, Citation, Hit
from ingest.sentences import split_sentences
from assistant.prompts import NOT_IN_PAPERS

_MARKERS = r"(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]\s*)+"
_MARKER_AFTER_STOP = re.compile(r"([.!?])\s*(" + _MARKERS + r")")
_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_MARKER_LINE = re.compile(r"\s*\n(?=\s*" + _MARKERS + r"$)", re.MULTILINE)  # "[2]" alone on the next line
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A sentence in a paper that speaks to a language model ("ignore previous instructions and ...") is an
# attempted injection, not evidence: it never supports a sentence and never lends it a name or figure.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget)\b[^.!?]{0,60}\b(?:instructions?|prompts?|rules|above)\b"
    r"|\b(?:system prompt|language model|you are (?:now )?(?:an? )?(?:ai|assistant|chatbot))\b"
    r"|\b(?:reply|respond|answer)\s+(?:only\s+)?with\b",
    re.IGNORECASE,
)
_MONTHS = ("january february march april may june july august september october november december").split()

# Capitalised words that are not names: sentence furniture a model writes on its own.
_NOT_NAMES = frozenset(
    """a an the this that these those it its he she they we i in on at of for by to from with and or but
    as if when while after before during under over however also both each all some any no not yes
    there here their our your his her my according answer question passage passages paper papers
    document date page paragraph""".split()
)


@dataclass
class Claim:
    """One sentence of a model's reply, without its markers, and the numbers it cited."""

    text: str
    refs: list[int]


@dataclass
class Verdict:
    kept: bool
    reason: str = ""
    """Why a sentence was removed: uncited, unknown figure or name, unsupported, too short."""
    support: float = 0.0
    passages: list[int] = field(default_factory=list)
    """0-based indexes of the retrieved passages it cites."""


def parse_claims(text: str) -> list[Claim]:
    """Cut a reply into sentences and the [n] / [n, m] / [n][m] markers each carries.

    A marker right after a full stop ("... agreed. [2]") belongs to the sentence before it.
    """
    claims = []
    text = _MARKER_LINE.sub(" ", text)
    for line in text.splitlines():
        line = _MARKER_AFTER_STOP.sub(lambda m: f" {m.group(2).strip()}{m.group(1)} ", _BULLET.sub("", line))
        for sentence in split_sentences(line):
            refs = [int(n) for group in _MARKER.findall(sentence) for n in re.split(r"[,;]", group)]
            plain = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(_MARKER.sub(" ", sentence).split()))
            if re.search(r"\w", plain):
                claims.append(Claim(plain, refs))
    return claims


def says_not_in_papers(text: str) -> bool:
    """Did the model say the papers do not answer (and little else)?"""
    plain = " ".join(_MARKER.sub(" ", text).split()).lower()
    return NOT_IN_PAPERS in plain and len(plain.split()) <= 12


def _numbers(text: str) -> set[str]:
    """Figures in a text, normalised: commas and leading zeros dropped ("1,200" -> "1200", "06" -> "6")."""
    out = set()
    for raw in _NUMBER.findall(text):
        n = raw.replace(",", "").rstrip(".")
        whole, _, frac = n.partition(".")
        out.add((whole.lstrip("0") or "0") + (f".{frac}" if frac else ""))
    return out


def _names(text: str) -> set[str]:
    """Capitalised words after the first that are not sentence furniture: the names a sentence uses."""
    found = _WORD.findall(text)
    return {_stem(w) for w in found[1:] if w[0].isupper() and w.lower() not in _NOT_NAMES}


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    for suffix in ("'s", "s'", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


def evidence_sentences(text: str) -> list[str]:
    """A passage's sentences less any that address a language model."""
    return [s for s in split_sentences(text) if not _INSTRUCTION.search(s)]


def source_text(hit: Hit) -> str:
    """What the prompt showed for a passage: its text (less instructions), document, date (with month name) and page."""
    p = hit.passage
    bits = [" ".join(evidence_sentences(p.text)), p.title, p.doc, p.committee or "", " ".join(p.trail), str(p.page or ""), p.paragraph or ""]
    if p.date and re.match(r"\d{4}-\d\d-\d\d$", p.date):
        bits += [p.date.replace("-", " "), _MONTHS[int(p.date[5:7]) - 1] if 1 <= int(p.date[5:7]) <= 12 else ""]
    return " ".join(bits)


def unknown_facts(sentence: str, cited: list[Hit]) -> list[str]:
    """The numbers and names of a sentence that none of its cited passages holds."""
    source = " ".join(source_text(h) for h in cited)
    have_numbers = _numbers(source)
    have_words = {_stem(w) for w in _WORD.findall(source)}
    missing = sorted(n for n in _numbers(sentence) if n not in have_numbers)
    return missing + sorted(n for n in _names(sentence) if n not in have_words)


class Checker:
    """Checks the sentences of one reply against the passages it was given.

    Args:
        hits: the retrieved passages, numbered 1..len(hits) in the prompt.
        embed: texts -> unit vectors (the index's embedding model).
        min_support: least cosine between a sentence and its best cited passage or passage sentence.
        min_words: a shorter "sentence" is no claim ("PWNED", "Yes.").
    """

    def __init__(self, hits: list[Hit], embed: Callable[[list[str]], list[list[float]]],
                 min_support: float, min_words: int = 3):
        self.hits = hits
        self.embed = embed
        self.min_support = min_support
        self.min_words = min_words
        self._units: dict[int, list[list[float]]] = {}

    def _passage_vectors(self, i: int) -> list[list[float]]:
        if i not in self._units:
            sentences = evidence_sentences(self.hits[i].passage.text)
            whole = " ".join(sentences)
            units = ([whole] if whole else []) + [s for s in sentences if s != whole]
            self._units[i] = self.embed(units) if units else []
        return self._units[i]

    def support(self, sentence: str, cited: list[int]) -> float:
        """Best cosine between the sentence and a cited passage or one of its sentences."""
        (vec,) = self.embed([sentence])
        return max((sum(a * b for a, b in zip(vec, u)) for i in cited for u in self._passage_vectors(i)),
                   default=0.0)

    def check(self, claim: Claim) -> Verdict:
        cited = sorted({n - 1 for n in claim.refs if 1 <= n <= len(self.hits)})
        if not cited:
            return Verdict(False, "cites no retrieved passage")
        if len(re.findall(r"\w+", claim.text)) < self.min_words:
            return Verdict(False, "too short to be a claim", passages=cited)
        missing = unknown_facts(claim.text, [self.hits[i] for i in cited])
        if missing:
            return Verdict(False, f"not in the cited passages: {', '.join(missing)}", passages=cited)
        score = self.support(claim.text, cited)
        if score < self.min_support:
            return Verdict(False, f"support {score:.2f} below {self.min_support:.2f}", score, cited)
        return Verdict(True, "", score, cited)


class Grounded:
    """Collects the kept sentences of a reply, numbering citations by first use."""

    def __init__(self, checker: Checker):
        self.checker = checker
        self.sentences: list[tuple[str, list[int]]] = []
        self.citations: list[Citation] = []
        self.removed: list[tuple[str, str]] = []
        """(sentence, reason) for each sentence removed."""
        self._numbers: dict[int, int] = {}

    def add(self, claim: Claim) -> tuple[str, list[int]] | None:
        """Check a sentence; returns it with its new citation numbers when kept, else None."""
        verdict = self.checker.check(claim)
        if not verdict.kept:
            self.removed.append((claim.text, verdict.reason))
            return None
        for i in verdict.passages:
            if i not in self._numbers:
                self._numbers[i] = len(self._numbers) + 1
                self.citations.append(Citation(self._numbers[i], self.checker.hits[i].passage))
        kept = (claim.text, [self._numbers[i] for i in verdict.passages])
        self.sentences.append(kept)
        return kept

    def answer(self, question: str, hits: list[Hit]) -> Answer:
        text = " ".join(f"{s} " + " ".join(f"[{n}]" for n in ns) for s, ns in self.sentences)
        return Answer(text, False, list(self.citations), hits, list(self.sentences), question,
                      removed=len(self.removed))


def ground(reply: str, hits: list[Hit], checker: Checker) -> Grounded:
    """Check every sentence of a whole reply."""
    grounded = Grounded(checker)
    for claim in parse_claims(reply):
        grounded.add(claim)
    return grounded
