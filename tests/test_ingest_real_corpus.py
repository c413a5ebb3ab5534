"""Ingest on the real papers in ../shared/corpus: Kent PDFs, Welsh seeds, Senedd transcripts."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from ingest import SUPPORTED_SUFFIXES, build_passages, parse_file

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
EVALS = Path(__file__).parents[1].parent / "shared" / "evals"
MINUTES = "kent-cc/cabinet/2025-01-30/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS}"),
]


@lru_cache(maxsize=None)
def _passages(rel: str):
    return tuple(build_passages(parse_file(CORPUS / rel, rel)))


def test_cabinet_minutes_resolutions_survive_on_their_pages():
    passages = _passages(MINUTES)
    p10 = [p for p in passages if p.page == 10]
    assert any("Note the forecast revenue overspend of £23.3m" in p.text for p in p10)
    p14 = [p for p in passages if p.page == 14]
    hit = [p for p in p14 if "RESOLVED that Cabinet agree to transfer the statutory functions delivered by the 18-25 section" in p.text]
    assert hit and hit[0].paragraph == "5."
    assert hit[0].trail[-1].startswith("90.") and "(Item 7)" in hit[0].trail[-1]
    assert all(p.committee == "Cabinet" and p.date == "2025-01-30" and p.doc_type == "minutes" for p in passages)


def test_superscript_ordinals_are_rejoined():
    text = " ".join(p.text for p in _passages(MINUTES))
    assert "Scrutiny Committee held on 29th January 2025" in text
    assert not re.search(r"\b\d{1,2} (st|nd|rd|th) [A-Z]", text)


def test_a_sentence_cut_after_a_comma_by_the_page_break_is_whole_again():
    update = [p for p in _passages(MINUTES) if "Members considered the call-in of Decision - 24/00093" in p.text]
    assert len(update) == 1 and update[0].page == 1
    assert "At that meeting, Members agreed to refer the decision to full Council." in update[0].text


def test_minutes_approved_later_carry_the_date_of_the_meeting_they_record():
    rel = "kent-cc/cabinet/2025-01-30/Minutes of the meeting held on 9th January 2025.pdf"
    assert {p.date for p in _passages(rel)} == {"2025-01-09"}


def test_report_numbered_paragraphs_and_sections():
    rel = "kent-cc/cabinet/2025-01-30/24-00109 - Transfer the 18-25 section of the Strengthening Independence Service - Report.pdf"
    passages = _passages(rel)
    p13 = [p for p in passages if p.paragraph == "1.3"]
    assert p13 and p13[0].page == 3 and p13[0].trail == ["1. Introduction"]
    assert "aged 18 – 25, who require longer" in " ".join(p.text for p in passages if p.paragraph == "1.5")
    # the paragraph cut by the page 2/3 break is whole again
    assert any("As of October 2024, the 18-25 section" in p.text for p in passages if p.page == 2)


def _kent_files():
    return sorted(p for p in (CORPUS / "kent-cc").rglob("*.pdf")) if CORPUS.is_dir() else []


def test_no_passage_over_the_word_limit_anywhere_in_kent():
    for path in _kent_files():
        rel = path.relative_to(CORPUS).as_posix()
        passages = _passages(rel)
        assert passages, rel
        assert max(p.words for p in passages) <= 200, rel
        assert all(p.page and 1 <= p.page for p in passages), rel
        assert not any(re.fullmatch(r"(?:Page )?\d+(?: of \d+)?", p.text) for p in passages), rel


def test_transcript_turns_have_speakers():
    passages = _passages("qmsum-committee/transcripts/education_0.txt")
    turns = [p for p in passages if p.kind == "turn"]
    assert len(turns) > 50 and all(p.speaker for p in turns)
    assert turns[0].speaker == "Lynne Neagle AM" and turns[0].text.startswith("Lynne Neagle AM: Good afternoon.")
    assert passages[0].doc_type == "transcript"
    assert passages[0].committee == "Children, Young People and Education Committee"


def test_bridgend_seed_keeps_the_item_trail_and_decision():
    passages = _passages("seeds/bridgend-cssiw-inspection-committee-minutes.txt")
    item = "Outcome of CSSIW'S Inspection of BCBC's Safeguarding"
    assert all(p.trail and p.trail[0].startswith(item) for p in passages if p.kind == "paragraph")
    assert any(p.text.startswith("RESOLVED: That the Committee noted the content of the CSSIW report") for p in passages)


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def _matches(quote: str, passages) -> bool:
    """The evaluation rule: a run of 8 consecutive quote words (or all of a short quote)."""
    q = _words(quote)
    runs = {" ".join(q[i:i + 8]) for i in range(max(1, len(q) - 7))}
    return any(any(run in " ".join(_words(p.text)) for run in runs) for p in passages)


def test_every_kent_dev_evidence_quote_is_in_some_passage_of_its_document():
    path = EVALS / "kent-cabinet-dev.jsonl"
    if not path.exists():
        pytest.skip(f"no question set at {path}")
    items = [e for line in path.read_text().splitlines() if line.strip() for e in json.loads(line).get("evidence", [])]
    missing = [(e["doc"], e["quote"][:60]) for e in items if not _matches(e["quote"], _passages(e["doc"]))]
    assert not missing, missing


def test_every_supported_corpus_file_parses():
    failures = []
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix.lower() in SUPPORTED_SUFFIXES and path.name != "SOURCES.md":
            rel = path.relative_to(CORPUS).as_posix()
            try:
                _passages(rel)
            except Exception as e:  # collect every failure, not just the first
                failures.append((rel, repr(e)))
    assert not failures
