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
from .interruptions import ONE_LINE, _beside_table, _body_width, _continuation, _interrupter, _open, _read_again
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


def _late_continuation(blocks: list[Block], width: float) -> tuple[int, int, int] | None:
    """(p, q, r): paragraph ``p`` stops mid-sentence and nothing next to it
    goes on; the first paragraph after it that starts in lower case, ``q``,
    comes after material that it cannot continue (a heading, a finished
    sentence, table leftovers); no other paragraph near it (before or
    between) stops mid-sentence. ``q`` and the body paragraphs that follow it, up to ``r``,
    are the rest of ``p``'s column, printed after the next page's text."""
    for p in range(len(blocks) - 1):
        if blocks[p].label or blocks[p + 1].text[:1].islower() or not _open(blocks[p], width):
            continue
        for q in range(p + 1, min(len(blocks), p + MAX_RUN)):
            b = blocks[q]
            if _continuation(b) and len(b.text) >= ONE_LINE and (m := _LOWER_WORD.match(b.text)):
                if zipf(m.group(1)) < 3.0 or any(
                        k != p and blocks[k].kind == PARAGRAPH and _open(blocks[k], width)
                        for k in range(max(0, q - MAX_RUN), q)):
                    return None  # continues nothing, or more than one paragraph it could continue
                r = q + 1
                while (r < len(blocks) and _starts_fresh(blocks[r]) and not blocks[r].label
                       and not _interrupter(blocks[r], width)):
                    r += 1
                return p, q, r
            if b.kind == PARAGRAPH and _open(b, width):
                break  # another unfinished paragraph: which one goes on is not known
    return None


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
    # A move starts at a paragraph opening with a lower-case word (see ``_orphan``).
    starts = [q for q in range(1, len(blocks)) if blocks[q].kind == PARAGRAPH
              and not blocks[q].label and _LOWER_WORD.match(blocks[q].text)]
    if not starts:
        return doc
    width = _body_width(doc.blocks)
    changed = False
    for q in starts:  # (``blocks`` changes only at the one move, after which the loop stops)
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


def restore_late_continuations(doc: Document, config) -> Document:
    """Bring back the rest of a column printed after the next page's text.

    Before (blocks)::

        The wells were sampled each spring, and the water of the deepest ones
        ## Methods
        We took two litres from each well.
        was clear in every year.
        The shallow wells were muddy after rain.

    After::

        The wells were sampled each spring, and the water of the deepest ones
        was clear in every year.
        The shallow wells were muddy after rain.
        ## Methods
        We took two litres from each well.

    Runs after ``rejoin_interrupted_paragraphs``: what is left then is a
    paragraph that stops mid-sentence with no continuation near it, and a
    lower-case start further on that nothing before it continues. Only a
    pair with no other unfinished paragraph near the start is joined; the
    body paragraphs after the continuation move with it.

    >>> from reflow.model import Block, Document, Line
    >>> full = Line("a line of body text that runs the full width of its column")
    >>> def p(t): return Block("paragraph", t, (full, Line(t)))
    >>> doc = Document(blocks=(p("The water of the deepest wells, sampled each spring, was"),
    ...     Block("heading", "Methods", level=2), p("We took two litres from each well."),
    ...     p("clear in every year, and it was used for drinking by all the villages."),
    ...     p("The shallow wells were muddy.")))
    >>> [b.text[-40:] for b in restore_late_continuations(doc, None).blocks]
    ['s used for drinking by all the villages.', 'The shallow wells were muddy.', 'Methods', 'We took two litres from each well.']
    """
    blocks = list(doc.blocks)
    # The continuation is a long paragraph starting in lower case (see ``_late_continuation``).
    if not any(_continuation(b) and len(b.text) >= ONE_LINE for b in blocks[1:]):
        return doc
    width = _body_width(doc.blocks)
    if _read_again(doc, width):
        return doc
    late = _late_continuation(blocks, width)
    if not late:
        return doc
    p, q, r = late
    head, rest = blocks[p], blocks[q]
    joined = replace(head, text=f"{head.text} {rest.text}", lines=head.lines + rest.lines)
    blocks = blocks[:p] + [joined, *blocks[q + 1:r]] + blocks[p + 1:q] + blocks[r:]
    return replace(doc, blocks=tuple(blocks))
