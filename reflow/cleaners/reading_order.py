"""A column printed before the column it continues, put back after it.

Before (blocks, as ``pdftotext`` can emit a two-column page)::

    ## Background
    ran for three weeks before the ice closed the harbour.     <- right column
    The second voyage was shorter and went round the
    Cape Fuller took the ships north along the coast, where    <- left column
    the first voyage

After::

    ## Background
    Cape Fuller took the ships north along the coast, where the first voyage
    ran for three weeks before the ice closed the harbour.
    The second voyage was shorter and went round the

The evidence is in the text: a paragraph that starts in lower case with
nothing before it to continue (a heading, or a finished sentence), a run after
it that stops mid-sentence and is followed by a fresh sentence start (where the
misplaced column ends), and then a paragraph that stops mid-sentence with
nothing after it to continue it (the end of the column that should have come
first). Only then is the misplaced run moved after that paragraph and the two
halves of the sentence joined. With less evidence the input order is kept.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ..lexicon import zipf
from ..model import HEADING, PARAGRAPH, Block, Document
from .interruptions import _beside_table, _body_width, _interrupter, _open
from .paragraphs import _ends_sentence

# How many blocks a misplaced run, and the run it belongs after, may span.
MAX_RUN = 40
_LOWER_WORD = regex.compile(r"^(\p{Ll}+)\b")


def _orphan(blocks: list[Block], q: int, width: float) -> bool:
    """A paragraph starting with a lower-case word that nothing before it continues."""
    b = blocks[q]
    m = _LOWER_WORD.match(b.text)
    if b.kind != PARAGRAPH or b.label or not m or zipf(m.group(1)) < 3.0:
        return False
    if q == 0:
        return False  # the start of the text is no evidence of a misplaced column
    before = blocks[q - 1]  # a heading, or body text that ends its sentence; not a table or note
    return before.kind == HEADING or (before.kind == PARAGRAPH and _ends_sentence(before.text)
                                      and not _interrupter(before, width)
                                      and not _beside_table(blocks, q - 1))


def _starts_fresh(b: Block) -> bool:
    return b.kind == PARAGRAPH and b.text[:1].isupper()


def restore_column_order(doc: Document, config) -> Document:
    """Move a column printed too early after the column it continues.

    >>> from reflow.model import Block, Document, Line
    >>> full = Line("a line of body text that runs the full width of its column")
    >>> def p(t): return Block("paragraph", t, (full, Line(t)))
    >>> doc = Document(blocks=(Block("heading", "Voyages", level=2),
    ...     p("ran for three weeks before the ice closed the harbour."),
    ...     p("The second voyage was shorter and went round the"),
    ...     p("Cape Fuller took the ships north along the coast where the")))
    >>> [b.text for b in restore_column_order(doc, None).blocks][1:]
    ['Cape Fuller took the ships north along the coast where the ran for three weeks before the ice closed the harbour.', 'The second voyage was shorter and went round the']
    """
    blocks = list(doc.blocks)
    width = _body_width(doc.blocks)
    changed = False
    for q in range(len(blocks)):
        if not _orphan(blocks, q, width):
            continue
        # Where the misplaced run ends: an open paragraph, then a fresh start.
        k = next((k for k in range(q + 1, min(len(blocks), q + MAX_RUN))
                  if _open(blocks[k - 1], width) and _starts_fresh(blocks[k])), None)
        if k is None:
            continue
        # The end of the run it belongs after: open, and nothing continues it.
        p = next((p for p in range(k, min(len(blocks), k + MAX_RUN))
                  if _open(blocks[p], width) and not blocks[p].label), None)
        if p is None or (p + 1 < len(blocks) and blocks[p + 1].text[:1].islower()):
            continue
        head, orphan = blocks[p], blocks[q]
        joined = replace(head, text=f"{head.text} {orphan.text}", lines=head.lines + orphan.lines)
        blocks = blocks[:q] + blocks[k:p] + [joined] + blocks[q + 1:k] + blocks[p + 1:]
        changed = True
        break  # one move per document: the evidence is judged on the input order
    return replace(doc, blocks=tuple(blocks)) if changed else doc
