"""Two columns printed side by side on each line (``pdftotext -layout``):
split them and read the left column before the right one.

Before::

    The samples were kept cold           the second group was kept at room
    until the end of the trial, and      temperature for a week.

After::

    The samples were kept cold
    until the end of the trial, and
    the second group was kept at room
    temperature for a week.

A page region is two-column when many consecutive lines have a gap of two or
more spaces that ends at the same position (the gutter), with prose on both
sides. Lines that break the pattern (a table row with gaps elsewhere, a caption
across the page) end the region and stay as they are, so tables and
single-column text are never split.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import regex

from ..model import Document, Line

# Where text resumes after a run of two or more spaces.
_GAP = regex.compile(r"(?<=\S)( {2,})(?=\S)")
# The right column may start this far right of the gutter: an indented paragraph.
INDENT_SLACK = 6
# A region needs this many lines split at the gutter...
MIN_SPLIT_LINES = 4
# ... and each column's text must look like prose, not table cells.
MIN_PART = 18


def _raw(line: Line) -> str:
    return " " * line.indent + line.text


def _gutter(lines: list[Line]) -> int | None:
    """The column where the right-hand column starts on most lines, if any."""
    votes: Counter = Counter()
    for ln in lines:
        if "  " not in ln.text:
            continue  # a cheap test first: a gap lies in the text, after its indent
        raw = _raw(ln)
        for m in _GAP.finditer(raw):
            if m.start() >= MIN_PART and len(raw) - m.end() >= MIN_PART // 2:
                votes[m.end()] += 1
    if not votes:
        return None
    # Merge neighbouring positions (a column's left edge can vary by one).
    best, count = None, 0
    for pos in votes:
        c = votes[pos] + votes[pos - 1] + votes[pos + 1]
        if c > count or (c == count and best is not None and pos < best):
            best, count = pos, c
    if count < MIN_SPLIT_LINES:
        return None
    # Use the leftmost edge of the neighbourhood: indented paragraphs lie right of it.
    while votes[best - 1]:
        best -= 1
    return best


def _split(line: Line, gutter: int) -> tuple[str, str, int] | None:
    """Split one line at the gutter: (left, right, right indent), or None if
    the line does not fit a two-column layout with that gutter."""
    raw = _raw(line)
    if not line.text:
        return "", "", 0
    if line.indent >= gutter - 1:
        if line.indent > gutter + INDENT_SLACK:
            return None  # further right than any paragraph indent: a table cell, a stamp
        return "", line.text, line.indent - gutter
    if len(raw) <= gutter + 1:
        return raw, "", 0
    for m in _GAP.finditer(raw):
        if gutter - 1 <= m.end() <= gutter + INDENT_SLACK:
            return raw[: m.start()], raw[m.end():], m.end() - gutter
    return None


def _split_region(lines: list[Line], parts: list[tuple[str, str, int]]) -> list[Line] | None:
    """The lines of a region read as two columns, given each line's ``_split``."""
    split = [p for p in parts if p and p[0].strip() and p[1]]
    if len(split) < MIN_SPLIT_LINES:
        return None
    left_len = sorted(len(p[0].strip()) for p in split)[len(split) // 2]
    right_len = sorted(len(p[1]) for p in split)[len(split) // 2]
    if left_len < MIN_PART or right_len < MIN_PART:
        return None
    left: list[Line] = []
    right: list[Line] = []
    for ln, (l_text, r_text, r_indent) in zip(lines, parts):
        l_strip = l_text.strip()
        # (``Line`` spelled out: ``dataclasses.replace`` costs several times more)
        left.append(Line(l_strip, ln.page, ln.origin, len(l_text) - len(l_text.lstrip()) if l_strip else 0))
        right.append(Line(r_text.strip(), ln.page, ln.origin, max(0, r_indent) if r_text else 0))
    # A blank line before the left column still separates it from what came
    # before the region; the right column follows the left one directly.
    return _trim(left, keep_first=True) + _trim(right)


def _trim(lines: list[Line], keep_first: bool = False) -> list[Line]:
    """Drop blank lines at the ends of a column and collapse runs of them."""
    out: list[Line] = []
    for ln in lines:
        if ln.blank and (out[-1].blank if out else not keep_first):
            continue
        out.append(ln)
    while out and out[-1].blank:
        out.pop()
    return out


def _regions(parts: list[tuple[str, str, int] | None]) -> list[tuple[int, int]]:
    """Maximal runs of lines that all fit the gutter (whose ``_split`` is not None)."""
    spans, start = [], None
    for i, part in enumerate(parts + [None]):
        fits = part is not None
        if fits and start is None:
            start = i
        elif not fits and start is not None:
            spans.append((start, i))
            start = None
    return spans


def split_side_by_side_columns(doc: Document, config) -> Document:
    """Read two side-by-side columns one after the other, page by page.

    >>> from reflow.model import doc_of, texts
    >>> rows = [("The samples were kept cold", "the second group was kept at"),
    ...         ("until the end of the trial,", "room temperature for a week"),
    ...         ("and they were then thawed", "before they too were thawed"),
    ...         ("slowly in a water bath while", "and measured in the same way."),
    ...         ("the first group waited and", "Both groups were then compared.")]
    >>> text = "\\n".join(f"{a:<36}{b}" for a, b in rows)
    >>> texts(split_side_by_side_columns(doc_of(text), None))[4:6]
    ['the first group waited and', 'the second group was kept at']

    Runs after strip_page_furniture (headers across both columns are gone)
    and before join_hyphenated_words, which then finds both halves of a word
    in the same column.
    """
    if not any("   " in ln.text for ln in doc.lines):
        return doc
    out: list[Line] = []
    changed = False
    pages: dict[int, list[Line]] = {}
    for ln in doc.lines:
        pages.setdefault(ln.page, []).append(ln)
    for page_lines in pages.values():
        gutter = _gutter(page_lines)
        if gutter is None:
            out.extend(page_lines)
            continue
        pos = 0
        parts = [_split(ln, gutter) for ln in page_lines]
        for a, b in _regions(parts):
            new = _split_region(page_lines[a:b], parts[a:b])
            if new is None:
                continue
            out.extend(page_lines[pos:a])
            out.extend(new)
            pos = b
            changed = True
        out.extend(page_lines[pos:])
    return replace(doc, lines=tuple(out)) if changed else doc
