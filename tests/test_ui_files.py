"""The /paper route and Gradio's own file route: only indexed originals are reachable."""

from __future__ import annotations

import pytest

pytest.importorskip("gradio")

from fastapi.testclient import TestClient  # noqa: E402

from assistant.core import Assistant  # noqa: E402
from cofnod.settings import load_settings  # noqa: E402
from tests.conftest import make_passages  # noqa: E402
from ui.app import create_server  # noqa: E402
from ui.files import refusal, safe_name  # noqa: E402

PDF = b"%PDF-1.4\n% not a real pdf, the route does not read it\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = tmp_path_factory.mktemp("files")
    home, papers = base / "home", base / "papers"
    papers.mkdir()
    (papers / "report.pdf").write_bytes(PDF)
    (papers / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (papers / "secret.txt").write_text("not indexed", encoding="utf-8")
    settings = load_settings(env={}, home=str(home))
    a = Assistant(settings)
    for name in ("report.pdf", "page.html"):
        meta, passages = make_passages(f"papers/{name}", ["Some text of the paper, long enough to be a passage."])
        a.index.upsert(meta, passages, "sha", str(papers / name), vectors=[[0.0] * 384])
    (home / "catalog.sqlite").touch()
    yield a, settings, home, papers
    a.close()


def _client(served, auth=None) -> TestClient:
    a, settings, *_ = served
    return TestClient(create_server(a, settings, auth))


def test_indexed_pdf_is_served_inline(served):
    with _client(served) as c:
        r = c.get("/paper/papers/report.pdf")
    assert r.status_code == 200 and r.content == PDF
    assert r.headers["content-type"] == "application/pdf" and r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-disposition"].startswith("inline")


def test_html_paper_is_served_as_sandboxed_plain_text(served):
    with _client(served) as c:
        r = c.get("/paper/papers/page.html")
    assert r.status_code == 200 and r.text == "<script>alert(1)</script>"
    assert r.headers["content-type"].startswith("text/plain") and "sandbox" in r.headers["content-security-policy"]


@pytest.mark.parametrize("path", [
    "/paper/papers/secret.txt", "/paper/../../etc/passwd", "/paper/..%2F..%2Fetc%2Fpasswd", "/paper//etc/passwd",
    "/paper/%2Fetc%2Fpasswd", "/paper/catalog.sqlite", "/paper/%2E%2E/%2E%2E/etc/passwd", "/paper/",
])
def test_anything_else_is_not_found(served, path):
    with _client(served) as c:
        r = c.get(path)
    assert r.status_code == 404, path


def test_gradio_file_route_does_not_expose_home_or_papers(served):
    _, _, home, papers = served
    with _client(served) as c:
        for path in (home / "catalog.sqlite", papers / "secret.txt", papers / "report.pdf"):
            r = c.get(f"/gradio_api/file={path}")
            assert r.status_code in (403, 404), path


def test_login_guards_papers_too(served):
    with _client(served, auth=[("alice", "pw")]) as c:
        assert c.get("/paper/papers/report.pdf").status_code == 401
        assert c.post("/login", data={"username": "alice", "password": "wrong"}).status_code >= 400
        assert c.get("/paper/papers/report.pdf").status_code == 401
        assert c.post("/login", data={"username": "alice", "password": "pw"}).status_code == 200
        assert c.get("/paper/papers/report.pdf").status_code == 200


@pytest.mark.parametrize("name, expected", [
    ("report.pdf", "report.pdf"), ("../../etc/passwd", "passwd"), (".hidden.md", "hidden.md"),
    ("a;b|c.txt", "a_b_c.txt"), ("...", "upload"),
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_refusal_of_type_and_size(tmp_path):
    ok, exe, big = tmp_path / "a.PDF", tmp_path / "a.exe", tmp_path / "b.txt"
    ok.write_bytes(b"x")
    exe.write_bytes(b"x")
    big.write_bytes(b"x" * 2 * 1024 * 1024)
    assert refusal(ok, 1) is None
    assert "'.exe' files are not accepted" in refusal(exe, 1)
    assert refusal(big, 1) == "refused: 2.0 MB is over the 1 MB limit"
