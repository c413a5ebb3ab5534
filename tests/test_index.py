"""The index with the real bundled model and a real Chroma, on disk and as a server."""

from __future__ import annotations

import pytest

from cofnod.settings import load_settings
from cofnod.types import Filters, Hit
from index.fusion import rrf
from index.keyword import KeywordIndex, one_letter_apart, passage_text_for_index, tokenize
from index.store import Index
from index.vectors import date_num

from tests.conftest import make_passages

PLACEMENTS = [
    "Inspectors found that placements for looked after children were stable and well matched.",
    "The council's fostering service recruited twelve new foster carers during the year.",
    "Members noted the budget monitoring report for the second quarter.",
]
TRANSPORT = [
    "Cabinet considered the home to school transport policy and the cost of bus passes.",
    "RESOLVED that the revised school transport policy be approved from September 2025.",
]


def _filled(settings) -> Index:
    idx = Index(settings)
    idx.upsert(*make_passages("a/inspection.pdf", PLACEMENTS, doc_type="inspection report",
                              committee="Corporate Parenting Committee", date="2025-03-10"), "sha-a", "/nowhere/a")
    idx.upsert(*make_passages("b/cabinet.md", TRANSPORT, committee="Cabinet", date="2025-06-17"), "sha-b", "/nowhere/b")
    return idx


def test_rrf_rewards_agreement():
    fused = rrf([["x", "y", "z"], ["y", "x"]], k=60)
    assert [pid for pid, _ in fused][:2] in (["x", "y"], ["y", "x"])
    assert dict(fused)["z"] < dict(fused)["y"]
    weighted = rrf([["x"], ["y"]], weights=[1.0, 2.0])
    assert weighted[0][0] == "y"


def test_tokenize_stems_and_drops_stopwords():
    assert tokenize("The placements of children") == ["placement", "children"]


def test_keyword_idf_orders_rare_terms_higher():
    _, passages = make_passages("d.txt", ["budget report", "budget monitoring", "placements"])
    kw = KeywordIndex.build(passages)
    assert kw.idf("placement") > kw.idf("budget")


def test_a_paper_s_short_fragments_do_not_outrank_its_paragraphs_on_its_title_words():
    # every passage carries the title, so "Report Authors:" holds the question's words as densely
    # as a passage can; read as LENGTH_FLOOR tokens long, it falls behind the paragraph defining the service
    title = "Transfer of the Strengthening Independence Service - Report"
    texts = ["Report Authors:", "Sharon Howard",
             "1.2 The Strengthening Independence Service (SIS) currently oversees transitions between 18 and 25 for "
             "young people with learning and physical disabilities identified when they were children.",
             "2.1 Budget monitoring for the directorate is reported quarterly to the Cabinet Committee."]
    _, passages = make_passages("r.pdf", texts, title=title)
    kw = KeywordIndex.build(passages)
    assert kw.search("What is the Strengthening Independence Service?", 4)[0][0] == "r.pdf#2"


def test_a_keyword_index_saved_with_another_length_floor_is_built_again(tmp_path, monkeypatch):
    import index.keyword as keyword

    _, passages = make_passages("d.txt", ["budget report", "placements"])
    KeywordIndex.build(passages).save(tmp_path, generation=3)
    assert KeywordIndex.load(tmp_path, 3) is not None
    monkeypatch.setattr(keyword, "LENGTH_FLOOR", keyword.LENGTH_FLOOR + 1)
    assert KeywordIndex.load(tmp_path, 3) is None


def test_one_letter_apart():
    assert one_letter_apart("shillabeer", "dhillabeer") and one_letter_apart("behavior", "behaviour")
    assert one_letter_apart("harbour", "harbor") and not one_letter_apart("harbour", "labour")
    assert not one_letter_apart("same", "same") and not one_letter_apart("ab", "abcd")


def test_keyword_index_holds_its_words_and_forgives_a_long_name_one_letter_wrong():
    _, passages = make_passages("d.txt", ["Carol Shillabeer spoke about placements", "The harbour"])
    kw = KeywordIndex.build(passages)
    assert kw.holds("placements") and kw.holds("Harbour") and kw.holds("Placement")
    assert kw.holds("Dhillabeer")  # ten letters, one wrong
    assert not kw.holds("Estyn") and not kw.holds("Harbor")  # short words must be exact


def test_how_many_asks_for_a_figure_and_matches_no_passage_for_the_word_many():
    _, passages = make_passages("d.txt", ["Inspectors praised many positive aspects of the service",
                                          "There were 1,409 children in care at the end of the quarter"])
    kw = KeywordIndex.build(passages)
    assert kw.search("How many children in care?", 2)[0][0] == "d.txt#1"
    assert [pid for pid, _ in kw.search("How many positive aspects?", 2)] == ["d.txt#0"]
    assert kw.search("How much?", 2) == [] and kw.search("How many?", 2) == []
    assert kw.search("Were there many aspects?", 2)[0][0] == "d.txt#0"  # "many" not after "how" is a word


def test_keyword_index_knows_which_words_share_a_passage():
    _, passages = make_passages("d.txt", ["Dartford library opening hours", "The Lower Thames Crossing delays"])
    kw = KeywordIndex.build(passages)
    assert kw.together(["Lower", "Thames", "Crossing"]) and kw.together(["Dartford", "Library"])
    assert not kw.together(["Dartford", "Crossing"])
    assert kw.together(["Dartford", "Estyn"])  # a word in no passage is for holds() to report


def test_the_papers_mentioning_words_anywhere_in_them_or_in_their_committee(settings):
    idx = _filled(settings)
    assert idx.keyword.docs_holding(["fostering", "Members"]) == {"a/inspection.pdf"}  # two passages of one paper
    assert idx.keyword.docs_holding(["fostering", "bus"]) == set() and idx.keyword.docs_holding(["Estyn"]) == set()
    assert idx.papers_mentioning(["Corporate", "Parenting"]) == {"a/inspection.pdf"}  # its committee
    assert idx.papers_mentioning(["school"]) == {"b/cabinet.md"}


def test_the_rarest_word_of_a_name_is_the_one_fewest_passages_hold(settings):
    idx = _filled(settings)
    assert idx.rarest_word(["School", "Transport", "Bus"]) == "Bus"  # two, two and one passage
    assert idx.rarest_word(["Transport", "Estyn"]) == "Estyn"  # none


def test_a_word_of_a_name_is_known_from_the_papers_or_as_an_acronym_the_glossary_expands(settings):
    idx = _filled(settings)
    assert idx.knows_name("Cabinet") and idx.knows_name("Placements")
    assert idx.knows_name("LAC") and idx.knows_name("CLA")  # the papers say "looked after children"
    assert not idx.knows_name("Estyn")  # in the inspectors' group, but a name of its own
    assert not idx.knows_name("HWRC")  # the glossary knows it, these papers have none of its words


def test_a_hyphenated_word_is_held_in_any_spelling_of_its_parts_side_by_side(settings):
    idx = _filled(settings)
    assert idx.holds_compound("home-to-school")  # "home to school transport"
    assert idx.holds_compound("bus-pass")  # "bus passes"
    assert idx.holds_compound("looked-after")  # in the glossary's group with the papers' "looked after children"
    assert not idx.holds_compound("school-bus")  # "school" and "bus" are in the papers, never side by side
    assert not idx.holds_compound("four-day")


def test_date_num():
    assert date_num("2025-03-10") == 20250310 and date_num(None) == 0


def test_hybrid_search_finds_meaning_and_words(settings):
    idx = _filled(settings)
    hits = idx.search("What did the inspectors say about placements for looked-after children?")
    assert hits[0].passage.id == "a/inspection.pdf#0"
    assert hits[0].dense is not None and hits[0].sparse is not None
    hits = idx.search("bus passes for pupils")
    assert hits[0].passage.doc == "b/cabinet.md"


@pytest.mark.parametrize("filters, docs", [
    (Filters(committee="cabinet"), {"b/cabinet.md"}),
    (Filters(doc="a/inspection.pdf"), {"a/inspection.pdf"}),
    (Filters(doc_type="inspection report"), {"a/inspection.pdf"}),
    (Filters(date_from="2025-04-01"), {"b/cabinet.md"}),
    (Filters(date_to="2025-04-01"), {"a/inspection.pdf"}),
    (Filters(date_from="2026-01-01"), set()),
])
def test_filters_apply_before_ranking(settings, filters, docs):
    idx = _filled(settings)
    hits = idx.search("school transport placements budget", filters, k=10)
    assert {h.passage.doc for h in hits} == docs


def test_upsert_replaces_only_its_own_document(settings):
    idx = _filled(settings)
    meta, passages = make_passages("a/inspection.pdf", ["A completely new text about libraries and museums."])
    idx.upsert(meta, passages, "sha-a2", "/nowhere/a")
    assert idx.status()["passages"] == 1 + len(TRANSPORT)
    assert idx.status()["vectors"] == 1 + len(TRANSPORT)
    assert idx.search("libraries and museums")[0].passage.text.startswith("A completely new")
    assert not any("placements" in h.passage.text for h in idx.search("placements for looked after children"))


def test_remove_and_reopen(settings):
    _filled(settings).remove("b/cabinet.md")
    idx = Index(settings)  # a fresh process would see the same
    assert [d.doc for d in idx.documents()] == ["a/inspection.pdf"]
    assert all(h.passage.doc == "a/inspection.pdf" for h in idx.search("school transport"))


def test_vectors_left_by_a_crash_are_never_returned_and_are_repaired(settings):
    idx = _filled(settings)
    meta, passages = make_passages("c/half.txt", ["School transport appeals heard by the panel in July."])
    # Simulate a crash after Chroma was written but before the catalogue was.
    idx.vectors.add(passages, idx.embedder.embed([passage_text_for_index(p) for p in passages]))
    assert all(h.passage.doc != "c/half.txt" for h in idx.search("school transport appeals panel"))
    assert idx.repair() == 1
    assert idx.status()["vectors"] == len(PLACEMENTS) + len(TRANSPORT)


def test_keyword_index_follows_the_catalogue_across_processes(settings):
    idx = _filled(settings)
    assert idx.search("fostering carers")[0].passage.doc == "a/inspection.pdf"
    other = Index(settings)
    other.remove("a/inspection.pdf")
    # The first handle's keyword index is stale; it must notice the catalogue moved on.
    assert all(h.passage.doc != "a/inspection.pdf" for h in idx.search("fostering carers"))


def test_chroma_server_mode(tmp_path, chroma_server):
    settings = load_settings(env={}, home=str(tmp_path / "home"), index__chroma_url=chroma_server,
                             index__collection="server_test")
    idx = _filled(settings)
    assert idx.status()["vectors"] == len(PLACEMENTS) + len(TRANSPORT)
    assert idx.search("foster carers recruited")[0].passage.id == "a/inspection.pdf#1"
    assert Index(settings).search("school transport", Filters(committee="Cabinet"))[0].passage.doc == "b/cabinet.md"


def test_the_best_hit_is_followed_by_its_next_passages_taking_turns_with_the_other_hits(settings):
    idx = Index(settings)
    try:
        idx.upsert(*make_passages("a.md", [f"Passage a{i} about the budget." for i in range(5)]), "sha-a", "/x/a")
        idx.upsert(*make_passages("b.md", [f"Passage b{i} about schools." for i in range(3)]), "sha-b", "/x/b")
        found = idx.passages(["a.md#0", "b.md#0", "a.md#2", "b.md#1"])
        hits = [Hit(found[pid], 1.0 / (n + 1)) for n, pid in enumerate(["a.md#0", "b.md#0", "a.md#2", "b.md#1"])]
        order = [h.passage.id for h in idx._expand(hits, top=1, after=2)]
        # a.md#2 is both a hit and a follower of a.md#0: it appears once, in the follower's turn
        assert order == ["a.md#0", "b.md#0", "a.md#1", "b.md#1", "a.md#2"]
        assert [h.passage.id for h in idx._expand(hits, top=1, after=0)] == [h.passage.id for h in hits]
    finally:
        idx.close()


def test_chroma_is_searched_widely_in_new_and_old_collections(tmp_path):
    from index.vectors import EF_CONSTRUCTION, EF_SEARCH, VectorIndex, _chroma_client

    fresh = VectorIndex(tmp_path / "new", "passages")
    hnsw = fresh.collection.configuration_json["hnsw"]
    assert (hnsw["ef_search"], hnsw["ef_construction"], hnsw["space"]) == (EF_SEARCH, EF_CONSTRUCTION, "cosine")
    # a collection made with Chroma's defaults (as before this setting) gets the wider search when opened
    _chroma_client(tmp_path / "old", None).get_or_create_collection(
        "passages", metadata={"hnsw:space": "cosine"}, embedding_function=None)
    assert _chroma_client(tmp_path / "old", None).get_collection("passages").configuration_json["hnsw"]["ef_search"] == 100
    reopened = VectorIndex(tmp_path / "old", "passages")
    assert reopened.collection.configuration_json["hnsw"]["ef_search"] == EF_SEARCH


def test_an_old_collection_opens_even_when_chroma_refuses_to_widen_its_search(tmp_path, monkeypatch):
    from chromadb.api.models.Collection import Collection

    from index.vectors import VectorIndex, _chroma_client

    old = _chroma_client(tmp_path, None).get_or_create_collection(
        "passages", metadata={"hnsw:space": "cosine"}, embedding_function=None)
    old.add(ids=["a.md#0"], embeddings=[[1.0] + [0.0] * 383], metadatas=[{"doc": "a.md"}])

    def refuse(self, **kwargs):
        raise ValueError("configuration changes are not supported")

    monkeypatch.setattr(Collection, "modify", refuse)
    with pytest.warns(UserWarning, match="Chroma kept ef_search 100"):
        vectors = VectorIndex(tmp_path, "passages")
    assert vectors.count() == 1  # nothing indexed is lost
    assert [i for i, _ in vectors.query([1.0] + [0.0] * 383, None, 1)] == ["a.md#0"]
