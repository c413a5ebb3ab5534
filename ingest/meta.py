"""What a document is, from its path and its first page: title, type, committee, date.

File names carry most of it in ModernGov exports ("Printed minutes 30th-Jan-2025 10.00
Cabinet.pdf", "CPP Minutes 10.12.24.pdf"); the first page settles the rest, and for
minutes it names the meeting they record, which is not the meeting that approved them.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from cofnod.errors import IngestError
from cofnod.types import DOC_TYPES, DocMeta

_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?[\s\-]+" + _MONTH + r"[\s\-,]+(\d{4})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d|\.\d)")
_HELD_ON = re.compile(
    r"\bheld\b[^.]{0,200}?\bon\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:the\s+)?(\d{1,2}(?:st|nd|rd|th)?[\s\-]+" + _MONTH + r"[\s\-,]+\d{4})",
    re.I | re.S,
)

# Folder and file-name words that name a body outright.
_FOLDER_COMMITTEES = {"cabinet": "Cabinet", "full_council": "County Council", "full-council": "County Council"}
_NAME_COMMITTEES = (
    (re.compile(r"\bCPP\b"), "Corporate Parenting Panel"),
    (re.compile(r"\bcorporate parenting\b", re.I), "Corporate Parenting Panel"),
)
_BODY = r"(?:Committee|Panel|Board|Cabinet|Council|Forum|Sub-Committee|Commission)"
_MEETING_OF = re.compile(
    r"\bmeeting of (?:the\s+)?((?:[A-Z][\w&'’,-]*\s+(?:and\s+|of\s+|the\s+)?){0,8}?" + _BODY + r")\b"
)
# A ModernGov page says where it belongs: "Committees > Corporate Parenting Committee > Meeting of ..."
# and "Meeting: Monday 10 March 2025, 2.00 pm, Corporate Parenting Committee. Item 6."
_PAGE_BODY = re.compile(
    r"(?:\bCommittees\s*(?:>|&gt;)|^\s*Meeting:[^\n]*?,)\s*((?:[A-Z][\w&'’-]*,?\s+(?:and\s+|of\s+|the\s+)?){0,8}"
    + _BODY + r")\b", re.MULTILINE)
_TITLE_BODY = re.compile(r"^\s*((?:[A-Z][\w&'’-]*,?\s+(?:and\s+|of\s+|the\s+)?){1,8}" + _BODY + r")\b")
# A title naming Cabinet alone: "Cabinet — Agenda", "Cabinet minutes" (not "Cabinet Member for ...").
_CABINET_TITLE = re.compile(r"^\s*(?:The\s+)?Cabinet\s*(?:[—–:-]|$|(?i:agenda|minutes|meeting|papers)\b)")
_INSPECTORATES = re.compile(r"\b(CIW|CSSIW|Estyn|Ofsted|Care Inspectorate Wales|Care Quality Commission)\b")


def infer_meta(
    rel: str,
    title_hint: str | None,
    text_sample: str,
    pages: int | None,
    transcript: bool = False,
    known: dict[str, str] | None = None,
) -> DocMeta:
    """Guess a document's metadata from its path and opening text.

    Args:
        rel: path relative to the corpus root, forward slashes.
        title_hint: the parser's first real heading, if it found one.
        text_sample: the opening text (the first page of a PDF).
        pages: page count for PDFs, else None.
        transcript: the parser found speaker turns.
        known: what a sidecar recorded (see sidecar_meta); it wins over inference.
    Returns:
        DocMeta with title, doc_type, committee and meeting date (YYYY-MM-DD) filled
        where they could be inferred.
    """
    known = known or {}
    name = rel.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    title = known.get("title") or (title_hint or "").strip() or clean_name(stem)
    doc_type = known.get("doc_type") or infer_type(stem, title, text_sample, transcript)
    return DocMeta(
        doc=rel,
        title=title,
        doc_type=doc_type,
        # the title last: an HTML page's heading is not in its text sample
        committee=known.get("committee") or infer_committee(rel, text_sample) or _title_body(title),
        date=known.get("date") or infer_date(rel, text_sample, doc_type),
        pages=pages,
    )


SIDECAR = ".cofnod-meta.json"
"""A hidden file beside fetched papers: {"files": {name: {"title", "committee", "date", "doc_type"}}}."""


@lru_cache(maxsize=8)
def _sidecar_files(side: str, mtime_ns: int, size: int) -> dict:
    """A sidecar's entries by file name, read once for all the files of its folder (and again
    when it changes: its modification time and size are part of the key)."""
    files = json.loads(Path(side).read_text(encoding="utf-8")).get("files", {})
    if not isinstance(files, dict):
        raise ValueError("'files' is not an object")
    return files


def sidecar_meta(path: Path) -> dict[str, str]:
    """What the sidecar in a file's folder records about it (written by a fetcher that
    knows the committee and meeting date for certain, e.g. ingest.moderngov_fetch)."""
    side = Path(path).parent / SIDECAR
    try:
        stat = side.stat()
    except OSError:
        return {}
    if not S_ISREG(stat.st_mode):
        return {}  # a folder or device of that name is no sidecar
    try:
        entry = _sidecar_files(str(side), stat.st_mtime_ns, stat.st_size).get(Path(path).name) or {}
    except (OSError, ValueError, AttributeError) as e:
        raise IngestError(f"unreadable metadata sidecar {side}: {e}") from e
    if not isinstance(entry, dict):
        raise IngestError(f"unreadable metadata sidecar {side}: the entry for {Path(path).name} is not an object")
    found = {k: v.strip() for k, v in entry.items() if k in ("title", "committee", "date", "doc_type")
             and isinstance(v, str) and v.strip()}
    if "date" in found and _ISO.fullmatch(found["date"]) is None:
        del found["date"]
    if found.get("doc_type") not in (None, *DOC_TYPES):
        del found["doc_type"]
    return found


def clean_name(stem: str) -> str:
    """A file name made readable: "cpp_minutes" → "cpp minutes", slugs de-hyphenated."""
    text = stem.replace("_", " ")
    if " " not in text:
        text = text.replace("-", " ")
    return re.sub(r"\s+", " ", text).strip()


def infer_type(stem: str, title: str, text: str, transcript: bool = False) -> str:
    """One of DOC_TYPES; the file name decides first, the opening text second."""
    name = f"{stem} {title}".lower()
    head = text[:4000]
    if transcript or re.search(r"\btranscript\b", name):
        return "transcript"
    if "minutes" in name:
        return "minutes"
    if "agenda" in name and "item" not in name.split("agenda")[1][:6]:
        return "agenda"
    if re.search(r"press[\s-]release|news[\s-]release", name):
        return "press release"
    if _INSPECTORATES.search(f"{stem} {title}") or (
        "inspection" in name and _INSPECTORATES.search(head)
    ):
        return "inspection report"
    if re.search(r"report|appendix|eqia|dpia|prod|statement|amendment|supplement|cover|policy|plan", name):
        return "report"
    return _type_from_text(head)


def _type_from_text(head: str) -> str:
    first_line = head.lstrip().split("\n", 1)[0]
    if re.search(r"\binspection\b", first_line, re.I) and _INSPECTORATES.search(head):
        return "inspection report"
    if re.search(r"\bMINUTES of\b|\bPrinted minutes\b|\bPresent:|\bRESOLVED\b|^Minutes:", head, re.M):
        return "minutes"
    if re.search(r"\bAGENDA\b|\bAgenda frontsheet\b", head):
        return "agenda"
    if re.search(r"press release|news release|for immediate release", head, re.I):
        return "press release"
    if re.search(r"^(?:From|To|Subject):", head, re.M) or re.search(r"\breport\b", head[:300], re.I):
        return "report"
    return "other"


def infer_committee(rel: str, text: str) -> str | None:
    """The body the paper belongs to: what a committee web page says it is, then file-name words,
    then folders, then the text."""
    parts = rel.split("/")
    page = _PAGE_BODY.search(text[:4000])
    if page:
        return _tidy_body(page.group(1))
    for pattern, committee in _NAME_COMMITTEES:
        if pattern.search(parts[-1]):
            return committee
    for folder in reversed(parts[:-1]):
        if folder.lower() in _FOLDER_COMMITTEES:
            return _FOLDER_COMMITTEES[folder.lower()]
    named = _title_body(text.lstrip().split("\n", 1)[0].lstrip("# "))  # a Markdown heading's marks aside
    if named:
        return named
    for m in _MEETING_OF.finditer(text[:4000]):
        name = _tidy_body(m.group(1))
        if " " in name or name == "Cabinet":  # a bare "the Committee" names nobody
            return name
    return None


def _title_body(title: str) -> str | None:
    """The body a title names at its start ("Corporate Parenting Committee — 10 March 2025")."""
    m = _TITLE_BODY.match(title)
    if m:
        name = re.sub(r"^The\s+", "", _tidy_body(m.group(1)))
        if " " in name:  # "The Committee received ..." names nobody
            return name
    return "Cabinet" if _CABINET_TITLE.match(title) else None


def _tidy_body(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,")


def infer_date(rel: str, text: str, doc_type: str) -> str | None:
    """Meeting date: the minutes' own "held on" > the file name > a date folder > the date the
    text says it was published > the first date in the text."""
    if doc_type == "minutes":
        found = _held_on(text[:6000])
        if found:
            return found
    parts = rel.split("/")
    for part in [parts[-1], *reversed(parts[:-1])]:
        found = parse_date(part)
        if found:
            return found
    return _published(text[:3000]) or parse_date(text[:600])


# "Date of publication: 3 April 2025", "Published: 3 April 2025", "Date published 3 April 2025"
_PUBLISHED = re.compile(r"\b(?:date\s+of\s+(?:publication|issue)|publication\s+date|date\s+published|published(?:\s+on)?)"
                        r"\s*[:\-–]?\s*", re.IGNORECASE)


def _published(text: str) -> str | None:
    """The date a paper says it was published, which an inspection report gives after the dates
    of its fieldwork ("Inspection fieldwork: 13 to 24 January 2025 ... Date of publication: 3
    April 2025"): the paper's date is when it came out, not when the work it reports was done."""
    for m in _PUBLISHED.finditer(text):
        found = parse_date(text[m.end():m.end() + 40].split("\n", 1)[0])
        if found:
            return found
    return None


def _held_on(text: str) -> str | None:
    """The date in "meeting ... held on <date>", skipping the item that approves the
    previous meeting's minutes ("86. Minutes of the meeting held on ... (Item 3)",
    "RESOLVED that the minutes of the meeting held on ...")."""
    for m in _HELD_ON.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        after = text[m.end():m.end() + 20]
        # A title line ("# Minutes of the meeting held on ...") names the meeting itself.
        title = not text[:line_start].strip() or text.startswith("#", line_start)
        approves = re.match(r"\s*\d{1,3}\.\s", before) or "(Item" in after or re.search(
            r"RESOLVED|minutes of the", before, re.I)
        if (approves and not title) or re.search(r"\bnext meeting\b", before + m.group(0), re.I):
            continue
        found = parse_date(m.group(1))
        if found:
            return found
    return None


def parse_date(text: str) -> str | None:
    """First date in `text` as YYYY-MM-DD: ISO, "30th-Jan-2025", "19 December 2024", "10.12.24"."""
    candidates: list[tuple[int, str]] = []
    for m in _ISO.finditer(text):
        candidates.append((m.start(), _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS.get(m.group(2).lower()[:3])
        candidates.append((m.start(), _ymd(int(m.group(3)), month, int(m.group(1)))))
    for m in _DOTTED.finditer(text):
        year = int(m.group(3))
        year = year + 2000 if year < 100 else year
        candidates.append((m.start(), _ymd(year, int(m.group(2)), int(m.group(1)))))  # UK order
    valid = sorted((pos, d) for pos, d in candidates if d)
    return valid[0][1] if valid else None


def _ymd(year: int, month: int | None, day: int) -> str:
    """ISO date, or "" when the parts do not make a real date."""
    try:
        return date(year, month or 0, day).isoformat()
    except ValueError:
        return ""
