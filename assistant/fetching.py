"""`cofnod fetch-moderngov`: fetch a ModernGov site's papers into a folder, then ingest that folder."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import click

from cofnod.settings import Settings


def default_into(settings: Settings, root: str) -> Path:
    """<home>/moderngov/<host>/ (a port, if any, joined with "_")."""
    return Path(settings.home) / "moderngov" / urlsplit(root).netloc.replace(":", "_")


def fetch_and_ingest(settings: Settings, url: str, committee: str | None, date_from: date | None,
                     date_to: date | None, into: Path | None, quiet: bool = False) -> int:
    """Fetch, print the fetch summary, ingest what the folder holds, print that summary.

    Returns the exit status: 0, or 1 when the fetch stopped early or anything failed.
    Raises FetchError (a CofnodError) when the fetch cannot start at all.
    """
    from tqdm import tqdm

    from assistant.core import Assistant
    from assistant.library import summarise
    from ingest.moderngov import site_root
    from ingest.moderngov_fetch import fetch_site, ingestable_files, unreadable_files

    into = into or default_into(settings, site_root(url))
    bar = tqdm(total=0, unit="meeting", desc="fetch", disable=quiet or None, file=sys.stderr)

    def progress(label: str, done: int, total: int) -> None:
        bar.total = total
        bar.set_postfix_str(label[-40:], refresh=False)
        bar.update(done - bar.n)

    try:
        report = fetch_site(url, into, settings.moderngov, committee, date_from, date_to, progress)
    finally:
        bar.close()
    for line in report.lines():
        click.echo(line)
    files, unreadable = ingestable_files(into), unreadable_files(into)
    if unreadable:
        click.echo(f"kept but not ingested (file types Cofnod cannot read): {len(unreadable)}")
    summary = {"failed": 0}
    if files:
        summary = _ingest(Assistant(settings), files, into, quiet, tqdm, summarise)
    click.echo(f"papers in {into}")
    if report.error:
        click.echo(f"cofnod: error: {report.error} (what was fetched is kept; run again to go on)", err=True)
    return 1 if report.error or report.failed or summary["failed"] else 0


def _ingest(helper, files: list[Path], into: Path, quiet: bool, tqdm, summarise) -> dict:
    bar = tqdm(total=len(files), unit="file", desc="ingest", disable=quiet or None, file=sys.stderr)

    def progress(label, done, total):
        bar.set_postfix_str(label[-40:], refresh=False)
        bar.update(done - bar.n)

    try:
        results = helper.ingest(files, into, progress=progress)
    finally:
        bar.close()
        helper.close()
    s = summarise(results)
    click.echo(f"ingest: {s['added']} added, {s['updated']} updated, {s['unchanged']} unchanged, "
               f"{s['failed']} failed; {s['passages']} passages indexed")
    for f in s["failures"]:
        click.echo(f"  failed: {f['file']}: {f['reason']}", err=True)
    return s
