"""A polite HTTP client for council sites: a request rate limit, bounded retries, streamed downloads.

Standard library only (urllib). Retries cover what a busy council server does: 5xx, 429,
timeouts and dropped connections, waiting base * 2**n seconds (or the server's
Retry-After) between tries. A 4xx other than 429 is an answer, not a hiccup: no retry.
"""

from __future__ import annotations

import http.client
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ingest.moderngov import FetchError

USER_AGENT = "Cofnod/0.1"
MAX_WAIT = 60.0
_CHUNK = 1 << 16


class HTTPStatusError(FetchError):
    """The server answered with an error status (after any retries)."""

    def __init__(self, url: str, status: int):
        super().__init__(f"{url}: HTTP {status}")
        self.status = status


@dataclass
class Download:
    """A finished download: where it lies and what the server said it was."""

    path: Path
    size: int
    content_type: str
    filename: str | None
    """The file name from Content-Disposition, if the server sent one."""


class RateLimiter:
    """At most `rate` request starts per second (clock and sleep injectable for tests)."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / rate
        self.clock, self.sleep = clock, sleep
        self._next = 0.0

    def wait(self) -> None:
        now = self.clock()
        if now < self._next:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


class PoliteClient:
    """GETs with a rate limit and retries; every failure ends as a FetchError."""

    def __init__(self, rate: float = 2.0, retries: int = 4, backoff: float = 1.0, timeout: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.limiter = RateLimiter(rate, sleep=sleep)
        self.retries, self.backoff, self.timeout = retries, backoff, timeout
        self.sleep = sleep
        self.requests = 0
        """Requests sent, retries included."""

    def get(self, url: str) -> bytes:
        """The body of a GET."""
        return self._with_retries(url, lambda resp: resp.read())

    def download(self, url: str, dest: Path) -> Download:
        """Stream a GET into `dest` (a partial file beside it until complete, then renamed)."""
        part = dest.with_name(f".{dest.name}.part")

        def save(resp) -> Download:
            size = 0
            with part.open("wb") as fh:
                while block := resp.read(_CHUNK):
                    fh.write(block)
                    size += len(block)
            expected = resp.headers.get("Content-Length")
            if expected and expected.isdigit() and int(expected) != size:
                raise http.client.IncompleteRead(b"", int(expected) - size)
            os.replace(part, dest)
            return Download(dest, size, resp.headers.get_content_type(), resp.headers.get_filename())

        try:
            return self._with_retries(url, save)
        finally:
            part.unlink(missing_ok=True)

    def _with_retries(self, url: str, handle):
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        for attempt in range(self.retries + 1):
            self.limiter.wait()
            self.requests += 1
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                    return handle(resp)
            except urllib.error.HTTPError as e:
                e.close()
                if (e.code != 429 and e.code < 500) or attempt == self.retries:
                    raise HTTPStatusError(url, e.code) from e
                self.sleep(self._wait(attempt, e.headers.get("Retry-After")))
            except (OSError, http.client.HTTPException) as e:
                # URLError, timeouts, refused and reset connections, truncated bodies
                if attempt == self.retries:
                    reason = getattr(e, "reason", None) or e
                    raise FetchError(f"{url}: no answer after {attempt + 1} tries: {reason}") from e
                self.sleep(self._wait(attempt, None))
        raise AssertionError("unreachable")

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), MAX_WAIT)
        return min(self.backoff * 2 ** attempt, MAX_WAIT)
