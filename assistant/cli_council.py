"""`cofnod resolutions`: the decisions register on the command line.

Kept apart from `assistant.cli` (which adds it to the `cofnod` group) so the command stays
small; the JSON shape is `{"resolutions": [{"id", "doc", "page", "date", "committee", "item", "text"}]}`.
"""

from __future__ import annotations

import json
import sys
import textwrap

import click

from cofnod.errors import CofnodError
from cofnod.types import Filters, Resolution

JSON_FIELDS = ("id", "doc", "page", "date", "committee", "item", "text")


def resolution_json(r: Resolution) -> dict:
    """One decision as `--json` prints it."""
    return {k: getattr(r, k) for k in JSON_FIELDS}


def _print(r: Resolution) -> None:
    where = ", ".join(b for b in (r.doc, f"p. {r.page}" if r.page else "") if b)
    head = " · ".join(b for b in (r.date or "undated", r.committee, r.item) if b)
    click.echo(f"{head}\n    {where}")
    click.echo(textwrap.indent(textwrap.fill(r.text, 92), "    > "))


@click.command("resolutions")
@click.argument("query", required=False)
@click.option("--committee", help="Only decisions of this committee (e.g. Cabinet).")
@click.option("--from", "date_from", type=click.DateTime(formats=["%Y-%m-%d"]), help="Meetings on or after YYYY-MM-DD.")
@click.option("--to", "date_to", type=click.DateTime(formats=["%Y-%m-%d"]), help="Meetings on or before YYYY-MM-DD.")
@click.option("-n", "limit", type=click.IntRange(1), default=None, help="Show at most N (default: all).")
@click.option("--rebuild", is_flag=True, help="Find the decisions again in every stored paper first (for an index made before the register existed).")
@click.option("--home", type=click.Path(file_okay=False), help="Data home (default $COFNOD_HOME or ~/.cofnod).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def resolutions(query, committee, date_from, date_to, limit, rebuild, home, as_json):
    """List the decisions recorded in minutes, newest first, or those matching QUERY."""
    from assistant import register
    from assistant.core import Assistant
    from cofnod.settings import load_settings

    day = lambda d: d.strftime("%Y-%m-%d") if d else None  # noqa: E731
    try:
        helper = Assistant(load_settings(home=home))
        if rebuild:
            click.echo(f"{register.rebuild(helper.index)} decisions found again", err=True)
        filters = Filters(committee=committee, date_from=day(date_from), date_to=day(date_to))
        found = [r for r, _ in register.search(helper.index, query, filters, limit)]
    except CofnodError as e:
        click.echo(f"cofnod: error: {e}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps({"resolutions": [resolution_json(r) for r in found]}, indent=2, ensure_ascii=False))
    elif not found:
        click.echo("No decisions found." + ("" if query else " (Indexes made before the register: run with --rebuild.)"))
    else:
        for r in found:
            _print(r)
