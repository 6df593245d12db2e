from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def fixture_cases() -> list[Path]:
    return sorted(p.parent for p in FIXTURES.glob("*/*/input.txt"))


def read_input(case: Path) -> str:
    """A fixture's input, decoded the way the command line decodes files."""
    from reflow.decode import decode

    return decode((case / "input.txt").read_bytes()).text


def error_lines(err: str) -> list[str]:
    """The ``reflow: error: …`` lines of a command's stderr."""
    return [line for line in err.splitlines() if line.startswith("reflow: error: ")]


def fuzz_harness():
    """fuzz/fuzz_repair.py as a module: its checks are shared with the tests."""
    import sys

    sys.path.insert(0, str(ROOT / "fuzz"))
    try:
        import fuzz_repair
    finally:
        sys.path.pop(0)
    return fuzz_repair


@pytest.fixture
def md_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")
