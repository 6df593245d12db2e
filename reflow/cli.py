"""The ``reflow`` command: repair text files and write Markdown (or JSON, or text).

Exit status: 0 when every input was repaired and written; 1 when an input or
output failed (missing, unreadable, binary, undecodable, a refused overwrite);
2 for a usage error (bad options, unknown cleaner, several inputs without
``--out-dir``). In a batch, a failing file is reported and the others are still
processed; the status is 1 if any failed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import textwrap
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from . import FORMATS, NAMES, PIPELINE, __version__, run, select
from .decode import decode
from .errors import ReflowError

OK, FAILED, USAGE = 0, 1, 2
SUFFIXES = {"markdown": ".md", "json": ".json", "text": ".txt"}
STDIN = "-"


class UsageError(Exception):
    """A problem with the command line itself (exit status 2)."""


class InputFailed(Exception):
    """One input or output failed; the message is printed after ``reflow: error:``."""


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


def _warn(message: str) -> None:
    print(f"reflow: warning: {message}", file=sys.stderr, flush=True)


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

    if args.out_dir.exists() and not args.out_dir.is_dir():
        raise UsageError(f"--out-dir {args.out_dir} exists and is not a directory")
    suffix = SUFFIXES[args.format]
    jobs: list[Job] = []
    seen: set[str] = set()

    def add(source: str, label: str, relative: Path) -> None:
        key = source if source == STDIN else os.path.realpath(source)
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
                           and not (nested and _inside(os.path.realpath(p), out_dir)))
            if not found:
                failures.append(f"{item}: directory has no *.txt files")
            for path in found:
                add(str(path), str(path), path.relative_to(item))
        else:
            add(item, item, Path(Path(item).name))
    return jobs


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _read(job: Job) -> bytes:
    if job.source == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    try:
        with open(job.source, "rb") as fh:
            return fh.read()
    except OSError as exc:
        why, known = _why(exc, missing="no such file")
        raise InputFailed(f"{job.label}: {why}" if known else f"{job.label}: cannot read: {why}") from None


def _why(exc: OSError, missing: str) -> tuple[str, bool]:
    """A plain reason for a failed read or write, and whether it is one we name."""
    if isinstance(exc, FileNotFoundError):
        return missing, True
    if isinstance(exc, PermissionError):
        return "permission denied", True
    if isinstance(exc, IsADirectoryError):
        return "is a directory", True
    return str(exc.strerror or exc), False


def _same_file(a: Path, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _check_target(job: Job, inputs: list[str], force: bool, written: set[str]) -> None:
    target = job.target
    if target is None:
        return
    for source in inputs:
        if source != STDIN and _same_file(target, source):
            raise InputFailed(f"{job.label}: refusing to overwrite the input file {target}")
    if os.path.realpath(target) in written:
        raise InputFailed(f"{job.label}: output {target} was already written by another input "
                          f"with the same name; not overwriting it")
    if target.is_dir():
        raise InputFailed(f"{job.label}: output {target} is a directory")
    if target.exists() and not force:
        raise InputFailed(f"{job.label}: output {target} already exists (use --force to overwrite it)")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` via a temporary file in the same
    folder and ``os.replace``, so a reader never sees a half-written file."""
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write(job: Job, text: str, make_dirs: bool) -> None:
    if job.target is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            stream.write(text.encode("utf-8"))
            stream.flush()
        return
    try:
        if make_dirs:
            job.target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(job.target, text)
    except OSError as exc:
        why, _ = _why(exc, missing="no such directory")
        raise InputFailed(f"{job.label}: cannot write {job.target}: {why}") from None


def _process(job: Job, args: argparse.Namespace, only: list[str], skip: list[str],
             batch: bool) -> None:
    try:
        decoded = decode(_read(job))
    except ReflowError as exc:
        raise InputFailed(f"{job.label}: {exc}") from None
    explain = args.explain
    result = run(decoded.text, only=only, skip=skip, explain=explain, notes=decoded.notes)
    doc = result.document
    output = FORMATS[args.format](doc)
    if explain and args.format == "json":
        data = json.loads(output)
        data["trace"] = [asdict(step) for step in result.trace]
        output = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    output = output.replace("\r\n", "\n").replace("\r", "\n")
    if explain:
        lines = [f"== {job.label} =="] if batch else []
        lines += [str(step) for step in result.trace] or ["(no changes)"]
        lines += [f"note: {note}" for note in doc.notes]
        print("\n".join(lines), file=sys.stderr, flush=True)
    elif not args.quiet:
        for note in doc.notes:
            _warn(f"{job.label}: {note}")
    _write(job, output, make_dirs=batch)


# ---------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (never raises SystemExit)."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
        only, skip = _names(args.only), _names(args.skip)
        try:
            select(only, skip)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
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
    progress = batch and len(jobs) > 1 and not args.quiet and _stderr_is_tty()
    inputs = [job.source for job in jobs] + [i for i in args.inputs if i != STDIN]
    written: set[str] = set()
    failed = len(failures)
    try:
        for n, job in enumerate(jobs, 1):
            if progress:
                print(f"[{n}/{len(jobs)}] {job.label}", file=sys.stderr, flush=True)
            try:
                _check_target(job, inputs, args.force, written)
                _process(job, args, only, skip, batch)
            except InputFailed as exc:
                _error(str(exc))
                failed += 1
                continue
            if job.target is not None:
                written.add(os.path.realpath(job.target))
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # e.g. `reflow FILE | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return FAILED
    if batch and not args.quiet and len(jobs) + len(failures) > 1:
        done = len(written)
        tail = f", {failed} failed" if failed else ""
        print(f"reflow: wrote {done} file(s) to {args.out_dir}{tail}", file=sys.stderr, flush=True)
    return FAILED if failed else OK
