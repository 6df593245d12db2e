import pytest

from reflow.cleaners.ocr import repair_ocr, repair_ocr_confusions
from reflow.model import doc_of, texts
from reflow.pipeline import Config, run


@pytest.mark.parametrize("before,after", [
    ("given at 3 OOmg/day", "given at 300mg/day"),
    ("then 5OOmg twice", "then 500mg twice"),
    ("a 2O0 mg tablet", "a 200 mg tablet"),
    ("14 patients (9M/5F) and 40 (22F/1 8M)", "14 patients (9M/5F) and 40 (22F/18M)"),
    ("cohort (23M/1 OF)", "cohort (23M/10F)"),
    ("all in stage HI", "all in stage III"),
    ("grade Il toxicity", "grade II toxicity"),
    ("Stage HIA disease", "Stage IIIA disease"),
    ("a phase lI trial", "a phase II trial"),
    ("8 were évaluable for response", "8 were evaluable for response"),
])
def test_repairs(before, after):
    assert repair_ocr(before) == after


@pytest.mark.parametrize("text", [
    "stage III, grade 2, phase 1, type 2, class IV",
    "type HIV-1 and stage HIVE",
    "an OD of 0.9, 1 OD600 unit, 3 Oxford trials",
    "Al2O3, O'Connor, Omaha",
    "24 M and 9 F; ratio 3/1; 12M/9F",
    "café, naïve, rôle, José, Zoé, résumé, élite",
    "une étude évaluable pour la réponse",
    "the €2748 fee",
    "grant Al048512 alone",
])
def test_correct_text_kept(text):
    assert repair_ocr(text) == text


def test_document_vocabulary_blocks_a_numeral_repair():
    doc = doc_of("HI titres were measured.\nOne type HI reaction.\n")
    assert texts(repair_ocr_confusions(doc, Config())) == ["HI titres were measured.", "One type HI reaction."]


def test_identifier_prefix_needs_a_correct_spelling_in_the_document():
    with_evidence = "Grants Ml012345, M1098765, MI055555.\n"
    without = "Grants Ml012345, M1098765.\n"
    assert texts(repair_ocr_confusions(doc_of(with_evidence), Config())) == [
        "Grants MI012345, MI098765, MI055555."]
    assert texts(repair_ocr_confusions(doc_of(without), Config())) == ["Grants Ml012345, M1098765."]


def test_euro_article_number_needs_the_doi():
    text = "PLoS One 9(4): €4411. doi:10.1371/journal.pone.0004411\n"
    assert texts(repair_ocr_confusions(doc_of(text), Config())) == [
        "PLoS One 9(4): e4411. doi:10.1371/journal.pone.0004411"]
    other = "PLoS One 9(4): €4411. doi:10.1371/journal.pone.0004412\n"
    assert texts(repair_ocr_confusions(doc_of(other), Config())) == [other.strip()]


def test_unchanged_document_is_returned_as_is():
    doc = doc_of("clean text only\n")
    assert repair_ocr_confusions(doc, Config()) is doc


def test_repairs_are_traced():
    result = run(doc_of("Title line\n\nAll had stage HI.\n"), explain=True)
    steps = [s for s in result.trace if s.cleaner == "repair_ocr_confusions"]
    assert [(s.lines, s.before, s.after) for s in steps] == [((3,), "All had stage HI.", "All had stage III.")]


def test_doi_cut_after_10_is_joined_with_both_origins():
    doc = repair_ocr_confusions(doc_of("Data: doi:10.\n4321 /abc.def.77 and more.\n"), Config())
    assert [(ln.text, ln.origin) for ln in doc.lines] == [
        ("Data: doi:10.4321/abc.def.77", (1, 2)), ("and more.", (2,))]


def test_doi_space_before_slash_in_line():
    assert repair_ocr("see doi:10.4321 /abc.1") == "see doi:10.4321/abc.1"
    assert repair_ocr("ratio 10.4321 /abc") == "ratio 10.4321 /abc"  # not a DOI


def test_list_entry_number_separated_only_between_spaced_neighbours():
    text = "1 Dept of A, Town, 2 Dept of B, Town, 3CDC Unit, Town, 4 Dept of D\n5Lab E\n"
    assert texts(repair_ocr_confusions(doc_of(text), Config())) == [
        "1 Dept of A, Town, 2 Dept of B, Town, 3 CDC Unit, Town, 4 Dept of D", "5Lab E"]


@pytest.mark.parametrize("text", ["type 1l", "stage 1I", "type 11"])
def test_mixed_digit_numerals_are_ambiguous(text):
    assert repair_ocr(text) == text
