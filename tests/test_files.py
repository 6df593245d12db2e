"""Writing files safely: atomic replacement, never over an input, --force, and
plain messages naming the file for every way a write can fail. Complements
tests/test_cli.py (which covers the common cases) with the ways a file system
fights back."""
from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reflow import batch, cli
from reflow.cli import main
from conftest import error_lines

ROOT = Path(__file__).resolve().parent.parent
TEXT = "The first paragraph\nis wrapped here.\n\nThe second one.\n"
MD = "The first paragraph is wrapped here.\n\nThe second one.\n"


@pytest.fixture
def src(tmp_path: Path) -> Path:
    path = tmp_path / "paper.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# ------------------------------------------------------------------ never over an input


def test_symlink_to_the_input_is_refused_even_with_force(src, tmp_path, capsys):
    link = tmp_path / "out.md"
    link.symlink_to(src)
    assert main([str(src), "-o", str(link), "--force"]) == 1
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == TEXT and link.is_symlink()


def test_hard_link_to_the_input_is_refused_even_with_force(src, tmp_path, capsys):
    link = tmp_path / "out.md"
    os.link(src, link)
    assert main([str(src), "-o", str(link), "--force"]) == 1
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == TEXT


def test_input_named_another_way_is_refused(src, tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    other_spelling = tmp_path / "sub" / ".." / src.name
    assert main([str(src), "-o", str(other_spelling), "--force"]) == 1
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == TEXT


def test_batch_output_onto_another_input_is_refused(tmp_path, capsys):
    """``a.txt`` in --format text into its own folder would be written over
    itself; a second input whose output lands on the first input is refused too."""
    (tmp_path / "a.txt").write_text("Alpha text.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Beta text.\n")
    code = main([str(tmp_path / "in" / "a.txt"), str(tmp_path / "a.txt"),
                 "--out-dir", str(tmp_path), "--format", "text", "--force"])
    assert code == 1
    assert (tmp_path / "a.txt").read_text() == "Alpha text.\n"
    assert "refusing to overwrite the input file" in capsys.readouterr().err


# ------------------------------------------------------------------ atomic replacement


def test_cached_realpath_agrees_with_os_realpath(tmp_path, monkeypatch):
    """The batch resolves each folder once (``cli._realpath``); that must give
    what ``os.path.realpath`` gives, links and ``..`` included."""
    real = tmp_path / "real"
    (real / "deep").mkdir(parents=True)
    (real / "deep" / "a.txt").write_text("a")
    (tmp_path / "folder_link").symlink_to(real / "deep")
    (real / "file_link.txt").symlink_to(real / "deep" / "a.txt")
    (real / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    monkeypatch.chdir(real)
    paths = ["deep/a.txt", "a.txt", "file_link.txt", "dangling.txt", "missing/b.txt", ".", "..",
             "deep/..", "deep/", str(tmp_path / "folder_link" / "a.txt"),
             str(tmp_path / "folder_link" / ".." / "a.txt"),  # .. after a link: not lexical
             str(tmp_path / "folder_link" / "new.md"), str(real / "file_link.txt")]
    cli._REAL_FOLDERS.clear()
    for _ in range(2):  # cold, then from the folder cache
        for path in paths:
            assert cli._realpath(path) == os.path.realpath(path), path
            assert cli._realpath(Path(path)) == os.path.realpath(path), path


def test_missing_output_folders_are_made_only_in_a_batch(tmp_path):
    out = tmp_path / "new" / "deeper" / "paper.md"
    with pytest.raises(batch.Failed, match="no such directory"):
        batch.write_file(out, "text\n", "paper.txt", make_dirs=False)
    assert not (tmp_path / "new").exists()
    batch.write_file(out, "text\n", "paper.txt", make_dirs=True)
    assert out.read_text() == "text\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["paper.md"]


def test_reader_never_sees_a_partial_file(src, tmp_path, monkeypatch, capsys):
    """At the moment of the rename the old output is whole and the new one is
    complete in a temporary file in the same folder."""
    out = tmp_path / "paper.md"
    out.write_text("old output\n")
    seen = {}
    real_replace = os.replace

    def spy(tmp, dst):
        seen["dst_before"] = Path(dst).read_text()
        seen["tmp"] = Path(tmp).read_text(encoding="utf-8")
        seen["same_folder"] = Path(tmp).parent == Path(dst).parent
        real_replace(tmp, dst)

    monkeypatch.setattr(cli.os, "replace", spy)
    assert main([str(src), "-o", str(out), "--force"]) == 0
    assert seen == {"dst_before": "old output\n", "tmp": MD, "same_folder": True}
    assert out.read_text(encoding="utf-8") == MD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.md", "paper.txt"]


def test_replacing_keeps_the_old_files_permissions(src, tmp_path, capsys):
    out = tmp_path / "paper.md"
    out.write_text("old")
    out.chmod(0o640)
    assert main([str(src), "-o", str(out), "--force"]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_new_file_gets_the_usual_permissions(src, tmp_path, capsys):
    """Not mkstemp's private 0600: what any other new file would get (umask)."""
    umask = os.umask(0o022)
    try:
        out = tmp_path / "paper.md"
        assert main([str(src), "-o", str(out)]) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_full_disk_while_writing(src, tmp_path, monkeypatch, capsys):
    out = tmp_path / "paper.md"
    out.write_text("old output\n")
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cli.os, "fdopen", lambda fd, *args, **kwargs: Full(real_fdopen(fd, *args, **kwargs)))
    assert main([str(src), "-o", str(out), "--force"]) == 1
    assert error_lines(capsys.readouterr().err) == [
        f"reflow: error: {src}: cannot write {out}: No space left on device"]
    assert out.read_text() == "old output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.md", "paper.txt"]


def test_no_room_for_the_temporary_file(src, tmp_path, monkeypatch, capsys):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(batch.tempfile, "mkstemp", full)
    out = tmp_path / "paper.md"
    assert main([str(src), "-o", str(out)]) == 1
    assert error_lines(capsys.readouterr().err) == [
        f"reflow: error: {src}: cannot write {out}: No space left on device"]
    assert not out.exists()


def test_read_only_folder(src, tmp_path, monkeypatch, capsys):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(batch.tempfile, "mkstemp", denied)
    out = tmp_path / "paper.md"
    assert main([str(src), "-o", str(out)]) == 1
    assert error_lines(capsys.readouterr().err) == [f"reflow: error: {src}: cannot write {out}: permission denied"]


def test_interrupt_while_writing_leaves_old_output_and_no_temp(src, tmp_path, monkeypatch, capsys):
    out = tmp_path / "paper.md"
    out.write_text("old output\n")

    def interrupted(tmp, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.os, "replace", interrupted)
    assert main([str(src), "-o", str(out), "--force"]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert out.read_text() == "old output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.md", "paper.txt"]


def test_atomic_write_syncs_before_rename(src, tmp_path, monkeypatch, capsys):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(cli.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(cli.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    assert main([str(src), "-o", str(tmp_path / "paper.md")]) == 0
    assert calls[:2] == ["fsync", "replace"]


# ------------------------------------------------------------------ real file-system errors, named


def test_output_parent_is_a_file(src, tmp_path, capsys):
    out = tmp_path / "paper.txt" / "x.md"
    assert main([str(src), "-o", str(out)]) == 1
    [line] = error_lines(capsys.readouterr().err)
    assert line.startswith(f"reflow: error: {src}: cannot write {out}: ")
    assert "Not a directory" in line


def test_output_name_too_long(src, tmp_path, capsys):
    out = tmp_path / ("x" * 300 + ".md")
    assert main([str(src), "-o", str(out)]) == 1
    [line] = error_lines(capsys.readouterr().err)
    assert line.startswith(f"reflow: error: {src}: cannot write {out}: ") and "too long" in line


def test_output_is_a_directory(src, tmp_path, capsys):
    folder = tmp_path / "paper.md"
    folder.mkdir()
    assert main([str(src), "-o", str(folder), "--force"]) == 1
    assert error_lines(capsys.readouterr().err) == [f"reflow: error: {src}: output {folder} is a directory"]


def test_out_dir_that_cannot_be_created(src, tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    out_dir = blocker / "out"
    other = tmp_path / "other.txt"
    other.write_text("Another text.\n")
    assert main([str(src), str(other), "--out-dir", str(out_dir)]) == 1
    lines = error_lines(capsys.readouterr().err)
    assert len(lines) == 2  # each input reported, the batch went on
    assert all(f"cannot write {out_dir}" in ln for ln in lines)


def test_input_is_a_device_or_empty(tmp_path, capsys):
    assert main([os.devnull]) == 0
    assert capsys.readouterr() == ("", "")


def test_unicode_and_spaces_in_names(tmp_path, capsys):
    src = tmp_path / "Über die Größe.txt"
    src.write_text(TEXT, encoding="utf-8")
    out_dir = tmp_path / "out put"
    assert main([str(src), "--out-dir", str(out_dir), "-q"]) == 0
    assert (out_dir / "Über die Größe.md").read_text(encoding="utf-8") == MD


def test_batch_reports_every_bad_file_and_writes_the_rest(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    (out).mkdir()
    (out / "taken.md").write_text("keep me")
    taken = tmp_path / "taken.txt"
    taken.write_text("Would replace an existing output.\n")
    assert main([str(binary), str(good), str(missing), str(taken), "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert len(error_lines(err)) == 3
    assert (out / "good.md").read_text() == MD
    assert (out / "taken.md").read_text() == "keep me"
    # The summary names the failed files again, in the order they were given.
    assert err.rstrip().splitlines()[-4:] == [
        f"reflow: wrote 1 file(s) to {out}, 3 failed:",
        f"  {binary}: looks like a PNG image, not text: run OCR on it first (e.g. tesseract FILE -)",
        f"  {missing}: no such file",
        f"  {taken}: output {out / 'taken.md'} already exists (use --force to overwrite it)"]


def test_batch_summary_names_the_failed_files(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4\n")
    assert main([str(bad), str(good), "--out-dir", str(tmp_path / "out")]) == 1
    tail = capsys.readouterr().err.rstrip().splitlines()[-1]
    assert str(bad) in tail


def test_broken_pipe_is_quiet(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("A line of text that goes on.\n\n" * 20000)
    proc = subprocess.Popen([sys.executable, "-m", "reflow", str(big)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert b"Traceback" not in err
    assert proc.returncode in (0, 1)
