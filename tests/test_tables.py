"""rebuild_tables: row-wise tables flattened to text become TABLE blocks."""
from __future__ import annotations

from reflow.cleaners.paragraphs import build_paragraphs
from reflow.cleaners.tables import _columns, _numeric, _packed, _segments, rebuild_tables
from reflow.model import PARAGRAPH, TABLE, Block, Document, Line, doc_of


def blocks(text: str) -> list[Block]:
    return list(rebuild_tables(build_paragraphs(doc_of(text), None), None).blocks)


def tables(text: str) -> list[tuple[tuple[str, ...], ...]]:
    return [b.rows for b in blocks(text) if b.kind == TABLE]


# ------------------------------------------------------------ space-aligned grids


def test_layout_grid_with_right_aligned_numbers():
    text = ("Crop          Yield     Rain\n"
            "Barley          4.2      310\n"
            "Oats           12.9       95\n"
            "Rye             3.0     1,204\n")
    assert tables(text) == [(("Crop", "Yield", "Rain"), ("Barley", "4.2", "310"),
                             ("Oats", "12.9", "95"), ("Rye", "3.0", "1,204"))]


def test_layout_wrapped_cell_joins_with_a_space_and_items_with_semicolon():
    text = ("Site         Soil                  Trees\n"
            "Ridge        Thin sandy loam,      Birch\n"
            "               often dry           Rowan\n"
            "Valley       Deep clay             Oak\n")
    rows = tables(text)[0]
    assert rows[1] == ("Ridge", "Thin sandy loam, often dry", "Birch; Rowan")
    assert rows[2] == ("Valley", "Deep clay", "Oak")


def test_layout_indented_row_label_continues_the_label():
    text = ("Measure            Before     After\n"
            "Resting heart      72         64\n"
            "   rate\n"
            "Body mass          81         77\n")
    rows = tables(text)[0]
    assert rows[1] == ("Resting heart rate", "72", "64")
    assert len(rows) == 3


def test_layout_section_row_keeps_other_cells_empty():
    text = ("Item             2019     2020\n"
            "Income\n"
            "Grants           120      140\n"
            "Sales            45       60\n")
    rows = tables(text)[0]
    assert rows[1] == ("Income", "", "")
    assert rows[2] == ("Grants", "120", "140")


def test_layout_two_line_header_over_numeric_columns():
    text = ("             Mean      Number\n"
            "Group        age       seen\n"
            "Control      34.1      12\n"
            "Treated      35.9      14\n"
            "Dropped      33.0      3\n")
    rows = tables(text)[0]
    assert rows[0] == ("Group", "Mean age", "Number seen")
    assert len(rows) == 4


def test_layout_blank_line_then_indented_paragraph_ends_the_table():
    text = ("Site     Boxes   Broods\n"
            "North    12      9\n"
            "South    8       3\n"
            "\n"
            "              The boxes were put up in March.\n")
    out = blocks(text)
    assert [b.kind for b in out] == [TABLE, PARAGRAPH]


def test_single_gapped_prose_line_is_no_table():
    text = ("The ferry kept running for 4 winters,  and eight crews stayed on\n"
            "board through the whole of the stormy season.\n")
    assert tables(text) == []


def test_justified_prose_with_double_spaces_is_no_table():
    text = ("The  new  gates  were  fitted  in  the  spring  and  the\n"
            "water  level  rose  by  about  a  metre  over  the  winter\n"
            "so  that  the  reeds  spread  back  into  the  marsh  again.\n")
    assert tables(text) == []


def test_side_by_side_prose_is_no_table():
    text = ("The ferry ran twice a day in summer,      but only on Saturdays in the winter\n"
            "leaving the harbour at seven and at       months, when the crossing was often\n"
            "four, weather permitting, from May on;    too rough for the small boat.\n")
    assert tables(text) == []


def test_columns_found_from_gutters_left_and_right_aligned():
    rows = [_segments(Line(t)) for t in ("Name      Age", "Al          7", "Beatrice   12")]
    assert _columns(rows) == [(0, 8), (10, 13)]


# ------------------------------------------------------------ tab-separated rows


def test_tab_rows_with_leading_empty_header_cell_and_section_row():
    text = "\tMay\tJune\nBirds\nWren\t3\t5\nRobin\t2\t4\n"
    assert tables(text) == [(("", "May", "June"), ("Birds", "", ""),
                             ("Wren", "3", "5"), ("Robin", "2", "4"))]


def test_packed_columns_are_left_for_the_column_table_cleaner():
    text = ("\tHome\tAway\n"
            "Team A Team B Team C\t4(10) 5(12) 6(13)\t7(20) 8(21) 9(22)\n"
            "All\t15\t24\n")
    assert tables(text) == []
    assert _packed(["Team A", "4(10) 5(12) 6(13)", "7(20) 8(21) 9(22)"])


# ------------------------------------------------------------ label + numbers


def test_label_and_numbers_rows_with_header_fitted_from_the_right():
    text = ("Station Spring Summer Autumn\n"
            "Upper Weir 1,204 880 412\n"
            "Mill Lane 998 760 390\n"
            "Ford 1,450 1,010 515\n")
    rows = tables(text)[0]
    assert rows[0] == ("Station", "Spring", "Summer", "Autumn")
    assert rows[1] == ("Upper Weir", "1,204", "880", "412")


def test_header_with_fewer_words_leaves_a_spanned_column_empty():
    text = ("Town Visits Share\n"
            "Aston 12 40 33.1\n"
            "Barford 9 31 25.6\n"
            "Colne 20 52 41.3\n")
    assert tables(text)[0][0] == ("Town", "", "Visits", "Share")


def test_two_records_on_one_line_are_split_into_grouped_rows():
    text = ("Soil Method Plot A Plot B\n"
            "Clay Hand 3.1 4.2 Drill 3.5 4.8\n"
            "Sand Hand 2.0 2.2 Drill 2.6 2.9\n"
            "Loam Hand 3.9 4.0\n")
    rows = tables(text)[0]
    assert rows[1:4] == (("Clay", "Hand", "3.1", "4.2"), ("", "Drill", "3.5", "4.8"),
                         ("Sand", "Hand", "2.0", "2.2"))


def test_sentences_with_numbers_stay_sentences():
    text = ("In 2019 we ringed 412 birds and 48 were retrapped.\n"
            "In 2020 we ringed 230 birds and 31 were retrapped.\n"
            "In 2021 we ringed 515 birds and 60 were retrapped.\n")
    assert tables(text) == []


def test_two_numeric_lines_are_not_enough():
    assert tables("North 12 9\nSouth 8 3\n") == []


def test_lines_with_different_counts_of_numbers_are_no_table():
    assert tables("North 12 9 4\nSouth 8 3\nEast 1 2 3 4\n") == []


def test_numeric_cell_shapes():
    assert all(_numeric(c) for c in ("12", "45,210", "-0.4", "12%", "27(41.5)", "7 (58.3)", "–"))
    assert not any(_numeric(c) for c in ("Oak", "12 boxes", "1998,", "2004;103:1234-40"))


# ------------------------------------------------------------ id-first records


def test_id_first_records_with_wrapped_text_cell():
    text = ("1 AB,C 12 ++ Cracked hull\n\n"
            "2 D,E 7 + Loose mast,\nworn sail\n\n"
            "3 F,G 9 ++ Sound\n")
    rows = tables(text)[0]
    assert rows[0] == ("", "", "", "", "")  # no header line: not invented
    assert rows[2] == ("2", "D,E", "7", "+", "Loose mast, worn sail")


def test_numbered_list_is_no_id_table():
    text = "1 Cut the stems.\n2 Dry them for 3 days.\n3 Store them in 2 jars.\n"
    assert tables(text) == []


# ------------------------------------------------------------ provenance, round trip


def test_table_block_keeps_its_lines_and_says_how_it_was_read():
    text = "Site     Boxes   Broods\nNorth    12      9\nSouth    8       3\n"
    table = blocks(text)[0]
    assert table.origin == (1, 2, 3)
    assert table.label.startswith("table: space-aligned")


def test_markdown_table_is_read_back():
    text = "| Site | Boxes |\n|---|---|\n| North | 12 |\n| A \\| B | 3 |\n"
    assert tables(text) == [(("Site", "Boxes"), ("North", "12"), ("A | B", "3"))]


def test_no_blocks_is_unchanged():
    doc = Document(lines=(Line("a"),))
    assert rebuild_tables(doc, None) is doc


def test_caption_of_the_next_table_is_no_section_row_or_header():
    text = ("Site     Boxes   Broods\nNorth    12      9\nSouth    8       3\n"
            "Table 2 Nests by site\nEast     4       2\nWest     5       1\n")
    assert all("Table 2 Nests by site" not in " ".join(c for r in rows for c in r)
               for rows in tables(text))
    text = "Table 3 Loans by branch\nNorth Quay 4,120 2,310\nHill Street 3,905 1,870\nElm Park 1,980 940\n"
    assert tables(text)[0][0] == ("", "", "")
