"""The Resolutions tab: the decisions register as a searchable table, each row linked to its page.

Decision text comes from the papers, so every cell goes through `render.h`. The callbacks only
call `assistant.register`; no retrieval logic lives here.
"""

from __future__ import annotations

import gradio as gr

from assistant import register
from cofnod.errors import CofnodError
from cofnod.types import Filters, Resolution
from ui import render
from ui.callbacks import parse_date

HEADERS = ("Meeting date", "Committee", "Item", "Decision", "Source")
EMPTY = '<p class="cofnod-register-empty">No decisions found.</p>'
CSS = """
.cofnod-register table { border-collapse: collapse; width: 100%; }
.cofnod-register th, .cofnod-register td { text-align: left; vertical-align: top; padding: 4px 8px;
  border-bottom: 1px solid var(--border-color-primary); overflow-wrap: anywhere; }
.cofnod-register td.cofnod-decision { white-space: pre-wrap; min-width: 40%; }
"""


def _row(r: Resolution) -> str:
    h = render.h
    place = f"{r.doc}, p. {r.page}" if r.page else r.doc
    link = (f'<a href="{h(render.paper_url(r.doc, r.page))}" target="_blank" rel="noopener noreferrer">'
            f"{h(place)}</a>")
    cells = [h(r.date or "undated"), h(r.committee or ""), h(r.item), h(r.text)]
    tds = "".join(f"<td>{c}</td>" for c in cells[:3]) + f'<td class="cofnod-decision">{cells[3]}</td>'
    return f'<tr id="{h(r.id)}">{tds}<td>{link}</td></tr>'


def register_table(found: list[Resolution]) -> str:
    """The decisions as an HTML table (escaped), or a line saying there are none."""
    if not found:
        return EMPTY
    head = "".join(f'<th scope="col">{render.h(c)}</th>' for c in HEADERS)
    body = "".join(_row(r) for r in found)
    return (f'<div class="cofnod-register"><p>{len(found)} decision(s)</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


class Register:
    """The tab's callbacks over the chat's Assistant (sharing its lock)."""

    def __init__(self, chat):
        self.assistant = chat.assistant
        self.lock = chat.lock

    def search(self, query: str | None, committee: str | None, date_from: str | None = None,
               date_to: str | None = None) -> str:
        """The register table for a query (best first) or, with none, every decision newest first."""
        try:
            f = Filters(committee=committee or None, date_from=parse_date("Meetings from", date_from),
                        date_to=parse_date("Meetings to", date_to))
            with self.lock:
                found = [r for r, _ in register.search(self.assistant.index, (query or "").strip() or None, f)]
        except CofnodError as e:
            raise gr.Error(str(e)) from e
        return register_table(found)

    def committees(self):
        """Committee choices for the tab's dropdown."""
        with self.lock:
            found = register.search(self.assistant.index)
        names = sorted({r.committee for r, _ in found if r.committee}, key=str.lower)
        return gr.update(choices=[("Any committee", "")] + [(c, c) for c in names])


def resolutions_tab(chat, demo) -> None:
    """Build the tab's controls (inside a gr.Tab) and wire them; the table fills when the page loads."""
    reg = Register(chat)
    gr.Markdown("Decisions recorded in the minutes (RESOLVED, AGREED), newest first. "
                "Search them, or open a decision's page in the original paper.")
    with gr.Row():
        query = gr.Textbox(label="Search decisions", placeholder="e.g. Family Hubs", elem_id="register-query",
                           scale=3, min_width=200)
        committee = gr.Dropdown(label="Committee", choices=[("Any committee", "")], value="",
                                elem_id="register-committee", min_width=180)
        date_from = gr.Textbox(label="Meetings from (YYYY-MM-DD)", elem_id="register-from", min_width=140, max_length=10)
        date_to = gr.Textbox(label="Meetings to (YYYY-MM-DD)", elem_id="register-to", min_width=140, max_length=10)
    go = gr.Button("Search", variant="primary", elem_id="register-search", size="sm")
    table = gr.HTML(EMPTY, elem_id="register-table")
    inputs = [query, committee, date_from, date_to]
    for event in (go.click, query.submit):
        event(reg.search, inputs, table)
    demo.load(reg.search, inputs, table)
    demo.load(reg.committees, None, committee)
