"""Write an evaluation's Markdown report and its plot."""

from __future__ import annotations

from pathlib import Path

from cofnod.errors import MissingExtra
from evals.metrics import recall_at_budgets
from evals.questions import Question

ROWS: list[tuple[str, str]] = [
    ("recall@k", "Evidence recall @k"),
    ("recall@600w", "Evidence recall @600w"),
    ("hit@k", "Hit @k"),
    ("hit@600w", "Hit @600w"),
    ("mrr", "MRR"),
    ("words_per_passage", "Words per passage"),
    ("citation_precision", "Citation precision"),
    ("citation_recall", "Citation recall"),
    ("must_include", "Must-include facts"),
    ("token_f1", "Token F1"),
    ("abstention_accuracy", "Abstention accuracy"),
    ("unanswerable_answered_rate", "Unanswerable answered (lower is better)"),
    ("answerable_declined_rate", "Answerable declined (lower is better)"),
    ("latency_retrieval_p50", "Retrieval latency p50 (s)"),
    ("latency_retrieval_p95", "Retrieval latency p95 (s)"),
    ("latency_answer_p50", "Answer latency p50 (s)"),
    ("latency_answer_p95", "Answer latency p95 (s)"),
    ("sentences_removed", "Sentences removed by the grounding check (mean per question)"),
    ("questions", "Questions"),
]
"""Metric key and label, in report order."""

TAG_COLUMNS = ["questions", "recall@600w", "hit@600w", "mrr", "citation_precision",
               "must_include", "token_f1", "abstention_accuracy"]
"""The metrics shown per tag: enough to see where a system is weak."""

NOTES = """\
Retrieval metrics are over answerable questions with evidence; @600w reads the ranked
passages up to their first 600 words. Must-include and token F1 are over answerable
questions that were answered. Latency percentiles interpolate linearly between ranks.
A dash means no question to average over."""

BUDGETS = list(range(100, 1501, 100))
"""Word budgets on the x axis of the recall plot."""


def fmt(value: object, key: str = "") -> str:
    """A cell: integers as they are, latencies to 2 decimals, other numbers to 3, None as a dash."""
    if value is None:
        return "–"
    if isinstance(value, bool) or isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        if key == "words_per_passage":
            return f"{value:.1f}"
        return f"{value:.2f}" if key.startswith("latency") else f"{value:.3f}"
    return str(value)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def overall_table(metrics: dict) -> str:
    """One system's metrics, a row each; with a 95% interval column when the run has them."""
    spans = metrics.get("intervals") or {}
    if not spans:
        return table(["Metric", "Value"], [[label, fmt(metrics.get(key), key)] for key, label in ROWS])
    return table(["Metric", "Value", "95% interval"],
                 [[label, fmt(metrics.get(key), key), span(spans.get(key))] for key, label in ROWS])


def span(pair: list[float] | None, signed: bool = False) -> str:
    """An interval as "low – high" (with signs for differences); empty when there is none."""
    if not pair:
        return ""
    cell = (lambda v: f"{v:+.3f}") if signed else (lambda v: f"{v:.3f}")
    return f"{cell(pair[0])} – {cell(pair[1])}"


PAIRED_NOTE = """Differences are this run minus the other, over the questions both score; the interval
is a bootstrap over questions and p a paired sign-flip test (2,000 draws each). A p
above 0.05 means the difference could be chance at this number of questions."""


def paired_table(comparisons: dict[str, dict[str, dict]]) -> str:
    """A row per (other run, metric): the difference, its interval, p and the question counts.

    Args:
        comparisons: {other run's name: `evals.stats.compare` result}.
    """
    labels = dict(ROWS)
    rows = []
    for other, by_metric in comparisons.items():
        for key, r in by_metric.items():
            p = "< 0.001" if r["p"] < 0.001 else f"{r['p']:.3f}"
            rows.append([labels.get(key, key), _cell(other), f"{r['difference']:+.3f}",
                         span([r["low"], r["high"]], signed=True), p,
                         f"{r['better']} / {r['worse']} of {r['questions']}"])
    return table(["Metric", "against", "difference", "95% interval", "p", "questions better / worse"], rows)


def changes_table(changes: list[dict]) -> str | None:
    """A row per question whose figures moved between two runs (`evals.stats.changed`)."""
    if not changes:
        return None
    rows = [[_cell(c["id"]), "worse" if c["worse"] else "better or moved",
             "; ".join(f"{key} {fmt(a, key)} → {fmt(b, key)}" for key, (a, b) in c["changes"].items())]
            for c in changes]
    return table(["question", "direction", "before → now"], rows)


def systems_table(runs: dict[str, dict]) -> str:
    """Several systems side by side: a row per metric, a column per system."""
    names = list(runs)
    return table(["Metric", *names],
                 [[label, *(fmt(runs[n].get(key), key) for n in names)] for key, label in ROWS])


def tag_table(by_tag: dict[str, dict]) -> str:
    """A row per tag with the TAG_COLUMNS metrics."""
    return table(["Tag", *TAG_COLUMNS],
                 [[tag, *(fmt(m.get(key), key) for key in TAG_COLUMNS)]
                  for tag, m in sorted(by_tag.items())])


def _problems(s: dict) -> list[str]:
    """What went wrong for one scored question (`evals.metrics.score_question`), worst first."""
    found = []
    if not s["answerable"] and not s["abstained"]:
        found.append("answered an unanswerable question")
    if s["answerable"] and s["abstained"]:
        found.append("declined")
    if s["hit@600w"] == 0:
        found.append("no evidence in the first 600 words")
    if s["citation_precision"] is not None and s["citation_precision"] < 1:
        found.append(f"citation precision {s['citation_precision']:.2f}")
    if s["must_include"] is not None and s["must_include"] < 1:
        found.append(f"must-include {s['must_include']:.2f}")
    return found


def misses_table(questions: list[Question], results: list[dict]) -> str | None:
    """One row per question that went wrong: the first places to look after a run."""
    from evals.metrics import score_question

    rows = []
    for q, r in zip(questions, results):
        problems = _problems(score_question(q, r))
        if problems:
            first = (r.get("passages") or [{}])[0]
            where = f"{Path(first['doc']).name} p.{first.get('page') or '–'}" if first.get("doc") else "–"
            text = " ".join(q.question.split())
            rows.append([q.id, "; ".join(problems), _cell(text[:100] + ("…" if len(text) > 100 else "")),
                         _cell(where)])
    return table(["question", "what went wrong", "asked", "first passage"], rows) if rows else None


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(metrics: dict, title: str, runs: dict[str, dict] | None = None,
                    plot: str | None = None, misses: str | None = None,
                    sections: list[tuple[str, str]] = ()) -> str:
    """The report's Markdown text (see `write_markdown`)."""
    parts = [f"# {title}", "", "## Overall", "", overall_table(metrics), ""]
    if runs and len(runs) > 1:
        parts += ["## Systems side by side", "", systems_table(runs), ""]
    for heading, body in sections:
        parts += [f"## {heading}", "", body, ""]
    if plot:
        parts += [f"![Evidence recall against words read, and latency]({plot})", ""]
    if metrics.get("by_tag"):
        parts += ["## By tag", "", tag_table(metrics["by_tag"]), ""]
    for name, m in (runs or {}).items():
        if len(runs) > 1 and m.get("by_tag") and m is not metrics:
            parts += [f"### By tag: {name}", "", tag_table(m["by_tag"]), ""]
    if misses:
        parts += ["## Questions to look at", "", misses, ""]
    parts += [NOTES, ""]
    return "\n".join(parts)


def write_markdown(path: str | Path, metrics: dict, title: str,
                   runs: dict[str, dict] | None = None, plot: str | None = None,
                   misses: str | None = None, sections: list[tuple[str, str]] = ()) -> Path:
    """Write the Markdown report.

    Args:
        path: where to write it.
        metrics: `evals.metrics.aggregate` output for the system under test.
        title: the report's heading.
        runs: several systems' aggregates by name ({"cofnod": ..., "bm25": ...}); with
            more than one, a side-by-side table and each system's by-tag table are added.
        plot: a PNG path (relative to the report) to show under the tables.
        misses: the `misses_table` of the system under test, if any question went wrong.
        sections: (heading, Markdown) pairs placed after the side-by-side table, such as
            the paired comparisons.

    Returns:
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(metrics, title, runs, plot, misses, sections), encoding="utf-8")
    return path


def write_plot(path_png: str | Path, results_by_system: dict[str, list[dict]],
               questions: list[Question]) -> Path:
    """Write a PNG: evidence recall against words read, and answer latency per system.

    Args:
        path_png: where to write it.
        results_by_system: each system's raw results (as `score_question` takes them).
        questions: the question set the results answer.

    Returns:
        The path written.

    Raises:
        MissingExtra: matplotlib is not installed.
    """
    try:
        from matplotlib.figure import Figure  # lazy: only reports need it
    except ImportError as e:
        raise MissingExtra("matplotlib", "eval") from e
    fig = Figure(figsize=(11, 4.5), layout="constrained")
    recall_ax, latency_ax = fig.subplots(1, 2)
    for name, results in results_by_system.items():
        ys = recall_at_budgets(results, questions, BUDGETS)
        recall_ax.plot(BUDGETS, [float("nan") if y is None else y for y in ys],
                       marker="o", markersize=3, label=name)
    recall_ax.set(xlabel="Words read (ranked passages, cumulative)",
                  ylabel="Mean evidence recall", title="Evidence recall vs words read",
                  ylim=(0, 1.02), xlim=(BUDGETS[0], BUDGETS[-1]))
    recall_ax.axvline(600, color="grey", linestyle=":", linewidth=1)
    recall_ax.grid(alpha=0.3)
    if results_by_system:
        recall_ax.legend(loc="lower right")
    _latency_panel(latency_ax, results_by_system)
    path = Path(path_png)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", dpi=120)
    return path


def _latency_panel(ax, results_by_system: dict[str, list[dict]]) -> None:
    """Box plot of whole-answer seconds per system (systems with no timings left out)."""
    names, data = [], []
    for name, results in results_by_system.items():
        times = [r["seconds"] for r in results if r.get("seconds") is not None]
        if times:
            names.append(name)
            data.append(times)
    ax.set(title="Answer latency per question", ylabel="Seconds")
    if not data:
        ax.text(0.5, 0.5, "no timings", ha="center", va="center", transform=ax.transAxes)
        return
    ax.boxplot(data, showfliers=True)
    ax.set_xticks(range(1, len(names) + 1), names)
    ax.grid(alpha=0.3, axis="y")
