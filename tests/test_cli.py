"""The reflow command line: reflow.cli.main and `python -m reflow`."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import reflow
from reflow import batch, cli
from conftest import error_lines
from reflow.cli import main

PROSE = "This is the first paragraph of a test.\nIt is wrapped over\ntwo more lines.\n\nA second paragraph.\n"
PROSE_MD = "This is the first paragraph of a test. It is wrapped over two more lines.\n\nA second paragraph.\n"


@pytest.fixture
def prose(tmp_path: Path) -> Path:
    path = tmp_path / "paper.txt"
    path.write_text(PROSE, encoding="utf-8")
    return path


# ------------------------------------------------------------ single file


def test_file_to_stdout(prose, capsys):
    assert main([str(prose)]) == 0
    out, err = capsys.readouterr()
    assert out == PROSE_MD
    assert err == ""


def test_output_file(prose, tmp_path, capsys):
    out = tmp_path / "paper.md"
    assert main([str(prose), "-o", str(out)]) == 0
    assert out.read_bytes() == PROSE_MD.encode("utf-8")
    assert capsys.readouterr().out == ""


def test_output_dash_means_stdout(prose, capsys):
    assert main([str(prose), "-o", "-"]) == 0
    assert capsys.readouterr().out == PROSE_MD


def test_output_has_unix_line_ends_and_is_utf8(tmp_path, capsys):
    src = tmp_path / "crlf.txt"
    src.write_bytes("Caf\u00e9 au lait is served here.\r\nEvery day.\r\n\r\nSecond.\r\n".encode("utf-8"))
    out = tmp_path / "crlf.md"
    assert main([str(src), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert b"\r" not in data
    assert data.decode("utf-8") == "Caf\u00e9 au lait is served here. Every day.\n\nSecond.\n"


def test_output_existing_file_needs_force(prose, tmp_path, capsys):
    out = tmp_path / "paper.md"
    out.write_text("old", encoding="utf-8")
    assert main([str(prose), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert error_lines(err) and "already exists" in err and "--force" in err and str(out) in err
    assert out.read_text() == "old"
    assert main([str(prose), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8") == PROSE_MD


def test_output_never_overwrites_input_even_with_force(prose, capsys):
    assert main([str(prose), "-o", str(prose), "--force"]) == 1
    err = capsys.readouterr().err
    assert "refusing to overwrite the input file" in err
    assert prose.read_text(encoding="utf-8") == PROSE


def test_output_into_missing_directory_is_an_error(prose, tmp_path, capsys):
    assert main([str(prose), "-o", str(tmp_path / "nope" / "x.md")]) == 1
    assert "no such directory" in capsys.readouterr().err


def test_atomic_write_leaves_no_temp_files(prose, tmp_path, capsys):
    out = tmp_path / "o" / "paper.md"
    out.parent.mkdir()
    assert main([str(prose), "-o", str(out)]) == 0
    assert [p.name for p in out.parent.iterdir()] == ["paper.md"]


def test_atomic_write_failure_keeps_old_file_and_cleans_up(prose, tmp_path, monkeypatch, capsys):
    out = tmp_path / "paper.md"
    out.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli.os, "replace", broken_replace)
    assert main([str(prose), "-o", str(out), "--force"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.md", "paper.txt"]


# ---------------------------------------------------------------- stdin


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 is good here.\n")))
    assert main(["-"]) == 0
    out, err = capsys.readouterr()
    assert out == "caf\u00e9 is good here.\n"
    assert "reflow: warning: <stdin>: input is not valid UTF-8; decoded as cp1252" in err


def test_stdin_only_once(capsys):
    assert main(["-", "-"]) == 2
    assert "stdin" in capsys.readouterr().err


# -------------------------------------------------------------- formats


def test_format_json(prose, capsys):
    assert main([str(prose), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    blocks = data["blocks"]
    assert [b["text"] for b in blocks] == [
        "This is the first paragraph of a test. It is wrapped over two more lines.",
        "A second paragraph.",
    ]
    for block in blocks:
        assert {"kind", "text", "lines"} <= block.keys()
    assert blocks[0]["lines"] == [1, 3]
    assert blocks[1]["lines"] == [5, 5]
    assert "trace" not in data


def test_format_text(prose, capsys):
    assert main([str(prose), "-f", "text"]) == 0
    assert capsys.readouterr().out == PROSE_MD  # no Markdown syntax in this prose


def test_format_text_does_not_escape_markdown(tmp_path, capsys):
    src = tmp_path / "star.txt"
    src.write_text("A claim with a star* in the middle.\n", encoding="utf-8")
    assert main([str(src), "--format", "markdown"]) == 0
    assert capsys.readouterr().out == "A claim with a star\\* in the middle.\n"
    assert main([str(src), "--format", "text"]) == 0
    assert capsys.readouterr().out == "A claim with a star* in the middle.\n"


def test_unknown_format_is_usage_error(prose, capsys):
    assert main([str(prose), "--format", "html"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reflow: error: ") and "html" in err
    assert len(err.strip().splitlines()) == 1


# -------------------------------------------------------------- explain


def fake_step():
    return reflow.Step("fix_encoding", (1,), 1, "before", "after", "a note")


def test_explain_goes_to_stderr(prose, capsys):
    assert main([str(prose), "--explain"]) == 0
    out, err = capsys.readouterr()
    assert out == PROSE_MD
    assert err.strip()  # the trace, or "(no changes)"


def test_explain_prints_each_step_and_notes(tmp_path, monkeypatch, capsys):
    src = tmp_path / "legacy.txt"
    src.write_bytes(b"caf\xe9 is good here.\n")
    real_run = reflow.run

    def run_with_trace(text, **kwargs):
        result = real_run(text, **kwargs)
        assert kwargs["explain"] is True
        result.trace = [fake_step()]
        return result

    monkeypatch.setattr(batch, "run", run_with_trace)
    assert main([str(src), "--explain"]) == 0
    out, err = capsys.readouterr()
    assert out == "caf\u00e9 is good here.\n"
    assert str(fake_step()) in err.splitlines()
    assert "note: input is not valid UTF-8; decoded as cp1252" in err.splitlines()
    assert "warning" not in err  # the note is printed once, by the trace


def test_explain_with_json_puts_trace_in_json(prose, monkeypatch, capsys):
    real_run = reflow.run

    def run_with_trace(text, **kwargs):
        result = real_run(text, **kwargs)
        result.trace = [fake_step()]
        return result

    monkeypatch.setattr(batch, "run", run_with_trace)
    assert main([str(prose), "--explain", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["trace"] == [{"cleaner": "fix_encoding", "lines": [1], "page": 1,
                              "before": "before", "after": "after", "note": "a note"}]
    assert str(fake_step()) in err


def test_explain_real_trace_with_real_step(prose, capsys):
    # whatever the cleaners do, every stderr line is a Step line or "(no changes)"
    result = reflow.run(PROSE, explain=True)
    main([str(prose), "--explain"])
    err = capsys.readouterr().err.splitlines()
    assert err == ([str(s) for s in result.trace] or ["(no changes)"])


# ----------------------------------------------------------- only / skip


def test_only_and_skip_are_passed_to_run(prose, monkeypatch, capsys):
    seen = {}
    real_run = reflow.run

    def spy(text, **kwargs):
        seen.update(kwargs)
        return real_run(text, **kwargs)

    monkeypatch.setattr(batch, "run", spy)
    names = reflow.NAMES
    assert main([str(prose), "--only", f"{names[0]},{names[1]}", "--only", names[2]]) == 0
    assert list(seen["only"]) == [names[0], names[1], names[2]]
    assert list(seen["skip"]) == []
    assert main([str(prose), "--skip", names[0], "--skip", f" {names[1]} ,"]) == 0
    assert list(seen["skip"]) == [names[0], names[1]]


def test_only_restricts_the_pipeline(tmp_path, monkeypatch, capsys):
    calls = []

    def recorder(name):
        def cleaner(doc, config):
            calls.append(name)
            return doc
        return cleaner

    pipeline = tuple((name, recorder(name)) for name in reflow.NAMES)
    monkeypatch.setattr("reflow.pipeline.PIPELINE", pipeline)
    monkeypatch.setattr(reflow.run, "__kwdefaults__", {**reflow.run.__kwdefaults__, "pipeline": pipeline})
    src = tmp_path / "a.txt"
    src.write_text("Some text here.\n", encoding="utf-8")
    assert main([str(src), "--only", reflow.NAMES[0]]) == 0
    assert calls == [reflow.NAMES[0]]
    calls.clear()
    assert main([str(src), "--skip", reflow.NAMES[0]]) == 0
    assert calls == list(reflow.NAMES[1:])


@pytest.mark.parametrize("option", ["--only", "--skip"])
def test_unknown_cleaner_is_usage_error(prose, option, capsys):
    assert main([str(prose), option, "no_such_cleaner"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("reflow: error: unknown cleaner(s): no_such_cleaner")
    assert len(err.strip().splitlines()) == 1


# ------------------------------------------------------- help / version


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"reflow {reflow.__version__}\n"


def test_help_teaches(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "--out-dir" in out and "--explain" in out
    for name in reflow.NAMES:
        assert f"  {name}" in out
    for name, cleaner in reflow.PIPELINE:
        if cleaner.__doc__ and cleaner.__doc__.strip():
            first = cleaner.__doc__.strip().split()[0]
            assert first in out


def test_no_input_is_usage_error(capsys):
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("reflow: error: no input")


def test_unknown_option_is_usage_error(capsys):
    assert main(["--frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reflow: error: unrecognized arguments: --frobnicate")


# ------------------------------------------------------------ input errors


def test_missing_file(tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    assert main([str(missing)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"reflow: error: {missing}: no such file\n"


def test_permission_denied_reading(prose, monkeypatch, capsys):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(batch, "open", denied, raising=False)
    assert main([str(prose)]) == 1
    assert capsys.readouterr().err == f"reflow: error: {prose}: permission denied\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_permission_denied_reading_real(prose, capsys):
    prose.chmod(0)
    try:
        assert main([str(prose)]) == 1
    finally:
        prose.chmod(0o644)
    assert "permission denied" in capsys.readouterr().err


def test_permission_denied_writing(prose, tmp_path, monkeypatch, capsys):
    def denied(path, text):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(batch, "write_atomic", denied)
    out = tmp_path / "out.md"
    assert main([str(prose), "-o", str(out)]) == 1
    assert f"cannot write {out}: permission denied" in capsys.readouterr().err


@pytest.mark.parametrize("data, words", [
    (b"%PDF-1.5\n%\xe2\xe3\n", "looks like a PDF file, not text: extract its text first (e.g. pdftotext FILE)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    (b"PK\x03\x04\x14\x00", "ZIP archive"),
    (bytes(range(256)) * 4, "binary file"),
])
def test_binary_input(tmp_path, capsys, data, words):
    src = tmp_path / "thing.txt"
    src.write_bytes(data)
    assert main([str(src)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"reflow: error: {src}: ")
    assert words in err
    assert len(err.splitlines()) == 1


def test_undecodable_input(tmp_path, capsys):
    src = tmp_path / "bad16.txt"
    src.write_bytes(b"\xff\xfe" + "hi".encode("utf-16-le") + b"\x00\xd8")
    assert main([str(src)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reflow: error: {src}: starts with a UTF-16-LE byte order mark")


def test_legacy_encoding_warning_and_quiet(tmp_path, capsys):
    src = tmp_path / "legacy.txt"
    src.write_bytes(b"caf\xe9 na\xefve \x93quoted\x94.\n")
    assert main([str(src)]) == 0
    out, err = capsys.readouterr()
    assert out == "caf\u00e9 na\u00efve \u201cquoted\u201d.\n"
    assert err == f"reflow: warning: {src}: input is not valid UTF-8; decoded as cp1252\n"
    assert main([str(src), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert out == "caf\u00e9 na\u00efve \u201cquoted\u201d.\n"
    assert err == ""


def test_legacy_note_reaches_json(tmp_path, capsys):
    src = tmp_path / "legacy.txt"
    src.write_bytes(b"caf\xe9.\n")
    assert main([str(src), "--format", "json", "-q"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["notes"] == ["input is not valid UTF-8; decoded as cp1252"]


def test_utf16_file(tmp_path, capsys):
    src = tmp_path / "wide.txt"
    src.write_bytes("\ufeffSome wide text here.\n".encode("utf-16-le"))
    assert main([str(src)]) == 0
    assert capsys.readouterr().out == "Some wide text here.\n"


# -------------------------------------------------------- usage: batches


def test_directory_without_out_dir(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"reflow: error: {tmp_path} is a directory") and "--out-dir" in err


def test_several_inputs_without_out_dir(prose, tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text("Other text.\n")
    assert main([str(prose), str(other)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "2 inputs" in err and "--out-dir" in err


def test_several_inputs_with_output(prose, tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text("Other text.\n")
    assert main([str(prose), str(other), "-o", str(tmp_path / "x.md")]) == 2
    assert "-o writes one file" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


def test_output_and_out_dir_together(prose, tmp_path, capsys):
    assert main([str(prose), "-o", "x.md", "--out-dir", str(tmp_path / "o")]) == 2
    assert "cannot be used together" in capsys.readouterr().err


def test_out_dir_that_is_a_file(prose, capsys):
    assert main([str(prose), "--out-dir", str(prose)]) == 2
    assert "not a directory" in capsys.readouterr().err


# ---------------------------------------------------------------- batches


def make_tree(root: Path) -> Path:
    src = root / "texts"
    (src / "sub" / "deeper").mkdir(parents=True)
    (src / "one.txt").write_text("The first document is here.\n", encoding="utf-8")
    (src / "sub" / "two.txt").write_text("The second document is here.\n", encoding="utf-8")
    (src / "sub" / "deeper" / "three.txt").write_text("The third one.\n", encoding="utf-8")
    (src / "ignored.md").write_text("not a txt file\n", encoding="utf-8")
    return src


def test_out_dir_with_files(prose, tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text("Other text is here.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(prose), str(other), "--out-dir", str(out)]) == 0
    assert (out / "paper.md").read_text(encoding="utf-8") == PROSE_MD
    assert (out / "other.md").read_text(encoding="utf-8") == "Other text is here.\n"
    assert capsys.readouterr().out == ""


def test_out_dir_with_directory_mirrors_subfolders(tmp_path, capsys):
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    assert main([str(src), "--out-dir", str(out), "-q"]) == 0
    found = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert found == sorted(["one.md", os.path.join("sub", "two.md"),
                            os.path.join("sub", "deeper", "three.md")])
    assert (out / "sub" / "deeper" / "three.md").read_text() == "The third one.\n"
    assert capsys.readouterr().err == ""


def test_out_dir_with_json_format_uses_json_suffix(prose, tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(prose), "--out-dir", str(out), "--format", "json"]) == 0
    assert json.loads((out / "paper.json").read_text())["blocks"]


def test_out_dir_existing_output_needs_force(tmp_path, capsys):
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / "two.md").write_text("keep me", encoding="utf-8")
    assert main([str(src), "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    target = out / "sub" / "two.md"
    assert error_lines(err) == [f"reflow: error: {src / 'sub' / 'two.txt'}: output {target} already exists "
                                f"(use --force to overwrite it)"]
    assert target.read_text() == "keep me"
    assert (out / "one.md").exists() and (out / "sub" / "deeper" / "three.md").exists()
    assert main([str(src), "--out-dir", str(out), "--force"]) == 0
    assert target.read_text() == "The second document is here.\n"


def test_out_dir_never_overwrites_input(tmp_path, capsys):
    notes = tmp_path / "notes.md"
    notes.write_text("Notes written by hand.\n", encoding="utf-8")
    assert main([str(notes), "--out-dir", str(tmp_path), "--force"]) == 1
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert notes.read_text() == "Notes written by hand.\n"


def test_out_dir_text_format_in_place_refuses_inputs(tmp_path, capsys):
    src = make_tree(tmp_path)
    assert main([str(src), "--out-dir", str(src), "--format", "text", "--force"]) == 1
    err = capsys.readouterr().err
    assert len(error_lines(err)) == 3
    assert (src / "one.txt").read_text() == "The first document is here.\n"


def test_out_dir_same_stem_twice(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("From folder a.\n")
    (tmp_path / "b" / "x.txt").write_text("From folder b.\n")
    out = tmp_path / "out"
    assert main([str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"), "--out-dir", str(out)]) == 1
    assert "already written by another input" in capsys.readouterr().err
    assert (out / "x.md").read_text() == "From folder a.\n"


def test_batch_continues_after_bad_files(prose, tmp_path, capsys):
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.4\n")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    assert main([str(pdf), str(missing), str(prose), "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert error_lines(err) == [
        f"reflow: error: {pdf}: looks like a PDF file, not text: extract its text first (e.g. pdftotext FILE)",
        f"reflow: error: {missing}: no such file",
    ]
    assert (out / "paper.md").read_text() == PROSE_MD
    assert not (out / "scan.md").exists()
    assert "wrote 1 file(s)" in err and "2 failed" in err


def test_empty_directory_is_an_input_error(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([str(empty), "--out-dir", str(tmp_path / "out")]) == 1
    assert "no *.txt files" in capsys.readouterr().err


def test_progress_on_tty_only(tmp_path, monkeypatch, capsys):
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    assert main([str(src), "--out-dir", str(out)]) == 0
    assert "files" not in capsys.readouterr().err  # stderr is not a TTY here
    monkeypatch.setattr(cli, "_stderr_is_tty", lambda: True)
    assert main([str(src), "--out-dir", str(out), "--force"]) == 0
    err = capsys.readouterr().err
    bar = err.split("\n")[0].split("\r")[-1]
    assert bar.startswith("[" + "#" * cli.Progress.WIDTH + "] 3/3 files, ")
    assert "MB/s" in bar
    assert err.split("\n")[1] == f"reflow: wrote 3 file(s) to {out}"
    assert main([str(src), "--out-dir", str(out), "--force", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_progress_bar_keeps_messages_apart(tmp_path, monkeypatch, capsys):
    src = make_tree(tmp_path)
    (src / "bad.txt").write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(cli, "_stderr_is_tty", lambda: True)
    assert main([str(src), "--out-dir", str(tmp_path / "out")]) == 1
    lines = capsys.readouterr().err.split("\n")
    # the error line is whole: the bar was cleared before it and redrawn after
    error = [ln for ln in lines if "reflow: error:" in ln]
    assert len(error) == 1 and error[0].split("\r\x1b[K")[-1].startswith("reflow: error: ")
    assert "4/4 files" in lines[-4] and "1 failed" in lines[-4]
    assert lines[-3] == f"reflow: wrote 3 file(s) to {tmp_path / 'out'}, 1 failed:"
    assert lines[-2] == f"  {error[0].split('reflow: error: ')[-1]}"


def test_progress_line_shape():
    bar = cli.Progress(4, 4_000_000, stream=io.StringIO())
    bar.advance(1_000_000)
    line = bar.line()
    assert line.startswith("[" + "#" * (cli.Progress.WIDTH // 4) + "-" * (3 * cli.Progress.WIDTH // 4) + "]")
    assert "1/4 files, 1.0/4.0 MB" in line and "left" in line
    bar.say("a message")
    assert "a message\n" in bar.stream.getvalue()
    bar.close()
    assert bar.stream.getvalue().endswith("\n")


def test_stdin_in_batch(prose, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From stdin.\n")))
    out = tmp_path / "out"
    assert main(["-", str(prose), "--out-dir", str(out), "-q"]) == 0
    assert (out / "stdin.md").read_text() == "From stdin.\n"


# ------------------------------------------------------------ subprocess


def test_python_m_reflow_subprocess(prose):
    proc = subprocess.run([sys.executable, "-m", "reflow", str(prose)], capture_output=True)
    assert proc.returncode == 0
    assert proc.stdout == PROSE_MD.encode("utf-8")
    assert proc.stderr == b""


def test_python_m_reflow_stdin_subprocess():
    proc = subprocess.run([sys.executable, "-m", "reflow", "-"], capture_output=True,
                          input=b"caf\xe9 is good.\r\nYes.\r\n")
    assert proc.returncode == 0
    assert proc.stdout == "caf\u00e9 is good. Yes.\n".encode("utf-8")
    assert b"decoded as cp1252" in proc.stderr


def test_python_m_reflow_error_exit_codes(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "reflow", str(tmp_path / "nope.txt")], capture_output=True)
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("reflow: error: ")
    proc = subprocess.run([sys.executable, "-m", "reflow", "--only", "bogus", "x"], capture_output=True)
    assert proc.returncode == 2


def test_out_dir_inside_input_dir_is_not_read_back(tmp_path, capsys):
    src = make_tree(tmp_path)
    out = src / "plain"
    assert main([str(src), "--out-dir", str(out), "--format", "text", "-q"]) == 0
    assert (out / "one.txt").exists()
    # a second run must not take the outputs under plain/ for inputs
    assert main([str(src), "--out-dir", str(out), "--format", "text", "--force", "-q"]) == 0
    assert not (out / "plain").exists()
