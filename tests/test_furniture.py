"""strip_page_furniture: one behaviour per test."""
from __future__ import annotations

import random

from reflow.cleaners.furniture import strip_page_furniture
from reflow.model import doc_of, texts
from reflow.pipeline import Config


WORDS = ("soil field farm crop rain spring autumn nitrate manure grass plough harvest "
         "sample river valley barley wheat clover hedge ditch cattle sheep winter summer "
         "yield root seed drill slope stream record survey trial plot weed frost").split()


def sentence(n: int) -> str:
    """Body line number ``n``: nine words, different from every other line."""
    rnd = random.Random(n)
    words = [rnd.choice(WORDS) for _ in range(9)]
    return " ".join(words).capitalize() + f" {tag(n)}."


def tag(n: int) -> str:
    """A word made of letters only, so that masking digits keeps lines apart."""
    return "q" + chr(97 + n // 676 % 26) + chr(97 + n // 26 % 26) + chr(97 + n % 26)


def body(n: int, start: int = 0) -> list[str]:
    """``n`` distinct body lines."""
    return [sentence(start + k) for k in range(n)]


def run(text: str, **knobs) -> list[str]:
    return texts(strip_page_furniture(doc_of(text), Config(**knobs)))


def lines_of(text: str) -> list[str]:
    return [ln.text for ln in strip_page_furniture(doc_of(text), Config()).lines]


# ------------------------------------------------------------------ form feeds


def test_strip_page_furniture_removes_running_header_and_page_numbers_with_form_feeds():
    pages = []
    for p in range(3):
        pages.append("\n".join(["Soil nitrate in the upper valley", "", *body(6, 6 * p), "", str(20 + p)]))
    out = run("\f".join(pages))
    assert out == body(18)


def test_strip_page_furniture_removes_lone_page_number_at_top_of_second_page():
    text = "\n".join(body(8)) + "\n\f46\n\n" + "\n".join(body(8, 8))
    assert run(text) == body(8) + body(8, 8)


def test_strip_page_furniture_removes_recto_verso_headers_with_layout_page_numbers():
    text = ("54      L. Smith et al., 2015, Vol. 113\n\n" + "\n".join(body(6))
            + "\n\fSoil nitrate in farmland, 2015, Vol. 113        55\n\n" + "\n".join(body(6, 6)))
    assert run(text) == body(12)


def test_strip_page_furniture_removes_near_repeated_header_with_ocr_variation():
    heads = ["Journal of Valley Farming", "Journal of Va11ey Farming", "Journa1 of Valley Farming"]
    text = "\f".join(h + "\n\n" + "\n".join(body(5, 5 * k)) for k, h in enumerate(heads))
    assert run(text) == body(15)


def test_strip_page_furniture_keeps_heading_at_top_of_two_pages_of_many():
    pages = [body(6, 6 * p) for p in range(8)]
    pages[2] = ["Results", *pages[2]]
    pages[6] = ["Results", *pages[6]]
    out = run("\f".join("\n".join(p) for p in pages))
    assert out.count("Results") == 2


def test_strip_page_furniture_keeps_table_number_ending_a_page_off_the_page_sequence():
    pages = [body(6, 6 * p) + [str(10 + p)] for p in range(4)]
    pages[1] = body(6, 6) + ["Total", "70"]  # a table cell, not page 11
    out = run("\f".join("\n".join(p) for p in pages))
    assert "70" in out and "10" not in out and "13" not in out


# ------------------------------------------------------------------ plain text


def test_strip_page_furniture_removes_page_number_sequence_without_form_feeds():
    chunks = [body(12, 12 * k) + [f"- {k + 3} -"] for k in range(3)]
    text = "\n".join("\n".join(c) for c in chunks)
    assert run(text) == body(36)


def test_strip_page_furniture_keeps_column_of_consecutive_table_numbers():
    text = "\n".join(body(3) + ["Site", "1", "2", "3", "4", "5"] + body(3, 3))
    assert run(text) == body(3) + ["Site", "1", "2", "3", "4", "5"] + body(3, 3)


def test_strip_page_furniture_keeps_scattered_lone_numbers_in_table_dump():
    cells = ["Dose", "70", "25", "140", "Weight", "71", "26", "141", "Age", "72", "27", "142"]
    text = "\n".join(body(4) + cells + body(4, 4))
    assert run(text) == body(4) + cells + body(4, 4)


def test_strip_page_furniture_removes_short_journal_name_next_to_page_numbers():
    parts = []
    for k in range(3):
        parts += body(12, 12 * k) + ["", str(101 + k), "", "FARMING", ""]
    out = run("\n".join(parts))
    assert "FARMING" not in out and out == body(36)


def test_strip_page_furniture_keeps_repeated_table_cells_yes_no_total():
    rows = []
    for k in range(6):
        rows += [f"Farm {k}", "Yes" if k % 2 else "No", "Total"]
    text = "\n".join(body(3) + rows + body(3, 3))
    assert run(text) == body(3) + rows + body(3, 3)


def test_strip_page_furniture_keeps_plain_line_recurring_away_from_furniture():
    parts = []
    for k in range(3):
        parts += body(10, 10 * k) + ["Key points"]
    assert run("\n".join(parts)).count("Key points") == 3


def test_strip_page_furniture_removes_shaped_footer_recurring_twice():
    footer = "June 1, 2007 / Volume 109 / Number 11"
    text = "\n".join(body(10) + [footer] + body(10, 10) + [footer] + body(4, 20))
    assert run(text) == body(24)


def test_strip_page_furniture_removes_download_stamp_recurring_mid_page():
    stamp = "Downloaded from https://journals.example.org/article/12/3 by Some Library on 3 May 2022"
    text = "\n".join(body(10) + [stamp] + body(10, 10) + [stamp] + body(4, 20))
    assert run(text) == body(24)


def test_strip_page_furniture_removes_strong_footer_at_end_of_single_page():
    footer = "Journal of Valley Farming | www.valleyfarming.org | May 2016 | Volume 3 | Issue 2"
    assert run("\n".join(body(8) + ["", footer])) == body(8)


def test_strip_page_furniture_keeps_shaped_line_occurring_once_mid_text():
    line = "Journal of Valley Farming | www.valleyfarming.org | May 2016 | Volume 3"
    text = "\n".join(body(8) + [line] + body(8, 8))
    assert line in run(text)


def test_strip_page_furniture_keeps_reference_ending_the_document():
    ref = "12. Smith J, Lee K. Nitrate in soils. Soil Sci. 2015;113:45-58. doi:10.1000/xyz.123"
    last = "Available at http://www.example.org/soil, Vol. 3, 2015."
    assert run("\n".join(body(8) + [ref, last]))[-2:] == [ref, last]


def test_strip_page_furniture_keeps_repeated_heading_in_plain_text():
    text = "\n".join(["Results", *body(6), "Results", *body(6, 6)])
    assert run(text).count("Results") == 2


def test_strip_page_furniture_keeps_body_text_unchanged():
    text = "\n\n".join("\n".join(body(4, 4 * k)) for k in range(5))
    doc = doc_of(text)
    assert strip_page_furniture(doc, Config()) == doc


def test_strip_page_furniture_keeps_citation_line_at_top_of_first_page():
    text = ("British Journal of Farming, 2015, 113:45-58\ndoi: 10.1000/bjf.038\n\n"
            + "\n".join(body(8)) + "\f" + "\n".join(body(8, 8)))
    out = run(text)
    assert out[:2] == ["British Journal of Farming, 2015, 113:45-58", "doi: 10.1000/bjf.038"]


def test_strip_page_furniture_removes_open_access_banner_at_top():
    text = "OPEN ACCESS Freely available online\n\n" + "\n".join(body(8))
    assert run(text) == body(8)


def test_strip_page_furniture_respects_min_repeats_knob():
    parts = []
    for k in range(3):
        parts += body(12, 12 * k) + [str(101 + k), "FARMING"]
    assert "FARMING" in run("\n".join(parts), furniture_min_repeats=4)
    assert "FARMING" not in run("\n".join(parts), furniture_min_repeats=3)


# ------------------------------------------------------------------ blank lines


def test_strip_page_furniture_closes_up_header_cutting_a_sentence():
    text = ("The cover crops were sown in\n\n12\n\fValley farming\n\nearly autumn on every farm.\n"
            + "\n".join(body(6)) + "\n\n13\n\fValley farming\n\n" + "\n".join(body(6, 6)))
    out = lines_of(text)
    assert out[:2] == ["The cover crops were sown in", "early autumn on every farm."]


def test_strip_page_furniture_keeps_one_blank_between_finished_paragraphs():
    text = ("The crops were sown.\n\n12\n\fValley farming\n\nThe next trial began in May.\n"
            + "\n".join(body(6)) + "\n\n13\n\fValley farming\n\n" + "\n".join(body(6, 6)))
    out = lines_of(text)
    assert out[:3] == ["The crops were sown.", "", "The next trial began in May."]


def test_strip_page_furniture_joins_lines_around_header_without_blanks():
    footer = "June 1, 2007 / Volume 109 / Number 11"
    text = "\n".join(body(10) + [footer] + body(10, 10) + [footer] + body(4, 20))
    assert "" not in lines_of(text)


# ------------------------------------------------------------------ size


def test_strip_page_furniture_handles_twenty_thousand_lines():
    lines = []
    for page in range(400):
        lines += [f"Valley Farming Review, Vol. 7, page {page + 1}", ""]
        lines += body(46, 46 * page)
        lines += ["", str(page + 1)]
    text = "\n".join(lines[:20000])
    out = run(text)
    assert len(out) > 15000
    assert not any(t.startswith("Valley Farming Review") for t in out)
