"""Paragraphs cut in two by a table, a figure caption, footnotes or a page's
leftovers, joined again; the material that cut them goes after the paragraph.

Before (blocks)::

    The samples were dried at room temperature and weighed on a cali-
    Table 2. Dry weights (g).
    | Site | Weight | ...
    4 Weighed twice.
    brated balance before the second series of measurements.

After::

    The samples were dried at room temperature and weighed on a calibrated
    balance before the second series of measurements.
    Table 2. Dry weights (g).
    | Site | Weight | ...
    4 Weighed twice.

An extractor writes a page in the order its objects were stored, so a table,
a caption or a footnote can land in the middle of a sentence. The evidence is
the sentence itself: a paragraph that stops without a sentence end, and, after
nothing but non-body material, a paragraph that starts in lower case (or
completes a word split by a hyphen). Body text in between (a paragraph that
reads as prose) or a heading stops the search: then the break is left as it is.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ..lexicon import zipf
from ..model import CAPTION, PARAGRAPH, TABLE, Block, Document
from .headings import one_block_per_line
from .hyphenation import Vocabulary, decide
from .paragraphs import _LETTER_NOTE, _ends_sentence, _layout_like, note_head

# How far the continuation may be from the cut paragraph, in blocks.
MAX_GAP = 40
# A paragraph whose lines are this much narrower than the body's is not body
# text: figure labels, table cells, a caption set in a narrow column.
NARROW = 0.6
# A continuation is text: a fragment of one or two words is no evidence.
MIN_WORDS = 3
# A one-line paragraph is a cut one only when it is this long (and full).
ONE_LINE = 60
# The last line of a paragraph cut by a column or page end is a full line.
FULL = 0.75
# A footnote, table note or caption start: ``5 https://…``, ``* P < 0.05``,
# ``† Died``, ``Table 3.``, ``Fig. 2``, ``Source:``. A number before a
# lower-case word is a sentence going on (``40 nests were found``), not a note.
_NOTE_START = regex.compile(
    r"^(?:\d{1,2}\s+(?!\p{Ll}+\b(?![.:/]))\S|[*†‡§¶#]|(?:Table|TABLE|Fig(?:ure)?\.?|FIGURE|Source|Note|Abbreviations?)\b)"
)
# An affiliation or address set beside the text: a short block naming an
# institution, its parts separated by commas.
_INSTITUTION = regex.compile(
    r"\b(?:Department|Dept\.|University|Universit\p{Ll}+|Hospital|Institute|Institut|Center|Centre"
    r"|School|Faculty|College|Laboratory|Division|Unit|Clinic)\b")
MAX_ADDRESS_LINES = 3
# ``agricul`` + ``tural``: the joined word must be this much commoner (Zipf)
# than either piece (the lexicon knows many fragments, rarely).
MARKER_MARGIN = 2.0
# A word split at the line end whose hyphen was lost to a glued note marker
# (``agricul1`` … ``tural``), or kept (``cali-`` … ``brated``). Searched from
# the end (``(?r)``): the same match, as every match ends where the text does.
_SPLIT_WORD = regex.compile(r"(?r)(?P<left>\p{L}+)(?:-|(?P<marker>\d{1,2}))$")
_FIRST_WORD = regex.compile(r"\p{L}+")


def _body_width(blocks: tuple[Block, ...]) -> float:
    """The typical width of a full line of body text: the median of the
    paragraphs' lines other than their last."""
    lengths = [len(ln.text) for b in blocks if b.kind == PARAGRAPH for ln in b.lines[:-1] if ln.text]
    lengths.sort()
    return lengths[len(lengths) // 2] if lengths else 0.0


def _read_again(doc: Document, width: float) -> bool:
    """Not one wrapped paragraph and every block on a line of its own:
    reflow's own output read again (or text scraped one paragraph per line).
    No line shows where a column or page ended, and a paragraph that stops
    mid-sentence was left so by the run that could see it."""
    return not width and one_block_per_line(doc.lines)


def _open(block: Block, width: float) -> bool:
    """Does a prose paragraph stop in the middle of a sentence, at the end of
    a full line (where a column or page ended)?"""
    text = block.text
    if (block.kind != PARAGRAPH or not text or _layout_like(block)
            or _ends_sentence(text) or text.endswith((":", ";"))):
        return False
    last = block.lines[-1].text if block.lines else text
    if len(block.lines) < 2 and len(last) < max(width, ONE_LINE):
        return False  # a short one-line fragment (a title, a label) is no cut paragraph
    if len(last) < FULL * width:
        return False
    letters = sum(map(str.isalpha, text))
    return letters >= 0.5 * len(text.replace(" ", ""))


def _continuation(block: Block) -> bool:
    """Could ``block`` be the rest of an open paragraph? It starts in lower
    case, as no paragraph, caption or note does."""
    return (block.kind == PARAGRAPH and not block.label and block.text[:1].islower()
            and not _LETTER_NOTE.match(block.text) and len(block.text.split()) >= MIN_WORDS)


def _interrupter(block: Block, width: float) -> bool:
    """Material an extractor drops into running text: tables, captions, notes,
    narrow fragments. A paragraph that reads as body text is not."""
    if block.kind in (TABLE, CAPTION):
        return True
    if block.kind != PARAGRAPH:
        return False  # a heading or a list: the text has moved on
    texts = [ln.text for ln in block.lines if ln.text]
    if _NOTE_START.match(block.text) or _LETTER_NOTE.match(block.text) or note_head(block.text):
        return True
    if (len(texts) <= MAX_ADDRESS_LINES and block.text.count(",") >= 2
            and _INSTITUTION.search(block.text)):
        return True
    widths = sorted(len(t) for t in texts)
    return bool(widths) and widths[len(widths) // 2] < NARROW * width


def _beside_table(blocks: list[Block], k: int) -> bool:
    """A paragraph right after a table or caption, or right before a table,
    belongs to the table: its header text, its notes."""
    return (blocks[k].kind == PARAGRAPH
            and (blocks[k - 1].kind in (TABLE, CAPTION)
                 or (k + 1 < len(blocks) and blocks[k + 1].kind == TABLE)))


def _mend(a: str, b: str, vocab_of) -> str | None:
    """``a`` continued by ``b``, or None when ``a`` ends in a split word that
    ``b`` does not complete (``progres-`` + ``ing`` makes no word).
    ``vocab_of()`` gives the document's vocabulary (built when first needed)."""
    m = _SPLIT_WORD.search(a)
    w = _FIRST_WORD.match(b)
    if not m or not w:
        return a + " " + b
    left, right = m.group("left"), w.group()
    joined = (left + right).lower()
    if m.group("marker"):  # only a proven word lets the marker go
        if zipf(joined) >= max(zipf(left), zipf(right)) + MARKER_MARGIN:
            return a[: m.start("marker")] + b
        return a + " " + b
    vocab = vocab_of()
    action = decide(left, right, vocab)
    if action == "join" and (vocab[joined] or zipf(joined) > 0):
        return a[:-1] + b
    if action == "keep" and vocab[f"{left}-{right}".lower()] + zipf(right) > 0:
        return a + b
    return None


def rejoin_interrupted_paragraphs(doc: Document, config) -> Document:
    """Join a paragraph to its continuation across tables, captions and notes.

    >>> from reflow.model import Block, Document, Line
    >>> lines = (Line("The rain that came in from the west in the night fell on"),
    ...          Line("the fields and the roads and the roofs of the village and the"))
    >>> doc = Document(blocks=(Block("paragraph", " ".join(ln.text for ln in lines), lines),
    ...                        Block("caption", "Rainfall in May.", label="Figure 2."),
    ...                        Block("paragraph", "hills all night.")))
    >>> [b.text[-38:] for b in rejoin_interrupted_paragraphs(doc, None).blocks]
    ['f the village and the hills all night.', 'Rainfall in May.']
    """
    blocks = list(doc.blocks)
    if not any(map(_continuation, blocks[2:])):
        return doc  # a join needs a continuation, with something between it and the cut paragraph
    width = _body_width(doc.blocks)
    if _read_again(doc, width):
        return doc
    found = []

    def vocab_of():  # the vocabulary of the blocks as they came, made at the first hyphen to judge
        if not found:  # (counting only the few words looked up, not all of them)
            found.append(Vocabulary.of([b.text for b in doc.blocks]))
        return found[0]

    i = 0
    changed = False
    while i < len(blocks):
        if not _open(blocks[i], width):
            i += 1
            continue
        j = i + 1
        while j < len(blocks) and j - i <= MAX_GAP:
            if _continuation(blocks[j]):
                break
            if not (_interrupter(blocks[j], width) or _beside_table(blocks, j)):
                j = len(blocks)
                break
            j += 1
        if j >= len(blocks) or j - i > MAX_GAP or j == i + 1:
            i += 1  # nothing between (build_paragraphs judged that break) or no continuation
            continue
        text = _mend(blocks[i].text, blocks[j].text, vocab_of)
        if text is None:
            i += 1
            continue
        joined = replace(blocks[i], text=" ".join(text.split()), lines=blocks[i].lines + blocks[j].lines)
        blocks[i:j + 1] = [joined, *blocks[i + 1:j]]
        changed = True  # the joined paragraph may still be open: look again from it
    return replace(doc, blocks=tuple(blocks)) if changed else doc
