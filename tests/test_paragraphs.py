from reflow.cleaners.paragraphs import build_paragraphs
from reflow.model import LIST_ITEM, PARAGRAPH, doc_of, texts
from reflow.pipeline import Config


def blocks(text):
    return build_paragraphs(doc_of(text), Config()).blocks


def test_build_paragraphs_joins_wrapped_lines():
    assert [b.text for b in blocks("one two\nthree four.")] == ["one two three four."]


def test_build_paragraphs_splits_on_blank_lines():
    assert len(blocks("First one.\n\nSecond one.")) == 2


def test_build_paragraphs_splits_after_short_line_that_ends_a_sentence():
    text = ("a full line of text that runs to the margin of the\n"
            "column and then ends.\n"
            "Another paragraph starts here and runs to the\n"
            "margin as well before it ends.")
    assert len(blocks(text)) == 2


def test_build_paragraphs_keeps_full_width_sentence_end_inside_paragraph():
    text = ("a full line of text that runs to the margin of this.\n"
            "Then the sentence goes on to the margin of the col\n"
            "and ends.")
    assert len(blocks(text)) == 1


def test_build_paragraphs_splits_on_indented_sentence_start():
    text = "the end of one paragraph here.\n   Then a new indented one\nwrapped over lines."
    assert len(blocks(text)) == 2


def test_build_paragraphs_rejoins_paragraph_cut_by_blank_line():
    text = ("the harvest was carried to the barns on the estate where it\n"
            "was threshed and stored by the labourers during\n\n"
            "the winter months.")
    assert [b.text for b in blocks(text)] == [
        "the harvest was carried to the barns on the estate where it was threshed "
        "and stored by the labourers during the winter months."]


def test_build_paragraphs_rejoins_across_page_break():
    text = "the sentence goes on and on until the end of\fthe page and beyond."
    assert len(blocks(text)) == 1


def test_build_paragraphs_keeps_lines_of_unwrapped_text():
    long = "word " * 50
    text = f"{long}one.\n{long}two.\n{long}three."
    assert len(blocks(text)) == 3


def test_build_paragraphs_makes_list_items_with_numbers():
    bs = blocks("Steps:\n1. Open it.\n2. Close it.")
    assert [(b.kind, b.number, b.text) for b in bs] == [
        (PARAGRAPH, 0, "Steps:"), (LIST_ITEM, 1, "Open it."), (LIST_ITEM, 2, "Close it.")]


def test_build_paragraphs_lone_numbered_line_is_not_a_list():
    assert [b.kind for b in blocks("2. Methods\n\nWe did it.")] == [PARAGRAPH, PARAGRAPH]


def test_build_paragraphs_bracket_numbers_and_wrapped_items():
    bs = blocks("[1] A. Author, A title of a paper that is long,\nJournal 2001.\n[2] B. Author, Another, 2002.")
    assert [(b.number, b.text) for b in bs] == [
        (1, "A. Author, A title of a paper that is long, Journal 2001."), (2, "B. Author, Another, 2002.")]


def test_build_paragraphs_joins_after_slash_without_space():
    assert texts(build_paragraphs(doc_of("in ISO/\nIEC/IEEE standards"), Config())) == [
        "in ISO/IEC/IEEE standards"]


def test_build_paragraphs_keeps_provenance():
    (b,) = blocks("one\ntwo.")
    assert b.origin == (1, 2)


def test_build_paragraphs_joins_unwrapped_line_continued_after_blank():
    long = "word " * 40
    text = f"{long}Phone: +1 555 0100. Fax: office\n\n+1 555 0199. E-mail: a@b.org.\n\nWord {long}end."
    assert len(blocks(text)) == 2 and "office +1 555" in blocks(text)[0].text


def test_build_paragraphs_unwrapped_sentence_start_stays_apart():
    long = "word " * 40
    assert len(blocks(f"{long}and then\n\nA new paragraph {long}.")) == 2
