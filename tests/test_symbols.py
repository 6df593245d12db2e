import pytest

from reflow.cleaners.symbols import repair_symbols, restore_symbols
from reflow.model import doc_of, texts
from reflow.pipeline import Config, run


@pytest.mark.parametrize("before,after", [
    ("more than 4 3 109/L blasts", "more than 4 × 10⁹/L blasts"),
    ("Leukocytes (3109L)", "Leukocytes (×10⁹/L)"),
    ("Erythrocytes (3 1012/L)", "Erythrocytes (×10¹²/L)"),
    ("a count of 45×109/L", "a count of 45×10⁹/L"),
    ("a count of 45 x 109/L", "a count of 45 x 10⁹/L"),
    ("Platelets (x109/L)", "Platelets (x10⁹/L)"),
    ("red cells 4.5×1012/L", "red cells 4.5×10¹²/L"),
    ("CD34+ cells 2×106/kg", "CD34+ cells 2×10⁶/kg"),
    ("lr of 10^-3 and 4×10^8 copies", "lr of 10⁻³ and 4×10⁸ copies"),
    ("reported.^{2,3} Later", "reported.²,³ Later"),
    ("Smith,*^o Jones", "Smith,*° Jones"),
    ("kept at 4^oC", "kept at 4°C"),
    ("a rate of 10−4 per cycle", "a rate of 10⁻⁴ per cycle"),
    ("p < 10−8", "p < 10⁻⁸"),
    ("given 75 mg/m2 daily", "given 75 mg/m² daily"),
    ("BSA 1.8 m2.", "BSA 1.8 m²."),
    ("index >2 cm/m2 or", "index >2 cm/m² or"),
    ("a χ2 test and χ2 = 3.1", "a χ² test and χ² = 3.1"),
    ("ª 1998 Example Society", "© 1998 Example Society"),
    ("raised b2 microglobulin", "raised β2 microglobulin"),
    ("a-fetoprotein and b-catenin", "α-fetoprotein and β-catenin"),
    ("free k light chains", "free κ light chains"),
    ("Tel. (cid:3)44-20-7946-0000", "Tel. +44-20-7946-0000"),
])
def test_repairs(before, after):
    assert repair_symbols(before) == after


@pytest.mark.parametrize("text", [
    "2 × 10⁹/L and 150 × 10⁹/L",
    "109 patients; 30 x 109 grid; 2 × 106 matrix",
    "x^2 + y^2 and 2^n",
    "10−3 = 7 and pages 10−12",
    "M2 macrophages, Apple M2, example.com/m2 and room m2",
    "a globulin fraction, a blocker, b cells, vitamin b12",
    "1ª edición, 2ª parte",
    "χ2 distribution with 3 degrees",
    "β2, κ, λ, IFNγ, TNF-α, TCRαβ",
    "Tel. 555-0100",
    "{1, 2} and f(x){",
    "aged 17y at onset",
])
def test_correct_text_kept(text):
    assert repair_symbols(text) == text


@pytest.mark.parametrize("before,after", [
    ("Arm\tM N (%)\tΝ", "Arm\tM N (%)\tN"),      # lone Greek capital Nu
    ("the ΝR rate", "the NR rate"),               # Greek Nu inside a Latin word
    ("the Тotal count", "the Total count"),       # Cyrillic Te inside a Latin word
    ("ΤΝF-α levels", "TNF-α levels"),             # acronym typed in Greek, real alpha kept
])
def test_homoglyphs(before, after):
    assert repair_symbols(before) == after


def test_greek_text_kept():
    text = "Quoted: Ο Μέγας Αλέξανδρος and Война и мир"
    assert repair_symbols(text) == text


NOTES = "CR at 14y\nPD at 9y\n\n* Assessed by imaging.\ny\nStill in remission.\n{\nDose reduced.\n4{\n"


def test_note_marks_restored_with_evidence():
    assert texts(restore_symbols(doc_of(NOTES), Config())) == [
        "CR at 14†", "PD at 9†", "* Assessed by imaging.", "†", "Still in remission.", "‡",
        "Dose reduced.", "4‡"]


def test_note_marks_need_a_run_of_notes():
    # A lone ``y`` line before a capitalised line, with no other note mark near,
    # is not evidence: ``14y`` stays.
    text = "CR at 14y\n\nAxis\ny\nValues by year.\n"
    assert texts(restore_symbols(doc_of(text), Config())) == ["CR at 14y", "Axis", "y", "Values by year."]


def test_long_lines_keep_a_final_y_even_with_evidence():
    text = "The patient was last seen in remission at a follow-up aged 14y\n* Note.\ny\nGiven.\n"
    out = texts(restore_symbols(doc_of(text), Config()))
    assert out[0].endswith("14y") and out[2] == "†"


def test_unchanged_document_is_returned_as_is():
    doc = doc_of("plain text\nwith nothing to do")
    assert restore_symbols(doc, Config()) is doc


def test_repairs_are_traced_with_provenance():
    result = run(doc_of("intro line\ncount 2 3 109/L\n"), explain=True)
    steps = [s for s in result.trace if s.cleaner == "restore_symbols"]
    assert len(steps) == 1 and steps[0].lines == (2,)
    assert steps[0].before == "count 2 3 109/L" and steps[0].after == "count 2 × 10⁹/L"


@pytest.mark.parametrize("text", [
    "ages of 10−15 years",          # after a plain ``of`` a minus can be a range
    "the Χ2 statistic and Β2 level",  # Greek capital before a number stays Greek
])
def test_more_near_misses_kept(text):
    assert repair_symbols(text) == text
