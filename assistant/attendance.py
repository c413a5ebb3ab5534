"""Who chaired, attended or sent apologies: read from the attendance record at the head of minutes.

Minutes open with who was there ("PRESENT: Mr R W Gough (Chairman), Mr N Baker, ...",
"Present: • Councillor Rhian Prydderch (Leader of the Council) — in the Chair", "IN
ATTENDANCE: ...", "Apologies for absence were received from ..."). Those lines share few
words with the question ("Who chaired Cabinet on 30 January?" has "chaired", they have
"Chairman"), so a search ranks them low; for a question about attendance they are looked up
in the minutes searched and put first. "Who is the Cabinet Member for Environment?" is read
from the record where it names the post ("Mrs A Beer (Chief Executive)"), else from the newest
papers that name the holder beside it ("Mr R Thomas, Cabinet Member for Environment, provided
an update ...").
"""

from __future__ import annotations

import re
from typing import Callable

from cofnod.types import Filters, Hit, Passage
from index.catalog import DocRecord
from index.store import Index

from assistant.dates import written_dates

_CHAIR_Q = re.compile(
    r"\bwho\s+(?:chaired|chairs|presided|was\s+(?:in\s+)?the\s+chair\b|was\s+(?:the\s+)?chair(?:man|woman|person)?\b)",
    re.IGNORECASE,
)
_ABSENT_Q = re.compile(
    r"\bwho\s+(?:sent|gave|tendered|offered)\s+(?:their\s+|his\s+|her\s+)?apologies\b|\bwhat\s+apologies\b"
    r"|\b(?:any|were\s+there)\s+apologies\b|\bapologies\s+(?:for\s+absence\s+)?(?:were\s+)?(?:received|given|sent)\b"
    r"|\bwho\s+(?:was|were)\s+absent\b",
    re.IGNORECASE,
)
_PRESENT_Q = re.compile(r"\bwho\s+(?:attended|(?:was|were)\s+(?:there|present|in\s+attendance))\b", re.IGNORECASE)

# "Who is the Chief Executive?", "Who was the Director of Public Health?": a post, named in the
# record beside its holder ("Mrs A Beer (Chief Executive)").
_ROLE_Q = re.compile(
    r"\bwho\s+(?:is|was)\s+(?:the\s+)?(?:council'?s\s+|county'?s\s+|current\s+)?"
    r"(?P<role>(?:[A-Za-z&'’-]+\s+){0,5}?(?:executive|director|officer|counsel|head|manager|clerk|treasurer|secretary"
    r"|cabinet\s+member|leader|minister)"
    r"(?:\s+(?:of|for)\s+(?:[A-Za-z&'’-]+,?\s*){1,6})?)",
    re.IGNORECASE,
)
_THE_AUTHORITY = re.compile(r"\s+(?:of|at|for|in)\s+(?:the\s+)?(?:council|kcc|[A-Z]\w*(?:\s+[A-Z]\w*)*\s+council)\b.*$|[\s?.]+$",
                            re.IGNORECASE)
_CHAIR = re.compile(r"\((?:chairman|chairwoman|chair|chairperson)\)|\bin\s+the\s+chair\b", re.IGNORECASE)
_ABSENT = re.compile(r"^\W*(?:no\s+)?apologies\b|\bapologies\s+(?:for\s+absence\s+)?were\s+received\b", re.IGNORECASE)
_PRESENT = re.compile(r"^\W*(?:present|also\s+present|in\s+attendance(?:\s+virtually)?|officers(?:\s+present)?)\b\s*:?",
                      re.IGNORECASE)
HEAD = 20
"""How far into minutes the attendance record is looked for (in passages)."""
MEETINGS = 2
"""Most meetings whose records lead the hits (the newest in scope)."""


def asks_attendance(question: str) -> bool:
    """Whether the question asks who chaired, attended, was present or sent apologies, or who
    holds a post the record names ("Who is the Chief Executive?")."""
    return asks_who_was_there(question) or asked_role(question) is not None


def asks_who_was_there(question: str) -> bool:
    """Whether the question asks who chaired, attended, was present or sent apologies: what only
    a meeting's attendance record answers (a post's holder may be named anywhere)."""
    return any(q.search(question) for q in (_CHAIR_Q, _ABSENT_Q, _PRESENT_Q))


def asked_role(question: str) -> str | None:
    """The post a "who is the ...?" question asks after ("Chief Executive" for "Who is the Chief
    Executive of Kent County Council?"), or None."""
    m = _ROLE_Q.search(question)
    if not m:
        return None
    role = _THE_AUTHORITY.sub("", m["role"]).strip()
    return role or None


# A person's name as papers write it before their post: "Mr R Thomas", "Robert Thomas", "Dr A Ghosh".
# A word of it: "Thomas", "Powell-Hughes", or initials ("R.", "R.W."), but not a word ending a
# sentence ("... at Aberdyffryn. Rhys Bowen MS, Cabinet Member for ...").
_NAME_WORD = r"(?:[A-Z](?:\.[A-Z])*\.|[A-Z][\w'’-]*)"
_NAME = rf"(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
# The rest of the post's title after the words asked: "Leader" of "Leader of the Council".
_PORTFOLIO = r"\s+(?:of|for|and|&)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z&][\w'’-]*)*"
# ... and the rest of a portfolio, a list of title words closed by "and": ", Corporate and Traded
# Services" of "Cabinet Member for Finance" (not ", Kent and Medway" after "Chief Executive")
_MORE_PORTFOLIO = r"(?:,\s+[A-Z][\w'’-]*)+\s+(?:and|&)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
# A post held with another before it: "Mr Oakford, Deputy Leader and Cabinet Member for Finance"
_ALSO_HELD = r"(?:[A-Z][\w'’-]*\s+){1,3}(?:and|&)\s+"


def _post(role: str) -> str:
    """A pattern for the post as papers write it: any case of its letters, either apostrophe."""
    return "".join("['’]" if ch in "'’" else f"[{ch.upper()}{ch.lower()}]" if ch.isalpha() else re.escape(ch)
                   for ch in role.strip(" ,"))


def holders(role: str, text: str) -> list[str]:
    """The entries of a text that name the post beside its holder: in brackets, as a record
    line has it ("Mrs A Beer (Chief Executive)"), or after the name and a comma ("Mr R Thomas,
    Cabinet Member for Environment, provided an update", "From: Robert Thomas, Cabinet Member
    for Environment")."""
    # "Catrin Powell-Hughes (Corporate Director of Social Services)" holds the Director's post; a
    # deputy or an assistant holds another
    post = rf"(?i:(?:corporate|interim|acting|strategic)\s+)?{_post(role)}"
    bracketed = re.compile(rf"(?<![\w.]){_NAME}\s*\(\s*{post}\b[^)]*\)")
    found = [m.group(0).strip() for m in bracketed.finditer(text)]
    tail = (rf"(?:{_PORTFOLIO})?(?:{_MORE_PORTFOLIO})?" if re.search(r"\s(?:of|for)\s", role)
            else rf"(?:{_PORTFOLIO}(?:{_MORE_PORTFOLIO})?)?")
    after = re.compile(rf"(?<![\w.]){_NAME},\s+(?:the\s+)?(?:{_ALSO_HELD})?{post}\b{tail}")
    return found + [m.group(0) for m in after.finditer(text)]


def _holder_and_post(entry: str) -> tuple[str, str] | None:
    """"Mr Love (Cabinet Member for Education and Skills)" or "Mr Love, Cabinet Member for
    Education and Skills": the holder's name and the post; None where no name comes before it."""
    m = re.search(rf"({_NAME})\s*(?:\(\s*(?P<in>[^)]*)\)|,\s+(?:the\s+)?(?P<after>.*))$", entry)
    if not m or not re.match(r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\b|[A-Z]\w+\s+[A-Z])", m.group(1)):
        return None
    # "(Cabinet Member for Education and Lifelong Learning, for item 4 only)": the post ends at the comma
    post = re.sub(r",\s+[a-z].*$", "", m["in"] or m["after"])
    return m.group(1), post.strip()


# "Thank you, Cabinet Secretary, Minister": a post where a name should be
_TITLE_WORD = re.compile(r"\b(?:secretar|minister|member|chair|director|leader|officer|executive)\w*", re.IGNORECASE)


def posts_named(index: Index, filters: Filters | None, kind: str) -> list[tuple[str, str]]:
    """The posts of a kind ("Cabinet Member") the papers name beside a holder, one per holder:
    the fullest title any paper gives, with the name as the newest paper writes it:
    [("Cabinet Member for Environment", "Mr R Thomas"), ...]."""
    memo = index.derived("posts-named", dict)  # emptied when the papers change
    key = (repr(filters or Filters()), kind.lower())
    if key not in memo:
        allowed = index.allowed_docs(filters or Filters())
        newest = sorted((d for d in index.documents() if d.doc in allowed), key=lambda d: (d.date or "", d.doc),
                        reverse=True)
        held: dict[str, tuple[str, str]] = {}  # by the holder's surname: "Mr Watkins" is "Dan Watkins"
        for doc in newest:
            for p in index.doc_passages(doc.doc):
                if kind.lower() not in p.text.lower():
                    continue
                for entry in holders(kind, p.text):
                    pair = _holder_and_post(entry)
                    if not pair or pair[1].lower() == kind.lower() or _TITLE_WORD.search(pair[0]):
                        continue
                    who, post = pair
                    # "Vaughan Gething AM": the surname is the last word that is not letters after it
                    surname = next((w for w in reversed(who.split()) if not w.isupper()), who).lower()
                    # the fullest title of each holder's post ("... Adult Social Care and Public Health"),
                    # under the name the newest paper gives
                    title, name = held.get(surname, (post, who))
                    held[surname] = (post if len(post) > len(title) else title, name)
        # and one holder per post ("Dr A Ghosh", misspelt "Dr Gosh" in another paper)
        posts: dict[str, tuple[str, str]] = {}
        for post, who in held.values():
            posts.setdefault(post.lower().replace("’", "'"), (post, who))
        memo[key] = sorted(posts.values())
    return list(memo[key])


NAMED_POSTS = 8
"""Most posts of the kind asked after that a refusal lists."""


def unheld(index: Index, question: str, filters: Filters | None) -> str | None:
    """Why a "Who is the Cabinet Member for Housing?" question is refused: no paper searched
    names the post beside its holder, with the posts of its kind that they do name; None where
    the question names no post of two words or more, or the papers name its holder."""
    role = asked_role(question)
    if not role or len(role.split()) < 2 or records(index, filters, role):
        return None
    kind = re.split(r"\s+(?:of|for)\s+", role, maxsplit=1)[0]
    named = [f"{post} ({holder})" for post, holder in posts_named(index, filters, kind)]
    why = f"No paper searched names the {role.strip(' ,')}."
    if named:
        why += f" They do name: {'; '.join(named[:NAMED_POSTS])}."
    return why


def pieces(question: str):
    """For a question about attendance, how to quote a passage of the record: the entries naming
    the post asked after, or the whole line (a list of those present is not cut at its bullets);
    None for other questions and passages."""
    if not asks_attendance(question):
        return None
    role = asked_role(question)

    def quote(text: str) -> list[str] | None:
        if role:  # a post's holder may be named in any passage, not only the record
            return holders(role, text) or None
        return [text] if is_record(text) else None

    return quote


def opens_record(text: str) -> bool:
    """Whether a passage is a line of the record itself ("Present: ...", "Apologies were received
    from ..."), not a paragraph that names someone "(Chairman)" in passing."""
    return bool(_PRESENT.search(text) or _ABSENT.search(text))


def is_record(text: str) -> bool:
    """Whether a sentence or passage is a line of a meeting's attendance record."""
    return opens_record(text) or bool(_CHAIR.search(text))


def answers(question: str, text: str) -> bool:
    """Whether a line of the record is the kind the question asks for: who was in the chair (named
    in the list of those present), who sent apologies, or who was there."""
    role = asked_role(question)
    if role:
        return bool(holders(role, text))
    if _ABSENT_Q.search(question):
        return bool(_ABSENT.search(text))
    if _CHAIR_Q.search(question):
        return bool(_CHAIR.search(text))
    return bool(_PRESENT_Q.search(question)) and bool(_PRESENT.search(text) or _CHAIR.search(text))


MEMO = 64
"""Attendance records kept per index, for as many filter and post pairs (a question asks for them
up to three times: to check a record exists, to lead the hits, to decline without one)."""


def records(index: Index, filters: Filters | None, role: str | None = None) -> list[Passage]:
    """The attendance lines of the newest minutes the filters let through, newest meeting first;
    for a post, the lines that name it, from the newest meetings that do."""
    memo = index.derived("attendance-records", dict)  # emptied when the papers change
    key = (repr(filters or Filters()), role)
    if key not in memo:
        if len(memo) >= MEMO:
            memo.clear()
        memo[key] = _records(index, filters, role)
    return list(memo[key])


def _records(index: Index, filters: Filters | None, role: str | None) -> list[Passage]:
    allowed = index.allowed_docs(filters or Filters())
    newest = sorted((d for d in index.documents() if d.doc in allowed), key=lambda d: (d.date or "", d.doc), reverse=True)
    minutes = [d for d in newest if d.doc_type == "minutes"]

    def lines(doc: str) -> list[Passage]:
        return [p for p in index.doc_passages(doc)[:HEAD] if is_record(p.text) and (role is None or holders(role, p.text))]

    if role is None:
        return [p for doc in minutes[:MEETINGS] for p in lines(doc.doc)]

    def first_naming(doc: str) -> list[Passage]:
        return next(([p] for p in index.doc_passages(doc) if holders(role, p.text)), [])

    # the newest meetings whose record names the post; where none does ("Cabinet Member for
    # Environment"), the newest papers that name its holder anywhere ("Mr R Thomas, Cabinet Member
    # for Environment, provided an update ...")
    return _from_newest(minutes, lines) or _from_newest(newest, first_naming)


def _from_newest(docs: list[DocRecord], named_in: Callable[[str], list[Passage]]) -> list[Passage]:
    """What `named_in` finds in each document, newest first, from the first `MEETINGS` that hold any."""
    found: list[Passage] = []
    meetings = 0
    for doc in docs:
        named = named_in(doc.doc)
        found += named
        meetings += bool(named)
        if meetings == MEETINGS:
            break
    return found


def lead_with_records(index: Index, query: str, filters: Filters | None, hits: list[Hit], k: int) -> list[Hit]:
    """For a question about attendance, the hits with the attendance record first (as the search
    scored them, where it found them); other questions' hits as they are.

    A question that dates its meeting is led only where the search is narrowed to a date or a
    document: another meeting's attendance is no answer to it.
    """
    if not asks_attendance(query):
        return hits
    narrowed = filters is not None and bool(filters.date_from or filters.date_to or filters.doc)
    if not narrowed and written_dates(query):
        return hits
    first = records(index, filters, asked_role(query))
    if not first:
        return hits
    found = {h.passage.id: h for h in hits}
    score = hits[0].score if hits else 1.0
    placed = {p.id for p in first}
    led = [found.get(p.id) or Hit(p, score) for p in first]
    return (led + [h for h in hits if h.passage.id not in placed])[:k]
