"""Turning answers and passages into what the page shows, with paper text always as text.

Paper text is untrusted: a paper may quote `<script>`, `<img onerror=...>` or a Markdown
image. Everything taken from a paper goes through `md_text` (Markdown contexts: the chat)
or `h` (HTML we build: the source panel) before it reaches the page.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from cofnod.types import Passage

# Markdown that paper text could otherwise make: emphasis, code, links, images, strikethrough,
# tables, headings. "(" and "." stay as they are so screen readers, which are given the raw
# message, read the sentence and not a row of backslashes.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]~|#])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+(?=[.)]\s))")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# GFM turns www.x.org, https://x and a@b.org into links on its own: break each of them.
_AUTOLINK = re.compile(r"(?i)\b(www)\.|(://)|(@)")

CITE_HREF = "#cite-{turn}-{n}"


def h(text: str) -> str:
    """Paper text for HTML we build: escaped, and with template characters as entities.

    Gradio's HTML component fills a JS template; `$`, `{` and `}` as entities can never be read
    as template syntax, and the browser still shows them as the characters they are.
    """
    return html.escape(text).replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;")


def md_text(text: str) -> str:
    """Paper text for a Markdown context (the chat, the export): shown literally, never as markup."""
    text = " ".join(text.split())  # one line: no headings, lists or quotes made by line breaks
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: f"{m[1]}\\." if m[1] else f"\\{m[2] or m[3]}", text)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if not m[2][0].isdigit() else f"{m[1]}{m[2]}\\", text)


def cite_link(turn: int, n: int) -> str:
    """A citation marker the page's script turns into 'open source n of answer turn'."""
    return f"[\\[{n}\\]]({CITE_HREF.format(turn=turn, n=n)} \"Show source {n}\")"


def answer_sentences(sentences: list[tuple[str, list[int]]], turn: int) -> list[str]:
    """Each answer sentence as chat Markdown: escaped text followed by its citation links."""
    return [" ".join([md_text(s), *(cite_link(turn, n) for n in ns)]) for s, ns in sentences]


def where(p: Passage) -> str:
    """Page and paragraph, e.g. 'p. 4, para 6.3'."""
    parts = []
    if p.page:
        parts.append(f"p. {p.page}")
    if p.paragraph:
        para = p.paragraph if p.paragraph.startswith("¶") else f"para {p.paragraph}"
        parts.append(para)
    return ", ".join(parts)


def citation_label(n: int, p: Passage) -> str:
    """Plain-text label for a citation choice: '[2] Cabinet minutes, 2025-06-17, p. 4, para 6.3'."""
    bits = [p.title or p.doc, p.date or "", where(p)]
    return f"[{n}] " + ", ".join(b for b in bits if b)


def paper_url(doc: str, page: int | None = None) -> str:
    """Where the original file is served; PDFs open at the page."""
    url = "/paper/" + quote(doc, safe="/")
    return f"{url}#page={page}" if page and doc.lower().endswith(".pdf") else url


def _para(p: Passage, cited: bool) -> str:
    label = h(where(p) or p.kind)
    speaker = f"<strong>{h(p.speaker)}:</strong> " if p.speaker else ""
    cls = "cofnod-para cofnod-cited" if cited else "cofnod-para"
    mark = ' aria-current="true"' if cited else ""
    return (f'<div class="{cls}"{mark}><span class="cofnod-where">{label}</span>'
            f"<p>{speaker}{h(p.text).replace(chr(10), '<br>')}</p></div>")  # a headline run in keeps its line


def source_panel(n: int, p: Passage, before: Passage | None, after: Passage | None) -> str:
    """The source panel: where the passage comes from, and the passage among its neighbours."""
    e = h
    trail = " › ".join(p.trail)
    meta = [("Document", p.title or p.doc), ("Committee", p.committee or "unknown"),
            ("Meeting date", p.date or "unknown"), ("Type", p.doc_type), ("Page", str(p.page or "–")),
            ("Paragraph", p.paragraph or "–")]
    if trail:
        meta.append(("Section", trail))
    rows = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in meta)
    link_text = f"Open the original at page {p.page}" if p.page and p.doc.lower().endswith(".pdf") else "Open the original"
    paras = "".join(_para(q, q is p) for q in (before, p, after) if q is not None)
    return (
        f'<section class="cofnod-source" aria-label="Source {n}">'
        f"<h3>Source [{n}]: {e(p.title or p.doc)}</h3><dl>{rows}</dl>"
        f'<p><a class="cofnod-open" href="{e(paper_url(p.doc, p.page))}" target="_blank" '
        f'rel="noopener noreferrer">{e(link_text)}</a> <code>{e(p.doc)}</code></p>'
        f'<div class="cofnod-context">{paras}</div></section>'
    )


EMPTY_PANEL = ('<section class="cofnod-source" aria-label="Source">'
               "<p>Select a citation such as [1] in an answer to see the paragraph it comes from.</p></section>")


def export_markdown(turns: list[dict]) -> str:
    """The conversation with its citations as a Markdown document."""
    out = ["# Cofnod conversation", ""]
    for i, t in enumerate(turns, start=1):
        out += [f"## Question {i}", "", md_text(t["question"]), "", "### Answer", ""]
        if t.get("caveat"):
            out += [f"_{md_text(t['caveat'])}_", ""]
        if t["sentences"]:
            out.append(" ".join(md_text(s) + "".join(f" [{n}]" for n in ns) for s, ns in t["sentences"]))
        else:
            out.append(md_text(t["text"]))
        out.append("")
        if t["citations"]:
            out += ["### Sources", ""]
        for c in t["citations"]:
            p = Passage(**c["passage"])
            place = ", ".join(b for b in (p.committee, p.date, where(p)) if b)
            out.append(f"- [{c['n']}] {md_text(p.title or p.doc)}" + (f", {md_text(place)}" if place else "")
                       + f" ({md_text(p.doc)})")
            out.append(f"  > {md_text(p.text)}")
        out.append("")
    return "\n".join(out)
