from reflow.cleaners.dropcaps import mend_drop_caps
from reflow.model import HEADING, PARAGRAPH, Block, Document, Line


def run(*texts):
    blocks = tuple(Block(PARAGRAPH, t, (Line(t),)) for t in texts)
    return [b.text for b in mend_drop_caps(Document(blocks=blocks), None).blocks]


def test_letter_joins_the_rest_of_its_word_across_other_blocks():
    assert run("S", "Received in May.", "ediment cores were taken.") == \
        ["Received in May.", "Sediment cores were taken."]


def test_fragment_that_is_a_common_word_needs_a_far_commoner_join():
    assert run("T", "he river rose.") == ["The river rose."]
    # ``Around`` is not much commoner than ``round``: no certainty, no join.
    assert run("A", "round the lake.") == ["A", "round the lake."]


def test_panel_letters_stay():
    assert run("A", "B", "the cores were cut.") == ["A", "B", "the cores were cut."]


def test_only_the_first_lower_case_paragraph_is_tried():
    assert run("W", "the first one.", "etlands later.") == ["W", "the first one.", "etlands later."]


def test_letter_on_the_line_before_its_word():
    lines = (Line("P"), Line("ottery was found."))
    doc = Document(blocks=(Block(PARAGRAPH, "P ottery was found.", lines),))
    assert [b.text for b in mend_drop_caps(doc, None).blocks] == ["Pottery was found."]


def test_headings_are_not_touched():
    doc = Document(blocks=(Block(HEADING, "A", level=2), Block(PARAGRAPH, "nother.")))
    assert mend_drop_caps(doc, None) == doc
