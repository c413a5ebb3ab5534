"""The default answerer: no LLM. It quotes the sentences that answer, each with its citation.

Sentences are scored by how many of the question's key terms they hold (weighted by
rarity), by their embedding similarity to the question, and by the rank of their
passage. The evidence check that decides whether to answer at all lives in `evidence.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Protocol

from cofnod.settings import AnswerSettings
from cofnod.types import Answer, Citation, Hit, Passage
from index.keyword import tokenize, words
from ingest.sentences import ends_unpunctuated, split_sentences
from ingest.structure import field_label, is_dated_field

from assistant import attendance
from assistant.followup import own_part, points_back
from assistant.dates import spoken, written_dates
from assistant.evidence import coverage, expected_quantity
from assistant.intent import DECISION_WORDS, asks_decision
from assistant.names import named_speakers
from assistant.register import procedural

# Words that shape a question rather than say what it is about.
QUESTION_WORDS = frozenset(
    """much many roughly approximately around about come came happen happened actually tell say said describe
    summarise summarize summary explain give given according kind sort type way ways think thought view views
    opinion opinions mention mentioned discuss discussed discussion anything something please know want
    also whether else exactly currently carry carries carried carrying conducted undertaken occur occurs occurred
    took ask asked asks asking""".split()
)


def question_terms(question: str, idf) -> dict[str, float]:
    """The question's key terms (stemmed) with their rarity weights."""
    kept = " ".join(w for w in words(question) if w not in QUESTION_WORDS)
    return {t: idf(t) for t in tokenize(kept)}

class PapersWords(Protocol):
    """What the index knows of the papers' own words for a question's ideas (index.store.Index)."""

    def in_papers_words(self, question: str) -> str: ...

    def spelled_out(self, text: str) -> str: ...

    def section(self, doc: str, number: str) -> list[Passage]: ...

    def passages(self, ids: list[str]) -> dict[str, Passage]: ...

    def doc_passages(self, doc: str) -> list[Passage]: ...

    def held_in_other_words(self, question: str, text: str) -> set[str]: ...


@dataclass
class Candidate:
    text: str
    hit_rank: int
    position: int
    score: float = 0.0
    speaker: str | None = None
    """Who said it, in a transcript."""


MAX_SENTENCE_WORDS = 50
FIGURE_TOP = 10
"""How far down the hits a "how many / how much" question looks for a sentence giving such a
figure, where the first five give none."""
HEADING_PENALTY = 0.1
# A "why" question is answered by a sentence that gives a reason.
_WHY = re.compile(r"^\s*(?:and\s+)?why\b|\bwhat (?:was|is|were|are) the reasons?\b", re.IGNORECASE)
_REASON = re.compile(r"\b(?:because|due to|owing to|as a result of|in light of|in order to|so that|the reason|"
                     r"caused by|following)\b", re.IGNORECASE)


# A flattened table row's figures before its words ("96.3 87.7 -8.6 Lower cost of hired transport ..."):
# three or more cells of figures (a paragraph's own number, "2.1 Note ...", or a figure opening prose is one).
_CELLS = re.compile(r"^(?:[-–(]?£?\d[\d,.]*(?:%|m|bn|k)?\)?\s+){3,}(?=[A-Za-z])")


def _pieces(sentence: str) -> list[str]:
    """A long "sentence" (a flattened list or table row) cut at bullets and semicolons, each piece
    capped; a table row's figures before its words left out (they say nothing without the table's
    header)."""
    sentence = _CELLS.sub("", sentence)
    if len(sentence.split()) <= MAX_SENTENCE_WORDS:
        return [sentence]
    # each item keeps its bullet, so that it still reads (and is followed) as an item of its list
    parts = [p.strip(" ;") for p in re.split(r"\s+(?=[•▪●])|(?<=;)\s+", sentence) if p.strip(" ;•▪●")]
    out = []
    for part in parts:
        ws = part.split()
        out.append(part if len(ws) <= MAX_SENTENCE_WORDS else " ".join(ws[:MAX_SENTENCE_WORDS]) + " …")
    return out


_TRAILING_NUMBER = re.compile(r"[;:](?:\s(?:and|or)\s)?\s*(\d{1,2}\.)$")
_BARE_NUMBER = re.compile(r"\d{1,2}\.")


def _numbered(sentences: list[str]) -> list[str]:
    """Sentences with a numbered list's "1." "2." at the start of their items, where the splitter
    left them at the end of the item before ("RESOLVED that Cabinet: 1." / "Agree to ...; 2."); a
    lead-in of under five words keeps its first item, as the splitter does with "(i)". The number
    a paragraph opens with ("3. RESOLVED that ...") is left as the splitter gave it."""
    out: list[str] = []
    carry = ""
    for sent in sentences:
        sent = f"{carry} {sent}".strip() if carry else sent
        carry = ""
        if _BARE_NUMBER.fullmatch(sent):
            if out:  # a paragraph's own number before its first sentence stays apart, as before
                carry = sent
            else:
                out.append(sent)
            continue
        m = _TRAILING_NUMBER.search(sent)
        if m:
            head = sent[:m.start(1)].rstrip()
            if head.endswith(":") and len(head.split()) < 5:
                carry = sent  # "RESOLVED that Cabinet: 1." stays with its first item
                continue
            sent, carry = head, m.group(1)
        out.append(sent)
    if carry:
        out.append(carry)
    return out


# What a speaker says to be polite, not to answer: "Thank you very much, Lynne.", "Okay.",
# "Diolch yn fawr.", names and the chair's title aside.
_COURTESY = re.compile(
    r"^(?:(?:(?i:thank\s+you|thanks|many\s+thanks|diolch(?:\s+yn\s+fawr)?|good\s+(?:morning|afternoon|evening)|"
    r"(?:bore|prynhawn|noswaith)\s+da|croeso|welcome(?:\s+back)?|"
    r"okay|ok|right|well|and|so|first\s+of\s+all|very\s+much|(?:once\s+)?again|indeed|"
    r"for\s+(?:that|this|those|your|the)(?:\s+(?:important|helpful|useful|good|very))*(?:\s+(?:question|point|comment|"
    r"contribution|introduction|answer|evidence|work)s?)?|"
    r"chair|minister|members?|everyone|all|both)|[A-Z](?:[^\W\d_]|['’-])+)[\s,;:!.—–-]*)+$"
)


def _said(sentence: str, speaker: str | None) -> str:
    """The sentence without the speaker's label a turn opens with ("Kirsty Williams AM: ...")."""
    if speaker and sentence.startswith(speaker):
        return sentence[len(speaker):].lstrip(" :")
    return sentence


def courtesy(sentence: str, speaker: str | None = None) -> bool:
    """Whether a sentence only thanks, greets or acknowledges ("Thank you once again for that.")."""
    return bool(_COURTESY.match(_said(sentence, speaker).strip()))


RECORD_WORDS = 100
"""Longest attendance record quoted whole ("Present: • Councillor ... • Councillor ...")."""


def _candidates(hits: list[Hit], top: int, quote: Callable[[str], list[str] | None] | None = None,
                start: int = 0) -> list[Candidate]:
    """The answer's possible sentences: at least four words of the speaker's own (a turn's label
    aside), and not a courtesy, which quoted alone answers nothing. Where `quote` gives a passage's
    pieces itself (a meeting's list of those present, whole; the entry naming the post asked after),
    those are its candidates; a line of a meeting's attendance record that `quote` does not take
    gives none (it names people, it says nothing they said). From the hits ranked `start` to `top`."""
    out = []
    for rank, hit in enumerate(hits[start:top], start):
        pos = 0
        speaker = hit.passage.speaker
        own = quote(hit.passage.text) if quote is not None else None
        if own:
            for piece in own:
                ws = piece.split()
                text = piece if len(ws) <= RECORD_WORDS else " ".join(ws[:RECORD_WORDS]) + " …"
                out.append(Candidate(text, rank, pos, speaker=speaker))
                pos += 1
            continue
        if attendance.opens_record(hit.passage.text):
            continue  # a line of the record not asked for names people, it says nothing they said
        # a headline run into the paragraph it opens, on a line of its own, names it and says nothing;
        # a date alone says nothing of what it dates; a pack's blank page nothing at all
        headlines = {line.strip() for line in hit.passage.text.split("\n")[:-1]
                     if ends_unpunctuated(line) and not is_dated_field(line)}
        for sent in _numbered(split_sentences(hit.passage.text)):
            for piece in _pieces(sent):
                if (len(_said(piece, speaker).split()) >= 4 and not courtesy(piece, speaker) and piece not in headlines
                        and not _BARE_DATE.match(piece) and not _BLANK_PAGE.match(piece)):
                    out.append(Candidate(piece, rank, pos, speaker=speaker))
                pos += 1
    return out


def _norm(text: str) -> str:
    """The words of a sentence, for spotting one said twice ("8.1 Cabinet is asked to agree ..."
    in a report's body and "Cabinet is asked to agree ..." in its summary): a leading paragraph
    number aside."""
    return " ".join(re.findall(r"\w+", _PARA_NUMBER.sub("", text.lower())))


_PARA_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\(?(?:[a-z]|[ivx]+)\))\s+")
_NUMBER_TOKEN = re.compile(r"^[-+–]?[£$]?\d[\d,.]*%?m?$")
_LINK = re.compile(r"https?://\S+|www\.\S+")


# A pack's filler page: it says nothing of any paper.
_BLANK_PAGE = re.compile(r"^\W*this page (?:is|has been) (?:intentionally|deliberately) (?:left )?blank\W*$", re.IGNORECASE)
# A line that is a date and nothing else ("Wednesday, 5 March 2025", a front sheet's date of issue).
_BARE_DATE = re.compile(r"^\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\W+)?"
                        r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]+|[a-z]+\s+\d{1,2}(?:st|nd|rd|th)?),?\s+\d{4}\W*$",
                        re.IGNORECASE)


def _unreadable(text: str) -> bool:
    """A table row run together ("Revenu e Budget ... 125.6 120.6 -5.0 ...") or a bare web link:
    quoted as a sentence, neither reads as an answer."""
    tokens = text.split()
    numbers = sum(1 for t in tokens if _NUMBER_TOKEN.match(t))
    link = sum(len(m) for m in _LINK.findall(text))
    return (numbers >= 4 and numbers >= 0.3 * len(tokens)) or link >= 0.4 * len(text)


# A front sheet's or a report's contact lines: "Ask for: Georgina Little ... Telephone: Tel: 03000 414043
# Email: georgina.little@kent.gov.uk".
_CONTACT = re.compile(r"\bAsk\s+for\s*:|\b(?:Telephone|Tel|Direct\s+Dial(?:/Ext)?)\s*:|\b[\w.-]+@[\w-]+(?:\s?\.[\w-]+)+",
                      re.IGNORECASE)
# A question about the meeting itself, or about whom to reach, which those lines may answer.
_ASKS_CONTACT = re.compile(r"\b(?:contact\w*|e-?mail|phone|telephone|venue|where|what\s+time|clerk|ask\s+for|"
                           r"meetings?|agenda|held)\b", re.IGNORECASE)
# A report's cover-sheet fields ("To: Cabinet - 30 January 2025 Subject: Transfer the 18-25 section of
# ...", "Key decision: No", "Electoral Division: All"): they name the paper, they say nothing it says.
_COVER = re.compile(r"^\W*(?:From|To|Subject|Decision\s+No\.?|Key\s+decision|Classification|"
                    r"Electoral\s+Divisions?|Report\s+Authors?|Relevant\s+Director|Past\s+Pathway|"
                    r"Future\s+Pathway)(?:\s+of\s+report)?\s*:", re.IGNORECASE)
# A question those fields answer: who a report is by or for, what it is about, its decision number.
_ASKS_COVER = re.compile(r"\b(?:who\s+(?:wrote|signed|authored|presented|is\s+the\s+report)|author\w*|"
                         r"subject|classification|key\s+decision|decision\s+(?:no|number)|electoral\s+division|"
                         r"director|pathway|addressed)\b", re.IGNORECASE)


# A link to a paper's attachment, as a ModernGov page lists them: "Appendix A - Supported lodgings
# scheme, item 6 (PDF, 148 KB)". It names a document; quoted as a sentence, it says nothing of it.
_ATTACHMENT = re.compile(r"\((?:PDF|DOCX?|XLSX?|PPTX?|ODT|ODS|RTF|CSV|TXT|HTML?)\s*,\s*\d[\d.,]*\s*(?:[KMG]B|bytes)\)\W*$",
                         re.IGNORECASE)
# An entry of a report's list of attached or background documents: "e) Appendix 3 Draft Responses to
# Consultation Feedback", "c) Agenda for Scrutiny Committee on Wednesday, 29th January, 2025, 10.00 am".
_LISTED_PAPER = re.compile(r"^\W*(?:[a-z]\)|\(?[ivx]+\)|\d{1,2}[.)])?\s*(?:Appendix|Annex|Agenda\s+for|Minutes\s+of|"
                           r"(?:Attached|Background)\s+(?:documents|papers))\b[^;!?]*$", re.IGNORECASE)
LISTED_PAPER_WORDS = 16
NAMES_A_PAPER = 1.0
"""Taken off the score of a sentence that only names a paper (`names_a_paper`): far below any
sentence that says something, so it is quoted only where nothing else is."""
# A question after the attachments themselves.
_ASKS_ATTACHMENT = re.compile(r"\b(?:appendi(?:x|ces)|attach\w*|annex\w*|download\w*|pdf|background\s+(?:documents|papers)|agenda)\b",
                              re.IGNORECASE)


def names_a_paper(text: str) -> bool:
    """A link to an attachment, or an entry of a list of attached or background documents: it names
    a paper and says nothing of it."""
    return bool(_ATTACHMENT.search(text)) or (
        # no full stop: "Appendix A sets out the action plan." says something of it
        len(text.split()) <= LISTED_PAPER_WORDS and not text.rstrip().endswith(".") and bool(_LISTED_PAPER.match(text))
    )


_ALPHA_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Small words a title keeps in lower case ("Future of Commissioned Services at Seashells").
_TITLE_SMALL = frozenset("a an and as at by for from in into of on or the to with".split())


def heading_like(text: str) -> bool:
    """A table's header row or a title run into the text ("All figures in £m Key Service Revenue
    Budget Revenue Forecast ..."): most of its words capitalised, small words aside. It names
    what a table or paper is about; quoted as a sentence, it says nothing of it."""
    ws = [w for w in _ALPHA_WORD.findall(text) if w.lower() not in _TITLE_SMALL]
    if len(ws) < 6:
        return False
    return sum(1 for w in ws if w[0].isupper()) >= 0.8 * len(ws)


# What records a decision: "RESOLVED that ...", "Members agreed to refer the decision to full Council".
_DECIDES = re.compile(r"\b(?:resolved|agreed|decided|decisions?|reconsidered|rescinded)\b",
                      re.IGNORECASE)
# "Who ...?", "Which councillor ...?" is answered by a sentence naming someone by title.
_WHO = re.compile(r"^\s*(?:and\s+)?(?:who\b|which\s+(?:councillors?|members?|officers?|ministers?|cabinet\s+members?|persons?|people))",
                  re.IGNORECASE)
_NAMES_PERSON = re.compile(r"\b(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Professor)\.?\s+[A-Z]")
LEAD_IN_WORDS = 8


def _bare_lead_in(text: str) -> bool:
    """A short sentence that only opens a list ("These included that Blaenau Gwent:"): it matches a
    question by the names in it, and says nothing until its items follow. A decision's opening
    ("RESOLVED that Cabinet agree to:") is not one: it says what was resolved."""
    return (text.rstrip().endswith(":") and len(text.split()) <= LEAD_IN_WORDS
            and not re.search(r"\b(?:resolved|agreed?|decided|recommend(?:s|ed)?)\b", text, re.IGNORECASE))


class ExtractiveAnswerer:
    """Picks sentences from the best passages; every sentence carries a citation."""

    name = "extractive"
    w_cosine = 0.8
    """Share of a sentence's score from meaning (cosine); the rest from the question's key terms."""
    w_rank = 0.08
    """Bonus for sentences from higher-ranked passages, divided by 1 + rank."""
    w_speaker = 0.1
    """Bonus for what the speaker a question names said ("What did Kirsty Williams say about ...?").
    On qmsum-welsh-train (212 questions, 77 naming a speaker) 0.1 raised token F1 0.261 -> 0.268
    (0.243 -> 0.262 where a speaker is named) and the share of cited passages that are evidence
    0.464 -> 0.470; 0.05 gained less, 0.15 and 0.25 cited less evidence."""

    quote_share = 0.6
    """A sentence is quoted only when it scores at least this share of the best sentence's score."""

    w_own = 0.5
    """A follow-up pointing back, read after the question before it ("Which councillor commented on
    the CIW report? What did he say about the areas marked for improvement?"): share of a sentence's
    cosine from the follow-up's own words. Without it the question before's words chose the
    sentences (the councillor's welcome, not his "areas earmarked for improvement")."""

    def __init__(self, settings: AnswerSettings, embedder, idf, papers: "PapersWords | None" = None):
        self.settings = settings
        self.embedder = embedder
        self.idf = idf
        self.papers = papers

    def terms(self, question: str) -> dict[str, float]:
        return question_terms(question, self.idf)

    def _score(self, question: str, cands: list[Candidate]) -> None:
        terms = self.terms(question)
        has_figure = expected_quantity(question)
        why = bool(_WHY.search(question))
        when = bool(_WHEN.search(question))
        decision = asks_decision(question)
        who_was_there = attendance.asks_attendance(question)
        who = bool(_WHO.search(question))
        logistics = bool(_ASKS_CONTACT.search(question))
        cover = bool(_ASKS_COVER.search(question))
        attachments = bool(_ASKS_ATTACHMENT.search(question))
        topic = {t: w for t, w in terms.items() if t not in DECISION_WORDS}
        named = named_speakers(question, {c.speaker for c in cands if c.speaker})
        event, other_fields = _event_fields(question, cands) if when else (set(), set())
        papers = self.papers
        # meaning is compared in the papers' own words ("tips" asked, "HWRCs" written), their
        # acronyms spelled out ("ENCTS" is "English National Concessionary Travel Scheme")
        asked = papers.in_papers_words(question) if papers else question
        also = (lambda text: papers.held_in_other_words(question, text)) if papers else None
        read = papers.spelled_out if papers else (lambda text: text)
        # a follow-up read after the question it points back to: meaning half from its own words
        own = own_part(asked)
        own = own if own and points_back(own) else None
        vectors = self.embedder.embed([read(asked)] + ([read(own)] if own else []) + [read(c.text) for c in cands])
        qv, ov = vectors[0], (vectors[1] if own else None)
        for cand, vec in zip(cands, vectors[2 if own else 1:]):
            cosine = sum(a * b for a, b in zip(qv, vec))
            if ov is not None:
                cosine = (1 - self.w_own) * cosine + self.w_own * sum(a * b for a, b in zip(ov, vec))
            cand.score = (self.w_cosine * cosine + (1 - self.w_cosine) * coverage(terms, cand.text, also)
                          + self.w_rank / (1 + cand.hit_rank))
            if decision and _DECIDES.search(cand.text) and (
                coverage(topic, cand.text, also) > 0
            ):
                cand.score += 0.1  # a decision on what was asked (not "the minutes were a correct record")
            if has_figure is not None and has_figure(cand.text):
                cand.score += 0.1
            if why and _REASON.search(cand.text):
                cand.score += 0.1
            if when and _gives_a_day_or_month(cand.text) and (not decision or _DECIDES.search(cand.text)):
                # "When was the inspection?": "fieldwork: 13 to 24 January 2025", not "during 2024"; and
                # "What did Cabinet resolve on Family Hubs, and when?" asks the date of a decision, not
                # of a survey that "closes 31st March 2025"
                cand.score += 0.1
            if id(cand) in event:
                cand.score += EVENT_FIELD  # "When was the report published?": "Date of publication: 3 April 2025"
            elif id(cand) in other_fields:
                cand.score -= EVENT_FIELD  # ... and not the date of its fieldwork beside it
            if who and not who_was_there and _NAMES_PERSON.search(cand.text):
                cand.score += 0.1  # "Which councillor commented ...?": a sentence naming one, not the report's
            if who_was_there and attendance.answers(question, cand.text):
                cand.score += 0.2  # "Who sent apologies?": that line of the record, not one that mentions the meeting
            if cand.speaker in named:
                cand.score += self.w_speaker
            if procedural(cand.text) and not procedural(question):
                cand.score -= 0.2  # "the minutes ... were a correct record" answers no question but itself
            if not logistics and _CONTACT.search(cand.text):
                cand.score -= 0.2  # "When will the new library open?": not the front sheet's "10.00 am Ask for: ..."
            if not cover and _COVER.match(_said(cand.text, cand.speaker)):
                cand.score -= 0.2  # "What is the ... Service?": not the cover sheet's "To: Cabinet ... Subject: ..."
            if not attachments and names_a_paper(_said(cand.text, cand.speaker)):
                # "... allowance?": never the link "Appendix A - Supported lodgings scheme (PDF, 148 KB)" while
                # any sentence says something
                cand.score -= NAMES_A_PAPER
            if _unreadable(cand.text):
                cand.score -= 0.15
            elif not who_was_there and heading_like(_said(cand.text, cand.speaker)):
                cand.score -= HEADING_PENALTY
            elif _bare_lead_in(_said(cand.text, cand.speaker)):
                cand.score -= HEADING_PENALTY  # "These included that Blaenau Gwent:" says only that a list follows

    def _pointed(self, cands: list[Candidate],
                 hits: list[Hit]) -> tuple[Candidate | None, list[Candidate], list[Hit]]:
        """Where the best sentence points to a section of its paper for what it announces ("We have
        identified five areas for improvement, set out in section 7."): that sentence, the opening
        sentences of the section's paragraphs (a few at most) to follow it, and the hits with
        those paragraphs the search did not bring added after the rest."""
        best = max(cands, key=lambda c: c.score, default=None)
        ref = points_to(best.text) if best is not None else None
        if ref is None or self.papers is None:
            return None, [], hits
        own = hits[best.hit_rank].passage
        ranks = {h.passage.id: rank for rank, h in enumerate(hits)}
        hits = list(hits)
        out = []
        for passage in [p for p in self.papers.section(own.doc, ref) if p.id != own.id][:MAX_ITEMS]:
            rank = _placed(hits, ranks, passage, best.score)
            out += [replace(c, hit_rank=rank) for c in _candidates([hits[rank]], top=1)[:1]]
        return best, out, hits

    def _led_from_before(self, chosen: list[Candidate], hits: list[Hit]) -> tuple[list[Candidate], list[Hit]]:
        """A chosen list item that opens its passage, whose list began in the passage before (a
        page break or a long list between them: "(c) In regard to consultations, Mr Jeffrey advised
        of the following: • ..." on page 8, "• Family Hub awareness survey – closes 31st March
        2025" on page 9), read after that list's lead-in, cited to its own passage; the hits with
        that passage added after the rest where the search did not bring it."""
        def lead_in(cand: Candidate, prev: Passage) -> tuple[str, int] | None:
            opener = _list_lead_in(prev.text)
            return (opener, 0) if opener is not None else None

        return self._read_after_before(chosen, hits, lambda c: c.position == 0 and _ITEM.match(c.text), lead_in)

    def _fields_asked(self, question: str, hits: list[Hit], cands: list[Candidate]) -> list[Candidate]:
        """For "when" questions about the past, the dated fields on the front pages of the best hits'
        papers labelled with what the question asks the date of ("Inspection fieldwork: 13 to 24
        January 2025" for "When did the inspectors visit?", whose words find the report's text about
        visits, not its cover), as candidates; the hits with their passages added after the rest.
        Those the search brought are candidates already."""
        if self.papers is None or not _WHEN.search(question) or _TO_COME.search(question):
            return []
        have = {hits[c.hit_rank].passage.id for c in cands}
        ranks = {h.passage.id: rank for rank, h in enumerate(hits)}
        docs = list(dict.fromkeys(h.passage.doc for h in hits[:FIELD_DOCS]))
        front = [p for doc in docs for p in self.papers.doc_passages(doc)[:FRONT_PASSAGES] if p.id not in have]
        # a passage's lines as the answer would quote them; -1: not among the hits until chosen
        extra = {id(c): (c, p) for p in front for c in _candidates([Hit(p, 0.0)], top=1)
                 if is_dated_field(c.text)}
        if not extra:
            return []
        event, _ = _event_fields(question, cands + [c for c, _ in extra.values()])
        return [replace(c, hit_rank=_placed(hits, ranks, p, hits[0].score)) for key, (c, p) in extra.items()
                if key in event]

    def _items_after(self, chosen: list[Candidate], hits: list[Hit]) -> tuple[list[Candidate], list[Hit]]:
        """A chosen sentence that opens a list and ends its passage ("6. Following the debate, the
        Scrutiny Committee unanimously agreed the following motion:"), followed by the list's items
        from the passages after it ("a. That implementation of Decision 24/00093 be postponed
        pending review by the full Council." over a page break), each cited to its own passage: a
        few at most, in the order of their numbering, an item chosen already moved there; the hits
        with those passages added after the rest where the search did not bring them."""
        ends = [c for c in chosen if _OPENS_LIST.search(c.text) and hits[c.hit_rank].passage.next_id
                and _list_lead_in(hits[c.hit_rank].passage.text) == c.text.strip()]
        if not ends or self.papers is None:
            return chosen, hits
        ranks = {h.passage.id: rank for rank, h in enumerate(hits)}
        hits = list(hits)
        by_text = {_norm(c.text): c for c in chosen}
        following: dict[int, list[Candidate]] = {}
        for end in ends:
            items = following.setdefault(id(end), [])
            for passage in self._list_from(hits[end.hit_rank].passage.next_id):
                rank = _placed(hits, ranks, passage, hits[end.hit_rank].score)
                for item in _candidates([hits[rank]], top=1)[:1]:
                    items.append(by_text.get(_norm(item.text)) or replace(item, hit_rank=rank, score=end.score))
        moved = {id(item) for items in following.values() for item in items}
        out: list[Candidate] = []
        for cand in chosen:
            if id(cand) not in moved:
                out += [cand, *[i for i in following.get(id(cand), []) if all(i is not o for o in out)]]
        return out, hits

    def _list_from(self, first_id: str) -> list[Passage]:
        """The passages from `first_id` on that are items of one list: each opening with the item
        marker that comes next ("a." then "b.", "1." then "2.", "(ii)" after "(i)", "•" after "•")."""
        out: list[Passage] = []
        next_id, last = first_id, None
        while next_id and len(out) < MAX_ITEMS:
            passage = self.papers.passages([next_id]).get(next_id)
            marker = _item_marker(passage.text) if passage is not None else None
            if marker is None or not _comes_after(marker, last):
                break
            out.append(passage)
            next_id, last = passage.next_id, marker
        return out

    def _replied_to(self, chosen: list[Candidate], hits: list[Hit]) -> tuple[list[Candidate], list[Hit]]:
        """A transcript reply that opens a turn and cannot be read alone ("It did, by a significant
        amount, ..."), read after what it answers: the end of the turn before it, another speaker's,
        from its last question on ("And what about the cost? I understand the placement budget
        overspent again last year."), cited to that turn; the hits with that passage added after
        the rest where the search did not bring it."""
        def question(cand: Candidate, prev: Passage) -> tuple[str, int] | None:
            asked = _question_end(prev.text) if prev.speaker not in (None, cand.speaker) else None
            return (asked, len(split_sentences(prev.text))) if asked else None

        return self._read_after_before(
            chosen, hits, lambda c: c.position == 0 and c.speaker and _ELLIPTICAL.match(_said(c.text, c.speaker)), question)

    def _read_after_before(self, chosen: list[Candidate], hits: list[Hit], wants: Callable[[Candidate], object],
                           before: Callable[[Candidate, Passage], tuple[str, int] | None]
                           ) -> tuple[list[Candidate], list[Hit]]:
        """The chosen sentences, each one `wants` read after what `before` quotes (and places) from
        the passage before its own, cited to that passage, unless that is quoted already; the hits
        with those passages added after the rest where the search did not bring them."""
        picked = [c for c in chosen if wants(c) and hits[c.hit_rank].passage.prev_id]
        if not picked or self.papers is None:
            return chosen, hits
        previous = self.papers.passages([hits[c.hit_rank].passage.prev_id for c in picked])
        ranks = {h.passage.id: rank for rank, h in enumerate(hits)}
        hits, out, seen = list(hits), [], {_norm(c.text) for c in chosen}
        for cand in chosen:
            prev = previous.get(hits[cand.hit_rank].passage.prev_id) if any(cand is c for c in picked) else None
            quoted = before(cand, prev) if prev is not None else None
            said = {_norm(quoted[0])} | {_norm(q) for q in split_sentences(quoted[0])} if quoted else set()
            if quoted and not said & seen:
                rank = _placed(hits, ranks, prev, hits[cand.hit_rank].score)
                out.append(Candidate(quoted[0], rank, quoted[1], cand.score, prev.speaker))
                seen |= said
            out.append(cand)
        return out, hits

    def _select(self, cands: list[Candidate], pointed: list[Candidate] = (),
                lead: int | None = None, has_figure: Callable[[str], bool] | None = None) -> list[Candidate]:
        """The best sentences; the best of them followed by what it needs to be read right (the
        sentence that goes on from it, "Of this, £4.3m ...", the items of a list it opens, or the
        `pointed` section it sends the reader to); a chosen list item's lead-in, taken with the
        item so that no lesser sentence crowds it out; and a list item left out between two chosen
        ones. Only the best sentence brings its followers: any other's would crowd out better
        sentences within the word and sentence limits. In reading order, the passage of the best
        sentence (or `lead`, a hit's rank) first."""
        s = self.settings
        chosen: list[Candidate] = []
        seen: set[str] = set()
        words = 0
        place = {(c.hit_rank, c.position): c for c in cands}

        def take(cand: Candidate) -> bool:
            nonlocal words
            n = len(cand.text.split())
            if len(chosen) >= s.max_sentences or (chosen and words + n > s.max_words):
                return False
            if _norm(cand.text) not in seen:
                chosen.append(cand)
                seen.add(_norm(cand.text))
                words += n
            return True

        best = max((c.score for c in cands), default=0.0)
        for cand in sorted(cands, key=lambda c: -c.score):
            if cand.score < self.quote_share * best or len(chosen) >= s.max_sentences:
                break
            if _norm(cand.text) in seen or (chosen and _bare_lead_in(cand.text)):
                continue  # a list's bare lead-in is quoted with its items (as the best sentence, or an item's opener)
            own_opener = _lead_in(cand, place)
            if chosen and own_opener is not None and _norm(own_opener.text) not in seen and len(chosen) + 2 > s.max_sentences:
                continue  # an item whose lead-in has no room left would not say what it is an item of (the best is kept)
            if not take(cand):
                continue
            is_best = len(chosen) == 1
            followers = (list(pointed) or _followers(cand, place)) if is_best else []
            back = place.get((cand.hit_rank, cand.position - 1)) if is_best and _GOES_ON.match(cand.text) else None
            if back is not None:  # "These included ...": the sentence it goes on from
                take(back)
            opener = own_opener or (_lead_in(back, place) if back is not None else None)
            if opener is not None and _norm(opener.text) not in seen:
                take(_bare(opener))  # before any lesser sentence can crowd it out
                seen.add(_norm(opener.text))
            for follower in followers:
                if not take(follower):
                    break
        figure = self._figure_left_out(cands, chosen, seen, has_figure, best)
        if figure is not None:
            # "How much budget moves ...?": the sentence giving the amount, not a fourth about the transfer
            while len(chosen) > 1:  # the latest taken make room for it
                dropped = chosen.pop()
                seen.discard(_norm(dropped.text))
                words -= len(dropped.text.split())
                if take(figure):
                    break
        in_order = sorted(chosen, key=_at)
        for a, b in zip(in_order, in_order[1:]):
            gap = place.get((a.hit_rank, a.position + 1))
            if gap and b.hit_rank == a.hit_rank and b.position == a.position + 2 and _ITEM.match(gap.text):
                take(gap)
        # in reading order, the passage of the best sentence first (or the `lead` passage's)
        if lead is None:
            lead = chosen[0].hit_rank if chosen else 0
        return sorted(chosen, key=lambda c: (c.hit_rank != lead, _at(c)))

    def _figure_left_out(self, cands: list[Candidate], chosen: list[Candidate], seen: set[str],
                         has_figure: Callable[[str], bool] | None, best: float) -> Candidate | None:
        """For a question asking for a figure, where no chosen sentence gives one: the best sentence
        that does and was good enough to quote, but found the answer full (or None)."""
        if has_figure is None or len(chosen) < 2 or any(has_figure(c.text) for c in chosen):
            return None
        left = [c for c in cands if c.score >= self.quote_share * best and _norm(c.text) not in seen and has_figure(c.text)]
        return max(left, key=lambda c: c.score, default=None)

    def answer(self, question: str, searched: list[Hit]) -> Answer:
        hits = list(searched)  # with any passage quoted that the search did not bring
        quote = attendance.pieces(question)
        cands = _candidates(hits, top=5, quote=quote)
        if not cands:
            return decline(question, hits)
        has_figure = expected_quantity(question)
        if has_figure is not None and not any(has_figure(c.text) for c in cands):
            # "How many children are in care?": where the first passages give no such figure, it may
            # sit a little further down than those sharing the question's words ("the Director of
            # Children's Services ...")
            cands += [c for c in _candidates(hits, top=FIGURE_TOP, quote=quote, start=5) if has_figure(c.text)]
        cands += self._fields_asked(question, hits, cands)
        self._score(question, cands)
        cands = _theirs(question, cands)
        if attendance.asked_role(question) and any(attendance.answers(question, c.text) for c in cands):
            # "Who is the Chief Executive?": the entries naming the post's holder, nothing around them
            cands = [c for c in cands if attendance.answers(question, c.text)]
        pointer, pointed, cited = self._pointed(cands, hits)
        # "Who chaired ...?": the attendance record the search put first leads, not a line naming the meeting
        lead = 0 if attendance.asks_attendance(question) else None
        chosen = _after_pointer(self._select(cands, pointed, lead, has_figure), pointer, pointed)
        chosen, cited = self._led_from_before(chosen, cited)
        chosen, cited = self._items_after(chosen, cited)
        chosen, cited = self._replied_to(chosen, cited)
        chosen = _joined(chosen)
        numbers: dict[int, int] = {}
        citations: list[Citation] = []
        sentences: list[tuple[str, list[int]]] = []
        for cand in chosen:
            if cand.hit_rank not in numbers:
                numbers[cand.hit_rank] = len(numbers) + 1
                citations.append(Citation(numbers[cand.hit_rank], cited[cand.hit_rank].passage))
            sentences.append((cand.text, [numbers[cand.hit_rank]]))
        sentences = _attributed(sentences, chosen)
        sentences = _dated(question, sentences, chosen, cited)
        text = " ".join(f"{sent} [{ns[0]}]" if ns else sent for sent, ns in sentences)
        return Answer(text, False, citations, searched, sentences, question)


OWN_SENTENCES = 2
"""Fewest sentences of the speaker a question names for an answer of theirs alone (with one, the
question put to them stays: it says what the reply answers)."""


def _theirs(question: str, cands: list[Candidate]) -> list[Candidate]:
    """For "What did Kirsty Williams say about ...?", only what she said, where at least
    `OWN_SENTENCES` of the candidates are hers: the questions put to her match the question's
    words as well as her replies do, and had filled most answers. On qmsum-welsh-train this
    raised the share of answer sentences citing evidence 0.736 -> 0.772 and token F1 0.287 ->
    0.292 (1 to 3 sentences: 0.769-0.774; keeping others' statements, only their questions
    dropped: 0.743; from the first 7 or 10 hits instead of 5: no better)."""
    named = named_speakers(question, {c.speaker for c in cands if c.speaker})
    own = [c for c in cands if c.speaker in named]
    return own if named and len(own) >= OWN_SENTENCES else cands


# A reply that says nothing without what it answers: "It did, by a significant amount", "Yes."
_ELLIPTICAL = re.compile(
    r"^(?:(?:yes|no|indeed|absolutely|certainly|correct|exactly|right|not yet)\b[\s,.;:!—–-]"
    r"|(?:it|they|we|i)\s+(?:did|do|does|has|have|had|was|were|will|would|can|could)(?:\s*n[o']t)?\s*[,.;:!—–-]"
    r"|(?:so|neither|nor)\s+(?:do|did|have|am|was|will|would)\s+(?:i|we)\b|i\s+agree\b)",
    re.IGNORECASE)
REPLIED_TO = 2
"""Most sentences of the turn a reply answers quoted before it: from its last question on."""


def _question_end(turn: str) -> str | None:
    """What a reply to a turn answers: the turn's end from its last question on ("And what about the
    cost? I understand the placement budget overspent again last year."), at most `REPLIED_TO`
    sentences, or where it asks nothing there, its last sentence ("As a bilingual council, I find
    that embarrassing." before "So do I, Councillor, ...")."""
    sentences = split_sentences(turn)[-REPLIED_TO:]
    if not sentences:
        return None
    asks = [i for i, sent in enumerate(sentences) if sent.rstrip().endswith("?")]
    return " ".join(sentences[asks[-1] if asks else -1:])


# A sentence that cannot be read without the one before it.
_GOES_ON = re.compile(
    r"^(?:of\s+(?:this|these|that|which|them|those)|(?:most|much|some|all|part|half)\s+of\s+(?:this|these|that|which|it|them)|"
    r"this|these|those|such|that\s+(?:is|was|means|meant|figure|sum|amount|total|increase|rise|fall)|"
    r"(?:at|in|after|following|during|by)\s+(?:that|this|these|those)\s+(?:meeting|debate|session|point|stage|time|date)|"
    r"the\s+(?:rest|remainder|balance)\b)\b",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^\s*(?:[•▪●–-]|\(?(?:[ivx]+|[a-z]|\d{1,2})\)\s|\d{1,2}\.\s)", re.IGNORECASE)
_OPENS_LIST = re.compile(r":\s*(?:[•▪●–-]|\(?(?:i|a|1)\)\s|1\.\s|$)")
MAX_ITEMS = 4


# an item's marker: "•", "(ii)", "b.", "3)"
_ITEM_MARKER = re.compile(r"^\s*(?:([•▪●–-])|\(?([ivx]{1,4}|[a-zA-Z]|\d{1,2})[.)])\s")


def _item_marker(text: str) -> str | None:
    m = _ITEM_MARKER.match(text)
    return (m.group(1) or m.group(2)) if m else None


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _comes_after(marker: str, last: str | None) -> bool:
    """Does an item marked `marker` follow one marked `last` in the same list (None: it opens a
    list, so is "a", "1", "i" or a bullet)?"""
    if last is None:
        return marker.lower() in ("a", "1", "i") or not marker.isalnum()
    if not last.isalnum():
        return marker == last
    if last.isdigit():
        return marker == str(int(last) + 1)
    m, n = marker.lower(), last.lower()
    if m in _ROMAN and n in _ROMAN and _ROMAN.index(m) == _ROMAN.index(n) + 1:
        return True
    return len(m) == len(n) == 1 and ord(m) == ord(n) + 1 and marker.isupper() == last.isupper()


def _placed(hits: list[Hit], ranks: dict[str, int], passage: Passage, score: float) -> int:
    """The rank of a passage the answer quotes among `hits` (`ranks` their ids'), added after the
    rest where the search did not bring it."""
    if passage.id not in ranks:
        ranks[passage.id] = len(hits)
        hits.append(Hit(passage, score))
    return ranks[passage.id]


def _at(c: Candidate) -> tuple[int, int]:
    return c.hit_rank, c.position


# "set out in section 7", "described in paragraph 3.2", "see section 4": where a sentence sends the reader.
_POINTER = re.compile(
    r"\b(?:(?:set\s+out|described|detailed|listed|summarised|summarized|given|explained)\s+(?:below\s+)?in|see)"
    r"\s+(?:section|paragraph)\s+(\d{1,2}(?:\.\d{1,2})?)(?![\d.]*\s+of\s+(?:the|this)\s+(?!report)\w)",
    re.IGNORECASE,
)


def points_to(text: str) -> str | None:
    """The section or paragraph of its own paper a sentence sends the reader to ("7" of "set out
    in section 7"), or None; not one of another text ("section 18 of the Children Act")."""
    m = _POINTER.search(text)
    return m.group(1) if m else None


def _after_pointer(chosen: list[Candidate], pointer: Candidate | None,
                   pointed: list[Candidate]) -> list[Candidate]:
    """The sentences in reading order, but the section pointed to read in its own order right
    after the sentence pointing to it (its paragraphs may sit anywhere among the hits)."""
    taken = [c for c in pointed if any(c is k for k in chosen)]
    if not taken:
        return chosen
    rest = [c for c in chosen if not any(c is k for k in taken)]
    at = next(i for i, c in enumerate(rest) if c is pointer) + 1
    return rest[:at] + taken + rest[at:]


def _lead_in(cand: Candidate, place: dict[tuple[int, int], Candidate]) -> Candidate | None:
    """The sentence that opens the list `cand` is an item of ("RESOLVED that Cabinet agree to:"
    before "(a) Adopt the Delivery Plan"): without it, an item does not say it was resolved."""
    if not _ITEM.match(cand.text):
        return None
    at = cand.position - 1
    while (before := place.get((cand.hit_rank, at))) is not None and _ITEM.match(before.text):
        at -= 1
    return before if before is not None and _OPENS_LIST.search(before.text) else None


_OPENS_WITH_ITEM = re.compile(r"^(.*?:)\s*(?:[•▪●–-]|\(?(?:i|a|1)\)\s|1\.\s)")


def _without_first_item(text: str) -> str | None:
    """A list's lead-in with the items that follow it in the same sentence cut off ("RESOLVED
    that: (i) the report be noted;" gives "RESOLVED that: …"), or None where no item follows."""
    m = _OPENS_WITH_ITEM.match(text)
    return f"{m.group(1)} …" if m else None


def _bare(opener: Candidate) -> Candidate:
    """A list's lead-in without the list's first item, where the splitter left it on
    ("RESOLVED that: (i) the report be noted;" before "(iv) the Ty Derw project be added ..."):
    that item is no part of the one chosen."""
    cut = _without_first_item(opener.text)
    return replace(opener, text=cut) if cut else opener


def _list_lead_in(text: str) -> str | None:
    """The lead-in of a list a passage ends in ("(c) In regard to consultations, Mr Jeffrey
    advised of the following: • ... • ..." gives "(c) In regard to ... the following: …"; a
    passage ending "... the following:" gives its last sentence), or None."""
    last = split_sentences(text)[-1:]
    if last and last[0].rstrip().endswith(":"):
        return last[0].strip()
    return _without_first_item(last[0]) if last else None


def _joined(chosen: list[Candidate]) -> list[Candidate]:
    """A lead-in read as one sentence with the item after it ("RESOLVED that: … (iv) the Ty Derw
    project be added ..."), where both are quoted from one passage in that order."""
    out: list[Candidate] = []
    for cand in chosen:
        last = out[-1] if out else None
        if (last is not None and last.text.endswith((":", ": …")) and last.hit_rank == cand.hit_rank
                and last.position < cand.position):
            out[-1] = replace(cand, text=f"{last.text} {cand.text}")
        else:
            out.append(cand)
    return out


def _followers(cand: Candidate, place: dict[tuple[int, int], Candidate]) -> list[Candidate]:
    """The sentence that goes on from `cand`, or the items of the list it opens (a few at most)."""
    nxt = place.get((cand.hit_rank, cand.position + 1))
    if nxt is None:
        return []
    if _OPENS_LIST.search(cand.text):
        items = []
        while nxt is not None and _ITEM.match(nxt.text) and len(items) < MAX_ITEMS:
            items.append(nxt)
            nxt = place.get((cand.hit_rank, nxt.position + 1))
        return items
    if _bare_lead_in(nxt.text):
        return []  # "These included that Blaenau Gwent:" without its items says nothing
    # "and that delegated authority be given to ...": the rest of a sentence cut at a semicolon
    return [nxt] if _GOES_ON.match(nxt.text) or nxt.text[:1].islower() else []


def _attributed(sentences: list[tuple[str, list[int]]], chosen: list[Candidate]) -> list[tuple[str, list[int]]]:
    """Transcript sentences with who said them, once per run of one speaker's sentences: a label
    "Kirsty Williams AM:" before the sentence (cited to nothing: it is the record's, not a quote),
    unless the sentence opens with the name already."""
    out: list[tuple[str, list[int]]] = []
    last = None
    for (text, ns), cand in zip(sentences, chosen):
        if cand.speaker and cand.speaker != last and not text.startswith(cand.speaker):
            out.append((f"{cand.speaker}:", []))
        last = cand.speaker
        out.append((text, ns))
    return out


# A question asking when: "When was ...?", "..., and when?", "... when did it start?"; not the
# "when" that joins a clause ("What options does Cabinet have when reconsidering decision 24/00093?").
_WHEN = re.compile(r"(?:^|\band\s+|[,;(]\s*|\b(?:until|till|since|from|by|know|tell\s+me|say|said|find\s+out)\s+)when\b|\bwhen\s+(?:did|was|were|is|are|will|does|do|has|have|had|"
                   r"would|could|should|shall|can|might)\b", re.IGNORECASE)
# "When will Ty Derw open?" asks about something to come: the date of the paper is not the answer.
_TO_COME = re.compile(r"\b(?:will|shall|going\s+to|expected|due|planned|next)\b", re.IGNORECASE)


FIELD_DOCS = 3
"""A "when" question's dated fields are looked for in the papers of this many best hits ..."""
FRONT_PASSAGES = 12
"""... among each one's first passages (its cover and front matter)."""
EVENT_FIELD = 0.4
"""Bonus for a dated field labelled with what a "when" question asks the date of: the line is the
answer, however little else of the question it shares in meaning ("Inspection fieldwork: ..."
is closer to "When was the inspection report published?" than "Date of publication: ..." is)."""

# "When was the report published?" asks the date of what its last word names
_PARTICIPLE = re.compile(r"(\w+(?:ed|en)|held|made|set|sent|met|put|done|run|built|laid)\W*$", re.IGNORECASE)


def _kin(a: str, b: str) -> bool:
    """Words of one family, by their first five letters ("published", "publication")."""
    return len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]


def _event_fields(question: str, cands: list[Candidate]) -> tuple[set[int], set[int]]:
    """The candidates (by id) that are dated fields labelled with what a "when" question asks the
    date of, and the other dated fields, where there are some of the first kind. What is asked the
    date of is the question's closing participle ("published") where some label names it, else any
    of its key words ("When was the inspection?": "Inspection fieldwork: 13 to 24 January 2025")."""
    labelled = [(c, [w.lower() for w in words(label)]) for c in cands
                if (label := field_label(_said(c.text, c.speaker)))]
    asked = [w.lower() for w in words(question) if w.lower() not in QUESTION_WORDS]
    last = _PARTICIPLE.search(question)
    for wanted in ([last.group(1).lower()] if last else [], asked):
        found = {id(c) for c, label in labelled if any(_kin(w, x) for w in wanted for x in label)}
        if found:
            return found, {id(c) for c, _ in labelled} - found
    return set(), set()


def _gives_a_day_or_month(text: str) -> bool:
    return any((last - first).days < 31 for first, last, _ in written_dates(text))


def _says_date(text: str, iso: str) -> bool:
    """Does the text give this date ("17 June 2025", "17th June 2025", "2025-06-17")?"""
    day, month, year = spoken(iso).split()
    return iso in text or bool(re.search(rf"\b{day}(st|nd|rd|th)?\s+{month}\s+{year}\b", text, re.IGNORECASE))


def _dated(question: str, sentences: list[tuple[str, list[int]]], chosen: list[Candidate],
           hits: list[Hit]) -> list[tuple[str, list[int]]]:
    """For a "when" question about the past whose chosen sentences give no date, say when the
    first one was said: "At Cabinet on 17 June 2025: RESOLVED that ..." (from the paper's own
    date and committee); a report's date is when it was written, not when what it tells happened:
    "In the inspection report of 3 April 2025: ...". A decision is dated by its meeting, whatever
    dates it sets ("to start on 1 October 2025"); an answer to any other question that gives a day
    or month of its own ("Ty Nant ... opened in September 2024") is dated already."""
    if not sentences or not _WHEN.search(question) or _TO_COME.search(question):
        return sentences
    p = hits[chosen[0].hit_rank].passage
    said = " ".join(s for s, _ in sentences)
    if not p.date or _says_date(said, p.date) or is_dated_field(sentences[0][0]):
        return sentences  # dated already, or a field giving its own date ("Inspection fieldwork: 13 to 24 January 2025")
    if not asks_decision(question) and _gives_a_day_or_month(said):
        return sentences
    if p.doc_type in ("report", "inspection report"):
        where = f"In the {p.doc_type}{f' to {p.committee}' if p.committee else ''} of {spoken(p.date)}"
    else:
        where = f"At {p.committee} on {spoken(p.date)}" if p.committee else f"On {spoken(p.date)}"
    first, ns = sentences[0]
    return [(f"{where}: {first}", ns), *sentences[1:]]


REFUSAL = "The papers I have do not answer this."


def decline(question: str, hits: list[Hit], why: str | None = None) -> Answer:
    """The refusal: says so (and why, when that is known), cites nothing, still shows what was
    searched."""
    return Answer(f"{REFUSAL} {why}" if why else REFUSAL, True, [], hits, [], question)
