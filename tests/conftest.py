"""Shared fixtures: settings in a temporary home, the real corpus location, a Chroma server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from cofnod.settings import load_settings
from cofnod.types import DocMeta, Passage, content_hash

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EVALS = ROOT.parent / "shared" / "evals"

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture
def settings(tmp_path):
    return load_settings(env={}, home=str(tmp_path / "home"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS


def make_passages(doc: str, texts: list[str], **meta) -> tuple[DocMeta, list[Passage]]:
    """Hand-made passages for index tests that do not need the parsers."""
    dm = DocMeta(doc=doc, title=meta.get("title", doc), doc_type=meta.get("doc_type", "minutes"),
                 committee=meta.get("committee"), date=meta.get("date"))
    ids = [f"{doc}#{i}" for i in range(len(texts))]
    passages = [
        Passage(id=ids[i], doc=doc, seq=i, text=t, title=dm.title, doc_type=dm.doc_type,
                committee=dm.committee, date=dm.date, page=1, paragraph=f"¶{i + 1}",
                prev_id=ids[i - 1] if i else None, next_id=ids[i + 1] if i + 1 < len(ids) else None,
                hash=content_hash(t))
        for i, t in enumerate(texts)
    ]
    return dm, passages


def assistant_over(root: Path, papers: dict[str, str]):
    """An assistant (home under `root`) that has ingested these papers (file name: text) from
    `root`/papers; every one must be added. The caller closes it."""
    from assistant.core import Assistant

    folder = root / "papers"
    folder.mkdir()
    for name, text in papers.items():
        (folder / name).write_text(text, encoding="utf-8")
    a = Assistant(load_settings(env={}, home=str(root / "home")))
    results = a.ingest([folder], root=root)
    assert all(r.status == "added" for r in results), [(r.path, r.reason) for r in results]
    return a


def sample_corpus(root: Path) -> Path:
    """The shipped sample papers under `root/papers`, the PDF built by make_samples.py; returns root."""
    papers = root / "papers"
    shutil.copytree(ROOT / "samples" / "papers", papers, ignore=shutil.ignore_patterns("*.pdf"))
    subprocess.run([os.sys.executable, str(ROOT / "samples" / "make_samples.py"), str(papers)], check=True,
                   capture_output=True)
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real Chroma server on loopback, started from the chromadb package's own CLI."""
    exe = shutil.which("chroma") or str(Path(os.sys.executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.fail("the chroma CLI (from the chromadb package) is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [exe, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("the Chroma server did not start within 60 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)
