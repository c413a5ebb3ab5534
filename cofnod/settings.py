"""One settings object, nested by stage, fed by defaults < TOML file < environment < flags.

Nothing deep in the code reads the environment: the CLI and the UI build a `Settings`
with `load_settings()` and pass it down.
"""

from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from cofnod.errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class IngestSettings(_Strict):
    max_words: int = Field(200, description="Longest passage in words; longer paragraphs split at sentences.")
    min_words: int = Field(8, description="Shorter body paragraphs are merged into their neighbour when possible.")
    max_file_mb: float = Field(100.0, description="Files larger than this are refused.")
    ocr: Literal["auto", "off"] = Field(
        "auto", description="Read PDF pages that have no text layer (scans) with Tesseract, where it is installed."
    )
    ocr_languages: str = Field("eng+cym", description="Tesseract languages, '+'-joined; those not installed are skipped.")
    ocr_dpi: int = Field(300, ge=100, le=600, description="Resolution scanned pages are drawn at for OCR.")
    ocr_workers: int = Field(0, ge=0, description="Pages read by OCR at once; 0 means one per CPU core.")


class IndexSettings(_Strict):
    collection: str = Field("passages", description="Chroma collection name.")
    chroma_url: str | None = Field(
        None, description="http://host:port of a Chroma server; None keeps Chroma on disk under home."
    )
    model_path: str | None = Field(
        None, description="Sentence-transformers model folder; None uses the bundled all-MiniLM-L6-v2."
    )
    embed_batch: int = Field(64, description="Passages embedded per batch.")
    ef_search: int = Field(
        400, description="How widely Chroma's HNSW graph is searched: higher finds the truly nearest passages more reliably."
    )
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
    prefer_dense_margin: float = Field(
        0.2, ge=0, description="Lifted passages' cosine may fall at most this far below the best passage's."
    )
    prefer_sparse_share: float = Field(
        0.3, ge=0, le=1, description="Lifted passages' BM25 must reach this share of the best passage's."
    )
    expand_top: int = Field(1, description="How many of the best hits are followed by their next passages.")
    expand_after: int = Field(2, description="Next passages (same document) placed right after each of those hits.")
    turn_opening: float = Field(
        0.9, ge=0, description="Transcripts: lift for a passage that opens a speaker's turn, as a share of the best fused score (0 leaves transcript passages in fused order)."
    )
    turn_sparse: float = Field(
        0.6, ge=0, description="Transcripts: lift for a passage's own BM25 score, times its share of the best."
    )
    turn_after: float = Field(
        0.3, ge=0, description="Transcripts: lift for the passage after one holding the question's words, times that passage's BM25 share."
    )
    turn_depth: int = Field(40, ge=1, description="Transcripts: how many fused results are reordered.")
    turn_named: float = Field(
        0.45, ge=0, description="Transcripts: lift for the best passage spoken by someone the question names ('What did Huw David say ...?'), as a share of the best fused score (0 turns it off)."
    )
    turn_start: float = Field(
        0.3, ge=0, description="Transcripts: taken from a transcript's first two passages (the chair's welcome, an opening statement), which touch on everything the meeting is about (0 turns it off)."
    )
    boilerplate_meetings: int = Field(
        3, ge=0, description="A passage whose text recurs in this many meetings or more (agenda headings, standing items, 'This page is intentionally left blank') is ranked after the other results; 0 turns this off."
    )
    echo_words: int = Field(
        12, ge=0, description="A passage shorter than this many words, not a whole sentence, whose own words bring none of the question's words its title and heading trail do not already hold (a report's 'Report Authors:', a name, a phone number, found for the paper's name alone) is ranked after the other results; 0 turns this off."
    )
    glossary_weight: float = Field(
        0.5, description="Weight of the plain-English/council-jargon equivalents added to a query's BM25 (0 turns them off)."
    )
    glossary_file: str | None = Field(
        None, description="A council's own equivalents: one group a line, phrases separated by '|'."
    )
    learn_acronyms: bool = Field(
        True, description="Treat an acronym the papers spell out ('English National Concessionary Travel Scheme (ENCTS)') as one with its words, as the glossary does."
    )


class AnswerSettings(_Strict):
    backend: str = Field(
        "extractive", description="Answer backend: extractive (no LLM), openai (an OpenAI-compatible endpoint) or llamacpp (a local GGUF file)."
    )
    k: int = Field(10, description="Passages retrieved for an answer.")
    max_words: int = Field(120, description="Longest extractive answer in words.")
    max_sentences: int = Field(4, description="Most sentences in an extractive answer.")
    followup_earlier: float = Field(
        1.0, ge=0, description="A follow-up that points back ('Who seconded it?'): weight of the search for the "
        "question before, fused with its own (0 turns it off)."
    )
    min_dense: float = Field(
        0.30, description="Decline when the best passage's cosine similarity to the question is below this."
    )
    min_coverage: float = Field(
        0.20, description="Decline when the best passage covers less than this share of the question's key terms (idf-weighted)."
    )


class LLMSettings(_Strict):
    url: str | None = Field(
        None, description="Base URL of the OpenAI-compatible endpoint (openai backend), e.g. http://127.0.0.1:8080/v1."
    )
    model: str | None = Field(None, description="Model name at the endpoint (openai), or the path of a GGUF file (llamacpp).")
    api_key: SecretStr | None = Field(None, description="Key for the endpoint; usually from $OPENAI_API_KEY. Never logged or recorded.")
    timeout: float = Field(60.0, description="Seconds to wait for the endpoint to answer (and between streamed pieces).")
    retries: int = Field(2, ge=0, le=5, description="Retries after a failed connection, a timeout or a 5xx/429 answer, with backoff.")
    max_tokens: int = Field(300, description="Longest reply in tokens.")
    temperature: float = Field(0.0, description="Sampling temperature; 0 answers the same way each time.")
    passages: int = Field(8, ge=1, description="Most retrieved passages put in the prompt, best first.")
    context_window: int = Field(8192, description="Context length in tokens for a local GGUF model (llamacpp).")
    min_support: float = Field(
        0.55, description="Remove an answer sentence whose cosine to its best cited passage or passage sentence is below this."
    )
    rewrite: bool = Field(True, description="Rewrite follow-up questions with the LLM (else the simple rule).")


class ModernGovSettings(_Strict):
    rate: float = Field(2.0, gt=0, description="Most requests per second to a ModernGov site (cofnod fetch-moderngov).")
    retries: int = Field(4, ge=0, le=10, description="Retries after a 5xx/429 answer, a timeout or a dropped connection.")
    backoff: float = Field(1.0, ge=0, description="Seconds before the first retry; doubled for each retry after it (at most 60).")
    timeout: float = Field(60.0, gt=0, description="Seconds to wait for a ModernGov site to answer.")
    days: int = Field(365, ge=1, description="Without --from, fetch meetings from this many days before --to.")


class Settings(_Strict):
    home: Path = Field(Path.home() / ".cofnod", description="Data home: Chroma, keyword index, catalogue.")
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    moderngov: ModernGovSettings = Field(default_factory=ModernGovSettings)


ENV_MAP: dict[str, tuple[str, ...]] = {
    "COFNOD_HOME": ("home",),
    "COFNOD_CHROMA_URL": ("index", "chroma_url"),
    "COFNOD_MODEL_PATH": ("index", "model_path"),
    "COFNOD_LLM": ("answer", "backend"),
    "COFNOD_LLM_URL": ("llm", "url"),
    "COFNOD_LLM_MODEL": ("llm", "model"),
    "OPENAI_API_KEY": ("llm", "api_key"),
}


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


_MISSING = object()


def _at(data: dict[str, Any], loc: tuple) -> Any:
    """The value at a validation error's location in nested settings data, or _MISSING."""
    for key in loc:
        if not isinstance(data, dict) or key not in data:
            return _MISSING
        data = data[key]
    return data


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
    from_file = copy.deepcopy(data)
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
        # the file is named where the value at fault is the one it gave (not the environment's or a flag's)
        given = _at(from_file, first["loc"])
        source = f"{config}: " if given is not _MISSING and given == _at(data, first["loc"]) else ""
        raise ConfigError(f"{source}settings: {where}: {first['msg']}") from e
