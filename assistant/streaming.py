"""An answer as it arrives: `Assistant.ask` run in a worker thread, its checked sentences handed out one by one.

For the chat, which shows sentences as a streaming (LLM) answerer keeps them; with the
extractive answerer nothing arrives early and only the final `Answer` comes out.
"""

from __future__ import annotations

import queue
import threading
from contextlib import nullcontext
from typing import Iterator

from cofnod.types import Answer, Filters

_DONE = object()


def stream_ask(assistant, question: str, filters: Filters | None = None, history: list[str] | None = None,
               k: int | None = None, lock=None) -> Iterator[tuple[str, list[int]] | Answer]:
    """Yields each checked (sentence, citation numbers) as it is kept, then the final Answer.

    `lock` is held by the worker around `ask` (the caller's thread may change between steps
    of a generator, so the caller cannot hold it). An error in `ask` is raised here.
    """
    out: queue.Queue = queue.Queue()

    def work() -> None:
        try:
            with lock or nullcontext():
                out.put(assistant.ask(question, filters, history, k,
                                      on_sentence=lambda text, ns: out.put((text, list(ns)))))
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread and raised there
            out.put(e)
        out.put(_DONE)

    worker = threading.Thread(target=work, name="cofnod-ask", daemon=True)
    worker.start()
    while (item := out.get()) is not _DONE:
        if isinstance(item, BaseException):
            raise item
        yield item
    worker.join()
