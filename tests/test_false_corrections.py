"""The promise of the character repairs, measured on a fixed corpus of correct
text shipped with the project: fewer than 1 word in 10,000 changed.

The corpus is every fixture's expected.md, tests/data/clean_prose.txt (clean
text full of near misses) and generated prose with a fixed seed, so the figure
is the same on every run.
"""
import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("false_corrections",
                                               ROOT / "benchmarks" / "false_corrections.py")
fc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fc)


def test_shipped_clean_corpus_is_almost_never_changed():
    words = changed = 0
    report = []
    for name, text in fc.corpus(include_external=False):
        n_words, found = fc.changes(text)
        words += n_words
        changed += fc.changed_words(found)
        report += [f"{name}: {c} {b!r} -> {a!r}" for c, b, a in found]
    assert words > 50_000
    assert changed / words < fc.TARGET, "\n".join(report)


def test_near_miss_prose_is_not_changed_at_all():
    text = (ROOT / "tests" / "data" / "clean_prose.txt").read_text(encoding="utf-8")
    words, found = fc.changes(text)
    assert words > 400 and found == []


def test_measure_counts_a_real_repair():
    words, found = fc.changes("A dose of 1 OOmg/day was given to all\n")
    assert words == 9 and fc.changed_words(found) == 2
