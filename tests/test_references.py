"""mend_reference_lists and mark_bullet_items: reference sections as numbered items."""
from __future__ import annotations

from reflow.cleaners.references import (is_reference_heading, looks_like_reference, mark_bullet_items,
                                        mend_entries, mend_reference_lists)
from reflow.model import LIST_ITEM, PARAGRAPH, Block, Document, Line


def para(*lines: str, kind: str = PARAGRAPH, number: int = 0) -> Block:
    return Block(kind, " ".join(lines), tuple(Line(t, origin=(i + 1,)) for i, t in enumerate(lines)),
                 number=number)


def items(*lines: str) -> list[tuple[int, str]]:
    return [(b.number, b.text) for b in mend_entries([Line(t) for t in lines])]


def run(*blocks: Block) -> list[Block]:
    return list(mend_reference_lists(Document(blocks=tuple(blocks)), None).blocks)


def test_heading_words():
    assert is_reference_heading("REFERENCES")
    assert is_reference_heading("5. Bibliography")
    assert is_reference_heading("## Literature cited")
    assert not is_reference_heading("References and their use in teaching")


def test_reference_shape():
    assert looks_like_reference("Okafor N, Brandt L. Nitrogen uptake. Crop Sci 2003;41:220-8.")
    assert looks_like_reference("[4] K. Ilves and P. Marlow, \"Root depth,\" Plant Soil, Vol. 12, 2005.")
    assert not looks_like_reference("Stir the mixture for 2 min and cool it to 20 °C.")


def test_number_column_goes_to_unnumbered_entries_and_sequence_continues():
    out = items("1.", "2.", "Okafor N, Brandt L. Nitrogen in sorghum. Crop Sci 2003;41:220-8.",
                "Ilves K. Root depth. Plant Soil 2005;12:77-81.",
                "3. Santos R. Leaf area. Field Crops Res 2001;9:1-8.")
    assert [n for n, _ in out] == [1, 2, 3]
    assert out[1][1] == "Ilves K. Root depth. Plant Soil 2005;12:77-81."


def test_entries_before_a_printed_number_count_back_from_it():
    out = items("Okafor N. Nitrogen. Crop Sci 2003;41:220-8.", "Ilves K. Roots. Plant Soil 2005;12:77-81.",
                "14. Santos R. Leaf area. Field Crops Res 2001;9:1-8.")
    assert [n for n, _ in out] == [12, 13, 14]


def test_wrapped_entry_joined_and_figures_rejoined_without_space():
    out = items("Okafor N, Brandt L. Nitrogen uptake in sorghum under", "drought. Crop Sci 2003;",
                "41:220–", "228.")
    assert out == [(1, "Okafor N, Brandt L. Nitrogen uptake in sorghum under drought. Crop Sci 2003;41:220–228.")]


def test_author_line_after_a_finished_entry_starts_a_new_one():
    out = items("Okafor N, Brandt L. Nitrogen uptake in sorghum. Crop Sci 2003;41:220-8.",
                "Ilves K, Marlow P. Root depth and drought. Plant Soil 2005;12:77-81.")
    assert len(out) == 2


def test_author_like_line_inside_an_unfinished_entry_continues_it():
    out = items("Okafor N, Brandt L, Ilves K, Marlow P, Santos R,", "Nakai Y, Obi C. Nitrogen uptake. Crop Sci 2003;41:220-8.")
    assert len(out) == 1


def test_two_entries_on_one_line_are_split():
    out = items("- Okafor N. Nitrogen. Crop Sci 2003;41:220-8. Ilves K, Marlow P, Santos R. Root depth. Plant Soil 2005;12:77-81.")
    assert [t for _, t in out] == ["Okafor N. Nitrogen. Crop Sci 2003;41:220-8.",
                                    "Ilves K, Marlow P, Santos R. Root depth. Plant Soil 2005;12:77-81."]


def test_torn_numbers_removed_from_unnumbered_entries():
    out = items("- Okafor N, et al. Effects of non-toxi-1. genic strains. Crop Sci 2003;41:220-8.",
                "- Ilves K. Root depth in dry 2. years of the trial. Plant Soil 2005;12:77-81.")
    assert out[0][1] == "Okafor N, et al. Effects of non-toxigenic strains. Crop Sci 2003;41:220-8."
    assert out[1][1] == "Ilves K. Root depth in dry years of the trial. Plant Soil 2005;12:77-81."


def test_number_in_a_title_is_kept():
    # ``type 2.`` before a journal name: the entry's number is printed, nothing was torn off.
    out = items("1. Okafor N. Insulin in type 2. Diabetes Care 2003;41:220-8.",
                "2. Ilves K. Interleukin 2. J Immunol 2005;12:77-81.")
    assert out[1][1] == "Ilves K. Interleukin 2. J Immunol 2005;12:77-81."
    out = items("- Okafor N. Insulin in diabetes. Diabetes Care 2003;41:220-8.",
                "- Ilves K. Interleukin 2. J Immunol 2005;12:77-81.")
    assert out[1][1] == "Ilves K. Interleukin 2. J Immunol 2005;12:77-81."  # no torn number elsewhere


def test_repeated_head_of_an_entry_is_merged():
    out = items("Okafor N, Brandt L, Ilves K. Nitrogen uptake in",
                "- Okafor N, Brandt L, Ilves K. Nitrogen uptake in sorghum. Crop Sci 2003;41:220-8.")
    assert out == [(1, "Okafor N, Brandt L, Ilves K. Nitrogen uptake in sorghum. Crop Sci 2003;41:220-8.")]


def test_similar_but_distinct_entries_both_stay():
    out = items("1. Okafor N, Brandt L. Nitrogen uptake in sorghum. Crop Sci 2003;41:220-8.",
                "2. Okafor N, Brandt L. Nitrogen uptake in millet. Crop Sci 2005;43:101-9.")
    assert len(out) == 2


def test_section_from_heading_to_the_next_heading_like_paragraph():
    out = run(para("References"),
              para("Okafor N, Brandt L. Nitrogen uptake in sorghum. Crop Sci", "2003;41:220-8."),
              para("Ilves K. Root depth. Plant Soil 2005;12:77-81."),
              para("Acknowledgements"),
              para("We thank the farmers of the valley for their help with the plots."))
    assert [b.kind for b in out] == [PARAGRAPH, LIST_ITEM, LIST_ITEM, PARAGRAPH, PARAGRAPH]
    assert out[1].origin == (1, 2)  # provenance of the joined lines


def test_heading_glued_to_first_entry_is_split_off():
    out = run(para("REFERENCES", "1. Okafor N. Nitrogen. Crop Sci 2003;41:220-8.",
                   "2. Ilves K. Roots. Plant Soil 2005;12:77-81."))
    assert [(b.kind, b.text[:9]) for b in out] == [(PARAGRAPH, "REFERENCE"), (LIST_ITEM, "Okafor N."), (LIST_ITEM, "Ilves K. ")]


def test_numbered_procedure_is_not_a_reference_list():
    blocks = (para("1. Weigh 2 g of soil into a tube.", kind=LIST_ITEM, number=1),
              para("2. Add 20 ml of water and shake it for 30 min.", kind=LIST_ITEM, number=2),
              para("3. Filter the extract and store it at 4 °C.", kind=LIST_ITEM, number=3))
    doc = Document(blocks=blocks)
    assert mend_reference_lists(doc, None) is doc


def test_bullet_glyph_paragraph_is_a_list_item():
    doc = Document(blocks=(para("• Agronomy"), para("- 3 dB lower than before.")))
    out = mark_bullet_items(doc, None).blocks
    assert (out[0].kind, out[0].text) == (LIST_ITEM, "Agronomy")
    assert out[1].kind == PARAGRAPH


def test_heading_followed_by_prose_is_left_alone():
    doc = Document(blocks=(para("References"), para("See the 2019 report of the survey for the full list.")))
    assert mend_reference_lists(doc, None) is doc


def test_torn_number_before_a_capitalised_word_only_beside_certain_ones():
    first = "Abernathy C. Winter losses of colonies. Apidologie 2009;40:12-19."
    torn = "Delacroix M. Mite loads in varroa-resis-2. tant colonies. J Apic Res 2011;50:88-95."
    whole = "Delacroix M. Mite loads in varroa-resistant colonies. J Apic Res 2011;50:88-95."
    # ``in 3. Nordic apiaries``: another entry shows a torn number, and the sentence goes on in lower case.
    out = items(first, torn, "Quintero F. Pollen stores in 3. Nordic apiaries. Insect Soc 2014;61:201-9.")
    assert out[1][1] == whole
    assert out[2][1] == "Quintero F. Pollen stores in Nordic apiaries. Insect Soc 2014;61:201-9."
    # No torn number elsewhere: ``3.`` may be text and stays.
    out = items(first, whole, "Quintero F. Pollen stores in 3. Nordic apiaries. Insect Soc 2014;61:201-9.")
    assert out[2][1] == "Quintero F. Pollen stores in 3. Nordic apiaries. Insect Soc 2014;61:201-9."
    # A capitalised word after it too: a title (``Part 3. Nordic Apiaries``) and stays.
    out = items(first, torn, "Quintero F. Pollen stores, part 3. Nordic Apiaries. Insect Soc 2014;61:201-9.")
    assert out[2][1] == "Quintero F. Pollen stores, part 3. Nordic Apiaries. Insect Soc 2014;61:201-9."


def test_tight_end_searches_only_the_end():
    from reflow.cleaners.references import _TIGHT_END, _tight_end
    for text in ["", "7", "7;", "2003;", "2003;\n", "77–", "77– ", "a 12:", "12:x", "x:", "٣-", "2003;41:220", "1-\n"]:
        assert _tight_end(text) == bool(_TIGHT_END.search(text)), text


def test_torn_number_in_other_digits_is_found():
    # The number's digits need not be ASCII: the cheap test for ``2.`` must let this through.
    out = items("Abernathy C. Winter losses. Apidologie 2009;40:12-19.",
                "Delacroix M. Mite loads in varroa-resis-٢. tant colonies. J Apic Res 2011;50:88-95.")
    assert out[1][1] == "Delacroix M. Mite loads in varroa-resistant colonies. J Apic Res 2011;50:88-95."
