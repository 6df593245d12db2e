"""detect_headings: title, section headings, glued headings, run-in labels."""
from __future__ import annotations

from reflow.cleaners.headings import detect_headings
from reflow.model import HEADING, LIST_ITEM, PARAGRAPH, Block, Document, Line

BODY = ("The samples were collected in the morning and stored on ice until",
        "they reached the laboratory, where they were weighed and frozen.")


def para(*lines: str, kind: str = PARAGRAPH) -> Block:
    return Block(kind, " ".join(lines), tuple(Line(t) for t in lines))


def run(*blocks: Block) -> list[Block]:
    return list(detect_headings(Document(blocks=tuple(blocks)), None).blocks)


def shape(blocks: list[Block]) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in blocks]


def headings(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind == HEADING]


def test_detect_headings_no_blocks_is_unchanged():
    doc = Document(lines=(Line("Results"),))
    assert detect_headings(doc, None) is doc


def test_detect_headings_all_caps_section():
    out = run(para(*BODY), para("MATERIALS AND METHODS"), para(*BODY))
    assert out[1].kind == HEADING and out[1].level == 2


def test_detect_headings_known_section_word_alone():
    out = run(para(*BODY), para("References"), para("Smith AB. A study. J Test 2001; 3: 4-5.", kind=LIST_ITEM))
    assert headings(out) == ["References"]


def test_detect_headings_numbered_subsection_level_3():
    out = run(para(*BODY), para("4.1 Wikipedia Data Pre-processing"), para(*BODY))
    assert (out[1].kind, out[1].level, out[1].text) == (HEADING, 3, "4.1 Wikipedia Data Pre-processing")


def test_detect_headings_numbered_section_with_period_level_2():
    out = run(para(*BODY), para("2. Methods"), para(*BODY))
    assert (out[1].kind, out[1].level) == (HEADING, 2)


def test_detect_headings_short_title_case_line_before_body():
    out = run(para(*BODY), para("Pubertal development in TS"), para(*BODY))
    assert headings(out) == ["Pubertal development in TS"]


def test_detect_headings_glued_heading_split_from_paragraph():
    out = run(para(*BODY), para("Sex steroid replacement", *BODY))
    assert shape(out)[1:] == [(HEADING, 2, "Sex steroid replacement"), (PARAGRAPH, 0, " ".join(BODY))]


def test_detect_headings_glued_numbered_heading_split():
    out = run(para("4 Experimental Setup", "In this section, we describe the data we used for",
                   "experiments and the basic setup of the retrieval study."))
    assert shape(out)[0] == (HEADING, 2, "4 Experimental Setup")
    assert out[1].text.startswith("In this section")


def test_detect_headings_numbered_heading_inside_paragraph_split():
    out = run(para("that boosts the number of training examples in the", "batch without extra cost.",
                   "5.2 Ablation Study on Model Training", *BODY))
    assert [b.kind for b in out] == [PARAGRAPH, HEADING, PARAGRAPH]
    assert out[1].level == 3


def test_detect_headings_wrapped_glued_heading_joined():
    out = run(para("An approach for provision of", "coordinated care", *BODY))
    assert headings(out) == ["An approach for provision of coordinated care"]


def test_detect_headings_wrapped_heading_block():
    out = run(para(*BODY), para("Pathogenicity test and determination of", "penetration behavior"), para(*BODY))
    assert headings(out) == ["Pathogenicity test and determination of penetration behavior"]


def test_detect_headings_full_width_first_line_not_split():
    out = run(para("Dogs were walked twice a day by the same person", "Each walk lasted forty minutes and followed",
                   "the same route around the park and back."))
    assert [b.kind for b in out] == [PARAGRAPH]


def test_detect_headings_short_first_line_with_comma_not_split():
    out = run(para(*BODY), para("However, in winter", "The pumps froze twice and had to be replaced by the",
                                "maintenance team before the season began again."))
    assert headings(out) == []


def test_detect_headings_body_sentence_not_heading():
    out = run(para(*BODY), para("The pumps ran well."), para(*BODY))
    assert headings(out) == []


def test_detect_headings_hash_line_not_heading():
    out = run(para(*BODY), para("# Train: 1k"), para(*BODY))
    assert headings(out) == []


def test_detect_headings_caption_not_heading():
    out = run(para(*BODY), para("Table 1. Patient characteristics"), para(*BODY))
    assert headings(out) == []


def test_detect_headings_metadata_not_heading():
    out = run(para(*BODY), para("Received 4 May 2019"), para("DOI 10.1000/xyz.2019.12"), para(*BODY))
    assert headings(out) == []


def test_detect_headings_author_line_not_heading():
    out = run(para(*BODY), para("Ana Lima · K. Sato · Piet de Vries"), para(*BODY))
    assert headings(out) == []


def test_detect_headings_table_cell_fragment_not_heading():
    out = run(para(*BODY), para("Top-20 Top-100"), para("NQ 78.4 79.4 73.2 79.8 63.2 85.4 85.0 81.4 89.1"))
    assert headings(out) == []


def test_detect_headings_digits_line_not_heading():
    out = run(para(*BODY), para("2285"), para(*BODY))
    assert headings(out) == []


def test_detect_headings_all_caps_banner_before_metadata_not_heading():
    out = run(para("FUNGAL DISEASES"), para("© The Phytopathological Society 2005"), para(*BODY))
    assert headings(out) == []


def test_detect_headings_list_items_never_headings():
    out = run(para(*BODY), para("2. Methods", kind=LIST_ITEM), para(*BODY))
    assert headings(out) == []


def test_detect_headings_procedure_steps_not_headings():
    out = run(para(*BODY), para("3 Add two drops of the sample"), para(*BODY))
    assert headings(out) == []


def test_detect_headings_title_split_from_authors():
    out = run(para("Efficacy and Safety of Some Drug in Patients With", "Plasma Cell Leukemia",
                   "Jane Roe, MD1", "John Doe, MD2"), para("BACKGROUND. The prognosis is poor."))
    assert shape(out)[:2] == [(HEADING, 1, "Efficacy and Safety of Some Drug in Patients With Plasma Cell Leukemia"),
                              (PARAGRAPH, 0, "Jane Roe, MD1 John Doe, MD2")]


def test_detect_headings_title_after_authors_in_same_block():
    out = run(para("M. Okonkwo · L. Brandt · S. Varga", "Groundwater recharge beneath irrigated orchards in a",
                   "semi-arid river valley"), para("Received: March 2, 2018"))
    assert shape(out)[:2] == [(PARAGRAPH, 0, "M. Okonkwo · L. Brandt · S. Varga"),
                              (HEADING, 1, "Groundwater recharge beneath irrigated orchards in a semi-arid river valley")]


def test_detect_headings_title_prefers_block_before_authors():
    out = run(para("OPEN ACCESS Freely available online"), para("Lassa Fever in Post-Conflict Sierra Leone"),
              para("Jane Roe, Ann Poe, Bo Li"), para(*BODY))
    assert [(b.text, b.level) for b in out if b.kind == HEADING] == [("Lassa Fever in Post-Conflict Sierra Leone", 1)]


def test_detect_headings_title_skips_journal_metadata():
    out = run(para("Journal of Tests, 2015, 113:45-58", "doi: 10.1000/jt/x038", "Published 22 December 2014"),
              para("A Study of Tests in Small Towns"), para(*BODY))
    assert headings(out) == ["A Study of Tests in Small Towns"]


def test_detect_headings_only_one_title():
    out = run(para("A Study of Tests in Small Towns"), para(*BODY), para("Another Short Line Here"), para(*BODY))
    assert [b.level for b in out if b.kind == HEADING] == [1, 2]


def test_detect_headings_second_article_title_after_references():
    out = run(para("Late relapse of a treated bone infection in a miner"), para(*BODY), para("References"),
              para("Okafor N. Late relapse. Surg Notes 2015; 9: 101-104.", kind=LIST_ITEM),
              para("Seasonal variation of hand eczema among cleaning staff"), para(*BODY))
    assert [(b.level, b.text[:8]) for b in out if b.kind == HEADING] == [(1, "Late rel"), (2, "Referenc"), (1, "Seasonal")]


def test_detect_headings_run_in_caps_label():
    out = run(para("BACKGROUND. The prognosis of patients with the disease is poor."))
    assert (out[0].label, out[0].text) == ("BACKGROUND.", "The prognosis of patients with the disease is poor.")


def test_detect_headings_run_in_colon_label():
    out = run(para("Areas of agreement: The majority of girls require treatment."))
    assert (out[0].kind, out[0].label) == (PARAGRAPH, "Areas of agreement:")


def test_detect_headings_run_in_metadata_label_lowercase_value():
    out = run(para("Key words: dune ecology, fog, grassland"))
    assert (out[0].label, out[0].text) == ("Key words:", "dune ecology, fog, grassland")


def test_detect_headings_caps_word_mid_sentence_not_label():
    out = run(para("In 2004, RESULTS were reported to the board."), para("WHO grade > II toxic effects were rare."))
    assert [b.label for b in out] == ["", ""]


def test_detect_headings_caption_number_not_label():
    out = run(para(*BODY), para("Table 1: Number of questions in each dataset."))
    assert out[1].label == ""


def test_detect_headings_all_caps_sentence_not_heading():
    out = run(para(*BODY), para("NASA AND ESA SHARED THE DATA FROM BOTH PROBES."), para(*BODY))
    assert headings(out) == []


# ---- title order, labelled next block, Markdown read again


def test_title_printed_after_the_abstract_goes_before_the_authors():
    out = run(para("Journal of Hill Farming, 2019, 44:12-20"),
              para("Ines Valdemar, Kofi Mensah and Rhoda Ellery"),
              para("Abstract"),
              para("Background: Sheep numbers on the hills doubled, and the soils lost carbon in the same years."),
              para("Grazing Pressure and Soil Carbon on Hill Pastures"),
              para("Introduction"), para(*BODY))
    assert [b.text for b in out][:3] == ["Journal of Hill Farming, 2019, 44:12-20",
                                         "Grazing Pressure and Soil Carbon on Hill Pastures",
                                         "Ines Valdemar, Kofi Mensah and Rhoda Ellery"]
    assert out[1].kind == HEADING and out[1].level == 1


def test_title_before_a_labelled_paragraph():
    out = run(para("Nitrogen Losses from Winter Wheat under Reduced Tillage"),
              para("Research output: Contribution to book"), para(*BODY))
    assert out[0].kind == HEADING and out[0].level == 1


def test_markdown_blocks_joined_across_blank_lines_are_split_again():
    from reflow.cleaners.headings import split_markdown_blocks
    from reflow.cleaners.paragraphs import build_paragraphs
    from reflow.model import doc_of

    doc = build_paragraphs(doc_of("# A Title Here\n\nAna Ode, Bram Vliet\n\n\\*Department of Soils\n\n## References\n"), None)
    assert [b.text for b in split_markdown_blocks(doc, None).blocks] == [
        "# A Title Here", "Ana Ode, Bram Vliet", "\\*Department of Soils", "## References"]
    plain = build_paragraphs(doc_of("Some text that wraps\n\nand goes on here.\n"), None)
    assert split_markdown_blocks(plain, None) is plain  # not Markdown: left alone
