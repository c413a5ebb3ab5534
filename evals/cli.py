"""`cofnod eval`: run the systems, score them, write the JSON, the report and the plot."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from cofnod.errors import CofnodError
from evals.questions import Question, load_questions
from evals.report import (PAIRED_NOTE, ROWS, changes_table, misses_table, paired_table, render_markdown,
                          systems_table, write_markdown, write_plot)
from evals.run import AssistantSystem, run_and_score, score_all
from evals.stats import changed, compare


_REQUIREMENT = re.compile(r"^\s*([\w@.]+)\s*(>=|<=)\s*(\d+(?:\.\d*)?|\.\d+)\s*$")
Requirement = tuple[str, str, float]


def parse_requirement(text: str) -> Requirement:
    """"mrr>=0.8" -> ("mrr", ">=", 0.8); the metric must be one the run reports.

    Raises:
        CofnodError: naming the requirement, when it is not METRIC>=VALUE or METRIC<=VALUE
            or names no reported metric.
    """
    found = _REQUIREMENT.match(text)
    if not found:
        raise CofnodError(f"--require {text!r}: write METRIC>=VALUE or METRIC<=VALUE, in quotes so that the "
                          f"shell leaves > and < alone, e.g. --require 'hit@600w>=0.9'")
    name, op, value = found.groups()
    known = [key for key, _ in ROWS]
    if name not in known:
        raise CofnodError(f"--require {text!r}: no metric {name!r}; one of: {', '.join(known)}")
    return name, op, float(value)


def unmet(metrics: dict, requirements: list[Requirement]) -> list[str]:
    """A line for each requirement the run's metrics miss (a metric with no value misses)."""
    out = []
    for name, op, bound in requirements:
        value = metrics.get(name)
        if value is None:
            out.append(f"{name} has no value (no question to average over); required {op} {bound:g}")
        elif (op == ">=" and value < bound) or (op == "<=" and value > bound):
            out.append(f"{name} is {value:.3f}; required {op} {bound:g}")
    return out


def _bar(name: str, total: int):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"eval {name}", unit="q", file=sys.stderr)


def load_earlier(path: Path, questions: list[Question]) -> tuple[list[Question], list[dict], int | None]:
    """An earlier `cofnod eval --json` run: its records for the questions of this set.

    Returns:
        (the questions it answered, in this set's order; their records; its -k if it says).

    Raises:
        CofnodError: naming the file, when it cannot be read, is not such a run, or shares
            no question with this set.
    """
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CofnodError(f"{path}: cannot read the earlier run: {e.strerror or e}") from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CofnodError(f"{path}: not an earlier `cofnod eval --json` file: not JSON ({e})") from e
    records = doc.get("questions") if isinstance(doc, dict) else None
    if not isinstance(records, list):
        raise CofnodError(f"{path}: not an earlier `cofnod eval --json` file: no \"questions\" list")
    by_id = {r["id"]: r for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}
    shared = [q for q in questions if q.id in by_id]
    if not shared:
        raise CofnodError(f"{path}: none of its {len(records)} questions is in this question set")
    their_k = doc.get("k")
    return shared, [by_id[q.id] for q in shared], their_k if isinstance(their_k, int) else None


def earlier_caveats(k: int, their_k: int | None, questions: list[Question], shared: list[Question]) -> list[str]:
    """What makes an earlier run not quite like for like: another -k, or questions missing."""
    out = []
    if their_k is not None and their_k != k:
        out.append(f"The earlier run kept {their_k} passages a question (-k) and this one {k}: "
                   f"the @k figures are not like for like.")
    if len(shared) < len(questions):
        out.append(f"The earlier run answered {len(shared)} of this run's {len(questions)} questions; "
                   f"only those are compared.")
    return out


def read_earlier(path: Path, questions: list[Question], k: int) -> tuple[list[dict], list[str]]:
    """An earlier run scored against this question set, and what makes it not like for like."""
    shared, records, their_k = load_earlier(path, questions)
    try:
        scored = score_all(shared, records)
    except (TypeError, AttributeError, KeyError, ValueError) as e:
        raise CofnodError(f"{path}: a question's record is not in the `--json` shape ({e!r})") from e
    return scored, earlier_caveats(k, their_k, questions, shared)


def run_eval(assistant, questions_path: Path, k: int, json_path: Path | None, report_path: Path | None,
             baselines: list[str], limit: int | None = None, earlier: Path | None = None,
             requirements: list[Requirement] = ()) -> tuple[str, list[str]]:
    """Run the assistant and the named baselines.

    With `earlier` (an earlier run's `--json`), this run is also compared with it, question
    by question. The earlier file is read before anything runs, so a bad one costs nothing.

    Returns:
        (the text summary to print, a line for each of `requirements` the assistant misses).
    """
    from evals.baselines import BASELINES

    questions = load_questions(questions_path)[:limit]
    scored_before, caveats = read_earlier(earlier, questions, k) if earlier else (None, [])
    systems = [AssistantSystem(assistant)] + [BASELINES[name](assistant) for name in baselines]
    runs: dict[str, dict] = {}
    scored: dict[str, list[dict]] = {}
    for system in systems:
        bar = _bar(system.name, len(questions))
        runs[system.name], scored[system.name] = run_and_score(system, questions, k,
                                                               lambda done, total: bar.update(1))
        bar.close()
    main = runs["cofnod"]
    pairs = {name: compare(scored["cofnod"], s) for name, s in scored.items() if name != "cofnod"}
    moved = None
    if scored_before is not None:
        pairs[f"earlier run ({earlier.name})"] = compare(scored["cofnod"], scored_before)
        moved = changed(scored["cofnod"], scored_before)
    if json_path:
        _write_json(json_path, {**main, "set": str(questions_path), "k": k,
                                "baselines": {n: r for n, r in runs.items() if n != "cofnod"}, "paired": pairs,
                                **({"changed": moved} if moved is not None else {})})
    metrics = {n: r["metrics"] for n, r in runs.items()}
    sections = _sections(pairs, moved, caveats)
    if report_path:
        png = report_path.with_suffix(".png")
        write_plot(png, {n: r["questions"] for n, r in runs.items()}, questions)
        write_markdown(report_path, main["metrics"], f"Evaluation: {questions_path.name}", metrics, png.name,
                       misses_table(questions, main["questions"]), sections)
    summary = systems_table(metrics) if len(metrics) > 1 else render_markdown(
        main["metrics"], f"Evaluation: {questions_path.name}").split("## By tag")[0].rstrip()
    text = "\n\n".join([summary] + [f"## {heading}\n\n{body}" for heading, body in sections])
    return text, unmet(main["metrics"], list(requirements))


def _write_json(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")


def _sections(pairs: dict[str, dict], moved: list[dict] | None, caveats: list[str] = ()) -> list[tuple[str, str]]:
    """The report's paired comparison and, against an earlier run, the questions that moved."""
    out = []
    if any(pairs.values()):
        out.append(("Cofnod against the others, question by question",
                    "\n\n".join([paired_table(pairs), PAIRED_NOTE, *caveats])))
    if moved is not None:
        out.append(("Questions that moved since the earlier run",
                    changes_table(moved) or "None: every question scores as it did."))
    return out
