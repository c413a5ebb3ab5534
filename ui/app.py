"""The Gradio app: layout, wiring, and serving it with the /paper route and optional login.

Imported only when the UI is wanted (`cofnod serve`), so gradio loads at the top here.
"""

from __future__ import annotations

import os
from pathlib import Path

import gradio as gr

from cofnod.errors import CofnodError
from cofnod.types import DOC_TYPES
from ui import page, render
from ui.callbacks import PAPER_HEADERS, UPLOAD_HEADERS, Chat
from ui.council import CSS as REGISTER_CSS
from ui.council import resolutions_tab
from ui.files import UPLOAD_SUFFIXES, add_paper_route

USERS_ENV = "COFNOD_UI_USERS"
CACHE_CLEANING = (3600, 86400)
"""Gradio's copies of uploads and exports: checked hourly, removed after a day, and all at shutdown.
Uploads are saved under the home before they are read, so nothing indexed depends on the cache."""


def _filters():
    """The filter controls, in the order `Chat.respond` takes them."""
    with gr.Accordion("Filters: narrow the papers searched", open=False, elem_id="filters"):
        with gr.Row():
            committee = gr.Dropdown(label="Committee", choices=[("Any committee", "")], value="",
                                    elem_id="filter-committee", min_width=200)
            doc_type = gr.Dropdown(label="Document type", choices=[("Any type", "")] + [(t, t) for t in DOC_TYPES],
                                   value="", elem_id="filter-type", min_width=200)
        with gr.Row():
            date_from = gr.Textbox(label="Meetings from (YYYY-MM-DD)", placeholder="2025-01-01",
                                   elem_id="filter-from", min_width=160, max_length=10)
            date_to = gr.Textbox(label="Meetings to (YYYY-MM-DD)", placeholder="2025-12-31",
                                 elem_id="filter-to", min_width=160, max_length=10)
        doc = gr.Dropdown(label="One document only", choices=[("Any document", "")], value="", elem_id="filter-doc")
    return [committee, doc_type, date_from, date_to, doc]


def _ask_tab(chat: Chat):
    turns = gr.State([])
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            filters = _filters()
            chatbot = gr.Chatbot(label="Conversation", elem_id="chat", height=460, latex_delimiters=[],
                                 feedback_options=None, buttons=["copy"], group_consecutive_messages=False,
                                 placeholder="Ask about the committee papers. Answers cite the paragraph they come from.")
            with gr.Row():
                question = gr.Textbox(label="Your question", elem_id="question", scale=4, min_width=200,
                                      placeholder="e.g. What did Cabinet decide about the Family Hubs?",
                                      info="Press Enter to ask. Follow-up questions use the conversation.")
                ask = gr.Button("Ask", variant="primary", elem_id="ask", scale=1, min_width=80)
            use_scope = gr.Checkbox(value=True, label="Use dates and committees from my question", elem_id="use-scope",
                                    info="e.g. “Cabinet … on 30 January 2025” searches those papers; "
                                         "the answer says so. Untick to search all the papers.")
            sources = gr.Radio(label="Sources of the last answer: choose one to see it", choices=[],
                               elem_id="sources", visible=False)
            with gr.Row():
                export = gr.Button("Export conversation (Markdown)", elem_id="export", size="sm")
                clear = gr.Button("New conversation", elem_id="clear", size="sm")
            export_file = gr.File(label="Conversation export", elem_id="export-file", interactive=False, visible=False)
        with gr.Column(scale=2, min_width=280, elem_id="source-col"):
            panel = gr.HTML(render.EMPTY_PANEL, label="Source", elem_id="source-panel", container=True, padding=True)
            cite_request = gr.Textbox(label="Citation to show", visible="hidden", elem_id="cite-request")

    for asked in (question.submit, ask.click):
        # check first, with no outputs: a refusal is a message, not an error over the chat
        asked(chat.check, [question, *filters], None, show_progress="hidden").success(
            chat.respond, [question, turns, *filters, use_scope], [chatbot, turns, sources, question])
    cite_request.change(chat.show_source, [cite_request, turns], panel, show_progress="hidden")
    sources.input(chat.show_source, [sources, turns], panel, show_progress="hidden")
    for reset in (clear.click, chatbot.clear):  # the chat's own bin icon also starts afresh
        reset(chat.clear, None, [chatbot, turns, sources, panel, export_file])
    export.click(chat.export, turns, export_file).success(lambda: gr.update(visible=True), None, export_file)
    return filters


def _papers_tab():
    table = gr.Dataframe(headers=PAPER_HEADERS, datatype=["str"] * 4 + ["number", "str"], interactive=False,
                         label="Papers in the index", elem_id="papers", wrap=True,
                         column_widths=["30%", "20%", "12%", "12%", "8%", "18%"])
    refresh = gr.Button("Refresh list", elem_id="refresh-papers", size="sm")
    return table, refresh


def _upload_tab(chat: Chat):
    limit = chat.settings.ingest.max_file_mb
    gr.Markdown(f"Add papers to the index: {', '.join(UPLOAD_SUFFIXES)}, up to {limit:g} MB each.")
    files = gr.File(label="Papers to add", file_count="multiple", file_types=list(UPLOAD_SUFFIXES),
                    elem_id="upload-files")
    go = gr.Button("Add to the index", variant="primary", elem_id="upload")
    result = gr.Markdown(elem_id="upload-summary")
    table = gr.Dataframe(headers=UPLOAD_HEADERS, datatype=["str", "str", "number", "str"], interactive=False,
                         label="Upload results", elem_id="upload-results", wrap=True)
    return go.click(chat.upload, files, [table, result])


def build_app(assistant, settings) -> gr.Blocks:
    """The Gradio Blocks for one Assistant (serve it with `create_server` for /paper, CSS and login)."""
    return _blocks(Chat(assistant, settings))


def _blocks(chat: Chat) -> gr.Blocks:
    with gr.Blocks(title="Cofnod: council papers, cited", analytics_enabled=False,
                   delete_cache=CACHE_CLEANING) as demo:
        gr.Markdown("# Cofnod\nAnswers from the council's committee papers, each sentence cited to its paragraph.")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask-tab"):
                committee, _, _, _, doc = _ask_tab(chat)
            with gr.Tab("Papers", id="papers-tab"):
                papers, refresh_btn = _papers_tab()
            with gr.Tab("Resolutions", id="resolutions-tab"):
                resolutions_tab(chat, demo)
            with gr.Tab("Upload", id="upload-tab"):
                uploaded = _upload_tab(chat)
        lists = [papers, committee, doc]
        demo.load(chat.refresh, None, lists)
        refresh_btn.click(chat.refresh, None, lists)
        uploaded.then(chat.refresh, None, lists)
    return demo


def _gradio_user(app, request) -> str | None:
    """The user logged in to the mounted Gradio app, read as Gradio's own /user route does."""
    from starlette.routing import Mount

    for route in app.routes:
        sub = getattr(route, "app", None)
        if isinstance(route, Mount) and hasattr(sub, "tokens") and hasattr(sub, "cookie_id"):
            token = (request.cookies.get(f"access-token-{sub.cookie_id}")
                     or request.cookies.get(f"access-token-unsecure-{sub.cookie_id}"))
            return sub.tokens.get(token)
    return None


def create_server(assistant, settings, auth: list[tuple[str, str]] | None = None):
    """A FastAPI app: /paper/<doc> for indexed originals, and the Gradio app at /."""
    from fastapi import FastAPI

    chat = Chat(assistant, settings)
    demo = _blocks(chat)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    add_paper_route(app, chat.source_of, user_of=(lambda r: _gradio_user(app, r)) if auth else None)
    home = str(Path(settings.home).resolve())
    return gr.mount_gradio_app(
        app, demo, path="/", auth=auth or None, auth_message="Log in to Cofnod.",
        allowed_paths=[], blocked_paths=[home], footer_links=[], ssr_mode=False,
        max_file_size=f"{int(settings.ingest.max_file_mb * 1024 * 1024)}b",
        css=page.CSS + REGISTER_CSS, head=page.HEAD, theme=gr.themes.Default(),
    )


def load_users(path: str | Path | None = None, env: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Login users from a file of `user:password` lines and/or $COFNOD_UI_USERS (comma-separated pairs)."""
    env = os.environ if env is None else env
    lines: list[tuple[str, str]] = []
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise CofnodError(f"{path}: cannot read the users file: {e.strerror or e}") from e
        lines += [(f"{path}:{i}", ln.strip()) for i, ln in enumerate(text.splitlines(), 1)]
    lines += [(USERS_ENV, item.strip()) for item in env.get(USERS_ENV, "").split(",")]
    users = []
    for where, line in lines:
        if not line or line.startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise CofnodError(f"{where}: expected user:password")
        users.append((user.strip(), password))
    return users


def serve(settings, host: str = "127.0.0.1", port: int = 7860, auth: list[tuple[str, str]] | None = None) -> None:
    """Run the app until interrupted."""
    import uvicorn

    from assistant.core import Assistant

    assistant = Assistant(settings)
    try:
        app = create_server(assistant, settings, auth)
        print(f"Cofnod is at http://{host}:{port}/" + (" (login required)" if auth else ""), flush=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        assistant.close()


def main_serve(home: str | None = None, host: str = "127.0.0.1", port: int = 7860, auth_file: str | None = None,
               **overrides) -> None:
    """Entry point for `cofnod serve`: settings from home (and the --llm flags as `overrides`), users from the file and/or $COFNOD_UI_USERS."""
    from cofnod.settings import load_settings

    serve(load_settings(home=home, **overrides), host=host, port=port, auth=load_users(auth_file) or None)

