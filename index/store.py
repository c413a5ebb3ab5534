"""The index as one object: catalogue + Chroma + BM25, searched with hybrid fusion.

Write order for a document: Chroma first, then the catalogue in one transaction. The
catalogue decides what exists: passages that reached Chroma but not the catalogue (a
crash in between) are never returned and are swept by `repair()`.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from cofnod.errors import CofnodError
from cofnod.settings import Settings
from cofnod.types import DocMeta, Filters, Hit, Passage, Resolution
from index import acronyms
from index.boilerplate import demote, demote_echoes, fragment, recurring
from index.catalog import Catalog, DocRecord
from index.fusion import rrf
from index.glossary import COUNTING, Glossary
from index.keyword import KeywordIndex, passage_text_for_index, tokenize
from index.turns import TurnWeights, named_speakers, reorder, transcript_places
from index.vectors import VectorIndex


def doc_of(passage_id: str) -> str:
    """A passage id is "<doc>#<seq>"."""
    return passage_id.rsplit("#", 1)[0]


def _doc_allowed(rec: DocRecord, f: Filters) -> bool:
    if f.doc and rec.doc != f.doc:
        return False
    if f.committee and (rec.committee or "").lower() != f.committee.lower():
        return False
    if f.doc_type and rec.doc_type.lower() != f.doc_type.lower():
        return False
    if (f.date_from or f.date_to) and not rec.date:
        return False
    if f.date_from and rec.date < f.date_from:
        return False
    return not (f.date_to and rec.date > f.date_to)


def model_label(embedder) -> str:
    """How an index names the model its vectors came from."""
    return f"{embedder.name} ({embedder.dim} dimensions)"


# "section 25", "Section 114", "s.106": a section named by its number in a paper's text
_SECTION_SAID = re.compile(r"\b(?:sections?|s\.)\s?(\d+[A-Z]?)\b", re.IGNORECASE)


def _heading_number(p: Passage) -> str | None:
    """The number of the section a passage's top heading opens ("7" of "7. Reserves"), if any."""
    m = re.match(r"(\d+)[.\s]", p.trail[0]) if p.trail else None
    return m.group(1) if m else None


class Index:
    """Everything stored under one data home."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.home = Path(settings.home)
        self.catalog = Catalog(self.home / "catalog.sqlite")
        self._vectors: VectorIndex | None = None
        self._keyword: KeywordIndex | None = None
        self._embedder = None
        self._glossary: Glossary | None = None
        self._derived: dict[str, tuple[int, object]] = {}

    # -- lazily opened parts ---------------------------------------------------
    @property
    def vectors(self) -> VectorIndex:
        if self._vectors is None:
            s = self.settings.index
            self._vectors = VectorIndex(self.home, s.collection, s.chroma_url, s.ef_search)
        return self._vectors

    @property
    def embedder(self):
        if self._embedder is None:
            from index.embed import get_embedder

            s = self.settings.index
            embedder = get_embedder(path=s.model_path, batch_size=s.embed_batch)
            built_with = self.catalog.get_state("model")
            if built_with and built_with != model_label(embedder):
                raise CofnodError(
                    f"{self.home}: this index was embedded with {built_with}, but the settings name "
                    f"{model_label(embedder)}; vectors of two models cannot be compared. Set index.model_path "
                    "back, or ingest the papers into a new home with the new model."
                )
            self._embedder = embedder
        return self._embedder

    @property
    def keyword(self) -> KeywordIndex:
        gen = self.catalog.generation()
        if self._keyword is None or getattr(self._keyword, "generation", None) != gen:
            folder = self.home / "keyword"
            kw = KeywordIndex.load(folder, gen)
            if kw is None:
                kw = KeywordIndex.build(self.catalog.all_passages())
                kw.save(folder, gen)
            kw.generation = gen
            self._keyword = kw
        return self._keyword

    def close(self) -> None:
        self.catalog.close()

    def derived(self, name: str, build):
        """Something computed from the catalogue (e.g. the register's BM25), kept until the catalogue changes."""
        gen = self.catalog.generation()
        cached = self._derived.get(name)
        if cached is None or cached[0] != gen:
            cached = self._derived[name] = (gen, build())
        return cached[1]

    # -- writing ---------------------------------------------------------------
    def upsert(self, meta: DocMeta, passages: list[Passage], sha256: str, source: str,
               vectors: list[list[float]] | None = None, resolutions: list[Resolution] | None = None,
               reader: str = "") -> None:
        """Replace a document's passages (and its decisions) everywhere (its own and nobody else's)."""
        vectors = self._vectors_for(meta.doc, passages) if vectors is None else vectors
        if self.catalog.get_state("model") is None and self._embedder is not None:
            self.catalog.set_state("model", model_label(self._embedder))
        self.vectors.delete_doc(meta.doc)
        self.vectors.add(passages, vectors)
        self.catalog.replace_document(meta, sha256, source, passages, resolutions, reader)

    def _vectors_for(self, doc: str, passages: list[Passage]) -> list[list[float]]:
        """Vectors for a document's new passages. A passage whose indexed text the document already
        held keeps its stored vector, so a corrected paper, or one read again by a newer reader,
        embeds only what changed."""
        texts = [passage_text_for_index(p) for p in passages]
        held = {passage_text_for_index(p): p.id for p in self.catalog.doc_passages(doc)}
        stored = self.vectors.vectors([held[t] for t in set(texts) if t in held]) if held else {}
        known = {t: stored[held[t]] for t in texts if t in held and held[t] in stored}
        fresh = [t for t in dict.fromkeys(texts) if t not in known]
        known.update(zip(fresh, self.embedder.embed(fresh) if fresh else []))
        return [known[t] for t in texts]

    def remove(self, doc: str) -> None:
        self.vectors.delete_doc(doc)
        self.catalog.remove_document(doc)

    def repair(self) -> int:
        """Drop vectors the catalogue does not know (left by an interrupted ingest); returns how many."""
        known = {p.id for p in self.catalog.all_passages()}
        orphans = sorted(self.vectors.ids() - known)
        self.vectors.delete_ids(orphans)
        return len(orphans)

    def refresh_keyword(self) -> None:
        """Bring the keyword index in step now rather than on the next search."""
        _ = self.keyword

    # -- reading ---------------------------------------------------------------
    def documents(self) -> list[DocRecord]:
        """Every document's record, read from the catalogue once per change of it (a question
        looks at them several times: its committees, dates and kinds of paper)."""
        return list(self.derived("documents", self.catalog.documents))

    def document(self, doc: str) -> DocRecord | None:
        return self.catalog.document(doc)

    def passages(self, ids: list[str]) -> dict[str, Passage]:
        return self.catalog.passages(ids)

    def doc_passages(self, doc: str) -> list[Passage]:
        return self.catalog.doc_passages(doc)

    def allowed_docs(self, filters: Filters) -> set[str]:
        """The documents these filters let through."""
        return {r.doc for r in self.documents() if _doc_allowed(r, filters)}

    def resolutions(self, filters: Filters | None = None) -> list[Resolution]:
        """The decisions register, newest first, restricted like a search (by its documents)."""
        found = self.catalog.resolutions()
        if filters is None or filters.is_empty():
            return found
        allowed = self.allowed_docs(filters)
        return [r for r in found if r.doc in allowed]

    def _keyword_mask(self, filters: Filters | None):
        if filters is None or filters.is_empty():
            return None
        import numpy as np

        allowed = self.allowed_docs(filters)
        return np.fromiter((doc_of(pid) in allowed for pid in self.keyword.ids), dtype=bool)

    @property
    def glossary(self) -> Glossary:
        """The built-in groups, the council's own (`index.glossary_file`) and the papers' acronyms."""
        return self._papers_glossary()[0]

    def _phrase_counts(self) -> dict[str, int]:
        """Passages holding each glossary phrase."""
        return self._papers_glossary()[1]

    def _given_glossary(self) -> Glossary:
        if self._glossary is None:
            self._glossary = Glossary.with_file(self.settings.index.glossary_file)
        return self._glossary

    def _papers_glossary(self) -> tuple[Glossary, dict[str, int]]:
        """The glossary with the acronyms the papers spell out, and the passages holding each of its
        phrases: made once per catalogue generation, and saved beside the keyword index."""
        return self.derived("glossary", self._learn_glossary)

    def _learn_glossary(self) -> tuple[Glossary, dict[str, int]]:
        given = self._given_glossary()
        gen = self.catalog.generation()
        path = self.home / "keyword" / "glossary.json"
        key = hashlib.sha256(json.dumps([COUNTING, given.groups, self.settings.index.learn_acronyms]).encode()
                             ).hexdigest()[:16]
        try:
            saved = json.loads(path.read_text())
        except (OSError, ValueError):
            saved = {}
        if saved.get("generation") == gen and saved.get("glossary") == key:
            return given.with_acronyms([tuple(p) for p in saved["acronyms"]]), saved["counts"]
        texts = [p.text for p in self.catalog.all_passages()]
        pairs = acronyms.learn(texts) if self.settings.index.learn_acronyms else []
        glossary = given.with_acronyms(pairs)
        counts = glossary.count_phrases(texts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"generation": gen, "glossary": key, "acronyms": pairs, "counts": counts}))
            tmp.replace(path)
        except OSError:
            pass  # a read-only home (a shared index): kept in memory and made again next time
        return glossary, counts

    def equivalents(self, query: str) -> list[str]:
        """The papers' own words for the query's ideas where the query uses others (e.g. "tips"
        for "household waste recycling centres"), or none."""
        if not self.settings.index.glossary_weight:
            return []
        return self.glossary.expansions(query, self._phrase_counts())

    def in_papers_words(self, query: str) -> str:
        """The query with phrases the papers seldom use swapped for the ones they use (for embedding)."""
        if not self.settings.index.glossary_weight:
            return query
        return self.glossary.rewrite(query, self._phrase_counts())

    def spelled_out(self, text: str) -> str:
        """The text with the papers' acronyms in their words (for embedding a sentence)."""
        if not self.settings.index.glossary_weight:
            return text
        return self.glossary.spelled_out(text)

    def held_in_other_words(self, question: str, text: str) -> set[str]:
        """Stems of the question's words whose meaning the text gives in other words ("tips" in "HWRCs")."""
        if not self.settings.index.glossary_weight:
            return set()
        return self.glossary.covered_stems(question, text)

    def _rankings(self, query: str, vector, filters: Filters | None, also: str = "") -> tuple[list, list]:
        s = self.settings.index
        sparse = self.keyword.search(query, s.candidates, self._keyword_mask(filters), s.neighbour_weight,
                                     also, s.glossary_weight)
        dense = self.vectors.query(vector, filters, s.candidates)
        return dense, sparse

    def search(self, query: str, filters: Filters | None = None, k: int = 10,
               prefer: Filters | None = None) -> list[Hit]:
        """Hybrid search: BM25 and vectors, filtered before ranking, fused by RRF.

        `prefer` adds a second pair of rankings restricted to those filters, lifting
        (not limiting to) the passages it picks, e.g. minutes for "what was resolved".
        """
        s = self.settings.index
        if self.catalog.count_passages() == 0:
            return []
        also = " ; ".join(self.equivalents(query))
        vector = self.embedder.embed([self.in_papers_words(query)])[0]
        dense, sparse = self._rankings(query, vector, filters, also)
        lists = [[i for i, _ in dense], [i for i, _ in sparse]]
        weights = [s.dense_weight, s.sparse_weight]
        if prefer is not None and not prefer.is_empty():
            p_dense, p_sparse = self._rankings(query, vector, (filters or Filters()).narrowed(prefer), also)
            # Only passages near the best match overall are lifted: in an index with few minutes,
            # every minutes passage would otherwise outrank the report that answers the question.
            near_dense = dense[0][1] - s.prefer_dense_margin if dense else 0.0
            near_sparse = sparse[0][1] * s.prefer_sparse_share if sparse else 0.0
            lifted = [[i for i, sc in p_dense if sc >= near_dense], [i for i, sc in p_sparse if sc >= near_sparse]]
            # a bullet or table cell of the preferred papers ("Family Hub awareness survey") is not lifted
            texts = self.passages(sorted({i for ids in lifted for i in ids}))
            lists += [[i for i in ids if i in texts and not fragment(texts[i].text, s.echo_words)] for ids in lifted]
            weights += [s.dense_weight * s.prefer_weight, s.sparse_weight * s.prefer_weight]
        fused = rrf(lists, weights, s.rrf_k)
        dense_of, sparse_of = dict(dense), dict(sparse)
        # one catalogue read serves the turn reordering (which only moves ids within its depth) and the hits
        found = self.passages([pid for pid, _ in fused[: max(k * 3, s.turn_depth)]])
        fused = self._turns_first(fused, found, query, filters, sparse_of)
        hits = [
            Hit(found[pid], score, dense_of.get(pid), sparse_of.get(pid))
            for pid, score in fused if pid in found
        ]
        hits = demote_echoes(demote(hits, self.boilerplate()), frozenset(tokenize(query)), s.echo_words)
        return self._expand(hits, s.expand_top, s.expand_after)[:k]

    def mentions(self, word: str, forgive: bool = True) -> bool:
        """Does some passage in the index hold this word (forgiving a long name one letter wrong,
        unless `forgive` is off)?"""
        return self.keyword.holds(word, 8 if forgive else None)

    def papers_mentioning(self, words: list[str]) -> set[str]:
        """The documents that hold all these words: in their passages, or in their title or committee."""
        found = self.keyword.docs_holding(words)
        stems = set(tokenize(" ".join(words)))
        named = self.derived("title-stems", lambda: {
            d.doc: frozenset(tokenize(f"{d.title or ''} {d.committee or ''}")) for d in self.documents()})
        return found | {doc for doc, have in named.items() if stems and stems <= have}

    def rarest_word(self, words: list[str]) -> str:
        """The word held by the fewest passages ("Concessionary" of "English National Concessionary
        Travel Scheme")."""
        df = self.keyword.df
        return min(words, key=lambda w: max((df.get(t, 0) for t in tokenize(w)), default=0))

    def knows_name(self, word: str) -> bool:
        """Is this word of a name in the papers (`mentions`), or an acronym the glossary gives the
        papers' own words for ("CLA" where they say "looked after children")? A name such as
        "Estyn" is not known by its glossary group: what Estyn said is not what CIW said."""
        return self.mentions(word) or (word.isupper() and bool(self.equivalents(word)))

    def has_section(self, number: str) -> bool:
        """Does some paper speak of a section with this number ("section 25 of the Local Government
        Act 2003") or have one (paragraphs 7.1, 7.2 ..., or a heading "7. ...")?"""
        def build() -> frozenset[str]:
            found = set()
            for p in self.catalog.all_passages():
                found.update(m.lower() for m in _SECTION_SAID.findall(p.text))
                found.update(re.findall(r"^\s*(\d+)\.\d", p.paragraph or ""))  # 7.1 is in section 7; "25." is a paragraph
                found.add(_heading_number(p))
            return frozenset(found - {None})

        return number.lower() in self.derived("section-numbers", build)

    def holds_compound(self, word: str) -> bool:
        """Does some passage hold this hyphenated word, spelled with a hyphen, a dash, a space or
        nothing between its parts, its last part perhaps plural ("well-being", "wellbeing";
        "transitional arrangements" for "transitional-arrangement"), or does the glossary give the
        papers' own words for it ("e-cigarettes" where they say "vapes")?"""
        parts = [re.escape(p) for p in word.lower().split("-") if p]
        pattern = r"\b" + r"[-\s\u2010\u2013]?".join(parts) + r"(?:s|es)?\b"
        text = self.derived("lowered-text", lambda: "\n".join(p.text.lower() for p in self.catalog.all_passages()))
        return bool(re.search(pattern, text)) or bool(self.equivalents(word))

    def mentions_together(self, words: list[str]) -> bool:
        """Does some passage in the index hold all these words?"""
        return self.keyword.together(words)

    def speakers(self) -> dict[str, frozenset[str]]:
        """Who speaks in each transcript, by document (documents without speakers left out)."""

        def build() -> dict[str, frozenset[str]]:
            found: dict[str, set[str]] = {}
            for p in self.catalog.all_passages():
                if p.speaker:
                    found.setdefault(p.doc, set()).add(p.speaker)
            return {doc: frozenset(names) for doc, names in found.items()}

        return self.derived("speakers", build)

    def boilerplate(self) -> frozenset[bytes]:
        """Fingerprints of the texts that recur across meetings (index/boilerplate.py)."""
        n = self.settings.index.boilerplate_meetings
        if not n:
            return frozenset()
        return self.derived(f"boilerplate-{n}", lambda: recurring(self.catalog.all_passages(), n))

    def _turns_first(self, fused: list[tuple[str, float]], found: dict[str, Passage], query: str,
                     filters: Filters | None, sparse_of: dict[str, float]) -> list[tuple[str, float]]:
        """Transcript passages among the first results reordered (index/turns.py); the BM25 pass
        for the turns before them is skipped when there is nothing to reorder."""
        s = self.settings.index
        w = TurnWeights(s.turn_opening, s.turn_sparse, s.turn_after, s.turn_depth, s.turn_named, s.turn_start)
        head = fused[: w.depth]
        if not w.opening or len(transcript_places(head, found)) < 2:
            return fused
        ids = [pid for pid, _ in head]
        before = self.keyword.before_shares(query, ids, self._keyword_mask(filters)) if w.after else {}
        named: set[str] = set()
        if w.named:  # the speakers the question names, among those of the passages reordered
            named = named_speakers(query, {found[i].speaker for i in ids if i in found and found[i].speaker})
        return reorder(fused, found, sparse_of, before, w, named)

    def _expand(self, hits: list[Hit], top: int, after: int) -> list[Hit]:
        """Bring in the passages after the best hits (evidence is usually a run), taking turns with
        the other hits: best hit, second hit, the best hit's next passage, third hit, and so on."""
        if not after or not hits:
            return hits
        placed = {h.passage.id for h in hits[:top]}
        followers: list[Hit] = []
        for hit in hits[:top]:
            for nxt in self._following(hit.passage, after):
                if nxt.id not in placed:
                    placed.add(nxt.id)
                    followers.append(Hit(nxt, hit.score, None, None))
        taken = {f.passage.id for f in followers}
        rest = [h for h in hits[1:] if h.passage.id not in taken]
        out = hits[:1]
        while rest or followers:
            if rest:
                out.append(rest.pop(0))
            if followers:
                out.append(followers.pop(0))
        return out

    def section(self, doc: str, number: str) -> list[Passage]:
        """A document's section or paragraph by its number, in reading order: "7" is the
        paragraphs numbered 7.1, 7.2 ... (or under a heading "7. ..."), "3.2" that paragraph and
        any numbered under it."""
        def within(label: str) -> bool:
            return label == number or label.startswith(f"{number}.")

        return [p for p in self.doc_passages(doc)
                if within((p.paragraph or "").strip())
                or ("." not in number and _heading_number(p) == number)]

    def _following(self, passage: Passage, n: int) -> list[Passage]:
        """Up to n passages after this one in its document."""
        if not passage.next_id:
            return []
        wanted = [f"{passage.doc}#{passage.seq + i}" for i in range(1, n + 1)]
        found = self.passages(wanted)
        run: list[Passage] = []
        for pid in wanted:
            if pid not in found:
                break
            run.append(found[pid])
        return run

    def status(self) -> dict:
        docs = self.catalog.documents()
        return {
            "home": str(self.home),
            "documents": len(docs),
            "passages": self.catalog.count_passages(),
            "vectors": self.vectors.count(),
            "model": self.settings.index.model_path or "all-MiniLM-L6-v2 (bundled)",
            "embedded_with": self.catalog.get_state("model"),
            "chroma": self.settings.index.chroma_url or str(self.home / "chroma"),
            "collection": self.settings.index.collection,
        }
