"""One file's work, shared by the command line (one process or several) and
the Dask helpers: read bytes, decode, repair, render, write atomically.

Everything here is a plain module-level function of picklable arguments, so
a worker process (``concurrent.futures``, Dask) can run it. ``convert`` is
pure: text in, output text out. ``process`` does one file end to end and
never raises for a problem with that file: it returns an ``Outcome`` whose
``error`` says what went wrong, so a batch reports it and goes on.

>>> convert("The recog-\\nnition rate was\\nhigh.").output
'The recognition rate was high.\\n'
>>> convert("Some text.", Options(format="text")).output
'Some text.\\n'
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import FORMATS, run
from .decode import decode
from .errors import ReflowError

STDIN = "-"


@dataclass(frozen=True)
class Options:
    """How to repair and render: the output format, the cleaners to run or
    skip, and whether to record the trace (``--explain``)."""

    format: str = "markdown"
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    explain: bool = False


@dataclass(frozen=True)
class Converted:
    output: str                       # the rendered document, \n line ends
    trace: tuple[str, ...] = ()       # one line per recorded change (explain)
    notes: tuple[str, ...] = ()       # notes about reading the input


@dataclass(frozen=True)
class Outcome:
    """What became of one input. ``error`` is None on success; ``output`` holds
    the text when it was not written to a file (``target`` None: stdout)."""

    label: str
    target: str | None = None
    error: str | None = None
    output: str | None = None
    trace: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    size: int = 0                     # input bytes
    repaired: bool = False            # the text was read and repaired (trace valid)


def convert(text: str, options: Options = Options(), notes: tuple[str, ...] = ()) -> Converted:
    """Repair ``text`` and render it in ``options.format``; pure."""
    result = run(text, only=options.only, skip=options.skip, explain=options.explain, notes=notes)
    doc = result.document
    output = FORMATS[options.format](doc)
    if options.explain and options.format == "json":
        data = json.loads(output)
        data["trace"] = [asdict(step) for step in result.trace]
        output = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    output = output.replace("\r\n", "\n").replace("\r", "\n")
    trace = tuple(str(step) for step in result.trace) if options.explain else ()
    return Converted(output, trace, doc.notes)


# ------------------------------------------------------------------ reading and writing


def why(exc: OSError, missing: str) -> tuple[str, bool]:
    """A plain reason for a failed read or write, and whether it is one we name."""
    if isinstance(exc, FileNotFoundError):
        return missing, True
    if isinstance(exc, PermissionError):
        return "permission denied", True
    if isinstance(exc, IsADirectoryError):
        return "is a directory", True
    return str(exc.strerror or exc), False


class Failed(Exception):
    """One input or output failed; the message names the input."""


def read_bytes(source: str, label: str) -> bytes:
    """The bytes of a file (or of stdin for ``-``); ``Failed`` with a plain reason."""
    if source == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    try:
        with open(source, "rb", buffering=0) as fh:  # one read, no buffer, no tty probe
            return fh.readall()
    except OSError as exc:
        reason, known = why(exc, missing="no such file")
        raise Failed(f"{label}: {reason}" if known else f"{label}: cannot read: {reason}") from None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` via a temporary file in the same
    folder and ``os.replace``, so a reader never sees a half-written file.
    An existing output keeps its permissions; a new one gets the umask's."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:  # a new file: what open() would give it under the umask
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 16) as fh:  # a size: no tty probe
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())  # the data is on disk before the name points at it
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_file(target: Path, text: str, label: str, make_dirs: bool) -> None:
    """``write_atomic``, creating the target's folders when ``make_dirs`` and
    they are missing (tried only then: most outputs go to a folder that exists)."""
    try:
        try:
            write_atomic(target, text)
        except FileNotFoundError:
            if not make_dirs:
                raise
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text)
    except OSError as exc:
        reason, _ = why(exc, missing="no such directory")
        raise Failed(f"{label}: cannot write {target}: {reason}") from None


# ------------------------------------------------------------------ one file


def process(source: str, label: str, target: str | None, options: Options = Options(), *,
            data: bytes | None = None, make_dirs: bool = False, catch_bugs: bool = False) -> Outcome:
    """Read ``source`` (or use ``data``), repair it, and write it to ``target``
    (or return the text in ``Outcome.output`` when ``target`` is None).

    A problem with the input or the output is returned as ``Outcome.error``.
    With ``catch_bugs`` (batches) an unexpected exception is returned the same
    way, so one odd file does not stop a corpus run.
    """
    size = 0
    try:
        if data is None:
            data = read_bytes(source, label)
        size = len(data)
        try:
            decoded = decode(data)
        except ReflowError as exc:
            raise Failed(f"{label}: {exc}") from None
        del data
        converted = convert(decoded.text, options, decoded.notes)
        del decoded
        done = Outcome(label, target, None, None, converted.trace, converted.notes, size, True)
        if target is None:
            return replace(done, output=converted.output)
        try:
            write_file(Path(target), converted.output, label, make_dirs)
        except Failed as exc:
            return replace(done, error=str(exc))
        return done
    except Failed as exc:
        return Outcome(label, target, str(exc), size=size)
    except Exception as exc:  # noqa: BLE001 - a bug must not stop a batch
        if not catch_bugs:
            raise
        return Outcome(label, target, f"{label}: internal error ({type(exc).__name__}: {exc}); "
                                      f"please report it", size=size)


def process_many(tasks: list[tuple[str, str, str | None, bytes | None]], options: Options = Options(), *,
                 make_dirs: bool = True, catch_bugs: bool = True) -> list[Outcome]:
    """``process`` over several files in one call: how a worker process takes
    small files by the handful, so the cost of handing work to it is paid once
    per handful. Each task is ``(source, label, target, data)``."""
    return [process(source, label, target, options, data=data, make_dirs=make_dirs,
                    catch_bugs=catch_bugs) for source, label, target, data in tasks]
