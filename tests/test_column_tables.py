from reflow.cleaners.column_tables import _values, kind, rebuild_column_tables
from reflow.cleaners.paragraphs import build_paragraphs
from reflow.model import PARAGRAPH, TABLE, doc_of
from reflow.pipeline import Config


def rebuilt(text):
    return rebuild_column_tables(build_paragraphs(doc_of(text), Config()), Config())


def tables(doc):
    return [b for b in doc.blocks if b.kind == TABLE]


# ------------------------------------------------------------------ shapes


def test_kind_reads_numbers_with_their_notes_as_numbers():
    assert [kind(c) for c in ["27(41.5)", "7 (58.3)", "2 (then home)", "9‡", "+3"]] == ["num"] * 5


def test_kind_tells_text_codes_and_empty_markers():
    assert [kind(c) for c in ["Harbour", "Oak beam", "B/40", "Bay 12", "NA", "—"]] == \
        ["word", "word", "mixed", "mixed", "null", "null"]


def test_values_keep_a_spaced_parenthesis_with_its_number():
    assert _values("6(20) 7 (58.3) 51(26.0) 7") == ["6(20)", "7 (58.3)", "51(26.0)", "7"]


# ------------------------------------------------------------------ packed columns

PACKED = ("\tWins\tLosses\n"
          "Spring\n"
          "Ash Elm Oak\t3 5 (45.5) 2\t8 6 9\n")


def test_packed_columns_are_transposed_with_the_section_row():
    [table] = tables(rebuilt(PACKED))
    assert table.rows == (("", "Wins", "Losses"), ("Spring", "", ""), ("Ash", "3", "8"),
                          ("Elm", "5 (45.5)", "6"), ("Oak", "2", "9"))


def test_packed_table_keeps_every_input_line_as_provenance():
    [table] = tables(rebuilt(PACKED))
    assert table.origin == (1, 2, 3)


def test_packed_columns_that_disagree_on_the_row_count_are_left_alone():
    doc = rebuilt("\tWins\tLosses\nAsh Elm Oak\t3 5 2\t8 6\n")
    assert tables(doc) == []


def test_packed_row_without_a_header_line_is_left_alone():
    doc = rebuilt("Some text before it.\n\nAsh Elm Oak\t3 5 2\t8 6 9\n")
    assert tables(doc) == []


# ------------------------------------------------------------------ dumps

DUMP = "Pond\n\nDepth (m)\n\nNewt\nReed\nMoss\n\n1.5\n0.8\n2.1\n"


def test_dump_headers_then_runs():
    [table] = tables(rebuilt(DUMP))
    assert table.rows == (("Pond", "Depth (m)"), ("Newt", "1.5"), ("Reed", "0.8"), ("Moss", "2.1"))


def test_dump_uses_the_prose_around_it_only_as_paragraphs():
    doc = rebuilt("We measured three ponds.\n\n" + DUMP + "\nAll ponds were fenced.\n")
    assert [b.kind for b in doc.blocks] == [PARAGRAPH, TABLE, PARAGRAPH]
    assert doc.blocks[0].text == "We measured three ponds."


def test_dump_runs_of_different_length_are_no_table():
    doc = rebuilt("Pond\n\nDepth (m)\n\nNewt\nReed\nMoss\n\n1.5\n0.8\n")
    assert tables(doc) == []


def test_dump_without_a_numeric_column_is_no_table():
    doc = rebuilt("North Office\nHarbour Street\nKirkwall\n\nSouth Office\nMill Lane\nPenzance\n")
    assert tables(doc) == []


def test_dump_lower_case_cells_stay_cells_when_the_count_is_right():
    text = "Site\n\nFenced\n\nA\nB\nC\n\nyes\nno\nyes\n\n3\n4\n5\n"
    [table] = tables(rebuilt(text))
    assert [r[1] for r in table.rows[1:]] == ["yes", "no", "yes"]


def test_dump_wrapped_cell_is_joined_when_the_count_needs_it():
    text = "Site\n\nVisits\n\nA\nB\nC\n\n3\n4 (then\nclosed)\n5\n"
    [table] = tables(rebuilt(text))
    assert table.rows[2] == ("B", "4 (then closed)")


def test_dump_first_row_printed_row_wise():
    text = ("Boat\n\nCrew\n\nSize\n\n"
            "Swift\n\n4\n\n31\n\n"
            "Heron\nOtter\nTern\n\n2\n3\n2\n\n29\n33\n30\n")
    [table] = tables(rebuilt(text))
    assert table.rows == (("Boat", "Crew", "Size"), ("Swift", "4", "31"),
                          ("Heron", "2", "29"), ("Otter", "3", "33"), ("Tern", "2", "30"))


def test_dump_headers_reversed_when_the_content_says_so():
    text = ("Grade/Weight\n\nShift\n\n"
            "Day\nNight\nDay\n\n"
            "B/40\nA/52\nC/37\n")
    [table] = tables(rebuilt(text.replace("Day\nNight\nDay", "Day\nNight\nDay\n\n7\n8\n9")
                             .replace("Grade/Weight\n\nShift", "Grade/Weight\n\nHours\n\nShift")))
    assert table.rows[0] == ("Shift", "Hours", "Grade/Weight")


def test_dump_header_labels_after_the_runs():
    text = "Ash\nElm\nOak\n\n12\n7\n30\n\nTree\n\nHeight\n"
    [table] = tables(rebuilt(text))
    assert table.rows[0] == ("Tree", "Height")


def test_one_run_read_row_by_row_after_its_labels():
    text = "Kiln\nFuel\nPeak\nA\nWood\n1180\nB\nGas\n1240\nC\nOil\n1150\n"
    [table] = tables(rebuilt(text))
    assert table.rows == (("Kiln", "Fuel", "Peak"), ("A", "Wood", "1180"),
                          ("B", "Gas", "1240"), ("C", "Oil", "1150"))


def test_one_run_cut_into_columns_is_noted_as_uncertain():
    doc = rebuilt("Clear\nMurky\nClear\nCloudy\n7.1\n6.8\n7.4\n6.2\n")
    [table] = tables(doc)
    assert table.rows[1:] == (("Clear", "7.1"), ("Murky", "6.8"), ("Clear", "7.4"), ("Cloudy", "6.2"))
    assert any("uncertain" in n for n in doc.notes)


def test_short_names_one_per_line_are_no_table():
    text = "Ingrid Saltvik1\nTomas Ferreira2\nLea Okonkwo1,3\nPiet van Damme4\nHana Kobayashi2\nOwen Pryce5\n"
    assert tables(rebuilt(text)) == []


def test_blocks_away_from_a_table_are_kept_as_they_were():
    before = build_paragraphs(doc_of("A first paragraph.\n\n" + DUMP), Config())
    after = rebuild_column_tables(before, Config())
    assert after.blocks[0] is before.blocks[0]


# ------------------------------------------------------------------ read back


def test_pipe_table_read_back_is_a_table():
    [table] = tables(rebuilt("| Pond | Depth \\| m |\n|---|---|\n| Newt | 1.5 |\n"))
    assert table.rows == (("Pond", "Depth | m"), ("Newt", "1.5"))
