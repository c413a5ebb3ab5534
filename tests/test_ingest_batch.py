"""Ingesting folders through the CLI: re-ingest, change, prune, bad files, a crash mid-batch."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.core import Assistant
from cofnod.settings import load_settings

MINUTES = """# Cabinet: minutes of the meeting held on 17 June 2025

## 5. Library opening hours

Cabinet considered a report on extending library opening hours in the three town libraries.

RESOLVED that the extended opening hours be approved from 1 September 2025 at a cost of £85,000 a year.
"""
REPORT = """Highways report

The council resurfaced 42 kilometres of rural roads during the year, above the target of 35 kilometres.

Pothole repairs were completed within 28 days in 91 per cent of cases.
"""


def _fpdf():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    return pdf


def _pdf_bytes(text: str, encrypt: bool = False) -> bytes:
    pdf = _fpdf()
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def _image_only_pdf() -> bytes:
    pdf = _fpdf()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # drawn, no text layer
    return bytes(pdf.output())


@pytest.fixture
def papers(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "cabinet-2025-06-17.md").write_text(MINUTES, encoding="utf-8")
    (folder / "highways.txt").write_text(REPORT, encoding="utf-8")
    (folder / "audit.pdf").write_bytes(_pdf_bytes(
        "Internal audit report. The audit found that procurement controls were effective in eleven of twelve "
        "directorates, and recommended stronger contract monitoring in the remaining one."))
    return folder


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def _home(tmp_path):
    return tmp_path / "home"


def test_ingest_then_search_and_ask_cite_the_paragraph(tmp_path, papers):
    home = _home(tmp_path)
    r = _run("ingest", papers, "--home", home, "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["added"] == 3 and summary["failed"] == 0

    r = _run("search", "library opening hours cost", "--home", home, "--json")
    top = json.loads(r.output)["passages"][0]
    assert top["doc"] == "cabinet-2025-06-17.md" and "£85,000" in top["text"]
    assert top["date"] == "2025-06-17" and top["type"] == "minutes"

    r = _run("ask", "What did Cabinet resolve about library opening hours?", "--home", home, "--json")
    answer = json.loads(r.output)
    assert not answer["abstained"]
    assert any("RESOLVED that the extended opening hours" in c["text"] for c in answer["citations"])
    assert "[1]" in answer["answer"]

    r = _run("ask", "What did the inspectors say about the zoo's elephant enclosure?", "--home", home, "--json")
    answer = json.loads(r.output)
    assert answer["abstained"] and answer["citations"] == []


def test_reingest_unchanged_changed_and_prune(tmp_path, papers):
    home = _home(tmp_path)
    assert _run("ingest", papers, "--home", home).exit_code == 0
    r = _run("ingest", papers, "--home", home, "--json")
    assert json.loads(r.output)["unchanged"] == 3

    (papers / "highways.txt").write_text(REPORT.replace("42 kilometres", "57 kilometres"), encoding="utf-8")
    (papers / "audit.pdf").unlink()
    r = _run("ingest", papers, "--home", home, "--prune", "--json")
    s = json.loads(r.output)
    assert (s["updated"], s["unchanged"], s["removed"]) == (1, 1, 1)

    helper = Assistant(load_settings(env={}, home=str(home)))
    assert sorted(d.doc for d in helper.documents()) == ["cabinet-2025-06-17.md", "highways.txt"]
    texts = [h.passage.text for h in helper.search("kilometres of rural roads resurfaced")]
    assert any("57 kilometres" in t for t in texts) and not any("42 kilometres" in t for t in texts)
    assert helper.status()["vectors"] == helper.status()["passages"]


def _count_embedded(monkeypatch) -> list[str]:
    """Every text the real embedder is asked to embed from now on."""
    from index.embed import SentenceTransformerEmbedder

    seen: list[str] = []
    real = SentenceTransformerEmbedder.embed

    def spy(self, texts):
        seen.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(SentenceTransformerEmbedder, "embed", spy)
    return seen


def test_a_newer_reader_reads_unchanged_files_again_and_keeps_their_vectors(tmp_path, papers, monkeypatch):
    home = _home(tmp_path)
    assert _run("ingest", papers, "--home", home).exit_code == 0
    before = Assistant(load_settings(env={}, home=str(home))).search("kilometres of rural roads resurfaced")
    embedded = _count_embedded(monkeypatch)

    monkeypatch.setattr("ingest.files.READER", "a later edition")
    r = _run("ingest", papers, "--home", home, "--json")
    s = json.loads(r.output)
    assert (s["updated"], s["unchanged"]) == (3, 0)
    assert all("read again" in f["reason"] for f in s["files"])
    assert embedded == []  # same passages, same text: the stored vectors are kept
    assert json.loads(_run("ingest", papers, "--home", home, "--json").output)["unchanged"] == 3

    # A corrected paper embeds only the paragraph that changed.
    (papers / "highways.txt").write_text(REPORT.replace("42 kilometres", "57 kilometres"), encoding="utf-8")
    r = _run("ingest", papers, "--home", home, "--json")
    assert json.loads(r.output)["updated"] == 1
    assert len(embedded) == 1 and "57 kilometres" in embedded[0]

    helper = Assistant(load_settings(env={}, home=str(home)))
    after = helper.search("kilometres of rural roads resurfaced")
    assert [h.passage.id for h in after] == [h.passage.id for h in before]
    assert "57 kilometres" in after[0].passage.text
    assert helper.status()["vectors"] == helper.status()["passages"]


def test_changed_passage_sizes_or_sidecar_read_files_again(tmp_path, papers, monkeypatch):
    home = _home(tmp_path)
    assert _run("ingest", papers, "--home", home).exit_code == 0
    (tmp_path / "cofnod.toml").write_text("[ingest]\nmax_words = 120\n", encoding="utf-8")
    monkeypatch.setenv("COFNOD_CONFIG", str(tmp_path / "cofnod.toml"))
    r = _run("ingest", papers, "--home", home)
    assert r.exit_code == 0 and "3 updated" in r.output and "3 unchanged file(s) read again" in r.output
    (papers / ".cofnod-meta.json").write_text(json.dumps({"files": {"highways.txt": {"committee": "Environment"}}}),
                                             encoding="utf-8")
    s = json.loads(_run("ingest", papers, "--home", home, "--json").output)
    assert (s["updated"], s["unchanged"]) == (1, 2)
    helper = Assistant(load_settings(env={}, home=str(home)))
    assert {d.doc: d.committee for d in helper.documents()}["highways.txt"] == "Environment"


def test_a_catalogue_from_before_reader_stamps_opens_and_is_read_again(tmp_path, papers):
    import sqlite3

    home = _home(tmp_path)
    assert _run("ingest", papers, "--home", home).exit_code == 0
    db = sqlite3.connect(home / "catalog.sqlite")
    with db:  # the documents table as catalogues before reader stamps made it
        db.execute("CREATE TABLE old (doc TEXT PRIMARY KEY, title TEXT NOT NULL, doc_type TEXT NOT NULL, "
                   "committee TEXT, date TEXT, pages INTEGER, sha256 TEXT NOT NULL, source TEXT NOT NULL, "
                   "passages INTEGER NOT NULL, ingested_at REAL NOT NULL)")
        db.execute("INSERT INTO old SELECT doc, title, doc_type, committee, date, pages, sha256, source, "
                   "passages, ingested_at FROM documents")
        db.execute("DROP TABLE documents")
        db.execute("ALTER TABLE old RENAME TO documents")
    db.close()
    helper = Assistant(load_settings(env={}, home=str(home)))
    assert len(helper.documents()) == 3 and all(d.reader == "" for d in helper.documents())
    assert helper.search("library opening hours")
    s = json.loads(_run("ingest", papers, "--home", home, "--json").output)
    assert (s["updated"], s["unchanged"]) == (3, 0)
    assert json.loads(_run("ingest", papers, "--home", home, "--json").output)["unchanged"] == 3


def test_another_embedding_model_is_refused_rather_than_mixed(tmp_path, papers, monkeypatch):
    from index.embed import bundled_model_path

    home = _home(tmp_path)
    assert _run("ingest", papers, "--home", home).exit_code == 0
    other = tmp_path / "council-model"
    other.symlink_to(bundled_model_path(), target_is_directory=True)
    monkeypatch.setenv("COFNOD_MODEL_PATH", str(other))
    for args in (("search", "library opening hours"), ("ingest", papers)):
        (papers / "highways.txt").write_text(REPORT + "\nA late addition.\n", encoding="utf-8")
        r = _run(*args, "--home", home)
        assert r.exit_code != 0
        assert "embedded with all-MiniLM-L6-v2 (384 dimensions)" in r.output
        assert "council-model (384 dimensions)" in r.output
    monkeypatch.delenv("COFNOD_MODEL_PATH")
    helper = Assistant(load_settings(env={}, home=str(home)))
    assert len(helper.documents()) == 3 and helper.status()["vectors"] == helper.status()["passages"]
    assert helper.status()["embedded_with"] == "all-MiniLM-L6-v2 (384 dimensions)"
    assert "vectors from all-MiniLM-L6-v2 (384 dimensions)" in _run("status", "--home", home).output
    assert any("42 kilometres" in h.passage.text for h in helper.search("kilometres of rural roads"))


BAD_FILES = {
    "empty.pdf": (b"", "empty"),
    "truncated.pdf": (None, "not a readable PDF"),
    "locked.pdf": ("encrypted", "encrypted"),
    "scan.pdf": ("image", "no text layer"),
    "notes.xyz": (b"hello", "unsupported file type"),
    "latin.txt": (b"\x81\x8d\x8f\x90\x9d" * 20, "cannot decode"),
}


def test_bad_files_are_named_and_do_not_stop_the_batch(tmp_path, papers):
    home = _home(tmp_path)
    assert _run("ingest", papers, "--home", home).exit_code == 0
    bad = tmp_path / "bad"
    shutil.copytree(papers, bad)
    good_pdf = _pdf_bytes("A perfectly good paper about parks and open spaces, and their maintenance budget.")
    for name, (content, _) in BAD_FILES.items():
        data = {None: good_pdf[: len(good_pdf) // 2], "encrypted": _pdf_bytes("secret", encrypt=True),
                "image": _image_only_pdf()}.get(content, content)
        (bad / name).write_bytes(data)
    (bad / "parks.pdf").write_bytes(good_pdf)

    r = _run("ingest", bad, "--home", home, "--json")
    assert r.exit_code == 1
    summary = json.loads(r.stdout)
    reasons = {f["file"]: f["reason"] for f in summary["failures"]}
    for name, (_, reason) in BAD_FILES.items():
        assert reason in reasons[name], (name, reasons.get(name))
    # Same paths under a new root, same bytes: the three good papers are recognised as unchanged.
    assert (summary["added"], summary["unchanged"]) == (1, 3)

    helper = Assistant(load_settings(env={}, home=str(home)))
    docs = {d.doc for d in helper.documents()}
    assert {"cabinet-2025-06-17.md", "highways.txt", "audit.pdf", "parks.pdf"} <= docs


def test_failure_message_names_the_file_in_text_mode(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    r = _run("ingest", folder, "--home", _home(tmp_path))
    assert r.exit_code == 1
    assert "empty.pdf" in r.stderr and "Traceback" not in r.output


def test_an_index_kept_inside_the_folder_of_papers_is_not_read_as_papers(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "note.txt").write_text("The library opening hours were extended from September.", encoding="utf-8")
    for _ in range(2):  # the second time, the home holds a catalogue, a keyword index and Chroma's files
        r = _run("ingest", folder, "--home", folder / "index")
        assert r.exit_code == 0 and "failed" not in r.output.replace("0 failed", ""), r.output
    assert "0 failed" in r.output and "1 unchanged" in r.output


def test_crash_mid_batch_leaves_the_index_usable(tmp_path, papers, monkeypatch):
    settings = load_settings(env={}, home=str(_home(tmp_path)))
    helper = Assistant(settings)
    helper.ingest([papers / "cabinet-2025-06-17.md"], root=papers)

    from index.catalog import Catalog

    real = Catalog.replace_document

    def crash(self, meta, *args, **kwargs):
        if meta.doc == "highways.txt":
            raise KeyboardInterrupt  # the user pressed Ctrl-C, or the machine went down
        return real(self, meta, *args, **kwargs)

    monkeypatch.setattr(Catalog, "replace_document", crash)
    with pytest.raises(KeyboardInterrupt):
        Assistant(settings).ingest([papers], root=papers)
    monkeypatch.setattr(Catalog, "replace_document", real)

    after = Assistant(settings)
    assert all(h.passage.doc != "highways.txt" for h in after.search("rural roads resurfaced"))
    assert after.search("library opening hours")[0].passage.doc == "cabinet-2025-06-17.md"
    results = after.ingest([papers], root=papers)
    assert {r.path: r.status for r in results}["highways.txt"] == "added"
    assert after.status()["vectors"] == after.status()["passages"]


@pytest.mark.parametrize("args, message", [
    (["ingest", "/no/such/folder"], "no such file or folder"),
    (["search", "  "], "the question is empty"),
    (["search", "x", "--from", "13/03/2025"], "13/03/2025"),
])
def test_user_mistakes_give_one_line(tmp_path, args, message):
    r = _run(*args, "--home", _home(tmp_path))
    assert r.exit_code != 0
    assert message in r.output and "Traceback" not in r.output
