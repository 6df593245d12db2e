import pytest

from reflow.cleaners.hyphenation import decide, join_hyphenated_words
from reflow.model import doc_of, texts
from reflow.pipeline import Config


def run(text):
    return texts(join_hyphenated_words(doc_of(text), Config()))


@pytest.mark.parametrize("left,right", [("dif", "ferent"), ("approxi", "mately"), ("relation", "ship"),
                                        ("special", "ist"), ("Tar", "geting"), ("over", "all")])
def test_join_hyphenated_words_joins_split_words(left, right):
    assert decide(left, right) == "join"


@pytest.mark.parametrize("left,right", [("follow", "up"), ("long", "term"), ("self", "esteem"),
                                        ("post", "conflict"), ("anti", "CD20"), ("AF", "toxin"),
                                        ("CyA", "related"), ("9", "methyl"), ("β", "lactam"), ("1.3", "28")])
def test_join_hyphenated_words_keeps_compounds(left, right):
    assert decide(left, right) == "keep"


def test_join_hyphenated_words_leaves_suspended_hyphen():
    assert run("both short-\nand long-acting") == ["both short-", "and long-acting"]


def test_join_hyphenated_words_moves_the_fragment_and_records_both_lines():
    doc = join_hyphenated_words(doc_of("the recog-\nnition rate"), Config())
    assert [(ln.text, ln.origin) for ln in doc.lines] == [("the recognition", (1, 2)), ("rate", (2,))]


def test_join_hyphenated_words_removes_a_line_left_empty():
    assert run("a dif-\nferent\nend") == ["a different", "end"]


def test_join_hyphenated_words_prefers_the_documents_own_spelling():
    # The document writes "followup" elsewhere, so the split form joins.
    assert run("a follow-\nup visit; the followup was short") == ["a followup", "visit; the followup was short"]
    # ... and "co-operation" keeps its hyphen when the document hyphenates it.
    assert run("co-operation and co-\noperation") == ["co-operation and co-operation"]


def test_join_hyphenated_words_joins_across_a_blank_line():
    assert run("the proposals sub-\n\nmitted by") == ["the proposals submitted", "by"]


def test_join_hyphenated_words_keeps_en_dash_ranges_closed():
    assert run("ages 42\u2013\n74 years") == ["ages 42\u201374", "years"]


def test_join_hyphenated_words_soft_hyphen_always_joins():
    assert run("a hyphen\u00ad\nation point") == ["a hyphenation", "point"]


def test_join_hyphenated_words_repairs_in_line_hyphen_only_with_evidence():
    assert run("thrombocy-topenic purpura") == ["thrombocytopenic purpura"]
    assert run("a well-known and self-evident co-operation") == ["a well-known and self-evident co-operation"]


def test_join_hyphenated_words_does_not_touch_unhyphenated_text():
    doc = doc_of("nothing to do\nhere at all")
    assert join_hyphenated_words(doc, Config()) is doc


def test_lost_hyphen_restored_only_from_the_document_and_for_unknown_words():
    from reflow.cleaners.hyphenation import join_hyphenated_words
    from reflow.model import doc_of, texts
    out = texts(join_hyphenated_words(doc_of("the B-cell count\nthe B-cell test\nthe Bcell rise"), None))
    assert out[-1] == "the B-cell rise"
    # ``online`` is a word: the document's ``on-line`` does not change it.
    out = texts(join_hyphenated_words(doc_of("on-line and on-line\nbut online too"), None))
    assert out[-1] == "but online too"


def test_no_hyphen_join_into_a_footnote_that_starts_the_next_line():
    from reflow.cleaners.hyphenation import join_hyphenated_words
    from reflow.model import doc_of, texts
    out = texts(join_hyphenated_words(doc_of("when trained on mul-\n8GLUE is a benchmark."), None))
    assert out == ["when trained on mul-", "8GLUE is a benchmark."]


@pytest.mark.parametrize("lines", [
    ["A follow-up of the Follow-up.", "the B-cell's and b-cell; Bcell (x-linked)"],
    ["ΣΑΣ b-cell Bcell", "non-mye-loablative  well-known\twell-known"],  # a capital sigma: counted whole
    ["İstanbul x-linked", "X-Linked xlinked"],  # a letter that lowers to two
])
def test_vocabulary_lookups_count_as_the_whole_vocabulary(lines):
    from reflow.cleaners.hyphenation import Vocabulary
    from reflow.lexicon import vocabulary

    full = vocabulary(lines)
    lazy = Vocabulary(lines, "\n".join(lines), expected=0)
    for word in [*full, "absent", "cell", "b-cell", "link"]:
        assert lazy[word] == full[word], word
    assert lazy.compounds() == [w for w in full if w.count("-") == 1]
