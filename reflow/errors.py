"""Errors reflow reports to its user.

Every error raised because of the *input* (not because of a bug) is a
``ReflowError``; its message is one clear line that the command line prints
after ``reflow: error: FILE:``.
"""
from __future__ import annotations


class ReflowError(Exception):
    """Base class for problems with the input that reflow reports and skips."""


class BinaryInputError(ReflowError):
    """The input is not text: a PDF, an image, an archive, an executable, ...

    ``kind`` names what it looks like (``"PDF"``, ``"PNG"``, ``"binary"``, ...).
    """

    def __init__(self, message: str, kind: str = "binary") -> None:
        super().__init__(message)
        self.kind = kind


class UndecodableInputError(ReflowError):
    """The input claims an encoding (a byte order mark) but is not valid in it."""
