"""BM25 over passages (bm25s), kept in step with the catalogue by its generation number.

The index is derived data: when the catalogue's generation differs from the one the
saved index was built at, it is rebuilt from the catalogue's passages.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from cofnod.types import Passage

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves did does said say says also may might must shall upon""".split()
)


# "How many" and "how much" ask for a figure: they are not the word "many" of "many positive aspects".
_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stemmer():
    try:
        import Stemmer  # PyStemmer
    except ImportError:  # stemming improves recall but is not essential
        return None
    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, apostrophes kept inside words."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def tokenize(text: str) -> list[str]:
    """Content tokens: words without stopwords, stemmed."""
    toks = [w for w in words(text) if w not in STOPWORDS]
    stem = _stemmer()
    return stem.stemWords(toks) if stem else toks


def one_letter_apart(a: str, b: str) -> bool:
    """Do two words differ by one letter changed, added or dropped?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def passage_text_for_index(p: Passage) -> str:
    """What the keyword and vector indexes see: the text with its title and trail, which users search by."""
    context = " / ".join([p.title, *p.trail]) if p.trail else p.title
    return f"{context}\n{p.text}" if context else p.text


LENGTH_FLOOR = 20
"""BM25 reads a passage shorter than this many index tokens (its title and trail included) as this
long. A paper's title is in every passage's index text, so without a floor its shortest fragments
("Report Authors:", a name, a phone number) hold the title's words most densely and outrank its
paragraphs for any question naming the paper: "What is the Strengthening Independence Service?"
was led by the report's cover-sheet lines. Measured on kent-cabinet-dev: MRR 0.704 -> 0.727 at 20,
must_include unchanged; 25 and more cost must_include and recall, and 40 qmsum's MRR."""
_PAD = "\u2205"


class KeywordIndex:
    """BM25 scores for every passage, with a mask for filters applied before ranking."""

    def __init__(self, ids: list[str], tokens: list[list[str]]):
        import bm25s

        self.ids = ids
        self.position = {pid: i for i, pid in enumerate(ids)}
        df: Counter[str] = Counter()
        for toks in tokens:
            df.update(set(toks))
        self.df = dict(df)
        self.n = len(ids)
        self.retriever = bm25s.BM25()
        self._links = None
        self._doc_of = None
        if ids:
            # padding no query holds: lengths up to the floor (bm25s also needs no empty list)
            self.retriever.index([t + [_PAD] * (LENGTH_FLOOR - len(t)) for t in tokens], show_progress=False)

    @classmethod
    def build(cls, passages: Iterable[Passage]) -> "KeywordIndex":
        ids, tokens = [], []
        for p in passages:
            ids.append(p.id)
            tokens.append(tokenize(passage_text_for_index(p)))
        return cls(ids, tokens)

    def holds(self, word: str, forgive_from: int | None = 8) -> bool:
        """Does some passage hold this word (as its stem)? A word of `forgive_from` letters or more
        (never, for None) also counts as held when the passages hold one a letter away from it (a
        misspelt name)."""
        stems = tokenize(word)
        if all(self.df.get(t, 0) for t in stems):
            return True
        if forgive_from is None or len(word) < forgive_from:
            return False
        return all(self.df.get(t, 0) or any(one_letter_apart(t, v) for v in self.df) for t in stems)

    def _holding(self, stem: str):
        """Boolean mask over self.ids: the passages that hold this stem."""
        return self._scores_of_tokens([stem]) > 0

    def together(self, words: list[str]) -> bool:
        """Does some passage hold all these words (as their stems)? True where a word is in no
        passage at all, which `holds` answers."""
        stems = {t for w in words for t in tokenize(w)}
        if len(stems) < 2 or not all(self.df.get(t, 0) for t in stems):
            return True
        held = None
        for t in sorted(stems, key=lambda t: self.df[t]):
            held = self._holding(t) if held is None else held & self._holding(t)
            if not held.any():
                return False
        return True

    def docs_holding(self, words: list[str]) -> set[str]:
        """The documents with all these words (as their stems) somewhere in their passages."""
        import numpy as np

        docs_of = self._docs()
        found: set[str] | None = None
        for t in sorted({t for w in words for t in tokenize(w)}, key=lambda t: self.df.get(t, 0)):
            if not self.df.get(t, 0):
                return set()
            docs = set(docs_of[np.flatnonzero(self._holding(t))])
            found = docs if found is None else found & docs
            if not found:
                return set()
        return found or set()

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency of a (stemmed) token; high for rare words."""
        return math.log(1 + (self.n - self.df.get(token, 0) + 0.5) / (self.df.get(token, 0) + 0.5))

    def scores(self, query: str, allowed=None):
        """numpy array of BM25 scores, one per passage in self.ids; `allowed` is a boolean mask."""
        return self._scores_of_tokens(tokenize(_HOW_MANY.sub(" ", query)), allowed)

    def _scores_of_tokens(self, toks: list[str], allowed=None):
        import numpy as np

        toks = [t for t in toks if t in self.retriever.vocab_dict] if self.n else []
        if not toks:
            return np.zeros(self.n, dtype="float32")
        scores = self.retriever.get_scores(toks)
        return np.where(allowed, scores, 0.0) if allowed is not None else scores

    def before_shares(self, query: str, ids: list[str], allowed=None) -> dict[str, float]:
        """For each id, the plain BM25 score of the passage just before it in its document, as a share
        of the best score among the allowed passages (0 for a document's first passage)."""
        scores = self.scores(query, allowed)
        best = float(scores.max()) if self.n else 0.0
        if best <= 0:
            return {}
        has_prev, _ = self._neighbour_links()
        out = {}
        for pid in ids:
            i = self.position.get(pid)
            if i is not None and has_prev[i]:
                out[pid] = float(scores[i - 1]) / best
        return out

    def _docs(self):
        """numpy array: the document of each position in self.ids (ids are "<doc>#<seq>")."""
        import numpy as np

        if getattr(self, "_doc_of", None) is None:
            self._doc_of = np.array([pid.rsplit("#", 1)[0] for pid in self.ids])
        return self._doc_of

    def _neighbour_links(self):
        """Boolean arrays: does position i share its document with i-1 / i+1 (ids are in doc, seq order)?"""
        import numpy as np

        if getattr(self, "_links", None) is None:
            docs = self._docs()
            same = docs[1:] == docs[:-1] if self.n else np.zeros(0, dtype=bool)
            self._links = (np.r_[False, same], np.r_[same, False])
        return self._links

    def smoothed(self, scores, weight: float):
        """Add `weight` times each neighbour's score: an answer often sits beside the words of the question
        (a question turn and its reply, a heading and the paragraph under it)."""
        import numpy as np

        if weight <= 0 or self.n < 2:
            return scores
        has_prev, has_next = self._neighbour_links()
        prev = np.r_[0.0, scores[:-1]] * has_prev
        nxt = np.r_[scores[1:], 0.0] * has_next
        return scores + weight * (prev + nxt)

    def search(self, query: str, n: int, allowed=None, neighbour_weight: float = 0.0,
               also: str = "", also_weight: float = 0.0) -> list[tuple[str, float]]:
        """Top n passages; `also` holds other words for the query's ideas, scored at `also_weight`
        (only its words the query lacks, so nothing counts twice)."""
        import numpy as np

        scores = self.scores(query, allowed)
        if also and also_weight:
            own = set(tokenize(query))
            extra = [t for t in dict.fromkeys(tokenize(also)) if t not in own]
            if extra:
                scores = scores + also_weight * self._scores_of_tokens(extra, allowed)
        if neighbour_weight and allowed is not None:
            scores = np.where(allowed, self.smoothed(scores, neighbour_weight), 0.0)
        elif neighbour_weight:
            scores = self.smoothed(scores, neighbour_weight)
        if not len(scores):
            return []
        top = np.argsort(-scores)[:n]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    # -- persistence -------------------------------------------------------
    def save(self, folder: Path, generation: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "keyword.json.tmp"
        tmp.write_text(json.dumps({"generation": generation, "length_floor": LENGTH_FLOOR, "ids": self.ids,
                                   "df": self.df}))
        if self.n:
            self.retriever.save(str(folder / "bm25"))
        tmp.replace(folder / "keyword.json")  # written last: its generation vouches for bm25/

    @classmethod
    def load(cls, folder: Path, generation: int) -> "KeywordIndex | None":
        """The saved index if it was built at this generation (and length floor), else None."""
        import bm25s

        meta_path = folder / "keyword.json"
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError):
            return None
        if meta.get("generation") != generation or meta.get("length_floor") != LENGTH_FLOOR:
            return None
        self = cls.__new__(cls)
        self.ids = meta["ids"]
        self.position = {pid: i for i, pid in enumerate(self.ids)}
        self.df = meta["df"]
        self.n = len(self.ids)
        self._links = None
        self._doc_of = None
        try:
            self.retriever = bm25s.BM25.load(str(folder / "bm25")) if self.n else bm25s.BM25()
        except (OSError, ValueError):
            return None
        return self
