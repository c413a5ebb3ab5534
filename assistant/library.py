"""Bringing files into the index: walk, diff by content hash, parse, embed, store, summarise.

One bad file never stops a batch: its failure is recorded with a reason and the rest go on.
Each file is stored as a whole (see index.store), so an interruption loses at most the
file being worked on, which the next run redoes.
"""

from __future__ import annotations

import fnmatch
import hashlib
from pathlib import Path
from typing import Callable, Iterable

from cofnod.errors import CofnodError
from cofnod.settings import Settings
from cofnod.types import FileResult
from index.store import Index

Progress = Callable[[str, int, int], None]
"""Called as progress(file_label, done, total) after each file, and with the same `done` while a
file's scanned pages are read by OCR (a page takes seconds), so it must set, not count."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _hidden(path: Path) -> bool:
    return any(part.startswith(".") for part in path.parts)


def collect_files(paths: Iterable[Path], exclude: Iterable[str] = (), skip: Path | None = None) -> list[Path]:
    """Files named, and files under folders named (hidden ones skipped), in a stable order; those
    under `skip` (the index's own home, where it sits inside a folder of papers) are not papers."""
    exclude = list(exclude)
    home = skip.resolve() if skip is not None else None
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # only a folder holding the home has files under it to pass over
            inside = home if home is not None and home.is_relative_to(path.resolve()) else None
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))
                                and not (inside is not None and p.resolve().is_relative_to(inside))))
        else:
            found.append(path)
    return [p for p in found if not any(fnmatch.fnmatch(p.name, pat) for pat in exclude)]


def relative_name(path: Path, root: Path) -> str:
    """The document's identity: its path under the corpus root, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError as e:
        raise CofnodError(f"{path}: not under the corpus root {root} (use --root)") from e


def default_root(paths: list[Path]) -> Path:
    """The folder given, or the folder of the file given; for several, their common folder."""
    folders = [p.resolve() if p.is_dir() else p.resolve().parent for p in paths]
    common = Path(*Path(folders[0]).parts)
    for f in folders[1:]:
        while common not in (f, *f.parents):
            common = common.parent
    return common


def ingest_file(index: Index, path: Path, rel: str, settings: Settings,
                on_page: Callable[[int, int], None] | None = None) -> FileResult:
    """Bring one file up to date in the index; `on_page(done, total)` hears of pages read by OCR."""
    from ingest import SUPPORTED_SUFFIXES, build_passages, parse_file, reader_stamp
    from ingest.resolutions import find_resolutions

    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return FileResult(rel, "failed", reason=f"unsupported file type '{path.suffix or '(none)'}'")
    try:
        sha = sha256_file(path)
        stamp = reader_stamp(path, settings.ingest)
    except OSError as e:
        return FileResult(rel, "failed", reason=f"cannot read: {e.strerror or e}")
    except CofnodError as e:
        return FileResult(rel, "failed", reason=str(e))
    known = index.document(rel)
    if known is not None and known.sha256 == sha and known.reader == stamp:
        return FileResult(rel, "unchanged", known.passages)
    try:
        doc = parse_file(path, rel, settings.ingest, on_page)
        passages = build_passages(doc, settings.ingest)
    except CofnodError as e:
        return FileResult(rel, "failed", reason=str(e))
    except Exception as e:  # a parser library's own bug must cost this file only, never the batch
        return FileResult(rel, "failed", reason=f"unexpected error while reading: {type(e).__name__}: {e}")
    if not passages:
        return FileResult(rel, "failed", reason="no text found")
    index.upsert(doc.meta, passages, sha, str(path.resolve()), resolutions=find_resolutions(doc.meta, passages),
                 reader=stamp)
    reread = known is not None and known.sha256 == sha
    notes = ["read again: the reader, the passage sizes, OCR or the metadata sidecar changed"] if reread else []
    if doc.ocr_pages:
        notes.append(f"{pages_named(doc.ocr_pages)} read by OCR")
    return FileResult(rel, "updated" if known else "added", len(passages), reason="; ".join(notes) or None,
                      reread=reread, ocr_pages=doc.ocr_pages)


def pages_named(numbers: list[int]) -> str:
    """"pages 1-3, 5" from [1, 2, 3, 5]."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    spans = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"page{'s' if len(numbers) > 1 else ''} {spans}"


def prune(index: Index) -> list[FileResult]:
    """Remove documents whose source files are gone."""
    gone = [r for r in index.documents() if not Path(r.source).exists()]
    for rec in gone:
        index.remove(rec.doc)
    return [FileResult(r.doc, "removed", r.passages) for r in gone]


def ingest_paths(
    index: Index,
    paths: list[Path],
    settings: Settings,
    root: Path | None = None,
    do_prune: bool = False,
    exclude: Iterable[str] = (),
    progress: Progress | None = None,
) -> list[FileResult]:
    """Ingest files and folders; returns one result per file (and per pruned document)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CofnodError(f"{missing[0]}: no such file or folder")
    root = root or default_root(paths)
    files = collect_files(paths, exclude, skip=settings.home)
    results: list[FileResult] = []
    for n, path in enumerate(files, start=1):
        try:
            rel = relative_name(path, root)
        except CofnodError as e:
            results.append(FileResult(str(path), "failed", reason=str(e)))
            continue
        on_page = None
        if progress:
            def on_page(done: int, total: int, rel: str = rel, n: int = n) -> None:
                progress(f"{rel}: OCR page {done}/{total}", n - 1, len(files))
        results.append(ingest_file(index, path, rel, settings, on_page))
        if progress:
            progress(rel, n, len(files))
    if do_prune:
        results.extend(prune(index))
    index.repair()
    index.refresh_keyword()
    return results


def summarise(results: list[FileResult]) -> dict:
    """Counts by status, and the failures with their reasons."""
    counts = {s: 0 for s in ("added", "updated", "unchanged", "failed", "removed")}
    for r in results:
        counts[r.status] += 1
    counts["passages"] = sum(r.passages for r in results if r.status in ("added", "updated"))
    failures = [{"file": r.path, "reason": r.reason} for r in results if r.status == "failed"]
    return {**counts, "failures": failures}
