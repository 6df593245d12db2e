"""Every fixture: fixtures/<category>/<case>/input.txt must repair to expected.md.

Cases under fixtures/known-failures/ are expected to fail until their repair
exists (strict xfail: a fixed case must be moved out).
"""
import pytest

import reflow
from conftest import FIXTURES, fixture_cases, read_input

CASES = fixture_cases()


def _params():
    for case in CASES:
        marks = pytest.mark.xfail(strict=True) if case.parent.name == "known-failures" else ()
        yield pytest.param(case, id=f"{case.parent.name}/{case.name}", marks=marks)


def test_every_cleaner_has_fixtures():
    categories = {c.parent.name for c in CASES}
    for needed in ("encoding", "furniture", "dehyphen", "reflow", "structure", "fidelity"):
        assert needed in categories, f"no fixtures for {needed}"


@pytest.mark.parametrize("case", list(_params()))
def test_fixture(case):
    expected = (case / "expected.md").read_text(encoding="utf-8")
    assert reflow.repair(read_input(case)) == expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.parent.name}/{c.name}")
def test_fixture_output_is_stable(case):
    """Running reflow on its own output changes nothing."""
    once = reflow.repair(read_input(case))
    assert reflow.repair(once) == once


@pytest.mark.parametrize("case", [c for c in CASES if c.parent.name == "fidelity"],
                         ids=lambda c: c.name)
def test_clean_text_has_no_repairs(case):
    """Clean text passes every line-stage cleaner untouched."""
    steps = reflow.explain(read_input(case))
    line_stage = {"fix_encoding", "restore_symbols", "repair_ocr_confusions", "split_glued_labels",
                  "strip_page_furniture", "split_side_by_side_columns", "join_hyphenated_words"}
    assert [s for s in steps if s.cleaner in line_stage] == []


BENCH = sorted((FIXTURES.parent.parent / "shared" / "bench").glob("*/*/input.txt"))


@pytest.mark.skipif(not BENCH, reason="no ../shared/bench beside the project")
@pytest.mark.parametrize("path", BENCH, ids=lambda p: p.parent.name)
def test_bench_output_is_stable(path):
    """Real extractions too: a second run over reflow's output changes nothing."""
    from reflow.decode import decode
    once = reflow.repair(decode(path.read_bytes()).text)
    assert reflow.repair(once) == once
