"""`cofnod eval`: run the systems, score them, write the JSON, the report and the plot."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from evals.questions import load_questions
from evals.report import misses_table, render_markdown, systems_table, write_markdown, write_plot
from evals.run import AssistantSystem, run_system


def _bar(name: str, total: int):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"eval {name}", unit="q", file=sys.stderr)


def run_eval(assistant, questions_path: Path, k: int, json_path: Path | None, report_path: Path | None,
             baselines: list[str], limit: int | None = None) -> str:
    """Run the assistant and the named baselines; returns the text summary to print."""
    from evals.baselines import BASELINES

    questions = load_questions(questions_path)[:limit]
    systems = [AssistantSystem(assistant)] + [BASELINES[name](assistant) for name in baselines]
    runs: dict[str, dict] = {}
    for system in systems:
        bar = _bar(system.name, len(questions))
        runs[system.name] = run_system(system, questions, k, lambda done, total: bar.update(1))
        bar.close()
    main = runs["cofnod"]
    if json_path:
        doc = {**main, "set": str(questions_path), "k": k,
               "baselines": {n: r for n, r in runs.items() if n != "cofnod"}}
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    metrics = {n: r["metrics"] for n, r in runs.items()}
    if report_path:
        png = report_path.with_suffix(".png")
        write_plot(png, {n: r["questions"] for n, r in runs.items()}, questions)
        write_markdown(report_path, main["metrics"], f"Evaluation: {questions_path.name}", metrics, png.name,
                       misses_table(questions, main["questions"]))
    if len(metrics) > 1:
        return systems_table(metrics)
    return render_markdown(main["metrics"], f"Evaluation: {questions_path.name}").split("## By tag")[0]
