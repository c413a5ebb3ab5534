"""ModernGov's web service (mgWebService.asmx): its URLs and its XML, as plain records.

The service answers GetCommittees, GetMeetings and GetMeeting with XML whose quirks are
handled here and nowhere else: dates are dd/mm/yyyy both ways (an ISO date in a query is
silently ignored and every meeting comes back), counts carry a leading space (" 3"),
booleans are the strings "True" and "False", empty fields hold a newline, and one
element comes back alone where several come back as a list. Parsing is pure: bytes in,
records out, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlencode, urlsplit, urlunsplit
from xml.etree.ElementTree import Element, ParseError

from cofnod.errors import CofnodError

SERVICE = "mgWebService.asmx"
_DMY = "%d/%m/%Y"


class FetchError(CofnodError):
    """A ModernGov site could not be read: not ModernGov, unreachable, or bad XML."""


# --- records ---------------------------------------------------------------------


@dataclass
class Committee:
    """One committee from GetCommittees."""

    id: str
    title: str
    deleted: bool = False
    expired: bool = False
    category: str | None = None


@dataclass
class MeetingStub:
    """One meeting as GetMeetings lists it."""

    id: str
    committee_id: str
    committee: str
    date: str | None
    """YYYY-MM-DD."""
    status: str | None = None


@dataclass
class LinkedDoc:
    """A document attached to a meeting or an agenda item."""

    url: str
    title: str
    attachment_id: str | None = None
    restricted: bool = False
    is_url: bool = False
    """A link to a web page, not a document."""


@dataclass
class AgendaItem:
    """One agenda item of a meeting, with its minutes if published."""

    id: str | None
    number: str
    """The item number as the council displays it: "1", "9", "4a"."""
    title: str
    minutes_html: str | None
    restricted: bool = False
    """Exempt (restricted) or not allowed to be displayed: never written or ingested."""
    documents: list[LinkedDoc] = field(default_factory=list)


@dataclass
class Meeting:
    """One meeting from GetMeeting."""

    id: str
    date: str | None
    status: str | None
    minutes_published: bool
    items: list[AgendaItem] = field(default_factory=list)
    documents: list[LinkedDoc] = field(default_factory=list)
    """Documents attached to the meeting itself rather than to an item."""

    def all_documents(self) -> list[tuple[AgendaItem | None, LinkedDoc]]:
        """Every linked document with the item it belongs to (None: the meeting), first sighting of each URL."""
        seen: set[str] = set()
        found: list[tuple[AgendaItem | None, LinkedDoc]] = []
        for item, doc in [*((None, d) for d in self.documents), *((i, d) for i in self.items for d in i.documents)]:
            if doc.url not in seen:
                seen.add(doc.url)
                found.append((item, doc))
        return found


# --- URLs --------------------------------------------------------------------------


def site_root(url: str) -> str:
    """The site's base URL from whatever the user pasted: a site, a page on it, or the service."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{url}: not an http(s) URL of a ModernGov site")
    path = parts.path
    cut = path.lower().find(SERVICE.lower())
    if cut >= 0:
        path = path[:cut]
    elif path.lower().endswith((".aspx", ".asp", ".htm", ".html")):
        path = path.rsplit("/", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, path.rstrip("/"), "", ""))


def service_url(root: str, method: str, **params: str) -> str:
    """A web-service call; slashes in dd/mm/yyyy dates are sent as they are, like the council's own pages."""
    query = urlencode(params, safe="/") if params else ""
    return f"{root}/{SERVICE}/{method}" + (f"?{query}" if query else "")


def committees_url(root: str) -> str:
    return service_url(root, "GetCommittees")


def meetings_url(root: str, committee_id: str, start: date, end: date) -> str:
    return service_url(root, "GetMeetings", lCommitteeId=committee_id,
                       sFromDate=start.strftime(_DMY), sToDate=end.strftime(_DMY))


def meeting_url(root: str, meeting_id: str) -> str:
    return service_url(root, "GetMeeting", lMeetingId=meeting_id)


def meeting_page(root: str, committee_id: str, meeting_id: str) -> str:
    """The meeting's public page, for people reading the written minutes."""
    return f"{root}/ieListDocuments.aspx?CId={committee_id}&MId={meeting_id}"


# --- scalar quirks -----------------------------------------------------------------


def text_of(el: Element | None, name: str) -> str | None:
    """A child's text, stripped; None when missing or blank (ModernGov's empty fields hold a newline)."""
    child = el.find(name) if el is not None else None
    if child is None or child.text is None:
        return None
    value = " ".join(child.text.split())
    return value or None


def raw_text(el: Element, name: str) -> str | None:
    """A child's text as sent (HTML bodies keep their line breaks); None when blank."""
    child = el.find(name)
    if child is None or not (child.text or "").strip():
        return None
    return child.text


def to_bool(value: str | None) -> bool:
    """ModernGov's "True"/"False" (any case, any padding); missing is False."""
    return (value or "").strip().lower() == "true"


def to_int(value: str | None) -> int | None:
    """Counts such as " 3"; None when missing or not a number."""
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def to_iso(value: str | None) -> str | None:
    """dd/mm/yyyy to YYYY-MM-DD; None when missing or not such a date."""
    try:
        return datetime.strptime((value or "").strip(), _DMY).date().isoformat()
    except ValueError:
        return None


# --- documents ---------------------------------------------------------------------


def parse_xml(data: bytes, expect: str, url: str) -> Element:
    """Parse a response and check its root element; namespaces are dropped from tags."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    head = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:15].lower()
    if head[:1] != b"<" or head.startswith((b"<!doctype html", b"<html")):
        raise FetchError(f"{url}: the site did not answer with XML; is this a ModernGov site?")
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException) as e:
        raise FetchError(f"{url}: bad XML from the site: {e}") from e
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.rsplit("}", 1)[1]
    if root.tag.lower() != expect:
        raise FetchError(f"{url}: expected <{expect}> from the ModernGov service, got <{root.tag}>")
    return root


def parse_committees(data: bytes, url: str = "GetCommittees") -> list[Committee]:
    """GetCommittees: every committee, deleted ones included (flagged)."""
    root = parse_xml(data, "committees", url)
    found = []
    for el in root.iter("committee"):
        cid, title = text_of(el, "committeeid"), text_of(el, "committeetitle")
        if cid:
            found.append(Committee(id=cid, title=title or f"Committee {cid}",
                                   deleted=to_bool(text_of(el, "committeedeleted")),
                                   expired=to_bool(text_of(el, "committeeexpired")),
                                   category=text_of(el, "committeecategory")))
    _check_count(to_int(text_of(root, "committeescount")), len(found), "committees", url)
    return found


def parse_meetings(data: bytes, url: str = "GetMeetings") -> list[MeetingStub]:
    """GetMeetings: the meetings of each committee in the response."""
    root = parse_xml(data, "getmeetings", url)
    found = []
    for com in root.iter("committee"):
        cid = text_of(com, "committeeid") or ""
        title = text_of(com, "committeetitle") or f"Committee {cid}"
        for el in com.iter("meeting"):
            mid = text_of(el, "meetingid")
            if mid:
                found.append(MeetingStub(id=mid, committee_id=cid, committee=title,
                                         date=to_iso(text_of(el, "meetingdate")), status=text_of(el, "meetingstatus")))
    _check_count(to_int(text_of(root, "meetingscount")), len(found), "meetings", url)
    return found


def parse_meeting(data: bytes, url: str = "GetMeeting") -> Meeting:
    """GetMeeting: the meeting, its agenda items with minutes, and linked documents."""
    root = parse_xml(data, "meeting", url)
    mid = text_of(root, "meetingid")
    if not mid:
        raise FetchError(f"{url}: the meeting has no <meetingid>")
    items = [_agenda_item(el) for el in root.findall("agendaitems/agendaitem")]
    return Meeting(id=mid, date=to_iso(text_of(root, "meetingdate")), status=text_of(root, "meetingstatus"),
                   minutes_published=to_bool(text_of(root, "minutepublished")), items=items,
                   documents=_linked_docs(root))


def _agenda_item(el: Element) -> AgendaItem:
    restricted = to_bool(text_of(el, "isrestricted")) or text_of(el, "isdisplayallowed") == "False"
    return AgendaItem(id=text_of(el, "agendaitemid"), number=_item_number(el),
                      title=text_of(el, "agendaitemtitle") or "Untitled item",
                      minutes_html=raw_text(el, "minutesnonemptyhtmlbody"), restricted=restricted,
                      documents=_linked_docs(el))


def _item_number(el: Element) -> str:
    """The number people see: "9." displayed → "9"; else the minute number; else the agenda order."""
    shown = (text_of(el, "fulldisplaynumberformat") or "").rstrip(".").strip()
    if shown:
        return shown
    minute = text_of(el, "minutesitemnumber")
    if minute:
        return minute + (text_of(el, "minutesitemsubnumber") or "")
    return (text_of(el, "agendaitemnumber") or "?") + (text_of(el, "agendaitemsubnumber") or "")


def _linked_docs(el: Element) -> list[LinkedDoc]:
    docs = []
    for d in el.findall("linkeddocuments/linkeddoc"):
        url = text_of(d, "url")
        if url:
            docs.append(LinkedDoc(url=url, title=text_of(d, "title") or url.rsplit("/", 1)[-1],
                                  attachment_id=text_of(d, "attachmentid"),
                                  restricted=to_bool(text_of(d, "isrestricted")), is_url=to_bool(text_of(d, "isurl"))))
    return docs


def _check_count(declared: int | None, found: int, what: str, url: str) -> None:
    # Counts are informational, but a positive count with nothing readable means a shape
    # we do not understand: say so rather than report an empty site.
    if declared and not found:
        raise FetchError(f"{url}: the site says {declared} {what} but only {found} could be read")


# --- committee choice --------------------------------------------------------------


def choose_committees(committees: list[Committee], wanted: str | None) -> list[Committee]:
    """The committees to fetch: all live ones, one by id, or one by (part of) its name.

    Raises FetchError naming near matches when a name matches nothing or several.
    """
    live = [c for c in committees if not c.deleted]
    if not wanted:
        return live
    wanted = wanted.strip()
    if wanted.isdigit():
        known = [c for c in committees if c.id == wanted]
        return known or [Committee(id=wanted, title=f"Committee {wanted}")]
    key = wanted.casefold()
    exact = [c for c in live if c.title.casefold() == key]
    partial = [c for c in live if key in c.title.casefold()]
    chosen = exact or partial
    if len(chosen) == 1:
        return chosen
    if chosen:
        names = "; ".join(f"{c.title} ({c.id})" for c in chosen[:10])
        raise FetchError(f"committee {wanted!r} matches {len(chosen)} committees: {names}; give the id or more of the name")
    near = _near_names(key, live)
    hint = f"; near names: {'; '.join(near)}" if near else ""
    raise FetchError(f"no committee matches {wanted!r}{hint}")


def _near_names(key: str, committees: list[Committee]) -> list[str]:
    import difflib

    titles = {c.title.casefold(): f"{c.title} ({c.id})" for c in committees}
    close = difflib.get_close_matches(key, list(titles), n=5, cutoff=0.5)
    words = set(re.findall(r"\w{4,}", key))
    sharing = [t for t in titles if words & set(re.findall(r"\w{4,}", t)) and t not in close]
    return [titles[t] for t in [*close, *sharing][:5]]
