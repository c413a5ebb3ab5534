"""Fetch a ModernGov site's meetings into a folder: documents, and each item's minutes as a page.

    report = fetch_site("https://democracy.example.gov.uk", into, settings.moderngov, committee="Cabinet")

Layout under `into`: <committee-slug>/<YYYY-MM-DD>-m<meeting id>/ holds the meeting's
downloaded documents (<attachment id>-<title-slug>.pdf) and one HTML page per agenda
item with published minutes (minutes-item-<n>-<title-slug>.html), plus a hidden sidecar
(ingest.meta.SIDECAR) giving each file's committee, meeting date and title. A hidden
manifest at the top (MANIFEST) records every document fetched and every meeting finished,
so an interrupted fetch picks up where it stopped and never downloads a file twice.

Restricted (exempt) items and documents are never written or downloaded: the manifest
lists them under the meeting's "restricted" with status "restricted: skipped".
"""

from __future__ import annotations

import hashlib
import html
import json
import mimetypes
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from cofnod.settings import ModernGovSettings
from ingest.meta import SIDECAR
from ingest.moderngov import (
    AgendaItem, FetchError, LinkedDoc, Meeting, MeetingStub, choose_committees, committees_url, meeting_url,
    meetings_url, parse_committees, parse_meeting, parse_meetings, site_root,
)
from ingest.moderngov_http import HTTPStatusError, PoliteClient

MANIFEST = ".cofnod-moderngov.json"
RESTRICTED = "restricted: skipped"
_TYPES = {"application/pdf": ".pdf", "application/msword": ".doc", "text/plain": ".txt", "text/markdown": ".md",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
          "application/vnd.ms-excel": ".xls", "application/rtf": ".rtf"}
_DROP_TAGS = ("script", "style", "iframe", "object", "embed", "form", "input", "button", "link", "meta",
              "img", "svg", "noscript", "template", "head", "title", "base")

Progress = Callable[[str, int, int], None]
"""Called as progress(label, done, total): once with done=0 when the meetings are known, then after each."""


@dataclass
class FetchReport:
    """What a fetch did; `error` is set when it stopped early (what was fetched stays)."""

    site: str
    into: Path
    meetings: int = 0
    """Meetings in the date range."""
    meetings_done_before: int = 0
    """Finished by an earlier run, not asked for again."""
    cancelled: int = 0
    downloaded: int = 0
    already_here: int = 0
    failed: list[str] = field(default_factory=list)
    """One line per document that could not be fetched."""
    items_written: int = 0
    items_unchanged: int = 0
    restricted: list[str] = field(default_factory=list)
    """One line per restricted item or document skipped."""
    links_skipped: int = 0
    """Linked web pages (not documents), not followed."""
    requests: int = 0
    error: str | None = None

    def lines(self) -> list[str]:
        """The summary printed at the end of a fetch."""
        return [
            f"meetings: {self.meetings} in range, {self.meetings_done_before} already done, {self.cancelled} cancelled",
            f"documents: {self.downloaded} downloaded, {self.already_here} already here, {len(self.failed)} failed"
            + (f", {self.links_skipped} web links not followed" if self.links_skipped else ""),
            f"minutes items: {self.items_written} written, {self.items_unchanged} unchanged",
            f"restricted: {len(self.restricted)} skipped (not written, not ingested)",
            *(f"  failed: {f}" for f in self.failed),
            *(f"  {RESTRICTED}: {r}" for r in self.restricted),
        ]


class Manifest:
    """The fetch's memory, saved atomically after every document and every meeting."""

    def __init__(self, into: Path, site: str):
        self.path = into / MANIFEST
        self.data = {"version": 1, "site": site, "meetings": {}, "documents": {}}
        if self.path.exists():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise FetchError(f"{self.path}: unreadable fetch manifest ({e}); move it away to start afresh") from e
            if loaded.get("site") not in (None, site):
                raise FetchError(f"{into} holds papers fetched from {loaded['site']}; use another --into folder")
            self.data.update(loaded)

    @property
    def meetings(self) -> dict:
        return self.data["meetings"]

    @property
    def documents(self) -> dict:
        return self.data["documents"]

    def save(self) -> None:
        write_json(self.path, self.data)


def write_json(path: Path, data: dict) -> None:
    """Write JSON through a temporary file, so a crash leaves the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe lower-case form of a title."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-") or "untitled"


def date_window(date_from: date | None, date_to: date | None, days: int) -> tuple[date, date]:
    """The meetings' date range: --to defaults to today, --from to `days` before it."""
    end = date_to or date.today()
    start = date_from or end - timedelta(days=days)
    if start > end:
        raise FetchError(f"--from {start} is after --to {end}")
    return start, end


def fetch_site(url: str, into: Path, settings: ModernGovSettings, committee: str | None = None,
               date_from: date | None = None, date_to: date | None = None,
               progress: Progress | None = None, client: PoliteClient | None = None) -> FetchReport:
    """Fetch the site's meetings in the date range into `into`; see the module docstring.

    Raises FetchError for what stops a fetch before it starts (not ModernGov, no such
    committee); a failure part-way is returned in `report.error`, with everything
    fetched until then kept and recorded.
    """
    root = site_root(url)
    start, end = date_window(date_from, date_to, settings.days)
    client = client or PoliteClient(settings.rate, settings.retries, settings.backoff, settings.timeout)
    into.mkdir(parents=True, exist_ok=True)
    run = _Run(root, into, client, Manifest(into, root), FetchReport(root, into))
    stubs = run.list_meetings(committee, start, end)
    run.report.meetings = len(stubs)
    if progress:
        progress("meetings", 0, len(stubs))
    try:
        for n, stub in enumerate(stubs, start=1):
            run.meeting(stub)
            if progress:
                progress(f"{stub.date} {stub.committee}", n, len(stubs))
    except FetchError as e:
        run.report.error = str(e)
    finally:
        run.manifest.save()
        run.report.requests = client.requests
    return run.report


class _Run:
    """One fetch: the client, the manifest and the running totals."""

    def __init__(self, root: str, into: Path, client: PoliteClient, manifest: Manifest, report: FetchReport):
        self.root, self.into, self.client, self.manifest, self.report = root, into, client, manifest, report

    def list_meetings(self, wanted: str | None, start: date, end: date) -> list[MeetingStub]:
        url = committees_url(self.root)
        try:
            committees = parse_committees(self.client.get(url), url)
        except HTTPStatusError as e:
            raise FetchError(f"{self.root}: no ModernGov web service here ({e})") from e
        stubs: dict[str, MeetingStub] = {}
        for com in choose_committees(committees, wanted):
            url = meetings_url(self.root, com.id, start, end)
            for stub in parse_meetings(self.client.get(url), url):
                # The dates are checked again here: a site that ignored them sends everything.
                if stub.date is None or start.isoformat() <= stub.date <= end.isoformat():
                    stubs.setdefault(stub.id, stub)
        return sorted(stubs.values(), key=lambda s: (s.date or "", s.committee, s.id))

    def meeting(self, stub: MeetingStub) -> None:
        known = self.manifest.meetings.get(stub.id, {})
        if known.get("done"):
            self.report.meetings_done_before += 1
            return
        if (stub.status or "").lower() == "cancelled":
            self.report.cancelled += 1
            self._record(stub, None, {"status": stub.status, "done": True})
            return
        url = meeting_url(self.root, stub.id)
        meeting = parse_meeting(self.client.get(url), url)
        folder = self.into / slug(stub.committee) / f"{meeting.date or stub.date or 'undated'}-m{stub.id}"
        record = self._record(stub, meeting, {"status": meeting.status, "folder": _rel(folder, self.into),
                                              "items": [], "documents": [], "restricted": [], "done": False})
        failures = len(self.report.failed)
        for item in meeting.items:
            self._item(stub, meeting, item, folder, record)
        for item, doc in meeting.all_documents():
            if item is None or not item.restricted:
                self._document(stub, meeting, item, doc, folder, record)
        record["done"] = meeting.minutes_published and len(self.report.failed) == failures
        self.manifest.save()

    def _record(self, stub: MeetingStub, meeting: Meeting | None, fields: dict) -> dict:
        """The meeting's entry in the manifest (replacing an unfinished one from an earlier run)."""
        record = {"committee": stub.committee, "committee_id": stub.committee_id,
                  "date": (meeting and meeting.date) or stub.date, **fields}
        self.manifest.meetings[stub.id] = record
        return record

    def _item(self, stub: MeetingStub, meeting: Meeting, item: AgendaItem, folder: Path, record: dict) -> None:
        when = meeting.date or stub.date
        if item.restricted:
            record["restricted"].append({"item": item.number, "title": item.title,
                                         "documents": len(item.documents), "status": RESTRICTED})
            self.report.restricted.append(f"{stub.committee} {when} item {item.number}: {item.title}")
            return
        if not item.minutes_html:
            return
        name = f"minutes-item-{slug(item.number, 10)}-{slug(item.title, 50)}.html"
        title = f"{stub.committee} — {_long_date(when)} — Item {item.number}: {item.title}"
        page = minutes_page(title, item.minutes_html).encode("utf-8")
        path = folder / name
        folder.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_bytes() == page:
            self.report.items_unchanged += 1
        else:
            path.write_bytes(page)
            self.report.items_written += 1
        _sidecar(folder, name, {"title": title, "committee": stub.committee, "date": when, "doc_type": "minutes",
                                "item": item.number, "restricted": False})
        record["items"].append({"item": item.number, "title": item.title, "file": _rel(path, self.into)})

    def _document(self, stub: MeetingStub, meeting: Meeting, item: AgendaItem | None, doc: LinkedDoc,
                  folder: Path, record: dict) -> None:
        where = f"{stub.committee} {meeting.date or stub.date}" + (f" item {item.number}" if item else "")
        if doc.restricted:
            record["restricted"].append({"item": item.number if item else None, "document": doc.title,
                                         "status": RESTRICTED})
            self.report.restricted.append(f"{where}: document {doc.title}")
            return
        if doc.is_url:
            self.report.links_skipped += 1
            return
        folder.mkdir(parents=True, exist_ok=True)
        path = self._present(doc, folder) or self._download(doc, folder, where)
        if path is None:
            return
        _sidecar(folder, path.name, {"title": doc.title, "committee": stub.committee,
                                     "date": meeting.date or stub.date, "restricted": False})
        record["documents"].append(_rel(path, self.into))

    def _present(self, doc: LinkedDoc, folder: Path) -> Path | None:
        """The file from an earlier run, if it is there whole (manifest size, or renamed into place)."""
        known = self.manifest.documents.get(doc.url)
        if known:
            path = self.into / known["file"]
            if path.is_file() and path.stat().st_size == known["size"]:
                self.report.already_here += 1
                return path
        stem = _stem(doc)
        # A download is renamed into place only when complete, so a file with our stem is whole.
        for path in sorted(folder.glob(f"{stem}.*")):
            if not path.name.startswith("."):
                self._remember(doc, path)
                self.report.already_here += 1
                return path
        return None

    def _download(self, doc: LinkedDoc, folder: Path, where: str) -> Path | None:
        stem = _stem(doc)
        try:
            got = self.client.download(doc.url, folder / f".{stem}.part")
        except HTTPStatusError as e:
            self.report.failed.append(f"{where}: {doc.title}: {e}")
            return None
        if got.content_type == "text/html":
            got.path.unlink()
            self.report.failed.append(f"{where}: {doc.title}: {doc.url}: the site sent a web page, not a document")
            return None
        path = folder / f"{stem}{_extension(got.content_type, got.filename, doc.url)}"
        os.replace(got.path, path)
        self._remember(doc, path)
        self.report.downloaded += 1
        return path

    def _remember(self, doc: LinkedDoc, path: Path) -> None:
        self.manifest.documents[doc.url] = {"file": _rel(path, self.into), "size": path.stat().st_size,
                                            "title": doc.title}
        self.manifest.save()


def minutes_page(title: str, minutes_html: str) -> str:
    """One agenda item's minutes as a page in ModernGov's shape: title, "Minutes:", the minutes."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<h2>Minutes:</h2>\n"
        f'<div class="mgAiMinutes">\n{clean_html(minutes_html)}\n</div>\n</body>\n</html>\n'
    )


def clean_html(fragment: str) -> str:
    """The council's minutes HTML with scripts, embeds, images and every attribute removed."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(True):
        tag.attrs = {}
    return str(soup).strip()


def ingestable_files(into: Path) -> list[Path]:
    """Every file under `into` that Cofnod can read (hidden files such as the manifest left out)."""
    from assistant.library import collect_files
    from ingest.registry import SUPPORTED_SUFFIXES

    return [p for p in collect_files([into]) if p.suffix.lower() in SUPPORTED_SUFFIXES]


def unreadable_files(into: Path) -> list[Path]:
    """Downloaded files of types Cofnod cannot read (kept, not ingested)."""
    from assistant.library import collect_files
    from ingest.registry import SUPPORTED_SUFFIXES

    return [p for p in collect_files([into]) if p.suffix.lower() not in SUPPORTED_SUFFIXES]


def _sidecar(folder: Path, name: str, meta: dict) -> None:
    path = folder / SIDECAR
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"files": {}}
    if data["files"].get(name) != meta:
        data["files"][name] = meta
        write_json(path, data)


def _stem(doc: LinkedDoc) -> str:
    ident = doc.attachment_id or hashlib.sha256(doc.url.encode()).hexdigest()[:12]
    return f"{slug(ident, 20)}-{slug(doc.title, 80)}"


def _extension(content_type: str, filename: str | None, url: str) -> str:
    for name in (filename, url.split("?", 1)[0]):
        suffix = Path(name or "").suffix.lower()
        if suffix and suffix not in (".aspx", ".asp", ".ashx", ".php") and len(suffix) <= 6:
            return suffix
    return _TYPES.get(content_type) or mimetypes.guess_extension(content_type) or ".bin"


def _long_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    d = date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def _rel(path: Path, into: Path) -> str:
    return path.relative_to(into).as_posix()
