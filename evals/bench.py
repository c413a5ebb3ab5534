"""Benchmark: ingest throughput and query latency, printed as figures (never asserted).

    python -m evals.bench PATH... --root DIR [--questions FILE.jsonl] [--home DIR] [-n N]

Ingests PATH into a fresh home (a temporary one unless --home is given), then times
`search` and `ask` over the questions of a question set (or a few built-in ones).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from cofnod.settings import load_settings
from evals.metrics import percentile

DEFAULT_QUESTIONS = [
    "What did Cabinet resolve about the budget?",
    "What did the inspectors say about placements for looked after children?",
    "Which decisions were deferred?",
    "How many foster households were approved?",
]


def _questions(path: Path | None, n: int) -> list[str]:
    if path is None:
        return DEFAULT_QUESTIONS[:n]
    from evals.questions import load_questions

    return [q.question for q in load_questions(path)][:n]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--root", type=Path)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--questions", type=Path)
    parser.add_argument("-n", type=int, default=30, help="questions to time")
    args = parser.parse_args(argv)

    from assistant.core import Assistant

    with tempfile.TemporaryDirectory(prefix="cofnod-bench-") as tmp:
        home = args.home or Path(tmp)
        helper = Assistant(load_settings(home=str(home)))
        start = time.perf_counter()
        _ = helper.index.embedder  # model load, reported on its own
        loaded = time.perf_counter()
        results = helper.ingest(args.paths, args.root, exclude=["SOURCES.md"])
        done = time.perf_counter()
        passages = sum(r.passages for r in results if r.status in ("added", "updated"))
        words = sum(p.words for p in helper.index.catalog.all_passages())
        print(f"model load            {loaded - start:8.2f} s")
        print(f"ingest                {done - loaded:8.2f} s  {len(results)} files, {passages} passages, {words} words")
        print(f"ingest throughput     {passages / max(done - loaded, 1e-9):8.1f} passages/s")

        questions = _questions(args.questions, args.n)
        helper.search(questions[0])  # warm caches (keyword index load, first query)
        for label, fn in (("search", helper.search), ("ask", helper.ask)):
            times = []
            for q in questions:
                t = time.perf_counter()
                fn(q)
                times.append(time.perf_counter() - t)
            print(f"{label:<6} latency         p50 {percentile(times, 50) * 1000:7.0f} ms   p95 {percentile(times, 95) * 1000:7.0f} ms"
                  f"   mean {statistics.fmean(times) * 1000:7.0f} ms  ({len(times)} questions)")


if __name__ == "__main__":
    main()
