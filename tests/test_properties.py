"""Property-based tests: whatever the input, reflow does not raise, writes
Markdown that reads back as the blocks it meant, keeps tables rectangular,
loses no word (the ledger holds), and a second run changes nothing of
substance.

The number of examples per property comes from a Hypothesis profile chosen by
``REFLOW_HYPOTHESIS_PROFILE``: ``ci`` (default: 150 examples per property,
25 for the two with huge inputs; about 10 s for the file), ``long`` (10x
more, about 10 minutes; run before a release) or ``dev`` (a quick look)::

    REFLOW_HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py --hypothesis-show-statistics
"""
from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reflow
from conftest import fixture_cases, fuzz_harness, read_input
from reflow import ledger
from reflow.model import TABLE

settings.register_profile("dev", max_examples=20, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("REFLOW_HYPOTHESIS_PROFILE", "ci"))

HARNESS = fuzz_harness()  # its Markdown read-back check is the one the fuzzer runs

# ------------------------------------------------------------------ strategies

# Lines of every fixture input: real-looking pieces (headers, page numbers,
# split words, list items, table rows, mojibake) to recombine.
FIXTURE_LINES = sorted({ln for case in fixture_cases() for ln in read_input(case).split("\n")})

SPECIAL_LINES = ["", "", "", " ", "\t", "\f", "-", "--", "- ", "‐", "­", "–", "—", "12", "007", "1.",
                 "2)", "[3]", "•", "*", "#", "|", "| a |", "|---|", "***", "===", "```", "> q",
                 "A-", "in-", "\fPage 4", "Table 1.", "Figure 2:", "ABSTRACT", "References",
                 "1. Introduction", "\u00ad", "\u200b", "\ufeff", "\x0b", "\r", "\u2028"]

WORD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc")),
               min_size=1, max_size=12)
ASCII_WORD = st.from_regex(r"[A-Za-z][a-z]{0,9}[.,;:]?", fullmatch=True)


@st.composite
def prose_line(draw):
    words = draw(st.lists(st.one_of(ASCII_WORD, ASCII_WORD, WORD), min_size=1, max_size=14))
    indent = draw(st.sampled_from(["", "", "", "    ", "\t", " " * 24]))
    end = draw(st.sampled_from(["", "", "-", ".", ",", "  ", "\t"]))
    return indent + " ".join(words) + end


@st.composite
def table(draw):
    """A table of random shape: cells separated by tabs, wide gaps or pipes."""
    n_rows = draw(st.integers(1, 8))
    n_cols = draw(st.integers(1, 7))
    sep = draw(st.sampled_from(["\t", "   ", "    ", " | "]))
    cell = st.one_of(ASCII_WORD, st.from_regex(r"[0-9]{1,4}(\.[0-9]{1,2})?%?", fullmatch=True),
                     st.sampled_from(["", "-", "n/a", "±", "<0.001"]))
    rows = []
    for _ in range(n_rows):
        width = draw(st.integers(max(1, n_cols - 1), n_cols)) if draw(st.booleans()) else n_cols
        cells = draw(st.lists(cell, min_size=width, max_size=width))
        rows.append(sep.join(cells))
    if sep == " | ":
        rows = ["| " + r + " |" for r in rows]
        rows.insert(1, "|" + "---|" * n_cols)
    return "\n".join(rows)


LINE = st.one_of(st.sampled_from(FIXTURE_LINES), st.sampled_from(SPECIAL_LINES), prose_line())


@st.composite
def document(draw):
    parts = draw(st.lists(st.one_of(LINE, LINE, LINE, table()), min_size=1, max_size=40))
    return "\n".join(parts) + draw(st.sampled_from(["", "\n", "\n\n", "\r\n"]))


ANY_TEXT = st.text(max_size=400)
LONG_LINE = st.builds(lambda w, n, sep: sep.join([w] * n), ASCII_WORD, st.integers(200, 3000),
                      st.sampled_from([" ", "-", "   ", "\t", ""]))
BLANKS = st.builds(lambda a, n, b, ff: a + ("\n" + ff) * n + b, ASCII_WORD, st.integers(1, 3000), ASCII_WORD,
                   st.sampled_from(["", " ", "\t", "\f"]))


# ------------------------------------------------------------------ the properties


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _table_widths(md: str) -> list[set[int]]:
    """For each run of table lines in the Markdown, the set of cell counts."""
    widths, current = [], None
    for line in md.split("\n"):
        if line.startswith("|"):
            n = len(_UNESCAPED_PIPE.findall(line)) - 1
            current = current if current is not None else set()
            current.add(n)
        elif current is not None:
            widths.append(current)
            current = None
    if current is not None:
        widths.append(current)
    return widths


def check_everything(text: str) -> None:
    led = ledger.check(text)  # raises if reflow raises
    md = led.markdown
    assert md == reflow.repair(text)
    # The ledger holds: every word reached the output or was removed on purpose.
    assert led.lost == [], "\n".join(map(str, led.lost))
    # The Markdown reads back as the blocks the document holds.
    assert HARNESS.parsed_tags(md) == HARNESS.block_tags(led.document), md
    # Tables are rectangular, in the document and in the Markdown.
    for b in led.document.blocks:
        if b.kind == TABLE and b.rows:
            assert len({len(r) for r in b.rows}) == 1, b.rows
    assert all(len(w) == 1 for w in _table_widths(md)), md
    # Output is clean text: one trailing newline, no carriage return or form feed.
    assert md == "" or (md.endswith("\n") and not md.endswith("\n\n"))
    assert "\r" not in md and "\f" not in md and "\x00" not in md
    # A second run changes nothing of substance: the same letters and digits in order.
    stable, again = ledger.second_run(md)
    assert stable, (md, again)


@given(ANY_TEXT)
def test_arbitrary_unicode(text):
    check_everything(text)


@given(document())
def test_text_built_from_fixture_pieces(text):
    check_everything(text)


@given(st.lists(table(), min_size=1, max_size=3).map("\n\n".join))
def test_tables_of_random_shapes(text):
    check_everything(text)


@settings(max_examples=max(5, settings().max_examples // 6))
@given(LONG_LINE)
def test_very_long_lines(text):
    check_everything(text)


@settings(max_examples=max(5, settings().max_examples // 6))
@given(BLANKS)
def test_many_blank_lines_and_form_feeds(text):
    check_everything(text)


@given(st.lists(st.sampled_from(SPECIAL_LINES), min_size=1, max_size=60).map("\n".join))
def test_special_lines_only(text):
    check_everything(text)
