"""ModernGov fetching: the recorded mgWebService.asmx answers, served by a real HTTP server
on 127.0.0.1, fetched and ingested into a temporary home with the real model and Chroma.

The recorded XML (Manchester's Audit Committee) comes from ../shared/corpus/moderngov-xml;
the documents it links to are small PDFs written here, and their URLs are rewritten to
point at the local server. No traffic leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.core import Assistant
from cofnod.errors import IngestError
from cofnod.settings import load_settings
from ingest.meta import SIDECAR, sidecar_meta
from ingest.moderngov import (
    FetchError, choose_committees, meetings_url, parse_committees, parse_meeting, parse_meetings, site_root,
    to_bool, to_int, to_iso,
)
from ingest.moderngov_fetch import MANIFEST, RESTRICTED, clean_html
from ingest.moderngov_http import HTTPStatusError, PoliteClient, RateLimiter

XML_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "moderngov-xml"
RECORDED = ("committees.xml", "meetings.xml", "meeting_with_minutes.xml", "meeting_no_minutes.xml")
MANCHESTER = "https://democracy.manchester.gov.uk"

PDF_TEXT = {
    "60860": "Minutes of the meeting of the Audit Committee held on 25 November 2025. The Committee received "
             "the external auditor's annual report and noted that the accounts were signed without qualification.",
    "60909": "Audit Committee Work Programme February 2026. The Committee will consider the annual governance "
             "statement and the counter fraud strategy at its meeting in March 2026.",
    "70001": "Exempt report on the disposal of the Gorton depot site, not for publication.",
}


def _recorded(name: str) -> bytes:
    path = XML_DIR / name
    if not path.is_file():
        pytest.fail(f"the recorded ModernGov responses are missing: {path} (see shared/corpus/moderngov-xml/SOURCES.md)")
    return path.read_bytes()


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


RESTRICTED_ITEM = """    <agendaitem>
      <agendaitemid>18840</agendaitemid>
      <agendaitemtitle>Disposal of the Gorton depot site</agendaitemtitle>
      <fulldisplaynumberformat>12.</fulldisplaynumberformat>
      <minutesnonemptyhtmlbody>&lt;p&gt;The Committee agreed the confidential sale price of the Gorton depot.&lt;/p&gt;</minutesnonemptyhtmlbody>
      <isrestricted>True</isrestricted>
      <isdisplayallowed>True</isdisplayallowed>
      <linkeddocuments>
        <linkeddoc>
          <attachmentid>70001</attachmentid>
          <title>Gorton depot exempt report</title>
          <isurl>False</isurl>
          <url>https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=70001</url>
          <isrestricted>True</isrestricted>
        </linkeddoc>
      </linkeddocuments>
    </agendaitem>
  </agendaitems>"""


class Site:
    """What the local ModernGov site answers, and what it was asked."""

    def __init__(self):
        self.base = ""
        self.requests: list[tuple[str, dict, str]] = []
        self.fail: dict[str, list[int]] = {}
        """Path → statuses to answer with first (one per request), e.g. {"/x": [503]}."""
        self.drop_after_docs: int | None = None
        """After this many documents served, drop every connection unanswered."""
        self.docs_served = 0
        self.meetings = {"4967": _recorded("meeting_with_minutes.xml"), "4966": _recorded("meeting_no_minutes.xml")}

    def local(self, xml: bytes) -> bytes:
        return xml.replace(MANCHESTER.encode(), self.base.encode())

    def asked(self, path: str) -> list[dict]:
        return [q for p, q, _ in self.requests if p == path]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.requests.append((parts.path, query, parts.query))
        if self.drop_after_docs is not None and self.docs_served >= self.drop_after_docs:
            handler.close_connection = True  # the server went away: no answer at all
            return
        if self.fail.get(parts.path):
            return self._send(handler, self.fail[parts.path].pop(0), b"busy", "text/plain", {"Retry-After": "0"})
        route = {
            "/mgWebService.asmx/GetCommittees": lambda: self.local(_recorded("committees.xml")),
            "/mgWebService.asmx/GetMeetings": lambda: self.local(_recorded("meetings.xml")),
            "/mgWebService.asmx/GetMeeting": lambda: self.local(self.meetings[query["lMeetingId"]]),
            "/notxml/mgWebService.asmx/GetCommittees": lambda: b"<!DOCTYPE html><html><body>Welcome</body></html>",
            "/badxml/mgWebService.asmx/GetCommittees": lambda: b"<?xml version='1.0'?><committees><committee>",
        }.get(parts.path)
        if route:
            return self._send(handler, 200, route(), "text/xml; charset=utf-8")
        if parts.path == "/mgConvert2PDF.aspx" and query.get("ID") in PDF_TEXT:
            self.docs_served += 1
            return self._send(handler, 200, _pdf(PDF_TEXT[query["ID"]]), "application/pdf")
        self._send(handler, 404, b"<html><body>Not found</body></html>", "text/html")

    @staticmethod
    def _send(handler, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(body)


@pytest.fixture
def site(monkeypatch):
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.answer(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def fast(tmp_path, monkeypatch):
    """Settings for a quick, polite-enough fetch: short back-off, two retries."""
    config = tmp_path / "cofnod.toml"
    config.write_text("[moderngov]\nrate = 200\nretries = 2\nbackoff = 0.01\ntimeout = 10\n", encoding="utf-8")
    monkeypatch.setenv("COFNOD_CONFIG", str(config))
    return config


def _fetch(site: Site, tmp_path: Path, *extra):
    args = ["fetch-moderngov", site.base, "--committee", "audit", "--from", "2026-01-01", "--to", "2026-03-31",
            "--into", tmp_path / "papers", "--home", tmp_path / "home", *extra]
    return CliRunner().invoke(main, [str(a) for a in args])


def _manifest(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "papers" / MANIFEST).read_text(encoding="utf-8"))


# --- the whole path ------------------------------------------------------------------


def test_fetch_ingest_and_search_the_minutes(site, fast, tmp_path):
    r = _fetch(site, tmp_path)
    assert r.exit_code == 0, r.output
    assert "meetings: 2 in range, 0 already done, 1 cancelled" in r.stdout
    assert "documents: 2 downloaded, 0 already here, 0 failed" in r.stdout
    assert "minutes items: 2 written" in r.stdout and "ingest: 4 added" in r.stdout

    q = site.asked("/mgWebService.asmx/GetMeetings")[0]
    assert (q["lCommitteeId"], q["sFromDate"], q["sToDate"]) == ("144", "01/01/2026", "31/03/2026")
    raw = [raw for p, _, raw in site.requests if p.endswith("GetMeetings")][0]
    assert "sFromDate=01/01/2026" in raw  # sent as the council's own pages send it
    assert [q["lMeetingId"] for q in site.asked("/mgWebService.asmx/GetMeeting")] == ["4967"]  # 4966 is cancelled

    helper = Assistant(load_settings(env={}, home=str(tmp_path / "home")))
    docs = {d.doc: d for d in helper.documents()}
    helper.close()
    folder = "audit-committee/2026-02-10-m4967"
    assert sorted(docs) == sorted([
        f"{folder}/60860-6-chair-approved-minutes-audit-committee-25-nov-2025.pdf",
        f"{folder}/60909-draft-wp-february-2026.pdf",
        f"{folder}/minutes-item-1-minutes.html",
        f"{folder}/minutes-item-9-work-programme.html",
    ])
    assert all((d.committee, d.date) == ("Audit Committee", "2026-02-10") for d in docs.values())
    item = docs[f"{folder}/minutes-item-9-work-programme.html"]
    assert item.title == "Audit Committee — 10 February 2026 — Item 9: Work Programme"
    assert item.doc_type == "minutes"
    assert docs[f"{folder}/60909-draft-wp-february-2026.pdf"].title == "DRAFT WP FEBRUARY 2026"

    r = CliRunner().invoke(main, ["search", "future work programme for the municipal year", "--committee",
                                  "audit committee", "--home", str(tmp_path / "home"), "--json"])
    top = json.loads(r.stdout)["passages"][0]
    assert top["doc"] == f"{folder}/minutes-item-9-work-programme.html"
    assert "remainder of 2025/26 municipal year" in top["text"]
    assert (top["committee"], top["date"], top["type"]) == ("Audit Committee", "2026-02-10", "minutes")

    r = CliRunner().invoke(main, ["search", "counter fraud strategy", "--home", str(tmp_path / "home"), "--json"])
    assert json.loads(r.stdout)["passages"][0]["doc"] == f"{folder}/60909-draft-wp-february-2026.pdf"


def test_a_second_run_asks_for_nothing_it_has(site, fast, tmp_path):
    assert _fetch(site, tmp_path).exit_code == 0
    site.requests.clear()
    r = _fetch(site, tmp_path)
    assert r.exit_code == 0, r.output
    assert "meetings: 2 in range, 2 already done, 0 cancelled" in r.stdout
    assert "ingest: 0 added, 0 updated, 4 unchanged" in r.stdout
    assert sorted(p for p, _, _ in site.requests) == ["/mgWebService.asmx/GetCommittees", "/mgWebService.asmx/GetMeetings"]


def test_an_interrupted_fetch_goes_on_without_downloading_again(site, fast, tmp_path):
    site.drop_after_docs = 1  # the site goes away after the first document
    r = _fetch(site, tmp_path)
    assert r.exit_code == 1
    assert "no answer after 3 tries" in r.stderr and "run again" in r.stderr
    assert "documents: 1 downloaded" in r.stdout
    manifest = _manifest(tmp_path)
    assert [d["title"] for d in manifest["documents"].values()] == ["6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025"]
    assert manifest["meetings"]["4967"]["done"] is False
    assert not list((tmp_path / "papers").rglob("*.part"))

    site.drop_after_docs = None
    r = _fetch(site, tmp_path)
    assert r.exit_code == 0, r.output
    assert "documents: 1 downloaded, 1 already here, 0 failed" in r.stdout
    served = [q["ID"] for p, q, _ in site.requests if p == "/mgConvert2PDF.aspx"]
    assert served.count("60860") == 1  # fetched once, by the first run
    assert _manifest(tmp_path)["meetings"]["4967"]["done"] is True
    assert "ingest: 1 added, 0 updated, 3 unchanged" in r.stdout  # the first run ingested what it had


def test_a_document_renamed_into_place_but_not_yet_in_the_manifest_is_kept(site, fast, tmp_path):
    assert _fetch(site, tmp_path).exit_code == 0
    manifest = _manifest(tmp_path)
    manifest["documents"] = {}
    manifest["meetings"]["4967"]["done"] = False
    (tmp_path / "papers" / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    site.requests.clear()
    r = _fetch(site, tmp_path)
    assert "documents: 0 downloaded, 2 already here" in r.stdout
    assert not [p for p, _, _ in site.requests if p == "/mgConvert2PDF.aspx"]


def test_a_503_is_retried_then_the_fetch_goes_on(site, fast, tmp_path):
    site.fail = {"/mgWebService.asmx/GetMeeting": [503], "/mgConvert2PDF.aspx": [503, 502]}
    r = _fetch(site, tmp_path)
    assert r.exit_code == 0, r.output
    assert len(site.asked("/mgWebService.asmx/GetMeeting")) == 2
    assert "documents: 2 downloaded, 0 already here, 0 failed" in r.stdout


def test_a_document_that_keeps_failing_is_reported_and_the_rest_go_in(site, fast, tmp_path):
    site.fail = {"/mgConvert2PDF.aspx": [500, 500, 500]}  # the first document's three tries
    r = _fetch(site, tmp_path)
    assert r.exit_code == 1
    assert "documents: 1 downloaded, 0 already here, 1 failed" in r.stdout
    assert "failed: Audit Committee 2026-02-10 item 1: 6 - CHAIR APPROVED" in r.stdout and "HTTP 500" in r.stdout
    assert _manifest(tmp_path)["meetings"]["4967"]["done"] is False  # so the next run tries it again
    r = _fetch(site, tmp_path)
    assert r.exit_code == 0 and "documents: 1 downloaded, 1 already here, 0 failed" in r.stdout


def test_restricted_items_are_listed_but_never_written_or_ingested(site, fast, tmp_path):
    xml = site.meetings["4967"].decode("utf-8").replace("  </agendaitems>", RESTRICTED_ITEM, 1)
    site.meetings["4967"] = xml.encode("utf-8")
    r = _fetch(site, tmp_path)
    assert r.exit_code == 0, r.output
    assert "restricted: 1 skipped" in r.stdout
    assert f"{RESTRICTED}: Audit Committee 2026-02-10 item 12: Disposal of the Gorton depot site" in r.stdout
    assert not [q for p, q, _ in site.requests if q.get("ID") == "70001"]
    record = _manifest(tmp_path)["meetings"]["4967"]
    assert record["restricted"] == [{"item": "12", "title": "Disposal of the Gorton depot site",
                                     "documents": 1, "status": RESTRICTED}]
    files = [p.name for p in (tmp_path / "papers").rglob("*")]
    assert not [f for f in files if "gorton" in f or "70001" in f]
    r = CliRunner().invoke(main, ["search", "confidential sale price Gorton depot", "--home",
                                  str(tmp_path / "home"), "--json"])
    assert not any("Gorton" in p["text"] for p in json.loads(r.stdout)["passages"])


@pytest.mark.parametrize("path, message", [
    ("/notmg", "no ModernGov web service here"),
    ("/notxml", "did not answer with XML"),
    ("/badxml", "bad XML"),
])
def test_not_a_moderngov_site_is_one_clear_line(site, fast, tmp_path, path, message):
    r = CliRunner().invoke(main, ["fetch-moderngov", site.base + path, "--into", str(tmp_path / "p"),
                                  "--home", str(tmp_path / "home")])
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len([ln for ln in lines if ln.startswith("cofnod: error:")]) == 1 and message in r.stderr
    assert "Traceback" not in r.output


def test_a_committee_name_matching_nothing_lists_near_names(site, fast, tmp_path):
    r = _fetch(site, tmp_path, "--committee", "Audit Commitee Panel")
    assert r.exit_code == 1
    assert "no committee matches 'Audit Commitee Panel'; near names: Audit Committee (144)" in r.stderr


def test_unreachable_site_fails_after_retries(fast, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = CliRunner().invoke(main, ["fetch-moderngov", f"http://127.0.0.1:{port}", "--into", str(tmp_path / "p"),
                                  "--home", str(tmp_path / "home")])
    assert r.exit_code == 1 and "no answer after 3 tries" in r.stderr


# --- XML parsing on the recorded responses -------------------------------------------


def test_committees_parse():
    committees = parse_committees(_recorded("committees.xml"))
    assert [(c.id, c.title, c.expired, c.deleted) for c in committees] == [
        ("312", "Appointment Sub Committee for Director of Adult Social Services", True, False),
        ("163", "Art Galleries Committee", False, False),
        ("144", "Audit Committee", False, False),
    ]


def test_meetings_parse_with_iso_dates():
    stubs = parse_meetings(_recorded("meetings.xml"))
    assert [(m.id, m.committee_id, m.committee, m.date, m.status) for m in stubs] == [
        ("4966", "144", "Audit Committee", "2026-01-13", "Cancelled"),
        ("4967", "144", "Audit Committee", "2026-02-10", "Confirmed"),
    ]


def test_meeting_with_minutes_parses():
    m = parse_meeting(_recorded("meeting_with_minutes.xml"))
    assert (m.id, m.date, m.status, m.minutes_published) == ("4967", "2026-02-10", "Confirmed", True)
    assert [(i.id, i.number, i.title, i.restricted) for i in m.items] == [
        ("18831", "1", "Minutes", False), ("18833", "9", "Work Programme", False)]
    assert "25 November 2025 as a correct record" in m.items[0].minutes_html
    doc = m.items[1].documents[0]
    assert (doc.attachment_id, doc.title, doc.restricted, doc.is_url) == ("60909", "DRAFT WP FEBRUARY 2026", False, False)
    assert doc.url == "https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60909"
    assert [d.attachment_id for _, d in m.all_documents()] == ["60860", "60909"]


def test_cancelled_meeting_without_items_parses():
    m = parse_meeting(_recorded("meeting_no_minutes.xml"))
    assert (m.id, m.status, m.minutes_published, m.items, m.documents) == ("4966", "Cancelled", False, [], [])


def test_one_meeting_alone_parses_like_a_list_of_one():
    xml = _recorded("meetings.xml").decode()
    start, end = xml.index("      <meeting>"), xml.index("      </meeting>") + len("      </meeting>\n")
    alone = (xml[:start] + xml[end:]).replace("<meetingscount> 2", "<meetingscount> 1").encode()
    assert [m.id for m in parse_meetings(alone)] == ["4967"]
    one_doc = parse_meeting(_recorded("meeting_with_minutes.xml"))
    assert all(len(i.documents) == 1 for i in one_doc.items)


@pytest.mark.parametrize("text, value", [(" 3", 3), ("3", 3), (" ", None), (None, None), ("x", None)])
def test_counts_with_a_leading_space(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize("text, value", [("True", True), ("False", False), (" true\n", True), (None, False), ("", False)])
def test_booleans_are_strings(text, value):
    assert to_bool(text) is value


@pytest.mark.parametrize("text, value", [("10/02/2026", "2026-02-10"), ("2026-02-10", None), ("31/02/2026", None), (None, None)])
def test_dates_are_day_month_year(text, value):
    assert to_iso(text) == value


def test_the_meetings_url_sends_day_month_year():
    url = meetings_url("https://x.gov.uk", "144", date(2026, 1, 5), date(2026, 3, 31))
    assert url == "https://x.gov.uk/mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=05/01/2026&sToDate=31/03/2026"


@pytest.mark.parametrize("url, root", [
    ("https://democracy.manchester.gov.uk/", "https://democracy.manchester.gov.uk"),
    ("https://democracy.manchester.gov.uk/mgWebService.asmx", "https://democracy.manchester.gov.uk"),
    ("https://democracy.manchester.gov.uk/mgWebService.asmx/GetCommittees", "https://democracy.manchester.gov.uk"),
    ("https://council.example.gov.uk/moderngov/mgCommitteeStructure.aspx?bcr=1", "https://council.example.gov.uk/moderngov"),
])
def test_site_root(url, root):
    assert site_root(url) == root


def test_a_url_that_is_not_http_is_refused():
    with pytest.raises(FetchError, match="not an http"):
        site_root("democracy.manchester.gov.uk")


@pytest.mark.parametrize("wanted, ids", [(None, ["312", "163", "144"]), ("144", ["144"]), ("audit", ["144"]),
                                         ("ART GALLERIES COMMITTEE", ["163"]), ("999", ["999"])])
def test_choose_committees(wanted, ids):
    assert [c.id for c in choose_committees(parse_committees(_recorded("committees.xml")), wanted)] == ids


def test_a_name_matching_several_committees_asks_for_more():
    with pytest.raises(FetchError, match=r"matches 3 committees"):
        choose_committees(parse_committees(_recorded("committees.xml")), "committee")


@pytest.mark.parametrize("name", RECORDED)
def test_a_wrong_root_element_is_refused(name):
    with pytest.raises(FetchError, match=r"expected <\w+> from the ModernGov service"):
        parse_committees(_recorded(name)) if name != "committees.xml" else parse_meetings(_recorded(name))


# --- the client, the page writer, the sidecar ------------------------------------------


def test_the_rate_limiter_spaces_requests():
    now, slept = [0.0], []

    def sleep(s):
        slept.append(round(s, 6))
        now[0] += s

    limiter = RateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        limiter.wait()
    assert slept == [0.5, 0.5]
    now[0] += 10
    limiter.wait()
    assert slept == [0.5, 0.5]


def test_retries_back_off_then_give_up_with_the_status(site):
    site.fail = {"/mgWebService.asmx/GetCommittees": [503, 503, 503]}
    waits = []
    client = PoliteClient(rate=1000, retries=2, backoff=0.5, sleep=waits.append)
    with pytest.raises(HTTPStatusError, match="HTTP 503") as e:
        client.get(site.base + "/mgWebService.asmx/GetCommittees")
    assert e.value.status == 503 and client.requests == 3
    assert [w for w in waits if w >= 0.01] == []  # Retry-After: 0 from the server wins over the back-off


def test_a_404_is_not_retried(site):
    client = PoliteClient(rate=1000, retries=3, backoff=0.01)
    with pytest.raises(HTTPStatusError, match="HTTP 404"):
        client.get(site.base + "/nothing-here")
    assert client.requests == 1


def test_the_user_agent_is_cofnod(site):
    seen = []
    original = site.answer
    site.answer = lambda h: (seen.append(h.headers.get("User-Agent")), original(h))
    PoliteClient(rate=1000).get(site.base + "/mgWebService.asmx/GetCommittees")
    assert seen == ["Cofnod/0.1"]


def test_minutes_html_loses_scripts_images_and_attributes():
    out = clean_html('<div class="W"><p onclick="x()">Noted.</p><script>alert(1)</script><img src=x onerror=y>'
                     '<!-- c --><a href="javascript:z">link</a></div>')
    assert out == "<div><p>Noted.</p><a>link</a></div>"


def test_the_sidecar_gives_committee_and_date(tmp_path):
    (tmp_path / SIDECAR).write_text(json.dumps({"files": {"a.pdf": {
        "committee": "Audit Committee", "date": "2026-02-10", "title": "A", "doc_type": "nonsense", "item": "9"}}}))
    assert sidecar_meta(tmp_path / "a.pdf") == {"committee": "Audit Committee", "date": "2026-02-10", "title": "A"}
    assert sidecar_meta(tmp_path / "b.pdf") == {}


def test_a_sidecar_is_read_once_for_its_folder_and_again_when_it_changes(tmp_path, monkeypatch):
    side = tmp_path / SIDECAR
    side.write_text(json.dumps({"files": {f"{n}.pdf": {"committee": "Cabinet"} for n in range(50)}}))
    reads = []
    real = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self.name) or real(self, *a, **k))
    assert all(sidecar_meta(tmp_path / f"{n}.pdf") == {"committee": "Cabinet"} for n in range(50))
    assert reads.count(SIDECAR) == 1
    side.write_text(json.dumps({"files": {"0.pdf": {"committee": "Scrutiny Committee"}}}))
    assert sidecar_meta(tmp_path / "0.pdf") == {"committee": "Scrutiny Committee"}
    assert reads.count(SIDECAR) == 2


def test_a_folder_named_like_a_sidecar_is_no_sidecar(tmp_path):
    (tmp_path / SIDECAR).mkdir()
    assert sidecar_meta(tmp_path / "a.pdf") == {}


@pytest.mark.parametrize("text", ["{not json", '["a list"]', '{"files": ["a.pdf"]}', '{"files": {"a.pdf": "Cabinet"}}'])
def test_a_broken_sidecar_is_named_with_its_problem(tmp_path, text):
    (tmp_path / SIDECAR).write_text(text)
    with pytest.raises(IngestError, match=rf"unreadable metadata sidecar .*{SIDECAR}"):
        sidecar_meta(tmp_path / "a.pdf")
