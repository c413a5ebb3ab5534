"""The people and bodies a question names, and whether the papers searched have them in them.

"What did Kirsty Williams say about school reopening?" asked of a transcript she does not
speak in has no answer there, however well other speakers' words match its topic; nor has
"What did the Planning Committee decide on the bypass?" in papers that are not that
committee's and never mention it.
"""

from __future__ import annotations

import re
from typing import Mapping

from cofnod.types import Hit

from assistant.dates import named_bodies

_TITLES = re.compile(r"\((?:[^()]*)\)|\b(?:AM|MS|MSP|MP|MBE|OBE|CBE|Dr|Prof|Professor|Cllr|Councillor|Mr|Mrs|Ms|Miss|Sir|Dame)\b\.?")
_WORD = re.compile(r"[\w'’-]+")


def _name(speaker: str) -> str:
    """A speaker's name in lower case, titles and roles aside ("kirsty williams" for "Kirsty Williams AM")."""
    return " ".join(_WORD.findall(_TITLES.sub(" ", speaker).lower()))


def named_speakers(question: str, speakers: set[str]) -> set[str]:
    """The speakers the question names by their full name, titles and roles aside ("Kirsty
    Williams" for "Kirsty Williams AM", "Dafydd Rowlands" for "Dafydd Rowlands (Head of
    Children's Services)")."""
    asked = " ".join(_WORD.findall(question.lower()))
    found = set()
    for speaker in speakers:
        name = _name(speaker)
        if len(name.split()) >= 2 and re.search(rf"\b{re.escape(name)}\b", asked):
            found.add(speaker)
    return found


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
    surnames = {_name(s).split()[-1] for s in named}
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
