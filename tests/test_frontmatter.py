"""split_front_matter: front-matter items as their own paragraphs."""
from __future__ import annotations

from reflow.cleaners.frontmatter import split_front_matter
from reflow.model import PARAGRAPH, Block, Document, Line


def para(*lines: str) -> Block:
    return Block(PARAGRAPH, " ".join(lines), tuple(Line(t, origin=(i + 1,)) for i, t in enumerate(lines)))


def texts(*blocks: Block) -> list[str]:
    return [b.text for b in split_front_matter(Document(blocks=tuple(blocks)), None).blocks]


def test_correspondence_and_date_split_from_affiliation_email_stays():
    out = texts(para("Department of Soil Science, Lakeland University, Lakeland, Canada",
                     "*Correspondence address. Field Station 4, Lakeland, Canada.",
                     "E-mail: r.osei@lakeland.example", "Received 3 March 2019"))
    assert out == ["Department of Soil Science, Lakeland University, Lakeland, Canada",
                   "*Correspondence address. Field Station 4, Lakeland, Canada. E-mail: r.osei@lakeland.example",
                   "Received 3 March 2019"]


def test_disclosure_then_reprint_address():
    out = texts(para("Dr. Osei received fees from a seed company.", "Address for reprints: Rhoda Osei, MD,",
                     "Field Station 4, Lakeland, Canada."))
    assert out == ["Dr. Osei received fees from a seed company.",
                   "Address for reprints: Rhoda Osei, MD, Field Station 4, Lakeland, Canada."]


def test_label_after_sentence_end_inside_a_line():
    out = texts(para("Key words: rye, frost. Correspondence: Rhoda Osei, Lakeland, Canada."))
    assert out == ["Key words: rye, frost.", "Correspondence: Rhoda Osei, Lakeland, Canada."]


def test_doi_line_stays_with_its_citation():
    out = texts(para("Crop Sci 2019;41:220-8.", "doi: 10.5555/cs.2019.41"))
    assert out == ["Crop Sci 2019;41:220-8. doi: 10.5555/cs.2019.41"]


def test_authors_glued_to_affiliations():
    out = texts(para("Ana Ode,* Bram Vliet,* Chen Lu° *Department of Animal Science, °Institute of Grassland Research"))
    assert out == ["Ana Ode,* Bram Vliet,* Chen Lu°", "*Department of Animal Science, °Institute of Grassland Research"]


def test_lone_marker_goes_to_the_next_paragraph():
    out = texts(para("Ana Ode†, Bram Vliet‡", "†"), para("Department of Animal Science, Westmere"))
    assert out == ["Ana Ode†, Bram Vliet‡", "†Department of Animal Science, Westmere"]


def test_label_value_lines_become_one_paragraph_each():
    out = texts(para("Document type: Chapter", "Page count: 14", "Publication status: Accepted - 2021"))
    assert out == ["Document type: Chapter", "Page count: 14", "Publication status: Accepted - 2021"]


def test_a_sentence_with_a_colon_is_not_a_label_run():
    block = para("The plots were sown in May: the first frost came early.",
                 "Later the rye was cut and the plots were ploughed again.")
    assert texts(block) == [block.text]


def test_sentences_opening_with_label_words_are_left_alone():
    block = para("The plots were sown in May and the first frost came early.",
                 "Received wisdom holds that rye is hardy, and the plots agreed.")
    assert texts(block) == [block.text]


def test_camel_case_names_are_left_alone():
    block = para("Maps drawn in JavaScript", "The McDonald farm")
    assert texts(block) == [block.text]


def test_author_line_then_affiliation_line():
    out = texts(para("Ana Ode, Bram Vliet and Chen Lu", "Department of Animal Science, Westmere University"))
    assert out == ["Ana Ode, Bram Vliet and Chen Lu", "Department of Animal Science, Westmere University"]


def test_next_run_in_label_of_a_structured_abstract():
    out = texts(para("Background: Frost damages blossom, and growers", "have few ways to protect it.",
                     "Methods: We compared sprinklers with wind machines."))
    assert out == ["Background: Frost damages blossom, and growers have few ways to protect it.",
                   "Methods: We compared sprinklers with wind machines."]


def test_run_in_label_inside_a_sentence_is_not_split():
    block = para("The three groups were compared with the usual test, and", "Results: this line only continues the sentence.")
    assert texts(block) == [block.text]


def test_kind_openings_cover_every_ascii_start_of_a_kind():
    # ``_may_open_kind`` is a necessary condition of ``_ANY_KIND.match``: every
    # two-character ASCII opening that could start a match (regex's partial match)
    # is let through.
    from reflow.cleaners.frontmatter import _ANY_KIND, _may_open_kind
    ascii_chars = [chr(i) for i in range(128)]
    for a in ascii_chars:
        for b in ascii_chars:
            if _ANY_KIND.match(a + b, partial=True):
                assert _may_open_kind(a + b), a + b
