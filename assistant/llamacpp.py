"""The llamacpp backend's model: a GGUF file run by llama-cpp-python, as a llama-index CustomLLM.

Imported only when the llamacpp backend is chosen (it needs the `llamacpp` extra). The chat
goes through llama.cpp's own chat template for the model (`create_chat_completion`).
"""

from __future__ import annotations

from typing import Any, Sequence

from llama_index.core.bridge.pydantic import PrivateAttr
from llama_index.core.llms import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    CustomLLM,
    LLMMetadata,
)
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback


class LlamaCppChat(CustomLLM):
    """A loaded `llama_cpp.Llama`, speaking llama-index's LLM interface."""

    model_path: str
    context_window: int = 8192
    max_tokens: int = 300
    temperature: float = 0.0
    _llama: Any = PrivateAttr()

    def __init__(self, llama: Any, **data: Any):
        super().__init__(**data)
        self._llama = llama

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=self.context_window, num_output=self.max_tokens,
                           is_chat_model=True, model_name=self.model_path)

    def _options(self, kwargs: dict) -> dict:
        return {"max_tokens": kwargs.get("max_tokens") or self.max_tokens, "temperature": self.temperature}

    @staticmethod
    def _messages(messages: Sequence[ChatMessage]) -> list[dict]:
        return [{"role": m.role.value, "content": m.content or ""} for m in messages]

    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        out = self._llama.create_chat_completion(messages=self._messages(messages), **self._options(kwargs))
        return ChatResponse(message=ChatMessage(role="assistant", content=out["choices"][0]["message"]["content"]))

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        chunks = self._llama.create_chat_completion(messages=self._messages(messages), stream=True,
                                                    **self._options(kwargs))

        def gen() -> ChatResponseGen:
            text = ""
            for chunk in chunks:
                delta = chunk["choices"][0].get("delta", {}).get("content") or ""
                text += delta
                yield ChatResponse(message=ChatMessage(role="assistant", content=text), delta=delta)

        return gen()

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        out = self._llama.create_completion(prompt, **self._options(kwargs))
        return CompletionResponse(text=out["choices"][0]["text"])

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        chunks = self._llama.create_completion(prompt, stream=True, **self._options(kwargs))

        def gen() -> CompletionResponseGen:
            text = ""
            for chunk in chunks:
                delta = chunk["choices"][0].get("text") or ""
                text += delta
                yield CompletionResponse(text=text, delta=delta)

        return gen()


def load(path: str, context_window: int, max_tokens: int, temperature: float) -> LlamaCppChat:
    """Load a GGUF file (seconds for a small model) and wrap it."""
    from llama_cpp import Llama

    llama = Llama(model_path=path, n_ctx=context_window, verbose=False)
    return LlamaCppChat(llama, model_path=path, context_window=context_window, max_tokens=max_tokens,
                        temperature=temperature)
