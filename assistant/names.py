"""The people and bodies a question names, and whether the papers searched have them in them.

"What did Kirsty Williams say about school reopening?" asked of a transcript she does not
speak in has no answer there, however well other speakers' words match its topic; nor has
"What did the Planning Committee decide on the bypass?" in papers that are not that
committee's and never mention it.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping

from cofnod.types import Hit

from assistant.dates import MONTH_WORDS, named_bodies
from index.keyword import STOPWORDS
from index.turns import named_speakers, speaker_name

_WORD = re.compile(r"[\w'’-]+")


def absent_speakers(question: str, hits: list[Hit], speakers_of: Mapping[str, frozenset[str]]) -> list[str]:
    """The speakers the question names (any the index knows) when none of them speaks in the
    documents of `hits` nor is named in the hits' text by surname; otherwise none.

    `speakers_of` maps each document to who speaks in it (`Index.speakers`). Someone who speaks
    in one of the documents, or whom a passage names ("I agree with Ms Williams"), keeps the
    question answerable.
    """
    known = set().union(*speakers_of.values()) if speakers_of else set()
    named = named_speakers(question, known)
    if not named:
        return []
    docs = {h.passage.doc for h in hits}
    if any(named & speakers_of.get(doc, frozenset()) for doc in docs):
        return []
    said = " ".join(_WORD.findall(" ".join(h.passage.text for h in hits).lower()))
    surnames = {speaker_name(s).split()[-1] for s in named}
    if any(re.search(rf"\b{re.escape(n)}\b", said) for n in surnames):
        return []
    return sorted(named)


def not_in_papers(names: list[str]) -> str:
    """What to say of speakers a question names that the papers searched do not have."""
    if len(names) == 1:
        return f"{names[0]} does not speak in the papers searched, nor do they mention the name"
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return f"None of {listed} speaks in the papers searched, nor do they mention the names"


def absent_bodies(question: str, hits: list[Hit], committees: set[str]) -> list[str]:
    """The committees, panels and boards the question names ("the Planning Committee") that are
    neither a committee of the index's papers (`committees`) nor mentioned in the hits (their text,
    title or heading trail)."""
    known = {c.lower() for c in committees}
    said = " ".join(" ".join([h.passage.text, h.passage.title, *h.passage.trail]) for h in hits).lower()
    said = " ".join(_WORD.findall(said))
    out = []
    for body in named_bodies(question):
        name = " ".join(_WORD.findall(body.lower()))
        if any(name in " ".join(_WORD.findall(k)) for k in known) or re.search(rf"\b{re.escape(name)}\b", said):
            continue
        out.append(body)
    return out


def bodies_not_in_papers(bodies: list[str]) -> str:
    """What to say of bodies a question names that the papers searched neither come from nor mention."""
    listed = bodies[0] if len(bodies) == 1 else ", ".join(bodies[:-1]) + " and " + bodies[-1]
    return f"No paper searched is from the {listed} or mentions {'it' if len(bodies) == 1 else 'them'}"


# Capitalised words that are not names of things a paper would hold: titles, calendar words, "I".
_NOT_A_NAME = frozenset(
    """i am ms msp mp mbe obe cbe dr prof professor cllr councillor mr mrs miss sir dame
    monday tuesday wednesday thursday friday saturday sunday""".split()
) | frozenset(MONTH_WORDS)
_LINK = frozenset({"and", "of", "for", "&", "the", "on", "in"})
_TOKEN = re.compile(r"\S+")
_OPENS = re.compile(r"[.?!:;\"“(]$")


def _bare(token: str) -> str:
    """A word without the punctuation around it nor a possessive ("Gwent's," gives "Gwent")."""
    word = token.strip(".,;:!?()[]\"“”‘’'")
    return re.sub(r"['’]s$", "", word)


def name_runs(question: str) -> list[list[str]]:
    """Runs of capitalised words that do not open a sentence ("Folkestone Harbour Arm", "Kent and
    Medway Medical School"), each a list of its words; none for a question written in title case."""
    tokens = _TOKEN.findall(question)
    bare = [_bare(t) for t in tokens]
    opens = [i == 0 or bool(_OPENS.search(tokens[i - 1])) for i in range(len(tokens))]
    if any(w[:1].isupper() and not first and w.lower() in STOPWORDS and w.lower() not in _NOT_A_NAME
           for w, first in zip(bare, opens)):
        return []  # "What Did Cabinet Decide About ...": capitals say nothing here
    runs: list[list[str]] = []
    run: list[str] = []
    for i, (tok, word) in enumerate(zip(tokens, bare)):
        if word[:1].isupper() and not opens[i]:
            if not run and i and bare[i - 1].lower() == "the":
                run.append("the")  # said as asked: "the Folkestone Harbour Arm"
            run.append(word)
        elif run and word.lower() in _LINK and i + 1 < len(bare) and bare[i + 1][:1].isupper():
            run.append(word)
            continue
        else:
            if run:
                runs.append(run)
            run = []
        if not re.search(r"\w$", tok.rstrip("'’")) and run:  # "Estyn," ends the run
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    runs = [r for r in (_trim(r) for r in runs) if r]
    # "the" is kept for a name of two words or more: "the Planning Committee", but "Dungeness"
    return [r[1:] if r[0] == "the" and len(r) == 2 else r for r in runs]


def _trim(run: list[str]) -> list[str]:
    while run and run[-1].lower() in _LINK:
        run = run[:-1]
    return run if any(w.lower() not in _LINK for w in run) else []


def name_parts(run: list[str]) -> list[list[str]]:
    """A name's parts, each the words to look up: split at "and" ("Blaenau Gwent and Bridgend"
    names two places), without titles, days, months, linking words or figures ("Covid-19")."""
    parts: list[list[str]] = [[]]
    for w in run:
        if w.lower() in ("and", "&"):
            parts.append([])
        elif w.lower() not in _LINK and w.lower() not in _NOT_A_NAME:
            parts[-1].extend(re.findall(r"[^\W\d_]{2,}", w))
    return [p for p in parts if p]


def unknown_names(question: str, known: Callable[[str], bool],
                  together: Callable[[list[str]], bool] | None = None) -> list[str]:
    """The names the question uses that no paper holds, each as asked ("the Folkestone Harbour Arm").

    A name is unknown when `known(word)` (the index's words, `Index.mentions`, which forgives a
    long name one letter wrong) lacks one of its words, or when `together(words)` (`Index.
    mentions_together`) finds no passage holding all the words of one of its parts ("Medway
    Medical School" in "the Kent and Medway Medical School"). Titles, days and months are not
    looked up.
    """
    out = []
    for run in name_runs(question):
        parts = name_parts(run)
        if any(not known(w) for part in parts for w in part) or (
            together is not None and any(len(part) > 1 and not together(part) for part in parts)
        ):
            out.append(" ".join(run))
    return out


_SECTION = re.compile(r"\bsection\s+(\d+[a-z]?)\b", re.IGNORECASE)


def unknown_sections(question: str, has_section: Callable[[str], bool]) -> list[str]:
    """The sections the question names by number that no paper speaks of nor has ("section 25" of
    "What does the section 25 statement say?" where no paper holds the statement), each as asked;
    `has_section` is `Index.has_section`."""
    return [f"section {m.group(1)}" for m in _SECTION.finditer(question) if not has_section(m.group(1))]


# "four-day", "looked-after", "in-patient": words joined by hyphens (letters only; "18-25" is a range)
_COMPOUND = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")


def unknown_compounds(question: str, known: Callable[[str], bool]) -> list[str]:
    """The hyphenated words of the question no paper holds, in any spelling ("four-day" of "Is the
    council moving staff to a four-day working week?", where papers hold "four" and "day" apart);
    `known` is `Index.holds_compound`."""
    return [w for w in dict.fromkeys(_COMPOUND.findall(question)) if not known(w)]


def asked_names(question: str, exact: Callable[[str], bool], speakers: set[str] = frozenset()) -> list[list[str]]:
    """The names of places and things the question uses, each as the words of one of its parts
    (`name_parts`). Left to their own checks: the people who speak in transcripts and the
    committees, panels and boards (`absent_speakers`, given `speakers`, `absent_bodies`), and
    names with a word `exact` does not know as it is written (a misspelt name `unknown_names`
    forgave)."""
    bodies = {b.lower() for b in named_bodies(question)}
    people = {speaker_name(s) for s in named_speakers(question, set(speakers))}
    out = []
    for run in name_runs(question):
        asked = " ".join(run)
        if any(asked.lower().removeprefix("the ") in b for b in bodies):
            continue
        out += [part for part in name_parts(run)
                if all(exact(w) for w in part) and not any(" ".join(part).lower() in p for p in people)]
    return out


def names_unmentioned(parts: list[list[str]], hits: list[Hit], mentioning: Callable[[list[str]], set[str]],
                      top: int = 5) -> tuple[list[str], set[str]]:
    """The names a question uses (`parts`, from `asked_names`) that no document of its first `top`
    hits mentions ("What did the Bridgend committee say about free school meals?" answered from
    Kent's papers), and the documents that do mention all of them.

    `mentioning(words)` gives the documents holding the words (`Index.papers_mentioning`).
    """
    docs = {h.passage.doc for h in hits[:top]}
    missing, holders = [], None
    for part in parts:
        have = mentioning(part)
        if have & docs:
            continue
        missing.append(" ".join(part))
        holders = have if holders is None else holders & have
    return missing, holders or set()


def bearers_first(hits: list[Hit], holders: list[set[str]]) -> list[Hit]:
    """The hits from papers that mention more of the question's names before the others, in their
    order otherwise ("What did the Scrutiny Committee decide about Seashells?": the papers on the
    Seashells call-in before minutes of another council's scrutiny committee). `holders`: for each
    name, the documents that mention it."""
    if not holders:
        return hits
    return sorted(hits, key=lambda h: -sum(h.passage.doc in have for have in holders))


def bearers_only(hits: list[Hit], holders: list[set[str]]) -> list[Hit]:
    """The hits from papers that mention every one of the question's names, where some do; else
    the hits. `holders`: for each name, the documents that mention it."""
    return [h for h in hits if all(h.passage.doc in have for have in holders)] or hits


def without(question: str, found: list[str]) -> str:
    """The question without the names found in it ("What did the committee say about placements?"
    for "What did the Bridgend committee say about placements?" less "Bridgend")."""
    for name in found:
        words = r"\W+".join(re.escape(w) for w in name.split())
        question = re.sub(rf"\b{words}(?:['’]s)?\b", " ", question, flags=re.IGNORECASE)
    return " ".join(question.split())


def _either(found: list[str]) -> str:
    """"A", "A or B", "A, B or C"."""
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " or " + found[-1]


def names_unmentioned_by_answers(found: list[str]) -> str:
    """What to say when the best passages for a question come from papers that never use a name it asks about."""
    return f"The passages that best match the question come from papers that never mention {_either(found)}."


def names_not_in_papers(found: list[str]) -> str:
    """What to say when a question names something no paper in the index mentions."""
    return f"No paper in the index mentions {_either(found)}."
