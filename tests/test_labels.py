import pytest

from reflow.cleaners.labels import split_glued_labels, split_label
from reflow.model import doc_of, texts
from reflow.pipeline import Config


@pytest.mark.parametrize("before,after", [
    ("Original languageFrench", "Original language: French"),
    ("Publication statusSubmitted - 2021", "Publication status: Submitted - 2021"),
    ("Research output: Contribution to bookChapter", "Research output: Contribution to book, Chapter"),
    ("Output type: Contribution to journalLetterpeer-review",
     "Output type: Contribution to journal, Letter, peer-review"),
])
def test_splits(before, after):
    assert split_label(before) == after


@pytest.mark.parametrize("text", [
    "Written in JavaScript for the iPhone",
    "Videos on YouTube and PowerPoint slides",
    "Lunch at McDonald",
    "the protein kinaseA",                       # does not start like a label
    "Original language English",                 # already separated
    "A long line of running text that mentions a languageEnglish glue in the middle of a sentence.",
])
def test_kept(text):
    assert split_label(text) == text


def test_number_glue_needs_a_word_glue_in_the_document():
    alone = doc_of("Importing item2\nIssue number11\n")
    assert texts(split_glued_labels(alone, Config())) == ["Importing item2", "Issue number11"]
    scraped = doc_of("Original languageEnglish\nIssue number11\n")
    assert texts(split_glued_labels(scraped, Config())) == ["Original language: English", "Issue number: 11"]


def test_unchanged_document_is_returned_as_is():
    doc = doc_of("Nothing glued here\n")
    assert split_glued_labels(doc, Config()) is doc
