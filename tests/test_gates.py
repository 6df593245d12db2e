"""The speed gates are exact: where a cleaner skips work after a cheap test
of the whole text, the skipped work could not have changed anything.

Each gate is compared with the work it saves, done everywhere, on random
documents (the strategies of ``test_properties``) and on every fixture.
A pattern edited without its gate fails here.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import fixture_cases, read_input
from reflow.cleaners import symbols, tables
from reflow.read import read_text
from test_properties import document

FIXTURES = [read_input(case) for case in fixture_cases()]

# Pieces of the damage restore_symbols repairs, and of its near misses, to build lines from.
SYMBOL_BITS = ["3 109/L", "(3109L)", "x109/L", "×109/L", "10-3", "10−3", "10^-3", "^2", "m2", "m3", "cm2",
               "mg/m2", "(cid:3)", "(cid:1)", "b2-microglobulin", "a-thalassemia", "b blockers", "χ2",
               "ª 2004", "Αlpha", "ΒΜΙ", "4", "12", "was", "the", "(", ")", "/", "L", "of", "-"]
SYMBOL_LINES = st.lists(st.lists(st.sampled_from(SYMBOL_BITS), min_size=1, max_size=8).map(" ".join),
                        min_size=1, max_size=6).map("\n".join)
# Label + numbers rows (``Mill Pond 24,310 5,862``) and id-first records, with
# near misses: lines of label words, then the same count of number cells,
# then perhaps a word, a number or a mark more.
LABELS = ["Mill", "Pond", "old", "+", "Total", "K,T", "F/34", "x.", "±", "n"]
NUMBERS = ["12", "3.5", "45,210", "-0.4", "12%", "(3.2)", "27(41.5)", "7*", "[4]", "٣", "12)", "<5", "2019"]
NEAR_NUMBERS = ["–", "3.", "12.", "a1"]


@st.composite
def number_rows(draw):
    k = draw(st.sampled_from([2, 3, 1]))
    rows = []
    for _ in range(draw(st.integers(2, 6))):
        cells = draw(st.lists(st.sampled_from(LABELS), min_size=draw(st.sampled_from([1, 1, 1, 0])), max_size=2))
        cells += draw(st.lists(st.sampled_from(NUMBERS * 4 + NEAR_NUMBERS), min_size=k, max_size=k))
        cells += draw(st.sampled_from([[]] * 8 + [[LABELS[0]], [NUMBERS[-1]]]))
        rows.append(" ".join(cells) + draw(st.sampled_from(["", "", "", "", "", "", ".", " ", "\u2003"])))
    return "\n".join(rows)


def _lines(text: str):
    """The text lines, as ``rebuild_tables`` sees them in a stretch of paragraphs."""
    return [ln for ln in read_text(text).lines if ln.text]


def check_table_starts(text: str) -> None:
    lines = _lines(text)
    assert tables._find_tables(lines) == tables._find_tables(lines, range(len(lines)))


def check_symbol_candidates(text: str) -> None:
    texts = [ln.text for ln in read_text(text).lines]
    candidates = set(symbols._candidates(texts))
    changed = {i for i, t in enumerate(texts) if t and symbols.repair_symbols(t) != t}
    assert changed <= candidates


@pytest.mark.parametrize("check", [check_table_starts, check_symbol_candidates])
def test_gates_on_fixtures(check):
    for text in FIXTURES:
        check(text)


@given(st.one_of(document(), number_rows()))
def test_table_starts_are_exact(text):
    check_table_starts(text)


@given(st.one_of(document(), SYMBOL_LINES))
def test_symbol_candidates_are_exact(text):
    check_symbol_candidates(text)
