"""Answering with a language model: the openai and llamacpp backends behind one answerer.

Two swap points: `ChatBackend` (a model that streams a chat reply; built on llama-index's
LLM classes, one factory per backend name in `BACKENDS`) and the answerer itself, which
`assistant.core` registers under the same names. Whatever the model writes goes through
the grounding check (`assistant.grounding`) before anyone sees it, sentence by sentence,
so a streamed answer only ever shows checked sentences. When the model cannot be reached,
times out, or does not know the model name, the question is still answered: by the
extractive answerer, with a note saying why.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Callable, Iterator, Protocol

from cofnod.errors import ConfigError, LLMError, MissingExtra
from cofnod.settings import LLMSettings, Settings
from cofnod.types import Answer, Hit

from assistant import prompts
from assistant.extractive import ExtractiveAnswerer, decline
from assistant.followup import standalone
from assistant.grounding import Checker, Claim, Grounded, parse_claims, says_not_in_papers

OnSentence = Callable[[str, list[int]], None]
"""Called with each checked sentence and its citation numbers as soon as it is kept."""

BACKOFF = 0.5
"""Seconds before the first retry; doubled for each one after."""
COOLDOWN = 30.0
"""Seconds during which a model that failed is not asked again (the extractive answer stands in)."""


class Failure(Exception):
    """A backend's failure, explained: the user's message and whether trying again may help."""

    def __init__(self, message: str, retryable: bool):
        super().__init__(message)
        self.retryable = retryable


class ChatBackend(Protocol):
    """A chat model that streams its reply (the swap point below the answerer)."""

    label: str
    """Where the answers come from, for messages: "model 'x' at http://..."."""

    def stream(self, messages: list[tuple[str, str]], max_tokens: int | None = None) -> Iterator[str]: ...

    def explain(self, error: Exception) -> Failure | None:
        """The failure an exception of this backend means, or None for a bug that should propagate."""
        ...


class LlamaIndexChat:
    """Any llama-index LLM as a ChatBackend."""

    def __init__(self, llm, label: str, explain: Callable[[Exception], Failure | None]):
        self.llm = llm
        self.label = label
        self.explain = explain
        self._sized: dict[int, object] = {}

    def stream(self, messages: list[tuple[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        from llama_index.core.llms import ChatMessage

        llm = self.llm
        if max_tokens:  # llama-index's OpenAI lets its own max_tokens win over a call's: use a resized copy
            llm = self._sized.setdefault(max_tokens, self.llm.model_copy(update={"max_tokens": max_tokens}))
        for response in llm.stream_chat([ChatMessage(role=r, content=c) for r, c in messages]):
            if response.delta:
                yield response.delta


# -- backends --------------------------------------------------------------------------

def _explain_openai(url: str, model: str, timeout: float) -> Callable[[Exception], Failure | None]:
    import openai

    def explain(e: Exception) -> Failure | None:
        body = getattr(e, "body", None)
        error = body.get("error", body) if isinstance(body, dict) else None
        detail = (error.get("message") if isinstance(error, dict) else None) or getattr(e, "message", None) or str(e)
        if isinstance(e, openai.APITimeoutError):
            return Failure(f"the language model at {url} did not answer within {timeout:g} s", True)
        if isinstance(e, openai.APIConnectionError):
            cause = e.__cause__ or e.__context__
            return Failure(f"cannot reach the language model at {url} ({cause or detail})", True)
        if isinstance(e, openai.NotFoundError):
            return Failure(f"the model {model!r} is not known at {url} (404: {detail}); check --llm-model "
                           "and that the URL ends in /v1", False)
        if isinstance(e, (openai.AuthenticationError, openai.PermissionDeniedError)):
            return Failure(f"{url} refused the key ({e.status_code}); set OPENAI_API_KEY", False)
        if isinstance(e, openai.APIStatusError):
            return Failure(f"the language model at {url} answered {e.status_code}: {detail}",
                           e.status_code == 429 or e.status_code >= 500)
        if isinstance(e, openai.OpenAIError):
            return Failure(f"the language model client failed: {detail}", False)
        return None

    return explain


def openai_backend(s: LLMSettings) -> ChatBackend:
    """An OpenAI-compatible endpoint (llama.cpp's server, vLLM, Ollama, OpenAI) through llama-index's OpenAILike."""
    if not s.url or not re.match(r"https?://", s.url):
        raise ConfigError("the openai backend needs the endpoint's base URL: --llm-url or COFNOD_LLM_URL "
                          "(e.g. http://127.0.0.1:8080/v1)")
    if not s.model:
        raise ConfigError("the openai backend needs a model name: --llm-model or COFNOD_LLM_MODEL")
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError as e:
        raise MissingExtra("llama-index-llms-openai-like", "openai") from e
    llm = OpenAILike(
        # A local server wants no key, but the openai client refuses to start without one.
        model=s.model, api_base=s.url.rstrip("/"), api_key=s.api_key.get_secret_value() if s.api_key else "no-key",
        is_chat_model=True, context_window=s.context_window, max_tokens=s.max_tokens,
        temperature=s.temperature, timeout=s.timeout,
        max_retries=0,  # retries are ours (`_attempts`): bounded, and never after text has arrived
    )
    return LlamaIndexChat(llm, f"model {s.model!r} at {s.url}", _explain_openai(s.url, s.model, s.timeout))


def llamacpp_backend(s: LLMSettings) -> ChatBackend:
    """A local GGUF file, run in this process by llama-cpp-python (the `llamacpp` extra)."""
    from pathlib import Path

    if not s.model or not Path(s.model).is_file():
        raise ConfigError(f"the llamacpp backend needs the path of a GGUF file: --llm-model or COFNOD_LLM_MODEL"
                          f"{f' ({s.model} is not a file)' if s.model else ''}")
    try:
        import llama_cpp  # noqa: F401
    except ImportError as e:
        raise MissingExtra("llama-cpp-python", "llamacpp") from e
    from assistant.llamacpp import load

    llm = load(s.model, s.context_window, s.max_tokens, s.temperature)

    def explain(e: Exception) -> Failure | None:
        # llama-cpp-python reports a prompt longer than the context as ValueError, a decode failure as RuntimeError.
        return Failure(f"the local model {s.model} failed: {e}", False) if isinstance(e, (ValueError, RuntimeError)) else None

    return LlamaIndexChat(llm, f"local model {s.model}", explain)


BACKENDS: dict[str, Callable[[LLMSettings], ChatBackend]] = {"openai": openai_backend, "llamacpp": llamacpp_backend}


# -- the answerer ----------------------------------------------------------------------

_OPEN_MARKER = re.compile(r"\[[\d,;\s]*$")


@dataclass
class _Incremental:
    """Cuts a reply that arrives in pieces into sentences, handing out each one once it is complete."""

    text: str = ""
    done: int = 0

    def feed(self, piece: str) -> list[Claim]:
        self.text += piece
        claims = parse_claims(_OPEN_MARKER.sub("", self.text))
        # The last sentence may still grow, or still get its [n]: hold it back.
        new = claims[self.done:-1]
        self.done += len(new)
        return new

    def finish(self) -> list[Claim]:
        new = parse_claims(self.text)[self.done:]
        self.done += len(new)
        return new


class LLMAnswerer:
    """Answers from the retrieved passages with a language model, showing only checked sentences.

    Args:
        name: the backend's name ("openai", "llamacpp").
        chat: the model.
        settings: the [llm] settings.
        embed: texts -> unit vectors, for the support score.
        fallback: the extractive answerer, used when the model fails or nothing it says holds.
    """

    name = "llm"
    streams = True

    def __init__(self, name: str, chat: ChatBackend, settings: LLMSettings, embed, fallback: ExtractiveAnswerer):
        self.name = name
        self.chat = chat
        self.settings = settings
        self.embed = embed
        self.fallback = fallback
        self._down_until = 0.0
        self._down_reason = ""

    def terms(self, question: str) -> dict[str, float]:
        return self.fallback.terms(question)

    # -- talking to the model ------------------------------------------------------
    def _stream(self, messages: list[tuple[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        """The reply in pieces, retrying a failed start with backoff; failures become LLMError."""
        if time.monotonic() < self._down_until:
            raise LLMError(self._down_reason)
        for attempt in range(self.settings.retries + 1):
            started = False
            try:
                for piece in self.chat.stream(messages, max_tokens):
                    started = True
                    yield piece
                return
            except Exception as e:  # noqa: BLE001 - every backend error is explained or re-raised below
                failure = self.chat.explain(e)
                if failure is None:
                    raise
                if started or not failure.retryable or attempt == self.settings.retries:
                    tries = f" after {attempt + 1} tries" if attempt else ""
                    self._down_reason = f"{failure}{tries}"
                    self._down_until = time.monotonic() + COOLDOWN
                    raise LLMError(self._down_reason) from e
                time.sleep(BACKOFF * 2 ** attempt)

    # -- answering -----------------------------------------------------------------
    def answer(self, question: str, hits: list[Hit], on_sentence: OnSentence | None = None) -> Answer:
        """A cited answer from the model, checked sentence by sentence; the extractive one if that fails."""
        shown = hits[: self.settings.passages]
        grounded = Grounded(Checker(shown, self.embed, self.settings.min_support))
        reply = _Incremental()

        def take(claims: list[Claim]) -> None:
            for claim in claims:
                if says_not_in_papers(claim.text):
                    continue  # the model declining is not a claim to check
                kept = grounded.add(claim)
                if kept and on_sentence:
                    on_sentence(*kept)

        try:
            for piece in self._stream(prompts.answer_messages(question, shown)):
                take(reply.feed(piece))
            take(reply.finish())
        except LLMError as e:
            if not grounded.sentences:
                return self._instead(question, hits, str(e), len(grounded.removed))
            result = grounded.answer(question, hits)
            result.backend, result.backend_note = self.name, f"the model stopped early: {e}"
            return result
        if grounded.sentences:
            result = grounded.answer(question, hits)
            result.backend = self.name
            return result
        if says_not_in_papers(reply.text):
            result = decline(question, hits)
            result.backend, result.removed = self.name, len(grounded.removed)
            return result
        why = f"none of the model's {len(grounded.removed)} sentence(s) was supported by the passages it cited"
        return self._instead(question, hits, why, len(grounded.removed))

    def _instead(self, question: str, hits: list[Hit], why: str, removed: int) -> Answer:
        """The extractive answer, with a note saying why the model's is not shown."""
        result = self.fallback.answer(question, hits)
        result.removed = removed
        result.backend_note = f"{why}; this answer quotes the papers instead"
        return result

    # -- follow-ups ----------------------------------------------------------------
    def rewrite(self, question: str, history: list[str] | None) -> str:
        """A follow-up made standalone by the model; the simple rule when it fails or says something odd."""
        if not history or not self.settings.rewrite:
            return standalone(question, history)
        try:
            reply = "".join(self._stream(prompts.rewrite_messages(question, history), max_tokens=80))
        except LLMError:
            return standalone(question, history)
        return _rewritten(reply, question, history) or standalone(question, history)


_FILLER = frozenset("what when where which does that this with about there their they were have will would could "
                    "should from into then than them these those".split())


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"\w{4,}", text.lower()) if w not in _FILLER}


def _rewritten(reply: str, question: str, history: list[str]) -> str | None:
    """The first line of a rewrite, if it keeps what the follow-up asks and nothing much besides."""
    line = next((ln.strip() for ln in reply.splitlines() if ln.strip()), "")
    line = re.sub(r"^(?:[-*•]\s*)?(?:standalone question|question)?\s*:?\s*", "", line, flags=re.IGNORECASE)
    line = line.strip(" \"'“”")
    if not line or len(line) > 2 * len(question) + len(history[-1]) + 40:
        return None
    words, asked = _content(line), _content(question)
    # It must keep the follow-up's own key words (a tiny model may just repeat the earlier question)
    # and bring nothing that is in neither the follow-up nor the conversation.
    if not asked <= words or not words <= asked | _content(" ".join(history)):
        return None
    return line


def make_answerer(kind: str, settings: Settings, embedder, idf, papers=None) -> LLMAnswerer:
    """The answerer for an LLM backend name, with the extractive answerer as its stand-in."""
    chat = BACKENDS[kind](settings.llm)
    fallback = ExtractiveAnswerer(settings.answer, embedder, idf, papers)
    return LLMAnswerer(kind, chat, settings.llm, embedder.embed, fallback)
