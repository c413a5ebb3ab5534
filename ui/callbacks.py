"""What the page's events do. Each callback asks the Assistant and shapes what comes back.

The conversation lives in a per-session `turns` list of plain dicts (question, answer text,
sentences, citations with their passages); the chat, the sources list, the source panel and
the export are all drawn from it. User mistakes (`CofnodError`) become `gr.Error` here, at
the edge, and nowhere deeper.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import time
import weakref
from datetime import date, datetime
from pathlib import Path

import gradio as gr

from cofnod.errors import CofnodError
from cofnod.types import Answer, Filters, Passage
from assistant.streaming import stream_ask
from ui import render
from ui.files import refusal, save_upload

STREAM_PAUSE = 0.05
"""Seconds between streamed sentences, so the answer is seen arriving."""
THINKING = "_Searching the papers…_"
PAPER_HEADERS = ["Title", "Committee", "Meeting date", "Type", "Passages", "Document"]
UPLOAD_HEADERS = ["File", "Result", "Passages", "Reason"]
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(label: str, value: str | None) -> str | None:
    """A YYYY-MM-DD date typed by the user, or None when left empty."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if not _ISO_DAY.match(value):
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError as e:
        raise CofnodError(f"{label}: '{value}' is not a date; use YYYY-MM-DD, e.g. 2025-06-17") from e


def parse_filters(committee: str | None, doc_type: str | None, date_from: str | None,
                  date_to: str | None, doc: str | None) -> Filters | None:
    """The filter controls as `Filters`, or None when nothing is restricted."""
    start = parse_date("Meetings from", date_from)
    end = parse_date("Meetings to", date_to)
    if start and end and start > end:
        raise CofnodError(f"the date range is empty: {start} is after {end}")
    f = Filters(doc=doc or None, committee=committee or None, doc_type=doc_type or None,
                date_from=start, date_to=end)
    return None if f.is_empty() else f


def turn_record(question: str, answer: Answer) -> dict:
    """One exchange as plain data, kept in the session state."""
    return {
        "question": question,
        "text": answer.text,
        "abstained": answer.abstained,
        "sentences": [(s, list(ns)) for s, ns in answer.sentences],
        "citations": [{"n": c.n, "passage": c.passage.to_dict()} for c in answer.citations],
        "backend_note": answer.backend_note,
        "searching": answer.note,
        "also_searched": list(answer.also_searched),
        "caveat": answer.caveat,
    }


def answer_parts(record: dict, turn: int) -> list[str]:
    """The answer as chat Markdown pieces, one per sentence, for streaming."""
    note = [f"_({render.md_text(record['backend_note'])})_"] if record.get("backend_note") else []
    if record.get("also_searched"):
        note.append(f"_(Also searched for the papers' words: {render.md_text(', '.join(record['also_searched']))}.)_")
    if record["sentences"]:
        parts = render.answer_sentences(record["sentences"], turn) + note
    else:
        parts = [render.md_text(record["text"])] + note
    if record.get("caveat"):
        parts[0] = f"**{render.md_text(record['caveat'])}**\n\n{parts[0]}"
    return _under_scope(record, parts)


SCOPE_HINT = "untick “Use dates and committees from my question” to search all the papers"


def _under_scope(record: dict, parts: list[str]) -> list[str]:
    """The answer with, above it, what the question's own dates and committee narrowed the search to."""
    if not record.get("searching") or not parts:
        return parts
    note = render.md_text(record["searching"][:1].upper() + record["searching"][1:])
    return [f"_{note} ({SCOPE_HINT})._\n\n{parts[0]}", *parts[1:]]


class _Unscoped:
    """The Assistant with `ask` told not to read dates and committees from the question."""

    def __init__(self, assistant):
        self.assistant = assistant

    def ask(self, *args, **kwargs):
        return self.assistant.ask(*args, infer=False, **kwargs)


def chat_messages(turns: list[dict]) -> list[dict]:
    """The chat as Gradio messages, drawn from the turns."""
    out: list[dict] = []
    for i, t in enumerate(turns):
        out.append({"role": "user", "content": render.md_text(t["question"])})
        out.append({"role": "assistant", "content": " ".join(answer_parts(t, i))})
    return out


def sources_choices(record: dict, turn: int) -> list[tuple[str, str]]:
    """(label, "turn:n") for each citation of an answer."""
    return [(render.citation_label(c["n"], Passage(**c["passage"])), f"{turn}:{c['n']}") for c in record["citations"]]


def find_citation(turns: list[dict], key: str) -> tuple[int, Passage]:
    """The citation a key "turn:n[:nonce]" points at."""
    try:
        turn, n = (int(x) for x in key.split(":")[:2])
        cited = next(c for c in turns[turn]["citations"] if c["n"] == n)
    except (ValueError, IndexError, StopIteration) as e:
        raise CofnodError("that citation is no longer in this conversation") from e
    return n, Passage(**cited["passage"])


class Chat:
    """The callbacks of one app, sharing one Assistant.

    The index is one SQLite connection and one Chroma client shared by every browser
    session, so calls into the Assistant take a lock.
    """

    def __init__(self, assistant, settings):
        self.assistant = assistant
        self.settings = settings
        self.lock = threading.RLock()
        # Exports wait here until Gradio has copied them to its own cache; the folder goes when
        # this chat does, or when the server process ends, so a long-running server leaves no trail.
        self.exports = Path(tempfile.mkdtemp(prefix="cofnod-export-"))
        self.close = weakref.finalize(self, shutil.rmtree, self.exports, ignore_errors=True)

    # -- asking ------------------------------------------------------------
    def check(self, message: str, committee, doc_type, date_from, date_to, doc) -> None:
        """Refuse an empty question or bad filters before anything is drawn in the chat."""
        if not (message or "").strip():
            raise gr.Error("Type a question first.")
        try:
            parse_filters(committee, doc_type, date_from, date_to, doc)
        except CofnodError as e:
            raise gr.Error(str(e)) from e

    def respond(self, message: str, turns: list[dict], committee, doc_type, date_from, date_to, doc,
                use_scope: bool = True):
        """Answer a question, streaming the answer sentence by sentence.

        `use_scope`: let the question's own dates and committee narrow the search (the note says so).

        Yields (chat messages, turns, sources radio update, question box value).
        """
        question = (message or "").strip()
        if not question:
            raise gr.Error("Type a question first.")
        turn = len(turns)
        chat = chat_messages(turns) + [{"role": "user", "content": render.md_text(question)},
                                       {"role": "assistant", "content": THINKING}]
        arrived: list[str] = []  # checked sentences of a streaming (LLM) answer, shown as they are kept
        try:
            filters = parse_filters(committee, doc_type, date_from, date_to, doc)
            asker = self.assistant if use_scope else _Unscoped(self.assistant)
            for item in stream_ask(asker, question, filters, [t["question"] for t in turns], lock=self.lock):
                if isinstance(item, Answer):
                    answer = item
                    continue
                arrived += render.answer_sentences([item], turn)
                chat[-1] = {"role": "assistant", "content": " ".join(arrived)}
                yield chat, turns, gr.update(), ""
        except CofnodError as e:
            raise gr.Error(str(e)) from e
        record = turn_record(question, answer)
        parts = answer_parts(record, turn)
        for i in range(len(arrived) + 1 if arrived else 1, len(parts) + 1):
            chat[-1] = {"role": "assistant", "content": " ".join(parts[:i])}
            yield chat, turns, gr.update(), ""
            time.sleep(STREAM_PAUSE)
        chat[-1] = {"role": "assistant", "content": " ".join(parts)}
        choices = sources_choices(record, turn)
        yield chat, turns + [record], gr.update(choices=choices, value=None, visible=bool(choices)), ""

    def show_source(self, key: str, turns: list[dict]) -> str:
        """The source panel for a citation: its metadata and the passage among its neighbours."""
        if not key:
            return render.EMPTY_PANEL
        try:
            n, cited = find_citation(turns, key)
        except CofnodError as e:
            raise gr.Error(str(e)) from e
        with self.lock:
            current = self.assistant.index.passages([cited.id]).get(cited.id)
            # The paper may have been re-ingested since: show what was cited, with today's neighbours.
            p = current if current is not None and current.hash == cited.hash else cited
            near = self.assistant.index.passages([i for i in (p.prev_id, p.next_id) if i])
        return render.source_panel(n, p, near.get(p.prev_id), near.get(p.next_id))

    def clear(self):
        """Start a new conversation."""
        return [], [], gr.update(choices=[], value=None, visible=False), render.EMPTY_PANEL, gr.update(value=None, visible=False)

    def export(self, turns: list[dict]) -> str:
        """Write the conversation with its citations to a Markdown file and return its path."""
        if not turns:
            raise gr.Error("Nothing to export yet: ask a question first.")
        folder = Path(tempfile.mkdtemp(dir=self.exports))  # one each: two sessions may export in the same second
        path = folder / f"cofnod-conversation-{datetime.now():%Y%m%d-%H%M%S}.md"
        path.write_text(render.export_markdown(turns), encoding="utf-8")
        return str(path)

    # -- papers ------------------------------------------------------------
    def refresh(self):
        """The papers table and the filter choices that come from the papers."""
        with self.lock:
            docs = self.assistant.documents()
        rows = [[d.title, d.committee or "", d.date or "", d.doc_type, d.passages, d.doc] for d in docs]
        committees = sorted({d.committee for d in docs if d.committee}, key=str.lower)
        papers = sorted(((f"{d.title} ({d.date})" if d.date else d.title, d.doc) for d in docs), key=lambda c: c[0].lower())
        return (rows, gr.update(choices=[("Any committee", "")] + [(c, c) for c in committees]),
                gr.update(choices=[("Any document", "")] + papers))

    def source_of(self, doc: str) -> str | None:
        """The file an indexed document came from (for the /paper route)."""
        with self.lock:
            rec = next((d for d in self.assistant.documents() if d.doc == doc), None)
        return rec.source if rec else None

    # -- uploads -----------------------------------------------------------
    def upload(self, files: list[str] | None, progress=gr.Progress()):
        """Check, save and ingest uploaded papers; returns the result table and a summary line."""
        if not files:
            raise gr.Error("Choose one or more papers to upload first.")
        limit = self.settings.ingest.max_file_mb
        rows, accepted = [], []
        for f in files:
            path = Path(f)
            reason = refusal(path, limit)
            if reason:
                rows.append([path.name, "refused", 0, reason])
            else:
                accepted.append(save_upload(path, Path(self.settings.home) / "uploads"))
        if accepted:
            progress(0, desc=f"Reading {len(accepted)} paper(s)…")
            step = lambda label, done, total: progress(done / total, desc=f"{label} ({done}/{total} read)")  # noqa: E731
            try:
                with self.lock:
                    results = self.assistant.ingest(accepted, root=Path(self.settings.home), progress=step)
            except CofnodError as e:
                raise gr.Error(str(e)) from e
            rows += [[r.path, r.status, r.passages, r.reason or ""] for r in results]
        return rows, summary(rows)


def summary(rows: list[list]) -> str:
    """One line saying how an upload went."""
    ok = sum(1 for r in rows if r[1] in ("added", "updated", "unchanged"))
    bad = len(rows) - ok
    line = f"{ok} of {len(rows)} file(s) are in the index."
    return line + (f" {bad} could not be added: see the reasons in the table." if bad else "")
