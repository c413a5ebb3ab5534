"""The Assistant: the one object the CLI, the UI and the evaluation talk to."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable, Protocol

from cofnod.errors import CofnodError
from cofnod.settings import Settings
from cofnod.types import Answer, FileResult, Filters, Hit
from index.catalog import DocRecord
from index.fusion import rrf
from index.glossary import for_display
from index.keyword import tokenize
from index.store import Index

from assistant import agenda, attendance, council, digest, evidence, names, register
from assistant.extractive import ExtractiveAnswerer, decline
from assistant.followup import points_back, standalone
from assistant.intent import DECISION_WORDS, asks_decision, asks_what_was_decided, preferred


NO_DECISION = "No resolution in the papers searched is about this; here is what they say about it."
"""Said before an answer to "what did Cabinet resolve on X?" when no decision in the register is about X."""
NO_DECISION_NOR_TOPIC = "No resolution in the papers searched is about this, and the passages found do not speak of it."


NAMED_DOCS = 5
"""Up to this many papers that mention a name the best hits' papers lack are searched one by one ..."""
NAMED_POOL = 30
"""... and beyond it, this many passages of the whole search, for ones from those papers."""
NAMED_COVERAGE = 0.5
"""Least share of the question's other key terms (idf-weighted) one of those papers' passages must hold."""


class Answerer(Protocol):
    """Composes an answer from ranked passages (the swap point for LLM backends)."""

    name: str

    def terms(self, question: str) -> dict[str, float]: ...

    def answer(self, question: str, hits: list[Hit]) -> Answer: ...


def _extractive(assistant: "Assistant") -> Answerer:
    idx = assistant.index
    return ExtractiveAnswerer(assistant.settings.answer, idx.embedder, lambda t: idx.keyword.idf(t), idx)


def _llm(kind: str) -> Callable[["Assistant"], Answerer]:
    """An LLM backend's factory; the model's libraries load only when it is chosen."""

    def factory(assistant: "Assistant") -> Answerer:
        from assistant.llm import make_answerer

        idx = assistant.index
        return make_answerer(kind, assistant.settings, idx.embedder, lambda t: idx.keyword.idf(t), idx)

    return factory


ANSWERERS: dict[str, Callable[["Assistant"], Answerer]] = {
    "extractive": _extractive, "openai": _llm("openai"), "llamacpp": _llm("llamacpp"),
}


def register_answerer(name: str, factory: Callable[["Assistant"], Answerer]) -> None:
    """Add an answer backend under a name (LLM backends, and fakes in tests)."""
    ANSWERERS[name] = factory


class Assistant:
    """Retrieves evidence from the index and answers with citations."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.index = Index(settings)
        self._answerer: Answerer | None = None

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            name = self.settings.answer.backend
            try:
                factory = ANSWERERS[name]
            except KeyError as e:
                raise CofnodError(f"unknown answer backend {name!r}; known: {', '.join(ANSWERERS)}") from e
            self._answerer = factory(self)
        return self._answerer

    def close(self) -> None:
        self.index.close()

    # -- papers ------------------------------------------------------------
    def ingest(self, paths: list[Path], root: Path | None = None, prune: bool = False,
               exclude: Iterable[str] = (), progress=None) -> list[FileResult]:
        from assistant.library import ingest_paths

        return ingest_paths(self.index, paths, self.settings, root, prune, exclude, progress)

    def documents(self) -> list[DocRecord]:
        return self.index.documents()

    def status(self) -> dict:
        return self.index.status()

    # -- questions ---------------------------------------------------------
    def search(self, question: str, filters: Filters | None = None, k: int | None = None) -> list[Hit]:
        question = question.strip()
        if not question:
            raise CofnodError("the question is empty")
        prefer = preferred(question)
        if prefer is not None and prefer.doc_type == "minutes" and not register.minutes_speak_of(self.index, question):
            prefer = None  # no minutes say what was asked about: the report that does is not to be pushed down
        return self.index.search(question, filters, k or self.settings.answer.k, prefer=prefer)

    def _with_earlier(self, query: str, earlier: str, filters: Filters | None, k: int | None) -> list[Hit]:
        """A follow-up's passages: its own search fused (RRF) with the search for the question it
        points back to, at `answer.followup_earlier`. "What rate does it start from?" after a question
        on the target for smoking in pregnancy: its own words ("rate", "start") pull in other
        passages of the strategy; the earlier question's search holds the one giving both figures."""
        n = k or self.settings.answer.k
        now, before = self.search(query, filters, n), self.search(earlier, filters, n)
        hit_of = {h.passage.id: h for h in before} | {h.passage.id: h for h in now}
        fused = rrf([[h.passage.id for h in now], [h.passage.id for h in before]],
                    [1.0, self.settings.answer.followup_earlier], self.settings.index.rrf_k)
        return [hit_of[pid] for pid, _ in fused[:n]]

    def ask(self, question: str, filters: Filters | None = None, history: list[str] | None = None,
            k: int | None = None, on_sentence: Callable[[str, list[int]], None] | None = None,
            infer: bool = True) -> Answer:
        """Answer a question, citing the passages each sentence comes from, or decline.

        `on_sentence` receives each checked sentence of a streaming (LLM) answerer as it is kept.
        `infer`: narrow the search by the dates and committee the question names (where `filters`
        leave them open); the answer's `note` says so.
        """
        start = time.perf_counter()
        rewrite = getattr(self.answerer, "rewrite", None)  # an LLM backend rewrites follow-ups itself
        query = rewrite(question.strip(), history) if rewrite and history else standalone(question.strip(), history)
        # the user's own words, not a follow-up's: a paper asked about as a whole, or the record of a
        # meeting asked about as a whole that decided nothing
        paper = digest.named_paper(self.index, question, filters) or digest.meeting_record(self.index, question, filters)
        summary = digest.answer(self.index, query, paper) if paper else None
        if summary is None and (section := digest.asked_section(self.index, question, filters)):
            # "What does section 7 of the inspection report say?": the section, not the lines pointing to it
            summary = digest.section_answer(self.index, query, *section)
        if summary is None and (listed := agenda.asked_meetings(self.index, question, filters)):
            # "What was on the agenda for Cabinet on 30 January 2025?": its items, not its front sheet
            summary = agenda.answer(query, listed) if listed.meetings else decline(query, [], listed.note)
        if summary is None and (coming := agenda.next_meeting(self.index, question, filters)) is not None:
            # "When is the next Cabinet meeting?": the papers' meeting dates, not a passage naming a meeting
            summary = agenda.next_answer(query, coming) if coming.meeting else decline(query, [], coming.note)
        if summary is not None:
            # "What does the Finance Monitoring Report say?": that paper's lead, not the passages
            # richest in its title's words
            result = summary if self.answerer.name == "extractive" else self.answerer.answer(query, summary.hits)
            result.question = query
            return self._finish(result, query, filters, None, start, time.perf_counter())
        search = self.search
        if history and query != question.strip() and points_back(question) and self.settings.answer.followup_earlier:
            # "Who seconded it?": also what was found for the question "it" points back to (not for
            # one that only goes on from it: "And what about school transport?")
            earlier = standalone(history[-1].strip(), history[:-1])

            def search(q: str, f: Filters | None = None, n: int | None = None) -> list[Hit]:
                return self._with_earlier(q, earlier, f, n)
        found = council.retrieve(self.index, search, self._holds_names, query, filters,
                                 k or self.settings.answer.k, infer, decision=asks_decision(question),
                                 topic=question)
        hits = found.hits
        unmentioned: list[str] = []
        asked = query  # what the answer's sentences are chosen for
        answer_from = hits  # the passages they are chosen from
        if not found.declined and found.decisions is None and hits:
            hits, unmentioned, asked, answer_from = self._on_named(
                query, hits, found.scope.filters if found.scope else filters, k or self.settings.answer.k)
        retrieved = time.perf_counter()
        answerer = self.answerer
        if found.declined:
            result = decline(query, hits, found.declined)
        elif found.decisions:
            result = register.list_answer(self.index, query, found.decisions)
        elif found.decisions is not None:
            result = decline(query, hits, council.no_decisions(self.index, found.scope))
        elif hits and (unheld := attendance.unheld(self.index, query, found.scope.filters if found.scope else filters)):
            # "Who is the Cabinet Member for Housing?" where no paper names one: not the nearest passage
            result = decline(query, hits, unheld)
        elif hits and (unknown := names.unknown_names(query, self.index.knows_name, self.index.mentions_together)
                       + names.unknown_sections(query, self.index.has_section)
                       + names.unknown_compounds(query, self.index.holds_compound)):
            # "What is the plan for the Folkestone Harbour Arm?" where no paper says "harbour"; "What
            # does the section 25 statement say?" where no paper has a section 25 nor speaks of one; "a
            # four-day working week" where no paper says "four-day" (nor "four day")
            result = decline(query, hits, names.names_not_in_papers(unknown))
        elif unmentioned:
            result = decline(query, hits, names.names_unmentioned_by_answers(unmentioned))
        elif not hits or not (asked != query or self._enough(query, found.hits) or found.recorded):
            # answerable or not is judged on the search's own order: putting the papers that
            # mention the names asked first makes no question answerable
            since = found.scope is not None and found.scope.since
            result = decline(query, hits, council.nothing_since(self.index, found.scope) if since else None)
        else:
            streams = on_sentence is not None and getattr(answerer, "streams", False)
            # a language model reads the whole question; sentences chosen by their words leave the name out
            asked = asked if answerer.name == "extractive" else query
            result = (answerer.answer(asked, answer_from, on_sentence) if streams
                      else answerer.answer(asked, answer_from))
            result.question, result.hits = query, hits
        if found.no_decision and asks_what_was_decided(question) and not result.abstained:
            if all(c.passage.doc_type == "agenda" for c in result.citations):
                # an agenda says what a meeting will take, never what it decided
                result = decline(query, hits)
            elif not self._names_topic(question, result):
                # "What did Cabinet decide about school transport?" answered with a debate on school places
                result = decline(query, hits, NO_DECISION_NOR_TOPIC)
            else:
                result.caveat = NO_DECISION
        missing = None if result.abstained else self._missing(query, hits)
        if missing:
            # "What did Barry Hughes say ..." of a meeting he was not at: what was said, flagged as not his
            result.caveat = f"{missing}; here is what they say about it."
        return self._finish(result, query, filters, found.scope, start, retrieved)

    def _finish(self, result: Answer, query: str, filters: Filters | None, scope: council.Scope | None,
                start: float, retrieved: float) -> Answer:
        """The answer with what was searched and how long it took."""
        result.filters = filters
        result.also_searched = for_display(self.index.equivalents(query))
        if scope is not None:
            result.inferred, result.note = scope.filters, scope.note
        result.timings = {"retrieval": retrieved - start, "total": time.perf_counter() - start}
        return result

    def _names_topic(self, question: str, result: Answer) -> bool:
        """Whether the passages an answer cites hold the rarest word of what the question asks
        about ("transport" of "school transport"), or say it in other words."""
        rarest = register.focus(self.index, question)
        also = self._in_other_words(question)
        return not rarest or any(
            evidence.coverage(rarest, " ".join([c.passage.text, *c.passage.trail]), also) == 1.0
            for c in result.citations)

    def _in_other_words(self, query: str) -> Callable[[str], set[str]]:
        """For a text, the query's words it holds in other words ("tips" in "HWRCs"): the gate's view."""
        return lambda text: self.index.held_in_other_words(query, text)

    def _enough(self, query: str, hits: list[Hit]) -> bool:
        """Whether these hits would pass the evidence gate `ask` applies."""
        terms = self.answerer.terms(query)
        also = self._in_other_words(query)
        strong = evidence.enough(evidence.strength(hits, terms, also=also), self.settings.answer)
        return strong and evidence.holds_quantity(query, hits, terms)

    def _on_named(self, query: str, hits: list[Hit], filters: Filters | None,
                  k: int) -> tuple[list[Hit], list[str], str, list[Hit]]:
        """Where the question names a place or thing that none of the best hits' papers mentions:
        the best passages from the papers that mention it, with the question less the name to
        choose the answer's sentences by ("What did Bridgend say about the action plan?": every
        passage there is Bridgend's), when they pass their gate; otherwise the hits as they are,
        with the names no paper of theirs mentions. Where some of the best hits' papers mention
        it, those hits first, and the answer is read from them alone ("What did the Bridgend
        committee say about caseloads?" is not told Kent's). Hits, names unmentioned, question to
        answer, hits to answer from."""
        idx = self.index
        speakers = set().union(*idx.speakers().values())
        parts = names.asked_names(query, lambda w: idx.mentions(w, forgive=False), speakers)
        missing, holders = names.names_unmentioned(parts, hits, idx.papers_mentioning)
        if not missing:
            # a paper speaks of "the English National Concessionary Travel Scheme" if it names the
            # scheme's rarest word: minutes say "the national concessionary travel scheme"
            bearing = [idx.papers_mentioning([idx.rarest_word(part)]) for part in parts]
            ordered = names.bearers_first(hits, bearing)
            return ordered, [], query, names.bearers_only(ordered, bearing)
        if len(holders) <= NAMED_DOCS:
            # each paper searched on its own: a name said in one passage of it brings none of its
            # other passages into the best results overall
            found = [h for doc in sorted(holders)
                     for h in self.search(query, (filters or Filters()).narrowed(Filters(doc=doc)), k)]
            found.sort(key=lambda h: -h.score)
        else:
            found = self.search(query, filters, NAMED_POOL)
        pool = [h for h in found if h.passage.doc in holders][:k]
        # every passage there holds the name: the gate asks whether they also speak to the rest,
        # words such as "committee" or "decide" aside
        unnamed = names.without(query, missing)
        rest = " ".join(w for w in unnamed.split() if not set(tokenize(w)) & DECISION_WORDS)
        if pool and self._covers(rest, pool):
            return pool, [], unnamed, pool
        return hits, missing, query, hits

    def _covers(self, rest: str, pool: list[Hit]) -> bool:
        """The gate for passages from the papers that mention a name: one must hold the rarest of the
        question's other key terms, and one most of them (the name already ties the papers to the
        question, and a long passage that mentions the thing asked in one clause sits far from the
        question in meaning, so closeness in meaning is not asked for)."""
        terms = self.answerer.terms(rest)
        if not terms:
            return False
        also = self._in_other_words(rest)
        rarest = evidence.focus_terms(terms, 1)
        texts = [" ".join([h.passage.text, *h.passage.trail]) for h in pool[:5]]
        focused = any(evidence.coverage({t: terms[t] for t in rarest}, text, also) == 1.0 for text in texts)
        covered = evidence.strength(pool, terms, also=also).coverage >= NAMED_COVERAGE
        return focused and covered and evidence.holds_quantity(rest, pool, terms)

    def _holds_names(self, query: str, hits: list[Hit]) -> bool:
        """The evidence gate, and the people and committees the question names in the hits: a
        search narrowed by the question's dates or committee that lacks them is widened."""
        return self._enough(query, hits) and self._missing(query, hits) is None

    def _missing(self, query: str, hits: list[Hit]) -> str | None:
        """Who or what the question names that the hits do not have: a transcript speaker who
        neither speaks in nor is named by them, or a committee they neither come from nor mention;
        None when the question names none such."""
        if not hits:
            return None
        speakers = names.absent_speakers(query, hits, self.index.speakers())
        if speakers:
            return names.not_in_papers(speakers)
        committees = {d.committee for d in self.index.documents() if d.committee}
        bodies = names.absent_bodies(query, hits, committees)
        return names.bodies_not_in_papers(bodies) if bodies else None
