"""Text in, Document out: split pages on form feeds and number every line.

>>> [(ln.text, ln.page, ln.origin, ln.indent) for ln in read_text("a\\n  b\\fc").lines]
[('a', 1, (1,), 0), ('b', 1, (2,), 2), ('c', 2, (2,), 0)]
"""
from __future__ import annotations

from .model import Document, Line


def _indent(raw: str) -> int:
    n = 0
    for ch in raw:
        if ch == " ":
            n += 1
        elif ch == "\t":
            n += 4
        elif ch.isspace():
            n += 1
        else:
            break
    return n


def read_text(text: str, notes: tuple[str, ...] = ()) -> Document:
    """Build the line-stage Document.

    A form feed starts a new page; the text after it stays on the same input
    line (pdftotext writes ``\\f`` at the start of a page's first line).
    Line ends ``\\r\\n`` and ``\\r`` count as ``\\n``.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    page = 1
    for number, raw in enumerate(text.split("\n"), 1):
        if "\f" in raw:
            *before, raw = raw.split("\f")
            for piece in before:  # text before a form feed stays on the old page
                if piece.strip():
                    lines.append(Line(piece.strip(), page, (number,), _indent(piece)))
                page += 1
        indent = _indent(raw) if raw[:1].isspace() else 0
        lines.append(Line(raw.strip(), page, (number,), indent))
    if lines and lines[-1].blank and text.endswith("\n"):
        lines.pop()  # the final newline does not make an extra line
    return Document(lines=tuple(lines), notes=notes)
