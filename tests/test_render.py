"""The renderer's Markdown reads back (markdown-it-py, CommonMark + GFM tables)
as the intended structure, with every character as printed."""
import pytest

from reflow.model import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, Document
from reflow.render import render_json, render_markdown, render_text


def _tokens(md_parser, md):
    return [t for t in md_parser.parse(md)]


def _inline_texts(md_parser, md):
    out = []
    for t in md_parser.parse(md):
        if t.type == "inline":
            out.append("".join(c.content for c in t.children if c.type in ("text", "code_inline")))
    return out


TRICKY = [
    "S+T* and Others**",
    "# Train: 1k",
    "1. begins like a list",
    "12) also like a list",
    "- a dash start",
    "+ plus start",
    "* star start",
    "> 20% of cells",
    "---",
    "***",
    "===",
    "a_b_ and _c_",
    "`code` and ``more``",
    "<b>bold</b> and <5% and a < b",
    "&amp; &#169; & plain",
    "[1] and [see](here) and [x][y] and ![img](a.png)",
    "back\\slash and C:\\path\\",
    "~~struck~~",
    "trailing hashes ##",
    "    four leading spaces",
    "```fence",
]


@pytest.mark.parametrize("text", TRICKY)
def test_render_paragraph_reads_back_as_one_literal_paragraph(md_parser, text):
    md = render_markdown(Document(blocks=(Block(PARAGRAPH, text),)))
    types = [t.type for t in md_parser.parse(md)]
    assert types == ["paragraph_open", "inline", "paragraph_close"]
    assert _inline_texts(md_parser, md) == [" ".join(text.split())]


@pytest.mark.parametrize("text", TRICKY)
def test_render_heading_reads_back_literally(md_parser, text):
    md = render_markdown(Document(blocks=(Block(HEADING, text, level=2),)))
    toks = md_parser.parse(md)
    assert toks[0].type == "heading_open" and toks[0].tag == "h2"
    assert _inline_texts(md_parser, md) == [" ".join(text.split())]


def test_render_table_escapes_pipes_and_is_rectangular(md_parser):
    rows = (("Group", "N (%)"), ("S+T*", "3 | 4"), ("Others**",))
    md = render_markdown(Document(blocks=(Block(TABLE, rows=rows),)))
    toks = md_parser.parse(md)
    cells = [t for i, t in enumerate(toks) if t.type == "inline"]
    texts = ["".join(c.content for c in t.children if c.type == "text") for t in cells]
    assert texts == ["Group", "N (%)", "S+T*", "3 | 4", "Others**", ""]


def test_render_blocks_separated_by_one_blank_line():
    blocks = (Block(HEADING, "Title", level=1), Block(PARAGRAPH, "One."), Block(PARAGRAPH, "Two."))
    assert render_markdown(Document(blocks=blocks)) == "# Title\n\nOne.\n\nTwo.\n"


def test_render_list_items_form_one_ordered_list(md_parser):
    blocks = (Block(LIST_ITEM, "First.", number=1), Block(LIST_ITEM, "Second.", number=2),
              Block(PARAGRAPH, "After."))
    md = render_markdown(Document(blocks=blocks))
    types = [t.type for t in md_parser.parse(md)]
    assert types.count("ordered_list_open") == 1
    assert types.count("list_item_open") == 2
    assert md.endswith("2. Second.\n\nAfter.\n")


def test_render_list_item_text_that_starts_like_a_marker_stays_text(md_parser):
    md = render_markdown(Document(blocks=(Block(LIST_ITEM, "1. Smith J. A study.", number=0),)))
    types = [t.type for t in md_parser.parse(md)]
    assert types.count("bullet_list_open") == 1 and "ordered_list_open" not in types


@pytest.mark.parametrize("text", ["--", "- -", "* *", "___"])
def test_render_list_item_that_would_read_as_a_rule_stays_an_item(md_parser, text):
    """``- --`` is a thematic break in Markdown (found by hypothesis)."""
    md = render_markdown(Document(blocks=(Block(LIST_ITEM, text),)))
    types = [t.type for t in md_parser.parse(md)]
    assert "hr" not in types and types.count("bullet_list_open") == 1


def test_render_label_in_bold():
    md = render_markdown(Document(blocks=(Block(PARAGRAPH, "The prognosis is poor.", label="BACKGROUND."),
                                          Block(CAPTION, "Response rates.", label="Table 1."))))
    assert md == "**BACKGROUND.** The prognosis is poor.\n\n**Table 1.** Response rates.\n"


def test_render_text_and_json_carry_kinds_and_lines():
    import json

    from reflow.model import Line

    block = Block(PARAGRAPH, "Hello world.", (Line("Hello", 1, (3,)), Line("world.", 1, (4,))))
    doc = Document(blocks=(block,))
    assert render_text(doc) == "Hello world.\n"
    data = json.loads(render_json(doc))
    assert data["blocks"] == [{"kind": "paragraph", "text": "Hello world.", "page": 1, "lines": [3, 4]}]


def test_render_keeps_existing_escapes_so_a_second_run_is_stable():
    once = render_markdown(Document(blocks=(Block(PARAGRAPH, "S+T* and # x"),)))
    again = render_markdown(Document(blocks=(Block(PARAGRAPH, once.strip()),)))
    assert once == again == "S+T\\* and # x\n"
