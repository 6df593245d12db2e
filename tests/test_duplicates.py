"""drop_duplicate_fragments and its helpers: copies merged, distinct texts kept."""
from __future__ import annotations

from reflow.cleaners.duplicates import drop_duplicate_fragments, garbled_copy, merge_overlap, spelling
from reflow.model import HEADING, PARAGRAPH, Block, Document, Line


def para(text: str, n: int = 1, kind: str = PARAGRAPH) -> Block:
    return Block(kind, text, (Line(text, origin=(n,)),))


def run(*blocks: Block) -> list[Block]:
    return list(drop_duplicate_fragments(Document(blocks=tuple(blocks)), None).blocks)


CLEAN = "The river rose twice during the spring and left a layer of fine silt on the meadow."
GARBLED = "The river rose twice durinq the spring and left a layer of fine si1t on the meadow."


def test_spelling_prefers_known_words():
    assert spelling(CLEAN) > spelling(GARBLED)


def test_garbled_second_copy_removed_with_its_lines_kept_for_provenance():
    out = run(para(CLEAN, 1), para(GARBLED, 2), para("By June the meadow had dried out again.", 3))
    assert [b.text for b in out] == [CLEAN, "By June the meadow had dried out again."]
    assert out[0].origin == (1, 2)


def test_better_spelled_second_copy_wins():
    out = run(para(GARBLED, 1), para(CLEAN, 2))
    assert [b.text for b in out] == [CLEAN]


def test_copy_across_a_heading_is_kept():
    out = run(para(CLEAN), para("Results", kind=HEADING), para(CLEAN))
    assert len(out) == 3


def test_short_repeats_are_kept():
    out = run(para("Row the boat and pull the line"), para("Row the boat and pull the line"))
    assert len(out) == 2


def test_similar_sentences_with_other_words_or_figures_are_kept():
    a = "Patients in the first group received 10 mg of the drug each morning for six weeks."
    b = "Patients in the second group received 20 mg of the drug each morning for six weeks."
    assert not garbled_copy(a, b)
    assert len(run(para(a), para(b))) == 2


def test_cut_off_block_merged_into_the_block_whose_head_it_repeats():
    out = run(para("Soil samples from the upper terraces were dried at forty degrees and"),
              para("Soil samples from the upper terraces were dried at forty degrees and sieved."))
    assert [b.text for b in out] == ["Soil samples from the upper terraces were dried at forty degrees and sieved."]


def test_merge_overlap_keeps_the_better_overlap():
    merged = merge_overlap("Varga K, Lind P, et al. Grawth of spruce seedlings under",
                           "et al. Growth of spruce seedlings under drought. Tree Phys 1999;8:2-7.")
    assert merged == "Varga K, Lind P, et al. Growth of spruce seedlings under drought. Tree Phys 1999;8:2-7."


def test_merge_overlap_refuses_complete_distinct_texts():
    assert merge_overlap("Ruiz P, Tan K. Salt marsh birds of the north coast. Ibis 2002;9:1-4.",
                         "Ruiz P, Tan K. Salt marsh plants of the north coast. Oikos 2004;3:5-8.") is None


def test_no_change_returns_same_document():
    doc = Document(blocks=(para(CLEAN), para("By June the meadow had dried out again.")))
    assert drop_duplicate_fragments(doc, None) is doc
