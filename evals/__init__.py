"""Evaluation: read question sets, score the assistant's results, write reports.

`questions` loads the JSONL question sets described in ../shared/evals/FORMAT.md,
`metrics` scores results with pure functions on plain data, `report` writes the
Markdown report and the plot. Nothing heavy is imported here.
"""
