"""The Resolutions tab and the "searching ..." note in the chat, called from Python over a real index."""

from __future__ import annotations

import pytest

gr = pytest.importorskip("gradio")

from assistant.core import Assistant  # noqa: E402
from cofnod.settings import load_settings  # noqa: E402
from ingest.resolutions import find_resolutions  # noqa: E402
from tests.conftest import make_passages  # noqa: E402
from ui.callbacks import Chat  # noqa: E402
from ui.council import EMPTY, Register, register_table  # noqa: E402

CABINET = [
    "Members discussed the Family Hubs and the travel times families face in the upper valley.",
    "RESOLVED that the hub and spoke model for Family Hubs be approved, to start on 1 October 2025.",
    "RESOLVED that <script>alert(1)</script> the {template} $x be noted.",
]
COUNCIL = [
    "The Council debated the pay policy statement and the pay ratio.",
    "RESOLVED that Council endorses the Pay Policy Statement 2025/26.",
]


@pytest.fixture(scope="module")
def chat(tmp_path_factory):
    home = tmp_path_factory.mktemp("ui-council")
    settings = load_settings(env={}, home=str(home))
    a = Assistant(settings)
    for doc, texts, committee, day in (("cab/minutes.pdf", CABINET, "Cabinet", "2025-06-17"),
                                       ("cc/minutes.md", COUNCIL, "County Council", "2025-03-13")):
        meta, passages = make_passages(doc, texts, committee=committee, date=day, title=f"{committee} minutes")
        a.index.upsert(meta, passages, f"sha-{doc}", str(home / doc), resolutions=find_resolutions(meta, passages))
    a.index.refresh_keyword()
    yield Chat(a, settings)
    a.close()


def test_register_tab_lists_decisions_newest_first_with_links(chat):
    html = Register(chat).search("", "")
    assert html.count("<tr id=") == 3
    assert html.index("2025-06-17") < html.index("2025-03-13")
    assert 'href="/paper/cab/minutes.pdf#page=1"' in html and "cab/minutes.pdf, p. 1" in html
    assert 'href="/paper/cc/minutes.md"' in html  # not a PDF: no page anchor
    for header in ("Meeting date", "Committee", "Item", "Decision", "Source"):
        assert f">{header}</th>" in html


def test_register_tab_escapes_paper_text(chat):
    html = Register(chat).search("template", "")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "{template}" not in html and "&#123;template&#125;" in html and "&#36;x" in html


def test_register_tab_search_and_filters(chat):
    reg = Register(chat)
    html = reg.search("hub and spoke", "")
    assert html.count("<tr id=") == 1 and "Family Hubs be approved" in html
    assert reg.search("", "County Council").count("<tr id=") == 1
    assert reg.search("", "", "2025-04-01", "").count("<tr id=") == 2
    assert reg.search("elephants", "") == EMPTY
    with pytest.raises(gr.Error, match="not a date"):
        reg.search("", "", "June 2025", "")
    choices = reg.committees()["choices"]
    assert choices == [("Any committee", ""), ("Cabinet", "Cabinet"), ("County Council", "County Council")]


def test_empty_register():
    assert register_table([]) == EMPTY


def test_chat_shows_what_the_question_narrowed_and_can_be_told_not_to(chat):
    question = "What did the County Council resolve on 13 March 2025 about the pay policy?"
    messages, turns, _, _ = list(chat.respond(question, [], "", "", "", "", ""))[-1]
    assert turns[0]["searching"] == "searching County Council papers from 13 March 2025"
    shown = messages[1]["content"]
    assert shown.startswith("_Searching County Council papers from 13 March 2025 (untick")
    assert shown.index("Searching") < shown.index("#cite-0-")
    messages, turns, _, _ = list(chat.respond(question, [], "", "", "", "", "", False))[-1]
    assert turns[0]["searching"] is None and "Searching" not in messages[1]["content"]
