"""The document model every cleaner shares.

A ``Document`` goes through two stages:

* the **line stage**: ``doc.lines`` holds the input's lines, each remembering the
  input line numbers it was built from (``origin``) and its page;
* the **block stage**: ``build_paragraphs`` groups lines into ``doc.blocks``
  (paragraph, heading, list item, table, caption); later cleaners work on blocks.

Everything is immutable. A cleaner returns ``dataclasses.replace(doc, ...)``; the
pipeline compares old and new to record what changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

# Block kinds the renderer knows.
PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
TABLE = "table"
CAPTION = "caption"
KINDS = (PARAGRAPH, HEADING, LIST_ITEM, TABLE, CAPTION)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text.

    ``text`` has no leading or trailing white space; ``indent`` is how many
    columns of white space preceded it in the input (tabs count as 4).
    ``origin`` lists the 1-based input line numbers the text came from: one for
    an input line, two or more after a cleaner joined lines.
    """

    text: str
    page: int = 1
    origin: tuple[int, ...] = ()
    indent: int = 0

    @property
    def blank(self) -> bool:
        return not self.text

    def with_text(self, text: str) -> "Line":
        # The fields spelled out: ``dataclasses.replace`` costs several times more.
        return Line(text, self.page, self.origin, self.indent)


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of output: one paragraph, heading, list item, table or caption.

    ``text`` is the block's content as plain text (no Markdown). ``lines`` are the
    lines it was built from, kept for provenance. ``label`` is a run-in label
    written in bold before the text (``BACKGROUND.``, ``Table 1.``). For a table,
    ``rows`` holds the cells, the first row being the header, and ``label``
    says how the table was read (shown by ``--explain``, not rendered). For a list item,
    ``number`` is the printed number (0 for a bullet).
    """

    kind: str
    text: str = ""
    lines: tuple[Line, ...] = ()
    level: int = 0
    label: str = ""
    number: int = 0
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def origin(self) -> tuple[int, ...]:
        return tuple(sorted({n for ln in self.lines for n in ln.origin}))

    @property
    def page(self) -> int:
        return self.lines[0].page if self.lines else 1


@dataclass(frozen=True)
class Document:
    lines: tuple[Line, ...] = ()
    blocks: tuple[Block, ...] = ()
    # Notes about reading the input (encoding fallback, ...), for --explain.
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        """The current text: lines, or block texts once blocks exist."""
        if self.blocks:
            return "\n\n".join(b.text for b in self.blocks)
        return "\n".join(ln.text for ln in self.lines)


# --------------------------------------------------------------- line-stage helpers


def map_texts(lines, fn) -> list[Line]:
    """Each non-blank line's text through ``fn``; a line whose text does not
    change stays the very same object (so ``with_lines`` can tell).

    >>> [ln.text for ln in map_texts([Line("a b"), Line("")], str.upper)]
    ['A B', '']
    """
    out = []
    for ln in lines:
        new = fn(ln.text) if ln.text else ln.text
        out.append(ln if new == ln.text else ln.with_text(new))
    return out


def with_lines(doc: Document, lines) -> Document:
    """``doc`` holding ``lines``; ``doc`` itself when they are the lines it had."""
    lines = tuple(lines)
    if len(lines) == len(doc.lines) and all(a is b for a, b in zip(lines, doc.lines)):
        return doc
    return replace(doc, lines=lines)


def is_one_line(text: str) -> bool:
    """Whether ``one_line`` leaves ``text`` as it is. ``str.split`` splits at
    white space, all of which but the plain space is unprintable: a printable
    text with no double space and no space at either end is one line already."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def one_line(text: str) -> str:
    """The text on one line, white space runs as one space
    (``" ".join(text.split())``, cheaper for a text it leaves alone).

    >>> one_line("  a  b c ")
    'a b c'
    """
    return text if is_one_line(text) else " ".join(text.split())


def plain_text(lines) -> str:
    """The lines' texts as one block text, white space runs as one space."""
    return one_line(" ".join([ln.text for ln in lines]))


# --------------------------------------------------------------- candidate lines
# For the line-stage cleaners: most lines hold nothing a cleaner could
# change, and one scan of the whole text finds the few that may, far cheaper
# than a Python call per line.


def lines_matching(pattern, joined: str, n_lines: int) -> list[int] | range:
    """Indexes of the lines in which ``pattern`` finds a match, ascending.

    ``joined`` is the texts of ``n_lines`` lines joined by newlines; one
    ``search`` per line found. ``pattern`` must never match a newline, and must
    find in the joined text every match it finds in one text alone (mind ``^``,
    ``$``, ``\\s``, and lookbehinds at a line start). When a text holds a
    newline itself, the joined text cannot be cut back into lines: every
    index is returned.

    >>> import re
    >>> lines_matching(re.compile("x"), "ax\\nb\\n\\nxx\\nc\\ndx", 6)
    [0, 3, 5]
    """
    if joined.count("\n") != n_lines - 1:
        return range(n_lines)
    found: list[int] = []
    line, pos = 0, 0  # ``pos`` is where line number ``line`` starts
    while m := pattern.search(joined, pos):
        line += joined.count("\n", pos, m.start())
        found.append(line)
        pos = joined.find("\n", m.start()) + 1
        if not pos:
            break
        line += 1
    return found


def map_texts_at(lines: tuple[Line, ...], indexes, fn) -> list[Line] | None:
    """``map_texts(lines, fn)`` where ``fn`` can change only the texts
    at ``indexes``: ``fn`` is called on those alone. None when no text changes
    (the caller keeps its document, as ``with_lines`` would)."""
    out = None
    for i in indexes:
        ln = lines[i]
        new = fn(ln.text) if ln.text else ln.text
        if new != ln.text:
            if out is None:
                out = list(lines)
            out[i] = ln.with_text(new)
    return out


# --------------------------------------------------------------- doctest helpers


def doc_of(text: str) -> Document:
    """A Document read from ``text`` (for examples and tests)."""
    from .read import read_text

    return read_text(text)


def texts(doc: Document) -> list[str]:
    """The non-blank line texts, or the block texts once blocks exist."""
    if doc.blocks:
        return [b.text for b in doc.blocks]
    return [ln.text for ln in doc.lines if ln.text]
