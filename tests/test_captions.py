"""detect_captions: caption blocks, cut from body text, placed before their table."""
from __future__ import annotations

from reflow.cleaners.captions import caption_label, detect_captions
from reflow.cleaners.paragraphs import build_paragraphs
from reflow.cleaners.tables import rebuild_tables
from reflow.model import CAPTION, PARAGRAPH, TABLE, Document, Line, doc_of


def run(text: str):
    doc = build_paragraphs(doc_of(text), None)
    return list(detect_captions(rebuild_tables(doc, None), None).blocks)


def shape(text: str) -> list[tuple[str, str, str]]:
    return [(b.kind, b.label, b.text) for b in run(text)]


def test_caption_labels():
    assert caption_label("TABLE 2 Outcomes by site") == ("TABLE 2", "Outcomes by site")
    assert caption_label("Fig. 3. Map of the valley") == ("Fig. 3.", "Map of the valley")
    assert caption_label("Figure 4: (a) Rain") == ("Figure 4:", "(a) Rain")
    assert caption_label("**Table 1.** Read back") == ("Table 1.", "Read back")


def test_sentences_that_start_with_table_are_not_captions():
    assert caption_label("Table 2 shows the totals.") is None
    assert caption_label("Figure 3 compares both years.") is None
    assert caption_label("Tables 2 and 3 list the sites.") is None


def test_caption_paragraph_becomes_caption_block():
    assert shape("Table 1. Nest boxes by site.\n") == [(CAPTION, "Table 1.", "Nest boxes by site.")]


def test_caption_ends_where_lower_case_body_text_resumes():
    out = shape("Figure 2. Rain by month. Each bar is\none month.\nthe wettest spring on record.\n")
    assert out[0] == (CAPTION, "Figure 2.", "Rain by month. Each bar is one month.")
    assert out[1] == (PARAGRAPH, "", "the wettest spring on record.")


def test_abbreviation_at_line_end_does_not_end_the_caption():
    out = shape("Figure 2. Rain and snow, e.g.\nsleet, by month.\n")
    assert len(out) == 1 and out[0][0] == CAPTION


def test_body_line_starting_with_table_after_running_text_stays_body():
    text = ("The totals for each of the sites that we visited are shown in\n"
            "Table 1. The wettest sites had the most birds in every year.\n")
    assert [k for k, _, _ in shape(text)] == [PARAGRAPH]


def test_caption_cut_from_paragraph_after_a_sentence_end():
    text = ("The boxes were checked every week from April until July.\n"
            "Figure 1: Boxes checked per week.\n")
    out = shape(text)
    assert [k for k, _, _ in out] == [PARAGRAPH, CAPTION]


def test_caption_after_blank_line_is_cut_from_a_merged_paragraph():
    doc = Document(blocks=(
        build_paragraphs(doc_of("The boxes were put up by the\n\nTable 3 Boxes by site\n"), None).blocks
    ))
    kinds = [b.kind for b in detect_captions(doc, None).blocks]
    assert CAPTION in kinds


def test_caption_under_its_table_moves_before_it():
    text = ("Site Boxes Broods Eggs\nNorth 12 9 40\nSouth 8 3 12\nEast 4 2 9\n"
            "Table 2: Boxes and broods by site.\n")
    assert [b.kind for b in run(text)] == [CAPTION, TABLE]


def test_caption_after_a_table_that_has_one_stays():
    text = ("Table 1. Boxes.\n\nSite     Boxes   Broods\nNorth    12      9\nSouth    8       3\n\n"
            "Figure 1. Map of the sites.\n")
    assert [b.kind for b in run(text)] == [CAPTION, TABLE, CAPTION]


def test_table_notes_stay_after_the_table():
    text = ("Table 1. Boxes.\n\nSite     Boxes   Broods\nNorth    12      9\nSouth*   8       3\n\n"
            "* Flooded in May.\n")
    assert [b.kind for b in run(text)] == [CAPTION, TABLE, PARAGRAPH]


def test_body_text_cut_by_a_table_is_joined_again():
    text = ("The boxes on the fenced sites held more broods than the open\n\n"
            "Table 1. Boxes.\n\nSite     Boxes   Broods\nNorth    12      9\nSouth    8       3\n\n"
            "sites, as in the year before.\n")
    from reflow.cleaners.interruptions import rejoin_interrupted_paragraphs
    doc = detect_captions(rebuild_tables(build_paragraphs(doc_of(text), None), None), None)
    out = list(rejoin_interrupted_paragraphs(doc, None).blocks)
    assert out[0].text == ("The boxes on the fenced sites held more broods than the open "
                           "sites, as in the year before.")
    assert [b.kind for b in out] == [PARAGRAPH, CAPTION, TABLE]
    assert 9 in out[0].origin  # the joined line keeps its input line number


def test_no_blocks_is_unchanged():
    doc = Document(lines=(Line("Table 1. x"),))
    assert detect_captions(doc, None) is doc
