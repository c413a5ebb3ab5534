"""The catalogue: SQLite record of documents and their passages, the source of truth.

Chroma and the keyword index are derived from it. A document's row is written last,
in one transaction with its passages, so a crash before that leaves the old version
(or nothing) here and the next ingest simply redoes the file.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Iterator

from cofnod.types import DocMeta, Passage, Resolution

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    committee TEXT,
    date TEXT,
    pages INTEGER,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    passages INTEGER NOT NULL,
    ingested_at REAL NOT NULL,
    reader TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS passages (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc, seq);
CREATE TABLE IF NOT EXISTS resolutions (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    date TEXT,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS resolutions_doc ON resolutions(doc);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass
class DocRecord:
    """A document as the catalogue knows it."""

    doc: str
    title: str
    doc_type: str
    committee: str | None
    date: str | None
    pages: int | None
    sha256: str
    source: str
    """Absolute path of the file it came from (for --prune and for serving the original)."""
    passages: int
    ingested_at: float
    reader: str = ""
    """The reader stamp it was read with (ingest.reader_stamp); '' in catalogues made before stamps."""

    def to_dict(self) -> dict:
        return asdict(self)


def _passage_from_json(data: str) -> Passage:
    return Passage(**json.loads(data))


class Catalog:
    """SQLite catalogue under the data home."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self.conn.executescript(SCHEMA)
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(documents)")}
        if "reader" not in columns:  # a catalogue from before reader stamps: its files are read again
            with self.conn:
                self.conn.execute("ALTER TABLE documents ADD COLUMN reader TEXT NOT NULL DEFAULT ''")

    def close(self) -> None:
        self.conn.close()

    # -- state -------------------------------------------------------------
    def generation(self) -> int:
        """Bumped on every change; derived indexes compare it to know they are stale."""
        row = self.conn.execute("SELECT value FROM state WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def get_state(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO state(key, value) VALUES(?, ?)", (key, value))

    def _bump(self) -> None:
        self.conn.execute(
            "INSERT INTO state(key, value) VALUES('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    # -- documents ---------------------------------------------------------
    def document(self, doc: str) -> DocRecord | None:
        row = self.conn.execute("SELECT * FROM documents WHERE doc=?", (doc,)).fetchone()
        return DocRecord(*row) if row else None

    def documents(self) -> list[DocRecord]:
        rows = self.conn.execute("SELECT * FROM documents ORDER BY date DESC, doc").fetchall()
        return [DocRecord(*r) for r in rows]

    def replace_document(self, meta: DocMeta, sha256: str, source: str, passages: list[Passage],
                         resolutions: list[Resolution] | None = None, reader: str = "") -> None:
        """Swap a document's passages (and the decisions found in them) for new ones, atomically."""
        with self.conn:
            self.conn.execute("DELETE FROM passages WHERE doc=?", (meta.doc,))
            self._replace_resolutions(meta.doc, resolutions or [])
            self.conn.executemany(
                "INSERT INTO passages(id, doc, seq, data) VALUES(?,?,?,?)",
                [(p.id, p.doc, p.seq, json.dumps(p.to_dict(), ensure_ascii=False)) for p in passages],
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO documents VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                (meta.doc, meta.title, meta.doc_type, meta.committee, meta.date, meta.pages,
                 sha256, source, len(passages), time.time(), reader),
            )
            self._bump()

    def remove_document(self, doc: str) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM passages WHERE doc=?", (doc,))
            self.conn.execute("DELETE FROM resolutions WHERE doc=?", (doc,))
            self.conn.execute("DELETE FROM documents WHERE doc=?", (doc,))
            self._bump()

    # -- passages ----------------------------------------------------------
    def passages(self, ids: Iterable[str]) -> dict[str, Passage]:
        ids = list(ids)
        out: dict[str, Passage] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for pid, data in self.conn.execute(f"SELECT id, data FROM passages WHERE id IN ({marks})", chunk):
                out[pid] = _passage_from_json(data)
        return out

    def doc_passages(self, doc: str) -> list[Passage]:
        rows = self.conn.execute("SELECT data FROM passages WHERE doc=? ORDER BY seq", (doc,))
        return [_passage_from_json(r[0]) for r in rows]

    def all_passages(self) -> Iterator[Passage]:
        for (data,) in self.conn.execute("SELECT data FROM passages ORDER BY doc, seq"):
            yield _passage_from_json(data)

    def count_passages(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM passages").fetchone()[0]

    # -- resolutions -------------------------------------------------------
    def _replace_resolutions(self, doc: str, resolutions: list[Resolution]) -> None:
        self.conn.execute("DELETE FROM resolutions WHERE doc=?", (doc,))
        self.conn.executemany(
            "INSERT INTO resolutions(id, doc, seq, date, data) VALUES(?,?,?,?,?)",
            [(r.id, r.doc, n, r.date, json.dumps(r.to_dict(), ensure_ascii=False)) for n, r in enumerate(resolutions)],
        )

    def set_resolutions(self, doc: str, resolutions: list[Resolution]) -> None:
        """Replace one document's decisions, leaving its passages as they are (a register rebuild)."""
        with self.conn:
            self._replace_resolutions(doc, resolutions)

    def resolutions(self) -> list[Resolution]:
        """Every decision in the register, newest meeting first (undated last), in document order."""
        rows = self.conn.execute(
            "SELECT data FROM resolutions ORDER BY date IS NULL, date DESC, doc, seq")
        return [Resolution(**json.loads(r[0])) for r in rows]
