"""The UI's callbacks and renderers, called from Python over a real index (no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

gr = pytest.importorskip("gradio")

from assistant.core import Assistant  # noqa: E402
from cofnod.errors import CofnodError  # noqa: E402
from cofnod.settings import load_settings  # noqa: E402
from cofnod.types import Answer, Citation  # noqa: E402
from tests.conftest import make_passages  # noqa: E402
from ui import render  # noqa: E402
from ui.app import load_users  # noqa: E402
from ui.callbacks import Chat, chat_messages, parse_filters, turn_record  # noqa: E402

HOSTILE = ("A resident wrote <script>alert(1)</script> and <img src=x onerror=alert(1)> "
           "and ![x](http://evil.example/x.png) and [click](javascript:alert(1)) see www.evil.example")
HUBS = [
    "The Cabinet Member introduced the report on the three Family Hubs and the travel times families face.",
    "RESOLVED that the hub and spoke model for Family Hubs be approved, to start on 1 October 2025.",
    "The Cabinet noted the school transport report and deferred the decision to 15 July 2025.",
]
NO_PROGRESS = lambda *a, **k: None  # noqa: E731  (gr.Progress only reports inside a running event)


def no_markup(md: str) -> bool:
    """True if Markdown text has no raw tag, image or link syntax outside escapes."""
    unescaped = re.sub(r"\\.", "", md)
    return "<" not in unescaped and "](" not in unescaped and "![" not in unescaped


@pytest.fixture(scope="module")
def chat(tmp_path_factory):
    home = tmp_path_factory.mktemp("ui-home")
    settings = load_settings(env={}, home=str(home), ingest__max_file_mb=0.01)
    a = Assistant(settings)
    src = home.parent / "cabinet.md"
    src.write_text("\n\n".join(HUBS + [HOSTILE]), encoding="utf-8")
    a.index.upsert(*make_passages("papers/cabinet.md", HUBS + [HOSTILE], committee="Cabinet", date="2025-06-17",
                                  title="Cabinet <b>minutes</b>"), "sha-c", str(src))
    a.index.refresh_keyword()
    yield Chat(a, settings)
    a.close()


def _answer(chat: Chat, idx: int, text: str) -> Answer:
    p = chat.assistant.index.passages([f"papers/cabinet.md#{idx}"])[f"papers/cabinet.md#{idx}"]
    return Answer(f"{text} [1]", False, [Citation(1, p)], [], [(text, [1])], "q")


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "![x](http://e.example/x.png)",
    "[link](javascript:alert(1))", "**bold** _it_ `code`", "- a list item", "1. numbered", "# heading",
    "https://e.example/x and www.e.example and a@b.example",
])
def test_md_text_leaves_no_markup(text):
    out = render.md_text(text)
    assert no_markup(out)
    assert not re.search(r"(?<!\\)(://|@)|www\.", out)  # no autolinks
    assert not re.match(r"^\s*([-+*#>]|\d+[.)]\s)", out)


def test_answer_rendering_escapes_paper_html_and_links_citations(chat):
    record = turn_record("Did anyone write <script>?", _answer(chat, 3, HOSTILE))
    messages = chat_messages([record])
    assert messages[0] == {"role": "user", "content": "Did anyone write &lt;script&gt;?"}
    body = messages[1]["content"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    assert body.endswith('[\\[1\\]](#cite-0-1 "Show source 1")')
    assert no_markup(body.removesuffix('[\\[1\\]](#cite-0-1 "Show source 1")'))


def test_citation_panel_shows_where_and_neighbours(chat):
    turns = [turn_record("q", _answer(chat, 1, HUBS[1]))]
    panel = chat.show_source("0:1:12345", turns)
    for text in ("Cabinet &lt;b&gt;minutes&lt;/b&gt;", "Cabinet", "2025-06-17", "¶2", "Family Hubs"):
        assert text in panel
    cited = re.search(r'<div class="cofnod-para cofnod-cited"[^>]*>(.*?)</div>', panel).group(1)
    assert "hub and spoke model" in cited
    assert panel.index("three Family Hubs") < panel.index("hub and spoke") < panel.index("school transport")
    assert 'href="/paper/papers/cabinet.md"' in panel


def test_citation_panel_keeps_a_headline_on_its_own_line():
    _, (p,) = make_passages("press.txt", ["Positive report into <Services>\nThe inspectors spent two weeks."])
    panel = render.source_panel(1, p, None, None)
    assert "Positive report into &lt;Services&gt;<br>The inspectors spent two weeks." in panel


def test_citation_panel_escapes_paper_html(chat):
    turns = [turn_record("q", _answer(chat, 3, HOSTILE))]
    panel = chat.show_source("0:1", turns)
    assert "<script" not in panel and "<img" not in panel
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel and "![x](http://evil.example/x.png)" in panel


def test_pdf_citation_links_to_its_page():
    assert render.paper_url("a b/report.pdf", 4) == "/paper/a%20b/report.pdf#page=4"
    assert render.paper_url("a/minutes.md", None) == "/paper/a/minutes.md"


def test_unknown_citation_is_a_clear_error(chat):
    with pytest.raises(gr.Error, match="no longer in this conversation"):
        chat.show_source("3:9", [])


@pytest.mark.parametrize("date_from, date_to, message", [
    ("2025-13-01", "", "Meetings from: '2025-13-01' is not a date; use YYYY-MM-DD"),
    ("17/06/2025", "", "Meetings from: '17/06/2025' is not a date"),
    ("", "20250617", "Meetings to: '20250617' is not a date"),
    ("2025-07-01", "2025-06-01", "the date range is empty: 2025-07-01 is after 2025-06-01"),
])
def test_bad_dates_are_refused_clearly(date_from, date_to, message):
    with pytest.raises(CofnodError, match=re.escape(message)):
        parse_filters("", "", date_from, date_to, "")


def test_filters_parse():
    assert parse_filters("", "", "", "", "") is None
    f = parse_filters("Cabinet", "minutes", " 2025-01-01 ", "2025-12-31", "papers/cabinet.md")
    assert (f.committee, f.doc_type, f.date_from, f.date_to, f.doc) == (
        "Cabinet", "minutes", "2025-01-01", "2025-12-31", "papers/cabinet.md")


def test_bad_date_or_empty_question_is_a_gradio_error(chat):
    with pytest.raises(gr.Error, match="not a date"):
        chat.check("What about Family Hubs?", "", "", "1 June", "", "")
    with pytest.raises(gr.Error, match="not a date"):
        next(chat.respond("What about Family Hubs?", [], "", "", "1 June", "", ""))
    with pytest.raises(gr.Error, match="Type a question first"):
        chat.check("  ", "", "", "", "", "")
    assert chat.check("Family Hubs?", "Cabinet", "minutes", "2025-01-01", "", "") is None


def test_respond_streams_a_cited_answer_and_keeps_the_conversation(chat):
    steps = list(chat.respond("What did Cabinet decide about the Family Hubs model?", [], "", "", "", "", ""))
    messages, turns, sources, box = steps[-1]
    assert box == "" and len(turns) == 1 and len(messages) == 2
    assert "#cite-0-1" in messages[1]["content"]
    assert sources["visible"] is True and sources["choices"][0][1] == "0:1"
    assert [c["passage"]["id"] for c in turns[0]["citations"]][0].startswith("papers/cabinet.md#")
    follow = list(chat.respond("And when does it start?", turns, "", "", "", "", ""))[-1]
    assert len(follow[1]) == 2 and len(follow[0]) == 4 and "#cite-1-" in follow[0][3]["content"]


def test_export_markdown_contains_citations(chat):
    turns = [turn_record("Family <hubs>?", _answer(chat, 1, HUBS[1])), turn_record("x", _answer(chat, 3, HOSTILE))]
    path = Path(chat.export(turns))
    text = path.read_text(encoding="utf-8")
    assert path.suffix == ".md"
    assert "## Question 1" in text and "Family &lt;hubs&gt;?" in text
    assert "hub and spoke model for Family Hubs be approved, to start on 1 October 2025. [1]" in text
    assert "- [1] Cabinet &lt;b&gt;minutes&lt;/b&gt;, Cabinet, 2025-06-17, p. 1, ¶2 (papers/cabinet.md)" in text
    assert no_markup(text.split("## Question 2")[1].replace("[1]", ""))


def test_exports_share_one_folder_that_goes_with_the_chat(tmp_path):
    chat = Chat(None, None)
    turns = [turn_record("x", Answer(text="Nothing.", abstained=True, citations=[], hits=[]))]
    first, second = Path(chat.export(turns)), Path(chat.export(turns))
    assert first != second and first.parent.parent == second.parent.parent == chat.exports
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    chat.close()
    assert not chat.exports.exists()


def test_export_with_nothing_to_export(chat):
    with pytest.raises(gr.Error, match="Nothing to export"):
        chat.export([])


@pytest.mark.parametrize("name, size, reason", [
    ("virus.exe", 10, "'.exe' files are not accepted"),
    ("noext", 10, "'no extension' files are not accepted"),
    ("huge.pdf", 20_000, "over the 0.01 MB limit"),
])
def test_upload_refuses_wrong_type_and_oversize(chat, tmp_path, name, size, reason):
    f = tmp_path / name
    f.write_bytes(b"x" * size)
    rows, summary = chat.upload([str(f)], progress=NO_PROGRESS)
    assert rows == [[name, "refused", 0, rows[0][3]]] and reason in rows[0][3]
    assert "0 of 1" in summary and not (Path(chat.settings.home) / "uploads" / name).exists()


def test_upload_saves_and_ingests_a_text_paper(chat, tmp_path):
    f = tmp_path / "odd name;.txt"
    f.write_text("Planning Committee, 3 March 2025.\n\nThe committee approved the new library in Trefelin "
                 "subject to conditions on parking and opening hours.", encoding="utf-8")
    seen = []
    rows, summary = chat.upload([str(f)], progress=lambda *a, **k: seen.append(a))
    assert rows[0][0] == "uploads/odd name_.txt" and rows[0][1] == "added" and rows[0][2] >= 1
    assert (Path(chat.settings.home) / "uploads" / "odd name_.txt").is_file() and seen
    docs, _, doc_choices = chat.refresh()
    assert "uploads/odd name_.txt" in [r[5] for r in docs]
    assert ("Any document", "") in doc_choices["choices"]


def test_upload_of_a_scan_says_which_pages_ocr_read_and_shows_them_being_read(chat, tmp_path, monkeypatch):
    from tests.test_ingest_ocr import MINUTES, _scanned

    monkeypatch.setattr(chat.settings.ingest, "max_file_mb", 1.0)  # a scan outweighs the fixture's 0.01 MB
    f = tmp_path / "signed-minutes.pdf"
    f.write_bytes(_scanned(MINUTES))
    seen: list[str] = []
    rows, _ = chat.upload([str(f)], progress=lambda *a, **k: seen.append(k.get("desc", "")))
    assert rows == [["uploads/signed-minutes.pdf", "added", rows[0][2], "page 1 read by OCR"]] and rows[0][2] >= 2
    assert "uploads/signed-minutes.pdf: OCR page 1/1 (0/1 read)" in seen


def test_upload_without_files(chat):
    with pytest.raises(gr.Error, match="Choose one or more"):
        chat.upload([], progress=NO_PROGRESS)


def test_refresh_lists_committees(chat):
    rows, committees, _ = chat.refresh()
    assert ("Cabinet", "Cabinet") in committees["choices"]
    assert ["Cabinet <b>minutes</b>", "Cabinet", "2025-06-17", "minutes", 4, "papers/cabinet.md"] in rows


def test_users_from_file_and_environment(tmp_path):
    f = tmp_path / "users"
    f.write_text("# who may log in\nalice:s3cret:with:colons\n\nbob: pw\n", encoding="utf-8")
    users = load_users(f, env={"COFNOD_UI_USERS": "carol:x, dave:y"})
    assert users == [("alice", "s3cret:with:colons"), ("bob", " pw"), ("carol", "x"), ("dave", "y")]
    assert load_users(None, env={}) == []


@pytest.mark.parametrize("line", ["nopassword", ":pw", "user:"])
def test_bad_users_file_names_the_line(tmp_path, line):
    f = tmp_path / "users"
    f.write_text(f"ok:pw\n{line}\n", encoding="utf-8")
    with pytest.raises(CofnodError, match=f"{re.escape(str(f))}:2: expected user:password"):
        load_users(f, env={})


def test_the_chat_and_its_export_say_when_no_resolution_covers_the_question(chat):
    from assistant.core import NO_DECISION
    from ui.callbacks import answer_parts

    answer = _answer(chat, 0, HUBS[0])
    answer.caveat = NO_DECISION
    record = turn_record("What did Cabinet resolve on travel times?", answer)
    parts = answer_parts(record, 0)
    assert parts[0].startswith(f"**{render.md_text(NO_DECISION)}**\n\n") and "#cite-0-1" in parts[0]
    assert render.md_text(NO_DECISION) not in " ".join(answer_parts(turn_record("q", _answer(chat, 0, HUBS[0])), 0))
    text = Path(chat.export([record])).read_text(encoding="utf-8")
    answer_part = text.split("### Answer")[1]
    assert answer_part.index(render.md_text(NO_DECISION)) < answer_part.index("travel times families face")
