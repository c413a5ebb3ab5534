"""The real app in a real headless Chromium, over the sample papers.

Needs Debian's Chromium at /usr/bin/chromium and the playwright Python package; CI installs
both, so their absence is a failure, not a skip. Screenshots go to artifacts/.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import sample_corpus

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HUBS_Q = "What did Cabinet decide about the future of the Family Hubs?"
EMAIL_Q = "What did the email from the former foster carer say about the young man living in a hostel?"
PDF_Q = "What did the inspectors find about children cared for in unregistered placements?"
WAIT_MS = 90_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The sample papers, with the PDF built from make_samples.py, under a corpus root."""
    return sample_corpus(tmp_path_factory.mktemp("samples"))


def _serve(app):
    """Run an ASGI app with uvicorn in a thread on a free loopback port; returns (url, stop)."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            pytest.fail("the Cofnod app did not start within 60 s")
        time.sleep(0.1)

    def stop():
        server.should_exit = True
        thread.join(timeout=30)

    return f"http://127.0.0.1:{port}", stop


@pytest.fixture(scope="module")
def served(corpus, tmp_path_factory):
    """An Assistant over a fresh home with the sample papers ingested."""
    from assistant.core import Assistant
    from cofnod.settings import load_settings

    settings = load_settings(env={}, home=str(tmp_path_factory.mktemp("home")))
    assistant = Assistant(settings)
    results = assistant.ingest([corpus / "papers"], root=corpus)
    assert [r.status for r in results] == ["added"] * 5, results
    yield assistant, settings
    assistant.close()


@pytest.fixture(scope="module")
def base_url(served):
    """The app, without login."""
    from ui.app import create_server

    url, stop = _serve(create_server(*served))
    yield url
    stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: install it (apt-get install -y chromium) to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright Python package is not installed: pip install playwright (no browser download)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.goto(base_url)
    pg.get_by_label("Your question").wait_for()
    yield pg
    context.close()
    assert dialogs == [], f"paper text ran as script: {dialogs}"


def ask(page, question: str, turn: int = 0):
    """Ask and wait until the answer has finished streaming (its sources are listed last)."""
    page.get_by_label("Your question").fill(question)
    page.keyboard.press("Enter")
    page.locator(f'#sources input[value^="{turn}:"]').first.wait_for(state="attached", timeout=WAIT_MS)


def open_citation(page, n: int, turn: int = 0):
    page.locator(f'#chat a[href="#cite-{turn}-{n}"]').first.click()
    page.locator(f'#source-panel section[aria-label="Source {n}"]').wait_for(timeout=WAIT_MS)


def test_ask_click_citation_and_see_the_paragraph(page, base_url):
    ask(page, HUBS_Q)
    answer = page.locator("#chat .message.bot").last
    assert "hub and spoke model" in answer.inner_text()
    page.screenshot(path=str(ARTIFACTS / "ui-answer.png"), full_page=True)

    numbers = sorted({int(h.rsplit("-", 1)[1]) for h in
                      page.locator('#chat a[href^="#cite-0-"]').evaluate_all("els => els.map(e => e.getAttribute('href'))")})
    assert numbers == list(range(1, len(numbers) + 1))
    cited_texts = []
    for n in numbers:
        open_citation(page, n)
        cited_texts.append(page.locator("#source-panel .cofnod-cited").inner_text())
        assert page.locator("#source-panel .cofnod-para").count() >= 2  # with its neighbours
    assert any("RESOLVED that: (i) the hub and spoke model for Family Hubs be approved" in t for t in cited_texts)
    panel = page.locator("#source-panel").inner_text()
    for text in ("Cabinet", "2025-06-17", "Meeting date", "Paragraph"):
        assert text in panel
    href = page.locator("#source-panel a.cofnod-open").get_attribute("href")
    assert href == "/paper/papers/cabinet-minutes-2025-06-17.md"
    assert page.request.get(base_url + href).status == 200
    page.screenshot(path=str(ARTIFACTS / "ui-source-panel.png"), full_page=True)

    # a follow-up uses the conversation; its citations are numbered for the second turn
    ask(page, "And how much money was agreed for it?", turn=1)
    assert page.locator('#chat a[href^="#cite-1-"]').count() >= 1
    assert "410,000" in page.locator("#chat .message.bot").last.inner_text()

    # keyboard: a citation link takes focus and Enter opens it
    page.locator('#chat a[href="#cite-1-1"]').first.focus()
    page.keyboard.press("Enter")
    page.locator('#source-panel section[aria-label="Source 1"]').wait_for(timeout=WAIT_MS)

    page.locator("#export").click()
    link = page.locator("#export-file a").first
    link.wait_for(timeout=WAIT_MS)
    with page.expect_download() as download:
        link.click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "## Question 2" in exported and "### Sources" in exported and "- [1] Cabinet" in exported
    (ARTIFACTS / "ui-export.md").write_text(exported, encoding="utf-8")


def test_filter_and_pdf_citation_opens_the_page(page, base_url):
    page.get_by_text("Filters: narrow the papers searched").click()
    page.locator("#filter-type input").click()
    page.get_by_role("option", name="inspection report").click()
    page.get_by_label("Meetings from (YYYY-MM-DD)").fill("2025-01-01")
    ask(page, PDF_Q)
    assert all("Care Inspectorate" in t or "CIW" in t or "inspection" in t.lower()
               for t in page.locator("#sources label").all_inner_texts())
    open_citation(page, 1)
    link = page.locator("#source-panel a.cofnod-open")
    href = link.get_attribute("href")
    assert href.startswith("/paper/papers/ciw-inspection-childrens-services-2025.pdf#page=")
    assert "Open the original at page" in link.inner_text()
    r = page.request.get(base_url + href.split("#")[0])
    assert r.status == 200 and r.headers["content-type"] == "application/pdf"
    page.locator("#sources").get_by_text("[1]").click()  # the same source through the keyboard-friendly list
    page.screenshot(path=str(ARTIFACTS / "ui-pdf-source.png"), full_page=True)


def test_bad_date_is_refused_with_a_message(page):
    page.get_by_text("Filters: narrow the papers searched").click()
    page.get_by_label("Meetings to (YYYY-MM-DD)").fill("31/12/2025")
    page.get_by_label("Your question").fill(HUBS_Q)
    page.get_by_role("button", name="Ask", exact=True).click()
    page.get_by_text("Meetings to: '31/12/2025' is not a date; use YYYY-MM-DD").first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(800)  # let the message finish sliding in before the picture
    page.screenshot(path=str(ARTIFACTS / "ui-bad-date.png"))
    assert page.locator("#chat .message").count() == 0
    assert page.get_by_label("Your question").input_value() == HUBS_Q  # kept, to correct and ask again


def test_paper_markup_is_shown_as_text(page):
    ask(page, EMAIL_Q)
    answer = page.locator("#chat .message.bot").last
    text = answer.inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    open_citation(page, 1)
    panel = page.locator("#source-panel")
    assert "<script>alert(1)</script>" in panel.inner_text()
    assert "![x](http://example.invalid/x.png)" in panel.inner_text()
    for where in ("#chat", "#source-panel"):
        assert page.locator(f"{where} script, {where} img").count() == 0
        assert page.locator(f'{where} a[href*="example.invalid"]').count() == 0
    assert page.locator('img[src="x"], img[src*="example.invalid"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "ui-markup-as-text.png"), full_page=True)


def test_upload_papers_and_see_them_listed(page, tmp_path):
    paper = tmp_path / "planning-committee-2025-03-03.txt"
    paper.write_text("Planning Committee, 3 March 2025.\n\nThe Committee approved the application for a new "
                     "library in Trefelin, subject to conditions on parking and opening hours.\n", encoding="utf-8")
    hostile = tmp_path / "licensing-2025-02-11.md"
    hostile.write_text("# Licensing <img src=x onerror=alert(2)> minutes\n\nThe Licensing Committee granted "
                       "the premises licence for the Trefelin community hall with conditions on noise.\n",
                       encoding="utf-8")
    page.get_by_role("tab", name="Upload").click()
    page.locator("#upload-files input[type=file]").set_input_files([str(paper), str(hostile)])
    page.locator("#upload-files").get_by_text(hostile.stem).wait_for(timeout=WAIT_MS)
    page.locator("#upload").click()
    page.locator("#upload-summary").get_by_text("2 of 2 file(s) are in the index.").wait_for(timeout=WAIT_MS)
    results = page.locator("#upload-results").inner_text()
    assert f"uploads/{paper.name}" in results and results.count("added") == 2
    page.screenshot(path=str(ARTIFACTS / "ui-upload.png"), full_page=True)
    page.get_by_role("tab", name="Papers").click()
    papers = page.locator("#papers")
    papers.get_by_text(f"uploads/{paper.name}").wait_for(timeout=WAIT_MS)
    assert "Cabinet" in papers.inner_text() and "<img src=x onerror=alert(2)>" in papers.inner_text()
    assert page.locator("img[src=x]").count() == 0
    page.screenshot(path=str(ARTIFACTS / "ui-papers.png"), full_page=True)


def test_narrow_screen(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto(base_url)
    ask(pg, HUBS_Q)
    open_citation(pg, 1)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page scrolls sideways on a phone: {width}px"
    pg.screenshot(path=str(ARTIFACTS / "ui-narrow.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("path", [
    "/paper/../../etc/passwd", "/paper/..%2F..%2Fetc%2Fpasswd", "/paper/papers/../../../etc/passwd",
    "/paper/catalog.sqlite", "/paper/papers/not-indexed.pdf", "/file=/etc/passwd", "/gradio_api/file=/etc/passwd",
])
def test_no_other_path_is_reachable(base_url, path):
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", path)  # sent as written: http.client does not remove dot segments
    status = conn.getresponse().status
    conn.close()
    assert status in (403, 404), f"{path} -> {status}"


def test_login_when_users_are_set(browser, served):
    from ui.app import create_server

    url, stop = _serve(create_server(*served, auth=[("clerk", "s3cret")]))
    context = browser.new_context()
    try:
        pg = context.new_page()
        assert pg.request.get(url + "/paper/papers/cabinet-minutes-2025-06-17.md").status == 401
        pg.goto(url)
        pg.get_by_label("username").fill("clerk")
        pg.get_by_label("password").fill("wrong")
        pg.keyboard.press("Enter")
        pg.get_by_text("Incorrect Credentials").wait_for(timeout=WAIT_MS)
        pg.get_by_label("username").fill("clerk")  # Gradio empties both fields after a refusal
        pg.get_by_label("password").fill("s3cret")
        pg.keyboard.press("Enter")
        pg.get_by_label("Your question").wait_for(timeout=WAIT_MS)
        assert pg.request.get(url + "/paper/papers/cabinet-minutes-2025-06-17.md").status == 200
        pg.screenshot(path=str(ARTIFACTS / "ui-logged-in.png"))
    finally:
        context.close()
        stop()
