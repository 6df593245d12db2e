"""Coverage-guided fuzzing of reflow with atheris (libFuzzer for Python).

Each input is a file's bytes. The harness does what ``reflow FILE`` does --
decode, run every cleaner, write Markdown -- through the content ledger, and
fails on:

* any exception other than a ``ReflowError`` from decoding (a binary or
  undecodable file is refused with a message; that is correct);
* a word lost (the ledger);
* Markdown that does not read back as the document's blocks (markdown-it-py);
* a second run over the output that changes its letters and digits (other
  than lines it removes on purpose, which the ledger lists).

Install the ``fuzz`` extra (``pip install atheris``; wheels exist for CPython
3.11 on Linux x86_64) and run from the repository root:

    # smoke run, as in CI (a few seconds):
    python fuzz/fuzz_repair.py -runs=3000 -max_len=2048
    # longer run: 10 CPU-minutes, corpus kept in fuzz/corpus (gitignored or not):
    mkdir -p fuzz/corpus && python fuzz/fuzz_repair.py fuzz/corpus -max_total_time=600 \\
        -max_len=4096 -timeout=20 -rss_limit_mb=2048

``REFLOW_FUZZ_SKIP=stability`` (comma-separated: ledger, markdown, stability)
leaves a check out, to look for other failures once one kind is reported.

The seed corpus is every fixture input (copied into a temporary folder when no
corpus folder is given). A crash is written to ``crash-<sha1>`` in the current
folder; reproduce it with ``python fuzz/fuzz_repair.py crash-<sha1>``, then
make it a fixture in ``fixtures/robustness/<name>/`` (input.txt + expected.md).

Without atheris the module still imports: ``check(data)`` is the harness body
and ``tests/test_hostile.py`` runs it over the seeds.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

try:
    import atheris
except ImportError:  # the harness body stays usable without the fuzzer
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["reflow"]):
        import reflow  # noqa: F401
        from reflow import ledger
        from reflow.decode import decode
        from reflow.errors import ReflowError
else:
    sys.path.insert(0, str(ROOT))
    from reflow import ledger
    from reflow.decode import decode
    from reflow.errors import ReflowError

_MD = None


def _parser():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        _MD = MarkdownIt("commonmark").enable("table")
    return _MD


def block_tags(doc) -> list[str]:
    """The top-level tags markdown-it should find for the document's blocks."""
    tags, previous = [], None
    for b in doc.blocks:
        if not (b.text or b.rows or b.label):  # what the renderer shows
            continue
        if b.kind == "heading":
            tags.append(f"h{min(max(b.level, 1), 6)}")
        elif b.kind == "list_item":
            kind = "ol" if b.number > 0 else "ul"
            if previous != kind:
                tags.append(kind)
        elif b.kind == "table" and b.rows:
            tags.append("table")
        else:
            tags.append("p")
        previous = ("ol" if b.number > 0 else "ul") if b.kind == "list_item" else b.kind
    return tags


def parsed_tags(md: str) -> list[str]:
    tags, depth = [], 0
    for t in _parser().parse(md):
        if t.nesting == 1:
            if depth == 0:
                tags.append(t.tag)
            depth += 1
        elif t.nesting == -1:
            depth -= 1
    return tags


# Checks to leave out, comma-separated (``ledger``, ``markdown``, ``stability``),
# e.g. to look for other failures once one kind is known and reported.
SKIP = set(filter(None, os.environ.get("REFLOW_FUZZ_SKIP", "").split(",")))


def check(data: bytes) -> None:
    """The harness body: raise on any failure described in the module docstring."""
    try:
        text = decode(data).text
    except ReflowError:
        return
    led = ledger.check(text)
    if led.lost and "ledger" not in SKIP:
        raise AssertionError("ledger: words lost\n" + "\n".join(map(str, led.lost)))
    md = led.markdown
    if "markdown" not in SKIP and parsed_tags(md) != block_tags(led.document):
        raise AssertionError(f"Markdown does not read back as the blocks: {md!r}")
    if "stability" in SKIP:
        return
    stable, again = ledger.second_run(md)
    if not stable:
        raise AssertionError(f"second run changed the text: {md!r} -> {again!r}")


def seeds() -> list[Path]:
    return sorted((ROOT / "fixtures").glob("*/*/input.txt"))


def main(argv: list[str]) -> None:
    if atheris is None:
        sys.exit("atheris is not installed: pip install atheris (the 'fuzz' extra)")
    args = list(argv)
    corpus_given = any(not a.startswith("-") for a in args[1:])
    tmp = None
    if not corpus_given:
        tmp = tempfile.mkdtemp(prefix="reflow-fuzz-")
        for i, seed in enumerate(seeds()):
            shutil.copy(seed, os.path.join(tmp, f"seed-{i:03d}"))
        args.append(tmp)
    try:
        atheris.Setup(args, check)
        atheris.Fuzz()
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv)
