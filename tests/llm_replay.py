"""A tiny OpenAI-compatible server on 127.0.0.1 that replays recorded exchanges (or records them).

The real client code (llama-index's OpenAILike over the openai package over httpx) talks to
it over a real socket, so streaming, timeouts and error statuses go through the same code a
real endpoint exercises.

Replay (the default): each request must equal a recorded one (method, path and JSON body),
and gets the recorded status and body back (Server-Sent Events included). A request that
is not in the cassette gets 418 and fails the test at teardown, with the body to look at.

Record: with COFNOD_RECORD_LLM_URL=http://127.0.0.1:PORT (a llama.cpp server, say), each
request is forwarded there and the exchange written to the cassette. Only the request body
and the response's status, content type and body are kept: no header, so no key.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CASSETTES = Path(__file__).parent / "cassettes"
RECORD_ENV = "COFNOD_RECORD_LLM_URL"


@dataclass
class Scripted:
    """A hand-written reply, for failures a real server will not produce on demand (404 model, 503, slowness)."""

    status: int = 200
    body: str = ""
    content_type: str = "application/json"
    delay: float = 0.0


@dataclass
class ReplayServer:
    cassette: Path | None = None
    script: list[Scripted] = field(default_factory=list)
    """Replies served in order instead of a cassette (the last one repeats)."""
    upstream: str | None = None
    requests: list[dict] = field(default_factory=list)
    """Every request received: {"path", "json", "authorization": bool}."""
    errors: list[str] = field(default_factory=list)
    recorded: list[dict] = field(default_factory=list)

    def __post_init__(self):
        self.interactions: list[dict] = []
        if self.cassette is not None and not self.upstream:
            self.interactions = json.loads(self.cassette.read_text(encoding="utf-8"))["interactions"]
        self._used: set[int] = set()
        self._lock = threading.Lock()

    # -- serving -------------------------------------------------------------------
    def reply(self, path: str, body: dict) -> Scripted:
        if self.script:
            return self.script[min(len(self.requests) - 1, len(self.script) - 1)]
        if self.upstream:
            return self._forward(path, body)
        with self._lock:
            for i, it in enumerate(self.interactions):
                if i not in self._used and it["request"]["path"] == path and it["request"]["json"] == body:
                    self._used.add(i)
                    r = it["response"]
                    return Scripted(r["status"], r["body"], r["content_type"])
        self.errors.append(f"request not in {self.cassette.name}: {path} {json.dumps(body)[:2000]}\n"
                           f"(re-record with {RECORD_ENV}=http://127.0.0.1:PORT if the prompt changed on purpose)")
        return Scripted(418, json.dumps({"error": {"message": "not in the cassette"}}))

    def _forward(self, path: str, body: dict) -> Scripted:
        import httpx

        r = httpx.post(self.upstream.rstrip("/") + path, json=body, timeout=600)
        out = Scripted(r.status_code, r.text, r.headers.get("content-type", "application/json").split(";")[0])
        self.recorded.append({"request": {"method": "POST", "path": path, "json": body},
                              "response": {"status": out.status, "content_type": out.content_type, "body": out.body}})
        return out

    def start(self) -> str:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 - the http.server API
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                body = json.loads(raw or b"{}")
                server.requests.append({"path": self.path, "json": body,
                                        "authorization": self.headers.get("authorization")})
                r = server.reply(self.path, body)
                time.sleep(r.delay)
                data = r.body.encode("utf-8")
                try:
                    self.send_response(r.status)
                    self.send_header("content-type", r.content_type)
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to tell it

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.upstream and self.cassette is not None and self.recorded:
            self.cassette.write_text(json.dumps({"recorded_from": os.environ.get("COFNOD_RECORD_NOTE", self.upstream),
                                                 "interactions": self.recorded}, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")


def sse_text(body: str) -> str:
    """The text a recorded Server-Sent Events (or plain JSON) chat reply carries."""
    if not body.lstrip().startswith("data:"):
        return json.loads(body)["choices"][0]["message"]["content"]
    text = ""
    for line in body.splitlines():
        if line.startswith("data:") and line[5:].strip() != "[DONE]":
            choice = json.loads(line[5:])["choices"][0]
            text += (choice.get("delta") or {}).get("content") or ""
    return text
