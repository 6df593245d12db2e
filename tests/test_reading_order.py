from reflow.cleaners.reading_order import restore_column_order
from reflow.model import HEADING, PARAGRAPH, TABLE, Block, Document, Line

FULL = "a line of body text that runs to the full width of its column"


def p(text, last=None):
    lines = (Line(FULL), Line(last or text))
    return Block(PARAGRAPH, text, lines)


def order(*blocks):
    return [b.text for b in restore_column_order(Document(blocks=blocks), None).blocks]


RIGHT = p("went on for a week before the ice closed in.", "went on for a week before the ice closed in.")
RIGHT_END = p("The second season was shorter and went round the", FULL)
LEFT = p("Fuller took the ships north along the coast where the work", FULL)


def test_column_printed_first_moves_after_the_column_it_continues():
    out = order(Block(HEADING, "Voyages"), RIGHT, RIGHT_END, LEFT)
    assert out == ["Voyages", LEFT.text + " " + RIGHT.text, RIGHT_END.text]


def test_no_move_when_the_earlier_run_is_finished():
    closed = p("The second season was shorter.", "The second season was shorter.")
    blocks = (Block(HEADING, "Voyages"), RIGHT, closed, LEFT)
    assert order(*blocks) == [b.text for b in blocks]


def test_no_move_when_the_orphan_follows_a_table():
    table = Block(TABLE, rows=(("a", "b"), ("1", "2")))
    blocks = (table, RIGHT, RIGHT_END, LEFT)
    assert order(*blocks) == [b.text for b in blocks]


def test_no_move_when_something_continues_the_last_open_paragraph():
    blocks = (Block(HEADING, "Voyages"), RIGHT, RIGHT_END, LEFT, p("and so on to the end."))
    assert order(*blocks) == [b.text for b in blocks]
