from reflow.cleaners.interruptions import rejoin_interrupted_paragraphs
from reflow.model import CAPTION, HEADING, PARAGRAPH, TABLE, Block, Document, Line


def para(text, *lines):
    lines = lines or (text,)
    return Block(PARAGRAPH, text, tuple(Line(t, origin=(n,)) for n, t in enumerate(lines, 1)))


BODY = "the samples were weighed again after a week in the drying room and then"
OPEN = para(BODY + " sent on to the", BODY, "sent on to the staff of the regional laboratory for the test of the")


def run(*blocks):
    return [(b.kind, b.text) for b in rejoin_interrupted_paragraphs(Document(blocks=blocks), None).blocks]


def test_joins_across_caption_and_table_and_moves_them_after():
    cap = Block(CAPTION, "Weights.", label="Table 1.")
    table = Block(TABLE, rows=(("a", "b"), ("1", "2")))
    out = run(OPEN, cap, table, para("laboratory for analysis."))
    assert out[0] == (PARAGRAPH, OPEN.text + " laboratory for analysis.")
    assert [k for k, _ in out] == [PARAGRAPH, CAPTION, TABLE]


def test_mends_a_word_split_across_the_interruption():
    a = para("the rain fell on the slopes of the mountain range that had been defor-",
             "the rain fell on the slopes of the mountain range",
             "that had been defor- and the rest of it was full")
    out = run(a, Block(CAPTION, "Map.", label="Figure 1."), para("ested in the last century."))
    assert out[0][1].endswith("had been deforested in the last century.")


def test_leaves_a_split_that_makes_no_word():
    a = para("it was xq-", "a first line of the paragraph that is long enough to count", "it was xq-")
    out = run(a, Block(CAPTION, "Map.", label="Figure 1."), para("zzv and more text follows here."))
    assert len(out) == 3


def test_does_not_cross_a_heading_or_body_paragraph():
    body = para("A paragraph of body text that is wide enough to be body text and ends here.")
    assert len(run(OPEN, Block(HEADING, "Results", level=2), para("laboratory."))) == 3
    assert len(run(OPEN, body, para("laboratory."))) == 3


def test_needs_a_lower_case_continuation():
    out = run(OPEN, Block(CAPTION, "Map.", label="Figure 1."), para("Laboratory work began."))
    assert len(out) == 3


def test_paragraph_ending_a_sentence_is_not_continued():
    closed = para(BODY + " done.", BODY, "done.")
    assert len(run(closed, Block(CAPTION, "Map.", label="Figure 1."), para("and so on."))) == 3


def test_affiliation_beside_the_text_is_an_interruption_and_its_marker_goes():
    a = para("and the samples went to the regional adminis1",
             "the samples were weighed again after a week in the drying",
             "and the samples went to the regional adminis1")
    addr = para("Department of Botany, Lake University, Tarnow, Poland.")
    out = run(a, addr, para("tration for testing."))
    assert out[0][1].endswith("regional administration for testing.")
    assert out[1][1] == addr.text


def test_marker_is_kept_when_the_pieces_are_words_themselves():
    a = para("the results were sent to the team leader2",
             "the samples were weighed again after a week in the",
             "the results were sent to the team leader2")
    out = run(a, Block(CAPTION, "Map.", label="Figure 1."), para("ship for review."))
    assert "leader2 ship" in out[0][1]


def test_table_header_text_and_notes_count_as_the_tables_material():
    header = para("Site Weight Depth of the sample core in the lake bed measured in cm")
    table = Block(TABLE, rows=(("a", "b"), ("1", "2")))
    notes = para("W: indicates weight; D: depth of the core below the lake bed at the site.")
    wide = para(BODY, BODY, BODY)
    out = run(wide, Block(CAPTION, "Cores.", label="Table 1."), header, table, notes,
              para("laboratory for analysis."))
    assert out[0][1] == BODY + " laboratory for analysis."
    assert [k for k, _ in out] == [PARAGRAPH, CAPTION, PARAGRAPH, TABLE, PARAGRAPH]
