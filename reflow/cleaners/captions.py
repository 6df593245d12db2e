"""Table and figure captions: their own blocks, with the label apart, next to
their table (block stage).

Before::

    reported in the earlier survey, and the counts rose again in
    Table 2: Nest boxes by site. Counts are for May.
    the third year of the study.

After: the paragraph ``reported in the earlier survey, and the counts rose
again in``, a CAPTION block with label ``Table 2:`` and text ``Nest boxes by
site. Counts are for May.``, and the paragraph ``the third year of the
study.`` (the renderer writes ``**Table 2:** Nest boxes by site. ...``).

* A caption starts a block: a line opening with ``Table 1.``, ``TABLE 4``,
  ``Figure 3:``, ``Fig. 2.`` (followed by a capital, a bracket or punctuation,
  never ``Table 2 ranks``) is cut from the paragraph it was glued to when a
  blank line comes before it, or the line before it ends a sentence or stops
  short (figure text, a table row); never after a line that runs on
  (``as listed in`` / ``Table 4. Each site ...`` stays body text).
* A caption never swallows body text: it ends after a sentence when the next
  line goes on in lower case (the body text the caption interrupted).
* A table caption printed under its table moves right before it, unless the
  table already has a caption above it. Notes after a table stay where they are.
* Body text cut by a table or caption is joined again later, by
  ``rejoin_interrupted_paragraphs``.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ..model import CAPTION, PARAGRAPH, TABLE, Block, Document, Line
from .paragraphs import _continues, _ends_sentence, join_lines

# ``Table 1.``, ``TABLE II``, ``Figure 3:``, ``Fig. 2.``, ``Supplementary Table S1`` and
# the text after it; ``**Table 1.** text`` is reflow's own output read back.
_CAPTION = regex.compile(
    r"^(?P<bold>\*\*)?(?P<label>(?:Supplementary\s+|Suppl\.\s+)?"
    r"(?P<word>Table|TABLE|Tab\.|Figure|FIGURE|Fig\.|FIG\.|Fig|Scheme|SCHEME|Chart|Box)"
    r"\s*(?:[A-Z]?\d{1,3}[A-Za-z]?|[IVX]{1,6})(?P<punct>[.:]|\s+[—–-](?=\s))?)"
    r"(?(bold)\*\*)(?:\s+(?P<rest>.*))?$"
)
_TABLE_WORD = regex.compile(r"\bTab", regex.I)
# A line end that is an abbreviation, not a sentence end.
_ABBREVIATION = regex.compile(r"\b(?:e\.g|i\.e|vs|al|ca|cf|approx|Fig|Figs|No|Nos|resp|incl)\.$", regex.I)


def caption_label(text: str) -> tuple[str, str] | None:
    """(label, rest) if ``text`` opens a caption, else None.

    >>> caption_label("Table 1. Patients by age")
    ('Table 1.', 'Patients by age')
    >>> caption_label("Figure 2: (a) Rainfall")
    ('Figure 2:', '(a) Rainfall')
    >>> caption_label("Table 3 ranks the two sites") is None
    True
    """
    m = _CAPTION.match(text)
    if not m:
        return None
    rest = m.group("rest") or ""
    if rest[:1].islower() or (not m.group("punct") and rest[:1].isdigit()):
        return None  # ``Table 2 ranks ...``: the sentence goes on
    if not m.group("punct") and not rest and m.group("word") in ("Fig", "Box"):
        return None
    return m.group("label"), rest


def _is_table_caption(block: Block) -> bool:
    return block.kind == CAPTION and bool(_TABLE_WORD.search(block.label))


def _short(lines: tuple[Line, ...], m: int) -> bool:
    widest = max(len(ln.text) for ln in lines)
    return len(lines[m - 1].text) < 0.6 * widest


def _starts_caption_at(lines: tuple[Line, ...], m: int) -> bool:
    """Does a caption start at line ``m`` (> 0) of a paragraph?"""
    if not caption_label(lines[m].text):
        return False
    prev, line = lines[m - 1], lines[m]
    if prev.origin and line.origin and min(line.origin) > max(prev.origin) + 1:
        return True  # a blank line (or removed lines) before it
    if _continues(prev.text):
        return False
    return _ends_sentence(prev.text) or _short(lines, m)


def _body_after(lines: tuple[Line, ...], m: int) -> bool:
    """Does body text resume at line ``m`` of a caption?"""
    prev = lines[m - 1].text
    return (_ends_sentence(prev) and not _ABBREVIATION.search(prev)
            and lines[m].text[:1].islower())


def _paragraph(block: Block, lines: tuple[Line, ...]) -> Block:
    return replace(block, kind=PARAGRAPH, text=join_lines(list(lines)), lines=lines, label="")


def _caption(block: Block, lines: tuple[Line, ...]) -> list[Block]:
    """The caption opening ``lines``, and the body text after it if any."""
    end = next((m for m in range(1, len(lines)) if _body_after(lines, m)), len(lines))
    first = lines[0]
    found = caption_label(first.text)
    label, rest = found if found else ("", first.text)
    cap_lines = lines[:end]
    text = join_lines([first.with_text(rest), *cap_lines[1:]])
    out = [Block(CAPTION, text, cap_lines, label=label)]
    if end < len(lines):
        out.append(_paragraph(block, lines[end:]))
    return out


def _split(block: Block) -> list[Block]:
    """A paragraph block cut before every caption inside it; the captions made."""
    if block.kind != PARAGRAPH or block.label or not block.lines:
        return [block]
    lines = block.lines
    if not any(map(_CAPTION.match, [ln.text for ln in lines])):
        return [block]  # no line opens a caption (``caption_label`` needs this match)
    cuts = [0] + [m for m in range(1, len(lines)) if _starts_caption_at(lines, m)] + [len(lines)]
    out: list[Block] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = lines[a:b]
        if caption_label(piece[0].text):
            out.extend(_caption(block, piece))
        elif len(piece) == len(lines):
            out.append(block)
        else:
            out.append(_paragraph(block, piece))
    return out


def _place(blocks: list[Block]) -> list[Block]:
    """A table caption printed under its table goes right before it."""
    out = list(blocks)
    for i in range(1, len(out)):
        cap, table = out[i], out[i - 1]
        if (_is_table_caption(cap) and table.kind == TABLE
                and (i < 2 or out[i - 2].kind != CAPTION)
                and (i + 1 >= len(out) or out[i + 1].kind != TABLE)):
            out[i - 1], out[i] = cap, table
    return out


def detect_captions(doc: Document, config) -> Document:
    """Make caption blocks of ``Table 1.`` / ``Figure 2:`` paragraphs.

    >>> from reflow.model import doc_of
    >>> from reflow.cleaners.paragraphs import build_paragraphs
    >>> text = "Figure 1. Rainfall by month.\\nthe wettest month was May.\\n"
    >>> for b in detect_captions(build_paragraphs(doc_of(text), None), None).blocks:
    ...     print(b.kind, repr(b.label), b.text)
    caption 'Figure 1.' Rainfall by month.
    paragraph '' the wettest month was May.

    Runs after ``rebuild_tables`` (a caption is placed next to its table) and
    before ``detect_headings`` (a caption is no heading).
    """
    if not doc.blocks:
        return doc
    blocks: list[Block] = []
    for block in doc.blocks:
        blocks.extend(_split(block))
    blocks = _place(blocks)
    if len(blocks) == len(doc.blocks) and all(a is b for a, b in zip(blocks, doc.blocks)):
        return doc
    return replace(doc, blocks=tuple(blocks))
