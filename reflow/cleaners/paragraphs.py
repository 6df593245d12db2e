"""Wrapped lines joined into paragraphs and list items: the step from lines to
blocks.

Before::

    The patients were treated for six
    weeks. Most of them responded.
    Two patients relapsed within a
    year.
        A third group was not treated.

After: two paragraphs, ``The patients were treated for six weeks. Most of
them responded. Two patients relapsed within a year.`` and ``A third group was
not treated.``

Where a paragraph ends is read from the text itself: a blank line; a line that
ends a sentence and is clearly shorter than its neighbours (the short last
line of a paragraph); an indented line that starts a sentence; a list marker.
A blank line or page break inside a sentence (the line before it does not end
a sentence and the next starts in lower case) does not end the paragraph: a
page break or a removed running header cut it. Text that already holds one
paragraph per line (scraped pages, no wrapping) keeps its lines as paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import replace

import regex

from ..lexicon import zipf
from ..model import LIST_ITEM, PARAGRAPH, Block, Document, Line, one_line

# A sentence end, allowing closing quotes/brackets and a citation number after
# it: ``unclear.``, ``yield.1``, ``(Table 1).``, ``winters.1,2``, ``done?”``.
_SENTENCE_END = regex.compile(r"[.!?:][\"'”’)\]]*(?:\d{1,3}(?:[,–-]\d{1,3})*|[⁰¹²³⁴⁵⁶⁷⁸⁹,⁻–-]+)?$")
# Line-final words that promise more of the sentence.
_CONNECTORS = {
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by",
    "from", "that", "which", "as", "is", "are", "was", "were", "be", "its", "their",
    "this", "these", "between", "into", "than", "nor", "but", "not", "such",
}
# List markers: ``1.``, ``12)``, ``[3]``, bullets.
_MARKER = regex.compile(
    r"^(?:(?P<num>[1-9]\d{0,2})[.)]|\[(?P<bnum>\d{1,3})\]|(?P<bullet>[•▪◦●∙·‣⁃]|[-*–](?=\s)))\s+(?=\S)"
)
# The head of material an extractor drops into running text: a caption
# (``Table 2:``, ``Figure 1.``) or a footnote whose number lost its
# superscript and sticks to the first word (``4Moreover``, ``2This``).
_CAPTION_HEAD = regex.compile(r"^(?:Table|TABLE|Fig\.|Figure|FIGURE)\s+[0-9IVX]+[.:]\s")
_FOOTNOTE_HEAD = regex.compile(r"^\d{1,2}(?P<word>\p{Lu}\p{L}+)\b")
# Two-letter words that open a footnote's sentence (``3We thank``); not element
# symbols such as ``4He`` or ``2Fe``.
_SHORT_STARTERS = {"We", "In", "It", "As", "At", "On", "An", "If", "To", "By", "Of", "Or", "No"}
# A full stop that ends an abbreviation, not a sentence.
_ABBREVIATION = regex.compile(r"(?:\b(?:e\.g|i\.e|et al|cf|vs|etc|approx|ca|resp|Fig|No|Ref)\.)$")
# A note keyed by a lower-case letter (``a Values are medians``): only as the
# head of a block, since ``a Swiss cohort`` can also start a wrapped line.
_LETTER_NOTE = regex.compile(r"^\p{Ll}\s+\p{Lu}")
# Wrapped text: typical line widths are below this; above it, lines are whole
# paragraphs (a scraped page) and every line break is a paragraph break.
UNWRAPPED_WIDTH = 160
# A line shorter than this share of its neighbours' width ended early: the last
# line of a paragraph (proportional fonts make full lines vary by ~15%).
SHORT_LINE = 0.8


def _ends_sentence(text: str) -> bool:
    end = text[-1:]
    if end.isascii() and end.isalpha():
        return False  # a cheap test first: no sentence end ends in a letter
    return bool(_SENTENCE_END.search(text, text.rfind(" ") + 1))  # (from the last space: it holds none)


def _starts_sentence(text: str) -> bool:
    ch = text[:1]
    return ch.isupper() or ch.isdigit() or ch in "\"“‘'([*†‡§#"


def _ends_in_connector(text: str) -> bool:
    """``… as shown in`` (then ``Table 2``): the line needs what follows."""
    words = text.rsplit(None, 1)
    return bool(words) and words[-1].lower() in _CONNECTORS | {"see", "cf.", "in"}


def _continues(text: str) -> bool:
    """Does a line end in the middle of a sentence?"""
    if not text or _ends_sentence(text):
        return False
    if text[-1] in ",;-–(/":
        return True
    last = text.rsplit(None, 1)[-1].lower()
    return last in _CONNECTORS


def note_head(text: str) -> bool:
    """Does a line open a caption or a footnote that interrupts the text?

    >>> note_head("Table 2: Scores on the test set."), note_head("4Moreover, the")
    (True, True)
    >>> note_head("Table 2 shows the scores"), note_head("4He nuclei"), note_head("2015) and")
    (False, False, False)
    >>> note_head("3We thank the"), note_head("7ImageNet is large")
    (True, True)
    """
    return _caption_head(text) or _footnote_head(text)


def _caption_head(text: str) -> bool:
    # a cheap test first: the pattern's words
    return text.startswith(("Table", "TABLE", "Fig.", "Figure", "FIGURE")) and bool(_CAPTION_HEAD.match(text))


def _footnote_head(text: str) -> bool:
    """A footnote number stuck to a known word or an acronym (``7ImageNet``)."""
    m = _FOOTNOTE_HEAD.match(text) if text[:1].isdigit() else None  # a cheap test first
    if not m:
        return False
    word = m.group("word")
    if len(word) == 2:
        return word in _SHORT_STARTERS
    return zipf(word) >= 3.0 or sum(ch.isupper() for ch in word) >= 2


def _width(lines: list[Line], i: int) -> float:
    """The typical width of the lines around line ``i`` (not counting it)."""
    near = [len(lines[k].text) for k in range(max(0, i - 4), min(len(lines), i + 5))
            if k != i and lines[k].text]
    if not near:
        return len(lines[i].text)
    # ``statistics.median`` by hand (the same value), at a fraction of its cost
    near.sort()
    half = len(near) // 2
    return near[half] if len(near) % 2 else (near[half - 1] + near[half]) / 2


# The characters a list marker starts with: a cheap test before ``_MARKER``.
_MARKER_START = frozenset("123456789[•▪◦●∙·‣⁃-*–")


def _marker(text: str) -> regex.Match | None:
    return _MARKER.match(text) if text[:1] in _MARKER_START else None


# ``- Agronomy`` alone between blank lines: a Markdown bullet item, as reflow
# writes a list item with no other item next to it. Read as an item here, where
# the other items are made, so that a second run treats it as the first did
# (``- 3`` in running text stays text).
_LONE_DASH_ITEM = regex.compile(r"^-\s+(?=\p{L})")


def _is_list_run(marks: list[regex.Match | None], i: int) -> bool:
    """A marker line is a list item when another marker of the same kind is
    near (the next or previous numbered item, or another bullet), so that a
    lone ``2. Methods`` stays for the heading detector. ``marks`` holds each
    line's ``_marker`` (None for a blank line)."""
    m = marks[i]
    if not m:
        return False
    num = m.group("num") or m.group("bnum")
    for k in range(max(0, i - 30), min(len(marks), i + 30)):
        o = marks[k]
        if k == i or not o:
            continue
        onum = o.group("num") or o.group("bnum")
        if num and onum and abs(int(onum) - int(num)) == 1 and bool(m.group("bnum")) == bool(o.group("bnum")):
            return True
        if not num and not onum and o.group("bullet") == m.group("bullet"):
            return True
    return False


# A citation number set off by a space after a sentence end, at the end of a
# line (``harvests. 1`` / ``Since …``): a superscript the extractor spaced out.
_SPACED_CITATION = regex.compile(r"(?<=[.!?])\s+(?=\d{1,3}(?:[,–-]\d{1,3})*$)")


def join_lines(lines: list[Line]) -> str:
    """The lines' texts joined with spaces (and a citation glued back).

    >>> join_lines([Line("ends the sentence. 12"), Line("Then more.")])
    'ends the sentence.12 Then more.'
    """
    if len(lines) == 1:
        return one_line(lines[0].text)
    texts = [ln.text for ln in lines if ln.text]
    if not _JOIN_SPECIAL.search("".join([t[-1] for t in texts[:-1]])):
        return one_line(" ".join(texts))  # no citation to glue, no slash: one space between lines
    parts: list[str] = []  # each line's text, then the separator before the next
    for text in texts:
        if parts:
            last = parts[-1]
            # (a citation ends in a digit, or before a line end: another ASCII end rules it out)
            if text[:1].isupper() and (last[-1].isdigit() or not last[-1].isascii() or last[-1] == "\n"):
                parts[-1] = last = _SPACED_CITATION.sub("", last)
            # ``ISO/`` + ``IEC``: a path or list broken after a slash
            parts.append("" if last.endswith("/") and not last.endswith(" /") else " ")
        parts.append(text)
    return one_line("".join(parts))


# The last characters of a line after which ``join_lines`` may do more than put
# one space: an ASCII digit or any non-ASCII character (a citation may end
# there), a line end, a slash.
_JOIN_SPECIAL = re.compile(r"[0-9/\n]|[^\x00-\x7f]")


def _breaks_before(lines: list[Line], i: int, base_indent: int, unwrapped: bool,
                   head: Line | None = None, gaps: bool = True) -> bool:
    """Does a new paragraph start at non-blank line ``i`` (its predecessor
    ``i - 1`` being non-blank, in the same run)? ``head`` is the first line of
    the block that line ``i - 1`` belongs to; ``gaps`` False tells that no
    line is ``_gapped``."""
    prev, line = lines[i - 1], lines[i]
    text = line.text
    if unwrapped or (gaps and _gapped(line)):
        return True  # rows of an aligned table are not wrapped prose: keep them apart
    if text[:1].islower():  # starts no sentence, footnote or caption
        # the note is over; the interrupted text goes on
        return (head is not None and _ends_sentence(prev.text) and note_head(head.text)
                and not _ABBREVIATION.search(prev.text))
    starts = _starts_sentence(text)
    if starts and gaps and _gapped(prev):
        return True
    if _footnote_head(text) or (_caption_head(text) and not _ends_in_connector(prev.text)):
        return True  # a footnote or caption dropped into the text
    removed = bool(prev.origin and line.origin and min(line.origin) > max(prev.origin) + 1)
    if prev.page != line.page or removed:  # a page break or removed furniture between them:
        return starts and not _continues(prev.text)  # the sentence must plainly go on
    if not starts or not _ends_sentence(prev.text):
        return False
    if line.indent >= base_indent + 2:
        return True
    # The line before ends a sentence: is it short (the last line of a paragraph)?
    return len(prev.text) < SHORT_LINE * _width(lines, i - 1)


def _ends_list(blocks: list[list[Line]], kinds: list[str], line: Line) -> bool:
    """After a list whose items are all one line long, a line that starts a
    sentence is not an item's continuation but the paragraph after the list."""
    items = [b for b, k in zip(blocks, kinds) if k == LIST_ITEM]
    return (all(len(b) == 1 for b in items) and _ends_sentence(blocks[-1][-1].text)
            and _starts_sentence(line.text))


def _item(lines: list[Line]) -> Block:
    m = _marker(lines[0].text)
    number = int(m.group("num") or m.group("bnum") or 0)
    first = lines[0].with_text(lines[0].text[m.end():])
    return Block(LIST_ITEM, join_lines([first, *lines[1:]]), tuple(lines), number=number)


def _split_run(run: list[Line], unwrapped: bool, gaps: bool) -> list[Block]:
    """Split a run of non-blank lines into paragraph and list-item blocks
    (``gaps`` as for ``_breaks_before``)."""
    if len(run) == 1:  # no other marker near: an item only as ``- word``
        return [_item(run) if _LONE_DASH_ITEM.match(run[0].text) else Block(PARAGRAPH, join_lines(run), tuple(run))]
    base = min(ln.indent for ln in run)
    marks = [_MARKER.match(t) if t[:1] in _MARKER_START else None for t in [ln.text for ln in run]]  # ``_marker``
    # Where no line is ``_gapped`` nor all are paragraphs, a line in lower case
    # starts none (nor ends a list) unless the line before ends a sentence.
    lower_goes_on = not unwrapped and not gaps
    blocks: list[list[Line]] = []
    kinds: list[str] = []
    for i, line in enumerate(run):
        is_item = bool(marks[i]) and _is_list_run(marks, i)
        if i and not is_item and lower_goes_on and line.text[:1].islower() and not _ends_sentence(run[i - 1].text):
            blocks[-1].append(line)
        elif i == 0 or is_item or _breaks_before(run, i, base, unwrapped, blocks[-1][0], gaps) \
                or (kinds[-1] == LIST_ITEM and _ends_list(blocks, kinds, line)):
            blocks.append([line])
            kinds.append(LIST_ITEM if is_item else PARAGRAPH)
        else:
            blocks[-1].append(line)
    return [_item(b) if k == LIST_ITEM else Block(PARAGRAPH, join_lines(b), tuple(b))
            for b, k in zip(blocks, kinds)]


def _gapped(line: Line) -> bool:
    """A line with a wide gap or a tab inside: a row of aligned columns."""
    return "   " in line.text or "\t" in line.text


def _layout_like(block: Block) -> bool:
    """Lines with wide internal gaps or far indents are table or layout rows,
    not wrapped prose."""
    return any(_gapped(ln) or ln.indent >= 20 for ln in block.lines[-2:])


def _cut_paragraph(a: Block, b: Block, width: float, unwrapped: bool = False) -> bool:
    """Is ``b`` the rest of paragraph ``a``, cut by a blank line, a page or
    column break or a removed header? Only when the sentence plainly goes on:
    ``a`` stops mid-sentence at full width and ``b`` does not start a
    sentence, or ``a`` ends with a comma (a list of names broken by blank lines)
    or a word such as ``the`` or ``of`` and ``b`` starts with neither a capital
    nor a digit nor an opening mark (``of`` + ``<5%) were``)."""
    if a.kind != PARAGRAPH or b.kind != PARAGRAPH or not a.lines or not b.lines:
        return False
    last, first = a.lines[-1].text, b.lines[0].text
    if _starts_sentence(first) and not last.endswith(","):
        return False  # a cheap test first: only after a comma (below) goes a sentence start on
    if _ends_sentence(last) or not first:
        return False
    if _layout_like(a) or _layout_like(b):
        return False
    head = a.lines[0].text
    if note_head(head) or _LETTER_NOTE.match(head) or note_head(first):
        return False  # a note or caption does not run on into the text
    marker = _marker(first)
    if marker and not marker.group("bnum"):
        # After a blank line, ``- item`` or ``2. item`` opens a list item (alone:
        # a Markdown item read again, see ``mark_bullet_items``), never the rest
        # of a sentence. (``[3] showed`` can be a citation that goes on.)
        return False
    if unwrapped:  # whole paragraphs per line: only a line that cannot start one continues
        return not _starts_sentence(first) and not last.endswith(":")
    if len(a.lines) >= 2:  # a wrapped paragraph stopping mid-sentence at 60% width was cut
        full = len(last) >= 0.6 * max(len(ln.text) for ln in a.lines)
    else:
        full = len(last) >= SHORT_LINE * width
    if last.endswith(","):
        return True
    if last.endswith("-") and not first[0].isalnum():
        return False  # the rest of a split word starts with a letter, not ``©`` or ``•``
    if full and not _starts_sentence(first):
        return True
    # ``… cells of`` + ``<5%) were …``: a symbol or lower case after a word that needs more
    return _continues(last) and len(a.lines) >= 2 and not _starts_sentence(first)


def build_paragraphs(doc: Document, config) -> Document:
    """Group lines into paragraph and list-item blocks.

    >>> from reflow.model import doc_of, texts
    >>> texts(build_paragraphs(doc_of("One line\\nwrapped here.\\n\\nA second\\nparagraph."), None))
    ['One line wrapped here.', 'A second paragraph.']
    >>> texts(build_paragraphs(doc_of("1. First step.\\n2. Second step."), None))
    ['First step.', 'Second step.']

    Runs after the line-stage cleaners, so hyphenated words are whole and page
    furniture is gone; the block-stage cleaners run after it.
    """
    lines = doc.lines
    texts = [ln.text for ln in lines]
    lengths = sorted(map(len, filter(None, texts)))
    if not lengths:
        return replace(doc, blocks=())
    typical = lengths[int(0.5 * (len(lengths) - 1))]
    unwrapped = typical > UNWRAPPED_WIDTH
    width = lengths[int(0.8 * (len(lengths) - 1))]

    joined = "\n".join(texts)
    gaps = "   " in joined or "\t" in joined  # else no line is ``_gapped``

    # The runs of non-blank lines, between blank lines.
    blocks: list[Block] = []
    start = 0
    for stop in [*[k for k, t in enumerate(texts) if not t], len(texts)]:
        if stop > start:
            blocks.extend(_split_run(lines[start:stop], unwrapped, gaps))
        start = stop + 1

    # Rejoin paragraphs cut by a blank line or a page break.
    merged: list[Block] = []
    for b in blocks:
        if merged and _cut_paragraph(merged[-1], b, width, unwrapped):
            a = merged[-1]
            both = a.lines + b.lines
            merged[-1] = replace(a, text=join_lines(both), lines=both)
        else:
            merged.append(b)
    return replace(doc, blocks=tuple(merged))
