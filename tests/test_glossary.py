"""Plain English and council jargon: the glossary alone, then through the real index and answerer."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from cofnod.errors import ConfigError
from cofnod.settings import load_settings
from index.glossary import Glossary
from tests.conftest import make_passages

G = Glossary.default()

WASTE = [
    "Mr Thomas, Cabinet Member for Environment, gave an update on waste services.",
    "Due to changes in managing soft furnishings with persistent organic pollutants, three HWRCs "
    "(Tovil, Dartford and Sittingbourne) cannot accept soft furnishings until new containers are fitted. "
    "Residents can take upholstered items to the other household waste recycling centres in the county.",
    "Kerbside collections of garden waste resumed in March after the storm.",
]
OTHER = [
    "The council fostering service approved 41 new foster households this year.",
    "School transport contracts were renewed for the academic year.",
    "Fly tipping on rural verges rose slightly; two prosecutions followed.",
]


def test_phrases_match_on_stemmed_words_with_stopwords_kept():
    lighting_up = G.concepts("people lighting up near schools")
    assert lighting_up & G.concepts("smoking")
    # "lighting" alone is street lighting, not smoking
    assert not (G.concepts("new street lighting columns") & G.concepts("smoking"))
    assert G.concepts("the Tips") == G.concepts("household waste recycling centres")
    assert not (G.concepts("fly-tipping on verges") & G.concepts("tips"))


def test_expansions_without_counts_give_every_other_phrase():
    found = G.expansions("Why can't the tips take sofas?")
    assert "household waste recycling centre" in found and "soft furnishings" in found
    assert "tips" not in found and "sofas" not in found


def test_expansions_keep_only_the_papers_own_words_for_an_idea():
    counts = G.count_phrases(WASTE + OTHER)
    assert counts["HWRCs"] == 1 and counts["soft furnishings"] == 1
    assert counts.get("tips", 0) == counts.get("tip", 0) == 0  # "fly tipping" is not a tip
    found = G.expansions("Why can't the tips take sofas?", counts)
    assert set(found) == {"HWRCs", "household waste recycling centre", "soft furnishings"}
    # a question already in the papers' words gets nothing added
    assert G.expansions("Which HWRCs cannot take soft furnishings?", counts) == []


def test_what_inspectors_ask_for_is_found_in_each_inspectorate_s_words():
    counts = G.count_phrases(["7. Areas for improvement", "We have identified five areas for improvement."])
    assert G.expansions("What did the inspectors recommend?", counts) == ["areas for improvement"]
    assert "recommendations" in G.expansions("What are the areas for improvement?")


def test_a_named_inspectorate_is_widened_to_inspectors_but_never_to_another_inspectorate():
    found = G.expansions("Which councillor commented on the Care Inspectorate Wales report?")
    assert "CIW" in found and "inspectors" in found
    assert "Ofsted" not in found and "Estyn" not in found
    assert set(G.expansions("What grade did Estyn give?")) == {"inspectors", "inspection"}
    # the common word still reaches every inspectorate's name
    assert {"Ofsted", "Estyn", "CIW"} <= set(G.expansions("What did the inspectors say?"))


def test_what_a_committee_recommends_is_not_an_inspector_s_area_for_improvement():
    counts = G.count_phrases(["7. Areas for improvement", "We have identified five areas for improvement."])
    question = "What did the Corporate Parenting Committee recommend about the lodgings allowance?"
    assert G.expansions(question, counts) == []
    assert G.covered_stems(question, "We have identified five areas for improvement.") == set()
    assert G.expansions("What did Estyn recommend?", counts) == ["areas for improvement"]


def test_rewrite_swaps_rare_question_words_for_spelled_out_paper_words():
    counts = G.count_phrases(WASTE + OTHER)
    rewritten = G.rewrite("Why can't some tips take old sofas and armchairs?", counts)
    assert rewritten == "Why can't some household waste recycling centre take old soft furnishings and armchairs?"
    # words the papers use are left alone
    counts_busy = {**counts, "tip": 50}  # "tip" stands for "tips" too
    assert "tips" in G.rewrite("Why can't some tips take old sofas?", counts_busy)


def test_covered_stems_name_the_question_words_a_text_holds_in_other_words():
    held = G.covered_stems("Why can't the tips take sofas?", WASTE[1])
    assert held == {"tip", "sofa"}
    assert G.covered_stems("Why can't the tips take sofas?", OTHER[1]) == set()


def test_words_shown_to_the_member_skip_plural_repeats_and_keep_acronyms_upper_case():
    from index.glossary import for_display

    assert for_display(["household waste recycling centre", "HWRC", "HWRCs", "soft furnishings"]) == [
        "household waste recycling centre", "HWRC", "soft furnishings"]


def test_a_council_adds_its_own_groups(tmp_path):
    extra = tmp_path / "glossary.txt"
    extra.write_text("# our words\nhub | one stop shop | gateway\n\n")
    g = Glossary.with_file(extra)
    assert len(g.groups) == len(G.groups) + 1
    assert "gateway" in g.expansions("Where is the one stop shop?")


def test_a_bad_glossary_file_is_named_with_its_problem(tmp_path):
    with pytest.raises(ConfigError, match=r"missing\.txt: cannot read the glossary file"):
        Glossary.with_file(tmp_path / "missing.txt")
    lonely = tmp_path / "words.txt"
    lonely.write_text("hub | gateway\nnot a group\n")
    with pytest.raises(ConfigError, match=r"words\.txt, line 2: a group needs two or more phrases"):
        Glossary.with_file(lonely)
    binary = tmp_path / "words.bin"
    binary.write_bytes(b"\xff\xfe\x00hub")
    with pytest.raises(ConfigError, match="cannot read the glossary file"):
        Glossary.with_file(binary)


def test_ask_with_a_missing_glossary_file_says_so_in_one_line(tmp_path):
    from click.testing import CliRunner

    from assistant.cli import main

    config = tmp_path / "c.toml"
    config.write_text(f'[index]\nglossary_file = "{tmp_path / "nowhere.txt"}"\n')
    a = _assistant(tmp_path, 0.5)
    a.close()
    result = CliRunner().invoke(main, ["ask", "Why can't the tips take sofas?", "--home", str(tmp_path / "home-0.5")],
                                env={"COFNOD_CONFIG": str(config)})
    assert result.exit_code != 0
    assert "nowhere.txt: cannot read the glossary file" in result.output
    assert "Traceback" not in result.output


def test_counts_stay_in_memory_when_the_home_cannot_be_written(tmp_path):
    a = _assistant(tmp_path, 0.5)
    try:
        blocker = tmp_path / "home-0.5" / "keyword" / "glossary.tmp"
        blocker.mkdir(parents=True)  # the temporary file cannot be written: a directory is in its way
        assert "HWRCs" in a.index.equivalents("Why can't the tips take sofas?")
        assert not (tmp_path / "home-0.5" / "keyword" / "glossary.json").exists()
    finally:
        a.close()


def _assistant(tmp_path, weight: float) -> Assistant:
    s = load_settings(env={}, home=str(tmp_path / f"home-{weight}"))
    s.index.glossary_weight = weight
    a = Assistant(s)
    a.index.upsert(*make_passages("kent/minutes.pdf", WASTE, committee="Cabinet", date="2025-01-30"),
                   "sha-w", "/nowhere/w")
    a.index.upsert(*make_passages("kent/other.pdf", OTHER, committee="Cabinet", date="2025-01-09"),
                   "sha-o", "/nowhere/o")
    return a


def test_a_plain_english_question_finds_and_cites_the_jargon_paragraph(tmp_path):
    question = "Why can't some of the county's tips take old sofas and armchairs at the moment?"
    on = _assistant(tmp_path, 0.5)
    try:
        answer = on.ask(question)
        assert not answer.abstained
        assert any(c.passage.id == "kent/minutes.pdf#1" for c in answer.citations)
        assert "persistent organic pollutants" in answer.text
        # the member is told which other words were searched for
        assert {"HWRCs", "soft furnishings"} <= set(answer.also_searched)
        assert answer.to_dict()["also_searched"] == answer.also_searched
        # a why-question leads with the sentence that gives the reason
        assert answer.sentences[0][0].startswith("Due to changes in managing soft furnishings")
    finally:
        on.close()
    off = _assistant(tmp_path, 0.0)
    try:
        assert off.ask(question).abstained  # without the glossary the words never meet
    finally:
        off.close()


def test_the_chat_says_which_other_words_were_searched():
    from ui.callbacks import answer_parts

    record = {"question": "q", "text": "t", "abstained": False, "sentences": [("A sentence.", [1])],
              "citations": [], "backend_note": None, "searching": None, "also_searched": ["HWRC", "soft furnishings"]}
    parts = answer_parts(record, 0)
    assert parts[-1] == "_(Also searched for the papers' words: HWRC, soft furnishings.)_"


def test_the_papers_words_are_recounted_when_the_papers_change(tmp_path):
    question = "Why can't the tips take sofas?"
    a = _assistant(tmp_path, 0.5)
    try:
        assert "HWRCs" in a.index.equivalents(question)
        # papers that say "tips" themselves: the question's own word is now the papers' word
        a.index.upsert(*make_passages("kent/tips.md", [f"The tips in district {n} open at eight." for n in range(4)]),
                       "sha-t", "/nowhere/t")
        assert "HWRCs" not in a.index.equivalents(question)
        assert "soft furnishings" in a.index.equivalents(question)
    finally:
        a.close()
    # the counts are kept beside the keyword index and read back by the next process
    saved = tmp_path / "home-0.5" / "keyword" / "glossary.json"
    assert saved.is_file()
