"""The `cofnod` command line. Scripts depend on the names and JSON shapes here: keep them."""

from __future__ import annotations

import json
import sys
import textwrap
from functools import wraps
from pathlib import Path

import click

from cofnod.errors import CofnodError, MissingExtra
from cofnod.types import DOC_TYPES, Answer, Filters, Hit


def _fail_cleanly(fn):
    """A user mistake or a bad file ends in one clear line and a non-zero exit, not a traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CofnodError as e:
            click.echo(f"cofnod: error: {e}", err=True)
            sys.exit(1)

    return wrapper


def _settings(home: str | None, **overrides):
    from cofnod.settings import load_settings

    return load_settings(home=home, **overrides)


def _assistant(home: str | None, **overrides):
    from assistant.core import Assistant

    return Assistant(_settings(home, **overrides))


home_option = click.option("--home", type=click.Path(file_okay=False), help="Data home (default $COFNOD_HOME or ~/.cofnod).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def llm_options(fn):
    """--llm --llm-url --llm-model, shared by ask, serve and eval; they win over $COFNOD_LLM and friends."""
    for opt in reversed([
        click.option("--llm", type=click.Choice(["extractive", "openai", "llamacpp"]),
                     help="Answer backend (default $COFNOD_LLM, else extractive: no LLM)."),
        click.option("--llm-url", metavar="URL", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (default $COFNOD_LLM_URL)."),
        click.option("--llm-model", metavar="NAME", help="Model name at the endpoint, or a GGUF file for llamacpp (default $COFNOD_LLM_MODEL)."),
    ]):
        fn = opt(fn)
    return fn


def _llm(llm, llm_url, llm_model) -> dict:
    """The --llm flags as settings overrides (the key only ever comes from $OPENAI_API_KEY or the TOML file)."""
    return {"answer__backend": llm, "llm__url": llm_url, "llm__model": llm_model}


def filter_options(fn):
    """--doc --committee --type --from --to, shared by search, ask and eval."""
    date = click.DateTime(formats=["%Y-%m-%d"])
    for opt in reversed([
        click.option("--doc", help="Only this document (path relative to the corpus root)."),
        click.option("--committee", help="Only papers of this committee (e.g. Cabinet)."),
        click.option("--type", "doc_type", type=click.Choice(DOC_TYPES, case_sensitive=False), help="Only this document type."),
        click.option("--from", "date_from", type=date, help="Meetings on or after YYYY-MM-DD."),
        click.option("--to", "date_to", type=date, help="Meetings on or before YYYY-MM-DD."),
        click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Passages to retrieve (default 10)."),
    ]):
        fn = opt(fn)
    return fn


def _filters(doc, committee, doc_type, date_from, date_to) -> Filters:
    day = lambda d: d.strftime("%Y-%m-%d") if d else None  # noqa: E731
    return Filters(doc=doc, committee=committee, doc_type=doc_type.lower() if doc_type else None,
                   date_from=day(date_from), date_to=day(date_to))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cofnod")
def main():
    """Cofnod: ask council papers questions, get answers cited to the paragraph."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), help="Corpus root that document paths are relative to (default: the folder given).")
@click.option("--prune", is_flag=True, help="Remove documents whose files are gone.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files whose name matches (repeatable).")
@home_option
@json_option
@_fail_cleanly
def ingest(paths, root, prune, exclude, home, as_json):
    """Ingest papers (PDF, DOCX, HTML, TXT, Markdown) from files or folders."""
    from tqdm import tqdm

    from assistant.library import pages_named, summarise

    helper = _assistant(home)
    bar = tqdm(total=0, unit="file", desc="ingest", disable=as_json or None, file=sys.stderr)

    def progress(label, done, total):
        bar.total = total
        bar.set_postfix_str(label[-40:], refresh=False)
        bar.update(done - bar.n)

    results = helper.ingest(list(paths), root, prune, exclude, progress)
    bar.close()
    summary = summarise(results)
    if as_json:
        click.echo(json.dumps({**summary, "files": [r.__dict__ for r in results]}, indent=2))
    else:
        click.echo(
            f"{summary['added']} added, {summary['updated']} updated, {summary['unchanged']} unchanged, "
            f"{summary['failed']} failed, {summary['removed']} removed; {summary['passages']} passages indexed"
        )
        for r in results:
            if r.ocr_pages:
                click.echo(f"  OCR: {r.path}: {pages_named(r.ocr_pages)} read by OCR (check quotes against the original)",
                           err=True)
        reread = sum(1 for r in results if r.reread)
        if reread:
            click.echo(f"  {reread} unchanged file(s) read again: this Cofnod reads papers differently, or the "
                       "[ingest] passage sizes or a metadata sidecar changed", err=True)
        for f in summary["failures"]:
            click.echo(f"  failed: {f['file']}: {f['reason']}", err=True)
    if summary["failed"]:
        sys.exit(1)


def _where(d: dict) -> str:
    bits = [d["doc"]]
    if d.get("page"):
        bits.append(f"p. {d['page']}")
    if d.get("paragraph"):
        para = d["paragraph"]
        bits.append(para if para.startswith("¶") else f"para {para}")
    return ", ".join(bits)


def _print_source(label: str, d: dict, quote: str = "    ") -> None:
    """One passage: where it is, what paper it is from, and its text."""
    meta = " · ".join(x for x in (d["title"], d["committee"], d["date"]) if x)
    click.echo(f"{label} {_where(d)}\n    {meta}")
    click.echo(textwrap.indent(textwrap.fill(d["text"], 96 - len(quote) + 4), quote))


def _print_hits(hits: list[Hit]) -> None:
    for n, hit in enumerate(hits, start=1):
        _print_source(f"{n:>2}.", hit.to_dict())
        click.echo(f"    score {hit.score:.4f}")


@main.command()
@click.argument("question")
@filter_options
@home_option
@json_option
@_fail_cleanly
def search(question, doc, committee, doc_type, date_from, date_to, k, home, as_json):
    """Show the passages that best match QUESTION."""
    hits = _assistant(home).search(question, _filters(doc, committee, doc_type, date_from, date_to), k)
    if as_json:
        click.echo(json.dumps({"passages": [h.to_dict() for h in hits]}, indent=2, ensure_ascii=False))
    elif not hits:
        click.echo("No passages found.")
    else:
        _print_hits(hits)


def _print_answer(answer: Answer, streamed: bool = False) -> None:
    if answer.note:
        click.echo(textwrap.fill(f"({answer.note[:1].upper()}{answer.note[1:]}; --no-infer searches all the papers.)", 96))
    if not streamed or answer.abstained:  # a streamed answer may still be withdrawn at the end
        if answer.caveat:
            click.echo(textwrap.fill(f"({answer.caveat})", 96))
        click.echo(textwrap.fill(answer.text, 96))
    elif answer.caveat:
        click.echo(f"({answer.caveat})")
    if answer.backend_note:
        click.echo(f"cofnod: note: {answer.backend_note}", err=True)
    if answer.also_searched:
        click.echo(f"(also searched for the papers' words: {', '.join(answer.also_searched)})")
    if answer.citations:
        click.echo("\nSources:")
        for c in answer.citations:
            _print_source(f"[{c.n}]", c.to_dict(), "    > ")


@main.command()
@click.argument("question")
@filter_options
@click.option("--history", multiple=True, help="An earlier question of the same conversation (repeatable, oldest first).")
@click.option("--no-infer", is_flag=True, help="Do not narrow the search by the dates and committee the question names.")
@llm_options
@home_option
@json_option
@_fail_cleanly
def ask(question, doc, committee, doc_type, date_from, date_to, k, history, no_infer, llm, llm_url, llm_model, home,
        as_json):
    """Answer QUESTION from the papers, citing paragraph, page and document."""
    shown: list[str] = []

    def show(text: str, numbers: list[int]) -> None:  # an LLM answer's checked sentences, as they are kept
        shown.append(text)
        click.echo(f"{text} " + " ".join(f"[{n}]" for n in numbers) + " ", nl=False)

    answer = _assistant(home, **_llm(llm, llm_url, llm_model)).ask(
        question, _filters(doc, committee, doc_type, date_from, date_to), list(history), k,
        on_sentence=None if as_json else show, infer=not no_infer)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
    else:
        if shown:
            click.echo()
        _print_answer(answer, streamed=bool(shown))


@main.command()
@home_option
@json_option
@_fail_cleanly
def status(home, as_json):
    """What the index holds and where it lives."""
    helper = _assistant(home)
    info = helper.status()
    docs = helper.documents()
    if as_json:
        click.echo(json.dumps({**info, "documents_list": [d.to_dict() for d in docs]}, indent=2))
        return
    click.echo(
        f"home:       {info['home']}\nchroma:     {info['chroma']} (collection {info['collection']})\n"
        f"model:      {info['model']}"
        f"; vectors from {info['embedded_with'] or 'a model not recorded'}\n"
        f"documents:  {info['documents']}\npassages:   {info['passages']}"
        f" ({info['vectors']} vectors)"
    )
    for d in docs:
        click.echo(f"  {d.date or '----------'}  {d.doc_type:<17} {d.passages:>5}  {d.doc}")


@main.command("eval")
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-k", "k", type=click.IntRange(1, 100), default=10, show_default=True, help="Passages retrieved per question.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Write metrics and every answer here.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write a Markdown report (and a PNG beside it).")
@click.option("--baseline", "baselines", multiple=True, type=click.Choice(["bm25", "llama-index-default"]), help="Also run a baseline on the same documents (repeatable).")
@click.option("--limit", type=click.IntRange(1), help="Only the first N questions.")
@click.option("--compare", "earlier", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An earlier run's --json: compare with it question by question (what got worse).")
@click.option("--require", "requirements", multiple=True, metavar="METRIC>=VALUE",
              help="Exit with status 1 when the assistant misses it, e.g. 'hit@600w>=0.9' or "
                   "'unanswerable_answered_rate<=0.2', quoted for the shell (repeatable; metric names as in --json).")
@llm_options
@home_option
@_fail_cleanly
def eval_(questions, k, json_path, report_path, baselines, limit, earlier, requirements, llm, llm_url, llm_model,
          home):
    """Score the assistant on a question set (see shared/evals/FORMAT.md).

    Every mean comes with a 95% interval over questions; against a baseline or an
    earlier run, differences come with a paired test, so noise is not read as progress.
    """
    from evals.cli import parse_requirement, run_eval

    wanted = [parse_requirement(r) for r in requirements]
    summary, missed = run_eval(_assistant(home, **_llm(llm, llm_url, llm_model)), questions, k, json_path,
                               report_path, list(baselines), limit, earlier, wanted)
    click.echo(summary)
    for line in missed:
        click.echo(f"cofnod: below requirement: {line}", err=True)
    if missed:
        sys.exit(1)


@main.command()
@home_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (0.0.0.0 for all).")
@click.option("--port", type=click.IntRange(1, 65535), default=7860, show_default=True, help="Port to listen on.")
@click.option("--auth-file", type=click.Path(exists=True, dir_okay=False),
              help="File of user:password lines; login is then required. $COFNOD_UI_USERS (user:pw,user2:pw2) adds users.")
@llm_options
@_fail_cleanly
def serve(home, host, port, auth_file, llm, llm_url, llm_model):
    """Open the chat in the browser."""
    try:
        from ui.app import main_serve
    except ImportError as e:
        raise MissingExtra("gradio", "ui") from e
    main_serve(home, host, port, auth_file, **_llm(llm, llm_url, llm_model))


@main.command()
@click.option("--questions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("samples/questions.jsonl"), show_default=True, help="Sample questions to answer.")
@home_option
@_fail_cleanly
def demo(questions, home):
    """Answer the sample questions, then take your own (until the chat opens in a browser)."""
    from evals.questions import load_questions
    from evals.run import scope_filters

    helper = _assistant(home)
    for q in load_questions(questions):
        click.secho(f"\n? {q.question}", bold=True)
        _print_answer(helper.ask(q.question, scope_filters(q.scope), list(q.history)))
    if not sys.stdin.isatty():
        return
    history: list[str] = []
    while True:
        try:
            question = click.prompt("\nYour question (empty to stop)", default="", show_default=False)
        except (EOFError, click.Abort):
            return
        if not question.strip():
            return
        _print_answer(helper.ask(question, None, history))
        history.append(question)


@main.command("fetch-moderngov")
@click.argument("base_url")
@click.option("--committee", help="Committee id, or (part of) its name; default: every committee.")
@click.option("--from", "date_from", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Meetings on or after this day (default: a year before --to).")
@click.option("--to", "date_to", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Meetings on or before this day (default: today).")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), help="Folder for the papers (default <home>/moderngov/<host>/).")
@click.option("--rate", type=click.FloatRange(min=0, min_open=True), help="Most requests per second (default 2).")
@home_option
@_fail_cleanly
def fetch_moderngov(base_url, committee, date_from, date_to, into, rate, home):
    """Fetch a ModernGov site's meetings (documents, minutes per item) and ingest them.

    Run it again to go on after an interruption: what is already here is not fetched again.
    """
    from assistant.fetching import fetch_and_ingest

    day = lambda d: d.date() if d else None  # noqa: E731
    sys.exit(fetch_and_ingest(_settings(home, moderngov__rate=rate), base_url, committee,
                              day(date_from), day(date_to), into))


from assistant.cli_council import resolutions  # noqa: E402  (its own module; it does not import this one)

main.add_command(resolutions)


if __name__ == "__main__":
    main()
