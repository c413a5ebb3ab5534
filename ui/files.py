"""Files in and out of the app: checking and saving uploads, serving original papers.

The `/paper/<doc>` route serves a file only when it is the recorded source of an indexed
document, looked up by the document's name in the catalogue: a request is never joined to a
folder on disk, so `..` or an absolute path cannot reach anything else.
"""

import re
import shutil
from pathlib import Path
from typing import Callable

UPLOAD_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".html", ".htm", ".txt", ".md")

# How each kind of original is sent back. Text-like papers go out as plain text so that an
# uploaded HTML page is shown as its source, never run as a page of this app.
_MEDIA: dict[str, tuple[str, str]] = {
    ".pdf": ("application/pdf", "inline"),
    ".txt": ("text/plain; charset=utf-8", "inline"),
    ".md": ("text/plain; charset=utf-8", "inline"),
    ".html": ("text/plain; charset=utf-8", "inline"),
    ".htm": ("text/plain; charset=utf-8", "inline"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"),
}
_NOSNIFF = {"X-Content-Type-Options": "nosniff"}
# Chromium will not show a PDF in a sandboxed document, so the sandbox is for the rest only.
_SANDBOX = {**_NOSNIFF, "Content-Security-Policy": "sandbox; default-src 'none'"}


def refusal(path: Path, max_mb: float) -> str | None:
    """Why an uploaded file is refused (type or size), or None if it may be ingested."""
    suffix = path.suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return f"refused: '{suffix or 'no extension'}' files are not accepted (use {', '.join(UPLOAD_SUFFIXES)})"
    size_mb = path.stat().st_size / (1024 * 1024)
    if size_mb > max_mb:
        return f"refused: {size_mb:.1f} MB is over the {max_mb:g} MB limit"
    return None


def safe_name(name: str) -> str:
    """A file name that is only a name: no folders, no leading dots, no odd characters."""
    base = re.sub(r"[^\w.\- ]", "_", Path(name).name).strip().lstrip(".")
    return base or "upload"


def save_upload(path: Path, uploads: Path) -> Path:
    """Copy an uploaded temporary file into the uploads folder under its own name."""
    uploads.mkdir(parents=True, exist_ok=True)
    target = uploads / safe_name(path.name)
    shutil.copyfile(path, target)
    return target


def add_paper_route(app, source_of: Callable[[str], str | None],
                    user_of: Callable[[object], str | None] | None = None) -> None:
    """Serve `/paper/<doc>`: the original file of an indexed document, else 404.

    Args:
        app: the FastAPI app the Gradio app is mounted on.
        source_of: document name -> absolute path of its source file, or None if not indexed.
        user_of: request -> logged-in user or None; when given, anonymous requests get 401.
    """
    # No `from __future__ import annotations` in this module: FastAPI must see `Request` itself.
    from fastapi import HTTPException, Request
    from fastapi.responses import FileResponse

    @app.get("/paper/{doc:path}", include_in_schema=False)
    def paper(doc: str, request: Request):
        if user_of is not None and user_of(request) is None:
            raise HTTPException(status_code=401, detail="log in first")
        source = source_of(doc)
        if not source or not Path(source).is_file():
            raise HTTPException(status_code=404, detail="no such paper")
        suffix = Path(source).suffix.lower()
        media, disposition = _MEDIA.get(suffix, ("application/octet-stream", "attachment"))
        return FileResponse(source, media_type=media, filename=Path(source).name, content_disposition_type=disposition,
                            headers=_NOSNIFF if suffix == ".pdf" else _SANDBOX)
