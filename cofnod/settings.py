"""One settings object, nested by stage, fed by defaults < TOML file < environment < flags.

Nothing deep in the code reads the environment: the CLI and the UI build a `Settings`
with `load_settings()` and pass it down.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cofnod.errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class IngestSettings(_Strict):
    max_words: int = Field(200, description="Longest passage in words; longer paragraphs split at sentences.")
    min_words: int = Field(8, description="Shorter body paragraphs are merged into their neighbour when possible.")
    max_file_mb: float = Field(100.0, description="Files larger than this are refused.")


class IndexSettings(_Strict):
    collection: str = Field("passages", description="Chroma collection name.")
    chroma_url: str | None = Field(
        None, description="http://host:port of a Chroma server; None keeps Chroma on disk under home."
    )
    model_path: str | None = Field(
        None, description="Sentence-transformers model folder; None uses the bundled all-MiniLM-L6-v2."
    )
    embed_batch: int = Field(64, description="Passages embedded per batch.")
    rrf_k: int = Field(60, description="Reciprocal rank fusion constant.")
    dense_weight: float = Field(1.0, description="Weight of the vector ranking in fusion.")
    sparse_weight: float = Field(2.0, description="Weight of the BM25 ranking in fusion.")
    candidates: int = Field(100, description="Candidates taken from each retriever before fusion.")
    neighbour_weight: float = Field(
        0.5, description="Share of each neighbouring passage's BM25 score added to a passage's own."
    )
    prefer_weight: float = Field(
        1.0, description="Weight of the extra rankings restricted to the documents a question points to (e.g. minutes)."
    )
    expand_top: int = Field(1, description="How many of the best hits are followed by their next passages.")
    expand_after: int = Field(2, description="Next passages (same document) placed right after each of those hits.")


class AnswerSettings(_Strict):
    backend: str = Field("extractive", description="Answer backend: extractive (no LLM).")
    k: int = Field(10, description="Passages retrieved for an answer.")
    max_words: int = Field(120, description="Longest extractive answer in words.")
    max_sentences: int = Field(4, description="Most sentences in an extractive answer.")
    min_dense: float = Field(
        0.30, description="Decline when the best passage's cosine similarity to the question is below this."
    )
    min_coverage: float = Field(
        0.20, description="Decline when the best passage covers less than this share of the question's key terms (idf-weighted)."
    )


class Settings(_Strict):
    home: Path = Field(Path.home() / ".cofnod", description="Data home: Chroma, keyword index, catalogue.")
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)


ENV_MAP: dict[str, tuple[str, ...]] = {
    "COFNOD_HOME": ("home",),
    "COFNOD_CHROMA_URL": ("index", "chroma_url"),
    "COFNOD_MODEL_PATH": ("index", "model_path"),
    "COFNOD_LLM": ("answer", "backend"),
}


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def load_settings(
    config: Path | None = None,
    env: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build settings from a TOML file (`config`, or $COFNOD_CONFIG), the environment and overrides.

    `overrides` use dotted names with "__" for nesting, e.g. home=..., answer__k=5; None is ignored.
    """
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    config = config or (Path(env["COFNOD_CONFIG"]) if env.get("COFNOD_CONFIG") else None)
    if config is not None:
        try:
            data = tomllib.loads(Path(config).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"{config}: cannot read settings: {e}") from e
    for name, path in ENV_MAP.items():
        if env.get(name):
            _set(data, path, env[name])
    for name, value in overrides.items():
        if value is not None:
            _set(data, tuple(name.split("__")), value)
    try:
        return Settings.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"settings: {where}: {first['msg']}") from e
