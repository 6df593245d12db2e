"""reflow.batch (one file's work) and ``reflow --out-dir ... --jobs N``."""
from __future__ import annotations

import io
import os
import pickle
import sys
from pathlib import Path

import pytest

import reflow
from reflow import batch, cli
from reflow.batch import Options, Outcome, convert, process
from reflow.cli import main

from conftest import error_lines, fixture_cases

TEXT = "The recog-\nnition rate was\nhigh.\n"
MD = "The recognition rate was high.\n"


# ------------------------------------------------------------------ batch.process


def test_convert_is_repair():
    assert convert(TEXT).output == reflow.repair(TEXT) == MD
    assert convert(TEXT, Options(format="text")).output == reflow.render_text(reflow.document(TEXT))


def test_convert_explain_records_trace():
    done = convert(TEXT, Options(explain=True))
    assert done.trace == tuple(str(s) for s in reflow.explain(TEXT))
    assert done.trace  # the join is recorded
    assert convert(TEXT).trace == ()


def test_process_writes_atomically_and_returns_outcome(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    target = tmp_path / "deep" / "a.md"
    outcome = process(str(src), "a.txt", str(target), make_dirs=True)
    assert outcome == Outcome("a.txt", str(target), None, None, (), (), len(TEXT), True)
    assert target.read_text(encoding="utf-8") == MD
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]  # no temporary file left


def test_process_to_stdout_returns_text(tmp_path):
    src = tmp_path / "a.txt"
    src.write_bytes(b"caf\xe9 au lait.\n")
    outcome = process(str(src), "a.txt", None)
    assert outcome.output == "caf\u00e9 au lait.\n"
    assert outcome.notes == ("input is not valid UTF-8; decoded as cp1252",)


@pytest.mark.parametrize("data, words", [
    (None, "no such file"),
    (b"%PDF-1.7\n", "looks like a PDF file"),
])
def test_process_reports_input_problems(tmp_path, data, words):
    src = tmp_path / "x.txt"
    if data is not None:
        src.write_bytes(data)
    outcome = process(str(src), "x.txt", str(tmp_path / "x.md"))
    assert outcome.error.startswith("x.txt: ") and words in outcome.error
    assert not outcome.repaired and not (tmp_path / "x.md").exists()


def test_process_reports_write_problems_after_repair(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    outcome = process(str(src), "a.txt", str(tmp_path / "missing-dir" / "a.md"),
                      Options(explain=True))
    assert outcome.error == f"a.txt: cannot write {tmp_path / 'missing-dir' / 'a.md'}: no such directory"
    assert outcome.repaired and outcome.trace  # the trace is still shown


def test_process_catches_bugs_only_in_batches(tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("cleaner bug")

    monkeypatch.setattr(batch, "run", broken)
    with pytest.raises(RuntimeError):
        process(str(src), "a.txt", None)
    outcome = process(str(src), "a.txt", None, catch_bugs=True)
    assert outcome.error == "a.txt: internal error (RuntimeError: cleaner bug); please report it"


def test_options_and_outcomes_pickle():
    options = Options("json", ("fix_encoding",), (), True)
    assert pickle.loads(pickle.dumps(options)) == options
    outcome = Outcome("a", "b", None, "text", ("step",), ("note",), 3, True)
    assert pickle.loads(pickle.dumps(outcome)) == outcome


# ------------------------------------------------------------------ --jobs


def corpus(root: Path, n: int | None = None) -> Path:
    """The project's fixture inputs as a folder of files (names kept apart)."""
    src = root / "in"
    for case in fixture_cases()[:n]:
        dest = src / case.parent.name / f"{case.name}.txt"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes((case / "input.txt").read_bytes())
    return src


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_jobs_give_the_same_files_as_one_process(tmp_path, capsys, fmt):
    src = corpus(tmp_path)
    assert main([str(src), "--out-dir", str(tmp_path / "one"), "-q", "-f", fmt]) == 0
    assert main([str(src), "--out-dir", str(tmp_path / "two"), "-q", "-f", fmt, "--jobs", "2"]) == 0
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) == len(fixture_cases()) and one == two
    assert capsys.readouterr().err == ""


def test_jobs_zero_means_one_per_cpu(tmp_path, monkeypatch):
    seen = {}
    real = cli._Batch.run_parallel

    def spy(self, workers):
        seen["workers"] = workers
        return real(self, workers)

    monkeypatch.setattr(cli._Batch, "run_parallel", spy)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    src = corpus(tmp_path, 3)
    assert main([str(src), "--out-dir", str(tmp_path / "out"), "-q", "-j", "0"]) == 0
    assert seen["workers"] == 2
    assert cli._workers(8, 3) == 3 and cli._workers(1, 10) == 1 and cli._workers(0, 1) == 1


def test_negative_jobs_is_usage_error(tmp_path, capsys):
    assert main([str(tmp_path), "--out-dir", str(tmp_path / "o"), "--jobs", "-1"]) == 2
    assert "--jobs must be 0" in capsys.readouterr().err


def test_jobs_continue_past_bad_files(tmp_path, capsys):
    src = corpus(tmp_path, 4)
    (src / "scan.txt").write_bytes(b"%PDF-1.4\n")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    out = tmp_path / "out"
    assert main([str(src), "--out-dir", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    errors = sorted(error_lines(err))
    assert errors == [f"reflow: error: {src / 'image.txt'}: looks like a PNG image, not text: "
                      f"run OCR on it first (e.g. tesseract FILE -)",
                      f"reflow: error: {src / 'scan.txt'}: looks like a PDF file, not text: "
                      f"extract its text first (e.g. pdftotext FILE)"]
    assert err.splitlines()[-3:] == [f"reflow: wrote 4 file(s) to {out}, 2 failed:",
                                     *(f"  {line[len('reflow: error: '):]}" for line in errors)]
    assert len(list(out.rglob("*.md"))) == 4


def test_jobs_keep_the_overwrite_rules(tmp_path, capsys):
    src = corpus(tmp_path, 3)
    out = tmp_path / "out"
    first = sorted(src.rglob("*.txt"))[0]
    kept = out / first.relative_to(src).with_suffix(".md")
    kept.parent.mkdir(parents=True)
    kept.write_text("keep me", encoding="utf-8")
    assert main([str(src), "--out-dir", str(out), "--jobs", "2", "-q"]) == 1
    assert "already exists (use --force to overwrite it)" in capsys.readouterr().err
    assert kept.read_text(encoding="utf-8") == "keep me"
    assert main([str(src), "--out-dir", str(out), "--jobs", "2", "-q", "--force"]) == 0
    assert kept.read_text(encoding="utf-8") != "keep me"
    # text output into the input folder: never over an input
    before = tree(src)
    assert main([str(src), "--out-dir", str(src), "-f", "text", "--force", "--jobs", "2", "-q"]) == 1
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert tree(src) == before


def test_jobs_same_output_name_twice_is_decided_in_order(tmp_path, capsys):
    names = []
    for folder in "abcd":
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "x.txt"
        path.write_text(f"From folder {folder}.\n", encoding="utf-8")
        names.append(str(path))
    out = tmp_path / "out"
    assert main([*names, "--out-dir", str(out), "--jobs", "2", "-q"]) == 1
    err = capsys.readouterr().err
    assert err.count("already written by another input") == 3
    assert (out / "x.md").read_text() == "From folder a.\n"  # the first one, as with one process


def test_jobs_first_of_same_name_fails_then_next_is_written(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "b" / "x.txt").write_text("From folder b.\n")
    out = tmp_path / "out"
    args = [str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"), "--out-dir", str(out), "-q"]
    assert main(args + ["--jobs", "2"]) == 1
    assert (out / "x.md").read_text() == "From folder b.\n"


def test_jobs_with_stdin(tmp_path, monkeypatch, capsys):
    src = corpus(tmp_path, 2)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From stdin.\n")))
    out = tmp_path / "out"
    assert main(["-", str(src), "--out-dir", str(out), "-q", "--jobs", "2"]) == 0
    assert (out / "stdin.md").read_text() == "From stdin.\n"


def test_jobs_explain_and_warnings_come_back_from_workers(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "legacy.txt").write_bytes(b"caf\xe9 is good here.\n")
    (src / "split.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(src), "--out-dir", str(out), "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert f"reflow: warning: {src / 'legacy.txt'}: input is not valid UTF-8; decoded as cp1252" in err
    assert main([str(src), "--out-dir", str(out), "--jobs", "2", "--force", "--explain"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"== {src / 'split.txt'} ==" in err
    for step in reflow.explain(TEXT):
        assert str(step) in err


def crash_on_marked_files(source, label, target, options, **kwargs):
    """Stands in for batch.process in forked workers: a file named crash.txt
    kills its worker process, as an out-of-memory kill would."""
    if os.path.basename(source) == "crash.txt":
        os._exit(1)
    return batch.__dict__["_real_process"](source, label, target, options, **kwargs)


@pytest.mark.skipif(sys.platform != "linux", reason="relies on fork carrying the patched worker")
def test_a_dead_worker_fails_its_files_and_the_batch_goes_on(tmp_path, monkeypatch, capsys):
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        pytest.skip("needs the fork start method")
    src = corpus(tmp_path, 6)
    (src / "crash.txt").write_text("Any text.\n")
    monkeypatch.setattr(batch, "_real_process", batch.process, raising=False)
    monkeypatch.setattr(batch, "process", crash_on_marked_files)
    crash_on_marked_files.__module__ = __name__
    out = tmp_path / "out"
    assert main([str(src), "--out-dir", str(out), "--jobs", "2", "-q"]) == 1
    err = capsys.readouterr().err
    assert f"reflow: error: {src / 'crash.txt'}: the worker process died while repairing it" in err
    # files submitted after the crash went to a new pool and were written
    assert len(list(out.rglob("*.md"))) >= 1
