"""The ``reflow`` command: repair text files and write Markdown (or JSON, or text).

Exit status: 0 when every input was repaired and written; 1 when an input or
output failed (missing, unreadable, binary, undecodable, a refused overwrite);
2 for a usage error (bad options, unknown cleaner, several inputs without
``--out-dir``). In a batch, a failing file is reported and the others are still
processed; the summary at the end names the failed files again, and the status
is 1 if any failed.

Batches (``--out-dir``) can run in several processes (``--jobs N``); the work
for one file lives in ``reflow.batch``, shared with the Dask helpers. On a
terminal a progress bar is drawn on stderr (not with ``--quiet``).
"""
from __future__ import annotations

import argparse
import errno
import os
import re
import shutil
import signal
import stat
import sys
import textwrap
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import FORMATS, NAMES, PIPELINE, __version__, select
from . import batch as _batch
from .batch import STDIN, Failed, Options, Outcome

OK, FAILED, USAGE = 0, 1, 2
SUFFIXES = {"markdown": ".md", "json": ".json", "text": ".txt"}


class UsageError(Exception):
    """A problem with the command line itself (exit status 2)."""


# --------------------------------------------------------------------- parser


def _summary(cleaner) -> str:
    """The first sentence of a cleaner's docstring (its first line if that is
    a whole sentence)."""
    doc = (cleaner.__doc__ or "").strip()
    paragraph = " ".join(doc.split("\n\n", 1)[0].split())
    sentence = re.match(r".+?[.!?](?=\s|$)", paragraph)
    return sentence.group() if sentence else paragraph


def _cleaner_list() -> str:
    width = max((len(n) for n in NAMES), default=0)
    rows = []
    for name, cleaner in PIPELINE:
        lines = textwrap.wrap(_summary(cleaner), 76 - width) or [""]
        rows.append(f"  {name:<{width}}  {lines[0]}".rstrip())
        rows += [f"  {'':<{width}}  {line}" for line in lines[1:]]
    return "\n".join(rows)


DESCRIPTION = """\
Repair the broken plain text that PDF extractors, OCR engines and scrapers
leave behind (mojibake, page numbers and running headers, words hyphenated
across lines, hard-wrapped paragraphs, lost headings) and write clean Markdown.

Input is read as bytes: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or
UTF-16 without one are decoded as such; anything else that is not valid UTF-8
is read as cp1252 (or latin-1) with a warning. PDF, images, archives and other
binary files are refused: extract their text first (e.g. pdftotext)."""


def _epilog() -> str:
    return f"""\
examples:
  reflow paper.txt                    print Markdown to stdout
  pdftotext paper.pdf - | reflow -    read stdin
  reflow paper.txt -o paper.md        write a file (refuses to replace one without --force)
  reflow a.txt b.txt --out-dir md/    one .md per input, named after the input
  reflow texts/ --out-dir md/         every *.txt under texts/, subfolders mirrored
  reflow texts/ --out-dir md/ -j 0    the same, one process per CPU
  reflow paper.txt --explain          show what each cleaner changed (on stderr)
  reflow paper.txt --format json      blocks with kind, text and input lines
  reflow paper.txt --skip detect_headings,strip_page_furniture

cleaners, in the order they run (for --only and --skip):
{_cleaner_list()}

--explain prints one line per change to stderr (cleaner, page and input
lines, before -> after), then any notes about reading the input; stdout stays
the document. With --format json the trace is also put in the JSON under
"trace" (a list of objects with cleaner, lines, page, before, after, note).

Outputs are written as UTF-8 with \\n line ends, atomically (a temporary file
in the same folder, then renamed). An input file is never overwritten. An
existing output file (-o or in --out-dir) is only replaced with --force.

With --out-dir, --jobs N repairs N files at a time in N processes; on a
terminal a progress bar shows files, megabytes and speed (not with --quiet).

exit status: 0 success, 1 an input or output failed (the rest of a batch is
still processed), 2 usage error."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not the usage block
        raise UsageError(f"{message} (see 'reflow --help')")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reflow", description=DESCRIPTION, epilog=_epilog(),
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="*", metavar="FILE",
                   help="text file(s) to repair, a directory (its *.txt files, recursively; "
                        "needs --out-dir), or - for stdin")
    out = p.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="OUT",
                     help="write to OUT instead of stdout (one input only; - means stdout)")
    out.add_argument("--out-dir", metavar="DIR", type=Path,
                     help="write one file per input into DIR (created if needed), named after "
                          "the input with .md (.json, .txt for other formats)")
    out.add_argument("-f", "--format", choices=sorted(FORMATS), default="markdown",
                     help="output format (default: markdown)")
    out.add_argument("--force", action="store_true",
                     help="replace existing output files (never an input file)")
    cl = p.add_argument_group("cleaners")
    cl.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="run only these cleaners (repeatable, or comma-separated)")
    cl.add_argument("--skip", action="append", default=[], metavar="NAME",
                    help="do not run these cleaners (repeatable, or comma-separated)")
    info = p.add_argument_group("information")
    info.add_argument("--explain", action="store_true",
                      help="print what each cleaner changed to stderr")
    info.add_argument("-q", "--quiet", action="store_true",
                      help="no warnings or progress on stderr (errors are still printed)")
    run_ = p.add_argument_group("batches")
    run_.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                      help="with --out-dir: repair N files at a time in N processes "
                           "(0: one per CPU; default 1)")
    info.add_argument("--version", action="version", version=f"reflow {__version__}")
    return p


def _names(values: Sequence[str]) -> list[str]:
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


# ---------------------------------------------------------------------- jobs


@dataclass
class Job:
    """One input and where its output goes (``None``: stdout)."""

    source: str           # a path, or "-" for stdin
    label: str            # how messages name it
    target: Path | None


def _error(message: str) -> None:
    print(f"reflow: error: {message}", file=sys.stderr, flush=True)


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _plan(args: argparse.Namespace, failures: list[str]) -> list[Job]:
    """Turn the command line into jobs. Usage problems raise ``UsageError``;
    inputs that are missing are recorded in ``failures`` (reported later)."""
    inputs = args.inputs
    if not inputs:
        raise UsageError("no input: give a FILE, a directory, or - for stdin (see 'reflow --help')")
    if args.output is not None and args.out_dir is not None:
        raise UsageError("-o and --out-dir cannot be used together")
    if inputs.count(STDIN) > 1:
        raise UsageError("stdin (-) can be read only once")
    directories = [i for i in inputs if i != STDIN and os.path.isdir(i)]
    if args.out_dir is None:
        if directories:
            opt = "-o writes one file; " if args.output is not None else ""
            raise UsageError(f"{directories[0]} is a directory: {opt}use --out-dir DIR to write "
                             f"one file per *.txt in it")
        if len(inputs) > 1:
            if args.output is not None:
                raise UsageError(f"-o writes one file but {len(inputs)} inputs were given: use --out-dir DIR")
            raise UsageError(f"{len(inputs)} inputs were given: use --out-dir DIR to write one file per input")
        target = None if args.output in (None, STDIN) else Path(args.output)
        return [Job(inputs[0], inputs[0] if inputs[0] != STDIN else "<stdin>", target)]

    try:
        not_a_dir = args.out_dir.exists() and not args.out_dir.is_dir()
    except OSError as exc:  # e.g. a name too long for the file system
        raise UsageError(f"--out-dir {args.out_dir}: {exc.strerror or exc}") from None
    if not_a_dir:
        raise UsageError(f"--out-dir {args.out_dir} exists and is not a directory")
    suffix = SUFFIXES[args.format]
    jobs: list[Job] = []
    seen: set[str] = set()

    def add(source: str, label: str, relative: Path) -> None:
        key = source if source == STDIN else _realpath(source)
        if key in seen:
            return  # the same file named twice
        seen.add(key)
        jobs.append(Job(source, label, args.out_dir / relative.with_suffix(suffix)))

    for item in inputs:
        if item == STDIN:
            add(STDIN, "<stdin>", Path("stdin"))
        elif os.path.isdir(item):
            # An out-dir below the input folder holds earlier outputs, not inputs.
            out_dir = os.path.realpath(args.out_dir)
            nested = out_dir != os.path.realpath(item)
            found = sorted(p for p in Path(item).rglob("*.txt") if p.is_file()
                           and not (nested and _inside(_realpath(p), out_dir)))
            if not found:
                failures.append(f"{item}: directory has no *.txt files")
            for path in found:
                add(str(path), str(path), path.relative_to(item))
        else:
            add(item, item, Path(Path(item).name))
    return jobs


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


_REAL_FOLDERS: dict[str, str] = {}  # emptied by main() at the start of every run


def _realpath(path: str | Path) -> str:
    """``os.path.realpath`` with each folder resolved once per run, so a batch
    of n files in one folder costs n ``lstat`` calls, not n per path component.
    Exact: ``realpath(folder/name)`` is ``realpath(folder)/name`` whenever
    ``name`` is not a link (and not ``.`` or ``..``)."""
    path = os.fspath(path)
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real = _REAL_FOLDERS.get(folder)
    if real is None:
        real = _REAL_FOLDERS[folder] = os.path.realpath(folder or os.curdir)
    return os.path.join(real, name)


class _Inputs:
    """The input files, to tell whether an output path is one of them: by
    device and inode when both exist (hard links, symlinks, ``./a`` vs ``a``),
    else by real path. Built once, so a batch of n files costs n look-ups,
    not n × n comparisons."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.ids: set[tuple[int, int]] = set()
        self.missing: set[str] = set()
        for source in sources:
            if source == STDIN:
                continue
            try:
                st = os.stat(source)
            except OSError:
                self.missing.add(_realpath(source))
            else:
                self.ids.add((st.st_dev, st.st_ino))

    def holds(self, real: str, st: os.stat_result | None) -> bool:
        """Whether the path whose real path is ``real`` and whose ``os.stat``
        is ``st`` (None when it has none) is one of the inputs."""
        if st is None:
            return real in self.missing
        return (st.st_dev, st.st_ino) in self.ids


# What makes a path simply absent (as ``Path.exists`` counts it); any other
# error from ``os.stat`` means the path cannot be written.
_ABSENT = {errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP}


def _check_target(job: Job, real: str, inputs: _Inputs, force: bool, written: set[str]) -> None:
    """Refuse to write ``job.target`` (real path ``real``) over an input, an
    output of this run, a directory, or an existing file without ``force``."""
    target = job.target
    try:
        st: os.stat_result | None = os.stat(target)
    except OSError as exc:
        if exc.errno not in _ABSENT:  # e.g. a name too long for the file system
            reason, _ = _batch.why(exc, missing="no such directory")
            raise Failed(f"{job.label}: cannot write {target}: {reason}") from None
        st = None
    if inputs.holds(real, st):
        raise Failed(f"{job.label}: refusing to overwrite the input file {target}")
    if real in written:
        raise Failed(f"{job.label}: output {target} was already written by another input "
                          f"with the same name; not overwriting it")
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise Failed(f"{job.label}: output {target} is a directory")
    if st is not None and not force:
        raise Failed(f"{job.label}: output {target} already exists (use --force to overwrite it)")


def _write_stdout(text: str) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        sys.stdout.flush()
        stream.write(text.encode("utf-8"))
        stream.flush()


# ------------------------------------------------------------------ progress


class Progress:
    """A one-line progress bar on stderr, redrawn in place at most ten times a
    second: files and megabytes done, speed, time left. Messages printed while
    it is shown go through ``say`` so that they do not mix with it."""

    WIDTH = 24

    def __init__(self, files: int, total_bytes: int, stream=None) -> None:
        self.files, self.total = files, total_bytes
        self.done = self.done_bytes = self.failed = 0
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.drawn = 0.0
        self.shown = False

    def advance(self, size: int, failed: bool = False) -> None:
        self.done += 1
        self.done_bytes += size
        self.failed += failed
        self.draw(force=self.done == self.files)

    def line(self) -> str:
        share = self.done_bytes / self.total if self.total else self.done / max(1, self.files)
        filled = min(self.WIDTH, int(share * self.WIDTH))
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = self.done_bytes / elapsed / 1e6
        text = (f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {self.done}/{self.files} files, "
                f"{self.done_bytes / 1e6:.1f}/{self.total / 1e6:.1f} MB, {rate:.2f} MB/s")
        if self.failed:
            text += f", {self.failed} failed"
        if 0 < self.done_bytes < self.total:
            left = int(elapsed * (self.total - self.done_bytes) / self.done_bytes)
            text += f", {left // 60}:{left % 60:02d} left"
        width = shutil.get_terminal_size((80, 24)).columns - 1
        return text[:width]

    def draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.drawn < 0.1:
            return
        self.drawn = now
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def say(self, text: str) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
        print(text, file=self.stream, flush=True)
        if self.shown:
            self.draw(force=True)

    def close(self) -> None:
        if self.shown:
            self.draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


def _say(bar: Progress | None, text: str) -> None:
    if bar is not None:
        bar.say(text)
    else:
        print(text, file=sys.stderr, flush=True)


def _size(job: Job) -> int:
    if job.source == STDIN:
        return 0
    try:
        return os.path.getsize(job.source)
    except OSError:
        return 0


# ------------------------------------------------------------------ running jobs


def _ignore_sigint() -> None:
    """Worker processes leave Ctrl-C to the main process, which stops the batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Batch:
    """Runs the jobs, in this process or in ``workers`` processes, and reports
    each outcome as it arrives: errors, warnings, the --explain trace, the
    progress bar. Checks that depend on earlier outputs (the same output name
    twice) are made in order: a job waits while another one writes its target.
    The error messages are kept, for the summary at the end of a batch."""

    def __init__(self, jobs: list[Job], args: argparse.Namespace, options: Options,
                 inputs: _Inputs, bar: Progress | None) -> None:
        self.jobs, self.args, self.options, self.inputs, self.bar = jobs, args, options, inputs, bar
        self.batch = args.out_dir is not None
        self.written: set[str] = set()
        self.order = {id(job): n for n, job in enumerate(jobs)}
        # Each output's real path, resolved once: what "the same output twice" compares.
        self.real = {id(job): _realpath(job.target) for job in jobs if job.target is not None}
        self.failures: list[tuple[int, str]] = []  # (job's place, message)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def failure_messages(self) -> list[str]:
        """The error messages in the order of the jobs (workers finish in any order)."""
        return [message for _, message in sorted(self.failures)]

    def _checked(self, job: Job) -> bool:
        try:
            if job.target is not None:
                _check_target(job, self.real[id(job)], self.inputs, self.args.force, self.written)
        except Failed as exc:
            self._failed(job, str(exc), _size(job))
            return False
        return True

    def _failed(self, job: Job, message: str, size: int) -> None:
        _say(self.bar, f"reflow: error: {message}")
        self.failures.append((self.order[id(job)], message))
        if self.bar is not None:
            self.bar.advance(size, failed=True)

    def report(self, job: Job, outcome: Outcome) -> None:
        if self.options.explain:
            lines = [f"== {job.label} =="] if self.batch else []
            lines += list(outcome.trace) or ["(no changes)"]
            lines += [f"note: {note}" for note in outcome.notes]
            if outcome.repaired:  # not when the input could not be read
                _say(self.bar, "\n".join(lines))
        elif not self.args.quiet:
            for note in outcome.notes:
                _say(self.bar, f"reflow: warning: {job.label}: {note}")
        if outcome.error is not None:
            self._failed(job, outcome.error, outcome.size or _size(job))
            return
        if outcome.output is not None:
            _write_stdout(outcome.output)
        if job.target is not None:
            self.written.add(self.real[id(job)])
        if self.bar is not None:
            self.bar.advance(outcome.size)

    def _call(self, job: Job, data: bytes | None = None) -> Outcome:
        target = None if job.target is None else str(job.target)
        return _batch.process(job.source, job.label, target, self.options, data=data,
                              make_dirs=self.batch, catch_bugs=self.batch)

    def run_here(self) -> None:
        for job in self.jobs:
            if self._checked(job):
                self.report(job, self._call(job))

    # Files are handed to the workers by the handful (up to this many bytes or
    # files), so that the cost of a hand-over is small next to the work.
    CHUNK_BYTES = 256_000
    CHUNK_FILES = 32

    def run_parallel(self, workers: int) -> None:
        pending = deque(self.jobs)
        running: dict = {}          # future -> the jobs it holds
        busy: set[str] = set()      # targets being written
        sizes = {id(job): _size(job) for job in self.jobs}
        # At least four handfuls per worker, so that every worker gets work and
        # none is left alone with a long tail.
        share = 4 * workers
        most_files = max(1, min(self.CHUNK_FILES, len(self.jobs) // share))
        most_bytes = max(1, min(self.CHUNK_BYTES, sum(sizes.values()) // share))
        pool = ProcessPoolExecutor(workers, initializer=_ignore_sigint)
        broken = False
        try:
            while pending or running:
                held: list[Job] = []
                chunk: list[Job] = []
                tasks: list[tuple] = []
                size = 0
                while pending and not broken and len(running) < 2 * workers:
                    job = pending.popleft()
                    key = self.real[id(job)]
                    if key in busy:
                        held.append(job)
                        continue
                    if not self._checked(job):
                        continue
                    data = None
                    if job.source == STDIN:
                        try:
                            data = _batch.read_bytes(STDIN, job.label)
                        except Failed as exc:
                            self._failed(job, str(exc), 0)
                            continue
                    busy.add(key)
                    chunk.append(job)
                    tasks.append((job.source, job.label, str(job.target), data))
                    size += sizes[id(job)]
                    if size >= most_bytes or len(chunk) >= most_files or not pending:
                        future = pool.submit(_batch.process_many, tasks, self.options)
                        running[future] = chunk
                        chunk, tasks, size = [], [], 0
                if chunk:  # held back jobs or a full pool ended the handful early
                    running[pool.submit(_batch.process_many, tasks, self.options)] = chunk
                pending.extendleft(reversed(held))
                if not running:
                    if broken:  # every job of the broken pool is reported: start afresh
                        pool.shutdown(wait=True)
                        pool = ProcessPoolExecutor(workers, initializer=_ignore_sigint)
                        broken = False
                    continue
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    jobs = running.pop(future)
                    busy.difference_update(self.real[id(job)] for job in jobs)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        broken = True
                        outcomes = [Outcome(job.label, str(job.target),
                                            f"{job.label}: the worker process died while repairing "
                                            f"it or a file handed over with it (out of memory?)")
                                    for job in jobs]
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that does not pickle
                        outcomes = [Outcome(job.label, str(job.target),
                                            f"{job.label}: internal error ({type(exc).__name__}: "
                                            f"{exc}); please report it") for job in jobs]
                    for job, outcome in zip(jobs, outcomes):
                        self.report(job, outcome)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)


def _workers(requested: int, jobs: int) -> int:
    """``--jobs 0`` means one per CPU; never more processes than files."""
    n = requested or os.cpu_count() or 1
    return max(1, min(n, jobs))


# ---------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (never raises SystemExit)."""
    parser = build_parser()
    _REAL_FOLDERS.clear()  # folders may have changed since an earlier call
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
        only, skip = _names(args.only), _names(args.skip)
        try:
            select(only, skip)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if args.jobs < 0:
            raise UsageError(f"--jobs must be 0 (one per CPU) or more, not {args.jobs}")
        failures: list[str] = []
        jobs = _plan(args, failures)
    except UsageError as exc:
        _error(str(exc))
        return USAGE
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else OK

    for message in failures:
        _error(message)
    batch = args.out_dir is not None
    options = Options(args.format, tuple(only), tuple(skip), args.explain)
    bar = None
    if batch and len(jobs) > 1 and not args.quiet and _stderr_is_tty():
        bar = Progress(len(jobs), sum(_size(job) for job in jobs))
    inputs = _Inputs([job.source for job in jobs] + [i for i in args.inputs if i != STDIN])
    runner = _Batch(jobs, args, options, inputs, bar)
    workers = _workers(args.jobs, len(jobs)) if batch else 1
    try:
        if workers > 1:
            runner.run_parallel(workers)
        else:
            runner.run_here()
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
        _error("interrupted")
        return 130
    except BrokenPipeError:  # e.g. `reflow FILE | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return FAILED
    if bar is not None:
        bar.close()
    failed = runner.failed + len(failures)
    if batch and not args.quiet and len(jobs) + len(failures) > 1:
        # The failed files again, each with its reason: in a long batch their
        # error lines have scrolled away.
        tail = f", {failed} failed:" if failed else ""
        lines = [f"reflow: wrote {len(runner.written)} file(s) to {args.out_dir}{tail}"]
        lines += [f"  {message}" for message in failures + runner.failure_messages()]
        print("\n".join(lines), file=sys.stderr, flush=True)
    return FAILED if failed else OK
