"""Line-level signs of structure shared by the parsers: numbers, bullets, headings, speakers.

Council papers mark structure with text rather than markup: "3.2" or "(a)" opens a
paragraph, "RESOLVED that" opens a decision, a short Title Case line is a heading,
"Name AM: words" is a speaker's turn. Every parser asks these questions the same way.
"""

from __future__ import annotations

import re

# The paragraph's own number at the start of a line, kept as printed. Each pattern must
# be followed by a letter (or an opening bracket/quote) so table rows like "10.0 -29.3"
# and amounts like "2.99% of" are not taken for numbers.
_AFTER = r"(?=\s+(?:[(\"'“‘£]?[^\W\d_]|\d{2}/\d))"  # a word, or a decision number "24/00108"
_NUMBER_PATTERNS = (
    re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3}\.?)" + _AFTER),  # 3.2  1.1.4
    re.compile(r"^(\d{1,3}[.)])" + _AFTER),  # 12.  1)
    re.compile(r"^(\((?:[ivx]{1,5}|[a-zA-Z]|\d{1,2})\))" + _AFTER),  # (iv) (a) (3)
    re.compile(r"^((?:[ivx]{1,5}|[a-zA-Z])\))" + _AFTER),  # iv) a) A)
    re.compile(r"^([A-Z]\.)(?=\s+[A-Z])"),  # A. Agree
)
_BULLET = re.compile(
    r"^\s*(?:[•●▪■◦‣∙·*\uf0b7\uf0a7]\s+(?=\S)|[-–—o]\s+(?=[A-Z(\"“‘']))"  # "– 25, who" is a range, not a bullet
)
_RESOLVED = re.compile(r"^(?:\S+\s+)?(?:RESOLVED|AGREED|DECISION)\b", re.IGNORECASE)
_ITEM_LINE = re.compile(r"^\(?(?:agenda\s+)?item\s+\d+[a-z]?\)?\.?$", re.IGNORECASE)

_STOP = frozenset(
    "a an and as at by for from in into of on or the to with that which is are was were be "
    "its their our this these those than via per under over".split()
)
# Cover-sheet fields and "Name, Role" lines are short and capitalised but are not headings.
_FORM_LABEL = re.compile(
    r"^(?:from|to|subject|date|decision(?: no)?|key decision|classification|electoral divisions?|"
    r"past pathway|future pathway|summary|contact|author|report author|tel|email|by|venue|time)"
    r"(?: of [a-z ]+)?\s*:", re.I
)
_PERSON_ROLE = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Cllr)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2},\s")
_NOT_HEADINGS = re.compile(r"^(?:yes|no|n/?a|x|none|tbc|green|amber|red|total|yes/no)\W*$", re.I)
_PAGES_SUFFIX = re.compile(r"\s*\((?:Pages?|Item)\s+[\d\s\-–]+\)$", re.I)  # agenda "(Pages 1 - 10)"
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")

# Labels that look like "Name: words" in minutes but are not speakers.
_NOT_SPEAKERS = frozenset(
    "resolved minutes note notes decision decisions present apologies action actions agreed "
    "recommendation recommendations summary subject from to date time venue item purpose "
    "background contact email tel telephone location source appendix page key cc re "
    "classification electoral division outcome question answer response".split()
)
_SPEAKER = re.compile(
    r"^((?:(?:Dr|Mr|Mrs|Ms|Miss|Professor|Prof|Cllr|Councillor|Sir|Dame|Lord|Lady|Rt Hon)\.?\s+)?"
    r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|ap|de|van|von|ab)){0,4}"
    r"(?:\s+\([^()]{1,80}\))?)\s*:\s+(\S.*)$",
    re.DOTALL,
)


def split_number(text: str) -> tuple[str | None, str]:
    """Return (printed number, rest) when a paragraph opens with its own number."""
    for pattern in _NUMBER_PATTERNS:
        m = pattern.match(text)
        if m:
            return m.group(1), text[m.end():].strip()
    return None, text


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def normalise_bullet(line: str) -> str:
    """Write any bullet marker ("", "o", "-", "▪") as "• " so readers see one kind."""
    return _BULLET.sub("• ", line, count=1) if is_bullet(line) else line


def opens_resolution(text: str) -> bool:
    """True for "RESOLVED that", "3. RESOLVED:", "AGREED" openings."""
    number, rest = split_number(text)
    head = rest if number else text
    return bool(re.match(r"^(?:RESOLVED|AGREED)\b", head)) or (
        number is not None and bool(_RESOLVED.match(head))
    )


def is_item_marker(line: str) -> bool:
    """"(Item 8)" lines that follow an agenda-item heading in ModernGov minutes."""
    return bool(_ITEM_LINE.match(line.strip()))


# A dated field of a cover page: a short label, a colon, a date ("Inspection fieldwork: 13 to 24
# January 2025", "Date of publication: 3 April 2025"); not a lead-in ("RESOLVED that: ...").
_DATED_FIELD = re.compile(
    r"^(?!(?i:resolved|agreed|decided)\b)[A-Z][\w'’()/-]*(?:\s+[\w'’()/-]+){0,3}\s*:\s+"
    r".*\b(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+\d{4}\b")


def is_dated_field(line: str) -> bool:
    return bool(_DATED_FIELD.match(line))


def field_label(line: str) -> str | None:
    """A dated field's label ("Date of publication" of "Date of publication: 3 April 2025")."""
    return line.split(":", 1)[0].strip() if is_dated_field(line) else None


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip()))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\s]+", text)


def heading_level(text: str, lines: int = 1) -> int | None:
    """Heading depth if `text` (a whole short paragraph) reads as a heading, else None.

    A heading is short, has no final sentence punctuation, and is ALL CAPS, Title Case or
    numbered ("5. Revenue and Capital Budget Monitoring"). Level 1 for integer-numbered or
    CAPS headings, one deeper per extra number part ("3.1" → 2), 2 for other headings.
    """
    text = _PAGES_SUFFIX.sub("", text.strip())
    number, rest = split_number(text)
    words = _words(rest)
    if not words or len(text) > 240 or len(words) > (30 if number else 14):
        return None
    if (number and not number[0].isdigit()) or opens_resolution(text):
        return None  # lettered items and decisions are body text, however short
    if not number and (_FORM_LABEL.match(rest) or _PERSON_ROLE.match(rest)):
        return None
    if _NOT_HEADINGS.match(rest) or rest.count("(") != rest.count(")") or re.search(r"@|www\.|https?:", rest):
        return None  # form answers, RAG ratings, e-mail addresses, cells cut mid-bracket
    if lines > 3 or not _heading_ending(rest, len(words)):
        return None
    if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "'‘\""):
        return None
    numeric = sum(1 for w in words if re.fullmatch(r"[£$+\-−(]?[\d.,/%]+[mk%)]?", w))
    if numeric / len(words) > 0.2 and not (number and numeric <= 2):
        return None
    if _is_caps(rest) and not number:
        return 1
    if _is_title(words) or _is_caps(rest):
        return _numbered_level(number)
    # Sentence-case headings only count when numbered and on one short line.
    if number and lines == 1 and len(words) <= 10 and number[0].isdigit():
        return _numbered_level(number)
    return None


def _numbered_level(number: str | None) -> int:
    """5. → 1, 3.1 → 2, 3.1.2 → 3; unnumbered Title Case → 2."""
    if number is None:
        return 2
    return number.rstrip(".)").count(".") + 1


def _heading_ending(rest: str, n_words: int) -> bool:
    last = rest.rstrip()[-1]
    if last in ".,;!?&-–/":
        return False
    if last == ":" and n_words > 3:
        return False
    tail = re.sub(r"[^\w]", "", rest.split()[-1]).lower()
    return tail not in _STOP


def is_caps_heading(line: str) -> bool:
    """A short ALL CAPS line ("EXEMPT ITEMS"): a heading wherever it falls."""
    return len(line) <= 80 and _is_caps(line) and heading_level(line) == 1


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_title(words: list[str]) -> bool:
    content = [
        w for w in words
        if w.lower().strip("()") not in _STOP and any(c.isalpha() for c in w) and not w[0].isdigit()
    ]
    if not content:
        return False
    caps = sum(1 for w in content if w.lstrip("(\"'‘“")[:1].isupper())
    return caps / len(content) >= 0.8


def match_speaker(paragraph: str) -> tuple[str, str] | None:
    """(speaker, words) for a "Name (role): words" transcript turn, else None."""
    m = _SPEAKER.match(paragraph.strip())
    if not m:
        return None
    name = m.group(1).strip()
    first = re.sub(r"\W", "", name.split()[0]).lower()
    if first in _NOT_SPEAKERS or name.isupper() or len(name) > 100:
        return None
    return name, m.group(2)
